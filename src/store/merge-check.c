/* store/merge-check.c: merge's look at another database, which it does not
 * trust: anyone may have edited it.
 *
 * The file is opened on a connection of its own, read-only, with its schema
 * untrusted, views and triggers disabled and in defensive mode, bounded in
 * time and in the size of a value.  Each table merge reads is checked in
 * sqlite_master to be a table defined exactly as here (a view or a trigger
 * never runs), read by an explicit column list into a TEMP copy (ov_*), and
 * mapped to this database by content.  Every row then passes the gate
 * (gate.h); one bad value refuses the whole file, with every problem
 * listed. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <time.h>

#include "gate.h"
#include "i18n.h"
#include "internal.h"

/* Bounds on what another file may cost: a study of 20 reviewers, 2,000
 * outputs and 30 axes is 1.2 million ratings at most; a note is typed by
 * hand.  Time and memory are bounded for the whole merge (store-merge.c). */
#define MERGE_MAX_ROWS		2000000
#define MERGE_MAX_VALUE		(1 << 20)		/* bytes in one value */
#define MERGE_MAX_PROBLEMS	100		/* listed; the rest counted */

/* The tables read from the other file, and the columns read. */
static const struct source_table {
	const char	*name;
	const char	*read;		/* the ones copied */
} source_tables[] = {
	{ "study", "key, value" },
	{ "reviewer", "id, name, created" },
	{ "model", "id, name" },
	{ "prompt", "id, name, version, hash" },
	{ "output", "id, prompt, model, hash" },
	{ "rubric", "id, capability, version, hash" },
	{ "rating", "reviewer, output, capability, axis, rubric, score, changed" },
	{ "review", "reviewer, output, note, flag, flag_reason, active_seconds, skipped, changed" },
	{ "history", "id, at, reviewer, output, capability, axis, field, old, new, actor" },
	{ NULL, NULL },
};

/* One merge's problems, counted so a file with a million bad rows lists a
 * hundred and says how many more. */
struct problems {
	struct errlist	*errs;
	const char	*path;
	size_t		 n;
};

static void problem(struct problems *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
problem(struct problems *p, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (p->n++ >= MERGE_MAX_PROBLEMS)
		return;
	/* vasprintf, not sqlite3_vmprintf: a translation may number its
	 * arguments (%1$s), which SQLite's printf does not know. */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	err_add(p->errs, "%s: %s", p->path, msg);
	free(msg);
}

static int
problems_end(struct problems *p)
{
	if (p->n > MERGE_MAX_PROBLEMS)
		err_add(p->errs, P_("%s: and %zu more problem", "%s: and %zu more problems",
		    p->n - MERGE_MAX_PROBLEMS), p->path, p->n - MERGE_MAX_PROBLEMS);
	if (p->n > 0)
		err_add(p->errs, P_("%s: refused: %zu problem", "%s: refused: %zu problems",
		    p->n), p->path, p->n);
	return p->n > 0 ? STORE_INPUT : 0;
}

int
store_merge_past(void *arg)
{
	return time(NULL) > *(const time_t *)arg;
}

static int
open_source(const char *path, const time_t *deadline, sqlite3 **out, struct errlist *errs)
{
	char *uri = store_uri(path, "mode=ro");
	sqlite3 *db = NULL;
	int rc;

	rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc == SQLITE_OK) {
		sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
		sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
		sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
		sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, (int *)NULL);
		sqlite3_limit(db, SQLITE_LIMIT_LENGTH, MERGE_MAX_VALUE);
		sqlite3_progress_handler(db, 1000, store_merge_past, (void *)deadline);
		rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	}
	if (rc != SQLITE_OK) {
		err_add(errs, _("%s: cannot open it: %s"), path, db != NULL ? sqlite3_errmsg(db) :
		    _("out of memory"));
		sqlite3_close(db);
		return STORE_INPUT;
	}
	*out = db;
	return 0;
}

static int64_t
source_int(sqlite3 *db, const char *sql, const char *arg)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (arg != NULL)
			sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	return v;
}

