/* cmd-notes.c: panelist notes [--flagged] [--reviewer R] [--model M]
 * [--format table|csv|tsv|json]: the reviewers' notes and flags. */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "cmd-common.h"
#include "i18n.h"
#include "json.h"
#include "store.h"
#include "tabular.h"

enum { N_PROMPT, N_VERSION, N_MODEL, N_REVIEWER, N_FLAG, N_REASON, N_NOTE, N_CHANGED,
	N_NCOLS };

static const struct tab_col note_cols[N_NCOLS] = {
	[N_PROMPT] = { N_("prompt"), NULL, TAB_BOTH, false, 0, false, false },
	[N_VERSION] = { N_("version"), "prompt_version", TAB_BOTH, true, 0, false, false },
	[N_MODEL] = { N_("model"), NULL, TAB_BOTH, false, 0, false, false },
	[N_REVIEWER] = { N_("reviewer"), NULL, TAB_BOTH, false, 0, false, false },
	[N_FLAG] = { N_("flag"), NULL, TAB_BOTH, false, 0, false, false },
	[N_REASON] = { N_("reason"), "flag_reason", TAB_BOTH, false, 0, false, false },
	[N_NOTE] = { N_("note"), NULL, TAB_BOTH, false, 0, false, false },
	[N_CHANGED] = { N_("changed"), NULL, TAB_BOTH, false, 0, false, false },
};

static int
notes_tab(const struct note_entry *v, size_t n, enum tab_format fmt, FILE *f)
{
	struct tab t;
	size_t i;
	int rc;

	tab_init(&t, note_cols, N_NCOLS);
	t.no_rule = true;
	for (i = 0; i < n; i++) {
		tab_row(&t);
		tab_cell(&t, N_PROMPT, "%s", v[i].prompt);
		tab_cell(&t, N_VERSION, "%ld", v[i].prompt_version);
		tab_cell(&t, N_MODEL, "%s", v[i].model);
		tab_cell(&t, N_REVIEWER, "%s", v[i].reviewer);
		tab_cell(&t, N_FLAG, "%s", v[i].flag != NULL ? v[i].flag : "");
		tab_cell(&t, N_REASON, "%s", v[i].flag_reason != NULL ? v[i].flag_reason : "");
		tab_cell(&t, N_NOTE, "%s", v[i].note != NULL ? v[i].note : "");
		tab_cell(&t, N_CHANGED, "%s", v[i].changed);
	}
	if (fmt == TAB_TABLE)
		tab_note(&t, P_("%zu note or flag.", "%zu notes and flags.", n), n);
	rc = tab_print(&t, fmt, 0, f);
	tab_free(&t);
	return rc;
}

static json_t *
or_null(const char *s)
{
	return s != NULL ? jv_str(s) : json_null();
}

static int
notes_json(const struct note_entry *v, size_t n, FILE *f)
{
	json_t *root = json_object(), *a = json_array(), *o;
	size_t i;

	for (i = 0; i < n; i++) {
		o = json_object();
		jv_set(o, "prompt", jv_str(v[i].prompt));
		jv_set(o, "prompt_version", json_integer(v[i].prompt_version));
		jv_set(o, "model", jv_str(v[i].model));
		jv_set(o, "reviewer", jv_str(v[i].reviewer));
		jv_set(o, "flag", or_null(v[i].flag));
		jv_set(o, "flag_reason", or_null(v[i].flag_reason));
		jv_set(o, "note", or_null(v[i].note));
		jv_set(o, "changed", jv_str(v[i].changed));
		jv_append(a, o);
	}
	jv_set(root, "notes", a);
	return jv_dump(root, f);
}

int
cmd_notes_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct notes_filter nf = { cmd_args_has(args, "--flagged"),
	    cmd_args_value(args, "--reviewer"), cmd_args_value(args, "--model") };
	enum tab_format fmt = TAB_TABLE;
	const char *format = cmd_args_value(args, "--format");
	struct errlist errs = { 0 };
	struct note_entry *v;
	struct store *st;
	size_t n;
	int rc;

	/* The parser has checked the word (cmd.c). */
	if (format != NULL)
		(void)tab_format_parse(format, &fmt);
	if ((rc = cmd_open(ctx, false, &st)) != 0)
		return rc;
	if ((rc = store_notes(st, &nf, &v, &n, &errs)) == 0) {
		if ((fmt == TAB_JSON ? notes_json(v, n, stdout) : notes_tab(v, n, fmt,
		    stdout)) != 0)
			rc = cmd_write_failed(_("the notes"));
		notes_free(v, n);
	}
	store_close(st);
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
