#!/bin/sh
# postgres.sh: `make bench` for a study on a PostgreSQL server, beside the
# same study in an SQLite file, in the same run:
#  - scores (with its intervals, and --resamples 0) at about 1M ratings: the study of
#    scores.sh (8,400 prompts x 4 models x 5 axes x 3 of 12 reviewers),
#    prompts and outputs through `panelist import` on each engine, the
#    ratings written by the same SQL in each engine's words;
#  - commit latency of 16 raters writing at once for BENCH_RATE_SECONDS (5)
#    each, every write its own transaction as on the rating screen
#    (tests/tools/hammer): the median and the 99th percentile, and the
#    writes a second all together.
# The server is a throwaway one on a Unix socket (tests/pg/server.sh), with
# fsync on and synchronous_commit off: a commit is not waited on to reach
# the disk, as with SQLite's synchronous=NORMAL in WAL mode.  CPU time is
# the client's (user + system); the server's own time is in the wall time.
# Without PostgreSQL it says so and measures nothing.
set -eu
: "${PANELIST:?run through make bench}"
: "${TESTS_SRCDIR:?run through make bench}"
: "${HAMMER:?run through make bench}"
SQLITE3=${SQLITE3:-sqlite3}
PROMPTS=${BENCH_PG_PROMPTS:-8400}
SECS=${BENCH_RATE_SECONDS:-5}
RUNS=${BENCH_RUNS:-3}
SERVER=$TESTS_SRCDIR/pg/server.sh

if ! sh "$SERVER" bindir >/dev/null 2>&1; then
	echo "postgres.sh: PostgreSQL server binaries not found: the PostgreSQL figures are skipped"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/panelist-bench.XXXXXX")
# The server's directory of its own: run as root, the server runs as nobody,
# who may not look into $work.
pg=$(mktemp -d "${TMPDIR:-/tmp}/panelist-bench-pg.XXXXXX")
trap 'sh "$SERVER" stop "$pg" >/dev/null 2>&1 || :; rm -rf "$work"' EXIT
PG_SERVER_OPTS="-c fsync=on -c synchronous_commit=off" sh "$SERVER" start "$pg" >/dev/null
PSQL="psql -X -q -h $pg -U lead"
address() {
	echo "postgresql:///$1?host=$pg&user=lead"
}

. "$TESTS_SRCDIR/bench/study.sh"
bench_files "$PROMPTS" "$work"
sqlite_db=$work/study.db
$PSQL -d postgres -c "CREATE DATABASE study"
pg_db=$(address study)
for db in "$sqlite_db" "$pg_db"; do
	"$PANELIST" --db "$db" import "$TESTS_SRCDIR/../rubrics" "$work"/prompts-*.yaml \
	    "$work/outputs.jsonl" "$work/study.yaml" >/dev/null
done
bench_ratings_sql sqlite | "$SQLITE3" "$sqlite_db" >/dev/null
bench_ratings_sql postgres | $PSQL -d study >/dev/null
$PSQL -d study -c "VACUUM ANALYZE"
n=$("$SQLITE3" "$sqlite_db" 'SELECT count(*) FROM rating')
m=$($PSQL -d study -At -c 'SELECT count(*) FROM rating')
echo "PostgreSQL beside SQLite, scores: $n ratings in SQLite, $m on the server, $PROMPTS prompts"

# run NAME CMD...: one run, "cpu wall" appended to $work/NAME.
run() {
	name=$1
	shift
	/usr/bin/time -f "%U %S %e" -o "$work/time" "$@" >"$work/$name.out"
	awk '{ printf "%.3f %.3f\n", $1 + $2, $3 }' "$work/time" >>"$work/$name"
}
median() {
	sort -n "$work/$1" | awk '{ c[NR] = $1 } END { printf "%s ", c[int((NR + 1) / 2)] }'
	sort -n -k2 "$work/$1" | awk '{ w[NR] = $2 } END { print w[int((NR + 1) / 2)] }'
}
i=0
while [ "$i" -lt "$RUNS" ]; do
	run sqi "$PANELIST" --db "$sqlite_db" scores --format json
	run pgi "$PANELIST" --db "$pg_db" scores --format json
	run sq0 "$PANELIST" --db "$sqlite_db" scores --resamples 0
	run pg0 "$PANELIST" --db "$pg_db" scores --resamples 0
	i=$((i + 1))
done
if cmp -s "$work/sqi.out" "$work/pgi.out"; then
	same="the same JSON from both, byte for byte"
else
	same="THE JSON DIFFERS between the engines"
fi
for r in i 0; do
	set -- $(median "sq$r") $(median "pg$r")
	label="scores"
	[ "$r" = i ] || label="scores --resamples 0"
	echo "$1 $2 $3 $4" | awk -v r="$label" '{
		printf "  %-20s SQLite %6.2f s CPU %6.2f s wall; PostgreSQL %6.2f s CPU %6.2f s wall (%.2fx SQLite wall)\n",
		    r, $1, $2, $3, $4, ($2 > 0 ? $4 / $2 : 0) }'
done
echo "  ($same)"

# rate DB LABEL: 16 hammers at once on a study of the bundled panel.
rate() {
	rm -f "$work"/lat-*
	i=0
	pids=
	while [ "$i" -lt 16 ]; do
		HAMMER_LATENCIES=$work/lat-$i "$HAMMER" "$1" "rater-$i" "$SECS" >"$work/acks-$i" &
		pids="$pids $!"
		i=$((i + 1))
	done
	# shellcheck disable=SC2086
	wait $pids
	cat "$work"/lat-* | sort -n | awk -v label="$2" -v secs="$SECS" '
		{ v[NR] = $1 }
		END {
			printf "  %-10s %7d commits, %6.0f a second; latency median %6.2f ms, 99th percentile %7.2f ms\n",
			    label, NR, NR / secs, v[int(NR * 0.5) + 1] / 1000, v[int(NR * 0.99) + 1] / 1000
		}'
}
echo "16 raters committing at once, ${SECS} s each (one transaction a score, as on the screen)"
rm -f "$work/rate.db"
"$PANELIST" --db "$work/rate.db" import "$TESTS_SRCDIR/../rubrics" "$TESTS_SRCDIR/../prompts" \
    "$TESTS_SRCDIR/../demo" >/dev/null
$PSQL -d postgres -c "CREATE DATABASE rate"
"$PANELIST" --db "$(address rate)" import "$TESTS_SRCDIR/../rubrics" "$TESTS_SRCDIR/../prompts" \
    "$TESTS_SRCDIR/../demo" >/dev/null
rate "$work/rate.db" SQLite
rate "$(address rate)" PostgreSQL
