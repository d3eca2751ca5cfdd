/* load-file.c: finding input files, reading them safely, and handing each to
 * the loader for its format. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "load.h"

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static bool
is_input_name(const char *name)
{
	return has_suffix(name, ".yaml") || has_suffix(name, ".yml") ||
	    has_suffix(name, ".jsonl");
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories a walk has entered, by device and inode: symbolic links
 * can lead back up the tree (a loop, walked forever) or reach one directory
 * by two ways (read twice). */
struct walk {
	struct ptrvec	 files;
	struct dirid {
		dev_t	 dev;
		ino_t	 ino;
		bool	 open;	/* on the current path */
		char	*path;
	}		*dirs;
	size_t		 n_dirs;
};

/* Whether to enter dir: false for one already read, with an error for a loop. */
static bool
enter_dir(struct walk *w, const char *dir, const struct stat *st, struct errlist *errs)
{
	size_t i;

	for (i = 0; i < w->n_dirs; i++) {
		if (w->dirs[i].dev != st->st_dev || w->dirs[i].ino != st->st_ino)
			continue;
		if (w->dirs[i].open)
			err_add(errs, _("%s: a symbolic link loop back to %s; not followed"),
			    dir, w->dirs[i].path);
		return false;
	}
	w->dirs = xreallocarray(w->dirs, w->n_dirs + 1, sizeof *w->dirs);
	w->dirs[w->n_dirs].dev = st->st_dev;
	w->dirs[w->n_dirs].ino = st->st_ino;
	w->dirs[w->n_dirs].open = true;
	w->dirs[w->n_dirs].path = xstrdup(dir);
	w->n_dirs++;
	return true;
}

static void
leave_dir(struct walk *w, const struct stat *st)
{
	size_t i;

	for (i = 0; i < w->n_dirs; i++) {
		if (w->dirs[i].dev == st->st_dev && w->dirs[i].ino == st->st_ino)
			w->dirs[i].open = false;
	}
}

static void
walk_free(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->n_dirs; i++)
		free(w->dirs[i].path);
	free(w->dirs);
	ptrvec_free(&w->files);
}

/* Collect input files below dir, sorted, skipping hidden entries. */
static void
walk_dir(struct walk *w, const char *dir, const struct stat *dst, struct errlist *errs)
{
	struct ptrvec names = { 0 };
	struct dirent *de;
	struct stat st;
	DIR *d;
	size_t i;

	if (!enter_dir(w, dir, dst, errs))
		return;
	if ((d = opendir(dir)) == NULL) {
		err_add(errs, _("%s: cannot open directory: %s"), dir, strerror(errno));
		leave_dir(w, dst);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.')
			ptrvec_push(&names, path_join(dir, de->d_name));
	}
	closedir(d);
	if (names.n > 0)
		qsort(names.v, names.n, sizeof *names.v, compare_names);
	for (i = 0; i < names.n; i++) {
		char *path = names.v[i];

		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			walk_dir(w, path, &st, errs);
			free(path);
		} else if (is_input_name(path))
			ptrvec_push(&w->files, path);
		else
			free(path);
	}
	ptrvec_free(&names);
	leave_dir(w, dst);
}

static const char *
file_type_name(mode_t m)
{
	if (S_ISFIFO(m))
		return _("a FIFO");
	if (S_ISCHR(m) || S_ISBLK(m))
		return _("a device");
	if (S_ISSOCK(m))
		return _("a socket");
	if (S_ISDIR(m))
		return _("a directory");
	return _("not a regular file");
}

/* Only regular files are read: a FIFO would block the import until someone
 * writes to it, and /dev/zero never ends.  O_NONBLOCK keeps open(2) itself
 * from waiting on a FIFO; fstat then names what the file is. */
static FILE *
open_input(const char *file, struct stat *st, struct errlist *errs)
{
	struct pos at = { file, 0, 0 };
	FILE *f;
	int fd;

	if ((fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		err_at(errs, &at, _("cannot open: %s"), strerror(errno));
		return NULL;
	}
	if (fstat(fd, st) != 0) {
		err_at(errs, &at, _("cannot read: %s"), strerror(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st->st_mode)) {
		/* TRANSLATORS: %s is what the file is: "a FIFO", "a device", ... */
		err_at(errs, &at, _("%s, not a regular file; only regular files are read"),
		    file_type_name(st->st_mode));
		close(fd);
		return NULL;
	}
	if ((f = fdopen(fd, "rb")) == NULL) {
		err_at(errs, &at, _("cannot open: %s"), strerror(errno));
		close(fd);
	}
	return f;
}

static size_t
load_yaml_file(struct bundle *b, const char *file, struct errlist *errs)
{
	struct pos at = { file, 0, 0 };
	struct stat st;
	char *text;
	size_t n, got;
	FILE *f;

	if ((f = open_input(file, &st, errs)) == NULL)
		return 1;
	if ((unsigned long long)st.st_size > LOAD_MAX_YAML_BYTES) {
		err_at(errs, &at, _("the file is %lld bytes, over the %lu MiB limit for a YAML file "
		    "(split it, or give outputs as JSONL, which is read line by line)"),
		    (long long)st.st_size, LOAD_MAX_YAML_BYTES >> 20);
		fclose(f);
		return 1;
	}
	text = xmalloc((size_t)st.st_size + 1);
	got = fread(text, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		err_at(errs, &at, _("cannot read: %s"), strerror(errno));
		fclose(f);
		free(text);
		return 1;
	}
	fclose(f);
	text[got] = '\0';
	n = load_yaml_text(b, file, text, got, errs);
	free(text);
	return n;
}

static size_t
load_jsonl_file(struct bundle *b, const char *file, struct errlist *errs)
{
	struct stat st;
	size_t n;
	FILE *f;

	if ((f = open_input(file, &st, errs)) == NULL)
		return 1;
	n = load_jsonl_lines(b, file, f, b->ratings_lines, errs);
	fclose(f);
	return n;
}

static size_t
load_file(struct bundle *b, const char *file, struct errlist *errs)
{
	/* Positions point at the file name, so it must outlive the bundle's use. */
	const char *name = arena_strdup(&b->arena, file);

	b->n_files++;
	if (has_suffix(file, ".jsonl"))
		return load_jsonl_file(b, name, errs);
	return load_yaml_file(b, name, errs);
}

size_t
load_path(struct bundle *b, const char *path, struct errlist *errs)
{
	struct walk w = { 0 };
	struct stat st;
	size_t before = errs->n, i;

	if (stat(path, &st) != 0) {
		err_add(errs, "%s: %s", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return load_file(b, path, errs);

	walk_dir(&w, path, &st, errs);
	if (w.files.n == 0 && errs->n == before)
		err_add(errs, _("%s: no .yaml, .yml or .jsonl files in this directory"), path);
	for (i = 0; i < w.files.n; i++) {
		load_file(b, w.files.v[i], errs);
		free(w.files.v[i]);
	}
	walk_free(&w);
	return errs->n - before;
}
