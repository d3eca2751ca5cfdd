/* cmd-export.c: panelist export, the raw ratings (long or wide) as CSV,
 * TSV or JSON lines, or the scores table, to stdout or a file written
 * whole. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-common.h"
#include "i18n.h"
#include "json.h"
#include "tabular.h"
#include "outfile.h"
#include "store.h"

enum export_format { EX_CSV, EX_TSV, EX_JSONL };

struct export_args {
	bool			 scores;	/* --scores: the scores table */
	bool			 wide;
	bool			 raw;		/* no formula guard */
	enum export_format	 format;
	const char		*output;	/* -o; NULL: stdout */
	struct stats_settings	 sa;		/* for --scores */
};

/* ---- cells ---------------------------------------------------------------- */

struct writer {
	const struct export_args *a;
	FILE		*f;
	size_t		 col;		/* cells written on this line */
	json_t		*obj;		/* JSONL: the line being built */
	size_t		 n_ratings;	/* written, for the line -o prints */
	size_t		 n_rows;
	/* --wide: the group being gathered */
	char		**axes;
	size_t		 n_axes;
	char		 *study;
	bool		 open;
	struct group {
		char	*reviewer, *prompt, *model, *capability;
		int	 prompt_version, rubric_version;
		char	**scores;	/* per axis: "3", "NA" or NULL */
		char	*note, *flag, *flag_reason, *first, *changed;
		double	 active_seconds;
	} g;
};

/* What a cell holds: text (names, notes, times, headings: guarded against
 * formulas in CSV and TSV by the one writer, tabular.h) or a number (never
 * guarded: -1 is a number, not a formula). */
enum cell_kind { TEXT, NUMBER };

/* One cell; NULL is an empty cell (null in JSON). */
static void
cell(struct writer *w, const char *key, const char *v, enum cell_kind kind)
{
	if (w->a->format == EX_JSONL) {
		json_object_set_new(w->obj, key, v == NULL ? json_null() :
		    kind != NUMBER ? jv_str(v) : strchr(v, '.') != NULL ?
		    json_real(strtod(v, NULL)) : json_integer(strtoll(v, NULL, 10)));
		return;
	}
	if (w->col++ > 0)
		fputc(w->a->format == EX_CSV ? ',' : '\t', w->f);
	if (v == NULL)
		return;
	if (w->a->format == EX_CSV)
		tab_csv_field(v, kind == TEXT, w->f);
	else
		tab_tsv_field(v, kind == TEXT, w->f);
}

static void
cell_int(struct writer *w, const char *key, long v)
{
	char num[32];

	if (w->a->format == EX_JSONL) {
		json_object_set_new(w->obj, key, json_integer(v));
		return;
	}
	snprintf(num, sizeof num, "%ld", v);
	cell(w, key, num, NUMBER);
}

static void
cell_seconds(struct writer *w, double v)
{
	char num[32];

	snprintf(num, sizeof num, "%.1f", v);
	cell(w, "active_seconds", num, NUMBER);
}

static void
line_start(struct writer *w)
{
	w->col = 0;
	if (w->a->format == EX_JSONL) {
		w->obj = json_object();
		/* So that `panelist import` knows the line for what it is. */
		if (!w->a->scores)
			json_object_set_new(w->obj, "kind", jv_str("ratings"));
	}
}

static int
line_end(struct writer *w)
{
	if (w->a->format == EX_JSONL) {
		char *s = jv_line(w->obj);

		w->obj = NULL;
		fputs(s, w->f);
		free(s);
		fputc('\n', w->f);
	} else
		fputs(w->a->format == EX_CSV ? "\r\n" : "\n", w->f);
	return ferror(w->f) ? 1 : 0;
}

/* A header line of column names (none in JSON lines). */
static void
header(struct writer *w, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cell(w, names[i], names[i], TEXT);
}

/* ---- long: a row per rating ------------------------------------------------ */

