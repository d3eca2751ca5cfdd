/* ui-internal.h: what the ui-*.c files share; never included elsewhere.
 *
 * The screen is one curses screen drawn from scratch on every change
 * (ncurses sends only the cells that differ), from the state in struct
 * rate_ui.  Pieces, one file each:
 *	ui-screen.c	the terminal: open, colours, signals, restore
 *	ui-draw.c	glyphs onto the screen: the only code that puts text
 *	ui-keys.c	the action table and key bindings
 *	ui-pane.c	a scrollable pane of laid-out Markdown: search, sideways
 *	ui-panel.c	the rating panel
 *	ui-rubric.c	the rubric view: the whole rubric, scrollable
 *	ui-edit.c	the one-line editor
 *	ui-clock.c	active time on an item
 *	ui-list.c	the item list
 *	ui-view.c	the whole screen, laid out by layout.c
 *	ui-rate.c	the main loop and what each action does */
#ifndef PANELIST_UI_INTERNAL_H
#define PANELIST_UI_INTERNAL_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <time.h>

#include "i18n.h"
#include "layout.h"
#include "markdown.h"
#include "mdlayout.h"
#include "session.h"
#include "store.h"
#include "textwrap.h"
#include "ui.h"
#include "util.h"

/* Below this the screen only asks for a larger terminal. */
#define UI_MIN_COLS	40
#define UI_MIN_ROWS	12
#define UI_WIDE_COLS	LAYOUT_WIDE_COLS

/* ---- ui-screen.c ----------------------------------------------------------- */

enum ui_style {
	ST_NORMAL,
	ST_TITLE,	/* the title line */
	ST_BAR,		/* the status line */
	ST_HEADER,	/* a pane's header */
	ST_HEADER_FOCUS,	/* the header of the pane that scrolls */
	ST_ROLE,	/* a turn's role */
	ST_ESCAPE,	/* ^[ and <U+202E>: bytes shown, not obeyed */
	ST_HEADING,
	ST_LISTMARK,
	ST_QUOTE,
	ST_CODE,
	ST_DELIM,	/* Markdown markers: there, but quiet */
	ST_CAPTITLE,	/* a capability's title in the panel */
	ST_FOCUS,	/* the focused axis */
	ST_CHOSEN,	/* the chosen score */
	ST_QUESTION,
	ST_DIM,
	ST_ERROR,
	ST_PROMPT,	/* the editor's and menu's label */
	ST_MATCH,	/* a search match in a pane */
	ST_MORE,	/* the marks of a row cut by the sideways scroll */
	ST__COUNT
};

/* Open the terminal (newterm, so an unknown TERM is an error, not an exit).
 * Returns 0, or 2 with a message. */
int screen_open(struct errlist *);
/* Restore the terminal; safe to call again and from atexit(). */
void screen_close(void);
attr_t screen_attr(enum ui_style);
/* SIGINT, SIGTERM or SIGHUP received since screen_open, else 0. */
int screen_signal(void);
bool screen_too_small(void);

/* ---- ui-draw.c --------------------------------------------------------------- */

/* One glyph at (y, x), clipped at x_end; escapes and tabs cell by cell,
 * escapes in ST_ESCAPE.  Returns the cells drawn. */
int draw_glyph(int y, int x, int x_end, const struct glyph *, attr_t);
/* Raw text from anywhere on one line through glyphs, clipped to `width`
 * cells with an ellipsis when cut.  Returns the cells drawn. */
int draw_text(int y, int x, int width, const char *s, attr_t);
/* The same for an exact length of s. */
int draw_text_n(int y, int x, int width, const char *s, size_t len, attr_t);
/* Blanks over [x, x + width). */
void draw_fill(int y, int x, int width, attr_t);
/* Text ending at x + width (right-aligned), for hints and positions. */
void draw_text_right(int y, int x, int width, const char *s, attr_t);
/* s wrapped to width on at most max_lines lines, the last ending in an
 * ellipsis when text is left over.  For short texts (rubric questions):
 * wrapped on every draw.  Returns the lines drawn. */
int draw_wrapped(int y, int x, int width, int max_lines, const char *s, attr_t);

/* ---- ui-keys.c --------------------------------------------------------------- */

/* Every action, its default keys (in the syntax keys_parse() reads) and its
 * help text, declared once: the enum, the bindings, the help screen, the
 * manual's list and `rate --keys` all come from here. */
