/* store.h: the study database.
 *
 * All SQL lives behind this interface (store*.c); nothing else includes
 * sqlite3.h, so that another backend could take its place.  Functions return
 * an exit-status-like code: 0 success, STORE_RUNTIME for a failure of the
 * machine (I/O, a database that stays locked), STORE_INPUT for a problem with
 * what the user gave; the message is in the errlist. */
#ifndef PANELIST_STORE_H
#define PANELIST_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "defs.h"
#include "ratings.h"
#include "util.h"

#define STORE_RUNTIME	1
#define STORE_INPUT	2

/* The schema this program writes; older ones are upgraded in place. */
#define STORE_SCHEMA_VERSION	8

struct store;

enum store_mode {
	STORE_OPEN_EXISTING,	/* refuse a missing file */
	STORE_OPEN_CREATE,	/* create it when missing */
	/* Only read, writing nothing at all: never created, never upgraded
	 * (its schema version is the caller's to check), read-only on both
	 * engines; merge's way into another copy of the study. */
	STORE_OPEN_READ,
};

int store_open(const char *path, enum store_mode, struct store **, struct errlist *);
void store_close(struct store *);
/* What store_open did: created the file, upgraded its schema (from which). */
bool store_created(const struct store *);
int store_upgraded_from(const struct store *);
const char *store_path(const struct store *);

/* Import: one transaction around everything a bundle holds. */
enum { IMP_RUBRIC, IMP_PROMPT, IMP_OUTPUT, IMP_STUDY, IMP_RATING, IMP_MODEL, IMP_KINDS };
struct import_counts {
	size_t	added[IMP_KINDS];	/* rubrics, prompts, outputs, studies, ratings,
				   models under test */
	size_t	updated[IMP_KINDS];	/* changed in place (never rated) */
	size_t	versioned[IMP_KINDS];	/* changed after being rated: a new version */
	size_t	amended[IMP_KINDS];	/* changed after being rated: corrected in place */
	size_t	refused[IMP_KINDS];	/* changed after being rated: neither asked for */
	size_t	unchanged[IMP_KINDS];
};

/* What import does with a prompt or rubric whose text changed after it was
 * rated.  By default it refuses (each such item is an input error naming
 * its ratings), since either way changes what the scores count: a new
 * version leaves the old ratings on the old text, where no score counts
 * them; an amendment keeps them on the corrected text (refused where a
 * rated axis or capability would disappear or a stored score would fall
 * outside the scale) and records the change in the amendment table. */
enum store_edit { STORE_EDIT_REFUSE, STORE_EDIT_REVISE, STORE_EDIT_AMEND };
void store_set_edit(struct store *, enum store_edit);

/* A study file that changes blind, overlap, the seed or the roster of a
 * study holding ratings is refused (an input error counting them) unless
 * `force`.  Every such change is recorded in the study's history
 * (store_study_history) with `unassigned`: the ratings that import's
 * caller found the change takes away from the reviewers who gave them. */
void store_set_study_force(struct store *, bool force, long unassigned);

int store_import(struct store *, const struct bundle *, struct import_counts *,
    struct errlist *);

/* What validation asks of the database's existing content. */
bool store_has_rubric(struct store *, const char *capability);
/* The capability of a rubric the database holds nearest to `capability`,
 * for a did-you-mean; a string to free, or NULL. */
char *store_near_capability(struct store *, const char *capability);
bool store_has_prompt(struct store *, const char *id);
/* Every current prompt's name into `names` (values: non-NULL), in one query;
 * as with store_has_prompt a failed read leaves names as they were. */
struct strset;
void store_prompt_names(struct store *, struct strset *names);
/* Every output on a current prompt that came from a JSONL line, as a
 * struct output_def (row, model, prompt, hash, line_hash) in `arena`, in
 * row order from *first through next_known: in one query, for the loader
 * (bundle.known_first).  0 or STORE_RUNTIME. */
struct arena;
struct output_def;
int store_known_lines(struct store *, struct arena *, const struct output_def **first,
    struct errlist *);

/* Study settings. */
struct study_settings {
	char		*id;		/* random, fixed at creation: tells studies apart */
	char		*title;
	bool		 blind;
	bool		 reviewers_random; /* the default of --reviewers */
	long		 overlap;	/* 0: every reviewer rates every output */
	long		 shared_sample;	/* outputs every reviewer rates first */
	uint64_t	 seed;
	char		**reviewers;	/* the roster, sorted; n_reviewers 0 if none */
	size_t		 n_reviewers;
};
int store_study(struct store *, struct study_settings *, struct errlist *);
void study_settings_free(struct study_settings *);

