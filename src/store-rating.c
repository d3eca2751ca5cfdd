/* store-rating.c: writing ratings (each its own transaction, with its history
 * row) and reading them back for the statistics. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

static int64_t
reviewer_row(struct store *st, const char *name, struct errlist *errs)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO reviewer(name, created) VALUES (?, "
	    NOW ") ON CONFLICT (name) DO NOTHING", errs);

	if (s == NULL)
		return 0;
	store_bind(s, "t", name);
	if (store_step_done(st, s, errs) != 0)
		return 0;
	return store_int(st, "SELECT id FROM reviewer WHERE name = ?", "t", name);
}

/* The output, the rubric version and the scale a rating key points at, or an
 * input error naming what does not exist. */
struct target {
	int64_t	output;
	int64_t	rubric;
	int64_t	min, max;
};

static int
find_target(struct store *st, const struct rating_key *k, struct target *t,
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
	if (!store_int(st, "SELECT count(*) FROM prompt_capability WHERE prompt = ? AND "
	    "capability = ?", "it", prompt, k->capability)) {
		err_add(errs, "prompt '%s' is not rated for capability '%s'", k->prompt,
		    k->capability);
		return STORE_INPUT;
	}
	t->rubric = store_rubric_row(st, k->capability);
	if (!store_int(st, "SELECT count(*) FROM axis WHERE rubric = ? AND axis = ?", "it",
	    t->rubric, k->axis)) {
		err_add(errs, "the %s rubric has no axis '%s'", k->capability, k->axis);
		return STORE_INPUT;
	}
	t->min = store_int(st, "SELECT scale_min FROM rubric WHERE id = ?", "i", t->rubric);
	t->max = store_int(st, "SELECT scale_max FROM rubric WHERE id = ?", "i", t->rubric);
	return 0;
}

/* The current value of a rating as history records it: NULL, 'NA' or a number. */
static char *
old_value(struct store *st, int64_t reviewer, int64_t output, const struct rating_key *k)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT score FROM rating WHERE reviewer = ? AND "
	    "output = ? AND capability = ? AND axis = ?", NULL);
	char *v = NULL;

	if (s == NULL)
		return NULL;
	store_bind(s, "iitt", reviewer, output, k->capability, k->axis);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_type(s, 0) == SQLITE_NULL ? xstrdup("NA") :
		    xasprintf("%lld", (long long)sqlite3_column_int64(s, 0));
	sqlite3_reset(s);
	return v;
}

static int
write_score(struct store *st, const struct rating_key *k, int score, struct errlist *errs)
{
	struct target t;
	sqlite3_stmt *s;
	int64_t reviewer;
	char *old, *new;
	int rc;

	if ((rc = find_target(st, k, &t, errs)) != 0)
		return rc;
	if (score >= 0 && (score < t.min || score > t.max)) {
		err_add(errs, "score %d is outside the scale %lld to %lld", score,
		    (long long)t.min, (long long)t.max);
		return STORE_INPUT;
	}
	if ((reviewer = reviewer_row(st, k->reviewer, errs)) == 0)
		return STORE_RUNTIME;
	old = old_value(st, reviewer, t.output, k);
	new = score >= 0 ? xasprintf("%d", score) : xstrdup("NA");
	if (old != NULL && strcmp(old, new) == 0) {
		free(old);
		free(new);
		return 0;	/* the same value again: nothing changed, no history */
	}
	s = store_stmt(st, "INSERT INTO rating(reviewer, output, capability, axis, rubric, "
	    "score, changed) VALUES (?, ?, ?, ?, ?, ?, " NOW ") ON CONFLICT DO UPDATE SET "
	    "rubric = excluded.rubric, score = excluded.score, changed = excluded.changed", errs);
	rc = STORE_RUNTIME;
	if (s != NULL) {
		store_bind(s, "iittii", reviewer, t.output, k->capability, k->axis, t.rubric,
		    (int64_t)score);
		if (score < 0)
			sqlite3_bind_null(s, 6);
		rc = store_step_done(st, s, errs);
	}
	if (rc == 0 && (s = store_stmt(st, "INSERT INTO history(at, reviewer, output, "
	    "capability, axis, field, old, new) VALUES (" NOW ", ?, ?, ?, ?, 'score', ?, ?)",
	    errs)) != NULL) {
		store_bind(s, "iittzt", reviewer, t.output, k->capability, k->axis, old, new);
		rc = store_step_done(st, s, errs);
	}
	free(old);
	free(new);
	return rc;
}

int
store_set_score(struct store *st, const struct rating_key *k, int score, struct errlist *errs)
{
	int rc;

	if ((rc = store_begin(st, errs)) != 0)
		return rc;
	if ((rc = write_score(st, k, score, errs)) == 0)
		rc = store_commit(st, errs);
	if (rc != 0)
		store_rollback(st);
	return rc;
}

long
store_count_ratings(struct store *st, const char *prompt_id, int version)
{
	return (long)store_int(st, "SELECT count(*) FROM rating g JOIN output o ON "
	    "o.id = g.output JOIN prompt p ON p.id = o.prompt WHERE p.name = ? AND "
	    "p.version = ?", "ti", prompt_id, (int64_t)version);
}
