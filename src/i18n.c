/* i18n.c: binding the message catalogue and asking which language it is. */
#include "config.h"

#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "i18n.h"

/* glibc's counter of loaded catalogues: bumping it drops the lookups
 * cached under the previous LANGUAGE (the gettext manual, "Being a
 * gettext grok"). */
extern int _nl_msg_cat_cntr;

void
i18n_init(void)
{
	bindtextdomain(PACKAGE, localedir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

static int
is_language_code(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 2 || n > 8)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

int
i18n_use_language(const char *lang)
{
	const char *now = setlocale(LC_MESSAGES, NULL);

	if (!is_language_code(lang))
		return 0;
	setenv("LANGUAGE", lang, 1);
	/* gettext ignores LANGUAGE in the "C" locale; C.UTF-8 is a locale
	 * every glibc has and lets it speak. */
	if (now == NULL || strcmp(now, "C") == 0 || strcmp(now, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	++_nl_msg_cat_cntr;
	return 1;
}

const char *
i18n_lang(void)
{
	/* TRANSLATORS: the code of your language (ja for Japanese).  It picks
	 * the rubric texts a reviewer sees and the language of the report. */
	return _("en");
}
