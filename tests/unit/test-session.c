/* test-session.c: a reviewer's queue (order, overlap, skip, resume) and the
 * rating screen's writes, on a real database. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "import.h"
#include "session.h"
#include "store.h"

static char dir[] = "/tmp/panelist-session-XXXXXX";

/* A study of 12 prompts x 3 models = 36 outputs, with an optional study file. */
static struct store *
study(const char *name, const char *study_yaml)
{
	struct errlist e = { 0 };
	struct import_counts c;
	struct store *st = NULL;
	char *db = xasprintf("%s/%s.db", dir, name), *f = xasprintf("%s/%s.yaml", dir, name);
	char *paths[2] = { f, NULL };
	struct buf t = { 0 };
	FILE *fp;
	size_t files;
	int i, m;

	buf_addstr(&t, "kind: rubric\ncapability: summarization\ntitle: S\n"
	    "scale: {min: 1, max: 5}\naxes: [{id: coherence, question: Q}, {id: accuracy, question: Q}]\n");
	fp = fopen(f, "w");
	fputs(t.data, fp);
	fclose(fp);
	t.len = 0;
	CHECK_INT(store_open(db, STORE_OPEN_CREATE, &st, &e), 0);
	CHECK_INT(import_paths(st, paths, 1, &c, &files, &e), 0);
	buf_addstr(&t, "kind: prompts\nprompts:\n");
	for (i = 0; i < 12; i++)
		buf_printf(&t, "  - {id: p-%02d, capabilities: [summarization], title: T%d, "
		    "turns: [{role: user, content: c}]}\n", i, i);
	fp = fopen(f, "w");
	fputs(t.data, fp);
	fclose(fp);
	CHECK_INT(import_paths(st, paths, 1, &c, &files, &e), 0);
	for (m = 0; m < 3; m++) {
		t.len = 0;
		buf_printf(&t, "kind: outputs\nmodel: m-%d\noutputs:\n", m);
		for (i = 0; i < 12; i++)
			buf_printf(&t, "  - {prompt: p-%02d, text: answer %d}\n", i, i);
		fp = fopen(f, "w");
		fputs(t.data, fp);
		fclose(fp);
		CHECK_INT(import_paths(st, paths, 1, &c, &files, &e), 0);
	}
	if (study_yaml != NULL) {
		fp = fopen(f, "w");
		fputs(study_yaml, fp);
		fclose(fp);
		CHECK_INT(import_paths(st, paths, 1, &c, &files, &e), 0);
	}
	err_print(&e, stderr);
	err_clear(&e);
	buf_free(&t);
	free(db);
	free(f);
	return st;
}

static struct queue_filter all = { NULL, NULL };

TEST(each_reviewer_has_a_stable_order_of_their_own)
{
	struct store *st = study("order", NULL);
	struct session a, a2, b;
	struct errlist e = { 0 };
	size_t i, same = 0, adjacent = 0;

	CHECK_INT(session_open(&a, st, "ana", &all, 0, &e), 0);
	CHECK_INT(session_open(&a2, st, "ana", &all, 0, &e), 0);
	CHECK_INT(session_open(&b, st, "ben", &all, 0, &e), 0);
	CHECK_INT(a.n, 36);
	for (i = 0; i < a.n && i < a2.n && i < b.n; i++) {
		CHECK(a.q[i].output == a2.q[i].output);
		same += a.q[i].output == b.q[i].output;
		if (i > 0)
			adjacent += strcmp(a.q[i].prompt_id, a.q[i - 1].prompt_id) == 0;
	}
	CHECK(same < 10);		/* ben's order is another one */
	CHECK_INT(adjacent, 0);		/* never the same prompt twice in a row */
	CHECK_INT(a.cur, 0);
	session_close(&a);
	session_close(&a2);
	session_close(&b);
	store_close(st);
	err_clear(&e);
}

/* The study's seed is drawn at creation, so one reviewer sees one order per
 * run: 400 names cover orders the one above would meet once in a while
 * (a shuffle ends in a repeat about one time in twenty). */
TEST(no_order_shows_a_prompt_twice_in_a_row)
{
	struct store *st = study("spread", NULL);
	struct errlist e = { 0 };
	struct session s;
	size_t r, i, adjacent = 0;

	for (r = 0; r < 400; r++) {
		char *name = xasprintf("reviewer-%zu", r);

		CHECK_INT(session_open(&s, st, name, &all, 0, &e), 0);
		CHECK_INT(s.n, 36);
		for (i = 1; i < s.n; i++)
			adjacent += strcmp(s.q[i].prompt_id, s.q[i - 1].prompt_id) == 0;
		session_close(&s);
		free(name);
	}
	CHECK_INT(adjacent, 0);
	store_close(st);
	err_clear(&e);
}

