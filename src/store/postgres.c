/* store/postgres.c: the PostgreSQL engine, a study on a server (engine.h).
 *
 * Through libpq: the address is any connection string libpq takes, and the
 * password comes only from libpq's own places (~/.pgpass, PGPASSWORD, a
 * service file), never from the address, which is shown in messages and
 * seen by anyone who lists processes.  Statements are prepared once per
 * connection, their values sent as text with their types, their rows read
 * whole, so that statements may nest as they do on SQLite.  Writers take
 * the study's one lock in turn, as SQLite's BEGIN IMMEDIATE does, so that
 * every check-then-write the shared queries make holds on a server too.
 * A connection the server dropped is made again before the next
 * transaction; what was under way is reported, never silently lost. */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"

#define STMT_CACHE	64
#define MAX_PARAMS	32

/* The key of the advisory lock a writer holds: 'PANL'. */
#define WRITE_LOCK	"1346458188"
/* How long a writer waits for another's transaction (SQLite's store waits
 * as long for its file lock). */
#define LOCK_TIMEOUT	"30s"

/* Type oids of the values bound (pg_type.h's, stable across releases). */
#define OID_INT8	20
#define OID_TEXT	25
#define OID_FLOAT8	701

struct pg_stmt {
	struct pg_state	*pc;
	const char	*sql;		/* a string literal: its address is the key */
	char		 types[MAX_PARAMS + 1];	/* the letters it was prepared for */
	char		 name[24];	/* its server-side name, "" until prepared */
	int		 n;
	char		*values[MAX_PARAMS];
	char		*owned[MAX_PARAMS];	/* copies of the texts bound */
	char		 ints[MAX_PARAMS][32];	/* numbers written out */
	PGresult	*res;
	int		 row, rows;	/* the current row, -1 before the first */
};

struct pg_state {
	PGconn		*pg;
	int64_t		 changes;
	int64_t		 version;	/* data_version: a counter, see there */
	unsigned	 generation;	/* names of prepared statements */
	unsigned	 next_name;
	struct pg_stmt	*cache[STMT_CACHE];
	char		 why[512];	/* the last failure's words */
	char		 sqlstate[6];
	int		 last_rc;	/* the store code of the last failure said */
	bool		 lost;		/* the connection broke */
};

static struct pg_state *
conn(struct store *st)
{
	return st->conn;
}

bool
engine_postgres_address(const char *s)
{
	size_t n;

	if (strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0)
		return true;
	/* "keyword=value ...": a connection string; a file of such a name is
	 * named as ./keyword=value. */
	for (n = 0; isalnum((unsigned char)s[n]) || s[n] == '_'; n++)
		;
	return n > 0 && s[n] == '=';
}

/* ---- failures ------------------------------------------------------------ */

static void
keep_failure(struct pg_state *pc, const PGresult *res)
{
	const char *msg = res != NULL ? PQresultErrorMessage(res) : "";
	const char *code = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	size_t n;

	if (msg == NULL || *msg == '\0')
		msg = PQerrorMessage(pc->pg);
	/* libpq's words end in a newline and may begin with "ERROR:  ". */
	if (strncmp(msg, "ERROR:  ", 8) == 0)
		msg += 8;
	snprintf(pc->why, sizeof pc->why, "%s", msg);
	n = strlen(pc->why);
	while (n > 0 && (pc->why[n - 1] == '\n' || pc->why[n - 1] == ' '))
		pc->why[--n] = '\0';
	if ((n = strcspn(pc->why, "\n")) < strlen(pc->why))
		pc->why[n] = '\0';	/* the first line; DETAIL and the rest follow */
	snprintf(pc->sqlstate, sizeof pc->sqlstate, "%s", code != NULL ? code : "");
	pc->lost = PQstatus(pc->pg) != CONNECTION_OK;
}

static int fail_code(struct store *, struct errlist *, const char *);
static bool refused_by_the_study(const char *);

static int
pg_fail(struct store *st, struct errlist *errs, const char *what)
{
	struct pg_state *pc = conn(st);

	/* After a failure inside a transaction every statement fails with
	 * 25P02 until the rollback: the first failure was said, and is what
	 * counts. */
	if (strcmp(pc->sqlstate, "25P02") == 0)
		return pc->last_rc != 0 ? pc->last_rc : STORE_RUNTIME;
	pc->last_rc = fail_code(st, errs, _(what));
	return pc->last_rc;
}

