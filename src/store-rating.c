/* store-rating.c: writing ratings (each its own transaction, with its history
 * row) and reading them back for the statistics. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "store-internal.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* The reviewer's row, made on their first change; 0 with the message in
 * errs when the name does not pass the gate or the write fails. */
static int64_t
reviewer_row(struct store *st, const char *name, struct errlist *errs)
{
	sqlite3_stmt *s;
	const char *why;

	if ((why = gate_name(name)) != NULL) {
		err_add(errs, "reviewer '%s': %s", name, why);
		return 0;
	}
	if ((s = store_stmt(st, "INSERT INTO reviewer(name, created) VALUES (?, " NOW
	    ") ON CONFLICT (name) DO NOTHING", errs)) == NULL)
		return 0;
	store_bind(s, "t", name);
	if (store_step_done(st, s, errs) != 0)
		return 0;
	return store_int(st, "SELECT id FROM reviewer WHERE name = ?", "t", name);
}

/* The rubric version and scale a rating of this output on this capability and
 * axis falls under, or an input error naming what does not exist. */
struct target {
	int64_t	output;
	int64_t	rubric;
	int64_t	min, max;
};

static int
find_rubric(struct store *st, const char *capability, const char *axis, struct target *t,
    struct errlist *errs)
{
	if (!store_int(st, "SELECT count(*) FROM output o JOIN prompt_capability pc ON "
	    "pc.prompt = o.prompt WHERE o.id = ? AND pc.capability = ?", "it", t->output,
	    capability)) {
		err_add(errs, "this output's prompt is not rated for capability '%s'", capability);
		return STORE_INPUT;
	}
	t->rubric = store_rubric_row(st, capability);
	if (!store_int(st, "SELECT count(*) FROM axis WHERE rubric = ? AND axis = ?", "it",
	    t->rubric, axis)) {
		err_add(errs, "the %s rubric has no axis '%s'", capability, axis);
		return STORE_INPUT;
	}
	t->min = store_int(st, "SELECT scale_min FROM rubric WHERE id = ?", "i", t->rubric);
	t->max = store_int(st, "SELECT scale_max FROM rubric WHERE id = ?", "i", t->rubric);
	return 0;
}

static int
find_output(struct store *st, const struct rating_key *k, struct target *t,
    struct errlist *errs)
{
	int64_t prompt = store_prompt_row(st, k->prompt);

	memset(t, 0, sizeof *t);
	if (prompt == 0) {
		err_add(errs, "no prompt '%s'", k->prompt);
		return STORE_INPUT;
	}
	t->output = store_int(st, "SELECT o.id FROM output o JOIN model m ON m.id = o.model "
	    "WHERE o.prompt = ? AND m.name = ?", "it", prompt, k->model);
	if (t->output == 0) {
		err_add(errs, "no output of model '%s' for prompt '%s'", k->model, k->prompt);
		return STORE_INPUT;
	}
	return 0;
}

/* The current value of a rating as history records it: NULL, 'NA' or a number. */
static char *
old_value(struct store *st, int64_t reviewer, int64_t output, const char *capability,
    const char *axis)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT score FROM rating WHERE reviewer = ? AND "
	    "output = ? AND capability = ? AND axis = ?", NULL);
	char *v = NULL;

	if (s == NULL)
		return NULL;
	store_bind(s, "iitt", reviewer, output, capability, axis);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_type(s, 0) == SQLITE_NULL ? xstrdup("NA") :
		    xasprintf("%lld", (long long)sqlite3_column_int64(s, 0));
	sqlite3_reset(s);
	return v;
}

/* One clock reading per change, so a rating's time and its history row's
 * time are the same instant. */
static char *
now_text(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " NOW, NULL);
	char *t = NULL;

	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		t = xstrdup((const char *)sqlite3_column_text(s, 0));
	if (s != NULL)
		sqlite3_reset(s);
	return t != NULL ? t : xstrdup("");
}

static int
add_history(struct store *st, const char *at, int64_t reviewer, int64_t output,
    const char *capability, const char *axis, const char *field, const char *old,
    const char *new, struct errlist *errs)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO history(at, reviewer, output, capability, "
	    "axis, field, old, new, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", errs);

	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "tiizztzzz", at, reviewer, output, capability, axis, field, old, new,
	    st->actor);
	return store_step_done(st, s, errs);
}

static int
put_rating(struct store *st, const char *at, int64_t reviewer, const struct target *t,
    const char *capability, const char *axis, int score, struct errlist *errs)
{
	sqlite3_stmt *s;

	if (score == ITEM_UNRATED) {
		s = store_stmt(st, "DELETE FROM rating WHERE reviewer = ? AND output = ? AND "
		    "capability = ? AND axis = ?", errs);
		if (s == NULL)
			return STORE_RUNTIME;
		store_bind(s, "iitt", reviewer, t->output, capability, axis);
		return store_step_done(st, s, errs);
	}
	s = store_stmt(st, "INSERT INTO rating(reviewer, output, capability, axis, rubric, "
	    "score, changed) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
	    "rubric = excluded.rubric, score = excluded.score, changed = excluded.changed", errs);
	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "iittiit", reviewer, t->output, capability, axis, t->rubric, (int64_t)score,
	    at);
	if (score == ITEM_NA)
		sqlite3_bind_null(s, 6);
	return store_step_done(st, s, errs);
}

