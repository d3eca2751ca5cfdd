/* strset.c: open-addressing string map. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strset.h"
#include "util.h"

static uint64_t
hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static struct strset_slot *
find(const struct strset *set, const char *key)
{
	size_t i = (size_t)hash(key) & (set->cap - 1);

	while (set->slots[i].key != NULL && strcmp(set->slots[i].key, key) != 0)
		i = (i + 1) & (set->cap - 1);
	return &set->slots[i];
}

static void
grow(struct strset *set)
{
	struct strset old = *set;
	size_t i;

	set->cap = old.cap ? old.cap * 2 : 64;
	set->slots = xcalloc(set->cap, sizeof *set->slots);
	for (i = 0; i < old.cap; i++) {
		if (old.slots[i].key != NULL)
			*find(set, old.slots[i].key) = old.slots[i];
	}
	free(old.slots);
}

const void *
strset_get(const struct strset *set, const char *key)
{
	if (set->cap == 0)
		return NULL;
	return find(set, key)->value;
}

const void *
strset_put(struct strset *set, const char *key, const void *value)
{
	struct strset_slot *slot;

	if ((set->n + 1) * 2 > set->cap)
		grow(set);
	slot = find(set, key);
	if (slot->key != NULL)
		return slot->value;
	slot->key = xstrdup(key);
	slot->value = value;
	set->n++;
	return NULL;
}

const void *
strset_set(struct strset *set, const char *key, const void *value)
{
	struct strset_slot *slot;
	const void *old;

	if ((old = strset_put(set, key, value)) != NULL) {
		slot = find(set, key);
		slot->value = value;
	}
	return old;
}

void
strset_free(struct strset *set)
{
	size_t i;

	for (i = 0; i < set->cap; i++)
		free(set->slots[i].key);
	free(set->slots);
	memset(set, 0, sizeof *set);
}
