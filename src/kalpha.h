/* kalpha.h: Krippendorff's alpha, from (unit, value) pairs.
 *
 * Alpha is computed the way Krippendorff (2011, "Computing Krippendorff's
 * Alpha-Reliability") lays it out: a coincidence matrix over the sorted,
 * distinct values, in which each unit with m >= 2 values adds every ordered
 * pair of its values with weight 1/(m-1); units with fewer than two values
 * are not pairable and add nothing.  Then
 *
 *	alpha = 1 - (n - 1) * sum o[c][k] d2(c,k) / sum n[c] n[k] d2(c,k)
 *
 * with n[c] the row sums and n their total (the pairable values), and d2
 * the squared difference of the metric (nominal, ordinal from the marginal
 * frequencies, interval, ratio).  Alpha is undefined when nothing is
 * pairable or when every pairable value is the same (expected disagreement
 * 0); it is then never given as a number.
 *
 * The matrix is additive over units, so the engines build one per cell and
 * add them up, and a bootstrap resample is a weighted sum: ka_units keeps
 * the units reduced to their distinct value patterns, which a rating scale
 * keeps few, so a resample costs one pass over the units plus one small
 * matrix per pattern.  The matrix takes nv * nv doubles: it is meant for
 * rating scales, not for thousands of distinct values. */
#ifndef PANELIST_KALPHA_H
#define PANELIST_KALPHA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ka_metric {
	KA_NOMINAL,
	KA_ORDINAL,
	KA_INTERVAL,
	KA_RATIO		/* values must be >= 0 */
};

const char	*ka_metric_name(enum ka_metric);
/* "nominal", "ordinal", "interval" or "ratio"; -1 for anything else. */
int		 ka_metric_parse(const char *, enum ka_metric *);

/* Why alpha is undefined, as result.why points to them. */
extern const char ka_why_no_pairs[];
extern const char ka_why_no_variation[];

struct ka_result {
	bool		 defined;
	const char	*why;		/* NULL, or one of the ka_why_ texts */
	double		 alpha;		/* NAN when undefined */
	double		 observed;	/* D_o: disagreement observed */
	double		 expected;	/* D_e: disagreement expected by chance */
	size_t		 units;		/* pairable units */
	size_t		 values;	/* pairable values (n..) */
	double		 lo, hi;	/* bootstrap interval; NAN when none */
	size_t		 boot_defined;	/* resamples in which alpha was defined */
};

struct ka_pair {
	uint32_t	unit;
	double		value;		/* NAN values are ignored (missing) */
};

/* Alpha of the pairs; the interval fields are left NAN.  -1 when
 * ka_coinc_init or ka_coinc_alpha refuses the values. */
int	ka_alpha(const struct ka_pair *, size_t n, enum ka_metric,
	    struct ka_result *);
/* Alpha with a percentile bootstrap interval at `level` (e.g. 0.95) from
 * n_boot resamples of the pairable units, drawn with replacement from
 * `seed` (resample b from boot_seed(seed, b)). */
int	ka_alpha_boot(const struct ka_pair *, size_t n, enum ka_metric,
	    size_t n_boot, uint64_t seed, double level, struct ka_result *);

/* The sorted distinct non-NAN values of x (allocated), and where a value
 * sits among them (nv when it is not there). */
void	ka_values(const double *x, size_t n, double **values, size_t *nv);
size_t	ka_value_index(const double *values, size_t nv, double x);

/* A coincidence matrix over a list of values. */
struct ka_coinc {
	const double	*values;	/* sorted, distinct; borrowed */
	size_t		 nv;
	double		*o;		/* nv * nv, o[c * nv + k] */
	double		 units;		/* pairable units added (weighted) */
};

/* -1 for more than 65535 distinct values (the matrix would pass 32 GiB). */
int	ka_coinc_init(struct ka_coinc *, const double *values, size_t nv);
void	ka_coinc_clear(struct ka_coinc *);
/* Add a unit given by the indexes of its m values, w times. */
void	ka_coinc_add_unit(struct ka_coinc *, const uint32_t *vidx, size_t m,
	    double w);
/* dst += w * src (same values). */
void	ka_coinc_add(struct ka_coinc *dst, const struct ka_coinc *src,
	    double w);
/* Alpha of the matrix; fills every field but lo, hi and boot_defined.
 * -1 only for the ratio metric over negative values. */
int	ka_coinc_alpha(const struct ka_coinc *, enum ka_metric,
	    struct ka_result *);
void	ka_coinc_free(struct ka_coinc *);

/* Units prepared for resampling.  Each pairable unit belongs to a cluster
 * (the thing a resample draws: the unit itself, or e.g. the output it
 * rates); a resample gives each cluster a count. */
struct ka_units {
	size_t		 n;		/* pairable units */
	size_t		 n_entries;	/* units of one cluster and one
					   pattern, folded into one entry */
	uint32_t	*cluster;	/* per entry */
	uint32_t	*pattern;	/* per entry: its value pattern */
	uint32_t	*mult;		/* per entry: how many units */
	size_t		 n_patterns;
	size_t		*pat_start;	/* n_patterns + 1, into pat_cell/amount */
	uint32_t	*pat_cell;	/* c * nv + k */
	double		*pat_amount;
	uint64_t	*tally;		/* 4 * n_patterns: scratch */
};

/* Unit u has the value indexes vidx[start[u] .. start[u + 1]) (each < nv)
 * and belongs to cluster[u]; units with fewer than two values are left
 * out.  -1 for more than 65535 distinct values, as ka_coinc_init. */
int	ka_units_build(struct ka_units *, size_t nv, const size_t *start,
	    const uint32_t *vidx, const uint32_t *cluster, size_t n_units);
/* Add to c every unit, count[cluster] times (once each when count is
 * NULL). */
void	ka_units_coinc(struct ka_units *, const uint32_t *count,
	    struct ka_coinc *c);
/* Resamples a block at a time: count[cluster * KA_BLOCK + lane] is
 * cluster's count in each of KA_BLOCK resamples; tally (n_patterns *
 * KA_BLOCK) gets each pattern's weight in each.  ka_units_coinc_lane then
 * adds one lane's units to c, exactly as ka_units_coinc with that lane's
 * counts would. */
#define KA_BLOCK	16
void	ka_units_tally_block(const struct ka_units *, const uint32_t *count,
	    uint64_t *tally);
void	ka_units_coinc_lane(const struct ka_units *, const uint64_t *tally,
	    size_t lane, struct ka_coinc *);
void	ka_units_free(struct ka_units *);

#endif
