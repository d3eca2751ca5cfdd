/* mdlayout.h: Markdown laid out into display rows at one width.
 *
 * The rating screen draws an output as its author meant it to be read.  This
 * module decides where everything goes, without curses: rows of segments,
 * each a byte range of the text (drawn through glyph_decode, so control
 * characters stay inert notation) or a decoration (a table rule, a quote
 * bar, a continuation mark).  The UI only walks the rows on screen.
 *
 *  - Paragraphs reflow: the lines of a paragraph join (CommonMark's soft
 *    break, a blank between them, none between two wide characters, so
 *    Japanese is not spaced out), then wrap at the width.  A hard break
 *    (two blanks or a backslash at the end of a line) ends the row, and so
 *    does a line starting with a Japanese or typographic bullet (・ •),
 *    which is how such lists are written.  A list item's lines hang under
 *    its text.
 *  - Headings, rules, fence lines: their own rows; a rule is drawn as a line.
 *  - Block quotes: a bar per level, the text at full brightness, reflowed.
 *  - Code (fenced and indented): each line its own, never joined; a line
 *    longer than the width goes on on the next row after a mark (↪).
 *  - Tables (mdtable.h): a grid with box-drawing rules, each column aligned
 *    as its delimiter row says, cells wrapped inside their column (a row
 *    stays a row, rules between rows once a cell wraps).  A table that
 *    cannot fit even so keeps its natural width: its rows are wider than
 *    the width, and the UI scrolls them sideways.  A malformed table is
 *    shown line by line as written.
 *
 * Without Markdown (md NULL: the raw view, or plain text) the rows are
 * textwrap_wrap()'s lines, exactly the bytes as written.
 *
 * Rows keep the text in order: rows[i].off never decreases, so a text
 * offset finds its row by binary search (for a resize keeping the top, and
 * for search). */
#ifndef PANELIST_MDLAYOUT_H
#define PANELIST_MDLAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "markdown.h"

enum md_role {
	MDR_TEXT,	/* paragraphs, list items, table cells */
	MDR_HEADING,	/* a heading's text, a table's header cells */
	MDR_CODE,	/* code lines */
	MDR_DELIM,	/* fence lines */
	MDR_RULE,	/* table rules and thematic breaks */
	MDR_BAR,	/* a block quote's bar */
	MDR_MARK,	/* the continuation mark of a wrapped code line */
};

#define MDL_NO_SRC	((size_t)-1)

/* A piece of a row.  Text: bytes [start, end) drawn from column `col`, its
 * glyphs decoded as if the first stood at column `gcol` (where tabs were
 * measured); `src` is its source line for inline styles, or MDL_NO_SRC.
 * Decoration: `deco` (one glyph of static UTF-8) drawn `repeat` times. */
struct md_seg {
	size_t		 start;
	size_t		 end;
	size_t		 src;
	const char	*deco;
	int		 repeat;
	int		 col;
	int		 gcol;
	int		 width;		/* cells in all */
	enum md_role	 role;
};

struct md_row {
	size_t		 seg;		/* segs[seg] ... */
	size_t		 n_segs;
	size_t		 off;		/* the text it shows starts here */
	int		 width;		/* its rightmost cell + 1 */
};

struct md_layout {
	struct md_row	*rows;
	size_t		 n;
	struct md_seg	*segs;
	size_t		 n_segs;
	int		 width;		/* asked for */
	int		 max_width;	/* the widest row: > width when a table
					 * could not fit */
	size_t		 cap_rows, cap_segs;
};

/* The rows of text at width (< 1 taken as 1); md from markdown_classify()
 * of the same text, or NULL for the text as written.  Never NULL:
 * allocation aborts. */
struct md_layout *mdlayout_build(const char *text, size_t len,
    const struct markdown *md, int width);
void mdlayout_free(struct md_layout *);
/* The first row showing text at `off`: the first of the rows with the
 * greatest start at or before it; 0 when there are none. */
size_t mdlayout_row_of(const struct md_layout *, size_t off);

#endif
