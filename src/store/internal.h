/* store/internal.h: what the store*.c files share; never included elsewhere. */
#ifndef PANELIST_STORE_INTERNAL_H
#define PANELIST_STORE_INTERNAL_H

#include <stdarg.h>
#include <time.h>

#include "engine.h"
#include "store.h"

/* The time now as the study writes it (UTC, milliseconds), in SQL; on
 * PostgreSQL through the schema's strftime (schema.c). */
#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

struct store {
	const struct engine *engine;
	void		*conn;		/* the engine's connection and its state */
	char		*path;		/* as given: a file, or a PostgreSQL address */
	bool		 created;
	bool		 readonly;
	int		 upgraded_from;	/* 0 when the schema was already current */
	char		*actor;		/* rate --as: who is at the keyboard */
	enum store_edit	 edit;		/* import: a rated prompt or rubric changed */
	bool		 study_force;	/* import: change who rates what, rated */
	long		 study_unassigned; /* import: ratings that change unassigns */
	char		 writer[256];	/* store_set_writer's login; "": unchecked */
	bool		 writer_as;	/* --as: writing for others on purpose */
	bool		 lines_read;	/* store_known_lines read, when */
	int64_t		 lines_version;	/* the engine's data_version was this */
	struct study_settings *roster;	/* held for one import's ratings */
};

/* The SQLite connection of an SQLite study, NULL for another engine:
 * for what only SQLite has (merge's bounds on its reading). */
struct sqlite3 *store_sqlite(struct store *);

/* A statement in use (stmt.c).  The first failure of preparing,
 * binding or stepping it is kept, reported once into errs, and returned
 * by stmt_done; every call after a failure does nothing.  Values bind by
 * position: "t" text, "i" int64, "d" double, "n" null, "z" text or null;
 * one letter for each parameter of the statement, no more, no fewer. */
struct stmt {
	struct store	*st;
	void		*s;	/* the engine's statement; NULL once finished */
	struct errlist	*errs;
	int		 rc;	/* 0, STORE_RUNTIME or STORE_INPUT */
};
void stmt_open(struct stmt *, struct store *, struct errlist *, const char *sql,
    const char *types, ...);
/* The next row (read its columns with stmt_int and the others): false at
 * the end or on failure. */
bool stmt_row(struct stmt *);
/* Reset it for its next use: 0, or the first failure. */
int stmt_done(struct stmt *);
/* A column of the current row: NULL reads as 0, 0.0 and NULL. */
int64_t stmt_int(const struct stmt *, int col);
double stmt_double(const struct stmt *, int col);
const char *stmt_text(const struct stmt *, int col);
bool stmt_null(const struct stmt *, int col);
/* Prepare, bind and run to the end a statement that writes: 0 or the failure. */
int store_run(struct store *, struct errlist *, const char *sql, const char *types, ...);
/* The first column of the first row (0 when there is none): 0 or the failure. */
int store_get_int(struct store *, struct errlist *, int64_t *, const char *sql,
    const char *types, ...);
/* The first column of the first row as a new string, NULL when there is no
 * row or it is NULL: 0 or the failure. */
int store_get_text(struct store *, struct errlist *, char **, const char *sql,
    const char *types, ...);

/* The first column of every row of a statement without parameters, as new
 * strings (NULL ones as ""); nothing is left allocated on failure. */
int store_strings(struct store *, struct errlist *, char ***, size_t *, const char *sql);
void store_strings_free(char **, size_t);
/* The name sql lists nearest to word, for a did-you-mean (util.h); a
 * string to free, or NULL when none is near. */
char *store_near(struct store *, const char *word, const char *sql);
/* " (did you mean 'x'?)" after a name not found, or "" when none is near;
 * a string to free. */
char *store_suggest(struct store *, const char *word, const char *sql);
/* Run SQL without results.  errs NULL only for a clean-up whose failure
 * changes nothing kept (a TEMP table goes with the connection). */
int store_exec(struct store *, const char *sql, struct errlist *);

int store_begin(struct store *, struct errlist *);	/* as BEGIN IMMEDIATE */
int store_commit(struct store *, struct errlist *);
void store_rollback(struct store *);
/* Rows the last INSERT, UPDATE or DELETE changed. */
int64_t store_changes(struct store *);
/* Moves whenever another connection may have committed (engine.h). */
int64_t store_data_version(struct store *);

/* One model under test of a models file, inside store_import's
 * transaction (store-collect.c). */
int store_collect_import_model(struct store *, const struct model_def *,
    struct import_counts *, struct errlist *);

/* Map the engine's last failure to our codes and a message. */
int store_fail(struct store *, struct errlist *, const char *what);


/* A rubric version's scale (0 and 0 when there is none): 0 or the failure. */
int store_scale(struct store *, int64_t rubric, int64_t *min, int64_t *max,
    struct errlist *);

/* One rating of a ratings JSONL import, inside store_import's transaction. */
int store_import_rating(struct store *, const struct rating_def *, struct import_counts *,
    struct errlist *);

/* Why this run may not write under a reviewer's name (not the writer's
 * own without --as, or off the study's roster), or NULL. */
const char *store_writer_refusal(struct store *, const char *name);
/* The history actor for a change under `name`: the writer's login when it
 * is someone else's, else `tool` ("import", "merge"). */
const char *store_actor_for(struct store *, const char *name, const char *tool);

/* A file: URI for a path (the characters URIs reserve escaped) with a query. */
char *store_uri(const char *path, const char *query);

/* The current version of a prompt and of a rubric into *row, 0 when there is
 * none: 0 or the failure. */
int store_prompt_row(struct store *, const char *id, int64_t *row, struct errlist *);
/* The roster store_writer_refusal checks each name against, read once for
 * all the ratings of an import instead of once a line, until released;
 * 0, or the store's status with nothing held. */
int store_hold_roster(struct store *, struct errlist *);
void store_release_roster(struct store *);
int store_rubric_row(struct store *, const char *capability, int64_t *row,
    struct errlist *);

#endif
