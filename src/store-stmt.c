/* store-stmt.c: statements that keep their first error.
 *
 * Preparing, binding and stepping each can fail; a statement here keeps
 * the first failure, reports it once, and makes every later call on it do
 * nothing, so that a caller checks one return value at the end instead of
 * three along the way (and cannot forget the one in the middle).  The
 * prepare, bind, step, reset block that writes a row is store_run. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include "i18n.h"
#include "store-internal.h"

static int
bind_fail(struct stmt *q, int code, const char *why)
{
	if (q->errs != NULL)
		err_add(q->errs, _("%s: binding the values of a query: %s"), q->st->path,
		    why != NULL ? why : sqlite3_errstr(code));
	sqlite3_reset(q->s);
	return q->rc = STORE_RUNTIME;
}

/* Bind by position; a type letter unknown or a count that does not match
 * the statement's parameters is a mistake in the caller, reported too. */
static int
bind_va(struct stmt *q, const char *types, va_list ap)
{
	const char *v;
	int i, rc = SQLITE_OK;

	for (i = 1; *types != '\0' && rc == SQLITE_OK; types++, i++) {
		switch (*types) {
		case 't':
			rc = sqlite3_bind_text(q->s, i, va_arg(ap, const char *), -1,
			    SQLITE_TRANSIENT);
			break;
		case 'z':
			v = va_arg(ap, const char *);
			rc = v == NULL ? sqlite3_bind_null(q->s, i) :
			    sqlite3_bind_text(q->s, i, v, -1, SQLITE_TRANSIENT);
			break;
		case 'i':
			rc = sqlite3_bind_int64(q->s, i, va_arg(ap, int64_t));
			break;
		case 'd':
			rc = sqlite3_bind_double(q->s, i, va_arg(ap, double));
			break;
		case 'n':
			rc = sqlite3_bind_null(q->s, i);
			break;
		default:
			return bind_fail(q, SQLITE_MISUSE, _("an unknown type letter"));
		}
	}
	if (rc != SQLITE_OK)
		return bind_fail(q, rc, NULL);
	if (i - 1 != sqlite3_bind_parameter_count(q->s))
		return bind_fail(q, SQLITE_RANGE, _("not one value for each parameter"));
	return 0;
}

static void
open_va(struct stmt *q, struct store *st, struct errlist *errs, const char *sql,
    const char *types, va_list ap)
{
	q->st = st;
	q->errs = errs;
	q->rc = 0;
	if ((q->s = store_stmt(st, sql, errs)) == NULL) {
		q->rc = STORE_RUNTIME;	/* store_stmt said why */
		return;
	}
	bind_va(q, types, ap);
}

void
stmt_open(struct stmt *q, struct store *st, struct errlist *errs, const char *sql,
    const char *types, ...)
{
	va_list ap;

	va_start(ap, types);
	open_va(q, st, errs, sql, types, ap);
	va_end(ap);
}

bool
stmt_row(struct stmt *q)
{
	int rc;

	if (q->rc != 0 || q->s == NULL)
		return false;
	if ((rc = sqlite3_step(q->s)) == SQLITE_ROW)
		return true;
	if (rc != SQLITE_DONE)
		q->rc = q->errs != NULL ? store_fail(q->st, q->errs, N_("reading")) : STORE_RUNTIME;
	sqlite3_reset(q->s);
	q->s = NULL;	/* finished: later calls do nothing */
	return false;
}

int
stmt_done(struct stmt *q)
{
	if (q->s != NULL)
		sqlite3_reset(q->s);
	q->s = NULL;
	return q->rc;
}

int
store_run(struct store *st, struct errlist *errs, const char *sql, const char *types, ...)
{
	struct stmt q;
	va_list ap;
	int rc;

	va_start(ap, types);
	open_va(&q, st, errs, sql, types, ap);
	va_end(ap);
	if (q.rc != 0)
		return stmt_done(&q);
	/* A row is fine: a PRAGMA or an INSERT ... RETURNING may give one. */
	if ((rc = sqlite3_step(q.s)) != SQLITE_DONE && rc != SQLITE_ROW)
		q.rc = errs != NULL ? store_fail(st, errs, N_("writing")) : STORE_RUNTIME;
	return stmt_done(&q);
}

int
store_get_int(struct store *st, struct errlist *errs, int64_t *v, const char *sql,
    const char *types, ...)
{
	struct stmt q;
	va_list ap;

	*v = 0;
	va_start(ap, types);
	open_va(&q, st, errs, sql, types, ap);
	va_end(ap);
	if (stmt_row(&q))
		*v = sqlite3_column_int64(q.s, 0);
	return stmt_done(&q);
}

int
store_get_text(struct store *st, struct errlist *errs, char **v, const char *sql,
    const char *types, ...)
{
	const unsigned char *t;
	struct stmt q;
	va_list ap;

	*v = NULL;
	va_start(ap, types);
	open_va(&q, st, errs, sql, types, ap);
	va_end(ap);
	if (stmt_row(&q) && (t = sqlite3_column_text(q.s, 0)) != NULL)
		*v = xstrdup((const char *)t);
	return stmt_done(&q);
}

int
store_strings(struct store *st, struct errlist *errs, char ***out, size_t *n_out,
    const char *sql)
{
	const unsigned char *t;
	struct stmt q;
	int rc;

	*out = NULL;
	*n_out = 0;
	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		t = sqlite3_column_text(q.s, 0);
		*out = xreallocarray(*out, *n_out + 1, sizeof **out);
		(*out)[(*n_out)++] = xstrdup(t != NULL ? (const char *)t : "");
	}
	if ((rc = stmt_done(&q)) != 0) {
		store_strings_free(*out, *n_out);
		*out = NULL;
		*n_out = 0;
	}
	return rc;
}

char *
store_near(struct store *st, const char *word, const char *sql)
{
	const char *near;
	char **v, *found = NULL;
	size_t n;

	if (store_strings(st, NULL, &v, &n, sql) != 0)
		return NULL;
	if ((near = did_you_mean_n(word, (const char *const *)v, n)) != NULL)
		found = xstrdup(near);
	store_strings_free(v, n);
	return found;
}

char *
store_suggest(struct store *st, const char *word, const char *sql)
{
	char *near = store_near(st, word, sql), *s;

	if (near == NULL)
		return xstrdup("");
	/* TRANSLATORS: added after a message naming something not found. */
	s = xasprintf(_(" (did you mean '%s'?)"), near);
	free(near);
	return s;
}

void
store_strings_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
