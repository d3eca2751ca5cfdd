/* test-load.c: the YAML and JSONL loaders on texts held in the test. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "load.h"
#include "model.h"

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
	if (a.rubrics.n == 1 && b.rubrics.n == 1)
		CHECK(strcmp(((struct rubric_def *)a.rubrics.v[0])->hash,
		    ((struct rubric_def *)b.rubrics.v[0])->hash) != 0);
	bundle_free(&a);
	bundle_free(&b);
	/* The same text twice gives the same hash. */
	load(&a, rubric_text, &e);
	load(&b, rubric_text, &e);
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
	CHECK(has_error(&e, "expected at least 1 reviewer"));
	bundle_free(&b);
	err_clear(&e);
	CHECK(load(&b, "kind: study\nseed: -4\n", &e) > 0);
	CHECK(has_error(&e, "study 'seed': expected a whole number"));
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

int
main(void)
{
	RUN(rubric_loads_every_field_in_order);
	RUN(hash_changes_with_any_visible_text);
	RUN(prompt_defaults_and_multi_turn_conversation);
	RUN(every_problem_in_a_file_is_reported);
	RUN(a_key_given_twice_is_an_error);
	RUN(study_settings_load_with_types_checked);
	RUN(alias_bombs_are_refused_quickly);
	RUN(a_second_document_is_refused);
	RUN(jsonl_keeps_extra_keys_as_sorted_metadata);
	RUN(jsonl_rejects_nul_and_duplicates);
	return check_exit();
}
