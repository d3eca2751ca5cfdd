/* mdlayout.c: Markdown blocks into display rows.
 *
 * One pass over markdown_classify()'s lines groups them into blocks
 * (paragraphs, list items, quotes, code lines, tables) and lays each out.
 * Every cut goes through textwrap_cut(), so the rules for where a line may
 * break (blanks, between wide characters, kinsoku) are textwrap's, and every
 * width is glyph_decode()'s. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mdlayout.h"
#include "mdtable.h"
#include "textwrap.h"
#include "xmalloc.h"

#define BAR		"\xe2\x94\x82"	/* │ */
#define CONT_MARK	"\xe2\x86\xaa"	/* ↪ */
#define HLINE		"\xe2\x94\x80"	/* ─ */
#define KEPT_HANG	2	/* the indent of a kept line's further rows */

/* One line of a paragraph: its text, and whether a break ends it. */
struct piece {
	size_t		 start;
	size_t		 end;
	int		 right;		/* its last column in the source */
	bool		 hard;
};

struct builder {
	struct md_layout	*L;
	const char		*text;
	const struct markdown	*md;
	int			 width;
	struct piece		*pieces;	/* the paragraph's lines, */
	size_t			 cap_pieces;	/* reused from one to the next */
};

/* A paragraph being laid out: where rows start, and the row being filled. */
struct para {
	int		 margin;	/* the first row's text starts here */
	int		 line_hang;	/* a later source line's first row's */
	int		 hang;		/* the other rows' */
	int		 bars;		/* quote bars at the start of each row */
	enum md_role	 role;
	bool		 open;		/* a row of this paragraph is open */
	bool		 fresh;		/* ... with no text on it yet */
	int		 base;		/* the open row's text column */
	int		 col;		/* cells filled after base */
	size_t		 last_end;	/* the end of the last piece */
};

/* ---- rows and segments --------------------------------------------------- */

static void
row_open(struct builder *b, size_t off)
{
	struct md_layout	*L = b->L;
	struct md_row		*r;

	if (L->n == L->cap_rows) {
		L->cap_rows *= 2;
		L->rows = xreallocarray(L->rows, L->cap_rows, sizeof *L->rows);
	}
	/* Offsets never go back, so that binary search finds rows. */
	if (L->n > 0 && off < L->rows[L->n - 1].off)
		off = L->rows[L->n - 1].off;
	r = &L->rows[L->n++];
	r->seg = L->n_segs;
	r->n_segs = 0;
	r->off = off;
	r->width = 0;
}

static struct md_seg *
seg_add(struct builder *b, int col, int width, enum md_role role)
{
	struct md_layout	*L = b->L;
	struct md_row		*r = &L->rows[L->n - 1];
	struct md_seg		*s;

	if (L->n_segs == L->cap_segs) {
		L->cap_segs *= 2;
		L->segs = xreallocarray(L->segs, L->cap_segs, sizeof *L->segs);
	}
	s = &L->segs[L->n_segs++];
	memset(s, 0, sizeof *s);
	s->col = col;
	s->width = width;
	s->role = role;
	s->src = MDL_NO_SRC;
	r->n_segs++;
	if (col + width > r->width)
		r->width = col + width;
	if (r->width > L->max_width)
		L->max_width = r->width;
	return s;
}

static void
seg_text(struct builder *b, size_t start, size_t end, int col, int gcol,
    int width, size_t src, enum md_role role)
{
	struct md_seg	*s = seg_add(b, col, width, role);

	s->start = start;
	s->end = end;
	s->gcol = gcol;
	s->src = src;
}

static void
seg_deco(struct builder *b, const char *deco, int repeat, int col,
    enum md_role role)
{
	struct md_seg	*s;

	if (repeat <= 0)
		return;
	s = seg_add(b, col, repeat * textwrap_width(deco), role);
	s->deco = deco;
	s->repeat = repeat;
}

/* ---- paragraphs ---------------------------------------------------------- */

