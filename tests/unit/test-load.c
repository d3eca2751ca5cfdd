/* test-load.c: the YAML and JSONL loaders on texts held in the test. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "load.h"
#include "defs.h"

static const char rubric_text[] =
    "kind: rubric\n"
    "capability: summarization\n"
    "title: Summarization\n"
    "description: Condensing material.\n"
    "scale: {min: 1, max: 5, labels: {1: very poor, 5: excellent}}\n"
    "axes:\n"
    "  - id: coherence\n"
    "    question: Connected?\n"
    "    anchors: {1: \"No.\", 5: \"Yes.\"}\n"
    "  - id: accuracy\n"
    "    question: Faithful?\n";

/* Load one text; returns the number of problems, which land in *errs. */
static size_t
load(struct bundle *b, const char *text, struct errlist *errs)
{
	memset(b, 0, sizeof *b);
	return load_yaml_text(b, "t.yaml", text, strlen(text), errs);
}

static int
has_error(const struct errlist *e, const char *needle)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		if (strstr(e->msgs[i], needle) != NULL)
			return 1;
	}
	for (i = 0; i < e->n; i++)
		fprintf(stderr, "  (got: %s)\n", e->msgs[i]);
	return 0;
}

TEST(rubric_loads_every_field_in_order)
{
	struct errlist e = { 0 };
	struct bundle b;
	const struct rubric_def *r;

	CHECK_INT(load(&b, rubric_text, &e), 0);
	CHECK_INT(b.rubrics.n, 1);
	if (b.rubrics.n == 1) {
		r = b.rubrics.v[0];
		CHECK_STR(r->capability, "summarization");
		CHECK_STR(r->description, "Condensing material.");
		CHECK_INT(r->min, 1);
		CHECK_INT(r->max, 5);
		CHECK_INT(r->n_labels, 2);
		CHECK_INT(r->n_axes, 2);
		CHECK_STR(r->axes[0].id, "coherence");
		CHECK_STR(r->axes[1].id, "accuracy");
		CHECK_INT(r->axes[0].n_anchors, 2);
		CHECK_STR(r->axes[0].anchors[1].text, "Yes.");
		CHECK_INT(strlen(r->hash), 64);
	}
	bundle_free(&b);
	err_clear(&e);
}

TEST(hash_changes_with_any_visible_text)
{
	struct errlist e = { 0 };
	struct bundle a, b;
	char *changed = strdup(rubric_text);

	*strstr(changed, "Faithful?") = 'f';
	load(&a, rubric_text, &e);
	load(&b, changed, &e);
	CHECK_INT(e.n, 0);
	CHECK_INT(a.rubrics.n, 1);
	CHECK_INT(b.rubrics.n, 1);
	if (a.rubrics.n == 1 && b.rubrics.n == 1)
		CHECK(strcmp(((struct rubric_def *)a.rubrics.v[0])->hash,
		    ((struct rubric_def *)b.rubrics.v[0])->hash) != 0);
	bundle_free(&a);
	bundle_free(&b);
	/* The same text twice gives the same hash. */
	load(&a, rubric_text, &e);
	load(&b, rubric_text, &e);
	CHECK_INT(a.rubrics.n, 1);
	CHECK_INT(b.rubrics.n, 1);
	if (a.rubrics.n == 1 && b.rubrics.n == 1)
		CHECK_STR(((struct rubric_def *)a.rubrics.v[0])->hash,
		    ((struct rubric_def *)b.rubrics.v[0])->hash);
	bundle_free(&a);
	bundle_free(&b);
	free(changed);
	err_clear(&e);
}

TEST(prompt_defaults_and_multi_turn_conversation)
{
	struct errlist e = { 0 };
	struct bundle b;
	const struct prompt_def *p;

	CHECK_INT(load(&b, "kind: prompts\nprompts:\n"
	    "  - id: p-1\n    capabilities: [summarization, generation]\n    title: T\n"
	    "    turns:\n      - {role: user, content: a}\n"
	    "      - {role: assistant, content: b}\n      - {role: user, content: c}\n", &e), 0);
	CHECK_INT(b.prompts.n, 1);
	if (b.prompts.n == 1) {
		p = b.prompts.v[0];
		CHECK_STR(p->lang, "en");
		CHECK_INT(p->onet_task_id, 0);
		CHECK_INT(p->n_capabilities, 2);
		CHECK_INT(p->n_turns, 3);
		CHECK_STR(p->turns[1].role, "assistant");
	}
	bundle_free(&b);
	err_clear(&e);
}

