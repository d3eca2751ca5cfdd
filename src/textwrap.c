/* textwrap.c: decoding UTF-8 into glyphs, measuring and wrapping it.
 *
 * Everything goes through glyph_decode(), so a width measured for a title, a
 * truncated column and a wrapped line always agree with what is drawn. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "textwrap.h"
#include "xmalloc.h"

/* Japanese and Chinese line-breaking rules (kinsoku), the common subset: no
 * line starts with closing punctuation or a small kana, none ends with an
 * opening bracket.  The ASCII ones matter after a wide character, as in
 * "日本語." where the full stop must stay with the word. */
static const wchar_t kinsoku_closing[] =
    L"、。，．・：；？！‼⁇⁈⁉ー―‐〜～…‥"
    L"」』）】〕〉》｝］〗〙〟’”｣､｡"
    L"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    L"ゝゞヽヾ々〻"
    L").,:;!?]}%";
static const wchar_t kinsoku_opening[] =
    L"「『（【〔〈《｛［〖〘〝‘“｢"
    L"([{";

/* One character: its byte length, or 0 when the bytes there are not valid
 * UTF-8 (glibc also accepts code points past U+10FFFF; we do not). */
static size_t
decode_char(const char *s, size_t len, wchar_t *wc)
{
	mbstate_t	st;
	size_t		n;

	if ((unsigned char)s[0] < 0x80) {
		*wc = (unsigned char)s[0];
		return 1;
	}
	memset(&st, 0, sizeof st);
	n = mbrtowc(wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0 ||
	    (unsigned long)*wc > 0x10ffff)
		return 0;
	return n;
}

/* Characters wcwidth() may call printable but which must be seen, not
 * obeyed: the format characters (Unicode category Cf) change how the text
 * around them is shown without showing themselves.  Bidi controls reorder
 * text on terminals that do bidi; zero-width spaces, the word joiner, the
 * soft hyphen, the byte order mark and tag characters are invisible text.
 * ZWNJ and ZWJ (U+200C, U+200D) are Cf too but are drawn: Persian, Indic
 * scripts and emoji sequences need them, and they join the glyph before. */
static const struct {
	wchar_t	lo, hi;
} format_chars[] = {
	{ 0x00ad, 0x00ad }, { 0x0600, 0x0605 }, { 0x061c, 0x061c },
	{ 0x06dd, 0x06dd }, { 0x070f, 0x070f }, { 0x0890, 0x0891 },
	{ 0x08e2, 0x08e2 }, { 0x180e, 0x180e }, { 0x200b, 0x200b },
	{ 0x200e, 0x200f }, { 0x202a, 0x202e }, { 0x2060, 0x2064 },
	{ 0x2066, 0x206f }, { 0xfeff, 0xfeff }, { 0xfff9, 0xfffb },
	{ 0x110bd, 0x110bd }, { 0x110cd, 0x110cd }, { 0x13430, 0x1343f },
	{ 0x1bca0, 0x1bca3 }, { 0x1d173, 0x1d17a }, { 0xe0000, 0xe007f },
};

