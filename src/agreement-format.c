/* agreement-format.c: alpha and reviewer tables as tables, CSV, TSV, JSON
 * and Markdown. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "agreement-format.h"
#include "i18n.h"
#include "json.h"
#include "util.h"

/* The words are the JSON's and CSV's; the table shows them translated. */
static const struct {
	unsigned	 flag;
	const char	*word;
} flag_words[] = {
	/* TRANSLATORS: the reviewer flags of `panelist agreement`, in the
	 * flags column: rates higher than the others, lower, gives one
	 * score on every axis of an item, halo effect, the panel's alpha
	 * rises without them. */
	{ AGREEMENT_LENIENT, N_("lenient") },
	{ AGREEMENT_HARSH, N_("harsh") },
	{ AGREEMENT_STRAIGHT_LINES, N_("straight-lines") },
	{ AGREEMENT_HALO_FLAG, N_("halo") },
	{ AGREEMENT_LOWERS_ALPHA, N_("lowers-alpha") },
};

static void
flag_words_in(unsigned flags, enum tab_format fmt, char *buf, size_t size)
{
	size_t i, len = 0;
	int n;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < sizeof flag_words / sizeof flag_words[0]; i++) {
		if (!(flags & flag_words[i].flag))
			continue;
		n = snprintf(buf + len, size - len, "%s%s", len > 0 ? " " : "",
		    tab_word(fmt, flag_words[i].word));
		if (n < 0 || (size_t)n >= size - len)
			return;
		len += (size_t)n;
	}
}

void
agreement_flag_words(unsigned flags, char *buf, size_t size)
{
	flag_words_in(flags, TAB_CSV, buf, size);
}

static const char *
name_of(char *const *names, size_t n, uint32_t i)
{
	return i < n ? names[i] : "?";
}

static const char *
all_word(enum tab_format fmt)
{
	/* TRANSLATORS: every capability or every axis, in the capability
	 * and axis columns of `panelist agreement`. */
	return tab_word(fmt, N_("all"));
}

static const char *
cap_name(const struct agreement *ag, uint32_t c, enum tab_format fmt)
{
	if (c == AGREEMENT_ALL)
		return all_word(fmt);
	return name_of(ag->set->capabilities, ag->set->n_capabilities, c);
}

static const char *
axis_name(const struct agreement *ag, uint32_t a, enum tab_format fmt)
{
	if (a == AGREEMENT_ALL)
		return all_word(fmt);
	return name_of(ag->set->axes, ag->set->n_axes, a);
}

static void
cell_num(struct tab *t, size_t col, bool sign, double v)
{
	if (isnan(v))
		tab_undef(t, col);
	else if (sign)
		tab_cell(t, col, "%+.3f", v);
	else
		tab_cell(t, col, "%.3f", v);
}

/* --- alpha ------------------------------------------------------------- */

enum {
	A_CAP, A_AXIS, A_ALPHA, A_CI, A_LO, A_HI, A_UNITS, A_VALUES, A_NOTE,
	A_NCOLS
};

/* The reason an alpha is undefined, for the note column. */
static const char *
why_short(const struct ka_result *r, enum tab_format fmt)
{
	if (r->why == ka_why_no_pairs)
		return tab_word(fmt,
		    N_("undefined: no output has two ratings"));
	if (r->why == ka_why_no_variation)
		return tab_word(fmt,
		    N_("undefined: every rating is the same"));
	return "";
}

static void
alpha_row(struct tab *t, const struct agreement *ag,
    const struct agreement_cell *c, enum tab_format fmt)
{
	const struct ka_result *r = &c->alpha;

	tab_row(t);
	tab_cell(t, A_CAP, "%s", cap_name(ag, c->capability, fmt));
	tab_cell(t, A_AXIS, "%s", axis_name(ag, c->axis, fmt));
	cell_num(t, A_ALPHA, false, r->alpha);
	if (isnan(r->lo) || isnan(r->hi))
		tab_undef(t, A_CI);
	else
		tab_cell(t, A_CI, "[%.3f, %.3f]", r->lo, r->hi);
	cell_num(t, A_LO, false, r->lo);
	cell_num(t, A_HI, false, r->hi);
	tab_cell(t, A_UNITS, "%zu", r->units);
	tab_cell(t, A_VALUES, "%zu", r->values);
	tab_cell(t, A_NOTE, "%s", r->defined ? "" : why_short(r, fmt));
}

