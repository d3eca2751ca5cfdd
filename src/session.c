/* session.c: one reviewer's queue, its order, and moving through it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "session.h"
#include "stats.h"

/* Outputs grouped by model, each group in a seeded order: consecutive runs
 * of this sequence spread every model's outputs evenly over reviewers. */
static int
compare_model_then_key(const void *a, const void *b)
{
	const struct queue_entry *x = a, *y = b;
	int c = strcmp(x->model, y->model);

	if (c != 0)
		return c;
	return x->output < y->output ? -1 : x->output > y->output;
}

static int
roster_index(const struct study_settings *ss, const char *reviewer)
{
	size_t i;

	for (i = 0; i < ss->n_reviewers; i++) {
		if (strcmp(ss->reviewers[i], reviewer) == 0)
			return (int)i;
	}
	return -1;
}

/* With overlap k over a roster of R, output i of the balanced sequence goes
 * to reviewers (i*k + j) mod R, j < k: every reviewer gets the same share
 * (within one) and the same share of each model.  An item already started
 * stays (`started_too`), so that no change of settings hides work done;
 * me < 0 (not on the roster) is assigned nothing. */
static size_t
keep_assigned(struct queue_entry *q, size_t n, const struct study_settings *ss, int me,
    bool started_too)
{
	size_t r = ss->n_reviewers, k = (size_t)ss->overlap, i, j, kept = 0;
	struct rng rng;

	if (me >= 0 && (k == 0 || k >= r))
		return n;
	qsort(q, n, sizeof *q, compare_model_then_key);
	rng_seed(&rng, ss->seed);
	for (i = 0; i < n;) {		/* shuffle within each model's run */
		for (j = i; j < n && strcmp(q[j].model, q[i].model) == 0; j++)
			;
		rng_shuffle(&rng, q + i, j - i, sizeof *q);
		i = j;
	}
	for (i = 0; i < n; i++) {
		size_t first = (i * k) % r, mine = ((size_t)me + r - first) % r;

		if ((me >= 0 && mine < k) || (started_too && q[i].started))
			q[kept++] = q[i];
		else {
			free(q[i].prompt_id);
			free(q[i].model);
		}
	}
	return kept;
}

static int
same_prompt(const struct queue_entry *q, size_t a, size_t b)
{
	return strcmp(q[a].prompt_id, q[b].prompt_id) == 0;
}

/* Where q[i] can go among q[0..i-1] with another prompt on either side: the
 * gap before the returned index, or i if there is none. */
static size_t
gap_for(const struct queue_entry *q, size_t i)
{
	size_t k;

	for (k = i - 1; k > 0; k--) {
		if (!same_prompt(q, k - 1, i) && !same_prompt(q, k, i))
			return k;
	}
	return same_prompt(q, 0, i) ? i : 0;
}

/* No prompt twice in a row where it can be helped: a repeat swaps with the
 * next item of another prompt; when only that prompt is left (the end of the
 * queue), it goes back into the first gap between two other prompts. */
static void
spread_prompts(struct queue_entry *q, size_t n)
{
	struct queue_entry t;
	size_t i, j;

	for (i = 1; i < n; i++) {
		if (!same_prompt(q, i, i - 1))
			continue;
		for (j = i + 1; j < n && same_prompt(q, j, i - 1); j++)
			;
		if (j < n) {
			t = q[i];
			q[i] = q[j];
			q[j] = t;
		} else if ((j = gap_for(q, i)) < i) {
			t = q[i];
			memmove(q + j + 1, q + j, (i - j) * sizeof *q);
			q[j] = t;
		}
	}
}

/* Seeded per reviewer, then spread: a reviewer should not compare two
 * models' answers to one prompt side by side. */
static void
order_for(struct queue_entry *q, size_t n, uint64_t seed, const char *reviewer)
{
	struct rng rng;

	qsort(q, n, sizeof *q, compare_model_then_key);
	rng_seed(&rng, seed_for_name(seed, reviewer));
	rng_shuffle(&rng, q, n, sizeof *q);
	spread_prompts(q, n);
}

