/* ui-rate.c: the rating screen's main loop and what each action does.
 *
 * One loop reads every key (wget_wch with a one-second timeout, so signals
 * and the periodic saving of active time are seen without a key), hands it
 * to the current mode, and redraws.  Every write goes through store.h and
 * has returned, committed, before the screen redraws: what the reviewer sees
 * is on disk.  A write refused leaves the screen as it was, with the reason
 * on the status line; one that failed for want of the machine (a server
 * that cannot be reached) stays on screen as unsaved and is retried
 * (ui-pending.c), and the screen does not move on until it is saved. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-internal.h"

static void
say(struct rate_ui *u, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
say(struct rate_ui *u, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof u->msg, fmt, ap);
	va_end(ap);
	u->msg_error = error;
	if (error)
		beep();
}

/* A failed write: its first message on the status line. */
static void
say_errors(struct rate_ui *u, struct errlist *errs)
{
	say(u, true, _("not saved: %s"), errs->n > 0 ? errs->msgs[0] : _("unknown error"));
	err_clear(errs);
}

/* ---- items ------------------------------------------------------------------ */

static void
store_time(struct rate_ui *u, bool leaving)
{
	struct errlist errs = { 0 };
	double t;

	if (!u->loaded || (t = clock_take(&u->clock, clock_now(), leaving)) <= 0)
		return;
	if (store_add_time(u->s->st, u->s->reviewer, u->iv.output, t, &errs) != 0) {
		if (u->pending.kind == PENDING_NONE)
			say_errors(u, &errs);
		err_clear(&errs);
	} else
		u->iv.active_seconds += t;	/* the status line's time on the item */
}

/* The item at s->cur; on failure the item on screen stays as it was. */
static int
load_item(struct rate_ui *u, struct errlist *errs)
{
	struct session *s = u->s;
	struct item_view iv;
	size_t i;
	int rc;

	if ((rc = store_item_load(s->st, s->reviewer, s->q[s->cur].output, &iv, errs)) != 0)
		return rc;
	pane_clear(&u->prompt);
	pane_clear(&u->output);
	if (u->loaded)
		item_view_free(&u->iv);
	u->iv = iv;
	u->loaded = true;
	for (i = 0; i < u->iv.n_turns; i++)
		pane_add(&u->prompt, u->iv.turns[i].role, u->iv.turns[i].content, true);
	pane_add(&u->output, NULL, u->iv.text, true);
	pane_set_raw(&u->prompt, u->raw);
	pane_set_raw(&u->output, u->raw);
	u->axis = panel_first_unrated(&u->iv);
	rubric_reset(&u->rubric);
	clock_start(&u->clock, clock_now());
	return 0;
}

/* Leave the current item for item `to` (an index into the queue), once
 * everything done on it is saved; an item that cannot be read leaves the
 * screen where it was, saying why. */
static void
go_to(struct rate_ui *u, size_t to)
{
	struct errlist errs = { 0 };
	size_t from = u->s->cur;

	if (!pending_settle(u))
		return;
	store_time(u, true);
	u->s->cur = to;
	if (load_item(u, &errs) != 0) {
		u->s->cur = from;
		say_errors(u, &errs);
	}
}

/* ---- rating ------------------------------------------------------------------- */

/* The queue's progress after a write, from the item on screen, which holds
 * exactly what the database now holds for it: session_refresh() would read
 * the same back, at the cost of two more statements every keystroke. */
static void
refresh_progress(struct rate_ui *u)
{
	struct queue_entry e = u->s->q[u->s->cur];
	size_t n = panel_n_axes(&u->iv), unrated = panel_count_unrated(&u->iv);

	e.done = n > 0 && unrated == 0;
	e.partial = unrated < n && !e.done;
	e.noted = u->iv.note != NULL;
	e.flagged = u->iv.flag != NULL;
	e.started = unrated < n || e.noted || e.flagged;
	session_set_progress(u->s, u->s->cur, &e);
}

static bool
set_score(struct rate_ui *u, int score)
{
	const struct item_capability *c = NULL;
	struct item_axis *a = panel_axis(&u->iv, u->axis, &c);
	struct errlist errs = { 0 };
	struct pending w = { .kind = PENDING_SCORE };
	int rc;

	if (a == NULL || !pending_settle(u))
		return false;
	w.output = u->iv.output;
	w.capability = (char *)c->capability;
	w.axis = (char *)a->id;
	w.score = score;
	if ((rc = pending_write(u, &w, &errs)) != 0 && !pending_keep(u, &w, rc, &errs)) {
		say_errors(u, &errs);
		return false;
	}
	a->score = score;
	refresh_progress(u);
	return true;
}