/* How many resamples had no alpha, where any did: they are left out of
 * the interval, which is not given when they are more than half. */
static void
undefined_note(struct tab *t, const struct agreement *ag)
{
	struct buf b = { 0 };
	size_t i, k;

	for (i = 0; ag->n_boot > 0 && i < ag->n_cells; i++) {
		const struct agreement_cell *c = &ag->cells[i];

		if (!c->alpha.defined || c->alpha.boot_defined == ag->n_boot)
			continue;
		k = ag->n_boot - c->alpha.boot_defined;
		/* TRANSLATORS: between the items of a list inside a note,
		 * each of which may hold commas. */
		buf_printf(&b, "%s%s %s %zu", b.data != NULL ? _("; ") : "",
		    cap_name(ag, c->capability, TAB_TABLE),
		    axis_name(ag, c->axis, TAB_TABLE), k);
	}
	if (b.data != NULL)
		/* TRANSLATORS: %zu is the resamples in all; %s lists
		 * capability, axis and how many resamples had no alpha. */
		tab_note(t, _("Resamples without an alpha, left out of the "
		    "interval (of %zu): %s."), ag->n_boot, b.data);
	buf_free(&b);
}

/* With rubrics of more than one scale, the alpha of each. */
static void
scales_note(struct tab *t, const struct agreement *ag)
{
	struct buf b = { 0 };
	size_t g;

	if (ag->n_scales < 2)
		return;
	for (g = 0; g < ag->n_scales; g++) {
		const struct agreement_scale *sc = &ag->scales[g];
		struct buf a = { 0 };

		if (sc->alpha.defined)
			buf_printf(&a, "%.3f", sc->alpha.alpha);
		else
			buf_printf(&a, "%s", _("undefined"));
		if (!isnan(sc->alpha.lo))
			buf_printf(&a, " [%.3f, %.3f]", sc->alpha.lo,
			    sc->alpha.hi);
		buf_printf(&b, "%s", g > 0 ? _("; ") : "");
		/* TRANSLATORS: a rating scale (1-5), how many capabilities
		 * use it, and its alpha ("0.812 [0.700, 0.900]"). */
		buf_printf(&b, _("%g-%g (%zu capabilities) %s"), sc->min,
		    sc->max, sc->capabilities, a.data);
		buf_free(&a);
	}
	/* TRANSLATORS: %s lists the scales and their alphas. */
	tab_note(t, _("Alpha per rating scale (the panel's is not pooled "
	    "across scales): %s."), b.data != NULL ? b.data : "");
	buf_free(&b);
}

static int
alpha_tab(const struct agreement *ag, enum tab_format fmt, int width,
    FILE *f)
{
	struct tab_col cols[A_NCOLS] = {
		[A_CAP] = { N_("capability"), NULL, TAB_BOTH, false, 0, true,
		    true },
		[A_AXIS] = { N_("axis"), NULL, TAB_BOTH, false, 0, true,
		    false },
		[A_ALPHA] = { N_("alpha"), NULL, TAB_BOTH, true, 0, false,
		    false },
		[A_CI] = { NULL, NULL, TAB_HUMAN, true, 1, false, false },
		/* machine: begin */
		[A_LO] = { "ci_low", NULL, TAB_MACHINE, true, 0, false,
		    false },
		[A_HI] = { "ci_high", NULL, TAB_MACHINE, true, 0, false,
		    false },
		/* machine: end */
		/* TRANSLATORS: headings: how many units (outputs) and values
		 * (ratings) could be paired. */
		[A_UNITS] = { N_("units"), NULL, TAB_BOTH, true, 3, false,
		    false },
		[A_VALUES] = { N_("values"), NULL, TAB_BOTH, true, 4, false,
		    false },
		/* TRANSLATORS: heading of the column that says why an alpha
		 * is undefined. */
		[A_NOTE] = { N_("note"), NULL, TAB_BOTH, false, 2, true,
		    false },
	};
	char ci_head[64], seed[32];
	struct tab t;
	size_t i;
	int rc;

	/* TRANSLATORS: the heading of the interval column: "95% CI". */
	snprintf(ci_head, sizeof ci_head, _("%g%% CI"), ag->level * 100);
	cols[A_CI].head = ci_head;
	snprintf(seed, sizeof seed, "%" PRIu64, ag->seed);
	tab_init(&t, cols, A_NCOLS);
	for (i = 0; i < ag->n_cells; i++)
		alpha_row(&t, ag, &ag->cells[i], fmt);
	/* TRANSLATORS: %s is the metric as --metric names it (ordinal);
	 * "all" as in the table. */
	tab_note(&t, _("Alpha: Krippendorff's alpha (%s) between reviewers "
	    "rating the same output; units are outputs, (output, axis) "
	    "pairs for \"all\" axes."), ka_metric_name(ag->metric));
	if (ag->n_boot > 0)
		/* TRANSLATORS: %g%% is the level (95%), then the resamples,
		 * the prompts and the seed. */
		tab_note(&t, _("Intervals: %g%% percentile bootstrap, %zu "
		    "resamples of %zu prompts (the outputs of a prompt move "
		    "together), seed %s."), ag->level * 100, ag->n_boot,
		    ag->n_pool, seed);
	undefined_note(&t, ag);
	scales_note(&t, ag);
	rc = tab_print(&t, fmt, width, f);
	tab_free(&t);
	return rc;
}

