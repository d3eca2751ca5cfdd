/* ui-view.c: the layout, and the whole screen drawn from the state.
 *
 *	title:   capability · prompt title · occupation [· model]
 *	panes:   prompt | output      (one at a time, Tab between, when narrow)
 *	         or the rubric view (r) in their place
 *	panel:   the axes of the item, full or compact (layout.h)
 *	status:  reviewer, progress, item number, key hints or a message;
 *	         the editor or the flag menu while one is open
 * Zoomed (z), the panes take every line but the status line, which then
 * shows the focused axis and its score.
 *
 * Everything is computed from LINES and COLS on every draw, so a resize is
 * nothing but a redraw; the panes re-wrap only when their width changed. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-internal.h"

/* The panel's needs depend on the item and the width only (not on the
 * scores), and wrap every anchor at every level: counted once for both. */
static void
compute_layout(struct rate_ui *u, struct layout *l)
{
	if (u->needs_output != u->iv.output || u->needs_cols != COLS) {
		panel_needs(&u->iv, COLS, &u->needs);
		u->needs_output = u->iv.output;
		u->needs_cols = COLS;
	}
	layout_compute(LINES, COLS, &u->needs, u->zoom, l);
}

/* ---- title ------------------------------------------------------------------ */

static void
draw_title(const struct rate_ui *u)
{
	const struct item_view *iv = &u->iv;
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < iv->n_caps; i++)
		buf_printf(&b, "%s%s", i > 0 ? " + " : "",
		    iv->caps[i].title != NULL ? iv->caps[i].title : iv->caps[i].capability);
	buf_printf(&b, " \xc2\xb7 %s", iv->title != NULL ? iv->title : iv->prompt_id);
	if (iv->occupation != NULL)
		buf_printf(&b, " \xc2\xb7 %s", iv->occupation);
	/* A blind study shows no model name anywhere on the screen. */
	if (!u->s->blind && iv->model != NULL)
		buf_printf(&b, _(" \xc2\xb7 model %s"), iv->model);
	draw_fill(0, 0, COLS, screen_attr(ST_TITLE));
	draw_text(0, 1, COLS - 2, b.data, screen_attr(ST_TITLE));
	buf_free(&b);
}

/* The flags as a reviewer reads them; the database keeps flag_ids. */
const char *
ui_flag_title(const char *id)
{
	static const char *const titles[FLAG_COUNT] = {
		/* TRANSLATORS: the four flags a reviewer can put on an output. */
		N_("broken"), N_("off-topic"), N_("unsafe"), N_("other"),
	};
	size_t i;

	for (i = 0; i < FLAG_COUNT; i++)
		if (strcmp(flag_ids[i], id) == 0)
			return _(titles[i]);
	return id;
}

/* ---- panes ------------------------------------------------------------------ */

static void
draw_pane_header(const struct rate_ui *u, int which, bool narrow, int y, int x, int w)
{
	const struct pane *p = which ? &u->output : &u->prompt;
	bool focused = u->focus_pane == which;
	attr_t a = screen_attr(focused ? ST_HEADER_FOCUS : ST_HEADER);
	struct buf b = { 0 };
	char pos[64];

	buf_addstr(&b, focused ? "\xe2\x96\xb8 " : "  ");	/* ▸ */
	buf_addstr(&b, which ? _("Output") : _("Prompt"));
	if (!which && u->iv.n_turns > 1)
		buf_printf(&b, P_(" \xc2\xb7 %zu turn", " \xc2\xb7 %zu turns", u->iv.n_turns),
		    u->iv.n_turns);
	if (narrow)
		buf_addstr(&b, which ? _("   (Tab: prompt)") : _("   (Tab: output)"));
	pane_position(p, pos, sizeof pos);
	draw_fill(y, x, w, a);
	draw_text(y, x, w - textwrap_width(pos) - 2, b.data, a);
	draw_text_right(y, x, w - 1, pos, a);
	buf_free(&b);
}

