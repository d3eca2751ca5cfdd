/* stats.c: the seeded generator, bootstrap draws and small statistics. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

/* The numbers must not depend on whether the compiler fuses a * b + c
 * into one rounding (FMA): GCC does not under -std=c11, Clang would. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#define GOLDEN	0x9e3779b97f4a7c15ULL	/* splitmix64's increment */

uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t
splitmix64(uint64_t *state)
{
	*state += GOLDEN;
	return mix64(*state);
}

/* The state is filled from splitmix64 as the xoshiro authors advise: it
 * cannot come out all zero, and nearby seeds give unrelated streams. */
void
rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t sm = seed;
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&sm);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* The high and low halves of the 128-bit product a * b: in one
 * instruction where the compiler has a 128-bit integer, else from 32-bit
 * parts (the same numbers either way). */
#ifdef __SIZEOF_INT128__
static uint64_t
mul_hi(uint64_t a, uint64_t b, uint64_t *lo)
{
	__extension__ unsigned __int128 p = (unsigned __int128)a * b;

	*lo = (uint64_t)p;
	return (uint64_t)(p >> 64);
}
#else
static uint64_t
mul_hi(uint64_t a, uint64_t b, uint64_t *lo)
{
	uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
	uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;

	*lo = (mid << 32) | (uint32_t)p00;
	return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}
#endif

/* Lemire's method ("Fast random integer generation in an interval",
 * 2019): the high half of x * n is uniform in [0, n) once the products
 * whose low half falls below 2^64 mod n are thrown away.  The division
 * that finds 2^64 mod n is only needed in the rare case that the low half
 * is below n. */
uint64_t
rng_below(struct rng *r, uint64_t n)
{
	uint64_t lo, hi, min;

	if (n < 2)
		return 0;
	hi = mul_hi(rng_next(r), n, &lo);
	if (lo < n) {
		min = (0 - n) % n;
		while (lo < min)
			hi = mul_hi(rng_next(r), n, &lo);
	}
	return hi;
}

double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static void
swap_bytes(unsigned char *a, unsigned char *b, size_t size)
{
	unsigned char t;

	while (size-- > 0) {
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

void
rng_shuffle(struct rng *r, void *base, size_t n, size_t size)
{
	unsigned char *p = base;
	size_t i, j;

	for (i = n; i > 1; i--) {
		j = (size_t)rng_below(r, i);
		if (j != i - 1)
			swap_bytes(p + j * size, p + (i - 1) * size, size);
	}
}

uint64_t
hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a 64 offset basis */

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;		/* FNV-1a 64 prime */
	}
	return mix64(h);
}

uint64_t
seed_for_name(uint64_t seed, const char *name)
{
	return mix64(seed ^ hash_str(name));
}

/* Resample b's seed is the (b+1)-th splitmix64 output from the study seed,
 * computed directly rather than by stepping through the b before it. */
uint64_t
boot_seed(uint64_t seed, uint64_t b)
{
	return mix64(seed + GOLDEN * (b + 1));
}

size_t
boot_pool_number(uint32_t *pool_of, const bool *has, size_t n_prompts)
{
	size_t p, n = 0;

	for (p = 0; p < n_prompts; p++)
		pool_of[p] = has[p] ? (uint32_t)n++ : UINT32_MAX;
	return n;
}

void
boot_counts(uint64_t seed, uint64_t b, uint32_t *counts, size_t n)
{
	struct rng r;
	size_t i;

	memset(counts, 0, n * sizeof *counts);
	rng_seed(&r, boot_seed(seed, b));
	for (i = 0; i < n; i++)
		counts[rng_below(&r, n)]++;
}

double
stats_mean(const double *v, size_t n)
{
	double sum = 0;
	size_t i;

	if (n == 0)
		return NAN;
	for (i = 0; i < n; i++)
		sum += v[i];
	return sum / (double)n;
}

