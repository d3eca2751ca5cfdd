/* ui-pane.c: a scrollable pane of laid-out, Markdown-styled text.
 *
 * A 1 MB output must scroll without lag, so the work is done once: the
 * Markdown classes when the text arrives, the layout (mdlayout.h) when the
 * width changes.  Drawing touches only the rows on screen.  What is drawn
 * is always glyph_decode()'s glyphs of the text's own bytes, or the
 * layout's rules and bars: nothing of the text reaches the terminal raw. */
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
		mdlayout_free(p->b[i].lay);
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
	b->md = markdown ? markdown_classify(b->text, b->len) : NULL;
	p->width = 0;		/* lay out at the next layout */
}

void
pane_set_raw(struct pane *p, bool raw)
{
	if (p->raw == raw)
		return;
	p->raw = raw;
	p->width = 0;
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

static size_t
anchor_row(const struct pane *p)
{
	const struct pane_anchor *a = &p->anchor;
	const struct pane_block *b;
	size_t label, r, last;

	if (a->block >= p->n || p->width == 0)
		return 0;
	b = &p->b[a->block];
	label = b->label != NULL;
	if (a->part == 0 || b->lay->n == 0)
		return b->first + (a->part == 2 ? b->rows - 1 : 0);
	if (a->part == 2)
		return b->first + b->rows - 1;
	/* The same row of the rows that show text from off, as far as the
	 * new layout has as many. */
	r = mdlayout_row_of(b->lay, a->off);
	for (last = r; last + 1 < b->lay->n && b->lay->rows[last + 1].off ==
	    b->lay->rows[r].off && last - r < a->k; last++)
		;
	return b->first + label + last;
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
	p->anchor.k = 0;
	if (b->label != NULL && r-- == 0)
		return;
	if (r < b->lay->n) {
		p->anchor.part = 1;
		p->anchor.off = b->lay->rows[r].off;
		p->anchor.k = r - mdlayout_row_of(b->lay, p->anchor.off);
	} else
		p->anchor.part = 2;
}

static void
relayout(struct pane *p, int width)
{
	size_t i, row = 0;

	p->max_width = 0;
	for (i = 0; i < p->n; i++) {
		struct pane_block *b = &p->b[i];

		mdlayout_free(b->lay);
		b->lay = mdlayout_build(b->text, b->len, p->raw ? NULL : b->md, width);
		b->first = row;
		b->rows = (b->label != NULL) + b->lay->n + (i + 1 < p->n);
		row += b->rows;
		if (b->lay->max_width > p->max_width)
			p->max_width = b->lay->max_width;
	}
	p->rows = row;
	p->width = width;
}

static int
max_xoff(const struct pane *p)
{
	return p->max_width > p->width ? p->max_width - p->width : 0;
}

bool
pane_layout(struct pane *p, int width, int height)
{
	size_t top;

	if (width < 1)
		width = 1;
	p->height = height > 0 ? height : 0;
	if (width != p->width)
		relayout(p, width);
	/* The anchor stays where the reviewer put it, so a resize there and
	 * back shows the same text; only the row it maps to is clamped. */
	top = anchor_row(p);
	p->top = top > max_top(p) ? max_top(p) : top;
	if (p->xoff > max_xoff(p))
		p->xoff = max_xoff(p);
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

const char *
pane_all(void)
{
	/* TRANSLATORS: a pane's position when all its text is in view. */
	return _("all");
}

void
pane_position(const struct pane *p, char *out, size_t size)
{
	size_t last = p->top + (size_t)p->height;

	if (p->rows <= (size_t)p->height)
		snprintf(out, size, "%s", pane_all());
	else
		snprintf(out, size, "%zu-%zu/%zu", p->top + 1, last < p->rows ? last : p->rows,
		    p->rows);
}

bool
pane_hscroll(struct pane *p, int direction)
{
	int step = p->width > 3 ? p->width / 2 : 1, to = p->xoff + direction * step;

	if (to > max_xoff(p))
		to = max_xoff(p);
	if (to < 0)
		to = 0;
	if (to == p->xoff)
		return false;
	p->xoff = to;
	return true;
}

/* ---- search ------------------------------------------------------------------- */

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool
match_at(const char *text, size_t len, size_t at, const char *needle, size_t n)
{
	size_t i;

	if (at + n > len)
		return false;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)text[at + i]) != lower((unsigned char)needle[i]))
			return false;
	return true;
}