#define UI_ACTIONS(A) \
	A(SCORE, "0-9", N_("score the focused axis and move to the next axis")) \
	A(AXIS_PREV, "Up k", N_("focus the previous axis")) \
	A(AXIS_NEXT, "Down j", N_("focus the next axis")) \
	A(SCORE_DOWN, "Left h", N_("lower the focused axis's score (saved at once)")) \
	A(SCORE_UP, "Right l", N_("raise the focused axis's score (saved at once)")) \
	A(NOT_APPLICABLE, "x", N_("mark the focused axis not applicable")) \
	A(CLEAR, "Del", N_("clear the focused axis's rating")) \
	A(SWITCH_PANE, "Tab", N_("switch the pane that scrolls: prompt or output")) \
	A(PAGE_DOWN, "PgDn Space", N_("scroll that pane down a page")) \
	A(PAGE_UP, "PgUp b", N_("scroll it up a page")) \
	A(LINE_DOWN, "J", N_("scroll it down a line")) \
	A(LINE_UP, "K", N_("scroll it up a line")) \
	A(TOP, "Home", N_("jump to its top")) \
	A(BOTTOM, "End", N_("jump to its end")) \
	A(SCROLL_LEFT, "< S-Left", N_("scroll a table wider than the pane left")) \
	A(SCROLL_RIGHT, "> S-Right", N_("scroll it right")) \
	A(SEARCH, "/", N_("search that pane's text")) \
	A(SEARCH_NEXT, "n", N_("go to the next match")) \
	A(SEARCH_PREV, "N", N_("go to the previous match")) \
	A(RAW, "m", N_("show the text as written, or drawn as Markdown again")) \
	A(RUBRIC, "r", N_("show the rubric in full instead of the text (r again: back)")) \
	A(ZOOM, "z", N_("zoom: the pane takes the whole screen (z again: back)")) \
	A(NOTE, "c", N_("write or edit the note (comment) on this output")) \
	A(FLAG, "f", N_("flag the output: broken, off-topic, unsafe or other")) \
	A(NEXT_UNFINISHED, "Enter", N_("on a complete item: go to the next unfinished one")) \
	A(PREV_ITEM, "[", N_("go to the previous item (its ratings stay editable)")) \
	A(NEXT_ITEM, "]", N_("go to the next item")) \
	A(SKIP, "s", N_("skip this item: last in the order, every item keeps its number")) \
	A(GOTO, "g", N_("go to an item by its number")) \
	A(ITEM_LIST, "i", N_("list the items by number and state (Enter opens, f filters, Esc back)")) \
	A(HELP, "?", N_("show the keys")) \
	A(REDRAW, "C-l", N_("redraw the screen")) \
	A(QUIT, "q", N_("quit (everything is already saved)"))

#define UI_ACTION_ENUM(name, keys, help) ACT_##name,
enum ui_action {
	ACT_NONE,
	UI_ACTIONS(UI_ACTION_ENUM)
	ACT__COUNT
};
#undef UI_ACTION_ENUM

/* A key as one int: a character, or a curses KEY_ code with this bit. */
#define UI_KEYCODE	0x40000000
#define UI_KEY_ESC	0x1b

/* Build the bindings from the table; call once. */
void keys_init(void);
/* The action bound to a key, or ACT_NONE. */
enum ui_action keys_action(int key);
/* The help screen's text (the key table and the editor's keys). */
void keys_help(struct buf *);

/* ---- ui-pane.c --------------------------------------------------------------- */

/* A pane shows blocks of text one after another, each with an optional label
 * line (a turn's role) and a blank line between blocks.  The text is laid
 * out once per width (mdlayout.h: Markdown drawn, or the text as written)
 * and its Markdown classified once; scrolling is arithmetic.  The pane does
 * not own the text. */
struct pane_block {
	const char		*label;
	const char		*text;
	size_t			 len;
	struct markdown		*md;	/* NULL: plain text */
	struct md_layout	*lay;	/* at pane->width */
	size_t			 first;	/* its first row */
	size_t			 rows;
};

/* Where the top row is, in the text rather than in rows, so that a new
 * layout keeps the same text at the top: the k-th row showing text from
 * `off` on (a table row spans several). */
struct pane_anchor {
	size_t		 block;
	int		 part;		/* 0 the label, 1 text at `off`, 2 the blank after */
	size_t		 off;
	size_t		 k;
};

/* A search match: bytes [start, end) of block `block`'s text. */
struct pane_match {
	bool		 on;
	size_t		 block;
	size_t		 start;
	size_t		 end;
};

struct pane {
	struct pane_block	*b;
	size_t			 n;
	int			 width;		/* of the layout; 0 before one */
	size_t			 rows;		/* in all */
	size_t			 top;
	struct pane_anchor	 anchor;
	int			 height;	/* rows shown at the last layout */
	int			 xoff;		/* columns scrolled sideways */
	int			 max_width;	/* the widest row */
	bool			 raw;		/* the text as written */
	const char		*highlight;	/* search text to show, or NULL */
	struct pane_match	 match;		/* the current one */
};

