#!/bin/sh
# keys.sh: `make bench` for the rating screen: the CPU time panelist spends
# per keystroke (a) scrolling a 1 MB Markdown output and (b) rating 1,000
# items, with the keys fed through a pseudo-terminal by tmux at 120x40.
# CPU time is panelist's own (utime + stime from /proc), read before and
# after each batch of keys; the batch ends when the screen shows a state
# only the last key can produce.  Figures, not pass/fail.
set -eu
: "${PANELIST:?run through make bench}"
: "${TESTS_SRCDIR:?run through make bench}"
TMUX_PROG=${TMUX_PROG:-$(command -v tmux || true)}
[ -n "$TMUX_PROG" ] || { echo "keys.sh: tmux not found, skipped" >&2; exit 0; }
unset TMUX TMUX_PANE
N_ITEMS=${N_ITEMS:-1000}
SCROLL_KEYS=${SCROLL_KEYS:-3000}
RUBRIC=$TESTS_SRCDIR/fixtures/good/rubric-summarization.yaml

work=$(mktemp -d "${TMPDIR:-/tmp}/panelist-bench.XXXXXX")
socket=panelist-bench-$$
tm() { "$TMUX_PROG" -u -L "$socket" -f /dev/null "$@"; }
# Under set -e a failing command in the trap would end it early, leaving
# $work behind and turning the exit status into 1: the server is usually
# gone already (the last session quit), so nothing here may fail.
cleanup() {
	status=$?
	tm kill-server >/dev/null 2>&1 || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$socket" || true
	rm -rf "$work" || true
	exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
hz=$(getconf CLK_TCK)

# CPU seconds used so far by a process.
cpu() {
	awk -v hz="$hz" '{ sub(/^.*\) /, ""); printf "%.3f\n", ($12 + $13) / hz }' "/proc/$1/stat"
}

wait_for() {
	i=0
	until tm capture-pane -p -t "$1" | grep -qF -- "$2"; do
		i=$((i + 1))
		[ $i -lt 12000 ] || { echo "keys.sh: '$2' never appeared" >&2; exit 1; }
		sleep 0.05
	done
}

# run DB ARGS...: panelist rate in a fresh 120x40 session; sets $pid.
run() {
	db=$1
	shift
	tm new-session -d -s b -x 120 -y 40 -c "$work" -e LC_ALL=C.UTF-8 \
	    "$PANELIST" --db "$db" rate --as --reviewer bench "$@"
	pid=$(tm display -p -t b '#{pane_pid}')
}

# ---- (a) scrolling a 1 MB output -------------------------------------------
# Markdown paragraphs, lists, code and long lines, about 1 MB in one output.
awk 'BEGIN {
	para = "The quarterly report shows **revenue** up 4.2 percent, costs flat, and `churn` down for the third quarter running; the board should expect the *northern* region to lag while a competitor keeps discounting."
	printf "{\"model\": \"m\", \"prompt\": \"big\", \"text\": \""
	for (n = 0; n < 2200; n++) {
		if (n % 10 == 0) printf "## Section %d\\n\\n", n / 10
		printf "%s %s\\n\\n- item %d\\n- item %d\\n\\n", para, para, n, n + 1
	}
	printf "\"}\n"
}' >"$work/big.jsonl"
cat >"$work/big.yaml" <<'YAML'
kind: prompts
prompts:
  - id: big
    capabilities: [summarization]
    title: A very long output
    turns: [{role: user, content: "Summarize everything."}]
YAML
"$PANELIST" --db "$work/big.db" import "$RUBRIC" "$work/big.yaml" "$work/big.jsonl" >/dev/null
size=$(wc -c <"$work/big.jsonl")

