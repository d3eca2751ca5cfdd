/* textwrap.h: UTF-8 text as terminal glyphs, and wrapped into display lines.
 *
 * One decoding path serves every place that measures or draws text: the
 * wrapping of prompts and outputs, widths of titles and columns, and
 * truncation for status lines.  No curses here; the UI asks for glyphs and
 * draws them, so what it draws is always what was measured.
 *
 * Text from files never reaches the terminal raw.  A glyph is either
 *  - a cluster: one printable base character and the zero-width characters
 *    (combining marks, ZWJ, variation selectors) that follow it, 1 or 2
 *    cells wide, ready for setcchar(); or
 *  - an escape (GLYPH_ESCAPE): visible ASCII notation standing for bytes that
 *    must not be drawn as they are:
 *	C0 controls and DEL	^@ .. ^_, ^?	(^[ ESC, ^G BEL, ^H BS, ^M CR)
 *	C1 controls		<U+0080> .. <U+009F>
 *	format characters	<U+202E> etc.: Unicode category Cf but
 *				ZWNJ and ZWJ.  Bidi controls (U+061C,
 *				U+200E-200F, U+202A-202E, U+2066-2069)
 *				could reorder text on a terminal that does
 *				bidi; U+200B, U+2060-2064, U+FEFF, U+00AD
 *				and the tag characters (U+E0000-E007F) are
 *				invisible text, a known way to hide
 *				instructions
 *	other non-printables	<U+0378> etc. (wcwidth < 0: unassigned,
 *				surrogates, U+2028, U+2029)
 *	invalid UTF-8		<C3> per byte, so a reviewer sees the bytes
 *  - a tab (GLYPH_TAB): blanks to the next multiple of 8 columns from the
 *    start of the display line.
 * Escape and tab glyphs hold exactly `width` narrow ASCII characters, one per
 * cell: the UI draws wc[i] alone at column col + i, escapes in their own
 * attribute.  A newline has no glyph: it ends a line (a CR just before it
 * belongs to the line end).  Inside a single-line string (textwrap_width(),
 * textwrap_fit()) a newline is an escape, ^J, and tabs count from the
 * string's start.
 *
 * A zero-width character with nothing to sit on (at the start of the text,
 * after a tab or an escape) is drawn on a space, so it takes one cell.  A
 * cluster keeps at most GLYPH_CLUSTER_MAX characters (the base and four
 * marks, what fits in an ncursesw cchar_t); further marks are consumed with
 * it but not drawn, so "Zalgo" text cannot smear over its neighbours.
 *
 * Every function expects the LC_CTYPE locale to be a UTF-8 one. */
#ifndef PANELIST_TEXTWRAP_H
#define PANELIST_TEXTWRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define GLYPH_CLUSTER_MAX	5	/* ncursesw's CCHARW_MAX */
#define GLYPH_WC_MAX		12	/* "<U+10FFFF>", or 8 blanks, and NUL */
#define TEXTWRAP_TAB		8

#define GLYPH_ESCAPE	0x1	/* notation for something not drawable */
#define GLYPH_TAB	0x2	/* blanks */
#define GLYPH_SPACE	0x4	/* U+0020 or a tab: where words break */

struct glyph {
	wchar_t		 wc[GLYPH_WC_MAX];	/* NUL-terminated */
	size_t		 off;			/* source bytes [off, off + len) */
	size_t		 len;
	int		 col;			/* first cell, from the line start */
	int		 width;			/* cells */
	int		 flags;			/* GLYPH_* */
};

/* Decode the glyph at the start of s (len bytes left, len > 0) drawn at
 * column col; off is where s lies in the whole text, copied into g->off.
 * Returns the number of bytes consumed, at least 1.  Allocation-free. */
size_t glyph_decode(const char *s, size_t len, size_t off, int col,
    struct glyph *g);

/* Cells taken by UTF-8 text drawn on one line (newlines count as ^J). */
int textwrap_width(const char *s);
int textwrap_width_n(const char *s, size_t len);

