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
	/* The table takes the low bits, and a multiplication carries no high
	 * bit down: fold them in, or keys that differ late (the digits of
	 * "p-00042", a hash in hex) crowd into runs of slots. */
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ULL;
	h ^= h >> 32;
	return h;
}

/* Each slot keeps its key's hash: a probe past another key then costs a
 * comparison of two numbers, not a visit to that key's string (a cache
 * miss each, a quarter of an import's unchanged re-read). */
static struct strset_slot *
find(const struct strset *set, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (set->cap - 1);

	while (set->slots[i].key != NULL && (set->slots[i].hash != h ||
	    strcmp(set->slots[i].key, key) != 0))
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
			*find(set, old.slots[i].key, old.slots[i].hash) = old.slots[i];
	}
	free(old.slots);
}

const void *
strset_get(const struct strset *set, const char *key)
{
	if (set->cap == 0)
		return NULL;
	return find(set, key, hash(key))->value;
}

const void *
strset_put(struct strset *set, const char *key, const void *value)
{
	struct strset_slot *slot;
	uint64_t h = hash(key);

	if ((set->n + 1) * 2 > set->cap)
		grow(set);
	slot = find(set, key, h);
	if (slot->key != NULL)
		return slot->value;
	slot->key = xstrdup(key);
	slot->hash = h;
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
		slot = find(set, key, hash(key));
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