t0=$(date +%s.%N)
run "$work/big.db"
wait_for b "item 1 of 1"
start_cpu=$(cpu "$pid")
start_wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
c0=$(cpu "$pid")
t0=$(date +%s.%N)
# Down a page at a time, up a page, and line by line, then End and Home;
# the item-number prompt (g) shows only once every key before it is done.
per=$((SCROLL_KEYS / 6))
tm send-keys -t b -N "$per" Space
tm send-keys -t b -N "$per" b
tm send-keys -t b -N "$per" J
tm send-keys -t b -N "$per" K
tm send-keys -t b -N "$per" PageDown
tm send-keys -t b -N "$((per - 2))" PageUp
tm send-keys -t b End Home g
wait_for b "Go to item"
c1=$(cpu "$pid")
t1=$(date +%s.%N)
tm send-keys -t b Escape q
while tm has-session -t b 2>/dev/null; do sleep 0.05; done
scroll_keys=$((per * 6))

# ---- (c) scrolling a 1 MB output of tables and lists -----------------------
# A data-structuring answer: tables (one too wide for the pane, one in
# Japanese) and lists, laid out as grids once, then scrolled.
awk 'BEGIN {
	printf "{\"model\": \"m\", \"prompt\": \"big\", \"text\": \""
	for (n = 0; n < 2600; n++) {
		printf "| Date | Description | Account | Amount |\\n|:--|:--|:--|--:|\\n"
		printf "| 03/03/2025 | HARVEST supplies, bulk order of seed potatoes %d | Cost of goods sold | 1,204.50 |\\n", n
		printf "| 03/04/2025 | Rent | Rent | 900.00 |\\n\\n"
		printf "- item %d with a text long enough to wrap once at the width of a pane\\n- item %d\\n\\n", n, n + 1
		printf "| 項目 | 金額 |\\n|:--|--:|\\n| 交通費 | 1,200 |\\n\\n"
		printf "| Batch | Checksum |\\n|---|---|\\n| b%d | 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 |\\n\\n", n
	}
	printf "\"}\n"
}' >"$work/tables.jsonl"
"$PANELIST" --db "$work/tables.db" import "$RUBRIC" "$work/big.yaml" "$work/tables.jsonl" >/dev/null
tsize=$(wc -c <"$work/tables.jsonl")
run "$work/tables.db"
wait_for b "item 1 of 1"
c4=$(cpu "$pid")
tper=$((SCROLL_KEYS / 6))
tm send-keys -t b -N "$tper" Space
tm send-keys -t b -N "$tper" b
tm send-keys -t b -N "$tper" J
tm send-keys -t b -N "$tper" '>'
tm send-keys -t b -N "$tper" '<'
tm send-keys -t b -N "$((tper - 2))" K
tm send-keys -t b End Home g
wait_for b "Go to item"
c5=$(cpu "$pid")
tm send-keys -t b Escape q
while tm has-session -t b 2>/dev/null; do sleep 0.05; done
table_keys=$((tper * 6))

# ---- (b) rating 1,000 items --------------------------------------------------
awk -v n="$N_ITEMS" 'BEGIN {
	print "kind: prompts"; print "prompts:"
	for (i = 0; i < n / 4; i++)
		printf "  - id: p-%04d\n    capabilities: [summarization]\n    title: Prompt %d\n    turns: [{role: user, content: \"Summarize report %d.\"}]\n", i, i, i
}' >"$work/prompts.yaml"
awk -v n="$N_ITEMS" 'BEGIN {
	for (m = 0; m < 4; m++)
		for (i = 0; i < n / 4; i++)
			printf "{\"model\": \"model-%d\", \"prompt\": \"p-%04d\", \"text\": \"- Revenue up.\\n- Costs flat.\\n- Churn down in report %d.\"}\n", m, i, i
}' >"$work/outputs.jsonl"
"$PANELIST" --db "$work/items.db" import "$RUBRIC" "$work/prompts.yaml" "$work/outputs.jsonl" >/dev/null

