/* scores-format.c: scores and comparisons as tables, CSV, TSV, JSON and
 * Markdown. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "scores-format.h"
#include "stats.h"
#include "json.h"
#include "util.h"

#define MAX_COLS	16

/* Columns are appended as a grouping needs them; the builder remembers
 * where each landed.  Headings are N_() msgids, translated where a
 * table is written for people (tabular.c). */
struct cols {
	struct tab_col	v[MAX_COLS];
	size_t		n;
};

static size_t
col_add(struct cols *c, const char *head, const char *key, unsigned show,
    bool right, int drop)
{
	struct tab_col *t = &c->v[c->n];

	memset(t, 0, sizeof *t);
	t->head = head;
	t->key = key;
	t->show = show;
	t->right = right;
	t->drop = drop;
	return c->n++;
}

static size_t
col_name(struct cols *c, const char *head, bool group)
{
	size_t i = col_add(c, head, NULL, TAB_BOTH, false, 0);

	c->v[i].shrink = true;
	c->v[i].group = group;
	return i;
}

static const char *
name_of(char *const *names, size_t n, uint32_t i)
{
	return i < n ? names[i] : "?";
}

/* A score and its interval: %.2f, or undefined. */
static void
cell_score(struct tab *t, size_t col, double v)
{
	if (isnan(v))
		tab_undef(t, col);
	else
		tab_cell(t, col, "%.2f", v);
}

/* What stands instead of an interval that is not given. */
/* "too few prompts (2)", or "too few reviewers (2)" with --reviewers
 * random; few_n's high bit says which (FEW_REVIEWERS). */
#define FEW_REVIEWERS	((size_t)1 << (sizeof(size_t) * 8 - 1))

static size_t
few_code(size_t n, bool reviewers)
{
	return reviewers ? n | FEW_REVIEWERS : n;
}

/* The reason as people read it, or as CSV, TSV and JSON give it. */
static void
few_text(char *buf, size_t size, size_t few_n, bool people)
{
	size_t n = few_n & ~FEW_REVIEWERS;

	if (people && (few_n & FEW_REVIEWERS))
		snprintf(buf, size, _("too few reviewers (%zu)"), n);
	else if (people)
		snprintf(buf, size, _("too few prompts (%zu)"), n);
	else
		snprintf(buf, size, "too few %s (%zu)", /* machine */
		    few_n & FEW_REVIEWERS ? "reviewers" : "prompts", n);
}

static void
cell_few(struct tab *t, size_t col, bool few, size_t few_n, bool people)
{
	char buf[128];

	few_text(buf, sizeof buf, few_n, people);
	if (few)
		tab_cell(t, col, "%s", buf);
	else
		tab_undef(t, col);
}

/* An interval for people: "[3.21, 3.60]", or with signs for differences,
 * or why there is none. */
static void
cell_interval(struct tab *t, size_t col, double lo, double hi, bool sign,
    bool few, size_t few_n)
{
	if (few || isnan(lo) || isnan(hi))
		cell_few(t, col, few, few_n, true);
	else if (sign)
		tab_cell(t, col, "[%+.2f, %+.2f]", lo, hi);
	else
		tab_cell(t, col, "[%.2f, %.2f]", lo, hi);
}

/* --- flagged outputs --------------------------------------------------- */

/* Separators of the lists inside a note: "a, b" and "a; b". */
static const char *
list_sep(void)
{
	/* TRANSLATORS: between the items of a list inside a note. */
	return _(", ");
}

static const char *
group_sep(void)
{
	/* TRANSLATORS: between the groups of a list inside a note, each of
	 * which may hold commas ("alpha 3.28 [2.90, 3.66]; beta ..."). */
	return _("; ");
}

/* "1 of 6 (17% [3%, 56%]; broken 1)": the share with its Wilson interval
 * and the reasons. */
static void
flag_text(struct buf *b, const struct flag_share *fs, double level)
{
	struct buf why = { 0 };
	double lo, hi, share;
	size_t k;

	stats_wilson(fs->flagged, fs->outputs, level, &lo, &hi);
	share = 100.0 * (double)fs->flagged / (double)fs->outputs;
	for (k = 1; k < RATING_FLAG_KINDS; k++) {
		if (fs->by[k] > 0)
			buf_printf(&why, "%s%s %zu", why.data != NULL ?
			    list_sep() : "", _(rating_flag_name(k)), fs->by[k]);
	}
	if (why.data != NULL)
		/* TRANSLATORS: flagged outputs: 1 of 6 (17%, its interval;
		 * the reasons, e.g. "broken 1, unsafe 2"). */
		buf_printf(b, _("%zu of %zu (%.0f%% [%.0f%%, %.0f%%]; %s)"),
		    fs->flagged, fs->outputs, share, 100 * lo, 100 * hi,
		    why.data);
	else
		/* TRANSLATORS: as above, with no reason given. */
		buf_printf(b, _("%zu of %zu (%.0f%% [%.0f%%, %.0f%%])"),
		    fs->flagged, fs->outputs, share, 100 * lo, 100 * hi);
	buf_free(&why);
}

