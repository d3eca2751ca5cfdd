/* test-agreement.c: alpha per cell, and each reviewer's habits. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agreement-format.h"
#include "check.h"
#include "fixture.h"
#include "kalpha.h"

static struct agreement_opts
opts_with(enum ka_metric m, size_t n_boot)
{
	struct agreement_opts o;

	agreement_opts_init(&o);
	o.metric = m;
	o.n_boot = n_boot;
	return o;
}

static const struct agreement_reviewer *
reviewer(const struct agreement *ag, uint32_t r)
{
	size_t i;

	for (i = 0; i < ag->n_reviewers; i++) {
		if (ag->reviewers[i].reviewer == r)
			return &ag->reviewers[i];
	}
	return NULL;
}

/* One axis, three reviewers, six outputs.  r1 and r2 agree exactly
 * (x = 1 2 3 2 3 1); r0 always says x + 1.
 *   r0's leniency: x + 1 - (x + x) / 2 = +1 on each output: +1.00.
 *   r1's: x - ((x + 1) + x) / 2 = -0.5 (r2 the same): not beyond 0.5.
 *   Without r0 only r1 and r2 remain, who agree: alpha = 1. */
static void
lenient_fixture(struct fixture *fx)
{
	static const double x[] = { 1, 2, 3, 2, 3, 1 };
	size_t p;

	fx_init(fx, 1, 1, 1, 3, 6);
	for (p = 0; p < 6; p++) {
		fx_rate(fx, p, 0, 0, 0, 0, x[p] + 1);
		fx_rate(fx, p, 0, 0, 0, 1, x[p]);
		fx_rate(fx, p, 0, 0, 0, 2, x[p]);
	}
}

/* The same ratings as (unit, value) pairs, unit = output, leaving out
 * reviewer `skip` (or none, with skip = -1). */
static size_t
pairs_of(const struct rating_set *s, int skip, struct ka_pair *p)
{
	size_t i, n = 0;

	for (i = 0; i < s->n_ratings; i++) {
		if ((int)s->ratings[i].reviewer == skip)
			continue;
		p[n].unit = s->ratings[i].output * (uint32_t)s->n_axes +
		    s->ratings[i].axis;
		p[n++].value = s->ratings[i].score;
	}
	return n;
}

TEST(leniency_by_hand_and_alpha_without_the_lenient_one)
{
	struct fixture fx;
	struct agreement_opts o = opts_with(KA_ORDINAL, 200);
	struct agreement ag;
	const struct agreement_reviewer *r0, *r1;
	struct ka_pair p[18];
	struct ka_result direct;

	lenient_fixture(&fx);
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	CHECK_INT(ag.n_reviewers, 3);
	r0 = reviewer(&ag, 0);
	r1 = reviewer(&ag, 1);
	CHECK(r0 != NULL && r1 != NULL);
	if (r0 == NULL || r1 == NULL)
		goto out;
	CHECK_NEAR(r0->leniency, 1, 1e-12);
	CHECK_INT(r0->compared, 6);
	CHECK_NEAR(r0->mean, 3, 1e-12);
	CHECK_NEAR(r1->leniency, -0.5, 1e-12);
	CHECK(r0->flags & AGREEMENT_LENIENT);
	CHECK(!(r1->flags & (AGREEMENT_LENIENT | AGREEMENT_HARSH)));
	/* Without r0: perfect agreement. */
	CHECK(r0->without.defined);
	CHECK_NEAR(r0->without.alpha, 1, 1e-12);
	CHECK(ag.panel.defined && ag.panel.alpha < 1);
	CHECK_NEAR(r0->alpha_gain, 1 - ag.panel.alpha, 1e-12);
	CHECK(r0->flags & AGREEMENT_LOWERS_ALPHA);
	CHECK(!(r1->flags & AGREEMENT_LOWERS_ALPHA));
	/* The panel and "without" alphas are what kalpha says of the same
	 * pairs computed from scratch. */
	CHECK_INT(ka_alpha(p, pairs_of(&fx.set, -1, p), KA_ORDINAL, &direct),
	    0);
	CHECK_NEAR(ag.panel.alpha, direct.alpha, 1e-12);
	CHECK_INT(ag.panel.units, 6);
	CHECK_INT(ag.panel.values, 18);
	CHECK_INT(ka_alpha(p, pairs_of(&fx.set, 1, p), KA_ORDINAL, &direct),
	    0);
	CHECK_NEAR(r1->without.alpha, direct.alpha, 1e-12);
out:
	agreement_free(&ag);
	fx_free(&fx);
}

