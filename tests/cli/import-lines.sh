# import-lines.sh: JSONL as import reads it, in blocks (load.h
# LOAD_JSONL_BLOCK, 1 MiB) split at each newline: lines across and longer
# than a block, no newline at the end, CRLF, a character and bad bytes at a
# block's end, each with the same outputs and the same error positions as
# when the file was read a byte at a time.  Then the unchanged line found by
# its hash: a re-import writes nothing, while a changed output, an output
# changed by YAML or by another program, and a new version of its prompt
# still get what they need.
. "$TESTS_SRCDIR/cli/lib.sh"
sqlite_only "an unchanged re-import is checked on the study file's bytes, time and write-ahead log"

: "${PUT_RATINGS:?run through make check}"
G=$FIXTURES/good
B=1048576

pad() {
	head -c "$1" /dev/zero | tr '\0' "${2:-a}"
}

# fresh: a study of the good rubrics and prompts, without outputs.
fresh() {
	rm -f "$WORK/b.db" "$WORK/b.db-wal" "$WORK/b.db-shm"
	"$PANELIST" --db "$WORK/b.db" import "$G/rubric-summarization.yaml" \
	    "$G/rubric-generation.yaml" "$G/prompts.yaml" >/dev/null || fail "setup import"
}

# outputs: model|prompt|length|last bytes in hex, one line an output.
outputs() {
	"$SQLITE3" "$WORK/b.db" "SELECT m.name, p.name, length(o.text), hex(substr(o.text, -4))
	    FROM output o JOIN model m ON m.id = o.model JOIN prompt p ON p.id = o.prompt
	    ORDER BY 1" | tr '\n' ' '
}

# expect_outputs WHAT WANT
expect_outputs() {
	ok
	[ "$(outputs)" = "$2" ] || fail "$1: outputs are '$(outputs)', expected '$2'"
}

# bad FILE MESSAGE WHAT: refused with exactly this message, nothing written.
bad() {
	fresh
	dump "$WORK/b.db" >"$WORK/before.sql"
	run --db "$WORK/b.db" import "$WORK/$1"
	expect_status 2 "$3"
	ok
	[ "$(head -n 1 "$WORK/err")" = "panelist: $WORK/$1$2" ] ||
	    fail "$3: stderr is '$(head -c 300 "$WORK/err")', expected 'panelist: $WORK/$1$2'"
	dump "$WORK/b.db" >"$WORK/after.sql"
	ok
	cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "$3: the refused import wrote"
}

# ---- block boundaries ------------------------------------------------------
# A line of 2.5 MB, longer than two blocks, then a short one.
{ printf '{"model": "m-long", "prompt": "sum-incident-brief", "text": "'; pad 2500000
  printf '"}\n{"model": "m-two", "prompt": "gen-launch-note", "text": "x"}\n'; } >"$WORK/long.jsonl"
fresh
run --db "$WORK/b.db" import "$WORK/long.jsonl"
expect_status 0 "a line longer than a block"
expect_outputs "a line longer than a block" \
    "m-long|sum-incident-brief|2500000|61616161 m-two|gen-launch-note|1|78 "
# An error 1.5 MB into the second long line: its column is still exact.
{ printf '{"model": "m-long", "prompt": "sum-incident-brief", "text": "'; pad 2500000
  printf '"}\n{"model": "m-two", "prompt": "gen-launch-note", "text": "'; pad 1500000
  printf '\\q"}\n'; } >"$WORK/long-bad.jsonl"
bad long-bad.jsonl ":2:1500059: malformed JSON: invalid escape" "an error far into a long line"

# No newline after the last line.
printf '{"model": "m-a", "prompt": "sum-incident-brief", "text": "one"}\n{"model": "m-b", "prompt": "gen-launch-note", "text": "two"}' \
    >"$WORK/nonl.jsonl"
fresh
run --db "$WORK/b.db" import "$WORK/nonl.jsonl"
expect_status 0 "no newline at the end"
expect_outputs "no newline at the end" "m-a|sum-incident-brief|3|6F6E65 m-b|gen-launch-note|3|74776F "
printf '{"model": "m-a", "prompt": "sum-incident-brief", "text": "one"}\n{"model": "m-b", "prompt": "gen-launch-note", "text": "tw' \
    >"$WORK/nonl-bad.jsonl"
bad nonl-bad.jsonl ":2:57: malformed JSON: premature end of input near '\"tw'" \
    "a last line cut short"

