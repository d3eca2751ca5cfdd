/* store-session.c: what the rating screen reads and writes.
 *
 * Every write is its own transaction and returns after COMMIT, so what the
 * screen shows next is on disk: a kill -9 between keystrokes loses nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

static int
check_filter(struct store *st, const struct queue_filter *f, struct errlist *errs)
{
	if (f->capability != NULL && store_rubric_row(st, f->capability) == 0) {
		err_add(errs, "no capability '%s' in this study (see 'panelist list rubrics')",
		    f->capability);
		return STORE_INPUT;
	}
	if (f->model != NULL &&
	    !store_int(st, "SELECT count(*) FROM model WHERE name = ?", "t", f->model)) {
		err_add(errs, "no model '%s' in this study (see 'panelist list models')", f->model);
		return STORE_INPUT;
	}
	return 0;
}

static int queue_rows(struct store *, const char *, const struct queue_filter *, int64_t,
    struct queue_entry **, size_t *, struct errlist *);

int
store_queue_entries(struct store *st, const char *reviewer, const struct queue_filter *f,
    struct queue_entry **out, size_t *n_out, struct errlist *errs)
{
	return queue_rows(st, reviewer, f, 0, out, n_out, errs);
}

int
store_queue_entry(struct store *st, const char *reviewer, int64_t output,
    struct queue_entry *e, struct errlist *errs)
{
	struct queue_filter all = { NULL, NULL };
	struct queue_entry *v;
	size_t n;
	int rc;

	if ((rc = queue_rows(st, reviewer, &all, output, &v, &n, errs)) != 0)
		return rc;
	if (n != 1) {
		queue_entries_free(v, n);
		err_add(errs, "no output %lld in this study", (long long)output);
		return STORE_INPUT;
	}
	*e = v[0];
	free(v);
	return 0;
}

/* The queue rows of every output, or of one (output > 0). */
static int
queue_rows(struct store *st, const char *reviewer, const struct queue_filter *f,
    int64_t output, struct queue_entry **out, size_t *n_out, struct errlist *errs)
{
	/* slots: axes to rate on this output; rated: this reviewer's ratings
	 * of them under the current rubric versions. */
	static const char sql[] =
	    "SELECT o.id, p.name, m.name,"
	    " (SELECT count(*) FROM prompt_capability pc"
	    "   JOIN current_rubric r ON r.capability = pc.capability"
	    "   JOIN axis a ON a.rubric = r.id"
	    "   WHERE pc.prompt = p.id AND (?1 IS NULL OR pc.capability = ?1)),"
	    " (SELECT count(*) FROM rating g"
	    "   JOIN prompt_capability pc ON pc.prompt = p.id AND pc.capability = g.capability"
	    "   JOIN current_rubric r ON r.capability = g.capability AND r.id = g.rubric"
	    "   JOIN axis a ON a.rubric = r.id AND a.axis = g.axis"
	    "   WHERE g.output = o.id AND g.reviewer = v.id AND (?1 IS NULL OR g.capability = ?1)),"
	    " EXISTS (SELECT 1 FROM rating g WHERE g.output = o.id AND g.reviewer = v.id)"
	    "  OR EXISTS (SELECT 1 FROM review w WHERE w.output = o.id AND w.reviewer = v.id"
	    "   AND (w.note IS NOT NULL OR w.flag IS NOT NULL)),"
	    " coalesce((SELECT w.skipped FROM review w WHERE w.output = o.id AND w.reviewer = v.id), 0)"
	    " FROM current_prompt p JOIN output o ON o.prompt = p.id JOIN model m ON m.id = o.model"
	    " LEFT JOIN reviewer v ON v.name = ?3"
	    " WHERE (?2 IS NULL OR m.name = ?2) AND (?4 IS NULL OR o.id = ?4)"
	    "  AND (?1 IS NULL OR EXISTS (SELECT 1 FROM prompt_capability pc"
	    "   WHERE pc.prompt = p.id AND pc.capability = ?1))"
	    " ORDER BY o.id";
	struct queue_entry *v = NULL;
	sqlite3_stmt *s;
	size_t n = 0;
	int rc;

	*out = NULL;
	*n_out = 0;
	if ((rc = check_filter(st, f, errs)) != 0)
		return rc;
	if ((s = store_stmt(st, sql, errs)) == NULL)
		return STORE_RUNTIME;
	store_bind(s, "zzt", f->capability, f->model, reviewer);
	if (output > 0)
		sqlite3_bind_int64(s, 4, output);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct queue_entry *e;
		int64_t slots = sqlite3_column_int64(s, 3), rated = sqlite3_column_int64(s, 4);

		v = xreallocarray(v, n + 1, sizeof *v);
		e = &v[n++];
		e->output = sqlite3_column_int64(s, 0);
		e->prompt_id = col_dup(s, 1);
		e->model = col_dup(s, 2);
		e->done = slots > 0 && rated >= slots;
		e->started = sqlite3_column_int(s, 5);
		e->skipped = sqlite3_column_int(s, 6);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		queue_entries_free(v, n);
		return store_fail(st, errs, "reading the queue");
	}
	*out = v;
	*n_out = n;
	return 0;
}

