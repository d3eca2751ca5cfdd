/* cmd-status.c: panelist status [--format table|json|tsv].
 *
 * Per reviewer it counts what the rating screen counts: their queue is
 * session_queue()'s, the screen's own, so that `status` and the screen's
 * "4/4 done" cannot disagree. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd-common.h"
#include "i18n.h"
#include "json.h"
#include "session.h"
#include "store.h"
#include "tabular.h"
#include "text.h"

/* One person's progress: items in their queue, ratings (one per axis). */
struct progress {
	const char	*reviewer;
	bool		 on_roster;	/* or the study has no roster */
	long		 items, done, partial, skipped;
	long		 ratings, expected;
	const char	*last;		/* "" when none */
	double		 seconds;
};

/* Everything status shows, read once and written in any format. */
struct status {
	struct study_settings	 ss;
	struct capability_status *caps;
	size_t			 n_caps;
	struct earlier_ratings	*earlier;
	size_t			 n_earlier;
	struct reviewer_status	*rs;	/* everyone who wrote to the study */
	size_t			 n_rs;
	struct progress		*p;	/* the roster (or everyone), then the others */
	size_t			 n_p, n_on;
	struct study_change	*history;
	size_t			 n_history;
	long			 truncated;	/* collected outputs cut off */
	const char		*path;
};

static const struct reviewer_status *
activity_of(const struct status *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n_rs; i++) {
		if (strcmp(s->rs[i].reviewer, name) == 0)
			return &s->rs[i];
	}
	return NULL;
}

/* A reviewer's queue as the screen has it, counted. */
static int
add_progress(struct store *st, struct status *s, const char *name, bool on_roster,
    struct errlist *errs)
{
	struct queue_filter all = { NULL, NULL };
	const struct reviewer_status *a = activity_of(s, name);
	struct queue_entry *q;
	struct progress *p;
	struct queue qu;
	size_t n, i;
	int rc;

	if ((rc = session_queue(st, &s->ss, name, &all, true, &qu, errs)) != 0)
		return rc;
	q = qu.v;
	n = qu.n;
	s->p = xreallocarray(s->p, s->n_p + 1, sizeof *s->p);
	p = &s->p[s->n_p++];
	memset(p, 0, sizeof *p);
	p->reviewer = name;
	p->on_roster = on_roster;
	p->items = (long)n;
	/* Disjoint: done, else skipped, else partly rated. */
	for (i = 0; i < n; i++) {
		p->done += q[i].done != 0;
		p->skipped += !q[i].done && q[i].skipped;
		p->partial += !q[i].done && !q[i].skipped && q[i].started;
		p->ratings += q[i].rated;
		p->expected += q[i].slots;
	}
	p->last = a != NULL ? a->last : "";
	p->seconds = a != NULL ? a->seconds : 0;
	queue_free(&qu);
	return 0;
}

static bool
roster_has(const struct study_settings *ss, const char *name)
{
	size_t i;

	for (i = 0; i < ss->n_reviewers; i++) {
		if (strcmp(ss->reviewers[i], name) == 0)
			return true;
	}
	return false;
}

/* The roster's members from the start; without a roster, everyone who has
 * written to the study; then whoever wrote but is not on the roster. */
static int
read_progress(struct store *st, struct status *s, struct errlist *errs)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < s->ss.n_reviewers && rc == 0; i++)
		rc = add_progress(st, s, s->ss.reviewers[i], true, errs);
	for (i = 0; i < s->n_rs && rc == 0 && s->ss.n_reviewers == 0; i++)
		rc = add_progress(st, s, s->rs[i].reviewer, true, errs);
	s->n_on = s->n_p;
	for (i = 0; i < s->n_rs && rc == 0 && s->ss.n_reviewers > 0; i++) {
		if (!roster_has(&s->ss, s->rs[i].reviewer))
			rc = add_progress(st, s, s->rs[i].reviewer, false, errs);
	}
	return rc;
}

static void
status_free(struct status *s)
{
	free(s->p);
	study_history_free(s->history, s->n_history);
	reviewer_status_free(s->rs, s->n_rs);
	earlier_ratings_free(s->earlier, s->n_earlier);
	capability_status_free(s->caps, s->n_caps);
	study_settings_free(&s->ss);
}

