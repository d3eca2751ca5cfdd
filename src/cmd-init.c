/* cmd-init.c: panelist init. */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "i18n.h"
#include "store.h"

int
cmd_init_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct store *st;
	int rc;

	(void)args;	/* none: the parser has refused any (cmd.c) */
	if ((rc = cmd_open(ctx, true, &st)) != 0)
		return rc;
	if (store_created(st))
		printf(_("Created the study database %s (schema %d).\n"), ctx->db_path,
		    STORE_SCHEMA_VERSION);
	else if (store_upgraded_from(st) > 0)
		printf(_("Upgraded %s from schema %d to %d.\n"), ctx->db_path,
		    store_upgraded_from(st), STORE_SCHEMA_VERSION);
	else
		printf(_("%s is up to date (schema %d).\n"), ctx->db_path, STORE_SCHEMA_VERSION);
	store_close(st);
	return 0;
}
