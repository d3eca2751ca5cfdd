/* cmd-demo.c: panelist demo, the bundled panel in a database of its own,
 * opened on the rating screen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "datadir.h"
#include "i18n.h"
#include "import.h"
#include "ui.h"

/* The bundled rubrics, prompts and demo outputs, imported (again: an
 * unchanged panel changes nothing) into the demo database. */
static int
import_demo(struct store *st, struct errlist *errs)
{
	static const char *const parts[3] = { "rubrics", "prompts", "demo" };
	struct import_counts counts;
	size_t n_files = 0;
	char *paths[3];
	int rc = 0, i;

	memset(paths, 0, sizeof paths);
	for (i = 0; i < 3 && rc == 0; i++)
		if ((paths[i] = datadir_path(parts[i], errs)) == NULL)
			rc = 2;
	/* A newer panelist may bundle a reworded prompt: the demo rates the
	 * new text, and what was rated stays with the old, as with --revise. */
	store_set_edit(st, STORE_EDIT_REVISE);
	if (rc == 0 && (rc = import_paths(st, paths, 3, &counts, &n_files, errs)) == 0) {
		printf(_("Demo panel: "));
		import_summary(&counts, n_files, stdout);
		putchar('\n');
		fflush(stdout);
	}
	for (i = 0; i < 3; i++)
		free(paths[i]);
	return rc;
}

int
cmd_demo_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct queue_filter all = { NULL, NULL };
	struct errlist errs = { 0 };
	struct store *st = NULL;
	const char *reviewer = cmd_args_value(args, "--reviewer");
	char *db;
	int rc;

	(void)ctx;	/* --db is ignored: the demo has a database of its own */
	if ((db = demo_db_path(&errs)) == NULL) {
		err_print(&errs, stderr);
		err_clear(&errs);
		return 1;
	}
	if ((rc = store_open(db, STORE_OPEN_CREATE, &st, &errs)) == 0 &&
	    (rc = import_demo(st, &errs)) == 0) {
		/* Without a terminal the import is all there is: show where
		 * the panel stands instead of the screen. */
		if (ui_check_terminal(&errs) != 0) {
			cmd_print_status(st, stdout);
			rc = 2;
		} else
			rc = cmd_rate_screen(st, reviewer, &all, 0, &errs);
	}
	store_close(st);
	err_print(&errs, stderr);
	err_clear(&errs);
	free(db);
	return rc;
}
