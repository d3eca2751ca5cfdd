/* report.h: the HTML report, one self-contained file.
 *
 * Built from what the engines computed (scores.h, agreement.h) and what the
 * storage module read (store.h); no SQL here.  The page has inline CSS and
 * inline SVG only: nothing is fetched, no script runs.  Every number a
 * chart or table shows is also on its element as a data- attribute
 * (data-model, data-capability, data-axis, data-score, data-lo, data-hi,
 * data-alpha), so that programs and tests can read the page back. */
#ifndef PANELIST_REPORT_H
#define PANELIST_REPORT_H

#include <stdio.h>

#include "agreement-format.h"
#include "ratings.h"
#include "scores.h"
#include "store.h"

struct report {
	const struct study_settings	*study;
	const struct report_sources	*src;
	const struct rating_set		*set;
	const struct scores		*caps;	/* by model and capability */
	const struct scores		*axes;	/* by model, capability, axis */
	const struct agreement		*ag;
	const struct compare		*cmps;	/* paired comparisons */
	size_t				 n_cmps;
	const char			*generated;	/* a date, for people */
};

/* The whole page; -1 when a write failed. */
int	report_write(const struct report *, FILE *);

/* report-svg.c: the charts, as inline <svg> elements. */
void	report_svg_bars(const struct scores *caps, FILE *);
void	report_svg_heatmap(const struct agreement *, FILE *);
/* The diverging colour of an alpha (undefined: grey), as "#rrggbb", and
 * whether text on it should be white. */
const char *report_alpha_colour(double alpha, char buf[8], int *light_text);

/* Text as HTML: &, <, >, " and ' escaped, control characters shown in
 * caret notation (^[), so that no prompt title can add markup. */
void	html_text(FILE *, const char *);
/* The same, as a string to free: for a name inside a translated text. */
char	*html_escaped(const char *);
/* A number for a data- attribute: 10 significant digits, "" for NAN. */
void	html_num(FILE *, double);
/* The colour-blind-safe colour of model i (Okabe and Ito). */
const char *report_model_colour(size_t i);

#endif
