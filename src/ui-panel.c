/* ui-panel.c: the rating panel under the panes.
 *
 *	 Rating · 2 of 5 to rate · flag: off-topic · note: ...
 *	 Summarization                       (when the prompt has two capabilities)
 *	 ▸ coherence    1  2 [3] 4  5  N/A   acceptable
 *	   accuracy     1  2  3  4  5  N/A
 *	   Does the summary read as one connected answer?
 *	   1 very poor: Disjointed fragments.
 *	   3 acceptable: Readable with seams.      (the chosen one highlighted)
 *	   5 excellent: Reads as one piece.
 *
 * Compact, when a row per axis would take the text's rows (layout.h):
 *	 Summarization     ▸coherence 3  accuracy ·  clarity ·  ...
 *	 Data structuring   coherence ·  accuracy ·  ...
 *
 * The anchors are never cut inside a sentence: what does not fit is named by
 * its number (the rubric view, r, shows it all).  The chosen score is
 * bracketed as well as highlighted, so it shows without colour or reverse
 * video (and in a test's capture of the screen). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-internal.h"

size_t
panel_n_axes(const struct item_view *iv)
{
	size_t i, n = 0;

	for (i = 0; i < iv->n_caps; i++)
		n += iv->caps[i].n_axes;
	return n;
}

struct item_axis *
panel_axis(const struct item_view *iv, size_t flat, const struct item_capability **capp)
{
	size_t i;

	for (i = 0; i < iv->n_caps; i++) {
		if (flat < iv->caps[i].n_axes) {
			if (capp != NULL)
				*capp = &iv->caps[i];
			return &iv->caps[i].axes[flat];
		}
		flat -= iv->caps[i].n_axes;
	}
	return NULL;
}

size_t
panel_first_unrated(const struct item_view *iv)
{
	size_t i, n = panel_n_axes(iv);

	for (i = 0; i < n; i++) {
		if (panel_axis(iv, i, NULL)->score == ITEM_UNRATED)
			return i;
	}
	return 0;
}

size_t
panel_count_unrated(const struct item_view *iv)
{
	size_t i, n = panel_n_axes(iv), k = 0;

	for (i = 0; i < n; i++)
		k += panel_axis(iv, i, NULL)->score == ITEM_UNRATED;
	return k;
}

static size_t
title_rows(const struct item_view *iv)
{
	return iv->n_caps > 1 ? iv->n_caps : 0;
}

/* ---- the header -------------------------------------------------------------- */

/* " · complete", or how many of the item's axes are still to rate. */
static void
add_left(struct buf *b, const struct item_view *iv, size_t left)
{
	if (left == 0)
		buf_addstr(b, _(" \xc2\xb7 complete"));
	else
		buf_printf(b, _(" \xc2\xb7 %zu of %zu to rate"), left, panel_n_axes(iv));
}

static void
draw_header(const struct item_view *iv, int y, int x, int width)
{
	size_t left = panel_count_unrated(iv);
	struct buf b = { 0 };

	buf_addstr(&b, _("Rating"));
	add_left(&b, iv, left);
	if (iv->flag != NULL) {
		buf_printf(&b, _(" \xc2\xb7 flag: %s"), ui_flag_title(iv->flag));
		if (iv->flag_reason != NULL)
			buf_printf(&b, " (%s)", iv->flag_reason);
	}
	if (iv->note != NULL)
		buf_printf(&b, _(" \xc2\xb7 note: %s"), iv->note);
	draw_fill(y, x, width, screen_attr(ST_HEADER));
	draw_text(y, x + 1, width - 1, b.data, screen_attr(ST_HEADER));
	buf_free(&b);
}

/* ---- one axis -------------------------------------------------------------- */

static int
name_width(const struct item_view *iv, int width)
{
	size_t i, n = panel_n_axes(iv);
	int w = 4;

	for (i = 0; i < n; i++) {
		int aw = textwrap_width(panel_axis(iv, i, NULL)->name);

		if (aw > w)
			w = aw;
	}
	return w < width / 3 ? w : width / 3;
}

