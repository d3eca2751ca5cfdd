/* datadir.h: where the bundled prompts, rubrics and demo outputs are. */
#ifndef PANELIST_DATADIR_H
#define PANELIST_DATADIR_H

#include "util.h"

/* $PANELIST_DATADIR; else the source tree when this binary is the one in
 * the build tree; else the installed package data directory. */
const char *datadir(void);
/* One part of it ("rubrics", "prompts", "demo"), a string to free; NULL
 * when it is not there, with a message that names PANELIST_DATADIR. */
char *datadir_path(const char *part, struct errlist *);
/* The demo database: $XDG_DATA_HOME/panelist/demo.db, else
 * ~/.local/share/panelist/demo.db; its directory is created.  Returns a
 * string to free, or NULL with a message in errs. */
char *demo_db_path(struct errlist *);
/* Where the message catalogues are: the build tree's locale/ when this
 * binary is the one in the build tree, else the installed localedir. */
const char *localedir(void);

#endif
