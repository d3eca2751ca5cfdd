/* cmd-list.c: panelist list prompts|models|reviewers|rubrics. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "store.h"
#include "table.h"

int
cmd_list_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct errlist errs = { 0 };
	const char *what = NULL;
	struct store *st;
	struct table t;
	int tsv = cmd_args_has(args, "--tsv"), rc;

	if (args->argc > 1)
		return cmd_usage_error("list", "list takes one kind of thing");
	if (args->argc == 1)
		what = args->argv[0];
	if (what == NULL)
		return cmd_usage_error("list", "list what? prompts, models, reviewers or rubrics");
	if (strcmp(what, "prompts") && strcmp(what, "models") && strcmp(what, "reviewers") &&
	    strcmp(what, "rubrics"))
		return cmd_usage_error("list", "cannot list '%s'", what);
	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0) {
		if ((rc = store_list(st, what, &t, &errs)) == 0) {
			if (tsv)
				table_print_tsv(&t, stdout);
			else
				table_print(&t, stdout);
			table_free(&t);
		}
		store_close(st);
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
