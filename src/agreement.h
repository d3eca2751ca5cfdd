/* agreement.h: how far the reviewers agree, and who stands out.
 *
 * The engine behind `panelist agreement`.
 *
 * Krippendorff's alpha (kalpha.h) for each capability and axis, with the
 * outputs as units; for each capability over all its axes, with (output,
 * axis) pairs as units; and for the whole panel, every capability and axis
 * pooled when every rubric has the same scale (otherwise one alpha per
 * scale, and the panel's is undefined).  Intervals are percentile
 * bootstrap intervals that resample PROMPTS with replacement, the
 * independent unit (every prompt with a pairable item is in the pool;
 * resample b comes from boot_seed(seed, b)), one count vector per resample
 * for every row, so the outputs of one prompt and an output's axes stay
 * together.  Resamples in which alpha is undefined are left out and
 * counted (ka_result.boot_defined).
 *
 * For each reviewer: how many ratings and their mean; leniency, the mean of
 * (their score - the mean of the other reviewers' scores on the same
 * output, capability and axis); the panel's alpha without them; straight-
 * lining, the share of their (output, capability) items with at least two
 * axes rated where every rated axis got the same score; and halo, the mean
 * over axis pairs of the Pearson correlation between their scores on the
 * two axes across their (output, capability) items. */
#ifndef PANELIST_AGREEMENT_H
#define PANELIST_AGREEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ratings.h"
#include "kalpha.h"

#define AGREEMENT_BOOT_DEFAULT	2000
#define AGREEMENT_ALL		UINT32_MAX	/* every axis / capability */

/* When a reviewer stands out, so that a panel lead sees at once whom to
 * talk to.  Each flag needs AGREEMENT_MIN_ITEMS observations behind it, so
 * that nobody is flagged on three ratings.
 *   lenient, harsh	|leniency| > 0.5: half a scale point away from the
 *			others on average, on a 1-5 scale more than anyone
 *			disagrees by chance once averaged over items;
 *   straight-lines	more than 50 % of their items got one score on
 *			every axis: the axes are not being read apart;
 *   halo		their axes correlate above 0.9 on average: one
 *			overall impression drives every axis;
 *   lowers alpha	the panel's alpha rises by more than 0.05 without
 *			them, a notable change for one person of a panel. */
#define AGREEMENT_LENIENCY	0.5
#define AGREEMENT_STRAIGHT	0.5
#define AGREEMENT_HALO		0.9
#define AGREEMENT_ALPHA_GAIN	0.05
#define AGREEMENT_MIN_ITEMS	5

enum {
	AGREEMENT_LENIENT = 0x01,
	AGREEMENT_HARSH = 0x02,
	AGREEMENT_STRAIGHT_LINES = 0x04,
	AGREEMENT_HALO_FLAG = 0x08,
	AGREEMENT_LOWERS_ALPHA = 0x10
};

struct agreement_opts {
	enum ka_metric		 metric;	/* KA_ORDINAL by default */
	struct rating_filter	 filter;
	size_t			 n_boot;	/* 0: no intervals */
	bool			 has_seed;	/* else the set's seed */
	uint64_t		 seed;
	double			 level;
};

void	agreement_opts_init(struct agreement_opts *);

struct agreement_cell {
	uint32_t	 capability;	/* AGREEMENT_ALL: the whole panel */
	uint32_t	 axis;		/* AGREEMENT_ALL: all axes pooled */
	struct ka_result alpha;
};

struct agreement_reviewer {
	uint32_t	 reviewer;
	size_t		 ratings;	/* usable ratings */
	double		 mean;
	double		 leniency;	/* NAN: never rated with others */
	size_t		 compared;	/* ratings behind the leniency */
	struct ka_result without;	/* the panel's alpha without them */
	double		 alpha_gain;	/* without - with; NAN if undefined */
	double		 straight;	/* share; NAN: no item had 2 axes */
	size_t		 straight_items;
	double		 halo;		/* NAN when no pair is defined */
	size_t		 halo_pairs;	/* axis pairs with a correlation */
	size_t		 halo_items;	/* items behind them */
	unsigned	 flags;		/* AGREEMENT_LENIENT ... */
};

/* The capabilities whose rubrics share one scale, pooled. */
struct agreement_scale {
	double		 min, max;
	size_t		 capabilities;
	struct ka_result alpha;
};

/* Why the panel's alpha is undefined when the rubrics' scales differ. */
extern const char agreement_why_scales[];

struct agreement {
	const struct rating_set	*set;		/* borrowed, for names */
	enum ka_metric		 metric;
	uint64_t		 seed;
	size_t			 n_boot;
	double			 level;
	size_t			 n_pool;	/* prompts resampled */
	/* Per capability its axes, then its all-axes row; the whole
	 * panel last. */
	struct agreement_cell	*cells;
	size_t			 n_cells;
	struct ka_result	 panel;		/* = the last cell; undefined
						   when scales differ */
	struct agreement_scale	*scales;	/* one per rating scale */
	size_t			 n_scales;
	struct agreement_reviewer *reviewers;	/* those with ratings */
	size_t			 n_reviewers;
};

int	agreement_compute(const struct rating_set *,
	    const struct agreement_opts *, struct agreement *);
void	agreement_free(struct agreement *);

/* Which table: a CSV or TSV stream holds one, so AGREEMENT_BOTH is for
 * table, md and json only (-1 otherwise). */
enum agreement_part {
	AGREEMENT_ALPHA,
	AGREEMENT_REVIEWERS,
	AGREEMENT_BOTH
};


#endif