static int
status_read(struct store *st, struct status *s, struct errlist *errs)
{
	int rc;

	memset(s, 0, sizeof *s);
	s->path = store_path(st);
	if ((rc = store_study(st, &s->ss, errs)) != 0)
		return rc;
	if ((rc = store_status_capabilities(st, &s->caps, &s->n_caps, errs)) != 0 ||
	    (rc = store_earlier_version_ratings(st, &s->earlier, &s->n_earlier, errs)) != 0 ||
	    (rc = store_status_reviewers(st, &s->rs, &s->n_rs, errs)) != 0 ||
	    (rc = store_study_history(st, &s->history, &s->n_history, errs)) != 0 ||
	    (rc = store_collect_truncated(st, &s->truncated, errs)) != 0 ||
	    (rc = read_progress(st, s, errs)) != 0)
		status_free(s);
	return rc;
}

/* ---- table ------------------------------------------------------------------ */

static void
print_study(const struct status *s, FILE *f)
{
	size_t i;

	/* TRANSLATORS: the labels of status's first lines are padded to one
	 * width (in display cells) so that the values line up. */
	fputs(_("Study:    "), f);
	text_fputs(s->ss.title != NULL ? s->ss.title : _("(untitled)"), f);
	fputc('\n', f);
	fputs(_("Database: "), f);
	text_fputs(s->path, f);
	fputc('\n', f);
	fputs(_("Blind:    "), f);
	fputs(s->ss.blind ? _("yes (model names hidden while rating)") : _("no"), f);
	fputc('\n', f);
	fputs(_("Overlap:  "), f);
	if (s->ss.overlap > 0)
		fprintf(f, P_("%ld reviewer per output", "%ld reviewers per output",
		    (unsigned long)s->ss.overlap), s->ss.overlap);
	else
		fputs(_("every reviewer rates every output"), f);
	fputc('\n', f);
	fputs(_("Seed:     "), f);
	fprintf(f, "%" PRIu64 "\n", s->ss.seed);
	fputs(_("Roster:   "), f);
	if (s->ss.n_reviewers == 0)
		fputs(_("none (anyone may rate every output)"), f);
	for (i = 0; i < s->ss.n_reviewers; i++) {
		fputs(i > 0 ? ", " : "", f);
		text_fputs(s->ss.reviewers[i], f);
	}
	fputc('\n', f);
}

/* Answers cut off at the token limit: stored and marked by collect. */
static void
print_truncated(const struct status *s, FILE *f)
{
	if (s->truncated > 0)
		fprintf(f, P_("Truncated: %ld output cut off at the token limit\n",
		    "Truncated: %ld outputs cut off at the token limit\n",
		    (unsigned long)s->truncated), s->truncated);
}

/* Ratings that no score counts, so that a panel sees them before it reads
 * a score as complete. */
static void
print_earlier(const struct status *s, FILE *f)
{
	size_t i;

	if (s->n_earlier == 0)
		return;
	fputs(_("\nOn an earlier version, not counted:"), f);
	for (i = 0; i < s->n_earlier; i++) {
		fprintf(f, "%s ", i > 0 ? "," : "");
		text_fputs(s->earlier[i].capability, f);
		fprintf(f, P_(" %ld rating", " %ld ratings", (unsigned long)s->earlier[i].ratings),
		    s->earlier[i].ratings);
	}
	fputs(_(" (the prompt or rubric changed after they were given).\n"), f);
}

enum { C_CAP, C_PROMPTS, C_MODELS, C_OUTPUTS, C_AXES, C_DONE, C_EXPECTED, C_NCOLS };

static const struct tab_col cap_cols[C_NCOLS] = {
	[C_CAP] = { N_("capability"), NULL, TAB_BOTH, false, 0, false, false },
	[C_PROMPTS] = { N_("prompts"), NULL, TAB_BOTH, true, 0, false, false },
	[C_MODELS] = { N_("models"), NULL, TAB_BOTH, true, 0, false, false },
	[C_OUTPUTS] = { N_("outputs"), NULL, TAB_BOTH, true, 0, false, false },
	[C_AXES] = { N_("axes"), NULL, TAB_BOTH, true, 0, false, false },
	[C_DONE] = { N_("ratings done"), NULL, TAB_BOTH, true, 0, false, false },
	[C_EXPECTED] = { N_("ratings expected"), NULL, TAB_BOTH, true, 0, false, false },
};

