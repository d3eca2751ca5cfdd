/* items.h: the ratings that count, grouped into items.
 *
 * An item is one output's ratings on one capability and one axis.  Scores
 * average an item's ratings first, so an output counts once however many
 * reviewers rated it; agreement compares the ratings within an item.  N/A
 * ratings (NAN score) are not part of any item; the engines count them
 * separately.  Flagged ratings count like any other (a flag must never make
 * a model look better); the engines report the share of outputs flagged. */
#ifndef PANELIST_ITEMS_H
#define PANELIST_ITEMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ratings.h"

struct item {
	uint32_t	output;
	uint32_t	prompt;
	uint32_t	model;
	uint32_t	capability;
	uint32_t	axis;
	uint32_t	n;		/* ratings */
	size_t		first;		/* into items.order */
	double		mean;		/* over the item's ratings */
};

struct items {
	uint32_t	*order;		/* usable ratings, by output, capability,
					   axis and reviewer */
	size_t		 n_order;
	struct item	*v;		/* in the same order */
	size_t		 n;
};

/* Which models and capabilities to keep: an array of n_models (or
 * n_capabilities) flags, or NULL for all. */
struct rating_filter {
	const bool	*models;
	const bool	*capabilities;
};

/* 0 when every index of every rating and output is in range, every
 * weight is >= 0 and the scale is not reversed; -1 otherwise. */
int	ratings_check(const struct rating_set *);
/* A rating that counts: not N/A (flagged or not). */
bool	rating_usable(const struct rating *);
/* Whether a rating passes the filter (usable or not). */
bool	rating_kept(const struct rating *, const struct rating_filter *);

/* -1 when ratings_check refuses the set. */
int	items_build(const struct rating_set *, const struct rating_filter *,
	    struct items *);
void	items_free(struct items *);

/* The index of `key` in names: its exact name, else a number counting
 * from 1 as a person counts (so "2" is names[1]) when no name matches.
 * -1 when neither finds it. */
int	ratings_lookup(char *const *names, size_t n, const char *key,
	    uint32_t *idx);

#endif
