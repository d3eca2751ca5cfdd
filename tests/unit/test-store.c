/* test-store.c: the study database through its C interface, on real files. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <locale.h>

#include "check.h"
#include "i18n.h"
#include "import.h"
#include "store.h"

static char dir[] = "/tmp/panelist-store-XXXXXX";
static const char *fixtures;

static char *
path_in(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static struct store *
open_new(const char *name)
{
	struct errlist e = { 0 };
	struct store *st = NULL;
	char *p = path_in(name);

	unlink(p);
	CHECK_INT(store_open(p, STORE_OPEN_CREATE, &st, &e), 0);
	err_print(&e, stderr);
	err_clear(&e);
	free(p);
	return st;
}

static int
import_one(struct store *st, const char *path, struct import_counts *c)
{
	struct errlist e = { 0 };
	char *paths[1] = { (char *)path };
	size_t files;
	int rc = import_paths(st, paths, 1, c, &files, &e);

	err_clear(&e);
	return rc;
}

/* The same, keeping the messages (joined by newlines) for a look. */
static int
import_said(struct store *st, const char *path, struct import_counts *c, struct buf *said)
{
	struct errlist e = { 0 };
	char *paths[1] = { (char *)path };
	size_t files, i;
	int rc = import_paths(st, paths, 1, c, &files, &e);

	buf_add(said, "", 0);
	for (i = 0; i < e.n; i++)
		buf_printf(said, "%s\n", e.msgs[i]);
	err_clear(&e);
	return rc;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

/* The output row of a model's answer to a prompt, through the queue API. */
static int64_t
store_int_for_tests(struct store *st, const char *model, const char *prompt)
{
	struct queue_filter f = { NULL, model };
	struct errlist e = { 0 };
	struct queue q;
	int64_t out = 0;
	size_t i;

	if (store_queue(st, "nobody", &f, &q, &e) != 0)
		return 0;
	for (i = 0; i < q.n; i++) {
		if (strcmp(q.v[i].prompt_id, prompt) == 0)
			out = q.v[i].output;
	}
	queue_free(&q);
	err_clear(&e);
	return out;
}

static const char prompt_v1[] =
    "kind: prompts\nprompts:\n  - id: p-edit\n    capabilities: [summarization]\n"
    "    title: Edit me\n    turns: [{role: user, content: first text}]\n";
static const char prompt_v2[] =
    "kind: prompts\nprompts:\n  - id: p-edit\n    capabilities: [summarization]\n"
    "    title: Edit me\n    turns: [{role: user, content: second text}]\n";
static const char output_a[] =
    "kind: outputs\nmodel: m-a\noutputs:\n  - {prompt: p-edit, text: an answer}\n";

TEST(a_new_database_is_private_to_owner_and_group)
{
	struct store *st = open_new("perm.db");
	char *p = path_in("perm.db");
	struct stat sb;

	CHECK(store_created(st));
	CHECK(stat(p, &sb) == 0 && (sb.st_mode & 0007) == 0);
	store_close(st);
	free(p);
}

TEST(opening_a_missing_database_without_create_is_an_input_error)
{
	struct errlist e = { 0 };
	struct store *st = NULL;
	char *p = path_in("absent.db");

	CHECK_INT(store_open(p, STORE_OPEN_EXISTING, &st, &e), STORE_INPUT);
	CHECK(st == NULL);
	CHECK(access(p, F_OK) != 0);
	err_clear(&e);
	free(p);
}

TEST(importing_twice_changes_nothing)
{
	struct store *st = open_new("twice.db");
	struct import_counts c;
	char *good = xasprintf("%s/good", fixtures);

	CHECK_INT(import_one(st, good, &c), 0);
	CHECK_INT(c.added[IMP_RUBRIC], 2);
	CHECK_INT(c.added[IMP_PROMPT], 3);
	CHECK_INT(c.added[IMP_OUTPUT], 6);
	CHECK_INT(import_one(st, good, &c), 0);
	CHECK_INT(c.added[IMP_RUBRIC] + c.added[IMP_PROMPT] + c.added[IMP_OUTPUT], 0);
	CHECK_INT(c.updated[IMP_RUBRIC] + c.updated[IMP_PROMPT] + c.updated[IMP_OUTPUT], 0);
	CHECK_INT(c.updated[IMP_STUDY], 0);
	CHECK_INT(c.unchanged[IMP_OUTPUT], 6);
	store_close(st);
	free(good);
}

TEST(a_changed_prompt_never_rated_is_replaced_in_place)
{
	struct store *st = open_new("inplace.db");
	struct import_counts c;
	char *f = path_in("edit.yaml"), *r = xasprintf("%s/good/rubric-summarization.yaml", fixtures);

	CHECK_INT(import_one(st, r, &c), 0);
	write_file(f, prompt_v1);
	CHECK_INT(import_one(st, f, &c), 0);
	write_file(f, prompt_v2);
	CHECK_INT(import_one(st, f, &c), 0);
	CHECK_INT(c.updated[IMP_PROMPT], 1);
	CHECK_INT(c.versioned[IMP_PROMPT], 0);
	store_close(st);
	free(f);
	free(r);
}

/* p-edit with one output, rated on two axes (one of them N/A). */
static struct store *
rated_prompt(const char *db, char *f, char *o)
{
	struct store *st = open_new(db);
	struct errlist e = { 0 };
	struct import_counts c;
	char *r = xasprintf("%s/good/rubric-summarization.yaml", fixtures);
	struct rating_key k = { "ana", "p-edit", "m-a", "summarization", "accuracy" };

	CHECK_INT(import_one(st, r, &c), 0);
	write_file(f, prompt_v1);
	write_file(o, output_a);
	CHECK_INT(import_one(st, f, &c), 0);
	CHECK_INT(import_one(st, o, &c), 0);
	CHECK_INT(store_set_score(st, &k, 4, &e), 0);
	k.axis = "clarity";
	CHECK_INT(store_set_score(st, &k, ITEM_NA, &e), 0);	/* N/A */
	CHECK_INT(store_count_ratings(st, "p-edit", 1), 2);
	err_print(&e, stderr);
	err_clear(&e);
	free(r);
	return st;
}

/* The ratings no score counts, all capabilities together. */
static long
earlier(struct store *st)
{
	struct earlier_ratings *v;
	struct errlist e = { 0 };
	size_t i, n;
	long sum = 0;

	CHECK_INT(store_earlier_version_ratings(st, &v, &n, &e), 0);
	for (i = 0; i < n; i++)
		sum += v[i].ratings;
	earlier_ratings_free(v, n);
	err_clear(&e);
	return sum;
}

TEST(a_changed_prompt_after_rating_is_refused_and_named)
{
	char *f = path_in("edit.yaml"), *o = path_in("out.yaml");
	struct store *st = rated_prompt("refuse.db", f, o);
	struct import_counts c;
	struct buf said = { 0 };
	char *where;

	write_file(f, prompt_v2);
	CHECK_INT(import_said(st, f, &c, &said), STORE_INPUT);
	CHECK_INT(c.refused[IMP_PROMPT], 1);
	/* Where the prompt is, its id, its ratings; then the two ways on. */
	where = xasprintf("%s:3:5: prompt 'p-edit' changed after it was rated: its 2 ratings "
	    "would no longer count\n", f);
	CHECK(strstr(said.data, where) != NULL);
	CHECK(strstr(said.data, "--revise") != NULL && strstr(said.data, "--amend") != NULL);
	CHECK_INT(store_count_ratings(st, "p-edit", 1), 2);
	CHECK_INT(store_count_ratings(st, "p-edit", 2), 0);	/* no version 2 */
	CHECK(!store_has_prompt(st, "p-edit") || store_count_ratings(st, "p-edit", 1) == 2);
	CHECK_INT(earlier(st), 0);
	buf_free(&said);
	free(where);
	store_close(st);
	free(f);
	free(o);
}

TEST(a_changed_prompt_after_rating_becomes_a_new_version)
{
	char *f = path_in("edit.yaml"), *o = path_in("out.yaml");
	struct store *st = rated_prompt("version.db", f, o);
	struct errlist e = { 0 };
	struct import_counts c;
	struct rating_key k = { "ana", "p-edit", "m-a", "summarization", "accuracy" };

	write_file(f, prompt_v2);
	store_set_edit(st, STORE_EDIT_REVISE);
	CHECK_INT(import_one(st, f, &c), 0);
	CHECK_INT(c.versioned[IMP_PROMPT], 1);
	/* The ratings stay with version 1; version 2 starts with none. */
	CHECK_INT(store_count_ratings(st, "p-edit", 1), 2);
	CHECK_INT(store_count_ratings(st, "p-edit", 2), 0);
	CHECK_INT(earlier(st), 2);
	/* The same output file now attaches to the new version. */
	CHECK_INT(import_one(st, o, &c), 0);
	CHECK_INT(c.added[IMP_OUTPUT], 1);
	k.axis = "accuracy";
	CHECK_INT(store_set_score(st, &k, 2, &e), 0);
	CHECK_INT(store_count_ratings(st, "p-edit", 1), 2);
	CHECK_INT(store_count_ratings(st, "p-edit", 2), 1);
	err_print(&e, stderr);
	err_clear(&e);
	store_close(st);
	free(f);
	free(o);
}

TEST(an_amended_prompt_keeps_its_ratings)
{
	char *f = path_in("edit.yaml"), *o = path_in("out.yaml");
	struct store *st = rated_prompt("amend.db", f, o);
	char *g = xasprintf("%s/good/rubric-generation.yaml", fixtures);
	struct import_counts c;
	struct rating_set rs;
	struct errlist e = { 0 };
	struct buf said = { 0 };

	write_file(f, prompt_v2);
	store_set_edit(st, STORE_EDIT_AMEND);
	CHECK_INT(import_one(st, f, &c), 0);
	CHECK_INT(c.amended[IMP_PROMPT], 1);
	CHECK_INT(store_count_ratings(st, "p-edit", 1), 2);
	CHECK_INT(store_count_ratings(st, "p-edit", 2), 0);
	CHECK_INT(earlier(st), 0);
	/* Counted: the scores see both ratings (one of them N/A). */
	CHECK_INT(store_load_ratings(st, &rs, &e), 0);
	CHECK_INT(rs.n_ratings, 2);
	rating_set_free(&rs);
	/* Dropping the rated capability is not a correction. */
	CHECK_INT(import_one(st, g, &c), 0);
	write_file(f, "kind: prompts\nprompts:\n  - id: p-edit\n    capabilities: [generation]\n"
	    "    title: Edit me\n    turns: [{role: user, content: second text}]\n");
	CHECK_INT(import_said(st, f, &c, &said), STORE_INPUT);
	CHECK(strstr(said.data, "prompt 'p-edit': --amend would drop capability "
	    "'summarization', which has 2 ratings") != NULL);
	CHECK_INT(store_count_ratings(st, "p-edit", 1), 2);
	CHECK_INT(earlier(st), 0);
	buf_free(&said);
	err_clear(&e);
	store_close(st);
	free(f);
	free(o);
	free(g);
}

TEST(a_rated_output_whose_text_changed_is_refused)
{
	struct store *st = open_new("output.db");
	struct errlist e = { 0 };
	struct import_counts c;
	char *f = path_in("edit.yaml"), *o = path_in("out.yaml");
	char *r = xasprintf("%s/good/rubric-summarization.yaml", fixtures);
	struct rating_key k = { "ana", "p-edit", "m-a", "summarization", "accuracy" };

	import_one(st, r, &c);
	write_file(f, prompt_v1);
	write_file(o, output_a);
	import_one(st, f, &c);
	import_one(st, o, &c);
	CHECK_INT(store_set_score(st, &k, 3, &e), 0);
	write_file(o, "kind: outputs\nmodel: m-a\noutputs:\n  - {prompt: p-edit, text: changed}\n");
	CHECK_INT(import_one(st, o, &c), STORE_INPUT);
	CHECK_INT(store_count_ratings(st, "p-edit", 1), 1);
	/* With a new prompt written before the refusal: all or nothing. */
	write_file(f, "kind: prompts\nprompts:\n  - {id: p-new, capabilities: [summarization], "
	    "title: New, turns: [{role: user, content: x}]}\n");
	{
		char *paths[2] = { f, o };
		struct errlist e2 = { 0 };
		size_t files;

		CHECK_INT(import_paths(st, paths, 2, &c, &files, &e2), STORE_INPUT);
		err_clear(&e2);
	}
	CHECK(!store_has_prompt(st, "p-new"));
	err_clear(&e);
	store_close(st);
	free(f);
	free(o);
	free(r);
}

TEST(a_changed_rubric_after_rating_becomes_a_new_version)
{
	struct store *st = open_new("rubric.db");
	struct errlist e = { 0 };
	struct import_counts c;
	char *f = path_in("edit.yaml"), *o = path_in("out.yaml"), *rb = path_in("rubric.yaml");
	struct rating_key k = { "ana", "p-edit", "m-a", "summarization", "coherence" };
	struct capability_status *cs;
	struct reviewer_status *rs;
	struct listing l;
	size_t n;

	write_file(rb, "kind: rubric\ncapability: summarization\ntitle: S\n"
	    "scale: {min: 1, max: 5}\naxes: [{id: coherence, question: Q1}]\n");
	write_file(f, prompt_v1);
	write_file(o, output_a);
	import_one(st, rb, &c);
	import_one(st, f, &c);
	import_one(st, o, &c);
	CHECK_INT(store_set_score(st, &k, 5, &e), 0);
	write_file(rb, "kind: rubric\ncapability: summarization\ntitle: S\n"
	    "scale: {min: 1, max: 5}\naxes: [{id: coherence, question: Q1 reworded}]\n");
	CHECK_INT(import_one(st, rb, &c), STORE_INPUT);
	CHECK_INT(c.refused[IMP_RUBRIC], 1);
	store_set_edit(st, STORE_EDIT_REVISE);
	CHECK_INT(import_one(st, rb, &c), 0);
	CHECK_INT(c.versioned[IMP_RUBRIC], 1);
	CHECK_INT(earlier(st), 1);
	CHECK_INT(store_list(st, LIST_RUBRICS, &l, &e), 0);
	CHECK_INT(l.n, 2);
	if (l.n == 2) {
		CHECK_INT(l.rubrics[0].version, 1);
		CHECK_INT(l.rubrics[0].ratings, 1);	/* the rating stays on version 1 */
		CHECK_INT(l.rubrics[1].version, 2);
		CHECK_INT(l.rubrics[1].ratings, 0);
	}
	listing_free(&l);
	/* status counts as done what the scores count: nothing on version 2. */
	CHECK_INT(store_status_capabilities(st, &cs, &n, &e), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(cs[0].done, 0);
	capability_status_free(cs, n);
	CHECK_INT(store_status_reviewers(st, &rs, &n, &e), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(rs[0].done, 0);
	reviewer_status_free(rs, n);
	err_clear(&e);
	store_close(st);
	free(f);
	free(o);
	free(rb);
}

/* One rating of 5 on coherence, under a rubric of scale 1-5 with two axes. */
static struct store *
rated_rubric(const char *db, char *rb)
{
	struct store *st = open_new(db);
	struct errlist e = { 0 };
	struct import_counts c;
	char *f = path_in("edit.yaml"), *o = path_in("out.yaml");
	struct rating_key k = { "ana", "p-edit", "m-a", "summarization", "coherence" };

	write_file(rb, "kind: rubric\ncapability: summarization\ntitle: S\n"
	    "scale: {min: 1, max: 5}\naxes: [{id: coherence, question: Q1}, "
	    "{id: clarity, question: Q2}]\n");
	write_file(f, prompt_v1);
	write_file(o, output_a);
	CHECK_INT(import_one(st, rb, &c), 0);
	CHECK_INT(import_one(st, f, &c), 0);
	CHECK_INT(import_one(st, o, &c), 0);
	CHECK_INT(store_set_score(st, &k, 5, &e), 0);
	err_print(&e, stderr);
	err_clear(&e);
	free(f);
	free(o);
	return st;
}

TEST(an_amendment_that_would_invalidate_ratings_is_refused)
{
	char *rb = path_in("rubric.yaml");
	struct store *st = rated_rubric("amend-rubric.db", rb);
	struct import_counts c;
	struct buf said = { 0 };
	struct listing l;
	struct errlist e = { 0 };

	store_set_edit(st, STORE_EDIT_AMEND);
	/* A scale that no longer holds the 5 given. */
	write_file(rb, "kind: rubric\ncapability: summarization\ntitle: S\n"
	    "scale: {min: 1, max: 3}\naxes: [{id: coherence, question: Q1}, "
	    "{id: clarity, question: Q2}]\n");
	CHECK_INT(import_said(st, rb, &c, &said), STORE_INPUT);
	CHECK(strstr(said.data, "rubric 'summarization': --amend would leave 1 rating outside "
	    "the new scale 1 to 3") != NULL);
	/* The rated axis gone. */
	write_file(rb, "kind: rubric\ncapability: summarization\ntitle: S\n"
	    "scale: {min: 1, max: 5}\naxes: [{id: clarity, question: Q2}]\n");
	CHECK_INT(import_said(st, rb, &c, &said), STORE_INPUT);
	CHECK(strstr(said.data, "rubric 'summarization': --amend would drop axis 'coherence', "
	    "which has 1 ratings") != NULL);
	/* The unrated axis may go, the question may change: the rating stays. */
	write_file(rb, "kind: rubric\ncapability: summarization\ntitle: S\n"
	    "scale: {min: 1, max: 7}\naxes: [{id: coherence, question: Q1 fixed}]\n");
	CHECK_INT(import_said(st, rb, &c, &said), 0);
	CHECK_INT(c.amended[IMP_RUBRIC], 1);
	CHECK_INT(store_list(st, LIST_RUBRICS, &l, &e), 0);
	CHECK_INT(l.n, 1);
	if (l.n == 1) {
		CHECK_INT(l.rubrics[0].min, 1);
		CHECK_INT(l.rubrics[0].max, 7);
		CHECK_INT(l.rubrics[0].ratings, 1);
	}
	listing_free(&l);
	/* And --revise stays possible for what --amend refused. */
	write_file(rb, "kind: rubric\ncapability: summarization\ntitle: S\n"
	    "scale: {min: 1, max: 3}\naxes: [{id: clarity, question: Q2}]\n");
	store_set_edit(st, STORE_EDIT_REVISE);
	CHECK_INT(import_said(st, rb, &c, &said), 0);
	CHECK_INT(c.versioned[IMP_RUBRIC], 1);
	CHECK_INT(earlier(st), 1);
	buf_free(&said);
	err_clear(&e);
	store_close(st);
	free(rb);
}

TEST(scores_are_checked_against_the_rubric)
{
	struct store *st = open_new("score.db");
	struct errlist e = { 0 };
	struct import_counts c;
	char *good = xasprintf("%s/good", fixtures);
	struct rating_key k = { "ben", "sum-incident-brief", "model-a", "summarization", "accuracy" };

	/* The refusals below mean nothing unless the setup worked. */
	CHECK_INT(import_one(st, good, &c), 0);
	CHECK(store_has_prompt(st, "sum-incident-brief"));
	CHECK_INT(store_set_score(st, &k, 6, &e), STORE_INPUT);
	k.axis = "tone";
	CHECK_INT(store_set_score(st, &k, 3, &e), STORE_INPUT);
	k.axis = "accuracy";
	k.capability = "generation";	/* not a capability of this prompt */
	CHECK_INT(store_set_score(st, &k, 3, &e), STORE_INPUT);
	k.capability = "summarization";
	k.model = "model-z";
	CHECK_INT(store_set_score(st, &k, 3, &e), STORE_INPUT);
	CHECK_INT(store_count_ratings(st, "sum-incident-brief", 1), 0);
	/* And what the rubric allows is taken. */
	k.model = "model-a";
	CHECK_INT(store_set_score(st, &k, 5, &e), 0);
	CHECK_INT(store_count_ratings(st, "sum-incident-brief", 1), 1);
	err_clear(&e);
	store_close(st);
	free(good);
}

TEST(reopening_keeps_the_schema_and_the_study_id)
{
	struct store *st = open_new("reopen.db");
	struct errlist e = { 0 };
	struct study_settings a, b;
	char *p = path_in("reopen.db");

	store_study(st, &a, &e);
	store_close(st);
	CHECK_INT(store_open(p, STORE_OPEN_EXISTING, &st, &e), 0);
	CHECK(!store_created(st));
	CHECK_INT(store_upgraded_from(st), 0);
	store_study(st, &b, &e);
	CHECK_STR(a.id, b.id);
	CHECK_INT(strlen(a.id), 32);
	CHECK(a.seed == b.seed);
	study_settings_free(&a);
	study_settings_free(&b);
	store_close(st);
	err_clear(&e);
	free(p);
}

TEST(ratings_load_as_arrays_for_the_statistics)
{
	struct store *st = open_new("arrays.db");
	struct errlist e = { 0 };
	struct import_counts c;
	struct rating_set rs;
	char *good = xasprintf("%s/good", fixtures);
	struct rating_key k = { "ana", "sum-incident-brief", "model-a", "summarization", "accuracy" };
	int64_t out;
	size_t i, nan = 0, flagged = 0;

	import_one(st, good, &c);
	CHECK_INT(store_set_score(st, &k, 4, &e), 0);
	k.reviewer = "ben";
	CHECK_INT(store_set_score(st, &k, 2, &e), 0);
	k.axis = "clarity";
	CHECK_INT(store_set_score(st, &k, ITEM_NA, &e), 0);
	k.model = "model-b";
	CHECK_INT(store_set_score(st, &k, 5, &e), 0);
	out = store_int_for_tests(st, "model-b", "sum-incident-brief");
	CHECK_INT(store_set_flag(st, "ben", out, "broken", NULL, &e), 0);
	CHECK_INT(store_load_ratings(st, &rs, &e), 0);
	CHECK_INT(rs.n_ratings, 4);
	CHECK_INT(rs.n_reviewers, 2);
	CHECK_INT(rs.n_models, 2);
	CHECK_INT(rs.n_prompts, 1);
	CHECK_INT(rs.n_outputs, 2);
	/* Capabilities in workplace-share order: generation before summarization. */
	CHECK_INT(rs.n_capabilities, 2);
	if (rs.n_capabilities == 2) {
		CHECK_STR(rs.capabilities[0], "generation");
		CHECK_STR(rs.capabilities[1], "summarization");
		/* The study file's weights. */
		CHECK_NEAR(rs.weights[0], 25.5, 1e-9);
		CHECK_NEAR(rs.weights[1], 16.6, 1e-9);
	}
	CHECK_INT(rs.n_axes, 5);
	if (rs.n_axes == 5)
		CHECK_STR(rs.axes[0], "coherence");
	for (i = 0; i < rs.n_ratings; i++) {
		nan += isnan(rs.ratings[i].score);
		flagged += rs.ratings[i].flagged;
		CHECK(rs.output_model[rs.ratings[i].output] < rs.n_models);
	}
	CHECK_INT(nan, 1);
	CHECK_INT(flagged, 1);
	CHECK(rs.seed == 20261128);
	CHECK_NEAR(rs.scale_min, 1, 0);
	CHECK_NEAR(rs.scale_max, 5, 0);
	rating_set_free(&rs);
	err_print(&e, stderr);
	err_clear(&e);
	store_close(st);
	free(good);
}

/* A rubric in English and Japanese, where the Japanese lacks some texts. */
static const char rubric_two_langs[] =
    "kind: rubric\ncapability: summarization\nlanguages: [en, ja]\n"
    "title: {en: Summarization, ja: 要約}\n"
    "description: {en: Condensing.}\n"
    "scale: {min: 1, max: 5, labels: {en: {1: very poor, 5: excellent}, ja: {1: 不可}}}\n"
    "axes:\n"
    "  - id: coherence\n"
    "    question: {en: Connected?, ja: つながっていますか。}\n"
    "    anchors: {en: {1: No., 5: Yes.}, ja: {5: はい。}}\n"
    "  - id: tone\n"
    "    name: {en: Tone, ja: 語調}\n"
    "    question: Fitting?\n"
    "  - id: style\n"
    "    name: Style\n"
    "    question: {ja: 文体は適切ですか。, en: Stylish?}\n"
    "  - id: accuracy\n"
    "    name: Facts\n"
    "    question: Right?\n";

/* What the screen reads for the one output, in the catalogue's language. */
static void
load_item(struct store *st, struct item_view *iv)
{
	struct errlist e = { 0 };
	int64_t out = store_int_for_tests(st, "m-a", "p-edit");

	memset(iv, 0, sizeof *iv);
	CHECK(out != 0);
	CHECK_INT(store_item_load(st, "ana", out, iv, &e), 0);
	err_print(&e, stderr);
	err_clear(&e);
	CHECK_INT(iv->n_caps, 1);
	if (iv->n_caps == 1)
		CHECK_INT(iv->caps[0].n_axes, 4);
}

TEST(the_screen_reads_the_rubric_in_the_reviewers_language)
{
	struct store *st = open_new("lang.db");
	struct import_counts c;
	struct item_view iv;
	const struct item_capability *k;
	char *dirp = path_in("lang"), *f;

	mkdir(dirp, 0700);
	f = path_in("lang/rubric.yaml");
	write_file(f, rubric_two_langs);
	free(f);
	f = path_in("lang/prompts.yaml");
	write_file(f, prompt_v1);
	free(f);
	f = path_in("lang/outputs.yaml");
	write_file(f, output_a);
	free(f);
	CHECK_INT(import_one(st, dirp, &c), 0);

	/* English: the first language, the standard axis by its id. */
	load_item(st, &iv);
	if (iv.n_caps == 1 && iv.caps[0].n_axes == 4) {
		k = &iv.caps[0];
		CHECK_STR(k->title, "Summarization");
		CHECK_STR(k->labels[0], "very poor");
		CHECK_STR(k->axes[0].question, "Connected?");
		CHECK_STR(k->axes[0].anchors[0], "No.");
		CHECK_STR(k->axes[0].name, "coherence");
		CHECK_STR(k->axes[1].name, "Tone");
		CHECK_STR(k->axes[2].name, "Style");
		CHECK_STR(k->axes[3].name, "Facts");
	}
	item_view_free(&iv);

	/* Japanese: each text the rubric has in Japanese, the English of the
	 * others; the standard axis named from the catalogue. */
	setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain(PACKAGE, PANELIST_BUILDDIR "/locale");
	textdomain(PACKAGE);
	CHECK(i18n_use_language("ja"));
	CHECK_STR(i18n_lang(), "ja");
	load_item(st, &iv);
	if (iv.n_caps == 1 && iv.caps[0].n_axes == 4) {
		k = &iv.caps[0];
		CHECK_STR(k->title, "要約");
		CHECK_STR(k->description, "Condensing.");
		CHECK_STR(k->labels[0], "不可");
		CHECK_STR(k->labels[4], "excellent");
		CHECK(k->labels[2] == NULL);
		CHECK_STR(k->axes[0].question, "つながっていますか。");
		CHECK_STR(k->axes[0].anchors[0], "No.");
		CHECK_STR(k->axes[0].anchors[4], "はい。");
		CHECK_STR(k->axes[0].name, "一貫性");
		CHECK_STR(k->axes[1].name, "語調");
		CHECK_STR(k->axes[1].question, "Fitting?");
		CHECK_STR(k->axes[2].name, "Style");
		CHECK_STR(k->axes[2].question, "文体は適切ですか。");
		/* A standard axis the rubric names only in English: the
		 * catalogue's name in the reviewer's language. */
		CHECK_STR(k->axes[3].name, "正確性");
	}
	item_view_free(&iv);
	CHECK(i18n_use_language("en"));
	store_close(st);
	free(dirp);
}

static void
remove_dir(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
}

int
main(void)
{
	char *src = getenv("TESTS_SRCDIR");

	if (src == NULL) {
		fputs("TESTS_SRCDIR is not set: run through make check\n", stderr);
		return 99;
	}
	fixtures = xasprintf("%s/fixtures", src);
	if (mkdtemp(dir) == NULL)
		return 99;
	RUN(a_new_database_is_private_to_owner_and_group);
	RUN(opening_a_missing_database_without_create_is_an_input_error);
	RUN(importing_twice_changes_nothing);
	RUN(a_changed_prompt_never_rated_is_replaced_in_place);
	RUN(a_changed_prompt_after_rating_is_refused_and_named);
	RUN(a_changed_prompt_after_rating_becomes_a_new_version);
	RUN(an_amended_prompt_keeps_its_ratings);
	RUN(a_rated_output_whose_text_changed_is_refused);
	RUN(a_changed_rubric_after_rating_becomes_a_new_version);
	RUN(an_amendment_that_would_invalidate_ratings_is_refused);
	RUN(scores_are_checked_against_the_rubric);
	RUN(reopening_keeps_the_schema_and_the_study_id);
	RUN(ratings_load_as_arrays_for_the_statistics);
	RUN(the_screen_reads_the_rubric_in_the_reviewers_language);
	remove_dir();
	free((void *)fixtures);
	return check_exit();
}
