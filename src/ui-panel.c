/* ui-panel.c: the rating panel under the panes.
 *
 *	 Rating · 2 of 5 to rate · flag: off-topic · note: ...
 *	 Summarization                       (when the prompt has two capabilities)
 *	 ▸ coherence    1  2 [3] 4  5  N/A   acceptable
 *	   accuracy     1  2  3  4  5  N/A
 *	   Does the summary read as one connected answer?
 *	   3 acceptable: Readable with seams.
 *
 * The chosen score is bracketed as well as highlighted, so it shows without
 * colour or reverse video (and in a test's capture of the screen). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-internal.h"

#define DETAIL_ROWS	4	/* the question and the anchor, two lines each */

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

int
panel_rows_wanted(const struct item_view *iv)
{
	return 1 + (int)(title_rows(iv) + panel_n_axes(iv)) + DETAIL_ROWS;
}

/* ---- the header -------------------------------------------------------------- */

static void
draw_header(const struct item_view *iv, int y, int x, int width)
{
	size_t left = panel_count_unrated(iv);
	struct buf b = { 0 };

	buf_addstr(&b, "Rating");
	if (left == 0)
		buf_addstr(&b, " \xc2\xb7 complete");
	else
		buf_printf(&b, " \xc2\xb7 %zu of %zu to rate", left, panel_n_axes(iv));
	if (iv->flag != NULL) {
		buf_printf(&b, " \xc2\xb7 flag: %s", iv->flag);
		if (iv->flag_reason != NULL)
			buf_printf(&b, " (%s)", iv->flag_reason);
	}
	if (iv->note != NULL)
		buf_printf(&b, " \xc2\xb7 note: %s", iv->note);
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
		int aw = textwrap_width(panel_axis(iv, i, NULL)->id);

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
	draw_text(y, x + 3, nw, a->id, row);
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

static void
add_point(struct buf *b, const struct item_capability *c, const struct item_axis *a, long v)
{
	const char *label = c->labels[v - c->min], *anchor = a->anchors[v - c->min];

	buf_printf(b, "%ld", v);
	if (label != NULL)
		buf_printf(b, " %s", label);
	if (anchor != NULL)
		buf_printf(b, ": %s", anchor);
}

/* A point without anchor text is described by its anchored neighbours. */
static void
add_between(struct buf *b, const struct item_capability *c, const struct item_axis *a, long v)
{
	long lo, hi;

	for (lo = v - 1; lo >= c->min && a->anchors[lo - c->min] == NULL; lo--)
		;
	for (hi = v + 1; hi <= c->max && a->anchors[hi - c->min] == NULL; hi++)
		;
	if (lo < c->min && hi > c->max)
		return;
	buf_addstr(b, " \xc2\xb7 between ");
	if (lo >= c->min)
		add_point(b, c, a, lo);
	if (lo >= c->min && hi <= c->max)
		buf_addstr(b, " and ");
	if (hi <= c->max)
		add_point(b, c, a, hi);
}

/* Every anchor (or, without anchors, every label): the scale at a glance. */
static void
add_scale(struct buf *b, const struct item_capability *c, const struct item_axis *a)
{
	bool any = false;
	long v;

	for (v = c->min; v <= c->max; v++)
		any |= a->anchors[v - c->min] != NULL || c->labels[v - c->min] != NULL;
	if (!any) {
		buf_printf(b, "Not rated yet: %ld to %ld, or x for not applicable.", c->min, c->max);
		return;
	}
	for (v = c->min; v <= c->max; v++) {
		if (a->anchors[v - c->min] == NULL && c->labels[v - c->min] == NULL)
			continue;
		if (b->len > 0)
			buf_addstr(b, " \xc2\xb7 ");
		add_point(b, c, a, v);
	}
}

static void
describe_score(struct buf *b, const struct item_capability *c, const struct item_axis *a)
{
	if (a->score == ITEM_NA)
		buf_addstr(b, "N/A: this axis does not apply to this output.");
	else if (a->score == ITEM_UNRATED)
		add_scale(b, c, a);
	else if (a->score >= c->min && a->score <= c->max) {
		add_point(b, c, a, a->score);
		if (a->anchors[a->score - c->min] == NULL)
			add_between(b, c, a, a->score);
	}
}

static void
draw_details(const struct item_view *iv, size_t focus, int y, int x, int width, int rows)
{
	const struct item_capability *c = NULL;
	const struct item_axis *a = panel_axis(iv, focus, &c);
	struct buf b = { 0 };
	int q;

	if (a == NULL || rows <= 0)
		return;
	q = draw_wrapped(y, x + 3, width - 4, rows > 2 ? rows - 2 : 1,
	    a->question != NULL ? a->question : a->id, screen_attr(ST_QUESTION));
	describe_score(&b, c, a);
	if (b.len > 0)
		draw_wrapped(y + q, x + 3, width - 4, rows - q, b.data, screen_attr(ST_NORMAL));
	buf_free(&b);
}

/* ---- the whole panel ------------------------------------------------------- */

void
panel_draw(const struct item_view *iv, size_t focus, int y, int x, int width, int height)
{
	size_t n_rows = title_rows(iv) + panel_n_axes(iv), r, ci, ai, flat = 0, focus_row = 0;
	int details = height >= panel_rows_wanted(iv) ? DETAIL_ROWS : 2, list_h;
	size_t first;

	if (height <= 0)
		return;
	if (details > height - 2)
		details = height > 2 ? height - 2 : 0;
	list_h = height - 1 - details;
	draw_header(iv, y, x, width);
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
				draw_cap_title(&iv->caps[ci], y + 1 + (int)(r - first), x, width);
			r++;
		}
		for (ai = 0; ai < iv->caps[ci].n_axes; ai++, r++, flat++) {
			if (r >= first && r < first + (size_t)list_h)
				draw_axis(iv, flat, flat == focus, y + 1 + (int)(r - first), x, width);
		}
	}
	draw_details(iv, focus, y + 1 + list_h, x, width, details);
}