/* Three axes, two reviewers, six outputs.
 *   r0 gives one score to every axis (1 2 3 4 5 3): straight-lining 6/6,
 *   and its axes correlate perfectly: halo 1.
 *   r1: axis0 3 2 1 5 2 4, axis1 3 2 4 2 5 1, axis2 3 2 2 3 4 5; outputs
 *   0 and 1 are straight, so 2/6.  Means 17/6, 17/6, 19/6; with
 *   Sxx0 = Sxx1 = 65/6, Sxx2 = 41/6, Sxy01 = -43/6, Sxy02 = 25/6,
 *   Sxy12 = -11/6:
 *     r01 = -43/65, r02 = 25/sqrt(2665), r12 = -11/sqrt(2665)
 *     halo = (-43/65 + 14/sqrt(2665)) / 3 = -0.1301150 */
static void
straight_fixture(struct fixture *fx)
{
	static const double same[] = { 1, 2, 3, 4, 5, 3 };
	static const double r1[3][6] = {
		{ 3, 2, 1, 5, 2, 4 }, { 3, 2, 4, 2, 5, 1 }, { 3, 2, 2, 3, 4, 5 },
	};
	size_t p, a;

	fx_init(fx, 1, 1, 3, 2, 6);
	for (p = 0; p < 6; p++) {
		for (a = 0; a < 3; a++) {
			fx_rate(fx, p, 0, 0, a, 0, same[p]);
			fx_rate(fx, p, 0, 0, a, 1, r1[a][p]);
		}
	}
}

TEST(straight_lining_and_halo_by_hand)
{
	struct fixture fx;
	struct agreement_opts o = opts_with(KA_ORDINAL, 0);
	struct agreement ag;
	const struct agreement_reviewer *r0, *r1;

	straight_fixture(&fx);
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	r0 = reviewer(&ag, 0);
	r1 = reviewer(&ag, 1);
	CHECK(r0 != NULL && r1 != NULL);
	if (r0 == NULL || r1 == NULL)
		goto out;
	CHECK_NEAR(r0->straight, 1, 1e-12);
	CHECK_INT(r0->straight_items, 6);
	CHECK_NEAR(r0->halo, 1, 1e-12);
	CHECK_INT(r0->halo_pairs, 3);
	CHECK(r0->flags & AGREEMENT_STRAIGHT_LINES);
	CHECK(r0->flags & AGREEMENT_HALO_FLAG);
	CHECK_NEAR(r1->straight, 2.0 / 6, 1e-12);
	CHECK_NEAR(r1->halo, (-43.0 / 65 + 14 / sqrt(2665)) / 3, 1e-12);
	CHECK(!(r1->flags & (AGREEMENT_STRAIGHT_LINES | AGREEMENT_HALO_FLAG)));
out:
	agreement_free(&ag);
	fx_free(&fx);
}

TEST(an_axis_rated_na_is_not_part_of_an_item)
{
	/* r0 rates axis0 and axis1 the same and says N/A to axis2 on every
	 * output: still straight-lining (two axes, one score); only the
	 * pair (0, 1) has a correlation. */
	struct fixture fx;
	struct agreement_opts o = opts_with(KA_INTERVAL, 0);
	struct agreement ag;
	const struct agreement_reviewer *r0;
	size_t p;

	fx_init(&fx, 1, 1, 3, 2, 5);
	for (p = 0; p < 5; p++) {
		fx_rate(&fx, p, 0, 0, 0, 0, 1 + (double)p);
		fx_rate(&fx, p, 0, 0, 1, 0, 1 + (double)p);
		fx_rate(&fx, p, 0, 0, 2, 0, NAN);
		fx_rate(&fx, p, 0, 0, 0, 1, 3);
	}
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	r0 = reviewer(&ag, 0);
	CHECK(r0 != NULL);
	if (r0 != NULL) {
		CHECK_NEAR(r0->straight, 1, 1e-12);
		CHECK_INT(r0->halo_pairs, 1);
		CHECK_INT(r0->ratings, 10);
		CHECK_INT(r0->compared, 5);	/* only axis0 is shared */
	}
	agreement_free(&ag);
	fx_free(&fx);
}