run "$work/items.db"
wait_for b "item 1 of $N_ITEMS"
c2=$(cpu "$pid")
t2=$(date +%s.%N)
# Five scores and Enter per item, 100 items per tmux call.
i=0
while [ $i -lt "$N_ITEMS" ]; do
	set --
	j=0
	while [ $j -lt 100 ] && [ $((i + j)) -lt "$N_ITEMS" ]; do
		set -- "$@" 3 4 5 2 1 Enter
		j=$((j + 1))
	done
	tm send-keys -t b "$@"
	i=$((i + j))
done
wait_for b "All items are rated"
c3=$(cpu "$pid")
t3=$(date +%s.%N)
rate_keys=$((N_ITEMS * 6))
tm send-keys -t b q
while tm has-session -t b 2>/dev/null; do sleep 0.05; done
ratings=$("${SQLITE3:-sqlite3}" -cmd ".timeout 5000" "$work/items.db" "SELECT count(*) FROM rating")

# ---- (c) the first frame and moving on, at 100,000 outputs -----------------
# A study of BIG_ITEMS outputs (4 models) against one of a single output:
# the CPU panelist spent until its first frame showed (the median of
# FRAME_RUNS starts; clock ticks, so a run under 10 ms reads 0), the wall
# time to it, and the CPU per key for next item, skip and the item list.
BIG_ITEMS=${BIG_ITEMS:-100000}
FRAME_RUNS=${FRAME_RUNS:-5}
big_study() {
	awk -v n="$1" 'BEGIN {
		print "kind: prompts"; print "prompts:"
		for (i = 0; i < (n + 3) / 4; i++)
			printf "  - id: q-%06d\n    capabilities: [summarization]\n    title: Prompt %d\n    turns: [{role: user, content: \"Summarize report %d.\"}]\n", i, i, i
	}' >"$work/q$1.yaml"
	awk -v n="$1" 'BEGIN {
		for (k = 0; k < n; k++)
			printf "{\"model\": \"model-%d\", \"prompt\": \"q-%06d\", \"text\": \"- Revenue up.\\n- Costs flat.\\n- Churn down in report %d.\"}\n", k % 4, k / 4, k / 4
	}' >"$work/q$1.jsonl"
	"$PANELIST" --db "$work/q$1.db" import "$RUBRIC" "$work/q$1.yaml" "$work/q$1.jsonl" >/dev/null
}
big_study 1
big_study "$BIG_ITEMS"

# first_frame DB N: median CPU and wall seconds to the first frame.
first_frame() {
	r=0
	: >"$work/frames"
	while [ $r -lt "$FRAME_RUNS" ]; do
		f0=$(date +%s.%N)
		run "$1"
		until tm capture-pane -p -t b | grep -qF "item 1 of $2"; do sleep 0.002; done
		f1=$(date +%s.%N)
		echo "$(cpu "$pid") $(awk -v a="$f0" -v b="$f1" 'BEGIN { print b - a }')" >>"$work/frames"
		tm send-keys -t b q
		while tm has-session -t b 2>/dev/null; do sleep 0.02; done
		r=$((r + 1))
	done
	sort -n -k2 "$work/frames" | awk -v n="$FRAME_RUNS" 'NR == int((n + 1) / 2) { print $1, $2 }'
}
# A session that stays, so that the server does not start again for each
# run and the wall time is panelist's, not tmux's.
tm new-session -d -s keep -x 20 -y 5 "sleep 600"
set -- $(first_frame "$work/q1.db" 1)
one_cpu=$1 one_wall=$2
set -- $(first_frame "$work/q$BIG_ITEMS.db" "$BIG_ITEMS")
big_cpu=$1 big_wall=$2

