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

#include "i18n.h"
#include "load.h"
#include "sha256.h"
#include "strset.h"

static const char *const jsonl_keys[] = { "model", "prompt", "text", "kind", NULL };

static const char *
json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return _("an object");
	case JSON_ARRAY:
		return _("an array");
	case JSON_STRING:
		return _("a string");
	case JSON_INTEGER:
	case JSON_REAL:
		return _("a number");
	case JSON_TRUE:
	case JSON_FALSE:
		return _("true or false");
	default:
		return "null";	/* machine */
	}
}

/* A required string member; NULL with an error when it is missing or not one. */
static const char *
member_text(struct bundle *b, json_t *obj, const char *key, struct pos *at,
    struct errlist *errs)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL) {
		err_at(errs, at, _("missing required key \"%s\""), key);
		return NULL;
	}
	if (!json_is_string(v)) {
		err_at(errs, at, _("\"%s\": expected a string, found %s"), key, json_type_name(v));
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

static const char *const rating_keys[] = {
	"kind", "study", "reviewer", "prompt", "prompt_version", "model", "capability",
	"rubric_version", "axis", "score", "scores", "note", "flag", "flag_reason",
	"active_seconds", "first_rated", "changed", NULL
};

/* An optional string member: NULL when absent or null; -1 on a wrong type. */
static int
optional_text(struct bundle *b, json_t *obj, const char *key, const char **out,
    struct pos *at, struct errlist *errs)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		err_at(errs, at, _("\"%s\": expected a string, found %s"), key, json_type_name(v));
		return -1;
	}
	*out = arena_strndup(&b->arena, json_string_value(v), json_string_length(v));
	return 0;
}

static int
optional_integer(json_t *obj, const char *key, long *out, struct pos *at, struct errlist *errs)
{
	json_t *v = json_object_get(obj, key);

	*out = 0;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > LOAD_MAX_VERSION) {
		err_at(errs, at, _("\"%s\": expected a whole number from 1 to %lld"), key,
		    LOAD_MAX_VERSION);
		return -1;
	}
	*out = (long)json_integer_value(v);
	return 0;
}

static int
check_rating_keys(json_t *obj, struct pos *at, struct errlist *errs)
{
	const char *key, *near;
	json_t *v;
	int bad = 0;

	json_object_foreach(obj, key, v) {
		size_t i;

		for (i = 0; rating_keys[i] != NULL && strcmp(rating_keys[i], key) != 0; i++)
			;
		if (rating_keys[i] != NULL)
			continue;
		if ((near = did_you_mean(key, rating_keys)) != NULL)
			err_at(errs, at, _("unknown key \"%s\" (did you mean \"%s\"?)"), key, near);
		else
			err_at(errs, at, _("unknown key \"%s\" in a ratings line"), key);
		bad = -1;
	}
	return bad;
}

/* The part every rating of a line shares. */
static struct rating_def *
rating_common(struct bundle *b, json_t *obj, struct pos *at, struct errlist *errs)
{
	struct rating_def *r = arena_alloc(&b->arena, sizeof *r);
	json_t *secs = json_object_get(obj, "active_seconds");
	size_t before = errs->n;

	r->pos = *at;
	r->reviewer = member_text(b, obj, "reviewer", at, errs);
	r->prompt = member_text(b, obj, "prompt", at, errs);
	r->model = member_text(b, obj, "model", at, errs);
	r->capability = member_text(b, obj, "capability", at, errs);
	if (optional_integer(obj, "prompt_version", &r->prompt_version, at, errs) == 0 &&
	    r->prompt_version == 0 && errs->n == before)
		r->prompt_version = 1;
	optional_integer(obj, "rubric_version", &r->rubric_version, at, errs);
	optional_text(b, obj, "note", &r->note, at, errs);
	optional_text(b, obj, "flag", &r->flag, at, errs);
	optional_text(b, obj, "flag_reason", &r->flag_reason, at, errs);
	optional_text(b, obj, "changed", &r->changed, at, errs);
	if (secs != NULL && !json_is_null(secs)) {
		if (!json_is_number(secs) || json_number_value(secs) < 0)
			err_at(errs, at, _("\"active_seconds\": expected a number of seconds"));
		else
			r->active_seconds = json_number_value(secs);
	}
	return errs->n == before ? r : NULL;
}

static void
push_score(struct bundle *b, const struct rating_def *common, const char *axis, json_t *v,
    struct pos *at, struct errlist *errs)
{
	struct rating_def *r;

	if (v != NULL && !json_is_null(v) && !json_is_integer(v) &&
	    !(json_is_string(v) && strcmp(json_string_value(v), "NA") == 0)) {
		err_at(errs, at, _("score of \"%s\": expected a whole number, or null for N/A"), axis);
		return;
	}
	r = arena_alloc(&b->arena, sizeof *r);
	*r = *common;
	r->axis = arena_strdup(&b->arena, axis);
	r->na = !json_is_integer(v);
	r->score = r->na ? 0 : (long)json_integer_value(v);
	ptrvec_push(&b->ratings, r);
}

