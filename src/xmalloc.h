/* xmalloc.h: memory.  The bottom of the house: it includes nothing of ours,
 * so text, layout and everything above can use it without a circle. */
#ifndef PANELIST_XMALLOC_H
#define PANELIST_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

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

/* A growing array of pointers, so loaders can append without knowing counts. */
struct ptrvec {
	void	**v;
	size_t	  n;
};
void ptrvec_push(struct ptrvec *, void *);
void ptrvec_free(struct ptrvec *);

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

#endif
