/* cmd.c: the table of commands and the help it drives. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

const struct cmd_entry cmd_table[] = {
	{ "init", cmd_init_exec, "",
	    "create the study database, or upgrade an older one in place",
	    "Creates the database named by --db (readable and writable by its owner\n"
	    "and group only). An existing database written by an older panelist is\n"
	    "upgraded in place, in one transaction; one from a newer panelist is refused.\n" },
	{ "import", cmd_import_exec, "PATH...",
	    "load rubric, prompt, output and study files",
	    "Each PATH is a file or a directory, which is walked for *.yaml, *.yml and\n"
	    "*.jsonl. All files are checked together with what the database holds, then\n"
	    "written in one transaction: on any error nothing is written. Content that\n"
	    "changed after it was rated becomes a new version. The database is created\n"
	    "if it does not exist.\n" },
	{ "status", cmd_status_exec, "",
	    "show prompts, models, outputs and rating progress",
	    "Per capability: prompts, models, outputs, axes, ratings done and expected.\n"
	    "Per reviewer: ratings done against ratings expected.\n" },
	{ "list", cmd_list_exec, "prompts|models|reviewers|rubrics",
	    "list what the database holds",
	    "  --tsv   tab-separated values with a header line, for scripts\n" },
	{ "show", cmd_show_exec, "prompt ID",
	    "print one prompt with its whole conversation",
	    "Prints the current version of the prompt: its fields, the models with\n"
	    "outputs for it, and every turn of the conversation.\n" },
	{ "demo", cmd_demo_exec, "",
	    "open the bundled demo panel",
	    "Imports the bundled prompts, rubrics and demo outputs into the demo\n"
	    "database ($XDG_DATA_HOME/panelist/demo.db, else\n"
	    "~/.local/share/panelist/demo.db), created on first use, and shows its\n"
	    "status. --db is ignored.\n" },
	{ "help", cmd_help_exec, "[COMMAND]",
	    "show the commands, or one command in full", "" },
	{ NULL, NULL, NULL, NULL, NULL },
};

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry *c;

	for (c = cmd_table; c->name != NULL; c++) {
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

void
cmd_usage_all(FILE *f)
{
	const struct cmd_entry *c;

	fputs("usage: panelist [--db FILE] COMMAND [OPTIONS] [ARGS]\n"
	    "       panelist --help | --version\n\n"
	    "Rate LLM outputs on workplace tasks with a panel of reviewers.\n\n"
	    "Commands:\n", f);
	for (c = cmd_table; c->name != NULL; c++)
		fprintf(f, "  %-8s %s\n", c->name, c->help);
	fputs("\nOptions:\n"
	    "  --db FILE   the study database (default: $PANELIST_DB, else panelist.db)\n"
	    "  --help      show this help\n"
	    "  --version   show the version\n\n"
	    "'panelist help COMMAND' describes one command; panelist(1) and the file\n"
	    "formats in panelist(5) describe everything.\n", f);
}

void
cmd_usage(const struct cmd_entry *c, FILE *f)
{
	fprintf(f, "usage: panelist [--db FILE] %s%s%s\n\n%s.\n", c->name,
	    *c->synopsis ? " " : "", c->synopsis, c->help);
	if (*c->details)
		fprintf(f, "\n%s", c->details);
}

int
cmd_usage_error(const char *name, const char *fmt, ...)
{
	const struct cmd_entry *c = cmd_find(name);
	va_list ap;

	fputs("panelist: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (c != NULL)
		fprintf(stderr, "usage: panelist [--db FILE] %s %s\n", c->name, c->synopsis);
	return 2;
}

int
cmd_wants_help(const char *name, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			cmd_usage(cmd_find(name), stdout);
			return 1;
		}
	}
	return 0;
}

int
cmd_help_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *c;

	if (argc < 2) {
		cmd_usage_all(stdout);
		return 0;
	}
	if (argc > 2)
		return cmd_usage_error("help", "help takes one command name");
	if ((c = cmd_find(argv[1])) == NULL)
		return cmd_usage_error("help", "no command '%s' (see 'panelist --help')", argv[1]);
	cmd_usage(c, stdout);
	return 0;
}
