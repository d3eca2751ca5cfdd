/* store/rate.c: the rating screen's and the tools' writes: scores, notes,
 * flags, skips and time, each its own transaction with its history row, and
 * who may write under a reviewer's name. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "i18n.h"
#include "internal.h"


/* The reviewer's row, made on their first change; 0 with the message in
 * errs when the name does not pass the gate or the write fails. */
static int
reviewer_row(struct store *st, const char *name, int64_t *row, struct errlist *errs)
{
	const char *why;
	int rc;

	*row = 0;
	if ((why = gate_name(name)) != NULL) {
		err_add(errs, _("reviewer '%s': %s"), name, why);
		return STORE_INPUT;
	}
	if ((rc = store_run(st, errs, "INSERT INTO reviewer(name, created) VALUES (?, " SQL_NOW
	    ") ON CONFLICT (name) DO NOTHING", "t", name)) != 0)
		return rc;
	return store_get_int(st, errs, row, "SELECT id FROM reviewer WHERE name = ?", "t", name);
}

/* The rubric version and scale a rating of this output on this capability and
 * axis falls under, or an input error naming what does not exist. */
struct target {
	int64_t	output;
	int64_t	rubric;
	int64_t	min, max;
};

int
store_scale(struct store *st, int64_t rubric, int64_t *min, int64_t *max,
    struct errlist *errs)
{
	struct stmt q;

	*min = *max = 0;
	stmt_open(&q, st, errs, "SELECT scale_min, scale_max FROM rubric WHERE id = ?", "i",
	    rubric);
	if (stmt_row(&q)) {
		*min = stmt_int(&q, 0);
		*max = stmt_int(&q, 1);
	}
	return stmt_done(&q);
}

static int
find_rubric(struct store *st, const char *capability, const char *axis, struct target *t,
    struct errlist *errs)
{
	int64_t rated, has_axis;
	int rc;

	if ((rc = store_get_int(st, errs, &rated, "SELECT count(*) FROM output o JOIN "
	    "prompt_capability pc ON pc.prompt = o.prompt WHERE o.id = ? AND "
	    "pc.capability = ?", "it", t->output, capability)) != 0)
		return rc;
	if (!rated) {
		err_add(errs, _("this output's prompt is not rated for capability '%s'"), capability);
		return STORE_INPUT;
	}
	if ((rc = store_rubric_row(st, capability, &t->rubric, errs)) != 0 ||
	    (rc = store_get_int(st, errs, &has_axis, "SELECT count(*) FROM axis WHERE "
	    "rubric = ? AND axis = ?", "it", t->rubric, axis)) != 0)
		return rc;
	if (!has_axis) {
		err_add(errs, _("the %s rubric has no axis '%s'"), capability, axis);
		return STORE_INPUT;
	}
	return store_scale(st, t->rubric, &t->min, &t->max, errs);
}

static int
find_output(struct store *st, const struct rating_key *k, struct target *t,
    struct errlist *errs)
{
	int64_t prompt;
	int rc;

	memset(t, 0, sizeof *t);
	if ((rc = store_prompt_row(st, k->prompt, &prompt, errs)) != 0)
		return rc;
	if (prompt == 0) {
		err_add(errs, _("no prompt '%s'"), k->prompt);
		return STORE_INPUT;
	}
	if ((rc = store_get_int(st, errs, &t->output, "SELECT o.id FROM output o JOIN model m "
	    "ON m.id = o.model WHERE o.prompt = ? AND m.name = ?", "it", prompt, k->model)) != 0)
		return rc;
	if (t->output == 0) {
		err_add(errs, _("no output of model '%s' for prompt '%s'"), k->model, k->prompt);
		return STORE_INPUT;
	}
	return 0;
}