static void
draw_pane(struct rate_ui *u, int which, bool narrow, int y, int x, int w, int h)
{
	struct pane *p = which ? &u->output : &u->prompt;

	if (!pane_layout(p, w - 2, h - 1))
		snprintf(u->msg, sizeof u->msg, "%s", _("out of memory wrapping the text"));
	draw_pane_header(u, which, narrow, y, x, w);
	pane_draw(p, y + 1, x + 1, w - 2, h - 1);
}

static void
draw_panes(struct rate_ui *u, const struct layout *l)
{
	if (u->rubric_on) {
		rubric_draw(&u->rubric, &u->iv, u->axis, l->panes_y, 0, COLS, l->panes_h);
		return;
	}
	if (!l->wide || u->zoom) {
		draw_pane(u, u->focus_pane, true, l->panes_y, 0, COLS, l->panes_h);
		return;
	}
	draw_pane(u, 0, false, l->panes_y, 0, l->prompt_w, l->panes_h);
	mvvline_set(l->panes_y, l->prompt_w, WACS_VLINE, l->panes_h);
	draw_pane(u, 1, false, l->panes_y, l->prompt_w + 1, COLS - l->prompt_w - 1, l->panes_h);
}

/* ---- status line ------------------------------------------------------------ */

static void
add_bar(struct buf *b, size_t done, size_t total, int cells)
{
	/* Rounded down: a block is a block's share done, never less. */
	int full = total > 0 ? (int)(done * (size_t)cells / total) : 0, i;

	for (i = 0; i < cells; i++)
		buf_addstr(b, i < full ? "\xe2\x96\x88" : "\xe2\x96\x91");	/* █ ░ */
}

/* Whose ratings these are, and who enters them when that is someone else
 * (rate --as): the one thing on screen that says so. */
static void
add_who(struct buf *b, const struct session *s)
{
	const char *actor = store_actor(s->st);

	if (actor != NULL && strcmp(actor, s->reviewer) != 0)
		/* TRANSLATORS: rate --as: the ratings are the first name's, typed in
		 * by the second. */
		buf_printf(b, _("entering for %s as %s"), s->reviewer, actor);
	else
		buf_addstr(b, s->reviewer);
}

/* The active time on the item (ui-clock.c): "0:42", "12:05", "1:02:10". */
static void
add_time(struct buf *b, double seconds)
{
	long t = seconds > 0 ? (long)seconds : 0;

	if (t >= 3600)
		/* TRANSLATORS: the time spent on this item, h:mm:ss. */
		buf_printf(b, _("  %ld:%02ld:%02ld on it"), t / 3600, t / 60 % 60, t % 60);
	else
		/* TRANSLATORS: the time spent on this item, m:ss. */
		buf_printf(b, _("  %ld:%02ld on it"), t / 60, t % 60);
}

static const char *
pick_hints(const struct rate_ui *u, int room, char *tmp, size_t size)
{
	/* TRANSLATORS: the key hints after the digits ("1-5"); the keys stay
	 * as they are, two spaces between hints. */
	static const char *const after_digits[] = {
	    N_(" score  \xe2\x86\x90\xe2\x86\x92 change  x N/A  c note  f flag  Tab pane  "
	    "Enter next  ? keys  q quit"),
	    N_(" score  c note  f flag  ? keys  q quit"),
	};
	const struct item_capability *c = NULL;
	char digits[32] = "";
	size_t i;

	if (u->mode == MODE_HELP)
		return _("\xe2\x86\x91\xe2\x86\x93 PgUp PgDn scroll  q Esc ? close");
	if (u->mode == MODE_LIST)
		return _("\xe2\x86\x91\xe2\x86\x93 move  Enter open  f filter  Esc back");
	if (panel_axis(&u->iv, u->axis, &c) != NULL)
		snprintf(digits, sizeof digits, "%ld-%ld", c->min, c->max < 9 ? c->max : 9);
	else
		/* TRANSLATORS: what the number keys are, when no scale is known. */
		snprintf(digits, sizeof digits, "%s", _("digits"));
	for (i = 0; i < nitems(after_digits); i++) {
		snprintf(tmp, size, "%s%s", digits, _(after_digits[i]));
		if (textwrap_width(tmp) <= room)
			return tmp;
	}
	return _("? keys  q quit");
}