TEST(every_problem_in_a_file_is_reported)
{
	struct errlist e = { 0 };
	struct bundle b;

	CHECK_INT(load(&b, "kind: prompts\nprompts:\n"
	    "  - {id: a, capabilities: [x], title: T, turns: [{role: user, content: c}], lang2: en}\n"
	    "  - {id: B, capabilities: [x], title: T, turns: [{role: user, content: c}]}\n"
	    "  - {id: c, capabilities: [x], title: T, turns: [{role: robot, content: c}]}\n", &e), 3);
	CHECK(has_error(&e, "t.yaml:3:"));
	CHECK(has_error(&e, "unknown key 'lang2' (did you mean 'lang'?)"));
	CHECK(has_error(&e, "t.yaml:4:"));
	CHECK(has_error(&e, "'B' is not an id"));
	CHECK(has_error(&e, "expected user or assistant, found 'robot'"));
	bundle_free(&b);
	err_clear(&e);
}

TEST(a_key_given_twice_is_an_error)
{
	struct errlist e = { 0 };
	struct bundle b;

	CHECK(load(&b, "kind: study\ntitle: a\ntitle: b\n", &e) > 0);
	CHECK(has_error(&e, "t.yaml:3:1: study: key 'title' appears twice"));
	bundle_free(&b);
	err_clear(&e);
}

TEST(study_settings_load_with_types_checked)
{
	struct errlist e = { 0 };
	struct bundle b;
	const struct study_def *s;

	CHECK_INT(load(&b, "kind: study\nblind: false\noverlap: 3\nseed: 18446744073709551615\n"
	    "weights: {summarization: 16.6, generation: 25}\n", &e), 0);
	CHECK_INT(b.studies.n, 1);
	if (b.studies.n == 1) {
		s = b.studies.v[0];
		CHECK_INT(s->blind, 0);
		CHECK_INT(s->overlap, 3);
		CHECK(s->has_seed && s->seed == UINT64_MAX);
		CHECK_INT(s->n_weights, 2);
		CHECK_NEAR(s->weights[0].weight, 16.6, 1e-12);
	}
	bundle_free(&b);
	CHECK(load(&b, "kind: study\nblind: maybe\n", &e) > 0);
	CHECK(has_error(&e, "expected true or false, found 'maybe'"));
	bundle_free(&b);
	err_clear(&e);
	CHECK(load(&b, "kind: study\noverlap: 0\n", &e) > 0);
	CHECK(has_error(&e, "study 'overlap': expected a whole number from 1 to 10000, found '0'"));
	bundle_free(&b);
	err_clear(&e);
	CHECK(load(&b, "kind: study\nseed: -4\n", &e) > 0);
	CHECK(has_error(&e, "study 'seed': expected a whole number"));
	bundle_free(&b);
	err_clear(&e);
	/* strtoull alone reads " -1" as 2^64 - 1. */
	CHECK(load(&b, "kind: study\nseed: \" -1\"\n", &e) > 0);
	CHECK(has_error(&e, "t.yaml:2:7: study 'seed': expected a whole number"));
	CHECK_INT(b.studies.n, 0);
	bundle_free(&b);
	err_clear(&e);
}

/* Load text expecting it refused with an error that contains `want`. */
static void
check_refused(const char *text, const char *want)
{
	struct errlist e = { 0 };
	struct bundle b;

	CHECK(load(&b, text, &e) > 0);
	CHECK(has_error(&e, want));
	CHECK_INT(b.rubrics.n + b.prompts.n + b.studies.n, 0);
	bundle_free(&b);
	err_clear(&e);
}

#define RUBRIC_HEAD "kind: rubric\ncapability: c\ntitle: T\naxes: [{id: a, question: q}]\n"

