/* ui-pending.c: a change the study could not take yet.
 *
 * A write that fails for want of the machine (STORE_RUNTIME: a database
 * server that cannot be reached, a file locked for too long) is not the
 * reviewer's mistake, and the reviewer should not have to type it again:
 * it stays on the screen as made, marked as not saved on the status line,
 * and is written again every second and before the screen does anything
 * else that writes or leaves the item.  The screen does not move on while a
 * change is unsaved; quitting over one takes a second q and says, after the
 * screen closes, what was lost.  A write refused as input (STORE_INPUT) is
 * not kept: the screen goes back as it was, with the reason. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-internal.h"

int
pending_write(struct rate_ui *u, const struct pending *p, struct errlist *errs)
{
	struct session *s = u->s;

	switch (p->kind) {
	case PENDING_SCORE:
		return store_rate(s->st, s->reviewer, p->output, p->capability, p->axis,
		    p->score, errs);
	case PENDING_NOTE:
		return store_set_note(s->st, s->reviewer, p->output, p->text, errs);
	case PENDING_FLAG:
		return store_set_flag(s->st, s->reviewer, p->output, p->flag, p->text, errs);
	case PENDING_NONE:
		break;
	}
	return 0;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* The store's message without the study's address it begins with, which
 * the status line has no room for. */
static void
keep_why(struct rate_ui *u, struct errlist *errs)
{
	const char *m = errs->n > 0 ? errs->msgs[0] : "", *path = store_path(u->s->st);
	size_t n = strlen(path);

	if (strncmp(m, path, n) == 0 && strncmp(m + n, ": ", 2) == 0)
		m += n + 2;
	snprintf(u->pending.why, sizeof u->pending.why, "%s", m);
	err_clear(errs);
}

bool
pending_keep(struct rate_ui *u, const struct pending *p, int rc, struct errlist *errs)
{
	struct pending *k = &u->pending;

	if (rc != STORE_RUNTIME)
		return false;
	pending_clear(k);
	k->kind = p->kind;
	k->output = p->output;
	k->capability = dup_or_null(p->capability);
	k->axis = dup_or_null(p->axis);
	k->score = p->score;
	k->flag = dup_or_null(p->flag);
	k->text = dup_or_null(p->text);
	k->tries = 1;
	keep_why(u, errs);
	return true;
}

bool
pending_settle(struct rate_ui *u)
{
	struct errlist errs = { 0 };
	struct pending *k = &u->pending;

	if (k->kind == PENDING_NONE)
		return true;
	k->tries++;
	if (pending_write(u, k, &errs) != 0) {
		keep_why(u, &errs);
		return false;
	}
	pending_clear(k);
	u->quit_unsaved = false;
	snprintf(u->msg, sizeof u->msg, "%s", _("Saved: the change that was waiting is in the "
	    "study now."));
	u->msg_error = false;
	return true;
}

const char *
pending_status(const struct rate_ui *u, char *buf, size_t size)
{
	const struct pending *k = &u->pending;

	if (k->kind == PENDING_NONE)
		return NULL;
	if (u->quit_unsaved)
		snprintf(buf, size, _("NOT SAVED: q again quits without this change (another "
		    "key keeps trying): %s"), k->why);
	else
		snprintf(buf, size, _("NOT SAVED (try %u): %s; kept on screen, tried again each "
		    "second, the item stays until it is saved"), k->tries, k->why);
	return buf;
}

void
pending_clear(struct pending *p)
{
	free(p->capability);
	free(p->axis);
	free(p->flag);
	free(p->text);
	memset(p, 0, sizeof *p);
}
