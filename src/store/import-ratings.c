/* store/import-ratings.c: ratings from JSONL (export --format jsonl) brought
 * into a database holding the same study: the plain-text route between
 * machines.  Runs inside store_import's transaction.
 *
 * A rating lands on the output of the same prompt version and model and on
 * the same rubric version; one already here with the same value counts as
 * unchanged, one with another value is a conflict and fails the import (use
 * merge --prefer newer between databases to settle conflicts by time). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gate.h"
#include "i18n.h"
#include "internal.h"


struct landing {
	int64_t	reviewer;
	int64_t	output;
	int64_t	rubric;
	int64_t	min, max;
};

/* The rubric version the line names, or the current one. */
static int
find_rubric(struct store *st, const struct rating_def *r, struct landing *l,
    struct errlist *errs)
{
	if (r->rubric_version > 0)
		return store_get_int(st, errs, &l->rubric, "SELECT id FROM rubric WHERE "
		    "capability = ? AND version = ?", "ti", r->capability,
		    (int64_t)r->rubric_version);
	return store_rubric_row(st, r->capability, &l->rubric, errs);
}

static int
find_landing(struct store *st, const struct rating_def *r, struct landing *l,
    struct errlist *errs)
{
	int64_t fits = 0;
	char *near;
	int rc;

	if ((rc = store_get_int(st, errs, &l->output, "SELECT o.id FROM output o JOIN prompt p"
	    " ON p.id = o.prompt JOIN model m ON m.id = o.model WHERE p.name = ? AND"
	    " p.version = ? AND m.name = ?", "tit", r->prompt, (int64_t)r->prompt_version,
	    r->model)) != 0)
		return rc;
	if (l->output == 0) {
		if ((near = store_near(st, r->model, "SELECT name FROM model")) != NULL &&
		    store_get_int(st, NULL, &fits, "SELECT count(*) FROM model WHERE "
		    "name = ?", "t", r->model) == 0 && fits == 0)
			err_at(errs, &r->pos, _("no model '%s' here (did you mean '%s'?)"),
			    r->model, near);
		else
			err_at(errs, &r->pos, _("no output of model '%s' for prompt '%s' "
			    "version %ld here (import the same prompts and outputs first)"),
			    r->model, r->prompt, r->prompt_version);
		free(near);
		return STORE_INPUT;
	}
	if ((rc = find_rubric(st, r, l, errs)) != 0 || (l->rubric != 0 &&
	    (rc = store_get_int(st, errs, &fits, "SELECT EXISTS (SELECT 1 FROM axis WHERE"
	    " rubric = ?1 AND axis = ?2) AND EXISTS (SELECT 1 FROM output o JOIN"
	    " prompt_capability pc ON pc.prompt = o.prompt WHERE o.id = ?3 AND"
	    " pc.capability = ?4)", "itit", l->rubric, r->axis, l->output,
	    r->capability)) != 0))
		return rc;
	if (!fits) {
		near = store_near(st, r->axis, "SELECT DISTINCT axis FROM axis");
		if (near != NULL)
			err_at(errs, &r->pos, _("no axis '%s' of capability '%s' for prompt "
			    "'%s' here (did you mean '%s'?)"), r->axis, r->capability,
			    r->prompt, near);
		else
			err_at(errs, &r->pos, _("no axis '%s' of capability '%s' for prompt "
			    "'%s' here"), r->axis, r->capability, r->prompt);
		free(near);
		return STORE_INPUT;
	}
	if ((rc = store_scale(st, l->rubric, &l->min, &l->max, errs)) != 0)
		return rc;
	if (!r->na && gate_score(r->score, l->min, l->max) != NULL) {
		err_at(errs, &r->pos, "%s", gate_score(r->score, l->min, l->max));
		return STORE_INPUT;
	}
	return 0;
}

