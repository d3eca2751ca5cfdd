/* collect-proto.c: request bodies and answers of openai-chat and
 * anthropic-messages (collect-proto.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collect-proto.h"
#include "i18n.h"
#include "json.h"
#include "models.h"

char *
proto_url(const struct collect_model *m)
{
	size_t n = strlen(m->base_url);

	/* One slash between the base and the path, whichever way it was written. */
	while (n > 0 && m->base_url[n - 1] == '/')
		n--;
	return xasprintf("%.*s%s", (int)n, m->base_url,
	    models_protocol(m->protocol) == MODELS_ANTHROPIC ? "/v1/messages" :
	    "/chat/completions");
}

/* The body without its messages; *system is the system prompt (a
 * borrowed reference into *settings, or NULL) for openai-chat. */
static json_t *
body_head(const struct collect_model *m, json_t **settings, const char **system)
{
	bool anthropic = models_protocol(m->protocol) == MODELS_ANTHROPIC;
	json_t *o = json_object(), *v;
	const char *k;

	*system = NULL;
	jv_set(o, "model", jv_str(m->model_id));
	/* Written by models_settings: always an object. */
	if ((*settings = json_loads(m->settings, 0, NULL)) == NULL)
		*settings = json_object();
	json_object_foreach(*settings, k, v) {
		if (strcmp(k, "system") == 0 && !anthropic)
			*system = json_string_value(v);
		else if (strcmp(k, "stop") == 0 && anthropic)
			jv_set(o, "stop_sequences", json_incref(v));
		else
			jv_set(o, k, json_incref(v));
	}
	return o;
}

static json_t *
message(const char *role, const char *content)
{
	json_t *o = json_object();

	jv_set(o, "role", jv_str(role));
	jv_set(o, "content", jv_str(content));
	return o;
}

static char *
dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9));

	json_decref(o);
	if (s == NULL)
		out_of_memory();
	return s;
}

char *
proto_body(const struct collect_model *m, const struct collect_job *j)
{
	json_t *settings, *o, *msgs = json_array();
	const char *system;
	size_t i;

	o = body_head(m, &settings, &system);
	if (system != NULL)
		jv_append(msgs, message("system", system));
	for (i = 0; i < j->n_turns; i++)
		jv_append(msgs, message(j->turns[i].role, j->turns[i].content));
	jv_set(o, "messages", msgs);
	json_decref(settings);
	return dump(o);
}

char *
proto_settings(const struct collect_model *m)
{
	json_t *settings, *o;
	const char *system;

	o = body_head(m, &settings, &system);
	json_decref(settings);
	return dump(o);
}

static char *
str_at(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? xstrdup(s) : NULL;
}

static long long
int_at(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? json_integer_value(v) : -1;
}

static char *
parse_openai(json_t *root, struct proto_answer *a)
{
	json_t *choice = json_array_get(json_object_get(root, "choices"), 0);
	json_t *msg = json_object_get(choice, "message"), *usage;
	const char *text = json_string_value(json_object_get(msg, "content"));

	if (text == NULL)
		return xstrdup(_("the answer has no choices[0].message.content text"));
	a->text = xstrdup(text);
	a->finish_reason = str_at(choice, "finish_reason");
	a->truncated = a->finish_reason != NULL && strcmp(a->finish_reason, "length") == 0;
	usage = json_object_get(root, "usage");
	a->input_tokens = int_at(usage, "prompt_tokens");
	a->output_tokens = int_at(usage, "completion_tokens");
	return NULL;
}

static char *
parse_anthropic(json_t *root, struct proto_answer *a)
{
	json_t *content = json_object_get(root, "content"), *block, *usage;
	struct buf text = { 0 };
	bool any = false;
	size_t i;

	json_array_foreach(content, i, block) {
		const char *t = json_string_value(json_object_get(block, "text"));
		const char *type = json_string_value(json_object_get(block, "type"));

		if (t != NULL && type != NULL && strcmp(type, "text") == 0) {
			buf_add(&text, t, strlen(t));
			any = true;
		}
	}
	if (!any) {
		buf_free(&text);
		return xstrdup(_("the answer has no text block in content"));
	}
	buf_add(&text, "", 1);
	a->text = text.data;
	a->finish_reason = str_at(root, "stop_reason");
	a->truncated = a->finish_reason != NULL && strcmp(a->finish_reason, "max_tokens") == 0;
	usage = json_object_get(root, "usage");
	a->input_tokens = int_at(usage, "input_tokens");
	a->output_tokens = int_at(usage, "output_tokens");
	return NULL;
}

