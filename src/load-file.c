/* load-file.c: finding input files, reading them safely, and handing each to
 * the loader for its format. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load.h"

struct pos
text_pos(const char *file, const char *text, size_t off)
{
	struct pos p = { file, 1, 1 };
	size_t i;

	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			p.line++;
			p.col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80)
			p.col++;	/* count characters, not bytes */
	}
	return p;
}

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

/* Collect input files below dir, sorted, skipping hidden entries. */
static void
walk_dir(const char *dir, struct ptrvec *files, struct errlist *errs)
{
	struct ptrvec names = { 0 };
	struct dirent *de;
	struct stat st;
	DIR *d;
	size_t i;

	if ((d = opendir(dir)) == NULL) {
		err_add(errs, "%s: cannot open directory: %s", dir, strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.')
			ptrvec_push(&names, xasprintf("%s/%s", dir, de->d_name));
	}
	closedir(d);
	if (names.n > 0)
		qsort(names.v, names.n, sizeof *names.v, compare_names);
	for (i = 0; i < names.n; i++) {
		char *path = names.v[i];

		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			walk_dir(path, files, errs);
			free(path);
		} else if (is_input_name(path))
			ptrvec_push(files, path);
		else
			free(path);
	}
	ptrvec_free(&names);
}

static size_t
load_yaml_file(struct bundle *b, const char *file, struct errlist *errs)
{
	struct pos at = { file, 0, 0 };
	struct stat st;
	char *text;
	size_t n, got;
	FILE *f;

	if ((f = fopen(file, "rb")) == NULL) {
		err_at(errs, &at, "cannot open: %s", strerror(errno));
		return 1;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		err_at(errs, &at, "not a regular file");
		fclose(f);
		return 1;
	}
	if ((unsigned long long)st.st_size > LOAD_MAX_YAML_BYTES) {
		err_at(errs, &at, "the file is %lld bytes, over the %lu MiB limit for a YAML file "
		    "(split it, or give outputs as JSONL, which is read line by line)",
		    (long long)st.st_size, LOAD_MAX_YAML_BYTES >> 20);
		fclose(f);
		return 1;
	}
	text = xmalloc((size_t)st.st_size + 1);
	got = fread(text, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		err_at(errs, &at, "cannot read: %s", strerror(errno));
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
	struct pos at = { file, 0, 0 };
	size_t n;
	FILE *f;

	if ((f = fopen(file, "rb")) == NULL) {
		err_at(errs, &at, "cannot open: %s", strerror(errno));
		return 1;
	}
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
	struct ptrvec files = { 0 };
	struct stat st;
	size_t before = errs->n, i;

	if (stat(path, &st) != 0) {
		err_add(errs, "%s: %s", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return load_file(b, path, errs);

	walk_dir(path, &files, errs);
	if (files.n == 0 && errs->n == before)
		err_add(errs, "%s: no .yaml, .yml or .jsonl files in this directory", path);
	for (i = 0; i < files.n; i++) {
		load_file(b, files.v[i], errs);
		free(files.v[i]);
	}
	ptrvec_free(&files);
	return errs->n - before;
}
