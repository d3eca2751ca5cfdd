/* load-yaml.c: rubric, prompts, outputs, study and models files in YAML.
 *
 * load-yaml-compose.c builds the node tree (with each node's position) under
 * the limits of load.h; the functions here walk it against the expected shape of each kind of file and report
 * every mismatch with file:line:column and what was expected there. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "i18n.h"
#include "load-yaml.h"
#include "models.h"
#include "strset.h"

struct yctx {
	yaml_document_t	*doc;
	const char	*file;
	struct bundle	*b;
	struct errlist	*errs;
	size_t		 nerr;
	size_t		 visits;	/* guards against alias bombs */
	size_t		 max_visits;
	size_t		 spent;		/* bytes the walk put in the bundle */
	size_t		 budget;
};

/* The keys each mapping may hold; required ones are listed first. */
struct keys {
	const char *const	*all;
	size_t			 n_required;
};

static const char *const rubric_keys[] = {
	"kind", "capability", "title", "scale", "axes", "description", "languages", NULL };
static const char *const scale_keys[] = { "min", "max", "labels", NULL };
static const char *const axis_keys[] = { "id", "question", "anchors", "name", NULL };
static const char *const prompts_keys[] = { "kind", "prompts", NULL };
static const char *const prompt_keys[] = {
	"id", "capabilities", "title", "turns", "occupation", "task",
	"onet_task_id", "lang", NULL };
static const char *const turn_keys[] = { "role", "content", NULL };
static const char *const outputs_keys[] = { "kind", "model", "outputs", NULL };
static const char *const output_keys[] = { "prompt", "text", NULL };
static const char *const study_keys[] = {
	"kind", "title", "blind", "overlap", "seed", "weights", "reviewers",
	"reviewers_random", "weights_only", "shared_sample", NULL };
static const char *const models_keys[] = { "kind", "models", NULL };
static const char *const model_keys[] = {
	"name", "protocol", "base_url", "model", "api_key_env", "temperature",
	"max_tokens", "top_p", "system", "stop", "extra", "concurrency",
	"requests_per_minute", "timeout", "retries", "backoff", "ca_file", NULL };
static const char *const kinds[] = {
	"rubric", "prompts", "outputs", "study", "models", NULL };

static struct pos
npos(struct yctx *c, const yaml_node_t *n)
{
	struct pos p = { c->file, (unsigned)n->start_mark.line + 1,
	    (unsigned)n->start_mark.column + 1 };

	return p;
}

static void
fail(struct yctx *c, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct yctx *c, const yaml_node_t *n, const char *fmt, ...)
{
	struct pos p = npos(c, n);
	char msg[1024];
	va_list ap;

	if (c->nerr++ >= LOAD_MAX_ERRORS)
		return;		/* counted; load_yaml_text says how many more */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_at(c->errs, &p, "%s", msg);
}

static yaml_node_t *
node(struct yctx *c, int id)
{
	if (++c->visits > c->max_visits)
		return NULL;
	return yaml_document_get_node(c->doc, id);
}

/* Every byte the walk adds to the bundle is charged here.  Without aliases
 * the walk copies each scalar once and spends under 40 bytes of structure
 * per node (an output of five nodes is one 160-byte output_def); an alias
 * makes its node count again at each use, so past the budget the walk stops
 * as it does past max_visits. */
static void *
walk_alloc(struct yctx *c, size_t n)
{
	if ((c->spent += n) > c->budget)
		c->visits = c->max_visits + 1;
	return arena_alloc(&c->b->arena, n);
}

static char *
walk_strndup(struct yctx *c, const char *s, size_t n)
{
	char *p = walk_alloc(c, n + 1);

	memcpy(p, s, n);
	return p;
}

static char *
walk_strdup(struct yctx *c, const char *s)
{
	return walk_strndup(c, s, strlen(s));
}

/* Keys are scalars: looking one up cannot multiply work, so it is not counted. */
static yaml_node_t *
key_node(struct yctx *c, int id)
{
	return yaml_document_get_node(c->doc, id);
}

static const char *
type_name(const yaml_node_t *n)
{
	/* TRANSLATORS: what a YAML value is, in "expected X, found Y". */
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return _("a mapping");
	case YAML_SEQUENCE_NODE:
		return _("a list");
	case YAML_SCALAR_NODE:
		return n->data.scalar.length == 0 ? _("nothing") : _("text");
	default:
		return _("nothing");
	}
}

static bool
expect(struct yctx *c, const yaml_node_t *n, yaml_node_type_t type, const char *what)
{
	static const char *const names[] = {
		[YAML_SCALAR_NODE] = N_("text"), [YAML_SEQUENCE_NODE] = N_("a list"),
		[YAML_MAPPING_NODE] = N_("a mapping"),
	};

	if (n->type == type)
		return true;
	/* TRANSLATORS: %1$s names a key of the file (rubric 'title'); %2$s and
	   %3$s are kinds of YAML value (text, a list, a mapping, nothing). */
	fail(c, n, _("%s: expected %s, found %s"), what, _(names[type]), type_name(n));
	return false;
}

static const char *
scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* A plain empty scalar, `~` or `null`: the key is there without a value. */
static bool
is_null(const yaml_node_t *n)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = scalar(n);
	return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0;
}

static yaml_node_t *
map_get(struct yctx *c, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = key_node(c, p->key);

		if (k != NULL && k->type == YAML_SCALAR_NODE && strcmp(scalar(k), key) == 0)
			return node(c, p->value);
	}
	return NULL;
}

static bool
in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(*list, s) == 0)
			return true;
	}
	return false;
}

/* Unknown keys (with a did-you-mean), duplicate keys and missing required keys. */
static bool
check_keys(struct yctx *c, yaml_node_t *map, const char *what,
    const char *const *all, size_t n_required)
{
	size_t before = c->nerr, i;
	yaml_node_pair_t *p, *q;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = key_node(c, p->key);
		const char *near;

		if (k == NULL)
			continue;
		if (k->type != YAML_SCALAR_NODE) {
			fail(c, k, _("%s: a key must be text, found %s"), what, type_name(k));
			continue;
		}
		if (!in_list(scalar(k), all)) {
			near = did_you_mean(scalar(k), all);
			if (near != NULL)
				fail(c, k, _("%s: unknown key '%s' (did you mean '%s'?)"),
				    what, scalar(k), near);
			else
				fail(c, k, _("%s: unknown key '%s'"), what, scalar(k));
			continue;
		}
		for (q = map->data.mapping.pairs.start; q < p; q++) {
			yaml_node_t *kq = key_node(c, q->key);

			if (kq != NULL && kq->type == YAML_SCALAR_NODE &&
			    strcmp(scalar(kq), scalar(k)) == 0) {
				fail(c, k, _("%s: key '%s' appears twice"), what, scalar(k));
				break;
			}
		}
	}
	for (i = 0; i < n_required; i++) {
		if (map_get(c, map, all[i]) == NULL)
			fail(c, map, _("%s: missing required key '%s'"), what, all[i]);
	}
	return c->nerr == before;
}

