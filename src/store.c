/* store.c: opening the study database, statements, transactions, errors. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "stats.h"
#include "store-internal.h"

/* How long a writer waits for another reviewer's transaction before giving
 * up; transactions here last milliseconds, so this is generous. */
#define BUSY_TIMEOUT_MS 30000

static double
monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether anyone committed since the last look: every commit appends to
 * the write-ahead log (or restarts it), which moves its size or mtime. */
static bool
wal_moved(struct store *st)
{
	struct stat sb;
	bool moved;

	if (st->wal_path == NULL)
		st->wal_path = xasprintf("%s-wal", st->path);
	if (stat(st->wal_path, &sb) != 0)
		return false;
	moved = sb.st_size != st->wal_size || sb.st_mtim.tv_sec != st->wal_mtime.tv_sec ||
	    sb.st_mtim.tv_nsec != st->wal_mtime.tv_nsec;
	st->wal_size = sb.st_size;
	st->wal_mtime = sb.st_mtim;
	return moved;
}

/* SQLite's own busy handler sleeps longer and longer, up to 100 ms a try,
 * and gives up after a fixed time even while others commit all along: among
 * 32 writers that take the lock back to back, one that sleeps that long
 * keeps finding it taken (one waited 7 s, one gave up after 30). Here a
 * waiter naps 0.05 to 5 ms, jittered so waiters do not wake in step, and
 * gives up only when nobody committed for BUSY_TIMEOUT_MS: the lock then
 * really is held by one process. */
static int
busy_wait(void *arg, int tries)
{
	static struct rng jitter;
	static bool seeded;
	struct store *st = arg;
	struct timespec ts;
	double t = monotonic(), nap;

	if (!seeded) {
		rng_seed(&jitter, (uint64_t)getpid() ^ (uint64_t)(t * 1e9));
		seeded = true;
	}
	if (wal_moved(st) || tries == 0) {
		st->busy_since = t;
		st->busy_gave_up = false;
	} else if (t - st->busy_since >= BUSY_TIMEOUT_MS / 1000.0) {
		st->busy_gave_up = true;
		return 0;
	}
	nap = 100e-6 * (double)(1 << (tries < 5 ? tries : 5)) * (0.5 + rng_unit(&jitter));
	ts.tv_sec = 0;
	ts.tv_nsec = (long)(nap * 1e9);
	nanosleep(&ts, NULL);
	return 1;
}

int
store_fail(struct store *st, struct errlist *errs, const char *what)
{
	int code = sqlite3_extended_errcode(st->db), sys = sqlite3_system_errno(st->db);

	/* SQLite's words for a full disk or a read-only file are vague ("disk
	 * I/O error"); the system's error says what the reviewer can act on. */
	if ((code & 0xff) == SQLITE_FULL || sys == ENOSPC)
		err_add(errs, "%s: %s: the disk is full (nothing was written)", st->path, what);
	else if ((code & 0xff) == SQLITE_READONLY || sys == EROFS || sys == EACCES)
		err_add(errs, "%s: %s: the database is read-only here (%s)", st->path, what,
		    sys ? strerror(sys) : sqlite3_errmsg(st->db));
	else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		err_add(errs, "%s: %s: the database stayed locked by another process for %d s",
		    st->path, what, BUSY_TIMEOUT_MS / 1000);
	else if (sys != 0 && (code & 0xff) == SQLITE_IOERR)
		err_add(errs, "%s: %s: %s (%s)", st->path, what, sqlite3_errmsg(st->db),
		    strerror(sys));
	else
		err_add(errs, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
	switch (code & 0xff) {
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
	case SQLITE_CONSTRAINT:
		return STORE_INPUT;
	default:
		return STORE_RUNTIME;
	}
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql, struct errlist *errs)
{
	size_t i;

	for (i = 0; i < STMT_CACHE && st->cache[i].sql != NULL; i++) {
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			return st->cache[i].stmt;
		}
	}
	if (i == STMT_CACHE) {	/* full: drop the oldest */
		sqlite3_finalize(st->cache[0].stmt);
		memmove(st->cache, st->cache + 1, sizeof st->cache[0] * (STMT_CACHE - 1));
		i = STMT_CACHE - 1;
	}
	if (sqlite3_prepare_v2(st->db, sql, -1, &st->cache[i].stmt, NULL) != SQLITE_OK) {
		if (errs != NULL)
			store_fail(st, errs, "preparing a query");
		st->cache[i].sql = NULL;
		st->cache[i].stmt = NULL;
		return NULL;
	}
	st->cache[i].sql = sql;
	return st->cache[i].stmt;
}