/* A new row of the paragraph; `line` when a source line starts on it. */
static void
para_row(struct builder *b, struct para *p, size_t off, bool line)
{
	int	k;

	row_open(b, off);
	for (k = 0; k < p->bars; k++)
		seg_deco(b, BAR, 1, 2 * k, MDR_BAR);
	p->base = !p->open ? p->margin : line ? p->line_hang : p->hang;
	/* However deep the nesting, half the width stays for the text. */
	if (p->base > b->width / 2)
		p->base = b->width / 2;
	p->open = p->fresh = true;
	p->col = 0;
}

static bool
wide_at(const char *s, size_t len)
{
	struct glyph	g;

	return len > 0 && glyph_decode(s, len, 0, 0, &g) > 0 && g.width == 2 &&
	    (g.flags & (GLYPH_ESCAPE | GLYPH_TAB)) == 0;
}

/* Two lines of Japanese or Chinese join without a blank between them. */
static bool
joins_tight(const char *t, size_t prev_end, size_t start, size_t end)
{
	size_t	i = prev_end, k;

	for (k = 0; k < 4 && i > 0; k++) {
		i--;
		if (((unsigned char)t[i] & 0xc0) != 0x80)
			break;
	}
	return wide_at(t + i, prev_end - i) && wide_at(t + start, end - start);
}

/* Bytes [start, end) of source line `src` into the paragraph: on a new row
 * when `newrow`, else after a blank on the row being filled. */
static void
para_piece(struct builder *b, struct para *p, size_t start, size_t end,
    size_t src, bool newrow)
{
	struct textwrap_cut	c;
	size_t			pos = start;
	int			gap = 0;

	if (!p->open || newrow)
		para_row(b, p, start, true);
	else if (!p->fresh && !joins_tight(b->text, p->last_end, start, end))
		gap = 1;
	while (pos < end) {
		textwrap_cut(b->text, pos, end, p->fresh ? 0 : p->col + gap,
		    b->width - p->base, &c);
		if (c.next == pos && c.end == pos && !p->fresh) {
			para_row(b, p, pos, false);	/* the next word starts a row */
			gap = 0;
			continue;
		}
		if (c.end > c.start) {
			int at = p->fresh ? 0 : p->col + gap;

			seg_text(b, c.start, c.end, p->base + at, at, c.width,
			    src, p->role);
			p->col = at + c.width;
			p->fresh = false;
		}
		gap = 0;
		pos = c.next;
		if (pos < end)
			para_row(b, p, pos, false);
	}
	p->last_end = end;
}

/* A line's text without its trailing blanks; true when it ends in a hard
 * break (two blanks, or a backslash, which is then not drawn). */
static bool
piece_end(const char *t, size_t start, size_t *end)
{
	size_t	e = *end, blanks = 0;

	while (e > start && (t[e - 1] == ' ' || t[e - 1] == '\t')) {
		e--;
		blanks++;
	}
	*end = e;
	if (blanks >= 2)
		return true;
	if (blanks == 0 && e > start && t[e - 1] == '\\' &&
	    (e - 1 == start || t[e - 2] != '\\')) {
		*end = e - 1;
		return true;
	}
	return false;
}

/* A line starting with ・ or • is an item of a list written by hand. */
static bool
bullet_line(const char *t, size_t start, size_t end)
{
	return (end - start >= 3 && memcmp(t + start, "\xe3\x83\xbb", 3) == 0) ||
	    (end - start >= 3 && memcmp(t + start, "\xe2\x80\xa2", 3) == 0);
}

/* Whether line `next` goes on the paragraph that `first` started. */
static bool
continues(const char *t, const struct md_line *first,
    const struct md_line *next)
{
	switch (first->kind) {
	case MD_PLAIN:
	case MD_LIST:
		return next->kind == MD_PLAIN;
	case MD_QUOTE:
		return next->kind == MD_QUOTE && next->level == first->level &&
		    next->text_start < next->end &&
		    markdown_list_marker(t, next->text_start, next->end) == 0;
	default:
		return false;
	}
}