/* Text for a key; NULL (with an error when required) when absent or not text. */
static const char *
get_text(struct yctx *c, yaml_node_t *map, const char *key, const char *what, bool required)
{
	yaml_node_t *n = map_get(c, map, key);
	char label[256];

	if (n == NULL)
		return NULL;	/* check_keys reported it if required */
	snprintf(label, sizeof label, "%s '%s'", what, key);
	if (is_null(n)) {
		if (required)
			fail(c, n, _("%s: expected text, found nothing"), label);
		return NULL;
	}
	if (!expect(c, n, YAML_SCALAR_NODE, label))
		return NULL;
	return walk_strndup(c, scalar(n), n->data.scalar.length);
}

/* Digits with an optional minus sign, nothing else: strtol alone would take
 * leading blanks and a plus sign. */
static bool
parse_long(const char *s, long *out)
{
	const char *d = *s == '-' ? s + 1 : s;
	char *end;

	if (*d < '0' || *d > '9')
		return false;
	errno = 0;
	*out = strtol(s, &end, 10);
	return *end == '\0' && errno == 0;
}

/* A whole number from lo to hi; every integer of every YAML file is read
 * here, so none can reach the program outside the range its use allows. */
static bool
scalar_long(struct yctx *c, yaml_node_t *n, const char *what, long lo, long hi, long *out)
{
	if (!expect(c, n, YAML_SCALAR_NODE, what))
		return false;
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && parse_long(scalar(n), out) &&
	    *out >= lo && *out <= hi)
		return true;
	fail(c, n, _("%s: expected a whole number from %ld to %ld, found '%s'"), what, lo, hi,
	    scalar(n));
	return false;
}

static bool
get_long(struct yctx *c, yaml_node_t *map, const char *key, const char *what, long lo,
    long hi, long *out)
{
	yaml_node_t *n = map_get(c, map, key);
	char label[256];

	if (n == NULL)
		return false;
	snprintf(label, sizeof label, "%s '%s'", what, key);
	return scalar_long(c, n, label, lo, hi, out);
}

static bool
scalar_double(struct yctx *c, yaml_node_t *n, const char *what, double *out)
{
	char *end;

	if (!expect(c, n, YAML_SCALAR_NODE, what))
		return false;
	errno = 0;
	*out = strtod(scalar(n), &end);
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && *scalar(n) != '\0' &&
	    *end == '\0' && errno == 0 && isfinite(*out))
		return true;
	fail(c, n, _("%s: expected a number, found '%s'"), what, scalar(n));
	return false;
}

static bool
get_bool(struct yctx *c, yaml_node_t *map, const char *key, const char *what, int *out)
{
	yaml_node_t *n = map_get(c, map, key);
	const char *s;

	if (n == NULL)
		return false;
	if (!expect(c, n, YAML_SCALAR_NODE, what))
		return false;
	s = scalar(n);
	if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0) {
		*out = 1;
		return true;
	}
	if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0) {
		*out = 0;
		return true;
	}
	fail(c, n, _("%s '%s': expected true or false, found '%s'"), what, key, s);
	return false;
}

/* An id: lower-case letters, digits and hyphens. */
static const char *
get_id(struct yctx *c, yaml_node_t *map, const char *key, const char *what)
{
	const char *s = get_text(c, map, key, what, true);

	if (s != NULL && !str_is_id(s)) {
		fail(c, map_get(c, map, key),
		    _("%s '%s': '%s' is not an id (use lower-case letters, digits and hyphens)"),
		    what, key, s);
		return NULL;
	}
	return s;
}

static yaml_node_t *
get_list(struct yctx *c, yaml_node_t *map, const char *key, const char *what)
{
	yaml_node_t *n = map_get(c, map, key);
	char label[256];

	if (n == NULL)
		return NULL;
	snprintf(label, sizeof label, "%s '%s'", what, key);
	return expect(c, n, YAML_SEQUENCE_NODE, label) ? n : NULL;
}

static yaml_node_t *
get_map(struct yctx *c, yaml_node_t *map, const char *key, const char *what)
{
	yaml_node_t *n = map_get(c, map, key);
	char label[256];

	if (n == NULL)
		return NULL;
	snprintf(label, sizeof label, "%s '%s'", what, key);
	return expect(c, n, YAML_MAPPING_NODE, label) ? n : NULL;
}