TEST(every_whole_number_is_bounded)
{
	struct errlist e = { 0 };
	struct bundle b;

	/* max - min overflowed and passed the 101-point check. */
	check_refused(RUBRIC_HEAD
	    "scale: {min: -9223372036854775808, max: 9223372036854775807}\n",
	    "t.yaml:5:14: scale 'min': expected a whole number from -1000 to 1000, "
	    "found '-9223372036854775808'");
	check_refused(RUBRIC_HEAD "scale: {min: 0, max: 9223372036854775807}\n",
	    "t.yaml:5:22: scale 'max': expected a whole number from -1000 to 1000");
	check_refused(RUBRIC_HEAD "scale: {min: -1001, max: 1}\n", "scale 'min'");
	check_refused(RUBRIC_HEAD "scale: {min: 1, max: 102}\n",
	    "scale: 1 to 102 has more than 101 points");
	check_refused(RUBRIC_HEAD "scale: {min: 1, max: +5}\n", "scale 'max'");
	check_refused(RUBRIC_HEAD
	    "scale: {min: 1, max: 5, labels: {99999999999999999999: x}}\n",
	    "scale labels: expected a whole number from -1000 to 1000");
	check_refused("kind: study\noverlap: 9223372036854775807\n",
	    "study 'overlap': expected a whole number from 1 to 10000");
	check_refused("kind: study\nweights: {c: 1e300}\n",
	    "study 'weights': a weight is a number from 0 to 1e+06");
	check_refused("kind: study\nweights: {c: .inf}\n", "study 'weights'");
	check_refused("kind: study\nweights: {c: inf}\n", "study 'weights'");
	check_refused("kind: prompts\nprompts: [{id: p, capabilities: [c], title: T, "
	    "onet_task_id: 2147483648, turns: [{role: user, content: c}]}]\n",
	    "prompt 'onet_task_id': expected a whole number from 1 to 2147483647");
	/* The extremes themselves are taken. */
	CHECK_INT(load(&b, RUBRIC_HEAD "scale: {min: -1000, max: -900, labels: {-1000: x, "
	    "-900: y}}\n", &e), 0);
	CHECK_INT(b.rubrics.n, 1);
	if (b.rubrics.n == 1)
		CHECK_INT(((struct rubric_def *)b.rubrics.v[0])->min, -1000);
	bundle_free(&b);
	CHECK_INT(load(&b, RUBRIC_HEAD "scale: {min: 900, max: 1000}\n", &e), 0);
	CHECK_INT(b.rubrics.n, 1);
	bundle_free(&b);
	CHECK_INT(load(&b, "kind: study\noverlap: 10000\nweights: {c: 1000000}\n", &e), 0);
	CHECK_INT(b.studies.n, 1);
	bundle_free(&b);
	CHECK_INT(e.n, 0);
	err_clear(&e);
}

/* `depth` nested flow lists under a key. */
static char *
nested(size_t depth)
{
	char *t = malloc(2 * depth + 16);
	size_t i;

	memcpy(t, "kind: study\nx: ", 15);
	for (i = 0; i < depth; i++) {
		t[15 + i] = '[';
		t[15 + depth + i] = ']';
	}
	t[15 + 2 * depth] = '\0';
	return t;
}

TEST(nesting_is_limited_while_parsing)
{
	struct errlist e = { 0 };
	struct bundle b;
	char *t;

	/* The root mapping is one level, so 63 lists still fit. */
	t = nested(LOAD_MAX_YAML_DEPTH - 1);
	load(&b, t, &e);
	CHECK(has_error(&e, "t.yaml:2:1: study: unknown key 'x'"));
	CHECK_INT(e.n, 1);
	bundle_free(&b);
	err_clear(&e);
	free(t);
	t = nested(LOAD_MAX_YAML_DEPTH);
	check_refused(t, "t.yaml:2:67: the document nests deeper than 64 levels");
	free(t);
	t = nested(1000000);
	check_refused(t, "t.yaml:2:67: the document nests deeper than 64 levels");
	free(t);
}

TEST(node_count_is_limited)
{
	struct buf t = { 0 };
	size_t i;

	buf_addstr(&t, "kind: study\nreviewers: [a");
	for (i = 6; i < LOAD_MAX_YAML_NODES; i++)
		buf_addstr(&t, ",a");
	buf_addstr(&t, "]\n");
	/* Exactly at the limit the file is read (and 'a' appears twice). */
	{
		struct errlist e = { 0 };
		struct bundle b;

		load(&b, t.data, &e);
		CHECK(has_error(&e, "study 'reviewers': 'a' appears twice"));
		CHECK_INT(e.n, LOAD_MAX_ERRORS + 1);	/* and nothing about nodes */
		bundle_free(&b);
		err_clear(&e);
	}
	t.len -= 2;
	buf_addstr(&t, ",b]\n");
	check_refused(t.data, "the document has more than 1000000 nodes");
	buf_free(&t);
}