double
stats_percentile(const double *x, size_t n, double p)
{
	double h, lo;
	size_t i;

	if (n == 0)
		return NAN;
	if (p <= 0)
		return x[0];
	if (p >= 1)
		return x[n - 1];
	h = (double)(n - 1) * p;
	lo = floor(h);
	i = (size_t)lo;
	if (i + 1 >= n)
		return x[n - 1];
	return x[i] + (h - lo) * (x[i + 1] - x[i]);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

size_t
stats_interval(double *v, size_t n, double level, double *lo, double *hi)
{
	size_t i, m = 0;

	for (i = 0; i < n; i++) {
		if (!isnan(v[i]))
			v[m++] = v[i];
	}
	*lo = *hi = NAN;
	if (m == 0 || m * 2 < n)
		return m;
	qsort(v, m, sizeof *v, cmp_double);
	*lo = stats_percentile(v, m, (1 - level) / 2);
	*hi = stats_percentile(v, m, (1 + level) / 2);
	return m;
}

double
stats_pearson(const double *x, const double *y, size_t n)
{
	double mx, my, sxx = 0, syy = 0, sxy = 0, dx, dy;
	size_t i;

	if (n < 2)
		return NAN;
	mx = stats_mean(x, n);
	my = stats_mean(y, n);
	for (i = 0; i < n; i++) {
		dx = x[i] - mx;
		dy = y[i] - my;
		sxx += dx * dx;
		syy += dy * dy;
		sxy += dx * dy;
	}
	if (sxx == 0 || syy == 0)
		return NAN;
	return sxy / sqrt(sxx * syy);
}

void
corr_add(struct corr_acc *a, double x, double y)
{
	double dx = x - a->mx, dy = y - a->my;

	a->n += 1;
	a->mx += dx / a->n;
	a->my += dy / a->n;
	a->sxx += dx * (x - a->mx);
	a->syy += dy * (y - a->my);
	a->sxy += dx * (y - a->my);
}

double
corr_value(const struct corr_acc *a)
{
	if (a->n < 2 || a->sxx <= 0 || a->syy <= 0)
		return NAN;
	return a->sxy / sqrt(a->sxx * a->syy);
}

/* The continued fraction of the incomplete beta function, evaluated by
 * the modified Lentz method (Press et al., Numerical Recipes, 6.4). */
static double
beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300, eps = 1e-15;
	double c = 1, d, h, del, aa;
	int m, m2;

	d = 1 - (a + b) * x / (a + 1);
	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 1000; m++) {
		m2 = 2 * m;
		aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
		d = 1 + aa * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1 + aa / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
		d = 1 + aa * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1 + aa / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < eps)
			break;
	}
	return h;
}

/* The regularised incomplete beta function I_x(a, b). */
static double
beta_inc(double a, double b, double x)
{
	double front;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
	    b * log1p(-x));
	if (x < (a + 1) / (a + b + 2))
		return front * beta_cf(a, b, x) / a;
	return 1 - front * beta_cf(b, a, 1 - x) / b;
}

double
stats_t_cdf(double x, double df)
{
	double tail;

	if (isnan(x) || !(df > 0))
		return NAN;
	if (isinf(x))
		return x > 0 ? 1 : 0;
	tail = 0.5 * beta_inc(df / 2, 0.5, df / (df + x * x));
	return x > 0 ? 1 - tail : tail;
}

/* Bisection: the CDFs are monotone, and 200 halvings of a bracket that
 * starts at most 2^60 wide reach the spacing of doubles. */
static double
invert(double (*cdf)(double, double), double p, double arg)
{
	double lo = -1, hi = 1, mid;
	int i;

	while (cdf(lo, arg) > p && lo > -0x1p60)
		lo *= 2;
	while (cdf(hi, arg) < p && hi < 0x1p60)
		hi *= 2;
	for (i = 0; i < 200 && hi - lo > 0; i++) {
		mid = lo + (hi - lo) / 2;
		if (mid == lo || mid == hi)
			break;
		if (cdf(mid, arg) < p)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2;
}

double
stats_t_quantile(double p, double df)
{
	if (!(p > 0 && p < 1) || !(df > 0))
		return NAN;
	return invert(stats_t_cdf, p, df);
}

static double
z_cdf(double x, double unused)
{
	(void)unused;
	return 0.5 * erfc(-x / sqrt(2));
}

double
stats_z_quantile(double p)
{
	if (!(p > 0 && p < 1))
		return NAN;
	return invert(z_cdf, p, 0);
}

void
stats_holm(const double *p, double *adj, size_t n)
{
	size_t i, j, k = 0, best;
	double run = 0, v;
	bool *done;

	for (i = 0; i < n; i++) {
		adj[i] = NAN;
		k += !isnan(p[i]);
	}
	done = xcalloc(n + 1, sizeof *done);
	/* k is small (a row per capability): a selection sort is enough. */
	for (j = 0; j < k; j++) {
		best = SIZE_MAX;
		for (i = 0; i < n; i++) {
			if (!isnan(p[i]) && !done[i] &&
			    (best == SIZE_MAX || p[i] < p[best]))
				best = i;
		}
		done[best] = true;
		v = fmin(1, p[best] * (double)(k - j));
		run = fmax(run, v);
		adj[best] = run;
	}
	free(done);
}

void
stats_wilson(size_t k, size_t n, double level, double *lo, double *hi)
{
	double z, ph, den, mid, half, nn = (double)n;

	*lo = *hi = NAN;
	if (n == 0)
		return;
	z = stats_z_quantile((1 + level) / 2);
	ph = (double)k / nn;
	den = 1 + z * z / nn;
	mid = (ph + z * z / (2 * nn)) / den;
	half = z * sqrt(ph * (1 - ph) / nn + z * z / (4 * nn * nn)) / den;
	*lo = fmax(0, mid - half);
	*hi = fmin(1, mid + half);
}
