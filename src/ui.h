/* ui.h: the rating screen, as the commands see it.
 *
 * No curses here: cmd-rate.c and cmd-demo.c call these and stay free of it.
 * Everything behind them (ui-*.c, ui-internal.h) is the only code that
 * includes curses. */
#ifndef PANELIST_UI_H
#define PANELIST_UI_H

#include <stdio.h>

#include "session.h"
#include "util.h"

/* 0 when stdin and stdout are a terminal; else 2 with a message in errs.
 * Cheap, so commands can refuse before opening anything. */
int ui_check_terminal(struct errlist *);

/* Run the rating screen on an open session until the reviewer quits.
 * Returns 0; 2 when the terminal cannot be used (unknown TERM, no UTF-8
 * locale); 1 after a failure of the database; 128 + the signal when
 * SIGINT, SIGTERM or SIGHUP ended it.  The terminal is restored on every
 * path, with the message in errs for the caller to print. */
int ui_rate(struct session *, struct errlist *);

/* The key bindings, one per line ("KEYS<tab>what they do"): for
 * `panelist rate --keys` and the manual's KEYS section. */
void ui_keys_print(FILE *);

#endif
