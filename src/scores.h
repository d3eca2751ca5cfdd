/* scores.h: model scores with bootstrap intervals, and paired comparisons.
 *
 * The engine behind `panelist scores` and `panelist compare`.
 *
 * A score is a mean of item means: each output's ratings on an axis are
 * averaged over its reviewers first, so an output rated by three people
 * weighs the same as one rated by one.  A capability score is the mean of
 * its axis scores; a model's overall workplace score is its capability
 * scores weighted by the study's weights, renormalised over the
 * capabilities the model was rated on.  N/A and flagged ratings are left
 * out and counted.
 *
 * Intervals are 95 % (or `level`) percentile bootstrap intervals that
 * resample PROMPTS with replacement: the prompt is the sampling unit (a
 * model's outputs, the capabilities of a prompt and the axes of an output
 * all move together).  The pool is every prompt with at least one usable
 * rating in the set, whatever the filters, and resample b draws from it
 * with boot_seed(seed, b): one count vector per resample serves every
 * row, so the capability and overall intervals come from the same
 * resamples as the axis ones, filters do not change the intervals of the
 * rows they keep, and the same seed gives the same numbers to the last
 * digit. */
#ifndef PANELIST_SCORES_H
#define PANELIST_SCORES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "items.h"
#include "ratings.h"
#include "tabular.h"

#define SCORES_BOOT_DEFAULT	2000
#define SCORES_NONE		UINT32_MAX	/* not part of the grouping */

enum scores_group {
	SCORES_BY_MODEL,	/* the overall workplace score */
	SCORES_BY_CAPABILITY,	/* model, capability: the default */
	SCORES_BY_AXIS,		/* model, capability, axis */
	SCORES_BY_REVIEWER	/* the mean score each reviewer gave */
};

/* "model", "model,capability", "model,capability,axis", "reviewer". */
const char	*scores_group_name(enum scores_group);
int		 scores_group_parse(const char *, enum scores_group *);

struct scores_opts {
	enum scores_group	 group;
	struct rating_filter	 filter;
	size_t			 n_boot;	/* 0: no intervals */
	bool			 has_seed;	/* else the set's seed */
	uint64_t		 seed;
	double			 level;		/* of the intervals */
};

/* Defaults: by model and capability, 2,000 resamples, the set's seed,
 * 95 %, no filter. */
void	scores_opts_init(struct scores_opts *);

struct score {
	double	value;		/* NAN when nothing usable was rated */
	double	lo, hi;		/* the interval; NAN when there is none */
	size_t	outputs;	/* outputs with a usable rating */
	size_t	ratings;	/* usable ratings */
	size_t	na;		/* N/A ratings left out */
	size_t	flagged;	/* flagged ratings left out */
};

struct scores_row {
	uint32_t	model;		/* SCORES_NONE when not grouped by */
	uint32_t	capability;
	uint32_t	axis;
	uint32_t	reviewer;
	struct score	score;
};

/* A model's overall workplace score and how it was weighted. */
struct scores_overall {
	uint32_t	model;
	struct score	score;
	double		*weights;	/* per capability: the share it got, 0
					   when missing or filtered out */
	bool		*missing;	/* per capability: kept by the filter
					   but not rated for this model */
	size_t		n_missing;
};

struct scores {
	const struct rating_set	*set;		/* borrowed, for names */
	enum scores_group	 group;
	uint64_t		 seed;
	size_t			 n_boot;
	double			 level;
	size_t			 n_pool;	/* prompts resampled */
	struct scores_row	*rows;		/* in index order */
	size_t			 n_rows;
	struct scores_overall	*overall;	/* every model kept */
	size_t			 n_overall;
	struct score		 total;		/* counts over all kept */
};

int	scores_compute(const struct rating_set *, const struct scores_opts *,
	    struct scores *);
void	scores_free(struct scores *);

/* A paired comparison of two models on the prompts both were rated on.
 * Per capability and prompt, each model's value is the mean over the axes
 * both were rated on of its item means; the difference is the mean over
 * shared prompts of A - B.  The overall row weighs the capabilities as
 * the overall score does, over those with shared prompts.  The interval
 * resamples the prompts shared on some capability (group and filter.models
 * of the options are not used).  -1 when a or b is not a model of the set
 * or a == b. */
struct compare_row {
	uint32_t	capability;	/* SCORES_NONE: the overall row */
	size_t		prompts;	/* shared prompts */
	double		a, b;		/* means over the shared prompts */
	double		diff, lo, hi;	/* a - b and its interval */
	bool		differs;	/* the interval excludes 0 */
	double		weight;		/* share in the overall row */
};

struct compare {
	const struct rating_set	*set;
	uint32_t		 model_a, model_b;
	uint64_t		 seed;
	size_t			 n_boot;
	double			 level;
	size_t			 n_pool;	/* prompts resampled */
	struct compare_row	*rows;		/* capabilities, then overall */
	size_t			 n_rows;
};

int	compare_compute(const struct rating_set *, uint32_t a, uint32_t b,
	    const struct scores_opts *, struct compare *);
void	compare_free(struct compare *);

/* Write to f in a format; width is for TAB_TABLE (0: no limit).  Scores
 * use %.2f, differences %+.2f.  JSON gives full numbers, null for
 * undefined, the weights used and the missing capabilities. */
int	scores_format(const struct scores *, enum tab_format, int width,
	    FILE *);
int	compare_format(const struct compare *, enum tab_format, int width,
	    FILE *);

#endif
