/* store/merge-copy.c: reading another copy of the study, which merge does
 * not trust: anyone may have edited it.
 *
 * The other database, an SQLite file or a PostgreSQL address, is opened on
 * a connection of its own that writes nothing (STORE_OPEN_READ), its
 * schema version checked, and read in one read transaction bounded in
 * time: by SQLite's progress handler, or by PostgreSQL's statement_timeout
 * and a look at the clock between rows.  An SQLite file also runs with its
 * schema untrusted, views and triggers disabled, in defensive mode, and
 * with a bound on the size of a value.  Each table merge reads must be a
 * table (a view never runs) with the columns this database's has, in
 * order; it is read by an explicit column list into a TEMP copy here
 * (ov_*), through the statements both engines share (to PostgreSQL in
 * batches, from it a page at a time: its results are read whole).  Each
 * value is checked in C against its column's type on the way (SQLite
 * keeps any value in any column), and the keys the schema makes unique
 * are unique in the copy too. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <time.h>

#include "gate.h"
#include "i18n.h"
#include "internal.h"
#include "merge.h"

/* Bounds on what another file may cost: a study of 20 reviewers, 2,000
 * outputs and 30 axes is 1.2 million ratings at most; a note is typed by
 * hand.  Time and memory are bounded for the whole merge (merge.c). */
#define MERGE_MAX_ROWS		2000000
#define MERGE_MAX_VALUE		(1 << 20)		/* bytes in one value */
#define MERGE_MAX_PROBLEMS	100		/* listed; the rest counted */
#define MAX_COLUMNS		10
#define SHOWN			64	/* bytes of a bad value shown */

/* The tables read from the other database: the columns copied, each one's
 * type ('i' a whole number, 't' text, 'r' a number), the keys no two rows
 * may share, and whether merge-check.c looks at each row (and tells a bad
 * value with the row's context) or a bad value is a problem at once. */
static const struct source_table {
	const char	*name;
	const char	*cols[MAX_COLUMNS + 1];
	const char	*kinds;
	const char	*unique;
	bool		 rows_checked;
} source_tables[] = {
	{ "study", { "key", "value" }, "tt", "UNIQUE (key)", false },
	{ "reviewer", { "id", "name", "created" }, "itt", "UNIQUE (id), UNIQUE (name)", true },
	{ "model", { "id", "name" }, "it", "UNIQUE (id), UNIQUE (name)", false },
	{ "prompt", { "id", "name", "version", "hash" }, "itit",
	    "UNIQUE (id), UNIQUE (name, version)", false },
	{ "output", { "id", "prompt", "model", "hash" }, "iiit",
	    "UNIQUE (id), UNIQUE (prompt, model)", false },
	{ "rubric", { "id", "capability", "version", "hash" }, "itit",
	    "UNIQUE (id), UNIQUE (capability, version)", false },
	{ "rating", { "reviewer", "output", "capability", "axis", "rubric", "score", "changed" },
	    "iittiit", "UNIQUE (reviewer, output, capability, axis)", true },
	{ "review", { "reviewer", "output", "note", "flag", "flag_reason", "active_seconds",
	    "skipped", "changed" }, "iitttrit", "UNIQUE (reviewer, output)", true },
	{ "history", { "id", "at", "reviewer", "output", "capability", "axis", "field", "old",
	    "new", "actor" }, "itiitttttt", "UNIQUE (id)", true },
};

/* The statements of one table, made once for the run: each engine keeps
 * its prepared statements by the address of their SQL, which must not
 * then name another text. */
struct table_sql {
	char	*insert;	/* a row into ov_<table> */
	char	*batch;		/* rows into it, a column an array (PostgreSQL) */
	char	*all;		/* every row, read a row at a time (SQLite) */
	char	*page;		/* MERGE_PAGE rows after a ctid (PostgreSQL) */
	char	*count;
};

