/* util.h: the error list every module reports into, messages, and small
 * string helpers; memory (xmalloc.h) comes with it.
 *
 * How errors travel, who prints them and what the exit status is: see
 * HACKING at the top of the source tree. */
#ifndef PANELIST_UTIL_H
#define PANELIST_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "xmalloc.h"

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* What a file of this mode is, for a message: "a FIFO", "a directory". */
const char *file_kind(mode_t);

/* Where something is in an input file; line and column count from 1, 0 when
 * unknown (a whole-file problem). */
struct pos {
	const char	*file;
	unsigned	 line;
	unsigned	 col;
};
/* The position of byte `off` in `text`, columns counted in characters. */
struct pos text_pos(const char *file, const char *text, size_t off);

/* Problems found while working, each already formatted with its position.
 * Input errors are collected so one run reports all of them. */
struct errlist {
	char	**msgs;
	size_t	  n;
};
void err_at(struct errlist *, const struct pos *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
void err_add(struct errlist *, const char *, ...) __attribute__((format(printf, 2, 3)));
/* Each message on a line of its own, through text_put() (text.h). */
void err_print(const struct errlist *, FILE *);
void err_clear(struct errlist *);

/* Messages to stderr, prefixed with the program name, through text_put(). */
void warnx_(const char *, ...) __attribute__((format(printf, 1, 2)));
void vwarnx_(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* A name table indexed by an enum: the name of i ("?" past the end), and
 * the index of a name (-1 when it is none of them). */
const char *names_name(const char *const *names, size_t n, size_t i);
int names_index(const char *const *names, size_t n, const char *s);

/* The closest of `choices` to `word` within a small edit distance, or NULL. */
const char *did_you_mean(const char *word, const char *const *choices);
/* The same over n choices (names read from a study). */
const char *did_you_mean_n(const char *word, const char *const *choices, size_t n);

/* UTF-8: where `s` (of length `len`) stops being valid UTF-8 or holds a NUL,
 * or `len` when it is clean. */
size_t utf8_invalid_at(const char *s, size_t len);

bool str_is_id(const char *);

/* dir/name with one slash between, however many dir ends with: every
 * path panelist builds and shows is made here.  A string to free. */
char *path_join(const char *dir, const char *name);

#endif