/* Per capability: the rubrics imported, with their progress. */
static int
print_capabilities(const struct status *s, FILE *f)
{
	const struct capability_status *c;
	struct tab t;
	size_t i;
	int rc;

	fputc('\n', f);
	if (s->n_caps == 0) {
		fputs(_("No rubrics yet: import some with 'panelist import rubrics/'.\n"), f);
		return 0;
	}
	tab_init(&t, cap_cols, C_NCOLS);
	t.no_rule = true;
	for (i = 0; i < s->n_caps; i++) {
		c = &s->caps[i];
		tab_row(&t);
		tab_cell(&t, C_CAP, "%s", c->capability);
		tab_cell(&t, C_PROMPTS, "%ld", c->prompts);
		tab_cell(&t, C_MODELS, "%ld", c->models);
		tab_cell(&t, C_OUTPUTS, "%ld", c->outputs);
		tab_cell(&t, C_AXES, "%ld", c->axes);
		tab_cell(&t, C_DONE, "%ld", c->done);
		tab_cell(&t, C_EXPECTED, "%ld", c->expected);
	}
	rc = tab_print(&t, TAB_TABLE, 0, f);
	tab_free(&t);
	return rc;
}

enum {
	R_NAME, R_ROSTER, R_ITEMS, R_DONE, R_PARTIAL, R_SKIPPED, R_RATINGS, R_EXPECTED,
	R_PERCENT, R_LAST, R_TIME, R_SECONDS, R_NCOLS
};

static const struct tab_col reviewer_cols[R_NCOLS] = {
	[R_NAME] = { N_("reviewer"), NULL, TAB_BOTH, false, 0, false, false },
	[R_ROSTER] = { N_("on roster"), "on_roster", TAB_MACHINE, false, 0, false, false },
	[R_ITEMS] = { N_("items"), NULL, TAB_BOTH, true, 0, false, false },
	[R_DONE] = { N_("done"), "items_done", TAB_BOTH, true, 0, false, false },
	[R_PARTIAL] = { N_("partial"), "items_partial", TAB_BOTH, true, 0, false, false },
	[R_SKIPPED] = { N_("skipped"), "items_skipped", TAB_BOTH, true, 0, false, false },
	[R_RATINGS] = { N_("ratings done"), "ratings_done", TAB_BOTH, true, 0, false, false },
	[R_EXPECTED] = { N_("of expected"), "ratings_expected", TAB_BOTH, true, 0, false, false },
	[R_PERCENT] = { N_("percent"), NULL, TAB_HUMAN, true, 0, false, false },
	[R_LAST] = { N_("last activity"), "last_activity", TAB_BOTH, false, 0, false, false },
	[R_TIME] = { N_("time spent"), NULL, TAB_HUMAN, true, 0, false, false },
	[R_SECONDS] = { N_("seconds"), NULL, TAB_MACHINE, true, 0, false, false },
};

/* Time on the screen as people read it: 45s, 3m 20s, 1h 02m. */
static void
cell_time(struct tab *t, size_t col, double seconds)
{
	long s = lround(seconds);

	if (s >= 3600)
		tab_cell(t, col, "%ldh %02ldm", s / 3600, s / 60 % 60);
	else if (s >= 60)
		tab_cell(t, col, "%ldm %02lds", s / 60, s % 60);
	else
		tab_cell(t, col, "%lds", s);
}

static void
reviewer_row(struct tab *t, const struct progress *p, bool roster)
{
	tab_row(t);
	tab_cell(t, R_NAME, "%s", p->reviewer);
	tab_cell(t, R_ROSTER, "%s", !roster ? "" : p->on_roster ? "yes" : "no");
	tab_cell(t, R_ITEMS, "%ld", p->items);
	tab_cell(t, R_DONE, "%ld", p->done);
	tab_cell(t, R_PARTIAL, "%ld", p->partial);
	tab_cell(t, R_SKIPPED, "%ld", p->skipped);
	tab_cell(t, R_RATINGS, "%ld", p->ratings);
	if (p->on_roster) {
		tab_cell(t, R_EXPECTED, "%ld", p->expected);
		tab_cell(t, R_PERCENT, "%.0f%%", p->expected > 0 ?
		    floor(100.0 * (double)p->ratings / (double)p->expected) : 0.0);
	} else {
		tab_undef(t, R_EXPECTED);
		tab_undef(t, R_PERCENT);
	}
	tab_cell(t, R_LAST, "%s", p->last);
	cell_time(t, R_TIME, p->seconds);
	tab_cell(t, R_SECONDS, "%.0f", p->seconds);
}