static int
check_format(sqlite3 *db, const char *path, struct errlist *errs)
{
	int64_t v;

	if (source_int(db, "PRAGMA application_id", NULL) != 0x50414e4c) {
		err_add(errs, _("%s is not a panelist study database"), path);
		return STORE_INPUT;
	}
	if ((v = source_int(db, "PRAGMA user_version", NULL)) != STORE_SCHEMA_VERSION) {
		err_add(errs, _("%s has schema %lld, this database %d: open it with this panelist "
		    "once ('panelist --db %s init') to upgrade it first"), path, (long long)v,
		    STORE_SCHEMA_VERSION, path);
		return STORE_INPUT;
	}
	return 0;
}

/* A table, not a view, defined exactly as this database defines it: the
 * same CREATE TABLE text, so the same columns, keys and constraints. */
static bool
table_shape_ok(struct store *st, sqlite3 *db, const struct source_table *t,
    struct problems *p)
{
	sqlite3_stmt *theirs;
	char *ours;
	bool ok = false;

	if (source_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
	    "name = ?", t->name) != 1) {
		problem(p, _("'%s' is not a table (a view, or missing)"), t->name);
		return false;
	}
	/* A failure to read ours is in errs, and the table is not taken. */
	if (store_get_text(st, p->errs, &ours, "SELECT sql FROM main.sqlite_master WHERE "
	    "type = 'table' AND name = ?", "t", t->name) == 0 && ours != NULL && sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE "
	    "type = 'table' AND name = ?", -1, &theirs, NULL) == SQLITE_OK) {
		sqlite3_bind_text(theirs, 1, t->name, -1, SQLITE_STATIC);
		ok = sqlite3_step(theirs) == SQLITE_ROW &&
		    sqlite3_column_type(theirs, 0) == SQLITE_TEXT &&
		    strcmp((const char *)sqlite3_column_text(theirs, 0), ours) == 0;
		sqlite3_finalize(theirs);
	}
	free(ours);
	if (!ok)
		problem(p, _("table '%s' is not defined as this schema defines it"), t->name);
	return ok;
}

static int
make_copy(struct store *st, const struct source_table *t, struct errlist *errs)
{
	char *sql = sqlite3_mprintf("DROP TABLE IF EXISTS temp.ov_%s;"
	    "CREATE TEMP TABLE ov_%s(%s)", t->name, t->name, t->read);
	int rc = store_exec(st, sql, errs);

	sqlite3_free(sql);
	return rc;
}

