/* test-kalpha.c: Krippendorff's alpha against the published example and
 * small cases worked by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kalpha.h"

#define M	NAN	/* a missing value */

/* Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
 * example with 4 observers and 12 units; rows are observers A to D. */
static const double example[4][12] = {
	{ 1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M },
	{ 1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3 },
	{ M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M },
	{ 1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M },
};

static size_t
example_pairs(struct ka_pair *p)
{
	size_t n = 0, obs, unit;

	for (obs = 0; obs < 4; obs++) {
		for (unit = 0; unit < 12; unit++) {
			p[n].unit = (uint32_t)unit + 1;
			p[n++].value = example[obs][unit];
		}
	}
	return n;
}

static struct ka_result
alpha_of(const struct ka_pair *p, size_t n, enum ka_metric m)
{
	struct ka_result r;

	CHECK_INT(ka_alpha(p, n, m, &r), 0);
	return r;
}

TEST(published_example_gives_the_published_alphas)
{
	struct ka_pair p[48];
	size_t n = example_pairs(p);
	struct ka_result r;

	r = alpha_of(p, n, KA_NOMINAL);
	CHECK(r.defined);
	CHECK_NEAR(r.alpha, 0.743, 0.0005);
	/* Unit 12 has a single value: 11 pairable units, 40 values. */
	CHECK_INT(r.units, 11);
	CHECK_INT(r.values, 40);
	CHECK_NEAR(alpha_of(p, n, KA_ORDINAL).alpha, 0.815, 0.0005);
	CHECK_NEAR(alpha_of(p, n, KA_INTERVAL).alpha, 0.849, 0.0005);
	CHECK_NEAR(alpha_of(p, n, KA_RATIO).alpha, 0.797, 0.0005);
}

TEST(perfect_agreement_is_one)
{
	/* Units {1,1} {2,2} {3,3}: every coincidence is on the diagonal, so
	 * D_o = 0, while D_e > 0: alpha = 1 under every metric. */
	struct ka_pair p[] = {
		{ 1, 1 }, { 1, 1 }, { 2, 2 }, { 2, 2 }, { 3, 3 }, { 3, 3 },
	};
	enum ka_metric m;

	for (m = KA_NOMINAL; m <= KA_RATIO; m++) {
		struct ka_result r = alpha_of(p, 6, m);

		CHECK(r.defined);
		CHECK_NEAR(r.alpha, 1, 1e-12);
		CHECK_INT(r.units, 3);
	}
}

TEST(systematic_disagreement_is_below_zero)
{
	/* Units {1,2} {2,1}: o12 = o21 = 2, n1 = n2 = 2, n = 4.
	 * Nominal: D_o sum = o12 + o21 = 4; D_e sum = 2 n1 n2 = 8;
	 * alpha = 1 - (n-1) 4 / 8 = 1 - 3 * 0.5 = -0.5.  With two values
	 * every metric is the nominal one times a constant: -0.5 too. */
	struct ka_pair p[] = { { 1, 1 }, { 1, 2 }, { 2, 2 }, { 2, 1 } };
	enum ka_metric m;

	for (m = KA_NOMINAL; m <= KA_RATIO; m++)
		CHECK_NEAR(alpha_of(p, 4, m).alpha, -0.5, 1e-12);
}

TEST(three_values_worked_by_hand)
{
	/* Units {1,1,2} {2,2} {1,3}.
	 * {1,1,2}: m = 3, each ordered pair weighs 1/2: o11 += 2 * 1/2,
	 *          o12 += 2 * 1/2, o21 += 2 * 1/2.
	 * {2,2}:   o22 += 2.   {1,3}: o13 += 1, o31 += 1.
	 * n1 = 3, n2 = 3, n3 = 1, n = 7.
	 * Interval (d2: 1-2 = 1, 1-3 = 4, 2-3 = 1):
	 *   D_o sum = o12 + o21 + 4 (o13 + o31) = 10
	 *   D_e sum = 2 (n1 n2 + 4 n1 n3 + n2 n3) = 2 (9 + 12 + 3) = 48
	 *   alpha = 1 - 6 * 10 / 48 = -0.25
	 * Nominal: D_o sum = 4, D_e sum = 2 (9 + 3 + 3) = 30,
	 *   alpha = 1 - 6 * 4 / 30 = 0.2 */
	struct ka_pair p[] = {
		{ 1, 1 }, { 1, 1 }, { 1, 2 }, { 2, 2 }, { 2, 2 },
		{ 3, 1 }, { 3, 3 },
	};
	struct ka_result r = alpha_of(p, 7, KA_INTERVAL);

	CHECK_NEAR(r.alpha, -0.25, 1e-12);
	CHECK_INT(r.values, 7);
	CHECK_NEAR(r.observed, 10.0 / 7, 1e-12);
	CHECK_NEAR(r.expected, 48.0 / 42, 1e-12);
	CHECK_NEAR(alpha_of(p, 7, KA_NOMINAL).alpha, 0.2, 1e-12);
}