# CRLF: the same outputs as LF, and the same columns.
printf '{"model": "m-a", "prompt": "sum-incident-brief", "text": "one"}\r\n{"model": "m-b", "prompt": "gen-launch-note", "text": "two"}\r\n' \
    >"$WORK/crlf.jsonl"
fresh
run --db "$WORK/b.db" import "$WORK/crlf.jsonl"
expect_status 0 "CRLF line ends"
expect_outputs "CRLF line ends" "m-a|sum-incident-brief|3|6F6E65 m-b|gen-launch-note|3|74776F "
printf '{"model": "m-a", "prompt": "sum-incident-brief", "text": "one"}\r\n{"model": "m-b", "prompt": "gen-launch-note", "text": "two" x}\r\n' \
    >"$WORK/crlf-bad.jsonl"
bad crlf-bad.jsonl ":2:61: malformed JSON: '}' expected near 'x'" "an error on a CRLF line"

# A three-byte character whose first byte is the first block's last.
head2='{"model": "m-jp", "prompt": "sum-japanese", "text": "'
head1='{"model": "m-pad", "prompt": "sum-incident-brief", "text": "'
n=$((B - 1 - ${#head2} - ${#head1} - 3))
{ printf '%s' "$head1"; pad "$n"; printf '"}\n%s' "$head2"; printf '\346\227\245\346\234\254"}\n'; } \
    >"$WORK/split.jsonl"
ok
[ "$(od -A n -t x1 -j $((B - 1)) -N 3 "$WORK/split.jsonl" | tr -d ' ')" = e697a5 ] ||
    fail "the character is not across the block's end"
fresh
run --db "$WORK/b.db" import "$WORK/split.jsonl"
expect_status 0 "a character across a block's end"
expect_outputs "a character across a block's end" \
    "m-jp|sum-japanese|2|E697A5E69CAC m-pad|sum-incident-brief|$n|61616161 "
# An invalid byte and a NUL just past the block's end: columns in characters.
{ printf '%s' "$head1"; pad "$n"; printf '"}\n%s' "$head2"; printf 'a\377b"}\n'; } \
    >"$WORK/split-bad.jsonl"
bad split-bad.jsonl ":2:55: not valid UTF-8 (byte 0xff)" "an invalid byte past a block's end"
{ printf '%s' "$head1"; pad "$n"; printf '"}\n%s' "$head2"; printf 'a\000b"}\n'; } \
    >"$WORK/nul.jsonl"
bad nul.jsonl ":2:55: the line holds a NUL byte" "a NUL byte past a block's end"

# ---- an unchanged re-import writes nothing --------------------------------
fresh
"$PANELIST" --db "$WORK/b.db" import "$G" "$WORK/long.jsonl" "$WORK/split.jsonl" >/dev/null ||
    fail "setup import of outputs"
dump "$WORK/b.db" >"$WORK/before.sql"
stat -c '%.9Y %s' "$WORK/b.db" >"$WORK/before.stat"
cksum <"$WORK/b.db" >"$WORK/before.sum"
sleep 0.01
run --db "$WORK/b.db" import "$G" "$WORK/long.jsonl" "$WORK/split.jsonl"
expect_status 0 "an unchanged re-import"
expect_out "^Nothing changed: 8 files are already in the database \(2 rubrics, 3 prompts, 10 outputs, 1 study\)\.$" \
    "an unchanged re-import says what it found"
dump "$WORK/b.db" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "an unchanged re-import changed the content"
stat -c '%.9Y %s' "$WORK/b.db" >"$WORK/after.stat"
cksum <"$WORK/b.db" >"$WORK/after.sum"
ok
cmp -s "$WORK/before.stat" "$WORK/after.stat" && cmp -s "$WORK/before.sum" "$WORK/after.sum" ||
    fail "an unchanged re-import wrote to the database file"
ok
[ ! -s "$WORK/b.db-wal" ] || fail "an unchanged re-import left a write-ahead log"

# The same line twice is still a second output of one model for one prompt.
head -n 1 "$G/outputs-b.jsonl" >"$WORK/twice.jsonl"
head -n 1 "$G/outputs-b.jsonl" >>"$WORK/twice.jsonl"
run --db "$WORK/b.db" import "$WORK/twice.jsonl"
expect_status 2 "an unchanged line twice"
expect_err "^panelist: $WORK/twice.jsonl:2:1: a second output of model 'model-b' for prompt 'sum-incident-brief' \(the first is at $WORK/twice.jsonl:1\)$" \
    "an unchanged line twice is a duplicate"

# ---- what changed is still written -------------------------------------------
# One line's text changed: updated, the rest unchanged; then that line is known.
sed 's/Launch Monday!/Launch on Monday!/' "$G/outputs-b.jsonl" >"$WORK/changed.jsonl"
run --db "$WORK/b.db" import "$WORK/changed.jsonl"
expect_status 0 "a changed line"
expect_out "^Imported 1 file: added nothing new; updated 1 output; unchanged 2 outputs\.$" \
    "a changed line updates its output"
ok
[ "$("$SQLITE3" "$WORK/b.db" "SELECT text FROM output WHERE text LIKE 'Launch%'")" = \
    "Launch on Monday!" ] || fail "the changed text was not written"
run --db "$WORK/b.db" import "$WORK/changed.jsonl"
expect_out "^Nothing changed: 1 file is already in the database \(3 outputs\)\.$" \
    "the changed line, imported again"

# The same output changed from YAML: the JSONL line is no longer what it holds.
run --db "$WORK/b.db" import "$G/outputs-b.jsonl"
expect_out "updated 1 output; unchanged 2 outputs\.$" "back to the first text"
printf 'kind: outputs\nmodel: model-b\noutputs:\n  - prompt: gen-launch-note\n    text: Launch from YAML.\n' \
    >"$WORK/yaml-out.yaml"
run --db "$WORK/b.db" import "$WORK/yaml-out.yaml"
expect_out "updated 1 output\.$" "the output changed from YAML"
run --db "$WORK/b.db" import "$G/outputs-b.jsonl"
expect_out "updated 1 output; unchanged 2 outputs\.$" \
    "the JSONL line after a change from YAML is not taken as unchanged"

# Changed by another program, which knows nothing of line_hash.
"$SQLITE3" "$WORK/b.db" "UPDATE output SET hash = 'x', text = 'elsewhere' WHERE text = 'Launch Monday!'"
run --db "$WORK/b.db" import "$G/outputs-b.jsonl"
expect_out "updated 1 output; unchanged 2 outputs\.$" \
    "the JSONL line after a change by another program is not taken as unchanged"
ok
[ "$("$SQLITE3" "$WORK/b.db" "SELECT count(*) FROM output WHERE text = 'Launch Monday!'")" = 1 ] ||
    fail "the text changed elsewhere was not put back"

# A new version of a rated prompt in the same import: the unchanged JSONL
# lines join it, as they would have if they had been read again.
rm -rf "$WORK/g"
cp -R "$G" "$WORK/g"
"$PANELIST" --db "$WORK/v.db" import "$WORK/g" >/dev/null || fail "setup import into v.db"
printf '%s\n' "ana sum-incident-brief model-b summarization accuracy 4" | "$PUT_RATINGS" "$WORK/v.db" ||
    fail "setup rating"
sed 's/in three bullet points/in three short bullet points/' "$G/prompts.yaml" >"$WORK/g/prompts.yaml"
run --db "$WORK/v.db" import --revise "$WORK/g"
expect_status 0 "import --revise with unchanged JSONL lines"
expect_out "added 2 outputs; new versions of 1 prompt" "the outputs of the new version added"
"$SQLITE3" "$WORK/v.db" "SELECT m.name, o.hash, o.text, o.metadata FROM output o
    JOIN model m ON m.id = o.model JOIN prompt p ON p.id = o.prompt
    WHERE p.name = 'sum-incident-brief' AND p.version = 2 ORDER BY 1" >"$WORK/v2.txt"
"$SQLITE3" "$WORK/v.db" "SELECT m.name, o.hash, o.text, o.metadata FROM output o
    JOIN model m ON m.id = o.model JOIN prompt p ON p.id = o.prompt
    WHERE p.name = 'sum-incident-brief' AND p.version = 1 ORDER BY 1" >"$WORK/v1.txt"
ok
[ "$("$SQLITE3" "$WORK/v.db" "SELECT count(*) FROM output o JOIN prompt p ON p.id = o.prompt
    WHERE p.name = 'sum-incident-brief' AND p.version = 2")" = 2 ] &&
    cmp -s "$WORK/v1.txt" "$WORK/v2.txt" ||
    fail "the new version's outputs differ from the first's: $(cat "$WORK/v1.txt") / $(cat "$WORK/v2.txt")"

finish