/* Copy the table's rows, values as they are: the gate looks at them next. */
static int
copy_rows(struct store *st, sqlite3 *db, const struct source_table *t, struct problems *p)
{
	sqlite3_stmt *from = NULL, *to = NULL;
	sqlite3 *failed = db;	/* the connection whose message to show */
	char *sql, *marks;
	int rc, i, n;

	sql = sqlite3_mprintf("SELECT %s FROM main.\"%w\"", t->read, t->name);
	rc = sqlite3_prepare_v2(db, sql, -1, &from, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		problem(p, _("table '%s' cannot be read: %s"), t->name, sqlite3_errmsg(db));
		return STORE_INPUT;
	}
	n = sqlite3_column_count(from);
	marks = sqlite3_mprintf("?");
	for (i = 1; i < n; i++) {
		char *m = sqlite3_mprintf("%s, ?", marks);

		sqlite3_free(marks);
		marks = m;
	}
	sql = sqlite3_mprintf("INSERT INTO temp.ov_%s VALUES (%s)", t->name, marks);
	sqlite3_free(marks);
	if ((rc = sqlite3_prepare_v2(store_sqlite(st), sql, -1, &to, NULL)) != SQLITE_OK)
		failed = store_sqlite(st);
	sqlite3_free(sql);
	while (rc == SQLITE_OK && (rc = sqlite3_step(from)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			sqlite3_bind_value(to, i + 1, sqlite3_column_value(from, i));
		if ((rc = sqlite3_step(to)) == SQLITE_DONE)
			rc = SQLITE_OK;
		else
			failed = store_sqlite(st);
		sqlite3_reset(to);
	}
	if (rc != SQLITE_DONE)
		problem(p, _("table '%s' cannot be read: %s"), t->name,
		    rc == SQLITE_TOOBIG ? _("a value is larger than 1 MiB") :
		    rc == SQLITE_INTERRUPT ? _("reading it takes too long") :
		    sqlite3_errmsg(failed));
	sqlite3_finalize(from);
	sqlite3_finalize(to);
	return rc == SQLITE_DONE ? 0 : STORE_INPUT;
}

/* Every table of the other file into its TEMP copy, or the reasons not. */
static int
read_source(struct store *st, const char *path, const time_t *deadline, struct problems *p)
{
	const struct source_table *t;
	sqlite3 *db;
	int64_t rows;
	int rc;

	if ((rc = open_source(path, deadline, &db, p->errs)) != 0)
		return rc;
	if ((rc = check_format(db, path, p->errs)) != 0) {
		sqlite3_close(db);
		return rc;
	}
	for (t = source_tables; t->name != NULL; t++) {
		char *sql;

		if ((rc = make_copy(st, t, p->errs)) != 0)
			break;
		if (!table_shape_ok(st, db, t, p))
			continue;
		sql = sqlite3_mprintf("SELECT count(*) FROM main.\"%w\"", t->name);
		rows = source_int(db, sql, NULL);
		sqlite3_free(sql);
		if (rows < 0)
			problem(p, _("table '%s' has too many to count rows (at most %d)"),
			    t->name, MERGE_MAX_ROWS);
		else if (rows > MERGE_MAX_ROWS)
			problem(p, _("table '%s' has too many rows (at most %d)"), t->name,
			    MERGE_MAX_ROWS);
		else
			copy_rows(st, db, t, p);
	}
	sqlite3_close(db);
	return rc;
}

static int
check_same_study(struct store *st, const char *path, struct errlist *errs)
{
	int64_t same;
	int rc;

	if ((rc = store_get_int(st, errs, &same, "SELECT (SELECT value FROM ov_study WHERE"
	    " key = 'id') = (SELECT value FROM main.study WHERE key = 'id')", "")) != 0)
		return rc;
	if (!same) {
		err_add(errs, _("%s belongs to another study (its study id differs): refused"), path);
		return STORE_INPUT;
	}
	return 0;
}

/* Any value as SQL's || would show it. */
static const char *
text_of(sqlite3_stmt *s, int col)
{
	const char *t = (const char *)sqlite3_column_text(s, col);

	return t != NULL ? t : "";
}

/* Outputs (with their prompt version) and rubric versions the other
 * database's ratings use, each matched here by name, version and hash. */
static int
check_content(struct store *st, const char *path, struct errlist *errs)
{
	static const char sql[] =
	    "SELECT 0, om.name, op.name, op.version"
	    " FROM ov_output oo JOIN ov_prompt op ON op.id = oo.prompt"
	    " JOIN ov_model om ON om.id = oo.model"
	    " WHERE (oo.id IN (SELECT output FROM ov_rating)"
	    "  OR oo.id IN (SELECT output FROM ov_review))"
	    " AND NOT EXISTS (SELECT 1 FROM main.output o JOIN main.prompt p ON p.id = o.prompt"
	    "  JOIN main.model m ON m.id = o.model WHERE p.name = op.name"
	    "  AND p.version = op.version AND p.hash = op.hash AND m.name = om.name"
	    "  AND o.hash = oo.hash)"
	    " UNION ALL"
	    " SELECT 1, r.capability, r.version, NULL FROM ov_rubric r"
	    " WHERE r.id IN (SELECT rubric FROM ov_rating) AND NOT EXISTS (SELECT 1 FROM"
	    "  main.rubric m WHERE m.capability = r.capability AND m.version = r.version"
	    "  AND m.hash = r.hash)";
	struct stmt q;
	size_t bad = 0;
	int rc;

	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		if (sqlite3_column_int(q.s, 0) == 0)
			err_add(errs, _("%s: output of %s for %s v%s is not in this database "
			    "with the same content (import the same files here first)"), path,
			    text_of(q.s, 1), text_of(q.s, 2), text_of(q.s, 3));
		else
			err_add(errs, _("%s: rubric %s v%s is not in this database with the "
			    "same content (import the same files here first)"), path,
			    text_of(q.s, 1), text_of(q.s, 2));
		bad++;
	}
	if ((rc = stmt_done(&q)) != 0)
		return rc;
	return bad > 0 ? STORE_INPUT : 0;
}

