/* namemap.h: a map from text to a non-zero int, in constant time a lookup. */
#ifndef PANELIST_NAMEMAP_H
#define PANELIST_NAMEMAP_H

#include <stddef.h>

struct namemap {
	char	**names;
	int	 *values;
	size_t	  cap, n;
};

/* Map name (copied) to value, which must not be 0; returns the value it
 * had, or 0 when it was new. */
int namemap_put(struct namemap *, const char *name, int value);
/* The value of name, or 0 when it has none. */
int namemap_get(const struct namemap *, const char *name);
void namemap_free(struct namemap *);

#endif