/* Over a change not saved yet: a second q, and the loss is said. */
static void
quit(struct rate_ui *u)
{
	if (pending_settle(u) || u->quit_asked)
		u->quit = true;
	else
		u->quit_unsaved = true;
}

static void
next_axis(struct rate_ui *u)
{
	if (u->axis + 1 < panel_n_axes(&u->iv))
		u->axis++;
}

static void
score_digit(struct rate_ui *u, int digit)
{
	const struct item_capability *c = NULL;

	if (panel_axis(&u->iv, u->axis, &c) == NULL)
		return;
	if (digit < c->min || digit > c->max) {
		say(u, true, _("%d is outside the scale: %ld to %ld"), digit, c->min, c->max);
		return;
	}
	if (set_score(u, digit))
		next_axis(u);
}

/* Left and right move along the scale; an unrated or N/A axis starts from
 * the middle, so the first press lands on the scale's centre. */
static void
score_step(struct rate_ui *u, int step)
{
	const struct item_capability *c = NULL;
	const struct item_axis *a = panel_axis(&u->iv, u->axis, &c);
	long to;

	if (a == NULL)
		return;
	if (a->score == ITEM_UNRATED || a->score == ITEM_NA)
		to = (c->min + c->max + 1) / 2;
	else
		to = a->score + step;
	if (to < c->min || to > c->max || to == a->score)
		return;
	set_score(u, (int)to);
}

static void
next_unfinished(struct rate_ui *u)
{
	size_t left = panel_count_unrated(&u->iv), next;

	if (left > 0) {
		u->axis = panel_first_unrated(&u->iv);
		say(u, false, P_("%zu axis still to rate on this item",
		    "%zu axes still to rate on this item", left), left);
		return;
	}
	if ((next = session_next_unfinished(u->s)) == u->s->n) {
		say(u, false, _("All items are rated; q quits."));
		return;
	}
	go_to(u, next);
}

static void
step_item(struct rate_ui *u, int step)
{
	size_t to = session_step(u->s, step);

	if (to == u->s->n)
		say(u, false, step < 0 ? _("This is the first item.") : _("This is the last item."));
	else
		go_to(u, to);
}

static void
skip_item(struct rate_ui *u)
{
	struct errlist errs = { 0 };
	size_t next, number = u->s->cur + 1;

	if (!pending_settle(u))
		return;
	store_time(u, true);
	if (session_skip(u->s, &errs) != 0) {
		say_errors(u, &errs);
		return;
	}
	/* cur is now the item that took its place: on to the first
	 * unfinished from there. */
	next = session_next_unfinished(u->s);
	go_to(u, next < u->s->n ? next : u->s->cur);
	say(u, false, _("Skipped item %zu: it keeps its number, last in the order."), number);
}

/* ---- note, flag, item number ------------------------------------------------- */

static void
save_note(struct rate_ui *u)
{
	const char *text = u->edit.b.data != NULL ? u->edit.b.data : "";
	struct pending w = { .kind = PENDING_NOTE };
	struct errlist errs = { 0 };
	int rc;

	if (!pending_settle(u))
		return;
	w.output = u->iv.output;
	w.text = (char *)text;
	if ((rc = pending_write(u, &w, &errs)) != 0 && !pending_keep(u, &w, rc, &errs)) {
		say_errors(u, &errs);
		return;
	}
	free(u->iv.note);
	u->iv.note = *text != '\0' ? xstrdup(text) : NULL;
	refresh_progress(u);
}

static void
save_flag(struct rate_ui *u, const char *flag, const char *reason)
{
	struct pending w = { .kind = PENDING_FLAG };
	struct errlist errs = { 0 };
	int rc;

	if (reason != NULL && *reason == '\0')
		reason = NULL;
	if (!pending_settle(u))
		return;
	w.output = u->iv.output;
	w.flag = (char *)flag;
	w.text = (char *)reason;
	if ((rc = pending_write(u, &w, &errs)) != 0 && !pending_keep(u, &w, rc, &errs)) {
		say_errors(u, &errs);
		return;
	}
	free(u->iv.flag);
	free(u->iv.flag_reason);
	u->iv.flag = flag != NULL ? xstrdup(flag) : NULL;
	u->iv.flag_reason = flag != NULL && reason != NULL ? xstrdup(reason) : NULL;
	refresh_progress(u);
}