static size_t
seq_len(const yaml_node_t *n)
{
	return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

static size_t
map_len(const yaml_node_t *n)
{
	return (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
}

/* A mapping from numbers on the scale to text, in one language: scale
 * labels and anchors. */
static struct label *
load_labels(struct yctx *c, yaml_node_t *map, const char *what, size_t *n_out)
{
	struct label *v = walk_alloc(c, (map_len(map) + 1) * sizeof *v);
	yaml_node_pair_t *p;
	size_t n = 0, i;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = key_node(c, p->key), *val = node(c, p->value);

		if (k == NULL || val == NULL ||
		    !scalar_long(c, k, what, LOAD_SCALE_LOW, LOAD_SCALE_HIGH, &v[n].value))
			continue;
		for (i = 0; i < n; i++) {
			if (v[i].value == v[n].value)
				break;
		}
		if (i < n) {
			fail(c, k, _("%s: point %ld appears twice"), what, v[n].value);
			continue;
		}
		if (!expect(c, val, YAML_SCALAR_NODE, what) || is_null(val)) {
			if (is_null(val))
				fail(c, val, _("%s: point %ld has no text"), what, v[n].value);
			continue;
		}
		v[n].text = walk_strndup(c, scalar(val), val->data.scalar.length);
		v[n].pos = npos(c, k);
		n++;
	}
	*n_out = n;
	return v;
}

/* A rubric's texts, gathered before its first language is known (without
 * `languages`, it is the first code met): each with its language, or NULL
 * for a plain value, which is the first language's. */
struct rtext {
	const char	*lang;
	enum rubric_part part;
	size_t		 axis;		/* into r->axes: names, questions, anchors */
	long		 value;		/* the point of a label or anchor */
	const char	*text;
	struct pos	 pos;
};

struct rwalk {
	struct rubric_def *r;
	bool		 declared;	/* r->langs is the file's `languages` */
	struct ptrvec	 texts;		/* struct rtext * */
};

static void
gather(struct yctx *c, struct rwalk *w, const char *lang, enum rubric_part part,
    size_t axis, const struct label *l)
{
	struct rtext *t = walk_alloc(c, sizeof *t);

	t->lang = lang;
	t->part = part;
	t->axis = axis;
	t->value = l->value;
	t->text = l->text;
	t->pos = l->pos;
	ptrvec_push(&w->texts, t);
}

static const char *
rubric_lang_add(struct yctx *c, struct rubric_def *r, yaml_node_t *k, const char *what)
{
	if (r->n_langs == RUBRIC_MAX_LANGUAGES) {
		fail(c, k, _("%s: a rubric has at most %d languages"), what, RUBRIC_MAX_LANGUAGES);
		return NULL;
	}
	return r->langs[r->n_langs++] = walk_strdup(c, scalar(k));
}

/* The language a key of a per-language mapping names: a language code,
 * once in its mapping, and one of `languages` when the rubric lists them;
 * else the rubric's languages grow by it, in the order they are met. */
static const char *
mapping_lang(struct yctx *c, struct rwalk *w, yaml_node_t *map, yaml_node_pair_t *p,
    const char *what)
{
	yaml_node_t *k = key_node(c, p->key), *kq;
	yaml_node_pair_t *q;
	size_t i;

	if (k == NULL || !expect(c, k, YAML_SCALAR_NODE, what))
		return NULL;
	if (!lang_code_valid(scalar(k))) {
		fail(c, k, _("%s: '%s' is not a language code (such as en, ja or pt_BR)"), what,
		    scalar(k));
		return NULL;
	}
	for (q = map->data.mapping.pairs.start; q < p; q++) {
		if ((kq = key_node(c, q->key)) != NULL && kq->type == YAML_SCALAR_NODE &&
		    strcmp(scalar(kq), scalar(k)) == 0) {
			fail(c, k, _("%s: language '%s' appears twice"), what, scalar(k));
			return NULL;
		}
	}
	for (i = 0; i < w->r->n_langs; i++) {
		if (strcmp(w->r->langs[i], scalar(k)) == 0)
			return w->r->langs[i];
	}
	if (w->declared) {
		fail(c, k, _("%s: '%s' is not one of the rubric's languages"), what, scalar(k));
		return NULL;
	}
	return rubric_lang_add(c, w->r, k, what);
}

/* The value of a text: NULL, after an error, when it is not text or empty. */
static const char *
text_value(struct yctx *c, yaml_node_t *n, const char *what)
{
	if (is_null(n)) {
		fail(c, n, _("%s: expected text, found nothing"), what);
		return NULL;
	}
	if (!expect(c, n, YAML_SCALAR_NODE, what))
		return NULL;
	return walk_strndup(c, scalar(n), n->data.scalar.length);
}

/* A text that is plain (the first language's) or a mapping from language
 * codes to text; an empty plain value is no text, refused when required. */
static void
load_ltext(struct yctx *c, struct rwalk *w, yaml_node_t *map, const char *key,
    const char *what, enum rubric_part part, size_t axis, bool required)
{
	yaml_node_t *n = map_get(c, map, key), *v;
	yaml_node_pair_t *p;
	struct label l = { 0, NULL, { NULL, 0, 0 } };
	const char *lang;
	char label[256];

	if (n == NULL)
		return;
	snprintf(label, sizeof label, "%s '%s'", what, key);
	if (n->type != YAML_MAPPING_NODE) {
		l.pos = npos(c, n);
		if ((required || !is_null(n)) && (l.text = text_value(c, n, label)) != NULL)
			gather(c, w, NULL, part, axis, &l);
		return;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		if ((lang = mapping_lang(c, w, n, p, label)) == NULL ||
		    (v = node(c, p->value)) == NULL)
			continue;
		l.pos = npos(c, key_node(c, p->key));
		if ((l.text = text_value(c, v, label)) != NULL)
			gather(c, w, lang, part, axis, &l);
	}
}

/* Whether a mapping of points is one mapping per language, told by its
 * keys: 1 for language codes, 0 for points, -1 for a mix (refused). */
static int
points_by_lang(struct yctx *c, yaml_node_t *map, const char *what)
{
	yaml_node_pair_t *p;
	int kind = -1, k1;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = key_node(c, p->key);

		if (k == NULL)
			continue;
		k1 = k->type == YAML_SCALAR_NODE && lang_code_valid(scalar(k));
		if (kind < 0)
			kind = k1;
		else if (k1 != kind) {
			fail(c, k, _("%s: language codes and points of the scale in one mapping; "
			    "give the points, or a mapping of points for each language"), what);
			return -1;
		}
	}
	return kind < 0 ? 0 : kind;
}

static void
load_points(struct yctx *c, struct rwalk *w, yaml_node_t *map, const char *lang,
    const char *what, enum rubric_part part, size_t axis)
{
	struct label *v;
	size_t i, n;

	v = load_labels(c, map, what, &n);
	for (i = 0; i < n; i++)
		gather(c, w, lang, part, axis, &v[i]);
}

/* Scale labels or anchors: points, or for each language a mapping of points. */
static void
load_lpoints(struct yctx *c, struct rwalk *w, yaml_node_t *map, const char *what,
    enum rubric_part part, size_t axis)
{
	yaml_node_pair_t *p;
	yaml_node_t *v;
	const char *lang;

	switch (points_by_lang(c, map, what)) {
	case 0:
		load_points(c, w, map, NULL, what, part, axis);
		break;
	case 1:
		for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
			if ((lang = mapping_lang(c, w, map, p, what)) != NULL &&
			    (v = node(c, p->value)) != NULL &&
			    expect(c, v, YAML_MAPPING_NODE, what))
				load_points(c, w, v, lang, what, part, axis);
		}
		break;
	default:
		break;
	}
}