/* One note per model and capability with a flagged output. */
static void
flag_notes(struct tab *t, const struct rating_set *set,
    const struct flag_share *fs, const bool *model, double level)
{
	struct buf b = { 0 };
	size_t m, c, C = set->n_capabilities;

	for (m = 0; fs != NULL && m < set->n_models; m++) {
		for (c = 0; c < C && (model == NULL || model[m]); c++) {
			if (fs[m * C + c].flagged == 0)
				continue;
			buf_printf(&b, "%s%s %s ", b.data != NULL ?
			    group_sep() : "", set->models[m],
			    set->capabilities[c]);
			flag_text(&b, &fs[m * C + c], level);
		}
	}
	if (b.data != NULL)
		/* TRANSLATORS: %s lists model, capability and share, e.g.
		 * "alpha summarization 1 of 6 (...)". */
		tab_note(t, _("Flagged outputs (their ratings count like any "
		    "other): %s."), b.data);
	buf_free(&b);
}

/* machine: begin */
static json_t *
jshare(size_t k, size_t n, double level)
{
	json_t *o = json_object();
	double lo, hi;

	stats_wilson(k, n, level, &lo, &hi);
	jv_set(o, "flagged", jv_count(k));
	jv_set(o, "share", jv_num(n > 0 ? (double)k / (double)n : NAN));
	jv_set(o, "ci_low", jv_num(lo));
	jv_set(o, "ci_high", jv_num(hi));
	return o;
}

/* {"outputs", "flagged", "share", "ci_low", "ci_high", "reasons": {...}} */
static json_t *
jflags(const struct flag_share *fs, double level)
{
	json_t *o = jshare(fs->flagged, fs->outputs, level);
	json_t *r = json_object();
	size_t k;

	jv_set(o, "outputs", jv_count(fs->outputs));
	for (k = 1; k < RATING_FLAG_KINDS; k++) {
		if (fs->by[k] > 0)
			jv_set(r, rating_flag_name(k), jshare(fs->by[k],
			    fs->outputs, level));
	}
	jv_set(o, "reasons", r);
	return o;
}
/* machine: end */

/* --- scores as a table ------------------------------------------------- */

struct score_cols {
	size_t	model, capability, axis, reviewer;
	size_t	score, ci, lo, hi, note, prompts, outputs, ratings, na, flagged;
	size_t	partial;
	enum tab_format	fmt;	/* the words in cells follow it */
};

static void
score_columns(enum scores_group g, struct cols *c, struct score_cols *k,
    const char *ci_head)
{
	k->model = k->capability = k->axis = k->reviewer = SIZE_MAX;
	k->partial = SIZE_MAX;
	if (g == SCORES_BY_REVIEWER)
		k->reviewer = col_name(c, N_("reviewer"), false);
	else
		k->model = col_name(c, N_("model"), g != SCORES_BY_MODEL);
	if (g == SCORES_BY_CAPABILITY || g == SCORES_BY_AXIS)
		k->capability = col_name(c, N_("capability"),
		    g == SCORES_BY_AXIS);
	if (g == SCORES_BY_AXIS)
		k->axis = col_name(c, N_("axis"), false);
	k->score = col_add(c, N_("score"), NULL, TAB_BOTH, true, 0);
	k->ci = col_add(c, ci_head, NULL, TAB_HUMAN, true, 1);
	/* machine: begin */
	k->lo = col_add(c, "ci_low", NULL, TAB_MACHINE, true, 0);
	k->hi = col_add(c, "ci_high", NULL, TAB_MACHINE, true, 0);
	k->note = col_add(c, "ci_note", NULL, TAB_MACHINE, false, 0);
	k->prompts = col_add(c, "prompts", NULL, TAB_MACHINE, true, 0);
	/* machine: end */
	k->outputs = col_add(c, N_("outputs"), NULL, TAB_BOTH, true, 2);
	k->ratings = col_add(c, N_("ratings"), NULL, TAB_BOTH, true, 3);
	k->na = col_add(c, N_("N/A"), "na", TAB_BOTH, true, 4);
	k->flagged = col_add(c, N_("flagged"), NULL, TAB_BOTH, true, 5);
	if (g == SCORES_BY_MODEL)
		k->partial = col_add(c, N_("capabilities"), NULL, TAB_BOTH,
		    false, 0);
	/* Already for people. */
	c->v[k->ci].head = ci_head;
}