static void
goto_number(struct rate_ui *u, const char *digits)
{
	char *end;
	unsigned long k = strtoul(digits, &end, 10);

	if (*digits == '\0' || *end != '\0' || k < 1 || k > u->s->n)
		say(u, true, _("No item '%s': the items are numbered 1 to %zu."), digits, u->s->n);
	else if (k - 1 != u->s->cur)
		go_to(u, k - 1);
}

static int
flag_index(const char *flag)
{
	int i;

	for (i = 0; flag != NULL && i < UI_FLAGS_N; i++) {
		if (strcmp(flag_ids[i], flag) == 0)
			return i;
	}
	return 0;
}

/* ---- keys by mode -------------------------------------------------------------- */

static struct pane *
scrolled_pane(struct rate_ui *u)
{
	if (u->mode == MODE_HELP)
		return &u->help;
	return u->focus_pane ? &u->output : &u->prompt;
}

/* Scrolling, shared by the rating screen and the help.  True when handled. */
static bool
scroll_action(struct rate_ui *u, enum ui_action a)
{
	struct pane *p = scrolled_pane(u);

	switch (a) {
	case ACT_PAGE_DOWN:
		pane_page(p, 1);
		return true;
	case ACT_PAGE_UP:
		pane_page(p, -1);
		return true;
	case ACT_LINE_DOWN:
		pane_scroll(p, 1);
		return true;
	case ACT_LINE_UP:
		pane_scroll(p, -1);
		return true;
	case ACT_TOP:
		pane_home(p);
		return true;
	case ACT_BOTTOM:
		pane_end(p);
		return true;
	case ACT_SCROLL_LEFT:
	case ACT_SCROLL_RIGHT:
		if (!pane_hscroll(p, a == ACT_SCROLL_RIGHT ? 1 : -1))
			say(u, false, p->max_width > p->width ?
			    _("That is the edge of the widest row.") :
			    _("Every row fits: nothing to scroll sideways."));
		return true;
	default:
		return false;
	}
}

/* ---- search and the raw view ------------------------------------------------ */

/* The search text in the pane that scrolls: the next or previous match. */
static void
search_step(struct rate_ui *u, int direction)
{
	struct pane *p = scrolled_pane(u);
	const char *needle = u->search.data;

	if (needle == NULL || *needle == '\0') {
		say(u, false, _("No search yet: / searches the text."));
		return;
	}
	u->prompt.highlight = u->output.highlight = NULL;
	p->highlight = needle;
	switch (pane_search(p, needle, direction)) {
	case 0:
		say(u, true, _("Not found: %s"), needle);
		break;
	case 2:
		say(u, false, direction > 0 ? _("Search went round the end.") :
		    _("Search went round the start."));
		break;
	}
}

static void
search_start(struct rate_ui *u, const char *needle)
{
	buf_free(&u->search);
	buf_addstr(&u->search, needle);
	u->prompt.highlight = u->output.highlight = NULL;
	u->prompt.match.on = u->output.match.on = false;
	if (*needle != '\0')
		search_step(u, 1);
}

static void
toggle_raw(struct rate_ui *u)
{
	u->raw = !u->raw;
	pane_set_raw(&u->prompt, u->raw);
	pane_set_raw(&u->output, u->raw);
}

static void
open_mode(struct rate_ui *u, enum ui_action a)
{
	switch (a) {
	case ACT_NOTE:
		edit_start(&u->edit, u->iv.note, false);
		u->mode = MODE_NOTE;
		break;
	case ACT_FLAG:
		u->flag_choice = flag_index(u->iv.flag);
		u->mode = MODE_FLAG_MENU;
		break;
	case ACT_GOTO:
		edit_start(&u->edit, "", true);
		u->mode = MODE_GOTO;
		break;
	case ACT_SEARCH:
		edit_start(&u->edit, "", false);
		u->mode = MODE_SEARCH;
		break;
	case ACT_HELP:
		pane_home(&u->help);
		u->mode = MODE_HELP;
		break;
	case ACT_ITEM_LIST:
		list_open(u);
		break;
	default:
		break;
	}
}

