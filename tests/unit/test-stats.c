/* test-stats.c: the seeded generator and the small statistics. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "stats.h"

TEST(generator_matches_the_published_vectors)
{
	/* The reference outputs of xoshiro256** from the state {1,2,3,4}
	 * and of splitmix64 from 0, as published with the algorithms: they
	 * show that the code is the algorithm and not a look-alike. */
	struct rng r = { { 1, 2, 3, 4 } };
	uint64_t sm = 0;

	CHECK(rng_next(&r) == 11520);
	CHECK(rng_next(&r) == 0);
	CHECK(rng_next(&r) == 1509978240);
	CHECK(rng_next(&r) == 1215971899390074240ULL);
	CHECK(splitmix64(&sm) == 0xe220a8397b1dcdafULL);
	CHECK(splitmix64(&sm) == 0x6e789e6aa1b965f4ULL);
	CHECK(splitmix64(&sm) == 0x06c45d188009454fULL);
	/* FNV-1a 64: "" is the offset basis, "a" the published value. */
	CHECK(hash_str("") == mix64(0xcbf29ce484222325ULL));
	CHECK(hash_str("a") == mix64(0xaf63dc4c8601ec8cULL));
}

TEST(seeded_sequences_are_pinned)
{
	/* Computed once on x86-64 Linux and pinned here: these numbers ARE
	 * the cross-platform sequence.  If one changes, every published
	 * interval and every reviewer's queue order changes with it. */
	static const unsigned want_below[] = { 0, 3, 6, 9, 9, 7, 7, 8, 7, 5 };
	static const uint32_t want_counts[] = { 0, 0, 0, 0, 2, 1, 1, 3, 2, 1 };
	uint32_t counts[10];
	struct rng r;
	size_t i;

	rng_seed(&r, 42);
	CHECK(rng_next(&r) == 0x15780b2e0c2ec716ULL);
	CHECK(rng_next(&r) == 0x6104d9866d113a7eULL);
	CHECK(rng_next(&r) == 0xae17533239e499a1ULL);
	CHECK(rng_next(&r) == 0xecb8ad4703b360a1ULL);
	rng_seed(&r, 42);
	for (i = 0; i < 10; i++)
		CHECK_INT(rng_below(&r, 10), want_below[i]);
	CHECK(boot_seed(42, 0) == 0xbdd732262feb6e95ULL);
	CHECK(boot_seed(42, 1) == 0x28efe333b266f103ULL);
	CHECK(hash_str("alice") == 0xc5d1556d66774a5cULL);
	CHECK(seed_for_name(42, "alice") == 0x17ee723fd44f7b5eULL);
	boot_counts(42, 3, counts, 10);
	for (i = 0; i < 10; i++)
		CHECK_INT(counts[i], want_counts[i]);
}

TEST(same_seed_same_stream_other_seed_other_stream)
{
	struct rng a, b, c;
	int i, same_ab = 1, same_ac = 1;

	rng_seed(&a, 7);
	rng_seed(&b, 7);
	rng_seed(&c, 8);
	for (i = 0; i < 100; i++) {
		uint64_t x = rng_next(&a), y = rng_next(&b), z = rng_next(&c);

		same_ab &= x == y;
		same_ac &= x == z;
	}
	CHECK(same_ab);
	CHECK(!same_ac);
}

TEST(below_stays_in_bounds)
{
	static const uint64_t ns[] = { 1, 2, 3, 7, 10, 1000, 1ULL << 32,
	    (1ULL << 63) + 1, UINT64_MAX };
	struct rng r;
	size_t i;
	int k, ok = 1;

	rng_seed(&r, 1);
	for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
		for (k = 0; k < 1000; k++)
			ok &= rng_below(&r, ns[i]) < ns[i];
	}
	CHECK(ok);
	CHECK_INT(rng_below(&r, 0), 0);
	CHECK_INT(rng_below(&r, 1), 0);
}

TEST(below_is_roughly_uniform)
{
	/* 70,000 draws over 7 values: each count is 10,000 give or take
	 * sqrt(70000 / 7 * 6 / 7) ~ 93; 400 is more than 4 of those. */
	unsigned counts[7] = { 0 };
	struct rng r;
	int i;

	rng_seed(&r, 2024);
	for (i = 0; i < 70000; i++)
		counts[rng_below(&r, 7)]++;
	for (i = 0; i < 7; i++)
		CHECK(counts[i] > 9600 && counts[i] < 10400);
}

