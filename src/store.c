/* store.c: opening the study database, statements, transactions, errors. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "stats.h"
#include "store-internal.h"
#include "store-schema.h"

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

	what = _(what);	/* the callers mark it with N_() */
	/* SQLite's words for a full disk or a read-only file are vague ("disk
	 * I/O error"); the system's error says what the reviewer can act on. */
	if ((code & 0xff) == SQLITE_FULL || sys == ENOSPC)
		err_add(errs, _("%s: %s: the disk is full (nothing was written)"), st->path, what);
	else if ((code & 0xff) == SQLITE_READONLY || sys == EROFS || sys == EACCES)
		err_add(errs, _("%s: %s: the database is read-only here (%s)"), st->path, what,
		    sys ? strerror(sys) : sqlite3_errmsg(st->db));
	else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		err_add(errs, _("%s: %s: the database stayed locked by another process for %d s"),
		    st->path, what, BUSY_TIMEOUT_MS / 1000);
	else if (sys != 0 && (code & 0xff) == SQLITE_IOERR)
		err_add(errs, _("%s: %s: %s (%s)"), st->path, what, sqlite3_errmsg(st->db),
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
			store_fail(st, errs, N_("preparing a query"));
		st->cache[i].sql = NULL;
		st->cache[i].stmt = NULL;
		return NULL;
	}
	st->cache[i].sql = sql;
	return st->cache[i].stmt;
}

int
store_exec(struct store *st, const char *sql, struct errlist *errs)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return errs != NULL ? store_fail(st, errs, N_("updating the database")) : STORE_RUNTIME;
}

/* A database file deleted or replaced while we hold it open would take
 * every later write into a file nobody will ever read again. */
static int
check_still_there(struct store *st, struct errlist *errs)
{
	struct stat sb;

	if (stat(st->path, &sb) == 0 && sb.st_dev == st->dev && sb.st_ino == st->ino)
		return 0;
	err_add(errs, _("%s was removed or replaced while panelist had it open; "
	    "this change was not saved"), st->path);
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
	return store_fail(st, errs, N_("starting a transaction"));
}

int
store_commit(struct store *st, struct errlist *errs)
{
	/* A COMMIT that is busy leaves the transaction open: it can be retried. */
	if (exec_retrying(st, "COMMIT") == SQLITE_OK)
		return 0;
	return store_fail(st, errs, N_("committing"));
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* The first bytes of every SQLite 3 database. */
static const char sqlite_magic[16] = "SQLite format 3";

/* Look at the file before SQLite does.  Only a regular file is opened, so
 * that a FIFO or a device can neither hang the program nor be written to;
 * it is opened without blocking and must be the file stat saw; and a file of
 * another kind is refused without a single byte of it being touched. */
static int
check_existing(const char *path, const struct stat *sb, struct errlist *errs)
{
	struct stat fsb;
	char head[16];
	ssize_t n;
	int fd;

	if (!S_ISREG(sb->st_mode)) {
		err_add(errs, _("%s is %s, not a study database (--db names a regular file)"),
		    path, file_kind(sb->st_mode));
		return STORE_INPUT;
	}
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0) {
		err_add(errs, "%s: %s", path, strerror(errno));
		return STORE_RUNTIME;
	}
	if (fstat(fd, &fsb) != 0 || fsb.st_dev != sb->st_dev || fsb.st_ino != sb->st_ino) {
		close(fd);
		err_add(errs, _("%s was replaced while panelist was opening it"), path);
		return STORE_RUNTIME;
	}
	n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return 0;	/* an empty file: SQLite treats it as a new database */
	if (n != (ssize_t)sizeof head || memcmp(head, sqlite_magic, sizeof head) != 0) {
		err_add(errs, _("%s is not a panelist study database (not an SQLite file)"), path);
		return STORE_INPUT;
	}
	return 0;
}

/* Create the file ourselves so that it is readable and writable by its owner
 * and group only, whatever the umask: a panel shares a group, nobody else
 * reads the ratings.  The umask can only have narrowed 0660 until fchmod, so
 * nobody else can have opened it in between.  SQLite gives the -wal and -shm
 * files it makes beside it the same mode. */
static int
create_file(const char *path, struct stat *sb, struct errlist *errs)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660);

	if (fd < 0) {
		err_add(errs, _("cannot create %s: %s"), path, strerror(errno));
		return STORE_RUNTIME;
	}
	if (fchmod(fd, 0660) != 0 || fstat(fd, sb) != 0) {
		err_add(errs, _("cannot create %s: %s"), path, strerror(errno));
		close(fd);
		unlink(path);
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
		return store_fail(st, errs, N_("reading"));
	/* Before WAL mode, which rewrites the header of the file. */
	if ((rc = store_check_identity(st, errs)) != 0)
		return rc;
	if (!st->readonly &&
	    sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, errs, N_("switching to WAL mode"));
	return store_exec(st, "PRAGMA synchronous = NORMAL", errs);
}

char *
store_uri(const char *path, const char *query)
{
	struct buf b = { 0 };

	/* "file:" then "//" would begin an authority: an absolute path gets
	 * the empty one, so that even "//x" stays a path. */
	buf_addstr(&b, path[0] == '/' ? "file://" : "file:");
	for (; *path != '\0'; path++) {
		if (*path == '%' || *path == '?' || *path == '#')
			buf_printf(&b, "%%%02X", (unsigned char)*path);
		else
			buf_add(&b, path, 1);
	}
	buf_printf(&b, "?%s", query);
	return b.data;
}