/* What status, list and show report, as records; the commands format
 * them.  Text never read is "" (NULL only where it says so). */

/* status: per current rubric, done as the scores count (current prompt
 * and rubric versions), expected from the overlap or the panel's size. */
struct capability_status {
	char	*capability;
	long	 prompts, models, outputs, axes, done, expected;
};
int store_status_capabilities(struct store *, struct capability_status **, size_t *,
    struct errlist *);
void capability_status_free(struct capability_status *, size_t);

/* Per person who has written anything to the study, by name: what the
 * store alone knows (what they were assigned is session_queue()'s). */
struct reviewer_status {
	char	*reviewer;
	long	 done;		/* ratings the scores count (current versions) */
	char	*last;		/* the last rating, note, flag or skip; "" when none */
	double	 seconds;	/* active time on the rating screen */
};
int store_status_reviewers(struct store *, struct reviewer_status **, size_t *,
    struct errlist *);
void reviewer_status_free(struct reviewer_status *, size_t);

/* The study's history of the settings that decide who rates what
 * (blind, overlap, seed, the roster) and of rate --unblind (setting
 * "unblind"), oldest first.  `old` and `new` are
 * the values as stored (the roster one name a line); `ratings` were in
 * the study then, `unassigned` of them on items the change took away
 * from the one who gave them (kept). */
struct study_change {
	char	*at, *setting, *old, *new, *actor;
	long	 ratings, unassigned;
};
int store_study_history(struct store *, struct study_change **, size_t *,
    struct errlist *);
void study_history_free(struct study_change *, size_t);

/* list prompts|models|reviewers|rubrics: one of the four arrays, by kind. */
enum listing_kind { LIST_PROMPTS, LIST_MODELS, LIST_REVIEWERS, LIST_RUBRICS };
struct listing {
	enum listing_kind kind;
	size_t	 n;
	struct prompt_entry {
		char	*id;
		long	 version;
		char	*capabilities;	/* comma-separated, in the prompt's order */
		char	*lang;
		long	 outputs;
		char	*title;
	} *prompts;
	struct model_entry {
		char	*model;
		long	 outputs, ratings;
	} *models;
	struct reviewer_entry {
		char	*reviewer;
		long	 ratings, notes, flags;
		char	*last_change;	/* "" when none */
	} *reviewers;
	struct rubric_entry {
		char	*capability;
		long	 version, axes, min, max, ratings;
		char	*title;
	} *rubrics;
};
int store_list(struct store *, enum listing_kind, struct listing *, struct errlist *);
void listing_free(struct listing *);

/* show prompt: the current version of one prompt, an input error when
 * there is none.  Fields absent are NULL. */
struct prompt_detail {
	char		 *id;
	long		  version, latest;
	char		 *title, *capabilities, *occupation, *task, *onet_task_id, *lang;
	char		 *hash, *created;
	char		 *outputs;	/* the models, comma-separated */
	struct item_turn *turns;
	size_t		  n_turns;
};
int store_show_prompt(struct store *, const char *id, struct prompt_detail *,
    struct errlist *);
void prompt_detail_free(struct prompt_detail *);

/* show output: the output of a model for the current version of a
 * prompt, an input error when there is none; with `ratings`, every
 * rating, note and flag on it, by reviewer.  Fields absent are NULL. */
struct output_rating {
	char	*reviewer, *capability, *axis, *changed;
	bool	 na;
	long	 score;
};
struct output_review {
	char	*reviewer, *note, *flag, *flag_reason, *changed;
	double	 seconds;
};
struct output_detail {
	char			*prompt, *model, *title, *capabilities;
	long			 prompt_version;
	char			*text, *metadata, *hash, *created;
	struct output_rating	*ratings;	/* by reviewer, capability, axis position */
	size_t			 n_ratings;
	struct output_review	*reviews;	/* with a note or a flag, by reviewer */
	size_t			 n_reviews;
};
int store_show_output(struct store *, const char *prompt, const char *model, bool ratings,
    struct output_detail *, struct errlist *);
void output_detail_free(struct output_detail *);

/* notes: every note and flag, by prompt, model and reviewer; NULL in the
 * filter is all.  A reviewer or model the study does not have is an
 * input error. */
struct notes_filter {
	bool		 flagged;	/* only outputs flagged */
	const char	*reviewer;
	const char	*model;
};
struct note_entry {
	char	*prompt, *model, *reviewer, *note, *flag, *flag_reason, *changed;
	long	 prompt_version;
};
int store_notes(struct store *, const struct notes_filter *, struct note_entry **,
    size_t *, struct errlist *);
