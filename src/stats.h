/* stats.h: seeded randomness and the small statistics the engines share.
 *
 * Every random choice in panelist (bootstrap resamples, each reviewer's
 * queue order) comes from one study seed through these functions, so the
 * same seed gives the same numbers on every platform: integer arithmetic
 * only up to the point where a count or an index is drawn. */
#ifndef PANELIST_STATS_H
#define PANELIST_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* xoshiro256** (Blackman and Vigna), seeded through splitmix64. */
struct rng {
	uint64_t	s[4];
};

/* One step of splitmix64: advances *state and returns the next output. */
uint64_t	splitmix64(uint64_t *state);
/* The splitmix64 output function alone: a good 64-bit mixer. */
uint64_t	mix64(uint64_t);

void		rng_seed(struct rng *, uint64_t seed);
uint64_t	rng_next(struct rng *);
/* Uniform in [0, n) without modulo bias; n must be > 0 (0 gives 0). */
uint64_t	rng_below(struct rng *, uint64_t n);
/* Uniform in [0, 1) with 53 random bits. */
double		rng_unit(struct rng *);
/* Fisher-Yates: put n elements of size bytes each in a random order. */
void		rng_shuffle(struct rng *, void *base, size_t n, size_t size);

/* FNV-1a 64 of a string, finished with mix64: a stable name hash. */
uint64_t	hash_str(const char *);
/* A seed for something named, derived from the study seed: the rating
 * screen shuffles a reviewer's queue with seed_for_name(seed, reviewer). */
uint64_t	seed_for_name(uint64_t seed, const char *name);

/* Bootstrap resample b's own seed, so any resample can be regenerated
 * without the ones before it. */
uint64_t	boot_seed(uint64_t seed, uint64_t b);
/* Resample b: draw n units with replacement out of n; counts[i] is how
 * often unit i was drawn (the counts sum to n). */
void		boot_counts(uint64_t seed, uint64_t b, uint32_t *counts, size_t n);
/* The resampling units, numbered: each prompt that `has` marks gets the
 * next number in index order, the others UINT32_MAX.  Returns how many. */
size_t		boot_pool_number(uint32_t *pool_of, const bool *has,
		    size_t n_prompts);

/* Mean of n values; NAN when n is 0. */
double		stats_mean(const double *, size_t n);
/* Percentile of sorted values by linear interpolation (Hyndman and Fan
 * type 7, R's default); p in [0, 1]; NAN when n is 0. */
double		stats_percentile(const double *sorted, size_t n, double p);
/* The central `level` percentile interval of v: NAN values are dropped
 * and v is sorted in place.  Returns how many values were defined; the
 * interval is NAN when fewer than half of the n values were. */
size_t		stats_interval(double *v, size_t n, double level, double *lo,
		    double *hi);
/* Pearson correlation of x and y; NAN when n < 2 or either is constant. */
double		stats_pearson(const double *x, const double *y, size_t n);

/* Pearson correlation accumulated one pair at a time (Welford's update,
 * which stays exact-ish where the naive sums of squares cancel). */
struct corr_acc {
	double	n;
	double	mx, my;
	double	sxx, syy, sxy;
};
void		corr_add(struct corr_acc *, double x, double y);
double		corr_value(const struct corr_acc *);

/* Student's t distribution with df degrees of freedom (df > 0, not
 * necessarily whole: Welch-Satterthwaite gives fractions).  The CDF goes
 * through the regularised incomplete beta function; the quantile inverts
 * it by bisection, to the last bit that matters.  NAN for bad input. */
double		stats_t_cdf(double x, double df);
double		stats_t_quantile(double p, double df);
/* The standard normal quantile (bisection on erfc). */
double		stats_z_quantile(double p);
/* Holm's step-down adjustment of n p-values: adj[i] is the smallest
 * family-wise level at which hypothesis i is rejected.  NAN p-values are
 * not part of the family and stay NAN. */
void		stats_holm(const double *p, double *adj, size_t n);
/* Wilson's score interval for k successes out of n at `level`; NAN when
 * n is 0. */
void		stats_wilson(size_t k, size_t n, double level, double *lo,
		    double *hi);

#endif
