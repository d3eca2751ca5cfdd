/* json.c: jansson behind the house rules of json.h. */
#include <errno.h>
#include <math.h>
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

int
jv_dump(json_t *root, FILE *f)
{
	int rc = 0;

	errno = 0;
	/* 17 significant digits ("%.17g") read back to the same double. */
	if (json_dumpf(root, f, JSON_INDENT(2) | JSON_REAL_PRECISION(17)) != 0 ||
	    fputc('\n', f) == EOF)
		rc = -1;
	json_decref(root);
	return rc;
}
