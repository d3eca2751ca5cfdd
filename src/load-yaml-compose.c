/* load-yaml-compose.c: YAML parser events into a document, under limits.
 *
 * libyaml's own yaml_parser_load has no limits: its scanner is quadratic in
 * the nesting depth (a million levels took minutes), its anchor lookup is
 * quadratic in the number of anchors, and each node costs about 200 bytes,
 * so a file of two-byte nodes grows forty-fold in memory.  Composing the
 * document here from yaml_parser_parse's events lets each limit be checked
 * at the event that crosses it, before the cost is paid; anchors are kept
 * in a strset. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "load-yaml.h"
#include "strset.h"

/* An open collection: its node and, inside a mapping, a key awaiting its value. */
struct frame {
	int	 id;
	int	 key;
};

struct composer {
	yaml_parser_t	*parser;
	yaml_document_t	*doc;
	const char	*file;
	struct errlist	*errs;
	struct frame	 stack[LOAD_MAX_YAML_DEPTH];
	size_t		 depth;
	size_t		 nodes;
	struct strset	 anchors;	/* anchor -> node id, as a pointer */
};

static void
fail_at(struct composer *c, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail_at(struct composer *c, yaml_mark_t m, const char *fmt, ...)
{
	struct pos p = { c->file, (unsigned)m.line + 1, (unsigned)m.column + 1 };
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_at(c->errs, &p, "%s", msg);
}

/* libyaml's words for what it was reading and what it found, in its
 * English: listed here so that the catalogue holds them, and looked up
 * by yaml_words() so that they are shown in the reviewer's language. */
static const char *const libyaml_words[] = {
	/* TRANSLATORS: what libyaml was reading when it failed, as in "YAML
	 * syntax error in a quoted scalar begun here". */
	N_("a simple key"),
	N_("a quoted scalar"),
	N_("a plain scalar"),
	N_("a block scalar"),
	N_("an anchor"),
	N_("an alias"),
	N_("a tag"),
	N_("a directive"),
	N_("a block mapping"),
	N_("a block collection"),
	N_("a flow sequence"),
	N_("a flow mapping"),
	N_("a node"),
	N_("for the next token"),
	N_("while scanning a simple key"),
	N_("while scanning a quoted scalar"),
	N_("while scanning a plain scalar"),
	N_("while scanning a block scalar"),
	N_("while scanning an anchor"),
	N_("while scanning an alias"),
	N_("while scanning a tag"),
	N_("while scanning a directive"),
	N_("while scanning for the next token"),
	N_("while parsing a block mapping"),
	N_("while parsing a block collection"),
	N_("while parsing a flow sequence"),
	N_("while parsing a flow mapping"),
	N_("while parsing a node"),
	N_("found unexpected end of stream"),
	N_("could not find expected ':'"),
	N_("found character that cannot start any token"),
	N_("mapping values are not allowed in this context"),
	N_("did not find expected key"),
	N_("did not find expected ',' or ']'"),
	N_("did not find expected ',' or '}'"),
	N_("did not find expected node content"),
	N_("did not find expected '-' indicator"),
	N_("found a tab character that violates indentation"),
	N_("found unknown escape character"),
	N_("block sequence entries are not allowed in this context"),
	N_("found unexpected document indicator"),
	N_("did not find expected <document start>"),
	NULL
};

static const char *
yaml_words(const char *s)
{
	size_t i;

	for (i = 0; libyaml_words[i] != NULL; i++) {
		if (strcmp(s, libyaml_words[i]) == 0)
			return _(libyaml_words[i]);
	}
	return s;
}

/* "while scanning a quoted scalar" -> "a quoted scalar". */
static const char *
context_noun(const char *context)
{
	const char *s = context;

	if (strncmp(s, "while ", 6) == 0 && (s = strchr(s + 6, ' ')) != NULL)
		return s + 1;
	return context;
}

/* Where the construct that could not be finished began (context_mark) is
 * usually where the mistake is, such as an unclosed quote; where the parser
 * gave up (problem_mark) may be many lines further on. */
void
load_yaml_syntax_error(const yaml_parser_t *p, const char *file, struct errlist *errs)
{
	struct pos at = { file, (unsigned)p->problem_mark.line + 1,
	    (unsigned)p->problem_mark.column + 1 };
	struct pos from = { file, (unsigned)p->context_mark.line + 1,
	    (unsigned)p->context_mark.column + 1 };
	const char *problem = p->problem != NULL ? yaml_words(p->problem) :
	    _("malformed document");

	if (p->error == YAML_MEMORY_ERROR)
		out_of_memory();
	if (p->context != NULL && (from.line != at.line || from.col != at.col))
		err_at(errs, &from, _("YAML syntax error in %s begun here; parsing stopped at "
		    "%u:%u: %s"), yaml_words(context_noun(p->context)), at.line, at.col, problem);
	else if (p->context != NULL)
		err_at(errs, &at, _("YAML syntax error: %s %s"), problem, yaml_words(p->context));
	else
		err_at(errs, &at, _("YAML syntax error: %s"), problem);
}

/* Attach a finished or opening node to the collection it is in. */
static void
attach(struct composer *c, int id)
{
	struct frame *f;

	if (c->depth == 0)
		return;		/* the root */
	f = &c->stack[c->depth - 1];
	if (c->doc->nodes.start[f->id - 1].type == YAML_SEQUENCE_NODE) {
		if (!yaml_document_append_sequence_item(c->doc, f->id, id))
			out_of_memory();
	} else if (f->key == 0)
		f->key = id;
	else {
		if (!yaml_document_append_mapping_pair(c->doc, f->id, f->key, id))
			out_of_memory();
		f->key = 0;
	}
}

/* A new node from an event: its position, its anchor, its place. */
static void
add_node(struct composer *c, const yaml_event_t *e, int id, const yaml_char_t *anchor)
{
	if (id == 0)
		out_of_memory();	/* the parser's events are valid UTF-8 */
	c->doc->nodes.start[id - 1].start_mark = e->start_mark;
	c->doc->nodes.start[id - 1].end_mark = e->end_mark;
	if (anchor != NULL)
		strset_set(&c->anchors, (const char *)anchor, (const void *)(intptr_t)id);
	attach(c, id);
}

static bool
count_node(struct composer *c, const yaml_event_t *e)
{
	if (++c->nodes <= LOAD_MAX_YAML_NODES)
		return true;
	fail_at(c, e->start_mark, _("the document has more than %d nodes; "
	    "split it, or give outputs as JSONL"), LOAD_MAX_YAML_NODES);
	return false;
}

static void
open_collection(struct composer *c, const yaml_event_t *e, int id, const yaml_char_t *anchor)
{
	add_node(c, e, id, anchor);
	c->stack[c->depth].id = id;
	c->stack[c->depth].key = 0;
	c->depth++;
}

/* One node event; false (with the error reported) to stop. */
static bool
compose_event(struct composer *c, yaml_event_t *e)
{
	int id;

	switch (e->type) {
	case YAML_SCALAR_EVENT:
		if (!count_node(c, e))
			return false;
		id = yaml_document_add_scalar(c->doc, NULL, e->data.scalar.value,
		    (int)e->data.scalar.length, e->data.scalar.style);
		add_node(c, e, id, e->data.scalar.anchor);
		return true;
	case YAML_ALIAS_EVENT:
		if (!count_node(c, e))
			return false;
		if ((id = (int)(intptr_t)strset_get(&c->anchors,
		    (const char *)e->data.alias.anchor)) == 0) {
			fail_at(c, e->start_mark, _("YAML alias '*%s' names no anchor before it"),
			    (const char *)e->data.alias.anchor);
			return false;
		}
		attach(c, id);
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (c->depth == LOAD_MAX_YAML_DEPTH) {
			fail_at(c, e->start_mark, _("the document nests deeper than %d levels"),
			    LOAD_MAX_YAML_DEPTH);
			return false;
		}
		if (!count_node(c, e))
			return false;
		if (e->type == YAML_SEQUENCE_START_EVENT)
			open_collection(c, e, yaml_document_add_sequence(c->doc, NULL,
			    e->data.sequence_start.style), e->data.sequence_start.anchor);
		else
			open_collection(c, e, yaml_document_add_mapping(c->doc, NULL,
			    e->data.mapping_start.style), e->data.mapping_start.anchor);
		return true;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		c->depth--;
		return true;
	default:
		return true;
	}
}

static bool
next_event(struct composer *c, yaml_event_t *e)
{
	if (yaml_parser_parse(c->parser, e))
		return true;
	load_yaml_syntax_error(c->parser, c->file, c->errs);
	return false;
}

int
load_yaml_compose(yaml_parser_t *parser, yaml_document_t *doc, const char *file,
    struct errlist *errs)
{
	struct composer c = { parser, doc, file, errs, { { 0, 0 } }, 0, 0, { 0 } };
	yaml_event_t e;
	int rc = 0;

	yaml_document_initialize(doc, NULL, NULL, NULL, 1, 1);
	for (;;) {
		if (!next_event(&c, &e)) {
			rc = -1;
			break;
		}
		if (e.type == YAML_STREAM_END_EVENT || e.type == YAML_DOCUMENT_END_EVENT) {
			rc = e.type == YAML_DOCUMENT_END_EVENT;
			yaml_event_delete(&e);
			break;
		}
		if (!compose_event(&c, &e)) {
			yaml_event_delete(&e);
			rc = -1;
			break;
		}
		yaml_event_delete(&e);
	}
	strset_free(&c.anchors);
	return rc;
}

int
load_yaml_next_document(yaml_parser_t *parser, yaml_mark_t *at, const char *file,
    struct errlist *errs)
{
	struct composer c = { parser, NULL, file, errs, { { 0, 0 } }, 0, 0, { 0 } };
	yaml_event_t e;
	int rc = 0;

	for (;;) {
		if (!next_event(&c, &e))
			return -1;
		if (e.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&e);
			return 0;
		}
		if (e.type == YAML_SCALAR_EVENT || e.type == YAML_ALIAS_EVENT ||
		    e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT) {
			*at = e.start_mark;
			rc = 1;
		}
		yaml_event_delete(&e);
		if (rc == 1)
			return 1;
	}
}
