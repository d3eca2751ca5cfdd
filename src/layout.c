/* layout.c: the rows of the rating screen, shared out (see layout.h). */
#include "config.h"

#include <string.h>

#include "layout.h"
#include "util.h"

/* The shapes in order of preference: a full list first, since it shows every
 * score at once; then all the anchors rather than some. */
static const struct {
	bool	compact;
	int	level;
} shapes[] = {
	{ false, 0 }, { false, 1 }, { true, 0 }, { true, 1 }, { true, 2 }, { true, 3 },
};

static int
panel_rows(const struct panel_needs *n, bool compact, int level)
{
	return (compact ? n->list_compact : n->list_full) + n->detail[level];
}

void
layout_compute(int lines, int cols, const struct panel_needs *n, bool zoom,
    struct layout *l)
{
	int avail = lines - 2;		/* less the title and status lines */
	size_t i, pick = nitems(shapes);

	memset(l, 0, sizeof *l);
	l->wide = cols >= LAYOUT_WIDE_COLS;
	l->prompt_w = (cols - 1) / 2;
	l->status_y = lines - 1;
	if (zoom) {
		l->panes_h = lines - 1;
		return;
	}
	for (i = 0; i < pick; i++) {
		if (avail - panel_rows(n, shapes[i].compact, shapes[i].level) >=
		    1 + LAYOUT_TEXT_KEEP)
			break;
	}
	if (i == pick)
		i = pick - 1;	/* the smallest panel; the text gets what is left */
	l->compact = shapes[i].compact;
	l->detail_level = shapes[i].level;
	l->detail_h = n->detail[l->detail_level];
	l->panel_h = panel_rows(n, l->compact, l->detail_level);
	/* The panes keep their header and two lines on the smallest screen. */
	if (l->panel_h > avail - 3) {
		l->panel_h = avail - 3 > 0 ? avail - 3 : 0;
		l->detail_h = l->panel_h - (l->compact ? n->list_compact : n->list_full);
		if (l->detail_h < 0)
			l->detail_h = 0;
	}
	l->panes_y = 1;
	l->panes_h = avail - l->panel_h;
	l->panel_y = l->panes_y + l->panes_h;
}