TEST(overlap_assigns_each_output_to_k_reviewers_in_equal_shares)
{
	static const char *const names[] = { "ana", "ben", "chen", "dee" };
	struct store *st = study("overlap", "kind: study\noverlap: 2\nseed: 7\n"
	    "reviewers: [ana, ben, chen, dee]\n");
	struct errlist e = { 0 };
	struct session s;
	int times[64] = { 0 }, per_model[4][3] = { { 0 } };
	size_t r, i;

	for (r = 0; r < 4; r++) {
		CHECK_INT(session_open(&s, st, names[r], &all, 0, &e), 0);
		CHECK_INT(s.n, 18);	/* 36 outputs x 2 / 4 reviewers */
		for (i = 0; i < s.n; i++) {
			times[s.q[i].output]++;
			per_model[r][s.q[i].model[2] - '0']++;
		}
		session_close(&s);
	}
	for (i = 1; i <= 36; i++)
		CHECK_INT(times[i], 2);
	for (r = 0; r < 4; r++) {
		for (i = 0; i < 3; i++)
			CHECK_INT(per_model[r][i], 6);	/* each model spread evenly */
	}
	CHECK_INT(session_open(&s, st, "eve", &all, 0, &e), STORE_INPUT);
	session_close(&s);
	store_close(st);
	err_clear(&e);
}

/* The demo's setting: everyone rates the same sample first, each in their
 * own order; the rest stays each reviewer's own. */
TEST(a_shared_sample_comes_first_for_everyone)
{
	struct store *st = study("shared", "kind: study\nshared_sample: 6\n");
	struct errlist e = { 0 };
	struct session a, b;
	size_t i, j, common = 0, same_place = 0;

	CHECK_INT(session_open(&a, st, "ana", &all, 0, &e), 0);
	CHECK_INT(session_open(&b, st, "ben", &all, 0, &e), 0);
	CHECK_INT(a.n, 36);
	CHECK_INT(b.n, 36);
	for (i = 0; i < 6; i++) {
		for (j = 0; j < 6; j++)
			common += a.q[i].output == b.q[j].output;
		CHECK(a.q[i].shared && b.q[i].shared);
	}
	CHECK_INT(common, 6);		/* the same six outputs first */
	for (i = 6; i < 36; i++) {
		CHECK(!a.q[i].shared);
		same_place += a.q[i].output == b.q[i].output;
	}
	CHECK(same_place < 10);		/* then each in their own order */
	session_close(&a);
	session_close(&b);
	store_close(st);
	err_clear(&e);
}

static void
rate_all(struct session *s, int score)
{
	struct errlist e = { 0 };

	CHECK_INT(store_rate(s->st, s->reviewer, s->q[s->cur].output, "summarization",
	    "coherence", score, &e), 0);
	CHECK_INT(store_rate(s->st, s->reviewer, s->q[s->cur].output, "summarization",
	    "accuracy", ITEM_NA, &e), 0);
	CHECK_INT(session_refresh(s, &e), 0);
	err_clear(&e);
}

TEST(resume_lands_on_the_first_unfinished_item_and_skips_go_last)
{
	struct store *st = study("resume", NULL);
	struct errlist e = { 0 };
	struct session s;
	int64_t first, second, third;

	CHECK_INT(session_open(&s, st, "ana", &all, 0, &e), 0);
	first = s.q[0].output;
	rate_all(&s, 4);
	CHECK(s.q[0].done);
	s.cur = 1;
	second = s.q[1].output;
	third = s.q[2].output;
	CHECK_INT(session_skip(&s, &e), 0);
	CHECK(s.q[1].output == second);		/* it keeps its number, */
	CHECK(s.q[2].output == third);		/* and so do the others; */
	CHECK_INT(s.ord[s.n - 1], 1);		/* it is last in the order */
	CHECK_INT(s.cur, 2);			/* the next one took its place */
	CHECK_INT(session_step(&s, -1), 0);
	session_close(&s);

	CHECK_INT(session_open(&s, st, "ana", &all, 0, &e), 0);
	CHECK(s.q[0].output == first);
	CHECK(s.q[1].output == second);		/* numbers survive a restart */
	CHECK_INT(s.ord[s.n - 1], 1);		/* and so does the skip */
	CHECK(s.q[s.cur].output == third);	/* first unfinished */
	CHECK_INT(session_done(&s), 1);
	s.cur = s.ord[s.n - 2];
	CHECK_INT(session_step(&s, 1), 1);	/* the skipped one comes last */
	s.cur = 1;
	CHECK_INT(session_step(&s, 1), s.n);
	session_close(&s);
	CHECK_INT(session_open(&s, st, "ana", &all, 5, &e), 0);
	CHECK_INT(s.cur, 4);
	session_close(&s);
	CHECK_INT(session_open(&s, st, "ana", &all, 99, &e), STORE_INPUT);
	session_close(&s);
	store_close(st);
	err_clear(&e);
}

