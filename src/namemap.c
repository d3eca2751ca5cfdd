/* namemap.c: text to a number, found in constant time.
 *
 * Open addressing on an FNV-1a hash, grown at half full.  The loaders use it
 * wherever "has this name been seen" would otherwise be a scan of every name
 * before it: quadratic in a list of a million names. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "namemap.h"
#include "util.h"

static size_t
slot(const struct namemap *m, const char *name)
{
	size_t h = 2166136261u, i;
	const char *s;

	for (s = name; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	for (i = h & (m->cap - 1); m->names[i] != NULL; i = (i + 1) & (m->cap - 1)) {
		if (strcmp(m->names[i], name) == 0)
			break;
	}
	return i;
}

static void
grow(struct namemap *m)
{
	struct namemap old = *m;
	size_t i, j;

	m->cap = old.cap == 0 ? 64 : old.cap * 2;
	m->names = xcalloc(m->cap, sizeof *m->names);
	m->values = xcalloc(m->cap, sizeof *m->values);
	for (i = 0; i < old.cap; i++) {
		if (old.names[i] != NULL) {
			j = slot(m, old.names[i]);
			m->names[j] = old.names[i];
			m->values[j] = old.values[i];
		}
	}
	free(old.names);
	free(old.values);
}

int
namemap_put(struct namemap *m, const char *name, int value)
{
	size_t i;
	int old;

	if (2 * (m->n + 1) > m->cap)
		grow(m);
	i = slot(m, name);
	old = m->names[i] != NULL ? m->values[i] : 0;
	if (m->names[i] == NULL) {
		m->names[i] = xstrdup(name);
		m->n++;
	}
	m->values[i] = value;
	return old;
}

int
namemap_get(const struct namemap *m, const char *name)
{
	size_t i;

	if (m->cap == 0)
		return 0;
	i = slot(m, name);
	return m->names[i] != NULL ? m->values[i] : 0;
}

void
namemap_free(struct namemap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->names[i]);
	free(m->names);
	free(m->values);
	memset(m, 0, sizeof *m);
}
