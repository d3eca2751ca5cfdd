/* cmd.c: the table of commands and the help it drives. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "text.h"
#include "util.h"

const struct cmd_entry cmd_table[] = {
	{ "init", cmd_init_exec, "",
	    "create the study database, or upgrade an older one in place",
	    "Creates the database named by --db (readable and writable by its owner\n"
	    "and group only). An existing database written by an older panelist is\n"
	    "upgraded in place, in one transaction; one from a newer panelist is refused.\n" },
	{ "import", cmd_import_exec, "[--ratings] [--revise | --amend] [--as] PATH...",
	    "load rubric, prompt, output and study files",
	    "Each PATH is a file or a directory, which is walked for *.yaml, *.yml and\n"
	    "*.jsonl. All files are checked together with what the database holds, then\n"
	    "written in one transaction: on any error nothing is written. A prompt or\n"
	    "rubric that changed after it was rated is refused, with its ratings\n"
	    "counted, unless --revise makes it a new version (its ratings stay on the\n"
	    "earlier one, where no score counts them) or --amend corrects it in place\n"
	    "(its ratings carry over; refused when a rated axis or capability goes or a\n"
	    "score falls outside the scale). The database is created if it does not\n"
	    "exist.\n"
	    "Lines of `export --format jsonl` (\"kind\": \"ratings\") bring ratings into a\n"
	    "database holding the same prompts, outputs and rubrics; --ratings reads JSONL\n"
	    "lines without a kind as ratings. Ratings under a name other than your login\n"
	    "need --as; the history then records your login.\n" },
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
	{ "rate", cmd_rate_exec, "[--reviewer NAME] [--as] [--capability C] [--model M] [--item N]",
	    "rate outputs on the rating screen",
	    "Opens the rating screen on this reviewer's queue, at the first unfinished\n"
	    "item. Every score, N/A, note and flag is saved as it is entered.\n\n"
	    "  --reviewer NAME   who is rating (default: $PANELIST_REVIEWER, else the\n"
	    "                    login name)\n"
	    "  --as              rate for the reviewer named (by --reviewer or\n"
	    "                    $PANELIST_REVIEWER), who is not you, on purpose;\n"
	    "                    the history records your login\n"
	    "  --capability C    only prompts rated for capability C\n"
	    "  --model M         only the outputs of model M\n"
	    "  --item N          start at item N of the queue (from 1)\n"
	    "  --keys            print the keys of the rating screen and exit\n\n"
	    "Needs a terminal: without one it exits with status 2. The keys are listed\n"
	    "by '?' on the screen and in panelist(1).\n" },
	{ "demo", cmd_demo_exec, "[--reviewer NAME]",
	    "rate the bundled demo panel",
	    "Imports the bundled prompts, rubrics and demo outputs into the demo\n"
	    "database ($XDG_DATA_HOME/panelist/demo.db, else\n"
	    "~/.local/share/panelist/demo.db), created on first use, then opens the\n"
	    "rating screen on it; a second demo resumes where the first stopped.\n"
	    "The reviewer is chosen as for rate. --db is ignored. Without a terminal\n"
	    "it imports, shows the status and exits with status 2.\n" },
	{ "merge", cmd_merge_exec, "[--prefer newer] [--as] OTHER.db...",
	    "bring in the ratings of offline copies of this study",
	    "Merges the ratings, notes, flags and history of other copies of the same\n"
	    "study (a reviewer who rated on a laptop) in one transaction. The same rating\n"
	    "on both sides merges once. Different values for one rating are conflicts:\n"
	    "each is listed and nothing is written, unless --prefer newer, which keeps the\n"
	    "later change and puts the other in the history. A database of another study,\n"
	    "or one whose prompts, rubrics or outputs differ, is refused, and so is one\n"
	    "holding any value outside the rules (all problems are listed). Ratings under\n"
	    "a name other than your login need --as.\n" },
	{ "scores", cmd_scores_exec, "[--by GROUPING] [--model M]... [--capability C]... "
	    "[--format F] [--resamples N] [--seed S] [--reviewers MODE]",
	    "show the models' scores with their confidence intervals",
	    "A score is the mean of item means: each output's ratings on an axis are\n"
	    "averaged over its reviewers first. A capability score is the mean of its\n"
	    "axis scores; the overall score weighs the capability scores by the study's\n"
	    "weights, over the capabilities the model was rated on (the notes say which\n"
	    "weights were used and which capabilities were missing). N/A marks are\n"
	    "left out and counted; flagged outputs count like any other, and the share\n"
	    "flagged is shown. Intervals are 95% Student t over prompts (jackknife\n"
	    "standard error); below 3 prompts a cell says \"too few prompts\".\n\n"
	    "  --by GROUPING     the rows: model, model,capability (the default),\n"
	    "                    model,capability,axis or reviewer\n"
	    "  --model M         only model M (repeatable)\n"
	    "  --capability C    only capability C (repeatable)\n"
	    "  --format F        table (default: fits the terminal), csv, tsv, json or md\n"
	    "  --resamples N     0: no intervals (any other N: the same intervals)\n"
	    "  --seed S          accepted; the intervals use no random numbers\n"
	    "  --reviewers fixed|random   intervals about these reviewers (default)\n"
	    "                    or about the people they are a sample of\n" },
	{ "compare", cmd_compare_exec, "MODEL_A MODEL_B [--format F] [--resamples N] [--seed S] "
	    "[--reviewers MODE]",
	    "compare two models on the prompts both were rated on",
	    "Per capability and overall: the mean paired difference A - B over the\n"
	    "prompts rated for both, with its t interval; \"differs\" is Holm-corrected\n"
	    "over the rows tested. Small gaps between models are often noise.\n"
	    "--format, --resamples, --seed and --reviewers are as for scores.\n" },
	{ "agreement", cmd_agreement_exec, "[--metric M] [--reviewers] [--format F] "
	    "[--resamples N] [--seed S]",
	    "show how far the reviewers agree, and who stands out",
	    "Krippendorff's alpha for each capability and axis, for each capability\n"
	    "over its axes and for the whole panel, with the pairable units and values\n"
	    "and a bootstrap interval that resamples outputs; where alpha is undefined\n"
	    "it says why. Then per reviewer: ratings, mean, leniency, the panel's alpha\n"
	    "without them, straight-lining and halo, with flags for whom to talk to.\n\n"
	    "  --metric M        nominal, ordinal (default), interval or ratio\n"
	    "  --reviewers       only the reviewer table (csv and tsv hold one table:\n"
	    "                    the alphas unless --reviewers)\n"
	    "  --format, --resamples, --seed   as for scores\n" },
	{ "export", cmd_export_exec, "[--wide] [--format csv|tsv|jsonl] [-o FILE] [--raw] | "
	    "--scores [--by GROUPING] [--format csv|tsv|json|md] [-o FILE]",
	    "write the raw ratings, or the scores, for other tools",
	    "One row per reviewer, output, capability and axis: study, reviewer, prompt,\n"
	    "prompt_version, model, capability, rubric_version, axis, score (NA when not\n"
	    "applicable), note, flag, flag_reason, active_seconds, first_rated, changed;\n"
	    "read in one transaction.\n\n"
	    "  --wide            one row per reviewer, output and capability, a column\n"
	    "                    per axis in rubric order\n"
	    "  --format F        csv (RFC 4180, the default), tsv or jsonl\n"
	    "  -o FILE           write FILE whole or not at all (via a temporary file)\n"
	    "  --raw             no spreadsheet formula guard\n"
	    "  --scores          the scores table instead (options as for scores;\n"
	    "                    csv, tsv, json or md)\n\n"
	    "A CSV or TSV text cell that begins with =, +, -, @, a tab or a carriage\n"
	    "return gets a leading ' so that a spreadsheet shows it instead of running\n"
	    "it as a formula; numbers are left alone. --raw writes cells as they are.\n" },
	{ "report", cmd_report_exec, "-o FILE [--compare A B] [--resamples N] [--seed S] "
	    "[--reviewers MODE]",
	    "write a self-contained HTML report of scores and agreement",
	    "One HTML file with inline CSS and SVG, nothing fetched from the network:\n"
	    "the study, a chart of capability scores per model with their intervals,\n"
	    "the overall scores and weights, the paired comparisons, the share of\n"
	    "outputs flagged, per-axis tables, an agreement heat map, the reviewer\n"
	    "table, and the prompt and rubric versions the numbers come from.\n"
	    "Written whole or not at all.\n\n"
	    "  -o FILE           the HTML file to write (- for standard output)\n"
	    "  --compare A B     only this pair of models (default: every pair)\n"
	    "  --resamples N, --seed S, --reviewers MODE   as for scores\n" },
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
		fprintf(f, "  %-9s %s\n", c->name, c->help);
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

	/* The message echoes argv: through the terminal rules (text.h). */
	va_start(ap, fmt);
	vwarnx_(fmt, ap);
	va_end(ap);
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

/* The value of option `name` at argv[*i]: "--opt VALUE" or "--opt=VALUE";
 * NULL when argv[*i] is another option, with *missing set when it is this
 * one without a value. */
const char *
cmd_opt_value(const char *name, int argc, char **argv, int *i, bool *missing)
{
	size_t n = strlen(name);

	*missing = false;
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
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