static void
para_start(const char *t, const struct md_line *l, struct para *p,
    size_t *start)
{
	memset(p, 0, sizeof *p);
	p->role = MDR_TEXT;
	p->margin = p->hang = l->indent;
	*start = l->text_start;
	switch (l->kind) {
	case MD_LIST:
		/* Later lines hang under the item's text. */
		*start = l->mark_start;
		p->hang = l->indent + (int)(l->text_start - l->mark_start);
		break;
	case MD_HEADING:
		*start = l->mark_start;
		p->role = MDR_HEADING;
		break;
	case MD_QUOTE:
		p->bars = l->level;
		p->margin = p->hang = 2 * l->level;
		p->hang += (int)markdown_list_marker(t, l->text_start, l->end);
		if (p->hang > p->margin)
			p->hang++;
		break;
	default:
		break;
	}
	p->line_hang = p->hang;
}

/* The width of the first word of [start, end): up to a blank, or one wide
 * character, which is a word of its own. */
static int
first_word(const char *t, size_t start, size_t end)
{
	struct glyph	g;
	size_t		pos = start;
	int		w = 0;

	while (pos < end) {
		pos += glyph_decode(t + pos, end - pos, pos, w, &g);
		if (g.flags & GLYPH_SPACE)
			break;
		if (g.width == 2 && w > 0)
			break;
		w += g.width;
		if (g.width == 2)
			break;
	}
	return w;
}

/* The lines of the paragraph starting at line i, into *pp; returns the
 * line after it. */
static size_t
collect_pieces(struct builder *b, size_t i, struct piece **pp, size_t *np,
    size_t *cap, struct para *p)
{
	const struct md_line	*first = &b->md->lines[i], *l = first;
	struct piece		*pc;
	size_t			 start;

	para_start(b->text, first, p, &start);
	*np = 0;
	for (;;) {
		if (*np == *cap) {
			*cap = *cap * 2 + 8;
			*pp = xreallocarray(*pp, *cap, sizeof **pp);
		}
		pc = &(*pp)[(*np)++];
		pc->start = start;
		pc->end = l->end;
		pc->hard = piece_end(b->text, start, &pc->end);
		pc->right = textwrap_width_n(b->text + l->start, pc->end - l->start);
		if (++i >= b->md->n || !continues(b->text, first, &b->md->lines[i]))
			return i;
		l = &b->md->lines[i];
		start = l->text_start;
	}
}

/* Whether the paragraph's lines were wrapped by the author's editor: every
 * line that ends without a hard break ended because the next line's first
 * word would not have fitted within the widest line. */
static bool
hard_wrapped(const struct builder *b, const struct piece *pc, size_t n)
{
	size_t	k;
	int	widest = 0;

	for (k = 0; k < n; k++)
		if (pc[k].right > widest)
			widest = pc[k].right;
	for (k = 0; k + 1 < n; k++) {
		if (pc[k].hard || pc[k].start >= pc[k].end)
			continue;
		if (pc[k].right + 1 + first_word(b->text, pc[k + 1].start,
		    pc[k + 1].end) <= widest)
			return false;
	}
	return true;
}

/* The paragraph starting at line i; returns the line after it.
 *
 * The lines of a paragraph join (CommonMark's soft break) when the author's
 * editor wrapped them, which is how prose is hard-wrapped; lines ended early
 * on purpose (an agenda or a list of figures pasted into a prompt, an
 * address) keep their breaks, as the source shows them.  Either way each
 * row then wraps at the width; the further rows of a kept line are
 * indented, so that they do not read as lines of their own. */
static size_t
layout_paragraph(struct builder *b, size_t i)
{
	struct piece		*pieces;
	struct para		 p;
	size_t			 n, k, next, src = i;
	bool			 join, newrow = true;

	next = collect_pieces(b, i, &b->pieces, &n, &b->cap_pieces, &p);
	pieces = b->pieces;
	join = hard_wrapped(b, pieces, n);
	/* Lines kept as lines: a row that only continues one is indented, so
	 * that it does not read as a line of its own. */
	if (!join && p.hang == p.margin)
		p.hang += KEPT_HANG;
	for (k = 0; k < n; k++, src++) {
		const struct piece *pc = &pieces[k];

		if (!join || bullet_line(b->text, pc->start, pc->end))
			newrow = true;
		if (pc->start < pc->end)
			para_piece(b, &p, pc->start, pc->end, src, newrow);
		else if (k == 0)
			para_row(b, &p, pc->start, true);	/* a "> " alone: its bar */
		newrow = pc->hard || pc->start >= pc->end;
	}
	return next;
}

