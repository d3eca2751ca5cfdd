/* util.h: memory, growing buffers and the error list every module reports into. */
#ifndef PANELIST_UTIL_H
#define PANELIST_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that cannot fail: out of memory ends the program with a message,
 * since no caller could do anything sensible about it. */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
/* The same end, for a library that reports running out as an error code. */
void out_of_memory(void) __attribute__((noreturn));
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* A growing byte buffer, always NUL-terminated. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void buf_add(struct buf *, const void *, size_t);
void buf_addstr(struct buf *, const char *);
void buf_printf(struct buf *, const char *, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *);

/* An arena: many small allocations freed at once.  Loaded documents live in
 * one, so a failed import frees everything with one call. */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;
};
void *arena_alloc(struct arena *, size_t);
char *arena_strdup(struct arena *, const char *);
char *arena_strndup(struct arena *, const char *, size_t);
void arena_free(struct arena *);

/* What a file of this mode is, for a message: "a FIFO", "a directory". */
const char *file_kind(mode_t);

/* Where something is in an input file; line and column count from 1, 0 when
 * unknown (a whole-file problem). */
struct pos {
	const char	*file;
	unsigned	 line;
	unsigned	 col;
};

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

/* The closest of `choices` to `word` within a small edit distance, or NULL. */
const char *did_you_mean(const char *word, const char *const *choices);

/* UTF-8: where `s` (of length `len`) stops being valid UTF-8 or holds a NUL,
 * or `len` when it is clean. */
size_t utf8_invalid_at(const char *s, size_t len);

bool str_is_id(const char *);

#endif
