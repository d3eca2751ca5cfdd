/* validate.h: checks that need the whole import and the database together. */
#ifndef PANELIST_VALIDATE_H
#define PANELIST_VALIDATE_H

#include "defs.h"
#include "store.h"

/* Duplicate ids across files, prompts whose capability has no rubric,
 * outputs for unknown prompts or doubled for one model, study weights for
 * capabilities no rubric defines, more than one study file.  The database's
 * content counts as if it were part of the import.  Returns the number of
 * problems added. */
size_t validate_bundle(const struct bundle *, struct store *, struct errlist *);

#endif
