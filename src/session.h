/* session.h: one reviewer's rating session, without curses.
 *
 * The queue is every output this reviewer is to rate, in their own order:
 * shuffled from the study seed and the reviewer's name (so the same on every
 * resume), interleaving prompts and models, and, with `overlap: k` and a
 * roster of reviewers, only the outputs assigned to them.  With
 * `shared_sample: N` the first N items are the same N outputs for everyone
 * (drawn from the study seed alone), each reviewer in their own order.
 *
 * Every item has a number, its place in that order, and keeps it: a skip
 * moves the item to the end of the order of work (`ord`) without
 * renumbering the others, so the numbers the item list shows and `g` takes
 * stay put.  The screen moves through it with these functions and writes
 * through store.h; nothing here draws. */
#ifndef PANELIST_SESSION_H
#define PANELIST_SESSION_H

#include "store.h"

struct session {
	struct store		*st;
	char			*reviewer;
	struct queue		 qu;	/* the entries and their names */
	struct queue_entry	*q;	/* qu.v, by item number - 1 */
	size_t			 n;
	size_t			*ord;	/* the order of work: indices into q */
	size_t			*pos;	/* pos[ord[k]] == k */
	size_t			 cur;	/* index into q: the item on screen */
	size_t			 n_done;
	int			 blind;
};

/* Build the queue and place `cur` on the first unfinished item (or on item
 * number `item` when item > 0).  An empty queue is an input error with a
 * message saying why. */
int session_open(struct session *, struct store *, const char *reviewer,
    const struct queue_filter *, size_t item, struct errlist *);
void session_close(struct session *);
/* The queue itself, in order, for the settings given (which need not be
 * the study's: import compares two): the outputs `reviewer` is assigned
 * and, with `started_too`, every other they started, which is what the
 * screen shows (a reviewer not on a roster is assigned none); qu->v[i] is
 * item number i + 1.  Free it with queue_free(). */
int session_queue(struct store *, const struct study_settings *, const char *reviewer,
    const struct queue_filter *, bool started_too, struct queue *, struct errlist *);

size_t session_done(const struct session *);	/* items complete */
/* The first unfinished item from cur on in the order of work, wrapping; n
 * when all are done. */
size_t session_next_unfinished(const struct session *);
/* The item before (step -1) or after (+1) cur in the order of work; n when
 * there is none. */
size_t session_step(const struct session *, int step);
/* Set q[i]'s progress (the screen knows it after its own writes). */
void session_set_progress(struct session *, size_t i, const struct queue_entry *);
/* Re-read q[cur]'s progress from the database after a write. */
int session_refresh(struct session *, struct errlist *);
/* Mark q[cur] skipped and move it to the end of the order of work; cur
 * moves on to the item that took its place (the first, if it was last). */
int session_skip(struct session *, struct errlist *);

#endif
