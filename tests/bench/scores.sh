#!/bin/sh
# scores.sh: `make bench` for scores and agreement.  Builds a study of
# 1,008,000 ratings (8,400 prompts, each in 2 of the 6 bundled capabilities,
# x 4 models x 5 axes x 3 of 12 reviewers; about 1 % N/A, 0.2 % of reviews
# flagged): prompts and outputs through `panelist import`, the ratings with
# SQL in the sqlite3 shell (a million one-rating transactions through the
# storage interface would time the set-up, not the statistics).  Then times
# `panelist scores` (2,000 resamples, and 0 for the aggregation alone),
# `panelist agreement` (2,000 resamples) and `panelist export`, next to the
# same aggregation as plain SQL in the sqlite3 shell: the mean of item means
# per model, capability and axis, N/A and flagged left out.  Not a test:
# nothing here passes or fails on speed.
set -eu
: "${PANELIST:?run through make bench}"
: "${TESTS_SRCDIR:?run through make bench}"
SQLITE3=${SQLITE3:-sqlite3}
N_PROMPTS=${N_PROMPTS:-8400}

work=$(mktemp -d "${TMPDIR:-/tmp}/panelist-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
db=$work/study.db

awk -v n="$N_PROMPTS" 'BEGIN {
	split("technical-assistance reviewing-work generation information-retrieval summarization data-structuring", c, " ")
	print "kind: prompts"; print "prompts:"
	for (i = 0; i < n; i++) {
		printf "  - id: p-%05d\n    capabilities: [%s, %s]\n    title: Task %d\n", i, c[i % 6 + 1], c[(i + 1 + int(i / 6) % 5) % 6 + 1], i
		printf "    turns: [{role: user, content: \"Task %d.\"}]\n", i
	}
}' >"$work/prompts.yaml"
awk -v n="$N_PROMPTS" 'BEGIN {
	for (m = 0; m < 4; m++)
		for (i = 0; i < n; i++)
			printf "{\"model\": \"model-%d\", \"prompt\": \"p-%05d\", \"text\": \"Answer %d of model %d.\"}\n", m, i, i, m
}' >"$work/outputs.jsonl"
printf 'kind: study\ntitle: Bench\nseed: 7\n' >"$work/study.yaml"
"$PANELIST" --db "$db" import "$TESTS_SRCDIR/../rubrics" "$work/prompts.yaml" \
    "$work/outputs.jsonl" "$work/study.yaml" >/dev/null

# Each output goes to 3 of the 12 reviewers; a score is the model's level
# plus a prompt effect plus noise, clamped to 1..5.
"$SQLITE3" "$db" >/dev/null <<'EOF'
BEGIN;
WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < 11)
INSERT INTO reviewer(name, created) SELECT printf('r%02d', i), '2026-01-01T00:00:00Z' FROM r;
WITH k(k) AS (VALUES (0), (1), (2))
INSERT INTO rating(reviewer, output, capability, axis, rubric, score, changed)
SELECT (o.id * 5 + k.k * 4) % 12 + 1, o.id, pc.capability, a.axis, cr.id,
       CASE WHEN (o.id * 31 + a.position * 7 + k.k) % 100 = 0 THEN NULL
            ELSE max(1, min(5, 2 + o.model % 3 + (o.prompt * 13 + a.position) % 3 - 1
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

n=$("$SQLITE3" "$db" 'SELECT count(*) FROM rating')
echo "scores: $n ratings, $N_PROMPTS prompts, 4 models, 12 reviewers"

measure() {
	label=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null
	read -r wall user sys rss <"$work/time"
	cpu=$(echo "$user $sys" | awk '{ printf "%.2f", $1 + $2 }')
	printf '  %-44s %7.2f s wall %7s s CPU %8d KB peak\n' "$label" "$wall" "$cpu" "$rss"
	last_wall=$wall
}

measure "panelist scores (2,000 resamples)" "$PANELIST" --db "$db" scores
scores=$last_wall
measure "panelist scores --resamples 0" "$PANELIST" --db "$db" scores --resamples 0
scores0=$last_wall
measure "panelist scores --by model,capability,axis" "$PANELIST" --db "$db" scores --by model,capability,axis
measure "panelist agreement (2,000 resamples)" "$PANELIST" --db "$db" agreement
agreement=$last_wall
measure "panelist export (CSV, long)" "$PANELIST" --db "$db" export
cat >"$work/ref.sql" <<'EOF'
SELECT model, capability, axis, avg(item), count(*), sum(n) FROM (
  SELECT o.model AS model, g.capability AS capability, g.axis AS axis,
         avg(g.score) AS item, count(*) AS n
  FROM rating g JOIN output o ON o.id = g.output
  LEFT JOIN review w ON w.reviewer = g.reviewer AND w.output = g.output
  WHERE g.score IS NOT NULL AND w.flag IS NULL
  GROUP BY g.output, g.capability, g.axis)
GROUP BY model, capability, axis;
EOF
measure "sqlite3: mean of item means (reference)" "$SQLITE3" "$db" ".read $work/ref.sql"
ref=$last_wall
echo "$scores0 $scores $agreement $ref" | awk '{ if ($4 > 0)
	printf "  scores without / with intervals, agreement: %.1fx, %.1fx, %.1fx the sqlite3 aggregation\n", $1 / $4, $2 / $4, $3 / $4 }'