static int
digits(long v)
{
	char tmp[24];

	return snprintf(tmp, sizeof tmp, "%ld", v);
}

static int
draw_point(int y, int x, int x_end, const char *text, bool chosen, attr_t row)
{
	char cell[32];

	snprintf(cell, sizeof cell, chosen ? "[%s]" : " %s ", text);
	return draw_text(y, x, x_end - x, cell, chosen ? screen_attr(ST_CHOSEN) : row);
}

static void
draw_axis(const struct item_view *iv, size_t flat, bool focused, int y, int x, int width)
{
	const struct item_capability *c = NULL;
	const struct item_axis *a = panel_axis(iv, flat, &c);
	attr_t row = screen_attr(focused ? ST_FOCUS : ST_NORMAL);
	int nw = name_width(iv, width), dw = digits(c->max) > digits(c->min) ?
	    digits(c->max) : digits(c->min), cx, end = x + width;
	char num[24];
	long v;

	if (focused)
		draw_text(y, x + 1, 1, "\xe2\x96\xb8", row);	/* ▸ */
	draw_text(y, x + 3, nw, a->name, row);
	cx = x + 3 + nw + 2;
	for (v = c->min; v <= c->max && cx < end; v++) {
		snprintf(num, sizeof num, "%*ld", dw, v);
		cx += draw_point(y, cx, end, num, a->score == v, row);
	}
	cx += draw_point(y, cx, end, "N/A", a->score == ITEM_NA, row);
	if (a->score >= c->min && a->score <= c->max && c->labels[a->score - c->min] != NULL)
		draw_text(y, cx + 2, end - cx - 2, c->labels[a->score - c->min], screen_attr(ST_DIM));
}

static void
draw_cap_title(const struct item_capability *c, int y, int x, int width)
{
	draw_text(y, x + 1, width - 1, c->title != NULL ? c->title : c->capability,
	    screen_attr(ST_CAPTITLE));
}

/* ---- the focused axis's question and anchors ------------------------------ */

void
panel_add_point(struct buf *b, const struct item_capability *c, const struct item_axis *a,
    long v)
{
	const char *label = c->labels[v - c->min], *anchor = a->anchors[v - c->min];

	buf_printf(b, "%ld", v);
	if (label != NULL)
		buf_printf(b, " %s", label);
	if (anchor != NULL)
		buf_printf(b, ": %s", anchor);
}

static bool
has_anchors(const struct item_capability *c, const struct item_axis *a)
{
	long v;

	for (v = c->min; v <= c->max; v++) {
		if (a->anchors[v - c->min] != NULL)
			return true;
	}
	return false;
}

/* Without anchors, every label: the scale at a glance. */
static void
add_scale(struct buf *b, const struct item_capability *c)
{
	long v;

	for (v = c->min; v <= c->max; v++) {
		if (c->labels[v - c->min] == NULL)
			continue;
		if (b->len > 0)
			buf_addstr(b, " \xc2\xb7 ");
		buf_printf(b, "%ld %s", v, c->labels[v - c->min]);
	}
	if (b->len == 0)
		buf_printf(b, _("%ld to %ld, or x for not applicable."), c->min, c->max);
}

/* The anchor shown in full when only one is: the chosen score's, or for an
 * unrated axis the one nearest the middle of the scale; c->min - 1 for none. */
static long
shown_anchor(const struct item_capability *c, const struct item_axis *a, int score)
{
	long mid = (c->min + c->max) / 2, d;

	if (score >= c->min && score <= c->max)
		return a->anchors[score - c->min] != NULL ? score : c->min - 1;
	if (score == ITEM_NA)
		return c->min - 1;
	for (d = 0; d <= c->max - c->min; d++) {
		if (mid - d >= c->min && a->anchors[mid - d - c->min] != NULL)
			return mid - d;
		if (mid + d <= c->max && a->anchors[mid + d - c->min] != NULL)
			return mid + d;
	}
	return c->min - 1;
}