void pane_init(struct pane *);
void pane_clear(struct pane *);
void pane_add(struct pane *, const char *label, const char *text, bool markdown);
/* Lay out for this size when the width changed; keep the anchor's text on
 * top.  Returns true (allocation aborts, xmalloc.h). */
bool pane_layout(struct pane *, int width, int height);
/* The text as written (true) or Markdown drawn: laid out again. */
void pane_set_raw(struct pane *, bool raw);
void pane_scroll(struct pane *, long rows);
void pane_page(struct pane *, int direction);
void pane_home(struct pane *);
void pane_end(struct pane *);
/* Sideways, by half the width; only while a row is wider than the pane.
 * Returns false when there was nowhere to go. */
bool pane_hscroll(struct pane *, int direction);
/* The next (direction 1) or previous (-1) occurrence of `needle` (ASCII
 * letters in either case) after or before the current match, or from the
 * top row when there is none, going round the end; it becomes the match
 * and is scrolled into view.  Returns 0 when there is none, 1, or 2 when
 * the search went round. */
int pane_search(struct pane *, const char *needle, int direction);
/* Onto an erased area: blank cells are left alone.  A row cut at either
 * side by the sideways scroll shows a marker there. */
void pane_draw(const struct pane *, int y, int x, int width, int height);
/* "12-40/120", or "all" when everything is on screen. */
void pane_position(const struct pane *, char *, size_t);
/* What pane_position says when everything is in view ("all"). */
const char *pane_all(void);

/* ---- ui-panel.c -------------------------------------------------------------- */

/* The axes of an item counted through all its capabilities. */
size_t panel_n_axes(const struct item_view *);
struct item_axis *panel_axis(const struct item_view *, size_t flat,
    const struct item_capability **);
/* The first unrated axis, or 0 when all are rated. */
size_t panel_first_unrated(const struct item_view *);
size_t panel_count_unrated(const struct item_view *);
/* The rows the panel needs at this width, in each shape (layout.h). */
void panel_needs(const struct item_view *, int width, struct panel_needs *);
/* In the rows, shape and level of detail the layout gave it. */
void panel_draw(const struct item_view *, size_t focus, const struct layout *, int x,
    int width);
/* "3 acceptable: Readable with seams.": a point, its label and anchor. */
void panel_add_point(struct buf *, const struct item_capability *,
    const struct item_axis *, long);
/* The focused axis and its score on one line, for the zoomed screen. */
void panel_focus_status(const struct item_view *, size_t focus, struct buf *);

/* ---- ui-rubric.c ------------------------------------------------------------- */

/* The rubric view: each capability's title and description, then every
 * axis's question and the anchor of every point, the focused axis marked
 * and kept on screen when the focus moves.  Laid out on every draw (a
 * rubric is a few dozen lines); only the scroll position is kept. */
struct rubric_view {
	size_t		 top;
	size_t		 shown_focus;	/* the focus at the last draw */
	bool		 follow;	/* bring the focus on screen at the next draw */
	size_t		 rows;		/* at the last draw */
	int		 height;
};

/* At the top, the focus followed: for a new item or on opening. */
void rubric_reset(struct rubric_view *);
/* A header line, then the rubric, in y .. y + height. */
void rubric_draw(struct rubric_view *, const struct item_view *, size_t focus, int y, int x,
    int width, int height);
/* Scrolling actions (PgDn, J, Home ...); true when handled. */
bool rubric_scroll(struct rubric_view *, enum ui_action);

/* ---- ui-edit.c --------------------------------------------------------------- */

struct line_edit {
	struct buf	 b;
	size_t		 cur;		/* byte offset of the cursor */
	bool		 digits_only;	/* the item number prompt */
};

enum edit_result { EDIT_GOING, EDIT_SAVE, EDIT_CANCEL };

void edit_start(struct line_edit *, const char *initial, bool digits_only);
void edit_free(struct line_edit *);
/* One key from wget_wch(): rc is OK or KEY_CODE_YES. */
enum edit_result edit_key(struct line_edit *, int rc, wint_t);
/* Label then the text, scrolled to show the cursor, which is left there. */
void edit_draw(const struct line_edit *, int y, int x, int width, const char *label);

/* ---- ui-clock.c -------------------------------------------------------------- */

/* Active time on the current item: the gaps between the reviewer's actions,
 * except gaps over UI_IDLE_SECONDS, which count for nothing. */
#define UI_IDLE_SECONDS		120.0
#define UI_FLUSH_SECONDS	60.0

