/* report.c: the HTML report around the charts (report.h).
 *
 * One file a person can mail or archive: inline CSS, inline SVG, system
 * fonts, no script.  Tables sit in scrolling boxes so that a laptop's
 * width never cuts a column off.
 *
 * The functions that write markup are "machine" regions for the i18n
 * lint (tests/cli/i18n-lint.awk); the texts inside them go through _(). */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report.h"
#include "stats.h"
#include "util.h"

/* machine: begin */
/* The style sheet, around the font stack of the page's language. */
static const char css_before_fonts[] =
    ":root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#ffffff;"
    "--band:#f6f8fa;--warn:#fff1e0;--warn-ink:#8a4600}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);"
    "font:15px/1.5 ";
static const char css_after_fonts[] = "}\n"
    "main{max-width:1180px;margin:0 auto;padding:24px 20px 48px}\n"
    "h1{font-size:28px;margin:0 0 4px}h2{font-size:21px;margin:36px 0 8px;"
    "padding-bottom:4px;border-bottom:1px solid var(--line)}"
    "h3{font-size:16px;margin:20px 0 6px}\n"
    ".sub,.note,figcaption{color:var(--muted)}.note{font-size:14px;max-width:860px}\n"
    "dl.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));"
    "gap:8px 24px;margin:12px 0}\n"
    "dl.summary div{background:var(--band);border-radius:6px;padding:8px 12px}\n"
    "dt{font-size:13px;color:var(--muted)}dd{margin:0;font-weight:600;"
    "overflow-wrap:anywhere}\n"
    "figure{margin:12px 0;overflow-x:auto}svg{display:block;width:100%;height:auto}\n"
    /* Below this the chart's text would shrink past reading: scroll. */
    "svg.chart{min-width:720px}svg.heatmap{min-width:560px}\n"
    "svg text{font-family:inherit;font-size:14px;fill:var(--ink)}\n"
    "svg .tick{font-size:12px;fill:var(--muted)}svg .axis-title{font-size:13px;"
    "fill:var(--muted)}\n"
    "svg .grid{stroke:#e4e7eb;stroke-width:1}svg .whisker{stroke:#1b1f24;"
    "stroke-width:1.6;fill:none}\n"
    "svg .on-dark{fill:#ffffff;font-weight:600}svg .on-light{fill:#1b1f24;"
    "font-weight:600}svg .undef{fill:#57606a;font-style:italic;font-size:12px}\n"
    ".scroll{overflow-x:auto;max-width:100%}\n"
    "table{border-collapse:collapse;margin:8px 0 4px;font-size:14px}\n"
    "th,td{padding:5px 10px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top}\n"
    "th{background:var(--band);font-weight:600;white-space:nowrap}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tr.flagged td{background:var(--warn)}\n"
    "td.few{color:var(--muted);font-style:italic;white-space:nowrap}\n"
    "tr.apart td{color:var(--muted);font-style:italic;background:var(--band)}\n"
    ".flag{display:inline-block;margin:1px 4px 1px 0;padding:0 6px;"
    "border-radius:10px;background:#ffd8a8;color:var(--warn-ink);font-size:12px;"
    "font-weight:600}\n"
    ".swatch{display:inline-block;width:12px;height:12px;border-radius:2px;"
    "margin-right:6px;vertical-align:-1px}\n"
    ".legend-scale{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px;"
    "color:var(--muted);margin:6px 0}\n"
    "footer{margin-top:40px;color:var(--muted);font-size:13px}\n"
    "@media (max-width:700px){main{padding:16px 10px}h1{font-size:23px}}\n";

/* The fonts, by the language of the page.  Japanese needs families that
 * have its glyphs on each common system (macOS: Hiragino; Windows: Yu
 * Gothic, Meiryo; Linux: Noto CJK or IPA), named before the generic one,
 * which a browser may fill with a font that draws kanji in Chinese
 * shapes.  The charts' text inherits it (svg text above). */
static const struct {
	const char	*lang, *stack;
} font_stacks[] = {
	{ "ja", "system-ui,\"Hiragino Sans\","
	    "\"Hiragino Kaku Gothic ProN\",\"Yu Gothic UI\",\"Yu Gothic\",Meiryo,"
	    "\"Noto Sans CJK JP\",\"Noto Sans JP\",\"IPAexGothic\",\"IPAGothic\","
	    "sans-serif" },
	{ NULL, "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
	    "\"Helvetica Neue\",Arial,sans-serif" }
};
/* machine: end */

