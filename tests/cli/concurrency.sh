# concurrency.sh: 16 reviewers write ratings into one database at once, as
# fast as they can, for a few seconds each.  Every write the store
# acknowledged is there exactly once (one rating with the last value, one
# history row per write), and no "database is locked" reaches anyone.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${HAMMER:?run through make check}"
SECONDS_EACH=${CONCURRENCY_SECONDS:-4}

"$PANELIST" import "$FIXTURES/good" >/dev/null 2>&1 || fail "fixtures do not import"
i=0
while [ $i -lt 16 ]; do
	"$HAMMER" "$PANELIST_DB" "reviewer-$i" "$SECONDS_EACH" >"$WORK/acks-$i" 2>"$WORK/err-$i" &
	i=$((i + 1))
done
wait

total=0
i=0
while [ $i -lt 16 ]; do
	ok
	[ ! -s "$WORK/err-$i" ] || fail "writer $i: $(head -c 300 "$WORK/err-$i")"
	acks=$(sed -n 's/^acks //p' "$WORK/acks-$i")
	ok
	[ -n "$acks" ] && [ "$acks" -gt 0 ] || { fail "writer $i acknowledged nothing"; i=$((i + 1)); continue; }
	total=$((total + acks))
	history=$("$SQLITE3" "$PANELIST_DB" "SELECT count(*) FROM history h JOIN reviewer v
		ON v.id = h.reviewer WHERE v.name = 'reviewer-$i' AND h.field = 'score'")
	ok
	[ "$history" = "$acks" ] || fail "writer $i: $acks writes acknowledged, $history history rows"
	# The last acknowledged value of every rating is the one stored.
	sed -n '2,$p' "$WORK/acks-$i" | sort >"$WORK/want-$i"
	"$SQLITE3" -separator ' ' "$PANELIST_DB" "SELECT g.output, g.capability, g.axis, g.score
		FROM rating g JOIN reviewer v ON v.id = g.reviewer WHERE v.name = 'reviewer-$i'" |
		sort >"$WORK/got-$i"
	ok
	cmp -s "$WORK/want-$i" "$WORK/got-$i" || fail "writer $i: stored ratings differ from the last acknowledged"
	i=$((i + 1))
done
echo "16 writers, $total acknowledged writes in ${SECONDS_EACH}s" >&2
ok
[ "$total" -gt 160 ] || fail "only $total writes in all: the writers hardly ran"
ok
[ "$("$SQLITE3" "$PANELIST_DB" "PRAGMA integrity_check")" = ok ] || fail "integrity check"

finish
