/* agreement-format.h: the agreement written out (agreement-format.c).
 * Apart from agreement.h so that the engine knows nothing of tables or
 * JSON. */
#ifndef PANELIST_AGREEMENT_FORMAT_H
#define PANELIST_AGREEMENT_FORMAT_H

#include <stdio.h>

#include "agreement.h"
#include "tabular.h"

/* The flags as words ("lenient", "straight-lines", ...), space-separated,
 * into buf: English, as JSON and CSV give them (the table translates
 * them). */
void	agreement_flag_words(unsigned flags, char *buf, size_t size);

int	agreement_format(const struct agreement *, enum agreement_part,
	    enum tab_format, int width, FILE *);

#endif