struct item_clock {
	double		 last;		/* the last action, monotonic seconds */
	double		 pending;	/* counted, not yet stored */
	double		 flushed_at;
};

double clock_now(void);
void clock_start(struct item_clock *, double now);
/* An action at `now`: count the gap since the last one. */
void clock_tick(struct item_clock *, double now);
/* Seconds counted and not yet stored, the gap in progress included: what
 * the status line adds to the item's stored time. */
double clock_pending(const struct item_clock *, double now);
/* Seconds to store now (and forget), or 0; `force` for leaving the item. */
double clock_take(struct item_clock *, double now, bool force);

/* ---- ui-list.c --------------------------------------------------------------- */

/* Which items the list shows: all, or those in one state. */
enum list_filter {
	LIST_ALL, LIST_TODO, LIST_DONE, LIST_PARTIAL, LIST_SKIPPED, LIST_FLAGGED,
	LIST_NOTED, LIST__COUNT
};

struct item_list {
	size_t		*rows;		/* indices into the queue, by number */
	size_t		 n_rows;
	size_t		 sel;		/* index into rows */
	size_t		 top;
	enum list_filter filter;
	bool		 all_in_place;	/* rows[] holds every item: rows[k] == k */
};

struct rate_ui;
void list_open(struct rate_ui *);
void list_free(struct item_list *);
/* A key in the list: the queue index to open, or SIZE_MAX (the list may
 * have closed itself). */
size_t list_key(struct rate_ui *, int key);
void list_draw(struct rate_ui *);

/* ---- ui-rate.c, ui-view.c ------------------------------------------------- */

enum ui_mode {
	MODE_RATE,
	MODE_HELP,
	MODE_NOTE,
	MODE_FLAG_MENU,
	MODE_FLAG_REASON,
	MODE_GOTO,
	MODE_SEARCH,
	MODE_LIST,
};

#define UI_FLAGS_N	FLAG_COUNT	/* flag_ids, defs.h */

/* ui-pending.c: a change the study could not take for want of the machine
 * (the server unreachable, the file locked): kept on screen, retried every
 * second and before anything else is done, never dropped without saying. */
enum pending_kind { PENDING_NONE, PENDING_SCORE, PENDING_NOTE, PENDING_FLAG };
struct pending {
	enum pending_kind kind;
	int64_t		 output;
	char		*capability, *axis;	/* a score's */
	int		 score;
	char		*flag;			/* a flag's (NULL: cleared) */
	char		*text;			/* a note, or a flag's reason */
	unsigned	 tries;
	char		 why[400];		/* the last failure */
};
/* Write it (the pending's fields are the caller's): 0 or the store's code. */
int pending_write(struct rate_ui *, const struct pending *, struct errlist *);
/* After pending_write failed with rc: true when the change is kept for
 * retrying (copied; the caller then shows it as made), false when it was
 * refused for good (the caller says why). */
bool pending_keep(struct rate_ui *, const struct pending *, int rc, struct errlist *);
/* Retry a kept change: true when nothing is pending (any more). */
bool pending_settle(struct rate_ui *);
/* The status line's words while a change is pending, or NULL. */
const char *pending_status(const struct rate_ui *, char *buf, size_t size);
void pending_clear(struct pending *);

struct rate_ui {
	struct session		*s;
	struct item_view	 iv;
	bool			 loaded;
	struct pane		 prompt, output, help;
	struct rubric_view	 rubric;
	bool			 rubric_on;	/* the rubric in place of the panes */
	bool			 zoom;		/* the panes take the screen */
	struct panel_needs	 needs;		/* for needs_output at needs_cols */
	int64_t			 needs_output;
	int			 needs_cols;
	struct buf		 help_text;
	int			 focus_pane;	/* 0 prompt, 1 output */
	size_t			 axis;		/* focused axis, flat */
	enum ui_mode		 mode;
	struct line_edit	 edit;
	bool			 raw;		/* the panes show the text as written */
	struct buf		 search;	/* the last search, for n and N */
	int			 flag_choice;	/* index into flag_ids */
	struct item_clock	 clock;
	struct item_list	 list;
	char			 msg[512];	/* shown until the next key */
	bool			 msg_error;
	bool			 quit;
	bool			 quit_unsaved;	/* q pressed once over a pending change */
	bool			 quit_asked;	/* ... and the key before this one was it */
	struct pending		 pending;
	bool			 lost;		/* the terminal went away */
	struct errlist		*errs;
};

/* ui-view.c: draw everything from the state, at the current size. */
void view_draw(struct rate_ui *);

/* A flag id as the screen names it, in the reviewer's language. */
const char *ui_flag_title(const char *id);

#endif
