#!/bin/sh
# collect.sh: `make bench` for collect.  10,000 prompts asked of one model on
# the local test server (tests/tools/collect-server.py) at 64 concurrent
# requests, then the same 10,000 request bodies (from collect --dry-run)
# sent by `xargs -P 64 curl` to the same server in the same run.  Prints
# wall time, CPU per request and peak memory of each, and the throughput
# ratio.  Not a test: nothing here passes or fails on speed.
set -eu
: "${PANELIST:?run through make bench}"
: "${TESTS_SRCDIR:?run through make bench}"
N=${N_COLLECT:-10000}
P=${P_COLLECT:-64}

work=$(mktemp -d "${TMPDIR:-/tmp}/panelist-bench.XXXXXX")
mkdir "$work/server"
python3 "$TESTS_SRCDIR/tools/collect-server.py" "$work/server" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
i=0
while [ ! -s "$work/server/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
port=$(cat "$work/server/port")

awk -v n="$N" 'BEGIN {
	print "kind: prompts"; print "prompts:"
	for (i = 0; i < n; i++)
		printf "  - {id: p-%05d, capabilities: [summarization], title: P%d, turns: [{role: user, content: \"Summarize report %d in three bullets.\"}]}\n", i, i, i
}' >"$work/prompts.yaml"
cat >"$work/models.yaml" <<END
kind: models
models:
  - name: bench
    protocol: openai-chat
    base_url: http://127.0.0.1:$port/v1
    model: ok
    max_tokens: 100
    concurrency: $P
END
db=$work/study.db
"$PANELIST" --db "$db" import "$TESTS_SRCDIR/fixtures/good/rubric-summarization.yaml" \
    "$work/prompts.yaml" "$work/models.yaml" >/dev/null
"$PANELIST" --db "$db" collect --dry-run | grep '^{' >"$work/bodies"
echo "collect: $N requests at $P at once, to a local Python server"

# measure LABEL CMD...: wall seconds, CPU seconds per request, peak RSS.
measure() {
	label=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>&1
	read -r wall user sys rss <"$work/time"
	awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v n="$N" 'BEGIN {
		printf "  %-28s %7.2f s wall %7.0f req/s %7.3f ms CPU/req %8d KB peak\n",
		    l, w, n / w, 1000 * (u + s) / n, r }'
	last_wall=$wall
}

measure "panelist collect" "$PANELIST" --db "$db" collect
c=$last_wall
stored=$("${SQLITE3:-sqlite3}" "$db" "SELECT count(*) FROM output")
# The same bodies, one curl each (its peak is one curl process's).
measure "xargs -P $P curl" xargs -P "$P" -d '\n' -I '{}' curl -s -o /dev/null \
    -H 'Content-Type: application/json' --data-binary '{}' \
    "http://127.0.0.1:$port/v1/chat/completions" <"$work/bodies"
k=$last_wall
echo "  stored $stored outputs; collect's throughput $(echo "$c $k" |
    awk '{ printf "%.1fx", $2 / $1 }') that of xargs curl"