/* --- reviewers --------------------------------------------------------- */

enum {
	R_NAME, R_RATINGS, R_MEAN, R_LENIENCY, R_COMPARED, R_WITHOUT,
	R_GAIN, R_STRAIGHT, R_STRAIGHT_N, R_HALO, R_HALO_PAIRS, R_FLAGS,
	R_NCOLS
};

/* Headings as N_() msgids: reviewer_tab() translates a copy. */
static const struct tab_col reviewer_cols[R_NCOLS] = {
	[R_NAME] = { N_("reviewer"), NULL, TAB_BOTH, false, 0, true, false },
	[R_RATINGS] = { N_("ratings"), NULL, TAB_BOTH, true, 4, false,
	    false },
	[R_MEAN] = { N_("mean"), NULL, TAB_BOTH, true, 3, false, false },
	[R_LENIENCY] = { N_("leniency"), NULL, TAB_BOTH, true, 0, false,
	    false },
	/* machine: begin */
	[R_COMPARED] = { "compared", NULL, TAB_MACHINE, true, 0, false,
	    false },
	/* machine: end */
	/* TRANSLATORS: heading: the panel's alpha without this reviewer. */
	[R_WITHOUT] = { N_("α without"), "alpha_without", TAB_BOTH, true, 2,
	    false, false },
	[R_GAIN] = { "Δα", "alpha_gain", TAB_BOTH, true, 1, false, false },
	/* TRANSLATORS: heading: the share of items straight-lined (one
	 * score on every axis). */
	[R_STRAIGHT] = { N_("straight"), NULL, TAB_BOTH, true, 0, false,
	    false },
	/* machine: begin */
	[R_STRAIGHT_N] = { "straight_items", NULL, TAB_MACHINE, true, 0,
	    false, false },
	/* machine: end */
	/* TRANSLATORS: heading: the halo effect (correlation between the
	 * axes a reviewer rated). */
	[R_HALO] = { N_("halo"), NULL, TAB_BOTH, true, 0, false, false },
	/* machine: begin */
	[R_HALO_PAIRS] = { "halo_pairs", NULL, TAB_MACHINE, true, 0, false,
	    false },
	/* machine: end */
	[R_FLAGS] = { N_("flags"), NULL, TAB_BOTH, false, 0, false, false },
};