static int
make_reviewer(struct store *st, const char *name, int64_t *row, struct errlist *errs)
{
	int rc;

	if ((rc = store_run(st, errs, "INSERT INTO reviewer(name, created) VALUES (?, " SQL_NOW
	    ") ON CONFLICT (name) DO NOTHING", "t", name)) != 0)
		return rc;
	return store_get_int(st, errs, row, "SELECT id FROM reviewer WHERE name = ?", "t", name);
}

/* The actor is 'import', or the login of whoever imported ratings under
 * someone else's name (--as). */
static int
history(struct store *st, const struct rating_def *r, const struct landing *l,
    const char *field, const char *capability, const char *axis, const char *new,
    struct errlist *errs)
{
	return store_run(st, errs, "INSERT INTO history(at, reviewer, output, capability,"
	    " axis, field, old, new, actor) VALUES (coalesce(?, " SQL_NOW "), ?, ?, ?, ?, ?, NULL, ?,"
	    " ?)", "ziizztzt", r->changed, l->reviewer, l->output, capability, axis, field, new,
	    store_actor_for(st, r->reviewer, "import"));
}

/* The rating here: *found when there is one, *same when it has the line's value. */
static int
rating_here(struct store *st, const struct rating_def *r, const struct landing *l,
    bool *found, bool *same, struct errlist *errs)
{
	struct stmt q;

	*found = *same = false;
	stmt_open(&q, st, errs, "SELECT score FROM rating WHERE reviewer = ? AND output = ? AND"
	    " capability = ? AND axis = ?", "iitt", l->reviewer, l->output, r->capability,
	    r->axis);
	if (stmt_row(&q)) {
		*found = true;
		*same = r->na ? stmt_null(&q, 0) :
		    !stmt_null(&q, 0) &&
		    stmt_int(&q, 0) == r->score;
	}
	return stmt_done(&q);
}

static int
put_score(struct store *st, const struct rating_def *r, const struct landing *l,
    struct import_counts *c, struct errlist *errs)
{
	bool found, same;
	char *value;
	int rc;

	if ((rc = rating_here(st, r, l, &found, &same, errs)) != 0)
		return rc;
	if (found) {
		c->unchanged[IMP_RATING]++;
		if (same)
			return 0;
		err_at(errs, &r->pos, _("conflict: %s's rating of %s (%s) %s %s differs from the one "
		    "here"), r->reviewer, r->prompt, r->model, r->capability, r->axis);
		return STORE_INPUT;
	}
	/* N/A is a NULL score. */
	if ((rc = store_run(st, errs, "INSERT INTO rating(reviewer, output, capability, axis,"
	    " rubric, score, changed) VALUES (?, ?, ?, ?, ?, CASE WHEN ? <> 0 THEN NULL ELSE ? END,"
	    " coalesce(?, " SQL_NOW "))", "iittiiiz", l->reviewer, l->output, r->capability, r->axis,
	    l->rubric, (int64_t)r->na, (int64_t)r->score, r->changed)) != 0)
		return rc;
	value = r->na ? xstrdup("NA") : xasprintf("%ld", r->score);
	rc = history(st, r, l, "score", r->capability, r->axis, value, errs);
	c->added[IMP_RATING] += rc == 0;
	free(value);
	return rc;
}

/* The note, flag and time of the line, where this database has none; a
 * different note or flag already here is a conflict. */
static int
put_review(struct store *st, const struct rating_def *r, const struct landing *l,
    struct errlist *errs)
{
	int64_t differs, note_empty, flag_empty;
	char *flag;
	int rc;