/* ---- code, rules, blank lines -------------------------------------------- */

/* One line as written, wrapped, each further row after the mark. */
static void
layout_verbatim(struct builder *b, const struct md_line *l, size_t src,
    enum md_role role)
{
	struct textwrap_cut	c;
	size_t			pos = l->start;
	int			base = 0, mark = textwrap_width(CONT_MARK);

	row_open(b, pos);
	while (pos < l->end) {
		textwrap_cut(b->text, pos, l->end, 0, b->width - base, &c);
		if (c.end > c.start)
			seg_text(b, c.start, c.end, base, 0, c.width, src, role);
		pos = c.next;
		if (pos >= l->end)
			break;
		row_open(b, pos);
		seg_deco(b, CONT_MARK, 1, 0, MDR_MARK);
		base = b->width > mark ? mark : 0;
	}
}

static void
layout_rule(struct builder *b, const struct md_line *l)
{
	int	indent = l->indent < b->width ? l->indent : 0;

	row_open(b, l->start);
	seg_deco(b, HLINE, b->width - indent, indent, MDR_RULE);
}

/* ---- tables -------------------------------------------------------------- */

static void
table_rule(struct builder *b, const int *cw, size_t n, size_t off,
    const char *left, const char *mid, const char *right)
{
	size_t	c;
	int	x = 0;

	row_open(b, off);
	for (c = 0; c < n; c++) {
		seg_deco(b, c == 0 ? left : mid, 1, x, MDR_RULE);
		seg_deco(b, HLINE, cw[c] + 2, x + 1, MDR_RULE);
		x += cw[c] + 3;
	}
	seg_deco(b, right, 1, x, MDR_RULE);
}

/* One table row: as many display rows as its tallest cell needs. */
static void
table_row(struct builder *b, const struct md_table *t, const int *cw,
    size_t r, size_t *pos)
{
	const struct md_cell	*cells = t->cells + r * t->n_cols;
	size_t			 src = t->first + (r == 0 ? 0 : r + 1), c;
	enum md_role		 role = r == 0 ? MDR_HEADING : MDR_TEXT;
	struct textwrap_cut	 cut;
	bool			 more = true;
	int			 x, at;

	for (c = 0; c < t->n_cols; c++)
		pos[c] = cells[c].start;
	while (more) {
		row_open(b, b->md->lines[src].start);
		more = false;
		for (c = 0, x = 0; c < t->n_cols; x += cw[c] + 3, c++) {
			seg_deco(b, BAR, 1, x, MDR_RULE);
			if (pos[c] >= cells[c].end)
				continue;
			textwrap_cut(b->text, pos[c], cells[c].end, 0, cw[c], &cut);
			at = t->align[c] == MDA_RIGHT ? cw[c] - cut.width :
			    t->align[c] == MDA_CENTER ? (cw[c] - cut.width) / 2 : 0;
			if (cut.end > cut.start)
				seg_text(b, cut.start, cut.end, x + 2 + at, 0,
				    cut.width, src, role);
			pos[c] = cut.next;
			more |= pos[c] < cells[c].end;
		}
		seg_deco(b, BAR, 1, x, MDR_RULE);
	}
}

static void
layout_table(struct builder *b, const struct md_table *t)
{
	int	*cw = xreallocarray(NULL, t->n_cols, sizeof *cw);
	int	*nat = xreallocarray(NULL, t->n_cols, sizeof *nat);
	size_t	*pos = xreallocarray(NULL, t->n_cols, sizeof *pos);
	size_t	 r, c, off;
	bool	 wraps = false;

	mdtable_widths(b->text, t, b->width, cw, nat);
	for (c = 0; c < t->n_cols; c++)
		wraps |= cw[c] < nat[c];
	off = b->md->lines[t->first].start;
	table_rule(b, cw, t->n_cols, off, "\xe2\x94\x8c", "\xe2\x94\xac",
	    "\xe2\x94\x90");				/* ┌ ┬ ┐ */
	for (r = 0; r < t->n_rows; r++) {
		if (r == 1 || (r > 1 && wraps))
			table_rule(b, cw, t->n_cols, b->L->rows[b->L->n - 1].off,
			    "\xe2\x94\x9c", "\xe2\x94\xbc",
			    "\xe2\x94\xa4");		/* ├ ┼ ┤ */
		table_row(b, t, cw, r, pos);
	}
	table_rule(b, cw, t->n_cols, b->L->rows[b->L->n - 1].off,
	    "\xe2\x94\x94", "\xe2\x94\xb4", "\xe2\x94\x98");	/* └ ┴ ┘ */
	free(cw);
	free(nat);
	free(pos);
}

