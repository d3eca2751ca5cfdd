/* outfile.h: a file written whole or not at all.
 *
 * Exports and reports go to a temporary file beside the target (mkstemp),
 * which is flushed, synced and renamed over the target only once everything
 * was written: a reader never sees half a file, and a failure leaves the
 * old file, if any, as it was.  Without a path the output is stdout. */
#ifndef PANELIST_OUTFILE_H
#define PANELIST_OUTFILE_H

#include <stdio.h>

#include "util.h"

struct outfile {
	FILE	*f;
	char	*path;		/* the target; NULL for stdout */
	char	*tmp;		/* the temporary file while it is open */
};

/* path NULL or "-" writes to stdout.  0, or 1 with the reason in errs. */
int	outfile_open(struct outfile *, const char *path, struct errlist *);
/* Flush and check every write; for a file also fsync, rename over the
 * target and sync the directory.  On any failure the temporary file is
 * removed.  0, or 1 with the reason in errs. */
int	outfile_commit(struct outfile *, struct errlist *);
/* Give up: remove the temporary file (stdout is left alone). */
void	outfile_abort(struct outfile *);

#endif
