/* ui-clock.c: active time on an item.
 *
 * Time counts between the reviewer's actions; a gap longer than
 * UI_IDLE_SECONDS (lunch, a meeting) counts for nothing at all, since
 * nothing says how much of it was spent reading.  What is counted is stored
 * when leaving the item and about once a minute, so a kill -9 loses at most
 * the last minute and the gap in progress. */
#include "config.h"

#include <time.h>

#include "ui-internal.h"

double
clock_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
clock_start(struct item_clock *c, double now)
{
	c->last = now;
	c->pending = 0;
	c->flushed_at = now;
}

void
clock_tick(struct item_clock *c, double now)
{
	double gap = now - c->last;

	if (gap > 0 && gap <= UI_IDLE_SECONDS)
		c->pending += gap;
	c->last = now;
}

double
clock_pending(const struct item_clock *c, double now)
{
	double gap = now - c->last;

	return c->pending + (gap > 0 && gap <= UI_IDLE_SECONDS ? gap : 0);
}

double
clock_take(struct item_clock *c, double now, bool force)
{
	double t;

	if (force)
		clock_tick(c, now);	/* leaving closes the gap in progress */
	else if (now - c->flushed_at < UI_FLUSH_SECONDS)
		return 0;
	t = c->pending;
	c->pending = 0;
	c->flushed_at = now;
	return t;
}
