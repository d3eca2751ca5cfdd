/* report-svg.c: the report's charts as inline SVG: capability scores per
 * model with interval whiskers, and the agreement heat map.
 *
 * Both draw in a fixed coordinate system (viewBox) and scale with the page,
 * so they read the same at 1280 pixels and on a laptop; text stays at least
 * 11 units high.
 *
 * The functions that write markup are "machine" regions for the i18n
 * lint (tests/cli/i18n-lint.awk); the texts inside them go through _(). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report.h"
#include "util.h"

/* ---- the bar chart ---------------------------------------------------------- */

#define BW	960.0	/* the chart's width in viewBox units */
#define BH	440.0
#define B_LEFT	64.0
#define B_RIGHT	16.0
#define B_TOP	64.0
#define B_BOTTOM 64.0

struct bars {
	const struct scores	*sc;
	const struct rating_set	*set;
	bool			*has_model, *has_cap;
	size_t			 n_models, n_caps;	/* shown */
	double			 lo, hi;		/* the scale */
};

static double
bar_y(const struct bars *b, double v)
{
	double t = (v - b->lo) / (b->hi - b->lo);

	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	return B_TOP + (1 - t) * (BH - B_TOP - B_BOTTOM);
}

/* machine: begin */
static void
bars_axis(const struct bars *b, FILE *f)
{
	double span = b->hi - b->lo, step = span <= 10 ? 1 : ceil(span / 10), v, y;

	for (v = b->lo; v <= b->hi + 1e-9; v += step) {
		y = bar_y(b, v);
		fprintf(f, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
		    "y2=\"%.1f\"/>\n", B_LEFT, BW - B_RIGHT, y, y);
		fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">%g</text>\n", B_LEFT - 8, y + 4, v);
	}
	fprintf(f, "<text class=\"axis-title\" transform=\"translate(18 %.1f) "
	    "rotate(-90)\" text-anchor=\"middle\">", (B_TOP + BH - B_BOTTOM) / 2);
	/* TRANSLATORS: the title of the chart's vertical axis. */
	fprintf(f, _("Score (scale %g to %g)"), b->lo, b->hi);
	fputs("</text>\n", f);
}
/* machine: end */

/* machine: begin */
static void
bars_legend(const struct bars *b, FILE *f)
{
	double x = B_LEFT;
	size_t m, k = 0;

	for (m = 0; m < b->set->n_models; m++) {
		if (!b->has_model[m])
			continue;
		fprintf(f, "<g class=\"legend-item\"><rect x=\"%.1f\" y=\"16\" "
		    "width=\"14\" height=\"14\" fill=\"%s\"/><text x=\"%.1f\" "
		    "y=\"28\">", x, report_model_colour(k++), x + 20);
		html_text(f, b->set->models[m]);
		fputs("</text></g>\n", f);
		/* Names are ids: about 7.5 units a character at this size. */
		x += 20 + 7.5 * (double)strlen(b->set->models[m]) + 24;
	}
}
/* machine: end */

/* machine: begin */
/* A capability's name under its group, broken at hyphens to fit. */
static void
bars_label(FILE *f, const char *name, double x)
{
	const char *p = name, *dash;
	int line = 0;

	fprintf(f, "<text class=\"cap-label\" x=\"%.1f\" y=\"%.1f\" "
	    "text-anchor=\"middle\">", x, BH - B_BOTTOM + 22);
	while (*p != '\0') {
		dash = strchr(p, '-');
		fprintf(f, "<tspan x=\"%.1f\" dy=\"%s\">", x, line++ ? "1.2em" : "0");
		if (dash == NULL) {
			html_text(f, p);
			p += strlen(p);
		} else {
			fwrite(p, 1, (size_t)(dash - p) + 1, f);
			p = dash + 1;
		}
		fputs("</tspan>", f);
	}
	fputs("</text>\n", f);
}
/* machine: end */

/* What a bar shows, for the pointer: model, capability, score and its
 * interval or why there is none, and the outputs behind it. */
