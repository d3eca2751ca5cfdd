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

/* A table after a blank line, or what to do when it is empty; freed. */
static void
print_table(struct table *t, const char *none, FILE *f)
{
	fputc('\n', f);
	if (t->n_rows == 0)
		fprintf(f, "%s\n", none);
	else
		table_print(t, f);
	table_free(t);
}

int
cmd_print_status(struct store *st, FILE *f)
{
	struct errlist errs = { 0 };
	struct study_settings ss;
	struct table t;
	int rc;

	if ((rc = store_study(st, &ss, &errs)) != 0)
		goto out;
	print_study(st, &ss, f);
	study_settings_free(&ss);
	if ((rc = store_status_capabilities(st, &t, &errs)) != 0)
		goto out;
	print_table(&t, "No rubrics yet: import some with 'panelist import rubrics/'.", f);
	if ((rc = print_earlier(st, f, &errs)) != 0)
		goto out;
	if ((rc = store_status_reviewers(st, &t, &errs)) != 0)
		goto out;
	print_table(&t, "No ratings yet: start with 'panelist rate'.", f);
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
