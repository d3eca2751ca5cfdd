/* cmd-list.c: panelist list prompts|models|reviewers|rubrics. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "table.h"

/* The listing as a table: its headings (in the reader's language, but
 * English for --tsv, which scripts read), numbers aligned right. */
static void
listing_table(const struct listing *l, bool tsv, struct table *t)
{
	/* TRANSLATORS: the headings of list's tables. */
	static const char *const head[][7] = {
		[LIST_PROMPTS] = { N_("id"), N_("version"), N_("capabilities"), N_("lang"),
		    N_("outputs"), N_("title"), NULL },
		[LIST_MODELS] = { N_("model"), N_("outputs"), N_("ratings"), NULL },
		[LIST_REVIEWERS] = { N_("reviewer"), N_("ratings"), N_("notes"), N_("flags"),
		    N_("last change"), NULL },
		[LIST_RUBRICS] = { N_("capability"), N_("version"), N_("axes"), N_("scale"),
		    N_("ratings"), N_("title"), NULL },
	};
	const char *shown[7];
	static const unsigned right[] = {	/* bit i: column i is a number */
		[LIST_PROMPTS] = 0x12, [LIST_MODELS] = 0x6, [LIST_REVIEWERS] = 0xe,
		[LIST_RUBRICS] = 0x16,
	};
	char a[32], b[32], c[32], d[64];
	size_t i;

	for (i = 0; i < 7; i++)
		shown[i] = head[l->kind][i] == NULL ? NULL : tsv ? head[l->kind][i] :
		    _(head[l->kind][i]);
	table_init(t, shown);
	for (i = 0; i < t->n_cols; i++) {
		if (right[l->kind] & (1u << i))
			table_right(t, i);
	}
	for (i = 0; i < l->n; i++) {
		switch (l->kind) {
		case LIST_PROMPTS:
			snprintf(a, sizeof a, "%ld", l->prompts[i].version);
			snprintf(b, sizeof b, "%ld", l->prompts[i].outputs);
			table_addv(t, l->prompts[i].id, a, l->prompts[i].capabilities,
			    l->prompts[i].lang, b, l->prompts[i].title);
			break;
		case LIST_MODELS:
			snprintf(a, sizeof a, "%ld", l->models[i].outputs);
			snprintf(b, sizeof b, "%ld", l->models[i].ratings);
			table_addv(t, l->models[i].model, a, b);
			break;
		case LIST_REVIEWERS:
			snprintf(a, sizeof a, "%ld", l->reviewers[i].ratings);
			snprintf(b, sizeof b, "%ld", l->reviewers[i].notes);
			snprintf(c, sizeof c, "%ld", l->reviewers[i].flags);
			table_addv(t, l->reviewers[i].reviewer, a, b, c,
			    l->reviewers[i].last_change);
			break;
		case LIST_RUBRICS:
			snprintf(a, sizeof a, "%ld", l->rubrics[i].version);
			snprintf(b, sizeof b, "%ld", l->rubrics[i].axes);
			snprintf(d, sizeof d, "%ld-%ld", l->rubrics[i].min, l->rubrics[i].max);
			snprintf(c, sizeof c, "%ld", l->rubrics[i].ratings);
			table_addv(t, l->rubrics[i].capability, a, b, d, c, l->rubrics[i].title);
			break;
		}
	}
}

/* One of the four names the arguments were checked against. */
static enum listing_kind
kind_of(const char *what)
{
	return strcmp(what, "prompts") == 0 ? LIST_PROMPTS : strcmp(what, "models") == 0 ?
	    LIST_MODELS : strcmp(what, "reviewers") == 0 ? LIST_REVIEWERS : LIST_RUBRICS;
}

int
cmd_list_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct errlist errs = { 0 };
	const char *what = NULL;
	struct listing l;
	struct store *st;
	struct table t;
	int tsv = cmd_args_has(args, "--tsv"), rc;

	if (args->argc > 1)
		return cmd_usage_error("list", _("list takes one kind of thing"));
	if (args->argc == 1)
		what = args->argv[0];
	if (what == NULL)
		return cmd_usage_error("list", _("list what? prompts, models, reviewers or rubrics"));
	if (strcmp(what, "prompts") && strcmp(what, "models") && strcmp(what, "reviewers") &&
	    strcmp(what, "rubrics"))
		return cmd_usage_error("list", _("cannot list '%s'"), what);
	if ((rc = store_open(ctx->db_path, STORE_OPEN_EXISTING, &st, &errs)) == 0) {
		if ((rc = store_list(st, kind_of(what), &l, &errs)) == 0) {
			listing_table(&l, tsv, &t);
			if (tsv)
				table_print_tsv(&t, stdout);
			else
				table_print(&t, stdout);
			table_free(&t);
			listing_free(&l);
		}
		store_close(st);
	}
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
