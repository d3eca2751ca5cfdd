/* import.c: load, validate, write. */
#include "config.h"

#include <string.h>

#include <stdio.h>

#include "i18n.h"
#include "import.h"
#include "load.h"
#include "strset.h"
#include "validate.h"

int
import_paths(struct store *st, char *const *paths, size_t n, struct import_counts *c,
    size_t *n_files, struct errlist *errs)
{
	struct import_opts o = { false, true, NULL };

	return import_run(st, paths, n, &o, c, n_files, errs);
}

/* The consequences of the study files' settings, shown before they are
 * written; the store refuses them unless forced. */
static int
study_effects(struct store *st, const struct bundle *b, const struct import_opts *o,
    struct errlist *errs)
{
	struct buf out = { 0 };
	long unassigned = 0, n;
	size_t i;
	int rc = 0;

	for (i = 0; i < b->studies.n && rc == 0; i++) {
		rc = import_study_effects(st, b->studies.v[i], &out, &n, errs);
		unassigned += n;
	}
	store_set_study_force(st, o->force, unassigned);
	if (rc == 0 && out.len > 0 && o->effects != NULL)
		fprintf(o->effects, _("The study file changes who rates what:\n%s"), out.data);
	buf_free(&out);
	return rc;
}

/* The database's outputs by line hash, read when the loader first asks. */
struct known_lines {
	struct store	*st;
	struct bundle	*b;
	struct strset	 set;
};

static struct strset *
read_known_lines(void *arg)
{
	struct known_lines *k = arg;
	struct errlist errs = { 0 };
	int rc;

	/* Not read, every line is parsed; the import's own reads then report
	 * what is wrong with the database. */
	rc = store_known_lines(k->st, &k->b->arena, &k->b->known_first, &errs);
	err_clear(&errs);
	return rc == 0 ? &k->set : NULL;
}

int
import_run(struct store *st, char *const *paths, size_t n, const struct import_opts *o,
    struct import_counts *c, size_t *n_files, struct errlist *errs)
{
	struct known_lines known;
	struct bundle b;
	size_t i;
	int rc;

	memset(&b, 0, sizeof b);
	memset(&known, 0, sizeof known);
	b.ratings_lines = o->ratings;
	memset(c, 0, sizeof *c);
	known.st = st;
	known.b = &b;
	/* With --ratings a line without a kind is a rating, never an output. */
	if (!o->ratings) {
		b.read_known_lines = read_known_lines;
		b.known_ctx = &known;
	}
	for (i = 0; i < n; i++)
		load_path(&b, paths[i], errs);
	if (errs->n == 0)
		validate_bundle(&b, st, errs);
	*n_files = b.n_files;
	if (errs->n > 0) {
		rc = STORE_INPUT;
	} else if ((rc = study_effects(st, &b, o, errs)) == 0)
		rc = store_import(st, &b, c, errs);
	bundle_free(&b);
	strset_free(&known.set);
	return rc;
}

/* "3 prompts": each kind its own message, so that each has its plural. */
static void
counted(struct buf *out, int kind, size_t n)
{
	switch (kind) {
	case 0:
		buf_printf(out, P_("%zu rubric", "%zu rubrics", n), n);
		break;
	case 1:
		buf_printf(out, P_("%zu prompt", "%zu prompts", n), n);
		break;
	case 2:
		buf_printf(out, P_("%zu output", "%zu outputs", n), n);
		break;
	case 3:
		buf_printf(out, P_("%zu study", "%zu studies", n), n);
		break;
	case 4:
		buf_printf(out, P_("%zu rating", "%zu ratings", n), n);
		break;
	default:
		buf_printf(out, P_("%zu model under test", "%zu models under test", n), n);
		break;
	}
}

static void
describe(struct buf *out, const size_t v[IMP_KINDS])
{
	int k;

	for (k = 0; k < IMP_KINDS; k++) {
		if (v[k] == 0)
			continue;
		if (out->len > 0)
			/* TRANSLATORS: between the items of a list, as in "a, b or c". */
			buf_addstr(out, _(", "));
		counted(out, k, v[k]);
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
		fprintf(f, P_("Nothing changed: %zu file is already in the database (%s).\n",
		    "Nothing changed: %zu files are already in the database (%s).\n", n_files),
		    n_files, same.len ? same.data : _("empty"));
	} else {
		/* TRANSLATORS: the first clause of the import's summary; the
		 * clauses below ("; updated ...") follow it, then ".\n". */
		fprintf(f, P_("Imported %zu file: added %s", "Imported %zu files: added %s",
		    n_files), n_files, added.len ? added.data : _("nothing new"));
		if (updated.len)
			fprintf(f, _("; updated %s"), updated.data);
		if (versioned.len)
			fprintf(f, _("; new versions of %s (earlier ratings stay with the earlier "
			    "text and are not counted)"), versioned.data);
		if (amended.len)
			fprintf(f, _("; amended %s in place (the ratings carry over)"), amended.data);
		if (same.len)
			fprintf(f, _("; unchanged %s"), same.data);
		/* TRANSLATORS: the end of the import's summary. */
		fputs(_(".\n"), f);
	}
	buf_free(&added);
	buf_free(&updated);
	buf_free(&versioned);
	buf_free(&amended);
	buf_free(&same);
}
