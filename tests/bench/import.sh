#!/bin/sh
# import.sh: `make bench` for import.  Generates 1,000 prompts and 100,000
# JSONL outputs (100 models), imports them into a fresh study, imports the
# same file again (nothing changes), and imports the same rows with the
# sqlite3 shell's .import as the reference.  RUNS rounds (default 5), the
# three interleaved so that a busy machine slows all of them alike; prints
# the median wall time, CPU time and peak memory of each, and the two ratios
# with their targets.  Not a test: nothing here passes or fails on speed.
set -eu
: "${PANELIST:?run through make bench}"
: "${TESTS_SRCDIR:?run through make bench}"
SQLITE3=${SQLITE3:-sqlite3}
N_PROMPTS=${N_PROMPTS:-1000}
N_MODELS=${N_MODELS:-100}
RUNS=${RUNS:-5}

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
echo "import: $rows outputs, $size MB of JSONL, $N_PROMPTS prompts, $N_MODELS models; medians of $RUNS interleaved runs"

# run NAME CMD...: one timed run, appended to $work/NAME as "wall cpu rss".
run() {
	name=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null
	awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$work/$name"
}

# median NAME FIELD: the median of one column of $work/NAME.
median() {
	sort -n -k "$2,$2" "$work/$1" | awk -v f="$2" '{ v[NR] = $f }
	    END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

report() {
	printf '  %-34s %7.2f s wall %7.2f s CPU %8d KB peak\n' "$2" "$(median "$1" 1)" \
	    "$(median "$1" 2)" "$(median "$1" 3)"
}

"$PANELIST" --db "$work/base.db" import "$TESTS_SRCDIR/fixtures/good/rubric-summarization.yaml" \
    "$work/prompts.yaml" >/dev/null
i=0
while [ "$i" -lt "$RUNS" ]; do
	rm -f "$work/study.db" "$work/study.db-wal" "$work/study.db-shm" "$work/ref.db" \
	    "$work/ref.db-wal" "$work/ref.db-shm"
	cp "$work/base.db" "$work/study.db"
	run fresh "$PANELIST" --db "$work/study.db" import "$work/outputs.jsonl"
	run again "$PANELIST" --db "$work/study.db" import "$work/outputs.jsonl"
	"$SQLITE3" "$work/ref.db" "PRAGMA journal_mode = WAL; CREATE TABLE output(model TEXT, prompt TEXT, text TEXT, latency INTEGER, UNIQUE (prompt, model));" >/dev/null
	run ref "$SQLITE3" "$work/ref.db" ".import --csv $work/outputs.csv output"
	i=$((i + 1))
done
report fresh "panelist import (JSONL)"
report again "panelist import again (no change)"
report ref "sqlite3 .import (CSV, reference)"
# ratio WHAT A B TARGET: A / B in wall time, and in CPU time, which a busy
# machine disturbs less.
ratio() {
	echo "$(median "$2" 1) $(median "$3" 1) $(median "$2" 2) $(median "$3" 2)" |
	    awk -v what="$1" -v target="$4" '{ if ($2 > 0 && $4 > 0)
	    printf "  %-40s %5.2fx wall %5.2fx CPU   (target <= %s)\n", what, $1 / $2, $3 / $4, target }'
}
ratio "fresh import / sqlite3 .import:" fresh ref 1.5x
# The JSON parsing alone (bench-jsonl.c: memchr and jansson's json_loadb, as
# load-jsonl.c calls it): the part of a fresh import that is the library's.
if [ -n "${BENCH_JSONL:-}" ] && [ -x "$BENCH_JSONL" ]; then
	"$BENCH_JSONL" "$work/outputs.jsonl" | awk -v ref="$(median ref 2)" '{ if (ref > 0)
	    printf "  %-40s %5.2fx CPU (json_loadb alone, %.2f s)\n",
	    "  of which jansson / sqlite3 .import:", $2 / ref, $2 }'
fi
ratio "unchanged re-import / fresh import:" again fresh 0.2x
echo "  outputs in the study: $("$SQLITE3" "$work/study.db" 'SELECT count(*) FROM output')"
