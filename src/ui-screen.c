/* ui-screen.c: the terminal itself: opening it, colours, signals, and the one
 * place that gives the terminal back, on every way out. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui-internal.h"

#include <term.h>		/* tigetstr(), after curses.h */

static SCREEN		*screen;
static bool		 screen_active;
static volatile sig_atomic_t caught_signal;
static attr_t		 styles[ST__COUNT];

/* Quitting signals end the session through the main loop, which stores the
 * time spent and restores the terminal; SIGWINCH and SIGTSTP stay with
 * ncurses (KEY_RESIZE, suspend and resume). */
static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction saved_actions[nitems(quit_signals)];

int
ui_check_terminal(struct errlist *errs)
{
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return 0;
	err_add(errs, "%s", _("the rating screen needs a terminal: standard input and output "
	    "must both be one (for scripts, see 'panelist status' and 'panelist list')"));
	return 2;
}

/* Text is measured as UTF-8 everywhere.  A shell with no locale set (a fresh
 * root login) is in "C"; its terminal is UTF-8 all the same on any current
 * system, so take C.UTF-8 rather than refuse.  Another 8-bit locale is a
 * terminal we cannot draw on correctly. */
static int
need_utf8(struct errlist *errs)
{
	const char *now = setlocale(LC_CTYPE, NULL);

	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	if (now != NULL && (strcmp(now, "C") == 0 || strcmp(now, "POSIX") == 0) &&
	    setlocale(LC_CTYPE, "C.UTF-8") != NULL &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	err_add(errs, _("the rating screen needs a UTF-8 locale, and LC_CTYPE is '%s' "
	    "(try LANG=C.UTF-8)"), now != NULL ? now : "unknown");
	return 2;
}

static void
on_quit_signal(int sig)
{
	caught_signal = sig;
}

/* No SA_RESTART: a read blocked in wget_wch() returns, and the loop sees the
 * signal at once.  A signal ignored on entry (nohup) stays ignored. */
static void
catch_signals(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < nitems(quit_signals); i++) {
		sigaction(quit_signals[i], NULL, &saved_actions[i]);
		if (saved_actions[i].sa_handler != SIG_IGN)
			sigaction(quit_signals[i], &sa, NULL);
	}
}

static void
restore_signals(void)
{
	size_t i;

	for (i = 0; i < nitems(quit_signals); i++)
		sigaction(quit_signals[i], &saved_actions[i], NULL);
}

/* Styles work without colour: every one has an attribute of its own, and
 * colour (the eight basic ones, on the terminal's own background) only adds
 * to it.  NO_COLOR, when set and not empty, turns colour off. */
enum { PAIR_CYAN = 1, PAIR_YELLOW, PAIR_GREEN, PAIR_MAGENTA, PAIR_RED };

static bool
want_colour(void)
{
	const char *no = getenv("NO_COLOR");

	return has_colors() && (no == NULL || *no == '\0') && start_color() == OK;
}

static void
init_pairs(void)
{
	short bg = use_default_colors() == OK ? -1 : COLOR_BLACK;

	init_pair(PAIR_CYAN, COLOR_CYAN, bg);
	init_pair(PAIR_YELLOW, COLOR_YELLOW, bg);
	init_pair(PAIR_GREEN, COLOR_GREEN, bg);
	init_pair(PAIR_MAGENTA, COLOR_MAGENTA, bg);
	init_pair(PAIR_RED, COLOR_RED, bg);
}