static const char *
font_stack(const char *lang)
{
	size_t i;

	for (i = 0; font_stacks[i].lang != NULL; i++)
		if (strcmp(font_stacks[i].lang, lang) == 0)
			break;
	return font_stacks[i].stack;
}

/* ---- pieces the page and its charts share ---------------------------------- */

/* Okabe and Ito's palette, which people with any common colour vision
 * deficiency tell apart; black last, for the eighth model. */
static const char *const model_colours[] = {
	"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
	"#F0E442", "#000000"
};

const char *
report_model_colour(size_t i)
{
	return model_colours[i % (sizeof model_colours / sizeof model_colours[0])];
}

/* machine: begin */
void
html_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
				fprintf(f, "^%c", c == 0x7f ? '?' : c + 0x40);
			else
				fputc(c, f);
		}
	}
}
/* machine: end */

char *
html_escaped(const char *s)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &size)) == NULL)
		out_of_memory();
	html_text(f, s);
	if (fclose(f) != 0)
		out_of_memory();
	return buf;
}

void
html_num(FILE *f, double v)
{
	if (!isnan(v))
		fprintf(f, "%.10g", v);
}

static const char *
name_of(char *const *names, size_t n, uint32_t i)
{
	return i < n ? names[i] : "?";
}

/* A number cell: `digits` decimals, a sign when asked, then suffix. */
static void
td_num(FILE *f, double v, int digits, bool sign, const char *suffix)
{
	fputs("<td class=\"num\">", f); /* machine */
	if (isnan(v))
		fputs("—", f);
	else
		fprintf(f, sign ? "%+.*f%s" : "%.*f%s", digits, v, suffix);
	fputs("</td>", f); /* machine */
}

static void
td_text(FILE *f, const char *s)
{
	fputs("<td>", f); /* machine */
	html_text(f, s != NULL ? s : "");
	fputs("</td>", f); /* machine */
}

/* machine: begin */
/* An interval, or why there is none: too few prompts is said, never
 * drawn as a number. */
static void
td_interval(FILE *f, const struct score *s)
{
	double lo = s->lo, hi = s->hi;

	if (s->few) {
		fprintf(f, "<td class=\"few\" data-few=\"%zu\">", s->few_n);
		/* TRANSLATORS: in a table cell where an interval would be. */
		fprintf(f, s->few_reviewers ? _("too few reviewers (%zu)") :
		    _("too few prompts (%zu)"), s->few_n);
		fputs("</td>", f);
	} else if (isnan(lo) || isnan(hi))
		fputs("<td class=\"num\">—</td>", f);
	else
		fprintf(f, "<td class=\"num\">[%.2f, %.2f]</td>", lo, hi);
}
/* machine: end */

static void
attr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	html_text(f, value);
	fputc('"', f);
}

static void
attr_num(FILE *f, const char *name, double v)
{
	fprintf(f, " %s=\"", name);
	html_num(f, v);
	fputc('"', f);
}

/* machine: begin */
/* The opening of a table: its headings (N_() texts, shown translated). */
static void
table_head(FILE *f, const char *const *heads)
{
	fputs("<div class=\"scroll\"><table><thead><tr>", f);
	for (; *heads != NULL; heads++)
		fprintf(f, "<th>%s</th>", _(*heads));
	fputs("</tr></thead><tbody>\n", f);
}
/* machine: end */

/* ---- the study ---------------------------------------------------------------- */