/* `languages`: the rubric's language codes in order, the first the one
 * every screen falls back to. */
static void
load_languages(struct yctx *c, struct rwalk *w, yaml_node_t *root)
{
	yaml_node_t *list = get_list(c, root, "languages", "rubric"), *s;
	size_t i, j, before = c->nerr;

	if (list == NULL)
		return;
	if (seq_len(list) == 0) {
		fail(c, list, _("rubric 'languages': expected at least one language code"));
		return;
	}
	for (i = 0; i < seq_len(list); i++) {
		if ((s = node(c, list->data.sequence.items.start[i])) == NULL ||
		    !expect(c, s, YAML_SCALAR_NODE, "rubric 'languages'"))
			continue;
		if (!lang_code_valid(scalar(s))) {
			fail(c, s, _("rubric 'languages': '%s' is not a language code (such as en, "
			    "ja or pt_BR)"), scalar(s));
			continue;
		}
		for (j = 0; j < w->r->n_langs; j++) {
			if (strcmp(w->r->langs[j], scalar(s)) == 0)
				break;
		}
		if (j < w->r->n_langs)
			fail(c, s, _("rubric 'languages': '%s' appears twice"), scalar(s));
		else
			rubric_lang_add(c, w->r, s, "rubric 'languages'");
	}
	w->declared = c->nerr == before;
}

static void
check_in_scale(struct yctx *c, const struct rubric_def *r, const struct rtext *t)
{
	const char *what = t->part == RT_LABEL ? "scale labels" : "anchors";

	if ((t->value < r->min || t->value > r->max) && c->nerr++ < LOAD_MAX_ERRORS)
		err_at(c->errs, &t->pos, _("%s: point %ld is outside the scale %ld to %ld"),
		    what, t->value, r->min, r->max);
}

static bool
is_first_lang(const struct rubric_def *r, const struct rtext *t)
{
	return t->part != RT_NAME && (t->lang == NULL || strcmp(t->lang, r->langs[0]) == 0);
}

/* Room for the first language's labels and anchors, counted first so that
 * the walk's budget pays only for what is there. */
static void
place_alloc(struct yctx *c, struct rwalk *w)
{
	struct rubric_def *r = w->r;
	size_t i, n_labels = 0, n_other = 0, *n_anchors;

	n_anchors = xcalloc(r->n_axes + 1, sizeof *n_anchors);
	for (i = 0; i < w->texts.n; i++) {
		const struct rtext *t = w->texts.v[i];

		if (!is_first_lang(r, t))
			n_other++;
		else if (t->part == RT_LABEL)
			n_labels++;
		else if (t->part == RT_ANCHOR)
			n_anchors[t->axis]++;
	}
	r->texts = walk_alloc(c, (n_other + 1) * sizeof *r->texts);
	r->labels = walk_alloc(c, (n_labels + 1) * sizeof *r->labels);
	for (i = 0; i < r->n_axes; i++)
		r->axes[i].anchors = walk_alloc(c, (n_anchors[i] + 1) * sizeof(struct label));
	free(n_anchors);
}

static void
place_first(struct rubric_def *r, const struct rtext *t)
{
	struct label l = { t->value, t->text, t->pos };
	struct axis_def *a = &r->axes[t->axis];

	switch (t->part) {
	case RT_TITLE:
		r->title = t->text;
		break;
	case RT_DESCRIPTION:
		r->description = t->text;
		break;
	case RT_LABEL:
		r->labels[r->n_labels++] = l;
		break;
	case RT_QUESTION:
		a->question = t->text;
		break;
	case RT_ANCHOR:
		a->anchors[a->n_anchors++] = l;
		break;
	default:
		break;
	}
}

/* A text the first language must have: reported where the file gives it
 * in other languages, else at `at` (an empty mapping gives it in none). */
static void
check_first(struct yctx *c, struct rwalk *w, const char *have, enum rubric_part part,
    size_t axis, const struct pos *at, const char *what)
{
	size_t i;

	if (have != NULL)
		return;
	for (i = 0; i < w->texts.n; i++) {
		const struct rtext *t = w->texts.v[i];

		if (t->part == part && t->axis == axis) {
			at = &t->pos;
			break;
		}
	}
	if (c->nerr++ < LOAD_MAX_ERRORS)
		err_at(c->errs, at, _("%s: no text in '%s', the rubric's first language"), what,
		    w->r->langs[0]);
}

/* Each gathered text to its place: the first language's to the rubric's
 * fields, every other (and every axis name) to r->texts. */
static void
rubric_place(struct yctx *c, struct rwalk *w)
{
	struct rubric_def *r = w->r;
	size_t i;

	if (r->n_langs == 0)
		r->langs[r->n_langs++] = "en";
	place_alloc(c, w);
	for (i = 0; i < w->texts.n; i++) {
		const struct rtext *t = w->texts.v[i];
		struct rubric_text *o;

		if (t->part == RT_LABEL || t->part == RT_ANCHOR)
			check_in_scale(c, r, t);
		if (is_first_lang(r, t)) {
			place_first(r, t);
			continue;
		}
		o = &r->texts[r->n_texts++];
		o->lang = t->lang != NULL ? t->lang : r->langs[0];
		o->part = t->part;
		o->axis = t->part == RT_NAME || t->part == RT_QUESTION || t->part == RT_ANCHOR ?
		    r->axes[t->axis].id : NULL;
		o->value = t->value;
		o->text = t->text;
	}
	check_first(c, w, r->title, RT_TITLE, 0, &r->pos, "rubric 'title'");
	for (i = 0; i < r->n_axes; i++)
		check_first(c, w, r->axes[i].question, RT_QUESTION, i, &r->axes[i].pos,
		    "axis 'question'");
}