/* A line of `export --format jsonl`: long (axis and score) or wide (scores). */
static void
load_rating_line(struct bundle *b, json_t *obj, struct pos *at, struct errlist *errs)
{
	struct rating_def *common;
	json_t *scores = json_object_get(obj, "scores"), *v;
	const char *axis;

	if (check_rating_keys(obj, at, errs) != 0 || (common = rating_common(b, obj, at, errs)) == NULL)
		return;
	if (scores != NULL) {
		if (!json_is_object(scores)) {
			err_at(errs, at, _("\"scores\": expected an object of axis: score"));
			return;
		}
		json_object_foreach(scores, axis, v)
			push_score(b, common, axis, v, at, errs);
		return;
	}
	if ((axis = member_text(b, obj, "axis", at, errs)) == NULL)
		return;
	if ((v = json_object_get(obj, "score")) == NULL) {
		err_at(errs, at, _("missing required key \"score\" (null for N/A)"));
		return;
	}
	push_score(b, common, axis, v, at, errs);
}

static void
load_jsonl_object(struct bundle *b, json_t *obj, struct pos *at, bool ratings,
    const char *line_hash, struct errlist *errs)
{
	struct output_def *o;
	json_t *kind = json_object_get(obj, "kind");
	const char *model, *prompt, *text, *k;

	k = kind != NULL && json_is_string(kind) ? json_string_value(kind) : NULL;
	if (k != NULL && strcmp(k, "ratings") == 0) {
		load_rating_line(b, obj, at, errs);
		return;
	}
	if (kind == NULL && ratings) {
		load_rating_line(b, obj, at, errs);
		return;
	}
	if (kind != NULL && (k == NULL || strcmp(k, "output") != 0)) {
		err_at(errs, at, _("\"kind\": expected \"output\" or \"ratings\""));
		return;
	}
	model = member_text(b, obj, "model", at, errs);
	prompt = member_text(b, obj, "prompt", at, errs);
	text = member_text(b, obj, "text", at, errs);
	if (model == NULL || prompt == NULL || text == NULL)
		return;
	if (!str_is_id(model) || !str_is_id(prompt)) {
		err_at(errs, at, _("\"%s\": '%s' is not an id (use lower-case letters, digits and hyphens)"),
		    str_is_id(model) ? "prompt" : "model", str_is_id(model) ? prompt : model);
		return;
	}
	if (strlen(text) != json_string_length(json_object_get(obj, "text"))) {
		err_at(errs, at, _("\"text\": holds a NUL character"));
		return;
	}
	o = arena_alloc(&b->arena, sizeof *o);
	o->pos = o->model_pos = o->prompt_pos = *at;
	o->model = model;
	o->prompt = prompt;
	o->text = text;
	o->metadata = metadata_of(b, obj);
	output_hash(o);
	if (line_hash != NULL)
		memcpy(o->line_hash, line_hash, sizeof o->line_hash);
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
    size_t len, bool ratings, const char *line_hash, struct errlist *errs)
{
	struct pos at = { file, lineno, 1 };
	json_error_t jerr;
	size_t bad;
	json_t *obj;

	if ((bad = utf8_invalid_at(line, len)) < len) {
		at = text_pos(file, line, bad);
		at.line = lineno;
		if (line[bad] == '\0')
			err_at(errs, &at, _("the line holds a NUL byte"));
		else
			err_at(errs, &at, _("not valid UTF-8 (byte 0x%02x)"),
			    (unsigned char)line[bad]);
		return;
	}
	obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (obj == NULL) {
		at.col = jerr.column > 0 ? (unsigned)jerr.column : 1;
		err_at(errs, &at, _("malformed JSON: %s"), jerr.text);
		return;
	}
	if (!json_is_object(obj))
		err_at(errs, &at, _("expected a JSON object, found %s"), json_type_name(obj));
	else
		load_jsonl_object(b, obj, &at, ratings, line_hash, errs);
	json_decref(obj);
}

/* The hash that finds a line again in the next import: of its bytes, but
 * for the CR of a CRLF ending. */
static void
line_hash_of(const char *line, size_t len, char out[65])
{
	struct sha256 s;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	sha256_init(&s);
	sha256_update(&s, line, len);
	sha256_hex(&s, out);
}

/* A line the database holds an output from, byte for byte: that output as
 * it is, for validation to see, without parsing the line again.  The map's
 * own entry serves the first line that has it, a copy any later one (which
 * validation then reports as a second output). */
static bool
load_known_line(struct bundle *b, const char *file, unsigned lineno, const char *line_hash)
{
	struct output_def *known, *o;

	if (b->known_lines == NULL ||
	    (known = (struct output_def *)strset_get(b->known_lines, line_hash)) == NULL)
		return false;
	if (known->pos.file == NULL)
		o = known;
	else {
		o = arena_alloc(&b->arena, sizeof *o);
		*o = *known;
	}
	o->pos.file = file;
	o->pos.line = lineno;
	o->pos.col = 1;
	o->model_pos = o->prompt_pos = o->pos;
	ptrvec_push(&b->outputs, o);
	return true;
}

