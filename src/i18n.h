/* i18n.h: the message catalogue (GNU gettext, through glibc).
 *
 * Every string a person reads goes through _() where it is used, or N_()
 * where it sits in a table and _() where it is printed.  Machine formats
 * (CSV, TSV and JSON keys, ids, SQL) are not marked: scripts read them.
 * po/panelist.pot is made from these marks by `make update-po`. */
#ifndef PANELIST_I18N_H
#define PANELIST_I18N_H

#include <libintl.h>

#define _(s)		gettext(s)
#define N_(s)		(s)
/* A message with a number in it: English has two forms, Japanese one. */
#define P_(one, many, n) ngettext((one), (many), (n))

/* The catalogue for the reviewer's locale (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG, in gettext's order), from the build tree or the installed
 * localedir.  Called once, after setlocale. */
void i18n_init(void);
/* Show messages in `lang` ("ja", "en") whatever the locale says: the
 * report's --lang.  Returns false when the name is not a language code. */
int i18n_use_language(const char *lang);
/* The language the messages are shown in, as its code: "en" unless a
 * catalogue answered.  Rubric texts and the report follow it. */
const char *i18n_lang(void);

#endif