static void
bar_title(const struct bars *b, const struct scores_row *r, FILE *f)
{
	const struct score *s = &r->score;
	char *m = html_escaped(b->set->models[r->model]);
	char *c = html_escaped(b->set->capabilities[r->capability]);

	fputs("<title>", f); /* machine */
	/* TRANSLATORS: model, capability: score [interval], outputs. */
	if (!isnan(s->lo))
		fprintf(f, _("%s, %s: %.2f [%.2f, %.2f], %zu outputs"), m, c,
		    s->value, s->lo, s->hi, s->outputs);
	else if (s->few && s->few_reviewers)
		fprintf(f, _("%s, %s: %.2f, too few reviewers (%zu) for an "
		    "interval, %zu outputs"), m, c, s->value, s->few_n, s->outputs);
	else if (s->few)
		fprintf(f, _("%s, %s: %.2f, too few prompts (%zu) for an interval, "
		    "%zu outputs"), m, c, s->value, s->few_n, s->outputs);
	else
		fprintf(f, _("%s, %s: %.2f, %zu outputs"), m, c, s->value,
		    s->outputs);
	fputs("</title>", f); /* machine */
	free(m);
	free(c);
}

/* machine: begin */
static void
bar_one(const struct bars *b, const struct scores_row *r, size_t k, double x,
    double w, FILE *f)
{
	const struct score *s = &r->score;
	double y = bar_y(b, s->value), base = bar_y(b, b->lo), cx = x + w / 2;

	/* Too few prompts: a pale, dashed bar without whiskers, so that it
	 * is not read as a confident one. */
	fprintf(f, "<rect class=\"bar%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" fill=\"%s\"", s->few ? " few" : "", x, y, w,
	    base - y, report_model_colour(k));
	if (s->few)
		fprintf(f, " fill-opacity=\"0.25\" stroke=\"#57606a\" "
		    "stroke-dasharray=\"4 3\" data-few=\"%zu\"", s->few_n);
	fputs(" data-model=\"", f);
	html_text(f, b->set->models[r->model]);
	fputs("\" data-capability=\"", f);
	html_text(f, b->set->capabilities[r->capability]);
	fputs("\" data-score=\"", f);
	html_num(f, s->value);
	fputs("\" data-lo=\"", f);
	html_num(f, s->lo);
	fputs("\" data-hi=\"", f);
	html_num(f, s->hi);
	fputs("\">", f);
	bar_title(b, r, f);
	fputs("</rect>\n", f);
	if (isnan(s->lo))
		return;
	fprintf(f, "<path class=\"whisker\" d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1f"
	    "M%.1f %.1fH%.1f\"/>\n", cx, bar_y(b, s->lo), bar_y(b, s->hi),
	    cx - w / 4, bar_y(b, s->lo), cx + w / 4, cx - w / 4, bar_y(b, s->hi),
	    cx + w / 4);
}
/* machine: end */

/* Model m's position among the models shown. */
static size_t
shown_index(const bool *has, size_t m)
{
	size_t i, k = 0;

	for (i = 0; i < m; i++)
		k += has[i];
	return k;
}

static void
bars_groups(const struct bars *b, FILE *f)
{
	double gw = (BW - B_LEFT - B_RIGHT) / (double)b->n_caps;
	double bw = gw * 0.8 / (double)b->n_models, x0;
	size_t c, i, g = 0, k;

	for (c = 0; c < b->set->n_capabilities; c++) {
		if (!b->has_cap[c])
			continue;
		x0 = B_LEFT + gw * (double)g + gw * 0.1;
		fprintf(f, "<g class=\"group\">\n"); /* machine */
		for (i = 0; i < b->sc->n_rows; i++) {
			const struct scores_row *r = &b->sc->rows[i];

			if (r->capability != c || isnan(r->score.value))
				continue;
			k = shown_index(b->has_model, r->model);
			bar_one(b, r, k, x0 + bw * (double)k, bw * 0.92, f);
		}
		bars_label(f, b->set->capabilities[c], B_LEFT + gw * ((double)g + 0.5));
		fputs("</g>\n", f);
		g++;
	}
}

static void bars_draw(const struct bars *, FILE *);

/* machine: begin */
void
report_svg_bars(const struct scores *sc, FILE *f)
{
	const struct rating_set *set = sc->set;
	bool *has_model = xcalloc(set->n_models + 1, sizeof *has_model);
	bool *has_cap = xcalloc(set->n_capabilities + 1, sizeof *has_cap);
	struct bars b = { sc, set, has_model, has_cap, 0, 0, set->scale_min,
	    set->scale_max };
	size_t i;

	for (i = 0; i < sc->n_rows; i++) {
		if (isnan(sc->rows[i].score.value))
			continue;
		b.n_models += !has_model[sc->rows[i].model];
		b.n_caps += !has_cap[sc->rows[i].capability];
		has_model[sc->rows[i].model] = has_cap[sc->rows[i].capability] = true;
	}
	if (b.n_caps > 0 && b.hi > b.lo)
		bars_draw(&b, f);
	else
		fprintf(f, "<p class=\"empty\">%s</p>\n", _("No scores yet."));
	free(has_model);
	free(has_cap);
}
/* machine: end */

