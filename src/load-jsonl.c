/* load-jsonl.c: model outputs as JSON Lines, one object per line.
 *
 * The file is streamed line by line, so its size is bounded only by the
 * database; a single line is bounded by LOAD_MAX_JSONL_LINE.  Keys other than
 * model, prompt and text are kept with the output as metadata. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

/* ---- the common output line, without jansson ------------------------------
 *
 * Nearly every line is one flat object of strings and whole numbers: model,
 * prompt, text and a few keys of metadata.  Such a line is read here in one
 * pass, into the strings the output keeps and its metadata written as
 * json_dumps writes it (compact, keys sorted, ASCII only), so the output's
 * hash is the same either way.  jansson built a tree per line and dumped
 * the metadata from a second one: two fifths of an import.  Anything else
 * (a kind, a nested value, a real number, a duplicate key, any mistake)
 * goes to jansson, which reads it or says what is wrong. */

#define FAST_MAX_MEMBERS	16

bool load_jsonl_fast = true;

struct fast_member {
	const char	*key;		/* as written: no escapes */
	size_t		 key_len;
	const char	*value;		/* as written; a string without its quotes */
	size_t		 value_len;
	bool		 string;
};

static const char *
fast_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* After the opening quote: the closing one, or NULL for a control byte or
 * the end of the line; *plain when there is no backslash. */
static const char *
fast_string_end(const char *p, const char *end, bool *plain)
{
	*plain = true;
	for (; p < end; p++) {
		if (*p == '"')
			return p;
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			*plain = false;
			if (++p == end)
				return NULL;
		}
	}
	return NULL;
}

/* A whole number as jansson would print it again: -?(0|[1-9][0-9]*), at
 * most 18 digits (never past a long long), not followed by a fraction or
 * an exponent.  The end of it, or NULL. */
static const char *
fast_integer(const char *p, const char *end)
{
	const char *digits;

	if (p < end && *p == '-')
		p++;
	digits = p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p == digits || p - digits > 18 || (*digits == '0' && p - digits > 1) ||
	    (*digits == '0' && digits[-1] == '-'))
		return NULL;
	if (p < end && (*p == '.' || *p == 'e' || *p == 'E'))
		return NULL;
	return p;
}

static const char *
fast_value(const char *p, const char *end, struct fast_member *m)
{
	static const char *const words[] = { "true", "false", "null" };
	const char *e;
	size_t i, n;
	bool plain;

	m->string = p < end && *p == '"';
	if (m->string) {
		if ((e = fast_string_end(p + 1, end, &plain)) == NULL)
			return NULL;
		m->value = p + 1;
		m->value_len = (size_t)(e - p - 1);
		return e + 1;
	}
	m->value = p;
	for (i = 0; i < 3; i++) {
		n = strlen(words[i]);
		if ((size_t)(end - p) >= n && memcmp(p, words[i], n) == 0) {
			m->value_len = n;
			return p + n;
		}
	}
	if ((e = fast_integer(p, end)) == NULL)
		return NULL;
	m->value_len = (size_t)(e - p);
	return e;
}

/* The members of a flat object, or -1. */
static int
fast_members(const char *p, const char *end, struct fast_member *m)
{
	const char *e;
	int n = 0, i;
	bool plain;

	p = fast_space(p, end);
	if (p == end || *p++ != '{')
		return -1;
	for (;;) {
		p = fast_space(p, end);
		if (n == FAST_MAX_MEMBERS || p == end || *p != '"' ||
		    (e = fast_string_end(p + 1, end, &plain)) == NULL || !plain)
			return -1;
		m[n].key = p + 1;
		m[n].key_len = (size_t)(e - p - 1);
		for (i = 0; i < n; i++) {
			if (m[i].key_len == m[n].key_len &&
			    memcmp(m[i].key, m[n].key, m[n].key_len) == 0)
				return -1;	/* a duplicate: jansson says so */
		}
		p = fast_space(e + 1, end);
		if (p == end || *p++ != ':')
			return -1;
		if ((p = fast_value(fast_space(p, end), end, &m[n++])) == NULL)
			return -1;
		p = fast_space(p, end);
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p == end || *p++ != '}')
			return -1;
		return fast_space(p, end) == end ? n : -1;
	}
}

static int
fast_hex4(const char *p, const char *end, uint32_t *v)
{
	int i;

	*v = 0;
	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++, p++) {
		*v <<= 4;
		if (*p >= '0' && *p <= '9')
			*v |= (uint32_t)(*p - '0');
		else if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'f')
			*v |= (uint32_t)((*p | 0x20) - 'a' + 10);
		else
			return -1;
	}
	return 0;
}

static size_t
fast_utf8(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* A string's escapes decoded into out (room for len bytes and a NUL, which
 * is enough: no escape is shorter than what it stands for); its length, or
 * -1 for an escape jansson refuses or a \u0000 (jansson's path says what a
 * NUL in a text is). */