static void
rate_action(struct rate_ui *u, enum ui_action a, int key)
{
	size_t n_axes = panel_n_axes(&u->iv);

	/* The rubric view, when open, is what scrolls. */
	if ((u->rubric_on && rubric_scroll(&u->rubric, a)) || scroll_action(u, a))
		return;
	switch (a) {
	case ACT_SCORE:
		score_digit(u, key - '0');
		break;
	case ACT_AXIS_PREV:
		if (u->axis > 0)
			u->axis--;
		break;
	case ACT_AXIS_NEXT:
		if (u->axis + 1 < n_axes)
			u->axis++;
		break;
	case ACT_SCORE_DOWN:
	case ACT_SCORE_UP:
		score_step(u, a == ACT_SCORE_UP ? 1 : -1);
		break;
	case ACT_NOT_APPLICABLE:
		if (set_score(u, ITEM_NA))
			next_axis(u);
		break;
	case ACT_CLEAR:
		set_score(u, ITEM_UNRATED);
		break;
	case ACT_SWITCH_PANE:
		u->focus_pane = !u->focus_pane;
		break;
	case ACT_RUBRIC:
		if ((u->rubric_on = !u->rubric_on))
			rubric_reset(&u->rubric);
		break;
	case ACT_ZOOM:
		u->zoom = !u->zoom;
		break;
	case ACT_NEXT_UNFINISHED:
		next_unfinished(u);
		break;
	case ACT_PREV_ITEM:
	case ACT_NEXT_ITEM:
		step_item(u, a == ACT_NEXT_ITEM ? 1 : -1);
		break;
	case ACT_SKIP:
		skip_item(u);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		search_step(u, a == ACT_SEARCH_NEXT ? 1 : -1);
		break;
	case ACT_RAW:
		toggle_raw(u);
		break;
	case ACT_QUIT:
		quit(u);
		break;
	default:
		open_mode(u, a);
		break;
	}
}

static void
help_key(struct rate_ui *u, int key)
{
	enum ui_action a = keys_action(key);

	if (a == ACT_AXIS_NEXT)
		a = ACT_LINE_DOWN;	/* in the help, up and down scroll */
	else if (a == ACT_AXIS_PREV)
		a = ACT_LINE_UP;
	if (!scroll_action(u, a))
		u->mode = MODE_RATE;	/* q, Esc, ? or anything else closes it */
}

/* Digits choose at once; the arrows (and Tab) only move the highlight, and
 * Enter chooses what it is on. */
static void
flag_menu_key(struct rate_ui *u, int key)
{
	if (key >= '1' && key < '1' + UI_FLAGS_N)
		u->flag_choice = key - '1';
	else if (key == (UI_KEYCODE | KEY_LEFT) || key == (UI_KEYCODE | KEY_UP)) {
		u->flag_choice = (u->flag_choice + UI_FLAGS_N - 1) % UI_FLAGS_N;
		return;
	} else if (key == (UI_KEYCODE | KEY_RIGHT) || key == (UI_KEYCODE | KEY_DOWN) ||
	    key == '\t') {
		u->flag_choice = (u->flag_choice + 1) % UI_FLAGS_N;
		return;
	} else if (key == '0') {
		save_flag(u, NULL, NULL);
		u->mode = MODE_RATE;
		return;
	} else if (key == UI_KEY_ESC || key == 'q') {
		u->mode = MODE_RATE;
		return;
	} else if (keys_action(key) != ACT_NEXT_UNFINISHED)
		return;		/* Enter confirms; other keys do nothing */
	/* A choice: then the optional reason, kept when the flag stays the same. */
	edit_start(&u->edit, u->iv.flag != NULL &&
	    strcmp(u->iv.flag, flag_ids[u->flag_choice]) == 0 ? u->iv.flag_reason : "", false);
	u->mode = MODE_FLAG_REASON;
}

static void
line_key(struct rate_ui *u, int rc, wint_t ch)
{
	enum ui_mode mode = u->mode;
	enum edit_result r = edit_key(&u->edit, rc, ch);

	if (r == EDIT_GOING)
		return;
	u->mode = MODE_RATE;
	if (r == EDIT_CANCEL)
		return;
	if (mode == MODE_NOTE)
		save_note(u);
	else if (mode == MODE_FLAG_REASON)
		save_flag(u, flag_ids[u->flag_choice], u->edit.b.data);
	else if (mode == MODE_GOTO)
		goto_number(u, u->edit.b.data != NULL ? u->edit.b.data : "");
	else if (mode == MODE_SEARCH)
		search_start(u, u->edit.b.data != NULL ? u->edit.b.data : "");
}

