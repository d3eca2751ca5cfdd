/* store/schema.h: the schema, for store_open alone.  A header of its own, so
 * that store.c (which opens) and store-schema.c (which uses store.c's
 * statements) do not declare each other through store-internal.h. */
#ifndef PANELIST_STORE_SCHEMA_H
#define PANELIST_STORE_SCHEMA_H

struct errlist;
struct store;

/* Refuse, without writing, a file that is not a study this program can use. */
int store_check_identity(struct store *, struct errlist *);
/* Bring an older schema up to STORE_SCHEMA_VERSION in place. */
int store_migrate(struct store *, struct errlist *);

#endif
