/* kalpha.c: Krippendorff's alpha over a coincidence matrix. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "kalpha.h"
#include "stats.h"
#include "util.h"

/* The block's tally with AVX2 where the processor has it (the build
 * targets plain x86-64, whose SSE2 has no multiply of four 64-bit lanes):
 * the same sums, integers, so the same numbers either way. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define KA_AVX2 1
#include <immintrin.h>
#endif

/* The numbers must not depend on whether the compiler fuses a * b + c
 * into one rounding (FMA): GCC does not under -std=c11, Clang would. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

/* TRANSLATORS: why Krippendorff's alpha is undefined (sentences after a
 * colon); a unit is a rated output, a value a rating. */
const char ka_why_no_pairs[] =
    N_("no unit has two or more values, so nothing can be compared");
const char ka_why_no_variation[] =
    N_("every value is the same, so agreement cannot be told from chance");

static const char *const metric_names[] = {
	"nominal", "ordinal", "interval", "ratio"
};

const char *
ka_metric_name(enum ka_metric m)
{
	return names_name(metric_names, nitems(metric_names), (size_t)m);
}

int
ka_metric_parse(const char *s, enum ka_metric *m)
{
	int i = names_index(metric_names, nitems(metric_names), s);

	if (i >= 0)
		*m = (enum ka_metric)i;
	return i >= 0 ? 0 : -1;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
values_sorted(const double *x, size_t n, double **values, size_t *nv)
{
	double *v;
	size_t i, m = 0, d = 0;

	v = xreallocarray(NULL, n + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		if (!isnan(x[i]))
			v[m++] = x[i];
	}
	qsort(v, m, sizeof *v, cmp_double);
	for (i = 0; i < m; i++) {
		if (d == 0 || v[i] != v[d - 1])
			v[d++] = v[i];
	}
	*values = v;
	*nv = d;
}

/* Ratings take a scale's few points: each value is looked for among the
 * distinct ones seen so far rather than a million sorted (7% of an
 * agreement).  Past VALUES_FEW distinct values, sorting them all is the
 * cheaper way; either gives the same array. */
#define VALUES_FEW	64

void
ka_values(const double *x, size_t n, double **values, size_t *nv)
{
	double v[VALUES_FEW];
	size_t i, d = 0, k;

	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		k = ka_value_index(v, d, x[i]);
		if (k < d)
			continue;
		for (k = d; k > 0 && v[k - 1] > x[i]; k--)
			;
		if (d == VALUES_FEW) {
			values_sorted(x, n, values, nv);
			return;
		}
		memmove(v + k + 1, v + k, (d - k) * sizeof *v);
		v[k] = x[i];
		d++;
	}
	*values = xreallocarray(NULL, d + 1, sizeof **values);
	memcpy(*values, v, d * sizeof *v);
	*nv = d;
}