# CPU per key on the big queue: KEYS_BIG presses of each key, the batch
# ending on a screen only its last key can give.
KEYS_BIG=${KEYS_BIG:-500}
run "$work/q$BIG_ITEMS.db"
wait_for b "item 1 of $BIG_ITEMS"
k0=$(cpu "$pid")
tm send-keys -t b -N "$KEYS_BIG" ]
wait_for b "item $((KEYS_BIG + 1)) of $BIG_ITEMS"
k1=$(cpu "$pid")
tm send-keys -t b -N "$KEYS_BIG" s
wait_for b "item $((KEYS_BIG * 2 + 1)) of $BIG_ITEMS"
k2=$(cpu "$pid")
# The list: open, move down, close, KEYS_BIG / 2 times each way.
per=$((KEYS_BIG / 2))
set --
i=0
while [ $i -lt "$per" ]; do
	set -- "$@" i Down Escape
	i=$((i + 1))
done
tm send-keys -t b "$@" i f
wait_for b "filter: to do"
k3=$(cpu "$pid")
list_keys=$((per * 3 + 2))
tm send-keys -t b Escape q
while tm has-session -t b 2>/dev/null; do sleep 0.05; done
tm kill-session -t keep 2>/dev/null || true

echo "rating screen, keys through tmux at 120x40 ($(nproc) CPU; panelist's own CPU time)"
echo "  command: make bench (tests/bench/keys.sh)"
awk -v size="$size" -v sc="$start_cpu" -v sw="$start_wall" -v k="$scroll_keys" \
    -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" \
    -v n="$N_ITEMS" -v r="$rate_keys" -v c2="$c2" -v c3="$c3" -v t2="$t2" -v t3="$t3" \
    -v ratings="$ratings" -v tsize="$tsize" -v tk="$table_keys" -v c4="$c4" -v c5="$c5" 'BEGIN {
	printf "  open a %.1f MB output:       %7.3f s CPU (%.2f s wall, start-up and first wrap)\n", size / 1e6, sc, sw
	printf "  scrolling it, %d keys:     %7.3f s CPU, %6.1f us CPU per key (%.1f ms wall per key)\n", k, c1 - c0, (c1 - c0) / k * 1e6, (t1 - t0) / k * 1e3
	printf "  tables and lists, %.1f MB, %d keys: %6.1f us CPU per key (target: well under 500 us), %.3f s CPU to open\n", tsize / 1e6, tk, (c5 - c4) / tk * 1e6, c4
	printf "  rating %d items, %d keys: %7.3f s CPU, %6.1f us CPU per key (%.1f ms wall per key)\n", n, r, c3 - c2, (c3 - c2) / r * 1e6, (t3 - t2) / r * 1e3
	printf "  ratings stored: %d (expected %d)\n", ratings, n * 5
}'
echo "  CPU time is counted in clock ticks of 1/$hz s; per-key figures average over the batch."
echo "rating screen at $BIG_ITEMS outputs (median of $FRAME_RUNS starts; target beside each figure)"
awk -v n="$BIG_ITEMS" -v oc="$one_cpu" -v ow="$one_wall" -v bc="$big_cpu" -v bw="$big_wall" \
    -v k="$KEYS_BIG" -v k0="$k0" -v k1="$k1" -v k2="$k2" -v k3="$k3" -v lk="$list_keys" 'BEGIN {
	ratio = ow > 0 ? bw / ow : 0
	printf "  first frame, %d outputs:  %6.1f ms wall, %3.0f ms CPU   target < 50 ms\n", n, bw * 1e3, bc * 1e3
	printf "  first frame, 1 output:    %6.1f ms wall, %3.0f ms CPU   (%d outputs: %.1fx its wall time)\n", ow * 1e3, oc * 1e3, n, ratio
	printf "  next item (]), %d keys:    %6.1f us CPU per key   target < 500 us\n", k, (k1 - k0) / k * 1e6
	printf "  skip (s), %d keys:         %6.1f us CPU per key   target < 500 us\n", k, (k2 - k1) / k * 1e6
	printf "  item list (i Down Esc), %d keys: %6.1f us CPU per key   target < 500 us\n", lk, (k3 - k2) / lk * 1e6
}'