static void
fact(FILE *f, const char *term, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fact(FILE *f, const char *term, const char *fmt, ...)
{
	va_list ap;

	fprintf(f, "<div><dt>%s</dt><dd>", term); /* machine */
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputs("</dd></div>\n", f); /* machine */
}

/* How the intervals were made, under the study's facts. */
static void
method_note(const struct report *r, FILE *f)
{
	const struct scores *sc = r->caps;

	fputs("<p class=\"note\">", f); /* machine */
	/* TRANSLATORS: HTML text.  The fifth %s is one of the two texts
	 * "random, a sample ..." and "fixed, the intervals ...". */
	fprintf(f, _("Score intervals are %g%% Student t intervals over the %zu "
	    "rated prompts (standard error by leaving out one prompt at a time; "
	    "none below %d prompts). Reviewers: %s. Agreement intervals: %zu "
	    "bootstrap resamples, seed %" PRIu64 "."), sc->level * 100, sc->n_pool,
	    SCORES_MIN_PROMPTS, sc->reviewers_random ? _("random, a sample of the "
	    "people who could have rated (each reviewer left out in turn too)") :
	    _("fixed, the intervals are about these reviewers"), sc->n_boot,
	    sc->seed);
	fputs("</p>\n", f);
}

/* machine: begin */
static void
study_section(const struct report *r, FILE *f)
{
	const struct study_settings *ss = r->study;
	const struct rating_set *set = r->set;
	const struct score *t = &r->caps->total;

	fprintf(f, "<section id=\"study\"><h2>%s</h2><dl class=\"summary\">\n",
	    _("Study"));
	fprintf(f, "<div><dt>%s</dt><dd>", _("Study id"));
	html_text(f, ss->id);
	fputs("</dd></div>\n", f);
	fact(f, _("Seed"), "%" PRIu64, ss->seed);
	fact(f, _("Blind"), "%s", ss->blind ?
	    _("yes: model names hidden while rating") : _("no"));
	if (ss->overlap > 0)
		fact(f, _("Overlap"), _("%ld reviewers per output"), ss->overlap);
	else
		fact(f, _("Overlap"), "%s", _("every reviewer rates every output"));
	fact(f, _("Prompts rated"), "%zu", set->n_prompts);
	fact(f, _("Models"), "%zu", set->n_models);
	fact(f, _("Reviewers"), "%zu", set->n_reviewers);
	fact(f, _("Ratings"), _("%zu (%zu N/A left out; %zu of flagged outputs, "
	    "counted like any other)"), set->n_ratings, t->na, t->flagged);
	fact(f, _("Truncated outputs"), _("%ld (cut off at the token limit when "
	    "collected)"), r->src->truncated);
	fprintf(f, "<div><dt>%s</dt><dd>", _("Study created"));
	html_text(f, r->src->created != NULL ? r->src->created : _("unknown"));
	fputs("</dd></div>\n", f);
	fact(f, _("Report generated"), "%s", r->generated);
	fputs("</dl>\n", f);
	if (r->caps->n_boot > 0)
		method_note(r, f);
	fputs("</section>\n", f);
}
/* machine: end */

/* ---- scores --------------------------------------------------------------------- */

/* machine: begin */
static void
bars_section(const struct report *r, FILE *f)
{
	fprintf(f, "<section id=\"capabilities\"><h2>%s</h2>\n<p class=\"note\">",
	    _("Capability scores"));
	fputs(_("Each bar is a model's score on a capability: the mean of its "
	    "axis scores, each the mean of item means (an output's ratings "
	    "averaged over its reviewers first). The whiskers are 95% t intervals "
	    "over prompts; bars whose whiskers overlap may not differ. A pale, "
	    "dashed bar without whiskers had too few prompts for an interval."), f);
	fputs("</p>\n<figure>\n", f);
	report_svg_bars(r->caps, f);
	fputs("</figure></section>\n", f);
}
/* machine: end */

/* The capabilities of `caps` for which `pick` is set, as escaped HTML;
 * `weights` adds each one's share. */
static char *
capability_list(const struct rating_set *set, const bool *pick,
    const double *weights)
{
	char *buf = NULL;
	size_t size = 0, c, n = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &size)) == NULL)
		out_of_memory();
	for (c = 0; c < set->n_capabilities; c++) {
		if (!pick[c])
			continue;
		fputs(n++ > 0 ? ", " : "", f);
		html_text(f, set->capabilities[c]);
		if (weights != NULL)
			fprintf(f, " %.0f%%", weights[c] * 100);
	}
	if (fclose(f) != 0)
		out_of_memory();
	return buf;
}

static void
weights_text(const struct report *r, const struct scores_overall *o, FILE *f)
{
	const struct rating_set *set = r->set;
	bool *pick = xcalloc(set->n_capabilities + 1, sizeof *pick);
	char *list;
	size_t c;

	for (c = 0; c < set->n_capabilities; c++)
		pick[c] = o->weights[c] > 0;
	list = capability_list(set, pick, o->weights);
	fprintf(f, "%s</td><td>", list); /* machine */
	free(list);
	for (c = 0; c < set->n_capabilities; c++)
		pick[c] = o->missing[c];
	list = capability_list(set, pick, NULL);
	/* TRANSLATORS: "not rated on" none of the capabilities. */
	fputs(*list != '\0' ? list : _("none"), f);
	free(list);
	free(pick);
}