static void
reviewer_row(struct tab *t, const struct agreement *ag,
    const struct agreement_reviewer *r, enum tab_format fmt)
{
	char words[128];

	tab_row(t);
	tab_cell(t, R_NAME, "%s", name_of(ag->set->reviewers,
	    ag->set->n_reviewers, r->reviewer));
	tab_cell(t, R_RATINGS, "%zu", r->ratings);
	tab_cell(t, R_MEAN, "%.2f", r->mean);
	if (isnan(r->leniency))
		tab_undef(t, R_LENIENCY);
	else
		tab_cell(t, R_LENIENCY, "%+.2f", r->leniency);
	tab_cell(t, R_COMPARED, "%zu", r->compared);
	cell_num(t, R_WITHOUT, false, r->without.alpha);
	cell_num(t, R_GAIN, true, r->alpha_gain);
	if (isnan(r->straight))
		tab_undef(t, R_STRAIGHT);
	else
		tab_cell(t, R_STRAIGHT, "%.0f%%", r->straight * 100);
	tab_cell(t, R_STRAIGHT_N, "%zu", r->straight_items);
	if (isnan(r->halo))
		tab_undef(t, R_HALO);
	else
		tab_cell(t, R_HALO, "%.2f", r->halo);
	tab_cell(t, R_HALO_PAIRS, "%zu", r->halo_pairs);
	flag_words_in(r->flags, fmt, words, sizeof words);
	tab_cell(t, R_FLAGS, "%s", words);
}

static int
reviewer_tab(const struct agreement *ag, enum tab_format fmt, int width,
    FILE *f)
{
	struct tab_col cols[R_NCOLS];
	struct tab t;
	size_t i;
	int rc;

	memcpy(cols, reviewer_cols, sizeof cols);
	tab_init(&t, cols, R_NCOLS);
	for (i = 0; i < ag->n_reviewers; i++)
		reviewer_row(&t, ag, &ag->reviewers[i], fmt);
	if (ag->panel.defined)
		/* TRANSLATORS: %s is the metric (ordinal), %.3f the alpha;
		 * "α without" and Δα are the table's headings. */
		tab_note(&t, _("Panel alpha (%s, everything pooled): %.3f; "
		    "\"α without\" leaves the reviewer out, Δα is the change."),
		    ka_metric_name(ag->metric), ag->panel.alpha);
	else
		/* TRANSLATORS: %s says why (a sentence). */
		tab_note(&t, _("Panel alpha is undefined: %s."),
		    _(ag->panel.why));
	tab_note(&t, "%s", _("Leniency: mean of (their score - the other "
	    "reviewers' mean) on the same output, capability and axis.  "
	    "Straight: share of their output x capability items with one "
	    "score on every rated axis.  Halo: mean correlation between "
	    "their axes."));
	/* TRANSLATORS: the flags' names as in the flags column; then the
	 * thresholds, and the fewest items a flag needs. */
	tab_note(&t, _("Flags: lenient or harsh beyond ±%.2f; straight-lines "
	    "above %.0f%%; halo above %.2f; lowers-alpha when alpha rises by "
	    "more than %.2f without them; each on at least %d items."),
	    AGREEMENT_LENIENCY, AGREEMENT_STRAIGHT * 100, AGREEMENT_HALO,
	    AGREEMENT_ALPHA_GAIN, AGREEMENT_MIN_ITEMS);
	rc = tab_print(&t, fmt, width, f);
	tab_free(&t);
	return rc;
}

/* --- JSON -------------------------------------------------------------- */

/* machine: begin */

static json_t *
jalpha(const struct ka_result *r, size_t n_boot)
{
	json_t *o = json_object();

	jv_set(o, "alpha", jv_num(r->alpha));
	jv_set(o, "resamples_undefined", r->defined && n_boot > 0 ?
	    jv_count(n_boot - r->boot_defined) : json_null());
	jv_set(o, "ci_low", jv_num(r->lo));
	jv_set(o, "ci_high", jv_num(r->hi));
	jv_set(o, "units", jv_count(r->units));
	jv_set(o, "values", jv_count(r->values));
	jv_set(o, "undefined", r->defined ? json_null() :
	    jv_str(r->why));
	return o;
}

static json_t *
jcell(const struct agreement *ag, const struct agreement_cell *c)
{
	json_t *o = jalpha(&c->alpha, ag->n_boot);

	jv_set(o, "scope", jv_str(c->capability == AGREEMENT_ALL ?
	    "panel" : c->axis == AGREEMENT_ALL ? "capability" : "axis"));
	jv_set(o, "capability", c->capability == AGREEMENT_ALL ?
	    json_null() : jv_str(cap_name(ag, c->capability, TAB_JSON)));
	jv_set(o, "axis", c->axis == AGREEMENT_ALL ? json_null() :
	    jv_str(axis_name(ag, c->axis, TAB_JSON)));
	return o;
}

