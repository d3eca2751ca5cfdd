/* outfile.c: a file written whole or not at all (outfile.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

/* The directory part of path, for mkstemp and the directory sync. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
outfile_open(struct outfile *o, const char *path, struct errlist *errs)
{
	char *dir;
	mode_t mask;
	int fd;

	memset(o, 0, sizeof *o);
	if (path == NULL || strcmp(path, "-") == 0) {
		o->f = stdout;
		return 0;
	}
	dir = dir_of(path);
	o->tmp = xasprintf("%s/.panelist-XXXXXX", dir);
	free(dir);
	if ((fd = mkstemp(o->tmp)) < 0) {
		err_add(errs, "cannot write %s: %s", path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return 1;
	}
	/* mkstemp makes the file 0600; the result should have the mode any
	 * new file of this user gets. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	if ((o->f = fdopen(fd, "w")) == NULL) {
		err_add(errs, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return 1;
	}
	o->path = xstrdup(path);
	return 0;
}

static void
outfile_clear(struct outfile *o)
{
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}

static void
sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	/* Only for durability across a crash: the rename itself is done. */
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

int
outfile_commit(struct outfile *o, struct errlist *errs)
{
	int err = 0;

	if (o->tmp == NULL) {
		errno = 0;
		if (fflush(o->f) != 0 || ferror(o->f)) {
			err_add(errs, "writing the output: %s",
			    strerror(errno != 0 ? errno : EIO));
			return 1;
		}
		return 0;
	}
	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
		err = errno != 0 ? errno : EIO;
	if (fclose(o->f) != 0 && err == 0)
		err = errno;
	o->f = NULL;
	if (err == 0 && rename(o->tmp, o->path) != 0)
		err = errno;
	if (err != 0) {
		err_add(errs, "cannot write %s: %s", o->path, strerror(err));
		unlink(o->tmp);
		outfile_clear(o);
		return 1;
	}
	sync_dir(o->path);
	outfile_clear(o);
	return 0;
}

void
outfile_abort(struct outfile *o)
{
	if (o->tmp != NULL) {
		if (o->f != NULL)
			fclose(o->f);
		unlink(o->tmp);
	}
	outfile_clear(o);
}
