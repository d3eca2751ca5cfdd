/* import.h: the import pipeline, shared by `import` and `demo`:
 * load every file, validate the whole, write it in one transaction. */
#ifndef PANELIST_IMPORT_H
#define PANELIST_IMPORT_H

#include <stdio.h>

#include "store.h"

/* 0, or STORE_INPUT / STORE_RUNTIME with the problems in errs; on any
 * problem the database is left exactly as it was. */
int import_paths(struct store *, char *const *paths, size_t n,
    struct import_counts *, size_t *n_files, struct errlist *);
/* import itself: with `ratings`, JSONL lines without a kind are ratings;
 * a study file that changes who rates what (blind, overlap, the seed,
 * the roster) of a study holding ratings is refused unless `force`; its
 * consequences for each reviewer go to `effects` (when not NULL) before
 * it is written, or refused.  import_paths forces: its callers' files
 * are the study (the demo's, the tests'). */
struct import_opts {
	bool	 ratings;
	bool	 force;
	FILE	*effects;
};
int import_run(struct store *, char *const *paths, size_t n, const struct import_opts *,
    struct import_counts *, size_t *n_files, struct errlist *);
/* What a study file's settings change for each reviewer, as lines for
 * `out` (none when no setting changes); *unassigned counts the ratings on
 * items their reviewers lose, which are kept (import-study.c). */
struct buf;
int import_study_effects(struct store *, const struct study_def *, struct buf *out,
    long *unassigned, struct errlist *);
/* The one-line summary of what an import changed. */
void import_summary(const struct import_counts *, size_t n_files, FILE *);

#endif
