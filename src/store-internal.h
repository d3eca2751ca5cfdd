/* store-internal.h: what the store*.c files share; never included elsewhere. */
#ifndef PANELIST_STORE_INTERNAL_H
#define PANELIST_STORE_INTERNAL_H

#include <sqlite3.h>
#include <sys/types.h>
#include <time.h>

#include "store.h"

#define STMT_CACHE 48

struct store {
	sqlite3		*db;
	char		*path;
	bool		 created;
	bool		 readonly;
	int		 upgraded_from;	/* 0 when the schema was already current */
	char		*actor;		/* rate --as: who is at the keyboard */
	dev_t		 dev;		/* the file opened, to notice it being */
	ino_t		 ino;		/* removed or replaced under us */
	char		*wal_path;	/* waiting for a lock: the log, */
	off_t		 wal_size;	/* its size and mtime when last */
	struct timespec	 wal_mtime;	/* seen, and since when nobody */
	double		 busy_since;	/* has committed */
	bool		 busy_gave_up;
	struct {
		const char	*sql;	/* a string literal: its address is the key */
		sqlite3_stmt	*stmt;
	} cache[STMT_CACHE];
};

/* A prepared statement for a literal SQL string, reset and ready to bind;
 * statements are prepared once per connection. */
sqlite3_stmt *store_stmt(struct store *, const char *sql, struct errlist *);
/* Bind by position: "t" text, "i" int64, "d" double, "n" null, "z" text or null. */
int store_bind(sqlite3_stmt *, const char *types, ...);
/* Run a statement to completion (no rows expected). */
int store_step_done(struct store *, sqlite3_stmt *, struct errlist *);
/* Run SQL without results. */
int store_exec(struct store *, const char *sql, struct errlist *);
/* The single integer a query returns, or `dflt` when it returns no row. */
int64_t store_int(struct store *, const char *sql, const char *types, ...);

int store_begin(struct store *, struct errlist *);	/* BEGIN IMMEDIATE */
int store_commit(struct store *, struct errlist *);
void store_rollback(struct store *);

/* Map an SQLite failure to our codes and a message. */
int store_fail(struct store *, struct errlist *, const char *what);

/* Refuse, without writing, a file that is not a study this program can use. */
int store_check_identity(struct store *, struct errlist *);
int store_migrate(struct store *, struct errlist *);

/* One rating of a ratings JSONL import, inside store_import's transaction. */
int store_import_rating(struct store *, const struct rating_def *, struct import_counts *,
    struct errlist *);

/* A file: URI for a path (the characters URIs reserve escaped) with a query. */
char *store_uri(const char *path, const char *query);

/* The current version of a prompt and of a rubric, or 0. */
int64_t store_prompt_row(struct store *, const char *id);
int64_t store_rubric_row(struct store *, const char *capability);

#endif