static int
reviewer_table(const struct status *s, size_t from, size_t to, enum tab_format fmt, FILE *f)
{
	struct tab t;
	size_t i;
	int rc;

	tab_init(&t, reviewer_cols, R_NCOLS);
	t.no_rule = true;
	for (i = from; i < to; i++)
		reviewer_row(&t, &s->p[i], s->ss.n_reviewers > 0);
	rc = tab_print(&t, fmt, 0, f);
	tab_free(&t);
	return rc;
}

/* Per reviewer: the queue's items and ratings, as the screen counts them. */
static int
print_reviewers(const struct status *s, FILE *f)
{
	int rc = 0;

	fputc('\n', f);
	if (s->n_p == 0) {
		fputs(_("No reviewers yet: start with 'panelist rate'.\n"), f);
		return 0;
	}
	if (s->n_on > 0) {
		fputs(_("Per reviewer: items in their queue (done, partly rated, skipped) and\n"
		    "ratings (one per axis) done of those the queue expects.\n"), f);
		rc = reviewer_table(s, 0, s->n_on, TAB_TABLE, f);
	}
	if (rc == 0 && s->n_p > s->n_on) {
		fputs(_("\nNot on the roster: they rated, their ratings are kept; items are\n"
		    "those they started.\n"), f);
		rc = reviewer_table(s, s->n_on, s->n_p, TAB_TABLE, f);
	}
	return rc;
}

/* A setting's stored value as status shows it. */
static void
print_value(const char *setting, const char *v, FILE *f)
{
	const char *p;

	if (strcmp(setting, "blind") == 0)
		fputs(v != NULL && strcmp(v, "0") == 0 ? _("no") : _("yes"), f);
	else if (strcmp(setting, "reviewers") == 0 && (v == NULL || *v == '\0'))
		fputs(_("none"), f);
	else if (strcmp(setting, "reviewers") == 0) {
		for (p = v; *p != '\0'; p++) {
			if (*p == '\n')
				fputs(", ", f);
			else
				text_put(p, 1, f);
		}
	} else
		text_fputs(v != NULL && *v != '\0' ? v : _("none"), f);
}

static void
print_history(const struct status *s, FILE *f)
{
	const struct study_change *c;
	size_t i;

	if (s->n_history == 0) {
		fputs(_("\nHistory:  no change of blind, overlap, seed or roster, and no "
		    "unblinded rating, since the study began.\n"), f);
		return;
	}
	fputs(_("\nHistory of blind, overlap, seed, roster and unblinded rating:\n"), f);
	for (i = 0; i < s->n_history; i++) {
		c = &s->history[i];
		fputs("  ", f);
		text_fputs(c->at, f);
		fputs("  ", f);
		text_fputs(strcmp(c->setting, "reviewers") == 0 ? "roster" : c->setting, f);
		fputc(' ', f);
		print_value(c->setting, c->old, f);
		fputs(" -> ", f);
		print_value(c->setting, c->new, f);
		fputs(_(" (by "), f);
		text_fputs(c->actor, f);
		fprintf(f, P_("; %ld rating then", "; %ld ratings then", (unsigned long)c->ratings),
		    c->ratings);
		if (c->unassigned > 0)
			fprintf(f, _(", %ld of them no longer assigned, kept"), c->unassigned);
		/* TRANSLATORS: closes " (by "; the sentence ends there. */
		fputs(_(")"), f);
		fputc('\n', f);
	}
}

static int
print_table(const struct status *s, FILE *f)
{
	int rc;

	print_study(s, f);
	print_truncated(s, f);
	if ((rc = print_capabilities(s, f)) != 0)
		return rc;
	print_earlier(s, f);
	if ((rc = print_reviewers(s, f)) != 0)
		return rc;
	print_history(s, f);
	return 0;
}

/* ---- json ------------------------------------------------------------------- */

static json_t *
json_study(const struct status *s)
{
	json_t *o = json_object(), *roster = json_array();
	char seed[32];
	size_t i;

	jv_set(o, "title", s->ss.title != NULL ? jv_str(s->ss.title) : json_null());
	jv_set(o, "id", jv_str(s->ss.id));
	jv_set(o, "database", jv_str(s->path));
	jv_set(o, "blind", json_boolean(s->ss.blind));
	jv_set(o, "overlap", json_integer(s->ss.overlap));
	/* JSON integers stop at 2^63 - 1 in jansson; a larger seed as text. */
	if (s->ss.seed <= INT64_MAX)
		jv_set(o, "seed", json_integer((json_int_t)s->ss.seed));
	else {
		snprintf(seed, sizeof seed, "%" PRIu64, s->ss.seed);
		jv_set(o, "seed", jv_str(seed));
	}
	for (i = 0; i < s->ss.n_reviewers; i++)
		jv_append(roster, jv_str(s->ss.reviewers[i]));
	jv_set(o, "roster", roster);
	return o;
}