/* machine: begin */
static void
overall_row(const struct report *r, size_t i, FILE *f)
{
	const struct rating_set *set = r->set;
	const struct scores_overall *o = &r->caps->overall[i];
	const char *m = name_of(set->models, set->n_models, o->model);

	/* The overall list has the partial models last: a line between,
	 * since they are not comparable with the others. */
	if (o->partial && (i == 0 || !r->caps->overall[i - 1].partial))
		fprintf(f, "<tr class=\"apart\"><td colspan=\"8\">%s</td></tr>\n",
		    _("Partial: not rated on every capability that counts, so not "
		    "comparable with the models above."));
	fprintf(f, "<tr class=\"overall%s\"", o->partial ? " partial" : "");
	attr(f, "data-model", m);
	attr_num(f, "data-score", o->score.value);
	attr_num(f, "data-lo", o->score.lo);
	attr_num(f, "data-hi", o->score.hi);
	fprintf(f, "><td><span class=\"swatch\" style=\"background:%s\"></span>",
	    report_model_colour(i));
	html_text(f, m);
	fputs("</td>", f);
	td_num(f, o->score.value, 2, false, "");
	td_interval(f, &o->score);
	if (o->partial) {
		fprintf(f, "<td data-partial=\"%zu\">", o->n_rated);
		fprintf(f, _("partial: %zu of %zu capabilities"), o->n_rated,
		    o->n_counted);
		fputs("</td>", f);
	} else {
		fputs("<td>", f);
		/* TRANSLATORS: all N capabilities that count were rated. */
		fprintf(f, _("all %zu"), o->n_counted);
		fputs("</td>", f);
	}
	fprintf(f, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td><td>",
	    o->score.outputs, o->score.ratings);
	weights_text(r, o, f);
	fputs("</td></tr>\n", f);
}
/* machine: end */

static void
study_weights(const struct rating_set *set, FILE *f)
{
	char *buf = NULL;
	size_t size = 0, c;
	FILE *list;

	if ((list = open_memstream(&buf, &size)) == NULL)
		out_of_memory();
	for (c = 0; c < set->n_capabilities; c++) {
		fputs(c > 0 ? ", " : "", list);
		html_text(list, set->capabilities[c]);
		fprintf(list, " %g", set->weights != NULL ? set->weights[c] : 1.0);
	}
	if (fclose(list) != 0)
		out_of_memory();
	fputs("<p class=\"note\">", f); /* machine */
	/* TRANSLATORS: %s is the list "capability weight, ...". */
	fprintf(f, _("Study weights: %s."), buf);
	fputs("</p>", f);
	free(buf);
}

/* machine: begin */
static void
overall_section(const struct report *r, FILE *f)
{
	static const char *const heads[] = { N_("model"), N_("score"),
	    /* xgettext:no-c-format */
	    N_("95% interval"), N_("capabilities"), N_("outputs"), N_("ratings"),
	    N_("weights used"), N_("not rated on"), NULL };
	size_t i;

	fprintf(f, "<section id=\"overall\"><h2>%s</h2>\n<p class=\"note\">%s</p>\n",
	    _("Overall workplace score"), _("Capability scores weighted by the "
	    "study's weights (by default each capability's share of the top "
	    "workplace tasks), renormalised over the capabilities the model was "
	    "rated on. A model not rated on every capability that counts is "
	    "partial and shown apart."));
	table_head(f, heads);
	for (i = 0; i < r->caps->n_overall; i++)
		overall_row(r, i, f);
	fputs("</tbody></table></div>\n", f);
	study_weights(r->set, f);
	fputs("</section>\n", f);
}
/* machine: end */

/* machine: begin */
static void
axis_row(const struct report *r, const struct scores_row *row, FILE *f)
{
	const struct rating_set *set = r->set;
	const struct score *s = &row->score;

	fputs("<tr class=\"axis-score\"", f);
	attr(f, "data-model", name_of(set->models, set->n_models, row->model));
	attr(f, "data-capability", name_of(set->capabilities, set->n_capabilities,
	    row->capability));
	attr(f, "data-axis", name_of(set->axes, set->n_axes, row->axis));
	attr_num(f, "data-score", s->value);
	attr_num(f, "data-lo", s->lo);
	attr_num(f, "data-hi", s->hi);
	fputc('>', f);
	td_text(f, name_of(set->models, set->n_models, row->model));
	td_text(f, name_of(set->axes, set->n_axes, row->axis));
	td_num(f, s->value, 2, false, "");
	td_interval(f, s);
	fprintf(f, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
	    "<td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n",
	    s->outputs, s->ratings, s->na, s->flagged);
}
/* machine: end */