static void
add_list(struct buf *b, const struct source_table *t)
{
	int i;

	for (i = 0; t->cols[i] != NULL; i++) {
		if (i > 0)
			buf_addstr(b, ", ");
		buf_addstr(b, t->cols[i]);
	}
}

static const char *
sql_type(char kind)
{
	return kind == 'i' ? "BIGINT" : kind == 'r' ? "DOUBLE PRECISION" : "TEXT";
}

static const struct table_sql *
sql_of(const struct source_table *t)
{
	static struct table_sql made[nitems(source_tables)];
	struct table_sql *s = &made[t - source_tables];
	struct buf b = { 0 };
	int i;

	if (s->insert != NULL)
		return s;
	buf_printf(&b, "INSERT INTO ov_%s VALUES (?", t->name);
	for (i = 0; t->cols[i] != NULL; i++)
		buf_printf(&b, ", CAST(? AS %s)", sql_type(t->kinds[i]));
	buf_addstr(&b, ", ?) ON CONFLICT DO NOTHING");
	s->insert = b.data;
	b = (struct buf){ 0 };
	buf_printf(&b, "INSERT INTO ov_%s SELECT u.n", t->name);
	for (i = 0; t->cols[i] != NULL; i++)
		buf_printf(&b, ", CAST(u.%s AS %s)", t->cols[i], sql_type(t->kinds[i]));
	buf_addstr(&b, ", u.bad FROM unnest(CAST(? AS BIGINT[])");
	for (i = 0; t->cols[i] != NULL; i++)
		buf_addstr(&b, ", CAST(? AS TEXT[])");
	buf_addstr(&b, ", CAST(? AS TEXT[])) AS u(n, ");
	add_list(&b, t);
	buf_addstr(&b, ", bad) ON CONFLICT DO NOTHING");
	s->batch = b.data;
	b = (struct buf){ 0 };
	buf_addstr(&b, "SELECT ");
	add_list(&b, t);
	buf_printf(&b, " FROM %s", t->name);
	s->all = b.data;
	/* ctid: where the row is, a key every PostgreSQL table has, which a
	 * range scan reads from (the table's own key may be gone). */
	b = (struct buf){ 0 };
	buf_addstr(&b, "SELECT ");
	add_list(&b, t);
	/* Named: an output column "ctid" would be what ORDER BY sorts, as text. */
	buf_printf(&b, ", CAST(ctid AS TEXT) AS row_at FROM %s WHERE ctid > CAST(? AS tid) "
	    "ORDER BY ctid LIMIT %d", t->name, MERGE_PAGE);
	s->page = b.data;
	s->count = xasprintf("SELECT count(*) FROM %s", t->name);
	return s;
}

/* ---- problems ------------------------------------------------------------- */

void
merge_problem(struct problems *p, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (p->n++ >= MERGE_MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	err_add(p->errs, "%s: %s", p->path, msg);
	free(msg);
}

int
merge_problems_end(struct problems *p)
{
	if (p->n > MERGE_MAX_PROBLEMS)
		err_add(p->errs, P_("%s: and %zu more problem", "%s: and %zu more problems",
		    p->n - MERGE_MAX_PROBLEMS), p->path, p->n - MERGE_MAX_PROBLEMS);
	if (p->n > 0)
		err_add(p->errs, P_("%s: refused: %zu problem", "%s: refused: %zu problems",
		    p->n), p->path, p->n);
	return p->n > 0 ? STORE_INPUT : 0;
}

/* Why reading the other database failed, in a few words: the engine's
 * message without the address it begins with. */
static const char *
read_failure(struct store *src, const struct errlist *why)
{
	sqlite3 *db = store_sqlite(src);
	const char *m = why->n > 0 ? why->msgs[why->n - 1] : "?";
	size_t n = strlen(src->path);

	if (db != NULL && sqlite3_errcode(db) == SQLITE_TOOBIG)
		return _("a value is larger than 1 MiB");
	if (db != NULL && sqlite3_errcode(db) == SQLITE_INTERRUPT)
		return _("reading it takes too long");
	if (strncmp(m, src->path, n) == 0 && strncmp(m + n, ": ", 2) == 0)
		m += n + 2;
	return m;
}

/* ---- opening it --------------------------------------------------------- */

int
store_merge_past(void *arg)
{
	return time(NULL) > *(const time_t *)arg;
}

int
merge_timeout(struct store *st, const time_t *deadline, struct errlist *errs)
{
	long long ms = ((long long)(*deadline - time(NULL)) + 1) * 1000;
	char sql[64];

	if (st->engine != &engine_postgres)
		return 0;
	snprintf(sql, sizeof sql, "SET LOCAL statement_timeout = %lld", ms > 1000 ? ms : 1000);
	return store_exec(st, sql, errs);
}

/* SQLite's own bounds on a file anyone may have edited. */
static void
harden(sqlite3 *db, const time_t *deadline)
{
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, (int *)NULL);
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, MERGE_MAX_VALUE);
	sqlite3_progress_handler(db, 1000, store_merge_past, (void *)deadline);
}

