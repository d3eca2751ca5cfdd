/* cmd-import.c: panelist import [--ratings] [--revise | --amend] [--as] PATH... */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "gate.h"
#include "import.h"

int
cmd_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct errlist errs = { 0 };
	struct import_counts counts;
	struct store *st;
	size_t n_files = 0;
	int rc, first = 1;
	bool ratings = false, as = false;
	enum store_edit edit = STORE_EDIT_REFUSE;

	for (; argc > first; first++) {
		if (strcmp(argv[first], "--ratings") == 0)
			ratings = true;
		else if (strcmp(argv[first], "--revise") == 0 ||
		    strcmp(argv[first], "--amend") == 0) {
			enum store_edit e = argv[first][2] == 'r' ? STORE_EDIT_REVISE :
			    STORE_EDIT_AMEND;

			if (edit != STORE_EDIT_REFUSE && edit != e)
				return cmd_usage_error("import",
				    "choose one of --revise and --amend");
			edit = e;
		} else if (strcmp(argv[first], "--as") == 0)
			as = true;
		else
			break;
	}
	if (argc > first && strcmp(argv[first], "--") == 0)
		first++;
	else if (argc > first && argv[first][0] == '-')
		return cmd_usage_error("import", "%s: unknown option", argv[first]);
	if (argc <= first)
		return cmd_usage_error("import", "import needs at least one file or directory");
	if ((rc = store_open(ctx->db_path, STORE_OPEN_CREATE, &st, &errs)) == 0) {
		store_set_edit(st, edit);
		/* Ratings under another reviewer's name need --as (gate.h). */
		store_set_writer(st, gate_login() != NULL ? gate_login() : "unknown login", as);
		rc = import_paths_ratings(st, argv + first, (size_t)(argc - first), ratings,
		    &counts, &n_files, &errs);
		store_close(st);
	}
	if (rc != 0) {
		err_print(&errs, stderr);
		fprintf(stderr, "panelist: nothing was imported\n");
		err_clear(&errs);
		return rc;
	}
	import_summary(&counts, n_files, stdout);
	return 0;
}
