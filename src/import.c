/* import.c: load, validate, write. */
#include "config.h"

#include <string.h>

#include "import.h"
#include "load.h"
#include "validate.h"

int
import_paths(struct store *st, char *const *paths, size_t n, struct import_counts *c,
    size_t *n_files, struct errlist *errs)
{
	return import_paths_ratings(st, paths, n, false, c, n_files, errs);
}

int
import_paths_ratings(struct store *st, char *const *paths, size_t n, bool ratings,
    struct import_counts *c, size_t *n_files, struct errlist *errs)
{
	struct bundle b;
	size_t i;
	int rc;

	memset(&b, 0, sizeof b);
	b.ratings_lines = ratings;
	memset(c, 0, sizeof *c);
	for (i = 0; i < n; i++)
		load_path(&b, paths[i], errs);
	if (errs->n == 0)
		validate_bundle(&b, st, errs);
	*n_files = b.n_files;
	if (errs->n > 0) {
		bundle_free(&b);
		return STORE_INPUT;
	}
	rc = store_import(st, &b, c, errs);
	bundle_free(&b);
	return rc;
}

static void
plural(struct buf *out, size_t n, const char *one, const char *many)
{
	buf_printf(out, "%s%zu %s", out->len > 0 ? ", " : "", n, n == 1 ? one : many);
}

static void
describe(struct buf *out, const size_t v[IMP_KINDS])
{
	static const char *const one[] = { "rubric", "prompt", "output", "study", "rating",
	    "model under test" };
	static const char *const many[] = { "rubrics", "prompts", "outputs", "studies", "ratings",
	    "models under test" };
	int k;

	for (k = 0; k < IMP_KINDS; k++) {
		if (v[k] > 0)
			plural(out, v[k], one[k], many[k]);
	}
}

static size_t
total(const size_t v[IMP_KINDS])
{
	size_t k, n = 0;

	for (k = 0; k < IMP_KINDS; k++)
		n += v[k];
	return n;
}

void
import_summary(const struct import_counts *c, size_t n_files, FILE *f)
{
	struct buf added = { 0 }, updated = { 0 }, versioned = { 0 }, amended = { 0 };
	struct buf same = { 0 };

	describe(&added, c->added);
	describe(&updated, c->updated);
	describe(&versioned, c->versioned);
	describe(&amended, c->amended);
	describe(&same, c->unchanged);
	if (total(c->added) + total(c->updated) + total(c->versioned) +
	    total(c->amended) == 0) {
		fprintf(f, "Nothing changed: %zu %s already in the database (%s).\n", n_files,
		    n_files == 1 ? "file is" : "files are", same.len ? same.data : "empty");
	} else {
		fprintf(f, "Imported %zu %s: added %s", n_files, n_files == 1 ? "file" : "files",
		    added.len ? added.data : "nothing new");
		if (updated.len)
			fprintf(f, "; updated %s", updated.data);
		if (versioned.len)
			fprintf(f, "; new versions of %s (earlier ratings stay with the earlier "
			    "text and are not counted)", versioned.data);
		if (amended.len)
			fprintf(f, "; amended %s in place (the ratings carry over)", amended.data);
		if (same.len)
			fprintf(f, "; unchanged %s", same.data);
		fputs(".\n", f);
	}
	buf_free(&added);
	buf_free(&updated);
	buf_free(&versioned);
	buf_free(&amended);
	buf_free(&same);
}