/* machine: begin */
static void
bars_draw(const struct bars *b, FILE *f)
{
	fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	    "aria-labelledby=\"bars-title\">\n<title id=\"bars-title\">", BW, BH);
	/* xgettext:no-c-format */
	fputs(_("Capability scores per model, with 95% intervals"), f);
	fputs("</title>\n", f);
	bars_axis(b, f);
	bars_legend(b, f);
	bars_groups(b, f);
	fputs("</svg>\n", f);
}
/* machine: end */

/* ---- the heat map ------------------------------------------------------------- */

#define H_LABEL	190.0	/* the capability names */
#define H_CELL_W 104.0
#define H_CELL_H 44.0
#define H_TOP	40.0

/* Krippendorff's thresholds: below 0.667 data are not to be relied on;
 * from 0.8 they are.  The scale diverges at 0.667, orange below (down to
 * 0 and anything lower), blue above (up to 1). */
#define ALPHA_MID	0.667

static void
mix(const int a[3], const int b[3], double t, char buf[8])
{
	snprintf(buf, 8, "#%02x%02x%02x", (int)lround(a[0] + (b[0] - a[0]) * t),
	    (int)lround(a[1] + (b[1] - a[1]) * t),
	    (int)lround(a[2] + (b[2] - a[2]) * t));
}

const char *
report_alpha_colour(double alpha, char buf[8], int *light_text)
{
	static const int low[3] = { 0xb3, 0x58, 0x06 };	/* orange */
	static const int mid[3] = { 0xf7, 0xf7, 0xf7 };
	static const int high[3] = { 0x21, 0x66, 0xac };	/* blue */
	double t;

	*light_text = 0;
	if (isnan(alpha)) {
		snprintf(buf, 8, "#dddddd");
		return buf;
	}
	if (alpha < ALPHA_MID) {
		t = alpha <= 0 ? 1 : (ALPHA_MID - alpha) / ALPHA_MID;
		mix(mid, low, t, buf);
	} else {
		t = alpha >= 1 ? 1 : (alpha - ALPHA_MID) / (1 - ALPHA_MID);
		mix(mid, high, t, buf);
	}
	*light_text = t > 0.6;
	return buf;
}

/* Where axis a is among the columns; the last column is "all axes". */
static size_t
heat_column(const struct agreement *ag, uint32_t axis)
{
	return axis == AGREEMENT_ALL ? ag->set->n_axes : axis;
}

/* A cell's alpha in words, for the pointer. */
static void
heat_title(const struct ka_result *r, FILE *f)
{
	fputs("<title>", f); /* machine */
	/* TRANSLATORS: alpha, its interval, the units (outputs and axes)
	 * and the ratings it rests on. */
	if (r->defined && !isnan(r->lo))
		fprintf(f, _("alpha %.2f [%.2f, %.2f], %zu units, %zu values"),
		    r->alpha, r->lo, r->hi, r->units, r->values);
	else if (r->defined)
		fprintf(f, _("alpha %.2f, %zu units, %zu values"), r->alpha,
		    r->units, r->values);
	else
		/* TRANSLATORS: the last %s says why (a sentence). */
		fprintf(f, _("alpha undefined, %zu units, %zu values: %s"),
		    r->units, r->values, r->why);
	fputs("</title>", f); /* machine */
}

