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

# The prompts, outputs and study of scores.sh's studies.
make_files() {
	awk -v n="$1" -v dir="$work" 'BEGIN {
		split("technical-assistance reviewing-work generation information-retrieval summarization data-structuring", c, " ")
		for (i = 0; i < n; i++) {
			f = sprintf("%s/prompts-%03d.yaml", dir, int(i / 20000))
			if (i % 20000 == 0)
				printf "kind: prompts\nprompts:\n" >f
			printf "  - id: p-%05d\n    capabilities: [%s, %s]\n    title: Task %d\n", i, c[i % 6 + 1], c[(i + 1 + int(i / 6) % 5) % 6 + 1], i >f
			printf "    turns: [{role: user, content: \"Task %d.\"}]\n", i >f
		}
	}'
	awk -v n="$1" 'BEGIN {
		for (m = 0; m < 4; m++)
			for (i = 0; i < n; i++)
				printf "{\"model\": \"model-%d\", \"prompt\": \"p-%05d\", \"text\": \"Answer %d of model %d.\"}\n", m, i, i, m
	}' >"$work/outputs.jsonl"
	printf 'kind: study\ntitle: Bench\nseed: 7\n' >"$work/study.yaml"
}

# The ratings, in SQL with MIN and MAX of two for the engine's own words.
ratings_sql() {
	cat <<EOF
BEGIN;
WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < 11)
INSERT INTO reviewer(name, created) SELECT 'r' || substr('0' || i, -2, 2), '2026-01-01T00:00:00Z' FROM r;
WITH k(k) AS (VALUES (0), (1), (2))
INSERT INTO rating(reviewer, output, capability, axis, rubric, score, changed)
SELECT (SELECT id FROM reviewer WHERE name = 'r' || substr('0' || ((o.id * 5 + k.k * 4) % 12), -2, 2)),
       o.id, pc.capability, a.axis, cr.id,
       CASE WHEN (o.id * 31 + a.position * 7 + k.k) % 100 = 0 THEN NULL
            ELSE $1(1, $2(5, 2 + o.model % 3 + (o.prompt * 13 + a.position) % 3 - 1
                 + ((o.id * 7 + a.position * 3 + k.k * 5) % 3) - 1)) END,
       '2026-01-01T00:00:00Z'
FROM output o JOIN prompt_capability pc ON pc.prompt = o.prompt
JOIN current_rubric cr ON cr.capability = pc.capability
JOIN axis a ON a.rubric = cr.id CROSS JOIN k;
INSERT INTO review(reviewer, output, flag, changed)
SELECT DISTINCT reviewer, output, 'broken', '2026-01-01T00:00:00Z' FROM rating
WHERE (output * 17 + reviewer) % 500 = 0;
COMMIT;
EOF
}

make_files "$PROMPTS"
sqlite_db=$work/study.db
$PSQL -d postgres -c "CREATE DATABASE study"
pg_db=$(address study)
for db in "$sqlite_db" "$pg_db"; do
	"$PANELIST" --db "$db" import "$TESTS_SRCDIR/../rubrics" "$work"/prompts-*.yaml \
	    "$work/outputs.jsonl" "$work/study.yaml" >/dev/null
done
ratings_sql max min | "$SQLITE3" "$sqlite_db" >/dev/null
# PostgreSQL's substr takes no negative start: right() is its word.
ratings_sql greatest least | sed "s/substr('0' || \([^,]*\), -2, 2)/right('0' || \1, 2)/g" |
    $PSQL -d study >/dev/null
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
