/* ui-pane.c: a scrollable pane of wrapped, Markdown-styled text.
 *
 * A 1 MB output must scroll without lag, so the work is done once: the
 * Markdown classes when the text arrives, the wrap when the width changes.
 * Drawing touches only the rows on screen.  The styling never changes the
 * text: every marker is drawn, only quieter or brighter. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-internal.h"

void
pane_init(struct pane *p)
{
	memset(p, 0, sizeof *p);
}

void
pane_clear(struct pane *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		markdown_free(p->b[i].md);
		textwrap_free(p->b[i].wrap);
	}
	free(p->b);
	pane_init(p);
}

void
pane_add(struct pane *p, const char *label, const char *text, bool markdown)
{
	struct pane_block *b;

	p->b = xreallocarray(p->b, p->n + 1, sizeof *p->b);
	b = &p->b[p->n++];
	memset(b, 0, sizeof *b);
	b->label = label;
	b->text = text != NULL ? text : "";
	b->len = strlen(b->text);
	/* Out of memory here only costs the styling. */
	b->md = markdown ? markdown_classify(b->text, b->len) : NULL;
	p->width = 0;		/* wrap at the next layout */
}

/* ---- rows: a label, the wrapped lines, a blank before the next block ---- */

static size_t
max_top(const struct pane *p)
{
	return p->rows > (size_t)p->height ? p->rows - (size_t)p->height : 0;
}

