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
/* Every real is written with the fewest significant digits (15, 16 or
 * 17) that read back as the same double: 4.9, 0.30000000000000004.
 * jv_dump writes the document (indented) and a newline, and releases it;
 * -1 with errno set when writing failed.  jv_line returns it on one line
 * without spaces (a JSON line, to free), and releases it. */
int	 jv_dump(json_t *root, FILE *);
char	*jv_line(json_t *root);
/* The shortest exact text of a finite real, as jv_dump writes it. */
void	 jv_real_text(double, char *out, size_t size);

#endif
