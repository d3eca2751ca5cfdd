/* session.c: one reviewer's queue, its order, and moving through it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "i18n.h"
#include "session.h"
#include "stats.h"

/* Entries are in output-row order; grouped by model (models in name
 * order), each group keeps that order: consecutive runs of this sequence
 * spread every model's outputs evenly over reviewers.  A counting sort of
 * indices, stable, so the same as sorting by (model name, output row). */
static size_t *
group_by_model(const struct queue_entry *q, size_t n, size_t n_models)
{
	size_t *ix = xcalloc(n > 0 ? n : 1, sizeof *ix);
	size_t *start = xcalloc(n_models + 1, sizeof *start), i;

	for (i = 0; i < n; i++)
		start[q[i].model_rank + 1]++;
	for (i = 1; i <= n_models; i++)
		start[i] += start[i - 1];
	for (i = 0; i < n; i++)
		ix[start[q[i].model_rank]++] = i;
	free(start);
	return ix;
}

/* Each model's run of a grouped sequence shuffled in place. */
static void
shuffle_runs(size_t *ix, const struct queue_entry *q, size_t n, struct rng *rng)
{
	size_t i, j;

	for (i = 0; i < n; i = j) {
		for (j = i; j < n && q[ix[j]].model_rank == q[ix[i]].model_rank; j++)
			;
		rng_shuffle(rng, ix + i, j - i, sizeof *ix);
	}
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

/* The shared sample: the first outputs of an order drawn from the study
 * seed alone (the reviewer's name plays no part). */
static void
mark_shared(struct queue_entry *q, size_t n, const struct study_settings *ss)
{
	size_t *ix = xcalloc(n > 0 ? n : 1, sizeof *ix), i;
	struct rng rng;

	for (i = 0; i < n; i++)
		ix[i] = i;
	rng_seed(&rng, seed_for_name(ss->seed, ""));
	rng_shuffle(&rng, ix, n, sizeof *ix);
	for (i = 0; i < n && i < (size_t)ss->shared_sample; i++)
		q[ix[i]].shared = 1;
	free(ix);
}

/* With overlap k over a roster of R, output i of the balanced sequence goes
 * to reviewers (i*k + j) mod R, j < k: every reviewer gets the same share
 * (within one) and the same share of each model, and the shared sample
 * besides.  An item already started stays (`started_too`), so that no
 * change of settings hides work done; me < 0 (not on the roster) is
 * assigned nothing. */
static void
mark_assigned(const struct queue_entry *q, size_t n, size_t n_models,
    const struct study_settings *ss, int me, bool started_too, bool *keep)
{
	size_t r = ss->n_reviewers, k = (size_t)ss->overlap, i, first, mine;
	size_t *ix = group_by_model(q, n, n_models);
	struct rng rng;

	rng_seed(&rng, ss->seed);
	shuffle_runs(ix, q, n, &rng);
	for (i = 0; i < n; i++) {
		first = k > 0 ? (i * k) % r : 0;
		mine = ((size_t)(me >= 0 ? me : 0) + r - first) % r;
		if ((me >= 0 && (mine < k || k == 0 || k >= r || q[ix[i]].shared)) ||
		    (started_too && q[ix[i]].started))
			keep[ix[i]] = true;
	}
	free(ix);
}

/* Keep the marked entries, in their order. */
static size_t
compact(struct queue_entry *q, size_t n, const bool *keep)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (keep[i])
			q[k++] = q[i];
	}
	return k;
}

