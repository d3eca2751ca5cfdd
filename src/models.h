/* models.h: the models under test, as a `kind: models` file describes them
 * (load-yaml.c reads the file; this is what its values mean). */
#ifndef PANELIST_MODELS_H
#define PANELIST_MODELS_H

#include <stdbool.h>

#include "defs.h"

/* The protocols collect speaks. */
enum models_protocol { MODELS_OPENAI, MODELS_ANTHROPIC };
#define MODELS_MAX_CONCURRENCY	1024

/* MODELS_OPENAI or MODELS_ANTHROPIC for a protocol's name, -1 for another. */
int models_protocol(const char *);

/* Why a base URL cannot be one (not http or https, a password in it), or NULL. */
const char *models_url_refusal(const char *);

/* An environment variable's name: a letter or _, then letters, digits, _. */
bool models_env_name(const char *);

/* The generation settings as one JSON object, in the arena: temperature,
 * max_tokens, top_p, system, stop and the extra fields, each only when
 * given.  collect-proto.c makes each protocol's body from it. */
char *models_settings(struct arena *, const struct model_def *);

#endif
