/* outfile.c: a file written whole or not at all (outfile.h). */
/* For O_TMPFILE, AT_EMPTY_PATH, flock and getentropy. */
#define _GNU_SOURCE 1
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "outfile.h"

/* The temporary file of target T is .T.panelist-XXXXXX. */
#define TMP_TAG		".panelist-"
#define TMP_RANDOM	6
/* Room for the dot, the tag and the random part within NAME_MAX. */
#define TMP_BASE_MAX	(NAME_MAX - 1 - (sizeof TMP_TAG - 1) - TMP_RANDOM)

/* The directory part of path, for the temporary file and the sync. */
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

/* ".BASE.panelist-": what every temporary file of this target begins with.
 * A long name is cut so that the whole stays within NAME_MAX. */
static char *
tmp_prefix(const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash != NULL ? slash + 1 : path;
	size_t n = strlen(base);

	return xasprintf(".%.*s%s", (int)(n > TMP_BASE_MAX ? TMP_BASE_MAX : n), base, TMP_TAG);
}

/* A leftover of a killed run is removed when its writer's lock can be
 * taken; the writer holds it from before the file has a name (O_TMPFILE)
 * or from just after it was created until it is renamed or removed. */
static void
remove_leftover(int dfd, const char *name)
{
	struct stat a, b;
	int fd;

	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &a) == 0 && S_ISREG(a.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
	    fstatat(dfd, name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		(void)unlinkat(dfd, name, 0);
	close(fd);
}

static void
remove_leftovers(const char *dir, const char *prefix)
{
	size_t n = strlen(prefix);
	struct dirent *de;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, n) == 0 && strlen(de->d_name + n) == TMP_RANDOM)
			remove_leftover(dirfd(d), de->d_name);
	}
	closedir(d);
}

