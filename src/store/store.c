/* store/store.c: opening the study database through its engine, and what
 * every engine shares: transactions, errors, the run's settings. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "internal.h"
#include "schema.h"

int
store_fail(struct store *st, struct errlist *errs, const char *what)
{
	return st->engine->fail(st, errs, what);
}

int
store_exec(struct store *st, const char *sql, struct errlist *errs)
{
	return st->engine->exec(st, sql, errs);
}

int
store_begin(struct store *st, struct errlist *errs)
{
	return st->engine->begin(st, errs);
}

int
store_commit(struct store *st, struct errlist *errs)
{
	return st->engine->commit(st, errs);
}

void
store_rollback(struct store *st)
{
	st->engine->rollback(st);
}

int64_t
store_changes(struct store *st)
{
	return st->engine->changes(st);
}

int64_t
store_data_version(struct store *st)
{
	return st->engine->data_version(st);
}

int
store_open(const char *path, enum store_mode mode, struct store **out, struct errlist *errs)
{
	struct store *st;
	int rc;

	*out = NULL;
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->engine = engine_postgres_address(path) ? &engine_postgres : &engine_sqlite;
	if ((rc = st->engine->open(st, mode, errs)) != 0 ||
	    (rc = mode == STORE_OPEN_READ ? store_check_identity(st, errs) :
	    store_migrate(st, errs)) != 0) {
		store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_release_roster(st);
	st->engine->close(st);
	free(st->actor);
	free(st->path);
	free(st);
}

void
store_set_actor(struct store *st, const char *actor)
{
	free(st->actor);
	st->actor = actor != NULL ? xstrdup(actor) : NULL;
}

const char *
store_actor(const struct store *st)
{
	return st->actor;
}

bool
store_created(const struct store *st)
{
	return st->created;
}

int
store_upgraded_from(const struct store *st)
{
	return st->upgraded_from;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}
