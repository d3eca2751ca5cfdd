/* collect.c: the request loop of collect (collect.h). */
#include "config.h"

#include <curl/curl.h>
#include <math.h>
#include <stdarg.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "collect.h"
#include "collect-proto.h"
#include "i18n.h"
#include "models.h"

/* One model as the loop sees it. */
struct model_run {
	struct collect_target	*t;
	char			*url;
	char			*key;		/* NULL: none needed */
	size_t			 next;		/* the next job never asked */
	struct retry {
		size_t	 job;
		int	 attempt;	/* the attempt it will be */
		double	 at;		/* not before (monotonic seconds) */
	}			*retries;
	size_t			 n_retries;
	long			 in_flight;
	double			 next_start;	/* requests per minute */
	double			 started;	/* first request, 0 before */
	double			 ended;		/* seen finished, 0 before */
	bool			 stopped;
	size_t			 done, failed, truncated;
};

/* One request on the wire. */
struct request {
	struct request		*next, *prev;	/* in flight, for Ctrl-C */
	CURL			*easy;
	struct model_run	*m;
	size_t			 job;
	int			 attempt;	/* from 1 */
	struct buf		 body;
	bool			 too_big;
	double			 retry_after;	/* seconds, -1: not said */
	char			 request_id[128];
	struct curl_slist	*headers;
	char			*payload;
};

struct loop {
	struct store			*st;
	CURLM				*multi;
	struct model_run		*runs;
	size_t				 n;
	const struct collect_report	*rep;
	struct errlist			*errs;
	bool				 failed, broken;
	bool				 key_refused;	/* or a model unreachable */
	struct request			*flying;
};

static volatile sig_atomic_t interrupted;

/* A key is wiped from memory once used; a volatile pointer, so that the
 * writes are not left out as dead stores. */
static void
wipe(char *s)
{
	volatile char *p = s;

	while (p != NULL && *p != '\0')
		*p++ = '\0';
}

static void
on_signal(int sig)
{
	interrupted = sig;
}

static double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
collect_plan(struct store *st, char *const *names, size_t n_names,
    const struct collect_filter *f, struct collect_plan *p, struct errlist *errs)
{
	size_t i, k;
	int rc;

	memset(p, 0, sizeof *p);
	if ((rc = store_collect_models(st, &p->models, &p->n_models, errs)) != 0)
		return rc;
	for (i = 0; i < n_names; i++) {
		for (k = 0; k < p->n_models && strcmp(p->models[k].name, names[i]) != 0; k++)
			;
		if (k == p->n_models) {
			err_add(errs, _("no model under test is named '%s' (import a models file "
			    "that describes it; see panelist(5))"), names[i]);
			rc = STORE_INPUT;
		}
	}
	if (rc != 0)
		return rc;
	p->targets = xcalloc(p->n_models + 1, sizeof *p->targets);
	for (k = 0; rc == 0 && k < p->n_models; k++) {
		struct collect_target *t = &p->targets[p->n];

		for (i = 0; i < n_names && strcmp(p->models[k].name, names[i]) != 0; i++)
			;
		if (n_names > 0 && i == n_names)
			continue;
		t->def = &p->models[k];
		rc = store_collect_todo(st, t->def->name, f, &t->jobs, &t->n_jobs, &t->skipped,
		    errs);
		p->n++;
	}
	return rc;
}

void
collect_plan_free(struct collect_plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		collect_jobs_free(p->targets[i].jobs, p->targets[i].n_jobs);
	free(p->targets);
	collect_models_free(p->models, p->n_models);
	memset(p, 0, sizeof *p);
}

/* Each message loses the key wherever a server echoed it back. */
static void
say(struct loop *l, struct model_run *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct loop *l, struct model_run *m, const char *fmt, ...)
{
	va_list ap;
	char *s, *k;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	while (m != NULL && m->key != NULL && *m->key != '\0' && (k = strstr(s, m->key)) != NULL)
		memset(k, '*', strlen(m->key));
	l->rep->line(l->rep->arg, s);
	free(s);
}

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct request *r = arg;

	if (r->body.len + n * size > COLLECT_MAX_RESPONSE) {
		r->too_big = true;
		return 0;	/* libcurl ends the transfer with CURLE_WRITE_ERROR */
	}
	buf_add(&r->body, data, n * size);
	return n * size;
}