/* The first occurrence at or after `from` (forward), or the last before it. */
static bool
find_in(const struct pane_block *b, const char *needle, size_t n, size_t from,
    int direction, size_t *at)
{
	size_t i;

	if (direction > 0) {
		for (i = from; i + n <= b->len; i++)
			if (match_at(b->text, b->len, i, needle, n)) {
				*at = i;
				return true;
			}
		return false;
	}
	for (i = from < b->len ? from : b->len; i-- > 0; )
		if (match_at(b->text, b->len, i, needle, n)) {
			*at = i;
			return true;
		}
	return false;
}

/* The column where the match starts on its row (a table row's display
 * rows share one offset: the segment holding it), or -1. */
static int
match_col(const struct pane_block *b, size_t ri, size_t at)
{
	const struct md_layout *L = b->lay;
	size_t r, i;

	for (r = ri; r < L->n && L->rows[r].off == L->rows[ri].off; r++) {
		for (i = 0; i < L->rows[r].n_segs; i++) {
			const struct md_seg *s = &L->segs[L->rows[r].seg + i];

			if (s->deco == NULL && at >= s->start && at < s->end)
				return s->col + textwrap_width_n(b->text + s->start, at - s->start);
		}
	}
	return -1;
}

/* Scroll so that the match's row is in view, a little below the top, and
 * sideways to it when it is in a row wider than the pane. */
static void
show_match(struct pane *p)
{
	const struct pane_block *b = &p->b[p->match.block];
	size_t ri, row;
	int col;

	if (p->width == 0)
		return;
	ri = mdlayout_row_of(b->lay, p->match.start);
	row = b->first + (b->label != NULL) + ri;
	if (row < p->top || row >= p->top + (size_t)p->height)
		set_top(p, row > 2 ? row - 2 : 0);
	if (ri >= b->lay->n || b->lay->rows[ri].width <= p->width)
		return;
	col = match_col(b, ri, p->match.start);
	if (col >= 0 && (col < p->xoff + 1 || col + 8 > p->xoff + p->width - 1)) {
		p->xoff = col > p->width / 4 ? col - p->width / 4 : 0;
		if (p->xoff > max_xoff(p))
			p->xoff = max_xoff(p);
	}
}

int
pane_search(struct pane *p, const char *needle, int direction)
{
	size_t n = strlen(needle), block, from, at, tries;
	bool went_round = false;

	if (n == 0 || p->n == 0)
		return 0;
	if (p->match.on) {
		block = p->match.block;
		from = direction > 0 ? p->match.start + 1 : p->match.start;
	} else {
		/* From the top row: its text, or the whole of its block. */
		block = p->anchor.block < p->n ? p->anchor.block : 0;
		from = p->anchor.part == 1 ? p->anchor.off : p->anchor.part == 2 ? p->b[block].len : 0;
		if (direction < 0 && p->anchor.part != 1)
			from = p->b[block].len;
	}
	/* Every block once, and the first one again from the other end. */
	for (tries = 0; tries <= p->n; tries++) {
		if (find_in(&p->b[block], needle, n, from, direction, &at)) {
			p->match.on = true;
			p->match.block = block;
			p->match.start = at;
			p->match.end = at + n;
			show_match(p);
			return went_round ? 2 : 1;
		}
		if (direction > 0 && block + 1 == p->n)
			went_round = true;
		if (direction < 0 && block == 0)
			went_round = true;
		block = direction > 0 ? (block + 1) % p->n : (block + p->n - 1) % p->n;
		from = direction > 0 ? 0 : p->b[block].len;
	}
	p->match.on = false;
	return 0;
}

/* ---- drawing ---------------------------------------------------------------- */

