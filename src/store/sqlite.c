/* store/sqlite.c: the SQLite engine, a study in one file (engine.h).
 *
 * What only SQLite needs lives here: checking the file before SQLite sees
 * it, opening it read-only without leaving files behind, the write-ahead
 * log, waiting for another writer's lock, and what its errors mean. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "internal.h"
#include "schema.h"
#include "stats.h"

#define STMT_CACHE 48

struct sqlite_conn {
	sqlite3		*db;
	dev_t		 dev;		/* the file opened, to notice it being */
	ino_t		 ino;		/* removed or replaced under us */
	int		 guard;		/* an immutable reader's lock, or -1 */
	char		*wal_path;	/* waiting for a lock: the log, */
	off_t		 wal_size;	/* its size and mtime when last */
	struct timespec	 wal_mtime;	/* seen, and since when nobody */
	double		 busy_since;	/* has committed */
	bool		 busy_gave_up;
	int64_t		 scan_cache;	/* the page cache's size before a scan */
	struct {
		const char	*sql;	/* a string literal: its address is the key */
		sqlite3_stmt	*stmt;
	} cache[STMT_CACHE];
};

static struct sqlite_conn *
conn(struct store *st)
{
	return st->conn;
}

struct sqlite3 *
store_sqlite(struct store *st)
{
	return st->engine == &engine_sqlite ? conn(st)->db : NULL;
}

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
wal_moved(struct sqlite_conn *sc)
{
	struct stat sb;
	bool moved;

	if (stat(sc->wal_path, &sb) != 0)
		return false;
	moved = sb.st_size != sc->wal_size || sb.st_mtim.tv_sec != sc->wal_mtime.tv_sec ||
	    sb.st_mtim.tv_nsec != sc->wal_mtime.tv_nsec;
	sc->wal_size = sb.st_size;
	sc->wal_mtime = sb.st_mtim;
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
	struct sqlite_conn *sc = arg;
	struct timespec ts;
	double t = monotonic(), nap;

	if (!seeded) {
		rng_seed(&jitter, (uint64_t)getpid() ^ (uint64_t)(t * 1e9));
		seeded = true;
	}
	if (wal_moved(sc) || tries == 0) {
		sc->busy_since = t;
		sc->busy_gave_up = false;
	} else if (t - sc->busy_since >= BUSY_TIMEOUT_MS / 1000.0) {
		sc->busy_gave_up = true;
		return 0;
	}
	nap = 100e-6 * (double)(1 << (tries < 5 ? tries : 5)) * (0.5 + rng_unit(&jitter));
	ts.tv_sec = 0;
	ts.tv_nsec = (long)(nap * 1e9);
	nanosleep(&ts, NULL);
	return 1;
}

static int
sqlite_fail(struct store *st, struct errlist *errs, const char *what)
{
	struct sqlite_conn *sc = conn(st);
	int code = sqlite3_extended_errcode(sc->db), sys = sqlite3_system_errno(sc->db);

	what = _(what);	/* the callers mark it with N_() */
	/* SQLite's words for a full disk or a read-only file are vague ("disk
	 * I/O error"); the system's error says what the reviewer can act on. */
	if ((code & 0xff) == SQLITE_FULL || sys == ENOSPC)
		err_add(errs, _("%s: %s: the disk is full (nothing was written)"), st->path, what);
	else if ((code & 0xff) == SQLITE_READONLY || sys == EROFS || sys == EACCES)
		err_add(errs, _("%s: %s: the database is read-only here (%s)"), st->path, what,
		    sys ? strerror(sys) : sqlite3_errmsg(sc->db));
	else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		err_add(errs, _("%s: %s: the database stayed locked by another process for %d s"),
		    st->path, what, BUSY_TIMEOUT_MS / 1000);
	else if (sys != 0 && (code & 0xff) == SQLITE_IOERR)
		err_add(errs, _("%s: %s: %s (%s)"), st->path, what, sqlite3_errmsg(sc->db),
		    strerror(sys));
	else
		err_add(errs, "%s: %s: %s", st->path, what, sqlite3_errmsg(sc->db));
	switch (code & 0xff) {
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
	case SQLITE_CONSTRAINT:
		return STORE_INPUT;
	default:
		return STORE_RUNTIME;
	}
}

