/* fuzz-jsonl.c: libFuzzer entry for the JSONL loader: outputs, and ratings
 * lines (kind: ratings, long or wide).  Each input is read twice, with the
 * one-pass reader of flat output lines and through jansson alone
 * (load_jsonl_fast): the outputs, their hashes and the problems reported
 * must be the same, or the fast path reads something jansson would not. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
read_input(const uint8_t *data, size_t size, bool fast, struct bundle *b,
    struct errlist *errs)
{
	FILE *f;

	memset(b, 0, sizeof *b);
	if ((f = fmemopen((void *)data, size, "r")) == NULL)
		abort();
	load_jsonl_fast = fast;
	load_jsonl_stream(b, "fuzz.jsonl", f, errs);
	fclose(f);
}

static bool
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
compare(const struct bundle *a, const struct errlist *ea, const struct bundle *b,
    const struct errlist *eb)
{
	size_t i;

	if (a->outputs.n != b->outputs.n || ea->n != eb->n)
		abort();
	for (i = 0; i < a->outputs.n; i++) {
		const struct output_def *x = a->outputs.v[i], *y = b->outputs.v[i];

		if (!same_text(x->model, y->model) || !same_text(x->prompt, y->prompt) ||
		    !same_text(x->text, y->text) || !same_text(x->metadata, y->metadata) ||
		    strcmp(x->hash, y->hash) != 0 || x->pos.line != y->pos.line)
			abort();
	}
	for (i = 0; i < ea->n; i++)
		if (strcmp(ea->msgs[i], eb->msgs[i]) != 0)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errlist ef = { 0 }, ej = { 0 };
	struct bundle fast, slow;

	if (size == 0)
		return 0;
	read_input(data, size, true, &fast, &ef);
	read_input(data, size, false, &slow, &ej);
	compare(&fast, &ef, &slow, &ej);
	bundle_free(&fast);
	bundle_free(&slow);
	err_clear(&ef);
	err_clear(&ej);
	return 0;
}
