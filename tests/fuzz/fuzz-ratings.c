/* fuzz-ratings.c: libFuzzer entry for ratings JSONL all the way into a
 * database: loaded, then imported through the gate into a fresh copy of a
 * rated study.  A refused import must leave the study as it was. */
#include "config.h"

#include <stdint.h>

#include "load.h"
#include "study.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int made;
	struct errlist e = { 0 };
	struct import_counts c;
	struct bundle b;
	struct store *st;
	char *target;
	long before;
	FILE *f;

	if (!made++)
		fuzz_study();
	if (size == 0 || (f = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	memset(&b, 0, sizeof b);
	load_jsonl_lines(&b, "fuzz.jsonl", f, true, &e);
	fclose(f);
	fuzz_copy("study.db", "target.db");
	target = fuzz_path("target.db");
	if (e.n == 0 && store_open(target, STORE_OPEN_EXISTING, &st, &e) == 0) {
		store_set_writer(st, "ana", size % 2 == 0);
		before = store_count_ratings(st, "s1", 1);
		if (store_import(st, &b, &c, &e) != 0 && store_count_ratings(st, "s1", 1) != before)
			abort();	/* a refused import wrote */
		store_close(st);
	}
	bundle_free(&b);
	err_clear(&e);
	free(target);
	return 0;
}