/* A temporary map from the other database's rows to ours. */
static int
build_maps(struct store *st, struct errlist *errs)
{
	static const char sql[] =
	    "DROP TABLE IF EXISTS temp.merge_output;"
	    "DROP TABLE IF EXISTS temp.merge_rubric;"
	    "CREATE TEMP TABLE merge_output(other INTEGER PRIMARY KEY, main INTEGER);"
	    "CREATE TEMP TABLE merge_rubric(other INTEGER PRIMARY KEY, main INTEGER);"
	    "INSERT INTO merge_output SELECT oo.id, o.id FROM ov_output oo"
	    " JOIN ov_prompt op ON op.id = oo.prompt JOIN ov_model om ON om.id = oo.model"
	    " JOIN main.prompt p ON p.name = op.name AND p.version = op.version"
	    " JOIN main.model m ON m.name = om.name"
	    " JOIN main.output o ON o.prompt = p.id AND o.model = m.id;"
	    "INSERT INTO merge_rubric SELECT r.id, m.id FROM ov_rubric r"
	    " JOIN main.rubric m ON m.capability = r.capability AND m.version = r.version;";

	return store_exec(st, sql, errs);
}

/* ---- the gate, row by row ------------------------------------------------- */

static bool
is_text(sqlite3_stmt *s, int col)
{
	return sqlite3_column_type(s, col) == SQLITE_TEXT;
}

static const char *
text_or(sqlite3_stmt *s, int col, const char *dflt)
{
	return is_text(s, col) ? (const char *)sqlite3_column_text(s, col) : dflt;
}


/* A time column that passes the gate; `what` names it for the message. */
static void
check_time(struct problems *p, sqlite3_stmt *s, int col, time_t now, const char *where)
{
	const char *why;

	if (!is_text(s, col))
		problem(p, _("%s: the time is not text"), where);
	else if ((why = gate_time(text_or(s, col, ""), now)) != NULL)
		problem(p, _("%s: time '%s': %s"), where, text_or(s, col, ""), why);
}

static int
check_reviewers(struct store *st, struct problems *p, time_t now)
{
	const char *why;
	struct stmt q;
	char *where;

	stmt_open(&q, st, p->errs, "SELECT id, name, created, typeof(id) FROM ov_reviewer", "");
	while (stmt_row(&q)) {
		where = xasprintf(_("reviewer %lld"), (long long)sqlite3_column_int64(q.s, 0));
		if (!is_text(q.s, 1))
			problem(p, _("%s: the name is not text"), where);
		else if ((why = gate_name(text_or(q.s, 1, ""))) != NULL)
			problem(p, _("%s: name '%s': %s"), where, text_or(q.s, 1, ""), why);
		check_time(p, q.s, 2, now, where);
		free(where);
	}
	return stmt_done(&q);
}

/* Where a row of theirs is: its reviewer (name, row), its output (model,
 * prompt, version, row), whether the output is here; row_where() puts them
 * in words. */
#define ROW_WHERE \
	" vr.name, x.reviewer, om.name, op.name, op.version, x.output," \
	" mo.main IS NOT NULL" \
	" FROM %s x LEFT JOIN ov_reviewer vr ON vr.id = x.reviewer" \
	" LEFT JOIN ov_output oo ON oo.id = x.output LEFT JOIN ov_prompt op ON op.id = oo.prompt" \
	" LEFT JOIN ov_model om ON om.id = oo.model" \
	" LEFT JOIN temp.merge_output mo ON mo.other = x.output"

enum row_kind { ROW_RATING, ROW_REVIEW, ROW_HISTORY };

/* The reviewer's name, or which row of theirs is missing; NULL (shown
 * as "?") when neither is text. */
static char *
row_reviewer(sqlite3_stmt *s, int first)
{
	if (sqlite3_column_type(s, first) == SQLITE_NULL)
		return sqlite3_column_type(s, first + 1) == SQLITE_NULL ? NULL :
		    xasprintf(_("(no reviewer %s)"), text_of(s, first + 1));
	return is_text(s, first) ? xstrdup(text_or(s, first, "")) : NULL;
}

static char *
row_output(sqlite3_stmt *s, int first)
{
	int i;

	for (i = first + 2; i <= first + 4; i++) {
		if (sqlite3_column_type(s, i) == SQLITE_NULL)
			return sqlite3_column_type(s, first + 5) == SQLITE_NULL ? NULL :
			    xasprintf(_("(no output %s)"), text_of(s, first + 5));
	}
	/* TRANSLATORS: an output: model, prompt, prompt version. */
	return xasprintf(_("%s for %s v%s"), text_of(s, first + 2), text_of(s, first + 3),
	    text_of(s, first + 4));
}

