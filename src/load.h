/* load.h: reading input files into a bundle.
 *
 * Each loader checks what one file can tell on its own (syntax, types, keys,
 * ids, duplicates inside the file) and reports every problem with its
 * file:line:column; validate.h checks the bundle as a whole. */
#ifndef PANELIST_LOAD_H
#define PANELIST_LOAD_H

#include "defs.h"
#include "util.h"

/* Inputs larger than these are refused before they are read, so a stray
 * multi-gigabyte file cannot exhaust the reviewer's memory. */
#define LOAD_MAX_YAML_BYTES	(64UL * 1024 * 1024)
#define LOAD_MAX_JSONL_LINE	(16UL * 1024 * 1024)
/* JSONL is read this many bytes at a time (load-jsonl.c). */
#define LOAD_JSONL_BLOCK	(1UL << 20)

/* A YAML document is composed under these limits, each checked at the
 * event that crosses it (load-yaml-compose.c): the memory a file can take
 * is bounded by its size, and no file takes more than linear time. */
#define LOAD_MAX_YAML_DEPTH	64	/* nested lists and mappings */
#define LOAD_MAX_YAML_NODES	1000000	/* scalars, lists, mappings, aliases */

/* What a YAML file adds to the bundle is at most its size plus this many
 * bytes per node (load-yaml.c walk_alloc); aliases cannot multiply it. */
#define LOAD_YAML_WALK_PER_NODE	64

/* Each file reports at most this many problems, then how many more. */
#define LOAD_MAX_ERRORS		100

/* The range of a rubric scale: wide enough for any rating scale, narrow
 * enough that min, max and their difference are exact in an int, and clear
 * of the store's ITEM_UNRATED and ITEM_NA (store.h). */
#define LOAD_SCALE_LOW		(-1000)
#define LOAD_SCALE_HIGH		1000
#define LOAD_SCALE_POINTS	101

/* The other whole numbers of the input files. */
#define LOAD_MAX_ONET_TASK_ID	2147483647L
#define LOAD_MAX_OVERLAP	10000L
/* A shared sample larger than any panel's queue is a typo. */
#define LOAD_MAX_SHARED	1000000L
#define LOAD_MAX_VERSION	2147483647LL	/* prompt_version, rubric_version */
#define LOAD_MAX_WEIGHT		1e6

/* Load a file, or every *.yaml, *.yml and *.jsonl below a directory.
 * Returns the number of problems added to errs (0 on success). */
size_t load_path(struct bundle *, const char *path, struct errlist *);

/* true (the default): a flat output line is read without jansson, in one
 * pass (load-jsonl.c).  The fuzzer sets it false to read the same input
 * through jansson alone and compare: the two ways must agree on every
 * line. */
extern bool load_jsonl_fast;

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


#endif
