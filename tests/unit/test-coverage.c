/* test-coverage.c: the intervals of scores and compare keep their promise.
 *
 * Simulated studies with a known truth: ratings on a 1-5 scale, rounded
 * and clipped, made of a model x capability mean, an axis offset, a
 * prompt effect shared by the models, a model x prompt effect, each
 * reviewer's leniency (drawn once per study: the panel is fixed, and the
 * truth is what these reviewers would give on average) and noise.  The
 * truth of a cell is then exact: the mean over reviewers and axes of the
 * expected rounded, clipped rating, a sum of normal tail probabilities.
 *
 * COVERAGE_STUDIES in the environment runs more (or fewer) studies and
 * prints the figures: COVERAGE_STUDIES=8000 tests/unit/test-coverage. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "scores.h"
#include "stats.h"

#define MODELS		3
#define CAPS		4
#define AXES		2
#define SD_PROMPT	0.6
#define SD_MODEL_PROMPT	0.4
#define SD_NOISE	0.7
#define SD_LENIENCY	0.3

static const double model_mean[MODELS] = { 3.2, 3.2, 3.9 };
static const double cap_offset[CAPS] = { 0, -0.6, 0.5, -0.2 };
static const double axis_offset[AXES] = { 0, -0.3 };
static const double cap_weight[CAPS] = { 1, 2, 1, 0.5 };

static double
normal(struct rng *r)
{
	double u = rng_unit(r), v = rng_unit(r);

	return sqrt(-2 * log(1 - u)) * cos(2 * M_PI * v);
}

static double
rating(double x)
{
	x = round(x);
	return x < 1 ? 1 : x > 5 ? 5 : x;
}

/* E[clip(round(mu + Z))], Z ~ N(0, sd^2): 1 + sum P(mu + Z >= k - 1/2). */
static double
expected_rating(double mu, double sd)
{
	double e = 1;
	int k;

	for (k = 2; k <= 5; k++)
		e += 0.5 * erfc(-(mu - (k - 0.5)) / (sd * sqrt(2)));
	return e;
}

struct study {
	struct fixture	fx;
	double		truth[MODELS][CAPS];
	double		overall[MODELS];
	double		pop[MODELS][CAPS];	/* over every reviewer who */
	double		pop_overall[MODELS];	/* could have rated */
};

/* n prompts per capability, each prompt of one capability, every
 * reviewer rating every output on every axis. */
static void
study_make(struct study *st, struct rng *r, size_t n, size_t reviewers)
{
	double len[16], sd = sqrt(SD_PROMPT * SD_PROMPT +
	    SD_MODEL_PROMPT * SD_MODEL_PROMPT + SD_NOISE * SD_NOISE);
	double sd_pop = sqrt(sd * sd + SD_LENIENCY * SD_LENIENCY);
	double p_eff, mp, mu, t, w, tp;
	size_t m, c, a, j, p, q;

	fx_init(&st->fx, MODELS, CAPS, AXES, reviewers, n * CAPS);
	for (c = 0; c < CAPS; c++)
		st->fx.set.weights[c] = cap_weight[c];
	for (j = 0; j < reviewers; j++)
		len[j] = SD_LENIENCY * normal(r);
	for (m = 0; m < MODELS; m++) {
		st->overall[m] = st->pop_overall[m] = w = 0;
		for (c = 0; c < CAPS; c++) {
			for (a = 0, t = tp = 0; a < AXES; a++) {
				mu = model_mean[m] + cap_offset[c] +
				    axis_offset[a];
				for (j = 0; j < reviewers; j++)
					t += expected_rating(mu + len[j], sd);
				tp += expected_rating(mu, sd_pop);
			}
			st->truth[m][c] = t / (AXES * reviewers);
			st->pop[m][c] = tp / AXES;
			st->overall[m] += cap_weight[c] * st->truth[m][c];
			st->pop_overall[m] += cap_weight[c] * st->pop[m][c];
			w += cap_weight[c];
		}
		st->overall[m] /= w;
		st->pop_overall[m] /= w;
	}
	for (c = 0; c < CAPS; c++) {
		for (q = 0; q < n; q++) {
			p = c * n + q;
			p_eff = SD_PROMPT * normal(r);
			for (m = 0; m < MODELS; m++) {
				mp = SD_MODEL_PROMPT * normal(r);
				for (a = 0; a < AXES; a++) {
					mu = model_mean[m] + cap_offset[c] +
					    axis_offset[a] + p_eff + mp;
					for (j = 0; j < reviewers; j++)
						fx_rate(&st->fx, p, m, c, a, j,
						    rating(mu + len[j] +
						    SD_NOISE * normal(r)));
				}
			}
		}
	}
}

struct tally {
	size_t	cap_in, cap_n, all_in, all_n, differs, studies, few;
};

static bool
covers(const struct score *s, double truth)
{
	return s->lo <= truth && truth <= s->hi;
}

/* One study of n prompts per capability and `reviewers` reviewers; with
 * `random` the intervals are about the reviewers' population and are
 * checked against its truth. */