/* machine: begin */
static void
heat_cell(const struct agreement *ag, const struct agreement_cell *c,
    double x, double y, FILE *f)
{
	const struct ka_result *r = &c->alpha;
	char colour[8];
	int light;

	report_alpha_colour(r->defined ? r->alpha : NAN, colour, &light);
	fprintf(f, "<g class=\"heat-cell\" data-capability=\"");
	html_text(f, ag->set->capabilities[c->capability]);
	fputs("\" data-axis=\"", f);
	html_text(f, c->axis == AGREEMENT_ALL ? "all" : ag->set->axes[c->axis]);
	fputs("\" data-alpha=\"", f);
	html_num(f, r->defined ? r->alpha : NAN);
	fprintf(f, "\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
	    "fill=\"%s\"%s/>", x + 1, y + 1, H_CELL_W - 2, H_CELL_H - 2,
	    r->defined ? colour : "url(#undefined)", r->defined ? "" :
	    " stroke=\"#999\"");
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "class=\"%s\">", x + H_CELL_W / 2, y + H_CELL_H / 2 - 2,
	    !r->defined ? "undef" : light ? "on-dark" : "on-light");
	if (r->defined)
		fprintf(f, "%.2f", r->alpha);
	else
		fputs(_("undefined"), f);
	/* Under the alpha, how much it rests on: the interval and units. */
	fprintf(f, "</text><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "class=\"tick %s\">", x + H_CELL_W / 2, y + H_CELL_H / 2 + 13,
	    light ? "on-dark" : "");
	if (r->defined && !isnan(r->lo))
		fprintf(f, "[%.2f, %.2f] n=%zu", r->lo, r->hi, r->units);
	else
		fprintf(f, "n=%zu", r->units);
	fputs("</text>", f);
	heat_title(r, f);
	fputs("</g>\n", f);
}
/* machine: end */

/* machine: begin */
static void
heat_heads(const struct agreement *ag, FILE *f)
{
	size_t a;
	double x;

	for (a = 0; a <= ag->set->n_axes; a++) {
		x = H_LABEL + H_CELL_W * (double)a + H_CELL_W / 2;
		fprintf(f, "<text class=\"col-head\" x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\">", x, H_TOP - 12);
		/* TRANSLATORS: the heading of the heat map's last column. */
		html_text(f, a < ag->set->n_axes ? ag->set->axes[a] : _("all axes"));
		fputs("</text>\n", f);
	}
}
/* machine: end */

/* machine: begin */
static void
heat_rows(const struct agreement *ag, FILE *f)
{
	uint32_t last = AGREEMENT_ALL;
	size_t i, row = 0;
	double y = H_TOP;

	for (i = 0; i < ag->n_cells; i++) {
		const struct agreement_cell *c = &ag->cells[i];

		if (c->capability == AGREEMENT_ALL)
			continue;
		if (c->capability != last) {
			y = H_TOP + H_CELL_H * (double)row++;
			fprintf(f, "<text class=\"row-head\" x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"end\">", H_LABEL - 10, y + H_CELL_H / 2 + 5);
			html_text(f, ag->set->capabilities[c->capability]);
			fputs("</text>\n", f);
			last = c->capability;
		}
		heat_cell(ag, c, H_LABEL + H_CELL_W * (double)heat_column(ag, c->axis),
		    y, f);
	}
}
/* machine: end */

static size_t
heat_n_rows(const struct agreement *ag)
{
	uint32_t last = AGREEMENT_ALL;
	size_t i, n = 0;

	for (i = 0; i < ag->n_cells; i++) {
		if (ag->cells[i].capability != AGREEMENT_ALL &&
		    ag->cells[i].capability != last) {
			n++;
			last = ag->cells[i].capability;
		}
	}
	return n;
}

/* machine: begin */
void
report_svg_heatmap(const struct agreement *ag, FILE *f)
{
	size_t rows = heat_n_rows(ag);
	double w = H_LABEL + H_CELL_W * (double)(ag->set->n_axes + 1) + 8;
	double h = H_TOP + H_CELL_H * (double)rows + 8;

	if (rows == 0) {
		fprintf(f, "<p class=\"empty\">%s</p>\n", _("No ratings yet."));
		return;
	}
	fprintf(f, "<svg class=\"heatmap\" viewBox=\"0 0 %.0f %.0f\" "
	    "style=\"max-width:%.0fpx\" role=\"img\" aria-labelledby=\"heat-title\">\n"
	    "<title id=\"heat-title\">%s</title>\n"
	    "<defs><pattern id=\"undefined\" width=\"8\" height=\"8\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"8\" height=\"8\" fill=\"#eeeeee\"/><line x1=\"0\" y1=\"0\" "
	    "x2=\"0\" y2=\"8\" stroke=\"#cccccc\" stroke-width=\"3\"/></pattern></defs>\n",
	    w, h, w * 1.25, _("Krippendorff's alpha per capability and axis"));
	heat_heads(ag, f);
	heat_rows(ag, f);
	fputs("</svg>\n", f);
}
/* machine: end */
