/* validate.c: whole-import checks, with the database's content counting too;
 * model names pass the gate (gate.h) here, once for YAML and JSONL alike.
 * Roster names pass it in load-yaml.c, at the name's own line and column. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "i18n.h"
#include "strset.h"
#include "validate.h"

static void
check_rubrics(const struct bundle *b, struct strset *rubrics, struct errlist *errs)
{
	size_t i;

	for (i = 0; i < b->rubrics.n; i++) {
		const struct rubric_def *r = b->rubrics.v[i], *first;

		if ((first = strset_put(rubrics, r->capability, r)) != NULL)
			err_at(errs, &r->capability_pos, _("a second rubric for capability '%s' "
			    "(the first is at %s:%u)"), r->capability, first->capability_pos.file,
			    first->capability_pos.line);
	}
}

/* The nearest name to a capability without a rubric: of the rubrics
 * imported with it, those the database holds and the six workplace
 * capabilities; NULL when none is near.  A string to free. */
static char *
near_capability(const struct bundle *b, struct store *st, const char *cap)
{
	const char **names = xcalloc(b->rubrics.n + 8, sizeof *names);
	const struct capability_info *ci;
	const char *near;
	char *held = store_near_capability(st, cap), *s;
	size_t n = 0, i;

	for (i = 0; i < b->rubrics.n; i++)
		names[n++] = ((const struct rubric_def *)b->rubrics.v[i])->capability;
	if (held != NULL)
		names[n++] = held;
	for (ci = capabilities; ci->id != NULL; ci++)
		names[n++] = ci->id;
	near = did_you_mean_n(cap, names, n);
	s = near != NULL ? xstrdup(near) : NULL;
	free(held);
	free(names);
	return s;
}

static void
check_prompts(const struct bundle *b, struct store *st, const struct strset *rubrics,
    struct strset *prompts, struct errlist *errs)
{
	size_t i, j;

	for (i = 0; i < b->prompts.n; i++) {
		const struct prompt_def *p = b->prompts.v[i], *first;

		if ((first = strset_put(prompts, p->id, p)) != NULL)
			err_at(errs, &p->pos, _("duplicate prompt id '%s' (first defined at %s:%u)"),
			    p->id, first->pos.file, first->pos.line);
		for (j = 0; j < p->n_capabilities; j++) {
			const char *cap = p->capabilities[j];

			if (strset_get(rubrics, cap) == NULL && !store_has_rubric(st, cap)) {
				char *near = near_capability(b, st, cap);

				if (near != NULL)
					err_at(errs, &p->capability_pos[j], _("prompt '%s': "
					    "capability '%s' has no rubric (did you mean '%s'?)"),
					    p->id, cap, near);
				else
					err_at(errs, &p->capability_pos[j], _("prompt '%s': "
					    "capability '%s' has no rubric (import a rubric "
					    "with 'capability: %s')"), p->id, cap, cap);
				free(near);
			}
		}
	}
}

static void
check_outputs(const struct bundle *b, struct store *st, const struct strset *prompts,
    struct errlist *errs)
{
	struct strset seen = { 0 }, stored = { 0 };
	struct buf key = { 0 };
	size_t i;

	/* The database's prompts in one query, not one an output. */
	if (b->outputs.n > 0)
		store_prompt_names(st, &stored);
	for (i = 0; i < b->outputs.n; i++) {
		const struct output_def *o = b->outputs.v[i], *first;

		/* An unparsed line (o->row) is text the gate passed when it came. */
		key.len = 0;
		buf_addstr(&key, o->model);
		buf_add(&key, "\037", 1);
		buf_addstr(&key, o->prompt);
		if (gate_name(o->model) != NULL)
			err_at(errs, &o->model_pos, _("model '%s': %s"), o->model, gate_name(o->model));
		else if (o->row == 0 && gate_output_text(o->text, strlen(o->text)) != NULL)
			err_at(errs, &o->pos, _("the output of model '%s' for prompt '%s': %s"),
			    o->model, o->prompt, gate_output_text(o->text, strlen(o->text)));
		else if ((first = strset_put(&seen, key.data, o)) != NULL)
			err_at(errs, &o->pos, _("a second output of model '%s' for prompt '%s' "
			    "(the first is at %s:%u)"), o->model, o->prompt, first->pos.file,
			    first->pos.line);
		else if (strset_get(prompts, o->prompt) == NULL &&
		    strset_get(&stored, o->prompt) == NULL)
			err_at(errs, &o->prompt_pos, _("output of model '%s' for unknown prompt '%s'"),
			    o->model, o->prompt);
	}
	buf_free(&key);
	strset_free(&seen);
	strset_free(&stored);
}

/* Models under test: each name once, and a name the study can show. */
static void
check_models(const struct bundle *b, struct errlist *errs)
{
	struct strset seen = { 0 };
	size_t i;

	for (i = 0; i < b->models.n; i++) {
		const struct model_def *m = b->models.v[i], *first;

		if (gate_name(m->name) != NULL)
			err_at(errs, &m->name_pos, _("model '%s': %s"), m->name, gate_name(m->name));
		else if ((first = strset_put(&seen, m->name, m)) != NULL)
			err_at(errs, &m->name_pos, _("a second model named '%s' (the first is at "
			    "%s:%u)"), m->name, first->name_pos.file, first->name_pos.line);
	}
	strset_free(&seen);
}

static void
check_studies(const struct bundle *b, struct store *st, const struct strset *rubrics,
    struct errlist *errs)
{
	size_t i, j;

	for (i = 0; i < b->studies.n; i++) {
		const struct study_def *s = b->studies.v[i];

		if (i > 0) {
			const struct study_def *first = b->studies.v[0];

			err_at(errs, &s->pos, _("a second study file (the first is %s); "
			    "import one study at a time"), first->pos.file);
		}
		for (j = 0; j < s->n_weights; j++) {
			const char *cap = s->weights[j].capability;

			if (strset_get(rubrics, cap) == NULL && !store_has_rubric(st, cap)) {
				char *near = near_capability(b, st, cap);

				if (near != NULL)
					err_at(errs, &s->weights[j].pos, _("study weight for "
					    "capability '%s', which no rubric defines (did you "
					    "mean '%s'?)"), cap, near);
				else
					err_at(errs, &s->weights[j].pos, _("study weight for "
					    "capability '%s', which no rubric defines"), cap);
				free(near);
			}
		}
	}
}

size_t
validate_bundle(const struct bundle *b, struct store *st, struct errlist *errs)
{
	struct strset rubrics = { 0 }, prompts = { 0 };
	size_t before = errs->n;

	check_rubrics(b, &rubrics, errs);
	check_prompts(b, st, &rubrics, &prompts, errs);
	check_outputs(b, st, &prompts, errs);
	check_studies(b, st, &rubrics, errs);
	check_models(b, errs);
	strset_free(&rubrics);
	strset_free(&prompts);
	return errs->n - before;
}