	/* The review changed when its earliest line says (each line's changed
	 * is the later of its score's and its review's), so that the export
	 * of the copy gives every line's changed as the original's did. */
	if ((rc = store_run(st, errs, "INSERT INTO review(reviewer, output, changed) VALUES "
	    "(?, ?, coalesce(?, " SQL_NOW ")) ON CONFLICT (reviewer, output) DO UPDATE SET "
	    "changed = min(review.changed, excluded.changed)", "iiz", l->reviewer, l->output,
	    r->changed)) != 0 ||
	    (rc = store_get_int(st, errs, &differs, "SELECT (note IS NOT NULL AND note IS DISTINCT FROM ?)"
	    " OR (flag IS NOT NULL AND flag IS DISTINCT FROM ?) FROM review WHERE reviewer = ? AND"
	    " output = ?", "zzii", r->note, r->flag, l->reviewer, l->output)) != 0 ||
	    (rc = store_get_int(st, errs, &note_empty, "SELECT note IS NULL FROM review WHERE"
	    " reviewer = ? AND output = ?", "ii", l->reviewer, l->output)) != 0 ||
	    (rc = store_get_int(st, errs, &flag_empty, "SELECT flag IS NULL FROM review WHERE"
	    " reviewer = ? AND output = ?", "ii", l->reviewer, l->output)) != 0)
		return rc;
	if (differs && (r->note != NULL || r->flag != NULL)) {
		err_at(errs, &r->pos, _("conflict: %s's note or flag on %s (%s) differs from the "
		    "one here"), r->reviewer, r->prompt, r->model);
		return STORE_INPUT;
	}
	if (r->note != NULL && note_empty &&
	    ((rc = store_run(st, errs, "UPDATE review SET note = ? WHERE reviewer = ? AND"
	    " output = ?", "tii", r->note, l->reviewer, l->output)) != 0 ||
	    (rc = history(st, r, l, "note", NULL, NULL, r->note, errs)) != 0))
		return rc;
	if (r->flag != NULL && flag_empty) {
		if ((rc = store_run(st, errs, "UPDATE review SET flag = ?, flag_reason = ? WHERE"
		    " reviewer = ? AND output = ?", "tzii", r->flag, r->flag_reason, l->reviewer,
		    l->output)) != 0)
			return rc;
		flag = r->flag_reason ? xasprintf("%s: %s", r->flag, r->flag_reason) : xstrdup(r->flag);
		rc = history(st, r, l, "flag", NULL, NULL, flag, errs);
		free(flag);
		if (rc != 0)
			return rc;
	}
	/* Both sides hold the time spent before they parted: the larger wins. */
	return store_run(st, errs, "UPDATE review SET active_seconds = max(active_seconds, ?)"
	    " WHERE reviewer = ? AND output = ?", "dii", r->active_seconds, l->reviewer, l->output);
}

/* The gate (gate.h) on every value of the line that the database keeps. */
static int
check_line(struct store *st, const struct rating_def *r, struct errlist *errs)
{
	const char *why;
	size_t before = errs->n;

	if ((why = gate_name(r->reviewer)) != NULL)
		err_at(errs, &r->pos, _("\"reviewer\": %s"), why);
	else if ((why = store_writer_refusal(st, r->reviewer)) != NULL)
		err_at(errs, &r->pos, _("\"reviewer\": %s"), why);
	if (r->flag != NULL && (why = gate_flag(r->flag)) != NULL)
		err_at(errs, &r->pos, _("unknown flag '%s' (%s)"), r->flag, why);
	if (r->changed != NULL && (why = gate_time(r->changed, time(NULL))) != NULL)
		err_at(errs, &r->pos, _("\"changed\": '%s': %s"), r->changed, why);
	if ((why = gate_seconds(r->active_seconds)) != NULL)
		err_at(errs, &r->pos, _("\"active_seconds\": %s"), why);
	if ((why = gate_capability(r->capability)) != NULL)
		err_at(errs, &r->pos, _("\"capability\": '%s': %s"), r->capability, why);
	return errs->n > before ? STORE_INPUT : 0;
}

int
store_import_rating(struct store *st, const struct rating_def *r, struct import_counts *c,
    struct errlist *errs)
{
	struct landing l;
	int rc;

	if ((rc = check_line(st, r, errs)) != 0 ||
	    (rc = find_landing(st, r, &l, errs)) != 0 ||
	    (rc = make_reviewer(st, r->reviewer, &l.reviewer, errs)) != 0 ||
	    (rc = put_score(st, r, &l, c, errs)) != 0)
		return rc;
	return put_review(st, r, &l, errs);
}