static void
load_scale(struct yctx *c, struct rwalk *w, yaml_node_t *map)
{
	struct rubric_def *r = w->r;
	yaml_node_t *labels;
	size_t before = c->nerr;
	bool ok_min, ok_max;

	if (!check_keys(c, map, "scale", scale_keys, 2))
		return;
	/* Bounded first, so that max - min cannot overflow. */
	ok_min = get_long(c, map, "min", "scale", LOAD_SCALE_LOW, LOAD_SCALE_HIGH, &r->min);
	ok_max = get_long(c, map, "max", "scale", LOAD_SCALE_LOW, LOAD_SCALE_HIGH, &r->max);
	if (ok_min && ok_max && r->min >= r->max)
		fail(c, map, _("scale: min (%ld) must be less than max (%ld)"), r->min, r->max);
	else if (ok_min && ok_max && r->max - r->min + 1 > LOAD_SCALE_POINTS)
		fail(c, map, _("scale: %ld to %ld has more than %d points"), r->min, r->max,
		    LOAD_SCALE_POINTS);
	if (c->nerr != before)
		return;		/* labels cannot be checked against a scale that is not one */
	if ((labels = get_map(c, map, "labels", "scale")) != NULL)
		load_lpoints(c, w, labels, "scale labels", RT_LABEL, 0);
}

static void
load_axis(struct yctx *c, struct rwalk *w, yaml_node_t *n, size_t i)
{
	struct axis_def *a = &w->r->axes[i];
	yaml_node_t *anchors;

	if (!expect(c, n, YAML_MAPPING_NODE, "axis") ||
	    !check_keys(c, n, "axis", axis_keys, 2))
		return;
	a->pos = npos(c, n);
	a->id = get_id(c, n, "id", "axis");
	load_ltext(c, w, n, "name", "axis", RT_NAME, i, false);
	load_ltext(c, w, n, "question", "axis", RT_QUESTION, i, true);
	if ((anchors = get_map(c, n, "anchors", "axis")) != NULL)
		load_lpoints(c, w, anchors, "anchors", RT_ANCHOR, i);
}

static void
load_axes(struct yctx *c, struct rwalk *w, yaml_node_t *list)
{
	struct rubric_def *r = w->r;
	struct strset seen = { 0 };
	size_t i, n = seq_len(list), texts;

	if (n == 0) {
		fail(c, list, _("rubric 'axes': the rubric has no axes"));
		return;
	}
	r->axes = walk_alloc(c, n * sizeof *r->axes);
	memset(r->axes, 0, n * sizeof *r->axes);
	for (i = 0; i < n; i++) {
		yaml_node_t *item = node(c, list->data.sequence.items.start[i]);

		if (item == NULL)
			break;
		texts = w->texts.n;
		load_axis(c, w, item, r->n_axes);
		if (r->axes[r->n_axes].id == NULL)
			;
		else if (strset_put(&seen, r->axes[r->n_axes].id, "") != NULL)
			fail(c, item, _("rubric: axis '%s' appears twice"), r->axes[r->n_axes].id);
		else {
			r->n_axes++;
			continue;
		}
		/* Its slot goes to the next axis, without its texts. */
		w->texts.n = texts;
		memset(&r->axes[r->n_axes], 0, sizeof r->axes[r->n_axes]);
	}
	strset_free(&seen);
}

static void
load_rubric(struct yctx *c, yaml_node_t *root)
{
	struct rubric_def *r = walk_alloc(c, sizeof *r);
	struct rwalk w = { r, false, { NULL, 0 } };
	size_t before = c->nerr;
	yaml_node_t *n;

	memset(r, 0, sizeof *r);
	if (!check_keys(c, root, "rubric", rubric_keys, 5))
		return;
	r->pos = npos(c, root);
	r->capability = get_id(c, root, "capability", "rubric");
	if ((n = map_get(c, root, "capability")) != NULL)
		r->capability_pos = npos(c, n);
	load_languages(c, &w, root);
	load_ltext(c, &w, root, "title", "rubric", RT_TITLE, 0, true);
	load_ltext(c, &w, root, "description", "rubric", RT_DESCRIPTION, 0, false);
	if ((n = get_map(c, root, "scale", "rubric")) != NULL)
		load_scale(c, &w, n);
	if (c->nerr == before && (n = get_list(c, root, "axes", "rubric")) != NULL)
		load_axes(c, &w, n);
	if (c->nerr == before)
		rubric_place(c, &w);
	if (c->nerr == before) {
		rubric_hash(r);
		ptrvec_push(&c->b->rubrics, r);
	}
	ptrvec_free(&w.texts);
}

static void
load_turns(struct yctx *c, yaml_node_t *list, struct prompt_def *p)
{
	size_t i, n = seq_len(list);

	if (n == 0) {
		fail(c, list, _("prompt '%s' 'turns': the conversation is empty"), p->id);
		return;
	}
	p->turns = walk_alloc(c, n * sizeof *p->turns);
	for (i = 0; i < n; i++) {
		yaml_node_t *t = node(c, list->data.sequence.items.start[i]);
		struct turn_def *turn = &p->turns[p->n_turns];

		if (t == NULL || !expect(c, t, YAML_MAPPING_NODE, "turn") ||
		    !check_keys(c, t, "turn", turn_keys, 2))
			continue;
		turn->pos = npos(c, t);
		turn->role = get_text(c, t, "role", "turn", true);
		turn->content = get_text(c, t, "content", "turn", true);
		if (turn->role != NULL && strcmp(turn->role, "user") != 0 &&
		    strcmp(turn->role, "assistant") != 0) {
			fail(c, map_get(c, t, "role"),
			    "turn 'role': expected user or assistant, found '%s'", turn->role);
			continue;
		}
		if (turn->role != NULL && turn->content != NULL)
			p->n_turns++;
	}
	if (p->n_turns == n && strcmp(p->turns[n - 1].role, "user") != 0)
		fail(c, node(c, list->data.sequence.items.start[n - 1]),
		    _("prompt '%s': the conversation must end with a user turn, "
		    "not an assistant turn"), p->id);
}

static void
load_capability_list(struct yctx *c, yaml_node_t *list, struct prompt_def *p)
{
	struct strset seen = { 0 };
	size_t i, n = seq_len(list);

	if (n == 0) {
		fail(c, list, _("prompt 'capabilities': expected at least one capability"));
		return;
	}
	p->capabilities = walk_alloc(c, n * sizeof *p->capabilities);
	p->capability_pos = walk_alloc(c, n * sizeof *p->capability_pos);
	for (i = 0; i < n; i++) {
		yaml_node_t *s = node(c, list->data.sequence.items.start[i]);

		if (s == NULL || !expect(c, s, YAML_SCALAR_NODE, "prompt 'capabilities'"))
			continue;
		if (!str_is_id(scalar(s))) {
			fail(c, s, _("prompt 'capabilities': '%s' is not an id"), scalar(s));
			continue;
		}
		if (strset_put(&seen, scalar(s), "") != NULL) {
			fail(c, s, _("prompt 'capabilities': '%s' appears twice"), scalar(s));
			continue;
		}
		p->capability_pos[p->n_capabilities] = npos(c, s);
		p->capabilities[p->n_capabilities++] = walk_strdup(c, scalar(s));
	}
	strset_free(&seen);
}