/* Statements are prepared once per connection and kept. */
static sqlite3_stmt *
cached(struct store *st, const char *sql, struct errlist *errs)
{
	struct sqlite_conn *sc = conn(st);
	size_t i;

	for (i = 0; i < STMT_CACHE && sc->cache[i].sql != NULL; i++) {
		if (sc->cache[i].sql == sql) {
			sqlite3_reset(sc->cache[i].stmt);
			sqlite3_clear_bindings(sc->cache[i].stmt);
			return sc->cache[i].stmt;
		}
	}
	if (i == STMT_CACHE) {	/* full: drop the oldest */
		sqlite3_finalize(sc->cache[0].stmt);
		memmove(sc->cache, sc->cache + 1, sizeof sc->cache[0] * (STMT_CACHE - 1));
		i = STMT_CACHE - 1;
	}
	if (sqlite3_prepare_v2(sc->db, sql, -1, &sc->cache[i].stmt, NULL) != SQLITE_OK) {
		if (errs != NULL)
			sqlite_fail(st, errs, N_("preparing a query"));
		sc->cache[i].sql = NULL;
		sc->cache[i].stmt = NULL;
		return NULL;
	}
	sc->cache[i].sql = sql;
	return sc->cache[i].stmt;
}

static void *
sqlite_prepare(struct store *st, const char *sql, const struct value *v, int n,
    struct errlist *errs)
{
	sqlite3_stmt *s = cached(st, sql, errs);
	const char *why = NULL;
	int i, rc = SQLITE_OK;

	if (s == NULL)
		return NULL;
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		switch (v[i].type) {
		case 't':
		case 'z':
			rc = sqlite3_bind_text(s, i + 1, v[i].text, -1, SQLITE_TRANSIENT);
			break;
		case 'i':
			rc = sqlite3_bind_int64(s, i + 1, v[i].i);
			break;
		case 'd':
			rc = sqlite3_bind_double(s, i + 1, v[i].d);
			break;
		default:
			rc = sqlite3_bind_null(s, i + 1);
			break;
		}
	}
	if (rc == SQLITE_OK && n != sqlite3_bind_parameter_count(s)) {
		rc = SQLITE_RANGE;
		why = _("not one value for each parameter");
	}
	if (rc == SQLITE_OK)
		return s;
	if (errs != NULL)
		err_add(errs, _("%s: binding the values of a query: %s"), st->path,
		    why != NULL ? why : sqlite3_errstr(rc));
	sqlite3_reset(s);
	return NULL;
}

static int
sqlite_step(struct store *st, void *s, struct errlist *errs, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return ENGINE_ROW;
	if (rc == SQLITE_DONE)
		return 0;
	return errs != NULL ? sqlite_fail(st, errs, what) : STORE_RUNTIME;
}

static void
sqlite_reset(void *s)
{
	sqlite3_reset(s);
}

static bool
sqlite_is_null(void *s, int col)
{
	return sqlite3_column_type(s, col) == SQLITE_NULL;
}

static int64_t
sqlite_col_int(void *s, int col)
{
	return sqlite3_column_int64(s, col);
}

static double
sqlite_col_double(void *s, int col)
{
	return sqlite3_column_double(s, col);
}

static const char *
sqlite_col_text(void *s, int col)
{
	return (const char *)sqlite3_column_text(s, col);
}

static double
sqlite_col_nan(void *s, int col)
{
	/* Its type and value from one column call: each is a tenth of what
	 * the scan of every rating costs. */
	sqlite3_value *v = sqlite3_column_value(s, col);

	return sqlite3_value_type(v) == SQLITE_NULL ? NAN : sqlite3_value_double(v);
}

static int
sqlite_exec(struct store *st, const char *sql, struct errlist *errs)
{
	if (sqlite3_exec(conn(st)->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return errs != NULL ? sqlite_fail(st, errs, N_("updating the database")) : STORE_RUNTIME;
}

/* A database file deleted or replaced while we hold it open would take
 * every later write into a file nobody will ever read again. */
static int
check_still_there(struct store *st, struct errlist *errs)
{
	struct sqlite_conn *sc = conn(st);
	struct stat sb;

	if (stat(st->path, &sb) == 0 && sb.st_dev == sc->dev && sb.st_ino == sc->ino)
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
	struct sqlite_conn *sc = conn(st);
	int rc, tries = 0;

	sc->busy_gave_up = false;
	while ((rc = sqlite3_exec(sc->db, sql, NULL, NULL, NULL)) != SQLITE_OK) {
		if ((rc & 0xff) != SQLITE_BUSY || sc->busy_gave_up || !busy_wait(sc, tries++))
			break;
	}
	return rc;
}

static int
sqlite_begin(struct store *st, struct errlist *errs)
{
	if (check_still_there(st, errs) != 0)
		return STORE_RUNTIME;
	/* IMMEDIATE takes the write lock up front, so two writers wait for each
	 * other through busy_wait instead of failing half-way. */
	if (exec_retrying(st, "BEGIN IMMEDIATE") == SQLITE_OK)
		return 0;
	return sqlite_fail(st, errs, N_("starting a transaction"));
}

/* A deferred BEGIN: the snapshot is taken at the first read. */
static int
sqlite_begin_read(struct store *st, struct errlist *errs)
{
	return sqlite_exec(st, "BEGIN", errs);
}

static int
sqlite_commit(struct store *st, struct errlist *errs)
{
	/* A COMMIT that is busy leaves the transaction open: it can be retried. */
	if (exec_retrying(st, "COMMIT") == SQLITE_OK)
		return 0;
	return sqlite_fail(st, errs, N_("committing"));
}

static void
sqlite_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(conn(st)->db))
		sqlite3_exec(conn(st)->db, "ROLLBACK", NULL, NULL, NULL);
}

