/* text.c: text on a terminal, through the rating screen's glyph decoding
 * (text.h). */
#define _GNU_SOURCE 1	/* fopencookie */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "text.h"
#include "textwrap.h"
#include "xmalloc.h"

void
text_locale(void)
{
	const char *now;

	setlocale(LC_ALL, "");
	/* Numbers are data: a decimal point in every locale, so that CSV,
	 * JSON and the tables read the same in German as in Japanese. */
	setlocale(LC_NUMERIC, "C");
	now = setlocale(LC_CTYPE, NULL);
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 && now != NULL &&
	    (strcmp(now, "C") == 0 || strcmp(now, "POSIX") == 0))
		setlocale(LC_CTYPE, "C.UTF-8");
}

size_t
text_next(const char *s, size_t len, bool in_line, struct text_glyph *t)
{
	struct glyph g;
	size_t n, k;

	if (s[0] == '\n' || s[0] == '\t' || s[0] == '\r') {
		if (in_line) {
			t->out = " ";
			t->len = 1;
			t->width = 1;
			return 1;
		}
		/* A lone CR could overwrite the line: it is shown below. */
		if (s[0] != '\r' || (len > 1 && s[1] == '\n')) {
			t->out = s;
			t->len = 1;
			t->width = s[0] == '\t';
			return 1;
		}
	}
	n = glyph_decode(s, len, 0, 0, &g);
	if (g.flags & GLYPH_ESCAPE) {
		/* Notation is plain ASCII, one character a cell. */
		for (k = 0; g.wc[k] != L'\0' && k + 1 < sizeof t->buf; k++)
			t->buf[k] = (char)g.wc[k];
		t->buf[k] = '\0';
		t->out = t->buf;
		t->len = k;
		t->width = (int)k;
	} else if (g.wc[0] == L' ' && s[0] != ' ' && n + 1 < sizeof t->buf) {
		/* A mark with nothing to sit on goes on a space, as on the
		 * rating screen, so that it takes the cell it is counted. */
		t->buf[0] = ' ';
		memcpy(t->buf + 1, s, n);
		t->out = t->buf;
		t->len = n + 1;
		t->width = g.width;
	} else {
		t->out = s;
		t->len = n;
		t->width = g.width;
	}
	return n;
}

char *
text_inert(const char *s)
{
	struct buf b = { 0 };
	struct text_glyph t;
	size_t len = strlen(s), i = 0;

	buf_add(&b, "", 0);
	while (i < len) {
		i += text_next(s + i, len - i, true, &t);
		buf_add(&b, t.out, t.len);
	}
	return b.data;
}

int
text_width(const char *s)
{
	struct text_glyph t;
	size_t len = strlen(s), i = 0;
	int w = 0;

	while (i < len) {
		i += text_next(s + i, len - i, true, &t);
		w += t.width;
	}
	return w;
}

/* Bytes at the end of s that may be the start of a character or of a CRLF
 * the next write completes: 0 when there are none. */
static size_t
unfinished(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k, need;

	if (len > 0 && u[len - 1] == '\r')
		return 1;
	for (k = 1; k <= 3 && k <= len; k++) {
		i = len - k;
		if (u[i] < 0xc2 || u[i] > 0xf4) {
			if ((u[i] & 0xc0) == 0x80)
				continue;	/* a continuation byte: look further back */
			return 0;
		}
		need = u[i] >= 0xf0 ? 4 : u[i] >= 0xe0 ? 3 : 2;
		return k < need ? k : 0;
	}
	return 0;
}

/* Write s through the rules, but stop before bytes that the next write may
 * complete unless `last`; returns the bytes used. */
static size_t
put_part(const char *s, size_t len, bool last, FILE *f)
{
	struct text_glyph t;
	size_t end = last ? len : len - unfinished(s, len), i = 0;

	while (i < end) {
		i += text_next(s + i, end - i, false, &t);
		fwrite(t.out, 1, t.len, f);
	}
	return end;
}

void
text_put(const char *s, size_t len, FILE *f)
{
	put_part(s, len, true, f);
}

void
text_fputs(const char *s, FILE *f)
{
	put_part(s, strlen(s), true, f);
}

#ifdef HAVE_FOPENCOOKIE
/* A stream standing in for stdout or stderr: each write goes through the
 * rules to the real one, keeping a character cut by the buffer's end for
 * the next write. */
struct guard {
	FILE	*to;
	char	 held[4];
	size_t	 n_held;
};

static struct guard guards[2];
static FILE *real[2];

static ssize_t
guard_write(void *cookie, const char *s, size_t len)
{
	struct guard *g = cookie;
	struct buf b = { 0 };
	size_t used;

	buf_add(&b, g->held, g->n_held);
	buf_add(&b, s, len);
	used = put_part(b.data, b.len, false, g->to);
	g->n_held = b.len - used;
	memcpy(g->held, b.data + used, g->n_held);
	buf_free(&b);
	if (fflush(g->to) != 0 || ferror(g->to))
		return -1;
	return (ssize_t)len;
}

static int
guard_close(void *cookie)
{
	struct guard *g = cookie;

	put_part(g->held, g->n_held, true, g->to);
	g->n_held = 0;
	return fflush(g->to) != 0 || ferror(g->to) ? EOF : 0;
}

static FILE *
guard_open(struct guard *g, FILE *to, int mode)
{
	cookie_io_functions_t io = { NULL, guard_write, NULL, guard_close };
	FILE *f;

	g->to = to;
	if ((f = fopencookie(g, "w", io)) != NULL)
		setvbuf(f, NULL, mode, BUFSIZ);
	return f;
}

/* At exit, before the C library flushes what is left: the held bytes of a
 * cut character are written as notation, and the real streams are back. */
static void
guard_end(void)
{
	if (real[0] != NULL) {
		fclose(stdout);
		stdout = real[0];
	}
	if (real[1] != NULL) {
		fclose(stderr);
		stderr = real[1];
	}
}

void
text_guard_terminal(bool out)
{
	FILE *f;

	bool first = real[0] == NULL && real[1] == NULL;

	if (out && real[0] == NULL && isatty(STDOUT_FILENO) &&
	    (f = guard_open(&guards[0], stdout, _IOLBF)) != NULL) {
		real[0] = stdout;
		stdout = f;
	}
	if (real[1] == NULL && isatty(STDERR_FILENO) &&
	    (f = guard_open(&guards[1], stderr, _IONBF)) != NULL) {
		real[1] = stderr;
		stderr = f;
	}
	if (first && (real[0] != NULL || real[1] != NULL))
		atexit(guard_end);
}
#else
void
text_guard_terminal(bool out)
{
	(void)out;
}
#endif