/* A table at line i, or its lines as written; returns the line after. */
static size_t
layout_table_or_lines(struct builder *b, size_t i)
{
	struct md_table	t;
	size_t		next;

	if (mdtable_parse(b->text, b->md, i, &t)) {
		layout_table(b, &t);
		next = i + t.n_lines;
		mdtable_free(&t);
		return next;
	}
	/* Not a table: every '|' line on rows of its own, as written. */
	for (; i < b->md->n && b->md->lines[i].kind == MD_TABLE; i++) {
		struct para	p;
		size_t		start, end = b->md->lines[i].end;

		para_start(b->text, &b->md->lines[i], &p, &start);
		piece_end(b->text, start, &end);
		para_piece(b, &p, start, end, i, true);
	}
	return i;
}

/* ---- the whole text ------------------------------------------------------ */

static void
layout_markdown(struct builder *b)
{
	const struct md_line	*l;
	size_t			 i = 0;

	while (i < b->md->n) {
		l = &b->md->lines[i];
		switch (l->kind) {
		case MD_BLANK:
			row_open(b, l->start);
			i++;
			break;
		case MD_RULE:
			layout_rule(b, l);
			i++;
			break;
		case MD_FENCE:
			layout_verbatim(b, l, i, MDR_DELIM);
			i++;
			break;
		case MD_CODE:
			layout_verbatim(b, l, i, MDR_CODE);
			i++;
			break;
		case MD_TABLE:
			i = layout_table_or_lines(b, i);
			break;
		default:
			i = layout_paragraph(b, i);
			break;
		}
	}
}

/* The text as written: textwrap's lines, one segment each. */
static void
layout_raw(struct builder *b, size_t len)
{
	struct wrap	*w = textwrap_wrap(b->text, len, b->width);
	size_t		 i;

	for (i = 0; i < w->n; i++) {
		const struct wrap_line *l = &w->lines[i];

		row_open(b, l->start);
		if (l->end > l->start)
			seg_text(b, l->start, l->end, 0, 0, l->width, MDL_NO_SRC,
			    MDR_TEXT);
	}
	textwrap_free(w);
}

struct md_layout *
mdlayout_build(const char *text, size_t len, const struct markdown *md,
    int width)
{
	struct builder	b;

	memset(&b, 0, sizeof b);
	b.L = xcalloc(1, sizeof *b.L);
	b.text = text;
	b.md = md;
	b.width = b.L->width = width < 1 ? 1 : width;
	b.L->cap_rows = b.L->cap_segs = 64;
	b.L->rows = xreallocarray(NULL, b.L->cap_rows, sizeof *b.L->rows);
	b.L->segs = xreallocarray(NULL, b.L->cap_segs, sizeof *b.L->segs);
	if (md == NULL)
		layout_raw(&b, len);
	else
		layout_markdown(&b);
	free(b.pieces);
	return b.L;
}

void
mdlayout_free(struct md_layout *L)
{
	if (L == NULL)
		return;
	free(L->rows);
	free(L->segs);
	free(L);
}

size_t
mdlayout_row_of(const struct md_layout *L, size_t off)
{
	size_t	lo = 0, hi = L->n, mid;

	/* The first row starting after off, then back to the first of the
	 * rows sharing the start before it. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (L->rows[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	lo--;
	while (lo > 0 && L->rows[lo - 1].off == L->rows[lo].off)
		lo--;
	return lo;
}
