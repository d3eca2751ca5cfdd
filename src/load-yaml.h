/* load-yaml.h: the YAML parser's events composed into a document under the
 * limits of load.h; shared by load-yaml.c and load-yaml-compose.c only. */
#ifndef PANELIST_LOAD_YAML_H
#define PANELIST_LOAD_YAML_H

#include <yaml.h>

#include "load.h"

/* Compose the next document of the stream into doc, which the caller frees
 * with yaml_document_delete in every case.  Returns 1 with a document, 0 at
 * the end of the stream (doc has no root), -1 after reporting a syntax error
 * or a crossed limit to errs. */
int load_yaml_compose(yaml_parser_t *, yaml_document_t *, const char *file,
    struct errlist *);

/* After the first document: 1 with the position of a second document's
 * first node, 0 at the end of the stream, -1 after reporting an error. */
int load_yaml_next_document(yaml_parser_t *, yaml_mark_t *, const char *file,
    struct errlist *);

/* A parser error as file:line:column, naming where the unfinished construct
 * began as well as where parsing stopped. */
void load_yaml_syntax_error(const yaml_parser_t *, const char *file, struct errlist *);

#endif
