#!/bin/sh
# import.sh: `make bench` for import.  Generates 1,000 prompts and 100,000
# JSONL outputs (100 models), imports them into a fresh study, and imports the
# same rows with the sqlite3 shell's .import as the reference.  Prints wall
# time, CPU time and peak memory of each, and panelist's time as a ratio of
# the shell's.  Not a test: nothing here passes or fails on speed.
set -eu
: "${PANELIST:?run through make bench}"
: "${TESTS_SRCDIR:?run through make bench}"
SQLITE3=${SQLITE3:-sqlite3}
N_PROMPTS=${N_PROMPTS:-1000}
N_MODELS=${N_MODELS:-100}

work=$(mktemp -d "${TMPDIR:-/tmp}/panelist-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

awk -v n="$N_PROMPTS" 'BEGIN {
	print "kind: prompts"; print "prompts:"
	for (i = 0; i < n; i++) {
		printf "  - id: p-%05d\n    capabilities: [summarization]\n    title: Prompt %d\n", i, i
		printf "    turns: [{role: user, content: \"Summarize report %d in three bullets.\"}]\n", i
	}
}' >"$work/prompts.yaml"
# About 600 bytes of text per output, the size of a short answer.
awk -v n="$N_PROMPTS" -v m="$N_MODELS" 'BEGIN {
	body = "The quarterly report shows revenue up 4.2 percent, costs flat, and churn down for the third quarter running."
	for (j = 0; j < m; j++)
		for (i = 0; i < n; i++) {
			printf "{\"model\": \"model-%03d\", \"prompt\": \"p-%05d\", \"text\": \"- %s\\n- %s\\n- %s\\n- %s\\n- %s\", \"latency_ms\": %d}\n", j, i, body, body, body, body, body, (i * 7 + j) % 2000
		}
}' >"$work/outputs.jsonl"
awk -v n="$N_PROMPTS" -v m="$N_MODELS" 'BEGIN {
	body = "The quarterly report shows revenue up 4.2 percent, costs flat, and churn down for the third quarter running."
	for (j = 0; j < m; j++)
		for (i = 0; i < n; i++)
			printf "model-%03d,p-%05d,\"- %s\n- %s\n- %s\n- %s\n- %s\",%d\n", j, i, body, body, body, body, body, (i * 7 + j) % 2000
}' >"$work/outputs.csv"

rows=$(wc -l <"$work/outputs.jsonl")
size=$(du -m "$work/outputs.jsonl" | cut -f1)
echo "import: $rows outputs, $size MB of JSONL, $N_PROMPTS prompts, $N_MODELS models"

# measure LABEL CMD...: wall seconds, CPU seconds, peak RSS.
measure() {
	label=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null
	read -r wall user sys rss <"$work/time"
	cpu=$(echo "$user $sys" | awk '{ printf "%.2f", $1 + $2 }')
	printf '  %-34s %7.2f s wall %7s s CPU %8d KB peak\n' "$label" "$wall" "$cpu" "$rss"
	eval "wall_$2=$wall" 2>/dev/null || true
	last_wall=$wall
}

"$PANELIST" --db "$work/study.db" import "$TESTS_SRCDIR/fixtures/good/rubric-summarization.yaml" \
    "$work/prompts.yaml" >/dev/null
measure "panelist import (JSONL)" "$PANELIST" --db "$work/study.db" import "$work/outputs.jsonl"
p=$last_wall
measure "panelist import again (no change)" "$PANELIST" --db "$work/study.db" import "$work/outputs.jsonl"
"$SQLITE3" "$work/ref.db" "PRAGMA journal_mode = WAL; CREATE TABLE output(model TEXT, prompt TEXT, text TEXT, latency INTEGER, UNIQUE (prompt, model));" >/dev/null
measure "sqlite3 .import (CSV, reference)" "$SQLITE3" "$work/ref.db" ".import --csv $work/outputs.csv output"
s=$last_wall
echo "$p $s" | awk '{ if ($2 > 0) printf "  panelist / sqlite3 .import: %.1fx\n", $1 / $2 }'
echo "  outputs in the study: $("$SQLITE3" "$work/study.db" 'SELECT count(*) FROM output')"
