/* ui-rubric.c: the rubric view, in place of the panes.
 *
 *	▸ Rubric · r: back to the text                              1-20/64
 *	 Summarization (summarization, 1 to 5)
 *	 Condensing material into the points its reader needs.
 *
 *	 ▸ coherence: Does the summary read as one connected answer?
 *	      1  very poor    Disjointed fragments.
 *	      2  poor
 *	     [3] acceptable   Readable with seams.
 *
 * Every point of every axis is listed, anchored or not, so the table is the
 * whole scale.  The focused axis is drawn in its own style with a marker;
 * the chosen score is bracketed, as in the panel. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-internal.h"

/* A paragraph: `lead` on its first row at `indent`, `text` wrapped from
 * column `hang` on every row. */
struct para {
	struct buf	 lead;
	struct buf	 text;
	int		 indent;
	int		 hang;
	enum ui_style	 st;
	size_t		 axis;		/* flat, or SIZE_MAX */
	struct wrap	*wrap;
	size_t		 first;		/* its first row */
	size_t		 rows;
};

struct paras {
	struct para	*p;
	size_t		 n;
};

static struct para *
para_add(struct paras *ps, int indent, int hang, enum ui_style st, size_t axis)
{
	struct para *p;

	ps->p = xreallocarray(ps->p, ps->n + 1, sizeof *ps->p);
	p = &ps->p[ps->n++];
	memset(p, 0, sizeof *p);
	p->indent = indent;
	p->hang = hang;
	p->st = st;
	p->axis = axis;
	return p;
}

static void
paras_free(struct paras *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		buf_free(&ps->p[i].lead);
		buf_free(&ps->p[i].text);
		textwrap_free(ps->p[i].wrap);
	}
	free(ps->p);
}

static int
label_width(const struct item_capability *c)
{
	int w = 0, lw;
	long v;

	for (v = c->min; v <= c->max; v++) {
		const char *label = c->labels[v - c->min];

		if (label != NULL && (lw = textwrap_width(label)) > w)
			w = lw;
	}
	return w < 20 ? w : 20;
}

static int
number_width(const struct item_capability *c)
{
	char a[24], b[24];
	int wa = snprintf(a, sizeof a, "%ld", c->min);
	int wb = snprintf(b, sizeof b, "%ld", c->max);

	return wa > wb ? wa : wb;
}

static void
add_axis(struct paras *ps, const struct item_capability *c, const struct item_axis *a,
    size_t flat, bool focused)
{
	enum ui_style st = focused ? ST_FOCUS : ST_NORMAL;
	int lw = label_width(c), nw = number_width(c), hang;
	char num[32];
	struct para *p;
	long v;

	p = para_add(ps, 1, 3, focused ? ST_FOCUS : ST_QUESTION, flat);
	buf_printf(&p->lead, "%s %s: ", focused ? "\xe2\x96\xb8" : " ", a->name);	/* ▸ */
	p->hang = 3 + textwrap_width(a->name) + 2;
	buf_addstr(&p->text, a->question != NULL ? a->question : "");
	hang = 5 + nw + 2 + 2 + (lw > 0 ? lw + 2 : 0);
	for (v = c->min; v <= c->max; v++) {
		const char *label = c->labels[v - c->min], *anchor = a->anchors[v - c->min];
		bool chosen = a->score == v;

		p = para_add(ps, 5, hang, chosen ? ST_CHOSEN : st, flat);
		snprintf(num, sizeof num, chosen ? "[%*ld]" : " %*ld ", nw, v);
		buf_printf(&p->lead, "%s  %s", num, label != NULL ? label : "");
		buf_addstr(&p->text, anchor != NULL ? anchor : "");
	}
	p = para_add(ps, 5, 5, a->score == ITEM_NA ? ST_CHOSEN : ST_DIM, flat);
	buf_addstr(&p->text, a->score == ITEM_NA ? _("[N/A] does not apply to this output") :
	    _(" x   N/A: does not apply to this output"));
	para_add(ps, 0, 0, ST_NORMAL, flat);	/* a blank row */
}

static void
build(struct paras *ps, const struct item_view *iv, size_t focus)
{
	size_t ci, ai, flat = 0;
	struct para *p;

	for (ci = 0; ci < iv->n_caps; ci++) {
		const struct item_capability *c = &iv->caps[ci];

		p = para_add(ps, 1, 1, ST_CAPTITLE, SIZE_MAX);
		/* TRANSLATORS: a capability's title, its id and its scale. */
		buf_printf(&p->text, _("%s (%s, %ld to %ld)"), c->title != NULL ? c->title :
		    c->capability, c->capability, c->min, c->max);
		if (c->description != NULL) {
			p = para_add(ps, 1, 1, ST_NORMAL, SIZE_MAX);
			buf_addstr(&p->text, c->description);
		}
		para_add(ps, 0, 0, ST_NORMAL, SIZE_MAX);
		for (ai = 0; ai < c->n_axes; ai++, flat++)
			add_axis(ps, c, &c->axes[ai], flat, flat == focus);
	}
}

