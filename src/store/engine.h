/* store/engine.h: what a database engine gives the shared store code.
 *
 * Every query is written once, in the SQL both engines speak; what really
 * differs between SQLite (sqlite.c) and PostgreSQL (postgres.c) is here:
 * opening and the shape of an address, statements and their values,
 * transactions and locking, the schema version, what an error means.
 * The few SQLite functions the queries use that PostgreSQL lacks
 * (strftime's one format, group_concat, json_valid, json_extract, the
 * two-argument min and max) are
 * given to PostgreSQL by its schema (schema.c), not by a second query. */
#ifndef PANELIST_STORE_ENGINE_H
#define PANELIST_STORE_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

struct stmt;

#define ENGINE_ROW	(-1)

/* One bound value: type is its letter in struct stmt's ("t" text, "z" text
 * or null, "i" int64, "d" double, "n" null); a text NULL is a NULL. */
struct value {
	char		 type;
	const char	*text;
	int64_t		 i;
	double		 d;
};

struct engine {
	const char	*name;		/* "SQLite", "PostgreSQL" */
	int	(*open)(struct store *, enum store_mode, struct errlist *);
	void	(*close)(struct store *);
	/* A prepared statement for a literal SQL string (its address is the
	 * key of the engine's cache), with these values bound; NULL after
	 * reporting why. */
	void	*(*prepare)(struct store *, const char *sql, const struct value *, int n,
		    struct errlist *);
	/* ENGINE_ROW, or 0 at the end; else a store code, reported when errs. */
	int	(*step)(struct store *, void *s, struct errlist *, const char *what);
	void	(*reset)(void *s);
	bool	(*is_null)(void *s, int col);
	int64_t	(*col_int)(void *s, int col);
	double	(*col_double)(void *s, int col);
	const char *(*col_text)(void *s, int col);	/* NULL for NULL */
	double	(*col_nan)(void *s, int col);		/* NaN for NULL */
	int	(*exec)(struct store *, const char *sql, struct errlist *);
	/* Write transactions one at a time, as SQLite's BEGIN IMMEDIATE. */
	int	(*begin)(struct store *, struct errlist *);
	/* A read transaction: one consistent view, taking no lock writers wait for. */
	int	(*begin_read)(struct store *, struct errlist *);
	int	(*commit)(struct store *, struct errlist *);
	void	(*rollback)(struct store *);
	bool	(*in_transaction)(struct store *);
	/* Rows the last INSERT, UPDATE or DELETE changed. */
	int64_t	(*changes)(struct store *);
	/* A number that moves whenever another connection commits, where the
	 * engine tells; else one that moves at every call. */
	int64_t	(*data_version)(struct store *);
	int	(*fail)(struct store *, struct errlist *, const char *what);
	/* Around the one scan of every rating (load.c): tuning for it. */
	int	(*scan)(struct store *, bool start, struct errlist *);
	/* The schema version (0: a new, empty database), refusing a database
	 * that is not a panelist study; and setting it inside a migration. */
	int	(*schema_version)(struct store *, int64_t *, struct errlist *);
	int	(*set_schema_version)(struct store *, int, struct errlist *);
};

extern const struct engine engine_sqlite;
extern const struct engine engine_postgres;

/* Whether --db names a PostgreSQL database: a postgresql:// or postgres://
 * URI, or a libpq "keyword=value" connection string (postgres.c). */
bool engine_postgres_address(const char *);

#endif
