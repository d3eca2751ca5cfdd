# progress.sh: the status line's progress bar is the share of items done,
# rounded down: 1 of 25 items done is no block of 20 (it was a full one), 24
# of 25 is 19 blocks, never all 20 until the last is done.
. "$TESTS_SRCDIR/tmux/lib.sh"

: "${PUT_RATINGS:?run through make check}"

{
	printf 'kind: prompts\nprompts:\n'
	for i in $(seq 1 25); do
		printf '  - id: p%d\n    capabilities: [summarization]\n    title: Task %d\n' "$i" "$i"
		printf '    turns:\n      - role: user\n        content: Summarize report %d.\n' "$i"
	done
} >"$WORK/prompts.yaml"
{
	printf 'kind: outputs\nmodel: m\noutputs:\n'
	for i in $(seq 1 25); do
		printf '  - prompt: p%d\n    text: Report %d in short.\n' "$i" "$i"
	done
} >"$WORK/outputs.yaml"
printf 'kind: study\ntitle: Progress\nblind: false\n' >"$WORK/study.yaml"
import "$RUBRIC" "$WORK/prompts.yaml" "$WORK/outputs.yaml" "$WORK/study.yaml"

# rate_items FROM TO: every axis of items FROM..TO rated by ana.
rate_items() {
	for i in $(seq "$1" "$2"); do
		for a in coherence accuracy clarity relevance efficiency; do
			printf 'ana p%d m summarization %s 4\n' "$i" "$a"
		done
	done | "$PUT_RATINGS" "$PANELIST_DB" || fail "put-ratings $1..$2"
}

# bar DONE BLOCKS WHAT: the status line shows DONE/25 with BLOCKS of 20 full.
bar() {
	start "b$1" 120 24 rate --as --reviewer ana
	wait_for "b$1" "$1/25 done"
	full=$(printf '%*s' "$2" '' | sed 's/ /█/g')
	empty=$(printf '%*s' "$((20 - $2))" '' | sed 's/ /░/g')
	ok
	screen "b$1" | tail -n 1 | grep -q "$1/25 done $full$empty " ||
	    fail "$3: $(screen "b$1" | tail -n 1)"
	keys "b$1" q
	wait_exit "b$1"
}

rate_items 1 1
bar 1 0 "1 of 25 done shows no full block"
rate_items 2 13
bar 13 10 "13 of 25 done shows 10 of 20 blocks"
rate_items 14 24
bar 24 19 "24 of 25 done is not a full bar"

finish