/* Header lines: Retry-After and the provider's request id. */
static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	struct request *r = arg;
	char line[256], *v;
	size_t len = n < sizeof line - 1 ? n : sizeof line - 1;

	memcpy(line, data, len);
	line[len] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if ((v = strchr(line, ':')) == NULL)
		return n * size;
	*v++ = '\0';
	v += strspn(v, " \t");
	if (strcasecmp(line, "retry-after") == 0) {
		char *end;
		double s = strtod(v, &end);
		time_t when;

		if (end != v && *end == '\0' && s >= 0)
			r->retry_after = s;
		else if ((when = curl_getdate(v, NULL)) >= 0)
			r->retry_after = difftime(when, time(NULL)) > 0 ?
			    difftime(when, time(NULL)) : 0;
	} else if (strcasecmp(line, "x-request-id") == 0 || strcasecmp(line, "request-id") == 0)
		snprintf(r->request_id, sizeof r->request_id, "%s", v);
	return n * size;
}

static void
headers_for(struct request *r)
{
	struct model_run *m = r->m;
	char *h;

	r->headers = curl_slist_append(NULL, "Content-Type: application/json");
	/* No "100 continue" round trip before each body. */
	r->headers = curl_slist_append(r->headers, "Expect:");
	if (models_protocol(m->t->def->protocol) == MODELS_ANTHROPIC) {
		r->headers = curl_slist_append(r->headers, "anthropic-version: 2023-06-01");
		h = m->key != NULL ? xasprintf("x-api-key: %s", m->key) : NULL;
	} else
		h = m->key != NULL ? xasprintf("Authorization: Bearer %s", m->key) : NULL;
	if (h != NULL) {
		r->headers = curl_slist_append(r->headers, h);
		wipe(h);
		free(h);
	}
	if (r->headers == NULL)
		out_of_memory();
}