char *
proto_parse(const struct collect_model *m, const char *body, size_t len,
    struct proto_answer *a)
{
	json_error_t jerr;
	json_t *root;
	char *why;

	memset(a, 0, sizeof *a);
	a->input_tokens = a->output_tokens = -1;
	if ((root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return xasprintf(_("the answer is not JSON (%s, at byte %d)"), jerr.text,
		    jerr.position);
	if (!json_is_object(root)) {
		json_decref(root);
		return xstrdup(_("the answer is not a JSON object"));
	}
	if (models_protocol(m->protocol) == MODELS_ANTHROPIC)
		why = parse_anthropic(root, a);
	else
		why = parse_openai(root, a);
	if (why == NULL) {
		a->server_model = str_at(root, "model");
		a->id = str_at(root, "id");
	}
	json_decref(root);
	if (why != NULL)
		proto_answer_free(a);
	return why;
}

void
proto_answer_free(struct proto_answer *a)
{
	free(a->text);
	free(a->server_model);
	free(a->finish_reason);
	free(a->id);
	memset(a, 0, sizeof *a);
}

/* At most PROTO_MESSAGE_MAX bytes, not cutting a character in two. */
static char *
clip(const char *s, size_t len)
{
	size_t n = len < PROTO_MESSAGE_MAX ? len : PROTO_MESSAGE_MAX;

	while (n > 0 && n < len && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return xstrndup(s, n);
}

char *
proto_error(const char *body, size_t len)
{
	json_t *root = json_loadb(body, len, 0, NULL), *e;
	const char *s = NULL;
	char *out;

	if (root != NULL) {
		e = json_object_get(root, "error");
		if ((s = json_string_value(json_object_get(e, "message"))) == NULL &&
		    (s = json_string_value(e)) == NULL)
			s = json_string_value(json_object_get(root, "message"));
	}
	if (s != NULL)
		out = clip(s, strlen(s));
	else
		out = clip(body, len);
	json_decref(root);
	return out;
}

char *
proto_host(const char *url)
{
	const char *h = strstr(url, "://");

	h = h != NULL ? h + 3 : url;
	return xstrndup(h, strcspn(h, "/?#"));
}

static json_t *
tokens(long long n)
{
	return n >= 0 ? json_integer(n) : json_null();
}

char *
proto_metadata(const struct collect_model *m, const struct proto_answer *a,
    const struct proto_timing *t)
{
	json_t *o = json_object(), *settings;
	char *host = proto_host(m->base_url), when[32];
	const char *id = t->request_id != NULL ? t->request_id : a->id;
	const char *system;
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	jv_set(o, "source", jv_str("collect"));
	jv_set(o, "protocol", jv_str(m->protocol));
	jv_set(o, "host", jv_str(host));
	jv_set(o, "provider_model", jv_str(m->model_id));
	jv_set(o, "server_model", a->server_model ? jv_str(a->server_model) : json_null());
	jv_set(o, "request", body_head(m, &settings, &system));
	if (system != NULL)
		jv_set(o, "system", jv_str(system));
	json_decref(settings);
	jv_set(o, "latency_seconds", jv_num(t->latency));
	jv_set(o, "seconds", jv_num(t->seconds));
	jv_set(o, "input_tokens", tokens(a->input_tokens));
	jv_set(o, "output_tokens", tokens(a->output_tokens));
	jv_set(o, "finish_reason", a->finish_reason ? jv_str(a->finish_reason) : json_null());
	jv_set(o, "truncated", json_boolean(a->truncated));
	jv_set(o, "request_id", id != NULL ? jv_str(id) : json_null());
	jv_set(o, "attempts", json_integer(t->attempts));
	jv_set(o, "collected", jv_str(when));
	free(host);
	return dump(o);
}