TEST(one_value_everywhere_is_undefined)
{
	struct ka_pair p[] = { { 1, 3 }, { 1, 3 }, { 2, 3 }, { 2, 3 },
	    { 2, 3 } };
	struct ka_result r = alpha_of(p, 5, KA_ORDINAL);

	CHECK(!r.defined);
	CHECK(isnan(r.alpha));
	CHECK(r.why == ka_why_no_variation);
	CHECK_INT(r.units, 2);
	CHECK_INT(r.values, 5);
}

TEST(single_ratings_only_is_undefined)
{
	struct ka_pair p[] = { { 1, 1 }, { 2, 2 }, { 3, 5 } };
	struct ka_result r = alpha_of(p, 3, KA_NOMINAL);

	CHECK(!r.defined);
	CHECK(isnan(r.alpha));
	CHECK(r.why == ka_why_no_pairs);
	CHECK_INT(r.units, 0);
	CHECK_INT(r.values, 0);
	r = alpha_of(NULL, 0, KA_INTERVAL);
	CHECK(!r.defined);
	CHECK(r.why == ka_why_no_pairs);
}

TEST(unit_with_a_single_rating_is_left_out)
{
	/* The disagreement case plus a unit {5} with one value: the 5 is
	 * not pairable, so nothing changes, under any metric (a value of
	 * frequency 0 adds no rank and no expected disagreement). */
	struct ka_pair p[] = { { 1, 1 }, { 1, 2 }, { 2, 2 }, { 2, 1 },
	    { 9, 5 } };
	enum ka_metric m;

	for (m = KA_NOMINAL; m <= KA_RATIO; m++) {
		struct ka_result r = alpha_of(p, 5, m);

		CHECK_NEAR(r.alpha, -0.5, 1e-12);
		CHECK_INT(r.units, 2);
		CHECK_INT(r.values, 4);
	}
}

TEST(missing_values_are_ignored)
{
	struct ka_pair p[] = { { 1, 1 }, { 1, NAN }, { 1, 2 }, { 2, 2 },
	    { 2, 1 } };

	CHECK_NEAR(alpha_of(p, 5, KA_NOMINAL).alpha, -0.5, 1e-12);
}

TEST(ratio_rejects_negative_values)
{
	struct ka_pair p[] = { { 1, -1 }, { 1, 2 } };
	struct ka_result r;

	CHECK_INT(ka_alpha(p, 2, KA_RATIO, &r), -1);
	CHECK_INT(ka_alpha(p, 2, KA_INTERVAL, &r), 0);
}

TEST(bootstrap_is_reproducible_and_contains_the_estimate)
{
	struct ka_pair p[48];
	size_t n = example_pairs(p);
	struct ka_result a, b, c;

	CHECK_INT(ka_alpha_boot(p, n, KA_ORDINAL, 1000, 7, 0.95, &a), 0);
	CHECK_INT(ka_alpha_boot(p, n, KA_ORDINAL, 1000, 7, 0.95, &b), 0);
	CHECK_INT(ka_alpha_boot(p, n, KA_ORDINAL, 1000, 8, 0.95, &c), 0);
	CHECK_NEAR(a.alpha, 0.815, 0.0005);
	CHECK(a.lo == b.lo && a.hi == b.hi);
	CHECK(a.lo != c.lo || a.hi != c.hi);
	CHECK(a.lo <= a.alpha && a.alpha <= a.hi);
	CHECK(a.hi <= 1);
	CHECK(a.boot_defined > 900);
}

TEST(metric_names_round_trip)
{
	enum ka_metric m, back;

	for (m = KA_NOMINAL; m <= KA_RATIO; m++) {
		CHECK_INT(ka_metric_parse(ka_metric_name(m), &back), 0);
		CHECK_INT(back, m);
	}
	CHECK_INT(ka_metric_parse("cardinal", &back), -1);
}

TEST(coincidences_add_up)
{
	/* Two halves of the hand case, added, give the whole. */
	double values[] = { 1, 2, 3 };
	uint32_t u1[] = { 0, 0, 1 }, u2[] = { 1, 1 }, u3[] = { 0, 2 };
	struct ka_coinc a, b;
	struct ka_result r;

	CHECK_INT(ka_coinc_init(&a, values, 3), 0);
	CHECK_INT(ka_coinc_init(&b, values, 3), 0);
	ka_coinc_add_unit(&a, u1, 3, 1);
	ka_coinc_add_unit(&b, u2, 2, 1);
	ka_coinc_add_unit(&b, u3, 2, 1);
	ka_coinc_add(&a, &b, 1);
	CHECK_INT(ka_coinc_alpha(&a, KA_INTERVAL, &r), 0);
	CHECK_NEAR(r.alpha, -0.25, 1e-12);
	CHECK_INT(r.units, 3);
	ka_coinc_free(&a);
	ka_coinc_free(&b);
}