static int
is_hidden_control(wchar_t wc)
{
	size_t	lo = 0, hi = sizeof format_chars / sizeof format_chars[0], mid;

	if (wc < 0xad)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (wc > format_chars[mid].hi)
			lo = mid + 1;
		else if (wc < format_chars[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

/* Cells for one character, or -1 when it is drawn as an escape. */
static int
char_width(wchar_t wc)
{
	int	w;

	if (wc >= 0x20 && wc < 0x7f)
		return 1;
	if (wc < 0x20 || (wc >= 0x7f && wc <= 0x9f) || is_hidden_control(wc))
		return -1;
	w = wcwidth(wc);
	return w < 0 ? -1 : w;
}

static void
glyph_ascii(struct glyph *g, const char *s, int flags)
{
	int	i;

	for (i = 0; s[i] != '\0' && i < GLYPH_WC_MAX - 1; i++)
		g->wc[i] = (unsigned char)s[i];
	g->wc[i] = L'\0';
	g->width = i;
	g->flags = flags;
}

/* Visible notation for a character that must not reach the terminal. */
static void
glyph_escape_char(struct glyph *g, wchar_t wc)
{
	char	buf[16];

	if (wc < 0x20 || wc == 0x7f)
		snprintf(buf, sizeof buf, "^%c", (int)(wc ^ 0x40));
	else
		snprintf(buf, sizeof buf, "<U+%04lX>", (unsigned long)wc);
	glyph_ascii(g, buf, GLYPH_ESCAPE);
}

static void
glyph_escape_byte(struct glyph *g, unsigned char c)
{
	char	buf[8];

	snprintf(buf, sizeof buf, "<%02X>", c);
	glyph_ascii(g, buf, GLYPH_ESCAPE);
}

static void
glyph_tab(struct glyph *g, int col)
{
	static const char	blanks[] = "        ";

	glyph_ascii(g, blanks + col % TEXTWRAP_TAB, GLYPH_TAB | GLYPH_SPACE);
}

/* Append the zero-width characters after a base; returns the bytes used.
 * Marks past GLYPH_CLUSTER_MAX are consumed but dropped. */
static size_t
glyph_attach(struct glyph *g, int nwc, const char *s, size_t len)
{
	size_t	pos = 0, n;
	wchar_t	wc;

	while (pos < len && (unsigned char)s[pos] >= 0x80) {
		n = decode_char(s + pos, len - pos, &wc);
		if (n == 0 || char_width(wc) != 0)
			break;
		if (nwc < GLYPH_CLUSTER_MAX)
			g->wc[nwc++] = wc;
		pos += n;
	}
	g->wc[nwc] = L'\0';
	return pos;
}

size_t
glyph_decode(const char *s, size_t len, size_t off, int col, struct glyph *g)
{
	wchar_t	wc;
	size_t	n;
	int	w;

	g->off = off;
	g->col = col;
	n = decode_char(s, len, &wc);
	if (n == 0) {
		glyph_escape_byte(g, (unsigned char)s[0]);
		n = 1;
	} else if (wc == L'\t')
		glyph_tab(g, col);
	else if ((w = char_width(wc)) < 0)
		glyph_escape_char(g, wc);
	else {
		if (w == 0) {
			/* A mark with no base: put it on a space. */
			g->wc[0] = L' ';
			g->wc[1] = wc;
			n += glyph_attach(g, 2, s + n, len - n);
			w = 1;
		} else {
			g->wc[0] = wc;
			n += glyph_attach(g, 1, s + n, len - n);
		}
		g->width = w;
		/* A space carrying a mark is drawn, not a place to break. */
		g->flags = wc == L' ' && n == 1 ? GLYPH_SPACE : 0;
	}
	g->len = n;
	return n;
}

int
textwrap_width_n(const char *s, size_t len)
{
	struct glyph	g;
	size_t		pos = 0;
	int		col = 0;

	while (pos < len) {
		pos += glyph_decode(s + pos, len - pos, pos, col, &g);
		col += g.width;
	}
	return col;
}

int
textwrap_width(const char *s)
{
	return textwrap_width_n(s, strlen(s));
}

size_t
textwrap_fit(const char *s, size_t len, int cells, bool ellipsis, int *widthp,
    bool *cutp)
{
	struct glyph	g;
	size_t		pos = 0, n, keep = 0;
	int		col = 0, keepw = 0, room = cells;

	if (ellipsis)
		room -= textwrap_width(TEXTWRAP_ELLIPSIS);
	while (pos < len) {
		n = glyph_decode(s + pos, len - pos, pos, col, &g);
		if (col + g.width > cells)
			break;
		pos += n;
		col += g.width;
		if (col <= room) {
			keep = pos;
			keepw = col;
		}
	}
	if (cutp != NULL)
		*cutp = pos < len;
	if (pos < len && ellipsis) {
		pos = keep;
		col = keepw;
	}
	if (widthp != NULL)
		*widthp = col;
	return pos;
}

char *
textwrap_truncate(const char *s, int cells, bool ellipsis)
{
	size_t	n;
	bool	cut;
	char	*out;

	n = textwrap_fit(s, strlen(s), cells, ellipsis, NULL, &cut);
	out = xmalloc(n + sizeof TEXTWRAP_ELLIPSIS);
	memcpy(out, s, n);
	out[n] = '\0';
	if (cut && ellipsis && cells >= textwrap_width(TEXTWRAP_ELLIPSIS))
		strcat(out, TEXTWRAP_ELLIPSIS);
	return out;
}

/* The base character of a cluster, 0 for an escape or a tab. */
static wchar_t
glyph_base(const struct glyph *g)
{
	return (g->flags & (GLYPH_ESCAPE | GLYPH_TAB)) ? 0 : g->wc[0];
}

/* May a line break between the glyph before (its base, and whether it was
 * wide) and g, neither a blank?  Only next to a wide character: that is how
 * Japanese and Chinese text breaks.  The kinsoku lists are searched only
 * then, so English text does not pay for them. */
static int
breakable_between(wchar_t prev, int prev_wide, const struct glyph *g)
{
	wchar_t	cur = glyph_base(g);

	if (!prev_wide && (cur == 0 || g->width != 2))
		return 0;
	if (prev != 0 && wcschr(kinsoku_opening, prev) != NULL)
		return 0;
	if (cur != 0 && wcschr(kinsoku_closing, cur) != NULL)
		return 0;
	return 1;
}

/* Past the blanks at pos: they are drawn on neither side of a break. */
static size_t
skip_blanks(const char *text, size_t pos, size_t end)
{
	struct glyph	g;
	size_t		n;

	while (pos < end) {
		n = glyph_decode(text + pos, end - pos, pos, 0, &g);
		if ((g.flags & GLYPH_SPACE) == 0)
			break;
		pos += n;
	}
	return pos;
}

/* One display line being cut from a source line: it starts at `start`; the
 * text drawn ends at `end` and the next line starts at `next`. */
struct cut {
	size_t	start;
	size_t	end;
	size_t	next;
	int	width;
};

static void
cut_at(struct cut *c, size_t end, int width, size_t next)
{
	c->end = end;
	c->width = width;
	c->next = next;
}

/* A blank that does not fit ends the line before the blanks; blanks alone on
 * the line (deep indentation) stay, as many as fit. */
static void
cut_at_blank(struct cut *c, const char *text, size_t pos, int col,
    size_t blank, int blank_col, size_t le)
{
	if (blank != SIZE_MAX && blank > c->start)
		cut_at(c, blank, blank_col, skip_blanks(text, pos, le));
	else
		cut_at(c, pos, col, skip_blanks(text, pos, le));
}

/* Find where the display line starting at c->start, inside the source line
 * ending at le, ends; the line's first glyph goes at column `col0`.  At
 * column 0 a line takes at least one glyph (only a source line of nothing
 * but dropped tabs makes an empty one), so the caller's loop always moves
 * on; further in (a row already holding text), a line whose first word does
 * not fit takes nothing, and the caller starts a new row. */
static void
cut_line(const char *text, size_t le, int col0, int width, struct cut *c)
{
	struct glyph	g;
	wchar_t		prev = 0;
	int		prev_wide = 0;
	size_t		pos = c->start, n, blank = SIZE_MAX;
	size_t		opp_end = 0, opp_next = 0;
	int		col = col0, blank_col = 0, opp_col = -1;

	for (; pos < le; pos += n, col += g.width) {
		n = glyph_decode(text + pos, le - pos, pos, col, &g);
		if (g.flags & GLYPH_SPACE) {
			if (col + g.width <= width) {
				if (blank == SIZE_MAX) {
					blank = pos;
					blank_col = col;
				}
				continue;
			}
			if (col == col0 && col0 > 0) {
				cut_at(c, c->start, 0, c->start);
				return;
			}
			if (col == 0) {		/* a tab wider than the line */
				c->start = pos + n;
				g.width = 0;
				continue;
			}
			cut_at_blank(c, text, pos, col - col0, blank,
			    blank_col - col0, le);
			return;
		}
		if (blank != SIZE_MAX) {
			if (blank > c->start) {
				opp_end = blank;
				opp_col = blank_col;
				opp_next = pos;
			}
			blank = SIZE_MAX;
		} else if (col > col0 && breakable_between(prev, prev_wide, &g)) {
			opp_end = opp_next = pos;
			opp_col = col;
		}
		if (col + g.width > width) {
			if (col0 > 0 && opp_col < 0)
				cut_at(c, c->start, 0, c->start);
			else if (col == 0)
				cut_at(c, pos + n, g.width,
				    skip_blanks(text, pos + n, le));
			else if (opp_col >= 0)
				cut_at(c, opp_end, opp_col - col0, opp_next);
			else
				cut_at(c, pos, col - col0, pos);
			return;
		}
		prev = glyph_base(&g);
		prev_wide = prev != 0 && g.width == 2;
	}
	cut_at(c, le, col - col0, le);
}

static void
wrap_add(struct wrap *w, size_t *cap, const struct cut *c, size_t src,
    bool cont)
{
	struct wrap_line	*l;

	if (w->n == *cap) {
		w->lines = xreallocarray(w->lines, *cap * 2, sizeof *w->lines);
		*cap *= 2;
	}
	l = &w->lines[w->n++];
	l->start = c->start;
	l->end = c->end;
	l->src = src;
	l->width = c->width;
	l->cont = cont;
}

/* All display lines of the source line [ls, le): at least one, even empty. */
static void
wrap_source_line(struct wrap *w, size_t *cap, const char *text, size_t ls,
    size_t le)
{
	struct cut	c;
	bool		cont = false;

	c.start = ls;
	for (;;) {
		cut_line(text, le, 0, w->width, &c);
		wrap_add(w, cap, &c, w->n_src, cont);
		if (c.next >= le)
			return;
		c.start = c.next;
		cont = true;
	}
}

void
textwrap_cut(const char *text, size_t start, size_t end, int col, int width,
    struct textwrap_cut *out)
{
	struct cut	c;

	c.start = start;
	cut_line(text, end, col, width < 1 ? 1 : width, &c);
	out->start = c.start;
	out->end = c.end;
	out->next = c.next;
	out->width = c.width;
}

int
textwrap_longest_word(const char *s, size_t len)
{
	struct glyph	g;
	size_t		pos = 0;
	int		col = 0, run = 0, best = 0;

	while (pos < len) {
		pos += glyph_decode(s + pos, len - pos, pos, col, &g);
		col += g.width;
		/* A blank ends a word; a wide character is a word of its own. */
		if ((g.flags & GLYPH_SPACE) || g.width == 2)
			run = 0;
		if ((g.flags & GLYPH_SPACE) == 0)
			run += g.width;
		if (run > best)
			best = run;
		if (g.width == 2)
			run = 0;
	}
	return best;
}

size_t
textwrap_line_end(const char *text, size_t len, size_t pos, size_t *next)
{
	const char *nl = memchr(text + pos, '\n', len - pos);
	size_t le = nl == NULL ? len : (size_t)(nl - text);

	*next = nl == NULL ? len : le + 1;
	if (nl != NULL && le > pos && text[le - 1] == '\r')
		le--;
	return le;
}

struct wrap *
textwrap_wrap(const char *text, size_t len, int width)
{
	struct wrap	*w;
	size_t		 cap = 64, pos = 0, le, next;

	w = xcalloc(1, sizeof *w);
	w->width = width < 1 ? 1 : width;
	w->lines = xreallocarray(NULL, cap, sizeof *w->lines);
	while (pos < len) {
		le = textwrap_line_end(text, len, pos, &next);
		wrap_source_line(w, &cap, text, pos, le);
		w->n_src++;
		pos = next;
	}
	return w;
}

void
textwrap_free(struct wrap *w)
{
	if (w == NULL)
		return;
	free(w->lines);
	free(w);
}

size_t
textwrap_find_src(const struct wrap *w, size_t src)
{
	size_t	lo = 0, hi = w->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (w->lines[mid].src < src)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
glyph_iter_init(struct glyph_iter *it, const char *text,
    const struct wrap_line *l)
{
	it->text = text;
	it->pos = l->start;
	it->end = l->end;
	it->col = 0;
}

bool
glyph_iter_next(struct glyph_iter *it, struct glyph *g)
{
	if (it->pos >= it->end)
		return false;
	it->pos += glyph_decode(it->text + it->pos, it->end - it->pos, it->pos,
	    it->col, g);
	it->col += g->width;
	return true;
}