static int
check_format(struct store *src, const char *path, struct errlist *errs)
{
	int64_t v;
	int rc;

	if ((rc = src->engine->schema_version(src, &v, errs)) != 0)
		return rc;
	if (v == 0) {
		err_add(errs, _("%s is not a panelist study database"), path);
		return STORE_INPUT;
	}
	if (v != STORE_SCHEMA_VERSION) {
		err_add(errs, _("%s has schema %lld, this database %d: open it with this panelist "
		    "once ('panelist --db %s init') to upgrade it first"), path, (long long)v,
		    STORE_SCHEMA_VERSION, path);
		return STORE_INPUT;
	}
	return 0;
}

/* The other database, read-only, bounded, in one read transaction. */
static int
open_source(const char *path, const time_t *deadline, struct store **out,
    struct errlist *errs)
{
	struct store *src;
	int rc;

	*out = NULL;
	if ((rc = store_open(path, STORE_OPEN_READ, &src, errs)) != 0)
		return rc;
	if (store_sqlite(src) != NULL)
		harden(store_sqlite(src), deadline);
	if ((rc = check_format(src, path, errs)) != 0 ||
	    (rc = src->engine->begin_read(src, errs)) != 0 ||
	    (rc = merge_timeout(src, deadline, errs)) != 0) {
		store_close(src);
		return rc;
	}
	*out = src;
	return 0;
}

/* ---- its tables ----------------------------------------------------------- */

