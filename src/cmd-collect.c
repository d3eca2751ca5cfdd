/* cmd-collect.c: panelist collect [--model M]... [--prompt ID]... [--capability C]
 * [--dry-run] [--retry-failed] [--limit N] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd-common.h"
#include "i18n.h"
#include "collect.h"
#include "collect-proto.h"
#include "text.h"

/* The progress bar: one line per model, redrawn in place on a terminal. */
struct bar {
	bool	 tty;
	size_t	 drawn;		/* lines on the screen now */
};

/* Raw bytes to the terminal: cursor movement only, never text of a file
 * or a server (that goes through text_inert first). */
static void
raw(const char *s)
{
	size_t n = strlen(s);
	ssize_t w;

	fflush(stderr);
	while (n > 0 && (w = write(STDERR_FILENO, s, n)) > 0) {
		s += w;
		n -= (size_t)w;
	}
}

static void
erase(struct bar *b)
{
	char up[32];

	if (b->drawn == 0)
		return;
	snprintf(up, sizeof up, "\033[%zuA\r\033[J", b->drawn);
	raw(up);
	b->drawn = 0;
}

static void
on_line(void *arg, const char *msg)
{
	erase(arg);
	warnx_("%s", msg);
}

static void
eta(char *out, size_t size, const struct collect_progress *p)
{
	double rate = p->elapsed > 0 ? (double)(p->done + p->failed) / p->elapsed : 0;
	size_t left = p->todo - p->done - p->failed;

	if (p->stopped)
		snprintf(out, size, "%s", _("stopped"));
	else if (left == 0)
		snprintf(out, size, "%s", _("done"));
	else if (rate > 0)
		/* TRANSLATORS: the time left, in seconds. */
		snprintf(out, size, _("ETA %.0fs"), (double)left / rate);
	else
		snprintf(out, size, "%s", _("ETA -"));
}

static void
draw(struct bar *b, const struct collect_progress *p, size_t n)
{
	struct buf line = { 0 };
	size_t i, k, fill;
	char when[64];

	erase(b);
	for (i = 0; i < n; i++) {
		char *name = text_inert(p[i].model);

		fill = p[i].todo > 0 ? 20 * (p[i].done + p[i].failed) / p[i].todo : 20;
		eta(when, sizeof when, &p[i]);
		buf_addstr(&line, "[");
		for (k = 0; k < 20; k++)
			buf_addstr(&line, k < fill ? "#" : ".");
		/* TRANSLATORS: a model's progress line after its bar: name,
		 * done/to do, rate, failures, time left. */
		buf_printf(&line, _("] %s %zu/%zu %.1f/s %zu err %s"), name, p[i].done,
		    p[i].todo, p[i].elapsed > 0 ? (double)p[i].done / p[i].elapsed : 0.0,
		    p[i].failed, when);
		buf_addstr(&line, "\033[K\n");	/* the rest of the line cleared */
		free(name);
	}
	raw(line.data != NULL ? line.data : "");
	buf_free(&line);
	b->drawn = n;
}

static void
summary(const struct collect_progress *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		text_fputs(p[i].model, stdout);
		printf(p[i].stopped ? _(": %zu of %zu stored, %zu failed, %zu truncated, %.1f s, "
		    "stopped\n") : _(": %zu of %zu stored, %zu failed, %zu truncated, %.1f s\n"),
		    p[i].done, p[i].todo, p[i].failed, p[i].truncated, p[i].elapsed);
	}
}

static void
on_progress(void *arg, const struct collect_progress *p, size_t n, bool final)
{
	struct bar *b = arg;

	if (b->tty)
		draw(b, p, n);
	if (final) {
		b->drawn = 0;
		summary(p, n);
	}
}