static void
init_styles(void)
{
	bool colour = want_colour();

	styles[ST_NORMAL] = A_NORMAL;
	styles[ST_TITLE] = A_BOLD;
	styles[ST_BAR] = A_REVERSE;
	styles[ST_HEADER] = A_UNDERLINE;
	styles[ST_HEADER_FOCUS] = A_REVERSE | A_BOLD;
	styles[ST_ROLE] = A_BOLD;
	styles[ST_ESCAPE] = A_REVERSE;
	styles[ST_HEADING] = A_BOLD | A_UNDERLINE;
	styles[ST_LISTMARK] = A_BOLD;
	styles[ST_QUOTE] = A_DIM;
	styles[ST_CODE] = A_DIM;
	styles[ST_DELIM] = A_DIM;
	styles[ST_CAPTITLE] = A_BOLD | A_UNDERLINE;
	styles[ST_FOCUS] = A_BOLD;
	styles[ST_CHOSEN] = A_REVERSE | A_BOLD;
	styles[ST_QUESTION] = A_BOLD;
	styles[ST_DIM] = A_DIM;
	styles[ST_ERROR] = A_BOLD;
	styles[ST_PROMPT] = A_BOLD;
	styles[ST_MATCH] = A_REVERSE;
	styles[ST_MORE] = A_BOLD | A_REVERSE;
	if (!colour)
		return;
	init_pairs();
	styles[ST_ROLE] |= COLOR_PAIR(PAIR_YELLOW);
	styles[ST_ESCAPE] = COLOR_PAIR(PAIR_MAGENTA) | A_BOLD;
	styles[ST_HEADING] = COLOR_PAIR(PAIR_CYAN) | A_BOLD;
	styles[ST_LISTMARK] = COLOR_PAIR(PAIR_YELLOW) | A_BOLD;
	styles[ST_CODE] = COLOR_PAIR(PAIR_GREEN);
	styles[ST_CAPTITLE] = COLOR_PAIR(PAIR_CYAN) | A_BOLD;
	styles[ST_CHOSEN] |= COLOR_PAIR(PAIR_GREEN);
	styles[ST_ERROR] |= COLOR_PAIR(PAIR_RED);
}

static void
init_modes(void)
{
	cbreak();		/* ^C, ^Z and ^\ stay signals */
	noecho();
	nonl();			/* Enter is '\r', and no newline translation on output */
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	/* Esc cancels the editor; a quarter second of waiting for the rest of
	 * an escape sequence would feel like lag. */
	set_escdelay(25);
}

/* A terminal without cursor addressing (TERM=dumb) opens, and shows a
 * blank screen: refused like an unknown one. */
static bool
can_address(void)
{
	char *cup = tigetstr("cup");

	return cup != NULL && cup != (char *)-1;
}

int
screen_open(struct errlist *errs)
{
	static bool registered;
	const char *term = getenv("TERM");
	int rc;

	if ((rc = ui_check_terminal(errs)) != 0 || (rc = need_utf8(errs)) != 0)
		return rc;
	if (term == NULL || *term == '\0') {
		err_add(errs, "%s", _("TERM is not set: the rating screen does not know the terminal"));
		return 2;
	}
	/* Before newterm(), so that ncurses leaves these signals to us. */
	catch_signals();
	/* newterm() returns NULL on an unknown or unusable TERM, where
	 * initscr() would print its own message and exit. */
	if ((screen = newterm(NULL, stdout, stdin)) == NULL || !can_address()) {
		if (screen != NULL) {
			endwin();
			delscreen(screen);
			screen = NULL;
		}
		restore_signals();
		err_add(errs, _("cannot use the terminal type '%s' (TERM): unknown, or it "
		    "cannot address the cursor"), term);
		return 2;
	}
	screen_active = true;
	if (!registered) {
		atexit(screen_close);	/* an exit from deep inside (out of memory) */
		registered = true;
	}
	init_modes();
	init_styles();
	return 0;
}

void
screen_close(void)
{
	if (!screen_active)
		return;
	screen_active = false;
	curs_set(1);
	endwin();
	delscreen(screen);
	screen = NULL;
	restore_signals();
}

attr_t
screen_attr(enum ui_style s)
{
	return s < ST__COUNT ? styles[s] : A_NORMAL;
}

int
screen_signal(void)
{
	return caught_signal;
}

bool
screen_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
}
