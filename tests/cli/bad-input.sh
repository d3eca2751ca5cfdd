# bad-input.sh: one case per validation rule.  Each bad import must exit 2,
# say what is wrong and where (file:line:column), and leave the database
# exactly as it was (compared as a full SQL dump).
. "$TESTS_SRCDIR/cli/lib.sh"

"$PANELIST" import "$FIXTURES/good" >/dev/null 2>&1 || fail "the good fixtures do not import"
dump "$PANELIST_DB" >"$WORK/before.sql"

# bad NAME PATTERN: import the files written into $WORK/case (plus the good
# rubrics so that only the rule under test can fail) and check the outcome.
bad() {
	name=$1
	pattern=$2
	run import "$FIXTURES/good/rubric-summarization.yaml" "$WORK/case"
	expect_status 2 "$name"
	expect_err "$pattern" "$name"
	expect_err "nothing was imported" "$name says nothing was imported"
	dump "$PANELIST_DB" >"$WORK/after.sql"
	ok
	cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "$name: the database changed"
	rm -rf "$WORK/case"
	mkdir -p "$WORK/case"
}
mkdir -p "$WORK/case"
C=$WORK/case

printf 'kind: rubrik\ncapability: x\n' >"$C/a.yaml"
bad "unknown kind" "case/a.yaml:1:7: unknown kind 'rubrik' \(did you mean 'rubric'\?\)"

cat >"$C/a.yaml" <<'Y'
kind: prompts
prompts:
  - id: p-one
    capabilities: [summarization]
    titel: One
    turns: [{role: user, content: hi}]
Y
bad "unknown key" "case/a.yaml:5:5: prompt: unknown key 'titel' \(did you mean 'title'\?\)"

cat >"$C/a.yaml" <<'Y'
kind: prompts
prompts:
  - id: p-one
    capabilities: [summarization]
    turns: [{role: user, content: hi}]
Y
bad "missing required key" "case/a.yaml:3:5: prompt: missing required key 'title'"

cat >"$C/a.yaml" <<'Y'
kind: prompts
prompts:
  - id: p-one
    capabilities: {summarization: yes}
    title: One
    turns: [{role: user, content: hi}]
Y
bad "a mapping where a list belongs" "case/a.yaml:4:19: prompt 'capabilities': expected a list, found a mapping"

cat >"$C/a.yaml" <<'Y'
kind: prompts
prompts:
  - id: p-one
    capabilities: [summarization]
    title: One
    onet_task_id: twelve
    turns: [{role: user, content: hi}]
Y
bad "text where a number belongs" "case/a.yaml:6:19: prompt 'onet_task_id': expected a whole number from 1 to 2147483647, found 'twelve'"

cat >"$C/a.yaml" <<'Y'
kind: prompts
prompts:
  - id: p-one
    capabilities: [summarization]
    title: One
    turns: [{role: user, content: hi}]
Y
cat >"$C/b.yaml" <<'Y'
kind: prompts
prompts:
  - id: p-one
    capabilities: [summarization]
    title: One again
    turns: [{role: user, content: hi}]
Y
bad "duplicate id" "case/b.yaml:3:5: duplicate prompt id 'p-one' \(first defined at .*case/a.yaml:3\)"

cat >"$C/a.yaml" <<'Y'
kind: prompts
prompts:
  - id: p-one
    capabilities: [summarization, translation]
    title: One
    turns: [{role: user, content: hi}]
Y
bad "capability without a rubric" "case/a.yaml:4:35: prompt 'p-one': capability 'translation' has no rubric"

cat >"$C/a.yaml" <<'Y'
kind: outputs
model: model-c
outputs:
  - prompt: no-such-prompt
    text: hello
Y
bad "output for an unknown prompt" "case/a.yaml:4:13: output of model 'model-c' for unknown prompt 'no-such-prompt'"

cat >"$C/a.yaml" <<'Y'
kind: outputs
model: model-c
outputs:
  - prompt: sum-incident-brief
    text: hello
  - prompt: sum-incident-brief
    text: hello again