/* After the first line that is an output: the database's outputs by line
 * hash, and that line among them too, as if it had been found there. */
static void
ask_known_lines(struct bundle *b, const char *file, unsigned lineno, const char *line_hash)
{
	b->known_lines = b->read_known_lines(b->known_ctx);
	b->read_known_lines = NULL;
	b->outputs.n--;
	if (!load_known_line(b, file, lineno, line_hash))
		b->outputs.n++;
}

size_t
load_jsonl_stream(struct bundle *b, const char *file, FILE *f, struct errlist *errs)
{
	return load_jsonl_lines(b, file, f, false, errs);
}

/* The file is read in blocks of LOAD_JSONL_BLOCK bytes and split at each
 * newline with memchr: a byte at a time through getc was a sixth of an
 * import.  A line that crosses a block is moved to the front once and the
 * buffer grows to hold it, up to LOAD_MAX_JSONL_LINE. */
struct line_reader {
	FILE	*f;
	char	*buf;
	size_t	 cap;
	size_t	 start;		/* the first byte not yet handed out */
	size_t	 scanned;	/* bytes after start known to hold no newline */
	size_t	 end;		/* the end of what was read */
	bool	 eof;
};

/* Make room after end and read into it; false at the end of the file or
 * on an error (ferror tells which). */
static bool
reader_fill(struct line_reader *r)
{
	size_t got;

	if (r->eof)
		return false;
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->cap - r->end < LOAD_JSONL_BLOCK) {
		r->cap = r->cap == 0 ? LOAD_JSONL_BLOCK : r->cap * 2;
		r->buf = xreallocarray(r->buf, r->cap, 1);
	}
	got = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
	r->end += got;
	if (got == 0)
		r->eof = true;
	return got > 0;
}

/* The next line without its newline: 1, or 0 at the end of the file, or -1
 * for a line longer than LOAD_MAX_JSONL_LINE (the rest is not read). */
static int
reader_next(struct line_reader *r, const char **line, size_t *len)
{
	char *nl;

	for (;;) {
		if (r->end - r->start > r->scanned && (nl = memchr(r->buf + r->start +
		    r->scanned, '\n', r->end - r->start - r->scanned)) != NULL)
			break;
		r->scanned = r->end - r->start;
		if (r->scanned > LOAD_MAX_JSONL_LINE)
			return -1;
		if (!reader_fill(r)) {
			if (r->start == r->end)
				return 0;
			nl = r->buf + r->end;	/* a last line without a newline */
			break;
		}
	}
	*line = r->buf + r->start;
	*len = (size_t)(nl - *line);
	if (*len > LOAD_MAX_JSONL_LINE)
		return -1;
	r->start += *len + (nl < r->buf + r->end);
	r->scanned = 0;
	return 1;
}

size_t
load_jsonl_lines(struct bundle *b, const char *file, FILE *f, bool ratings,
    struct errlist *errs)
{
	struct line_reader r = { .f = f };
	struct errlist unshown = { 0 };
	size_t before = errs->n, objects = 0, hidden = 0, len;
	unsigned lineno = 0;
	const char *line;
	char line_hash[65];
	int got;

	while ((got = reader_next(&r, &line, &len)) != 0) {
		lineno++;
		if (got < 0) {
			struct pos at = { file, lineno, 1 };

			err_at(errs, &at, _("the line is longer than the %lu MiB limit for one JSONL line"),
			    LOAD_MAX_JSONL_LINE >> 20);
			break;
		}
		if (line_is_blank(line, len))
			continue;
		objects++;
		/* With --ratings a line without a kind is a rating, never an output. */
		if (!ratings) {
			line_hash_of(line, len, line_hash);
			if (load_known_line(b, file, lineno, line_hash))
				continue;
		}
		if (errs->n - before < LOAD_MAX_ERRORS) {
			size_t had = b->outputs.n;

			load_jsonl_line(b, file, lineno, line, len, ratings,
			    ratings ? NULL : line_hash, errs);
			if (b->outputs.n > had && b->read_known_lines != NULL)
				ask_known_lines(b, file, lineno, line_hash);
		} else {
			/* Counted, not kept: a million bad lines are not a million messages. */
			load_jsonl_line(b, file, lineno, line, len, ratings,
			    ratings ? NULL : line_hash, &unshown);
			hidden += unshown.n;
			err_clear(&unshown);
		}
	}
	if (ferror(f)) {
		struct pos at = { file, 0, 0 };

		err_at(errs, &at, _("cannot read: %s"), strerror(errno));
	} else if (objects == 0 && errs->n == before) {
		struct pos at = { file, 0, 0 };

		err_at(errs, &at, _("the file is empty; expected one JSON object per line"));
	}
	if (hidden > 0) {
		struct pos at = { file, 0, 0 };

		err_at(errs, &at, P_("%zu more problem in this file is not shown",
		    "%zu more problems in this file are not shown", hidden), hidden);
	}
	free(r.buf);
	return errs->n - before + hidden - (hidden > 0);
}