TEST(cells_match_alpha_computed_directly)
{
	/* Each (capability, axis) cell is the alpha of that axis's pairs;
	 * "all" axes is the alpha with (output, axis) as units. */
	struct fixture fx;
	struct agreement_opts o = opts_with(KA_INTERVAL, 300);
	struct agreement ag, again;
	struct ka_pair p[64];
	struct ka_result direct;
	size_t i, n;

	straight_fixture(&fx);
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	CHECK_INT(ag.n_cells, 5);		/* 3 axes, all, panel */
	for (i = 0, n = 0; i < fx.set.n_ratings; i++) {
		if (fx.set.ratings[i].axis != 1)
			continue;
		p[n].unit = fx.set.ratings[i].output;
		p[n++].value = fx.set.ratings[i].score;
	}
	CHECK_INT(ka_alpha(p, n, KA_INTERVAL, &direct), 0);
	CHECK_INT(ag.cells[1].axis, 1);
	CHECK_NEAR(ag.cells[1].alpha.alpha, direct.alpha, 1e-12);
	CHECK_INT(ka_alpha(p, pairs_of(&fx.set, -1, p), KA_INTERVAL,
	    &direct), 0);
	CHECK_INT(ag.cells[3].axis, AGREEMENT_ALL);
	CHECK_NEAR(ag.cells[3].alpha.alpha, direct.alpha, 1e-12);
	CHECK_INT(ag.cells[3].alpha.units, 18);
	CHECK_INT(ag.cells[4].capability, AGREEMENT_ALL);
	CHECK_NEAR(ag.panel.alpha, direct.alpha, 1e-12);
	/* Reproducible intervals around the estimate. */
	CHECK_INT(agreement_compute(&fx.set, &o, &again), 0);
	for (i = 0; i < ag.n_cells; i++) {
		CHECK(ag.cells[i].alpha.lo == again.cells[i].alpha.lo);
		CHECK(ag.cells[i].alpha.hi == again.cells[i].alpha.hi);
	}
	CHECK(ag.panel.lo <= ag.panel.alpha && ag.panel.alpha <= ag.panel.hi);
	agreement_free(&again);
	agreement_free(&ag);
	fx_free(&fx);
}

TEST(undefined_alpha_is_reported_as_undefined)
{
	struct fixture fx;
	struct agreement_opts o = opts_with(KA_ORDINAL, 100);
	struct agreement ag;
	char *buf = NULL;
	size_t len = 0, p;
	json_t *root, *cell;
	FILE *f;

	/* Everyone gives 3 to everything: no variation. */
	fx_init(&fx, 1, 1, 1, 2, 4);
	for (p = 0; p < 4; p++) {
		fx_rate(&fx, p, 0, 0, 0, 0, 3);
		fx_rate(&fx, p, 0, 0, 0, 1, 3);
	}
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	CHECK(!ag.panel.defined);
	CHECK(isnan(ag.panel.alpha));
	CHECK(ag.panel.why == ka_why_no_variation);
	CHECK(isnan(ag.panel.lo));
	CHECK(isnan(reviewer(&ag, 0)->alpha_gain));
	f = open_memstream(&buf, &len);
	CHECK_INT(agreement_format(&ag, AGREEMENT_ALPHA, TAB_JSON, 0, f), 0);
	fclose(f);
	root = json_loads(buf, 0, NULL);
	CHECK(root != NULL);
	cell = json_array_get(json_object_get(root, "cells"), 0);
	CHECK(json_is_null(json_object_get(cell, "alpha")));
	CHECK_STR(json_string_value(json_object_get(cell, "undefined")),
	    ka_why_no_variation);
	json_decref(root);
	free(buf);
	f = open_memstream(&buf, &len);
	CHECK_INT(agreement_format(&ag, AGREEMENT_ALPHA, TAB_TABLE, 0, f), 0);
	fclose(f);
	CHECK(strstr(buf, "undefined: every rating is the same") != NULL);
	CHECK(strstr(buf, "—") != NULL);
	free(buf);
	agreement_free(&ag);
	fx_free(&fx);

	/* A single reviewer: nothing to pair. */
	fx_init(&fx, 1, 1, 1, 1, 3);
	for (p = 0; p < 3; p++)
		fx_rate(&fx, p, 0, 0, 0, 0, 1 + (double)p);
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	CHECK(!ag.panel.defined);
	CHECK(ag.panel.why == ka_why_no_pairs);
	CHECK(isnan(reviewer(&ag, 0)->leniency));
	agreement_free(&ag);
	fx_free(&fx);
}