Y
bad "second output of one model for one prompt" "case/a.yaml:6:5: a second output of model 'model-c' for prompt 'sum-incident-brief'"

cat >"$C/a.yaml" <<'Y'
kind: rubric
capability: clarity-test
title: T
scale: {min: 5, max: 1}
axes: [{id: coherence, question: Q}]
Y
bad "scale with min >= max" "case/a.yaml:4:8: scale: min \(5\) must be less than max \(1\)"

cat >"$C/a.yaml" <<'Y'
kind: rubric
capability: clarity-test
title: T
scale: {min: 1, max: 5}
axes:
  - id: coherence
    question: Q
    anchors: {1: low, 7: high}
Y
bad "anchor outside the scale" "case/a.yaml:8:23: anchors: point 7 is outside the scale 1 to 5"

cat >"$C/a.yaml" <<'Y'
kind: rubric
capability: clarity-test
title: T
scale: {min: 1, max: 5}
axes: []
Y
bad "rubric with no axes" "case/a.yaml:5:7: rubric 'axes': the rubric has no axes"

cat >"$C/a.yaml" <<'Y'
kind: rubric
capability: clarity-test
title: T
scale: {min: 1, max: 5}
axes:
  - {id: accuracy, question: Q}
  - {id: accuracy, question: Q again}
Y
bad "duplicate axis" "case/a.yaml:7:5: rubric: axis 'accuracy' appears twice"

cat >"$C/a.yaml" <<'Y'
kind: prompts
prompts:
  - id: p-one
    capabilities: [summarization]
    title: One
    turns:
      - {role: user, content: hi}
      - {role: assistant, content: hello}
Y
bad "conversation ending with the assistant" "case/a.yaml:8:9: prompt 'p-one': the conversation must end with a user turn"

cat >"$C/a.yaml" <<'Y'
kind: study
title: S
weights:
  summarization: 10
  translation: 5
Y
bad "weight for a capability no rubric defines" "case/a.yaml:5:3: study weight for capability 'translation', which no rubric defines"

printf 'kind: prompts\nprompts:\n  - id: p-one\n    title: caf\351\n' >"$C/a.yaml"
bad "invalid UTF-8" "case/a.yaml:4:15: the file is not valid UTF-8 \(byte 0xe9\)"

printf 'kind: prompts\nprompts: []\n# a\000b\n' >"$C/a.yaml"
bad "NUL byte" "case/a.yaml:3:4: the file holds a NUL byte"

: >"$C/a.yaml"
bad "empty file" "case/a.yaml: the file is empty"

printf 'kind: prompts\nprompts:\n  - id: [unclosed\n' >"$C/a.yaml"
bad "malformed YAML" "case/a.yaml:3:9: YAML syntax error in a flow sequence begun here; parsing stopped at 4:1: did not find expected ',' or ']'"

printf '{"model": "m", "prompt": "sum-japanese", "text": "a"}\n\n{"model": "m", "prompt": "sum-incident-brief", "text": "b",}\n' >"$C/a.jsonl"
bad "malformed JSON on line 3" "case/a.jsonl:3:[0-9]+: malformed JSON"

printf '{"model": "m", "prompt": "sum-japanese", "text": 5}\n' >"$C/a.jsonl"
bad "JSON value of the wrong type" "case/a.jsonl:1:1: \"text\": expected a string, found a number"