static int
fail_code(struct store *st, struct errlist *errs, const char *what)
{
	struct pg_state *pc = conn(st);

	if (pc->lost) {
		err_add(errs, _("%s: %s: the server cannot be reached (%s); nothing of this "
		    "change was saved"), st->path, what, pc->why);
		return STORE_RUNTIME;
	}
	if (strcmp(pc->sqlstate, "55P03") == 0 || strcmp(pc->sqlstate, "40P01") == 0) {
		err_add(errs, _("%s: %s: the database stayed locked by another process for %d s"),
		    st->path, what, 30);
		return STORE_RUNTIME;
	}
	if (strncmp(pc->sqlstate, "42501", 5) == 0) {
		err_add(errs, _("%s: %s: this login may not do that (%s)"), st->path, what,
		    pc->why);
		return STORE_INPUT;
	}
	err_add(errs, "%s: %s: %s", st->path, what, pc->why);
	return refused_by_the_study(pc->sqlstate) ? STORE_INPUT : STORE_RUNTIME;
}

/* What was given contradicts the study, as SQLite's SQLITE_CONSTRAINT
 * says: a constraint (class 23) or a trigger's refusal (P0, RAISE, as
 * the append-only tables' triggers do); asking again gives the same
 * answer.  Anything else (the connection, a lock, the disk) may pass. */
static bool
refused_by_the_study(const char *sqlstate)
{
	return strncmp(sqlstate, "23", 2) == 0 || strncmp(sqlstate, "P0", 2) == 0;
}

/* ---- the connection -------------------------------------------------------- */

static int
session_setup(struct pg_state *pc)
{
	PGresult *res;
	int ok;

	res = PQexec(pc->pg, "SET client_min_messages = warning;"
	    "SET lock_timeout = '" LOCK_TIMEOUT "';"
	    "SET extra_float_digits = 1;"
	    "SET DateStyle = 'ISO'");
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		keep_failure(pc, res);
	PQclear(res);
	return ok && PQsetClientEncoding(pc->pg, "UTF8") == 0 ? 0 : -1;
}

/* After the server dropped the connection: a new one, on which nothing is
 * prepared yet.  Only between transactions, where nothing is lost. */
static bool
reconnect(struct pg_state *pc)
{
	size_t i;

	if (PQstatus(pc->pg) == CONNECTION_OK)
		return true;
	PQreset(pc->pg);
	if (PQstatus(pc->pg) != CONNECTION_OK) {
		keep_failure(pc, NULL);
		return false;
	}
	pc->generation++;
	for (i = 0; i < STMT_CACHE && pc->cache[i] != NULL; i++)
		pc->cache[i]->name[0] = '\0';
	pc->lost = false;
	return session_setup(pc) == 0;
}

/* Whether S, which libpq could not parse, may hold a password: a URI's
 * user:password@, or a password keyword or parameter. */
static bool
may_hold_password(const char *s)
{
	const char *at, *end;

	if (strstr(s, "password") != NULL)
		return true;
	if ((at = strstr(s, "://")) == NULL)
		return false;
	at += 3;
	end = at + strcspn(at, "/?");
	for (; at < end && *at != '@'; at++)
		if (*at == ':' && memchr(at, '@', (size_t)(end - at)) != NULL)
			return true;
	return false;
}

/* The address may not hold a password: it is shown in every message. */
static int
check_address(struct store *st, struct errlist *errs)
{
	PQconninfoOption *opts, *o;
	char *why = NULL;
	int rc = 0;

	if ((opts = PQconninfoParse(st->path, &why)) == NULL) {
		if (why != NULL)	/* libpq's words end in a newline */
			why[strcspn(why, "\n")] = '\0';
		err_add(errs, _("%s: not a PostgreSQL address: %s"),
		    may_hold_password(st->path) ? "--db" : st->path,
		    why != NULL ? why : _("out of memory"));
		PQfreemem(why);
		return STORE_INPUT;
	}
	for (o = opts; o->keyword != NULL; o++) {
		if (strcmp(o->keyword, "password") == 0 && o->val != NULL && *o->val != '\0') {
			err_add(errs, _("%s: the address holds a password; give it through "
			    "~/.pgpass, PGPASSWORD or a service file instead, where no "
			    "message or process list shows it"), "--db");
			rc = STORE_INPUT;
		}
	}
	PQconninfoFree(opts);
	return rc;
}

static int
pg_schema_version(struct store *, int64_t *, struct errlist *);
static int
pg_exec(struct store *, const char *, struct errlist *);