static void
start(struct loop *l, struct model_run *m, size_t job, int attempt)
{
	const struct collect_model *d = m->t->def;
	struct request *r = xcalloc(1, sizeof *r);
	long ms = (long)(d->timeout * 1000);

	r->m = m;
	r->job = job;
	r->attempt = attempt;
	r->retry_after = -1;
	r->payload = proto_body(d, &m->t->jobs[job]);
	headers_for(r);
	if ((r->easy = curl_easy_init()) == NULL)
		out_of_memory();
	curl_easy_setopt(r->easy, CURLOPT_URL, m->url);
	curl_easy_setopt(r->easy, CURLOPT_POSTFIELDS, r->payload);
	curl_easy_setopt(r->easy, CURLOPT_POSTFIELDSIZE, (long)strlen(r->payload));
	curl_easy_setopt(r->easy, CURLOPT_HTTPHEADER, r->headers);
	curl_easy_setopt(r->easy, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(r->easy, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(r->easy, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(r->easy, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(r->easy, CURLOPT_PRIVATE, r);
	curl_easy_setopt(r->easy, CURLOPT_TIMEOUT_MS, ms);
	curl_easy_setopt(r->easy, CURLOPT_CONNECTTIMEOUT_MS, ms < 30000 ? ms : 30000L);
	curl_easy_setopt(r->easy, CURLOPT_NOSIGNAL, 1L);
	/* The key goes to this host only: no redirect is followed. */
	curl_easy_setopt(r->easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(r->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(r->easy, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(r->easy, CURLOPT_SSL_VERIFYHOST, 2L);
	if (d->ca_file != NULL)
		curl_easy_setopt(r->easy, CURLOPT_CAINFO, d->ca_file);
	curl_easy_setopt(r->easy, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	if (curl_multi_add_handle(l->multi, r->easy) != CURLM_OK)
		out_of_memory();
	if ((r->next = l->flying) != NULL)
		r->next->prev = r;
	l->flying = r;
	m->in_flight++;
	if (m->started == 0)
		m->started = now_mono();
}

static void
request_free(struct loop *l, struct request *r)
{
	if (r->prev != NULL)
		r->prev->next = r->next;
	else
		l->flying = r->next;
	if (r->next != NULL)
		r->next->prev = r->prev;
	curl_slist_free_all(r->headers);
	curl_easy_cleanup(r->easy);
	buf_free(&r->body);
	free(r->payload);
	free(r);
}

/* Start what each model's limits allow now. */
static void
launch(struct loop *l, struct model_run *m, double now)
{
	const struct collect_model *d = m->t->def;
	size_t i;

	while (!m->stopped && m->in_flight < d->concurrency) {
		size_t job = 0;
		int attempt = 1;
		bool have = false;

		if (d->requests_per_minute > 0 && now < m->next_start)
			return;
		for (i = 0; i < m->n_retries; i++) {
			if (m->retries[i].at <= now) {
				job = m->retries[i].job;
				attempt = m->retries[i].attempt;
				m->retries[i] = m->retries[--m->n_retries];
				have = true;
				break;
			}
		}
		if (!have && m->next < m->t->n_jobs) {
			job = m->next++;
			have = true;
		}
		if (!have)
			return;
		if (d->requests_per_minute > 0)
			m->next_start = (now > m->next_start ? now : m->next_start) +
			    60.0 / (double)d->requests_per_minute;
		start(l, m, job, attempt);
	}
}

static bool
finished(const struct model_run *m)
{
	return m->in_flight == 0 && (m->stopped || (m->next == m->t->n_jobs &&
	    m->n_retries == 0));
}

static void
record_failure(struct loop *l, struct model_run *m, size_t job, long status,
    const char *msg)
{
	struct collect_job *j = &m->t->jobs[job];
	char *clean = xstrdup(msg), *k;

	while (m->key != NULL && *m->key != '\0' && (k = strstr(clean, m->key)) != NULL)
		memset(k, '*', strlen(m->key));
	m->failed++;
	l->failed = true;
	say(l, m, _("model '%s', prompt '%s': %s"), m->t->def->name, j->prompt, clean);
	if (store_collect_fail(l->st, m->t->def->name, j, status, clean, l->errs) != 0)
		l->broken = true;
	free(clean);
}

static void
retry_later(struct loop *l, struct request *r, long status, const char *why)
{
	struct model_run *m = r->m;
	const struct collect_model *d = m->t->def;
	double wait;

	if (r->attempt > d->retries) {
		char *msg = xasprintf(P_("%s; gave up after %d attempt",
		    "%s; gave up after %d attempts", (unsigned long)r->attempt), why, r->attempt);

		record_failure(l, m, r->job, status, msg);
		free(msg);
		return;
	}
	/* Exponential, with jitter so that many waiting requests do not all
	 * come back in the same instant. */
	wait = d->backoff * pow(2, r->attempt - 1) * (0.5 + (double)random() / RAND_MAX);
	if (r->retry_after > wait)
		wait = r->retry_after;
	if (wait > COLLECT_MAX_WAIT)
		wait = COLLECT_MAX_WAIT;
	m->retries = xreallocarray(m->retries, m->n_retries + 1, sizeof *m->retries);
	m->retries[m->n_retries].job = r->job;
	m->retries[m->n_retries].attempt = r->attempt + 1;
	m->retries[m->n_retries++].at = now_mono() + wait;
}

static void
stop_model(struct loop *l, struct model_run *m, long status, const char *server)
{
	const struct collect_model *d = m->t->def;

	if (m->stopped)
		return;
	m->stopped = true;
	l->key_refused = true;
	if (d->api_key_env != NULL)
		say(l, m, _("model '%s': the server refused the key (HTTP %ld: %s); check the "
		    "environment variable %s; this model is stopped"), d->name, status, server,
		    d->api_key_env);
	else
		say(l, m, _("model '%s': the server asks for a key (HTTP %ld: %s); name the "
		    "environment variable that holds it in api_key_env; this model is stopped"),
		    d->name, status, server);
}

/* What no retry can mend and every request of the model would meet: a
 * certificate that does not verify, a URL libcurl cannot use. */
static bool
unreachable(CURLcode cc)
{
	return cc == CURLE_PEER_FAILED_VERIFICATION || cc == CURLE_SSL_CONNECT_ERROR ||
	    cc == CURLE_SSL_CACERT_BADFILE || cc == CURLE_SSL_CERTPROBLEM ||
	    cc == CURLE_UNSUPPORTED_PROTOCOL || cc == CURLE_URL_MALFORMAT;
}

static void
stop_unreachable(struct loop *l, struct model_run *m, const char *why)
{
	if (m->stopped)
		return;
	m->stopped = true;
	l->key_refused = true;
	say(l, m, _("model '%s': %s (%s); this model is stopped"), m->t->def->name, why,
	    m->url);
}

static void
store_answer(struct loop *l, struct request *r)
{
	struct model_run *m = r->m;
	struct collect_job *j = &m->t->jobs[r->job];
	struct proto_answer a;
	struct proto_timing t = { 0, 0, NULL, r->attempt };
	char *why, *meta;
	int rc;

	if ((why = proto_parse(m->t->def, r->body.data != NULL ? r->body.data : "",
	    r->body.len, &a)) != NULL) {
		record_failure(l, m, r->job, 200, why);
		free(why);
		return;
	}
	curl_easy_getinfo(r->easy, CURLINFO_STARTTRANSFER_TIME, &t.latency);
	curl_easy_getinfo(r->easy, CURLINFO_TOTAL_TIME, &t.seconds);
	t.request_id = r->request_id[0] != '\0' ? r->request_id : NULL;
	meta = proto_metadata(m->t->def, &a, &t);
	rc = store_collect_put(l->st, m->t->def->name, j, a.text, meta, l->errs);
	if (rc == STORE_INPUT) {
		/* The gate's sentence, as the request's failure. */
		char *why_not = xstrdup(l->errs->n > 0 ? l->errs->msgs[l->errs->n - 1] :
		    _("refused"));

		err_clear(l->errs);
		record_failure(l, m, r->job, 200, why_not);
		free(why_not);
	} else if (rc != 0)
		l->broken = true;
	else {
		m->done++;
		m->truncated += a.truncated;
	}
	free(meta);
	proto_answer_free(&a);
}

/* What an answer or a transfer's failure means for its request. */
static void
finish(struct loop *l, struct request *r, CURLcode cc)
{
	struct model_run *m = r->m;
	long status = 0;
	char *server;

	m->in_flight--;
	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
	if (cc != CURLE_OK) {
		char *why;

		if (m->stopped)
			return;
		if (r->too_big) {
			why = xasprintf(_("the answer is larger than %lu MiB; refused"),
			    COLLECT_MAX_RESPONSE / (1024 * 1024));
			record_failure(l, m, r->job, 0, why);
		} else if (cc == CURLE_OPERATION_TIMEDOUT) {
			why = xasprintf(_("no answer within %g seconds"), m->t->def->timeout);
			retry_later(l, r, 0, why);
		} else if (cc == CURLE_COULDNT_CONNECT || cc == CURLE_GOT_NOTHING ||
		    cc == CURLE_RECV_ERROR || cc == CURLE_SEND_ERROR || cc == CURLE_PARTIAL_FILE ||
		    cc == CURLE_COULDNT_RESOLVE_HOST || cc == CURLE_HTTP2 ||
		    cc == CURLE_HTTP2_STREAM) {
			why = xasprintf("%s", curl_easy_strerror(cc));
			retry_later(l, r, 0, why);
		} else if (unreachable(cc)) {
			why = xasprintf("%s", curl_easy_strerror(cc));
			stop_unreachable(l, m, why);
		} else {
			why = xasprintf("%s", curl_easy_strerror(cc));
			record_failure(l, m, r->job, 0, why);
		}
		free(why);
		return;
	}
	if (status >= 200 && status < 300) {
		store_answer(l, r);
		return;
	}
	if (m->stopped)
		return;
	server = proto_error(r->body.data != NULL ? r->body.data : "", r->body.len);
	if (status == 401 || status == 403)
		stop_model(l, m, status, server);
	else if (status == 408 || status == 429 || status >= 500) {
		char *why = xasprintf("HTTP %ld: %s", status, server);

		retry_later(l, r, status, why);
		free(why);
	} else {
		char *why = xasprintf("HTTP %ld: %s", status, server);

		record_failure(l, m, r->job, status, why);
		free(why);
	}
	free(server);
}

static void
progress(struct loop *l, bool final)
{
	struct collect_progress *p = xcalloc(l->n + 1, sizeof *p);
	double now = now_mono();
	size_t i;

	for (i = 0; i < l->n; i++) {
		struct model_run *m = &l->runs[i];

		p[i].model = m->t->def->name;
		p[i].done = m->done;
		p[i].todo = m->t->n_jobs;
		p[i].failed = m->failed;
		p[i].truncated = m->truncated;
		p[i].in_flight = (size_t)m->in_flight;
		/* A model done early keeps its own time and rate. */
		p[i].elapsed = m->started > 0 ? (m->ended > 0 ? m->ended : now) - m->started : 0;
		p[i].stopped = m->stopped;
	}
	l->rep->progress(l->rep->arg, p, l->n, final);
	free(p);
}

/* Milliseconds until the next retry or rate slot is due, at most 200. */
static int
next_wake(const struct loop *l, double now)
{
	double wake = now + 0.2;
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		const struct model_run *m = &l->runs[i];

		for (k = 0; k < m->n_retries; k++)
			if (m->retries[k].at < wake)
				wake = m->retries[k].at;
		if (m->t->def->requests_per_minute > 0 && m->next_start > now &&
		    m->next_start < wake)
			wake = m->next_start;
	}
	return wake <= now ? 0 : (int)((wake - now) * 1000) + 1;
}

/* The key from its variable; a model without one stops before sending. */
static void
prepare(struct loop *l, struct model_run *m, struct collect_target *t)
{
	const char *env = t->def->api_key_env, *key;

	m->t = t;
	m->url = proto_url(t->def);
	if (env == NULL || t->n_jobs == 0)
		return;
	key = getenv(env);
	if (key == NULL || *key == '\0') {
		m->stopped = true;
		l->key_refused = true;
		say(l, NULL, _("model '%s': the environment variable %s, which should hold its "
		    "key, is not set; this model is stopped"), t->def->name, env);
	} else if (strpbrk(key, "\r\n") != NULL) {
		m->stopped = true;
		l->key_refused = true;
		say(l, NULL, _("model '%s': the key in %s holds a line break; this model is "
		    "stopped"), t->def->name, env);
	} else
		m->key = xstrdup(key);
}

/* The transfers done: how many. */
static size_t
drain(struct loop *l)
{
	CURLMsg *msg;
	size_t done = 0;
	int left;

	while ((msg = curl_multi_info_read(l->multi, &left)) != NULL) {
		struct request *r;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&r);
		curl_multi_remove_handle(l->multi, r->easy);
		finish(l, r, msg->data.result);
		if (r->m->ended == 0 && finished(r->m))
			r->m->ended = now_mono();
		request_free(l, r);
		done++;
	}
	return done;
}

static bool
all_finished(const struct loop *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (!finished(&l->runs[i]))
			return false;
	}
	return true;
}

/* Ctrl-C: the answers already stored stay; the requests in flight are
 * dropped (they are asked again by the next run). */
static void
abandon(struct loop *l)
{
	while (l->flying != NULL) {
		struct request *r = l->flying;

		curl_multi_remove_handle(l->multi, r->easy);
		r->m->in_flight--;
		request_free(l, r);
	}
}

static void
loop_run(struct loop *l)
{
	double last = 0, now;
	int running;
	size_t i, done;

	for (;;) {
		now = now_mono();
		for (i = 0; !interrupted && !l->broken && i < l->n; i++)
			launch(l, &l->runs[i], now);
		if (interrupted || l->broken || all_finished(l))
			break;
		curl_multi_perform(l->multi, &running);
		/* A request done frees a slot: fill it at once, not after a wait. */
		done = drain(l);
		if (now - last >= 0.25) {
			progress(l, false);
			last = now;
		}
		if (done == 0)
			curl_multi_poll(l->multi, NULL, 0, next_wake(l, now_mono()), NULL);
	}
	if (interrupted || l->broken)
		abandon(l);
}

int
collect_run(struct store *st, struct collect_plan *p, const struct collect_report *rep,
    struct errlist *errs)
{
	struct loop l = { st, NULL, NULL, p->n, rep, errs, false, false, false, NULL };
	struct sigaction sa, old_int, old_term;
	size_t i, stored = 0;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (l.multi = curl_multi_init()) == NULL)
		out_of_memory();
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	l.runs = xcalloc(p->n + 1, sizeof *l.runs);
	for (i = 0; i < p->n; i++)
		prepare(&l, &l.runs[i], &p->targets[i]);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	loop_run(&l);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	progress(&l, true);
	for (i = 0; i < l.n; i++)
		stored += l.runs[i].done;
	if (interrupted)
		say(&l, NULL, P_("interrupted: %zu answer is stored; run 'panelist collect' "
		    "again to ask for the rest", "interrupted: %zu answers are stored; run "
		    "'panelist collect' again to ask for the rest", stored), stored);
	for (i = 0; i < l.n; i++) {
		wipe(l.runs[i].key);
		free(l.runs[i].key);
		free(l.runs[i].url);
		free(l.runs[i].retries);
	}
	free(l.runs);
	curl_multi_cleanup(l.multi);
	curl_global_cleanup();
	if (l.broken)
		return STORE_RUNTIME;
	if (l.key_refused)
		return 2;
	return l.failed || interrupted ? 1 : 0;
}