/* The block holding a row (binary search over first rows). */
static size_t
block_of_row(const struct pane *p, size_t row)
{
	size_t lo = 0, hi = p->n;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (p->b[mid].first <= row)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The display line holding byte `off` (the last one starting at or before it). */
static size_t
line_of_offset(const struct wrap *w, size_t off)
{
	size_t lo = 0, hi = w->n;

	if (w->n == 0)
		return 0;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (w->lines[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static size_t
anchor_row(const struct pane *p)
{
	const struct pane_anchor *a = &p->anchor;
	const struct pane_block *b;
	size_t label;

	if (a->block >= p->n || p->width == 0)
		return 0;
	b = &p->b[a->block];
	label = b->label != NULL;
	if (a->part == 0 || b->wrap->n == 0)
		return b->first + (a->part == 2 ? b->rows - 1 : 0);
	if (a->part == 2)
		return b->first + b->rows - 1;
	return b->first + label + line_of_offset(b->wrap, a->off);
}

/* Put `row` on top and remember it as a place in the text. */
static void
set_top(struct pane *p, size_t row)
{
	const struct pane_block *b;
	size_t r;

	if (row > max_top(p))
		row = max_top(p);
	p->top = row;
	if (p->n == 0 || p->width == 0)	/* not laid out yet */
		return;
	p->anchor.block = block_of_row(p, row);
	b = &p->b[p->anchor.block];
	r = row - b->first;
	p->anchor.part = 0;
	p->anchor.off = 0;
	if (b->label != NULL && r-- == 0)
		return;
	if (r < b->wrap->n) {
		p->anchor.part = 1;
		p->anchor.off = b->wrap->lines[r].start;
	} else
		p->anchor.part = 2;
}

static bool
rewrap(struct pane *p, int width)
{
	size_t i, row = 0;

	for (i = 0; i < p->n; i++) {
		struct pane_block *b = &p->b[i];

		textwrap_free(b->wrap);
		if ((b->wrap = textwrap_wrap(b->text, b->len, width)) == NULL)
			return false;
		b->first = row;
		b->rows = (b->label != NULL) + b->wrap->n + (i + 1 < p->n);
		row += b->rows;
	}
	p->rows = row;
	p->width = width;
	return true;
}

bool
pane_layout(struct pane *p, int width, int height)
{
	size_t top;

	if (width < 1)
		width = 1;
	p->height = height > 0 ? height : 0;
	if (width != p->width && !rewrap(p, width)) {
		p->width = 0;
		p->rows = 0;
		return false;
	}
	/* The anchor stays where the reviewer put it, so a resize there and
	 * back shows the same text; only the row it maps to is clamped. */
	top = anchor_row(p);
	p->top = top > max_top(p) ? max_top(p) : top;
	return true;
}

void
pane_scroll(struct pane *p, long rows)
{
	if (rows < 0 && (size_t)-rows > p->top)
		set_top(p, 0);
	else
		set_top(p, p->top + (size_t)rows);
}

void
pane_page(struct pane *p, int direction)
{
	/* One line of the old page stays in view, for continuity. */
	long page = p->height > 2 ? p->height - 1 : 1;

	pane_scroll(p, direction * page);
}

void
pane_home(struct pane *p)
{
	set_top(p, 0);
}

void
pane_end(struct pane *p)
{
	set_top(p, max_top(p));
}

void
pane_position(const struct pane *p, char *out, size_t size)
{
	size_t last = p->top + (size_t)p->height;

	if (p->rows <= (size_t)p->height)
		snprintf(out, size, "all");
	else
		snprintf(out, size, "%zu-%zu/%zu", p->top + 1, last < p->rows ? last : p->rows,
		    p->rows);
}

/* ---- drawing ---------------------------------------------------------------- */

static attr_t
line_attr(const struct md_line *l)
{
	switch (l->kind) {
	case MD_HEADING:
		return screen_attr(ST_HEADING);
	case MD_QUOTE:
		return screen_attr(ST_QUOTE);
	case MD_CODE:
		return screen_attr(ST_CODE);
	case MD_FENCE:
	case MD_RULE:
		return screen_attr(ST_DELIM);
	default:
		return screen_attr(ST_NORMAL);
	}
}

/* The attribute of the byte at `off` on a classified line. */
static attr_t
glyph_attr(const struct markdown *md, size_t src, size_t off, attr_t base)
{
	const struct md_line *l = &md->lines[src];
	int style;

	if (off >= l->mark_start && off < l->mark_end)
		return screen_attr(l->kind == MD_LIST ? ST_LISTMARK : ST_DELIM);
	if (l->kind == MD_FENCE && off >= l->info_start && off < l->info_end)
		return screen_attr(ST_CODE);
	if (l->n_spans == 0)
		return base;
	style = markdown_style_at(md, src, off);
	if (style & MD_DELIM)
		return screen_attr(ST_DELIM);
	if (style & MD_CODESPAN)
		return screen_attr(ST_CODE);
	if (style & MD_STRONG)
		base |= A_BOLD;
	if (style & MD_EM)
		base |= A_UNDERLINE;
	return base;
}

static void
draw_line(const struct pane_block *b, size_t li, int y, int x, int width)
{
	const struct wrap_line *l = &b->wrap->lines[li];
	const struct markdown *md = b->md;
	bool styled = md != NULL && l->src < md->n;
	attr_t base = styled ? line_attr(&md->lines[l->src]) : screen_attr(ST_NORMAL);
	struct glyph_iter it;
	struct glyph g;

	glyph_iter_init(&it, b->text, l);
	while (glyph_iter_next(&it, &g)) {
		attr_t a = styled ? glyph_attr(md, l->src, g.off, base) : base;

		/* A glyph wider than the pane (an escape in a narrow pane) is
		 * clipped: it has a line of its own. */
		if (draw_glyph(y, x + g.col, x + width, &g, a) < g.width)
			break;
	}
}

static void
draw_label(const char *label, int y, int x, int width)
{
	static const wchar_t rule[2] = { 0x2500, 0 };	/* ─ */
	cchar_t cc;
	int w, i;

	setcchar(&cc, rule, A_NORMAL, 0, NULL);
	mvadd_wch(y, x, &cc);
	mvadd_wch(y, x + 1, &cc);
	w = 3 + draw_text(y, x + 3, width - 4, label, screen_attr(ST_ROLE));
	for (i = w + 1; i < width; i++)
		mvadd_wch(y, x + i, &cc);
}

void
pane_draw(const struct pane *p, int y, int x, int width, int height)
{
	int r;

	for (r = 0; r < height; r++) {
		size_t row = p->top + (size_t)r, bi, k;
		const struct pane_block *b;

		/* No blanks to draw: view_draw() starts from an erased screen. */
		if (row >= p->rows || p->n == 0 || p->width == 0)
			continue;
		bi = block_of_row(p, row);
		b = &p->b[bi];
		k = row - b->first;
		if (b->label != NULL && k-- == 0)
			draw_label(b->label, y + r, x, width);
		else if (k < b->wrap->n)
			draw_line(b, k, y + r, x, width);
	}
}
