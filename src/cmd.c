/* cmd.c: the table of commands and the help it drives. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd-common.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/* Options that several commands take, each written once. */
#define OPT_STATS_FORMAT { "--format", NULL, ARG_WORD, "F", "table|csv|tsv|json|md", \
	0, 0, 0, N_("table (default: fits the terminal), csv, tsv, json or md") }
#define OPT_RESAMPLES { "--resamples", NULL, ARG_NUMBER, "N", NULL, \
	0, STATS_RESAMPLES_MAX, 0, N_("0: no intervals (any other N: the same intervals)") }
#define OPT_SEED { "--seed", NULL, ARG_NUMBER, "S", NULL, 0, ULLONG_MAX, 0, \
	N_("accepted; the intervals use no random numbers") }
#define OPT_REVIEWERS_MODE { "--reviewers", NULL, ARG_WORD, "fixed|random", \
	"fixed|random", 0, 0, 0, N_("intervals about these reviewers (default)\n" \
	"or about the people they are a sample of") }
#define OPT_BY { "--by", NULL, ARG_WORD, "GROUPING", \
	"model|model,capability|model,capability,axis|reviewer", 0, 0, 0, \
	N_("the rows: model, model,capability (the default),\nmodel,capability,axis or reviewer") }
#define OPT_MODELS { "--model", NULL, ARG_TEXT, "M", NULL, 0, 0, 1, \
	N_("only model M (repeatable)") }
#define OPT_CAPABILITIES { "--capability", NULL, ARG_TEXT, "C", NULL, 0, 0, 1, \
	N_("only capability C (repeatable)") }
#define OPT_AS(what) { "--as", NULL, ARG_NONE, NULL, NULL, 0, 0, 0, what }
#define OPT_OUTPUT(what) { "-o", "--output", ARG_FILE, "FILE", NULL, 0, 0, 0, what }
#define OPT_END { NULL, NULL, ARG_NONE, NULL, NULL, 0, 0, 0, NULL }

static const struct cmd_option global_options[] = {
	{ "--db", NULL, ARG_FILE, "FILE", NULL, 0, 0, 0,
	    N_("the study database (default: $PANELIST_DB, else panelist.db)") },
	{ "--version", "-V", ARG_NONE, NULL, NULL, 0, 0, 0, N_("show the version") },
	OPT_END
};
const struct cmd_entry cmd_global = { "panelist", NULL, "", "", "",
	global_options, NULL, -1, NULL };

static const struct cmd_option import_options[] = {
	{ "--ratings", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("read JSONL lines without a kind as ratings") },
	{ "--revise", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("a changed, rated prompt or rubric becomes a new version") },
	{ "--amend", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("a changed, rated prompt or rubric is corrected in place") },
	{ "--force", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("change blind, overlap, the seed or the roster of a\nstudy that holds ratings") },
	OPT_AS(N_("import ratings under names other than your login")),
	OPT_END
};
static const struct cmd_rule import_rules[] = {
	{ RULE_EXCLUSIVE, "--revise", "--amend", N_("choose one of --revise and --amend") },
	{ RULE_EXCLUSIVE, NULL, NULL, NULL }
};

static const struct cmd_option list_options[] = {
	{ "--tsv", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("tab-separated values with a header line, for scripts") },
	OPT_END
};

static const struct cmd_option status_options[] = {
	{ "--format", NULL, ARG_WORD, "F", "table|json|tsv", 0, 0, 0,
	    N_("table (the default), json (everything) or tsv (the\nreviewer table)") },
	OPT_END
};

static const struct cmd_option show_options[] = {
	{ "--ratings", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("show output: its ratings, notes and flags by reviewer\n(the default "
	    "unless the study is blind)") },
	OPT_END
};