static bool
sqlite_in_transaction(struct store *st)
{
	return !sqlite3_get_autocommit(conn(st)->db);
}

static int64_t
sqlite_changes(struct store *st)
{
	return sqlite3_changes(conn(st)->db);
}

static int64_t
sqlite_data_version(struct store *st)
{
	int64_t v;

	if (store_get_int(st, NULL, &v, "PRAGMA data_version", "") != 0)
		return -1;
	return v;
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
	struct sqlite_conn *sc = conn(st);
	int rc;

	sqlite3_busy_handler(sc->db, busy_wait, sc);
	sqlite3_extended_result_codes(sc->db, 1);
	if (sqlite_exec(st, "PRAGMA foreign_keys = ON", errs) != 0)
		return STORE_RUNTIME;
	/* Reading the schema version is the first real read: a damaged file
	 * fails here, before anything is written. */
	if (sqlite3_exec(sc->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_fail(st, errs, N_("reading"));
	/* Before WAL mode, which rewrites the header of the file. */
	if ((rc = store_check_identity(st, errs)) != 0)
		return rc;
	if (!st->readonly &&
	    sqlite3_exec(sc->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_fail(st, errs, N_("switching to WAL mode"));
	return sqlite_exec(st, "PRAGMA synchronous = NORMAL", errs);
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
	struct sqlite_conn *sc = conn(st);
	struct timespec pause = { 0, 10 * 1000 * 1000 };
	struct flock fl;
	int tries;

	if ((sc->guard = open(st->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_RDLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = SQLITE_SHARED_FIRST;
	fl.l_len = SQLITE_SHARED_SIZE;
	for (tries = 0; fcntl(sc->guard, F_SETLK, &fl) != 0 && tries < 200; tries++)
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
	struct sqlite_conn *sc = conn(st);
	char *uri;
	int rc;

	st->readonly = true;
	if (companions_exist(st->path)) {
		rc = sqlite3_open_v2(name, &sc->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
		    NULL);
		if (rc != SQLITE_OK || !cannot_share(sc->db))
			return rc;
		sqlite3_close(sc->db);
		sc->db = NULL;
	}
	hold_read_lock(st);
	uri = store_uri(st->path, "immutable=1");
	rc = sqlite3_open_v2(uri, &sc->db,
	    SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	free(uri);
	return rc;
}

/* Read-write when the file and its folder allow it, else read-only, so
 * that whoever may read the study can run every command that only reads. */
static int
open_db(struct store *st, bool readonly, struct errlist *errs)
{
	struct sqlite_conn *sc = conn(st);
	char *name = sqlite_name(st->path);
	struct stat sb;
	int rc;

	if (readonly || access(st->path, W_OK) != 0)
		rc = open_readonly(st, name);
	else if ((rc = sqlite3_open_v2(name, &sc->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)) == SQLITE_OK &&
	    cannot_share(sc->db)) {
		sqlite3_close(sc->db);
		sc->db = NULL;
		rc = open_readonly(st, name);
	}
	free(name);
	if (rc != SQLITE_OK && sc->db == NULL) {
		err_add(errs, _("%s: opening: %s"), st->path, sqlite3_errstr(rc));
		return STORE_RUNTIME;
	}
	if (rc != SQLITE_OK)
		return sqlite_fail(st, errs, N_("opening"));
	/* The file checked must be the one SQLite opened. */
	if (stat(st->path, &sb) != 0 || sb.st_dev != sc->dev || sb.st_ino != sc->ino) {
		err_add(errs, _("%s was replaced while panelist was opening it"), st->path);
		return STORE_RUNTIME;
	}
	return 0;
}


/* The load reads every page of the ratings once, in order: a page cache
 * of SQLite's default size (2 MB) would only hold pages never read again,
 * and at 100,000 ratings it was 20 bytes a rating of the command's peak. */
#define LOAD_CACHE_PAGES	64

static const char *
cache_sql(int64_t pages, char *buf, size_t size)
{
	snprintf(buf, size, "PRAGMA cache_size = %lld", (long long)pages);
	return buf;
}

/* A small cache for the scan, and the size before put back after it. */
static int
sqlite_scan(struct store *st, bool start, struct errlist *errs)
{
	int64_t *was = &conn(st)->scan_cache;
	char sql[64];
	int rc;

	if (!start) {
		rc = *was != 0 ? sqlite_exec(st, cache_sql(*was, sql, sizeof sql), errs) : 0;
		*was = 0;
		return rc;
	}
	*was = 0;
	if ((rc = store_get_int(st, errs, was, "PRAGMA cache_size", "")) != 0)
		return rc;
	if (*was == LOAD_CACHE_PAGES || *was == 0) {
		*was = 0;
		return 0;
	}
	return sqlite_exec(st, cache_sql(LOAD_CACHE_PAGES, sql, sizeof sql), errs);
}


/* 'PANL': tells a panelist study from any other SQLite file. */
#define APPLICATION_ID 0x50414e4c

static int
sqlite_schema_version(struct store *st, int64_t *have, struct errlist *errs)
{
	int64_t app, tables;
	int rc;

	if ((rc = store_get_int(st, errs, have, "PRAGMA user_version", "")) != 0 ||
	    (rc = store_get_int(st, errs, &app, "PRAGMA application_id", "")) != 0 ||
	    (rc = store_get_int(st, errs, &tables, "SELECT count(*) FROM sqlite_master",
	    "")) != 0)
		return rc;
	if ((*have > 0 && app != APPLICATION_ID) || (*have == 0 && tables > 0)) {
		err_add(errs, _("%s is an SQLite database but not a panelist study"), st->path);
		return STORE_INPUT;
	}
	return 0;
}

static int
sqlite_set_schema_version(struct store *st, int version, struct errlist *errs)
{
	char sql[128];

	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
	    version, APPLICATION_ID);
	return sqlite_exec(st, sql, errs);
}

static int
sqlite_open(struct store *st, enum store_mode mode, struct errlist *errs)
{
	struct sqlite_conn *sc;
	struct stat sb;
	int rc;

	if (stat(st->path, &sb) != 0) {
		if (errno != ENOENT || mode != STORE_OPEN_CREATE) {
			if (errno == ENOENT && mode == STORE_OPEN_EXISTING)
				err_add(errs, _("no study database at %s (create one with "
				    "'panelist init', or name another with --db)"), st->path);
			else
				err_add(errs, "%s: %s", st->path, strerror(errno));
			return errno == ENOENT ? STORE_INPUT : STORE_RUNTIME;
		}
		if ((rc = create_file(st->path, &sb, errs)) != 0)
			return rc;
	} else if ((rc = check_existing(st->path, &sb, errs)) != 0)
		return rc;

	st->conn = sc = xcalloc(1, sizeof *sc);
	sc->guard = -1;
	sc->dev = sb.st_dev;
	sc->ino = sb.st_ino;
	sc->wal_path = xasprintf("%s-wal", st->path);
	st->created = sb.st_size == 0;
	if ((rc = open_db(st, mode == STORE_OPEN_READ, errs)) != 0)
		return rc;
	return configure(st, errs);
}

static void
sqlite_close(struct store *st)
{
	struct sqlite_conn *sc = conn(st);
	size_t i;

	if (sc == NULL)
		return;
	for (i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(sc->cache[i].stmt);
	sqlite3_close(sc->db);
	if (sc->guard >= 0)
		close(sc->guard);
	free(sc->wal_path);
	free(sc);
	st->conn = NULL;
}

const struct engine engine_sqlite = {
	.name = "SQLite",
	.open = sqlite_open,
	.close = sqlite_close,
	.prepare = sqlite_prepare,
	.step = sqlite_step,
	.reset = sqlite_reset,
	.is_null = sqlite_is_null,
	.col_int = sqlite_col_int,
	.col_double = sqlite_col_double,
	.col_text = sqlite_col_text,
	.col_nan = sqlite_col_nan,
	.exec = sqlite_exec,
	.begin = sqlite_begin,
	.begin_read = sqlite_begin_read,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.in_transaction = sqlite_in_transaction,
	.changes = sqlite_changes,
	.data_version = sqlite_data_version,
	.fail = sqlite_fail,
	.scan = sqlite_scan,
	.schema_version = sqlite_schema_version,
	.set_schema_version = sqlite_set_schema_version,
};