static char *
row_where(sqlite3_stmt *s, int first, enum row_kind kind, const char *cap, const char *axis)
{
	char *who = row_reviewer(s, first), *what = row_output(s, first), *w;
	const char *v = who != NULL ? who : "?", *o = what != NULL ? what : "?";

	switch (kind) {
	case ROW_RATING:
		/* TRANSLATORS: reviewer, output, capability, axis. */
		w = xasprintf(_("rating by '%1$s' of %2$s, %3$s %4$s"), v, o, cap, axis);
		break;
	case ROW_REVIEW:
		w = xasprintf(_("review by '%s' of %s"), v, o);
		break;
	default:
		w = xasprintf(_("history by '%s' of %s"), v, o);
		break;
	}
	free(who);
	free(what);
	return w;
}

/* The statement of one row-by-row check over their table: NULL, the
 * problem listed, when it cannot be prepared. */
static sqlite3_stmt *
check_open(struct store *st, struct problems *p, const char *sql, const char *table,
    const char *what)
{
	char *q = sqlite3_mprintf(sql, table);
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(store_sqlite(st), q, -1, &s, NULL) != SQLITE_OK) {
		/* TRANSLATORS: %s is "ratings", "notes and flags" or "history". */
		problem(p, _("%s cannot be checked: %s"), _(what), sqlite3_errmsg(store_sqlite(st)));
		s = NULL;
	}
	sqlite3_free(q);
	return s;
}

/* Its end: a step that failed (rc, not SQLITE_DONE) is a problem too. */
static void
check_close(struct store *st, struct problems *p, sqlite3_stmt *s, int rc, const char *what)
{
	if (s != NULL && rc != SQLITE_DONE)
		problem(p, _("%s cannot be checked: %s"), _(what), rc == SQLITE_INTERRUPT ?
		    _("checking them takes too long") : sqlite3_errmsg(store_sqlite(st)));
	sqlite3_finalize(s);
}

static void
check_ratings(struct store *st, struct problems *p, time_t now)
{
	static const char sql[] = "SELECT x.capability, x.axis, x.score, x.changed, mr.main,"
	    " r.capability, r.scale_min, r.scale_max,"
	    " (SELECT count(*) FROM main.axis a WHERE a.rubric = mr.main AND a.axis = x.axis),"
	    " (SELECT count(*) FROM main.output o JOIN main.prompt_capability pc"
	    "  ON pc.prompt = o.prompt WHERE o.id = mo.main AND pc.capability = x.capability),"
	    " vr.name IS NOT NULL AND oo.id IS NOT NULL,"
	    ROW_WHERE " LEFT JOIN temp.merge_rubric mr ON mr.other = x.rubric"
	    " LEFT JOIN main.rubric r ON r.id = mr.main";
	sqlite3_stmt *s = check_open(st, p, sql, "ov_rating", N_("ratings"));
	int rc = SQLITE_DONE;
	const char *cap, *axis, *why;
	char *where;

	while (s != NULL && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		cap = text_or(s, 0, NULL);
		axis = text_or(s, 1, NULL);
		where = row_where(s, 11, ROW_RATING, cap != NULL ? cap : "?",
		    axis != NULL ? axis : "?");
		if (!sqlite3_column_int(s, 10))
			problem(p, _("%s: no such reviewer or output there"), where);
		else if (cap == NULL || axis == NULL)
			problem(p, _("%s: capability and axis are not text"), where);
		else if ((why = gate_capability(cap)) != NULL)
			problem(p, "%s: %s", where, why);
		else if (sqlite3_column_type(s, 4) == SQLITE_NULL)
			problem(p, _("%s: its rubric is not in this database"), where);
		else if (strcmp(cap, text_or(s, 5, "")) != 0)
			problem(p, _("%s: its rubric is for %s"), where, text_or(s, 5, "?"));
		else if (!sqlite3_column_int(s, 8))
			problem(p, _("%s: the %s rubric has no axis '%s'"), where, cap, axis);
		else if (sqlite3_column_int(s, 17) && !sqlite3_column_int(s, 9))
			problem(p, _("%s: the prompt is not rated for %s"), where, cap);
		if (sqlite3_column_type(s, 2) != SQLITE_NULL &&
		    sqlite3_column_type(s, 2) != SQLITE_INTEGER)
			problem(p, _("%s: score '%s' is not a whole number or N/A"), where,
			    sqlite3_column_text(s, 2));
		else if (sqlite3_column_type(s, 2) == SQLITE_INTEGER &&
		    sqlite3_column_type(s, 4) != SQLITE_NULL && (why = gate_score(
		    sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 6),
		    sqlite3_column_int64(s, 7))) != NULL)
			problem(p, "%s: %s", where, why);
		check_time(p, s, 3, now, where);
		free(where);
	}
	check_close(st, p, s, rc, N_("ratings"));
}

