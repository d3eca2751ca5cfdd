/* store.h: the study database.
 *
 * All SQL lives behind this interface (store*.c); nothing else includes
 * sqlite3.h, so that another backend could take its place.  Functions return
 * an exit-status-like code: 0 success, STORE_RUNTIME for a failure of the
 * machine (I/O, a database that stays locked), STORE_INPUT for a problem with
 * what the user gave; the message is in the errlist. */
#ifndef PANELIST_STORE_H
#define PANELIST_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "ratings.h"
#include "table.h"
#include "util.h"

#define STORE_RUNTIME	1
#define STORE_INPUT	2

/* The schema this program writes; older ones are upgraded in place. */
#define STORE_SCHEMA_VERSION	1

struct store;

enum store_mode {
	STORE_OPEN_EXISTING,	/* refuse a missing file */
	STORE_OPEN_CREATE,	/* create it when missing */
};

int store_open(const char *path, enum store_mode, struct store **, struct errlist *);
void store_close(struct store *);
/* What store_open did: created the file, upgraded its schema (from which). */
bool store_created(const struct store *);
int store_upgraded_from(const struct store *);
const char *store_path(const struct store *);

/* Import: one transaction around everything a bundle holds. */
struct import_counts {
	size_t	added[4];	/* rubrics, prompts, outputs, studies */
	size_t	updated[4];	/* changed in place (never rated) */
	size_t	versioned[4];	/* changed after being rated: a new version */
	size_t	unchanged[4];
};
enum { IMP_RUBRIC, IMP_PROMPT, IMP_OUTPUT, IMP_STUDY };

int store_import(struct store *, const struct bundle *, struct import_counts *,
    struct errlist *);

/* What validation asks of the database's existing content. */
bool store_has_rubric(struct store *, const char *capability);
bool store_has_prompt(struct store *, const char *id);

/* Study settings. */
struct study_settings {
	char		*id;		/* random, fixed at creation: tells studies apart */
	char		*title;
	bool		 blind;
	long		 overlap;	/* 0: every reviewer rates every output */
	uint64_t	 seed;
};
int store_study(struct store *, struct study_settings *, struct errlist *);
void study_settings_free(struct study_settings *);

/* Reports for status, list and show, as tables. */
int store_status_capabilities(struct store *, struct table *, struct errlist *);
int store_status_reviewers(struct store *, struct table *, struct errlist *);
int store_list(struct store *, const char *what, struct table *, struct errlist *);
int store_show_prompt(struct store *, const char *id, FILE *, struct errlist *);

/* Ratings: each call is its own transaction with its history row. */
struct rating_key {
	const char	*reviewer;
	const char	*prompt;	/* prompt id; its current version */
	const char	*model;
	const char	*capability;
	const char	*axis;
};
/* score < 0 marks the axis not applicable. */
int store_set_score(struct store *, const struct rating_key *, int score,
    struct errlist *);
/* Ratings attached to a prompt's versions, for tests and reports. */
long store_count_ratings(struct store *, const char *prompt_id, int version);

/* Every rating of the study as arrays, for scores and agreement. */
int store_load_ratings(struct store *, struct rating_set *, struct errlist *);

#endif