/* Six units in three clusters: two of cluster 0 share a pattern (0, 1)
 * and fold into one entry; the pattern (1, 0) is the same multiset. */
static const size_t fold_start[] = { 0, 2, 4, 6, 8, 10, 12 };
static const uint32_t fold_vidx[] = { 0, 1, 1, 0, 1, 1, 0, 1, 2, 2, 0, 2 };
static const uint32_t fold_cluster[] = { 0, 0, 0, 1, 1, 2 };

/* What the units add with cluster k counted count[k] times, unit by unit. */
static void
fold_reference(const uint32_t *count, struct ka_coinc *c)
{
	size_t i;

	for (i = 0; i < 6; i++)
		ka_coinc_add_unit(c, fold_vidx + fold_start[i], 2, count[fold_cluster[i]]);
}

static void
check_same(const struct ka_coinc *got, const struct ka_coinc *want)
{
	size_t i;

	CHECK_NEAR(got->units, want->units, 1e-12);
	for (i = 0; i < want->nv * want->nv; i++)
		CHECK_NEAR(got->o[i], want->o[i], 1e-12);
}

TEST(units_of_one_cluster_and_pattern_fold_and_blocks_give_each_resample)
{
	static const uint32_t lanes[3][3] = { { 1, 1, 1 }, { 3, 0, 0 }, { 0, 2, 1 } };
	double values[] = { 1, 2, 3 };
	uint32_t block[3 * KA_BLOCK];
	uint64_t *tally;
	struct ka_coinc got, want;
	struct ka_units u;
	size_t j, k;

	CHECK_INT(ka_units_build(&u, 3, fold_start, fold_vidx, fold_cluster, 6), 0);
	CHECK_INT(u.n, 6);
	CHECK_INT(u.n_entries, 5);
	memset(block, 0, sizeof block);
	for (j = 0; j < 3; j++) {
		for (k = 0; k < 3; k++)
			block[k * KA_BLOCK + j] = lanes[j][k];
	}
	tally = calloc(u.n_patterns * KA_BLOCK + 1, sizeof *tally);
	ka_units_tally_block(&u, block, tally);
	CHECK_INT(ka_coinc_init(&got, values, 3), 0);
	CHECK_INT(ka_coinc_init(&want, values, 3), 0);
	for (j = 0; j < 3; j++) {
		ka_coinc_clear(&want);
		fold_reference(lanes[j], &want);
		ka_coinc_clear(&got);
		ka_units_coinc(&u, lanes[j], &got);
		check_same(&got, &want);
		ka_coinc_clear(&got);
		ka_units_coinc_lane(&u, tally, j, &got);
		check_same(&got, &want);
	}
	free(tally);
	ka_coinc_free(&got);
	ka_coinc_free(&want);
	ka_units_free(&u);
}

TEST(distinct_values_come_sorted_however_many)
{
	double x[300], *v;
	size_t i, nv;

	/* 150 distinct values, each twice, descending, with missing ones:
	 * past the few a scale has, so both ways are taken. */
	for (i = 0; i < 300; i++)
		x[i] = i % 7 == 3 ? M : (double)(150 - i / 2);
	for (nv = 0; nv < 2; nv++) {
		size_t n = nv == 0 ? 20 : 300, d, ok = 1;

		ka_values(x, n, &v, &d);
		for (i = 1; i < d; i++)
			ok = ok && v[i - 1] < v[i];
		CHECK(ok);
		CHECK_INT(d, nv == 0 ? 10 : 150);
		CHECK_NEAR(v[d - 1], 150, 0);
		free(v);
	}
}

int
main(void)
{
	RUN(published_example_gives_the_published_alphas);
	RUN(perfect_agreement_is_one);
	RUN(systematic_disagreement_is_below_zero);
	RUN(three_values_worked_by_hand);
	RUN(one_value_everywhere_is_undefined);
	RUN(single_ratings_only_is_undefined);
	RUN(unit_with_a_single_rating_is_left_out);
	RUN(missing_values_are_ignored);
	RUN(ratio_rejects_negative_values);
	RUN(bootstrap_is_reproducible_and_contains_the_estimate);
	RUN(metric_names_round_trip);
	RUN(coincidences_add_up);
	RUN(units_of_one_cluster_and_pattern_fold_and_blocks_give_each_resample);
	RUN(distinct_values_come_sorted_however_many);
	return check_exit();
}
