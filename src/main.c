/* main.c: global options and dispatch through the command table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
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
		warnx_("no command '%s' (did you mean '%s'?); see 'panelist --help'", name, near);
	else
		warnx_("no command '%s'; see 'panelist --help'", name);
	return 2;
}

int
main(int argc, char **argv)
{
	struct cmd_ctx ctx = { NULL, argv[0] };
	const struct cmd_entry *c;
	int i;

	text_locale();
	text_guard_terminal(false);
	ctx.db_path = getenv("PANELIST_DB");
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cmd_usage_all(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
			printf("panelist %s\n", PACKAGE_VERSION);
			return 0;
		}
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			ctx.db_path = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			ctx.db_path = argv[i] + 5;
		else {
			warnx_("%s: unknown option (see 'panelist --help')", argv[i]);
			return 2;
		}
	}
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
	if (c->exec != cmd_help_exec && cmd_wants_help(c->name, argc - i, argv + i))
		return 0;
	return c->exec(&ctx, argc - i, argv + i);
}
