/* outfile.h: a file written whole or not at all.
 *
 * Exports and reports are written to a temporary file beside the target,
 * which is flushed, synced and renamed over the target only once everything
 * was written: a reader never sees half a file, and a failure leaves the
 * old file, if any, as it was.  Without a path the output is stdout.
 *
 * Only a regular file is replaced: a FIFO, a device, a socket, a directory
 * or a symbolic link is refused before anything is written.  The new file
 * keeps the mode of the one it replaces (and its owner and group where the
 * system allows); a new file gets 0666 less the umask.
 *
 * The temporary file has no name while it is written where the file system
 * supports that (O_TMPFILE), so a killed run leaves nothing behind.
 * Elsewhere it is .TARGET.panelist-XXXXXX, locked (flock) by its writer for
 * as long as it exists; the next run for the same target removes those
 * whose lock it can take, that is whose writer is gone. */
#ifndef PANELIST_OUTFILE_H
#define PANELIST_OUTFILE_H

#include <stdio.h>

#include "util.h"

struct outfile {
	FILE	*f;
	char	*path;		/* the target; NULL for stdout */
	char	*dir;		/* its directory */
	char	*tmp;		/* the temporary file's name; NULL while it has none */
	int	 anon;		/* the temporary file is an O_TMPFILE one */
	long long size;		/* after a commit to a file: its bytes */
};

/* path NULL or "-" writes to stdout.  0; 2 for a target that is not a
 * regular file; 1 when it cannot be written; the reason in errs. */
int	outfile_open(struct outfile *, const char *path, struct errlist *);
/* Flush and check every write; for a file also fsync, rename over the
 * target and sync the directory.  On any failure the temporary file is
 * removed.  0, or 1 with the reason in errs.  After a commit to a file,
 * `size` is its size, for the command to say what it wrote. */
int	outfile_commit(struct outfile *, struct errlist *);
/* Give up: remove the temporary file (stdout is left alone). */
void	outfile_abort(struct outfile *);

#endif
