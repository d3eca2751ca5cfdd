/* scores.h: model scores with jackknife t intervals, and paired comparisons.
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
 * Intervals are 95 % (or `level`) Student-t intervals whose standard
 * error is the delete-one-prompt jackknife: the prompt is the sampling
 * unit (a model's outputs, the capabilities of a prompt and the axes of
 * an output all move together).  For a score that is a mean over prompts
 * this is exactly the t interval on the prompt-level means with n - 1
 * degrees of freedom; for the overall score, a weighted sum over
 * capabilities, the jackknife is stratified by capability (a prompt goes
 * to the first capability it was rated on) and the degrees of freedom
 * are Welch-Satterthwaite's.  Simulated panels of 6 to 24 prompts per
 * capability cover the truth 94-95 % of the time (test-coverage.c);
 * the percentile bootstrap this replaced covered 87-89 % at 6.
 *
 * With fewer than SCORES_MIN_PROMPTS prompts behind a row (behind one of
 * its capabilities, for the overall score) it has no interval: `few` is
 * set and the formats say "too few prompts (n)". */
#ifndef PANELIST_SCORES_H
#define PANELIST_SCORES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ratings.h"

#define SCORES_BOOT_DEFAULT	2000
#define SCORES_NONE		UINT32_MAX	/* not part of the grouping */
/* Fewest independent prompts an interval is given for: at 2 a t interval
 * has 1 degree of freedom and is 12.7 standard errors wide each way,
 * which says nothing a panel can act on; at 3 it still covers (simulated
 * coverage of the capability intervals: test-coverage.c). */
#define SCORES_MIN_PROMPTS	3

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
	bool			 reviewers_random; /* see below */
};

/* With reviewers_random the reviewers are a sample of the people who could
 * have rated, and the intervals are about that population: a second,
 * delete-one-reviewer jackknife adds the variance between reviewers to the
 * prompts' (the sum of the two one-way variances, as for a crossed design;
 * it counts the residual twice, erring wide), with Welch-Satterthwaite
 * degrees of freedom over both.  Fewer than SCORES_MIN_REVIEWERS
 * reviewers: no interval ("too few reviewers (n)"). */
#define SCORES_MIN_REVIEWERS	3

/* Defaults: by model and capability, 2,000 resamples, the set's seed,
 * 95 %, no filter. */
void	scores_opts_init(struct scores_opts *);

struct score {
	double	value;		/* NAN when nothing usable was rated */
	double	lo, hi;		/* the interval; NAN when there is none */
	double	se, df;		/* its standard error and degrees of
				   freedom; NAN when there is none */
	size_t	prompts;	/* independent prompts behind the value */
	bool	few;		/* fewer than SCORES_MIN_PROMPTS: no interval */
	size_t	few_n;		/* the count that fell short */
	bool	few_reviewers;	/* few is about reviewers, not prompts */
	size_t	outputs;	/* outputs with a usable rating */
	size_t	ratings;	/* usable ratings */
	size_t	na;		/* N/A ratings left out */
	size_t	flagged;	/* ratings of flagged outputs (counted in) */
};

/* The outputs of one model on one capability that some reviewer flagged,
 * by reason (an output flagged for two reasons counts under both).  The
 * ratings of flagged outputs count in every score like any other: a flag
 * is information for the panel, and leaving out the ratings of the
 * outputs found broken would raise their model's score. */
struct flag_share {
	size_t	outputs;			/* rated on the capability */
	size_t	flagged;			/* for any reason */
	size_t	by[RATING_FLAG_KINDS];		/* [RATING_FLAG_NONE] unused */
};

/* Per model * n_capabilities + capability, over the ratings the filter
 * keeps (NULL: all). */
struct flag_share *flag_shares(const struct rating_set *,
	    const struct rating_filter *);

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
	size_t		n_rated;	/* of the n_counted: weighted, kept, */
	size_t		n_counted;	/* rated for some model */
	bool		partial;	/* n_rated < n_counted: shown apart */
};

struct scores {
	const struct rating_set	*set;		/* borrowed, for names */
	enum scores_group	 group;
	uint64_t		 seed;
	size_t			 n_boot;	/* 0: no intervals */
	double			 level;
	bool			 reviewers_random;
	size_t			 n_reviewers;	/* the panel, when random */
	size_t			 n_pool;	/* prompts with a usable rating */
	struct scores_row	*rows;		/* in index order */
	size_t			 n_rows;
	struct scores_overall	*overall;	/* every model kept: those rated
						   on every capability that
						   counts, then the partial */
	size_t			 n_overall;
	struct score		 total;		/* counts over all kept */
	struct flag_share	*flags;		/* see flag_shares */
};

int	scores_compute(const struct rating_set *, const struct scores_opts *,
	    struct scores *);
void	scores_free(struct scores *);

/* A paired comparison of two models on the prompts both were rated on.
 * Per capability and prompt, each model's value is the mean over the axes
 * both were rated on of its item means; the difference is the mean over
 * shared prompts of A - B.  The overall row weighs the capabilities as
 * the overall score does, over those with shared prompts.  Intervals are
 * jackknife t intervals over the shared prompts, as for the scores (group
 * and filter.models of the options are not used).  "differs" is decided
 * with Holm's correction over every row that has an interval, so the
 * chance that some row says "differs" when no model differs anywhere is
 * at most 1 - level; `differs_raw` is the row's own verdict.  -1 when a
 * or b is not a model of the set or a == b. */
struct compare_row {
	uint32_t	capability;	/* SCORES_NONE: the overall row */
	size_t		prompts;	/* shared prompts */
	double		a, b;		/* means over the shared prompts */
	double		diff, lo, hi;	/* a - b and its interval */
	double		se, df;
	double		p, p_holm;	/* two-sided; NAN without interval */
	bool		few;		/* too few shared prompts */
	size_t		few_n;
	bool		few_reviewers;	/* few is about reviewers */
	bool		differs_raw;	/* the interval excludes 0 */
	bool		differs;	/* Holm-adjusted p below 1 - level */
	double		weight;		/* share in the overall row */
};

struct compare {
	const struct rating_set	*set;
	uint32_t		 model_a, model_b;
	uint64_t		 seed;
	size_t			 n_boot;
	double			 level;
	bool			 reviewers_random;
	size_t			 n_reviewers;
	size_t			 n_pool;	/* prompts shared */
	size_t			 n_tested;	/* rows in Holm's family */
	struct compare_row	*rows;		/* capabilities, then overall */
	size_t			 n_rows;
	struct flag_share	*flags;		/* see flag_shares */
};

int	compare_compute(const struct rating_set *, uint32_t a, uint32_t b,
	    const struct scores_opts *, struct compare *);
void	compare_free(struct compare *);

#endif
