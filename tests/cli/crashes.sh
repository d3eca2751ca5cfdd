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

# The kills land at fractions of how long the same uninterrupted command
# took just before on this machine, so they fall mid-way on a fast machine
# as on a slow one (or a sanitizer build, four times slower).
now() {
	date +%s.%N
}
since() {
	awk -v t0="$1" -v t1="$(now)" 'BEGIN { printf "%.3f", t1 - t0 }'
}
case $(now) in
*N*) echo "date +%N is not supported here: cannot time the kills" >&2; exit 77 ;;
esac

# SEED's delay: a fraction from 0.1 to 0.7 of TOOK seconds.
delay() {
	awk -v seed="$1" -v took="$2" 'BEGIN { srand(seed); printf "%.3f", took * (0.1 + rand() * 0.6) }'
}

# kill_at SECONDS PID: kill -9 and wait; "midway" is whether PID was still
# running (its exit status tells: 128 + 9 for the kill).
kill_at() {
	sleep "$1"
	kill -9 "$2" 2>/dev/null
	wait "$2" 2>/dev/null
	[ $? -eq 137 ] && midway=yes || midway=no
}

db=$(new_db timing)
"$PANELIST" --db "$db" import "$G/rubric-summarization.yaml" "$WORK/prompts.yaml" >/dev/null 2>&1
t0=$(now)
"$PANELIST" --db "$db" import "$WORK/outputs.jsonl" >/dev/null 2>&1 || fail "the uninterrupted import"
took=$(since "$t0")
kills=0
for round in 1 2 3 4 5 6 7 8; do
	db=$(new_db "import_$round")
	[ "$round" -gt 1 ] || first=$db
	"$PANELIST" --db "$db" import "$G/rubric-summarization.yaml" "$WORK/prompts.yaml" >/dev/null 2>&1
	"$PANELIST" --db "$db" import "$WORK/outputs.jsonl" >/dev/null 2>&1 &
	kill_at "$(delay $round "$took")" $!
	n=$("$SQLITE3" "$db" "SELECT count(*) FROM output")
	ok
	[ "$n" -eq 0 ] || [ "$n" -eq $N ] || fail "round $round: $n outputs after kill -9, expected 0 or $N"
	[ $midway = yes ] && [ "$n" -eq 0 ] && kills=$((kills + 1))
	ok
	[ "$("$SQLITE3" "$db" "PRAGMA integrity_check")" = ok ] || fail "round $round: integrity check"
	# And the next import finishes the job; it times the next round.
	t0=$(now)
	"$PANELIST" --db "$db" import "$WORK/outputs.jsonl" >/dev/null 2>&1
	took=$(since "$t0")
	ok
	[ "$("$SQLITE3" "$db" "SELECT count(*) FROM output")" -eq $N ] || fail "round $round: import after the kill"
done
echo "import: $kills of 8 runs killed mid-way (the last uninterrupted one took $took s)" >&2
ok
[ $kills -ge 4 ] || fail "only $kills imports were still running when killed: the test did not test"

# Export: a study with 30,000 ratings (brought in as JSON lines), exported
# to a file while being killed.
db=$first
awk 'BEGIN { for (m = 0; m < 100; m++) for (i = 0; i < 300; i++)
	printf "{\"kind\": \"ratings\", \"reviewer\": \"r-%d\", \"prompt\": \"p-%03d\", \"model\": \"m-%03d\", \"capability\": \"summarization\", \"axis\": \"accuracy\", \"score\": %d, \"note\": \"%0100d\"}\n", i % 3, i, m, (i + m) % 5 + 1, 0 }' \
	>"$WORK/ratings.jsonl"
"$PANELIST" --db "$db" import --as "$WORK/ratings.jsonl" >/dev/null 2>&1 || fail "ratings do not import"
kills=0
for round in 1 2 3 4 5 6 7 8; do
	# An uninterrupted export first: the reference, and its time.
	t0=$(now)
	"$PANELIST" --db "$db" export -o "$WORK/reference.csv" || fail "reference export"
	took=$(since "$t0")
	rm -f "$WORK/out.csv"
	"$PANELIST" --db "$db" export -o "$WORK/out.csv" 2>/dev/null &
	kill_at "$(delay $((round + 50)) "$took")" $!
	[ $midway = yes ] && kills=$((kills + 1))
	ok
	if [ -e "$WORK/out.csv" ]; then
		cmp -s "$WORK/out.csv" "$WORK/reference.csv" || fail "round $round: a partial export file was left"
	fi
done
echo "export: $kills of 8 runs killed mid-way (the last uninterrupted one took $took s)" >&2
ok
[ $kills -ge 4 ] || fail "only $kills exports were still running when killed: the test did not test"
# Nothing of the killed runs stays beside the target once another has run.
"$PANELIST" --db "$db" export -o "$WORK/out.csv" || fail "export after the kills"
ok
cmp -s "$WORK/out.csv" "$WORK/reference.csv" || fail "the export after the kills is not whole"
ok
[ -z "$(find "$WORK" -maxdepth 1 -name '.*panelist-*')" ] ||
    fail "temporary files of killed exports were left: $(find "$WORK" -maxdepth 1 -name '.*panelist-*')"

finish
