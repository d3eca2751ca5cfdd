/* strset.h: a set of strings with a value each, for duplicate checks on
 * imports of any size (open addressing, FNV-1a). */
#ifndef PANELIST_STRSET_H
#define PANELIST_STRSET_H

#include <stddef.h>
#include <stdint.h>

struct strset {
	struct strset_slot {
		char		*key;
		const void	*value;
		uint64_t	 hash;
	}	*slots;
	size_t	 n;
	size_t	 cap;
};

/* The value stored for key, or NULL. */
const void *strset_get(const struct strset *, const char *key);
/* Store key -> value unless key is there; returns the earlier value or NULL. */
const void *strset_put(struct strset *, const char *key, const void *value);
/* Store key -> value, replacing an earlier value, which it returns (or NULL). */
const void *strset_set(struct strset *, const char *key, const void *value);
void strset_free(struct strset *);

#endif
