/* json.c: jansson behind the house rules of json.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

static void *
jv_malloc(size_t n)
{
	return xmalloc(n);
}

/* Before main: every program and test that links a JSON writer or reader
 * gets the same allocator, with no call to forget. */
__attribute__((constructor)) void
jv_setup(void)
{
	json_set_alloc_funcs(jv_malloc, free);
}

json_t *
jv_str(const char *s)
{
	struct buf b = { 0 };
	size_t len = strlen(s), bad;
	json_t *j;

	if (utf8_invalid_at(s, len) == len)
		j = json_string(s);
	else {
		while (len > 0) {
			bad = utf8_invalid_at(s, len);
			buf_add(&b, s, bad);
			if (bad == len)
				break;
			buf_addstr(&b, "\xef\xbf\xbd");
			s += bad + 1;
			len -= bad + 1;
		}
		j = json_string(b.data != NULL ? b.data : "");
		buf_free(&b);
	}
	if (j == NULL)
		out_of_memory();
	return j;
}

/* Every number that is not finite becomes null: JSON has no NaN. */
json_t *
jv_num(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

json_t *
jv_count(size_t n)
{
	return json_integer((json_int_t)n);
}

/* Keys are literals and values come from jv_ or jansson's constructors,
 * which cannot fail with the allocator above: a failure here is out of
 * memory inside jansson. */
void
jv_set(json_t *o, const char *key, json_t *v)
{
	if (o == NULL || v == NULL || json_object_set_new(o, key, v) != 0)
		out_of_memory();
}

void
jv_append(json_t *a, json_t *v)
{
	if (a == NULL || v == NULL || json_array_append_new(a, v) != 0)
		out_of_memory();
}

/* The shortest of 15, 16 and 17 significant digits that reads back as
 * the same double: 4.9, not the 4.9000000000000004 of a fixed 17.  A
 * whole number keeps a ".0" so that it reads back as a real, as jansson
 * writes it. */
void
jv_real_text(double x, char *out, size_t size)
{
	char *p;
	int digits;

	for (digits = 15; digits < 17; digits++) {
		snprintf(out, size, "%.*g", digits, x);
		if (strtod(out, NULL) == x)
			break;
	}
	if (digits == 17)
		snprintf(out, size, "%.17g", x);
	/* A locale may write a decimal comma; JSON has a point. */
	for (p = out; *p != '\0'; p++)
		if (*p == ',')
			*p = '.';
	if (strpbrk(out, ".eEni") == NULL && strlen(out) + 3 <= size)
		strcat(out, ".0");
}

static void
emit_indent(struct buf *b, int indent, int depth)
{
	if (indent > 0)
		buf_printf(b, "\n%*s", indent * depth, "");
}

/* A scalar as jansson writes it: its escapes, its integers. */
static void
emit_scalar(struct buf *b, json_t *v)
{
	char *s, num[40];

	if (json_is_real(v)) {
		jv_real_text(json_real_value(v), num, sizeof num);
		buf_addstr(b, num);
		return;
	}
	if ((s = json_dumps(v, JSON_ENCODE_ANY)) == NULL)
		out_of_memory();
	buf_addstr(b, s);
	free(s);
}

/* indent 0: one line, no spaces (JSON lines); else that many spaces a
 * level, as JSON_INDENT writes it. */
static void
emit(struct buf *b, json_t *v, int indent, int depth)
{
	const char *key;
	json_t *item, *k;
	size_t i, n = 0;

	if (json_is_object(v)) {
		if (json_object_size(v) == 0) {
			buf_addstr(b, "{}");
			return;
		}
		buf_addstr(b, "{");
		json_object_foreach(v, key, item) {
			buf_addstr(b, n++ > 0 ? "," : "");
			emit_indent(b, indent, depth + 1);
			if ((k = json_string(key)) == NULL)
				out_of_memory();
			emit_scalar(b, k);
			json_decref(k);
			buf_addstr(b, indent > 0 ? ": " : ":");
			emit(b, item, indent, depth + 1);
		}
		emit_indent(b, indent, depth);
		buf_addstr(b, "}");
	} else if (json_is_array(v)) {
		if (json_array_size(v) == 0) {
			buf_addstr(b, "[]");
			return;
		}
		buf_addstr(b, "[");
		json_array_foreach(v, i, item) {
			buf_addstr(b, i > 0 ? "," : "");
			emit_indent(b, indent, depth + 1);
			emit(b, item, indent, depth + 1);
		}
		emit_indent(b, indent, depth);
		buf_addstr(b, "]");
	} else
		emit_scalar(b, v);
}

char *
jv_line(json_t *root)
{
	struct buf b = { 0 };

	emit(&b, root, 0, 0);
	json_decref(root);
	return b.data;
}

int
jv_dump(json_t *root, FILE *f)
{
	struct buf b = { 0 };
	int rc = 0;

	emit(&b, root, 2, 0);
	json_decref(root);
	errno = 0;
	if (fwrite(b.data, 1, b.len, f) != b.len || fputc('\n', f) == EOF)
		rc = -1;
	buf_free(&b);
	return rc;
}