void
queue_entries_free(struct queue_entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].prompt_id);
		free(v[i].model);
	}
	free(v);
}

int
store_reviewers(struct store *st, char ***out, size_t *n_out, struct errlist *errs)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT name FROM reviewer ORDER BY name", errs);
	char **v = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	*n_out = 0;
	if (s == NULL)
		return STORE_RUNTIME;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = col_dup(s, 0);
	}
	sqlite3_reset(s);
	*out = v;
	*n_out = n;
	return rc == SQLITE_DONE ? 0 : store_fail(st, errs, "reading reviewers");
}

/* Per point of the scale, the text of one rubric table (labels or anchors). */
static char **
points(struct store *st, const char *sql, int64_t rubric, const char *axis, long min, long max)
{
	char **v = xcalloc((size_t)(max - min + 1), sizeof *v);
	sqlite3_stmt *s = store_stmt(st, sql, NULL);

	if (s == NULL)
		return v;
	if (axis != NULL)
		store_bind(s, "it", rubric, axis);
	else
		store_bind(s, "i", rubric);
	while (sqlite3_step(s) == SQLITE_ROW) {
		long value = (long)sqlite3_column_int64(s, 0);

		if (value >= min && value <= max && v[value - min] == NULL)
			v[value - min] = col_dup(s, 1);
	}
	sqlite3_reset(s);
	return v;
}

static int
load_axes(struct store *st, const char *reviewer, int64_t output, int64_t rubric,
    struct item_capability *c, struct errlist *errs)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT a.axis, a.question,"
	    " (SELECT g.score FROM rating g JOIN reviewer v ON v.id = g.reviewer"
	    "   WHERE v.name = ? AND g.output = ? AND g.capability = ? AND g.axis = a.axis"
	    "   AND g.rubric = a.rubric),"
	    " (SELECT count(*) FROM rating g JOIN reviewer v ON v.id = g.reviewer"
	    "   WHERE v.name = ? AND g.output = ? AND g.capability = ? AND g.axis = a.axis"
	    "   AND g.rubric = a.rubric)"
	    " FROM axis a WHERE a.rubric = ? ORDER BY a.position", errs);
	struct { char *id, *question; int score; } *rows = NULL;
	size_t n = 0, i;
	int rc;

	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "tittiti", reviewer, output, c->capability, reviewer, output,
	    c->capability, rubric);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows = xreallocarray(rows, n + 1, sizeof *rows);
		rows[n].id = col_dup(s, 0);
		rows[n].question = col_dup(s, 1);
		if (sqlite3_column_int(s, 3) == 0)
			rows[n].score = ITEM_UNRATED;
		else if (sqlite3_column_type(s, 2) == SQLITE_NULL)
			rows[n].score = ITEM_NA;
		else
			rows[n].score = sqlite3_column_int(s, 2);
		n++;
	}
	sqlite3_reset(s);
	c->axes = xcalloc(n, sizeof *c->axes);
	c->n_axes = n;
	for (i = 0; i < n; i++) {
		c->axes[i].id = rows[i].id;
		c->axes[i].question = rows[i].question;
		c->axes[i].score = rows[i].score;
		c->axes[i].anchors = points(st, "SELECT value, text FROM anchor WHERE rubric = ? "
		    "AND axis = ?", rubric, rows[i].id, c->min, c->max);
	}
	free(rows);
	return rc == SQLITE_DONE ? 0 : store_fail(st, errs, "reading axes");
}

