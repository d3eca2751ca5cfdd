# roundtrip.sh: ratings travel between machines as text.  `export --format
# jsonl` from one database, `import` into another holding the same prompts,
# outputs and rubrics, gives the same scores; importing again changes
# nothing; a conflicting rating fails the whole import.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"
S=$FIXTURES/scores
A=$(new_db a)
B=$(new_db b)

"$PANELIST" --db "$A" import "$S" >/dev/null 2>&1 || fail "fixtures do not import into A"
grep -v '^#' "$S/ratings.txt" | "$PUT_RATINGS" "$A" || fail "ratings do not go into A"
printf 'note ana s1 alpha too long\ntime ana s1 alpha 42.5\n' | "$PUT_RATINGS" "$A" || fail "note and time"
"$PANELIST" --db "$B" import "$S" >/dev/null 2>&1 || fail "fixtures do not import into B"

run --db "$A" export --format jsonl -o "$WORK/ratings.jsonl"
expect_status 0 "export of A as JSON lines"
ok
grep -q '^{"kind":"ratings",' "$WORK/ratings.jsonl" || fail "export lines do not say kind: ratings"

run --db "$B" import --as "$WORK/ratings.jsonl"
expect_status 0 "import of the exported ratings into B"
n=$(grep -c . "$WORK/ratings.jsonl")
expect_out "added $n ratings" "every exported rating added"

for what in "scores --format json" "scores --by reviewer --format json" "agreement --format json"; do
	"$PANELIST" --db "$A" $what >"$WORK/a.out"
	"$PANELIST" --db "$B" $what >"$WORK/b.out"
	ok
	cmp -s "$WORK/a.out" "$WORK/b.out" || fail "$what differs after the round trip"
done
# Notes, flags and time came along.
"$PANELIST" --db "$A" export --format jsonl | sed 's/"first_rated":"[^"]*",//' >"$WORK/a.jsonl"
"$PANELIST" --db "$B" export --format jsonl | sed 's/"first_rated":"[^"]*",//' >"$WORK/b.jsonl"
ok
cmp -s "$WORK/a.jsonl" "$WORK/b.jsonl" || fail "B's export differs from A's: $(diff "$WORK/a.jsonl" "$WORK/b.jsonl" | head -4)"

run --db "$B" import --as "$WORK/ratings.jsonl"
expect_status 0 "the same ratings again"
expect_out "^Nothing changed" "importing the same ratings again changes nothing"

# A conflicting rating: nothing written, the line named.
dump "$B" >"$WORK/before.sql"
# Its first line is a new rating, written before the conflict is met: the
# whole import must still come to nothing.
sed -n '1s/"reviewer":"[^"]*"/"reviewer":"zed"/p' "$WORK/ratings.jsonl" >"$WORK/conflict.jsonl"
sed '3s/"score":[0-9]/"score":1/; 3s/"score":null/"score":1/' "$WORK/ratings.jsonl" >>"$WORK/conflict.jsonl"
run --db "$B" import --as "$WORK/conflict.jsonl"
expect_status 2 "a conflicting rating"
expect_err "conflict.jsonl:4:1: conflict: " "the conflicting line is named"
dump "$B" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a conflicting import changed the database"

# --ratings: lines without a kind are ratings; a rating for an unknown output is refused.
sed 's/"kind":"ratings",//' "$WORK/ratings.jsonl" | head -3 >"$WORK/bare.jsonl"
run --db "$WORK/c.db" import "$S"
run --db "$WORK/c.db" import --ratings --as "$WORK/bare.jsonl"
expect_status 0 "import --ratings"
expect_out "added 3 ratings" "--ratings reads kind-less lines as ratings"
printf '{"kind":"ratings","reviewer":"x","prompt":"nope","model":"alpha","capability":"summarization","axis":"accuracy","score":3}\n' >"$WORK/unknown.jsonl"
run --db "$WORK/c.db" import --as "$WORK/unknown.jsonl"
expect_status 2 "a rating for an unknown output"
expect_err "unknown.jsonl:1:1: no output of model 'alpha' for prompt 'nope'" "unknown output named"
printf '{"kind":"ratings","reviewer":"x","prompt":"s1","model":"alpha","capability":"summarization","axis":"accuracy","scor":3}\n' >"$WORK/typo.jsonl"
run --db "$WORK/c.db" import "$WORK/typo.jsonl"
expect_status 2 "a misspelt key"
expect_err "unknown key \"scor\" \(did you mean \"score\"\?\)" "did-you-mean on a ratings line"

finish
