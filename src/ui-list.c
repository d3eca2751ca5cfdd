/* ui-list.c: the item list, every item of the queue on one scrollable page.
 *
 *	Items · 12 of 36 · filter: partial
 *	    3  done     skipped noted    summarization       Quarterly report
 *	  ▸ 7  partial  flagged          data-structuring    Invoice table
 *
 * Rows are in number order (the numbers `g` takes, which a skip leaves
 * alone).  A filter keeps the items in one state; f and Tab step through
 * the filters, F and Shift-Tab back.  The titles and capabilities are read
 * for the rows on screen only, once each (store_queue_describe): a queue of
 * 100,000 items opens its list as fast as one of ten. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-internal.h"

/* TRANSLATORS: the item list's filters and an item's states. */
static const char *const filter_names[LIST__COUNT] = {
	N_("all"), N_("to do"), N_("done"), N_("partial"), N_("skipped"), N_("flagged"),
	N_("noted"),
};

static bool
in_filter(const struct queue_entry *e, enum list_filter f)
{
	switch (f) {
	case LIST_TODO:
		return !e->done;
	case LIST_DONE:
		return e->done;
	case LIST_PARTIAL:
		return e->partial;
	case LIST_SKIPPED:
		return e->skipped;
	case LIST_FLAGGED:
		return e->flagged;
	case LIST_NOTED:
		return e->noted;
	default:
		return true;
	}
}

/* The rows of the filter, the selection on `want` or the nearest before.
 * All of them is every number in order, already in place from the last
 * time: opening the list costs no pass over the queue. */
static void
select_rows(struct rate_ui *u, size_t want)
{
	struct item_list *l = &u->list;
	const struct session *s = u->s;
	size_t i;

	if (l->rows == NULL)
		l->rows = xcalloc(s->n > 0 ? s->n : 1, sizeof *l->rows);
	l->sel = l->top = 0;
	if (l->filter == LIST_ALL && l->all_in_place) {
		l->n_rows = s->n;
		l->sel = want;
		return;
	}
	l->n_rows = 0;
	l->all_in_place = l->filter == LIST_ALL;
	for (i = 0; i < s->n; i++) {
		if (!in_filter(&s->q[i], l->filter))
			continue;
		if (i <= want)
			l->sel = l->n_rows;
		l->rows[l->n_rows++] = i;
	}
}

void
list_open(struct rate_ui *u)
{
	u->list.filter = LIST_ALL;
	select_rows(u, u->s->cur);
	u->mode = MODE_LIST;
}

void
list_free(struct item_list *l)
{
	free(l->rows);
	memset(l, 0, sizeof *l);
}

static void
move_to(struct item_list *l, long step)
{
	long to = (long)l->sel + step;

	if (l->n_rows == 0)
		return;
	if (to < 0)
		to = 0;
	if ((size_t)to >= l->n_rows)
		to = (long)l->n_rows - 1;
	l->sel = (size_t)to;
}

static void
step_filter(struct rate_ui *u, int step)
{
	struct item_list *l = &u->list;
	size_t at = l->n_rows > 0 ? l->rows[l->sel] : u->s->cur;

	l->filter = (enum list_filter)((l->filter + LIST__COUNT + step) % LIST__COUNT);
	select_rows(u, at);
}

size_t
list_key(struct rate_ui *u, int key)
{
	struct item_list *l = &u->list;
	long page = LINES > 4 ? LINES - 3 : 1;
	enum ui_action a = keys_action(key);

	if (key == 'f' || key == '\t')
		step_filter(u, 1);
	else if (key == 'F' || key == (UI_KEYCODE | KEY_BTAB))
		step_filter(u, -1);
	else if (key == UI_KEY_ESC || a == ACT_QUIT || a == ACT_ITEM_LIST)
		u->mode = MODE_RATE;
	else if (a == ACT_NEXT_UNFINISHED && l->n_rows > 0) {
		u->mode = MODE_RATE;
		return l->rows[l->sel];
	} else if (a == ACT_AXIS_PREV || a == ACT_LINE_UP)
		move_to(l, -1);
	else if (a == ACT_AXIS_NEXT || a == ACT_LINE_DOWN)
		move_to(l, 1);
	else if (a == ACT_PAGE_DOWN)
		move_to(l, page);
	else if (a == ACT_PAGE_UP)
		move_to(l, -page);
	else if (a == ACT_TOP)
		move_to(l, -(long)l->n_rows);
	else if (a == ACT_BOTTOM)
		move_to(l, (long)l->n_rows);
	return SIZE_MAX;
}