void notes_free(struct note_entry *, size_t);

/* Ratings given to an earlier version of a prompt or rubric (import
 * --revise keeps them): no score counts them.  Per capability, by name,
 * only capabilities that have some. */
struct earlier_ratings {
	char	*capability;
	long	 ratings;
};
int store_earlier_version_ratings(struct store *, struct earlier_ratings **, size_t *,
    struct errlist *);
void earlier_ratings_free(struct earlier_ratings *, size_t);

/* Who makes the changes when it is not the reviewer themselves (rate
 * --as): recorded in every history row written from now on. */
void store_set_actor(struct store *, const char *);
/* That name, or NULL when the reviewers make their own changes. */
const char *store_actor(const struct store *);
/* rate --unblind in a blind study, into the study's history (setting
 * "unblind", `what` as its new value: whose queue, which model), with the
 * time and `actor`, in its own transaction. */
int store_record_unblind(struct store *, const char *what, const char *actor,
    struct errlist *);
/* Who runs the program (their login) and whether they write under other
 * reviewers' names on purpose (--as).  Once set, import and merge refuse
 * ratings, notes and flags under any other name without `as`, and record
 * the login as the actor of what they write for others.  Unset, nothing
 * is compared (the library's own callers). */
void store_set_writer(struct store *, const char *login, bool as);

/* ---- who may change what on a server (store/roles.c) ---------------------- */

/* A study on a PostgreSQL server, open or named by an address. */
bool store_on_server(const struct store *);
bool store_address_on_server(const char *path);
/* Who writes: on a server the session's login (current_user), whom the
 * server's row-level security knows; on a file the system's login.  A
 * string to free. */
char *store_login(struct store *);
/* A server study's role of a kind ("lead" or "reviewer"): <db>_lead and
 * <db>_reviewer, at most 63 bytes; a string to free. */
int store_role_name(struct store *, const char *kind, char **, struct errlist *);
/* init on a server, as the study's owner: make the two roles, their
 * grants, row-level security and a reviewer's views, again at every init
 * (*done); nothing for another login or on a file. */
int store_setup_roles(struct store *, bool *done, struct errlist *);
/* Join an existing login to a role of the study, as a lead (the server
 * refuses anyone else); a reviewer's login may then connect and reads the
 * reviewer's views.  Refused on a file. */
int store_grant(struct store *, const char *kind, const char *login, struct errlist *);

/* Ratings: each call is its own transaction with its history row. */
struct rating_key {
	const char	*reviewer;
	const char	*prompt;	/* prompt id; its current version */
	const char	*model;
	const char	*capability;
	const char	*axis;
};
/* score is a point of the scale (negative ones too) or ITEM_NA: N/A has
 * one encoding everywhere. */
int store_set_score(struct store *, const struct rating_key *, int score,
    struct errlist *);
/* Ratings attached to a prompt's versions, for tests and reports. */
long store_count_ratings(struct store *, const char *prompt_id, int version);

/* ---- the rating screen's view of the database ---------------------------- */

/* One output a reviewer may rate: an output of the current version of its
 * prompt, in capabilities filtered as asked. */
struct queue_entry {
	int64_t		 output;	/* output row: the item's identity */
	const char	*prompt_id;	/* the queue's own copy, one per prompt */
	const char	*model;		/* the same, one per model */
	uint32_t	 prompt;	/* index into the queue's prompts */
	uint32_t	 model_rank;	/* index into its models, sorted by name */
	uint32_t	 slots;		/* axes to rate, over the filter's capabilities */
	uint32_t	 rated;		/* of them rated or N/A (current rubric) */
	/* Small, since a queue may hold 100,000 of them. */
	uint8_t		 done;		/* every axis of every capability rated or N/A */
	uint8_t		 partial;	/* some of them rated, not all */
	uint8_t		 started;	/* at least one rating, note or flag */
	uint8_t		 skipped;	/* put to the end of the queue */
	uint8_t		 noted;		/* a note on it */
	uint8_t		 flagged;	/* a flag on it */
	uint8_t		 shared;	/* session.c: in the study's shared sample */
};

/* The entries, by output row, and the names they point into.  The titles
 * and capabilities of prompts are read only when asked for (the item list
 * shows a screenful), by store_queue_describe. */
struct queue {
	struct queue_entry	*v;
	size_t			 n;
	char			**prompts;	/* names, by prompt index */
	int64_t			*prompt_rows;
	char			**titles;	/* NULL until described */
	char			**capabilities;	/* comma-separated, in the prompt's order */
	size_t			 n_prompts;
	char			**models;	/* sorted by name */
	size_t			 n_models;
};