static const char sqlite_is_table[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?";
static const char pg_is_table[] =
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    " AND table_name = ? AND table_type = 'BASE TABLE'";
static const char sqlite_columns[] =
    "SELECT name FROM pragma_table_info(?) ORDER BY cid";
static const char pg_columns[] =
    "SELECT column_name FROM information_schema.columns WHERE table_schema = "
    "current_schema() AND table_name = ? ORDER BY ordinal_position";

/* A table's columns in order, as "a, b, c": 0 or the failure. */
static int
columns_of(struct store *st, const char *table, struct buf *b, struct errlist *errs)
{
	struct stmt q;

	stmt_open(&q, st, errs, st->engine == &engine_postgres ? pg_columns : sqlite_columns,
	    "t", table);
	while (stmt_row(&q)) {
		buf_addstr(b, b->len > 0 ? ", " : "");
		buf_addstr(b, stmt_text(&q, 0) != NULL ? stmt_text(&q, 0) : "");
	}
	return stmt_done(&q);
}

/* A table, not a view, with the columns this database's table has. */
static bool
table_shape_ok(struct store *st, struct store *src, const struct source_table *t,
    struct problems *p)
{
	struct errlist why = { 0 };
	struct buf ours = { 0 }, theirs = { 0 };
	int64_t tables = 0;
	bool ok;

	if (store_get_int(src, &why, &tables, src->engine == &engine_postgres ? pg_is_table :
	    sqlite_is_table, "t", t->name) != 0 || tables != 1) {
		merge_problem(p, _("'%s' is not a table (a view, or missing)"), t->name);
		err_clear(&why);
		return false;
	}
	/* A failure to read ours is in errs, and the table is not taken. */
	ok = columns_of(st, t->name, &ours, p->errs) == 0 &&
	    columns_of(src, t->name, &theirs, &why) == 0 && ours.len > 0 &&
	    theirs.len > 0 && strcmp(ours.data, theirs.data) == 0;
	if (!ok)
		merge_problem(p, _("table '%s' is not defined as this schema defines it"),
		    t->name);
	buf_free(&ours);
	buf_free(&theirs);
	err_clear(&why);
	return ok;
}

static const char *
temp_schema(struct store *st)
{
	return st->engine == &engine_postgres ? "pg_temp" : "temp";
}

static int
make_copy(struct store *st, const struct source_table *t, struct errlist *errs)
{
	struct buf b = { 0 };
	int i, rc;

	buf_printf(&b, "DROP TABLE IF EXISTS %s.ov_%s; CREATE TEMP TABLE ov_%s("
	    "n BIGINT PRIMARY KEY", temp_schema(st), t->name, t->name);
	for (i = 0; t->cols[i] != NULL; i++)
		buf_printf(&b, ", %s %s", t->cols[i], sql_type(t->kinds[i]));
	buf_printf(&b, ", bad TEXT, %s)", t->unique);
	rc = store_exec(st, b.data, errs);
	buf_free(&b);
	return rc;
}

void
merge_drop_copies(struct store *st)
{
	char sql[80];
	size_t i;

	for (i = 0; i < nitems(source_tables); i++) {
		snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s.ov_%s", temp_schema(st),
		    source_tables[i].name);
		store_exec(st, sql, NULL);
	}
}

/* ---- values, checked on the way ---------------------------------------- */

/* A whole number as either engine writes one. */
static bool
is_whole(const char *s)
{
	char *end;

	if (*s != '-' && !isdigit((unsigned char)*s))
		return false;
	errno = 0;
	(void)strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' && isdigit((unsigned char)end[-1]);
}

/* A finite number in decimal, as SQLite ("12.0", "1.0e+20") or
 * PostgreSQL ("12", "1e+20") writes one; never inf, nan or hex. */
static bool
is_number(const char *s)
{
	const char *p = s + (*s == '-');
	size_t digits = strspn(p, "0123456789");

	p += digits;
	if (*p == '.') {
		digits += strspn(p + 1, "0123456789");
		p += 1 + strspn(p + 1, "0123456789");
	}
	if (digits == 0)
		return false;
	if (*p == 'e' || *p == 'E') {
		p += 1 + (p[1] == '+' || p[1] == '-');
		if (!isdigit((unsigned char)*p))
			return false;
		p += strspn(p, "0123456789");
	}
	return *p == '\0';
}

/* Why a value is not of its column's type, in words, or NULL. */
static char *
bad_value(const char *col, char kind, const char *v)
{
	char shown[SHOWN + 1];

	if (kind == 't' || (kind == 'i' && is_whole(v)) || (kind == 'r' && is_number(v)))
		return NULL;
	snprintf(shown, sizeof shown, "%s", v);
	if (strcmp(col, "score") == 0)
		return xasprintf(_("score '%s' is not a whole number or N/A"), shown);
	if (strcmp(col, "active_seconds") == 0)
		return xasprintf(_("%s seconds spent: %s"), shown, gate_seconds(-1));
	if (strcmp(col, "skipped") == 0)
		return xstrdup(_("'skipped' is not 0 or 1"));
	/* TRANSLATORS: a column's name, then its value. */
	return xasprintf(_("%1$s '%2$s' is not a whole number"), col, shown);
}

/* Rows for a PostgreSQL copy, sent together: a statement a row waits for
 * the server each time (300,000 ratings took 43 s, against 5 s on
 * SQLite).  Each column is an array literal, its elements quoted. */
#define BATCH_ROWS	2000
#define BATCH_BYTES	(8 << 20)