static int
pg_open(struct store *st, enum store_mode mode, struct errlist *errs)
{
	struct pg_state *pc;
	int64_t have;
	int rc;

	if ((rc = check_address(st, errs)) != 0)
		return rc;
	st->conn = pc = xcalloc(1, sizeof *pc);
	pc->pg = PQconnectdb(st->path);
	if (PQstatus(pc->pg) != CONNECTION_OK) {
		keep_failure(pc, NULL);
		err_add(errs, _("%s: cannot connect: %s"), st->path, pc->why);
		return STORE_RUNTIME;
	}
	if (session_setup(pc) != 0)
		return pg_fail(st, errs, N_("opening"));
	/* Read only: the server refuses any write on this connection. */
	if (mode == STORE_OPEN_READ) {
		st->readonly = true;
		if (pg_exec(st, "SET default_transaction_read_only = on", errs) != 0)
			return STORE_RUNTIME;
	}
	if ((rc = pg_schema_version(st, &have, errs)) != 0)
		return rc;
	if (have == 0 && mode != STORE_OPEN_CREATE) {
		err_add(errs, _("no study database at %s (create one with "
		    "'panelist init', or name another with --db)"), st->path);
		return STORE_INPUT;
	}
	st->created = have == 0;
	return 0;
}

static void
stmt_clear(struct pg_stmt *q)
{
	int i;

	for (i = 0; i < MAX_PARAMS; i++) {
		free(q->owned[i]);
		q->owned[i] = NULL;
	}
	PQclear(q->res);
	q->res = NULL;
	q->row = -1;
	q->rows = 0;
}

static void
pg_close(struct store *st)
{
	struct pg_state *pc = conn(st);
	size_t i;

	if (pc == NULL)
		return;
	for (i = 0; i < STMT_CACHE && pc->cache[i] != NULL; i++) {
		stmt_clear(pc->cache[i]);
		free(pc->cache[i]);
	}
	PQfinish(pc->pg);
	free(pc);
	st->conn = NULL;
}

/* ---- statements ------------------------------------------------------------ */

/* SQLite's ? and ?NNN placeholders as PostgreSQL's $1, $2...: outside quotes. */
static char *
numbered(const char *sql)
{
	struct buf b = { 0 };
	char quote = 0;
	int n = 0;

	for (; *sql != '\0'; sql++) {
		if (quote != 0) {
			if (*sql == quote)
				quote = 0;
		} else if (*sql == '\'' || *sql == '"') {
			quote = *sql;
		} else if (*sql == '?' && isdigit((unsigned char)sql[1])) {
			buf_add(&b, "$", 1);	/* ?NNN: the same number */
			continue;
		} else if (*sql == '?') {
			buf_printf(&b, "$%d", ++n);
			continue;
		}
		buf_add(&b, sql, 1);
	}
	buf_add(&b, "", 1);
	return b.data;
}

static unsigned
oid_of(char type)
{
	switch (type) {
	case 't':
	case 'z':
		return OID_TEXT;
	case 'i':
		return OID_INT8;
	case 'd':
		return OID_FLOAT8;
	default:
		return 0;	/* a NULL: the server infers its type */
	}
}

static bool
prepare_on_server(struct pg_state *pc, struct pg_stmt *q)
{
	Oid oids[MAX_PARAMS];
	PGresult *res;
	char *text;
	bool ok;
	int i;

	for (i = 0; i < q->n; i++)
		oids[i] = oid_of(q->types[i]);
	snprintf(q->name, sizeof q->name, "panelist_%u_%u", pc->generation, pc->next_name++);
	text = numbered(q->sql);
	res = PQprepare(pc->pg, q->name, text, q->n, oids);
	free(text);
	if (!(ok = PQresultStatus(res) == PGRES_COMMAND_OK)) {
		keep_failure(pc, res);
		q->name[0] = '\0';
	}
	PQclear(res);
	return ok;
}

static void
forget(struct pg_state *pc, struct pg_stmt *q)
{
	char sql[64];
	PGresult *res;

	if (q->name[0] != '\0' && PQstatus(pc->pg) == CONNECTION_OK &&
	    PQtransactionStatus(pc->pg) != PQTRANS_INERROR) {
		snprintf(sql, sizeof sql, "DEALLOCATE %s", q->name);
		res = PQexec(pc->pg, sql);
		PQclear(res);
	}
	q->name[0] = '\0';
}

