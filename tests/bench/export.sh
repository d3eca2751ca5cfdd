#!/bin/sh
# export.sh: `make bench` for export over a heavy history.  The schema 2
# fixture upgraded, then 400 reviewers rating every axis of its 6 outputs
# (16,000 ratings) with 10 history rows each (160,000), put in with SQL.
# export looks up each rating's first history row by output and reviewer:
# timed with the history_output_reviewer index of schema 3 and with it
# dropped, as schema 2 had it.  Not a test: nothing here passes or fails
# on speed.
set -eu
: "${PANELIST:?run through make bench}"
: "${TESTS_SRCDIR:?run through make bench}"
SQLITE3=${SQLITE3:-sqlite3}

work=$(mktemp -d "${TMPDIR:-/tmp}/panelist-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
db=$work/heavy.db

"$SQLITE3" "$db" <"$TESTS_SRCDIR/fixtures/schema/v2.sql"
"$PANELIST" --db "$db" init >/dev/null
"$SQLITE3" "$db" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
INSERT INTO reviewer(name, created) SELECT 'r' || i, '2026-01-01T00:00:00.000Z' FROM n;
CREATE TEMP TABLE slot AS SELECT o.id AS output, r.capability, a.axis, r.id AS rubric
 FROM output o JOIN prompt_capability pc ON pc.prompt = o.prompt
 JOIN current_rubric r ON r.capability = pc.capability JOIN axis a ON a.rubric = r.id;
INSERT OR IGNORE INTO rating(reviewer, output, capability, axis, rubric, score, changed)
 SELECT v.id, s.output, s.capability, s.axis, s.rubric, 3, '2026-01-02T00:00:00.000Z'
 FROM reviewer v, temp.slot s WHERE v.name LIKE 'r%';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
INSERT INTO history(at, reviewer, output, capability, axis, field, old, new, actor)
 SELECT '2026-01-01T00:00:0' || (i % 10) || '.000Z', g.reviewer, g.output, g.capability,
  g.axis, 'score', NULL, '3', NULL FROM rating g, n;
SQL
printf 'export: %s ratings, %s history rows\n' "$("$SQLITE3" "$db" "SELECT count(*) FROM rating")" \
    "$("$SQLITE3" "$db" "SELECT count(*) FROM history")"
t() {
	start=$(date +%s.%N)
	"$PANELIST" --db "$db" export >/dev/null
	end=$(date +%s.%N)
	awk -v a="$start" -v b="$end" -v w="$1" 'BEGIN { printf "  %-40s %6.2f s\n", w, b - a }'
}
t "schema 3 (history by output, reviewer)"
"$SQLITE3" "$db" "DROP INDEX history_output_reviewer"
t "without that index (schema 2)"