/* machine: begin */
static void
axes_section(const struct report *r, FILE *f)
{
	static const char *const heads[] = { N_("model"), N_("axis"), N_("score"),
	    /* xgettext:no-c-format */
	    N_("95% interval"), N_("outputs"), N_("ratings"), N_("N/A"),
	    N_("flagged"), NULL };
	const struct scores *sc = r->axes;
	size_t c, i;

	fprintf(f, "<section id=\"axes\"><h2>%s</h2>\n", _("Scores per axis"));
	for (c = 0; c < r->set->n_capabilities; c++) {
		bool any = false;

		for (i = 0; i < sc->n_rows; i++) {
			if (sc->rows[i].capability != c)
				continue;
			if (!any) {
				fputs("<h3>", f);
				html_text(f, r->set->capabilities[c]);
				fputs("</h3>", f);
				table_head(f, heads);
				any = true;
			}
			axis_row(r, &sc->rows[i], f);
		}
		if (any)
			fputs("</tbody></table></div>\n", f);
	}
	fputs("</section>\n", f);
}
/* machine: end */

/* ---- paired comparisons ------------------------------------------------------- */

/* machine: begin */
static void
compare_row_html(const struct report *r, const struct compare *cm,
    const struct compare_row *row, FILE *f)
{
	const struct rating_set *set = r->set;
	struct score s;

	memset(&s, 0, sizeof s);
	s.lo = row->lo;
	s.hi = row->hi;
	s.few = row->few;
	s.few_n = row->few_n;
	s.few_reviewers = row->few_reviewers;
	fputs("<tr class=\"pair\"", f);
	attr(f, "data-model-a", name_of(set->models, set->n_models, cm->model_a));
	attr(f, "data-model-b", name_of(set->models, set->n_models, cm->model_b));
	attr(f, "data-capability", row->capability == SCORES_NONE ? "overall" :
	    name_of(set->capabilities, set->n_capabilities, row->capability));
	attr_num(f, "data-diff", row->diff);
	attr_num(f, "data-lo", row->lo);
	attr_num(f, "data-hi", row->hi);
	fprintf(f, " data-differs=\"%s\">", row->differs ? "yes" : "no");
	/* TRANSLATORS: the row of a comparison over all capabilities. */
	td_text(f, row->capability == SCORES_NONE ? _("overall") :
	    name_of(set->capabilities, set->n_capabilities, row->capability));
	fprintf(f, "<td class=\"num\">%zu</td>", row->prompts);
	td_num(f, row->a, 2, false, "");
	td_num(f, row->b, 2, false, "");
	td_num(f, row->diff, 2, true, "");
	if (s.few || isnan(s.lo))
		td_interval(f, &s);
	else
		fprintf(f, "<td class=\"num\">[%+.2f, %+.2f]</td>", s.lo, s.hi);
	/* TRANSLATORS: whether the two models differ on this row; "untested"
	 * when there was no test. */
	td_text(f, row->differs ? _("yes") : isnan(row->p) ? _("untested") :
	    _("no"));
	fputs("</tr>\n", f);
}
/* machine: end */

static void
pair_heading(const struct rating_set *set, const struct compare *cm, FILE *f)
{
	char *a = html_escaped(name_of(set->models, set->n_models, cm->model_a));
	char *b = html_escaped(name_of(set->models, set->n_models, cm->model_b));

	fputs("<h3>", f);
	fprintf(f, _("%s (A) and %s (B)"), a, b);
	fputs("</h3>\n", f);
	free(a);
	free(b);
}

/* machine: begin */
static void
compare_section(const struct report *r, FILE *f)
{
	static const char *const heads[] = { N_("capability"), N_("prompts"),
	    "A", "B", "A − B",	/* machine */
	    /* xgettext:no-c-format */
	    N_("95% interval"), N_("differs"), NULL };
	size_t i, k;

	if (r->n_cmps == 0)
		return;
	fprintf(f, "<section id=\"compare\"><h2>%s</h2>\n<p class=\"note\">",
	    _("Paired comparisons"));
	/* TRANSLATORS: HTML text; "differs" is the heading of a column. */
	fputs(_("Each pair of models on the prompts rated for both: A − B per "
	    "capability and overall, with 95% t intervals over the shared "
	    "prompts. \"differs\" is Holm-corrected over the rows of each pair, "
	    "so that when two models do not differ anywhere, some row says "
	    "\"yes\" at most 5% of the time."), f);
	fputs("</p>\n", f);
	for (i = 0; i < r->n_cmps; i++) {
		const struct compare *cm = &r->cmps[i];

		pair_heading(r->set, cm, f);
		if (cm->n_pool == 0) {
			fprintf(f, "<p class=\"note\">%s</p>\n",
			    _("No prompt was rated for both."));
			continue;
		}
		table_head(f, heads);
		for (k = 0; k < cm->n_rows; k++)
			compare_row_html(r, cm, &cm->rows[k], f);
		fputs("</tbody></table></div>\n", f);
	}
	fputs("</section>\n", f);
}
/* machine: end */