/* The one paragraph of levels 1 to 3: the chosen point, or the shown
 * anchor in full (not at level 3), then the other anchors by number. */
static void
add_one_anchor(struct buf *b, const struct item_capability *c, const struct item_axis *a,
    int score, bool full)
{
	long shown = shown_anchor(c, a, score), v;
	/* TRANSLATORS: before the numbers of the other anchors, as in
	 * "4 good: ... · also 1, 3, 5 (r: the rubric)". */
	const char *sep = _(" \xc2\xb7 also ");

	if (!has_anchors(c, a)) {
		add_scale(b, c);
		return;
	}
	if (score == ITEM_NA)
		buf_addstr(b, "N/A");
	else if (score >= c->min && score <= c->max && shown < c->min)
		panel_add_point(b, c, a, score);	/* a point without an anchor */
	else if (full)
		panel_add_point(b, c, a, shown);
	else {
		buf_printf(b, "%ld", shown);
		if (c->labels[shown - c->min] != NULL)
			buf_printf(b, " %s", c->labels[shown - c->min]);
	}
	if (b->len == 0)
		/* TRANSLATORS: before the numbers of the score points that have an
		 * anchor, as in "anchors 1, 3, 5 (r: the rubric)". */
		sep = _("anchors ");
	else if (shown < c->min)
		sep = _(" \xc2\xb7 anchors ");
	for (v = c->min; v <= c->max; v++) {
		if (a->anchors[v - c->min] == NULL || (v == shown && full))
			continue;
		buf_printf(b, "%s%ld", sep, v);
		sep = ", ";
	}
	buf_addstr(b, _(" (r: the rubric)"));
}

/* The focused axis's text at a level of detail (layout.h), as paragraphs,
 * each drawn from a line of its own. */
struct detail {
	struct buf	*p;
	enum ui_style	*st;
	size_t		 n;
};

static struct buf *
detail_add(struct detail *d, enum ui_style st)
{
	d->p = xreallocarray(d->p, d->n + 1, sizeof *d->p);
	d->st = xreallocarray(d->st, d->n + 1, sizeof *d->st);
	memset(&d->p[d->n], 0, sizeof *d->p);
	d->st[d->n] = st;
	return &d->p[d->n++];
}

static void
detail_make(struct detail *d, const struct item_capability *c, const struct item_axis *a,
    int score, int level)
{
	struct buf *b;
	long v;

	memset(d, 0, sizeof *d);
	if (level <= 1)
		buf_addstr(detail_add(d, ST_QUESTION),
		    a->question != NULL ? a->question : a->id);
	if (level > 0 || !has_anchors(c, a)) {
		add_one_anchor(detail_add(d, ST_NORMAL), c, a, score, level < 3);
		return;
	}
	/* A chosen point without an anchor has its label on the axis's row. */
	for (v = c->min; v <= c->max; v++) {
		if (a->anchors[v - c->min] != NULL) {
			b = detail_add(d, score == v ? ST_CHOSEN : ST_NORMAL);
			panel_add_point(b, c, a, v);
		}
	}
}

static void
detail_free(struct detail *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		buf_free(&d->p[i]);
	free(d->p);
	free(d->st);
}

static int
wrapped_rows(const char *s, int width)
{
	struct wrap *w = textwrap_wrap(s, strlen(s), width);
	int n = w != NULL ? (int)w->n : 1;

	textwrap_free(w);
	return n > 0 ? n : 1;
}

static int
detail_rows(const struct detail *d, int width, int level)
{
	size_t i;
	int n = 0;

	if (level == 3)
		return 1;
	for (i = 0; i < d->n; i++)
		n += wrapped_rows(d->p[i].data, width);
	return n;
}

