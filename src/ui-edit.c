/* ui-edit.c: the one-line editor for notes, flag reasons and item numbers.
 *
 * The text is UTF-8; the cursor moves and deletes by glyph (a character and
 * its combining marks), measured by textwrap like everything else.  Only
 * printable characters go in: a pasted escape sequence cannot end up in a
 * note. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "ui-internal.h"

#define EDIT_MAX_BYTES	4000	/* a note, not an essay */

void
edit_start(struct line_edit *e, const char *initial, bool digits_only)
{
	edit_free(e);
	buf_addstr(&e->b, initial != NULL ? initial : "");
	e->cur = e->b.len;
	e->digits_only = digits_only;
}

void
edit_free(struct line_edit *e)
{
	buf_free(&e->b);
	memset(e, 0, sizeof *e);
}

static const char *
text(const struct line_edit *e)
{
	return e->b.data != NULL ? e->b.data : "";
}

/* Byte offsets of the glyph boundaries around the cursor. */
static size_t
prev_boundary(const struct line_edit *e)
{
	struct glyph g;
	size_t pos = 0, last = 0;
	int col = 0;

	while (pos < e->cur) {
		last = pos;
		pos += glyph_decode(text(e) + pos, e->b.len - pos, pos, col, &g);
		col += g.width;
	}
	return last;
}

static size_t
next_boundary(const struct line_edit *e)
{
	struct glyph g;

	if (e->cur >= e->b.len)
		return e->b.len;
	return e->cur + glyph_decode(text(e) + e->cur, e->b.len - e->cur, e->cur, 0, &g);
}

static void
delete_range(struct line_edit *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(e->b.data + from, e->b.data + to, e->b.len - to + 1);
	e->b.len -= to - from;
	e->cur = from;
}

static void
insert_char(struct line_edit *e, wint_t ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n;

	if (e->digits_only && !(ch >= '0' && ch <= '9'))
		return;
	memset(&st, 0, sizeof st);
	if ((n = wcrtomb(mb, (wchar_t)ch, &st)) == (size_t)-1 ||
	    e->b.len + n > EDIT_MAX_BYTES)
		return;
	buf_add(&e->b, mb, n);		/* grow, then open the gap at the cursor */
	memmove(e->b.data + e->cur + n, e->b.data + e->cur, e->b.len - n - e->cur);
	memcpy(e->b.data + e->cur, mb, n);
	e->b.data[e->b.len] = '\0';
	e->cur += n;
}

static enum edit_result
edit_keycode(struct line_edit *e, wint_t key)
{
	switch (key) {
	case KEY_LEFT:
		e->cur = prev_boundary(e);
		break;
	case KEY_RIGHT:
		e->cur = next_boundary(e);
		break;
	case KEY_HOME:
		e->cur = 0;
		break;
	case KEY_END:
		e->cur = e->b.len;
		break;
	case KEY_BACKSPACE:
		delete_range(e, prev_boundary(e), e->cur);
		break;
	case KEY_DC:
		delete_range(e, e->cur, next_boundary(e));
		break;
	case KEY_ENTER:
		return EDIT_SAVE;
	}
	return EDIT_GOING;
}

enum edit_result
edit_key(struct line_edit *e, int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES)
		return edit_keycode(e, ch);
	switch (ch) {
	case '\r':
	case '\n':
		return EDIT_SAVE;
	case UI_KEY_ESC:
		return EDIT_CANCEL;
	case 0x7f:
	case 0x08:
		return edit_keycode(e, KEY_BACKSPACE);
	case 0x01:		/* C-a */
		return edit_keycode(e, KEY_HOME);
	case 0x05:		/* C-e */
		return edit_keycode(e, KEY_END);
	case 0x02:		/* C-b */
		return edit_keycode(e, KEY_LEFT);
	case 0x06:		/* C-f */
		return edit_keycode(e, KEY_RIGHT);
	case 0x15:		/* C-u */
		delete_range(e, 0, e->cur);
		return EDIT_GOING;
	case '\t':		/* a pasted tab: a note is one line of words */
		insert_char(e, ' ');
		return EDIT_GOING;
	}
	if (iswprint(ch))
		insert_char(e, ch);
	return EDIT_GOING;
}

void
edit_draw(const struct line_edit *e, int y, int x, int width, const char *label)
{
	const char *t = text(e);
	int lw, room, cursor, skip = 0;
	struct glyph g;
	size_t pos = 0;

	draw_fill(y, x, width, screen_attr(ST_NORMAL));
	lw = draw_text(y, x, width - 2, label, screen_attr(ST_PROMPT));
	room = width - lw - 1;		/* a cell for the cursor at the end */
	if (room < 1)
		return;
	/* Scroll so the cursor is in view: skip whole glyphs from the start. */
	cursor = textwrap_width_n(t, e->cur);
	while (cursor - skip >= room && pos < e->cur) {
		pos += glyph_decode(t + pos, e->b.len - pos, pos, skip, &g);
		skip += g.width;
	}
	draw_text_n(y, x + lw, room, t + pos, e->b.len - pos, screen_attr(ST_NORMAL));
	move(y, x + lw + cursor - skip);
	curs_set(1);
}
