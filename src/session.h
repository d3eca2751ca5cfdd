/* session.h: one reviewer's rating session, without curses.
 *
 * The queue is every output this reviewer is to rate, in their own order:
 * shuffled from the study seed and the reviewer's name (so the same on every
 * resume), interleaving prompts and models, and, with `overlap: k` and a
 * roster of reviewers, only the outputs assigned to them.  Skipped items go
 * to the end.  The screen moves through it with these functions and writes
 * through store.h; nothing here draws. */
#ifndef PANELIST_SESSION_H
#define PANELIST_SESSION_H

#include "store.h"

struct session {
	struct store		*st;
	char			*reviewer;
	struct queue_entry	*q;	/* in this reviewer's order */
	size_t			 n;
	size_t			 cur;	/* index into q */
	int			 blind;
};

/* Build the queue and place `cur` on the first unfinished item (or on item
 * `item`, counting from 1, when item > 0).  An empty queue is an input error
 * with a message saying why. */
int session_open(struct session *, struct store *, const char *reviewer,
    const struct queue_filter *, size_t item, struct errlist *);
void session_close(struct session *);
/* The queue itself, in order, for the settings given (which need not be
 * the study's: import compares two): the outputs `reviewer` is assigned
 * and, with `started_too`, every other they started, which is what the
 * screen shows (a reviewer not on a roster is assigned none). */
int session_queue(struct store *, const struct study_settings *, const char *reviewer,
    const struct queue_filter *, bool started_too, struct queue_entry **, size_t *,
    struct errlist *);

size_t session_done(const struct session *);	/* items complete */
/* The first unfinished item after cur, wrapping; n when all are done. */
size_t session_next_unfinished(const struct session *);
/* Refresh q[cur].done/started after a write. */
int session_refresh(struct session *, struct errlist *);
/* Move q[cur] to the end of the queue, marking it skipped. */
int session_skip(struct session *, struct errlist *);

#endif