/* Inside a transaction: check, write the rating and its history row. */
static int
write_rating(struct store *st, const char *reviewer_name, struct target *t,
    const char *capability, const char *axis, int score, struct errlist *errs)
{
	int64_t reviewer;
	char *old, *new, *at;
	int rc;

	const char *why;

	if ((rc = find_rubric(st, capability, axis, t, errs)) != 0)
		return rc;
	if (score != ITEM_NA && score != ITEM_UNRATED &&
	    (why = gate_score(score, t->min, t->max)) != NULL) {
		err_add(errs, "%s", why);
		return STORE_INPUT;
	}
	if ((reviewer = reviewer_row(st, reviewer_name, errs)) == 0)
		return gate_name(reviewer_name) != NULL ? STORE_INPUT : STORE_RUNTIME;
	old = old_value(st, reviewer, t->output, capability, axis);
	new = score == ITEM_NA ? xstrdup("NA") : score == ITEM_UNRATED ? NULL :
	    xasprintf("%d", score);
	at = now_text(st);
	if ((old == NULL && new == NULL) || (old != NULL && new != NULL && strcmp(old, new) == 0))
		rc = 0;	/* the same value again: nothing changed, no history */
	else if ((rc = put_rating(st, at, reviewer, t, capability, axis, score, errs)) == 0)
		rc = add_history(st, at, reviewer, t->output, capability, axis, "score", old, new,
		    errs);
	free(old);
	free(new);
	free(at);
	return rc;
}

/* Run fn's writes in one transaction, committed before returning. */
static int
finish_tx(struct store *st, int rc, struct errlist *errs)
{
	if (rc == 0)
		rc = store_commit(st, errs);
	if (rc != 0)
		store_rollback(st);
	return rc;
}

int
store_rate(struct store *st, const char *reviewer, int64_t output, const char *capability,
    const char *axis, int score, struct errlist *errs)
{
	struct target t = { output, 0, 0, 0 };
	int rc;

	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	if (!store_int(st, "SELECT count(*) FROM output WHERE id = ?", "i", output)) {
		err_add(errs, "no output %lld in this study", (long long)output);
		rc = STORE_INPUT;
	} else
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

/* Make sure the reviewer's review row for this output exists. */
static int
review_row(struct store *st, int64_t reviewer, int64_t output, struct errlist *errs)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO review(reviewer, output, changed) "
	    "VALUES (?, ?, " NOW ") ON CONFLICT DO NOTHING", errs);

	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "ii", reviewer, output);
	return store_step_done(st, s, errs);
}

/* Start a review write: the transaction, the reviewer, the output, its row. */
static int
review_begin(struct store *st, const char *reviewer_name, int64_t output, int64_t *reviewer,
    struct errlist *errs)
{
	int rc;

	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	if (!store_int(st, "SELECT count(*) FROM output WHERE id = ?", "i", output)) {
		err_add(errs, "no output %lld in this study", (long long)output);
		store_rollback(st);
		return STORE_INPUT;
	}
	if ((*reviewer = reviewer_row(st, reviewer_name, errs)) == 0 ||
	    (rc = review_row(st, *reviewer, output, errs)) != 0) {
		store_rollback(st);
		return rc ? rc : gate_name(reviewer_name) != NULL ? STORE_INPUT : STORE_RUNTIME;
	}
	return 0;
}

static char *
review_text(struct store *st, const char *column_sql, int64_t reviewer, int64_t output)
{
	sqlite3_stmt *s = store_stmt(st, column_sql, NULL);
	char *v = NULL;

	if (s == NULL)
		return NULL;
	store_bind(s, "ii", reviewer, output);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return v;
}

int
store_set_note(struct store *st, const char *reviewer_name, int64_t output, const char *note,
    struct errlist *errs)
{
	int64_t reviewer;
	sqlite3_stmt *s;
	char *old, *at;
	int rc;

	if (note != NULL && *note == '\0')
		note = NULL;
	if ((rc = review_begin(st, reviewer_name, output, &reviewer, errs)) != 0)
		return rc;
	old = review_text(st, "SELECT note FROM review WHERE reviewer = ? AND output = ?",
	    reviewer, output);
	at = now_text(st);
	if ((old == NULL) != (note == NULL) || (old != NULL && strcmp(old, note) != 0)) {
		s = store_stmt(st, "UPDATE review SET note = ?, changed = ?"
		    " WHERE reviewer = ? AND output = ?", errs);
		rc = STORE_RUNTIME;
		if (s != NULL) {
			store_bind(s, "ztii", note, at, reviewer, output);
			rc = store_step_done(st, s, errs);
		}
		if (rc == 0)
			rc = add_history(st, at, reviewer, output, NULL, NULL, "note", old, note, errs);
	}
	free(old);
	free(at);
	return finish_tx(st, rc, errs);
}