static ptrdiff_t
fast_decode(const char *s, size_t len, char *out)
{
	const char *end = s + len, *bs;
	uint32_t c, lo;
	char *o = out;

	while (s < end) {
		if ((bs = memchr(s, '\\', (size_t)(end - s))) == NULL)
			bs = end;
		memcpy(o, s, (size_t)(bs - s));
		o += bs - s;
		if ((s = bs) == end)
			break;
		s++;			/* fast_string_end saw a byte after it */
		switch (*s++) {
		case '"': *o++ = '"'; continue;
		case '\\': *o++ = '\\'; continue;
		case '/': *o++ = '/'; continue;
		case 'b': *o++ = '\b'; continue;
		case 'f': *o++ = '\f'; continue;
		case 'n': *o++ = '\n'; continue;
		case 'r': *o++ = '\r'; continue;
		case 't': *o++ = '\t'; continue;
		case 'u': break;
		default: return -1;
		}
		if (fast_hex4(s, end, &c) != 0 || c == 0 || (c >= 0xdc00 && c <= 0xdfff))
			return -1;
		s += 4;
		if (c >= 0xd800 && c <= 0xdbff) {
			if (end - s < 6 || s[0] != '\\' || s[1] != 'u' ||
			    fast_hex4(s + 2, end, &lo) != 0 || lo < 0xdc00 || lo > 0xdfff)
				return -1;
			s += 6;
			c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
		}
		o += fast_utf8(c, o);
	}
	*o = '\0';
	return o - out;
}

/* A string (valid UTF-8) as json_dumps writes it with JSON_ENSURE_ASCII. */
static void
fast_dump_string(struct buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	char seq[16];
	uint32_t c;

	buf_add(out, "\"", 1);
	while (p < end) {
		c = *p;
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			buf_add(out, p++, 1);
			continue;
		}
		if (c < 0x80)
			p++;
		else if (c < 0xe0) {
			c = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else if (c < 0xf0) {
			c = (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 |
			    (p[2] & 0x3f);
			p += 3;
		} else {
			c = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
			    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
			p += 4;
		}
		switch (c) {
		case '"': buf_add(out, "\\\"", 2); continue;
		case '\\': buf_add(out, "\\\\", 2); continue;
		case '\b': buf_add(out, "\\b", 2); continue;
		case '\f': buf_add(out, "\\f", 2); continue;
		case '\n': buf_add(out, "\\n", 2); continue;
		case '\r': buf_add(out, "\\r", 2); continue;
		case '\t': buf_add(out, "\\t", 2); continue;
		default: break;
		}
		if (c < 0x10000)
			snprintf(seq, sizeof seq, "\\u%04X", (unsigned)c);
		else
			snprintf(seq, sizeof seq, "\\u%04X\\u%04X",
			    (unsigned)(0xd800 | ((c - 0x10000) >> 10)),
			    (unsigned)(0xdc00 | ((c - 0x10000) & 0x3ff)));
		buf_addstr(out, seq);
	}
	buf_add(out, "\"", 1);
}

static int
fast_compare_keys(const void *a, const void *b)
{
	const struct fast_member *x = *(const struct fast_member *const *)a;
	const struct fast_member *y = *(const struct fast_member *const *)b;
	size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c = memcmp(x->key, y->key, n);

	if (c != 0)
		return c;
	return (x->key_len > y->key_len) - (x->key_len < y->key_len);
}

/* The members other than model, prompt and text, as metadata_of writes
 * them; NULL when there are none (or, with *bad set, one jansson must read). */
static const char *
fast_metadata(struct bundle *b, struct fast_member *m, int n, const bool *known, bool *bad)
{
	struct fast_member *rest[FAST_MAX_MEMBERS];
	struct buf out = { 0 };
	const char *meta;
	char *tmp;
	ptrdiff_t len;
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (!known[i])
			rest[k++] = &m[i];
	}
	if (k == 0)
		return NULL;
	qsort(rest, (size_t)k, sizeof *rest, fast_compare_keys);
	buf_add(&out, "{", 1);
	for (i = 0; i < k && !*bad; i++) {
		if (i > 0)
			buf_add(&out, ",", 1);
		fast_dump_string(&out, rest[i]->key, rest[i]->key_len);
		buf_add(&out, ":", 1);
		if (!rest[i]->string) {
			buf_add(&out, rest[i]->value, rest[i]->value_len);
			continue;
		}
		tmp = xmalloc(rest[i]->value_len + 1);
		if ((len = fast_decode(rest[i]->value, rest[i]->value_len, tmp)) < 0)
			*bad = true;
		else
			fast_dump_string(&out, tmp, (size_t)len);
		free(tmp);
	}
	buf_add(&out, "}", 1);
	meta = *bad ? NULL : arena_strndup(&b->arena, out.data, out.len);
	buf_free(&out);
	return meta;
}

/* A member's string decoded into the arena, or NULL. */
static const char *
fast_text(struct bundle *b, const struct fast_member *m)
{
	char *s;

	if (!m->string)
		return NULL;
	s = arena_alloc(&b->arena, m->value_len + 1);
	return fast_decode(m->value, m->value_len, s) < 0 ? NULL : s;
}