/* A fresh name for the temporary file: prefix and TMP_RANDOM characters. */
static char *
tmp_name(const struct outfile *o, const char *prefix)
{
	static const char set[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char r[TMP_RANDOM];
	char tail[TMP_RANDOM + 1], *name, *path;
	size_t i;

	if (getentropy(r, sizeof r) != 0) {
		for (i = 0; i < sizeof r; i++)
			r[i] = (unsigned char)rand();
	}
	for (i = 0; i < TMP_RANDOM; i++)
		tail[i] = set[r[i] % (sizeof set - 1)];
	tail[TMP_RANDOM] = '\0';
	name = xasprintf("%s%s", prefix, tail);
	path = path_join(o->dir, name);
	free(name);
	return path;
}

/* The temporary file, locked: anonymous where the file system allows and
 * it can later be linked (through /proc, or AT_EMPTY_PATH for root). */
static int
create_tmp(struct outfile *o, const char *prefix)
{
	int fd, tries, err = 0;

#ifdef O_TMPFILE
	if (geteuid() == 0 || access("/proc/self/fd", X_OK) == 0) {
		fd = open(o->dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
		if (fd >= 0) {
			o->anon = 1;
			(void)flock(fd, LOCK_EX);
			return fd;
		}
	}
#endif
	/* Between open and flock another run could take this file for a
	 * leftover; it would have to list the directory and open the file in
	 * those microseconds, and then this run fails, with nothing replaced. */
	for (tries = 0; tries < 100; tries++) {
		o->tmp = tmp_name(o, prefix);
		fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0) {
			(void)flock(fd, LOCK_EX);
			return fd;
		}
		err = errno;
		free(o->tmp);
		o->tmp = NULL;
		if (err != EEXIST)
			break;
	}
	errno = err;
	return -1;
}

/* What the new file should look like: the old one's mode and owner, or a
 * new file's usual mode.  0, 2 when the target is not a regular file. */
static int
check_target(const char *path, struct stat *sb, int *exists, struct errlist *errs)
{
	mode_t mask;

	*exists = 0;
	if (lstat(path, sb) == 0) {
		if (!S_ISREG(sb->st_mode)) {
			err_add(errs, _("cannot write %s: it is %s; -o replaces only a "
			    "regular file, or creates a new one"), path, file_kind(sb->st_mode));
			return 2;
		}
		*exists = 1;
		return 0;
	}
	if (errno != ENOENT) {
		err_add(errs, _("cannot write %s: %s"), path, strerror(errno));
		return 1;
	}
	mask = umask(0);
	umask(mask);
	sb->st_mode = 0666 & ~mask;
	return 0;
}

static void
outfile_clear(struct outfile *o)
{
	free(o->path);
	free(o->dir);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}

int
outfile_open(struct outfile *o, const char *path, struct errlist *errs)
{
	struct stat sb;
	char *prefix;
	int fd, exists, rc;

	memset(o, 0, sizeof *o);
	if (path == NULL || strcmp(path, "-") == 0) {
		o->f = stdout;
		return 0;
	}
	if ((rc = check_target(path, &sb, &exists, errs)) != 0)
		return rc;
	o->path = xstrdup(path);
	o->dir = dir_of(path);
	prefix = tmp_prefix(path);
	remove_leftovers(o->dir, prefix);
	fd = create_tmp(o, prefix);
	free(prefix);
	if (fd < 0) {
		err_add(errs, _("cannot write %s: %s"), path, strerror(errno));
		outfile_clear(o);
		return 1;
	}
	/* Owner first: a change of owner may clear mode bits.  Only root may
	 * give the file away; anyone may give it one of their own groups. */
	if (exists && fchown(fd, sb.st_uid, sb.st_gid) != 0)
		(void)fchown(fd, (uid_t)-1, sb.st_gid);
	(void)fchmod(fd, sb.st_mode & 0777);
	if ((o->f = fdopen(fd, "w")) == NULL) {
		err_add(errs, _("cannot write %s: %s"), path, strerror(errno));
		close(fd);
		outfile_abort(o);
		return 1;
	}
	return 0;
}

static void
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	/* Only for durability across a crash: the rename itself is done. */
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* Give the anonymous file a temporary name (the lock is already held, so
 * no other run takes it for a leftover); rename then replaces the target
 * in one step, as linkat cannot. */
static int
link_tmp(struct outfile *o)
{
	char proc[64];
	char *prefix = tmp_prefix(o->path);
	int fd = fileno(o->f), tries, rc = -1;

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	for (tries = 0; tries < 100 && rc != 0; tries++) {
		o->tmp = tmp_name(o, prefix);
		rc = linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp, AT_SYMLINK_FOLLOW);
#ifdef AT_EMPTY_PATH
		if (rc != 0 && errno != EEXIST && geteuid() == 0)
			rc = linkat(fd, "", AT_FDCWD, o->tmp, AT_EMPTY_PATH);
#endif
		if (rc != 0) {
			free(o->tmp);
			o->tmp = NULL;
			if (errno != EEXIST)
				break;
		}
	}
	free(prefix);
	return rc == 0 ? 0 : errno;
}

int
outfile_commit(struct outfile *o, struct errlist *errs)
{
	struct stat sb;
	int err = 0;

	if (o->path == NULL) {
		errno = 0;
		if (fflush(o->f) != 0 || ferror(o->f)) {
			err_add(errs, _("writing the output: %s"),
			    strerror(errno != 0 ? errno : EIO));
			return 1;
		}
		return 0;
	}
	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
		err = errno != 0 ? errno : EIO;
	if (err == 0 && fstat(fileno(o->f), &sb) != 0)
		err = errno;
	if (err == 0 && o->anon)
		err = link_tmp(o);
	if (err == 0 && rename(o->tmp, o->path) != 0)
		err = errno;
	if (err != 0) {
		err_add(errs, _("cannot write %s: %s"), o->path, strerror(err));
		outfile_abort(o);
		return 1;
	}
	/* Closing releases the lock, now that the name is the target's. */
	err = fclose(o->f) != 0 ? errno : 0;
	o->f = NULL;
	sync_dir(o->dir);
	if (err != 0) {
		err_add(errs, _("cannot write %s: %s"), o->path, strerror(err));
		outfile_clear(o);
		return 1;
	}
	outfile_clear(o);
	o->size = (long long)sb.st_size;
	return 0;
}

void
outfile_abort(struct outfile *o)
{
	if (o->path != NULL) {
		/* Remove the name before the lock goes with the close. */
		if (o->tmp != NULL)
			unlink(o->tmp);
		if (o->f != NULL)
			fclose(o->f);
	}
	outfile_clear(o);
}