static int
load_capabilities(struct store *st, const char *reviewer, struct item_view *iv,
    int64_t prompt, struct errlist *errs)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT pc.capability, r.id, r.title, r.scale_min,"
	    " r.scale_max FROM prompt_capability pc JOIN current_rubric r"
	    " ON r.capability = pc.capability WHERE pc.prompt = ? ORDER BY pc.position", errs);
	struct { char *cap, *title; int64_t rubric; long min, max; } *rows = NULL;
	size_t n = 0, i;
	int rc;

	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "i", prompt);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows = xreallocarray(rows, n + 1, sizeof *rows);
		rows[n].cap = col_dup(s, 0);
		rows[n].rubric = sqlite3_column_int64(s, 1);
		rows[n].title = col_dup(s, 2);
		rows[n].min = (long)sqlite3_column_int64(s, 3);
		rows[n].max = (long)sqlite3_column_int64(s, 4);
		n++;
	}
	sqlite3_reset(s);
	iv->caps = xcalloc(n, sizeof *iv->caps);
	iv->n_caps = n;
	for (i = 0; i < n; i++) {
		struct item_capability *c = &iv->caps[i];

		c->capability = rows[i].cap;
		c->title = rows[i].title;
		c->min = rows[i].min;
		c->max = rows[i].max;
		c->labels = points(st, "SELECT value, label FROM scale_label WHERE rubric = ?",
		    rows[i].rubric, NULL, c->min, c->max);
		if (rc == SQLITE_DONE && load_axes(st, reviewer, iv->output, rows[i].rubric, c, errs) != 0)
			rc = SQLITE_ERROR;
	}
	free(rows);
	return rc == SQLITE_DONE ? 0 : STORE_RUNTIME;
}

static int
load_turns(struct store *st, struct item_view *iv, int64_t prompt, struct errlist *errs)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT role, content FROM turn WHERE prompt = ? "
	    "ORDER BY position", errs);
	int rc;

	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "i", prompt);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		iv->turns = xreallocarray(iv->turns, iv->n_turns + 1, sizeof *iv->turns);
		iv->turns[iv->n_turns].role = col_dup(s, 0);
		iv->turns[iv->n_turns].content = col_dup(s, 1);
		iv->n_turns++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, errs, "reading the conversation");
}

static void
load_review(struct store *st, const char *reviewer, struct item_view *iv)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT w.note, w.flag, w.flag_reason, w.active_seconds"
	    " FROM review w JOIN reviewer v ON v.id = w.reviewer WHERE v.name = ? AND w.output = ?",
	    NULL);

	if (s == NULL)
		return;
	store_bind(s, "ti", reviewer, iv->output);
	if (sqlite3_step(s) == SQLITE_ROW) {
		iv->note = col_dup(s, 0);
		iv->flag = col_dup(s, 1);
		iv->flag_reason = col_dup(s, 2);
		iv->active_seconds = sqlite3_column_double(s, 3);
	}
	sqlite3_reset(s);
}

int
store_item_load(struct store *st, const char *reviewer, int64_t output, struct item_view *iv,
    struct errlist *errs)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT p.id, p.name, p.version, p.title, p.occupation,"
	    " p.task, p.lang, m.name, o.text FROM output o JOIN prompt p ON p.id = o.prompt"
	    " JOIN model m ON m.id = o.model WHERE o.id = ?", errs);
	int64_t prompt;
	int rc;

	memset(iv, 0, sizeof *iv);
	if (s == NULL)
		return STORE_RUNTIME;
	store_bind(s, "i", output);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		err_add(errs, "no output %lld in this study", (long long)output);
		return STORE_INPUT;
	}
	iv->output = output;
	prompt = sqlite3_column_int64(s, 0);
	iv->prompt_id = col_dup(s, 1);
	iv->prompt_version = sqlite3_column_int(s, 2);
	iv->title = col_dup(s, 3);
	iv->occupation = col_dup(s, 4);
	iv->task = col_dup(s, 5);
	iv->lang = col_dup(s, 6);
	iv->model = col_dup(s, 7);
	iv->text = col_dup(s, 8);
	sqlite3_reset(s);
	if ((rc = load_turns(st, iv, prompt, errs)) != 0 ||
	    (rc = load_capabilities(st, reviewer, iv, prompt, errs)) != 0) {
		item_view_free(iv);
		return rc;
	}
	load_review(st, reviewer, iv);
	return 0;
}

static void
free_points(char **v, long min, long max)
{
	long i;

	if (v == NULL)
		return;
	for (i = 0; i <= max - min; i++)
		free(v[i]);
	free(v);
}

void
item_view_free(struct item_view *iv)
{
	size_t i, j;

	for (i = 0; i < iv->n_turns; i++) {
		free(iv->turns[i].role);
		free(iv->turns[i].content);
	}
	for (i = 0; i < iv->n_caps; i++) {
		struct item_capability *c = &iv->caps[i];

		for (j = 0; j < c->n_axes; j++) {
			free(c->axes[j].id);
			free(c->axes[j].question);
			free_points(c->axes[j].anchors, c->min, c->max);
		}
		free(c->axes);
		free_points(c->labels, c->min, c->max);
		free(c->capability);
		free(c->title);
	}
	free(iv->caps);
	free(iv->turns);
	free(iv->prompt_id);
	free(iv->title);
	free(iv->occupation);
	free(iv->task);
	free(iv->lang);
	free(iv->model);
	free(iv->text);
	free(iv->note);
	free(iv->flag);
	free(iv->flag_reason);
	memset(iv, 0, sizeof *iv);
}
