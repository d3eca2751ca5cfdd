# limits.sh: inputs built to crash, hang or exhaust the import.  Each must be
# refused within seconds, with a message naming the file (and where there is
# one, the line and column), exit status 2, and the database as it was.
. "$TESTS_SRCDIR/cli/lib.sh"

"$PANELIST" import "$FIXTURES/good" >/dev/null 2>&1 || fail "the good fixtures do not import"
dump "$PANELIST_DB" >"$WORK/before.sql"
mkdir -p "$WORK/case"
C=$WORK/case

# refused NAME PATTERN [PATH]: importing PATH (default the case directory)
# takes under 10 seconds, exits 2 with PATTERN on stderr, changes nothing.
refused() {
	timeout -s KILL 10 "$PANELIST" import "${3:-$C}" >"$WORK/out" 2>"$WORK/err"
	status=$?
	[ "$status" -ne 137 ] || fail "$1: still running after 10 seconds"
	expect_status 2 "$1"
	expect_err "$2" "$1"
	dump "$PANELIST_DB" >"$WORK/after.sql"
	ok
	cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "$1: the database changed"
	rm -rf "$C"
	mkdir -p "$C"
}

rubric() {
	printf 'kind: rubric\ncapability: x\ntitle: X\nscale: %s\naxes: [{id: a, question: q}]\n' \
	    "$1" >"$C/r.yaml"
}

# The scale that passed the 101-point check through signed overflow and
# had the rating screen write past its buffer.
rubric '{min: -9223372036854775808, max: 9223372036854775807}'
refused "an int64 scale" "case/r.yaml:4:14: scale 'min': expected a whole number from -1000 to 1000, found '-9223372036854775808'"
rubric '{min: 1, max: 9223372036854775807}'
refused "an int64 max" "case/r.yaml:4:22: scale 'max': expected a whole number from -1000 to 1000"
rubric '{min: -1001, max: -1000}'
refused "a min below -1000" "case/r.yaml:4:14: scale 'min': expected a whole number from -1000 to 1000"
rubric '{min: 0, max: 101}'
refused "102 points" "case/r.yaml:4:8: scale: 0 to 101 has more than 101 points"
rubric '{min: 1, max: 5, labels: {18446744073709551616: x}}'
refused "a huge label point" "case/r.yaml:4:34: scale labels: expected a whole number from -1000 to 1000"
printf 'kind: study\noverlap: 9223372036854775807\n' >"$C/s.yaml"
refused "a huge overlap" "case/s.yaml:2:10: study 'overlap': expected a whole number from 1 to 10000"
printf 'kind: study\nseed: " -1"\n' >"$C/s.yaml"
refused "a seed with a blank and a sign" "case/s.yaml:2:7: study 'seed': expected a whole number"
printf 'kind: study\nweights: {summarization: .inf}\n' >"$C/s.yaml"
refused "an infinite weight" "case/s.yaml:2:26: study 'weights': expected a number"
printf 'kind: prompts\nprompts: [{id: p, capabilities: [x], title: T, onet_task_id: 9223372036854775807, turns: [{role: user, content: c}]}]\n' >"$C/p.yaml"
refused "a huge onet_task_id" "case/p.yaml:2:[0-9]+: prompt 'onet_task_id': expected a whole number from 1 to 2147483647"
printf '{"kind": "ratings", "reviewer": "a", "prompt": "p", "prompt_version": 9223372036854775807, "model": "m", "capability": "x", "axis": "a", "score": 1}\n' >"$C/r.jsonl"
refused "a huge prompt_version" "case/r.jsonl:1:1: \"prompt_version\": expected a whole number from 1 to 2147483647"

# Nesting: quadratic inside libyaml (a million levels took minutes), so it is
# refused while parsing, at the 65th level.
awk 'BEGIN { printf "kind: study\nx: "; for (i = 0; i < 100000; i++) printf "["; print "" }' >"$C/d.yaml"
refused "100,000 levels" "case/d.yaml:2:67: the document nests deeper than 64 levels"
awk 'BEGIN { printf "kind: study\nx: "; for (i = 0; i < 1000000; i++) printf "["; for (i = 0; i < 1000000; i++) printf "]"; print "" }' >"$C/d.yaml"
refused "1,000,000 levels" "case/d.yaml:2:67: the document nests deeper than 64 levels"
awk 'BEGIN { printf "kind: study\nx:\n"; for (i = 0; i < 64; i++) printf "%*s- \n", 2 * i, ""; }' >"$C/d.yaml"
refused "65 block levels" "case/d.yaml:66:127: the document nests deeper than 64 levels"

# Names checked for duplicates were each compared with every name before.
awk 'BEGIN { print "kind: study\nreviewers:"; for (i = 0; i < 300000; i++) print "- r" i; print "- r0" }' >"$C/s.yaml"
refused "a roster of 300,000 names" "case/s.yaml:300003:3: study 'reviewers': 'r0' appears twice"