/* ---- flagged outputs ------------------------------------------------------------ */

/* machine: begin */
static void
flag_row(const struct report *r, size_t m, size_t c,
    const struct flag_share *fs, FILE *f)
{
	const struct rating_set *set = r->set;
	double lo, hi;
	size_t k, n = 0;

	stats_wilson(fs->flagged, fs->outputs, r->caps->level, &lo, &hi);
	fputs("<tr class=\"flag-share\"", f);
	attr(f, "data-model", set->models[m]);
	attr(f, "data-capability", set->capabilities[c]);
	attr_num(f, "data-share", (double)fs->flagged / (double)fs->outputs);
	attr_num(f, "data-lo", lo);
	attr_num(f, "data-hi", hi);
	fputc('>', f);
	td_text(f, set->models[m]);
	td_text(f, set->capabilities[c]);
	fprintf(f, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>",
	    fs->outputs, fs->flagged);
	td_num(f, 100.0 * (double)fs->flagged / (double)fs->outputs, 0, false,
	    "%");
	fprintf(f, "<td class=\"num\">[%.0f%%, %.0f%%]</td><td>", 100 * lo,
	    100 * hi);
	/* The reasons are the names a rating file gives them. */
	for (k = 1; k < RATING_FLAG_KINDS; k++) {
		if (fs->by[k] > 0)
			fprintf(f, "%s%s %zu", n++ > 0 ? ", " : "",
			    rating_flag_name(k), fs->by[k]);
	}
	fputs("</td></tr>\n", f);
}
/* machine: end */

/* machine: begin */
static void
flags_section(const struct report *r, FILE *f)
{
	static const char *const heads[] = { N_("model"), N_("capability"),
	    N_("outputs"), N_("flagged"), N_("share"),
	    /* xgettext:no-c-format */
	    N_("95% interval"), N_("reasons"), NULL };
	const struct rating_set *set = r->set;
	const struct flag_share *fs = r->caps->flags;
	size_t m, c, C = set->n_capabilities, n = 0;

	fprintf(f, "<section id=\"flags\"><h2>%s</h2>\n<p class=\"note\">",
	    _("Flagged outputs"));
	fputs(_("The share of each model's rated outputs that some reviewer "
	    "flagged, per capability, with its 95% Wilson interval. The ratings "
	    "of flagged outputs count in every score like any other: leaving them "
	    "out would make a model look better for its broken outputs."), f);
	fputs("</p>\n", f);
	for (m = 0; fs != NULL && m < set->n_models; m++) {
		for (c = 0; c < C; c++) {
			if (fs[m * C + c].flagged == 0)
				continue;
			if (n++ == 0)
				table_head(f, heads);
			flag_row(r, m, c, &fs[m * C + c], f);
		}
	}
	if (n > 0)
		fputs("</tbody></table></div>\n", f);
	else
		fprintf(f, "<p class=\"note\">%s</p>\n", _("No output was flagged."));
	fputs("</section>\n", f);
}
/* machine: end */

/* ---- agreement ---------------------------------------------------------------- */

/* machine: begin */
static void
alpha_legend(FILE *f)
{
	static const double stops[] = { 0, 0.4, 0.667, 0.8, 1 };
	char colour[8];
	size_t i;
	int light;

	fputs("<div class=\"legend-scale\">", f);
	for (i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		report_alpha_colour(stops[i], colour, &light);
		fprintf(f, "<span><span class=\"swatch\" style=\"background:%s;"
		    "border:1px solid #bbb\"></span>", colour);
		/* TRANSLATORS: the lowest colour of the alpha scale. */
		fprintf(f, i == 0 ? _("α = %g or below") : "α = %g", stops[i]);
		fputs("</span>", f);
	}
	fprintf(f, "<span><span class=\"swatch\" style=\"background:#eeeeee;"
	    "border:1px dashed #999\"></span>%s</span></div>\n", _("undefined"));
}
/* machine: end */

