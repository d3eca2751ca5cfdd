/* load.h: reading input files into a bundle.
 *
 * Each loader checks what one file can tell on its own (syntax, types, keys,
 * ids, duplicates inside the file) and reports every problem with its
 * file:line:column; validate.h checks the bundle as a whole. */
#ifndef PANELIST_LOAD_H
#define PANELIST_LOAD_H

#include "model.h"
#include "util.h"

/* Inputs larger than these are refused before they are read, so a stray
 * multi-gigabyte file cannot exhaust the reviewer's memory. */
#define LOAD_MAX_YAML_BYTES	(64UL * 1024 * 1024)
#define LOAD_MAX_JSONL_LINE	(16UL * 1024 * 1024)

/* Load a file, or every *.yaml, *.yml and *.jsonl below a directory.
 * Returns the number of problems added to errs (0 on success). */
size_t load_path(struct bundle *, const char *path, struct errlist *);

/* Load one YAML or JSONL text already in memory (the file name is for
 * messages); used by load_path and by the tests. */
size_t load_yaml_text(struct bundle *, const char *file, const char *text,
    size_t len, struct errlist *);
size_t load_jsonl_stream(struct bundle *, const char *file, FILE *,
    struct errlist *);
/* The same, where a line without "kind" is a ratings line when `ratings`
 * (import --ratings) and an output otherwise. */
size_t load_jsonl_lines(struct bundle *, const char *file, FILE *, bool ratings,
    struct errlist *);

/* The 1-based line and column of byte `off` in `text`. */
struct pos text_pos(const char *file, const char *text, size_t off);

#endif