static void
load_prompt(struct yctx *c, yaml_node_t *n)
{
	struct prompt_def *p;
	size_t before = c->nerr;
	yaml_node_t *v;

	if (!expect(c, n, YAML_MAPPING_NODE, "prompt") ||
	    !check_keys(c, n, "prompt", prompt_keys, 4))
		return;
	p = walk_alloc(c, sizeof *p);
	p->pos = npos(c, n);
	p->id = get_id(c, n, "id", "prompt");
	if (p->id == NULL)
		return;
	if ((v = get_list(c, n, "capabilities", "prompt")) != NULL)
		load_capability_list(c, v, p);
	p->title = get_text(c, n, "title", "prompt", true);
	p->occupation = get_text(c, n, "occupation", "prompt", false);
	p->task = get_text(c, n, "task", "prompt", false);
	get_long(c, n, "onet_task_id", "prompt", 1, LOAD_MAX_ONET_TASK_ID, &p->onet_task_id);
	p->lang = get_text(c, n, "lang", "prompt", false);
	if (p->lang == NULL)
		p->lang = "en";
	if ((v = get_list(c, n, "turns", "prompt")) != NULL)
		load_turns(c, v, p);
	if (c->nerr == before) {
		prompt_hash(p);
		ptrvec_push(&c->b->prompts, p);
	}
}

static void
load_prompts(struct yctx *c, yaml_node_t *root)
{
	yaml_node_t *list;
	size_t i;

	if (!check_keys(c, root, "prompts file", prompts_keys, 2))
		return;
	if ((list = get_list(c, root, "prompts", "prompts file")) == NULL)
		return;
	for (i = 0; i < seq_len(list); i++) {
		yaml_node_t *item = node(c, list->data.sequence.items.start[i]);

		if (item != NULL)
			load_prompt(c, item);
	}
}

static void
load_output(struct yctx *c, yaml_node_t *n, const char *model, struct pos model_pos)
{
	struct output_def *o;
	yaml_node_t *v;

	if (!expect(c, n, YAML_MAPPING_NODE, "output") ||
	    !check_keys(c, n, "output", output_keys, 2))
		return;
	o = walk_alloc(c, sizeof *o);
	o->pos = npos(c, n);
	o->model = model;
	o->model_pos = model_pos;
	o->prompt = get_id(c, n, "prompt", "output");
	if ((v = map_get(c, n, "prompt")) != NULL)
		o->prompt_pos = npos(c, v);
	o->text = get_text(c, n, "text", "output", true);
	if (o->prompt != NULL && o->text != NULL) {
		output_hash(o);
		ptrvec_push(&c->b->outputs, o);
	}
}

static void
load_outputs(struct yctx *c, yaml_node_t *root)
{
	yaml_node_t *list, *m;
	const char *model;
	struct pos mpos = { 0 };
	size_t i;

	if (!check_keys(c, root, "outputs file", outputs_keys, 3))
		return;
	model = get_id(c, root, "model", "outputs file");
	if ((m = map_get(c, root, "model")) != NULL)
		mpos = npos(c, m);
	if ((list = get_list(c, root, "outputs", "outputs file")) == NULL || model == NULL)
		return;
	for (i = 0; i < seq_len(list); i++) {
		yaml_node_t *item = node(c, list->data.sequence.items.start[i]);

		if (item != NULL)
			load_output(c, item, model, mpos);
	}
}

static void
load_weights(struct yctx *c, yaml_node_t *map, struct study_def *s)
{
	yaml_node_pair_t *p;

	s->weights = walk_alloc(c, (map_len(map) + 1) * sizeof *s->weights);
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = key_node(c, p->key), *v = node(c, p->value);
		struct weight_def *w = &s->weights[s->n_weights];

		if (k == NULL || v == NULL || !expect(c, k, YAML_SCALAR_NODE, "study 'weights'"))
			continue;
		if (!scalar_double(c, v, "study 'weights'", &w->weight))
			continue;
		if (w->weight < 0 || w->weight > LOAD_MAX_WEIGHT) {
			fail(c, v, _("study 'weights': a weight is a number from 0 to %g"),
			    LOAD_MAX_WEIGHT);
			continue;
		}
		w->capability = walk_strdup(c, scalar(k));
		w->pos = npos(c, k);
		s->n_weights++;
	}
}

/* Reviewer names, each once, under the gate's one rule for names: a name
 * on the roster is always one that rate and import accept. */
static void
load_roster(struct yctx *c, yaml_node_t *list, struct study_def *s)
{
	struct strset seen = { 0 };
	size_t i, n = seq_len(list);
	const char *why;

	s->reviewers = walk_alloc(c, (n + 1) * sizeof *s->reviewers);
	for (i = 0; i < n; i++) {
		yaml_node_t *r = node(c, list->data.sequence.items.start[i]);

		if (r == NULL || !expect(c, r, YAML_SCALAR_NODE, "study 'reviewers'"))
			continue;
		if ((why = gate_name(scalar(r))) != NULL) {
			fail(c, r, _("study 'reviewers': '%s': %s"), scalar(r), why);
			continue;
		}
		if (strset_put(&seen, scalar(r), "") != NULL) {
			fail(c, r, _("study 'reviewers': '%s' appears twice"), scalar(r));
			continue;
		}
		s->reviewers[s->n_reviewers++] = walk_strdup(c, scalar(r));
	}
	strset_free(&seen);
}