/* --db is a path, never a URI; but Debian builds SQLite with URI file names
 * on (SQLITE_USE_URI), where a name beginning "file:" is one whatever the
 * open flags say.  "./" makes such a relative path a path again. */
static char *
sqlite_name(const char *path)
{
	if (strncmp(path, "file:", 5) == 0)
		return xasprintf("./%s", path);
	return xstrdup(path);
}

/* The first read, where SQLite opens the WAL and its shared memory: true
 * when it could not, for want of the right to create or write them. */
static bool
cannot_share(sqlite3 *db)
{
	int rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);

	return rc == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY;
}

/* SQLite keeps them beside the file a symbolic link points to. */
static bool
companions_exist(const char *path)
{
	char *real = realpath(path, NULL), *wal, *shm;
	bool yes;

	wal = xasprintf("%s-wal", real != NULL ? real : path);
	shm = xasprintf("%s-shm", real != NULL ? real : path);
	yes = access(wal, F_OK) == 0 && access(shm, F_OK) == 0;
	free(real);
	free(wal);
	free(shm);
	return yes;
}

/* SQLite's locks on the database file (its os.h): each reader holds a read
 * lock on these bytes, and a writer needs them alone to copy the WAL into the
 * file when it closes the study last. */
#define SQLITE_SHARED_FIRST	(0x40000000 + 2)
#define SQLITE_SHARED_SIZE	510

/* An immutable connection takes no locks, so a writer closing the study
 * could rewrite the file under it.  Holding the lock every reader holds
 * makes such a writer leave its WAL for later, as it does for any reader.
 * A writer copying its WAL this very moment holds the lock for
 * milliseconds: wait up to two seconds for it. */
static void
hold_read_lock(struct store *st)
{
	struct timespec pause = { 0, 10 * 1000 * 1000 };
	struct flock fl;
	int tries;

	if ((st->guard = open(st->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_RDLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = SQLITE_SHARED_FIRST;
	fl.l_len = SQLITE_SHARED_SIZE;
	for (tries = 0; fcntl(st->guard, F_SETLK, &fl) != 0 && tries < 200; tries++)
		nanosleep(&pause, NULL);
}

/* A reader who may not write the study must not create its -wal and -shm
 * either: they would be the reader's, and the study's writers could not
 * write through them afterwards.  When they exist (someone has the study
 * open, or a killed run left them), SQLite reads through them read-only;
 * when they do not, the file itself holds every committed change, and is
 * read as immutable (as on a read-only file system). */
static int
open_readonly(struct store *st, const char *name)
{
	char *uri;
	int rc;

	st->readonly = true;
	if (companions_exist(st->path)) {
		rc = sqlite3_open_v2(name, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
		    NULL);
		if (rc != SQLITE_OK || !cannot_share(st->db))
			return rc;
		sqlite3_close(st->db);
		st->db = NULL;
	}
	hold_read_lock(st);
	uri = store_uri(st->path, "immutable=1");
	rc = sqlite3_open_v2(uri, &st->db,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	free(uri);
	return rc;
}

/* Read-write when the file and its folder allow it, else read-only, so
 * that whoever may read the study can run every command that only reads. */
static int
open_db(struct store *st, struct errlist *errs)
{
	char *name = sqlite_name(st->path);
	struct stat sb;
	int rc;

	if (access(st->path, W_OK) != 0)
		rc = open_readonly(st, name);
	else if ((rc = sqlite3_open_v2(name, &st->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)) == SQLITE_OK &&
	    cannot_share(st->db)) {
		sqlite3_close(st->db);
		st->db = NULL;
		rc = open_readonly(st, name);
	}
	free(name);
	if (rc != SQLITE_OK && st->db == NULL) {
		err_add(errs, _("%s: opening: %s"), st->path, sqlite3_errstr(rc));
		return STORE_RUNTIME;
	}
	if (rc != SQLITE_OK)
		return store_fail(st, errs, N_("opening"));
	/* The file checked must be the one SQLite opened. */
	if (stat(st->path, &sb) != 0 || sb.st_dev != st->dev || sb.st_ino != st->ino) {
		err_add(errs, _("%s was replaced while panelist was opening it"), st->path);
		return STORE_RUNTIME;
	}
	return 0;
}

int
store_open(const char *path, enum store_mode mode, struct store **out, struct errlist *errs)
{
	struct store *st;
	struct stat sb;
	int rc;

	*out = NULL;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT || mode != STORE_OPEN_CREATE) {
			if (errno == ENOENT)
				err_add(errs, _("no study database at %s (create one with "
				    "'panelist init', or name another with --db)"), path);
			else
				err_add(errs, "%s: %s", path, strerror(errno));
			return errno == ENOENT ? STORE_INPUT : STORE_RUNTIME;
		}
		if ((rc = create_file(path, &sb, errs)) != 0)
			return rc;
	} else if ((rc = check_existing(path, &sb, errs)) != 0)
		return rc;

	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->guard = -1;
	st->created = sb.st_size == 0;
	st->dev = sb.st_dev;
	st->ino = sb.st_ino;
	if ((rc = open_db(st, errs)) != 0 || (rc = configure(st, errs)) != 0 ||
	    (rc = store_migrate(st, errs)) != 0) {
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
	store_release_roster(st);
	for (i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	if (st->guard >= 0)
		close(st->guard);
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