TEST(an_empty_set_is_undefined_not_a_crash)
{
	struct fixture fx;
	struct agreement_opts o = opts_with(KA_NOMINAL, 50);
	struct agreement ag;

	fx_init(&fx, 1, 1, 1, 2, 2);
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	CHECK_INT(ag.n_cells, 1);		/* the panel row */
	CHECK(!ag.panel.defined);
	CHECK_INT(ag.n_reviewers, 0);
	agreement_free(&ag);
	fx_free(&fx);
}

TEST(formats)
{
	struct fixture fx;
	struct agreement_opts o = opts_with(KA_ORDINAL, 100);
	struct agreement ag;
	char *buf = NULL;
	size_t len = 0;
	json_t *root, *r0;
	FILE *f;

	lenient_fixture(&fx);
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	f = open_memstream(&buf, &len);
	CHECK_INT(agreement_format(&ag, AGREEMENT_BOTH, TAB_CSV, 0, f), -1);
	CHECK_INT(agreement_format(&ag, AGREEMENT_REVIEWERS, TAB_CSV, 0, f),
	    0);
	fclose(f);
	CHECK(strncmp(buf, "reviewer,ratings,mean,leniency,compared,"
	    "alpha_without,alpha_gain,", 64) == 0);
	CHECK(strstr(buf, "\r\nr0,6,3.00,+1.00,6,1.000,") != NULL);
	CHECK(strstr(buf, ",lenient lowers-alpha\r\n") != NULL);
	free(buf);
	f = open_memstream(&buf, &len);
	CHECK_INT(agreement_format(&ag, AGREEMENT_BOTH, TAB_JSON, 0, f), 0);
	fclose(f);
	root = json_loads(buf, 0, NULL);
	CHECK(root != NULL);
	r0 = json_array_get(json_object_get(root, "reviewers"), 0);
	CHECK_NEAR(json_real_value(json_object_get(r0, "leniency")), 1, 1e-9);
	CHECK_STR(json_string_value(json_array_get(json_object_get(r0,
	    "flags"), 0)), "lenient");
	CHECK_STR(json_string_value(json_object_get(root, "metric")),
	    "ordinal");
	json_decref(root);
	free(buf);
	f = open_memstream(&buf, &len);
	CHECK_INT(agreement_format(&ag, AGREEMENT_BOTH, TAB_TABLE, 72, f), 0);
	CHECK_INT(agreement_format(&ag, AGREEMENT_BOTH, TAB_MD, 0, f), 0);
	fclose(f);
	CHECK(strstr(buf, "lowers-alpha") != NULL);
	CHECK(strstr(buf, "| reviewer ") != NULL);
	free(buf);
	agreement_free(&ag);
	fx_free(&fx);
}

/* Two models answer each of 6 prompts: the outputs of one prompt are not
 * independent, so a resample draws prompts (6), not outputs (12). */
TEST(resamples_draw_prompts_not_outputs)
{
	struct agreement_opts o = opts_with(KA_ORDINAL, 200);
	struct agreement ag;
	struct fixture fx;
	size_t p, m;

	fx_init(&fx, 2, 1, 1, 2, 6);
	for (p = 0; p < 6; p++) {
		for (m = 0; m < 2; m++) {
			fx_rate(&fx, p, m, 0, 0, 0, 1 + (double)((p + m) % 5));
			fx_rate(&fx, p, m, 0, 0, 1, 1 + (double)((p + m + p % 2)
			    % 5));
		}
	}
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	CHECK_INT(ag.n_pool, 6);
	CHECK(ag.panel.defined && !isnan(ag.panel.lo));
	agreement_free(&ag);
	fx_free(&fx);
}

/* Only prompt 0 varies (1 vs 2); prompts 1 and 2 are 3, 3.  A resample
 * without prompt 0 has no variation and no alpha: counted, in JSON. */