static const struct scores_overall *
overall_of(const struct scores *sc, uint32_t m)
{
	size_t i;

	for (i = 0; i < sc->n_overall; i++) {
		if (sc->overall[i].model == m)
			return &sc->overall[i];
	}
	return NULL;
}

static void
score_row(struct tab *t, const struct scores *sc, const struct score_cols *k,
    const struct scores_row *row)
{
	const struct rating_set *set = sc->set;
	const struct score *s = &row->score;

	tab_row(t);
	if (k->model != SIZE_MAX)
		tab_cell(t, k->model, "%s",
		    name_of(set->models, set->n_models, row->model));
	if (k->capability != SIZE_MAX)
		tab_cell(t, k->capability, "%s", name_of(set->capabilities,
		    set->n_capabilities, row->capability));
	if (k->axis != SIZE_MAX)
		tab_cell(t, k->axis, "%s",
		    name_of(set->axes, set->n_axes, row->axis));
	if (k->reviewer != SIZE_MAX)
		tab_cell(t, k->reviewer, "%s", name_of(set->reviewers,
		    set->n_reviewers, row->reviewer));
	cell_score(t, k->score, s->value);
	cell_interval(t, k->ci, s->lo, s->hi, false, s->few,
	    few_code(s->few_n, s->few_reviewers));
	cell_score(t, k->lo, s->lo);
	cell_score(t, k->hi, s->hi);
	cell_few(t, k->note, s->few, few_code(s->few_n, s->few_reviewers),
	    false);
	tab_cell(t, k->prompts, "%zu", s->prompts);
	tab_cell(t, k->outputs, "%zu", s->outputs);
	tab_cell(t, k->ratings, "%zu", s->ratings);
	tab_cell(t, k->na, "%zu", s->na);
	tab_cell(t, k->flagged, "%zu", s->flagged);
	if (k->partial != SIZE_MAX) {
		const struct scores_overall *o = overall_of(sc, row->model);

		if (o != NULL && o->partial)
			/* TRANSLATORS: a cell: rated on 1 of the 2
			 * capabilities that count. */
			tab_cell(t, k->partial, tab_word(k->fmt,
			    N_("partial: %zu of %zu")), o->n_rated,
			    o->n_counted);
		else if (o != NULL)
			/* TRANSLATORS: a cell: rated on all the 2
			 * capabilities that count. */
			tab_cell(t, k->partial, tab_word(k->fmt, N_("all %zu")),
			    o->n_counted);
	}
	tab_row_bar(t, s->value, s->lo, s->hi);
}

static void
scale_bar(struct tab *t, const struct rating_set *set, size_t after)
{
	struct tab_bar_spec b;
	double span = set->scale_max - set->scale_min;

	memset(&b, 0, sizeof b);
	b.after = after;
	b.min = set->scale_min;
	b.max = set->scale_max;
	b.origin = set->scale_min;
	b.step = span <= 10 && span == floor(span) ? 1 : 0;
	tab_set_bar(t, &b);
}

static void
weights_note(struct tab *t, const struct scores *sc)
{
	const struct rating_set *set = sc->set;
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < set->n_capabilities; i++)
		buf_printf(&b, "%s%s %.2f", i > 0 ? list_sep() : "",
		    set->capabilities[i],
		    set->weights != NULL ? set->weights[i] : 1.0);
	/* TRANSLATORS: %s lists capability and weight, e.g.
	 * "generation 3.00, summarization 1.00", or says "none". */
	tab_note(t, _("Overall: capability scores weighted by the study "
	    "weights (%s), renormalised over the capabilities each model was "
	    "rated on; a model not rated on every capability that counts is "
	    "partial and shown apart."), b.data != NULL ? b.data : _("none"));
	buf_free(&b);
}