TEST(anchors_and_aliases_compose)
{
	struct errlist e = { 0 };
	struct bundle b;

	CHECK_INT(load(&b, "kind: study\nreviewers: [&a ann, *a2]\n", &e), 1);
	CHECK(has_error(&e, "t.yaml:2:21: YAML alias '*a2' names no anchor before it"));
	bundle_free(&b);
	err_clear(&e);
	/* A later anchor of the same name wins. */
	CHECK_INT(load(&b, "kind: study\nreviewers: [&a ann, &a bob, *a]\n", &e), 1);
	CHECK(has_error(&e, "'bob' appears twice"));
	bundle_free(&b);
	err_clear(&e);
	CHECK_INT(load(&b, "kind: study\ntitle: &t T\nreviewers: [*t]\n", &e), 0);
	CHECK_INT(b.studies.n, 1);
	if (b.studies.n == 1)
		CHECK_STR(((struct study_def *)b.studies.v[0])->reviewers[0], "T");
	bundle_free(&b);
	err_clear(&e);
}

TEST(syntax_errors_name_where_the_construct_began)
{
	check_refused("kind: prompts\nprompts:\n  - id: p\n    title: \"unclosed\n"
	    "    turns: []\n",
	    "t.yaml:4:12: YAML syntax error in a quoted scalar begun here; parsing "
	    "stopped at 6:1: found unexpected end of stream");
	check_refused("kind: study\n\tx: 1\n",
	    "parsing stopped at 2:1: found a tab character that violates indentation");
}

TEST(problems_past_the_limit_are_counted_not_listed)
{
	struct errlist e = { 0 };
	struct bundle b;
	struct buf t = { 0 };
	int i;

	buf_addstr(&t, "kind: outputs\nmodel: m\noutputs:\n");
	for (i = 0; i < 1000; i++)
		buf_addstr(&t, "- x\n");
	CHECK_INT(load(&b, t.data, &e), 1000);
	CHECK_INT(e.n, LOAD_MAX_ERRORS + 1);
	CHECK(has_error(&e, "t.yaml: 900 more problems in this file are not shown"));
	buf_free(&t);
	bundle_free(&b);
	err_clear(&e);
}

TEST(aliases_cannot_multiply_memory)
{
	struct errlist e = { 0 };
	struct bundle b;
	struct buf t = { 0 };
	char *big = malloc(1 << 20);
	int i;

	/* 1 MiB of text named 2,000 times would be 2 GiB in the bundle. */
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	buf_addstr(&t, "kind: outputs\nmodel: m\noutputs:\n- &o {prompt: p, text: ");
	buf_addstr(&t, big);
	buf_addstr(&t, "}\n");
	for (i = 0; i < 2000; i++)
		buf_addstr(&t, "- *o\n");
	CHECK(load(&b, t.data, &e) > 0);
	CHECK(has_error(&e, "refers to its own nodes too often"));
	CHECK(b.outputs.n < 10);
	free(big);
	buf_free(&t);
	bundle_free(&b);
	err_clear(&e);
}

TEST(alias_bombs_are_refused_quickly)
{
	struct errlist e = { 0 };
	struct bundle b;
	/* 3,000 aliases of a prompt whose conversation is 3,000 aliases of one
	 * turn: 9 million turns to walk from 30 kB of text. */
	struct buf t = { 0 };
	int i;

	buf_addstr(&t, "kind: prompts\nprompts: [&p {id: p, capabilities: [x], title: T, "
	    "turns: [&u {role: user, content: c}");
	for (i = 1; i < 3000; i++)
		buf_addstr(&t, ", *u");
	buf_addstr(&t, "]}");
	for (i = 1; i < 3000; i++)
		buf_addstr(&t, ", *p");
	buf_addstr(&t, "]\n");
	CHECK(load(&b, t.data, &e) > 0);
	CHECK(has_error(&e, "refers to its own nodes too often"));
	CHECK(b.prompts.n < 3000);
	buf_free(&t);
	bundle_free(&b);
	err_clear(&e);
}