/* The status line's progress, at a level of detail: 0 all of it, then
 * without the bar, without the time on the item, and last with the
 * reviewer's name alone.  The item number is in every one. */
static void
progress_text(const struct rate_ui *u, int level, struct buf *b)
{
	const struct session *s = u->s;

	b->len = 0;
	buf_add(b, "", 0);
	if (level < 3)
		add_who(b, s);
	else
		buf_addstr(b, s->reviewer);
	if (level < 2)
		/* TRANSLATORS: items done of all items, before the progress bar. */
		buf_printf(b, _("  %zu/%zu done"), session_done(s), s->n);
	else
		buf_printf(b, "  %zu/%zu", session_done(s), s->n);
	if (level == 0) {
		buf_addstr(b, " ");
		add_bar(b, session_done(s), s->n, COLS >= 100 ? 20 : 10);
	}
	buf_printf(b, _("  item %zu of %zu"), s->cur + 1, s->n);
	if (s->q[s->cur].skipped)
		buf_addstr(b, _(" (skipped)"));
	if (u->raw)
		buf_addstr(b, _("  as written (m)"));
	if (level < 2 && u->loaded)
		add_time(b, u->iv.active_seconds + clock_pending(&u->clock, clock_now()));
}

/* The most detailed progress that leaves `room_for` cells free. */
static bool
fit_progress(const struct rate_ui *u, int room_for, struct buf *b)
{
	int level;

	for (level = 0; level < 4; level++) {
		progress_text(u, level, b);
		if (textwrap_width(b->data) <= COLS - 2 - room_for)
			return true;
	}
	return room_for == 0;	/* nothing fits beside: the item number first */
}

static void
draw_progress(const struct rate_ui *u, int y)
{
	attr_t bar = screen_attr(ST_BAR);
	struct buf b = { 0 };
	char hints[256];
	const char *right;
	int lw = 0, mw;

	draw_fill(y, 0, COLS, bar);
	if (u->msg[0] != '\0') {
		attr_t a = u->msg_error ? screen_attr(ST_ERROR) | A_REVERSE : bar;

		/* A message matters more than the progress it covers. */
		mw = textwrap_width(u->msg);
		if (fit_progress(u, mw + 3, &b))
			lw = 1 + draw_text(y, 1, COLS - 2, b.data, bar);
		buf_free(&b);
		draw_text_right(y, lw + 2, COLS - lw - 3, u->msg, a);
		return;
	}
	fit_progress(u, 0, &b);
	lw = 1 + draw_text(y, 1, COLS - 2, b.data, bar);
	buf_free(&b);
	right = pick_hints(u, COLS - lw - 3, hints, sizeof hints);
	if (textwrap_width(right) <= COLS - lw - 3)
		draw_text_right(y, lw + 2, COLS - lw - 3, right, bar);
}

/* Zoomed: the focused axis and its score, and the way back. */
static void
draw_zoom_status(const struct rate_ui *u, int y)
{
	attr_t bar = screen_attr(ST_BAR);
	struct buf b = { 0 };
	int lw;

	buf_addstr(&b, "\xe2\x96\xb8 ");	/* ▸ */
	panel_focus_status(&u->iv, u->axis, &b);
	draw_fill(y, 0, COLS, bar);
	lw = 1 + draw_text(y, 1, COLS - 2, b.data, bar);
	buf_free(&b);
	if (u->msg[0] != '\0') {
		/* As on the progress line: the message covers the axis if need be. */
		if (textwrap_width(u->msg) > COLS - lw - 3) {
			draw_fill(y, 0, COLS, bar);
			lw = 0;
		}
		draw_text_right(y, lw + 2, COLS - lw - 3, u->msg,
		    u->msg_error ? screen_attr(ST_ERROR) | A_REVERSE : bar);
	} else if (COLS - lw - 3 >= 6)
		draw_text_right(y, lw + 2, COLS - lw - 3, _("z back"), bar);
}

