/* text.c: inert, measured text for line-oriented output. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "util.h"

char *
text_inert(const char *s)
{
	struct buf b = { 0 };
	mbstate_t st;
	size_t len = strlen(s), i = 0, n;
	wchar_t wc;

	memset(&st, 0, sizeof st);
	buf_add(&b, "", 0);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' || c == '\t') {
			buf_add(&b, " ", 1);
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			buf_printf(&b, "^%c", c ^ 0x40);
			i++;
			continue;
		}
		n = mbrtowc(&wc, s + i, len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			buf_printf(&b, "<%02X>", c);
			memset(&st, 0, sizeof st);
			i++;
			continue;
		}
		if ((wc >= 0x80 && wc <= 0x9f) || (wc >= 0x202a && wc <= 0x202e) ||
		    (wc >= 0x2066 && wc <= 0x2069))
			buf_printf(&b, "<U+%04X>", (unsigned)wc);
		else
			buf_add(&b, s + i, n);
		i += n;
	}
	return b.data;
}

int
text_width(const char *s)
{
	mbstate_t st;
	size_t len = strlen(s), i = 0, n;
	int w = 0, cw;
	wchar_t wc;

	memset(&st, 0, sizeof st);
	while (i < len) {
		n = mbrtowc(&wc, s + i, len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			w++;
			i++;
			continue;
		}
		cw = wcwidth(wc);
		w += cw > 0 ? cw : 0;
		i += n;
	}
	return w;
}