/* The statement for sql, prepared for these type letters. */
static struct pg_stmt *
cached(struct pg_state *pc, const char *sql, const struct value *v, int n)
{
	struct pg_stmt *q = NULL;
	size_t i;
	int k;

	for (i = 0; i < STMT_CACHE && pc->cache[i] != NULL; i++) {
		if (pc->cache[i]->sql == sql) {
			q = pc->cache[i];
			break;
		}
	}
	if (q == NULL) {
		if (i == STMT_CACHE) {	/* full: drop the oldest */
			forget(pc, pc->cache[0]);
			stmt_clear(pc->cache[0]);
			free(pc->cache[0]);
			memmove(pc->cache, pc->cache + 1, sizeof pc->cache[0] * (STMT_CACHE - 1));
			i = STMT_CACHE - 1;
		}
		pc->cache[i] = q = xcalloc(1, sizeof *q);
		q->pc = pc;
		q->sql = sql;
		q->row = -1;
	}
	stmt_clear(q);
	/* The same query bound with other letters is prepared again. */
	for (k = 0; k < n && q->name[0] != '\0'; k++)
		if (v[k].type != q->types[k])
			forget(pc, q);
	if (n != q->n)
		forget(pc, q);
	q->n = n;
	for (k = 0; k < n; k++)
		q->types[k] = v[k].type;
	q->types[n] = '\0';
	return q;
}

static void *
pg_prepare(struct store *st, const char *sql, const struct value *v, int n,
    struct errlist *errs)
{
	struct pg_state *pc = conn(st);
	struct pg_stmt *q;
	int i;

	if (n > MAX_PARAMS) {
		if (errs != NULL)
			err_add(errs, _("%s: binding the values of a query: %s"), st->path,
			    _("not one value for each parameter"));
		return NULL;
	}
	if (!st->engine->in_transaction(st) && !reconnect(pc)) {
		if (errs != NULL)
			pg_fail(st, errs, N_("preparing a query"));
		return NULL;
	}
	q = cached(pc, sql, v, n);
	if (q->name[0] == '\0' && !prepare_on_server(pc, q)) {
		if (errs != NULL)
			pg_fail(st, errs, N_("preparing a query"));
		return NULL;
	}
	for (i = 0; i < n; i++) {
		switch (v[i].type) {
		case 't':
		case 'z':
			/* Bound now, sent at the first step, as SQLite's copy. */
			q->values[i] = v[i].text == NULL ? NULL : (q->owned[i] = xstrdup(v[i].text));
			break;
		case 'i':
			snprintf(q->ints[i], sizeof q->ints[i], "%" PRId64, v[i].i);
			q->values[i] = q->ints[i];
			break;
		case 'd':
			snprintf(q->ints[i], sizeof q->ints[i], "%.17g", v[i].d);
			q->values[i] = q->ints[i];
			break;
		default:
			q->values[i] = NULL;
			break;
		}
	}
	return q;
}

/* Run it, at its first step. */
static bool
run(struct pg_state *pc, struct pg_stmt *q)
{
	ExecStatusType s;
	const char *n;

	q->res = PQexecPrepared(pc->pg, q->name, q->n, (const char *const *)q->values, NULL,
	    NULL, 0);
	s = PQresultStatus(q->res);
	if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
		keep_failure(pc, q->res);
		stmt_clear(q);
		return false;
	}
	n = PQcmdTuples(q->res);
	pc->changes = *n != '\0' ? strtoll(n, NULL, 10) : 0;
	q->rows = s == PGRES_TUPLES_OK ? PQntuples(q->res) : 0;
	return true;
}

static int
pg_step(struct store *st, void *s, struct errlist *errs, const char *what)
{
	struct pg_stmt *q = s;

	if (q->res == NULL && !run(q->pc, q))
		return errs != NULL ? pg_fail(st, errs, what) : STORE_RUNTIME;
	if (++q->row < q->rows)
		return ENGINE_ROW;
	return 0;
}

static void
pg_reset(void *s)
{
	stmt_clear(s);
}

static bool
pg_is_null(void *s, int col)
{
	struct pg_stmt *q = s;

	return PQgetisnull(q->res, q->row, col);
}

