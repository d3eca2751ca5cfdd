/* cmd-demo.c: panelist demo, the bundled panel in a database of its own. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "datadir.h"
#include "import.h"

int
cmd_demo_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct errlist errs = { 0 };
	struct import_counts counts;
	struct store *st = NULL;
	size_t n_files = 0;
	char *paths[3], *db;
	int rc, i;

	if (argc > 1)
		return cmd_usage_error("demo", "demo takes no arguments");
	if ((db = demo_db_path(&errs)) == NULL) {
		err_print(&errs, stderr);
		err_clear(&errs);
		return 1;
	}
	paths[0] = xasprintf("%s/rubrics", datadir());
	paths[1] = xasprintf("%s/prompts", datadir());
	paths[2] = xasprintf("%s/demo", datadir());
	if ((rc = store_open(db, STORE_OPEN_CREATE, &st, &errs)) == 0 &&
	    (rc = import_paths(st, paths, 3, &counts, &n_files, &errs)) == 0) {
		printf("Demo panel: ");
		import_summary(&counts, n_files, stdout);
		putchar('\n');
		rc = cmd_print_status(st, stdout);
	}
	store_close(st);
	err_print(&errs, stderr);
	err_clear(&errs);
	for (i = 0; i < 3; i++)
		free(paths[i]);
	free(db);
	return rc;
}
