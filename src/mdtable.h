/* mdtable.h: GitHub-flavoured Markdown tables, found and measured.
 *
 * A table is a header row, a delimiter row (cells of dashes, a colon at the
 * left, right or both ends for the column's alignment) and body rows, every
 * row a line starting with '|' (how LLMs write them; markdown.h's
 * MD_TABLE).  Cells are split at '|' not escaped by a backslash, and
 * trimmed; a final '|' closes the row.  GitHub pads short rows and drops
 * extra cells; here a table whose rows do not all have the header's number
 * of cells, or without a valid delimiter row, is not a table at all: it is
 * shown as written, so nothing is lost or guessed.  No curses here. */
#ifndef PANELIST_MDTABLE_H
#define PANELIST_MDTABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "markdown.h"

enum md_align { MDA_NONE, MDA_LEFT, MDA_CENTER, MDA_RIGHT };

struct md_cell {
	size_t		 start;		/* trimmed text, no pipes */
	size_t		 end;
};

/* A table found at md->lines[first]: `n_rows` rows of `n_cols` cells each
 * (the header first, the delimiter row left out) in cells[], from
 * n_lines source lines. */
struct md_table {
	size_t		 first;
	size_t		 n_lines;
	size_t		 n_rows;
	size_t		 n_cols;
	struct md_cell	*cells;		/* cells[row * n_cols + col] */
	enum md_align	*align;
};

/* Whether a well-formed table starts at source line `first`; fills *t
 * (free with mdtable_free) when it does. */
bool mdtable_parse(const char *text, const struct markdown *md, size_t first,
    struct md_table *t);
void mdtable_free(struct md_table *);
/* Column widths for at most `width` cells in all (rules included): the
 * natural widths when they fit, else the widest shrunk first but none below
 * its longest word; when even that does not fit, the natural widths again.
 * Returns the table's width in cells.  cw and natural (the widest cell of
 * each column) have t->n_cols entries. */
int mdtable_widths(const char *text, const struct md_table *t, int width,
    int *cw, int *natural);

#endif
