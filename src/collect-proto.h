/* collect-proto.h: the two protocols collect speaks, as JSON: the request
 * body for a prompt's conversation, and the answer or the error read back.
 * No I/O here (collect.c moves the bytes). */
#ifndef PANELIST_COLLECT_PROTO_H
#define PANELIST_COLLECT_PROTO_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

/* The endpoint: openai-chat appends /chat/completions to the base URL
 * (".../v1"), anthropic-messages /v1/messages (to "https://host"). */
char *proto_url(const struct collect_model *);

/* The request body (JSON text): the model id, the settings mapped to the
 * protocol's names, and every turn of the conversation with its role, in
 * order (openai-chat puts the system prompt first among the messages,
 * anthropic-messages in "system"). */
char *proto_body(const struct collect_model *, const struct collect_job *);
/* The same body without "messages": what each output records and what
 * --dry-run shows. */
char *proto_settings(const struct collect_model *);

/* An answer read back. */
struct proto_answer {
	char		*text;
	char		*server_model;	/* the model/version the server named */
	char		*finish_reason;	/* finish_reason or stop_reason, as given */
	char		*id;		/* the answer's id, when given */
	long long	 input_tokens, output_tokens;	/* -1: not given */
	bool		 truncated;	/* cut off at the token limit */
};
/* NULL, or why the body is not an answer (allocated). */
char *proto_parse(const struct collect_model *, const char *body, size_t len,
    struct proto_answer *);
void proto_answer_free(struct proto_answer *);

/* The server's own message in an error body ({"error": {"message": ...}}
 * and its relatives), else the body's first bytes; allocated, never more
 * than PROTO_MESSAGE_MAX bytes. */
#define PROTO_MESSAGE_MAX	300
char *proto_error(const char *body, size_t len);

/* How the answer came: what the metadata adds to the answer itself. */
struct proto_timing {
	double		 latency;	/* seconds to the first byte */
	double		 seconds;	/* to the whole answer */
	const char	*request_id;	/* the provider's, from its header; or NULL */
	int		 attempts;
};
/* The output's metadata, a JSON object as text. */
char *proto_metadata(const struct collect_model *, const struct proto_answer *,
    const struct proto_timing *);

/* The host (and port) of a base URL, allocated. */
char *proto_host(const char *url);

#endif
