/* stats.c: the seeded generator, bootstrap draws and small statistics. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

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

/* The high and low halves of the 128-bit product a * b, from 32-bit parts
 * (C has no 128-bit integer). */
static uint64_t
mul_hi(uint64_t a, uint64_t b, uint64_t *lo)
{
	uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
	uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;

	*lo = (mid << 32) | (uint32_t)p00;
	return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

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
