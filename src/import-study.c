/* import-study.c: what a study file's new settings do to who rates what.
 *
 * Blind, overlap, the seed and the roster decide each reviewer's queue.
 * Before a study file changes any of them, import lists the consequences:
 * per reviewer (on either roster, or who has written to the study), the
 * items they gain and lose, and the ratings on the items they lose, which
 * are kept.  The queues are session_queue()'s, the screen's own, for the
 * settings before and after. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import.h"
#include "session.h"

/* Items named in a list before "and N more". */
#define ITEMS_NAMED	8

static int
compare_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
compare_output(const void *a, const void *b)
{
	const struct queue_entry *x = a, *y = b;

	return x->output < y->output ? -1 : x->output > y->output;
}

/* The study's settings with the file's in place of blind, overlap, the seed
 * and the roster (borrowed from sd: free with settings_after_free). */
static void
settings_after(const struct study_settings *old, const struct study_def *sd,
    struct study_settings *new)
{
	*new = *old;
	new->blind = sd->blind != 0;
	new->overlap = sd->overlap;
	if (sd->has_seed)
		new->seed = sd->seed;
	new->reviewers = xcalloc(sd->n_reviewers + 1, sizeof *new->reviewers);
	if (sd->n_reviewers > 0)
		memcpy(new->reviewers, sd->reviewers, sd->n_reviewers * sizeof *new->reviewers);
	new->n_reviewers = sd->n_reviewers;
	/* Sorted, as the study's own: a reviewer's place in it assigns. */
	qsort(new->reviewers, new->n_reviewers, sizeof *new->reviewers, compare_name);
}

static bool
on_roster(const struct study_settings *ss, const char *name)
{
	size_t i;

	for (i = 0; i < ss->n_reviewers; i++) {
		if (strcmp(ss->reviewers[i], name) == 0)
			return true;
	}
	return false;
}

static void
roster_text(const struct study_settings *ss, struct buf *b)
{
	size_t i;

	if (ss->n_reviewers == 0)
		buf_addstr(b, _("none (anyone may rate everything)"));
	for (i = 0; i < ss->n_reviewers; i++) {
		if (i > 0)
			/* TRANSLATORS: between the items of a list, as in "a, b or c". */
			buf_addstr(b, _(", "));
		buf_addstr(b, ss->reviewers[i]);
	}
}

static void
overlap_text(long overlap, struct buf *b)
{
	if (overlap > 0)
		buf_printf(b, P_("%ld reviewer per output", "%ld reviewers per output",
		    (unsigned long)overlap), overlap);
	else
		buf_addstr(b, _("every reviewer rates every output"));
}

/* One line per setting that changes; false when none does.  The settings'
 * names are the study file's keys, and stay as they are. */
static bool
describe_settings(const struct study_settings *old, const struct study_settings *new,
    struct buf *out)
{
	size_t len = out->len, i;
	bool same_roster = old->n_reviewers == new->n_reviewers;

	for (i = 0; same_roster && i < old->n_reviewers; i++)
		same_roster = on_roster(new, old->reviewers[i]);
	if (old->blind != new->blind)
		buf_printf(out, "  blind: %s -> %s\n", old->blind ? _("yes") : _("no"),	/* machine */
		    new->blind ? _("yes (model names hidden while rating)") :
		    _("no (model names shown while rating)"));
	if (old->overlap != new->overlap) {
		buf_addstr(out, "  overlap: ");	/* machine */
		overlap_text(old->overlap, out);
		buf_addstr(out, " -> ");
		overlap_text(new->overlap, out);
		buf_addstr(out, "\n");
	}
	if (old->seed != new->seed)
		buf_printf(out, _("  seed: %llu -> %llu (every reviewer's order changes)\n"),
		    (unsigned long long)old->seed, (unsigned long long)new->seed);
	if (!same_roster) {
		buf_addstr(out, "  roster: ");	/* machine */
		roster_text(old, out);
		buf_addstr(out, " -> ");
		roster_text(new, out);
		buf_addstr(out, "\n");
	}
	return out->len > len;
}

/* Everyone the change may concern, sorted, once each. */
static int
people(struct store *st, const struct study_settings *old, const struct study_settings *new,
    char ***names, size_t *n, struct errlist *errs)
{
	size_t i, j, k;
	int rc;

	if ((rc = store_reviewers(st, names, n, errs)) != 0)
		return rc;
	for (k = 0; k < 2; k++) {
		const struct study_settings *ss = k == 0 ? old : new;

		for (i = 0; i < ss->n_reviewers; i++) {
			for (j = 0; j < *n && strcmp((*names)[j], ss->reviewers[i]) != 0; j++)
				;
			if (j < *n)
				continue;
			*names = xreallocarray(*names, *n + 1, sizeof **names);
			(*names)[(*n)++] = xstrdup(ss->reviewers[i]);
		}
	}
	return 0;
}