TEST(undefined_resamples_are_counted)
{
	struct agreement_opts o = opts_with(KA_ORDINAL, 300);
	struct agreement ag;
	struct fixture fx;
	json_t *root, *panel;
	char *buf = NULL;
	size_t len = 0, p;
	FILE *f;

	fx_init(&fx, 1, 1, 1, 2, 3);
	fx_rate(&fx, 0, 0, 0, 0, 0, 1);
	fx_rate(&fx, 0, 0, 0, 0, 1, 2);
	for (p = 1; p < 3; p++) {
		fx_rate(&fx, p, 0, 0, 0, 0, 3);
		fx_rate(&fx, p, 0, 0, 0, 1, 3);
	}
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	CHECK(ag.panel.defined);
	/* P(no prompt 0 in 3 draws) = (2/3)^3 = 8/27: about 89 of 300. */
	CHECK(ag.panel.boot_defined < 300 && ag.panel.boot_defined > 150);
	f = open_memstream(&buf, &len);
	CHECK_INT(agreement_format(&ag, AGREEMENT_BOTH, TAB_JSON, 0, f), 0);
	fclose(f);
	root = json_loads(buf, 0, NULL);
	panel = json_object_get(root, "panel");
	CHECK_INT(json_integer_value(json_object_get(panel,
	    "resamples_undefined")), 300 - ag.panel.boot_defined);
	json_decref(root);
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	CHECK_INT(agreement_format(&ag, AGREEMENT_ALPHA, TAB_TABLE, 0, f), 0);
	fclose(f);
	CHECK(strstr(buf, "Resamples without an alpha, left out of the "
	    "interval (of 300):") != NULL);
	free(buf);
	agreement_free(&ag);
	fx_free(&fx);
}

/* cap0 on 1-5, cap1 on 1-10: no panel-wide alpha, one per scale, each
 * the alpha of its capability. */
TEST(panel_alpha_only_within_one_scale)
{
	struct agreement_opts o = opts_with(KA_INTERVAL, 100);
	struct agreement ag;
	struct fixture fx;
	size_t p, i;

	fx_init(&fx, 1, 2, 1, 2, 8);
	fx.set.cap_min = calloc(2, sizeof *fx.set.cap_min);
	fx.set.cap_max = calloc(2, sizeof *fx.set.cap_max);
	fx.set.cap_min[0] = fx.set.cap_min[1] = 1;
	fx.set.cap_max[0] = 5;
	fx.set.cap_max[1] = 10;
	for (p = 0; p < 4; p++) {
		fx_rate(&fx, p, 0, 0, 0, 0, 1 + (double)p);
		fx_rate(&fx, p, 0, 0, 0, 1, 2 + (double)p);
		fx_rate(&fx, p + 4, 0, 1, 0, 0, 2 * (double)p + 1);
		fx_rate(&fx, p + 4, 0, 1, 0, 1, 2 * (double)p + 1);
	}
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	CHECK(!ag.panel.defined);
	CHECK(ag.panel.why == agreement_why_scales);
	CHECK_INT(ag.n_scales, 2);
	for (i = 0; i < ag.n_cells; i++) {
		const struct agreement_cell *c = &ag.cells[i];

		if (c->capability != AGREEMENT_ALL && c->axis == AGREEMENT_ALL)
			CHECK_NEAR(ag.scales[c->capability].alpha.alpha,
			    c->alpha.alpha, 1e-12);
	}
	agreement_free(&ag);
	/* The same scale: pooled as before. */
	fx.set.cap_max[1] = 5;
	CHECK_INT(agreement_compute(&fx.set, &o, &ag), 0);
	CHECK(ag.panel.defined);
	CHECK_INT(ag.n_scales, 1);
	agreement_free(&ag);
	fx_free(&fx);
}

int
main(void)
{
	/* Tables measure text as UTF-8 (text.h), as panelist does. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "en_US.UTF-8") == NULL)
		return 77;
	RUN(leniency_by_hand_and_alpha_without_the_lenient_one);
	RUN(straight_lining_and_halo_by_hand);
	RUN(an_axis_rated_na_is_not_part_of_an_item);
	RUN(cells_match_alpha_computed_directly);
	RUN(undefined_alpha_is_reported_as_undefined);
	RUN(an_empty_set_is_undefined_not_a_crash);
	RUN(formats);
	RUN(resamples_draw_prompts_not_outputs);
	RUN(undefined_resamples_are_counted);
	RUN(panel_alpha_only_within_one_scale);
	return check_exit();
}
