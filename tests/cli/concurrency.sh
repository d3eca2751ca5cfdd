# concurrency.sh: 32 reviewers write ratings into one database at once, as
# fast as they can, for a few seconds each, while 4 readers run scores,
# agreement and export over and over.  Every write the store acknowledged is
# there exactly once (one rating with the last value, one history row per
# write), no "database is locked" reaches anyone, and no reader holds a
# writer up for long.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${HAMMER:?run through make check}"
SECONDS_EACH=${CONCURRENCY_SECONDS:-6}
WRITERS=32
READERS=4
# The longest a single write may wait, in ms: far below the store's 30 s,
# and above what 36 processes on two loaded cores can take in turn.
SLOWEST_MS=${CONCURRENCY_SLOWEST_MS:-5000}

"$PANELIST" import "$FIXTURES/good" >/dev/null 2>&1 || fail "fixtures do not import"

# reader N: statistics and exports in a loop until the writers are done;
# each run must succeed.
reader() {
	n=0
	while [ ! -e "$WORK/done" ]; do
		case $(( (n + $1) % 3 )) in
		0) "$PANELIST" scores --resamples 200 >/dev/null 2>>"$WORK/rerr-$1" ;;
		1) "$PANELIST" agreement --resamples 200 >/dev/null 2>>"$WORK/rerr-$1" ;;
		# export -o says what it wrote: that line is not an error.
		2) "$PANELIST" export -o "$WORK/export-$1.csv" 2>"$WORK/werr-$1"
		    r=$?
		    grep -v '^Wrote ' "$WORK/werr-$1" >>"$WORK/rerr-$1"
		    [ "$r" -eq 0 ] ;;
		esac || echo "reader $1: run $n (command $(( (n + $1) % 3 ))) exited $?" >>"$WORK/rerr-$1"
		n=$((n + 1))
	done
	echo "$n" >"$WORK/reads-$1"
}

i=0
while [ $i -lt $READERS ]; do
	: >"$WORK/rerr-$i"
	reader $i &
	i=$((i + 1))
done
pids=
i=0
while [ $i -lt $WRITERS ]; do
	"$HAMMER" "$PANELIST_DB" "reviewer-$i" "$SECONDS_EACH" >"$WORK/acks-$i" 2>"$WORK/err-$i" &
	pids="$pids $!"
	i=$((i + 1))
done
# shellcheck disable=SC2086
wait $pids
: >"$WORK/done"
wait

reads=0
i=0
while [ $i -lt $READERS ]; do
	ok
	[ ! -s "$WORK/rerr-$i" ] || fail "reader $i: $(head -c 300 "$WORK/rerr-$i")"
	reads=$((reads + $(cat "$WORK/reads-$i")))
	i=$((i + 1))
done
total=0
slowest=0
i=0
while [ $i -lt $WRITERS ]; do
	ok
	[ ! -s "$WORK/err-$i" ] || fail "writer $i: $(head -c 300 "$WORK/err-$i")"
	acks=$(sed -n 's/^acks //p' "$WORK/acks-$i")
	ok
	[ -n "$acks" ] && [ "$acks" -gt 0 ] || { fail "writer $i acknowledged nothing"; i=$((i + 1)); continue; }
	total=$((total + acks))
	ms=$(sed -n 's/^slowest //p' "$WORK/acks-$i")
	[ "$ms" -le "$slowest" ] || slowest=$ms
	history=$("$SQLITE3" "$PANELIST_DB" "SELECT count(*) FROM history h JOIN reviewer v
		ON v.id = h.reviewer WHERE v.name = 'reviewer-$i' AND h.field = 'score'")
	ok
	[ "$history" = "$acks" ] || fail "writer $i: $acks writes acknowledged, $history history rows"
	# The last acknowledged value of every rating is the one stored.
	sed -n '3,$p' "$WORK/acks-$i" | sort >"$WORK/want-$i"
	"$SQLITE3" -separator ' ' "$PANELIST_DB" "SELECT g.output, g.capability, g.axis, g.score
		FROM rating g JOIN reviewer v ON v.id = g.reviewer WHERE v.name = 'reviewer-$i'" |
		sort >"$WORK/got-$i"
	ok
	cmp -s "$WORK/want-$i" "$WORK/got-$i" || fail "writer $i: stored ratings differ from the last acknowledged"
	i=$((i + 1))
done
echo "$WRITERS writers, $total acknowledged writes in ${SECONDS_EACH}s (slowest ${slowest} ms);" \
    "$READERS readers, $reads runs of scores, agreement and export" >&2
ok
[ "$total" -gt 320 ] || fail "only $total writes in all: the writers hardly ran"
ok
[ "$reads" -ge $((READERS * 3)) ] || fail "only $reads reader runs: the readers hardly ran"
ok
[ "$slowest" -le "$SLOWEST_MS" ] || fail "a write waited $slowest ms (more than $SLOWEST_MS)"
ok
[ "$("$SQLITE3" "$PANELIST_DB" "PRAGMA integrity_check")" = ok ] || fail "integrity check"

finish
