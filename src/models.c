/* models.c: the meaning of a models file's values. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "models.h"

int
models_protocol(const char *s)
{
	if (strcmp(s, "openai-chat") == 0)
		return MODELS_OPENAI;
	if (strcmp(s, "anthropic-messages") == 0)
		return MODELS_ANTHROPIC;
	return -1;
}

const char *
models_url_refusal(const char *url)
{
	const char *host, *end;

	if (strncmp(url, "https://", 8) == 0)
		host = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		host = url + 7;
	else
		return _("expected an http:// or https:// URL");
	end = host + strcspn(host, "/?#");
	if (end == host)
		return _("the URL has no host");
	/* user:password@host: a key by another name, and it would be logged. */
	if (memchr(host, '@', (size_t)(end - host)) != NULL)
		return _("the URL holds a user name or password; put the key in the "
		    "environment variable named by api_key_env");
	return NULL;
}

bool
models_env_name(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (; *s != '\0'; s++) {
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	}
	return true;
}

/* A plain YAML scalar that reads as JSON's number, true, false or null is
 * that; everything else (and anything quoted) is a string. */
static json_t *
extra_value(const struct model_extra *e)
{
	char *end;
	double d;
	long long l;

	if (!e->plain)
		return jv_str(e->value);
	if (strcmp(e->value, "true") == 0)
		return json_true();
	if (strcmp(e->value, "false") == 0)
		return json_false();
	if (strcmp(e->value, "null") == 0 || strcmp(e->value, "~") == 0)
		return json_null();
	errno = 0;
	l = strtoll(e->value, &end, 10);
	if (*e->value != '\0' && *end == '\0' && errno == 0 && !isspace((unsigned char)*e->value))
		return json_integer(l);
	errno = 0;
	d = strtod(e->value, &end);
	if (*e->value != '\0' && *end == '\0' && errno == 0 && isfinite(d) &&
	    !isspace((unsigned char)*e->value))
		return json_real(d);
	return jv_str(e->value);
}

char *
models_settings(struct arena *a, const struct model_def *m)
{
	json_t *o = json_object(), *stop;
	char *text, *copy;
	size_t i, n;

	if (m->has_temperature)
		jv_set(o, "temperature", json_real(m->temperature));
	if (m->max_tokens > 0)
		jv_set(o, "max_tokens", json_integer(m->max_tokens));
	if (m->has_top_p)
		jv_set(o, "top_p", json_real(m->top_p));
	if (m->system != NULL)
		jv_set(o, "system", jv_str(m->system));
	if (m->stop != NULL) {
		stop = json_array();
		for (i = 0; i < m->n_stop; i++)
			jv_append(stop, jv_str(m->stop[i]));
		jv_set(o, "stop", stop);
	}
	for (i = 0; i < m->n_extra; i++)
		jv_set(o, m->extra[i].key, extra_value(&m->extra[i]));
	text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	n = strlen(text) + 1;
	copy = arena_alloc(a, n);
	memcpy(copy, text, n);
	free(text);
	return copy;
}