struct queue_filter {
	const char	*capability;	/* NULL: all */
	const char	*model;		/* NULL: all */
};

/* Every output of the current panel with this reviewer's progress on it,
 * by output row (session.c orders them).  A handful of statements in one
 * read transaction, none of them per output: a study of 100,000 outputs
 * opens in milliseconds.  Models named in the filter or capabilities that
 * do not exist are input errors. */
int store_queue(struct store *, const char *reviewer, const struct queue_filter *,
    struct queue *, struct errlist *);
void queue_free(struct queue *);
/* This reviewer's progress on e->output, over all its capabilities, into
 * e: cheap enough to call after every keystroke. */
int store_queue_progress(struct store *, const char *reviewer, struct queue_entry *e,
    struct errlist *);
/* Fill titles[prompt] and capabilities[prompt] if not yet read. */
int store_queue_describe(struct store *, struct queue *, size_t prompt, struct errlist *);
/* The names of everyone who has rated in this study, sorted. */
int store_reviewers(struct store *, char ***, size_t *, struct errlist *);

/* A rubric's texts here are in the reviewer's language (i18n_lang), each
 * one the rubric does not have in it in the rubric's first language. */
struct item_axis {
	char	*id;
	char	*name;		/* as the screen names it; never NULL */
	char	*question;
	char	**anchors;	/* max - min + 1 entries, NULL where none */
	int	 score;		/* ITEM_UNRATED, ITEM_NA or a point of the scale */
};
#define ITEM_UNRATED	(-1000000)
#define ITEM_NA		(-1000001)

struct item_capability {
	char		 *capability;
	char		 *title;	/* the rubric's title */
	char		 *description;	/* the rubric's description; NULL when none */
	long		  min, max;
	char		**labels;	/* max - min + 1 entries, NULL where none */
	struct item_axis *axes;
	size_t		  n_axes;
};

struct item_turn {
	char	*role;
	char	*content;
};

/* Everything the rating screen shows for one output and one reviewer. */
struct item_view {
	int64_t			 output;
	char			*prompt_id;
	int			 prompt_version;
	char			*title;
	char			*occupation;
	char			*task;
	char			*lang;
	char			*model;
	struct item_turn	*turns;
	size_t			 n_turns;
	char			*text;		/* the output */
	struct item_capability	*caps;		/* in the prompt's order */
	size_t			 n_caps;
	char			*note;		/* NULL when none */
	char			*flag;		/* broken, off-topic, unsafe, other; NULL */
	char			*flag_reason;
	double			 active_seconds;
};

int store_item_load(struct store *, const char *reviewer, int64_t output,
    struct item_view *, struct errlist *);
void item_view_free(struct item_view *);

/* Each of these is one transaction, with its history row where a value
 * changed; it returns only once the change is on disk. */
int store_rate(struct store *, const char *reviewer, int64_t output,
    const char *capability, const char *axis, int score, struct errlist *);
/* score ITEM_NA marks not applicable; ITEM_UNRATED clears the rating. */
int store_set_note(struct store *, const char *reviewer, int64_t output,
    const char *note, struct errlist *);	/* NULL or "" clears it */
int store_set_flag(struct store *, const char *reviewer, int64_t output,
    const char *flag, const char *reason, struct errlist *);	/* NULL clears */
int store_set_skipped(struct store *, const char *reviewer, int64_t output,
    int skipped, struct errlist *);
int store_add_time(struct store *, const char *reviewer, int64_t output,
    double seconds, struct errlist *);

/* ---- merging offline copies of the same study ------------------------------ */

struct merge_counts {
	size_t	ratings_added;
	size_t	ratings_same;		/* present on both sides with one value */
	size_t	ratings_replaced;	/* conflicts won by the newer change */
	size_t	history_added;
	const char *adopted;	/* the path whose id and seed a new study took */
};

/* Ratings, notes, flags and history of other databases of this study, in one
 * transaction.  Different values for the same rating are conflicts: listed,
 * and nothing written, unless prefer_newer (the later change wins, the other
 * value goes into the history).  Another study, other content, or another
 * schema is refused, but for a study nobody has rated yet, which takes the
 * other's identity (a study moving to another database).  Each path is an
 * SQLite file or a PostgreSQL address, whichever engine this one is. */
int store_merge(struct store *, char *const *paths, size_t n, bool prefer_newer,
    struct merge_counts *, struct errlist *);

/* Every rating of the study as arrays, for scores and agreement. */
int store_load_ratings(struct store *, struct rating_set *, struct errlist *);

