/* main.c: global options and dispatch through the command table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

static int
unknown_command(const char *name)
{
	const char *names[32];
	const struct cmd_entry *c;
	const char *near;
	size_t n = 0;

	for (c = cmd_table; c->name != NULL && n + 1 < nitems(names); c++)
		names[n++] = c->name;
	names[n] = NULL;
	if ((near = did_you_mean(name, names)) != NULL)
		warnx_(_("no command '%s' (did you mean '%s'?); see 'panelist --help'"), name, near);
	else
		warnx_(_("no command '%s'; see 'panelist --help'"), name);
	return 2;
}

int
main(int argc, char **argv)
{
	struct cmd_ctx ctx = { NULL, argv[0] };
	const struct cmd_entry *c;
	struct cmd_args global, args;
	int i, rc;

	text_locale();
	i18n_init();
	text_guard_terminal(false);
	ctx.db_path = getenv("PANELIST_DB");
	if ((rc = cmd_args_parse(&cmd_global, argc, argv, 1, &global, &i)) == 0) {
		if (global.help)
			cmd_usage_all(stdout);
		else if (cmd_args_has(&global, "--version"))
			printf("panelist %s\n", PACKAGE_VERSION);	/* machine */
		else if (cmd_args_has(&global, "--db"))
			ctx.db_path = cmd_args_value(&global, "--db");
	}
	if (rc != 0 || global.help || cmd_args_has(&global, "--version")) {
		cmd_args_free(&global);
		return rc;
	}
	cmd_args_free(&global);
	if (ctx.db_path == NULL || *ctx.db_path == '\0')
		ctx.db_path = "panelist.db";
	if (i == argc) {
		cmd_usage_all(stderr);
		return 2;
	}
	if ((c = cmd_find(argv[i])) == NULL)
		return unknown_command(argv[i]);
	/* The rating screen writes to the terminal's descriptor itself. */
	text_guard_terminal(c->exec != cmd_rate_exec && c->exec != cmd_demo_exec);
	if ((rc = cmd_args_parse(c, argc - i, argv + i, 0, &args, &i)) == 0) {
		if (args.help)
			cmd_usage(c, stdout);
		else
			rc = c->exec(&ctx, &args);
	}
	cmd_args_free(&args);
	return rc;
}
