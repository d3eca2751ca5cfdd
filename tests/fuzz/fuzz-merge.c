/* fuzz-merge.c: libFuzzer entry for merge's checks of another database.
 *
 * The input is SQL run on a fresh copy of a rated study (the hand edits an
 * adversary makes with sqlite3: rows changed, tables swapped for views or
 * triggers, values of every type), bounded in time; the copy is then merged
 * into another fresh copy.  Whatever the edits, merge must finish, and a
 * refused merge must leave the target as it was (checked on its ratings). */
#include "config.h"

#include <sqlite3.h>
#include <stdint.h>

#include "study.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
stop(void *arg)
{
	return ++*(int *)arg > 20000;
}

/* The adversary's edits; their failures do not matter. */
static void
edit(const char *path, const uint8_t *data, size_t size)
{
	char *sql = xstrndup((const char *)data, size);
	sqlite3 *db;
	int steps = 0;

	if (sqlite3_open(path, &db) == SQLITE_OK) {
		sqlite3_progress_handler(db, 100, stop, &steps);
		sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 22);
		sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	sqlite3_close(db);
	free(sql);
}

static long
ratings_in(struct store *st)
{
	return store_count_ratings(st, "s1", 1) + store_count_ratings(st, "s2", 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int made;
	struct errlist e = { 0 };
	struct merge_counts c;
	struct store *st;
	char *target, *source;
	long before;
	int rc;

	if (!made++)
		fuzz_study();
	fuzz_copy("study.db", "target.db");
	fuzz_copy("study.db", "source.db");
	target = fuzz_path("target.db");
	source = fuzz_path("source.db");
	edit(source, data, size);
	if (store_open(target, STORE_OPEN_EXISTING, &st, &e) == 0) {
		store_set_writer(st, "ana", true);
		before = ratings_in(st);
		rc = store_merge(st, &source, 1, size % 2 == 0, &c, &e);
		if (rc != 0 && ratings_in(st) != before)
			abort();	/* a refused merge wrote */
		store_close(st);
	}
	err_clear(&e);
	unlink(source);
	free(target);
	free(source);
	return 0;
}