/* An output line read without jansson: false when it is not one this
 * reads, nothing kept (the line then goes to jansson). */
static bool
fast_output_line(struct bundle *b, const char *line, size_t len, const struct pos *at,
    const char *line_hash)
{
	static const char *const names[] = { "model", "prompt", "text" };
	struct fast_member m[FAST_MAX_MEMBERS];
	const struct fast_member *want[3] = { NULL, NULL, NULL };
	bool known[FAST_MAX_MEMBERS], bad = false;
	const char *model, *prompt, *text, *meta;
	struct output_def *o;
	int n, i, k;

	if ((n = fast_members(line, line + len, m)) < 0)
		return false;
	for (i = 0; i < n; i++) {
		known[i] = false;
		if (m[i].key_len == 4 && memcmp(m[i].key, "kind", 4) == 0)
			return false;
		for (k = 0; k < 3; k++) {
			if (m[i].key_len == strlen(names[k]) &&
			    memcmp(m[i].key, names[k], m[i].key_len) == 0) {
				want[k] = &m[i];
				known[i] = true;
			}
		}
	}
	if (want[0] == NULL || want[1] == NULL || want[2] == NULL)
		return false;
	if ((model = fast_text(b, want[0])) == NULL || (prompt = fast_text(b, want[1])) == NULL ||
	    !str_is_id(model) || !str_is_id(prompt) || (text = fast_text(b, want[2])) == NULL)
		return false;
	meta = fast_metadata(b, m, n, known, &bad);
	if (bad)
		return false;
	o = arena_alloc(&b->arena, sizeof *o);
	o->pos = o->model_pos = o->prompt_pos = *at;
	o->model = model;
	o->prompt = prompt;
	o->text = text;
	o->metadata = meta;
	output_hash(o);
	if (line_hash != NULL)
		memcpy(o->line_hash, line_hash, sizeof o->line_hash);
	ptrvec_push(&b->outputs, o);
	return true;
}

/* ASCII without a NUL, so valid UTF-8 as it is: eight bytes a step, where
 * the check a character at a time was a fifteenth of an import. */
static bool
plain_ascii(const char *s, size_t len)
{
	const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
	uint64_t w;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		if ((w & high) != 0 || ((w - ones) & ~w & high) != 0)
			return false;	/* a byte past ASCII, or a zero one */
	}
	for (; i < len; i++) {
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\0')
			return false;
	}
	return true;
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

	if (!plain_ascii(line, len) && (bad = utf8_invalid_at(line, len)) < len) {
		at = text_pos(file, line, bad);
		at.line = lineno;
		if (line[bad] == '\0')
			err_at(errs, &at, _("the line holds a NUL byte"));
		else
			err_at(errs, &at, _("not valid UTF-8 (byte 0x%02x)"),
			    (unsigned char)line[bad]);
		return;
	}
	if (!ratings && load_jsonl_fast && fast_output_line(b, line, len, &at, line_hash))
		return;
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
/* The known outputs by line hash; the first of a hash keeps it. */
static void
known_map(struct bundle *b)
{
	const struct output_def *o;

	for (o = b->known_first; o != NULL; o = o->next_known)
		strset_put(b->known_lines, o->line_hash, o);
}

static bool
load_known_line(struct bundle *b, const char *file, unsigned lineno, const char *line_hash,
    const struct output_def **guess)
{
	struct output_def *known, *o;

	if (b->known_lines == NULL)
		return false;
	/* The output after the last line's, first: a file imported again
	 * comes in the order its outputs were written.  The map only when
	 * that is not it: building it, and each lookup, cost a cache miss
	 * an output, a fifth of an unchanged re-import. */
	if (*guess == NULL)
		*guess = b->known_first;
	if (*guess != NULL && strcmp((*guess)->line_hash, line_hash) == 0)
		known = (struct output_def *)*guess;
	else {
		if (b->known_lines->n == 0)
			known_map(b);
		if ((known = (struct output_def *)strset_get(b->known_lines, line_hash)) == NULL)
			return false;
	}
	*guess = known->next_known;
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
ask_known_lines(struct bundle *b, const char *file, unsigned lineno, const char *line_hash,
    const struct output_def **guess)
{
	b->known_lines = b->read_known_lines(b->known_ctx);
	b->read_known_lines = NULL;
	b->outputs.n--;
	if (!load_known_line(b, file, lineno, line_hash, guess))
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
	const struct output_def *guess = NULL;
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
			if (load_known_line(b, file, lineno, line_hash, &guess))
				continue;
		}
		if (errs->n - before < LOAD_MAX_ERRORS) {
			size_t had = b->outputs.n;

			load_jsonl_line(b, file, lineno, line, len, ratings,
			    ratings ? NULL : line_hash, errs);
			if (b->outputs.n > had && b->read_known_lines != NULL)
				ask_known_lines(b, file, lineno, line_hash, &guess);
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
