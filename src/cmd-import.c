/* cmd-import.c: panelist import [--ratings] [--revise | --amend] [--force] [--as] PATH... */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "import.h"

int
cmd_import_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct errlist errs = { 0 };
	struct import_counts counts;
	struct store *st;
	size_t n_files = 0;
	char *login;
	int rc;
	bool as = cmd_args_has(args, "--as");
	struct import_opts o = { cmd_args_has(args, "--ratings"), cmd_args_has(args, "--force"),
	    stdout };
	enum store_edit edit = STORE_EDIT_REFUSE;

	/* Not both: the parser has refused that (cmd.c). */
	if (cmd_args_has(args, "--revise"))
		edit = STORE_EDIT_REVISE;
	else if (cmd_args_has(args, "--amend"))
		edit = STORE_EDIT_AMEND;
	if (args->argc == 0)
		return cmd_usage_error("import", _("import needs at least one file or directory"));
	if ((rc = store_open(ctx->db_path, STORE_OPEN_CREATE, &st, &errs)) == 0) {
		store_set_edit(st, edit);
		/* Ratings under another reviewer's name need --as (gate.h). */
		/* On a server the login is the session's (store_login). */
		login = store_login(st);
		store_set_writer(st, login, as);
		free(login);
		rc = import_run(st, args->argv, (size_t)args->argc, &o, &counts, &n_files,
		    &errs);
		store_close(st);
	}
	if (rc != 0) {
		err_print(&errs, stderr);
		fprintf(stderr, _("panelist: nothing was imported\n"));
		err_clear(&errs);
		return rc;
	}
	import_summary(&counts, n_files, stdout);
	return 0;
}
