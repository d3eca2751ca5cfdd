/* util.c: error lists, messages and small string helpers. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

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

/* What a path is, as a noun phrase that fills "'%s' is %s". */
const char *
file_kind(mode_t m)
{
	if (S_ISREG(m))
		return _("a regular file");
	if (S_ISDIR(m))
		return _("a directory");
	if (S_ISFIFO(m))
		return _("a FIFO");
	if (S_ISCHR(m))
		return _("a character device");
	if (S_ISBLK(m))
		return _("a block device");
	if (S_ISSOCK(m))
		return _("a socket");
	if (S_ISLNK(m))
		return _("a symbolic link");
	return _("a special file");
}

static void
err_push(struct errlist *e, char *msg)
{
	e->msgs = xreallocarray(e->msgs, e->n + 1, sizeof *e->msgs);
	e->msgs[e->n++] = msg;
}

void
err_at(struct errlist *e, const struct pos *p, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	if (p != NULL && p->file != NULL && p->line > 0)
		buf_printf(&b, "%s:%u:%u: ", p->file, p->line, p->col);
	else if (p != NULL && p->file != NULL)
		buf_printf(&b, "%s: ", p->file);
	buf_addstr(&b, text);
	free(text);
	err_push(e, b.data);
}

void
err_add(struct errlist *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_push(e, xvasprintf(fmt, ap));
	va_end(ap);
}

void
err_print(const struct errlist *e, FILE *f)
{
	/* Past this many the count says enough; the first ones say what to fix. */
	const size_t shown = 50;
	size_t i;

	for (i = 0; i < e->n && i < shown; i++) {
		fputs("panelist: ", f);	/* machine */
		text_fputs(e->msgs[i], f);
		fputc('\n', f);
	}
	if (e->n > shown)
		fprintf(f, P_("panelist: ... and %zu more problem\n",
		    "panelist: ... and %zu more problems\n", e->n - shown), e->n - shown);
}

void
err_clear(struct errlist *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->msgs[i]);
	free(e->msgs);
	e->msgs = NULL;
	e->n = 0;
}

void
vwarnx_(const char *fmt, va_list ap)
{
	char *text;

	text = xvasprintf(fmt, ap);
	fputs("panelist: ", stderr);	/* machine */
	text_fputs(text, stderr);
	fputc('\n', stderr);
	free(text);
}

void
warnx_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx_(fmt, ap);
	va_end(ap);
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row, best;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	row = xcalloc(lb + 1, sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], cost = a[i - 1] != b[j - 1];
			size_t v = diag + cost;

			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			diag = up;
			row[j] = v;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

const char *
did_you_mean_n(const char *word, const char *const *choices, size_t n)
{
	const char *best = NULL;
	size_t best_d = 3, i;	/* more than two edits is a different word */

	for (i = 0; i < n; i++) {
		size_t d = edit_distance(word, choices[i]);

		if (d < best_d && d > 0) {
			best_d = d;
			best = choices[i];
		}
	}
	return best;
}

const char *
did_you_mean(const char *word, const char *const *choices)
{
	size_t n = 0;

	while (choices[n] != NULL)
		n++;
	return did_you_mean_n(word, choices, n);
}

const char *
names_name(const char *const *names, size_t n, size_t i)
{
	return i < n ? names[i] : "?";
}

int
names_index(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	}
	return -1;
}

/* Length of the UTF-8 sequence starting at s, or 0 when it is not a valid,
 * shortest-form encoding of a scalar value. */
static size_t
utf8_seq_len(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	size_t n, i;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	return n;
}

size_t
utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (u[i] == 0)
			return i;
		n = utf8_seq_len(u + i, len - i);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

bool
str_is_id(const char *s)
{
	if (*s == '\0' || *s == '-')
		return false;
	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	}
	return true;
}

char *
path_join(const char *dir, const char *name)
{
	size_t len = strlen(dir);

	if (len == 0)
		return xstrdup(name);
	/* "outputs/" or "outputs//" as the user typed them: one slash.  A
	 * directory of slashes alone is the root. */
	while (len > 1 && dir[len - 1] == '/')
		len--;
	while (*name == '/')
		name++;
	return xasprintf("%.*s%s%s", (int)len, dir, dir[len - 1] == '/' ? "" : "/", name);
}