static int
bind_va(sqlite3_stmt *s, const char *types, va_list ap)
{
	int i, rc = SQLITE_OK;

	for (i = 1; *types != '\0' && rc == SQLITE_OK; types++, i++) {
		switch (*types) {
		case 't':
			rc = sqlite3_bind_text(s, i, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
			break;
		case 'z': {
			const char *v = va_arg(ap, const char *);

			rc = v == NULL ? sqlite3_bind_null(s, i) :
			    sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int64(s, i, va_arg(ap, int64_t));
			break;
		case 'd':
			rc = sqlite3_bind_double(s, i, va_arg(ap, double));
			break;
		case 'n':
			rc = sqlite3_bind_null(s, i);
			break;
		}
	}
	return rc;
}

int
store_bind(sqlite3_stmt *s, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = bind_va(s, types, ap);
	va_end(ap);
	return rc == SQLITE_OK ? 0 : -1;
}

int
store_step_done(struct store *st, sqlite3_stmt *s, struct errlist *errs)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(s);
		return 0;
	}
	rc = store_fail(st, errs, "writing");
	sqlite3_reset(s);
	return rc;
}

int
store_exec(struct store *st, const char *sql, struct errlist *errs)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return store_fail(st, errs, "updating the database");
}

int64_t
store_int(struct store *st, const char *sql, const char *types, ...)
{
	sqlite3_stmt *s = store_stmt(st, sql, NULL);
	int64_t v = 0;
	va_list ap;

	if (s == NULL)
		return 0;
	va_start(ap, types);
	bind_va(s, types, ap);
	va_end(ap);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}

/* A database file deleted or replaced while we hold it open would take
 * every later write into a file nobody will ever read again. */
static int
check_still_there(struct store *st, struct errlist *errs)
{
	struct stat sb;

	if (stat(st->path, &sb) == 0 && sb.st_dev == st->dev && sb.st_ino == st->ino)
		return 0;
	err_add(errs, "%s was removed or replaced while panelist had it open; "
	    "this change was not saved", st->path);
	return STORE_RUNTIME;
}

/* SQL that takes or keeps the write lock.  A "busy" that comes back before
 * busy_wait gave up (SQLite returns some of the WAL cases without asking
 * it) is waited out the same way here. */
static int
exec_retrying(struct store *st, const char *sql)
{
	int rc, tries = 0;

	st->busy_gave_up = false;
	while ((rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL)) != SQLITE_OK) {
		if ((rc & 0xff) != SQLITE_BUSY || st->busy_gave_up || !busy_wait(st, tries++))
			break;
	}
	return rc;
}

int
store_begin(struct store *st, struct errlist *errs)
{
	if (check_still_there(st, errs) != 0)
		return STORE_RUNTIME;
	/* IMMEDIATE takes the write lock up front, so two writers wait for each
	 * other through busy_wait instead of failing half-way. */
	if (exec_retrying(st, "BEGIN IMMEDIATE") == SQLITE_OK)
		return 0;
	return store_fail(st, errs, "starting a transaction");
}