static void
missing_notes(struct tab *t, const struct scores *sc)
{
	const struct rating_set *set = sc->set;
	const struct scores_overall *o;
	struct buf b = { 0 };
	size_t i, c;

	for (i = 0; i < sc->n_overall; i++) {
		o = &sc->overall[i];
		if (o->n_missing == 0)
			continue;
		for (c = 0; c < set->n_capabilities; c++) {
			if (o->missing[c])
				buf_printf(&b, "%s%s", b.len > 0 ? list_sep() :
				    "", set->capabilities[c]);
		}
		/* TRANSLATORS: a model, then the capabilities it was not
		 * rated on. */
		tab_note(t, _("%s: not rated on %s."), name_of(set->models,
		    set->n_models, o->model), b.data != NULL ? b.data : "");
		buf_free(&b);
	}
}

/* "alpha 3.28 [2.90, 3.66]", or why there is no number. */
static void
overall_text(struct buf *b, const struct rating_set *set,
    const struct scores_overall *o)
{
	const struct score *s = &o->score;
	const char *name = name_of(set->models, set->n_models, o->model);
	struct buf v = { 0 };

	if (isnan(s->value))
		buf_printf(&v, "%s", _("none (no capability with a weight "
		    "above 0)"));
	else
		buf_printf(&v, "%.2f", s->value);
	if (!isnan(s->lo))
		buf_printf(&v, " [%.2f, %.2f]", s->lo, s->hi);
	/* TRANSLATORS: in the following, the first %s is a model, the
	 * second its score with its interval ("3.28 [2.90, 3.66]"). */
	if (o->partial && s->few)
		buf_printf(b, _("%s %s (partial: %zu of %zu capabilities; too "
		    "few prompts)"), name, v.data, o->n_rated, o->n_counted);
	else if (o->partial)
		buf_printf(b, _("%s %s (partial: %zu of %zu capabilities)"),
		    name, v.data, o->n_rated, o->n_counted);
	else if (s->few && s->few_reviewers)
		buf_printf(b, _("%s %s (too few reviewers (%zu))"), name,
		    v.data, s->few_n);
	else if (s->few)
		buf_printf(b, _("%s %s (too few prompts (%zu))"), name, v.data,
		    s->few_n);
	else
		buf_printf(b, "%s %s", name, v.data);
	buf_free(&v);
}

/* The overall scores in one line, the partial ones apart: a model not
 * rated on every capability that counts is not comparable. */
static void
overall_note(struct tab *t, const struct scores *sc)
{
	struct buf b = { 0 }, p = { 0 };
	size_t i;

	for (i = 0; i < sc->n_overall; i++) {
		struct buf *x = sc->overall[i].partial ? &p : &b;

		if (x->data != NULL)
			buf_printf(x, "%s", group_sep());
		overall_text(x, sc->set, &sc->overall[i]);
	}
	/* TRANSLATORS: %s lists models and their scores. */
	if (b.data != NULL)
		tab_note(t, _("Overall workplace score: %s."), b.data);
	/* TRANSLATORS: %s lists the partial models and their scores. */
	if (p.data != NULL)
		tab_note(t, _("Apart, not comparable with the above: %s."),
		    p.data);
	buf_free(&b);
	buf_free(&p);
}

/* Which population an interval is about. */
static void
reviewers_note(struct tab *t, bool random, size_t n)
{
	if (random)
		/* TRANSLATORS: %zu is the panel's size, %d the fewest
		 * reviewers an interval needs. */
		tab_note(t, _("Reviewers: random, a sample of the people who "
		    "could have rated; the intervals also leave out one of the "
		    "%zu reviewers at a time (none below %d)."), n,
		    SCORES_MIN_REVIEWERS);
	else
		tab_note(t, _("Reviewers: fixed; the intervals are about these "
		    "reviewers (--reviewers random: about the people they are "
		    "a sample of)."));
}

