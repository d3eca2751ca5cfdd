/* test-merge.c: merging an offline copy of a study back, on real files. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "import.h"
#include "store.h"

static char dir[] = "/tmp/panelist-merge-XXXXXX";
static const char *fixtures;

static char *
path_in(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static struct store *
reopen(const char *name)
{
	struct errlist e = { 0 };
	struct store *st = NULL;
	char *p = path_in(name);

	CHECK_INT(store_open(p, STORE_OPEN_CREATE, &st, &e), 0);
	err_print(&e, stderr);
	err_clear(&e);
	free(p);
	return st;
}

static void
copy(const char *from, const char *to)
{
	char *cmd = xasprintf("cp '%s/%s' '%s/%s'", dir, from, dir, to);

	CHECK_INT(system(cmd), 0);
	free(cmd);
}

/* A study with the good fixtures, and a copy of it as it was then. */
static void
make_pair(const char *a, const char *b)
{
	struct errlist e = { 0 };
	struct import_counts c;
	char *good = xasprintf("%s/good", fixtures), *paths[1] = { good };
	struct store *st = reopen(a);
	size_t files;

	CHECK_INT(import_paths(st, paths, 1, &c, &files, &e), 0);
	store_close(st);
	copy(a, b);
	free(good);
	err_clear(&e);
}

static int
rate(struct store *st, const char *who, const char *model, const char *axis, int score)
{
	struct rating_key k = { who, "sum-incident-brief", model, "summarization", axis };
	struct errlist e = { 0 };
	int rc = store_set_score(st, &k, score, &e);

	err_clear(&e);
	return rc;
}

static int
merge(struct store *st, const char *other, bool newer, struct merge_counts *c)
{
	struct errlist e = { 0 };
	char *p = path_in(other), *paths[1] = { p };
	int rc = store_merge(st, paths, 1, newer, c, &e);

	err_print(&e, stderr);
	err_clear(&e);
	free(p);
	return rc;
}

TEST(ratings_from_an_offline_copy_come_in_once)
{
	struct store *a, *b;
	struct merge_counts c;

	make_pair("a.db", "b.db");
	b = reopen("b.db");
	CHECK_INT(rate(b, "ana", "model-a", "accuracy", 4), 0);
	CHECK_INT(rate(b, "ana", "model-a", "clarity", ITEM_NA), 0);
	store_close(b);
	a = reopen("a.db");
	CHECK_INT(rate(a, "ben", "model-a", "accuracy", 2), 0);
	CHECK_INT(merge(a, "b.db", false, &c), 0);
	CHECK_INT(c.ratings_added, 2);
	CHECK_INT(c.ratings_same, 0);	/* what was just added was not here already */
	CHECK_INT(c.history_added, 2);
	CHECK_INT(store_count_ratings(a, "sum-incident-brief", 1), 3);
	/* Merging again changes nothing. */
	CHECK_INT(merge(a, "b.db", false, &c), 0);
	CHECK_INT(c.ratings_added, 0);
	CHECK_INT(c.ratings_same, 2);
	CHECK_INT(c.history_added, 0);
	CHECK_INT(store_count_ratings(a, "sum-incident-brief", 1), 3);
	store_close(a);
}

TEST(a_conflict_writes_nothing_unless_the_newer_is_preferred)
{
	struct store *a, *b;
	struct merge_counts c;
	struct errlist e = { 0 };
	struct rating_set rs;

	make_pair("c.db", "d.db");
	a = reopen("c.db");
	CHECK_INT(rate(a, "ana", "model-a", "accuracy", 2), 0);
	CHECK_INT(rate(a, "ana", "model-b", "accuracy", 3), 0);
	store_close(a);
	nanosleep(&(struct timespec){ 0, 5000000 }, NULL);	/* the copy's change is later */
	b = reopen("d.db");
	CHECK_INT(rate(b, "ana", "model-a", "accuracy", 5), 0);
	CHECK_INT(rate(b, "ana", "model-a", "coherence", 1), 0);
	store_close(b);
	a = reopen("c.db");
	CHECK_INT(merge(a, "d.db", false, &c), STORE_INPUT);
	CHECK_INT(store_count_ratings(a, "sum-incident-brief", 1), 2);	/* nothing written */
	CHECK_INT(merge(a, "d.db", true, &c), 0);
	CHECK_INT(c.ratings_added, 1);
	CHECK_INT(c.ratings_replaced, 1);
	CHECK_INT(store_load_ratings(a, &rs, &e), 0);
	CHECK_INT(rs.n_ratings, 3);
	{
		size_t i, fives = 0;

		for (i = 0; i < rs.n_ratings; i++)
			fives += rs.ratings[i].score == 5;
		CHECK_INT(fives, 1);
	}
	rating_set_free(&rs);
	store_close(a);
	err_clear(&e);
}

