/* layout.h: how the rating screen shares its rows, as arithmetic on sizes.
 *
 * The screen is a title line, the panes (a header and the text), the rating
 * panel and a status line.  The panel can be drawn in two shapes, and the
 * focused axis's rubric text under it at four levels of detail:
 *	list	full: a row per axis (and per capability title when there
 *		are two); compact: a row per capability, its axes across
 *	detail	0 the question and every anchor, 1 the question and one
 *		anchor in full with the others by number, 2 that anchor
 *		without the question, 3 one line of labels and numbers
 * layout_compute() takes the first shape and level, in that order of
 * preference, that leaves the text LAYOUT_TEXT_KEEP lines: the panel
 * compacts before it takes rows from the text.  No curses here, so the
 * decision is tested without a terminal (tests/unit/test-layout.c). */
#ifndef PANELIST_LAYOUT_H
#define PANELIST_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_DETAIL_LEVELS	4
#define LAYOUT_TEXT_KEEP	12	/* text lines, under the pane's header */
/* From this width on the panes sit side by side; below, Tab shows one. */
#define LAYOUT_WIDE_COLS	100

/* The rows the panel needs at the current width, as the panel counts them. */
struct panel_needs {
	int	list_full;	/* with the panel's header line */
	int	list_compact;
	int	detail[LAYOUT_DETAIL_LEVELS];
};

struct layout {
	int	panes_y, panes_h;	/* header included */
	int	panel_y, panel_h;	/* 0 when zoomed */
	bool	compact;
	int	detail_level;
	int	detail_h;
	bool	wide;			/* the panes side by side */
	int	prompt_w;		/* wide: the prompt's columns */
	int	status_y;
};

/* For a screen of lines x cols; zoomed, the panes take every line but the
 * status line. */
void layout_compute(int lines, int cols, const struct panel_needs *, bool zoom,
    struct layout *);

#endif