static void
score_notes(struct tab *t, const struct scores *sc)
{
	if (sc->group == SCORES_BY_REVIEWER)
		tab_note(t, _("Score: the mean of the ratings each reviewer "
		    "gave, on the scale %g to %g."), sc->set->scale_min,
		    sc->set->scale_max);
	else
		tab_note(t, _("Score: the mean of item means (each output's "
		    "ratings averaged over its reviewers first), on the scale "
		    "%g to %g."), sc->set->scale_min, sc->set->scale_max);
	if (sc->n_boot > 0) {
		/* TRANSLATORS: %g%% is the level (95%), %zu the prompts, %d
		 * the fewest prompts an interval needs. */
		tab_note(t, _("Intervals: %g%% Student t over the %zu "
		    "prompts (standard error by leaving out one prompt at a "
		    "time); none below %d prompts."), sc->level * 100,
		    sc->n_pool, SCORES_MIN_PROMPTS);
		reviewers_note(t, sc->reviewers_random, sc->n_reviewers);
	}
	else
		tab_note(t, "%s", _("No intervals: --resamples 0."));
	if (sc->total.na > 0)
		tab_note(t, _("Left out: %zu N/A ratings."), sc->total.na);
	flag_notes(t, sc->set, sc->flags, NULL, sc->level);
	if (sc->set->n_earlier > 0)
		tab_note(t, _("Not counted: %zu ratings on an earlier version "
		    "of their prompt or rubric (see 'panelist status')."),
		    sc->set->n_earlier);
	/* Every grouping but the reviewers' says how the overall score came
	 * about, so that the table read alone cannot mislead. */
	if (sc->group != SCORES_BY_REVIEWER) {
		if (sc->group != SCORES_BY_MODEL)
			overall_note(t, sc);
		weights_note(t, sc);
		missing_notes(t, sc);
	}
}

static int
scores_tab(const struct scores *sc, enum tab_format fmt, int width, FILE *f)
{
	struct cols c = { .n = 0 };
	struct score_cols k;
	struct tab t;
	char ci_head[64];
	size_t i;
	int rc;

	/* TRANSLATORS: the heading of the interval column: "95% CI". */
	snprintf(ci_head, sizeof ci_head, _("%g%% CI"), sc->level * 100);
	score_columns(sc->group, &c, &k, ci_head);
	k.fmt = fmt;
	tab_init(&t, c.v, c.n);
	scale_bar(&t, sc->set, k.ci);
	for (i = 0; i < sc->n_rows; i++)
		score_row(&t, sc, &k, &sc->rows[i]);
	score_notes(&t, sc);
	rc = tab_print(&t, fmt, width, f);
	tab_free(&t);
	return rc;
}

/* --- scores as JSON ---------------------------------------------------- */

/* machine: begin */

static json_t *
jname(char *const *names, size_t n, uint32_t i)
{
	return jv_str(name_of(names, n, i));
}

/* Why an interval is null: a reason, or null when there is one. */
static void
jnote(json_t *o, bool few, size_t few_n)
{
	char buf[128];

	few_text(buf, sizeof buf, few_n, false);
	jv_set(o, "ci_note", few ? jv_str(buf) : json_null());
}

static void
jscore(json_t *o, const struct score *s)
{
	jv_set(o, "score", jv_num(s->value));
	jv_set(o, "ci_low", jv_num(s->lo));
	jv_set(o, "ci_high", jv_num(s->hi));
	jnote(o, s->few, few_code(s->few_n, s->few_reviewers));
	jv_set(o, "se", jv_num(s->se));
	jv_set(o, "df", jv_num(s->df));
	jv_set(o, "prompts", jv_count(s->prompts));
	jv_set(o, "outputs", jv_count(s->outputs));
	jv_set(o, "ratings", jv_count(s->ratings));
	jv_set(o, "na", jv_count(s->na));
	jv_set(o, "flagged", jv_count(s->flagged));
}

static json_t *
jinterval(double level, size_t n_boot, size_t n_pool, bool random,
    size_t n_reviewers)
{
	json_t *o = json_object();

	jv_set(o, "level", json_real(level));
	jv_set(o, "method", n_boot > 0 ? jv_str("jackknife-t") :
	    json_null());
	jv_set(o, "unit", jv_str("prompt"));
	jv_set(o, "reviewers", jv_str(random ? "random" : "fixed"));
	if (random) {
		jv_set(o, "panel", jv_count(n_reviewers));
		jv_set(o, "min_reviewers", jv_count(SCORES_MIN_REVIEWERS));
	}
	jv_set(o, "min_prompts", jv_count(SCORES_MIN_PROMPTS));
	jv_set(o, "prompts", jv_count(n_pool));
	return o;
}

static json_t *
jrow(const struct scores *sc, const struct scores_row *r)
{
	const struct rating_set *set = sc->set;
	json_t *o = json_object();

	if (r->model != SCORES_NONE)
		jv_set(o, "model", jname(set->models, set->n_models, r->model));
	if (r->capability != SCORES_NONE)
		jv_set(o, "capability", jname(set->capabilities,
		    set->n_capabilities, r->capability));
	if (r->axis != SCORES_NONE)
		jv_set(o, "axis", jname(set->axes, set->n_axes, r->axis));
	if (r->reviewer != SCORES_NONE)
		jv_set(o, "reviewer", jname(set->reviewers, set->n_reviewers,
		    r->reviewer));
	jscore(o, &r->score);
	if (r->model != SCORES_NONE && r->capability != SCORES_NONE &&
	    sc->flags != NULL)
		jv_set(o, "flags", jflags(&sc->flags[r->model *
		    set->n_capabilities + r->capability], sc->level));
	return o;
}