/* machine: begin */
static void
agreement_section(const struct report *r, FILE *f)
{
	const struct agreement *ag = r->ag;
	char *alpha;

	fprintf(f, "<section id=\"agreement\"><h2>%s</h2>\n<p class=\"note\">",
	    _("Agreement between reviewers"));
	/* TRANSLATORS: HTML text; %s is the metric, as the study names it
	 * (interval, ordinal, ...). */
	fprintf(f, _("Krippendorff's alpha (%s) between reviewers who rated the "
	    "same output: 1 is perfect agreement, 0 no more than chance. "
	    "Krippendorff relies on data from 0.8 and draws tentative conclusions "
	    "from 0.667; below that, orange. Undefined where no output has two "
	    "ratings or every rating is the same."), ka_metric_name(ag->metric));
	if (ag->panel.defined) {
		alpha = xasprintf("<strong data-alpha=\"%.10g\">%.3f</strong>",
		    ag->panel.alpha, ag->panel.alpha);
		/* TRANSLATORS: follows the sentence above in its paragraph
		 * (the leading space parts them in English); %s is the
		 * alpha, %zu how many pairs it is over. */
		fprintf(f, _(" The whole panel: %s over %zu (output, axis) pairs."),
		    alpha, ag->panel.units);
		free(alpha);
	} else
		/* TRANSLATORS: as above; %s says why (a sentence). */
		fprintf(f, _(" The panel's alpha is undefined: %s."), ag->panel.why);
	fputs("</p>\n<figure>\n", f);
	report_svg_heatmap(ag, f);
	alpha_legend(f);
	fputs("</figure></section>\n", f);
}
/* machine: end */

/* machine: begin */
static void
flags_cell(unsigned flags, FILE *f)
{
	char words[128], *w, *save = NULL;

	agreement_flag_words(flags, words, sizeof words);
	fputs("<td>", f);
	for (w = strtok_r(words, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save))
		fprintf(f, "<span class=\"flag\">%s</span>", w);
	fputs("</td>", f);
}
/* machine: end */

/* machine: begin */
static void
reviewer_row(const struct report *r, const struct agreement_reviewer *v, FILE *f)
{
	const char *name = name_of(r->set->reviewers, r->set->n_reviewers, v->reviewer);

	fprintf(f, "<tr%s", v->flags ? " class=\"flagged\"" : "");
	attr(f, "data-reviewer", name);
	fputc('>', f);
	td_text(f, name);
	fprintf(f, "<td class=\"num\">%zu</td>", v->ratings);
	td_num(f, v->mean, 2, false, "");
	td_num(f, v->leniency, 2, true, "");
	td_num(f, v->without.alpha, 3, false, "");
	td_num(f, v->alpha_gain, 3, true, "");
	td_num(f, v->straight * 100, 0, false, "%");
	td_num(f, v->halo, 2, false, "");
	flags_cell(v->flags, f);
	fputs("</tr>\n", f);
}
/* machine: end */

/* machine: begin */
static void
reviewers_section(const struct report *r, FILE *f)
{
	static const char *const heads[] = { N_("reviewer"), N_("ratings"),
	    N_("mean"), N_("leniency"), N_("α without"), "Δα",	/* machine */
	    N_("straight"), N_("halo"), N_("flags"), NULL };
	size_t i;

	fprintf(f, "<section id=\"reviewers\"><h2>%s</h2>\n<p class=\"note\">",
	    _("Reviewers"));
	/* TRANSLATORS: HTML text; Leniency, α without, Straight and Halo are
	 * the headings of the table below. */
	fputs(_("Leniency: the mean difference from the other reviewers on the "
	    "same outputs. α without: the panel's alpha if this reviewer were "
	    "left out (Δα the change). Straight: the share of their items with one "
	    "score on every axis. Halo: the mean correlation between their axes. "
	    "Highlighted rows stand out on at least one of these."), f);
	fputs("</p>\n", f);
	table_head(f, heads);
	for (i = 0; i < r->ag->n_reviewers; i++)
		reviewer_row(r, &r->ag->reviewers[i], f);
	fputs("</tbody></table></div></section>\n", f);
}
/* machine: end */

/* ---- what was measured ---------------------------------------------------------- */

/* machine: begin */
static void
rubrics_table(const struct report *r, FILE *f)
{
	static const char *const heads[] = { N_("capability"), N_("version"),
	    N_("title"), N_("scale"), N_("axes"), N_("ratings"), NULL };
	size_t i;

	fprintf(f, "<h3>%s</h3>", _("Rubrics"));
	table_head(f, heads);
	for (i = 0; i < r->src->n_rubrics; i++) {
		const struct source_rubric *b = &r->src->rubrics[i];

		fputs("<tr class=\"rubric\"", f);
		attr(f, "data-capability", b->capability);
		fprintf(f, " data-version=\"%d\">", b->version);
		td_text(f, b->capability);
		fprintf(f, "<td class=\"num\">%d</td>", b->version);
		td_text(f, b->title);
		fprintf(f, "<td class=\"num\">%ld–%ld</td>", b->min, b->max);
		td_text(f, b->axes);
		fprintf(f, "<td class=\"num\">%ld</td></tr>\n", b->ratings);
	}
	fputs("</tbody></table></div>\n", f);
}
/* machine: end */