TEST(unit_interval_is_half_open)
{
	struct rng r;
	double x, sum = 0;
	int i, ok = 1;

	rng_seed(&r, 3);
	for (i = 0; i < 10000; i++) {
		x = rng_unit(&r);
		ok &= x >= 0 && x < 1;
		sum += x;
	}
	CHECK(ok);
	CHECK_NEAR(sum / 10000, 0.5, 0.02);
}

TEST(boot_counts_sum_to_n)
{
	uint32_t c[50];
	uint64_t b;
	size_t i, total;
	int ok = 1;

	for (b = 0; b < 20; b++) {
		boot_counts(99, b, c, 50);
		for (i = 0, total = 0; i < 50; i++)
			total += c[i];
		ok &= total == 50;
	}
	CHECK(ok);
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

TEST(shuffle_is_a_permutation)
{
	int v[100], w[100], i, moved = 0, same = 1;
	struct rng r;

	for (i = 0; i < 100; i++)
		v[i] = w[i] = i;
	rng_seed(&r, 5);
	rng_shuffle(&r, v, 100, sizeof v[0]);
	rng_seed(&r, 5);
	rng_shuffle(&r, w, 100, sizeof w[0]);
	for (i = 0; i < 100; i++) {
		moved += v[i] != i;
		same &= v[i] == w[i];
	}
	CHECK(moved > 50);
	CHECK(same);
	qsort(v, 100, sizeof v[0], cmp_int);
	for (i = 0, same = 1; i < 100; i++)
		same &= v[i] == i;
	CHECK(same);
	rng_shuffle(&r, v, 0, sizeof v[0]);
	rng_shuffle(&r, v, 1, sizeof v[0]);
	CHECK_INT(v[0], 0);
}

TEST(percentile_type_7_by_hand)
{
	double x[] = { 1, 2, 3, 4, 5 }, y[] = { 10, 20, 40 };

	/* h = (n - 1) p; x[floor h] + frac(h) * (next - x[floor h]) */
	CHECK_NEAR(stats_percentile(x, 5, 0.5), 3, 1e-12);
	CHECK_NEAR(stats_percentile(x, 5, 0.25), 2, 1e-12);	/* h = 1 */
	CHECK_NEAR(stats_percentile(x, 5, 0.1), 1.4, 1e-12);	/* h = 0.4 */
	CHECK_NEAR(stats_percentile(x, 5, 0.975), 4.9, 1e-12);	/* h = 3.9 */
	CHECK_NEAR(stats_percentile(x, 5, 0), 1, 1e-12);
	CHECK_NEAR(stats_percentile(x, 5, 1), 5, 1e-12);
	CHECK_NEAR(stats_percentile(y, 3, 0.75), 30, 1e-12);	/* h = 1.5 */
	CHECK_NEAR(stats_percentile(y, 1, 0.3), 10, 1e-12);
	CHECK(isnan(stats_percentile(y, 0, 0.5)));
}

TEST(interval_drops_undefined_and_sorts)
{
	double v[104];
	double lo, hi;
	int i;

	/* 0..99 in reverse, with four NANs: 90 % interval at p = 0.05 and
	 * 0.95, h = 99 * 0.05 = 4.95 and 99 * 0.95 = 94.05. */
	for (i = 0; i < 100; i++)
		v[i] = 99 - i;
	v[100] = v[101] = v[102] = v[103] = NAN;
	CHECK_INT(stats_interval(v, 104, 0.90, &lo, &hi), 100);
	CHECK_NEAR(lo, 4.95, 1e-9);
	CHECK_NEAR(hi, 94.05, 1e-9);
	/* Fewer than half defined: no interval. */
	v[0] = 1;
	for (i = 1; i < 4; i++)
		v[i] = NAN;
	CHECK_INT(stats_interval(v, 4, 0.95, &lo, &hi), 1);
	CHECK(isnan(lo) && isnan(hi));
}

TEST(mean_and_pearson_by_hand)
{
	/* x = 1..4, y = 2 4 5 9: deviations -1.5 -.5 .5 1.5 and -3 -1 0 4,
	 * sxy = 4.5 + .5 + 0 + 6 = 11, sxx = 5, syy = 26,
	 * r = 11 / sqrt(130) = 0.9647638... */
	double x[] = { 1, 2, 3, 4 }, y[] = { 2, 4, 5, 9 }, k[] = { 3, 3, 3, 3 };
	struct corr_acc acc = { 0 };
	int i;

	CHECK_NEAR(stats_mean(y, 4), 5, 1e-12);
	CHECK(isnan(stats_mean(y, 0)));
	CHECK_NEAR(stats_pearson(x, y, 4), 11 / sqrt(130), 1e-12);
	CHECK_NEAR(stats_pearson(y, x, 4), 11 / sqrt(130), 1e-12);
	CHECK(isnan(stats_pearson(x, k, 4)));
	CHECK(isnan(stats_pearson(x, y, 1)));
	for (i = 0; i < 4; i++)
		corr_add(&acc, x[i], y[i]);
	CHECK_NEAR(corr_value(&acc), 11 / sqrt(130), 1e-12);
}

/* Every unit is drawn: over 200 resamples of 6, each unit about 200
 * times (never 0, which a draw that skips a unit would give). */
TEST(boot_counts_draw_every_unit)
{
	uint32_t counts[6], total[6] = { 0 };
	size_t b, i;

	for (b = 0; b < 200; b++) {
		boot_counts(7, b, counts, 6);
		for (i = 0; i < 6; i++)
			total[i] += counts[i];
	}
	for (i = 0; i < 6; i++)
		CHECK(total[i] > 140 && total[i] < 260);
}

/* Published quantiles of Student's t (and the normal's). */
TEST(t_quantiles_by_the_table)
{
	CHECK_NEAR(stats_t_quantile(0.975, 1), 12.706205, 1e-5);
	CHECK_NEAR(stats_t_quantile(0.975, 2), 4.302653, 1e-5);
	CHECK_NEAR(stats_t_quantile(0.975, 5), 2.570582, 1e-5);
	CHECK_NEAR(stats_t_quantile(0.975, 23), 2.068658, 1e-5);
	CHECK_NEAR(stats_t_quantile(0.975, 7.5), 2.333, 2e-3);
	CHECK_NEAR(stats_t_quantile(0.025, 10), -2.228139, 1e-5);
	CHECK_NEAR(stats_t_cdf(2.228139, 10), 0.975, 1e-6);
	CHECK_NEAR(stats_z_quantile(0.975), 1.959964, 1e-6);
	CHECK(isnan(stats_t_quantile(0.975, 0)));
	CHECK(isnan(stats_t_quantile(1, 5)));
}

/* Holm by hand: p = .01, .04, .03, NAN with 3 in the family: sorted
 * .01 * 3 = .03, .03 * 2 = .06, .04 * 1 = .04 -> max so far .06. */
TEST(holm_by_hand)
{
	double p[4] = { 0.01, 0.04, 0.03, NAN }, adj[4];

	stats_holm(p, adj, 4);
	CHECK_NEAR(adj[0], 0.03, 1e-12);
	CHECK_NEAR(adj[2], 0.06, 1e-12);
	CHECK_NEAR(adj[1], 0.06, 1e-12);
	CHECK(isnan(adj[3]));
}

/* Wilson's interval for 1 of 6 at 95%: [0.0301, 0.5635]. */
TEST(wilson_by_hand)
{
	double lo, hi;

	stats_wilson(1, 6, 0.95, &lo, &hi);
	CHECK_NEAR(lo, 0.030053, 1e-5);
	CHECK_NEAR(hi, 0.563503, 1e-5);
	stats_wilson(0, 0, 0.95, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi));
}

int
main(void)
{
	RUN(generator_matches_the_published_vectors);
	RUN(seeded_sequences_are_pinned);
	RUN(same_seed_same_stream_other_seed_other_stream);
	RUN(below_stays_in_bounds);
	RUN(below_is_roughly_uniform);
	RUN(unit_interval_is_half_open);
	RUN(boot_counts_sum_to_n);
	RUN(shuffle_is_a_permutation);
	RUN(percentile_type_7_by_hand);
	RUN(interval_drops_undefined_and_sorts);
	RUN(mean_and_pearson_by_hand);
	RUN(boot_counts_draw_every_unit);
	RUN(t_quantiles_by_the_table);
	RUN(holm_by_hand);
	RUN(wilson_by_hand);
	return check_exit();
}