/* ---- export and report: the raw ratings, and what the numbers come from --- */

/* A read transaction: every query until store_read_end sees one snapshot
 * of the study, whatever reviewers write meanwhile (WAL). */
int store_read_begin(struct store *, struct errlist *);
void store_read_end(struct store *);

/* One rating with what an analyst needs beside it.  The strings last for
 * the callback only; NULL where there is none. */
struct export_row {
	const char	*reviewer;
	const char	*prompt;
	int		 prompt_version;
	const char	*model;
	const char	*capability;
	int		 rubric_version;
	const char	*axis;
	bool		 na;		/* marked not applicable: no score */
	int		 score;
	const char	*note;
	const char	*flag;
	const char	*flag_reason;
	double		 active_seconds;
	const char	*first_rated;	/* the earliest score in its history */
	const char	*changed;	/* the last change */
};

struct export_sink {
	/* Before any row: the study's title (else its id) and every axis
	 * rated, in rubric order. */
	int	(*head)(void *, const char *study, char *const *axes, size_t n_axes);
	int	(*row)(void *, const struct export_row *);
	void	*ctx;
};

/* Every rating, of every prompt and rubric version, ordered by reviewer,
 * prompt, prompt version, model, capability, rubric version and axis
 * position, in one read transaction.  A callback's nonzero return stops
 * the export and is returned. */
int store_export_ratings(struct store *, const struct export_sink *, struct errlist *);

/* The prompt and rubric versions the scores come from (the current ones),
 * for the report. */
struct source_prompt {
	char	*id;
	int	 version;
	char	*title;
	char	*capabilities;	/* comma-separated, in the prompt's order */
	char	*occupation;	/* NULL when none */
	long	 ratings;	/* under the current rubrics */
};

struct source_rubric {
	char	*capability;
	int	 version;
	char	*title;
	long	 min, max;
	char	*axes;		/* comma-separated, in rubric order */
	long	 ratings;
};

struct report_sources {
	struct source_prompt	*prompts;	/* by id */
	size_t			 n_prompts;
	struct source_rubric	*rubrics;	/* by capability */
	size_t			 n_rubrics;
	char			*created;	/* when the study was created */
	long			 truncated;	/* outputs cut off (collect) */
};

int store_report_sources(struct store *, struct report_sources *, struct errlist *);
void report_sources_free(struct report_sources *);

/* collect (store-collect.c): the models under test as imported, the
 * prompt versions each still lacks, and each answer or failure written in
 * a transaction of its own the moment it is known. */
struct collect_model {
	char	*name, *protocol, *base_url, *model_id;
	char	*api_key_env;	/* NULL: no key */
	char	*ca_file;	/* NULL: the system's CAs */
	char	*settings;	/* models_settings()'s JSON */
	long	 concurrency, requests_per_minute, retries;
	double	 timeout, backoff;
};
int store_collect_models(struct store *, struct collect_model **, size_t *,
    struct errlist *);
void collect_models_free(struct collect_model *, size_t);

struct collect_turn {
	char	*role, *content;
};
struct collect_job {
	int64_t			 prompt_row;	/* the prompt version */
	char			*prompt;	/* its id */
	long			 version;
	struct collect_turn	*turns;
	size_t			 n_turns;
	char			*failed;	/* the failure on record, or NULL */
};
/* Which prompts: the ids given (none: all), of a capability (NULL: any);
 * a failure on record keeps a prompt out unless retry_failed; at most
 * limit of them (0: no limit), in id order. */
struct collect_filter {
	char *const	*prompts;
	size_t		 n_prompts;
	const char	*capability;
	bool		 retry_failed;
	size_t		 limit;
};
/* The current prompt versions that `model` has no output for; *skipped
 * counts those left out for a failure on record. */
int store_collect_todo(struct store *, const char *model, const struct collect_filter *,
    struct collect_job **, size_t *, size_t *skipped, struct errlist *);
void collect_jobs_free(struct collect_job *, size_t);
/* Store an answer as the model's output (text through the gate, metadata a
 * JSON object) and clear the failure on record: one transaction.  An
 * output already there (a second collect running at once) is kept. */
int store_collect_put(struct store *, const char *model, const struct collect_job *,
    const char *text, const char *metadata, struct errlist *);
/* Record why a request failed (status: the HTTP status, 0 for none). */
int store_collect_fail(struct store *, const char *model, const struct collect_job *,
    long status, const char *message, struct errlist *);
/* Outputs whose answer was cut off at the token limit (metadata
 * "truncated"), of the current prompt versions. */
int store_collect_truncated(struct store *, long *, struct errlist *);

#endif