struct batch {
	struct buf	 col[MAX_COLUMNS + 2];
	int		 ncols;		/* n, the table's columns, bad */
	size_t		 rows, bytes;
};

static void
batch_add(struct batch *b, const struct value *v)
{
	const char *c;
	char num[32];
	int i;

	for (i = 0; i < b->ncols; i++) {
		buf_addstr(&b->col[i], b->rows == 0 ? "{" : ",");
		if (v[i].type == 'i') {
			snprintf(num, sizeof num, "%lld", (long long)v[i].i);
			buf_addstr(&b->col[i], num);
			continue;
		}
		if (v[i].text == NULL) {
			buf_addstr(&b->col[i], "NULL");
			continue;
		}
		buf_addstr(&b->col[i], "\"");
		for (c = v[i].text; *c != '\0'; c++) {
			if (*c == '"' || *c == '\\')
				buf_add(&b->col[i], "\\", 1);
			buf_add(&b->col[i], c, 1);
		}
		buf_addstr(&b->col[i], "\"");
		b->bytes += (size_t)(c - v[i].text);
	}
	b->rows++;
}

/* The rows gathered, into the copy: 0 or STORE_RUNTIME. */
static int
batch_send(struct store *st, const struct source_table *t, struct batch *b,
    struct problems *p)
{
	struct value v[MAX_COLUMNS + 2];
	void *s;
	int i, rc;

	if (b->rows == 0)
		return 0;
	for (i = 0; i < b->ncols; i++) {
		buf_addstr(&b->col[i], "}");
		v[i] = (struct value){ .type = 't', .text = b->col[i].data };
	}
	if ((s = st->engine->prepare(st, sql_of(t)->batch, v, b->ncols, p->errs)) == NULL)
		rc = STORE_RUNTIME;
	else {
		rc = st->engine->step(st, s, p->errs, N_("writing"));
		st->engine->reset(s);
	}
	if (rc == 0 && (size_t)store_changes(st) < b->rows)
		merge_problem(p, _("table '%s' holds two rows with the same key"), t->name);
	for (i = 0; i < b->ncols; i++)
		b->col[i].len = 0;
	b->rows = b->bytes = 0;
	return rc == ENGINE_ROW ? 0 : rc;
}

/* One row into the copy here, at once (SQLite). */
static int
insert_row(struct store *st, const struct source_table *t, const struct value *v, int n,
    struct problems *p)
{
	void *s;
	int rc;

	if ((s = st->engine->prepare(st, sql_of(t)->insert, v, n, p->errs)) == NULL)
		return STORE_RUNTIME;
	rc = st->engine->step(st, s, p->errs, N_("writing"));
	st->engine->reset(s);
	if (rc == 0 && store_changes(st) == 0)
		merge_problem(p, _("table '%s' holds two rows with the same key"), t->name);
	return rc == ENGINE_ROW ? 0 : rc;
}

/* One row of theirs into the copy here, or into the batch b for it when
 * there is one: 0, STORE_INPUT (a value too large: the table is not read
 * further) or STORE_RUNTIME. */
static int
copy_row(struct store *st, const struct source_table *t, const struct stmt *q, int64_t n,
    struct batch *b, struct problems *p)
{
	struct value v[MAX_COLUMNS + 2];
	char *bad = NULL, *why;
	const char *text;
	int i, rc = 0;