TEST(a_second_document_is_refused)
{
	struct errlist e = { 0 };
	struct bundle b;

	CHECK(load(&b, "kind: study\n---\nkind: study\n", &e) > 0);
	CHECK(has_error(&e, "t.yaml:3:1: a second YAML document"));
	bundle_free(&b);
	err_clear(&e);
}

TEST(jsonl_keeps_extra_keys_as_sorted_metadata)
{
	static const char text[] =
	    "{\"prompt\": \"p-1\", \"zeta\": 1, \"model\": \"m\", \"text\": \"hi\", \"alpha\": [1, 2]}\n"
	    "\n"
	    "{\"prompt\": \"p-2\", \"model\": \"m\", \"text\": \"\\u65e5\\u672c\"}";
	struct errlist e = { 0 };
	struct bundle b;
	FILE *f = fmemopen((void *)text, sizeof text - 1, "r");
	const struct output_def *o;

	memset(&b, 0, sizeof b);
	CHECK_INT(load_jsonl_stream(&b, "o.jsonl", f, &e), 0);
	fclose(f);
	CHECK_INT(b.outputs.n, 2);
	if (b.outputs.n == 2) {
		o = b.outputs.v[0];
		CHECK_STR(o->metadata, "{\"alpha\":[1,2],\"zeta\":1}");
		o = b.outputs.v[1];
		CHECK(o->metadata == NULL);
		CHECK_STR(o->text, "\xe6\x97\xa5\xe6\x9c\xac");
		CHECK_INT(o->pos.line, 3);
	}
	bundle_free(&b);
	err_clear(&e);
}

/* The common line is read without jansson (load-jsonl.c): its strings and
 * its metadata must come out as jansson's, byte for byte, or every output
 * would hash differently; a line it does not read (a real number) still
 * reads. */
TEST(jsonl_plain_lines_read_as_jansson_reads_them)
{
	static const char text[] =
	    "{\"model\":\"m\",\"prompt\":\"p-1\",\"text\":\"a\\\"b\\\\c\\/d\\u00e9\\uD83D\\uDE00\","
	    "\"z\":\"\\u001f\\t\\\"\xc3\xa9\xf0\x9f\x98\x80\",\"\xc3\xa9\":-5,\"a\":null,"
	    "\"b\":true,\"c\":false,\"n\":123456789012345678}\r\n"
	    " { \"model\" : \"m\" , \"prompt\" : \"p-2\" , \"text\" : \"\" , \"t\" : 0.5 } \n";
	struct errlist e = { 0 };
	struct bundle b;
	FILE *f = fmemopen((void *)text, sizeof text - 1, "r");
	const struct output_def *o;

	memset(&b, 0, sizeof b);
	CHECK_INT(load_jsonl_stream(&b, "o.jsonl", f, &e), 0);
	fclose(f);
	CHECK_INT(b.outputs.n, 2);
	if (b.outputs.n == 2) {
		o = b.outputs.v[0];
		CHECK_STR(o->text, "a\"b\\c/d\xc3\xa9\xf0\x9f\x98\x80");
		CHECK_STR(o->metadata, "{\"a\":null,\"b\":true,\"c\":false,\"n\":123456789012345678,"
		    "\"z\":\"\\u001F\\t\\\"\\u00E9\\uD83D\\uDE00\",\"\\u00E9\":-5}");
		o = b.outputs.v[1];
		CHECK_STR(o->prompt, "p-2");
		CHECK_STR(o->text, "");
		CHECK_STR(o->metadata, "{\"t\":0.5}");
	}
	bundle_free(&b);
	err_clear(&e);
}

TEST(jsonl_rejects_nul_and_duplicates)
{
	static const char text[] =
	    "{\"prompt\": \"p\", \"model\": \"m\", \"text\": \"a\\u0000b\"}\n"
	    "{\"prompt\": \"p\", \"prompt\": \"q\", \"model\": \"m\", \"text\": \"a\"}\n";
	struct errlist e = { 0 };
	struct bundle b;
	FILE *f = fmemopen((void *)text, sizeof text - 1, "r");

	memset(&b, 0, sizeof b);
	CHECK_INT(load_jsonl_stream(&b, "o.jsonl", f, &e), 2);
	fclose(f);
	CHECK(has_error(&e, "o.jsonl:1:"));
	CHECK(has_error(&e, "o.jsonl:2:"));
	CHECK_INT(b.outputs.n, 0);
	bundle_free(&b);
	err_clear(&e);
}