TEST(item_view_shows_scores_note_and_flag_with_history)
{
	struct store *st = study("item", NULL);
	struct errlist e = { 0 };
	struct item_view iv;
	struct session s;
	char *db = xasprintf("%s/item.db", dir), *cmd;
	int64_t out;

	CHECK_INT(session_open(&s, st, "ana", &all, 0, &e), 0);
	out = s.q[0].output;
	CHECK_INT(store_rate(st, "ana", out, "summarization", "coherence", 2, &e), 0);
	CHECK_INT(store_rate(st, "ana", out, "summarization", "coherence", 3, &e), 0);
	CHECK_INT(store_rate(st, "ana", out, "summarization", "coherence", 3, &e), 0);
	CHECK_INT(store_rate(st, "ana", out, "summarization", "coherence", 9, &e), STORE_INPUT);
	CHECK_INT(store_rate(st, "ana", out, "generation", "coherence", 3, &e), STORE_INPUT);
	CHECK_INT(store_set_note(st, "ana", out, "Too long; 日本語 ok", &e), 0);
	CHECK_INT(store_set_flag(st, "ana", out, "off-topic", "answers another question", &e), 0);
	CHECK_INT(store_set_flag(st, "ana", out, "weird", NULL, &e), STORE_INPUT);
	CHECK_INT(store_add_time(st, "ana", out, 12.5, &e), 0);
	CHECK_INT(store_item_load(st, "ana", out, &iv, &e), 0);
	CHECK_INT(iv.n_caps, 1);
	CHECK_INT(iv.caps[0].n_axes, 2);
	CHECK_INT(iv.caps[0].axes[0].score, 3);
	CHECK_INT(iv.caps[0].axes[1].score, ITEM_UNRATED);
	CHECK_STR(iv.note, "Too long; 日本語 ok");
	CHECK_STR(iv.flag, "off-topic");
	CHECK_STR(iv.flag_reason, "answers another question");
	CHECK_NEAR(iv.active_seconds, 12.5, 1e-9);
	CHECK_INT(iv.n_turns, 1);
	item_view_free(&iv);
	/* Another reviewer sees none of it. */
	CHECK_INT(store_item_load(st, "ben", out, &iv, &e), 0);
	CHECK_INT(iv.caps[0].axes[0].score, ITEM_UNRATED);
	CHECK(iv.note == NULL);
	item_view_free(&iv);
	session_close(&s);
	store_close(st);
	/* History: 2 score changes (the repeat adds none), a note and a flag. */
	cmd = xasprintf("test \"$(sqlite3 %s \"SELECT group_concat(field || ':' || "
	    "coalesce(old, '-') || '>' || coalesce(new, '-'), ' ') FROM history\")\" = "
	    "'score:->2 score:2>3 note:->Too long; 日本語 ok flag:->off-topic: answers another question'",
	    db);
	CHECK_INT(system(cmd), 0);
	free(cmd);
	free(db);
	err_clear(&e);
}

int
main(void)
{
	char *cmd;
	int rc;

	if (mkdtemp(dir) == NULL)
		return 99;
	RUN(each_reviewer_has_a_stable_order_of_their_own);
	RUN(no_order_shows_a_prompt_twice_in_a_row);
	RUN(overlap_assigns_each_output_to_k_reviewers_in_equal_shares);
	RUN(a_shared_sample_comes_first_for_everyone);
	RUN(resume_lands_on_the_first_unfinished_item_and_skips_go_last);
	RUN(item_view_shows_scores_note_and_flag_with_history);
	rc = check_exit();
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	return rc;
}