static const struct cmd_option notes_options[] = {
	{ "--flagged", NULL, ARG_NONE, NULL, NULL, 0, 0, 0, N_("only outputs flagged") },
	{ "--reviewer", NULL, ARG_TEXT, "R", NULL, 0, 0, 0, N_("only reviewer R's") },
	{ "--model", NULL, ARG_TEXT, "M", NULL, 0, 0, 0, N_("only the outputs of model M") },
	{ "--format", NULL, ARG_WORD, "F", "table|csv|tsv|json", 0, 0, 0,
	    N_("table (the default), csv, tsv or json") },
	OPT_END
};

static const struct cmd_option rate_options[] = {
	{ "--reviewer", NULL, ARG_TEXT, "NAME", NULL, 0, 0, 0,
	    N_("who is rating (default: $PANELIST_REVIEWER, else the\nlogin name)") },
	OPT_AS(N_("rate for the reviewer named (by --reviewer or\n$PANELIST_REVIEWER), "
	    "who is not you, on purpose;\nthe history records your login")),
	{ "--capability", NULL, ARG_TEXT, "C", NULL, 0, 0, 0,
	    N_("only prompts rated for capability C") },
	{ "--model", NULL, ARG_TEXT, "M", NULL, 0, 0, 0,
	    N_("only the outputs of model M (in a blind study,\nwith --unblind)") },
	{ "--unblind", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("show the model names in a blind study, knowingly;\nrecorded in the study's history") },
	{ "--item", NULL, ARG_NUMBER, "N", NULL, 1, SIZE_MAX, 0,
	    N_("start at item N of the queue (from 1)") },
	{ "--keys", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("print the keys of the rating screen and exit") },
	OPT_END
};

static const struct cmd_option demo_options[] = {
	{ "--reviewer", NULL, ARG_TEXT, "NAME", NULL, 0, 0, 0, N_("who is rating, as for rate") },
	OPT_END
};

static const struct cmd_option merge_options[] = {
	{ "--prefer", NULL, ARG_WORD, "newer", "newer", 0, 0, 0,
	    N_("on a conflict keep the later change; the other goes\nto the history") },
	OPT_AS(N_("merge ratings under names other than your login")),
	OPT_END
};

static const struct cmd_option collect_options[] = {
	{ "--model", NULL, ARG_TEXT, "M", NULL, 0, 0, 1,
	    N_("only model M of the models file (repeatable)") },
	{ "--prompt", NULL, ARG_TEXT, "ID", NULL, 0, 0, 1, N_("only prompt ID (repeatable)") },
	{ "--capability", NULL, ARG_TEXT, "C", NULL, 0, 0, 0,
	    N_("only the prompts rated for capability C") },
	{ "--dry-run", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("print each request instead of sending it") },
	{ "--retry-failed", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("ask again where a request failed before") },
	{ "--limit", NULL, ARG_NUMBER, "N", NULL, 1, SIZE_MAX, 0,
	    N_("at most N prompts per model") },
	OPT_END
};

static const struct cmd_option scores_options[] = {
	OPT_BY, OPT_MODELS, OPT_CAPABILITIES, OPT_STATS_FORMAT, OPT_RESAMPLES, OPT_SEED,
	OPT_REVIEWERS_MODE, OPT_END
};

static const struct cmd_option compare_options[] = {
	OPT_STATS_FORMAT, OPT_RESAMPLES, OPT_SEED, OPT_REVIEWERS_MODE, OPT_END
};

static const struct cmd_option agreement_options[] = {
	{ "--metric", NULL, ARG_WORD, "M", "nominal|ordinal|interval|ratio", 0, 0, 0,
	    N_("nominal, ordinal (default), interval or ratio") },
	{ "--reviewers", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("only the reviewer table (csv and tsv hold one table:\n"
	    "the alphas unless --reviewers)") },
	OPT_STATS_FORMAT, OPT_RESAMPLES, OPT_SEED, OPT_END
};

