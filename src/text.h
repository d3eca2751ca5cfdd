/* text.h: text on a terminal outside the rating screen.
 *
 * One set of rules for every byte panelist writes to a terminal: tables,
 * listings, `show prompt`, messages on stderr, and CSV, TSV, JSON and
 * Markdown when standard output is a terminal.  They are the rating
 * screen's (glyph_decode() in textwrap.h), so that a character is shown the
 * same way everywhere:
 *	C0 controls and DEL		^@ .. ^_, ^?	(^[ for ESC)
 *	C1 controls, encoded		<U+0080> .. <U+009F>
 *	format characters (Cf)		<U+202E>, <U+200B>, <U+FEFF> ...
 *					(not ZWNJ and ZWJ; see textwrap.h)
 *	other non-printables		<U+0378> ...
 *	invalid UTF-8, raw 8-bit C1	<9B>, <FF>: one notation per byte
 * Everything else, wide text included, is written as it is.  Inside a
 * line (a table cell, a title) tabs, line breaks and carriage returns are
 * spaces; in running text a tab and a line break stay, and a carriage
 * return stays only before a line feed, so that CSV's CRLF is intact.
 *
 * Machine formats written to a file or a pipe are data and stay exact:
 * only a terminal gets the notation (text_guard_terminal()). */
#ifndef PANELIST_TEXT_H
#define PANELIST_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The user's locale, but C.UTF-8 for the character type when that is the
 * plain C locale (a shell with no locale set): text is UTF-8 everywhere,
 * and so is the terminal on any current system.  Another 8-bit locale
 * decodes text in its own character set, whose C1 controls are shown as
 * notation all the same.  LC_NUMERIC stays "C": numbers are written with a
 * decimal point in every locale. */
void text_locale(void);

/* One glyph as it is written: `out` points at `len` bytes, either the
 * source's own or notation in `buf`; `width` is its terminal cells. */
struct text_glyph {
	const char	*out;
	size_t		 len;
	int		 width;
	char		 buf[16];
};

/* The glyph at the start of s (len > 0 bytes), inside a line (`in_line`)
 * or in running text.  Returns the source bytes it stands for. */
size_t text_next(const char *s, size_t len, bool in_line, struct text_glyph *);

/* A copy of s as a line shows it (allocated). */
char *text_inert(const char *s);
/* Display cells of text_inert(s). */
int text_width(const char *s);

/* Running text through the rules, to f. */
void text_put(const char *s, size_t len, FILE *f);
void text_fputs(const char *s, FILE *f);

/* Standard error, and standard output unless `out` is false (a command
 * that draws a screen needs its descriptor as it is), when they are
 * terminals: from now on every byte written to them goes through
 * text_put().  The only place that asks whether output is a terminal for
 * this; a no-op where the C library cannot wrap a stream. */
void text_guard_terminal(bool out);

#endif