static json_t *
json_capabilities(const struct status *s)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < s->n_caps; i++) {
		o = json_object();
		jv_set(o, "capability", jv_str(s->caps[i].capability));
		jv_set(o, "prompts", json_integer(s->caps[i].prompts));
		jv_set(o, "models", json_integer(s->caps[i].models));
		jv_set(o, "outputs", json_integer(s->caps[i].outputs));
		jv_set(o, "axes", json_integer(s->caps[i].axes));
		jv_set(o, "ratings_done", json_integer(s->caps[i].done));
		jv_set(o, "ratings_expected", json_integer(s->caps[i].expected));
		jv_append(a, o);
	}
	return a;
}

static json_t *
json_reviewers(const struct status *s, size_t from, size_t to)
{
	const struct progress *p;
	json_t *a = json_array(), *o;
	size_t i;

	for (i = from; i < to; i++) {
		p = &s->p[i];
		o = json_object();
		jv_set(o, "reviewer", jv_str(p->reviewer));
		jv_set(o, "items", json_integer(p->items));
		jv_set(o, "items_done", json_integer(p->done));
		jv_set(o, "items_partial", json_integer(p->partial));
		jv_set(o, "items_skipped", json_integer(p->skipped));
		jv_set(o, "ratings_done", json_integer(p->ratings));
		jv_set(o, "ratings_expected", p->on_roster ? json_integer(p->expected) :
		    json_null());
		jv_set(o, "last_activity", *p->last != '\0' ? jv_str(p->last) : json_null());
		jv_set(o, "seconds", jv_num(p->seconds));
		jv_append(a, o);
	}
	return a;
}

static json_t *
json_history(const struct status *s)
{
	const struct study_change *c;
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < s->n_history; i++) {
		c = &s->history[i];
		o = json_object();
		jv_set(o, "at", jv_str(c->at));
		jv_set(o, "setting", jv_str(c->setting));
		jv_set(o, "old", *c->old != '\0' ? jv_str(c->old) : json_null());
		jv_set(o, "new", *c->new != '\0' ? jv_str(c->new) : json_null());
		jv_set(o, "actor", jv_str(c->actor));
		jv_set(o, "ratings", json_integer(c->ratings));
		jv_set(o, "unassigned", json_integer(c->unassigned));
		jv_append(a, o);
	}
	return a;
}

static int
print_json(const struct status *s, FILE *f)
{
	json_t *root = json_object(), *earlier = json_object();
	size_t i;

	jv_set(root, "study", json_study(s));
	jv_set(root, "truncated_outputs", json_integer(s->truncated));
	jv_set(root, "capabilities", json_capabilities(s));
	for (i = 0; i < s->n_earlier; i++)
		jv_set(earlier, s->earlier[i].capability, json_integer(s->earlier[i].ratings));
	jv_set(root, "earlier_versions", earlier);
	jv_set(root, "reviewers", json_reviewers(s, 0, s->n_on));
	jv_set(root, "not_on_roster", json_reviewers(s, s->n_on, s->n_p));
	jv_set(root, "history", json_history(s));
	return jv_dump(root, f);
}

/* ---- the command ------------------------------------------------------------ */

static int
status_write(struct store *st, enum tab_format fmt, FILE *f)
{
	struct errlist errs = { 0 };
	struct status s;
	int rc;

	if ((rc = status_read(st, &s, &errs)) == 0) {
		if (fmt == TAB_JSON)
			rc = print_json(&s, f);
		else if (fmt == TAB_TSV)
			rc = reviewer_table(&s, 0, s.n_p, TAB_TSV, f);
		else
			rc = print_table(&s, f);
		if (rc != 0)
			rc = cmd_write_failed(_("the status"));
		status_free(&s);
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

int
cmd_print_status(struct store *st, FILE *f)
{
	return status_write(st, TAB_TABLE, f);
}

int
cmd_status_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	enum tab_format fmt = TAB_TABLE;
	const char *v = cmd_args_value(args, "--format");
	struct store *st;
	int rc;

	/* The parser has checked the word (cmd.c). */
	if (v != NULL)
		(void)tab_format_parse(v, &fmt);
	if ((rc = cmd_open(ctx, false, &st)) != 0)
		return rc;
	rc = status_write(st, fmt, stdout);
	store_close(st);
	return rc;
}