static void
load_study(struct yctx *c, yaml_node_t *root)
{
	struct study_def *s = walk_alloc(c, sizeof *s);
	size_t before = c->nerr;
	yaml_node_t *n;
	char *end;

	if (!check_keys(c, root, "study", study_keys, 1))
		return;
	s->pos = npos(c, root);
	s->title = get_text(c, root, "title", "study", false);
	s->blind = -1;
	get_bool(c, root, "blind", "study", &s->blind);
	get_bool(c, root, "reviewers_random", "study", &s->reviewers_random);
	get_bool(c, root, "weights_only", "study", &s->weights_only);
	get_long(c, root, "overlap", "study", 1, LOAD_MAX_OVERLAP, &s->overlap);
	get_long(c, root, "shared_sample", "study", 1, LOAD_MAX_SHARED, &s->shared_sample);
	if ((n = map_get(c, root, "seed")) != NULL && expect(c, n, YAML_SCALAR_NODE, "study 'seed'")) {
		errno = 0;
		s->seed = strtoull(scalar(n), &end, 10);
		/* strtoull would take " -1" as 2^64 - 1: digits only. */
		if (*scalar(n) < '0' || *scalar(n) > '9' || *end != '\0' || errno != 0)
			fail(c, n, _("study 'seed': expected a whole number from 0 to %"
			    PRIu64 ", found '%s'"), UINT64_MAX, scalar(n));
		else
			s->has_seed = true;
	}
	if ((n = get_map(c, root, "weights", "study")) != NULL)
		load_weights(c, n, s);
	if ((n = get_list(c, root, "reviewers", "study")) != NULL)
		load_roster(c, n, s);
	if (c->nerr == before)
		ptrvec_push(&c->b->studies, s);
}

/* A key pasted where its variable's name belongs, or anywhere else in the
 * entry: refused at its own position, before anything is stored. */
static void
refuse_secrets(struct yctx *c, yaml_node_t *n, const char *model, int depth)
{
	yaml_node_pair_t *p;
	yaml_node_item_t *i;
	const char *why;

	if (n == NULL || depth > 4)
		return;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		if ((why = gate_secret(scalar(n))) != NULL)
			fail(c, n, _("model '%s': %s"), model, why);
		break;
	case YAML_SEQUENCE_NODE:
		for (i = n->data.sequence.items.start; i < n->data.sequence.items.top; i++)
			refuse_secrets(c, node(c, *i), model, depth + 1);
		break;
	case YAML_MAPPING_NODE:
		for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
			refuse_secrets(c, key_node(c, p->key), model, depth + 1);
			refuse_secrets(c, node(c, p->value), model, depth + 1);
		}
		break;
	default:
		break;
	}
}

/* A number from lo to hi for key, or def when the key is not there. */
static void
model_number(struct yctx *c, yaml_node_t *map, const char *key, double lo, double hi,
    double def, double *out)
{
	yaml_node_t *n = map_get(c, map, key);
	char label[256];

	*out = def;
	if (n == NULL)
		return;
	snprintf(label, sizeof label, "model '%s'", key);
	if (scalar_double(c, n, label, out) && (*out < lo || *out > hi))
		fail(c, n, _("%s: expected a number from %g to %g, found '%s'"), label, lo, hi,
		    scalar(n));
}

static void
model_whole(struct yctx *c, yaml_node_t *map, const char *key, long lo, long hi,
    long def, long *out)
{
	*out = def;
	get_long(c, map, key, "model", lo, hi, out);
}

static void
load_model_stop(struct yctx *c, yaml_node_t *list, struct model_def *m)
{
	size_t i, n = seq_len(list);

	m->stop = walk_alloc(c, (n + 1) * sizeof *m->stop);
	for (i = 0; i < n; i++) {
		yaml_node_t *s = node(c, list->data.sequence.items.start[i]);

		if (s != NULL && expect(c, s, YAML_SCALAR_NODE, "model 'stop'"))
			m->stop[m->n_stop++] = walk_strndup(c, scalar(s), s->data.scalar.length);
	}
}

static void
load_model_extra(struct yctx *c, yaml_node_t *map, struct model_def *m)
{
	static const char *const ours[] = { "model", "messages", "stream", "system", NULL };
	yaml_node_pair_t *p;

	m->extra = walk_alloc(c, (map_len(map) + 1) * sizeof *m->extra);
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = key_node(c, p->key), *v = node(c, p->value);
		struct model_extra *e = &m->extra[m->n_extra];

		if (k == NULL || v == NULL || !expect(c, k, YAML_SCALAR_NODE, "model 'extra'") ||
		    !expect(c, v, YAML_SCALAR_NODE, "model 'extra'"))
			continue;
		if (in_list(scalar(k), ours)) {
			fail(c, k, _("model 'extra': '%s' is collect's own field, not an extra one"),
			    scalar(k));
			continue;
		}
		e->key = walk_strdup(c, scalar(k));
		e->value = walk_strndup(c, scalar(v), v->data.scalar.length);
		e->plain = v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		m->n_extra++;
	}
}

/* How to reach it: protocol, URL, the key's variable and CA file. */
static void
load_model_endpoint(struct yctx *c, yaml_node_t *n, struct model_def *m)
{
	yaml_node_t *v;
	const char *why;

	m->protocol = get_text(c, n, "protocol", "model", true);
	if (m->protocol != NULL && models_protocol(m->protocol) < 0)
		fail(c, map_get(c, n, "protocol"), "model 'protocol': expected openai-chat or "
		    "anthropic-messages, found '%s'", m->protocol);
	m->base_url = get_text(c, n, "base_url", "model", true);
	if (m->base_url != NULL && (why = models_url_refusal(m->base_url)) != NULL)
		fail(c, map_get(c, n, "base_url"), "model 'base_url': %s", why);
	m->model = get_text(c, n, "model", "model", true);
	m->api_key_env = get_text(c, n, "api_key_env", "model", false);
	if (m->api_key_env != NULL && (v = map_get(c, n, "api_key_env")) != NULL &&
	    gate_secret(m->api_key_env) == NULL && !models_env_name(m->api_key_env))
		fail(c, v, _("model 'api_key_env': '%s' is not the name of an environment "
		    "variable (letters, digits and _)"), m->api_key_env);
	m->ca_file = get_text(c, n, "ca_file", "model", false);
}

