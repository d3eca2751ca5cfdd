/* defs.h: what the input files describe, once loaded and checked.
 *
 * The loaders fill a `bundle` from YAML and JSONL files; validation checks it
 * as a whole (with what the database already holds); storage writes it in one
 * transaction.  Every string lives in the bundle's arena. */
#ifndef PANELIST_DEFS_H
#define PANELIST_DEFS_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct strset;

/* The six workplace capabilities and the five axes, with the default weights:
 * each capability's share of the top-100 workplace tasks (Miller & Tang 2025). */
struct capability_info {
	const char	*id;
	double		 default_weight;
};
extern const struct capability_info capabilities[];
extern const char *const axis_ids[];	/* NULL-terminated */

/* What a reviewer may flag an output as: the one list, which the screen's
 * menu, every import and merge use (the schema's CHECK, fixed in migration
 * 1, says the same and must stay in step). */
#define FLAG_COUNT	4
extern const char *const flag_ids[FLAG_COUNT + 1];	/* NULL-terminated */
bool flag_known(const char *);

struct label {
	long		 value;
	const char	*text;
	struct pos	 pos;
};

struct axis_def {
	const char	*id;
	const char	*question;	/* in the rubric's first language */
	struct label	*anchors;
	size_t		 n_anchors;
	struct pos	 pos;
};

/* A rubric's texts come in one or more languages.  The fields of
 * rubric_def and axis_def hold its first language (the fallback); each text
 * in another language, and each axis's display name in any language, is a
 * rubric_text. */
enum rubric_part {
	RT_TITLE, RT_DESCRIPTION, RT_LABEL, RT_NAME, RT_QUESTION, RT_ANCHOR,
	RT_PARTS
};
/* As the store keeps them; rubric_text's CHECK (migration 8) says the same. */
extern const char *const rubric_part_names[RT_PARTS];

struct rubric_text {
	const char	*lang;
	enum rubric_part part;
	const char	*axis;		/* NULL for the title, description and labels */
	long		 value;		/* the point of a label or anchor, else 0 */
	const char	*text;
};

#define RUBRIC_MAX_LANGUAGES	16

struct rubric_def {
	struct pos	 pos;		/* the document */
	const char	*capability;
	struct pos	 capability_pos;
	const char	*title;
	const char	*description;
	long		 min, max;
	struct label	*labels;
	size_t		 n_labels;
	struct axis_def	*axes;
	size_t		 n_axes;
	const char	*langs[RUBRIC_MAX_LANGUAGES];	/* the first is the fallback */
	size_t		 n_langs;
	struct rubric_text *texts;
	size_t		 n_texts;
	char		 hash[65];
};

struct turn_def {
	const char	*role;
	const char	*content;
	struct pos	 pos;
};

struct prompt_def {
	struct pos	 pos;
	const char	*id;
	const char	**capabilities;
	struct pos	*capability_pos;
	size_t		 n_capabilities;
	const char	*title;
	const char	*occupation;
	const char	*task;
	long		 onet_task_id;	/* 0 when not given */
	const char	*lang;
	struct turn_def	*turns;
	size_t		 n_turns;
	char		 hash[65];
};

struct output_def {
	struct pos	 pos;
	const char	*model;
	struct pos	 model_pos;
	const char	*prompt;
	struct pos	 prompt_pos;
	const char	*text;
	const char	*metadata;	/* a JSON object as text, or NULL */
	char		 hash[65];
	char		 line_hash[65];	/* of its JSONL line; "" from YAML */
	/* Nonzero: the database's output of this row, whose line_hash this
	 * line has; the line was not parsed and text and metadata are NULL. */
	int64_t		 row;
	/* bundle.known_lines: the output read after this one, whose line
	 * most often follows this one's in the file too. */
	const struct output_def *next_known;
};

struct weight_def {
	const char	*capability;
	double		 weight;
	struct pos	 pos;
};