static void
check_reviews(struct store *st, struct problems *p, time_t now)
{
	static const char sql[] = "SELECT x.note, x.flag, x.flag_reason, x.active_seconds,"
	    " x.skipped, x.changed, vr.name IS NOT NULL AND oo.id IS NOT NULL," ROW_WHERE;
	sqlite3_stmt *s = check_open(st, p, sql, "ov_review", N_("notes and flags"));
	int rc = SQLITE_DONE;
	char *where;
	int t;

	while (s != NULL && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		where = row_where(s, 7, ROW_REVIEW, NULL, NULL);
		if (!sqlite3_column_int(s, 6))
			problem(p, _("%s: no such reviewer or output there"), where);
		if ((sqlite3_column_type(s, 0) != SQLITE_NULL && !is_text(s, 0)) ||
		    (sqlite3_column_type(s, 2) != SQLITE_NULL && !is_text(s, 2)))
			problem(p, _("%s: the note or flag reason is not text"), where);
		/* "" never passes: the rule's sentence, whatever the type was. */
		if (sqlite3_column_type(s, 1) != SQLITE_NULL && (!is_text(s, 1) ||
		    gate_flag(text_or(s, 1, "")) != NULL))
			problem(p, _("%s: unknown flag '%s' (%s)"), where, sqlite3_column_text(s, 1),
			    gate_flag(""));
		t = sqlite3_column_type(s, 3);
		if ((t != SQLITE_INTEGER && t != SQLITE_FLOAT) ||
		    gate_seconds(sqlite3_column_double(s, 3)) != NULL)
			problem(p, _("%s: %s seconds spent: %s"), where, sqlite3_column_text(s, 3),
			    gate_seconds(-1));
		if (sqlite3_column_type(s, 4) != SQLITE_INTEGER ||
		    (sqlite3_column_int64(s, 4) != 0 && sqlite3_column_int64(s, 4) != 1))
			problem(p, _("%s: 'skipped' is not 0 or 1"), where);
		check_time(p, s, 5, now, where);
		free(where);
	}
	check_close(st, p, s, rc, N_("notes and flags"));
}

static void
check_history(struct store *st, struct problems *p, time_t now)
{
	static const char sql[] = "SELECT x.at, x.field, x.actor, x.capability, x.axis, x.old,"
	    " x.new, vr.name IS NOT NULL AND oo.id IS NOT NULL," ROW_WHERE;
	sqlite3_stmt *s = check_open(st, p, sql, "ov_history", N_("history"));
	int rc = SQLITE_DONE;
	const char *field;
	char *where;
	int i;

	while (s != NULL && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		where = row_where(s, 8, ROW_HISTORY, NULL, NULL);
		field = text_or(s, 1, "");
		if (!sqlite3_column_int(s, 7))
			problem(p, _("%s: no such reviewer or output there"), where);
		if (strcmp(field, "score") != 0 && strcmp(field, "note") != 0 &&
		    strcmp(field, "flag") != 0)
			problem(p, _("%s: field '%s' is not score, note or flag"), where, field);
		if (sqlite3_column_type(s, 2) != SQLITE_NULL && (!is_text(s, 2) ||
		    gate_name(text_or(s, 2, "")) != NULL))
			problem(p, _("%s: actor '%s': %s"), where, sqlite3_column_text(s, 2),
			    gate_name(""));
		for (i = 3; i <= 6; i++) {
			if (sqlite3_column_type(s, i) != SQLITE_NULL && !is_text(s, i))
				problem(p, _("%s: a value is not text"), where);
		}
		check_time(p, s, 0, now, where);
		free(where);
	}
	check_close(st, p, s, rc, N_("history"));
}