/* The current value of a rating as history records it: NULL, 'NA' or a number. */
static int
old_value(struct store *st, int64_t reviewer, int64_t output, const char *capability,
    const char *axis, char **v, struct errlist *errs)
{
	return store_get_text(st, errs, v, "SELECT coalesce(CAST(score AS TEXT), 'NA') FROM "
	    "rating WHERE reviewer = ? AND output = ? AND capability = ? AND axis = ?", "iitt",
	    reviewer, output, capability, axis);
}

/* One clock reading per change, so a rating's time and its history row's
 * time are the same instant. */
static int
now_text(struct store *st, char **at, struct errlist *errs)
{
	return store_get_text(st, errs, at, "SELECT " SQL_NOW, "");
}

static int
add_history(struct store *st, const char *at, int64_t reviewer, int64_t output,
    const char *capability, const char *axis, const char *field, const char *old,
    const char *new, struct errlist *errs)
{
	return store_run(st, errs, "INSERT INTO history(at, reviewer, output, capability, "
	    "axis, field, old, new, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "tiizztzzz", at,
	    reviewer, output, capability, axis, field, old, new, st->actor);
}

static int
put_rating(struct store *st, const char *at, int64_t reviewer, const struct target *t,
    const char *capability, const char *axis, int score, struct errlist *errs)
{
	if (score == ITEM_UNRATED)
		return store_run(st, errs, "DELETE FROM rating WHERE reviewer = ? AND output = ? "
		    "AND capability = ? AND axis = ?", "iitt", reviewer, t->output, capability, axis);
	/* N/A is a NULL score. */
	return store_run(st, errs, "INSERT INTO rating(reviewer, output, capability, axis, "
	    "rubric, score, changed) VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, ?7), ?8) ON CONFLICT "
	    "(reviewer, output, capability, axis) DO UPDATE SET rubric = excluded.rubric, score = excluded.score, "
	    "changed = excluded.changed", "iittiiit", reviewer, t->output, capability, axis,
	    t->rubric, (int64_t)score, (int64_t)ITEM_NA, at);
}

/* Two values as history records them (NULL: none) are the same: the same
 * value again changes nothing and writes no history. */
static bool
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Inside a transaction: check, write the rating and its history row. */
static int
write_rating(struct store *st, const char *reviewer_name, struct target *t,
    const char *capability, const char *axis, int score, struct errlist *errs)
{
	char *old = NULL, *new, *at = NULL;
	const char *why;
	int64_t reviewer;
	int rc;

	if ((rc = find_rubric(st, capability, axis, t, errs)) != 0)
		return rc;
	if (score != ITEM_NA && score != ITEM_UNRATED &&
	    (why = gate_score(score, t->min, t->max)) != NULL) {
		err_add(errs, "%s", why);
		return STORE_INPUT;
	}
	if ((rc = reviewer_row(st, reviewer_name, &reviewer, errs)) != 0 ||
	    (rc = old_value(st, reviewer, t->output, capability, axis, &old, errs)) != 0 ||
	    (rc = now_text(st, &at, errs)) != 0) {
		free(old);
		return rc;
	}
	new = score == ITEM_NA ? xstrdup("NA") : score == ITEM_UNRATED ? NULL :
	    xasprintf("%d", score);
	if (!same_text(old, new) &&
	    (rc = put_rating(st, at, reviewer, t, capability, axis, score, errs)) == 0)
		rc = add_history(st, at, reviewer, t->output, capability, axis, "score", old, new,
		    errs);
	free(old);
	free(new);
	free(at);
	return rc;
}

/* Commit the transaction's writes, or roll them back. */
static int
finish_tx(struct store *st, int rc, struct errlist *errs)
{
	if (rc == 0)
		rc = store_commit(st, errs);
	if (rc != 0)
		store_rollback(st);
	return rc;
}

/* An output of this study, or an input error. */
static int
check_output(struct store *st, int64_t output, struct errlist *errs)
{
	int64_t n;
	int rc;

	if ((rc = store_get_int(st, errs, &n, "SELECT count(*) FROM output WHERE id = ?", "i",
	    output)) != 0)
		return rc;
	if (n == 0) {
		err_add(errs, _("no output %lld in this study"), (long long)output);
		return STORE_INPUT;
	}
	return 0;
}

