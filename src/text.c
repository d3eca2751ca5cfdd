/* text.c: inert, measured text for line-oriented output (lists, tables,
 * messages), through the same glyph decoding as the rating screen. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "textwrap.h"
#include "util.h"

char *
text_inert(const char *s)
{
	struct buf b = { 0 };
	size_t len = strlen(s), i = 0, n;
	struct glyph g;
	int k;

	buf_add(&b, "", 0);
	while (i < len) {
		if (s[i] == '\n' || s[i] == '\t') {
			buf_add(&b, " ", 1);
			i++;
			continue;
		}
		n = glyph_decode(s + i, len - i, i, 0, &g);
		if (g.flags & GLYPH_ESCAPE) {
			/* Escapes are plain ASCII notation, one character a cell. */
			for (k = 0; g.wc[k] != L'\0'; k++) {
				char c = (char)g.wc[k];

				buf_add(&b, &c, 1);
			}
		} else
			buf_add(&b, s + i, n);
		i += n;
	}
	return b.data;
}

int
text_width(const char *s)
{
	return textwrap_width(s);
}