static void
draw_flag_menu(const struct rate_ui *u, int y)
{
	int x, i;
	char cell[96];

	draw_fill(y, 0, COLS, screen_attr(ST_NORMAL));
	x = draw_text(y, 0, COLS, _(" Flag this output: "), screen_attr(ST_PROMPT));
	for (i = 0; i < UI_FLAGS_N; i++) {
		bool on = i == u->flag_choice;

		snprintf(cell, sizeof cell, on ? "[%d %s]" : " %d %s ", i + 1,
		    ui_flag_title(flag_ids[i]));
		x += draw_text(y, x, COLS - x, cell, screen_attr(on ? ST_CHOSEN : ST_NORMAL));
		x += draw_text(y, x, COLS - x, " ", screen_attr(ST_NORMAL));
	}
	draw_text(y, x, COLS - x, _(" 0 clear  Esc cancel"), screen_attr(ST_DIM));
}

static void
draw_status(const struct rate_ui *u)
{
	int y = LINES - 1;
	char label[256];

	switch (u->mode) {
	case MODE_NOTE:
		edit_draw(&u->edit, y, 0, COLS, _(" Note (Enter saves, Esc cancels): "));
		break;
	case MODE_FLAG_REASON:
		snprintf(label, sizeof label, _(" Flag %s, reason (optional): "),
		    ui_flag_title(flag_ids[u->flag_choice]));
		edit_draw(&u->edit, y, 0, COLS, label);
		break;
	case MODE_GOTO:
		snprintf(label, sizeof label, _(" Go to item (1-%zu): "), u->s->n);
		edit_draw(&u->edit, y, 0, COLS, label);
		break;
	case MODE_SEARCH:
		edit_draw(&u->edit, y, 0, COLS, _(" Search: "));
		break;
	case MODE_FLAG_MENU:
		draw_flag_menu(u, y);
		break;
	default:
		if (u->zoom && u->mode == MODE_RATE)
			draw_zoom_status(u, y);
		else
			draw_progress(u, y);
		break;
	}
}

/* ---- whole screens ----------------------------------------------------------- */

static void
draw_too_small(void)
{
	char lines[3][128];
	int y = LINES / 2 - 1, i;

	snprintf(lines[0], sizeof lines[0], _("Terminal too small: %dx%d."), COLS, LINES);
	snprintf(lines[1], sizeof lines[1], _("Needs at least %dx%d."), UI_MIN_COLS, UI_MIN_ROWS);
	snprintf(lines[2], sizeof lines[2], "%s", _("q quits."));
	if (y < 0)
		y = 0;
	for (i = 0; i < 3 && y + i < LINES; i++)
		draw_text(y + i, 1, COLS - 1, lines[i], screen_attr(ST_NORMAL));
}

static void
draw_help(struct rate_ui *u)
{
	char pos[64];

	pane_layout(&u->help, COLS - 2, LINES - 2);
	/* Where in the help this is: that there is more below shows at once. */
	pane_position(&u->help, pos, sizeof pos);
	draw_fill(0, 0, COLS, screen_attr(ST_TITLE));
	draw_text(0, 1, COLS - 2, _("panelist: the rating screen's keys"), screen_attr(ST_TITLE));
	draw_text_right(0, 0, COLS - 1, pos, screen_attr(ST_TITLE));
	pane_draw(&u->help, 1, 1, COLS - 2, LINES - 2);
}

void
view_draw(struct rate_ui *u)
{
	struct layout l;

	erase();
	curs_set(0);
	if (screen_too_small()) {
		draw_too_small();
		refresh();
		return;
	}
	if (u->mode == MODE_HELP)
		draw_help(u);
	else if (u->mode == MODE_LIST)
		list_draw(u);
	else {
		compute_layout(u, &l);
		if (!u->zoom)
			draw_title(u);
		draw_panes(u, &l);
		panel_draw(&u->iv, u->axis, &l, 0, COLS);
	}
	draw_status(u);		/* last: the editor leaves the cursor there */
	refresh();
}