/* "done", "partial" or "to do", then the marks that apply. */
static void
state_text(const struct queue_entry *e, char *state, size_t n, char *marks, size_t m)
{
	snprintf(state, n, "%s", e->done ? _("done") : e->partial ? _("partial") : _("to do"));
	snprintf(marks, m, "%s%s%s%s%s", e->skipped ? _("skipped") : "", e->skipped ? " " : "",
	    e->flagged ? _("flagged") : "", e->flagged ? " " : "", e->noted ? _("noted") : "");
}

/* The cells a row's number, state and marks take, measured once a draw:
 * the widest number; the widest state in this language and a space; every
 * mark, the spaces between and three more. */
struct list_cols {
	int	num;
	int	state;
	int	marks;
};

static void
list_cols(const struct rate_ui *u, struct list_cols *c)
{
	int d = textwrap_width(_("done")), p = textwrap_width(_("partial"));
	int t = textwrap_width(_("to do"));
	char n[32];

	c->num = snprintf(n, sizeof n, "%zu", u->s->n);
	c->state = (d > p ? (d > t ? d : t) : (p > t ? p : t)) + 1;
	c->marks = textwrap_width(_("skipped")) + textwrap_width(_("flagged")) +
	    textwrap_width(_("noted")) + 5;
}

static void
draw_row(struct rate_ui *u, size_t k, int y, const struct list_cols *w,
    struct errlist *errs)
{
	struct item_list *l = &u->list;
	struct session *s = u->s;
	size_t i = l->rows[k];
	const struct queue_entry *e = &s->q[i];
	bool on = k == l->sel;
	attr_t a = screen_attr(on ? ST_CHOSEN : e->done ? ST_DIM : ST_NORMAL);
	char head[64], state[64], marks[160];
	int x = 0, capw = COLS >= 100 ? 24 : 16;

	if (store_queue_describe(s->st, &s->qu, e->prompt, errs) != 0)
		return;
	state_text(e, state, sizeof state, marks, sizeof marks);
	snprintf(head, sizeof head, "%s%*zu  ", i == s->cur ? "\xe2\x96\xb8 " : "  ",
	    w->num, i + 1);
	if (on)
		draw_fill(y, 0, COLS, a);	/* the rest is blank from erase() */
	x += draw_text(y, x, COLS, head, a);
	/* Columns by display width: a state in Japanese is two cells a
	 * character. */
	if (x + w->state <= COLS)
		draw_text(y, x, w->state, state, a);
	x += w->state;
	if (x + w->marks <= COLS)
		draw_text(y, x, w->marks, marks, a);
	x += w->marks;
	if (x + capw + 2 < COLS) {
		draw_text(y, x, capw, s->qu.capabilities[e->prompt], a);
		x += capw + 2;
	}
	draw_text(y, x, COLS - x - 1, s->qu.titles[e->prompt], a);
}

void
list_draw(struct rate_ui *u)
{
	struct item_list *l = &u->list;
	struct errlist errs = { 0 };
	struct list_cols w;
	int h = LINES - 2, y;
	char title[256];
	size_t k;

	snprintf(title, sizeof title, _("Items \xc2\xb7 %zu of %zu \xc2\xb7 filter: %s"),
	    l->n_rows, u->s->n, _(filter_names[l->filter]));
	draw_fill(0, 0, COLS, screen_attr(ST_TITLE));
	draw_text(0, 1, COLS - 2, title, screen_attr(ST_TITLE));
	if (l->sel < l->top)
		l->top = l->sel;
	if (h > 0 && l->sel >= l->top + (size_t)h)
		l->top = l->sel - (size_t)h + 1;
	list_cols(u, &w);
	for (k = l->top, y = 1; k < l->n_rows && y <= h; k++, y++)
		draw_row(u, k, y, &w, &errs);
	if (l->n_rows == 0) {
		snprintf(title, sizeof title, _("No items are %s; f shows another filter."),
		    _(filter_names[l->filter]));
		draw_text(2, 2, COLS - 4, title, screen_attr(ST_DIM));
	}
	if (errs.n > 0)
		snprintf(u->msg, sizeof u->msg, _("cannot read the titles: %s"), errs.msgs[0]);
	err_clear(&errs);
}