static int
same_prompt(const struct queue_entry *q, size_t a, size_t b)
{
	return q[a].prompt == q[b].prompt;
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
 * models' answers to one prompt side by side.  The shared sample goes
 * first, spread on its own. */
static void
order_for(struct queue_entry *q, size_t n, size_t n_models, uint64_t seed,
    const char *reviewer)
{
	struct queue_entry *tmp = xcalloc(n > 0 ? n : 1, sizeof *tmp);
	size_t *ix = group_by_model(q, n, n_models), i, k = 0, n_shared;
	struct rng rng;

	/* Indices shuffle as the entries would (the permutation depends on n
	 * alone), at a tenth of the bytes moved. */
	rng_seed(&rng, seed_for_name(seed, reviewer));
	rng_shuffle(&rng, ix, n, sizeof *ix);
	for (i = 0; i < n; i++) {
		if (q[ix[i]].shared)
			tmp[k++] = q[ix[i]];
	}
	n_shared = k;
	for (i = 0; i < n; i++) {
		if (!q[ix[i]].shared)
			tmp[k++] = q[ix[i]];
	}
	memcpy(q, tmp, n * sizeof *q);
	free(tmp);
	free(ix);
	spread_prompts(q, n_shared);
	spread_prompts(q + n_shared, n - n_shared);
}

/* The order of work: the items by number, skipped ones last. */
static void
order_of_work(struct session *s)
{
	size_t i, k = 0;

	s->ord = xcalloc(s->n > 0 ? s->n : 1, sizeof *s->ord);
	s->pos = xcalloc(s->n > 0 ? s->n : 1, sizeof *s->pos);
	for (i = 0; i < s->n; i++) {
		if (!s->q[i].skipped)
			s->ord[k++] = i;
	}
	for (i = 0; i < s->n; i++) {
		if (s->q[i].skipped)
			s->ord[k++] = i;
	}
	for (i = 0; i < s->n; i++) {
		s->pos[s->ord[i]] = i;
		s->n_done += s->q[i].done != 0;
	}
}

/* Which entries this reviewer rates, in their order; the numbers are
 * their places in it. */
static void
build_order(struct queue *qu, const struct study_settings *ss, const char *reviewer,
    bool started_too)
{
	int me = ss->n_reviewers > 0 ? roster_index(ss, reviewer) : -1;
	bool *keep;

	if (ss->shared_sample > 0)
		mark_shared(qu->v, qu->n, ss);
	if (ss->n_reviewers > 0 && (ss->overlap > 0 || me < 0)) {
		keep = xcalloc(qu->n + 1, sizeof *keep);
		mark_assigned(qu->v, qu->n, qu->n_models, ss, me, started_too, keep);
		qu->n = compact(qu->v, qu->n, keep);
		free(keep);
	}
	order_for(qu->v, qu->n, qu->n_models, ss->seed, reviewer);
}

int
session_queue(struct store *st, const struct study_settings *ss, const char *reviewer,
    const struct queue_filter *f, bool started_too, struct queue *qu, struct errlist *errs)
{
	int rc;

	if ((rc = store_queue(st, reviewer, f, qu, errs)) == 0)
		build_order(qu, ss, reviewer, started_too);
	return rc;
}

static int
open_queue(struct session *s, const struct queue_filter *f, struct errlist *errs)
{
	struct study_settings ss;
	int rc;

	if ((rc = store_study(s->st, &ss, errs)) != 0)
		return rc;
	s->blind = ss.blind;
	/* A roster says who may rate, with or without overlap. */
	if (ss.n_reviewers > 0 && roster_index(&ss, s->reviewer) < 0) {
		/* TRANSLATORS: the second %s says why, e.g. "not on the study's
		 * roster (ann, ben)". */
		err_add(errs, _("reviewer '%s' is %s"), s->reviewer,
		    gate_roster(s->reviewer, ss.reviewers, ss.n_reviewers));
		rc = STORE_INPUT;
	} else if ((rc = session_queue(s->st, &ss, s->reviewer, f, true, &s->qu, errs)) == 0) {
		s->q = s->qu.v;
		s->n = s->qu.n;
		order_of_work(s);
	}
	study_settings_free(&ss);
	return rc;
}

/* The queue is empty: say for which capability and model, if asked. */
static void
nothing_to_rate(const struct queue_filter *f, const char *reviewer, struct errlist *errs)
{
	if (f->capability != NULL && f->model != NULL)
		err_add(errs, _("nothing to rate: no outputs for %s of model %s for reviewer '%s' "
		    "(import some with 'panelist import')"), f->capability, f->model, reviewer);
	else if (f->capability != NULL)
		err_add(errs, _("nothing to rate: no outputs for %s for reviewer '%s' "
		    "(import some with 'panelist import')"), f->capability, reviewer);
	else if (f->model != NULL)
		err_add(errs, _("nothing to rate: no outputs of model %s for reviewer '%s' "
		    "(import some with 'panelist import')"), f->model, reviewer);
	else
		err_add(errs, _("nothing to rate: no outputs for reviewer '%s' "
		    "(import some with 'panelist import')"), reviewer);
}

int
session_open(struct session *s, struct store *st, const char *reviewer,
    const struct queue_filter *f, size_t item, struct errlist *errs)
{
	int rc;

	memset(s, 0, sizeof *s);
	s->st = st;
	s->reviewer = xstrdup(reviewer);
	if ((rc = open_queue(s, f, errs)) != 0)
		return rc;
	if (s->n == 0) {
		nothing_to_rate(f, reviewer, errs);
		return STORE_INPUT;
	}
	if (item > s->n) {
		err_add(errs, P_("no item %zu: this queue has %zu item",
		    "no item %zu: this queue has %zu items", s->n), item, s->n);
		return STORE_INPUT;
	}
	s->cur = s->ord[0];
	if (item > 0)
		s->cur = item - 1;
	else if ((s->cur = session_next_unfinished(s)) == s->n)
		s->cur = s->ord[0];
	return 0;
}

void
session_close(struct session *s)
{
	queue_free(&s->qu);
	free(s->ord);
	free(s->pos);
	free(s->reviewer);
	memset(s, 0, sizeof *s);
}

size_t
session_done(const struct session *s)
{
	return s->n_done;
}

size_t
session_next_unfinished(const struct session *s)
{
	size_t i, at;

	for (i = 0; i < s->n; i++) {
		at = s->ord[(s->pos[s->cur] + i) % s->n];
		if (!s->q[at].done)
			return at;
	}
	return s->n;
}

size_t
session_step(const struct session *s, int step)
{
	size_t k = s->pos[s->cur];

	if (step < 0)
		return k > 0 ? s->ord[k - 1] : s->n;
	return k + 1 < s->n ? s->ord[k + 1] : s->n;
}

void
session_set_progress(struct session *s, size_t i, const struct queue_entry *e)
{
	struct queue_entry *q = &s->q[i];

	s->n_done -= q->done != 0;
	q->done = e->done;
	q->partial = e->partial;
	q->started = e->started;
	q->noted = e->noted;
	q->flagged = e->flagged;
	s->n_done += q->done != 0;
}

int
session_refresh(struct session *s, struct errlist *errs)
{
	struct queue_entry e = s->q[s->cur];
	int rc;

	/* Progress is counted over the whole item, whatever filter was used. */
	if ((rc = store_queue_progress(s->st, s->reviewer, &e, errs)) != 0)
		return rc;
	session_set_progress(s, s->cur, &e);
	return 0;
}

int
session_skip(struct session *s, struct errlist *errs)
{
	size_t k = s->pos[s->cur], i;
	int rc;

	if ((rc = store_set_skipped(s->st, s->reviewer, s->q[s->cur].output, 1, errs)) != 0)
		return rc;
	s->q[s->cur].skipped = 1;
	/* Indices only: 8 bytes an item, under 0.1 ms for 100,000. */
	memmove(s->ord + k, s->ord + k + 1, (s->n - k - 1) * sizeof *s->ord);
	s->ord[s->n - 1] = s->cur;
	for (i = k; i < s->n; i++)
		s->pos[s->ord[i]] = i;
	s->cur = s->ord[k < s->n - 1 ? k : 0];
	return 0;
}