static void
handle_key(struct rate_ui *u, int rc, wint_t ch)
{
	int key = rc == KEY_CODE_YES ? UI_KEYCODE | (int)ch : (int)ch;
	size_t to;

	if (screen_too_small()) {
		/* Nothing is drawn, so nothing is done blind; quitting still works. */
		if (u->mode != MODE_RATE && key == UI_KEY_ESC)
			u->mode = MODE_RATE;
		else if (u->mode == MODE_RATE && keys_action(key) == ACT_QUIT)
			quit(u);
		return;
	}
	switch (u->mode) {
	case MODE_RATE:
		rate_action(u, keys_action(key), key);
		break;
	case MODE_HELP:
		help_key(u, key);
		break;
	case MODE_FLAG_MENU:
		flag_menu_key(u, key);
		break;
	case MODE_LIST:
		if ((to = list_key(u, key)) != SIZE_MAX && to != u->s->cur)
			go_to(u, to);
		break;
	case MODE_NOTE:
	case MODE_FLAG_REASON:
	case MODE_GOTO:
	case MODE_SEARCH:
		line_key(u, rc, ch);
		break;
	}
}

/* ---- the loop ----------------------------------------------------------------- */

/* Whether an ERR from get_wch() was the timeout (a second without keys) or
 * the input at its end: a terminal that went away without SIGHUP (nohup)
 * returns at once, again and again, and the loop must not spin on it. */
static bool
input_gone(double asked_at, int *quick)
{
	if (clock_now() - asked_at >= 0.5) {
		*quick = 0;
		return false;
	}
	return ++*quick >= 50;
}

/* While a change waits, the status line says so, whatever else it said. */
static void
show_pending(struct rate_ui *u)
{
	char why[sizeof u->msg];

	if (pending_status(u, why, sizeof why) != NULL) {
		snprintf(u->msg, sizeof u->msg, "%s", why);
		u->msg_error = true;
	}
}

static void
retry_pending(struct rate_ui *u)
{
	if (u->pending.kind == PENDING_NONE)
		return;
	pending_settle(u);
	show_pending(u);
}

/* At the end: a change still not saved is said, never dropped quietly. */
static void
report_pending(struct rate_ui *u)
{
	if (pending_settle(u))
		return;
	err_add(u->errs, _("not saved: %s"), u->pending.why);
	pending_clear(&u->pending);
	u->lost = true;
}

static void
run(struct rate_ui *u)
{
	bool dirty = true;
	int rc, quick = 0;
	double asked_at;
	wint_t ch;

	timeout(1000);
	while (!u->quit && screen_signal() == 0) {
		if (dirty)
			view_draw(u);
		dirty = false;
		asked_at = clock_now();
		rc = get_wch(&ch);
		if (screen_signal() != 0)
			break;
		if (rc == ERR) {
			if (input_gone(asked_at, &quick)) {
				if (u->pending.kind == PENDING_NONE)
					err_add(u->errs, "%s", _("the terminal went away (end of "
					    "input); everything shown was saved"));
				u->lost = true;
				break;
			}
			retry_pending(u);
			store_time(u, false);
			/* The time on the item ticks on the status line. */
			dirty = u->msg[0] != '\0' || u->mode == MODE_RATE;
			continue;
		}
		quick = 0;
		dirty = true;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;		/* the next draw lays out at the new size */
		clock_tick(&u->clock, clock_now());
		u->msg[0] = '\0';
		u->quit_asked = u->quit_unsaved;
		u->quit_unsaved = false;
		handle_key(u, rc, ch);
		store_time(u, false);
		show_pending(u);
	}
}

static void
ui_free(struct rate_ui *u)
{
	pane_clear(&u->prompt);
	pane_clear(&u->output);
	pane_clear(&u->help);
	buf_free(&u->help_text);
	buf_free(&u->search);
	edit_free(&u->edit);
	list_free(&u->list);
	if (u->loaded)
		item_view_free(&u->iv);
}

int
ui_rate(struct session *s, struct errlist *errs)
{
	struct rate_ui u;
	int rc, sig;

	memset(&u, 0, sizeof u);
	u.s = s;
	u.errs = errs;
	if ((rc = load_item(&u, errs)) != 0)
		return rc;
	if ((rc = screen_open(errs)) != 0) {
		ui_free(&u);
		return rc;
	}
	keys_init();
	keys_help(&u.help_text);
	pane_add(&u.help, NULL, u.help_text.data, false);
	u.focus_pane = COLS >= UI_WIDE_COLS;	/* narrow: the prompt comes first */
	run(&u);
	store_time(&u, true);
	screen_close();
	report_pending(&u);
	rc = u.loaded && !u.lost ? 0 : 1;
	ui_free(&u);
	if ((sig = screen_signal()) != 0)
		return 128 + sig;
	return rc;
}