static const struct cmd_option export_options[] = {
	{ "--wide", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("one row per reviewer, output and capability, a column\nper axis in rubric order") },
	/* Checked by export: the formats depend on --scores. */
	{ "--format", NULL, ARG_TEXT, "F", NULL, 0, 0, 0,
	    N_("csv (RFC 4180, the default), tsv or jsonl; with\n--scores csv, tsv, jsonl (a line per row), json\n(one document) or md") },
	OPT_OUTPUT(N_("write FILE whole or not at all (via a temporary file)")),
	{ "--raw", NULL, ARG_NONE, NULL, NULL, 0, 0, 0, N_("no spreadsheet formula guard") },
	{ "--scores", NULL, ARG_NONE, NULL, NULL, 0, 0, 0,
	    N_("the scores table instead, with the options below") },
	OPT_BY, OPT_MODELS, OPT_CAPABILITIES, OPT_RESAMPLES, OPT_SEED, OPT_REVIEWERS_MODE,
	OPT_END
};
static const struct cmd_rule export_rules[] = {
	{ RULE_EXCLUSIVE, "--wide", "--scores", NULL },
	{ RULE_NEEDS, "--by", "--scores", NULL },
	{ RULE_NEEDS, "--model", "--scores", NULL },
	{ RULE_NEEDS, "--capability", "--scores", NULL },
	{ RULE_NEEDS, "--resamples", "--scores", NULL },
	{ RULE_NEEDS, "--seed", "--scores", NULL },
	{ RULE_NEEDS, "--reviewers", "--scores", NULL },
	{ RULE_EXCLUSIVE, NULL, NULL, NULL }
};

static const struct cmd_option report_options[] = {
	OPT_OUTPUT(N_("the HTML file to write (- for standard output)")),
	{ "--compare", NULL, ARG_PAIR, "A B", NULL, 0, 0, 0,
	    N_("only this pair of models (default: every pair)") },
	OPT_RESAMPLES, OPT_SEED, OPT_REVIEWERS_MODE,
	{ "--lang", NULL, ARG_WORD, "LANG", "en|ja", 0, 0, 0,
	    N_("the report's language: en or ja (default: the locale's)") },
	/* Not shown (no help): refused by report with the reason. */
	{ "--format", NULL, ARG_TEXT, "F", NULL, 0, 0, 0, NULL },
	OPT_END
};

