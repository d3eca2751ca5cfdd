/* ratings.h: the ratings of a study as plain arrays, for the statistics.
 *
 * The storage module fills a rating_set with one pass of SQL; scores,
 * comparisons and agreement compute over these arrays in C, never over
 * the database.  Every index refers into one of the name arrays. */
#ifndef PANELIST_RATINGS_H
#define PANELIST_RATINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The reasons a reviewer can flag an output for (review.flag). */
enum rating_flag {
	RATING_FLAG_NONE,
	RATING_FLAG_BROKEN,
	RATING_FLAG_OFF_TOPIC,
	RATING_FLAG_UNSAFE,
	RATING_FLAG_OTHER,
	RATING_FLAG_KINDS
};

/* "broken", "off-topic", "unsafe", "other"; "" for none. */
const char	*rating_flag_name(enum rating_flag);
/* The kind of a flag's name; RATING_FLAG_OTHER for a name not known,
 * RATING_FLAG_NONE for NULL. */
enum rating_flag rating_flag_parse(const char *);

/* 16 bytes: a million of them are most of what a command holds.  The
 * prompt and model are the output's (rating_prompt, rating_model).  A
 * score is a whole number within LOAD_SCALE_LOW..LOAD_SCALE_HIGH (every
 * way in checks it), which a float holds exactly, so the sums in double
 * come out as they would from a double. */
struct rating {
	float score;		/* NAN when the reviewer marked the axis N/A */
	uint32_t output;	/* into output_*: one model's answer to one prompt */
	uint32_t reviewer : 28;	/* into reviewers (RATINGS_MAX_REVIEWERS) */
	uint32_t flagged : 1;	/* this reviewer flagged this output; the
				   rating counts all the same */
	uint32_t flag : 3;	/* why: enum rating_flag (NONE: see flagged) */
	uint16_t capability;	/* into capabilities (RATINGS_MAX_NAMES) */
	uint16_t axis;		/* into axes (RATINGS_MAX_NAMES) */
};

/* At most this many capabilities and axes: their indices are 16 bits. */
#define RATINGS_MAX_NAMES	65536
/* At most this many reviewers: their indices are 28 bits. */
#define RATINGS_MAX_REVIEWERS	(1u << 28)

struct rating_set {
	struct rating *ratings;
	size_t n_ratings;

	char **prompts;		/* prompt ids */
	size_t n_prompts;
	char **models;		/* model names */
	size_t n_models;
	char **capabilities;	/* capability ids */
	size_t n_capabilities;
	char **axes;		/* axis ids, in rubric order */
	size_t n_axes;
	char **reviewers;	/* reviewer names */
	size_t n_reviewers;

	uint32_t *output_prompt;	/* per output: its prompt */
	uint32_t *output_model;		/* per output: its model */
	size_t n_outputs;

	double *weights;	/* per capability: the study's weight (>= 0) */
	double scale_min;	/* the rating scale, for ratio/interval metrics */
	double scale_max;
	double *cap_min;	/* per capability: its rubric's scale; NULL: */
	double *cap_max;	/* every capability on scale_min..scale_max */
	uint64_t seed;		/* the study seed */
	bool reviewers_random;	/* the study's default for --reviewers */
	size_t n_earlier;	/* ratings of earlier prompt or rubric versions: not here */
};

void rating_set_free(struct rating_set *);

/* Into prompts: the bootstrap's resampling unit. */
static inline uint32_t
rating_prompt(const struct rating_set *set, const struct rating *r)
{
	return set->output_prompt[r->output];
}

/* Into models. */
static inline uint32_t
rating_model(const struct rating_set *set, const struct rating *r)
{
	return set->output_model[r->output];
}

/* ---- units: the ratings that count, grouped (ratings.c) ----------------------
 *
 * A unit is one output's ratings on one capability and one axis.  Scores
 * average a unit's ratings first, so an output counts once however many
 * reviewers rated it; agreement compares the ratings within a unit.  N/A
 * ratings (NAN score) are not part of any unit; the engines count them
 * separately.  Flagged ratings count like any other (a flag must never make
 * a model look better); the engines report the share of outputs flagged. */

/* 24 bytes, a third as many as the ratings where three reviewers rate
 * each output; the prompt and model are the output's (unit_prompt,
 * unit_model). */
struct unit {
	uint32_t	output;
	uint16_t	capability;
	uint16_t	axis;
	uint32_t	n;		/* ratings */
	uint32_t	first;		/* into units.order */
	double		mean;		/* over the unit's ratings */
};

struct units {
	uint32_t	*order;		/* usable ratings, by output, capability,
					   axis and reviewer */
	size_t		 n_order;
	struct unit	*v;		/* in the same order */
	size_t		 n;
};

static inline uint32_t
unit_prompt(const struct rating_set *set, const struct unit *u)
{
	return set->output_prompt[u->output];
}

static inline uint32_t
unit_model(const struct rating_set *set, const struct unit *u)
{
	return set->output_model[u->output];
}

/* Which models and capabilities to keep: an array of n_models (or
 * n_capabilities) flags, or NULL for all. */
struct rating_filter {
	const bool	*models;
	const bool	*capabilities;
};

/* 0 when every index of every rating and output is in range, every
 * weight is >= 0, the scale is not reversed and there are no more than
 * RATINGS_MAX_NAMES capabilities and axes nor RATINGS_MAX_REVIEWERS
 * reviewers; -1 otherwise. */
int	ratings_check(const struct rating_set *);
/* A rating that counts: not N/A (flagged or not). */
bool	rating_usable(const struct rating *);
/* Whether a rating passes the filter (usable or not). */
bool	rating_kept(const struct rating_set *, const struct rating *,
	    const struct rating_filter *);

/* -1 when ratings_check refuses the set. */
int	units_build(const struct rating_set *, const struct rating_filter *,
	    struct units *);
void	units_free(struct units *);

/* The index of `key` in names: its exact name, else a number counting
 * from 1 as a person counts (so "2" is names[1]) when no name matches.
 * -1 when neither finds it. */
int	ratings_lookup(char *const *names, size_t n, const char *key,
	    uint32_t *idx);

#endif