static void
draw_details(const struct item_view *iv, size_t focus, int level, int y, int x, int width,
    int rows)
{
	const struct item_capability *c = NULL;
	const struct item_axis *a = panel_axis(iv, focus, &c);
	struct detail d;
	size_t i;
	int used = 0;

	if (a == NULL || rows <= 0)
		return;
	detail_make(&d, c, a, a->score, level);
	for (i = 0; i < d.n && used < rows; i++) {
		attr_t st = screen_attr(d.st[i]);

		if (level == 3)
			used += draw_text(y, x + 3, width - 4, d.p[i].data, st) > 0;
		else
			used += draw_wrapped(y + used, x + 3, width - 4, rows - used,
			    d.p[i].data, st);
	}
	detail_free(&d);
}

/* ---- what the panel needs ------------------------------------------------- */

/* The most rows any axis of the item needs at a level, with any score: the
 * layout stays the same while the reviewer rates. */
static int
most_detail_rows(const struct item_view *iv, int width, int level)
{
	size_t i, n = panel_n_axes(iv);
	int most = 1, rows, score;
	struct detail d;
	long v;

	for (i = 0; i < n; i++) {
		const struct item_capability *c = NULL;
		const struct item_axis *a = panel_axis(iv, i, &c);

		for (v = c->min - 2; v <= c->max; v++) {
			/* min - 2 and min - 1 stand for unrated and N/A. */
			score = v == c->min - 2 ? ITEM_UNRATED :
			    v == c->min - 1 ? ITEM_NA : (int)v;
			detail_make(&d, c, a, score, level);
			rows = detail_rows(&d, width, level);
			detail_free(&d);
			if (rows > most)
				most = rows;
		}
	}
	return most;
}

void
panel_needs(const struct item_view *iv, int width, struct panel_needs *n)
{
	int level;

	n->list_full = 1 + (int)(title_rows(iv) + panel_n_axes(iv));
	n->list_compact = 1 + (int)iv->n_caps;
	for (level = 0; level < LAYOUT_DETAIL_LEVELS; level++)
		n->detail[level] = most_detail_rows(iv, width - 4, level);
}

/* ---- the compact list -------------------------------------------------------- */

static void
score_text(const struct item_capability *c, const struct item_axis *a, char *s, size_t size)
{
	if (a->score == ITEM_NA)
		snprintf(s, size, "N/A");
	else if (a->score >= c->min && a->score <= c->max)
		snprintf(s, size, "%d", a->score);
	else
		snprintf(s, size, "\xc2\xb7");	/* · */
}

static int
title_width(const struct item_view *iv, int width)
{
	size_t i;
	int w = 0, tw;

	for (i = 0; i < iv->n_caps; i++) {
		const struct item_capability *c = &iv->caps[i];

		tw = textwrap_width(c->title != NULL ? c->title : c->capability);
		if (tw > w)
			w = tw;
	}
	return w < width / 5 ? w : width / 5;
}

/* One capability on one row: its title, then "name score" for each axis in
 * cells of one width, the names clipped when the row is too narrow. */
static void
draw_compact_cap(const struct item_view *iv, size_t ci, size_t flat0, size_t focus, int y,
    int x, int width)
{
	const struct item_capability *c = &iv->caps[ci];
	int tw = title_width(iv, width), cx = x + 1 + tw + 1, cell, nw;
	char score[16];
	size_t ai;

	draw_text(y, x + 1, tw, c->title != NULL ? c->title : c->capability,
	    screen_attr(ST_CAPTITLE));
	cell = c->n_axes > 0 ? (x + width - cx) / (int)c->n_axes : 0;
	for (ai = 0; ai < c->n_axes; ai++, cx += cell) {
		const struct item_axis *a = &c->axes[ai];
		bool focused = flat0 + ai == focus;
		attr_t row = screen_attr(focused ? ST_FOCUS : ST_NORMAL);

		score_text(c, a, score, sizeof score);
		/* The marker's column keeps the cells apart. */
		nw = cell - 1 - 1 - textwrap_width(score);
		if (nw < 1)
			nw = 1;
		if (focused)
			draw_text(y, cx, 1, "\xe2\x96\xb8", row);	/* ▸ */
		nw = draw_text(y, cx + 1, nw, a->name, row);
		draw_text(y, cx + 2 + nw, cell - 2 - nw, score,
		    screen_attr(a->score == ITEM_UNRATED ? ST_DIM : ST_CHOSEN));
	}
}