/* How many bytes of s fit in `cells`, whole glyphs only; *widthp (if not
 * NULL) gets their width.  With `ellipsis`, when s does not fit whole, room
 * is left for TEXTWRAP_ELLIPSIS and *cutp says so; the caller draws it. */
#define TEXTWRAP_ELLIPSIS	"\xe2\x80\xa6"	/* U+2026, one cell */
size_t textwrap_fit(const char *s, size_t len, int cells, bool ellipsis,
    int *widthp, bool *cutp);
/* A new string: s cut to at most `cells` cells, ending in the ellipsis when
 * cut if asked.  The result is still raw text: draw it through glyphs. */
char *textwrap_truncate(const char *s, int cells, bool ellipsis);

/* One display line: bytes [start, end) of the text, drawn from column 0. */
struct wrap_line {
	size_t		 start;
	size_t		 end;
	size_t		 src;		/* source line, from 0 */
	int		 width;		/* cells, the sum of its glyphs' widths */
	bool		 cont;		/* continues the source line above */
};

/* Text wrapped at one width, computed once: scrolling is indexing lines[].
 *
 * Source lines end at '\n' (and a CR before it); a final newline does not
 * start another line, so "" has no lines and "a\n\nb" three.  An empty
 * source line is one empty display line.  Lines break after a run of blanks
 * (the blanks are drawn on neither line), and at any boundary next to a
 * wide character, except before closing punctuation (、。」）,.!? ...) or
 * after opening brackets (「（ ...).  A word longer than the width breaks
 * between glyphs.  No line is wider than `width`, except a line holding a
 * single glyph wider than `width` (a wide character at width 1, an escape
 * such as <U+202E> in a narrow pane): it has a line of its own and the UI
 * clips it.  A tab that does not fit at the start of a line is dropped. */
struct wrap {
	struct wrap_line	*lines;
	size_t			 n;
	int			 width;
	size_t			 n_src;		/* source lines */
};

/* Where the source line starting at pos ends (before its \n or \r\n) and,
 * in *next, where the next one starts: the one cut into source lines, for
 * wrapping and for markdown_classify alike. */
size_t textwrap_line_end(const char *text, size_t len, size_t pos,
    size_t *next);
/* One display line cut from bytes [start, end) (no newline inside), by the
 * rules above, its first glyph at column `col` of a row `width` cells wide:
 * the line drawn is [start, end) (start moves past tabs dropped at column
 * 0), `width` cells from `col` on, and the next line starts at `next`.
 * With col > 0 (a row that already holds text) and the first word too long
 * for what is left, nothing is taken: end == next == start.  At column 0 at
 * least one glyph is. */
struct textwrap_cut {
	size_t	 start;
	size_t	 end;
	size_t	 next;
	int	 width;
};
void textwrap_cut(const char *text, size_t start, size_t end, int col,
    int width, struct textwrap_cut *);
/* The widest piece of s that no line break can split: a word between
 * blanks, or a single wide character.  The narrowest a column can be
 * without breaking words. */
int textwrap_longest_word(const char *s, size_t len);
/* Width < 1 is taken as 1. */
struct wrap *textwrap_wrap(const char *text, size_t len, int width);
void textwrap_free(struct wrap *);
/* The first display line of source line `src` (binary search), or w->n. */
size_t textwrap_find_src(const struct wrap *, size_t src);

/* Walking the glyphs of one display line, for drawing it:
 *	glyph_iter_init(&it, text, &w->lines[i]);
 *	while (glyph_iter_next(&it, &g))
 *		draw g at column g.col; */
struct glyph_iter {
	const char	*text;
	size_t		 pos;
	size_t		 end;
	int		 col;
};
void glyph_iter_init(struct glyph_iter *, const char *text,
    const struct wrap_line *);
bool glyph_iter_next(struct glyph_iter *, struct glyph *);

#endif