TEST(jsonl_lists_at_most_the_limit_of_problems)
{
	struct errlist e = { 0 };
	struct bundle b;
	struct buf t = { 0 };
	FILE *f;
	int i;

	for (i = 0; i < 300; i++)
		buf_addstr(&t, "not json\n");
	buf_addstr(&t, "{\"kind\": \"ratings\", \"reviewer\": \"a\", \"prompt\": \"p\", "
	    "\"rubric_version\": 2147483648, \"model\": \"m\", \"capability\": \"c\", "
	    "\"axis\": \"x\", \"score\": 1}\n");
	f = fmemopen(t.data, t.len, "r");
	memset(&b, 0, sizeof b);
	CHECK_INT(load_jsonl_stream(&b, "o.jsonl", f, &e), 301);
	fclose(f);
	CHECK_INT(e.n, LOAD_MAX_ERRORS + 1);
	CHECK(has_error(&e, "o.jsonl: 201 more problems in this file are not shown"));
	bundle_free(&b);
	err_clear(&e);
	/* The last line alone: its version is past the limit. */
	f = fmemopen(t.data + 300 * 9, t.len - 300 * 9, "r");
	memset(&b, 0, sizeof b);
	CHECK_INT(load_jsonl_stream(&b, "o.jsonl", f, &e), 1);
	fclose(f);
	CHECK(has_error(&e, "o.jsonl:1:1: \"rubric_version\": expected a whole number from 1 to "
	    "2147483647"));
	buf_free(&t);
	bundle_free(&b);
	err_clear(&e);
}

/* The same rubric in English and Japanese, per text. */
static const char rubric_two_langs[] =
    "kind: rubric\n"
    "capability: summarization\n"
    "title: {en: Summarization, ja: 要約}\n"
    "scale:\n"
    "  min: 1\n"
    "  max: 5\n"
    "  labels: {en: {1: very poor, 5: excellent}, ja: {1: 不可}}\n"
    "axes:\n"
    "  - id: coherence\n"
    "    name: {ja: 一貫性}\n"
    "    question: {en: Connected?, ja: つながっていますか。}\n"
    "    anchors:\n"
    "      en: {1: \"No.\", 5: \"Yes.\"}\n"
    "      ja: {5: \"はい。\"}\n"
    "  - id: accuracy\n"
    "    question: Faithful?\n";

static const struct rubric_text *
find_text(const struct rubric_def *r, const char *lang, enum rubric_part part,
    const char *axis, long value)
{
	size_t i;

	for (i = 0; i < r->n_texts; i++) {
		const struct rubric_text *t = &r->texts[i];

		if (strcmp(t->lang, lang) == 0 && t->part == part && t->value == value &&
		    (axis == NULL ? t->axis == NULL : t->axis != NULL &&
		    strcmp(t->axis, axis) == 0))
			return t;
	}
	return NULL;
}

TEST(a_plain_rubric_is_english_with_its_old_hash)
{
	struct errlist e = { 0 };
	struct bundle b;
	const struct rubric_def *r;

	CHECK_INT(load(&b, rubric_text, &e), 0);
	if (b.rubrics.n == 1) {
		r = b.rubrics.v[0];
		CHECK_INT(r->n_langs, 1);
		CHECK_STR(r->langs[0], "en");
		CHECK_INT(r->n_texts, 0);
		/* The hash from before rubrics had languages: a study's
		 * rubrics stay unchanged across the upgrade. */
		CHECK_STR(r->hash,
		    "467e9a995f96713c2eaccc09f93ef25863418e11286029a4266f3e53a89683ec");
	}
	bundle_free(&b);
	err_clear(&e);
}