/* ---- the whole panel ------------------------------------------------------- */

static void
draw_full_list(const struct item_view *iv, size_t focus, int y, int x, int width, int list_h)
{
	size_t n_rows = title_rows(iv) + panel_n_axes(iv), r, ci, ai, flat = 0, focus_row = 0;
	size_t first;

	/* Find the focused axis's row, then scroll the list to show it. */
	for (ci = 0, r = 0; ci < iv->n_caps; ci++) {
		r += iv->n_caps > 1;
		for (ai = 0; ai < iv->caps[ci].n_axes; ai++, r++, flat++) {
			if (flat == focus)
				focus_row = r;
		}
	}
	first = list_h > 0 && focus_row + 1 > (size_t)list_h ? focus_row + 1 - (size_t)list_h : 0;
	for (ci = 0, r = 0, flat = 0; ci < iv->n_caps && r < n_rows; ci++) {
		if (iv->n_caps > 1) {
			if (r >= first && r < first + (size_t)list_h)
				draw_cap_title(&iv->caps[ci], y + (int)(r - first), x, width);
			r++;
		}
		for (ai = 0; ai < iv->caps[ci].n_axes; ai++, r++, flat++) {
			if (r >= first && r < first + (size_t)list_h)
				draw_axis(iv, flat, flat == focus, y + (int)(r - first), x, width);
		}
	}
}

static void
draw_compact_list(const struct item_view *iv, size_t focus, int y, int x, int width,
    int list_h)
{
	size_t ci, flat = 0, first = 0;

	/* The focused axis's capability on screen, as in the full list. */
	for (ci = 0; ci < iv->n_caps; flat += iv->caps[ci].n_axes, ci++) {
		if (focus >= flat && focus < flat + iv->caps[ci].n_axes && list_h > 0 &&
		    ci + 1 > (size_t)list_h)
			first = ci + 1 - (size_t)list_h;
	}
	for (ci = 0, flat = 0; ci < iv->n_caps; flat += iv->caps[ci].n_axes, ci++) {
		if (ci >= first && ci < first + (size_t)list_h)
			draw_compact_cap(iv, ci, flat, focus, y + (int)(ci - first), x, width);
	}
}

void
panel_draw(const struct item_view *iv, size_t focus, const struct layout *l, int x, int width)
{
	int list_h = l->panel_h - 1 - l->detail_h;

	if (l->panel_h <= 0)
		return;
	draw_header(iv, l->panel_y, x, width);
	if (l->compact)
		draw_compact_list(iv, focus, l->panel_y + 1, x, width, list_h);
	else
		draw_full_list(iv, focus, l->panel_y + 1, x, width, list_h);
	draw_details(iv, focus, l->detail_level, l->panel_y + 1 + list_h, x, width,
	    l->detail_h);
}

void
panel_focus_status(const struct item_view *iv, size_t focus, struct buf *b)
{
	const struct item_capability *c = NULL;
	const struct item_axis *a = panel_axis(iv, focus, &c);
	size_t left = panel_count_unrated(iv);

	if (a == NULL)
		return;
	if (iv->n_caps > 1)
		buf_printf(b, "%s \xc2\xb7 ", c->title != NULL ? c->title : c->capability);
	buf_printf(b, "%s: ", a->name);
	if (a->score == ITEM_UNRATED)
		buf_printf(b, _("not rated (%ld-%ld)"), c->min, c->max);
	else if (a->score == ITEM_NA)
		buf_addstr(b, "N/A");
	else {
		buf_printf(b, "%d", a->score);
		if (a->score >= c->min && a->score <= c->max &&
		    c->labels[a->score - c->min] != NULL)
			buf_printf(b, " %s", c->labels[a->score - c->min]);
	}
	add_left(b, iv, left);
}