/* What would be sent, request by request: the key's variable, never the key. */
static void
dry_run(const struct collect_plan *p)
{
	size_t i, k;

	for (i = 0; i < p->n; i++) {
		const struct collect_target *t = &p->targets[i];
		char *url = proto_url(t->def);

		for (k = 0; k < t->n_jobs; k++) {
			char *body = proto_body(t->def, &t->jobs[k]);

			printf("# model ");	/* machine */
			text_fputs(t->def->name, stdout);
			printf(", prompt %s version %ld\nPOST ", t->jobs[k].prompt,	/* machine */
			    t->jobs[k].version);
			text_fputs(url, stdout);
			if (t->def->api_key_env != NULL)
				printf("\n%s $%s", strcmp(t->def->protocol, "anthropic-messages") == 0 ?
				    "x-api-key:" : "Authorization: Bearer", t->def->api_key_env);
			putchar('\n');
			text_fputs(body, stdout);
			putchar('\n');
			free(body);
		}
		free(url);
	}
}

/* --prompt and --capability name what the study holds. */
static int
check_filter(struct store *st, const struct collect_filter *f)
{
	size_t i;

	for (i = 0; i < f->n_prompts; i++) {
		if (!store_has_prompt(st, f->prompts[i]))
			return cmd_usage_error("collect", _("--prompt %s: no such prompt in the study"),
			    f->prompts[i]);
	}
	if (f->capability != NULL && !store_has_rubric(st, f->capability))
		return cmd_usage_error("collect", _("--capability %s: no rubric for it in the study"),
		    f->capability);
	return 0;
}

static size_t
total_jobs(const struct collect_plan *p, size_t *skipped)
{
	size_t i, n = 0;

	*skipped = 0;
	for (i = 0; i < p->n; i++) {
		n += p->targets[i].n_jobs;
		*skipped += p->targets[i].skipped;
	}
	return n;
}

static int
collect(struct store *st, struct collect_plan *p, bool dry)
{
	struct bar b = { isatty(STDERR_FILENO) == 1, 0 };
	struct collect_report rep = { on_line, on_progress, &b };
	struct errlist errs = { 0 };
	size_t skipped, todo = total_jobs(p, &skipped);
	int rc;

	if (skipped > 0)
		warnx_(P_("%zu request failed before and is not asked again; --retry-failed "
		    "asks again", "%zu requests failed before and are not asked again; "
		    "--retry-failed asks again", skipped), skipped);
	if (p->n_models == 0) {
		warnx_("%s", _("no models under test: import a models file (kind: models; see "
		    "panelist(5))"));
		return 2;
	}
	if (todo == 0) {
		fputs(_("Nothing to collect: every model chosen has an output for every current "
		    "prompt chosen.\n"), stdout);
		return 0;
	}
	if (dry) {
		dry_run(p);
		return 0;
	}
	rc = collect_run(st, p, &rep, &errs);
	err_print(&errs, stderr);
	err_clear(&errs);
	return rc;
}

int
cmd_collect_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_found *models = cmd_args_get(args, "--model");
	const struct cmd_found *prompts = cmd_args_get(args, "--prompt");
	struct collect_filter f = { 0 };
	struct collect_plan p = { 0 };
	struct errlist errs = { 0 };
	struct store *st;
	int rc;

	f.prompts = (char *const *)prompts->values;
	f.n_prompts = prompts->n;
	f.capability = cmd_args_value(args, "--capability");
	f.retry_failed = cmd_args_has(args, "--retry-failed");
	if (cmd_args_has(args, "--limit"))
		f.limit = (size_t)cmd_args_get(args, "--limit")->number;
	if ((rc = cmd_open(ctx, false, &st)) != 0)
		return rc;
	if ((rc = check_filter(st, &f)) == 0 &&
	    (rc = collect_plan(st, (char *const *)models->values, models->n, &f, &p,
	    &errs)) == 0)
		rc = collect(st, &p, cmd_args_has(args, "--dry-run"));
	if (rc != 0 && errs.n > 0)
		err_print(&errs, stderr);
	err_clear(&errs);
	collect_plan_free(&p);
	store_close(st);
	return rc != 0 ? rc : cmd_flush_stdout();
}