static json_t *
jreviewer(const struct agreement *ag, const struct agreement_reviewer *r)
{
	json_t *o = json_object(), *flags = json_array();
	size_t i;

	jv_set(o, "reviewer", jv_str(name_of(ag->set->reviewers,
	    ag->set->n_reviewers, r->reviewer)));
	jv_set(o, "ratings", jv_count(r->ratings));
	jv_set(o, "mean", jv_num(r->mean));
	jv_set(o, "leniency", jv_num(r->leniency));
	jv_set(o, "compared", jv_count(r->compared));
	jv_set(o, "alpha_without", jv_num(r->without.alpha));
	jv_set(o, "alpha_gain", jv_num(r->alpha_gain));
	jv_set(o, "straight", jv_num(r->straight));
	jv_set(o, "straight_items", jv_count(r->straight_items));
	jv_set(o, "halo", jv_num(r->halo));
	jv_set(o, "halo_pairs", jv_count(r->halo_pairs));
	for (i = 0; i < sizeof flag_words / sizeof flag_words[0]; i++) {
		if (r->flags & flag_words[i].flag)
			jv_append(flags, jv_str(flag_words[i].word));
	}
	jv_set(o, "flags", flags);
	return o;
}

static json_t *
jthresholds(void)
{
	json_t *o = json_object();

	jv_set(o, "leniency", json_real(AGREEMENT_LENIENCY));
	jv_set(o, "straight", json_real(AGREEMENT_STRAIGHT));
	jv_set(o, "halo", json_real(AGREEMENT_HALO));
	jv_set(o, "alpha_gain", json_real(AGREEMENT_ALPHA_GAIN));
	jv_set(o, "min_items", json_integer(AGREEMENT_MIN_ITEMS));
	return o;
}

static int
agreement_json(const struct agreement *ag, enum agreement_part part,
    FILE *f)
{
	json_t *root = json_object(), *iv = json_object(), *a;
	char seed[32];
	size_t i;

	snprintf(seed, sizeof seed, "%" PRIu64, ag->seed);
	jv_set(root, "metric", jv_str(ka_metric_name(ag->metric)));
	jv_set(iv, "level", json_real(ag->level));
	jv_set(iv, "resamples", jv_count(ag->n_boot));
	jv_set(iv, "unit", jv_str("prompt"));
	jv_set(iv, "prompts", jv_count(ag->n_pool));
	jv_set(iv, "seed", jv_str(seed));
	jv_set(root, "interval", iv);
	jv_set(root, "panel", jalpha(&ag->panel, ag->n_boot));
	a = json_array();
	for (i = 0; i < ag->n_scales; i++) {
		json_t *o = jalpha(&ag->scales[i].alpha, ag->n_boot);

		jv_set(o, "scale_min", json_real(ag->scales[i].min));
		jv_set(o, "scale_max", json_real(ag->scales[i].max));
		jv_set(o, "capabilities", jv_count(ag->scales[i].capabilities));
		jv_append(a, o);
	}
	jv_set(root, "scales", a);
	if (part != AGREEMENT_REVIEWERS) {
		a = json_array();
		for (i = 0; i < ag->n_cells; i++)
			jv_append(a, jcell(ag, &ag->cells[i]));
		jv_set(root, "cells", a);
	}
	if (part != AGREEMENT_ALPHA) {
		a = json_array();
		for (i = 0; i < ag->n_reviewers; i++)
			jv_append(a, jreviewer(ag, &ag->reviewers[i]));
		jv_set(root, "reviewers", a);
		jv_set(root, "thresholds", jthresholds());
	}
	return jv_dump(root, f);
}
/* machine: end */

int
agreement_format(const struct agreement *ag, enum agreement_part part,
    enum tab_format fmt, int width, FILE *f)
{
	if (fmt == TAB_JSON)
		return agreement_json(ag, part, f);
	if (part == AGREEMENT_BOTH && (fmt == TAB_CSV || fmt == TAB_TSV))
		return -1;
	if (part != AGREEMENT_REVIEWERS && alpha_tab(ag, fmt, width, f) != 0)
		return -1;
	if (part == AGREEMENT_BOTH)
		fputc('\n', f);
	if (part != AGREEMENT_ALPHA)
		return reviewer_tab(ag, fmt, width, f);
	return 0;
}
