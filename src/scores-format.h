/* scores-format.h: scores and comparisons written out (scores-format.c).
 * Apart from scores.h so that the engine knows nothing of tables or JSON. */
#ifndef PANELIST_SCORES_FORMAT_H
#define PANELIST_SCORES_FORMAT_H

#include <stdio.h>

#include "scores.h"
#include "tabular.h"

/* Write to f in a format; width is for TAB_TABLE (0: no limit).  Scores
 * use %.2f, differences %+.2f.  JSON gives full numbers, null for
 * undefined, the weights used and the missing capabilities.  Table and
 * Markdown speak the reviewer's language (tab_for_people()); CSV, TSV
 * and JSON are English in any locale. */
int	scores_format(const struct scores *, enum tab_format, int width,
	    FILE *);
int	compare_format(const struct compare *, enum tab_format, int width,
	    FILE *);

#endif