static int64_t
pg_col_int(void *s, int col)
{
	struct pg_stmt *q = s;
	const char *v = PQgetvalue(q->res, q->row, col);

	/* A comparison is a boolean on PostgreSQL, an integer on SQLite. */
	if (v[0] == 't' || v[0] == 'f')
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static double
pg_col_double(void *s, int col)
{
	struct pg_stmt *q = s;

	return strtod(PQgetvalue(q->res, q->row, col), NULL);
}

static const char *
pg_col_text(void *s, int col)
{
	struct pg_stmt *q = s;

	return pg_is_null(s, col) ? NULL : PQgetvalue(q->res, q->row, col);
}

static double
pg_col_nan(void *s, int col)
{
	return pg_is_null(s, col) ? NAN : pg_col_double(s, col);
}

/* ---- transactions ------------------------------------------------------- */

static int
pg_exec(struct store *st, const char *sql, struct errlist *errs)
{
	struct pg_state *pc = conn(st);
	ExecStatusType s;
	PGresult *res;

	if (!st->engine->in_transaction(st) && !reconnect(pc))
		return errs != NULL ? pg_fail(st, errs, N_("updating the database")) : STORE_RUNTIME;
	res = PQexec(pc->pg, sql);
	s = PQresultStatus(res);
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
		PQclear(res);
		return 0;
	}
	keep_failure(pc, res);
	PQclear(res);
	return errs != NULL ? pg_fail(st, errs, N_("updating the database")) : STORE_RUNTIME;
}

static int
pg_begin(struct store *st, struct errlist *errs)
{
	if (pg_exec(st, "BEGIN ISOLATION LEVEL READ COMMITTED;"
	    "SELECT pg_advisory_xact_lock(" WRITE_LOCK ")", NULL) == 0)
		return 0;
	st->engine->rollback(st);
	return pg_fail(st, errs, N_("starting a transaction"));
}

static int
pg_begin_read(struct store *st, struct errlist *errs)
{
	if (pg_exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", NULL) == 0)
		return 0;
	return errs != NULL ? pg_fail(st, errs, N_("starting to read")) : STORE_RUNTIME;
}

static bool
pg_in_transaction(struct store *st)
{
	PGTransactionStatusType t = PQtransactionStatus(conn(st)->pg);

	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static int
pg_commit(struct store *st, struct errlist *errs)
{
	if (pg_exec(st, "COMMIT", NULL) == 0)
		return 0;
	return pg_fail(st, errs, N_("committing"));
}

static void
pg_rollback(struct store *st)
{
	PGresult *res;

	if (pg_in_transaction(st)) {
		res = PQexec(conn(st)->pg, "ROLLBACK");
		PQclear(res);
	}
}

static int64_t
pg_changes(struct store *st)
{
	return conn(st)->changes;
}

/* PostgreSQL does not tell a connection whether others committed: a new
 * number at every call, so that whatever it guards is read again. */
static int64_t
pg_data_version(struct store *st)
{
	return ++conn(st)->version;
}

static int
pg_scan(struct store *st, bool start, struct errlist *errs)
{
	(void)st;
	(void)start;
	(void)errs;
	return 0;
}

/* ---- the schema version ------------------------------------------------- */

static int
pg_schema_version(struct store *st, int64_t *have, struct errlist *errs)
{
	int64_t known, tables;
	int rc;

	*have = 0;
	if ((rc = store_get_int(st, errs, &known, "SELECT to_regclass('panelist_schema') "
	    "IS NOT NULL", "")) != 0)
		return rc;
	if (known)
		return store_get_int(st, errs, have, "SELECT version FROM panelist_schema", "");
	if ((rc = store_get_int(st, errs, &tables, "SELECT count(*) FROM "
	    "information_schema.tables WHERE table_schema = current_schema()", "")) != 0)
		return rc;
	if (tables > 0) {
		err_add(errs, _("%s is a PostgreSQL database but not a panelist study "
		    "(it holds other tables)"), st->path);
		return STORE_INPUT;
	}
	return 0;
}

static int
pg_set_schema_version(struct store *st, int version, struct errlist *errs)
{
	return store_run(st, errs, "UPDATE panelist_schema SET version = ?", "i",
	    (int64_t)version);
}

const struct engine engine_postgres = {
	.name = "PostgreSQL",
	.open = pg_open,
	.close = pg_close,
	.prepare = pg_prepare,
	.step = pg_step,
	.reset = pg_reset,
	.is_null = pg_is_null,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.col_nan = pg_col_nan,
	.exec = pg_exec,
	.begin = pg_begin,
	.begin_read = pg_begin_read,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.in_transaction = pg_in_transaction,
	.changes = pg_changes,
	.data_version = pg_data_version,
	.fail = pg_fail,
	.scan = pg_scan,
	.schema_version = pg_schema_version,
	.set_schema_version = pg_set_schema_version,
};