# Ratings lines (import and import --ratings) pass the one gate (gate.h):
# scores on the scale, times that parse and are not in the future, names
# that print as themselves, flags from the list, time spent bounded, and
# ratings under someone else's name only with --as.
rating() {
	printf '{"kind": "ratings", "reviewer": "%s", "prompt": "sum-incident-brief", "model": "model-b", "capability": "summarization", "axis": "accuracy", %s}\n' "$1" "$2" >>"$C/r.jsonl"
}
rating "$ME" '"score": 6'
bad "a score above the scale" "case/r.jsonl:1:1: score 6 is outside the scale 1 to 5"
rating "$ME" '"score": 0'
bad "a score below the scale" "case/r.jsonl:1:1: score 0 is outside the scale 1 to 5"
rating "$ME" '"score": -1000'
bad "a score far below the scale" "case/r.jsonl:1:1: score -1000 is outside the scale 1 to 5"
rating "$ME" '"score": 3, "changed": "9999-12-31T00:00:00.000Z"'
bad "a time in the future" "case/r.jsonl:1:1: \"changed\": '9999-12-31T00:00:00.000Z': a time is not in the future"
rating "$ME" '"score": 3, "changed": "2026-02-30T00:00:00Z"'
bad "a time that is no date" "case/r.jsonl:1:1: \"changed\": '2026-02-30T00:00:00Z': a time is YYYY-MM-DDTHH:MM:SS"
rating "$ME" '"score": 3, "changed": "last week"'
bad "a time that does not parse" "case/r.jsonl:1:1: \"changed\": 'last week': a time is YYYY-MM-DDTHH:MM:SS"
rating 'ana\u001b[2J' '"score": 3'
bad "a reviewer name with ESC" "case/r.jsonl:1:1: \"reviewer\": a name is 1 to 64 bytes of printable UTF-8 text"
rating "$(printf 'r%.0s' $(seq 65))" '"score": 3'
bad "a reviewer name too long" "case/r.jsonl:1:1: \"reviewer\": a name is 1 to 64 bytes"
rating 'ana\u202e' '"score": 3'
bad "a reviewer name with a bidi override" "case/r.jsonl:1:1: \"reviewer\": a name is 1 to 64 bytes"
rating "$ME" '"score": 3, "flag": "spam"'
bad "a flag not in the list" "case/r.jsonl:1:1: unknown flag 'spam' \(a flag is one of broken, off-topic, unsafe or other\)"
rating "$ME" '"score": 3, "active_seconds": 1e9'
bad "time spent beyond the bound" "case/r.jsonl:1:1: \"active_seconds\": time spent is 0 to 604800 seconds"
rating "$ME" '"score": 3'
rating ana '"score": 3'
bad "another reviewer's rating without --as" "case/r.jsonl:2:1: \"reviewer\": 'ana' is not you \($ME\): add --as"
ok
! grep -q "r.jsonl:1:" "$WORK/err" || fail "the reviewer's own rating is refused"
printf 'kind: study\nreviewers: [%s, ana]\n' "$ME" >"$C/study.yaml"
rating zed '"score": 3'
run import --as "$FIXTURES/good/rubric-summarization.yaml" "$C"
expect_status 2 "a reviewer off the roster, without overlap"
expect_err "case/r.jsonl:1:1: \"reviewer\": 'zed' is not on this study's roster" "off the roster"
dump "$PANELIST_DB" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "off the roster: the database changed"
rm -rf "$C" && mkdir -p "$C"
printf 'kind: study\nreviewers: ["ana\\e"]\n' >"$C/study.yaml"
bad "a roster name with ESC" "case/study.yaml:2:13: study 'reviewers': 'ana.*': a name is 1 to 64 bytes"
# The roster follows the gate's one rule for names, at the name itself: a
# name that imports is one that rate accepts.
printf 'kind: study\nreviewers:\n  - ana\n  - "bo "\n' >"$C/study.yaml"
bad "a roster name ending in a space" "case/study.yaml:4:5: study 'reviewers': 'bo ': a name is 1 to 64 bytes"
printf 'kind: study\nreviewers:\n  - ""\n' >"$C/study.yaml"
bad "an empty roster name" "case/study.yaml:3:5: study 'reviewers': '': a name is 1 to 64 bytes"
printf 'kind: study\nreviewers:\n  - "%s"\n' "$(printf 'r%.0s' $(seq 65))" >"$C/study.yaml"
bad "a roster name too long" "case/study.yaml:3:5: study 'reviewers': 'r+': a name is 1 to 64 bytes"

