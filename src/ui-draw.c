/* ui-draw.c: text onto the screen, always as textwrap glyphs.
 *
 * This is the only code that puts characters on the screen, and it puts
 * only what glyph_decode() made of the text: printable clusters, or visible
 * notation for everything else.  No byte of a prompt or an output reaches
 * the terminal as itself. */
#include "config.h"

#include <string.h>

#include "ui-internal.h"

static void
put_cell(int y, int x, const wchar_t *wc, attr_t attr)
{
	cchar_t cc;

	if (setcchar(&cc, wc, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL) == OK)
		mvadd_wch(y, x, &cc);
}

int
draw_glyph(int y, int x, int x_end, const struct glyph *g, attr_t attr)
{
	wchar_t one[2] = { 0, 0 };
	int i;

	if (g->flags & (GLYPH_ESCAPE | GLYPH_TAB)) {
		/* One narrow ASCII character per cell: clipping is exact. */
		if (g->flags & GLYPH_ESCAPE)
			attr = screen_attr(ST_ESCAPE);
		for (i = 0; i < g->width && x + i < x_end; i++) {
			one[0] = g->wc[i];
			put_cell(y, x + i, one, attr);
		}
		return i;
	}
	if (x + g->width > x_end)
		return 0;	/* half a wide character would be garbage */
	put_cell(y, x, g->wc, attr);
	return g->width;
}

void
draw_fill(int y, int x, int width, attr_t attr)
{
	static const wchar_t blank[2] = { L' ', 0 };
	int i;

	for (i = 0; i < width; i++)
		put_cell(y, x + i, blank, attr);
}

static void
draw_glyphs(int y, int x, const char *s, size_t len, int width, attr_t attr)
{
	struct glyph g;
	size_t pos = 0;
	int col = 0;

	while (pos < len && col < width) {
		pos += glyph_decode(s + pos, len - pos, pos, col, &g);
		if (draw_glyph(y, x + col, x + width, &g, attr) < g.width)
			break;
		col += g.width;
	}
}

int
draw_text_n(int y, int x, int width, const char *s, size_t len, attr_t attr)
{
	static const wchar_t ellipsis[2] = { 0x2026, 0 };
	size_t fit;
	bool cut;
	int w;

	if (width <= 0 || len == 0)
		return 0;
	fit = textwrap_fit(s, len, width, true, &w, &cut);
	draw_glyphs(y, x, s, fit, w, attr);
	if (cut) {
		put_cell(y, x + w, ellipsis, attr);
		w++;
	}
	return w;
}

int
draw_text(int y, int x, int width, const char *s, attr_t attr)
{
	return draw_text_n(y, x, width, s, strlen(s), attr);
}

void
draw_text_right(int y, int x, int width, const char *s, attr_t attr)
{
	int w = textwrap_width(s);

	if (w > width)
		w = width;
	draw_text(y, x + width - w, w, s, attr);
}

int
draw_wrapped(int y, int x, int width, int max_lines, const char *s, attr_t attr)
{
	static const wchar_t ellipsis[2] = { 0x2026, 0 };
	struct wrap *w;
	size_t i, n, fit;
	int cells;

	if (width <= 0 || max_lines <= 0 || (w = textwrap_wrap(s, strlen(s), width)) == NULL)
		return 0;
	n = w->n < (size_t)max_lines ? w->n : (size_t)max_lines;
	for (i = 0; i < n; i++) {
		const struct wrap_line *l = &w->lines[i];

		if (i + 1 < n || n == w->n) {
			draw_text_n(y + (int)i, x, width, s + l->start, l->end - l->start, attr);
			continue;
		}
		/* The last line shown, with text left over: end it in an ellipsis. */
		fit = textwrap_fit(s + l->start, l->end - l->start, width - 1, false, &cells, NULL);
		draw_glyphs(y + (int)i, x, s + l->start, fit, cells, attr);
		put_cell(y + (int)i, x + cells, ellipsis, attr);
	}
	textwrap_free(w);
	return (int)n;
}