/* Wrap every paragraph; returns the rows in all. */
static size_t
wrap_all(struct paras *ps, int width)
{
	size_t i, rows = 0;

	for (i = 0; i < ps->n; i++) {
		struct para *p = &ps->p[i];
		const char *t = p->text.data != NULL ? p->text.data : "";

		/* textwrap_wrap takes a width under 1 as 1. */
		p->wrap = textwrap_wrap(t, strlen(t), width - p->hang);
		p->first = rows;
		p->rows = p->wrap != NULL && p->wrap->n > 0 ? p->wrap->n : 1;
		rows += p->rows;
	}
	return rows;
}

static void
follow_focus(struct rubric_view *r, const struct paras *ps, size_t focus, int height)
{
	size_t i, a0 = SIZE_MAX, a1 = 0;

	for (i = 0; i < ps->n; i++) {
		if (ps->p[i].axis != focus)
			continue;
		if (a0 == SIZE_MAX)
			a0 = ps->p[i].first;
		a1 = ps->p[i].first + ps->p[i].rows;
	}
	if (a0 == SIZE_MAX || height <= 0)
		return;
	if (a0 < r->top || a1 - a0 > (size_t)height)
		r->top = a0;
	else if (a1 > r->top + (size_t)height)
		r->top = a1 - (size_t)height;
}

static void
draw_para(const struct para *p, size_t top, int y, int x, int width, int height)
{
	const char *t = p->text.data != NULL ? p->text.data : "";
	attr_t a = screen_attr(p->st);
	size_t i;
	long row;

	for (i = 0; i < p->rows; i++) {
		row = (long)(p->first + i) - (long)top;
		if (row < 0 || row >= height)
			continue;
		if (i == 0 && p->lead.len > 0)
			draw_text(y + (int)row, x + p->indent, width - p->indent,
			    p->lead.data, a);
		if (p->wrap != NULL && i < p->wrap->n)
			draw_text_n(y + (int)row, x + p->hang, width - p->hang,
			    t + p->wrap->lines[i].start,
			    p->wrap->lines[i].end - p->wrap->lines[i].start, a);
	}
}

static void
draw_header(const struct rubric_view *r, int y, int x, int width)
{
	attr_t a = screen_attr(ST_HEADER_FOCUS);
	char pos[64];

	if (r->rows <= (size_t)r->height)
		snprintf(pos, sizeof pos, "%s", pane_all());
	else
		snprintf(pos, sizeof pos, "%zu-%zu/%zu", r->top + 1,
		    r->top + (size_t)r->height < r->rows ? r->top + (size_t)r->height : r->rows,
		    r->rows);
	draw_fill(y, x, width, a);
	draw_text(y, x, width - textwrap_width(pos) - 2,
	    _("\xe2\x96\xb8 Rubric \xc2\xb7 r: back to the text"), a);
	draw_text_right(y, x, width - 1, pos, a);
}

void
rubric_reset(struct rubric_view *r)
{
	r->top = 0;
	r->follow = true;
}

static void
clamp(struct rubric_view *r)
{
	size_t h = r->height > 0 ? (size_t)r->height : 1;

	if (r->top + h > r->rows)
		r->top = r->rows > h ? r->rows - h : 0;
}

void
rubric_draw(struct rubric_view *r, const struct item_view *iv, size_t focus, int y, int x,
    int width, int height)
{
	struct paras ps = { 0 };
	size_t i;

	if (height <= 1 || width <= 8)
		return;
	build(&ps, iv, focus);
	r->rows = wrap_all(&ps, width - 1);
	r->height = height - 1;
	if (r->follow || focus != r->shown_focus)
		follow_focus(r, &ps, focus, r->height);
	r->follow = false;
	r->shown_focus = focus;
	clamp(r);
	draw_header(r, y, x, width);
	for (i = 0; i < ps.n; i++)
		draw_para(&ps.p[i], r->top, y + 1, x, width - 1, r->height);
	paras_free(&ps);
}

bool
rubric_scroll(struct rubric_view *r, enum ui_action a)
{
	size_t page = r->height > 2 ? (size_t)r->height - 2 : 1;

	switch (a) {
	case ACT_PAGE_DOWN:
		r->top += page;
		break;
	case ACT_PAGE_UP:
		r->top = r->top > page ? r->top - page : 0;
		break;
	case ACT_LINE_DOWN:
		r->top++;
		break;
	case ACT_LINE_UP:
		r->top = r->top > 0 ? r->top - 1 : 0;
		break;
	case ACT_TOP:
		r->top = 0;
		break;
	case ACT_BOTTOM:
		r->top = r->rows;
		break;
	default:
		return false;
	}
	clamp(r);
	return true;
}