static const char *const lead_cols[] = {
	"study", "reviewer", "prompt", "prompt_version", "model", "capability",
	"rubric_version"
};
static const char *const tail_cols[] = {
	"note", "flag", "flag_reason", "active_seconds", "first_rated", "changed"
};

static void
lead(struct writer *w, const char *reviewer, const char *prompt, int pv,
    const char *model, const char *capability, int rv)
{
	cell(w, "study", w->study, TEXT);
	cell(w, "reviewer", reviewer, TEXT);
	cell(w, "prompt", prompt, TEXT);
	cell_int(w, "prompt_version", pv);
	cell(w, "model", model, TEXT);
	cell(w, "capability", capability, TEXT);
	cell_int(w, "rubric_version", rv);
}

static void
tail(struct writer *w, const char *note, const char *flag, const char *reason,
    double seconds, const char *first, const char *changed)
{
	cell(w, "note", note, TEXT);
	cell(w, "flag", flag, TEXT);
	cell(w, "flag_reason", reason, TEXT);
	cell_seconds(w, seconds);
	cell(w, "first_rated", first, TEXT);
	cell(w, "changed", changed, TEXT);
}

static int
long_head(void *ctx, const char *study, char *const *axes, size_t n_axes)
{
	struct writer *w = ctx;

	(void)axes;
	(void)n_axes;
	w->study = xstrdup(study);
	if (w->a->format == EX_JSONL)
		return 0;
	line_start(w);
	header(w, lead_cols, nitems(lead_cols));
	cell(w, "axis", "axis", TEXT);
	cell(w, "score", "score", TEXT);
	header(w, tail_cols, nitems(tail_cols));
	return line_end(w);
}

static int
long_row(void *ctx, const struct export_row *r)
{
	struct writer *w = ctx;
	char num[16];

	line_start(w);
	lead(w, r->reviewer, r->prompt, r->prompt_version, r->model,
	    r->capability, r->rubric_version);
	cell(w, "axis", r->axis, TEXT);
	snprintf(num, sizeof num, "%d", r->score);
	if (w->a->format == EX_JSONL)
		cell(w, "score", r->na ? NULL : num, NUMBER);
	else
		cell(w, "score", r->na ? "NA" : num, NUMBER);
	tail(w, r->note, r->flag, r->flag_reason, r->active_seconds,
	    r->first_rated, r->changed);
	w->n_ratings++;
	w->n_rows++;
	return line_end(w);
}

/* ---- wide: a row per reviewer, output and capability ------------------------ */