/* Everyone under whose name this merge would add or change something: the
 * rows the same here write nothing, so a copy holding colleagues' ratings
 * unchanged needs no --as. */
static const char writers_sql[] =
    "SELECT vr.name FROM ov_rating g JOIN ov_reviewer vr ON vr.id = g.reviewer"
    " JOIN temp.merge_output mo ON mo.other = g.output"
    " WHERE NOT EXISTS (SELECT 1 FROM main.rating x JOIN main.reviewer v ON v.id = x.reviewer"
    "  WHERE v.name = vr.name AND x.output = mo.main AND x.capability = g.capability"
    "  AND x.axis = g.axis AND x.score IS g.score)"
    " UNION SELECT vr.name FROM ov_review w JOIN ov_reviewer vr ON vr.id = w.reviewer"
    " JOIN temp.merge_output mo ON mo.other = w.output"
    " WHERE NOT EXISTS (SELECT 1 FROM main.review x JOIN main.reviewer v ON v.id = x.reviewer"
    "  WHERE v.name = vr.name AND x.output = mo.main AND x.note IS w.note"
    "  AND x.flag IS w.flag AND x.flag_reason IS w.flag_reason"
    "  AND x.active_seconds >= w.active_seconds)"
    " UNION SELECT vr.name FROM ov_history h JOIN ov_reviewer vr ON vr.id = h.reviewer"
    " JOIN temp.merge_output mo ON mo.other = h.output"
    " WHERE NOT EXISTS (SELECT 1 FROM main.history x JOIN main.reviewer v ON v.id = x.reviewer"
    "  WHERE x.at = h.at AND v.name = vr.name AND x.output = mo.main AND x.field = h.field"
    "  AND x.capability IS h.capability AND x.axis IS h.axis"
    "  AND x.old IS h.old AND x.new IS h.new)";

static int
check_writers(struct store *st, struct problems *p)
{
	const char *why, *name;
	struct stmt q;

	stmt_open(&q, st, p->errs, writers_sql, "");
	while (stmt_row(&q)) {
		name = text_or(q.s, 0, "");
		if (gate_name(name) == NULL && (why = store_writer_refusal(st, name)) != NULL)
			problem(p, _("ratings under '%s': %s"), name, why);
	}
	return stmt_done(&q);
}

int
store_merge_check(struct store *st, const char *path, const time_t *deadline,
    struct errlist *errs)
{
	struct problems p = { errs, path, 0 };
	time_t now = time(NULL);
	int rc, content;

	if ((rc = read_source(st, path, deadline, &p)) != 0 || (rc = problems_end(&p)) != 0 ||
	    (rc = check_same_study(st, path, errs)) != 0)
		return rc;
	/* Content that differs is listed by check_content itself. */
	if ((content = check_content(st, path, errs)) == STORE_RUNTIME ||
	    (rc = build_maps(st, errs)) != 0)
		return STORE_RUNTIME;
	rc = check_reviewers(st, &p, now);
	check_ratings(st, &p, now);
	check_reviews(st, &p, now);
	check_history(st, &p, now);
	if (rc == 0)
		rc = check_writers(st, &p);
	if (store_merge_past((void *)deadline)) {
		err_add(errs, _("%s: checking it took longer than %d seconds"), path, MERGE_SECONDS);
		return STORE_INPUT;
	}
	if (rc != 0)
		return rc;
	return problems_end(&p) != 0 || content != 0 ? STORE_INPUT : 0;
}

void
store_merge_drop(struct store *st)
{
	const struct source_table *t;

	store_exec(st, "DROP TABLE IF EXISTS temp.merge_output;"
	    "DROP TABLE IF EXISTS temp.merge_rubric", NULL);
	for (t = source_tables; t->name != NULL; t++) {
		char *sql = sqlite3_mprintf("DROP TABLE IF EXISTS temp.ov_%s", t->name);

		sqlite3_exec(store_sqlite(st), sql, NULL, NULL, NULL);
		sqlite3_free(sql);
	}
}