int
store_commit(struct store *st, struct errlist *errs)
{
	/* A COMMIT that is busy leaves the transaction open: it can be retried. */
	if (exec_retrying(st, "COMMIT") == SQLITE_OK)
		return 0;
	return store_fail(st, errs, "committing");
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* The first bytes of every SQLite 3 database. */
static const char sqlite_magic[16] = "SQLite format 3";

/* Look at a file before SQLite does, so a file of another kind is refused
 * without a single byte of it being touched. */
static int
check_existing(const char *path, struct errlist *errs)
{
	char head[16];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0) {
		err_add(errs, "%s: %s", path, strerror(errno));
		return STORE_RUNTIME;
	}
	n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return 0;	/* an empty file: SQLite treats it as a new database */
	if (n != (ssize_t)sizeof head || memcmp(head, sqlite_magic, sizeof head) != 0) {
		err_add(errs, "%s is not a panelist study database (not an SQLite file)", path);
		return STORE_INPUT;
	}
	return 0;
}

/* Create the file ourselves so that it is readable and writable by its owner
 * and group only: a panel shares a group, nobody else reads the ratings. */
static int
create_file(const char *path, struct errlist *errs)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0660);

	if (fd < 0) {
		err_add(errs, "cannot create %s: %s", path, strerror(errno));
		return STORE_RUNTIME;
	}
	close(fd);
	return 0;
}

static int
configure(struct store *st, struct errlist *errs)
{
	int rc;

	sqlite3_busy_handler(st->db, busy_wait, st);
	sqlite3_extended_result_codes(st->db, 1);
	if (store_exec(st, "PRAGMA foreign_keys = ON", errs) != 0)
		return STORE_RUNTIME;
	/* Reading the schema version is the first real read: a damaged file
	 * fails here, before anything is written. */
	if (sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, errs, "reading");
	/* Before WAL mode, which rewrites the header of the file. */
	if ((rc = store_check_identity(st, errs)) != 0)
		return rc;
	if (!st->readonly &&
	    sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, errs, "switching to WAL mode");
	return store_exec(st, "PRAGMA synchronous = NORMAL", errs);
}

char *
store_uri(const char *path, const char *query)
{
	struct buf b = { 0 };

	buf_addstr(&b, "file:");
	for (; *path != '\0'; path++) {
		if (*path == '%' || *path == '?' || *path == '#')
			buf_printf(&b, "%%%02X", (unsigned char)*path);
		else
			buf_add(&b, path, 1);
	}
	buf_printf(&b, "?%s", query);
	return b.data;
}

/* A WAL database on a read-only file system cannot get its shared-memory
 * file; nobody can be writing to it there, so read it as immutable. */
static void
reopen_immutable(struct store *st)
{
	char *uri = store_uri(st->path, "immutable=1");

	sqlite3_close(st->db);
	st->db = NULL;
	if (sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(st->db);
		sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READONLY, NULL);
	}
	free(uri);
}

int
store_open(const char *path, enum store_mode mode, struct store **out, struct errlist *errs)
{
	struct store *st;
	struct stat sb;
	int rc, flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;

	*out = NULL;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || mode != STORE_OPEN_CREATE) {
			if (errno == ENOENT)
				err_add(errs, "no study database at %s (create one with "
				    "'panelist init', or name another with --db)", path);
			else
				err_add(errs, "%s: %s", path, strerror(errno));
			return errno == ENOENT ? STORE_INPUT : STORE_RUNTIME;
		}
		if ((rc = create_file(path, errs)) != 0)
			return rc;
	} else if ((rc = check_existing(path, errs)) != 0)
		return rc;

	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->created = stat(path, &sb) == 0 && sb.st_size == 0;
	st->dev = sb.st_dev;
	st->ino = sb.st_ino;
	if (access(path, W_OK) != 0) {
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
		st->readonly = true;
	}
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		rc = store_fail(st, errs, "opening");
		store_close(st);
		return rc;
	}
	if (st->readonly && sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master", NULL,
	    NULL, NULL) == SQLITE_CANTOPEN)
		reopen_immutable(st);
	if ((rc = configure(st, errs)) != 0 || (rc = store_migrate(st, errs)) != 0) {
		store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	free(st->actor);
	free(st->wal_path);
	free(st->path);
	free(st);
}

void
store_set_actor(struct store *st, const char *actor)
{
	free(st->actor);
	st->actor = actor != NULL ? xstrdup(actor) : NULL;
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