# Unclosed constructs name where they begin, not only where parsing stopped.
printf 'kind: prompts\nprompts:\n  - id: p\n    title: "unclosed\n    turns: []\n' >"$C/q.yaml"
refused "an unclosed quote" "case/q.yaml:4:12: YAML syntax error in a quoted scalar begun here; parsing stopped at 6:1: found unexpected end of stream"

# Symbolic links that lead back up the tree were followed forever.
mkdir -p "$C/a/b"
cp "$FIXTURES/good/study.yaml" "$C/a/b/"
ln -s .. "$C/a/b/up"
ln -s ../../a "$C/a/b/again"
refused "a symbolic link loop" "case/a/b/again: a symbolic link loop back to .*case/a; not followed"
expect_err "case/a/b/up: a symbolic link loop back to .*case/a; not followed" "the second loop"

# Without a loop, a directory reached by two ways is read once.
mkdir -p "$C/d" "$WORK/shared"
cp "$FIXTURES/good/rubric-summarization.yaml" "$WORK/shared/"
ln -s ../../shared "$C/d/one"
ln -s ../../shared "$C/d/two"
run import "$C/d"
expect_status 0 "a directory reached twice"
expect_out "Nothing changed: 1 file is already in the database" "a directory reached twice is read once"
rm -rf "$C" "$WORK/shared"
mkdir -p "$C"

# Only regular files are read: a FIFO blocked the import, /dev/zero never ended.
if mkfifo "$C/x.yaml" 2>/dev/null; then
	refused "a FIFO named x.yaml" "case/x.yaml: a FIFO, not a regular file; only regular files are read"
	mkfifo "$C/x.jsonl"
	refused "a FIFO named x.jsonl" "case/x.jsonl: a FIFO, not a regular file; only regular files are read" "$C/x.jsonl"
fi
if [ -c /dev/zero ]; then
	ln -s /dev/zero "$C/x.yaml"
	refused "/dev/zero as x.yaml" "case/x.yaml: a device, not a regular file; only regular files are read"
	ln -s /dev/zero "$C/x.jsonl"
	refused "/dev/zero as x.jsonl" "case/x.jsonl: a device, not a regular file; only regular files are read" "$C/x.jsonl"
fi

# Memory: panelist(5) promises at most 4 times the file size plus 256 MiB,
# 512 MiB for a file at the 64 MiB limit.  The shapes that cost most per byte:
# a million two-byte nodes, and a roster of as many names as the node limit
# allows beside one text as large as the rest of the file.  Address-space limits do
# not work under the sanitizers, which reserve terabytes of shadow memory.
if grep -qa __asan_init "$PANELIST"; then
	printf 'SKIP: memory limits under the sanitizers\n' >&2
else
	limit=67108864
	{
		printf 'kind: outputs\nmodel: m\noutputs:\n'
		yes '-' | head -n 33554400
	} | head -c $limit >"$C/o.yaml"
	( ulimit -v 524288; "$PANELIST" import "$C/o.yaml" >"$WORK/out" 2>"$WORK/err" )
	status=$?
	expect_status 2 "a million two-byte nodes in 512 MiB"
	expect_err "case/o.yaml:999997:2: the document has more than 1000000 nodes" \
	    "a million two-byte nodes"
	{
		printf 'kind: study\nreviewers:\n'
		awk 'BEGIN { for (i = 0; i < 999990; i++) printf "- r%06d\n", i }'
		printf -- '- r000000\ntitle: "'
		yes w | tr -d '\n' | head -c $limit
	} | head -c $((limit - 2)) >"$C/o.yaml"
	printf '"\n' >>"$C/o.yaml"
	[ "$(wc -c <"$C/o.yaml")" -eq $limit ] || fail "the file is not at the size limit"
	( ulimit -v 524288; "$PANELIST" import "$C/o.yaml" >"$WORK/out" 2>"$WORK/err" )
	status=$?
	expect_status 2 "the size limit in 512 MiB"
	expect_err "case/o.yaml:999993:3: study 'reviewers': 'r000000' appears twice" \
	    "the size limit in 512 MiB is read to the end"
	grep -q "out of memory" "$WORK/err" && fail "the size limit ran out of memory in 512 MiB"
	dump "$PANELIST_DB" >"$WORK/after.sql"
	ok
	cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "the size limit: the database changed"
	printf ' ' >>"$C/o.yaml"
	run import "$C/o.yaml"
	expect_status 2 "one byte over the size limit"
	expect_err "case/o.yaml: the file is 67108865 bytes, over the 64 MiB limit" "one byte over"
	rm -f "$C/o.yaml"
fi

finish