/* What each request carries besides the conversation, and its limits. */
static void
load_model_settings(struct yctx *c, yaml_node_t *n, struct model_def *m)
{
	yaml_node_t *v;

	if ((m->has_temperature = map_get(c, n, "temperature") != NULL))
		model_number(c, n, "temperature", 0, 2, 0, &m->temperature);
	if ((m->has_top_p = map_get(c, n, "top_p") != NULL))
		model_number(c, n, "top_p", 0, 1, 1, &m->top_p);
	model_whole(c, n, "max_tokens", 1, 10000000, 0, &m->max_tokens);
	m->system = get_text(c, n, "system", "model", false);
	if ((v = get_list(c, n, "stop", "model")) != NULL)
		load_model_stop(c, v, m);
	if ((v = get_map(c, n, "extra", "model")) != NULL)
		load_model_extra(c, v, m);
	model_whole(c, n, "concurrency", 1, MODELS_MAX_CONCURRENCY, 4, &m->concurrency);
	model_whole(c, n, "requests_per_minute", 0, 1000000, 0, &m->requests_per_minute);
	model_whole(c, n, "retries", 0, 100, 5, &m->retries);
	model_number(c, n, "timeout", 0.1, 3600, 300, &m->timeout);
	model_number(c, n, "backoff", 0, 600, 1, &m->backoff);
	if (m->protocol != NULL && models_protocol(m->protocol) == MODELS_ANTHROPIC &&
	    m->max_tokens == 0)
		fail(c, n, _("model '%s': anthropic-messages needs max_tokens"), m->name);
}

static void
load_model(struct yctx *c, yaml_node_t *n)
{
	struct model_def *m;
	size_t before = c->nerr;
	yaml_node_t *v;

	if (!expect(c, n, YAML_MAPPING_NODE, "model") ||
	    !check_keys(c, n, "model", model_keys, 4))
		return;
	m = walk_alloc(c, sizeof *m);
	memset(m, 0, sizeof *m);
	m->pos = npos(c, n);
	if ((m->name = get_text(c, n, "name", "model", true)) == NULL)
		return;
	v = map_get(c, n, "name");
	m->name_pos = npos(c, v);
	refuse_secrets(c, n, m->name, 0);
	if (c->nerr != before)
		return;
	load_model_endpoint(c, n, m);
	load_model_settings(c, n, m);
	if (c->nerr == before) {
		m->settings = models_settings(&c->b->arena, m);
		ptrvec_push(&c->b->models, m);
	}
}

static void
load_models(struct yctx *c, yaml_node_t *root)
{
	yaml_node_t *list;
	size_t i;

	if (!check_keys(c, root, "models file", models_keys, 2))
		return;
	if ((list = get_list(c, root, "models", "models file")) == NULL)
		return;
	for (i = 0; i < seq_len(list); i++) {
		yaml_node_t *item = node(c, list->data.sequence.items.start[i]);

		if (item != NULL)
			load_model(c, item);
	}
}

static void
load_document(struct yctx *c, yaml_node_t *root)
{
	yaml_node_t *kind;
	const char *k, *near;

	if (root == NULL) {
		struct pos p = { c->file, 0, 0 };

		err_at(c->errs, &p, _("the file is empty; expected a YAML mapping with 'kind'"));
		c->nerr++;
		return;
	}
	if (!expect(c, root, YAML_MAPPING_NODE, "the file"))
		return;
	if ((kind = map_get(c, root, "kind")) == NULL) {
		fail(c, root, _("missing required key 'kind' (one of rubric, prompts, outputs, study, models)"));
		return;
	}
	if (!expect(c, kind, YAML_SCALAR_NODE, "'kind'"))
		return;
	k = scalar(kind);
	if (strcmp(k, "rubric") == 0)
		load_rubric(c, root);
	else if (strcmp(k, "prompts") == 0)
		load_prompts(c, root);
	else if (strcmp(k, "outputs") == 0)
		load_outputs(c, root);
	else if (strcmp(k, "study") == 0)
		load_study(c, root);
	else if (strcmp(k, "models") == 0)
		load_models(c, root);
	else if ((near = did_you_mean(k, kinds)) != NULL)
		fail(c, kind, _("unknown kind '%s' (did you mean '%s'?)"), k, near);
	else
		fail(c, kind, _("unknown kind '%s' (expected rubric, prompts, outputs, study or models)"), k);
}

static bool
text_is_blank(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
			return false;
	}
	return true;
}

/* After the walk: whether the stream holds a second document. */
static void
check_one_document(struct yctx *c, yaml_parser_t *parser)
{
	yaml_mark_t m;
	int rc = load_yaml_next_document(parser, &m, c->file, c->errs);

	if (rc < 0)
		c->nerr++;
	else if (rc > 0) {
		struct pos p = { c->file, (unsigned)m.line + 1, (unsigned)m.column + 1 };

		err_at(c->errs, &p, _("a second YAML document; put one document in each file"));
		c->nerr++;
	}
}

size_t
load_yaml_text(struct bundle *b, const char *file, const char *text, size_t len,
    struct errlist *errs)
{
	struct yctx c = { NULL, file, b, errs, 0, 0, 0, 0, 0 };
	yaml_parser_t parser;
	yaml_document_t doc;
	size_t bad = utf8_invalid_at(text, len);

	if (bad < len) {
		struct pos p = text_pos(file, text, bad);

		err_at(errs, &p, text[bad] == '\0' ? "the file holds a NUL byte" :
		    "the file is not valid UTF-8 (byte 0x%02x)", (unsigned char)text[bad]);
		return 1;
	}
	if (text_is_blank(text, len)) {
		struct pos p = { file, 0, 0 };

		err_at(errs, &p, _("the file is empty; expected a YAML mapping with 'kind'"));
		return 1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (load_yaml_compose(&parser, &doc, file, errs) < 0) {
		yaml_document_delete(&doc);
		yaml_parser_delete(&parser);
		return 1;
	}
	c.doc = &doc;
	/* Aliases let a small file name the same node exponentially often; a
	 * document is never visited more than a few times over. */
	c.max_visits = 64 * (size_t)(doc.nodes.top - doc.nodes.start) + 4096;
	c.budget = len + LOAD_YAML_WALK_PER_NODE * (size_t)(doc.nodes.top - doc.nodes.start) +
	    65536;
	load_document(&c, yaml_document_get_root_node(&doc));
	if (c.visits > c.max_visits) {
		struct pos p = { file, 0, 0 };

		err_at(errs, &p, _("the document refers to its own nodes too often (YAML aliases); "
		    "write the content out instead"));
		c.nerr++;
	}
	if (c.nerr > LOAD_MAX_ERRORS) {
		struct pos p = { file, 0, 0 };

		err_at(errs, &p, _("%zu more problems in this file are not shown"),
		    c.nerr - LOAD_MAX_ERRORS);
	}
	if (c.nerr == 0)
		check_one_document(&c, &parser);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return c.nerr;
}