static void
one_study(struct tally *t, struct rng *r, size_t n, size_t reviewers,
    bool random)
{
	struct scores_opts o;
	struct scores sc;
	struct compare cm;
	struct study st;
	size_t i;
	bool any = false;

	study_make(&st, r, n, reviewers);
	scores_opts_init(&o);
	o.reviewers_random = random;
	CHECK_INT(scores_compute(&st.fx.set, &o, &sc), 0);
	for (i = 0; i < sc.n_rows; i++) {
		const struct scores_row *row = &sc.rows[i];

		t->few += row->score.few;
		t->cap_in += covers(&row->score, random ?
		    st.pop[row->model][row->capability] :
		    st.truth[row->model][row->capability]);
		t->cap_n++;
	}
	for (i = 0; i < sc.n_overall; i++) {
		t->all_in += covers(&sc.overall[i].score, random ?
		    st.pop_overall[sc.overall[i].model] :
		    st.overall[sc.overall[i].model]);
		t->all_n++;
	}
	scores_free(&sc);
	/* Models 0 and 1 have the same means: no row should differ. */
	CHECK_INT(compare_compute(&st.fx.set, 0, 1, &o, &cm), 0);
	for (i = 0; i < cm.n_rows; i++)
		any = any || cm.rows[i].differs;
	t->differs += any;
	t->studies++;
	compare_free(&cm);
	fx_free(&st.fx);
}

static size_t
n_studies(void)
{
	const char *e = getenv("COVERAGE_STUDIES");

	return e != NULL && atoi(e) > 0 ? (size_t)atoi(e) : 2000;
}

static void
coverage_at(size_t n)
{
	struct tally t;
	struct rng r;
	size_t s, studies = n_studies();
	double cap, all, differs;

	memset(&t, 0, sizeof t);
	rng_seed(&r, 20261202 + n);
	for (s = 0; s < studies; s++)
		one_study(&t, &r, n, 3, false);
	cap = (double)t.cap_in / (double)t.cap_n;
	all = (double)t.all_in / (double)t.all_n;
	differs = (double)t.differs / (double)t.studies;
	fprintf(stderr, "%2zu prompts per capability, %zu studies: capability "
	    "%.1f%%, overall %.1f%%, compare differs somewhere %.1f%%\n", n,
	    studies, 100 * cap, 100 * all, 100 * differs);
	CHECK_INT(t.few, 0);
	CHECK(cap >= 0.93 && cap <= 0.97);
	CHECK(all >= 0.93 && all <= 0.97);
	CHECK(differs <= 0.06);
}

/* The smallest panel given an interval (SCORES_MIN_PROMPTS). */
TEST(intervals_cover_at_3_prompts)
{
	coverage_at(3);
}

/* Reviewers as a sample: 12 prompts per capability, the truth being the
 * mean over every reviewer who could have rated. */
static void
random_coverage(size_t reviewers, double min_cap)
{
	struct tally t;
	struct rng r;
	size_t s, studies = n_studies() / 4;
	double cap, all, differs;

	memset(&t, 0, sizeof t);
	rng_seed(&r, 20261203 + reviewers);
	for (s = 0; s < studies; s++)
		one_study(&t, &r, 12, reviewers, true);
	cap = (double)t.cap_in / (double)t.cap_n;
	all = (double)t.all_in / (double)t.all_n;
	differs = (double)t.differs / (double)t.studies;
	fprintf(stderr, "--reviewers random, %2zu reviewers, 12 prompts, %zu "
	    "studies: capability %.1f%%, overall %.1f%%, compare differs "
	    "somewhere %.1f%%\n", reviewers, studies, 100 * cap, 100 * all,
	    100 * differs);
	CHECK_INT(t.few, 0);
	CHECK(cap >= min_cap && cap <= 0.985);
	CHECK(all >= min_cap && all <= 0.985);
	CHECK(differs <= 0.06);
}

TEST(random_reviewers_cover_with_3)
{
	random_coverage(3, 0.92);
}

TEST(random_reviewers_cover_with_6)
{
	random_coverage(6, 0.93);
}

TEST(random_reviewers_cover_with_12)
{
	random_coverage(12, 0.93);
}

TEST(intervals_cover_at_6_prompts)
{
	coverage_at(6);
}

TEST(intervals_cover_at_12_prompts)
{
	coverage_at(12);
}

TEST(intervals_cover_at_24_prompts)
{
	coverage_at(24);
}

/* Every prompt must take part in the interval: n prompts all rated 3 but
 * one rated 5, wherever that one is, give the same nonzero width.  A
 * jackknife (or bootstrap) that never leaves out (or never draws) some
 * prompt gives a zero width for that position. */
TEST(every_prompt_takes_part_in_the_interval)
{
	struct scores_opts o;
	struct scores sc;
	struct fixture fx;
	size_t k, p, n = 6;
	double width = NAN, w;

	scores_opts_init(&o);
	for (k = 0; k < n; k++) {
		fx_init(&fx, 1, 1, 1, 1, n);
		for (p = 0; p < n; p++)
			fx_rate(&fx, p, 0, 0, 0, 0, p == k ? 5 : 3);
		CHECK_INT(scores_compute(&fx.set, &o, &sc), 0);
		CHECK_INT(sc.n_rows, 1);
		w = sc.rows[0].score.hi - sc.rows[0].score.lo;
		CHECK(w > 0.5);
		if (k > 0)
			CHECK_NEAR(w, width, 1e-9);
		width = w;
		scores_free(&sc);
		fx_free(&fx);
	}
}

int
main(void)
{
	RUN(every_prompt_takes_part_in_the_interval);
	RUN(intervals_cover_at_3_prompts);
	RUN(intervals_cover_at_6_prompts);
	RUN(intervals_cover_at_12_prompts);
	RUN(intervals_cover_at_24_prompts);
	RUN(random_reviewers_cover_with_3);
	RUN(random_reviewers_cover_with_6);
	RUN(random_reviewers_cover_with_12);
	return check_exit();
}