int
store_rate(struct store *st, const char *reviewer, int64_t output, const char *capability,
    const char *axis, int score, struct errlist *errs)
{
	struct target t = { output, 0, 0, 0 };
	int rc;

	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	if ((rc = check_output(st, output, errs)) == 0)
		rc = write_rating(st, reviewer, &t, capability, axis, score, errs);
	return finish_tx(st, rc, errs);
}

int
store_set_score(struct store *st, const struct rating_key *k, int score, struct errlist *errs)
{
	struct target t;
	int rc;

	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	if ((rc = find_output(st, k, &t, errs)) == 0)
		rc = write_rating(st, k->reviewer, &t, k->capability, k->axis,
		    score, errs);
	return finish_tx(st, rc, errs);
}

/* Start a review write: the transaction, the reviewer, the output, and the
 * reviewer's review row for it; rolled back on failure. */
static int
review_begin(struct store *st, const char *reviewer_name, int64_t output, int64_t *reviewer,
    struct errlist *errs)
{
	int rc;

	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	if ((rc = check_output(st, output, errs)) != 0 ||
	    (rc = reviewer_row(st, reviewer_name, reviewer, errs)) != 0 ||
	    (rc = store_run(st, errs, "INSERT INTO review(reviewer, output, changed) "
	    "VALUES (?, ?, " SQL_NOW ") ON CONFLICT DO NOTHING", "ii", *reviewer, output)) != 0)
		store_rollback(st);
	return rc;
}

/* One review field's change: update_sql sets it from ?1 (new, NULL to clear;
 * ?2 is the flag's reason) and changed from ?3, for reviewer ?4 and output ?5;
 * history records old and new.  The same value again writes nothing. */
static int
change_review(struct store *st, const char *reviewer_name, int64_t output,
    const char *read_sql, const char *update_sql, const char *field, const char *value,
    const char *reason, const char *new, struct errlist *errs)
{
	char *old = NULL, *at = NULL;
	int64_t reviewer;
	int rc;

	if ((rc = review_begin(st, reviewer_name, output, &reviewer, errs)) != 0)
		return rc;
	if ((rc = store_get_text(st, errs, &old, read_sql, "ii", reviewer, output)) == 0 &&
	    (rc = now_text(st, &at, errs)) == 0 && !same_text(old, new) &&
	    (rc = store_run(st, errs, update_sql, "zztii", value, reason, at, reviewer,
	    output)) == 0)
		rc = add_history(st, at, reviewer, output, NULL, NULL, field, old, new, errs);
	free(old);
	free(at);
	return finish_tx(st, rc, errs);
}

int
store_set_note(struct store *st, const char *reviewer_name, int64_t output, const char *note,
    struct errlist *errs)
{
	if (note != NULL && *note == '\0')
		note = NULL;
	return change_review(st, reviewer_name, output,
	    "SELECT note FROM review WHERE reviewer = ? AND output = ?",
	    "UPDATE review SET note = ?1, changed = ?3 WHERE reviewer = ?4"
	    " AND output = ?5", "note", note, NULL, note, errs);
}

int
store_set_flag(struct store *st, const char *reviewer_name, int64_t output, const char *flag,
    const char *reason, struct errlist *errs)
{
	const char *why;
	char *new;
	int rc;

	if (flag != NULL && (why = gate_flag(flag)) != NULL) {
		err_add(errs, _("unknown flag '%s' (%s)"), flag, why);
		return STORE_INPUT;
	}
	if (flag == NULL || (reason != NULL && *reason == '\0'))
		reason = NULL;
	new = flag == NULL ? NULL : reason == NULL ? xstrdup(flag) : xasprintf("%s: %s", flag, reason);
	rc = change_review(st, reviewer_name, output,
	    "SELECT flag || coalesce(': ' || flag_reason, '') FROM review"
	    " WHERE reviewer = ? AND output = ?",
	    "UPDATE review SET flag = ?1, flag_reason = ?2, changed = ?3"
	    " WHERE reviewer = ?4 AND output = ?5", "flag", flag, reason, new, errs);
	free(new);
	return rc;
}