static attr_t
role_attr(enum md_role r)
{
	switch (r) {
	case MDR_HEADING:
		return screen_attr(ST_HEADING);
	case MDR_CODE:
		return screen_attr(ST_CODE);
	case MDR_BAR:
		return screen_attr(ST_QUOTE);
	case MDR_DELIM:
	case MDR_RULE:
	case MDR_MARK:
		return screen_attr(ST_DELIM);
	default:
		return screen_attr(ST_NORMAL);	/* quotes too: full brightness */
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

/* Whether the byte at `off` is inside an occurrence of the search text. */
static bool
highlighted(const struct pane *p, const struct pane_block *b, size_t off)
{
	size_t n, i;

	if (p->highlight == NULL || (n = strlen(p->highlight)) == 0)
		return false;
	for (i = off >= n - 1 ? off - (n - 1) : 0; i <= off; i++)
		if (match_at(b->text, b->len, i, p->highlight, n))
			return true;
	return false;
}

/* What the row shows between columns lo and hi of the screen. */
struct clip {
	int	x;		/* the pane's left edge on the screen */
	int	xoff;		/* columns scrolled */
	int	lo, hi;		/* drawn: [x + lo, x + hi) */
};

static void
draw_deco(const struct md_seg *s, int y, const struct clip *c)
{
	struct glyph g;
	int i, at;

	glyph_decode(s->deco, strlen(s->deco), 0, 0, &g);
	for (i = 0; i < s->repeat; i++) {
		at = s->col + i * g.width - c->xoff;
		if (at >= c->lo && at + g.width <= c->hi)
			draw_glyph(y, c->x + at, c->x + c->hi, &g, role_attr(s->role));
	}
}

static void
draw_seg(const struct pane *p, const struct pane_block *b, const struct md_seg *s,
    int y, const struct clip *c)
{
	bool styled = b->md != NULL && !p->raw && s->src != MDL_NO_SRC && s->src < b->md->n;
	attr_t base = role_attr(s->role), a;
	struct glyph g;
	size_t pos = s->start;
	int col = s->gcol, at;

	while (pos < s->end) {
		pos += glyph_decode(b->text + pos, s->end - pos, pos, col, &g);
		at = s->col + col - s->gcol - c->xoff;
		col += g.width;
		if (at < c->lo)
			continue;
		if (at >= c->hi)
			break;
		a = styled ? glyph_attr(b->md, s->src, g.off, base) : base;
		if (highlighted(p, b, g.off))
			a = screen_attr(ST_MATCH);
		/* A glyph wider than what is left (an escape in a narrow pane)
		 * is clipped. */
		if (draw_glyph(y, c->x + at, c->x + c->hi, &g, a) < g.width)
			break;
	}
}

static void
draw_row(const struct pane *p, const struct pane_block *b, size_t ri, int y, int x,
    int width)
{
	static const wchar_t left[2] = { 0x2039, 0 }, right[2] = { 0x203a, 0 };	/* ‹ › */
	const struct md_row *r = &b->lay->rows[ri];
	/* Only rows wider than the pane move sideways, each no further than
	 * its own end: the text around a wide table stays where it is. */
	int shift = r->width > width ? r->width - width : 0;
	struct clip c = { x, shift < p->xoff ? shift : p->xoff, 0, width };
	bool more_left = c.xoff > 0, more_right = r->width - c.xoff > width;
	attr_t more = screen_attr(ST_MORE);
	cchar_t cc;
	size_t i;

	if (more_left)
		c.lo = 1;
	if (more_right)
		c.hi = width - 1;
	for (i = 0; i < r->n_segs; i++) {
		const struct md_seg *s = &b->lay->segs[r->seg + i];

		if (s->deco != NULL)
			draw_deco(s, y, &c);
		else
			draw_seg(p, b, s, y, &c);
	}
	if (more_left && setcchar(&cc, left, more & ~A_COLOR, (short)PAIR_NUMBER(more), NULL) == OK)
		mvadd_wch(y, x, &cc);
	if (more_right && setcchar(&cc, right, more & ~A_COLOR, (short)PAIR_NUMBER(more), NULL) == OK)
		mvadd_wch(y, x + width - 1, &cc);
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
		else if (k < b->lay->n)
			draw_row(p, b, k, y + r, x, width);
	}
}
