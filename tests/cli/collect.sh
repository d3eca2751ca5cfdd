# collect.sh: panelist collect against a local stand-in for the model
# servers (tests/tools/collect-server.py, 127.0.0.1 only): the exact
# request bodies of both protocols, multi-turn and Japanese; the metadata
# kept; a second run asks for nothing already collected; kill -9 loses
# nothing stored; 429 + Retry-After, 5xx and dropped connections retried;
# 400 recorded and asked again with --retry-failed; 401 stops only that
# model; a truncated answer marked and counted; timeouts, malformed and
# huge answers recorded; --dry-run sends nothing; the key never in a body,
# the database or a message; a key in a models file refused; TLS always
# verified (a private CA through ca_file); the
# concurrency limit held; Ctrl-C says how to resume.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"
if ! command -v python3 >/dev/null 2>&1; then
	echo "python3 not found: collect.sh skipped" >&2
	exit 77
fi
G=$FIXTURES/good
S=$WORK/server
mkdir -p "$S"
python3 "$TESTS_SRCDIR/tools/collect-server.py" "$S" &
SERVER=$!
TLS_SERVER=
trap 'kill "$SERVER" $TLS_SERVER 2>/dev/null; cleanup' EXIT
i=0
while [ ! -s "$S/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -s "$S/port" ] || { echo "the test server did not start" >&2; exit 99; }
PORT=$(cat "$S/port")
touch "$S/bodies" "$S/requests"

# crun ARGS...: panelist, never for more than a minute.
crun() {
	timeout 60 "$PANELIST" "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}

# study DB: the good prompts (one turn; three turns; Japanese) and rubrics.
study() {
	rm -f "$1"
	"$PANELIST" --db "$1" import "$G/prompts.yaml" "$G/rubric-summarization.yaml" \
	    "$G/rubric-generation.yaml" >/dev/null || fail "setup import into $1"
}

# model NAME PROTOCOL MODE [LINE...]: an entry of a models file on stdout.
model() {
	base=http://127.0.0.1:$PORT/v1
	[ "$2" = openai-chat ] || base=http://127.0.0.1:$PORT
	printf '  - name: %s\n    protocol: %s\n    base_url: %s\n    model: "%s"\n' \
	    "$1" "$2" "$base" "$3"
	shift 3
	for l in "$@"; do
		printf '    %s\n' "$l"
	done
}

# models FILE: a models file from the entries on stdin, imported.
models() {
	{ echo "kind: models"; echo "models:"; cat; } >"$WORK/$2.yaml"
	"$PANELIST" --db "$1" import "$WORK/$2.yaml" >/dev/null || fail "importing $2.yaml"
}

requests() {
	wc -l <"$S/requests" | tr -d ' '
}

sql() {
	"$SQLITE3" "$PANELIST_DB" "$1"
}

# meta WHERE EXPR...: the metadata of the outputs WHERE picks (o, m and p
# the output, its model and its prompt), one line each in the order of
# their ids, the Python expressions EXPR over it (m) joined by |; a
# boolean prints 1 or 0 and an object its compact JSON, as SQLite's
# json_extract does.  Read here rather than by the database's own JSON
# functions, which differ between engines.
meta() {
	where=$1
	shift
	sql "SELECT o.metadata FROM output o JOIN model m ON m.id = o.model
	    JOIN prompt p ON p.id = o.prompt WHERE $where ORDER BY o.id" | python3 -c '
import json, re, sys
def show(v):
    if isinstance(v, bool):
        return str(int(v))
    if isinstance(v, (dict, list)):
        return json.dumps(v, separators=(",", ":"), ensure_ascii=False)
    return "" if v is None else str(v)
for line in sys.stdin:
    m = json.loads(line)
    print("|".join(show(eval(e, {"m": m, "re": re})) for e in sys.argv[1:]))
' "$@"
}

export KEY_GPT=test-key-gpt-0123 KEY_CLAUDE=test-key-claude-4567

# ---- the exact bodies, both protocols; headers; metadata --------------------
PANELIST_DB=$(new_db a)
export PANELIST_DB
study "$PANELIST_DB"
{
	model gpt openai-chat ok "api_key_env: KEY_GPT" "temperature: 0.5" "max_tokens: 100" \
	    "top_p: 0.9" "system: Be brief." "stop: [END]" "extra: {seed: 7, user: \"7\"}"
	model claude anthropic-messages ok "api_key_env: KEY_CLAUDE" "max_tokens: 64" \
	    "system: 簡潔に。" "stop: [終わり]"
} | models "$PANELIST_DB" m-exact
crun collect
expect_status 0 "collect from two models"
expect_out "^claude: 3 of 3 stored, 0 failed, 0 truncated" "claude's summary line"
expect_out "^gpt: 3 of 3 stored, 0 failed, 0 truncated" "gpt's summary line"
O_HEAD='{"model":"ok","temperature":0.5,"max_tokens":100,"top_p":0.9,"stop":["END"],"seed":7,"user":"7","messages":[{"role":"system","content":"Be brief."},'
A_HEAD='{"model":"ok","max_tokens":64,"system":"簡潔に。","stop_sequences":["終わり"],"messages":['
for body in \
    "$O_HEAD"'{"role":"user","content":"Summarize this incident report in three bullet points for the executives.\n"}]}' \
    "$O_HEAD"'{"role":"user","content":"Write a short launch note."},{"role":"assistant","content":"Here is a launch note."},{"role":"user","content":"Make it shorter, please."}]}' \
    "$O_HEAD"'{"role":"user","content":"次の会議メモを三行で要約してください。"}]}' \
    "$A_HEAD"'{"role":"user","content":"Summarize this incident report in three bullet points for the executives.\n"}]}' \
    "$A_HEAD"'{"role":"user","content":"Write a short launch note."},{"role":"assistant","content":"Here is a launch note."},{"role":"user","content":"Make it shorter, please."}]}' \
    "$A_HEAD"'{"role":"user","content":"次の会議メモを三行で要約してください。"}]}'; do
	ok
	[ "$(grep -cFx -- "$body" "$S/bodies")" = 1 ] || fail "not sent exactly once: $body
(received: $(cat "$S/bodies"))"
done
ok
[ "$(requests)" = 6 ] || fail "six requests expected: $(cat "$S/requests")"
ok
[ "$(grep -c "^/v1/chat/completions	ok	Bearer test-key-gpt-0123	-	-	" "$S/requests")" = 3 ] ||
    fail "openai-chat: the key as a bearer token, no other key: $(cat "$S/requests")"
ok
[ "$(grep -c "^/v1/messages	ok	-	test-key-claude-4567	2023-06-01	" "$S/requests")" = 3 ] ||
    fail "anthropic-messages: x-api-key and the version: $(cat "$S/requests")"
ok
! grep -q "test-key" "$S/bodies" || fail "a key in a request body"
ok
! dump "$PANELIST_DB" | grep -q "test-key" || fail "a key in the database"
ok
! grep -q "test-key" "$WORK/err" "$WORK/out" || fail "a key in the messages"
ok
[ "$(sql "SELECT count(*), count(DISTINCT prompt || ' ' || model) FROM output")" = "6|6" ] ||
    fail "each output stored once: $(sql "SELECT prompt, model FROM output")"
{
	sql "SELECT o.text FROM output o JOIN model m ON m.id = o.model
	    JOIN prompt p ON p.id = o.prompt WHERE m.name = 'gpt' AND p.name = 'sum-japanese'"
	meta "m.name = 'gpt' AND p.name = 'sum-japanese'" 'm["protocol"]' 'm["host"]' \
	    'm["provider_model"]' 'm["server_model"]' 'm["request"]' 'm["system"]' \
	    'm["input_tokens"]' 'm["output_tokens"]' 'm["finish_reason"]' 'm["truncated"]' \
	    'm["request_id"].startswith("req_o")' 'm["seconds"] >= m["latency_seconds"]' \
	    'm["latency_seconds"] >= 0' 're.fullmatch(r"20[0-9][0-9]-.*T.*Z", m["collected"]) is not None'
} | tr '\n' '|' >"$WORK/meta"
ok
[ "$(cat "$WORK/meta")" = "answer from ok to: 次の会議メモを三行で要約してください。|openai-chat|127.0.0.1:$PORT|ok|ok-2024|{\"model\":\"ok\",\"temperature\":0.5,\"max_tokens\":100,\"top_p\":0.9,\"stop\":[\"END\"],\"seed\":7,\"user\":\"7\"}|Be brief.|11|7|stop|0|1|1|1|1|" ] ||
    fail "gpt's metadata: $(cat "$WORK/meta")"
ok
[ "$(meta "m.name = 'claude'" 'm["server_model"]' 'm["request_id"].startswith("req_a")' |
    sort -u)" = "ok-20250101|1" ] ||
    fail "claude's server model and request id (from its header)"

# A second run asks for nothing.
crun collect
expect_status 0 "a second run"
expect_out "^Nothing to collect" "nothing left to ask"
ok
[ "$(requests)" = 6 ] || fail "a second run sent requests: $(requests)"

# ---- --dry-run: what would be sent, without the key; nothing sent ------------
PANELIST_DB=$(new_db dry)
export PANELIST_DB
study "$PANELIST_DB"
model gpt openai-chat ok "api_key_env: KEY_GPT" "system: Be brief." | models "$PANELIST_DB" m-dry
dump "$PANELIST_DB" >"$WORK/before.sql"
crun collect --dry-run --prompt sum-japanese
expect_status 0 "--dry-run"
expect_out "^POST http://127.0.0.1:$PORT/v1/chat/completions$" "the endpoint"
expect_out '^Authorization: Bearer \$KEY_GPT$' "the key's variable, not the key"
expect_out '^\{"model":"ok","messages":\[\{"role":"system","content":"Be brief."\},\{"role":"user","content":"次の会議メモを三行で要約してください。"\}\]\}$' \
    "the body"
ok
! grep -q "test-key" "$WORK/out" "$WORK/err" || fail "--dry-run shows the key"
ok
[ "$(grep -c '^POST ' "$WORK/out")" = 1 ] || fail "--prompt: one request shown"
ok
[ "$(requests)" = 6 ] || fail "--dry-run sent a request"
dump "$PANELIST_DB" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "--dry-run changed the database"

# ---- 429 with Retry-After, 500 and a dropped connection: retried, stored ----
PANELIST_DB=$(new_db retry)
export PANELIST_DB
study "$PANELIST_DB"
{
	model r429 openai-chat 429:2 "backoff: 0.05"
	model r500 anthropic-messages 500:2 "max_tokens: 10" "backoff: 0.05"
	model rdrop openai-chat drop:1 "backoff: 0.05"
} | models "$PANELIST_DB" m-retry
n0=$(requests)
# r429 alone, timed: two waits of Retry-After: 1, where its backoff alone
# would be 0.05 s and 0.1 s (with jitter, at most 0.225 s in all).
t0=$(date +%s%N)
crun collect --model r429
t1=$(date +%s%N)
expect_status 0 "429 retried until answered"
ok
[ $(((t1 - t0) / 1000000)) -ge 1900 ] ||
    fail "Retry-After not honoured: $(((t1 - t0) / 1000000)) ms"
crun collect
expect_status 0 "500 and dropped connections retried until answered"
ok
[ "$(for n in r429 r500 rdrop; do
	printf '%s|%s ' $n "$(meta "m.name = '$n'" 'm["attempts"]' | sort | uniq -c |
	    awk '{ printf "%s×%s ", $1, $2 }')"
done)" = "r429|3×3  r500|3×3  rdrop|3×2  " ] ||
    fail "each answer stored after its retries: $(sql "SELECT m.name, o.metadata FROM output o JOIN model m ON m.id = o.model")"
ok
[ $(($(requests) - n0)) = 24 ] || fail "3 + 3 + 2 requests per prompt: $(($(requests) - n0))"

# ---- requests per minute: 120 a minute is one every half second -----------
PANELIST_DB=$(new_db rpm)
export PANELIST_DB
study "$PANELIST_DB"
model paced openai-chat ok "requests_per_minute: 120" "concurrency: 4" | models "$PANELIST_DB" m-rpm
t0=$(date +%s%N)
crun collect
t1=$(date +%s%N)
expect_status 0 "collect under a rate limit"
ok
[ $(((t1 - t0) / 1000000)) -ge 950 ] ||
    fail "three requests at 120 a minute took $(((t1 - t0) / 1000000)) ms, not 1 s"

# ---- 400: recorded with the server's message, asked again on request -------
PANELIST_DB=$(new_db bad)
export PANELIST_DB
study "$PANELIST_DB"
model r400 openai-chat 400:1 | models "$PANELIST_DB" m-400
crun collect
expect_status 1 "a 400 answer"
expect_err "^panelist: model 'r400', prompt 'sum-japanese': HTTP 400: messages: the test server refuses this once$" \
    "the failure with the server's message"
ok
[ "$(sql "SELECT count(*), min(status), min(message) FROM collect_failure")" = \
    "3|400|HTTP 400: messages: the test server refuses this once" ] ||
    fail "the failures recorded: $(sql "SELECT * FROM collect_failure")"
n0=$(requests)
crun collect
expect_status 0 "a second run skips the failed requests"
expect_err "3 requests failed before and are not asked again; --retry-failed asks again" \
    "says why nothing is asked"
ok
[ "$(requests)" = "$n0" ] || fail "failed requests asked again without --retry-failed"
crun collect --retry-failed
expect_status 0 "--retry-failed"
ok
[ "$(sql "SELECT (SELECT count(*) FROM output) || ' ' || (SELECT count(*) FROM collect_failure)")" = "3 0" ] ||
    fail "--retry-failed stores the answers and clears the failures"

# ---- 401 stops that model, naming the variable; the other completes ---------
PANELIST_DB=$(new_db auth)
export PANELIST_DB
study "$PANELIST_DB"
{
	model refused openai-chat 401 "api_key_env: KEY_REFUSED" "concurrency: 1"
	model fine anthropic-messages ok "max_tokens: 10"
	model unset openai-chat ok "api_key_env: KEY_NOT_SET_ANYWHERE"
} | models "$PANELIST_DB" m-401
n0=$(requests)
KEY_REFUSED=test-key-refused-89 crun collect
expect_status 2 "a model refused its key"
expect_err "^panelist: model 'refused': the server refused the key \(HTTP 401: invalid api key\); check the environment variable KEY_REFUSED; this model is stopped$" \
    "401 names the variable"
expect_err "^panelist: model 'unset': the environment variable KEY_NOT_SET_ANYWHERE, which should hold its key, is not set; this model is stopped$" \
    "a variable not set"
ok
! grep -q "test-key" "$WORK/err" || fail "the refused key in a message"
ok
[ "$(sql "SELECT m.name, count(*) FROM output o JOIN model m ON m.id = o.model GROUP BY m.name")" = "fine|3" ] ||
    fail "the other model completes: $(sql "SELECT model, prompt FROM output")"
ok
[ "$(tail -n +$((n0 + 1)) "$S/requests" | grep -c '	401	')" = 1 ] ||
    fail "the refused model asked once, not for every prompt: $(tail -n +$((n0 + 1)) "$S/requests")"
ok
[ "$(tail -n +$((n0 + 1)) "$S/requests" | grep -c '	ok	Bearer')" = 0 ] ||
    fail "a model without its key sent a request"

# ---- TLS always verified: a server that does not speak it stops the model --
PANELIST_DB=$(new_db tls)
export PANELIST_DB
study "$PANELIST_DB"
printf '  - {name: tls, protocol: openai-chat, base_url: "https://127.0.0.1:%s/v1", model: ok, concurrency: 1}\n' \
    "$PORT" | models "$PANELIST_DB" m-tls
n0=$(requests)
crun collect
expect_status 2 "a server whose TLS fails"
expect_err "^panelist: model 'tls': SSL connect error \(https://127.0.0.1:$PORT/v1/chat/completions\); this model is stopped$" \
    "the model stopped, saying why and where"
ok
[ "$(grep -c "model 'tls'" "$WORK/err")" = 1 ] || fail "one message, not one per prompt: $(cat "$WORK/err")"
ok
[ "$(requests)" = "$n0" ] || fail "a request went through without TLS"

# A server of a private CA: verified against ca_file, refused without it.
if command -v openssl >/dev/null 2>&1; then
	T=$WORK/tls-server
	mkdir -p "$T"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" \
	    -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 ||
	    fail "making a certificate"
	python3 "$TESTS_SRCDIR/tools/collect-server.py" "$T" tls &
	TLS_SERVER=$!
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	TPORT=$(cat "$T/port")
	PANELIST_DB=$(new_db tls2)
	export PANELIST_DB
	study "$PANELIST_DB"
	printf '  - {name: %s, protocol: openai-chat, base_url: "https://127.0.0.1:%s/v1", model: ok%s}\n' \
	    private "$TPORT" ", ca_file: \"$T/cert.pem\"" public "$TPORT" "" | models "$PANELIST_DB" m-tls2
	crun collect
	expect_status 2 "a private CA's server"
	expect_err "^panelist: model 'public': SSL peer certificate or SSH remote key was not OK \(https://127.0.0.1:$TPORT/v1/chat/completions\); this model is stopped$" \
	    "without ca_file the certificate does not verify"
	ok
	[ "$(sql "SELECT m.name, count(*) FROM output o JOIN model m ON m.id = o.model GROUP BY m.name")" = "private|3" ] ||
	    fail "with ca_file the answers come: $(cat "$WORK/err")"
	ok
	[ "$(grep -c '	ok	' "$T/requests")" = 3 ] || fail "only the verified model's requests arrived"
	kill "$TLS_SERVER"
else
	echo "openssl not found: the ca_file case skipped" >&2
fi

# ---- a truncated answer: stored, marked, counted -----------------------------
PANELIST_DB=$(new_db cut)
export PANELIST_DB
study "$PANELIST_DB"
{
	model cut anthropic-messages length "max_tokens: 5"
	model cut2 openai-chat length
} | models "$PANELIST_DB" m-cut
crun collect
expect_status 0 "truncated answers"
expect_out "^cut: 3 of 3 stored, 0 failed, 3 truncated" "counted in the summary"
ok
[ "$(meta "1 = 1" 'm["truncated"] is True and m["finish_reason"] in ("max_tokens", "length")' |
    grep -c '^1$')" = 6 ] ||
    fail "marked truncated: $(sql "SELECT metadata FROM output")"
crun status
expect_out "^Truncated: 6 outputs cut off at the token limit$" "status counts them"
echo "ana sum-japanese cut summarization accuracy 4" | "$PUT_RATINGS" "$PANELIST_DB" ||
    fail "setup a rating for the report"
crun report -o "$WORK/cut.html"
expect_status 0 "a report of the truncated outputs"
ok
grep -q "<dt>Truncated outputs</dt><dd>6 (cut off at the token limit" "$WORK/cut.html" ||
    fail "the report counts them: $(grep -o 'Truncated outputs.\{0,60\}' "$WORK/cut.html")"

# ---- timeouts, malformed and huge answers: recorded -------------------------
PANELIST_DB=$(new_db odd)
export PANELIST_DB
study "$PANELIST_DB"
{
	model hang openai-chat slow:5 "timeout: 0.5" "retries: 1" "backoff: 0.05"
	model mangled openai-chat malformed
	model huge openai-chat huge
	model moved openai-chat moved "api_key_env: KEY_GPT"
} | models "$PANELIST_DB" m-odd
crun collect --prompt sum-japanese
expect_status 1 "odd answers"
expect_err "^panelist: model 'hang', prompt 'sum-japanese': no answer within 0.5 seconds; gave up after 2 attempts$" \
    "a timeout, retried, then recorded"
expect_err "^panelist: model 'mangled', prompt 'sum-japanese': the answer is not JSON" \
    "a malformed answer"
expect_err "^panelist: model 'huge', prompt 'sum-japanese': the answer is larger than 8 MiB; refused$" \
    "a huge answer"
expect_err "^panelist: model 'moved', prompt 'sum-japanese': HTTP 307: " \
    "a redirect is not followed"
ok
! grep -q "^/elsewhere" "$S/requests" || fail "the key followed a redirect: $(grep elsewhere "$S/requests")"
ok
[ "$(sql "SELECT count(*) FROM output") $(sql "SELECT count(*) FROM collect_failure")" = "0 4" ] ||
    fail "nothing stored, four failures recorded"

# ---- --model, --limit, and names that are not there --------------------------
PANELIST_DB=$(new_db pick)
export PANELIST_DB
study "$PANELIST_DB"
{
	model one openai-chat ok
	model two openai-chat ok
} | models "$PANELIST_DB" m-pick
crun collect --model two --limit 1
expect_status 0 "--model two --limit 1"
ok
[ "$(sql "SELECT m.name, count(*) FROM output o JOIN model m ON m.id = o.model GROUP BY m.name")" = "two|1" ] ||
    fail "only model two, one prompt: $(sql "SELECT model, prompt FROM output")"
crun collect --model one --capability generation
expect_status 0 "--capability generation"
ok
[ "$(sql "SELECT p.name FROM output o JOIN model m ON m.id = o.model
    JOIN prompt p ON p.id = o.prompt WHERE m.name = 'one'")" = gen-launch-note ] ||
    fail "--capability: only the prompt rated for it: $(sql "SELECT prompt FROM output")"
dump "$PANELIST_DB" >"$WORK/before.sql"
crun collect --capability no-such-capability
expect_status 2 "an unknown --capability"
crun collect --model three
expect_status 2 "an unknown --model"
expect_err "no model under test is named 'three'" "names the unknown model"
crun collect --prompt no-such-prompt
expect_status 2 "an unknown --prompt"
expect_err "--prompt no-such-prompt: no such prompt" "names the unknown prompt"
dump "$PANELIST_DB" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a refused collect changed the database"

# ---- the concurrency limit --------------------------------------------------
# Eight prompts, so that the limit, not the work, bounds the requests.
prompts8() {
	echo "kind: prompts"
	echo "prompts:"
	for k in 1 2 3 4 5 6 7 8; do
		printf '  - {id: p%s, capabilities: [summarization], title: P%s, turns: [{role: user, content: "question %s"}]}\n' \
		    "$k" "$k" "$k"
	done
}
PANELIST_DB=$(new_db many)
export PANELIST_DB
rm -f "$PANELIST_DB"
prompts8 >"$WORK/p8.yaml"
"$PANELIST" import "$G/rubric-summarization.yaml" "$WORK/p8.yaml" >/dev/null || fail "setup p8"
{
	model "slow:0.3" openai-chat slow:0.3 "concurrency: 3"
	model "slow:0.31" anthropic-messages slow:0.31 "max_tokens: 9" "concurrency: 1"
} | models "$PANELIST_DB" m-many
crun collect
expect_status 0 "collect under a concurrency limit"
ok
[ "$(awk -F '\t' '$2 == "slow:0.3" && $6 > m { m = $6 } END { print m }' "$S/requests")" = 3 ] ||
    fail "concurrency 3: at most 3 at once, and 3 reached: $(grep 'slow:0.3	' "$S/requests")"
ok
[ "$(awk -F '\t' '$2 == "slow:0.31" && $6 > m { m = $6 } END { print m }' "$S/requests")" = 1 ] ||
    fail "concurrency 1: one at a time: $(grep 'slow:0.31' "$S/requests")"

# ---- kill -9 in the middle, then a second run: exactly the missing ones -----
PANELIST_DB=$(new_db kill)
export PANELIST_DB
rm -f "$PANELIST_DB"
"$PANELIST" import "$G/rubric-summarization.yaml" "$WORK/p8.yaml" >/dev/null || fail "setup kill"
model k openai-chat slow:0.4 "concurrency: 2" | models "$PANELIST_DB" m-kill
"$PANELIST" collect >"$WORK/kill-out" 2>&1 &
pid=$!
i=0
while [ "$(sql "SELECT count(*) FROM output")" -lt 2 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -9 "$pid"
wait "$pid" 2>/dev/null
got=$(sql "SELECT count(*) FROM output")
ok
[ "$got" -ge 2 ] && [ "$got" -lt 8 ] || fail "killed in the middle: $got outputs"
n0=$(requests)
crun collect
expect_status 0 "the run after kill -9"
ok
[ "$(sql "SELECT count(*), count(DISTINCT prompt) FROM output")" = "8|8" ] ||
    fail "every prompt once after the second run: $(sql "SELECT prompt FROM output")"
ok
[ $(($(requests) - n0)) = $((8 - got)) ] ||
    fail "the second run asks for exactly the missing ones: $(($(requests) - n0)) for $((8 - got))"

# ---- Ctrl-C: stops cleanly and says how to resume ----------------------------
PANELIST_DB=$(new_db int)
export PANELIST_DB
rm -f "$PANELIST_DB"
"$PANELIST" import "$G/rubric-summarization.yaml" "$WORK/p8.yaml" >/dev/null || fail "setup int"
model c openai-chat slow:3 | models "$PANELIST_DB" m-int
n0=$(requests)
"$PANELIST" collect >"$WORK/out" 2>"$WORK/err" &
pid=$!
( sleep 30; kill -9 "$pid" ) >/dev/null 2>&1 &
watchdog=$!
# Signalled once its first request is at the server, so the handler is in place.
i=0
while [ "$(requests)" = "$n0" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -INT "$pid"
wait "$pid"
status=$?
kill "$watchdog" 2>/dev/null
expect_status 1 "interrupted"
expect_err "^panelist: interrupted: 0 answers are stored; run 'panelist collect' again to ask for the rest$" \
    "says how to resume"
"$SQLITE3" "$PANELIST_DB" "PRAGMA integrity_check" >"$WORK/ic"
ok
[ "$(cat "$WORK/ic")" = ok ] || fail "the database after Ctrl-C: $(cat "$WORK/ic")"

# ---- a key in the models file: refused where it stands ----------------------
PANELIST_DB=$(new_db key)
export PANELIST_DB
study "$PANELIST_DB"
dump "$PANELIST_DB" >"$WORK/before.sql"
cat >"$WORK/keyed.yaml" <<EOF
kind: models
models:
  - name: leaky
    protocol: openai-chat
    base_url: https://api.example.com/v1
    model: gpt-x
    api_key_env: sk-proj-abcdefghijklmnopqrstuvwx
  - name: leaky2
    protocol: anthropic-messages
    base_url: https://api.example.com
    model: claude-x
    max_tokens: 10
    extra: {metadata_token: "Qx7pZr2LmN9vBt4KwY8sJd3Hf6Gc1Ae5"}
  - name: leaky3
    protocol: openai-chat
    base_url: https://user:hunter2@api.example.com/v1
    model: gpt-x
EOF
crun import "$WORK/keyed.yaml"
expect_status 2 "a key in a models file"
expect_err "^panelist: $WORK/keyed.yaml:7:18: model 'leaky': this looks like an API key; put the key in an environment variable and give its name as api_key_env$" \
    "the key where the variable's name belongs, with file:line:column"
expect_err "^panelist: $WORK/keyed.yaml:13:29: model 'leaky2': this looks like an API key" \
    "a token among the extra fields"
expect_err "^panelist: $WORK/keyed.yaml:16:15: model 'base_url': the URL holds a user name or password" \
    "a password in the URL"
# The other rules of a models file, each at its place.
cat >"$WORK/wrong.yaml" <<EOF
kind: models
models:
  - name: a
    protocol: openai-completions
    base_url: ftp://example.com
    model: m
    api_key_env: 1KEY
    temperature: 3
    extra: {messages: x}
  - name: b
    protocol: anthropic-messages
    base_url: https://api.example.com
    model: m
    concurrency: 0
  - {name: c, protocol: openai-chat, base_url: "http://h/v1", model: m}
  - {name: c, protocol: openai-chat, base_url: "http://h/v1", model: m, modle: x}
EOF
crun import "$WORK/wrong.yaml"
expect_status 2 "a wrong models file"
for e in \
    "4:15: model 'protocol': expected openai-chat or anthropic-messages, found 'openai-completions'" \
    "5:15: model 'base_url': expected an http:// or https:// URL" \
    "7:18: model 'api_key_env': '1KEY' is not the name of an environment variable" \
    "8:18: model 'temperature': expected a number from 0 to 2, found '3'" \
    "9:13: model 'extra': 'messages' is collect's own field" \
    "14:18: model 'concurrency': expected a whole number from 1 to 1024, found '0'" \
    "10:5: model 'b': anthropic-messages needs max_tokens" \
    "16:73: model: unknown key 'modle' \(did you mean 'model'\?\)"; do
	expect_err "^panelist: $WORK/wrong.yaml:$e" "models file rule: $e"
done
sed '3,14d; $d' "$WORK/wrong.yaml" >"$WORK/twice.yaml"
printf '  - {name: c, protocol: openai-chat, base_url: "http://h/v1", model: m}\n' >>"$WORK/twice.yaml"
crun import "$WORK/twice.yaml"
expect_status 2 "a model named twice"
expect_err "^panelist: $WORK/twice.yaml:4:12: a second model named 'c' \(the first is at $WORK/twice.yaml:3\)" \
    "the second model of one name"
dump "$PANELIST_DB" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a refused models file changed the database"

finish
