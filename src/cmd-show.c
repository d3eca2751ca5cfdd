/* cmd-show.c: panelist show prompt ID. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "store.h"
#include "text.h"

static void
print_field(FILE *f, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	fprintf(f, "%-13s ", name);
	text_fputs(value, f);
	fputc('\n', f);
}

/* The fields that are set, then the conversation turn by turn. */
static void
print_prompt(const struct prompt_detail *d, FILE *f)
{
	char version[64];
	size_t i, len;

	snprintf(version, sizeof version, "%ld of %ld", d->version, d->latest);
	print_field(f, "prompt", d->id);
	print_field(f, "version", version);
	print_field(f, "title", d->title);
	print_field(f, "capabilities", d->capabilities);
	print_field(f, "occupation", d->occupation);
	print_field(f, "task", d->task);
	print_field(f, "onet task id", d->onet_task_id);
	print_field(f, "lang", d->lang);
	print_field(f, "hash", d->hash);
	print_field(f, "imported", d->created);
	print_field(f, "outputs", d->outputs);
	for (i = 0; i < d->n_turns; i++) {
		fprintf(f, "\n── %s ──\n", d->turns[i].role);
		text_fputs(d->turns[i].content, f);
		len = strlen(d->turns[i].content);
		if (len == 0 || d->turns[i].content[len - 1] != '\n')
			fputc('\n', f);
	}
}

int
cmd_show_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	struct errlist errs = { 0 };
	struct prompt_detail d;
	struct store *st;
	int rc;

	if (args->argc != 2 || strcmp(args->argv[0], "prompt") != 0)
		return cmd_usage_error("show", "show needs 'prompt' and a prompt id");
	if ((rc = cmd_open(ctx, false, &st)) != 0)
		return rc;
	if ((rc = store_show_prompt(st, args->argv[1], &d, &errs)) == 0) {
		print_prompt(&d, stdout);
		prompt_detail_free(&d);
	}
	store_close(st);
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}