static char *
dup0(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
group_clear(struct writer *w)
{
	char **scores = w->g.scores;
	size_t i;

	free(w->g.reviewer);
	free(w->g.prompt);
	free(w->g.model);
	free(w->g.capability);
	free(w->g.note);
	free(w->g.flag);
	free(w->g.flag_reason);
	free(w->g.first);
	free(w->g.changed);
	for (i = 0; i < w->n_axes; i++)
		free(scores[i]);
	memset(scores, 0, w->n_axes * sizeof *scores);
	memset(&w->g, 0, sizeof w->g);
	w->g.scores = scores;
	w->open = false;
}

static int
wide_head(void *ctx, const char *study, char *const *axes, size_t n_axes)
{
	struct writer *w = ctx;
	size_t i;

	w->study = xstrdup(study);
	w->n_axes = n_axes;
	w->axes = xcalloc(n_axes + 1, sizeof *w->axes);
	w->g.scores = xcalloc(n_axes + 1, sizeof *w->g.scores);
	for (i = 0; i < n_axes; i++)
		w->axes[i] = xstrdup(axes[i]);
	if (w->a->format == EX_JSONL)
		return 0;
	line_start(w);
	header(w, lead_cols, nitems(lead_cols));
	header(w, (const char *const *)w->axes, n_axes);
	header(w, tail_cols, nitems(tail_cols));
	return line_end(w);
}

static int
wide_flush(struct writer *w)
{
	json_t *scores = NULL, *all;
	size_t i;

	if (!w->open)
		return 0;
	line_start(w);
	lead(w, w->g.reviewer, w->g.prompt, w->g.prompt_version, w->g.model,
	    w->g.capability, w->g.rubric_version);
	if (w->a->format == EX_JSONL) {
		/* The axes as one object, so a line's keys do not depend on
		 * which axis names a study happens to use. */
		all = w->obj;
		scores = json_object();
		w->obj = scores;
		for (i = 0; i < w->n_axes; i++)
			if (w->g.scores[i] != NULL)
				cell(w, w->axes[i], strcmp(w->g.scores[i], "NA") == 0 ?
				    NULL : w->g.scores[i], NUMBER);
		w->obj = all;
		json_object_set_new(w->obj, "scores", scores);
	} else
		for (i = 0; i < w->n_axes; i++)
			cell(w, w->axes[i], w->g.scores[i], NUMBER);
	tail(w, w->g.note, w->g.flag, w->g.flag_reason, w->g.active_seconds,
	    w->g.first, w->g.changed);
	w->n_rows++;
	group_clear(w);
	return line_end(w);
}

static bool
same_group(const struct writer *w, const struct export_row *r)
{
	return w->open && strcmp(w->g.reviewer, r->reviewer) == 0 &&
	    strcmp(w->g.prompt, r->prompt) == 0 &&
	    w->g.prompt_version == r->prompt_version &&
	    strcmp(w->g.model, r->model) == 0 &&
	    strcmp(w->g.capability, r->capability) == 0 &&
	    w->g.rubric_version == r->rubric_version;
}

static void
group_open(struct writer *w, const struct export_row *r)
{
	w->g.reviewer = xstrdup(r->reviewer);
	w->g.prompt = xstrdup(r->prompt);
	w->g.prompt_version = r->prompt_version;
	w->g.model = xstrdup(r->model);
	w->g.capability = xstrdup(r->capability);
	w->g.rubric_version = r->rubric_version;
	w->g.note = dup0(r->note);
	w->g.flag = dup0(r->flag);
	w->g.flag_reason = dup0(r->flag_reason);
	w->g.active_seconds = r->active_seconds;
	w->open = true;
}

/* Timestamps are ISO 8601 in UTC: they compare as strings. */
static void
keep_time(char **have, const char *t, int sign)
{
	if (t == NULL)
		return;
	if (*have == NULL || sign * strcmp(t, *have) > 0) {
		free(*have);
		*have = xstrdup(t);
	}
}

static int
wide_row(void *ctx, const struct export_row *r)
{
	struct writer *w = ctx;
	size_t i;
	int rc = 0;

	if (!same_group(w, r)) {
		if ((rc = wide_flush(w)) != 0)
			return rc;
		group_open(w, r);
	}
	for (i = 0; i < w->n_axes && strcmp(w->axes[i], r->axis) != 0; i++)
		;
	if (i < w->n_axes) {
		free(w->g.scores[i]);
		w->g.scores[i] = r->na ? xstrdup("NA") : xasprintf("%d", r->score);
	}
	keep_time(&w->g.first, r->first_rated, -1);
	keep_time(&w->g.changed, r->changed, 1);
	w->n_ratings++;
	return 0;
}

/* ---- the command ------------------------------------------------------------ */

static const char *const format_names[] = { "csv", "tsv", "jsonl" };

static int
export_ratings(struct store *st, const struct export_args *a, FILE *f, char **what)
{
	struct errlist errs = { 0 };
	struct writer w;
	struct export_sink sink;
	size_t i;
	int rc;

	memset(&w, 0, sizeof w);
	w.a = a;
	w.f = f;
	sink.head = a->wide ? wide_head : long_head;
	sink.row = a->wide ? wide_row : long_row;
	sink.ctx = &w;
	rc = store_export_ratings(st, &sink, &errs);
	if (rc == 0 && a->wide)
		rc = wide_flush(&w);
	if (rc != 0 && errs.n == 0 && ferror(f))
		rc = cmd_write_failed(a->output != NULL ? a->output : _("the export"));
	if (a->wide)
		*what = xasprintf(_("%zu ratings of study '%s' in %zu rows (one per "
		    "reviewer, output and capability), %s"), w.n_ratings,
		    w.study != NULL ? w.study : "?", w.n_rows, format_names[a->format]);
	else
		*what = xasprintf(_("%zu ratings of study '%s' (one row each), %s"),
		    w.n_ratings, w.study != NULL ? w.study : "?",
		    format_names[a->format]);
	if (w.g.scores != NULL)
		group_clear(&w);
	for (i = 0; i < w.n_axes; i++)
		free(w.axes[i]);
	free(w.axes);
	free(w.g.scores);
	free(w.study);
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

struct scores_to {
	const struct export_args *a;
	FILE		*f;
};

static int
write_scores(const struct rating_set *set, const void *arg)
{
	const struct scores_to *to = arg;

	return cmd_scores_write("export", set, &to->a->sa, 0, to->f);
}

static int
export_scores(struct cmd_ctx *ctx, const struct export_args *a, FILE *f, char **what)
{
	struct scores_to to = { a, f };

	*what = xasprintf(_("the scores by %s, %s"), scores_group_name(a->sa.group),
	    tab_format_name(a->sa.format));
	return cmd_with_ratings(ctx, write_scores, &to);
}

/* --format: what the parser cannot check, as the formats depend on
 * --scores. */
static int
parse_format(struct export_args *a, const char *v)
{
	if (strcmp(v, "csv") == 0)
		a->format = EX_CSV;
	else if (strcmp(v, "tsv") == 0)
		a->format = EX_TSV;
	else if (strcmp(v, "jsonl") == 0)
		a->format = EX_JSONL;
	else if (a->scores && tab_format_parse(v, &a->sa.format) == 0 &&
	    a->sa.format != TAB_TABLE)
		return 0;
	else
		return cmd_usage_error("export", _("--format %s: expected %s"), v,
		    a->scores ? "csv, tsv, jsonl, json or md" : "csv, tsv or jsonl");
	a->sa.format = a->format == EX_TSV ? TAB_TSV : a->format == EX_JSONL ?
	    TAB_JSONL : TAB_CSV;
	return 0;
}

static int
parse_args(const struct cmd_args *args, struct export_args *a)
{
	const char *v;

	memset(a, 0, sizeof *a);
	stats_settings_read(&a->sa, args);
	a->sa.format = TAB_CSV;
	a->scores = cmd_args_has(args, "--scores");
	a->wide = cmd_args_has(args, "--wide");
	a->raw = cmd_args_has(args, "--raw");
	a->output = cmd_args_value(args, "-o");
	if ((v = cmd_args_value(args, "--format")) != NULL)
		return parse_format(a, v);
	return 0;
}

int
cmd_export_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct errlist errs = { 0 };
	struct export_args a;
	struct outfile out;
	struct store *st;
	char *what = NULL;
	int rc;

	if ((rc = parse_args(args, &a)) != 0)
		return rc;
	tab_guard_formulas(!a.raw);
	if (a.scores)
		rc = outfile_open(&out, a.output, &errs);
	else if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0) {
		/* The study first: a missing database leaves no file behind. */
		if ((rc = outfile_open(&out, a.output, &errs)) != 0)
			store_close(st);
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	if (rc != 0)
		return rc;
	if (a.scores)
		rc = export_scores(ctx, &a, out.f, &what);
	else {
		rc = export_ratings(st, &a, out.f, &what);
		store_close(st);
	}
	if (rc != 0)
		outfile_abort(&out);
	else if ((rc = outfile_commit(&out, &errs)) == 0)
		cmd_wrote(a.output, out.size, what);
	free(what);
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
