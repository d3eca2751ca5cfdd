/* json.h: the one way panelist writes JSON, for every JSON writer.
 *
 * jansson allocates through xmalloc (util.h) here, so building a document
 * cannot fail: a NULL from jansson would mean out of memory, and that
 * ends the program as every other allocation does.  jansson also refuses
 * text that is not valid UTF-8; names and notes come from files and the
 * database, so jv_str writes each invalid byte as U+FFFD instead, and a
 * stray byte in a reviewer's name costs one replaced character, not the
 * whole document. */
#ifndef PANELIST_JSON_H
#define PANELIST_JSON_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/* Point jansson at the aborting allocator; done once, before main, and
 * again harmlessly. */
void	 jv_setup(void);

json_t	*jv_str(const char *);		/* invalid UTF-8 bytes as U+FFFD */
json_t	*jv_num(double);		/* null for NAN */
json_t	*jv_count(size_t);
void	 jv_set(json_t *object, const char *key, json_t *value);
void	 jv_append(json_t *array, json_t *value);
/* Write the document (indented, reals to 17 significant digits) and a
 * newline, and release it; -1 with errno set when writing failed. */
int	 jv_dump(json_t *root, FILE *);

#endif