TEST(per_language_texts_load_with_the_first_language_in_the_fields)
{
	struct errlist e = { 0 };
	struct bundle b;
	const struct rubric_def *r;
	const struct rubric_text *t;

	CHECK_INT(load(&b, rubric_two_langs, &e), 0);
	CHECK_INT(b.rubrics.n, 1);
	if (b.rubrics.n == 1) {
		r = b.rubrics.v[0];
		CHECK_INT(r->n_langs, 2);
		CHECK_STR(r->langs[0], "en");
		CHECK_STR(r->langs[1], "ja");
		CHECK_STR(r->title, "Summarization");
		CHECK_INT(r->n_labels, 2);
		CHECK_STR(r->axes[0].question, "Connected?");
		CHECK_INT(r->axes[0].n_anchors, 2);
		CHECK_STR(r->axes[0].anchors[1].text, "Yes.");
		/* A plain value is the first language's. */
		CHECK_STR(r->axes[1].question, "Faithful?");
		CHECK_INT(r->n_texts, 5);
		t = find_text(r, "ja", RT_TITLE, NULL, 0);
		CHECK(t != NULL && strcmp(t->text, "要約") == 0);
		t = find_text(r, "ja", RT_LABEL, NULL, 1);
		CHECK(t != NULL && strcmp(t->text, "不可") == 0);
		t = find_text(r, "ja", RT_NAME, "coherence", 0);
		CHECK(t != NULL && strcmp(t->text, "一貫性") == 0);
		t = find_text(r, "ja", RT_QUESTION, "coherence", 0);
		CHECK(t != NULL && strcmp(t->text, "つながっていますか。") == 0);
		t = find_text(r, "ja", RT_ANCHOR, "coherence", 5);
		CHECK(t != NULL && strcmp(t->text, "はい。") == 0);
		CHECK(find_text(r, "ja", RT_ANCHOR, "coherence", 1) == NULL);
	}
	bundle_free(&b);
	err_clear(&e);
}

TEST(languages_set_the_order_and_the_fallback)
{
	struct errlist e = { 0 };
	struct bundle a, b;
	const struct rubric_def *r;
	char *text = malloc(sizeof rubric_two_langs + 32);

	/* Declared with Japanese first: the fields hold the Japanese, and the
	 * plain question is Japanese. */
	strcpy(text, "languages: [ja, en]\n");
	strcat(text, rubric_two_langs);
	CHECK_INT(load(&a, text, &e), 0);
	if (a.rubrics.n == 1) {
		r = a.rubrics.v[0];
		CHECK_STR(r->langs[0], "ja");
		CHECK_STR(r->title, "要約");
		CHECK_STR(r->axes[0].question, "つながっていますか。");
		CHECK_INT(r->axes[0].n_anchors, 1);
		CHECK(find_text(r, "en", RT_TITLE, NULL, 0) != NULL);
		CHECK(find_text(r, "ja", RT_TITLE, NULL, 0) == NULL);
	}
	/* The order is part of what the reviewer sees: another hash. */
	load(&b, rubric_two_langs, &e);
	if (a.rubrics.n == 1 && b.rubrics.n == 1)
		CHECK(strcmp(((struct rubric_def *)a.rubrics.v[0])->hash,
		    ((struct rubric_def *)b.rubrics.v[0])->hash) != 0);
	bundle_free(&a);
	bundle_free(&b);
	/* Without languages, the first code met is the first language, and
	 * the plain values are its texts. */
	CHECK_INT(load(&a, "kind: rubric\ncapability: c\ntitle: 題\nscale: {min: 1, max: 5}\n"
	    "axes: [{id: a, question: {ja: 問, en: q}}]\n", &e), 0);
	if (a.rubrics.n == 1) {
		r = a.rubrics.v[0];
		CHECK_INT(r->n_langs, 2);
		CHECK_STR(r->langs[0], "ja");
		CHECK_STR(r->title, "題");
		CHECK_STR(r->axes[0].question, "問");
		CHECK(find_text(r, "en", RT_QUESTION, "a", 0) != NULL);
	}
	bundle_free(&a);
	free(text);
	err_clear(&e);
}