	v[0] = (struct value){ .type = 'i', .i = n };
	for (i = 0; t->cols[i] != NULL; i++) {
		text = stmt_null(q, i) ? NULL : stmt_text(q, i);
		if (text != NULL && strlen(text) > MERGE_MAX_VALUE) {
			merge_problem(p, _("table '%s' cannot be read: %s"), t->name,
			    _("a value is larger than 1 MiB"));
			free(bad);
			return STORE_INPUT;
		}
		if (text != NULL && (why = bad_value(t->cols[i], t->kinds[i], text)) != NULL) {
			text = NULL;
			if (bad == NULL)
				bad = why;
			else
				free(why);
		}
		v[i + 1] = (struct value){ .type = 'z', .text = text };
	}
	v[i + 1] = (struct value){ .type = 'z', .text = bad };
	if (bad != NULL && !t->rows_checked)
		merge_problem(p, _("table '%s': %s"), t->name, bad);
	if (b == NULL)
		rc = insert_row(st, t, v, i + 2, p);
	else {
		batch_add(b, v);
		if (b->rows == BATCH_ROWS || b->bytes >= BATCH_BYTES)
			rc = batch_send(st, t, b, p);
	}
	free(bad);
	return rc;
}

/* The table's rows, values checked on the way: a row at a time from an
 * SQLite file, a page at a time in the order of their ctid from
 * PostgreSQL. */
static int
copy_rows(struct store *st, struct store *src, const struct source_table *t,
    const time_t *deadline, struct problems *p)
{
	bool paged = src->engine == &engine_postgres;
	struct batch batch = { 0 }, *b = NULL;
	struct errlist why = { 0 };
	char *after = xstrdup("(0,0)");
	int64_t n = 0, got;
	struct stmt q;
	int rc = 0, read, i;
	int ncols;

	for (ncols = 0; t->cols[ncols] != NULL; ncols++)
		;
	if (st->engine == &engine_postgres) {
		batch.ncols = ncols + 2;
		b = &batch;
	}
	do {
		got = 0;
		if (paged)
			stmt_open(&q, src, &why, sql_of(t)->page, "t", after);
		else
			stmt_open(&q, src, &why, sql_of(t)->all, "");
		while (rc == 0 && stmt_row(&q)) {
			got++;
			rc = copy_row(st, t, &q, ++n, b, p);
			if (paged) {
				free(after);
				after = xstrdup(stmt_text(&q, ncols));
			}
			if (rc == 0 && n % 1000 == 0 && store_merge_past((void *)deadline)) {
				merge_problem(p, _("table '%s' cannot be read: %s"), t->name,
				    _("reading it takes too long"));
				rc = STORE_INPUT;
			}
		}
		if ((read = stmt_done(&q)) != 0) {
			merge_problem(p, _("table '%s' cannot be read: %s"), t->name,
			    read_failure(src, &why));
			rc = STORE_INPUT;
		}
	} while (paged && rc == 0 && got == MERGE_PAGE);
	if (rc == 0 && b != NULL)
		rc = batch_send(st, t, b, p);
	for (i = 0; i < batch.ncols; i++)
		buf_free(&batch.col[i]);
	err_clear(&why);
	free(after);
	return rc;
}

static void
copy_table(struct store *st, struct store *src, const struct source_table *t,
    const time_t *deadline, struct problems *p, int *rc)
{
	struct errlist why = { 0 };
	int64_t rows = 0;

	if ((*rc = make_copy(st, t, p->errs)) != 0 || !table_shape_ok(st, src, t, p))
		return;
	if (store_get_int(src, &why, &rows, sql_of(t)->count, "") != 0)
		merge_problem(p, _("table '%s' has too many to count rows (at most %d)"),
		    t->name, MERGE_MAX_ROWS);
	else if (rows > MERGE_MAX_ROWS)
		merge_problem(p, _("table '%s' has too many rows (at most %d)"), t->name,
		    MERGE_MAX_ROWS);
	else if (copy_rows(st, src, t, deadline, p) == STORE_RUNTIME)
		*rc = STORE_RUNTIME;
	err_clear(&why);
}

int
merge_copy(struct store *st, const char *path, const time_t *deadline, struct problems *p)
{
	struct store *src;
	size_t i;
	int rc;

	if ((rc = open_source(path, deadline, &src, p->errs)) != 0)
		return rc;
	for (i = 0; i < nitems(source_tables) && rc == 0; i++)
		copy_table(st, src, &source_tables[i], deadline, p, &rc);
	store_rollback(src);
	store_close(src);
	return rc;
}
