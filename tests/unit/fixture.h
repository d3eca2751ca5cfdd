/* fixture.h: rating sets built by hand for the statistics tests.
 *
 * Output o is model (o % n_models) answering prompt (o / n_models), so a
 * test names ratings by prompt, model, capability, axis and reviewer and
 * never has to number outputs itself. */
#ifndef PANELIST_FIXTURE_H
#define PANELIST_FIXTURE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ratings.h"

struct fixture {
	struct rating_set	set;
	size_t			cap;
};

static inline char **
fx_names(const char *prefix, size_t n)
{
	char **v = calloc(n + 1, sizeof *v);
	size_t i;

	for (i = 0; i < n; i++) {
		v[i] = malloc(strlen(prefix) + 24);
		sprintf(v[i], "%s%zu", prefix, i);
	}
	return v;
}

static inline void
fx_init(struct fixture *fx, size_t models, size_t caps, size_t axes,
    size_t reviewers, size_t prompts)
{
	struct rating_set *s = &fx->set;
	size_t o;

	memset(fx, 0, sizeof *fx);
	s->models = fx_names("m", models);
	s->n_models = models;
	s->capabilities = fx_names("cap", caps);
	s->n_capabilities = caps;
	s->axes = fx_names("axis", axes);
	s->n_axes = axes;
	s->reviewers = fx_names("r", reviewers);
	s->n_reviewers = reviewers;
	s->prompts = fx_names("p", prompts);
	s->n_prompts = prompts;
	s->n_outputs = prompts * models;
	s->output_prompt = calloc(s->n_outputs + 1, sizeof *s->output_prompt);
	s->output_model = calloc(s->n_outputs + 1, sizeof *s->output_model);
	for (o = 0; o < s->n_outputs; o++) {
		s->output_prompt[o] = (uint32_t)(o / models);
		s->output_model[o] = (uint32_t)(o % models);
	}
	s->weights = calloc(caps + 1, sizeof *s->weights);
	for (o = 0; o < caps; o++)
		s->weights[o] = 1;
	s->scale_min = 1;
	s->scale_max = 5;
	s->seed = 42;
}

/* Rename entry i of a name array. */
static inline void
fx_rename(char **names, size_t i, const char *name)
{
	free(names[i]);
	names[i] = malloc(strlen(name) + 1);
	strcpy(names[i], name);
}

static inline void
fx_add(struct fixture *fx, size_t prompt, size_t model, size_t cap,
    size_t axis, size_t reviewer, double score, bool flagged)
{
	struct rating_set *s = &fx->set;
	struct rating *r;

	if (s->n_ratings == fx->cap) {
		fx->cap = fx->cap ? fx->cap * 2 : 64;
		s->ratings = realloc(s->ratings, fx->cap * sizeof *s->ratings);
	}
	r = &s->ratings[s->n_ratings++];
	r->output = (uint32_t)(prompt * s->n_models + model);
	r->capability = (uint32_t)cap;
	r->axis = (uint32_t)axis;
	r->reviewer = (uint32_t)reviewer;
	r->score = (float)score;
	r->flagged = flagged;
	r->flag = flagged ? RATING_FLAG_BROKEN : RATING_FLAG_NONE;
}

static inline void
fx_rate(struct fixture *fx, size_t prompt, size_t model, size_t cap,
    size_t axis, size_t reviewer, double score)
{
	fx_add(fx, prompt, model, cap, axis, reviewer, score, false);
}

static inline void
fx_free_names(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static inline void
fx_free(struct fixture *fx)
{
	struct rating_set *s = &fx->set;

	fx_free_names(s->models, s->n_models);
	fx_free_names(s->capabilities, s->n_capabilities);
	fx_free_names(s->axes, s->n_axes);
	fx_free_names(s->reviewers, s->n_reviewers);
	fx_free_names(s->prompts, s->n_prompts);
	free(s->output_prompt);
	free(s->output_model);
	free(s->weights);
	free(s->cap_min);
	free(s->cap_max);
	free(s->ratings);
	memset(fx, 0, sizeof *fx);
}

#endif
