/* cmd-show.c: panelist show prompt ID | output PROMPT MODEL [--ratings]. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "cmd-common.h"
#include "i18n.h"
#include "store.h"
#include "tabular.h"
#include "text.h"

static void
print_field(FILE *f, const char *name, const char *value)
{
	int w;

	if (value == NULL || *value == '\0')
		return;
	w = text_width(_(name));
	/* Padded in display cells: a label in Japanese is two a character. */
	fprintf(f, "%s%*s ", _(name), w < 13 ? 13 - w : 0, "");
	text_fputs(value, f);
	fputc('\n', f);
}

/* The fields that are set, then the conversation turn by turn. */
static void
print_prompt(const struct prompt_detail *d, FILE *f)
{
	char version[64];
	size_t i, len;

	snprintf(version, sizeof version, _("%ld of %ld"), d->version, d->latest);
	print_field(f, N_("prompt"), d->id);
	print_field(f, N_("version"), version);
	print_field(f, N_("title"), d->title);
	print_field(f, N_("capabilities"), d->capabilities);
	print_field(f, N_("occupation"), d->occupation);
	print_field(f, N_("task"), d->task);
	print_field(f, N_("onet task id"), d->onet_task_id);
	print_field(f, N_("lang"), d->lang);
	print_field(f, N_("hash"), d->hash);
	print_field(f, N_("imported"), d->created);
	print_field(f, N_("outputs"), d->outputs);
	for (i = 0; i < d->n_turns; i++) {
		fprintf(f, "\n── %s ──\n", d->turns[i].role);
		text_fputs(d->turns[i].content, f);
		len = strlen(d->turns[i].content);
		if (len == 0 || d->turns[i].content[len - 1] != '\n')
			fputc('\n', f);
	}
}

/* Text as it is, ending with a line break. */
static void
print_text(const char *text, FILE *f)
{
	size_t len = strlen(text);

	text_fputs(text, f);
	if (len == 0 || text[len - 1] != '\n')
		fputc('\n', f);
}

enum { O_REVIEWER, O_CAPABILITY, O_AXIS, O_SCORE, O_CHANGED, O_NCOLS };

static const struct tab_col rating_cols[O_NCOLS] = {
	[O_REVIEWER] = { N_("reviewer"), NULL, TAB_BOTH, false, 0, false, true },
	[O_CAPABILITY] = { N_("capability"), NULL, TAB_BOTH, false, 0, false, true },
	[O_AXIS] = { N_("axis"), NULL, TAB_BOTH, false, 0, false, false },
	[O_SCORE] = { N_("score"), NULL, TAB_BOTH, true, 0, false, false },
	[O_CHANGED] = { N_("changed"), NULL, TAB_BOTH, false, 0, false, false },
};

static int
print_ratings(const struct output_detail *d, FILE *f)
{
	const struct output_rating *r;
	struct tab t;
	size_t i;
	int rc;

	fprintf(f, _("\n── ratings: %zu ──\n"), d->n_ratings);
	if (d->n_ratings == 0)
		return 0;
	tab_init(&t, rating_cols, O_NCOLS);
	t.no_rule = true;
	for (i = 0; i < d->n_ratings; i++) {
		r = &d->ratings[i];
		tab_row(&t);
		tab_cell(&t, O_REVIEWER, "%s", r->reviewer);
		tab_cell(&t, O_CAPABILITY, "%s", r->capability);
		tab_cell(&t, O_AXIS, "%s", r->axis);
		if (r->na)
			tab_cell(&t, O_SCORE, "N/A");
		else
			tab_cell(&t, O_SCORE, "%ld", r->score);
		tab_cell(&t, O_CHANGED, "%s", r->changed);
	}
	rc = tab_print(&t, TAB_TABLE, 0, f);
	tab_free(&t);
	return rc;
}

static void
print_reviews(const struct output_detail *d, FILE *f)
{
	const struct output_review *r;
	size_t i;

	for (i = 0; i < d->n_reviews; i++) {
		r = &d->reviews[i];
		fputs("\n── ", f);
		text_fputs(r->reviewer, f);
		fputs(", ", f);
		text_fputs(r->changed, f);
		fputs(" ──\n", f);
		if (r->flag != NULL) {
			fputs(_("flag: "), f);
			text_fputs(r->flag, f);
			if (r->flag_reason != NULL) {
				fputs(": ", f);
				text_fputs(r->flag_reason, f);
			}
			fputc('\n', f);
		}
		if (r->note != NULL)
			print_text(r->note, f);
	}
}

/* The output's fields and text; its ratings, notes and flags when asked. */
static int
print_output(const struct output_detail *d, bool ratings, FILE *f)
{
	char version[32];

	snprintf(version, sizeof version, "%ld", d->prompt_version);
	print_field(f, N_("prompt"), d->prompt);
	print_field(f, N_("version"), version);
	print_field(f, N_("title"), d->title);
	print_field(f, N_("capabilities"), d->capabilities);
	print_field(f, N_("model"), d->model);
	print_field(f, N_("metadata"), d->metadata);
	print_field(f, N_("hash"), d->hash);
	print_field(f, N_("imported"), d->created);
	fputs(_("\n── output ──\n"), f);
	print_text(d->text, f);
	if (!ratings) {
		fputs(_("\nRatings, notes and flags are not shown in a blind study "
		    "(--ratings shows them).\n"), f);
		return 0;
	}
	if (print_ratings(d, f) != 0)
		return -1;
	print_reviews(d, f);
	return 0;
}

static int
show_output(struct store *st, const char *prompt, const char *model, bool asked,
    struct errlist *errs)
{
	struct study_settings ss;
	struct output_detail d;
	bool ratings;
	int rc;

	/* In a blind study the ratings wait to be asked for: a reviewer who
	 * looks up an output should not meet the panel's scores by chance. */
	if ((rc = store_study(st, &ss, errs)) != 0)
		return rc;
	ratings = asked || !ss.blind;
	study_settings_free(&ss);
	if ((rc = store_show_output(st, prompt, model, ratings, &d, errs)) != 0)
		return rc;
	if (print_output(&d, ratings, stdout) != 0)
		rc = cmd_write_failed(_("the output"));
	output_detail_free(&d);
	return rc;
}

int
cmd_show_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct errlist errs = { 0 };
	struct prompt_detail d;
	struct store *st;
	bool output = args->argc > 0 && strcmp(args->argv[0], "output") == 0;
	int rc;

	if (output && args->argc != 3)
		return cmd_usage_error("show", _("show output needs a prompt id and a model"));
	if (!output && (args->argc != 2 || strcmp(args->argv[0], "prompt") != 0))
		return cmd_usage_error("show", _("show needs 'prompt' and a prompt id, or "
		    "'output', a prompt id and a model"));
	if (!output && cmd_args_has(args, "--ratings"))
		return cmd_usage_error("show", _("--ratings is for show output"));
	if ((rc = cmd_open(ctx, false, &st)) != 0)
		return rc;
	if (output)
		rc = show_output(st, args->argv[1], args->argv[2],
		    cmd_args_has(args, "--ratings"), &errs);
	else if ((rc = store_show_prompt(st, args->argv[1], &d, &errs)) == 0) {
		print_prompt(&d, stdout);
		prompt_detail_free(&d);
	}
	store_close(st);
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