int
store_set_flag(struct store *st, const char *reviewer_name, int64_t output, const char *flag,
    const char *reason, struct errlist *errs)
{
	int64_t reviewer;
	sqlite3_stmt *s;
	char *old, *new, *at;
	const char *why;
	int rc;

	if (flag != NULL && (why = gate_flag(flag)) != NULL) {
		err_add(errs, "unknown flag '%s' (%s)", flag, why);
		return STORE_INPUT;
	}
	if (reason != NULL && *reason == '\0')
		reason = NULL;
	if ((rc = review_begin(st, reviewer_name, output, &reviewer, errs)) != 0)
		return rc;
	old = review_text(st, "SELECT flag || coalesce(': ' || flag_reason, '') FROM review "
	    "WHERE reviewer = ? AND output = ?", reviewer, output);
	new = flag == NULL ? NULL : reason == NULL ? xstrdup(flag) : xasprintf("%s: %s", flag, reason);
	at = now_text(st);
	if ((old == NULL) != (new == NULL) || (old != NULL && strcmp(old, new) != 0)) {
		s = store_stmt(st, "UPDATE review SET flag = ?, flag_reason = ?, changed = ?"
		    " WHERE reviewer = ? AND output = ?", errs);
		rc = STORE_RUNTIME;
		if (s != NULL) {
			store_bind(s, "zztii", flag, flag == NULL ? NULL : reason, at, reviewer, output);
			rc = store_step_done(st, s, errs);
		}
		if (rc == 0)
			rc = add_history(st, at, reviewer, output, NULL, NULL, "flag", old, new, errs);
	}
	free(old);
	free(new);
	free(at);
	return finish_tx(st, rc, errs);
}

int
store_set_skipped(struct store *st, const char *reviewer_name, int64_t output, int skipped,
    struct errlist *errs)
{
	int64_t reviewer;
	sqlite3_stmt *s;
	int rc;

	if ((rc = review_begin(st, reviewer_name, output, &reviewer, errs)) != 0)
		return rc;
	s = store_stmt(st, "UPDATE review SET skipped = ? WHERE reviewer = ? AND output = ?", errs);
	rc = STORE_RUNTIME;
	if (s != NULL) {
		store_bind(s, "iii", (int64_t)(skipped != 0), reviewer, output);
		rc = store_step_done(st, s, errs);
	}
	return finish_tx(st, rc, errs);
}

int
store_add_time(struct store *st, const char *reviewer_name, int64_t output, double seconds,
    struct errlist *errs)
{
	int64_t reviewer;
	sqlite3_stmt *s;
	int rc;

	if (seconds <= 0)
		return 0;
	if (gate_seconds(seconds) != NULL) {
		err_add(errs, "%.0f seconds on one output: %s", seconds, gate_seconds(seconds));
		return STORE_INPUT;
	}
	if ((rc = review_begin(st, reviewer_name, output, &reviewer, errs)) != 0)
		return rc;
	s = store_stmt(st, "UPDATE review SET active_seconds = active_seconds + ? "
	    "WHERE reviewer = ? AND output = ?", errs);
	rc = STORE_RUNTIME;
	if (s != NULL) {
		store_bind(s, "dii", seconds, reviewer, output);
		rc = store_step_done(st, s, errs);
	}
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
	static char why[GATE_NAME_MAX + 64];
	struct study_settings ss;
	struct errlist errs = { 0 };
	const char *w;

	if ((w = gate_owner(name, st->writer[0] != '\0' ? st->writer : NULL, st->writer_as))
	    != NULL)
		return w;
	if (store_study(st, &ss, &errs) != 0) {
		err_clear(&errs);
		return "the study's roster cannot be read";
	}
	w = gate_roster(name, ss.reviewers, ss.n_reviewers);
	study_settings_free(&ss);
	if (w == NULL)
		return NULL;
	snprintf(why, sizeof why, "'%.*s' is %s", GATE_NAME_MAX, name, w);
	return why;
}

const char *
store_actor_for(struct store *st, const char *name, const char *tool)
{
	return st->writer[0] != '\0' && strcmp(name, st->writer) != 0 ? st->writer : tool;
}

long
store_count_ratings(struct store *st, const char *prompt_id, int version)
{
	return (long)store_int(st, "SELECT count(*) FROM rating g JOIN output o ON "
	    "o.id = g.output JOIN prompt p ON p.id = o.prompt WHERE p.name = ? AND "
	    "p.version = ?", "ti", prompt_id, (int64_t)version);
}
