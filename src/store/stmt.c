/* store/stmt.c: statements that keep their first error.
 *
 * Preparing, binding and stepping each can fail; a statement here keeps
 * the first failure, reports it once, and makes every later call on it do
 * nothing, so that a caller checks one return value at the end instead of
 * three along the way (and cannot forget the one in the middle).  The
 * prepare, bind, step, reset block that writes a row is store_run. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"

/* Bind by position; a type letter unknown or more values than fit are a
 * mistake in the caller, reported too (the engine checks the count). */
#define MAX_VALUES 32

static void
open_va(struct stmt *q, struct store *st, struct errlist *errs, const char *sql,
    const char *types, va_list ap)
{
	struct value v[MAX_VALUES];
	int n;

	q->st = st;
	q->errs = errs;
	q->rc = 0;
	q->s = NULL;
	for (n = 0; types[n] != '\0'; n++) {
		if (n == MAX_VALUES || strchr("tzidn", types[n]) == NULL) {
			if (errs != NULL)
				err_add(errs, _("%s: binding the values of a query: %s"), st->path,
				    _("an unknown type letter"));
			q->rc = STORE_RUNTIME;
			return;
		}
		v[n].type = types[n];
		v[n].text = NULL;
		switch (types[n]) {
		case 't':
		case 'z':
			v[n].text = va_arg(ap, const char *);
			break;
		case 'i':
			v[n].i = va_arg(ap, int64_t);
			break;
		case 'd':
			v[n].d = va_arg(ap, double);
			break;
		}
	}
	if ((q->s = st->engine->prepare(st, sql, v, n, errs)) == NULL)
		q->rc = STORE_RUNTIME;	/* the engine said why */
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

static bool
step(struct stmt *q, const char *what)
{
	int rc;

	if (q->rc != 0 || q->s == NULL)
		return false;
	if ((rc = q->st->engine->step(q->st, q->s, q->errs, what)) == ENGINE_ROW)
		return true;
	q->rc = rc;
	q->st->engine->reset(q->s);
	q->s = NULL;	/* finished: later calls do nothing */
	return false;
}

bool
stmt_row(struct stmt *q)
{
	return step(q, N_("reading"));
}

int
stmt_done(struct stmt *q)
{
	if (q->s != NULL)
		q->st->engine->reset(q->s);
	q->s = NULL;
	return q->rc;
}

int64_t
stmt_int(const struct stmt *q, int col)
{
	return q->st->engine->col_int(q->s, col);
}

double
stmt_double(const struct stmt *q, int col)
{
	return q->st->engine->col_double(q->s, col);
}

const char *
stmt_text(const struct stmt *q, int col)
{
	return q->st->engine->col_text(q->s, col);
}

bool
stmt_null(const struct stmt *q, int col)
{
	return q->st->engine->is_null(q->s, col);
}

int
store_run(struct store *st, struct errlist *errs, const char *sql, const char *types, ...)
{
	struct stmt q;
	va_list ap;

	va_start(ap, types);
	open_va(&q, st, errs, sql, types, ap);
	va_end(ap);
	/* A row is fine: a PRAGMA or an INSERT ... RETURNING may give one. */
	step(&q, N_("writing"));
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
		*v = stmt_int(&q, 0);
	return stmt_done(&q);
}

int
store_get_text(struct store *st, struct errlist *errs, char **v, const char *sql,
    const char *types, ...)
{
	const char *t;
	struct stmt q;
	va_list ap;

	*v = NULL;
	va_start(ap, types);
	open_va(&q, st, errs, sql, types, ap);
	va_end(ap);
	if (stmt_row(&q) && (t = stmt_text(&q, 0)) != NULL)
		*v = xstrdup(t);
	return stmt_done(&q);
}

int
store_strings(struct store *st, struct errlist *errs, char ***out, size_t *n_out,
    const char *sql)
{
	const char *t;
	struct stmt q;
	int rc;

	*out = NULL;
	*n_out = 0;
	stmt_open(&q, st, errs, sql, "");
	while (stmt_row(&q)) {
		t = stmt_text(&q, 0);
		*out = xreallocarray(*out, *n_out + 1, sizeof **out);
		(*out)[(*n_out)++] = xstrdup(t != NULL ? t : "");
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