static json_t *
joverall(const struct scores *sc, const struct scores_overall *ov)
{
	const struct rating_set *set = sc->set;
	json_t *o = json_object(), *w = json_object(), *m = json_array();
	size_t c;

	jv_set(o, "model", jname(set->models, set->n_models, ov->model));
	jscore(o, &ov->score);
	for (c = 0; c < set->n_capabilities; c++) {
		if (ov->weights[c] > 0)
			jv_set(w, set->capabilities[c], json_real(ov->weights[c]));
		if (ov->missing[c])
			jv_append(m, jv_str(set->capabilities[c]));
	}
	jv_set(o, "weights", w);
	jv_set(o, "missing", m);
	jv_set(o, "partial", json_boolean(ov->partial));
	jv_set(o, "capabilities_rated", jv_count(ov->n_rated));
	jv_set(o, "capabilities_counted", jv_count(ov->n_counted));
	return o;
}

static int
scores_json(const struct scores *sc, FILE *f)
{
	json_t *root = json_object(), *rows = json_array();
	json_t *models = json_array(), *scale = json_object();
	json_t *left = json_object();
	size_t i;

	jv_set(root, "grouping", jv_str(scores_group_name(sc->group)));
	jv_set(scale, "min", json_real(sc->set->scale_min));
	jv_set(scale, "max", json_real(sc->set->scale_max));
	jv_set(root, "scale", scale);
	jv_set(root, "interval", jinterval(sc->level, sc->n_boot, sc->n_pool,
	    sc->reviewers_random, sc->n_reviewers));
	jv_set(left, "na", jv_count(sc->total.na));
	jv_set(left, "earlier_versions", jv_count(sc->set->n_earlier));
	jv_set(root, "left_out", left);
	jv_set(root, "flag_rule", jv_str("counted"));
	jv_set(root, "flagged_ratings", jv_count(sc->total.flagged));
	for (i = 0; i < sc->n_rows; i++)
		jv_append(rows, jrow(sc, &sc->rows[i]));
	jv_set(root, "rows", rows);
	for (i = 0; i < sc->n_overall; i++)
		jv_append(models, joverall(sc, &sc->overall[i]));
	jv_set(root, "models", models);
	return jv_dump(root, f);
}

/* JSON lines: a "score" line per row of the table, then an "overall" line
 * per model, each whole in itself (its grouping named), for tools that
 * read a line at a time. */
static int
scores_jsonl(const struct scores *sc, FILE *f)
{
	json_t *o, *row;
	char *line;
	size_t i;

	for (i = 0; i < sc->n_rows + sc->n_overall; i++) {
		o = json_object();
		jv_set(o, "kind", jv_str(i < sc->n_rows ? "score" : "overall"));
		jv_set(o, "grouping", jv_str(scores_group_name(sc->group)));
		row = i < sc->n_rows ? jrow(sc, &sc->rows[i]) :
		    joverall(sc, &sc->overall[i - sc->n_rows]);
		if (json_object_update(o, row) != 0)
			out_of_memory();
		json_decref(row);
		line = jv_line(o);
		fputs(line, f);
		fputc('\n', f);
		free(line);
	}
	return ferror(f) ? -1 : 0;
}
/* machine: end */

int
scores_format(const struct scores *sc, enum tab_format fmt, int width,
    FILE *f)
{
	if (fmt == TAB_JSON)
		return scores_json(sc, f);
	if (fmt == TAB_JSONL)
		return scores_jsonl(sc, f);
	return scores_tab(sc, fmt, width, f);
}

/* --- comparisons ------------------------------------------------------- */

struct cmp_cols {
	size_t	ma, mb, capability, prompts, weight, a, b, diff, ci, lo, hi;
	size_t	differs;
	enum tab_format	fmt;	/* the words in cells follow it */
};