const struct cmd_entry cmd_table[] = {
	{ "init", cmd_init_exec, "",
	    N_("create the study database, or upgrade an older one in place"),
	    N_("Creates the database named by --db (readable and writable by its owner\n"
	    "and group only). An existing database written by an older panelist is\n"
	    "upgraded in place, in one transaction; one from a newer panelist is refused.\n"),
	    NULL, NULL, 0, NULL },
	{ "import", cmd_import_exec, "[--ratings] [--revise | --amend] [--force] [--as] PATH...",
	    N_("load rubric, prompt, output and study files"),
	    N_("Each PATH is a file or a directory, which is walked for *.yaml, *.yml and\n"
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
	    "need --as; the history then records your login.\n"
	    "A study file that changes blind, overlap, the seed or the roster lists what\n"
	    "that does to each reviewer (the items they gain and lose, the ratings on\n"
	    "items they lose, which are kept) and is recorded in the study's history;\n"
	    "once the study holds ratings it needs --force.\n"),
	    import_options, import_rules, -1, NULL },
	{ "status", cmd_status_exec, "[--format table|json|tsv]",
	    N_("show the study, its progress per capability and per reviewer"),
	    N_("Per capability: prompts, models, outputs, axes, ratings done and expected.\n"
	    "Per reviewer, counted as the rating screen counts them: the items in their\n"
	    "queue, done, partly rated and skipped; the ratings done of those the queue\n"
	    "expects; their last activity and time spent. The roster's members are\n"
	    "listed from the start; people who rated but are not on the roster are\n"
	    "listed apart. Then the history of blind, overlap, seed and roster, and\n"
	    "of rating unblinded.\n"),
	    status_options, NULL, 0, NULL },
	{ "list", cmd_list_exec, "[--tsv] prompts|models|reviewers|rubrics",
	    N_("list what the database holds"), "", list_options, NULL, -1, NULL },
	{ "show", cmd_show_exec, "prompt ID | output PROMPT MODEL [--ratings]",
	    N_("print one prompt with its conversation, or one output"),
	    N_("show prompt prints the current version of the prompt: its fields, the\n"
	    "models with outputs for it, and every turn of the conversation.\n"
	    "show output prints a model's output for the current version of a prompt:\n"
	    "its fields and its text, then, unless the study is blind (or with\n"
	    "--ratings), its ratings, notes and flags by reviewer.\n"),
	    show_options, NULL, -1, NULL },
	{ "notes", cmd_notes_exec, "[--flagged] [--reviewer R] [--model M] [--format F]",
	    N_("list the reviewers' notes and flags"),
	    N_("One row per reviewer and output with a note or a flag: prompt, prompt\n"
	    "version, model, reviewer, flag, reason, note and when it last changed,\n"
	    "by prompt, model and reviewer.\n"),
	    notes_options, NULL, 0, NULL },
	{ "rate", cmd_rate_exec,
	    "[--reviewer NAME] [--as] [--capability C] [--model M] [--unblind] [--item N]",
	    N_("rate outputs on the rating screen"),
	    N_("Opens the rating screen on this reviewer's queue, at the first unfinished\n"
	    "item. Every score, N/A, note and flag is saved as it is entered.\n"),
	    rate_options, NULL, 0,
	    N_("Needs a terminal: without one it exits with status 2. The keys are listed\n"
	    "by '?' on the screen and in panelist(1).\n") },
	{ "demo", cmd_demo_exec, "[--reviewer NAME]",
	    N_("rate the bundled demo panel"),
	    N_("Imports the bundled prompts, rubrics and demo outputs into the demo\n"
	    "database ($XDG_DATA_HOME/panelist/demo.db, else\n"
	    "~/.local/share/panelist/demo.db), created on first use, then opens the\n"
	    "rating screen on it; a second demo resumes where the first stopped.\n"
	    "The reviewer is chosen as for rate. --db is ignored. Without a terminal\n"
	    "it imports, shows the status and exits with status 2.\n"),
	    demo_options, NULL, 0, NULL },
	{ "merge", cmd_merge_exec, "[--prefer newer] [--as] OTHER...",
	    N_("bring in the ratings of other copies of this study"),
	    N_("Merges the ratings, notes, flags and history of other copies of the same\n"
	    "study (a reviewer who rated on a laptop) in one transaction. Each OTHER is a\n"
	    "study file or a PostgreSQL address, whichever engine --db is. The same rating\n"
	    "on both sides merges once. Different values for one rating are conflicts:\n"
	    "each is listed and nothing is written, unless --prefer newer, which keeps the\n"
	    "later change and puts the other in the history. A database of another study,\n"
	    "or one whose prompts, rubrics or outputs differ, is refused, and so is one\n"
	    "holding any value outside the rules (all problems are listed); a study nobody\n"
	    "has rated yet takes the other's identity instead, which moves a study to a\n"
	    "new database. Ratings under a name other than your login need --as.\n"),
	    merge_options, NULL, -1, NULL },
	{ "grant", cmd_grant_exec, "lead|reviewer LOGIN",
	    N_("let a login of the PostgreSQL server lead the study or review in it"),
	    N_("For a study on a PostgreSQL server, which init gives two roles: a lead\n"
	    "imports, collects, changes the study's settings, merges and grants; a\n"
	    "reviewer reads the prompts, rubrics and outputs (in a blind study without\n"
	    "the models' names) and changes only its own ratings, notes and flags, under\n"
	    "the reviewer name that is its login. The server enforces this, for any\n"
	    "client. Only a lead may grant; the login must exist (createuser LOGIN).\n"
	    "A study file has no roles: whoever may write the file may change it.\n"),
	    NULL, NULL, 2, NULL },
	{ "collect", cmd_collect_exec, "[--model M]... [--prompt ID]... [--capability C] "
	    "[--dry-run] [--retry-failed] [--limit N]",
	    N_("ask the models under test for their outputs"),
	    N_("Sends each current prompt's whole conversation to each model of the\n"
	    "imported models file (kind: models) that has no output for it, and stores\n"
	    "each answer as that model's output the moment it arrives, with its\n"
	    "metadata. A second run asks only for what is still missing. 429, 5xx,\n"
	    "timeouts and dropped connections are retried with backoff; another 4xx is\n"
	    "recorded as that request's failure and skipped until --retry-failed; 401 or\n"
	    "403, or a certificate that does not verify, stops that model. Exit status 1\n"
	    "when a request failed, 2 when a model was stopped.\n"),
	    collect_options, NULL, 0, NULL },
	{ "scores", cmd_scores_exec, "[--by GROUPING] [--model M]... [--capability C]... "
	    "[--format F] [--resamples N] [--seed S] [--reviewers MODE]",
	    N_("show the models' scores with their confidence intervals"),
	    N_("A score is the mean of item means: each output's ratings on an axis are\n"
	    "averaged over its reviewers first. A capability score is the mean of its\n"
	    "axis scores; the overall score weighs the capability scores by the study's\n"
	    "weights, over the capabilities the model was rated on (the notes say which\n"
	    "weights were used and which capabilities were missing). N/A marks are\n"
	    "left out and counted; flagged outputs count like any other, and the share\n"
	    "flagged is shown. Intervals are 95% Student t over prompts (jackknife\n"
	    "standard error); below 3 prompts a cell says \"too few prompts\".\n"),
	    scores_options, NULL, 0, NULL },
	{ "compare", cmd_compare_exec, "MODEL_A MODEL_B [--format F] [--resamples N] [--seed S] "
	    "[--reviewers MODE]",
	    N_("compare two models on the prompts both were rated on"),
	    N_("Per capability and overall: the mean paired difference A - B over the\n"
	    "prompts rated for both, with its t interval; \"differs\" is Holm-corrected\n"
	    "over the rows tested. Small gaps between models are often noise.\n"),
	    compare_options, NULL, -1, NULL },
	{ "agreement", cmd_agreement_exec, "[--metric M] [--reviewers] [--format F] "
	    "[--resamples N] [--seed S]",
	    N_("show how far the reviewers agree, and who stands out"),
	    N_("Krippendorff's alpha for each capability and axis, for each capability\n"
	    "over its axes and for the whole panel, with the pairable units and values\n"
	    "and a bootstrap interval that resamples outputs; where alpha is undefined\n"
	    "it says why. Then per reviewer: ratings, mean, leniency, the panel's alpha\n"
	    "without them, straight-lining and halo, with flags for whom to talk to.\n"),
	    agreement_options, NULL, 0, NULL },
	{ "export", cmd_export_exec, "[--wide] [--format csv|tsv|jsonl] [-o FILE] [--raw] | "
	    "--scores [--by GROUPING] [--format csv|tsv|jsonl|json|md] [-o FILE]",
	    N_("write the raw ratings, or the scores, for other tools"),
	    N_("One row per reviewer, output, capability and axis: study, reviewer, prompt,\n"
	    "prompt_version, model, capability, rubric_version, axis, score (NA when not\n"
	    "applicable), note, flag, flag_reason, active_seconds, first_rated, changed;\n"
	    "read in one transaction.\n"),
	    export_options, export_rules, 0,
	    N_("A CSV or TSV text cell that begins with =, +, -, @, a tab or a carriage\n"
	    "return gets a leading ' so that a spreadsheet shows it instead of running\n"
	    "it as a formula; numbers are left alone. --raw writes cells as they are.\n") },
	{ "report", cmd_report_exec, "-o FILE [--compare A B] [--resamples N] [--seed S] "
	    "[--reviewers MODE]",
	    N_("write a self-contained HTML report of scores and agreement"),
	    N_("One HTML file with inline CSS and SVG, nothing fetched from the network:\n"
	    "the study, a chart of capability scores per model with their intervals,\n"
	    "the overall scores and weights, the paired comparisons, the share of\n"
	    "outputs flagged, per-axis tables, an agreement heat map, the reviewer\n"
	    "table, and the prompt and rubric versions the numbers come from.\n"
	    "Written whole or not at all.\n"),
	    report_options, NULL, 0, NULL },
	{ "help", cmd_help_exec, "[COMMAND]",
	    N_("show the commands, or one command in full"), "", NULL, NULL, -1, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL },
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

/* One option per line, its help from the declaration; the help's later
 * lines under the first. */
static void
print_options(const struct cmd_option *o, FILE *f)
{
	const char *p, *nl;
	char left[64];

	for (; o != NULL && o->name != NULL; o++) {
		if (o->help == NULL)
			continue;
		snprintf(left, sizeof left, "%s%s%s%s%s", o->name,
		    o->alias != NULL ? ", " : "", o->alias != NULL ? o->alias : "",
		    o->meta != NULL ? " " : "", o->meta != NULL ? o->meta : "");
		fprintf(f, strlen(left) >= 17 ? "  %s  " : "  %-17s ", left);
		for (p = _(o->help); (nl = strchr(p, '\n')) != NULL; p = nl + 1)
			fprintf(f, "%.*s\n%20s", (int)(nl - p), p, "");
		fprintf(f, "%s\n", p);
	}
}

void
cmd_usage_all(FILE *f)
{
	const struct cmd_entry *c;

	fputs(_("usage: panelist [--db FILE] COMMAND [OPTIONS] [ARGS]\n"
	    "       panelist --help | --version\n\n"
	    "Rate LLM outputs on workplace tasks with a panel of reviewers.\n\n"
	    "Commands:\n"), f);
	/* The command names are ASCII: a byte width lines the texts up. */
	for (c = cmd_table; c->name != NULL; c++)
		fprintf(f, "  %-9s %s\n", c->name, _(c->help));
	fputs(_("\nOptions:\n"), f);
	print_options(cmd_global.options, f);
	fputs(_("  --help            show this help\n\n"
	    "'panelist help COMMAND' describes one command; panelist(1) and the file\n"
	    "formats in panelist(5) describe everything.\n"), f);
}

void
cmd_usage(const struct cmd_entry *c, FILE *f)
{
	fprintf(f, _("usage: panelist [--db FILE] %s%s%s\n"), c->name,
	    *c->synopsis ? " " : "", c->synopsis);
	/* TRANSLATORS: a command's one-line description as a sentence. */
	fprintf(f, _("\n%s.\n"), _(c->help));
	if (*c->details)
		fprintf(f, "\n%s", _(c->details));
	if (c->options != NULL) {
		fputc('\n', f);
		print_options(c->options, f);
	}
	if (c->notes != NULL)
		fprintf(f, "\n%s", _(c->notes));
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
		fprintf(stderr, _("usage: panelist [--db FILE] %s %s\n"), c->name, c->synopsis);
	return 2;
}

int
cmd_open(struct cmd_ctx *ctx, bool create, struct store **st)
{
	struct errlist errs = { 0 };
	int rc;

	if ((rc = store_open(ctx->db_path, create ? STORE_OPEN_CREATE :
	    STORE_OPEN_EXISTING, st, &errs)) != 0)
		*st = NULL;
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

int
cmd_help_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry *c;

	(void)ctx;
	if (args->argc < 1) {
		cmd_usage_all(stdout);
		return 0;
	}
	if (args->argc > 1)
		return cmd_usage_error("help", "%s", _("help takes one command name"));
	if ((c = cmd_find(args->argv[0])) == NULL)
		return cmd_usage_error("help", _("no command '%s' (see 'panelist --help')"),
		    args->argv[0]);
	cmd_usage(c, stdout);
	return 0;
}
