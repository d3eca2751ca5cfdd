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
/* The same; with `ratings`, JSONL lines without a kind are ratings. */
int import_paths_ratings(struct store *, char *const *paths, size_t n, bool ratings,
    struct import_counts *, size_t *n_files, struct errlist *);
/* The one-line summary of what an import changed. */
void import_summary(const struct import_counts *, size_t n_files, FILE *);

#endif