/* Ratings under another reviewer's name come in only when the writer says
 * so (--as), and the history then names the writer. */
TEST(someone_elses_ratings_need_the_writer_to_say_so)
{
	struct store *a, *b;
	struct merge_counts c;

	make_pair("w.db", "x.db");
	b = reopen("x.db");
	CHECK_INT(rate(b, "ana", "model-a", "accuracy", 4), 0);
	CHECK_INT(rate(b, "ben", "model-a", "accuracy", 3), 0);
	store_close(b);
	a = reopen("w.db");
	store_set_writer(a, "ben", false);
	CHECK_INT(merge(a, "x.db", false, &c), STORE_INPUT);
	CHECK_INT(store_count_ratings(a, "sum-incident-brief", 1), 0);
	store_set_writer(a, "ben", true);
	CHECK_INT(merge(a, "x.db", false, &c), 0);
	CHECK_INT(c.ratings_added, 2);
	CHECK_INT(store_count_ratings(a, "sum-incident-brief", 1), 2);
	store_close(a);
}

TEST(another_study_or_other_content_is_refused)
{
	struct store *a, *b;
	struct merge_counts c;
	struct errlist e = { 0 };
	struct import_counts ic;
	char *good = xasprintf("%s/good", fixtures), *paths[1] = { good };
	char *p = path_in("changed.yaml");
	FILE *f;
	size_t files;

	make_pair("e.db", "f.db");
	/* Same files, but a study of its own, into one already rated. */
	b = reopen("g.db");
	CHECK_INT(import_paths(b, paths, 1, &ic, &files, &e), 0);
	CHECK_INT(rate(b, "ana", "model-a", "accuracy", 4), 0);
	store_close(b);
	a = reopen("e.db");
	CHECK_INT(rate(a, "ben", "model-b", "accuracy", 3), 0);
	CHECK_INT(merge(a, "g.db", false, &c), STORE_INPUT);
	CHECK(c.adopted == NULL);
	CHECK_INT(merge(a, "e.db", false, &c), STORE_INPUT);	/* itself */
	store_close(a);
	/* The copy rated a prompt that changed there. */
	b = reopen("f.db");
	CHECK_INT(rate(b, "ana", "model-a", "accuracy", 4), 0);
	f = fopen(p, "w");
	fputs("kind: prompts\nprompts:\n  - id: sum-incident-brief\n    capabilities: [summarization]\n"
	    "    title: Changed\n    turns: [{role: user, content: other text}]\n"
	    "---\n", f);
	fclose(f);
	store_close(b);
	f = fopen(p, "w");
	fputs("kind: prompts\nprompts:\n  - id: sum-incident-brief\n    capabilities: [summarization]\n"
	    "    title: Changed\n    turns: [{role: user, content: other text}]\n", f);
	fclose(f);
	b = reopen("f.db");
	store_set_edit(b, STORE_EDIT_REVISE);
	paths[0] = p;
	CHECK_INT(import_paths(b, paths, 1, &ic, &files, &e), 0);
	CHECK_INT(ic.versioned[IMP_PROMPT], 1);
	paths[0] = xasprintf("%s/good/outputs-a.yaml", fixtures);
	CHECK_INT(import_paths(b, paths, 1, &ic, &files, &e), 0);
	free(paths[0]);
	CHECK_INT(rate(b, "ana", "model-a", "accuracy", 1), 0);	/* on version 2 */
	store_close(b);
	a = reopen("e.db");
	CHECK_INT(merge(a, "f.db", false, &c), STORE_INPUT);
	CHECK_INT(store_count_ratings(a, "sum-incident-brief", 1), 1);	/* ben's alone */
	store_close(a);
	free(good);
	free(p);
	err_clear(&e);
}