/* machine: begin */
static void
prompts_table(const struct report *r, FILE *f)
{
	static const char *const heads[] = { N_("prompt"), N_("version"),
	    N_("title"), N_("capabilities"), N_("occupation"), N_("ratings"),
	    NULL };
	size_t i;

	fprintf(f, "<h3>%s</h3>", _("Prompts"));
	table_head(f, heads);
	for (i = 0; i < r->src->n_prompts; i++) {
		const struct source_prompt *p = &r->src->prompts[i];

		fputs("<tr class=\"prompt\"", f);
		attr(f, "data-prompt", p->id);
		fprintf(f, " data-version=\"%d\">", p->version);
		td_text(f, p->id);
		fprintf(f, "<td class=\"num\">%d</td>", p->version);
		td_text(f, p->title);
		td_text(f, p->capabilities);
		td_text(f, p->occupation);
		fprintf(f, "<td class=\"num\">%ld</td></tr>\n", p->ratings);
	}
	fputs("</tbody></table></div>\n", f);
}
/* machine: end */

/* machine: begin */
static void
sources_section(const struct report *r, FILE *f)
{
	size_t n = r->set->n_earlier;

	fprintf(f, "<section id=\"sources\"><h2>%s</h2>\n<p class=\"note\">",
	    _("What was measured"));
	/* TRANSLATORS: HTML text. */
	fputs(_("The current version of each rubric and prompt: the numbers "
	    "above come from the ratings given under these versions. Ratings of "
	    "older versions stay in the study and in <code>panelist "
	    "export</code>."), f);
	fputs("</p>\n", f);
	/* After import --revise: said plainly, never silently dropped. */
	if (n > 0) {
		fprintf(f, "<p class=\"note\" id=\"earlier\" data-ratings=\"%zu\">", n);
		/* TRANSLATORS: HTML text. */
		fprintf(f, P_("Not counted: %zu rating on an earlier version of "
		    "their prompt or rubric (see <code>panelist status</code>).",
		    "Not counted: %zu ratings on an earlier version of their "
		    "prompt or rubric (see <code>panelist status</code>).", n), n);
		fputs("</p>\n", f);
	}
	rubrics_table(r, f);
	prompts_table(r, f);
	fputs("</section>\n", f);
}
/* machine: end */

/* ---- the page ------------------------------------------------------------------- */

static char *
title_of(const struct report *r)
{
	return html_escaped(r->study->title != NULL ? r->study->title :
	    _("Untitled study"));
}

/* machine: begin */
static void
page_head(const struct report *r, FILE *f)
{
	const char *lang = i18n_lang();
	char *title = title_of(r);

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"panelist " PACKAGE_VERSION "\">\n"
	    "<title>", lang);
	/* TRANSLATORS: the page's title; %s is the study's. */
	fprintf(f, _("%s — panelist report"), title);
	fprintf(f, "</title>\n<style>\n%s%s%s</style>\n</head>\n<body>\n"
	    "<main>\n<header><h1>%s</h1><p class=\"sub\">", css_before_fonts,
	    font_stack(lang), css_after_fonts, title);
	/* TRANSLATORS: the first %s is panelist's version, the second a date. */
	fprintf(f, _("How the models did, how far the reviewers agree, and what "
	    "was measured. Generated by panelist %s on %s."), PACKAGE_VERSION,
	    r->generated);
	fputs("</p></header>\n", f);
	free(title);
}
/* machine: end */

int
report_write(const struct report *r, FILE *f)
{
	page_head(r, f);
	study_section(r, f);
	bars_section(r, f);
	overall_section(r, f);
	compare_section(r, f);
	flags_section(r, f);
	axes_section(r, f);
	agreement_section(r, f);
	reviewers_section(r, f);
	sources_section(r, f);
	fputs("<footer>", f); /* machine */
	/* TRANSLATORS: HTML text; keep the title of the paper in <cite> in
	 * English. */
	fputs(_("Scores: mean of item means with Student t intervals over prompts "
	    "(jackknife standard errors; the reviewers taken as fixed). Agreement: "
	    "Krippendorff's alpha with bootstrap intervals over outputs. "
	    "Capabilities and axes after Miller &amp; Tang, <cite>Evaluating LLM "
	    "Metrics Through Real-World Capabilities</cite> (2025)."), f);
	fputs("</footer>\n</main>\n</body>\n</html>\n", f); /* machine */
	return ferror(f) ? -1 : 0;
}
