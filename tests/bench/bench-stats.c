/* bench-stats.c: time and memory of scores and agreement on a million
 * ratings.
 *
 * Not a test: a program to run by hand.  It builds a synthetic study of
 * 4 models x 8,400 prompts (each prompt in 2 of the 6 capabilities) x 5
 * axes x 3 reviewers (of a panel of 12) = 1,008,000 ratings, about 1 % of
 * them N/A and 0.2 % flagged, and runs
 *
 *	bench-stats [all | scores | agreement] [resamples]
 *
 * printing the wall time of each step and the peak resident memory after
 * it (the peak is for the whole process so far: run one part alone to see
 * its own). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "agreement-format.h"
#include "agreement.h"
#include "ratings.h"
#include "scores-format.h"
#include "scores.h"
#include "stats.h"

#define MODELS		4
#define PROMPTS		8400
#define CAPS		6
#define CAPS_PER	2
#define AXES		5
#define REVIEWERS	12
#define PER_OUTPUT	3

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long
peak_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static char **
names(const char *prefix, size_t n)
{
	char **v = calloc(n, sizeof *v);
	size_t i;

	for (i = 0; i < n; i++) {
		v[i] = malloc(strlen(prefix) + 24);
		sprintf(v[i], "%s%zu", prefix, i);
	}
	return v;
}

static void
names_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
clamp(int x)
{
	return x < 1 ? 1 : x > 5 ? 5 : x;
}

/* A score: the model's level, the prompt's difficulty, the reviewer's
 * leniency and noise, on 1..5. */
static double
synth_score(struct rng *r, size_t m, int difficulty, size_t reviewer)
{
	int x = 2 + (int)(m % 3) + difficulty + (int)rng_below(r, 3) - 1;

	if (reviewer == 0)
		x++;
	return clamp(x);
}

static void
synth(struct rating_set *s)
{
	size_t p, m, k, a, v, o, n = 0;
	struct rng r;
	int difficulty;

	memset(s, 0, sizeof *s);
	s->n_models = MODELS;
	s->n_prompts = PROMPTS;
	s->n_capabilities = CAPS;
	s->n_axes = AXES;
	s->n_reviewers = REVIEWERS;
	s->n_outputs = MODELS * PROMPTS;
	s->models = names("model-", MODELS);
	s->prompts = names("prompt-", PROMPTS);
	s->capabilities = names("capability-", CAPS);
	s->axes = names("axis-", AXES);
	s->reviewers = names("reviewer-", REVIEWERS);
	s->output_prompt = malloc(s->n_outputs * sizeof *s->output_prompt);
	s->output_model = malloc(s->n_outputs * sizeof *s->output_model);
	s->weights = malloc(CAPS * sizeof *s->weights);
	for (k = 0; k < CAPS; k++)
		s->weights[k] = 1 + (double)k;
	s->scale_min = 1;
	s->scale_max = 5;
	s->seed = 2025;
	s->ratings = malloc((size_t)MODELS * PROMPTS * CAPS_PER * AXES *
	    PER_OUTPUT * sizeof *s->ratings);
	rng_seed(&r, 7);
	for (p = 0; p < PROMPTS; p++) {
		difficulty = (int)rng_below(&r, 3) - 1;
		for (m = 0; m < MODELS; m++) {
			o = p * MODELS + m;
			s->output_prompt[o] = (uint32_t)p;
			s->output_model[o] = (uint32_t)m;
			for (k = 0; k < CAPS_PER; k++)
			for (a = 0; a < AXES; a++)
			for (v = 0; v < PER_OUTPUT; v++) {
				struct rating *x = &s->ratings[n++];

				x->output = (uint32_t)o;
				x->capability = (uint32_t)((p + k) % CAPS);
				x->axis = (uint32_t)a;
				x->reviewer = (uint32_t)((o + v * 4) %
				    REVIEWERS);
				x->score = synth_score(&r, m, difficulty,
				    x->reviewer);
				if (rng_below(&r, 100) == 0)
					x->score = NAN;
				x->flagged = rng_below(&r, 500) == 0;
			}
		}
	}
	s->n_ratings = n;
}

static void
synth_free(struct rating_set *s)
{
	names_free(s->models, s->n_models);
	names_free(s->prompts, s->n_prompts);
	names_free(s->capabilities, s->n_capabilities);
	names_free(s->axes, s->n_axes);
	names_free(s->reviewers, s->n_reviewers);
	free(s->output_prompt);
	free(s->output_model);
	free(s->weights);
	free(s->ratings);
}

static int
bench_scores(const struct rating_set *s, size_t n_boot)
{
	static const enum scores_group groups[] = {
		SCORES_BY_CAPABILITY, SCORES_BY_AXIS, SCORES_BY_REVIEWER
	};
	struct scores_opts o;
	struct scores sc;
	struct compare cm;
	FILE *null = fopen("/dev/null", "w");
	double t;
	size_t i;

	for (i = 0; i < sizeof groups / sizeof groups[0]; i++) {
		scores_opts_init(&o);
		o.group = groups[i];
		o.n_boot = n_boot;
		t = now();
		if (scores_compute(s, &o, &sc) != 0)
			return -1;
		printf("scores %-22s %6.2f s  %zu rows  peak %ld MB\n",
		    scores_group_name(groups[i]), now() - t, sc.n_rows,
		    peak_kb() / 1024);
		if (i == 0) {
			t = now();
			scores_format(&sc, TAB_TABLE, 100, null);
			scores_format(&sc, TAB_JSON, 0, null);
			printf("scores format table+json        %6.3f s\n",
			    now() - t);
		}
		scores_free(&sc);
	}
	t = now();
	if (compare_compute(s, 0, 1, &o, &cm) != 0)
		return -1;
	printf("compare model-0 model-1         %6.2f s  peak %ld MB\n",
	    now() - t, peak_kb() / 1024);
	compare_free(&cm);
	fclose(null);
	return 0;
}

static int
bench_agreement(const struct rating_set *s, size_t n_boot)
{
	struct agreement_opts o;
	struct agreement ag;
	double t;

	agreement_opts_init(&o);
	o.n_boot = n_boot;
	t = now();
	if (agreement_compute(s, &o, &ag) != 0)
		return -1;
	printf("agreement (ordinal)             %6.2f s  %zu cells, panel "
	    "alpha %.3f [%.3f, %.3f]  peak %ld MB\n", now() - t, ag.n_cells,
	    ag.panel.alpha, ag.panel.lo, ag.panel.hi, peak_kb() / 1024);
	agreement_free(&ag);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "all";
	size_t n_boot = argc > 2 ? strtoul(argv[2], NULL, 10) : 2000;
	struct rating_set s;
	double t = now();
	int rc = 0;

	synth(&s);
	printf("synthetic study: %zu ratings, %zu outputs, %zu prompts; "
	    "%zu resamples\n", s.n_ratings, s.n_outputs, s.n_prompts, n_boot);
	printf("generate                        %6.2f s  peak %ld MB\n",
	    now() - t, peak_kb() / 1024);
	if (strcmp(what, "agreement") != 0)
		rc |= bench_scores(&s, n_boot);
	if (strcmp(what, "scores") != 0)
		rc |= bench_agreement(&s, n_boot);
	synth_free(&s);
	return rc != 0;
}
