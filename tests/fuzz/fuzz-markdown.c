/* fuzz-markdown.c: libFuzzer entry for the Markdown layout: any text, at a
 * few widths, drawn and as written.  Besides the sanitizers, it checks what
 * the screen relies on: rows in text order, every segment inside the text
 * and the row, and row_of() inside the rows. */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "mdlayout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const struct md_layout *L, size_t len)
{
	size_t	i, k;

	for (i = 0; i < L->n; i++) {
		const struct md_row *r = &L->rows[i];

		if ((i > 0 && r->off < L->rows[i - 1].off) || r->off > len ||
		    r->seg + r->n_segs > L->n_segs || r->width > L->max_width)
			abort();
		for (k = 0; k < r->n_segs; k++) {
			const struct md_seg *s = &L->segs[r->seg + k];

			if (s->col < 0 || s->col + s->width > r->width ||
			    (s->deco == NULL && (s->start > s->end || s->end > len)))
				abort();
		}
	}
	if (L->n > 0 && mdlayout_row_of(L, len) >= L->n)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int widths[] = { 1, 7, 40, 200 };
	static int locale_set;
	struct markdown *md;
	struct md_layout *L;
	char *text;
	size_t i;

	if (!locale_set) {
		setlocale(LC_ALL, "C.UTF-8");
		locale_set = 1;
	}
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	md = markdown_classify(text, size);
	for (i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		L = mdlayout_build(text, size, md, widths[i]);
		check(L, size);
		mdlayout_free(L);
	}
	L = mdlayout_build(text, size, NULL, 40);
	check(L, size);
	mdlayout_free(L);
	markdown_free(md);
	free(text);
	return 0;
}