static void
cmp_columns(struct cols *c, struct cmp_cols *k, const char *ci_head)
{
	/* machine: begin */
	k->ma = col_add(c, "model_a", NULL, TAB_MACHINE, false, 0);
	k->mb = col_add(c, "model_b", NULL, TAB_MACHINE, false, 0);
	/* machine: end */
	k->capability = col_name(c, N_("capability"), false);
	k->prompts = col_add(c, N_("prompts"), NULL, TAB_BOTH, true, 3);
	k->weight = col_add(c, N_("weight"), NULL, TAB_BOTH, true, 4);
	k->a = col_add(c, "A", "a", TAB_BOTH, true, 2);
	k->b = col_add(c, "B", "b", TAB_BOTH, true, 2);
	k->diff = col_add(c, "A − B", "diff", TAB_BOTH, true, 0);
	k->ci = col_add(c, ci_head, NULL, TAB_HUMAN, true, 1);
	/* machine: begin */
	k->lo = col_add(c, "ci_low", NULL, TAB_MACHINE, true, 0);
	k->hi = col_add(c, "ci_high", NULL, TAB_MACHINE, true, 0);
	/* machine: end */
	/* TRANSLATORS: heading of the column that says yes when the two
	 * models differ (after the Holm adjustment). */
	k->differs = col_add(c, N_("differs"), NULL, TAB_BOTH, false, 0);
	/* Already for people. */
	c->v[k->ci].head = ci_head;
}

static void
cell_diff(struct tab *t, size_t col, double v)
{
	if (isnan(v))
		tab_undef(t, col);
	else
		tab_cell(t, col, "%+.2f", v);
}

static void
cmp_row(struct tab *t, const struct compare *cm, const struct cmp_cols *k,
    const struct compare_row *r)
{
	const struct rating_set *set = cm->set;

	tab_row(t);
	tab_cell(t, k->ma, "%s", name_of(set->models, set->n_models,
	    cm->model_a));
	tab_cell(t, k->mb, "%s", name_of(set->models, set->n_models,
	    cm->model_b));
	/* TRANSLATORS: the row of the overall score, in the capability
	 * column. */
	tab_cell(t, k->capability, "%s", r->capability == SCORES_NONE ?
	    tab_word(k->fmt, N_("overall")) : name_of(set->capabilities,
	    set->n_capabilities, r->capability));
	tab_cell(t, k->prompts, "%zu", r->prompts);
	tab_cell(t, k->weight, "%.2f", r->weight);
	cell_score(t, k->a, r->a);
	cell_score(t, k->b, r->b);
	cell_diff(t, k->diff, r->diff);
	cell_interval(t, k->ci, r->lo, r->hi, true, r->few,
	    few_code(r->few_n, r->few_reviewers));
	cell_diff(t, k->lo, r->lo);
	cell_diff(t, k->hi, r->hi);
	tab_cell(t, k->differs, "%s", r->differs ?
	    tab_word(k->fmt, N_("yes")) : isnan(r->p) ?
	    tab_word(k->fmt, N_("untested")) : tab_word(k->fmt, N_("no")));
	tab_row_bar(t, r->diff, r->lo, r->hi);
}

/* The difference bar is symmetric around 0, wide enough for every
 * interval, in steps of 0.5. */
static void
diff_bar(struct tab *t, const struct compare *cm, size_t after)
{
	struct tab_bar_spec b;
	double r = 0.5, x;
	size_t i;

	for (i = 0; i < cm->n_rows; i++) {
		x = fmax(fabs(cm->rows[i].lo), fabs(cm->rows[i].hi));
		x = fmax(x, fabs(cm->rows[i].diff));
		if (!isnan(x) && x > r)
			r = ceil(x * 2) / 2;
	}
	memset(&b, 0, sizeof b);
	b.after = after;
	b.min = -r;
	b.max = r;
	b.origin = 0;
	b.step = r;
	b.mark_origin = true;
	tab_set_bar(t, &b);
}

/* The flag notes of the two models alone. */
static void
cmp_flag_notes(struct tab *t, const struct compare *cm)
{
	bool *mk;

	mk = xcalloc(cm->set->n_models + 1, sizeof *mk);
	mk[cm->model_a] = mk[cm->model_b] = true;
	flag_notes(t, cm->set, cm->flags, mk, cm->level);
	free(mk);
}