/* A study nobody has rated yet takes the identity of the first it merges
 * (a study moving to a new database), when their settings agree; from then
 * on it is that study, and refuses another. */
TEST(a_new_study_takes_the_identity_of_the_one_it_merges)
{
	struct store *a, *b;
	struct merge_counts c;
	struct errlist e = { 0 };
	struct import_counts ic;
	char *good = xasprintf("%s/good", fixtures), *paths[1] = { good };
	char *study = xasprintf("%s/good/study.yaml", fixtures);
	size_t files;

	make_pair("old.db", "old-copy.db");
	b = reopen("old.db");
	CHECK_INT(rate(b, "ana", "model-a", "accuracy", 4), 0);
	CHECK_INT(rate(b, "ana", "model-b", "accuracy", 2), 0);
	store_close(b);
	b = reopen("other.db");	/* the same files, another study */
	CHECK_INT(import_paths(b, paths, 1, &ic, &files, &e), 0);
	CHECK_INT(rate(b, "ana", "model-a", "clarity", 5), 0);
	store_close(b);
	/* A new study with the same files but no study file: its settings
	 * (the title, blind...) differ, and it stays itself. */
	a = reopen("new.db");
	{
		static const char *const parts[] = { "rubric-summarization.yaml",
		    "rubric-generation.yaml", "prompts.yaml", "outputs-a.yaml",
		    "outputs-b.jsonl" };
		char *each[nitems(parts)];
		size_t i;

		for (i = 0; i < nitems(parts); i++)
			each[i] = xasprintf("%s/good/%s", fixtures, parts[i]);
		CHECK_INT(import_paths(a, each, nitems(parts), &ic, &files, &e), 0);
		for (i = 0; i < nitems(parts); i++)
			free(each[i]);
	}
	err_print(&e, stderr);
	CHECK_INT(merge(a, "old.db", false, &c), STORE_INPUT);
	CHECK(c.adopted == NULL);
	CHECK_INT(store_count_ratings(a, "sum-incident-brief", 1), 0);
	/* With the study file too it takes the identity, and the ratings. */
	paths[0] = study;
	CHECK_INT(import_paths(a, paths, 1, &ic, &files, &e), 0);
	paths[0] = good;
	CHECK_INT(import_paths(a, paths, 1, &ic, &files, &e), 0);
	CHECK_INT(merge(a, "old.db", false, &c), 0);
	CHECK(c.adopted != NULL);
	CHECK_INT(c.ratings_added, 2);
	CHECK_INT(store_count_ratings(a, "sum-incident-brief", 1), 2);
	/* Now rated, it is that study: another is refused. */
	CHECK_INT(merge(a, "other.db", false, &c), STORE_INPUT);
	CHECK_INT(store_count_ratings(a, "sum-incident-brief", 1), 2);
	store_close(a);
	free(good);
	free(study);
	err_clear(&e);
}

int
main(void)
{
	char *src = getenv("TESTS_SRCDIR"), *cmd;
	int rc;

	if (src == NULL)
		return 99;
	fixtures = xasprintf("%s/fixtures", src);
	if (mkdtemp(dir) == NULL)
		return 99;
	RUN(ratings_from_an_offline_copy_come_in_once);
	RUN(a_conflict_writes_nothing_unless_the_newer_is_preferred);
	RUN(someone_elses_ratings_need_the_writer_to_say_so);
	RUN(another_study_or_other_content_is_refused);
	RUN(a_new_study_takes_the_identity_of_the_one_it_merges);
	rc = check_exit();
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	free((void *)fixtures);
	return rc;
}
