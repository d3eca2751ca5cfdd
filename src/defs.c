/* defs.c: the fixed vocabulary (capabilities, axes, flags), bundles and content hashes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "defs.h"
#include "i18n.h"
#include "sha256.h"

const struct capability_info capabilities[] = {
	{ "technical-assistance", 65.1 },
	{ "reviewing-work", 58.9 },
	{ "generation", 25.5 },
	{ "information-retrieval", 16.6 },
	{ "summarization", 16.6 },
	{ "data-structuring", 4.0 },
	{ NULL, 0 },
};

const char *const axis_ids[] = {
	"coherence", "accuracy", "clarity", "relevance", "efficiency", NULL,
};

/* The standard axes as the rating screen names them: in English the id
 * itself, so that an English screen reads as it always has. */
static const char *const axis_std_names[] = {
	/* TRANSLATORS: the names of the five standard rating axes, shown on
	   the rating screen before each axis's question. */
	N_("coherence"), N_("accuracy"), N_("clarity"), N_("relevance"),
	N_("efficiency"), NULL,
};

const char *const rubric_part_names[RT_PARTS] = {	/* machine: begin */
	"title", "description", "label", "name", "question", "anchor",
};							/* machine: end */

const char *const flag_ids[FLAG_COUNT + 1] = {
	"broken", "off-topic", "unsafe", "other", NULL,
};

bool
flag_known(const char *flag)
{
	size_t i;

	for (i = 0; flag_ids[i] != NULL; i++) {
		if (strcmp(flag_ids[i], flag) == 0)
			return true;
	}
	return false;
}

bool
capability_known(const char *id)
{
	const struct capability_info *c;

	for (c = capabilities; c->id != NULL; c++) {
		if (strcmp(c->id, id) == 0)
			return true;
	}
	return false;
}

double
capability_default_weight(const char *id)
{
	const struct capability_info *c;

	for (c = capabilities; c->id != NULL; c++) {
		if (strcmp(c->id, id) == 0)
			return c->default_weight;
	}
	return 0;
}

const char *
axis_std_name(const char *id)
{
	size_t i;

	for (i = 0; axis_ids[i] != NULL; i++) {
		if (strcmp(axis_ids[i], id) == 0)
			return _(axis_std_names[i]);
	}
	return NULL;
}

/* Two or three lower-case letters, then optionally _ and two capitals. */
bool
lang_code_valid(const char *s)
{
	size_t n = 0;

	while (s[n] >= 'a' && s[n] <= 'z')
		n++;
	if (n < 2 || n > 3)
		return false;
	if (s[n] == '\0')
		return true;
	return s[n] == '_' && s[n + 1] >= 'A' && s[n + 1] <= 'Z' &&
	    s[n + 2] >= 'A' && s[n + 2] <= 'Z' && s[n + 3] == '\0';
}

void
bundle_free(struct bundle *b)
{
	ptrvec_free(&b->rubrics);
	ptrvec_free(&b->prompts);
	ptrvec_free(&b->outputs);
	ptrvec_free(&b->studies);
	ptrvec_free(&b->ratings);
	ptrvec_free(&b->models);
	arena_free(&b->arena);
}

/* Each field goes in with its length, so that moving text from one field to
 * the next can never give the same hash. */
static void
hash_str(struct sha256 *s, const char *str)
{
	char len[32];

	if (str == NULL)
		str = "";
	snprintf(len, sizeof len, "%zu:", strlen(str));
	sha256_update(s, len, strlen(len));
	sha256_update(s, str, strlen(str));
}

static void
hash_long(struct sha256 *s, long v)
{
	char num[32];

	snprintf(num, sizeof num, "%ld", v);
	hash_str(s, num);
}

void
rubric_hash(struct rubric_def *r)
{
	struct sha256 s;
	size_t i, j;

	sha256_init(&s);
	hash_str(&s, r->capability);
	hash_str(&s, r->title);
	hash_str(&s, r->description);
	hash_long(&s, r->min);
	hash_long(&s, r->max);
	for (i = 0; i < r->n_labels; i++) {
		hash_long(&s, r->labels[i].value);
		hash_str(&s, r->labels[i].text);
	}
	for (i = 0; i < r->n_axes; i++) {
		hash_str(&s, r->axes[i].id);
		hash_str(&s, r->axes[i].question);
		for (j = 0; j < r->axes[i].n_anchors; j++) {
			hash_long(&s, r->axes[i].anchors[j].value);
			hash_str(&s, r->axes[i].anchors[j].text);
		}
	}
	/* A rubric in English alone, as every rubric was before rubrics had
	 * languages, keeps the hash it had then. */
	if (r->n_texts > 0 || (r->n_langs > 0 && strcmp(r->langs[0], "en") != 0)) {
		hash_long(&s, (long)r->n_langs);
		for (i = 0; i < r->n_langs; i++)
			hash_str(&s, r->langs[i]);
		for (i = 0; i < r->n_texts; i++) {
			hash_str(&s, r->texts[i].lang);
			hash_str(&s, rubric_part_names[r->texts[i].part]);
			hash_str(&s, r->texts[i].axis);
			hash_long(&s, r->texts[i].value);
			hash_str(&s, r->texts[i].text);
		}
	}
	sha256_hex(&s, r->hash);
}

void
prompt_hash(struct prompt_def *p)
{
	struct sha256 s;
	size_t i;

	sha256_init(&s);
	hash_str(&s, p->id);
	for (i = 0; i < p->n_capabilities; i++)
		hash_str(&s, p->capabilities[i]);
	hash_str(&s, p->title);
	hash_str(&s, p->occupation);
	hash_str(&s, p->task);
	hash_long(&s, p->onet_task_id);
	hash_str(&s, p->lang);
	for (i = 0; i < p->n_turns; i++) {
		hash_str(&s, p->turns[i].role);
		hash_str(&s, p->turns[i].content);
	}
	sha256_hex(&s, p->hash);
}

void
output_hash(struct output_def *o)
{
	struct sha256 s;

	sha256_init(&s);
	hash_str(&s, o->model);
	hash_str(&s, o->prompt);
	hash_str(&s, o->text);
	hash_str(&s, o->metadata);
	sha256_hex(&s, o->hash);
}