printf '{"model": "%s", "prompt": "sum-japanese", "text": "a"}\n' "$(printf 'm%.0s' $(seq 65))" >"$C/a.jsonl"
bad "a model name too long" "case/a.jsonl:1:1: model 'm+': a name is 1 to 64 bytes"

# With --as, another reviewer's ratings come in; the history names who
# brought them.
AS=$(copy_db "$PANELIST_DB" as)
rating ana '"score": 3'
run --db "$AS" import --ratings --as "$C/r.jsonl"
expect_status 0 "another reviewer's rating with --as"
ok
[ "$("$SQLITE3" "$AS" "SELECT actor FROM history")" = "$ME" ] ||
    fail "the history does not record the login behind import --as"
rm -rf "$C" && mkdir -p "$C"

printf 'kind: outputs\nmodel: Model A\noutputs: []\n' >"$C/a.yaml"
bad "an id with capitals and spaces" "case/a.yaml:2:8: outputs file 'model': 'Model A' is not an id"

# Size limits: a huge YAML file is refused before it is read (a sparse file,
# so the test costs no disk); a JSONL line over 16 MiB is refused while
# streaming, without holding more than the limit.
truncate -s 65M "$C/huge.yaml"
bad "YAML file over the size limit" "case/huge.yaml: the file is 68157440 bytes, over the 64 MiB limit"
head -c 17000000 /dev/zero | tr '\0' 'x' | sed 's/^/{"model": "m", "prompt": "p", "text": "/; s/$/"}/' >"$C/long.jsonl"
bad "JSONL line over the size limit" "case/long.jsonl:1:1: the line is longer than the 16 MiB limit"

mkdir -p "$C/sub/empty"
bad "directory with no input files" "case: no .yaml, .yml or .jsonl files in this directory"

ln -s "$WORK/nowhere.yaml" "$C/dangling.yaml"
bad "unreadable file (dangling link)" "case/dangling.yaml: cannot open: No such file or directory"

if [ "$(id -u)" -ne 0 ]; then
	printf 'kind: study\n' >"$C/locked.yaml"
	chmod 000 "$C/locked.yaml"
	bad "unreadable file (no permission)" "case/locked.yaml: cannot open: Permission denied"
fi

# A database file that is not SQLite: refused, and not one byte changed.
printf 'this is not a database\n' >"$WORK/notes.db"
cp "$WORK/notes.db" "$WORK/notes.orig"
for cmd in status "import $FIXTURES/good" init "list prompts"; do
	run --db "$WORK/notes.db" $cmd
	expect_status 2 "$cmd on a non-SQLite file"
	expect_err "notes.db is not a panelist study database \(not an SQLite file\)" "$cmd on a non-SQLite file"
	ok
	cmp -s "$WORK/notes.db" "$WORK/notes.orig" || fail "$cmd changed a non-SQLite file"
done
ok
[ ! -e "$WORK/notes.db-wal" ] || fail "a WAL file was created next to a non-SQLite file"

# An SQLite database of something else: refused, untouched.
"$SQLITE3" "$WORK/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
cp "$WORK/other.db" "$WORK/other.orig"
run --db "$WORK/other.db" import "$FIXTURES/good"
expect_status 2 "import into a foreign SQLite database"
expect_err "is an SQLite database but not a panelist study" "foreign SQLite database"
ok
cmp -s "$WORK/other.db" "$WORK/other.orig" || fail "a foreign SQLite database was changed"

# A database from a newer panelist: refused, untouched.
NEWER=$(copy_db "$PANELIST_DB" newer)
"$SQLITE3" "$NEWER" "PRAGMA user_version = 99"
dump "$NEWER" >"$WORK/newer.sql"
run --db "$NEWER" status
expect_status 2 "a database from a newer panelist"
expect_err "written by a newer panelist \(schema 99" "newer schema"
dump "$NEWER" >"$WORK/newer2.sql"
ok
cmp -s "$WORK/newer.sql" "$WORK/newer2.sql" || fail "a newer database was changed"

finish
