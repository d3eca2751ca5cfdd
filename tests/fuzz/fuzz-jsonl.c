/* fuzz-jsonl.c: libFuzzer entry for the JSONL loader: outputs, and ratings
 * lines (kind: ratings, long or wide). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errlist errs = { 0 };
	struct bundle b;
	FILE *f;

	if (size == 0)
		return 0;
	if ((f = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	memset(&b, 0, sizeof b);
	load_jsonl_stream(&b, "fuzz.jsonl", f, &errs);
	fclose(f);
	bundle_free(&b);
	err_clear(&errs);
	return 0;
}
