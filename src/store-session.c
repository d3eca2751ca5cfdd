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
	char *near;
	int64_t row;
	int rc;

	if (f->capability != NULL) {
		if ((rc = store_rubric_row(st, f->capability, &row, errs)) != 0)
			return rc;
		if (row == 0) {
			near = store_suggest(st, f->capability, "SELECT DISTINCT "
			    "capability FROM rubric");
			err_add(errs, "no capability '%s' in this study%s (see 'panelist "
			    "list rubrics')", f->capability, near);
			free(near);
			return STORE_INPUT;
		}
	}
	if (f->model != NULL) {
		if ((rc = store_get_int(st, errs, &row, "SELECT count(*) FROM model WHERE name = ?",
		    "t", f->model)) != 0)
			return rc;
		if (row == 0) {
			near = store_suggest(st, f->model, "SELECT name FROM model");
			err_add(errs, "no model '%s' in this study%s (see 'panelist list "
			    "models')", f->model, near);
			free(near);
			return STORE_INPUT;
		}
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
	    " WHERE (?2 IS NULL OR m.name = ?2) AND (?4 = 0 OR o.id = ?4)"
	    "  AND (?1 IS NULL OR EXISTS (SELECT 1 FROM prompt_capability pc"
	    "   WHERE pc.prompt = p.id AND pc.capability = ?1))"
	    " ORDER BY o.id";
	struct queue_entry *v = NULL, *e;
	int64_t slots, rated;
	struct stmt q;
	size_t n = 0;
	int rc;

	*out = NULL;
	*n_out = 0;
	if ((rc = check_filter(st, f, errs)) != 0)
		return rc;
	stmt_open(&q, st, errs, sql, "zzti", f->capability, f->model, reviewer, output);
	while (stmt_row(&q)) {
		slots = sqlite3_column_int64(q.s, 3);
		rated = sqlite3_column_int64(q.s, 4);
		v = xreallocarray(v, n + 1, sizeof *v);
		e = &v[n++];
		e->output = sqlite3_column_int64(q.s, 0);
		e->prompt_id = col_dup(q.s, 1);
		e->model = col_dup(q.s, 2);
		e->done = slots > 0 && rated >= slots;
		e->slots = (long)slots;
		e->rated = (long)rated;
		e->started = sqlite3_column_int(q.s, 5);
		e->skipped = sqlite3_column_int(q.s, 6);
	}
	if ((rc = stmt_done(&q)) != 0) {
		queue_entries_free(v, n);
		return rc;
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
	return store_strings(st, errs, out, n_out, "SELECT name FROM reviewer ORDER BY name");
}

/* Per point of the scale, the text of one rubric table (labels or anchors):
 * sql reads value and text for the rubric (and the axis, when not NULL). */
static int
points(struct store *st, const char *sql, int64_t rubric, const char *axis, long min,
    long max, char ***out, struct errlist *errs)
{
	char **v = xcalloc((size_t)(max - min + 1), sizeof *v);
	struct stmt q;
	long value;

	*out = v;
	stmt_open(&q, st, errs, sql, axis != NULL ? "it" : "i", rubric, axis);
	while (stmt_row(&q)) {
		value = (long)sqlite3_column_int64(q.s, 0);
		if (value >= min && value <= max && v[value - min] == NULL)
			v[value - min] = col_dup(q.s, 1);
	}
	return stmt_done(&q);
}

static int
load_axes(struct store *st, const char *reviewer, int64_t output, int64_t rubric,
    struct item_capability *c, struct errlist *errs)
{
	struct item_axis *a;
	struct stmt q;
	size_t i;
	int rc;

	stmt_open(&q, st, errs, "SELECT a.axis, a.question,"
	    " (SELECT g.score FROM rating g JOIN reviewer v ON v.id = g.reviewer"
	    "   WHERE v.name = ?1 AND g.output = ?2 AND g.capability = ?3 AND g.axis = a.axis"
	    "   AND g.rubric = a.rubric),"
	    " (SELECT count(*) FROM rating g JOIN reviewer v ON v.id = g.reviewer"
	    "   WHERE v.name = ?1 AND g.output = ?2 AND g.capability = ?3 AND g.axis = a.axis"
	    "   AND g.rubric = a.rubric)"
	    " FROM axis a WHERE a.rubric = ?4 ORDER BY a.position", "titi", reviewer, output,
	    c->capability, rubric);
	while (stmt_row(&q)) {
		c->axes = xreallocarray(c->axes, c->n_axes + 1, sizeof *c->axes);
		a = &c->axes[c->n_axes++];
		memset(a, 0, sizeof *a);
		a->id = col_dup(q.s, 0);
		a->question = col_dup(q.s, 1);
		if (sqlite3_column_int(q.s, 3) == 0)
			a->score = ITEM_UNRATED;
		else if (sqlite3_column_type(q.s, 2) == SQLITE_NULL)
			a->score = ITEM_NA;
		else
			a->score = sqlite3_column_int(q.s, 2);
	}
	/* The anchors after the axes: one statement in use at a time. */
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	for (i = 0; i < c->n_axes && rc == 0; i++)
		rc = points(st, "SELECT value, text FROM anchor WHERE rubric = ? AND axis = ?",
		    rubric, c->axes[i].id, c->min, c->max, &c->axes[i].anchors, errs);
	return rc;
}

static int
load_capabilities(struct store *st, const char *reviewer, struct item_view *iv,
    int64_t prompt, struct errlist *errs)
{
	struct item_capability *c;
	int64_t *rubrics = NULL;
	struct stmt q;
	size_t i;
	int rc;

	stmt_open(&q, st, errs, "SELECT pc.capability, r.id, r.title, r.scale_min,"
	    " r.scale_max, r.description FROM prompt_capability pc JOIN current_rubric r"
	    " ON r.capability = pc.capability WHERE pc.prompt = ? ORDER BY pc.position", "i",
	    prompt);
	while (stmt_row(&q)) {
		iv->caps = xreallocarray(iv->caps, iv->n_caps + 1, sizeof *iv->caps);
		rubrics = xreallocarray(rubrics, iv->n_caps + 1, sizeof *rubrics);
		c = &iv->caps[iv->n_caps];
		memset(c, 0, sizeof *c);
		c->capability = col_dup(q.s, 0);
		rubrics[iv->n_caps] = sqlite3_column_int64(q.s, 1);
		c->title = col_dup(q.s, 2);
		c->min = (long)sqlite3_column_int64(q.s, 3);
		c->max = (long)sqlite3_column_int64(q.s, 4);
		c->description = col_dup(q.s, 5);
		iv->n_caps++;
	}
	rc = stmt_done(&q);
	for (i = 0; i < iv->n_caps && rc == 0; i++) {
		c = &iv->caps[i];
		if ((rc = points(st, "SELECT value, label FROM scale_label WHERE rubric = ?",
		    rubrics[i], NULL, c->min, c->max, &c->labels, errs)) == 0)
			rc = load_axes(st, reviewer, iv->output, rubrics[i], c, errs);
	}
	free(rubrics);
	return rc;
}

static int
load_turns(struct store *st, struct item_view *iv, int64_t prompt, struct errlist *errs)
{
	struct stmt q;

	stmt_open(&q, st, errs, "SELECT role, content FROM turn WHERE prompt = ? "
	    "ORDER BY position", "i", prompt);
	while (stmt_row(&q)) {
		iv->turns = xreallocarray(iv->turns, iv->n_turns + 1, sizeof *iv->turns);
		iv->turns[iv->n_turns].role = col_dup(q.s, 0);
		iv->turns[iv->n_turns].content = col_dup(q.s, 1);
		iv->n_turns++;
	}
	return stmt_done(&q);
}

static int
load_review(struct store *st, const char *reviewer, struct item_view *iv,
    struct errlist *errs)
{
	struct stmt q;

	stmt_open(&q, st, errs, "SELECT w.note, w.flag, w.flag_reason, w.active_seconds"
	    " FROM review w JOIN reviewer v ON v.id = w.reviewer WHERE v.name = ? AND"
	    " w.output = ?", "ti", reviewer, iv->output);
	if (stmt_row(&q)) {
		iv->note = col_dup(q.s, 0);
		iv->flag = col_dup(q.s, 1);
		iv->flag_reason = col_dup(q.s, 2);
		iv->active_seconds = sqlite3_column_double(q.s, 3);
	}
	return stmt_done(&q);
}

/* The output and its prompt: *prompt stays 0 when there is no such output. */
static int
load_output(struct store *st, int64_t output, struct item_view *iv, int64_t *prompt,
    struct errlist *errs)
{
	struct stmt q;

	*prompt = 0;
	stmt_open(&q, st, errs, "SELECT p.id, p.name, p.version, p.title, p.occupation,"
	    " p.task, p.lang, m.name, o.text FROM output o JOIN prompt p ON p.id = o.prompt"
	    " JOIN model m ON m.id = o.model WHERE o.id = ?", "i", output);
	if (stmt_row(&q)) {
		*prompt = sqlite3_column_int64(q.s, 0);
		iv->prompt_id = col_dup(q.s, 1);
		iv->prompt_version = sqlite3_column_int(q.s, 2);
		iv->title = col_dup(q.s, 3);
		iv->occupation = col_dup(q.s, 4);
		iv->task = col_dup(q.s, 5);
		iv->lang = col_dup(q.s, 6);
		iv->model = col_dup(q.s, 7);
		iv->text = col_dup(q.s, 8);
	}
	return stmt_done(&q);
}

int
store_item_load(struct store *st, const char *reviewer, int64_t output, struct item_view *iv,
    struct errlist *errs)
{
	int64_t prompt;
	int rc;

	memset(iv, 0, sizeof *iv);
	if ((rc = load_output(st, output, iv, &prompt, errs)) != 0)
		return rc;
	if (prompt == 0) {
		err_add(errs, "no output %lld in this study", (long long)output);
		return STORE_INPUT;
	}
	iv->output = output;
	if ((rc = load_turns(st, iv, prompt, errs)) != 0 ||
	    (rc = load_capabilities(st, reviewer, iv, prompt, errs)) != 0 ||
	    (rc = load_review(st, reviewer, iv, errs)) != 0) {
		item_view_free(iv);
		return rc;
	}
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
		free(c->description);
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