TEST(bad_languages_are_refused_where_they_are)
{
	/* Every case: kind, capability and scale on lines 1 to 3. */
#define H "kind: rubric\ncapability: c\nscale: {min: 1, max: 5}\n"
	static const struct {
		const char *text, *error;
	} cases[] = {
		{ H "title: {en: T, EN: U}\naxes: [{id: a, question: q}]\n",
		  "t.yaml:4:16: rubric 'title': 'EN' is not a language code (such as en, ja or pt_BR)" },
		{ H "title: {en: T, en: U}\naxes: [{id: a, question: q}]\n",
		  "t.yaml:4:16: rubric 'title': language 'en' appears twice" },
		{ H "languages: [en, ja]\ntitle: {en: T, fr: U}\naxes: [{id: a, question: q}]\n",
		  "t.yaml:5:16: rubric 'title': 'fr' is not one of the rubric's languages" },
		{ H "languages: [en, en]\ntitle: T\naxes: [{id: a, question: q}]\n",
		  "t.yaml:4:17: rubric 'languages': 'en' appears twice" },
		{ H "languages: [english]\ntitle: T\naxes: [{id: a, question: q}]\n",
		  "t.yaml:4:13: rubric 'languages': 'english' is not a language code" },
		{ "kind: rubric\ncapability: c\ntitle: T\nscale: {min: 1, max: 5, labels: "
		  "{1: bad, ja: {1: 悪い}}}\naxes: [{id: a, question: q}]\n",
		  "t.yaml:4:42: scale labels: language codes and points of the scale in one mapping" },
		{ H "title: T\naxes:\n  - {id: a, question: q, anchors: {en: {1: x}, 2: y}}\n",
		  "t.yaml:6:48: anchors: language codes and points of the scale in one mapping" },
		{ H "title: T\naxes:\n  - {id: a, question: q, anchors: {en: {9: x}}}\n",
		  "t.yaml:6:41: anchors: point 9 is outside the scale 1 to 5" },
		{ H "title: {en: T}\naxes: [{id: a, question: {ja: 質問}}]\n",
		  "t.yaml:5:27: axis 'question': no text in 'en', the rubric's first language" },
		{ H "title: {ja: T, en: U}\naxes: [{id: a, question: {en: q}, nmae: x}]\n",
		  "t.yaml:5:35: axis: unknown key 'nmae' (did you mean 'name'?)" },
		{ H "title: {en: T, ja: ~}\naxes: [{id: a, question: q}]\n",
		  "t.yaml:4:20: rubric 'title': expected text, found nothing" },
		{ H "title: {}\naxes: [{id: a, question: q}]\n",
		  "t.yaml:1:1: rubric 'title': no text in 'en', the rubric's first language" },
		{ H "title: T\naxes: [{id: a, question: {}}]\n",
		  "t.yaml:5:8: axis 'question': no text in 'en', the rubric's first language" },
		{ H "title: {en: T, ja: 題}\naxes: [{id: a, question: {ja: 問}}]\n",
		  "t.yaml:5:27: axis 'question': no text in 'en', the rubric's first language" },
	};
	struct errlist e = { 0 };
	struct bundle b;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK(load(&b, cases[i].text, &e) > 0);
		CHECK_INT(b.rubrics.n, 0);
		CHECK(has_error(&e, cases[i].error));
		bundle_free(&b);
		err_clear(&e);
	}
#undef H
}

int
main(void)
{
	RUN(rubric_loads_every_field_in_order);
	RUN(hash_changes_with_any_visible_text);
	RUN(a_plain_rubric_is_english_with_its_old_hash);
	RUN(per_language_texts_load_with_the_first_language_in_the_fields);
	RUN(languages_set_the_order_and_the_fallback);
	RUN(bad_languages_are_refused_where_they_are);
	RUN(prompt_defaults_and_multi_turn_conversation);
	RUN(every_problem_in_a_file_is_reported);
	RUN(a_key_given_twice_is_an_error);
	RUN(study_settings_load_with_types_checked);
	RUN(every_whole_number_is_bounded);
	RUN(nesting_is_limited_while_parsing);
	RUN(node_count_is_limited);
	RUN(anchors_and_aliases_compose);
	RUN(syntax_errors_name_where_the_construct_began);
	RUN(problems_past_the_limit_are_counted_not_listed);
	RUN(aliases_cannot_multiply_memory);
	RUN(alias_bombs_are_refused_quickly);
	RUN(a_second_document_is_refused);
	RUN(jsonl_keeps_extra_keys_as_sorted_metadata);
	RUN(jsonl_plain_lines_read_as_jansson_reads_them);
	RUN(jsonl_rejects_nul_and_duplicates);
	RUN(jsonl_lists_at_most_the_limit_of_problems);
	return check_exit();
}