/* The items of a (sorted by output) that are not in b, as "prompt/model"
 * into out; the ratings on them into *ratings. */
static size_t
difference(const struct queue_entry *a, size_t na, const struct queue_entry *b, size_t nb,
    struct buf *out, long *ratings)
{
	size_t i, j = 0, n = 0;

	*ratings = 0;
	for (i = 0; i < na; i++) {
		while (j < nb && b[j].output < a[i].output)
			j++;
		if (j < nb && b[j].output == a[i].output)
			continue;
		if (n > 0 && n < ITEMS_NAMED)
			buf_addstr(out, _(", "));
		if (n < ITEMS_NAMED)
			buf_printf(out, "%s/%s", a[i].prompt_id, a[i].model);
		n++;
		*ratings += a[i].rated;
	}
	if (n > ITEMS_NAMED)
		buf_printf(out, P_(" and %zu more", " and %zu more", n - ITEMS_NAMED),
		    n - ITEMS_NAMED);
	return n;
}

/* One reviewer's line, when their assignment changes. */
static int
describe_reviewer(struct store *st, const struct study_settings *old,
    const struct study_settings *new, const char *name, struct buf *out, long *unassigned,
    struct errlist *errs)
{
	struct queue_filter all = { NULL, NULL };
	struct queue qa = { 0 }, qb = { 0 };
	struct queue_entry *a, *b;
	struct buf gain = { 0 }, lose = { 0 };
	size_t na, nb, ng, nl;
	long ignored, kept;
	int rc;

	if ((rc = session_queue(st, old, name, &all, false, &qa, errs)) != 0 ||
	    (rc = session_queue(st, new, name, &all, false, &qb, errs)) != 0)
		goto out;
	a = qa.v;
	na = qa.n;
	b = qb.v;
	nb = qb.n;
	qsort(a, na, sizeof *a, compare_output);
	qsort(b, nb, sizeof *b, compare_output);
	ng = difference(b, nb, a, na, &gain, &ignored);
	nl = difference(a, na, b, nb, &lose, &kept);
	if (ng + nl == 0)
		goto out;
	buf_printf(out, "  %s", name);
	/* TRANSLATORS: the clauses of one reviewer's line, after the name:
	 * "  zed gains 2 items (...), loses 1 item (...); 1 rating on them is
	 * kept, no longer assigned". */
	if (ng > 0)
		buf_printf(out, P_(" gains %zu item (%s)", " gains %zu items (%s)", ng), ng,
		    gain.data);
	if (nl > 0 && ng > 0)
		buf_printf(out, P_(", loses %zu item (%s)", ", loses %zu items (%s)", nl), nl,
		    lose.data);
	else if (nl > 0)
		buf_printf(out, P_(" loses %zu item (%s)", " loses %zu items (%s)", nl), nl,
		    lose.data);
	if (kept > 0)
		buf_printf(out, P_("; %ld rating on them is kept, no longer assigned",
		    "; %ld ratings on them are kept, no longer assigned", (unsigned long)kept),
		    kept);
	buf_addstr(out, "\n");
	*unassigned += kept;
out:
	queue_free(&qa);
	queue_free(&qb);
	buf_free(&gain);
	buf_free(&lose);
	return rc;
}

int
import_study_effects(struct store *st, const struct study_def *sd, struct buf *out,
    long *unassigned, struct errlist *errs)
{
	struct study_settings old, new;
	struct buf settings = { 0 }, reviewers = { 0 };
	char **names = NULL, **wrote = NULL;
	size_t n = 0, n_wrote = 0, i;
	int rc;

	*unassigned = 0;
	if ((rc = store_study(st, &old, errs)) != 0)
		return rc;
	settings_after(&old, sd, &new);
	/* Before anyone has rated, settings are the study's to set up. */
	if (describe_settings(&old, &new, &settings) &&
	    (rc = store_reviewers(st, &wrote, &n_wrote, errs)) == 0 && n_wrote > 0 &&
	    (rc = people(st, &old, &new, &names, &n, errs)) == 0) {
		for (i = 0; i < n && rc == 0; i++)
			rc = describe_reviewer(st, &old, &new, names[i], &reviewers, unassigned,
			    errs);
	}
	if (rc == 0 && n_wrote > 0) {
		buf_addstr(out, settings.data);
		if (reviewers.len > 0)
			buf_addstr(out, reviewers.data);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	for (i = 0; i < n_wrote; i++)
		free(wrote[i]);
	free(wrote);
	buf_free(&settings);
	buf_free(&reviewers);
	free(new.reviewers);
	study_settings_free(&old);
	return rc;
}