struct study_def {
	struct pos	 pos;
	const char	*title;
	int		 blind;		/* -1 when not given */
	int		 reviewers_random; /* intervals about the reviewers' population */
	long		 overlap;	/* 0 when not given: everyone rates everything */
	long		 shared_sample;	/* 0 when not given: no shared sample */
	bool		 has_seed;
	uint64_t	 seed;
	struct weight_def *weights;
	size_t		 n_weights;
	int		 weights_only;	/* a capability left out weighs 0, not
					   its default weight */
	const char	**reviewers;	/* the roster overlap assigns outputs to */
	size_t		 n_reviewers;
};

/* One rating from a ratings JSONL line (what `export --format jsonl`
 * writes), to be brought into a database holding the same study. */
struct rating_def {
	struct pos	 pos;
	const char	*reviewer;
	const char	*prompt;
	long		 prompt_version;
	const char	*model;
	const char	*capability;
	long		 rubric_version;	/* 0: the current one */
	const char	*axis;
	long		 score;
	bool		 na;		/* not applicable */
	const char	*note;
	const char	*flag;
	const char	*flag_reason;
	double		 active_seconds;
	const char	*changed;	/* when it was given; NULL: now */
};

/* One extra field of a model's request body (models.c turns it to JSON:
 * a plain scalar that reads as a number, true, false or null is one, any
 * other value is a string). */
struct model_extra {
	const char	*key;
	const char	*value;
	bool		 plain;
};

/* A model under test, from a `kind: models` file: how collect asks it. */
struct model_def {
	struct pos	 pos;
	const char	*name;		/* as the study knows it */
	struct pos	 name_pos;
	const char	*protocol;	/* openai-chat or anthropic-messages */
	const char	*base_url;
	const char	*model;		/* the provider's model id */
	const char	*api_key_env;	/* NULL: the server needs no key */
	const char	*ca_file;	/* NULL: the system's CAs */
	bool		 has_temperature, has_top_p;
	double		 temperature, top_p;
	long		 max_tokens;	/* 0: not given */
	const char	*system;
	const char	**stop;
	size_t		 n_stop;
	struct model_extra *extra;
	size_t		 n_extra;
	long		 concurrency, requests_per_minute, retries;
	double		 timeout, backoff;
	char		*settings;	/* models_settings(): the JSON kept */
};

struct bundle {
	struct arena	 arena;
	struct ptrvec	 rubrics;	/* struct rubric_def * */
	struct ptrvec	 prompts;	/* struct prompt_def * */
	struct ptrvec	 outputs;	/* struct output_def * */
	struct ptrvec	 studies;	/* struct study_def * */
	struct ptrvec	 ratings;	/* struct rating_def * */
	struct ptrvec	 models;	/* struct model_def * */
	bool		 ratings_lines;	/* JSONL lines without kind are ratings */
	size_t		 n_files;
	/* The database's outputs that came from JSONL lines, in row order
	 * through next_known (in the arena, row set; the loader fills in
	 * pos), and a map of them by line_hash, or NULL when they could not
	 * be read: a line found there is not parsed again (store_known_lines).
	 * The loader asks read_known_lines(known_ctx) for them once, after
	 * the first line that is an output, so that a file of ratings does
	 * not pay for reading them; it fills the map (empty until then) only
	 * when a line is not the one after the last line's in row order,
	 * which in a file imported again it always is. */
	const struct output_def *known_first;
	struct strset	*known_lines;
	struct strset	*(*read_known_lines)(void *);
	void		*known_ctx;
};

void bundle_free(struct bundle *);

/* Content hashes over every field that a reviewer sees or that scoring uses;
 * a change in any of them makes a new version once the old one was rated. */
void rubric_hash(struct rubric_def *);
void prompt_hash(struct prompt_def *);
void output_hash(struct output_def *);

bool capability_known(const char *);
/* A language code as rubrics name them: en, ja, pt_BR. */
bool lang_code_valid(const char *);
/* The display name of a standard axis in the reviewer's language, or NULL
 * for any other axis. */
const char *axis_std_name(const char *id);
double capability_default_weight(const char *);

#endif
