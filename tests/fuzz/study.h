/* study.h: a rated study on disk for the fuzz harnesses that go through
 * the database (fuzz-merge, fuzz-ratings): made once from the scores
 * fixtures, copied fresh for every input so that one input cannot change
 * what the next one meets. */
#ifndef PANELIST_FUZZ_STUDY_H
#define PANELIST_FUZZ_STUDY_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import.h"
#include "store.h"

static char fuzz_dir[] = "/tmp/panelist-fuzz-XXXXXX";

static char *
fuzz_path(const char *name)
{
	return xasprintf("%s/%s", fuzz_dir, name);
}

static void
fuzz_copy(const char *from, const char *to)
{
	char *a = fuzz_path(from), *b = fuzz_path(to), buf[65536];
	FILE *in = fopen(a, "rb"), *out = fopen(b, "wb");
	size_t n;

	if (in == NULL || out == NULL)
		abort();
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	fclose(out);
	free(a);
	free(b);
}

/* The study, with a few ratings, a note and a flag, as study.db. */
static void
fuzz_study(void)
{
	static const char *const ratings[][3] = {
		{ "ana", "s1", "5" }, { "ben", "s1", "4" }, { "ana", "s2", "3" },
	};
	struct errlist e = { 0 };
	struct import_counts c;
	struct store *st;
	char *db, *src = xasprintf("%s/tests/fixtures/scores", PANELIST_SRCDIR);
	size_t n, i;

	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	db = fuzz_path("study.db");
	if (store_open(db, STORE_OPEN_CREATE, &st, &e) != 0 ||
	    import_paths(st, &src, 1, &c, &n, &e) != 0)
		abort();
	for (i = 0; i < sizeof ratings / sizeof ratings[0]; i++) {
		struct rating_key k = { ratings[i][0], ratings[i][1], "alpha", "summarization",
		    "accuracy" };

		if (store_set_score(st, &k, atoi(ratings[i][2]), &e) != 0)
			abort();
	}
	store_set_note(st, "ana", 1, "fine", &e);
	store_set_flag(st, "ben", 1, "broken", "cut off", &e);
	store_close(st);
	err_clear(&e);
	free(db);
	free(src);
}

#endif
