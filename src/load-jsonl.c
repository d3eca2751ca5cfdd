/* load-jsonl.c: model outputs as JSON Lines, one object per line.
 *
 * The file is streamed line by line, so its size is bounded only by the
 * database; a single line is bounded by LOAD_MAX_JSONL_LINE.  Keys other than
 * model, prompt and text are kept with the output as metadata. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

static const char *const jsonl_keys[] = { "model", "prompt", "text", "kind", NULL };

static const char *
json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "true or false";
	default:
		return "null";
	}
}

/* A required string member; NULL with an error when it is missing or not one. */
static const char *
member_text(struct bundle *b, json_t *obj, const char *key, struct pos *at,
    struct errlist *errs)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL) {
		err_at(errs, at, "missing required key \"%s\"", key);
		return NULL;
	}
	if (!json_is_string(v)) {
		err_at(errs, at, "\"%s\": expected a string, found %s", key, json_type_name(v));
		return NULL;
	}
	return arena_strndup(&b->arena, json_string_value(v), json_string_length(v));
}

/* Everything but the known keys, as compact JSON with sorted keys so the
 * same metadata always hashes the same. */
static const char *
metadata_of(struct bundle *b, json_t *obj)
{
	json_t *rest = json_object();
	const char *key, *out = NULL;
	json_t *v;
	char *text;

	json_object_foreach(obj, key, v) {
		size_t i;

		for (i = 0; jsonl_keys[i] != NULL; i++) {
			if (strcmp(jsonl_keys[i], key) == 0)
				break;
		}
		if (jsonl_keys[i] == NULL)
			json_object_set(rest, key, v);
	}
	if (json_object_size(rest) > 0) {
		text = json_dumps(rest, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
		if (text != NULL) {
			out = arena_strdup(&b->arena, text);
			free(text);
		}
	}
	json_decref(rest);
	return out;
}

static void
load_jsonl_object(struct bundle *b, json_t *obj, struct pos *at, struct errlist *errs)
{
	struct output_def *o;
	json_t *kind = json_object_get(obj, "kind");
	const char *model, *prompt, *text;

	if (kind != NULL && !(json_is_string(kind) && strcmp(json_string_value(kind), "output") == 0)) {
		err_at(errs, at, "\"kind\": expected \"output\" in an outputs file");
		return;
	}
	model = member_text(b, obj, "model", at, errs);
	prompt = member_text(b, obj, "prompt", at, errs);
	text = member_text(b, obj, "text", at, errs);
	if (model == NULL || prompt == NULL || text == NULL)
		return;
	if (!str_is_id(model) || !str_is_id(prompt)) {
		err_at(errs, at, "\"%s\": '%s' is not an id (use lower-case letters, digits and hyphens)",
		    str_is_id(model) ? "prompt" : "model", str_is_id(model) ? prompt : model);
		return;
	}
	if (strlen(text) != json_string_length(json_object_get(obj, "text"))) {
		err_at(errs, at, "\"text\": holds a NUL character");
		return;
	}
	o = arena_alloc(&b->arena, sizeof *o);
	o->pos = o->model_pos = o->prompt_pos = *at;
	o->model = model;
	o->prompt = prompt;
	o->text = text;
	o->metadata = metadata_of(b, obj);
	output_hash(o);
	ptrvec_push(&b->outputs, o);
}

static bool
line_is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	}
	return true;
}

static void
load_jsonl_line(struct bundle *b, const char *file, unsigned lineno, const char *line,
    size_t len, struct errlist *errs)
{
	struct pos at = { file, lineno, 1 };
	json_error_t jerr;
	size_t bad;
	json_t *obj;

	if ((bad = utf8_invalid_at(line, len)) < len) {
		at = text_pos(file, line, bad);
		at.line = lineno;
		err_at(errs, &at, line[bad] == '\0' ? "the line holds a NUL byte" :
		    "not valid UTF-8 (byte 0x%02x)", (unsigned char)line[bad]);
		return;
	}
	obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (obj == NULL) {
		at.col = jerr.column > 0 ? (unsigned)jerr.column : 1;
		err_at(errs, &at, "malformed JSON: %s", jerr.text);
		return;
	}
	if (!json_is_object(obj))
		err_at(errs, &at, "expected a JSON object, found %s", json_type_name(obj));
	else
		load_jsonl_object(b, obj, &at, errs);
	json_decref(obj);
}

size_t
load_jsonl_stream(struct bundle *b, const char *file, FILE *f, struct errlist *errs)
{
	struct buf line = { 0 };
	size_t before = errs->n, objects = 0;
	unsigned lineno = 0;
	int ch = 0;

	while (ch != EOF) {
		line.len = 0;
		while ((ch = getc(f)) != EOF && ch != '\n') {
			char c = (char)ch;

			if (line.len < LOAD_MAX_JSONL_LINE)
				buf_add(&line, &c, 1);
			else
				line.len++;	/* count on without keeping it */
		}
		if (ch == EOF && line.len == 0)
			break;
		lineno++;
		if (line.len > LOAD_MAX_JSONL_LINE) {
			struct pos at = { file, lineno, 1 };

			err_at(errs, &at, "the line is longer than the %lu MiB limit for one JSONL line",
			    LOAD_MAX_JSONL_LINE >> 20);
			break;
		}
		if (line.data == NULL || line_is_blank(line.data, line.len))
			continue;
		objects++;
		load_jsonl_line(b, file, lineno, line.data, line.len, errs);
	}
	if (ferror(f)) {
		struct pos at = { file, 0, 0 };

		err_at(errs, &at, "cannot read: %s", strerror(errno));
	} else if (objects == 0 && errs->n == before) {
		struct pos at = { file, 0, 0 };

		err_at(errs, &at, "the file is empty; expected one JSON object per line");
	}
	buf_free(&line);
	return errs->n - before;
}
