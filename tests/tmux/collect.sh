# collect.sh: on a terminal, collect draws a progress bar per model on
# standard error (done of to do, rate, errors, time left), redrawn in place,
# and ends with one summary line per model.
. "$TESTS_SRCDIR/tmux/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "python3 not found: skipped" >&2
	exit 77
fi
S=$WORK/server
mkdir -p "$S"
python3 "$TESTS_SRCDIR/tools/collect-server.py" "$S" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; tm kill-server >/dev/null 2>&1; rm -f "$SOCKET_PATH"; cleanup' EXIT
i=0
while [ ! -s "$S/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
PORT=$(cat "$S/port")

{
	echo "kind: prompts"
	echo "prompts:"
	for k in 1 2 3 4 5 6 7 8; do
		printf '  - {id: p%s, capabilities: [summarization], title: P%s, turns: [{role: user, content: "q %s"}]}\n' \
		    "$k" "$k" "$k"
	done
} >"$WORK/p8.yaml"
cat >"$WORK/models.yaml" <<END
kind: models
models:
  - {name: quick, protocol: openai-chat, base_url: "http://127.0.0.1:$PORT/v1", model: ok}
  - {name: steady, protocol: openai-chat, base_url: "http://127.0.0.1:$PORT/v1",
     model: "slow:0.4", concurrency: 1}
END
import "$RUBRIC" "$WORK/p8.yaml" "$WORK/models.yaml"

start c 100 12 collect
wait_for c "] steady " "steady's bar"
# steady takes 3.2 s; quick is done long before.
wait_for c "] quick 8/8 " "quick's bar, full"
screen c >"$WORK/during"
ok
grep -Eq '^\[####################\] quick 8/8 [0-9.]+/s 0 err done$' "$WORK/during" ||
    fail "quick's bar, full: $(cat "$WORK/during")"
ok
grep -Eq '^\[[#.]{20}\] steady [0-7]/8 [0-9.]+/s 0 err ETA ' "$WORK/during" ||
    fail "steady's bar, under way with its time left: $(cat "$WORK/during")"
wait_exit c
ok
[ "$status" = 0 ] || fail "collect on a terminal: exit status $status"
wait_for c "steady: 8 of 8 stored, 0 failed, 0 truncated" "steady's summary line"
screen c >"$WORK/after"
ok
[ "$(grep -c '\] steady ' "$WORK/after")" = 1 ] ||
    fail "the bar redrawn in place, not once per update: $(cat "$WORK/after")"
ok
grep -Eq '^\[####################\] steady 8/8 .* done$' "$WORK/after" ||
    fail "steady's bar at the end: $(cat "$WORK/after")"
ok
grep -Eq "^quick: 8 of 8 stored, 0 failed, 0 truncated, [0-2]\.[0-9] s$" "$WORK/after" ||
    fail "quick's summary line, with its own time, not steady's: $(cat "$WORK/after")"

finish
