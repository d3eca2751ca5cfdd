# study.sh: the benchmarks' generated study, sourced by scores.sh and
# postgres.sh so that both measure the same one: N prompts of two
# capabilities each, 4 models answering every prompt, 12 reviewers of whom
# 3 rate each output on every axis of its capabilities, one score in a
# hundred left unrated and one output in five hundred flagged.

# bench_files N DIR: the prompts (in files of 20,000: a YAML document holds
# at most a million nodes), outputs.jsonl and study.yaml, in DIR.
bench_files() {
	rm -f "$2"/prompts-*.yaml
	awk -v n="$1" -v dir="$2" 'BEGIN {
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
	}' >"$2/outputs.jsonl"
	printf 'kind: study\ntitle: Bench\nseed: 7\n' >"$2/study.yaml"
}

# bench_ratings_sql ENGINE: the reviewers, ratings and flags, in SQL for
# ENGINE (sqlite or postgres; they differ in the names of the two-argument
# max and min and of the last characters of a text).  A score is the
# model's level plus a prompt effect plus noise, clamped to 1..5.
bench_ratings_sql() {
	if [ "$1" = postgres ]; then
		set -- greatest least "right('0' || i, 2)" "right('0' || ((o.id * 5 + k.k * 4) % 12), 2)"
	else
		set -- max min "substr('0' || i, -2, 2)" "substr('0' || ((o.id * 5 + k.k * 4) % 12), -2, 2)"
	fi
	cat <<EOF
BEGIN;
WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < 11)
INSERT INTO reviewer(name, created) SELECT 'r' || $3, '2026-01-01T00:00:00Z' FROM r;
WITH k(k) AS (VALUES (0), (1), (2))
INSERT INTO rating(reviewer, output, capability, axis, rubric, score, changed)
SELECT (SELECT id FROM reviewer WHERE name = 'r' || $4),
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