size_t
ka_value_index(const double *values, size_t nv, double x)
{
	size_t lo = 0, hi = nv, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (values[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nv && values[lo] == x ? lo : nv;
}

int
ka_coinc_init(struct ka_coinc *c, const double *values, size_t nv)
{
	c->values = values;
	c->nv = nv;
	c->units = 0;
	c->o = NULL;
	if (nv > 65535)
		return -1;
	c->o = xcalloc(nv * nv, sizeof *c->o);
	return 0;
}

void
ka_coinc_clear(struct ka_coinc *c)
{
	memset(c->o, 0, c->nv * c->nv * sizeof *c->o);
	c->units = 0;
}

void
ka_coinc_free(struct ka_coinc *c)
{
	free(c->o);
	c->o = NULL;
}

/* Every ordered pair of different values of the unit (by position, so two
 * equal values make a pair on the diagonal) weighs 1/(m-1). */
void
ka_coinc_add_unit(struct ka_coinc *c, const uint32_t *v, size_t m, double w)
{
	double each;
	size_t i, j;

	if (m < 2 || w == 0)
		return;
	each = w / (double)(m - 1);
	for (i = 0; i < m; i++) {
		for (j = 0; j < m; j++) {
			if (i != j)
				c->o[v[i] * c->nv + v[j]] += each;
		}
	}
	c->units += w;
}

void
ka_coinc_add(struct ka_coinc *dst, const struct ka_coinc *src, double w)
{
	size_t i, n = dst->nv * dst->nv;

	for (i = 0; i < n; i++)
		dst->o[i] += w * src->o[i];
	dst->units += w * src->units;
}

/* Each value's position on the metric's line, where that makes the squared
 * difference a plain (x[c] - x[k])^2: the value itself (interval), or its
 * mid-rank (ordinal).  Krippendorff's ordinal difference between c and k,
 * sum_{g=c..k} n_g - (n_c + n_k) / 2, is the distance between the
 * mid-ranks S_{c-1} + n_c/2 and S_{k-1} + n_k/2, S the running total. */
static void
metric_positions(const struct ka_coinc *c, enum ka_metric m,
    const double *nc, double *x)
{
	double run = 0;
	size_t i;

	for (i = 0; i < c->nv; i++) {
		if (m == KA_ORDINAL) {
			x[i] = run + nc[i] / 2;
			run += nc[i];
		} else
			x[i] = c->values[i];
	}
}

static double
metric_d2(enum ka_metric m, const double *x, size_t c, size_t k)
{
	double d, s;

	if (c == k)
		return 0;
	switch (m) {
	case KA_NOMINAL:
		return 1;
	case KA_RATIO:
		s = x[c] + x[k];
		if (s == 0)
			return 0;
		d = (x[c] - x[k]) / s;
		return d * d;
	default:
		d = x[c] - x[k];
		return d * d;
	}
}

static void
result_undefined(struct ka_result *r, const char *why)
{
	r->defined = false;
	r->why = why;
	r->alpha = NAN;
}

int
ka_coinc_alpha(const struct ka_coinc *c, enum ka_metric m,
    struct ka_result *r)
{
	size_t nv = c->nv, i, k;
	double *nc, *x, n = 0, dobs = 0, dexp = 0, d2;

	r->units = (size_t)llround(c->units);
	r->values = 0;
	r->observed = r->expected = NAN;
	r->defined = true;
	r->why = NULL;
	r->alpha = NAN;
	if (m == KA_RATIO && nv > 0 && c->values[0] < 0)
		return -1;
	nc = xcalloc(2 * nv + 1, sizeof *nc);
	x = nc + nv;
	for (i = 0; i < nv; i++) {
		for (k = 0; k < nv; k++)
			nc[i] += c->o[i * nv + k];
		n += nc[i];
	}
	r->values = (size_t)llround(n);
	metric_positions(c, m, nc, x);
	for (i = 0; i < nv; i++) {
		for (k = 0; k < nv; k++) {
			d2 = metric_d2(m, x, i, k);
			dobs += c->o[i * nv + k] * d2;
			dexp += nc[i] * nc[k] * d2;
		}
	}
	free(nc);
	if (c->units <= 0 || n < 2)
		result_undefined(r, ka_why_no_pairs);
	else if (dexp <= 0)
		result_undefined(r, ka_why_no_variation);
	else {
		r->observed = dobs / n;
		r->expected = dexp / (n * (n - 1));
		r->alpha = 1 - (n - 1) * dobs / dexp;
	}
	return 0;
}

/* A unit's values, sorted, as the key that finds its pattern. */
struct unit_key {
	const uint32_t	*v;
	size_t		 m;
	size_t		 unit;
};

static int
cmp_key(const void *a, const void *b)
{
	const struct unit_key *x = a, *y = b;
	size_t i;

	if (x->m != y->m)
		return x->m < y->m ? -1 : 1;
	for (i = 0; i < x->m; i++) {
		if (x->v[i] != y->v[i])
			return x->v[i] < y->v[i] ? -1 : 1;
	}
	return (x->unit > y->unit) - (x->unit < y->unit);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* A pattern's coincidences: with q distinct values of counts n_c among m,
 * cell (c, k) gets n_c * n_k / (m - 1), and (c, c) gets n_c (n_c - 1) /
 * (m - 1). */
static size_t
pattern_cells(const uint32_t *v, size_t m, size_t nv, uint32_t *cell,
    double *amount)
{
	size_t i, j, ni, nj, e = 0, ei, ej;

	for (i = 0; i < m; i += ni) {
		for (ni = 1; i + ni < m && v[i + ni] == v[i]; ni++)
			;
		for (j = 0; j < m; j += nj) {
			for (nj = 1; j + nj < m && v[j + nj] == v[j]; nj++)
				;
			ei = ni;
			ej = i == j ? ni - 1 : nj;
			if (ei * ej == 0)
				continue;
			if (cell != NULL) {
				cell[e] = (uint32_t)(v[i] * nv + v[j]);
				amount[e] = (double)(ei * ej) / (double)(m - 1);
			}
			e++;
		}
	}
	return e;
}

static uint64_t
key_hash(const struct unit_key *k)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ k->m;	/* FNV-1a 64 */
	size_t i;

	for (i = 0; i < k->m; i++)
		h = (h ^ k->v[i]) * 0x100000001b3ULL;
	return mix64(h);
}

static bool
key_same(const struct unit_key *a, const struct unit_key *b)
{
	return a->m == b->m && memcmp(a->v, b->v, a->m * sizeof *a->v) == 0;
}

/* The distinct keys, found by hashing (sorting every unit's key was a
 * tenth of an agreement): into *out, each with its own number as .unit;
 * of[i] is key i's. */
static size_t
keys_distinct(const struct unit_key *keys, size_t n, uint32_t *of,
    struct unit_key **out)
{
	struct unit_key *d = xreallocarray(NULL, n + 1, sizeof *d);
	size_t size = 16, mask, h, i, nd = 0;
	uint32_t *slot;

	while (size < 2 * n)
		size *= 2;
	mask = size - 1;
	slot = xcalloc(size, sizeof *slot);
	for (i = 0; i < n; i++) {
		for (h = key_hash(&keys[i]) & mask; slot[h] != 0;
		    h = (h + 1) & mask) {
			if (key_same(&d[slot[h] - 1], &keys[i]))
				break;
		}
		if (slot[h] == 0) {
			d[nd] = keys[i];
			d[nd].unit = nd;
			slot[h] = (uint32_t)++nd;
		}
		of[i] = slot[h] - 1;
	}
	free(slot);
	*out = d;
	return nd;
}

/* Patterns numbered in the order of their sorted keys, as they always
 * were: the coincidences are added up in that order. */
static void
units_patterns(struct ka_units *u, size_t nv, const struct unit_key *keys)
{
	struct unit_key *d;
	uint32_t *of, *rank;
	size_t i, e, nd, n_cells = 0;

	of = xreallocarray(NULL, u->n + 1, sizeof *of);
	nd = keys_distinct(keys, u->n, of, &d);
	qsort(d, nd, sizeof *d, cmp_key);
	rank = xreallocarray(NULL, nd + 1, sizeof *rank);
	for (i = 0; i < nd; i++) {
		rank[d[i].unit] = (uint32_t)i;
		n_cells += pattern_cells(d[i].v, d[i].m, nv, NULL, NULL);
	}
	for (i = 0; i < u->n; i++)
		u->pattern[keys[i].unit] = rank[of[i]];
	u->n_patterns = nd;
	u->pat_start = xcalloc(nd + 1, sizeof *u->pat_start);
	u->pat_cell = xreallocarray(NULL, n_cells + 1, sizeof *u->pat_cell);
	u->pat_amount = xreallocarray(NULL, n_cells + 1, sizeof *u->pat_amount);
	u->tally = xcalloc(4 * nd + 1, sizeof *u->tally);
	for (i = 0, e = 0; i < nd; i++) {
		u->pat_start[i] = e;
		e += pattern_cells(d[i].v, d[i].m, nv, u->pat_cell + e,
		    u->pat_amount + e);
	}
	u->pat_start[nd] = e;
	free(rank);
	free(of);
	free(d);
}

/* Units of one cluster with one pattern weigh the same in every resample,
 * so they are folded into one entry with their number: a resample's pass
 * then touches each (cluster, pattern) once (1.6x fewer where four models
 * answer each prompt).  The units of a cluster come together (outputs in
 * prompt order); an entry is looked for among the last few of its run
 * only, which bounds the work when they do not. */
static size_t
fold_find(const struct ka_units *u, size_t first, size_t n, uint32_t pattern)
{
	size_t k;

	for (k = n; k > first && k + 8 > n; k--) {
		if (u->pattern[k - 1] == pattern)
			return k - 1;
	}
	return SIZE_MAX;
}

static void
units_fold(struct ka_units *u)
{
	size_t i, k, first = 0, n = 0;

	u->mult = xreallocarray(NULL, u->n + 1, sizeof *u->mult);
	for (i = 0; i < u->n; i++) {
		if (i == 0 || u->cluster[i] != u->cluster[i - 1])
			first = n;
		if ((k = fold_find(u, first, n, u->pattern[i])) != SIZE_MAX) {
			u->mult[k]++;
			continue;
		}
		u->cluster[n] = u->cluster[i];
		u->pattern[n] = u->pattern[i];
		u->mult[n++] = 1;
	}
	u->n_entries = n;
}

int
ka_units_build(struct ka_units *u, size_t nv, const size_t *start,
    const uint32_t *vidx, const uint32_t *cluster, size_t n_units)
{
	struct unit_key *keys;
	uint32_t *sorted;
	size_t i, m, total = 0, k = 0;

	memset(u, 0, sizeof *u);
	if (nv > 65535)
		return -1;
	for (i = 0; i < n_units; i++) {
		m = start[i + 1] - start[i];
		if (m >= 2) {
			u->n++;
			total += m;
		}
	}
	u->cluster = xreallocarray(NULL, u->n, sizeof *u->cluster);
	u->pattern = xreallocarray(NULL, u->n, sizeof *u->pattern);
	keys = xreallocarray(NULL, u->n, sizeof *keys);
	sorted = xreallocarray(NULL, total, sizeof *sorted);
	for (i = 0, total = 0; i < n_units; i++) {
		m = start[i + 1] - start[i];
		if (m < 2)
			continue;
		memcpy(sorted + total, vidx + start[i], m * sizeof *sorted);
		qsort(sorted + total, m, sizeof *sorted, cmp_u32);
		keys[k].v = sorted + total;
		keys[k].m = m;
		keys[k].unit = k;
		u->cluster[k++] = cluster[i];
		total += m;
	}
	units_patterns(u, nv, keys);
	units_fold(u);
	free(keys);
	free(sorted);
	return 0;
}

/* Every pattern's coincidences, weighed by its tally t[i * stride]. */
static void
tally_coinc(const struct ka_units *u, const uint64_t *t, size_t stride,
    struct ka_coinc *c)
{
	size_t i, e;
	double w;

	for (i = 0; i < u->n_patterns; i++) {
		if (t[i * stride] == 0)
			continue;
		w = (double)t[i * stride];
		for (e = u->pat_start[i]; e < u->pat_start[i + 1]; e++)
			c->o[u->pat_cell[e]] += w * u->pat_amount[e];
		c->units += w;
	}
}

/* Pattern weights are whole numbers, so they are summed as integers: in
 * four interleaved tallies, since units in a row often share a pattern and
 * one tally would make each addition wait for the one before. */
void
ka_units_coinc(struct ka_units *u, const uint32_t *count, struct ka_coinc *c)
{
	const uint32_t *pat = u->pattern, *cl = u->cluster, *mu = u->mult;
	uint64_t *t = u->tally;
	size_t i, n = u->n_entries, P = u->n_patterns;

	memset(t, 0, 4 * P * sizeof *t);
	if (count == NULL) {
		for (i = 0; i < n; i++)
			t[pat[i]] += mu[i];
	} else {
		for (i = 0; i + 4 <= n; i += 4) {
			t[pat[i]] += (uint64_t)mu[i] * count[cl[i]];
			t[P + pat[i + 1]] +=
			    (uint64_t)mu[i + 1] * count[cl[i + 1]];
			t[2 * P + pat[i + 2]] +=
			    (uint64_t)mu[i + 2] * count[cl[i + 2]];
			t[3 * P + pat[i + 3]] +=
			    (uint64_t)mu[i + 3] * count[cl[i + 3]];
		}
		for (; i < n; i++)
			t[pat[i]] += (uint64_t)mu[i] * count[cl[i]];
	}
	for (i = 0; i < P; i++)
		t[i] += t[P + i] + t[2 * P + i] + t[3 * P + i];
	tally_coinc(u, t, 1, c);
}

/* Most entries are one unit: without the multiplication the additions
 * are vector instructions (a 64-bit product is not one before AVX-512). */
static void
lanes_add(uint64_t *restrict t, const uint32_t *restrict cn, uint32_t m)
{
	size_t b;

	if (m == 1) {
		for (b = 0; b < KA_BLOCK; b++)
			t[b] += cn[b];
		return;
	}
	for (b = 0; b < KA_BLOCK; b++)
		t[b] += (uint64_t)m * cn[b];
}

/* The lanes of a block sit side by side, so that the entries and counts
 * are read once for the block, not once for each resample, and the lanes
 * are added together (lanes_add). */
#ifdef KA_AVX2
_Static_assert(KA_BLOCK % 4 == 0, "a block is whole AVX2 registers");

__attribute__((target("avx2")))
static void
tally_block_avx2(const struct ka_units *u, const uint32_t *count, uint64_t *tally)
{
	const uint32_t *pat = u->pattern, *cl = u->cluster, *mu = u->mult;
	size_t i, k, n = u->n_entries;
	const uint32_t *cn;
	__m256i m, c, x;
	uint64_t *t;

	for (i = 0; i < n; i++) {
		t = tally + (size_t)pat[i] * KA_BLOCK;
		cn = count + (size_t)cl[i] * KA_BLOCK;
		m = _mm256_set1_epi64x((long long)mu[i]);
		for (k = 0; k < KA_BLOCK; k += 4) {
			c = _mm256_cvtepu32_epi64(_mm_loadu_si128((const __m128i *)(cn + k)));
			x = _mm256_loadu_si256((const __m256i *)(t + k));
			_mm256_storeu_si256((__m256i *)(t + k),
			    _mm256_add_epi64(x, _mm256_mul_epu32(c, m)));
		}
	}
}
#endif

void
ka_units_tally_block(const struct ka_units *u, const uint32_t *count,
    uint64_t *tally)
{
	const uint32_t *pat = u->pattern, *cl = u->cluster, *mu = u->mult;
	size_t i, n = u->n_entries;
#ifdef KA_AVX2
	static int avx2 = -1;
#endif

	memset(tally, 0, u->n_patterns * KA_BLOCK * sizeof *tally);
#ifdef KA_AVX2
	if (avx2 < 0)
		avx2 = __builtin_cpu_supports("avx2") != 0;
	if (avx2) {
		tally_block_avx2(u, count, tally);
		return;
	}
#endif
	for (i = 0; i < n; i++)
		lanes_add(tally + (size_t)pat[i] * KA_BLOCK,
		    count + (size_t)cl[i] * KA_BLOCK, mu[i]);
}

void
ka_units_coinc_lane(const struct ka_units *u, const uint64_t *tally,
    size_t lane, struct ka_coinc *c)
{
	tally_coinc(u, tally + lane, KA_BLOCK, c);
}

void
ka_units_free(struct ka_units *u)
{
	free(u->cluster);
	free(u->pattern);
	free(u->mult);
	free(u->pat_start);
	free(u->pat_cell);
	free(u->pat_amount);
	free(u->tally);
	memset(u, 0, sizeof *u);
}

/* Pairs in unit order (NAN values dropped), as units in compressed rows:
 * unit i has the value indexes vidx[start[i] .. start[i + 1]). */
struct pair_units {
	double		*values;
	size_t		 nv;
	size_t		*start;
	uint32_t	*vidx;
	uint32_t	*cluster;
	size_t		 n;
};

static int
cmp_pair(const void *a, const void *b)
{
	const struct ka_pair *x = a, *y = b;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return (x->value > y->value) - (x->value < y->value);
}

static void
pair_units_free(struct pair_units *pu)
{
	free(pu->values);
	free(pu->start);
	free(pu->vidx);
	free(pu->cluster);
}

static void
pair_units_fill(struct pair_units *pu, struct ka_pair *p, size_t m)
{
	size_t i, j, pairable = 0;

	qsort(p, m, sizeof *p, cmp_pair);
	for (i = 0; i < m; i++) {
		if (i == 0 || p[i].unit != p[i - 1].unit)
			pu->start[pu->n++] = i;
		pu->vidx[i] = (uint32_t)ka_value_index(pu->values, pu->nv,
		    p[i].value);
	}
	pu->start[pu->n] = m;
	/* Clusters number the pairable units, which are what is drawn. */
	for (i = 0; i < pu->n; i++) {
		j = pu->start[i + 1] - pu->start[i];
		pu->cluster[i] = (uint32_t)(j >= 2 ? pairable++ : 0);
	}
}

static void
pair_units_build(struct pair_units *pu, const struct ka_pair *pairs,
    size_t n)
{
	struct ka_pair *p;
	double *x;
	size_t i, m = 0;

	memset(pu, 0, sizeof *pu);
	p = xreallocarray(NULL, n, sizeof *p);
	x = xcalloc(n, sizeof *x);
	for (i = 0; i < n; i++) {
		if (!isnan(pairs[i].value)) {
			p[m] = pairs[i];
			x[m++] = pairs[i].value;
		}
	}
	ka_values(x, m, &pu->values, &pu->nv);
	pu->start = xreallocarray(NULL, m + 1, sizeof *pu->start);
	pu->vidx = xreallocarray(NULL, m, sizeof *pu->vidx);
	pu->cluster = xreallocarray(NULL, m, sizeof *pu->cluster);
	pair_units_fill(pu, p, m);
	free(p);
	free(x);
}

static int
alpha_resamples(struct ka_units *u, struct ka_coinc *c, enum ka_metric m,
    size_t n_boot, uint64_t seed, double level, struct ka_result *r)
{
	struct ka_result br;
	uint32_t *count;
	double *boots;
	size_t b;
	int rc = 0;

	count = xreallocarray(NULL, u->n, sizeof *count);
	boots = xreallocarray(NULL, n_boot, sizeof *boots);
	for (b = 0; rc == 0 && b < n_boot; b++) {
		boot_counts(seed, b, count, u->n);
		ka_coinc_clear(c);
		ka_units_coinc(u, count, c);
		rc = ka_coinc_alpha(c, m, &br);
		boots[b] = br.alpha;
	}
	if (rc == 0)
		r->boot_defined = stats_interval(boots, n_boot, level, &r->lo,
		    &r->hi);
	free(count);
	free(boots);
	return rc;
}

int
ka_alpha_boot(const struct ka_pair *pairs, size_t n, enum ka_metric m,
    size_t n_boot, uint64_t seed, double level, struct ka_result *r)
{
	struct pair_units pu;
	struct ka_units u;
	struct ka_coinc c;
	int rc = -1;

	memset(r, 0, sizeof *r);
	r->alpha = r->lo = r->hi = NAN;
	pair_units_build(&pu, pairs, n);
	if (ka_units_build(&u, pu.nv, pu.start, pu.vidx, pu.cluster,
	    pu.n) != 0) {
		pair_units_free(&pu);
		return -1;
	}
	if (ka_coinc_init(&c, pu.values, pu.nv) != 0)
		goto out;
	ka_units_coinc(&u, NULL, &c);
	if ((rc = ka_coinc_alpha(&c, m, r)) != 0)
		goto out;
	r->lo = r->hi = NAN;
	r->boot_defined = 0;
	if (n_boot > 0 && r->defined)
		rc = alpha_resamples(&u, &c, m, n_boot, seed, level, r);
out:
	ka_coinc_free(&c);
	ka_units_free(&u);
	pair_units_free(&pu);
	return rc;
}

int
ka_alpha(const struct ka_pair *pairs, size_t n, enum ka_metric m,
    struct ka_result *r)
{
	return ka_alpha_boot(pairs, n, m, 0, 0, 0.95, r);
}
