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
	fputc('\n', f);
	if (t.n_rows == 0)
		fputs("No rubrics yet: import some with 'panelist import rubrics/'.\n", f);
	else
		table_print(&t, f);
	table_free(&t);
	if ((rc = store_status_reviewers(st, &t, &errs)) != 0)
		goto out;
	fputc('\n', f);
	if (t.n_rows == 0)
		fputs("No ratings yet: start with 'panelist rate'.\n", f);
	else
		table_print(&t, f);
	table_free(&t);
out:
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

int
cmd_status_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct errlist errs = { 0 };
	struct store *st;
	int rc;

	if (argc > 1)
		return cmd_usage_error("status", "status takes no arguments");
	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) != 0) {
		err_print(&errs, stderr);
		err_clear(&errs);
		return rc;
	}
	rc = cmd_print_status(st, stdout);
	store_close(st);
	return rc;
}