static int
compare_tab(const struct compare *cm, enum tab_format fmt, int width,
    FILE *f)
{
	const struct rating_set *set = cm->set;
	struct cols c = { .n = 0 };
	struct cmp_cols k;
	struct tab t;
	char ci_head[64];
	size_t i;
	int rc;

	snprintf(ci_head, sizeof ci_head, _("%g%% CI"), cm->level * 100);
	cmp_columns(&c, &k, ci_head);
	k.fmt = fmt;
	tab_init(&t, c.v, c.n);
	diff_bar(&t, cm, k.ci);
	/* TRANSLATORS: the two models compared, as the columns A and B. */
	tab_title(&t, _("A is %s, B is %s."), name_of(set->models,
	    set->n_models, cm->model_a), name_of(set->models, set->n_models,
	    cm->model_b));
	for (i = 0; i < cm->n_rows; i++)
		cmp_row(&t, cm, &k, &cm->rows[i]);
	tab_note(&t, "%s", _("A − B: per prompt rated for both, each model's "
	    "mean over the axes rated for both; then the mean over those "
	    "prompts."));
	cmp_flag_notes(&t, cm);
	if (cm->n_boot > 0)
		/* TRANSLATORS: %g%% the level (95%), %zu the shared prompts,
		 * %d the fewest prompts an interval needs, %zu the rows
		 * tested, the last %g%% the error rate (5%); "differs" and
		 * "yes" as in the table. */
		tab_note(&t, _("Intervals: %g%% Student t over the %zu shared "
		    "prompts (standard error by leaving out one prompt at a "
		    "time); none below %d prompts.  \"differs\": Holm-adjusted "
		    "over the %zu rows tested, so that all of them together "
		    "say \"yes\" wrongly at most %g%% of the time."),
		    cm->level * 100, cm->n_pool, SCORES_MIN_PROMPTS,
		    cm->n_tested, (1 - cm->level) * 100);
	if (cm->n_boot > 0)
		reviewers_note(&t, cm->reviewers_random, cm->n_reviewers);
	rc = tab_print(&t, fmt, width, f);
	tab_free(&t);
	return rc;
}

/* machine: begin */
static json_t *
jcmp_row(const struct compare *cm, const struct compare_row *r)
{
	const struct rating_set *set = cm->set;
	json_t *o = json_object();

	if (r->capability != SCORES_NONE)
		jv_set(o, "capability", jname(set->capabilities,
		    set->n_capabilities, r->capability));
	jv_set(o, "prompts", jv_count(r->prompts));
	jv_set(o, "weight", json_real(r->weight));
	jv_set(o, "a", jv_num(r->a));
	jv_set(o, "b", jv_num(r->b));
	jv_set(o, "diff", jv_num(r->diff));
	jv_set(o, "ci_low", jv_num(r->lo));
	jv_set(o, "ci_high", jv_num(r->hi));
	jnote(o, r->few, few_code(r->few_n, r->few_reviewers));
	jv_set(o, "se", jv_num(r->se));
	jv_set(o, "df", jv_num(r->df));
	jv_set(o, "p", jv_num(r->p));
	jv_set(o, "p_holm", jv_num(r->p_holm));
	jv_set(o, "differs_raw", json_boolean(r->differs_raw));
	jv_set(o, "differs", json_boolean(r->differs));
	if (r->capability != SCORES_NONE && cm->flags != NULL) {
		json_t *fl = json_object();
		size_t C = set->n_capabilities;

		jv_set(fl, "a", jflags(&cm->flags[cm->model_a * C +
		    r->capability], cm->level));
		jv_set(fl, "b", jflags(&cm->flags[cm->model_b * C +
		    r->capability], cm->level));
		jv_set(o, "flags", fl);
	}
	return o;
}

static int
compare_json(const struct compare *cm, FILE *f)
{
	const struct rating_set *set = cm->set;
	json_t *root = json_object(), *caps = json_array();
	size_t i;

	jv_set(root, "model_a", jname(set->models, set->n_models, cm->model_a));
	jv_set(root, "model_b", jname(set->models, set->n_models, cm->model_b));
	jv_set(root, "interval", jinterval(cm->level, cm->n_boot, cm->n_pool,
	    cm->reviewers_random, cm->n_reviewers));
	jv_set(root, "correction", jv_str("holm"));
	jv_set(root, "tested", jv_count(cm->n_tested));
	for (i = 0; i < cm->n_rows; i++) {
		if (cm->rows[i].capability == SCORES_NONE)
			jv_set(root, "overall", jcmp_row(cm, &cm->rows[i]));
		else
			jv_append(caps, jcmp_row(cm, &cm->rows[i]));
	}
	jv_set(root, "capabilities", caps);
	return jv_dump(root, f);
}
/* machine: end */

int
compare_format(const struct compare *cm, enum tab_format fmt, int width,
    FILE *f)
{
	if (fmt == TAB_JSON)
		return compare_json(cm, f);
	return compare_tab(cm, fmt, width, f);
}
