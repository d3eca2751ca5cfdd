# crashes.sh: kill -9 at random moments.  An import is afterwards either
# complete or absent; an export's output file either complete or not there,
# and no temporary file of it is left once another export has run.
. "$TESTS_SRCDIR/cli/lib.sh"

G=$FIXTURES/good
N=30000

# A study big enough that an import takes a while: 300 prompts x 100 models.
awk 'BEGIN { print "kind: prompts"; print "prompts:"
	for (i = 0; i < 300; i++)
		printf "  - {id: p-%03d, capabilities: [summarization], title: T, turns: [{role: user, content: c}]}\n", i }' \
	>"$WORK/prompts.yaml"
awk -v n=$N 'BEGIN { for (m = 0; m < n / 300; m++) for (i = 0; i < 300; i++)
	printf "{\"model\": \"m-%03d\", \"prompt\": \"p-%03d\", \"text\": \"answer %d %d, long enough to take some writing %0200d\"}\n", m, i, m, i, 0 }' \
	>"$WORK/outputs.jsonl"

# Random delays from the shell alone: SEED, up to MAX seconds.
delay() {
	awk -v seed="$1" -v max="$2" 'BEGIN { srand(seed); printf "%.3f", 0.005 + rand() * max }'
}

kills=0
for round in 1 2 3 4 5 6 7 8; do
	db=$WORK/import-$round.db
	"$PANELIST" --db "$db" import "$G/rubric-summarization.yaml" "$WORK/prompts.yaml" >/dev/null 2>&1
	"$PANELIST" --db "$db" import "$WORK/outputs.jsonl" >/dev/null 2>&1 &
	pid=$!
	sleep "$(delay $round 0.8)"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
	n=$("$SQLITE3" "$db" "SELECT count(*) FROM output")
	ok
	[ "$n" -eq 0 ] || [ "$n" -eq $N ] || fail "round $round: $n outputs after kill -9, expected 0 or $N"
	ok
	[ "$("$SQLITE3" "$db" "PRAGMA integrity_check")" = ok ] || fail "round $round: integrity check"
	# And the next import finishes the job.
	"$PANELIST" --db "$db" import "$WORK/outputs.jsonl" >/dev/null 2>&1
	ok
	[ "$("$SQLITE3" "$db" "SELECT count(*) FROM output")" -eq $N ] || fail "round $round: import after the kill"
done
echo "import: $kills of 8 runs killed mid-way" >&2
ok
[ $kills -ge 4 ] || fail "only $kills imports were still running when killed: the test did not test"

# Export: a study with 30,000 ratings (brought in as JSON lines), exported
# to a file while being killed.
db=$WORK/import-1.db
awk 'BEGIN { for (m = 0; m < 100; m++) for (i = 0; i < 300; i++)
	printf "{\"kind\": \"ratings\", \"reviewer\": \"r-%d\", \"prompt\": \"p-%03d\", \"model\": \"m-%03d\", \"capability\": \"summarization\", \"axis\": \"accuracy\", \"score\": %d, \"note\": \"%0100d\"}\n", i % 3, i, m, (i + m) % 5 + 1, 0 }' \
	>"$WORK/ratings.jsonl"
"$PANELIST" --db "$db" import --as "$WORK/ratings.jsonl" >/dev/null 2>&1 || fail "ratings do not import"
"$PANELIST" --db "$db" export -o "$WORK/reference.csv" || fail "reference export"
kills=0
for round in 1 2 3 4 5 6 7 8; do
	rm -f "$WORK/out.csv"
	"$PANELIST" --db "$db" export -o "$WORK/out.csv" 2>/dev/null &
	pid=$!
	sleep "$(delay $((round + 50)) 0.2)"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
	ok
	if [ -e "$WORK/out.csv" ]; then
		cmp -s "$WORK/out.csv" "$WORK/reference.csv" || fail "round $round: a partial export file was left"
	fi
done
echo "export: $kills of 8 runs killed mid-way" >&2
ok
[ $kills -ge 1 ] || fail "only $kills exports were still running when killed: the test did not test"
# Nothing of the killed runs stays beside the target once another has run.
"$PANELIST" --db "$db" export -o "$WORK/out.csv" || fail "export after the kills"
ok
cmp -s "$WORK/out.csv" "$WORK/reference.csv" || fail "the export after the kills is not whole"
ok
[ -z "$(find "$WORK" -maxdepth 1 -name '.*panelist-*')" ] ||
    fail "temporary files of killed exports were left: $(find "$WORK" -maxdepth 1 -name '.*panelist-*')"

finish