int
store_set_skipped(struct store *st, const char *reviewer_name, int64_t output, int skipped,
    struct errlist *errs)
{
	int64_t reviewer;
	int rc;

	if ((rc = review_begin(st, reviewer_name, output, &reviewer, errs)) != 0)
		return rc;
	rc = store_run(st, errs, "UPDATE review SET skipped = ? WHERE reviewer = ? AND "
	    "output = ?", "iii", (int64_t)(skipped != 0), reviewer, output);
	return finish_tx(st, rc, errs);
}

int
store_add_time(struct store *st, const char *reviewer_name, int64_t output, double seconds,
    struct errlist *errs)
{
	int64_t reviewer;
	int rc;

	if (seconds <= 0)
		return 0;
	if (gate_seconds(seconds) != NULL) {
		err_add(errs, _("%.0f seconds on one output: %s"), seconds, gate_seconds(seconds));
		return STORE_INPUT;
	}
	if ((rc = review_begin(st, reviewer_name, output, &reviewer, errs)) != 0)
		return rc;
	rc = store_run(st, errs, "UPDATE review SET active_seconds = active_seconds + ? "
	    "WHERE reviewer = ? AND output = ?", "dii", seconds, reviewer, output);
	return finish_tx(st, rc, errs);
}

void
store_set_writer(struct store *st, const char *login, bool as)
{
	snprintf(st->writer, sizeof st->writer, "%s", login != NULL ? login : "");
	st->writer_as = as;
}

const char *
store_writer_refusal(struct store *st, const char *name)
{
	static char why[GATE_NAME_MAX + 512];
	struct study_settings ss;
	struct errlist errs = { 0 };
	const char *w;

	if ((w = gate_owner(name, st->writer[0] != '\0' ? st->writer : NULL, st->writer_as))
	    != NULL)
		return w;
	if (st->roster != NULL)
		w = gate_roster(name, st->roster->reviewers, st->roster->n_reviewers);
	else if (store_study(st, &ss, &errs) != 0) {
		err_clear(&errs);
		return _("the study's roster cannot be read");
	} else {
		w = gate_roster(name, ss.reviewers, ss.n_reviewers);
		study_settings_free(&ss);
	}
	if (w == NULL)
		return NULL;
	/* TRANSLATORS: %.*s is a reviewer's name, %s why they may not write
	 * ("not on this study's roster"), from gate.c. */
	snprintf(why, sizeof why, _("'%.*s' is %s"), GATE_NAME_MAX, name, w);
	return why;
}

int
store_hold_roster(struct store *st, struct errlist *errs)
{
	struct study_settings *ss = xmalloc(sizeof *ss);
	int rc;

	if ((rc = store_study(st, ss, errs)) != 0) {
		free(ss);
		return rc;
	}
	store_release_roster(st);
	st->roster = ss;
	return 0;
}

void
store_release_roster(struct store *st)
{
	if (st->roster == NULL)
		return;
	study_settings_free(st->roster);
	free(st->roster);
	st->roster = NULL;
}

const char *
store_actor_for(struct store *st, const char *name, const char *tool)
{
	return st->writer[0] != '\0' && strcmp(name, st->writer) != 0 ? st->writer : tool;
}

long
store_count_ratings(struct store *st, const char *prompt_id, int version)
{
	int64_t n;

	/* For the tests: -1 when it cannot be read. */
	if (store_get_int(st, NULL, &n, "SELECT count(*) FROM rating g JOIN output o ON "
	    "o.id = g.output JOIN prompt p ON p.id = o.prompt WHERE p.name = ? AND "
	    "p.version = ?", "ti", prompt_id, (int64_t)version) != 0)
		return -1;
	return (long)n;
}
