/* cmd-status.c: panelist status. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "cmd.h"
#include "store.h"
#include "table.h"
#include "text.h"

static void
print_study(struct store *st, const struct study_settings *ss, FILE *f)
{
	fprintf(f, "Study:    ");
	text_fputs(ss->title != NULL ? ss->title : "(untitled)", f);
	fprintf(f, "\nDatabase: ");
	text_fputs(store_path(st), f);
	fputc('\n', f);
	fprintf(f, "Blind:    %s\n", ss->blind ? "yes (model names hidden while rating)" : "no");
	if (ss->overlap > 0)
		fprintf(f, "Overlap:  %ld reviewers per output\n", ss->overlap);
	else
		fprintf(f, "Overlap:  every reviewer rates every output\n");
	fprintf(f, "Seed:     %" PRIu64 "\n", ss->seed);
}

/* Answers cut off at the token limit: stored and marked by collect. */
static int
print_truncated(struct store *st, FILE *f, struct errlist *errs)
{
	long n;
	int rc;

	if ((rc = store_collect_truncated(st, &n, errs)) == 0 && n > 0)
		fprintf(f, "Truncated: %ld %s cut off at the token limit\n", n,
		    n == 1 ? "output" : "outputs");
	return rc;
}

/* Ratings that no score counts, so that a panel sees them before it reads
 * a score as complete. */
static int
print_earlier(struct store *st, FILE *f, struct errlist *errs)
{
	struct earlier_ratings *v;
	size_t i, n;
	int rc;

	if ((rc = store_earlier_version_ratings(st, &v, &n, errs)) != 0 || n == 0)
		return rc;
	fputs("\nOn an earlier version, not counted:", f);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s ", i > 0 ? "," : "");
		text_fputs(v[i].capability, f);
		fprintf(f, " %ld %s", v[i].ratings, v[i].ratings == 1 ? "rating" : "ratings");
	}
	fputs(" (the prompt or rubric changed after they were given).\n", f);
	earlier_ratings_free(v, n);
	return 0;
}

/* Per capability: the rubrics imported, with their progress. */
static int
print_capabilities(struct store *st, FILE *f, struct errlist *errs)
{
	static const char *const head[] = {
		"capability", "prompts", "models", "outputs", "axes", "done", "expected", NULL };
	struct capability_status *v;
	char num[6][32];
	struct table t;
	size_t i, n;
	int rc;

	if ((rc = store_status_capabilities(st, &v, &n, errs)) != 0)
		return rc;
	fputc('\n', f);
	if (n == 0) {
		fputs("No rubrics yet: import some with 'panelist import rubrics/'.\n", f);
		return 0;
	}
	table_init(&t, head);
	for (i = 1; i < 7; i++)
		table_right(&t, i);
	for (i = 0; i < n; i++) {
		snprintf(num[0], sizeof num[0], "%ld", v[i].prompts);
		snprintf(num[1], sizeof num[1], "%ld", v[i].models);
		snprintf(num[2], sizeof num[2], "%ld", v[i].outputs);
		snprintf(num[3], sizeof num[3], "%ld", v[i].axes);
		snprintf(num[4], sizeof num[4], "%ld", v[i].done);
		snprintf(num[5], sizeof num[5], "%ld", v[i].expected);
		table_addv(&t, v[i].capability, num[0], num[1], num[2], num[3], num[4], num[5]);
	}
	table_print(&t, f);
	table_free(&t);
	capability_status_free(v, n);
	return 0;
}

/* Per reviewer: done of expected, and when they last rated. */
static int
print_reviewers(struct store *st, FILE *f, struct errlist *errs)
{
	static const char *const head[] = {
		"reviewer", "done", "expected", "percent", "last rating", NULL };
	struct reviewer_status *v;
	char done[32], exp[32], pct[32];
	struct table t;
	size_t i, n;
	int rc;

	if ((rc = store_status_reviewers(st, &v, &n, errs)) != 0)
		return rc;
	fputc('\n', f);
	if (n == 0) {
		fputs("No ratings yet: start with 'panelist rate'.\n", f);
		return 0;
	}
	table_init(&t, head);
	table_right(&t, 1);
	table_right(&t, 2);
	table_right(&t, 3);
	for (i = 0; i < n; i++) {
		snprintf(done, sizeof done, "%ld", v[i].done);
		snprintf(exp, sizeof exp, "%ld", v[i].expected);
		snprintf(pct, sizeof pct, "%.0f%%", v[i].expected > 0 ?
		    100.0 * (double)v[i].done / (double)v[i].expected : 0.0);
		table_addv(&t, v[i].reviewer, done, exp, pct, v[i].last);
	}
	table_print(&t, f);
	table_free(&t);
	reviewer_status_free(v, n);
	return 0;
}

int
cmd_print_status(struct store *st, FILE *f)
{
	struct errlist errs = { 0 };
	struct study_settings ss;
	int rc;

	if ((rc = store_study(st, &ss, &errs)) != 0)
		goto out;
	print_study(st, &ss, f);
	study_settings_free(&ss);
	if ((rc = print_truncated(st, f, &errs)) == 0 &&
	    (rc = print_capabilities(st, f, &errs)) == 0 &&
	    (rc = print_earlier(st, f, &errs)) == 0)
		rc = print_reviewers(st, f, &errs);
out:
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

int
cmd_status_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct store *st;
	int rc;

	(void)args;	/* none: the parser has refused any (cmd.c) */
	if ((rc = cmd_open(ctx, false, &st)) != 0)
		return rc;
	rc = cmd_print_status(st, stdout);
	store_close(st);
	return rc;
}
