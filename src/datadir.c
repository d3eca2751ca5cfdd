/* datadir.c: finding the bundled content and the demo database. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
/* gettext() itself, not i18n.h: i18n.c asks this module where the
 * catalogue is, and the two would each need the other. */
#include <libintl.h>

#include "util.h"
#include "datadir.h"

/* Is the running binary the one the build tree holds?  Then the content is
 * in the source tree, even when an older copy is installed. */
static int
running_from_build_tree(void)
{
	char self[PATH_MAX], build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *want;
	int same;

	if (n < 0)
		return 0;
	self[n] = '\0';
	want = path_join(PANELIST_BUILDDIR, "panelist");
	same = realpath(want, build) != NULL && strcmp(build, self) == 0;
	free(want);
	return same;
}

const char *
datadir(void)
{
	const char *env = getenv("PANELIST_DATADIR");

	if (env != NULL && *env != '\0')
		return env;
	if (running_from_build_tree())
		return PANELIST_SRCDIR;
	return PKGDATADIR;
}

const char *
localedir(void)
{
	return running_from_build_tree() ? PANELIST_BUILDDIR "/locale" : LOCALEDIR;
}

char *
datadir_path(const char *part, struct errlist *errs)
{
	const char *env = getenv("PANELIST_DATADIR");
	char *path = path_join(datadir(), part);
	struct stat st;

	if (stat(path, &st) == 0)
		return path;
	/* A staged or moved install looks for the panel where it was to be
	 * installed: say how to point it at where it is. */
	if (env != NULL && *env != '\0')
		err_add(errs, gettext("%s: %s (the bundled panel is looked for in "
		    "PANELIST_DATADIR, %s)"), path, strerror(errno), env);
	else
		err_add(errs, gettext("%s: %s (the bundled panel is not installed there; for "
		    "a staged or moved install set PANELIST_DATADIR to the directory "
		    "holding rubrics, prompts and demo)"), path, strerror(errno));
	free(path);
	return NULL;
}

static int
mkdir_p(char *path)
{
	char *p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return mkdir(path, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

char *
demo_db_path(struct errlist *errs)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char *dir, *path;

	if (xdg != NULL && *xdg == '/')
		dir = path_join(xdg, "panelist");
	else if (home != NULL && *home != '\0')
		dir = path_join(home, ".local/share/panelist");
	else {
		err_add(errs, gettext("demo: neither XDG_DATA_HOME nor HOME is set; "
		    "cannot place the demo database"));
		return NULL;
	}
	if (mkdir_p(dir) != 0) {
		err_add(errs, gettext("demo: cannot create %s: %s"), dir, strerror(errno));
		free(dir);
		return NULL;
	}
	path = path_join(dir, "demo.db");
	free(dir);
	return path;
}