/* Skipped items move to the end, keeping their order. */
static void
skipped_last(struct queue_entry *q, size_t n)
{
	struct queue_entry *tmp = xcalloc(n, sizeof *tmp);
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (!q[i].skipped)
			tmp[k++] = q[i];
	}
	for (i = 0; i < n; i++) {
		if (q[i].skipped)
			tmp[k++] = q[i];
	}
	memcpy(q, tmp, n * sizeof *q);
	free(tmp);
}

int
session_queue(struct store *st, const struct study_settings *ss, const char *reviewer,
    const struct queue_filter *f, bool started_too, struct queue_entry **q, size_t *n,
    struct errlist *errs)
{
	int rc, me = ss->n_reviewers > 0 ? roster_index(ss, reviewer) : -1;

	if ((rc = store_queue_entries(st, reviewer, f, q, n, errs)) != 0)
		return rc;
	if (ss->n_reviewers > 0 && (ss->overlap > 0 || me < 0))
		*n = keep_assigned(*q, *n, ss, me, started_too);
	order_for(*q, *n, ss->seed, reviewer);
	skipped_last(*q, *n);
	return 0;
}

int
session_open(struct session *s, struct store *st, const char *reviewer,
    const struct queue_filter *f, size_t item, struct errlist *errs)
{
	struct study_settings ss;
	int rc, me = -1;

	memset(s, 0, sizeof *s);
	s->st = st;
	s->reviewer = xstrdup(reviewer);
	if ((rc = store_study(st, &ss, errs)) != 0)
		return rc;
	s->blind = ss.blind;
	/* A roster says who may rate, with or without overlap. */
	if (ss.n_reviewers > 0 && (me = roster_index(&ss, reviewer)) < 0) {
		err_add(errs, "reviewer '%s' is %s", reviewer,
		    gate_roster(reviewer, ss.reviewers, ss.n_reviewers));
		study_settings_free(&ss);
		return STORE_INPUT;
	}
	rc = session_queue(st, &ss, reviewer, f, true, &s->q, &s->n, errs);
	study_settings_free(&ss);
	if (rc != 0)
		return rc;
	if (s->n == 0) {
		err_add(errs, "nothing to rate: no outputs%s%s%s%s for reviewer '%s' "
		    "(import some with 'panelist import')", f->capability ? " for " : "",
		    f->capability ? f->capability : "", f->model ? " of model " : "",
		    f->model ? f->model : "", reviewer);
		return STORE_INPUT;
	}
	if (item > s->n) {
		err_add(errs, "no item %zu: this queue has %zu items", item, s->n);
		return STORE_INPUT;
	}
	s->cur = item > 0 ? item - 1 : session_next_unfinished(s);
	if (s->cur == s->n)
		s->cur = 0;
	return 0;
}

void
session_close(struct session *s)
{
	queue_entries_free(s->q, s->n);
	free(s->reviewer);
	memset(s, 0, sizeof *s);
}

size_t
session_done(const struct session *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->n; i++)
		n += s->q[i].done != 0;
	return n;
}

size_t
session_next_unfinished(const struct session *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		size_t at = (s->cur + i) % s->n;

		if (!s->q[at].done)
			return at;
	}
	return s->n;
}

int
session_refresh(struct session *s, struct errlist *errs)
{
	struct queue_entry e;
	int rc;

	/* Progress is counted over the whole item, whatever filter was used. */
	if ((rc = store_queue_entry(s->st, s->reviewer, s->q[s->cur].output, &e, errs)) != 0)
		return rc;
	s->q[s->cur].done = e.done;
	s->q[s->cur].started = e.started;
	free(e.prompt_id);
	free(e.model);
	return 0;
}

int
session_skip(struct session *s, struct errlist *errs)
{
	struct queue_entry e = s->q[s->cur];
	int rc;

	if ((rc = store_set_skipped(s->st, s->reviewer, e.output, 1, errs)) != 0)
		return rc;
	e.skipped = 1;
	memmove(s->q + s->cur, s->q + s->cur + 1, (s->n - s->cur - 1) * sizeof *s->q);
	s->q[s->n - 1] = e;
	if (s->cur == s->n - 1)
		s->cur = 0;
	return 0;
}
