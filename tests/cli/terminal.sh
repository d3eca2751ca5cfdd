# terminal.sh: output that is not a terminal is data.  CSV, TSV and JSON
# lines written to a file or a pipe keep the bytes of the study exactly,
# control characters and all (the tmux test terminal.sh checks what a
# terminal gets); and the one formula guard gives every CSV and TSV text
# cell of every command that a spreadsheet would run a leading ', while
# numbers stay numbers.
. "$TESTS_SRCDIR/cli/lib.sh"
PY=${PYTHON3:-python3}

# The payloads, as JSON strings: each is a formula, or starts like one.
set -- '=1+1' '+1' '-1+1' '@SUM(1)' '=HYPERLINK(\"x\")' "=cmd|' /C calc'!A0" '\t=1' '\r=1'
N=$#

mkdir -p s
cat >s/study.yaml <<'EOF'
kind: study
title: "=cmd|' /C calc'!A0"
blind: false
seed: 1
EOF
cat >s/prompts.yaml <<'EOF'
kind: prompts
prompts:
  - id: p1
    capabilities: [summarization]
    title: "@SUM(1)"
    turns:
      - role: user
        content: "Summarize."
EOF
printf '{"model": "m1", "prompt": "p1", "text": "one"}\n{"model": "m2", "prompt": "p1", "text": "two"}\n{"model": "m3", "prompt": "p1", "text": "three"}\n' \
    >s/outputs.jsonl
run import "$FIXTURES/good/rubric-summarization.yaml" s
expect_status 0 "import the study"
# Reviewer i: the payload i in the note and the flag's reason (through
# import --ratings), and in the name and the times (written straight into
# the database: the import gate refuses such names and times, but a
# database from elsewhere could hold them, and the guard must hold anyway).
i=0
for p in "$@"; do
	i=$((i + 1))
	for m in m1 m2; do
		score=3
		[ "$m" = m2 ] && score=4
		printf '{"reviewer":"r%d","prompt":"p1","model":"%s","capability":"summarization","axis":"accuracy","score":%d,"note":"%s"}\n' \
		    "$i" "$m" "$score" "$p"
	done
	# A flagged output is left out of the scores: m3 alone is.
	printf '{"reviewer":"r%d","prompt":"p1","model":"m3","capability":"summarization","axis":"accuracy","score":2,"flag":"other","flag_reason":"%s"}\n' \
	    "$i" "$p"
done >ratings.jsonl
run import --as --ratings ratings.jsonl
expect_status 0 "import the payloads as ratings"
# The history is append-only; these times are rewritten on purpose.
if pg_mode; then
	"$SQLITE3" "$PANELIST_DB" "DROP TRIGGER history_append_only ON history"
else
	"$SQLITE3" "$PANELIST_DB" "DROP TRIGGER history_append_only_update"
fi
i=0
for p in "$@"; do
	i=$((i + 1))
	v=$(sql_json_string "\"$p\"")
	"$SQLITE3" "$PANELIST_DB" "UPDATE history SET at = $v WHERE reviewer =
	    (SELECT id FROM reviewer WHERE name = 'r$i');
	    UPDATE rating SET changed = $v WHERE reviewer = (SELECT id FROM reviewer WHERE name = 'r$i');
	    UPDATE review SET changed = $v WHERE reviewer = (SELECT id FROM reviewer WHERE name = 'r$i');
	    UPDATE reviewer SET name = $v WHERE name = 'r$i'"
done
ok
[ "$("$SQLITE3" "$PANELIST_DB" "SELECT count(*) FROM reviewer WHERE name LIKE 'r_'")" = 0 ] ||
    fail "the payload names are not in the database"

# check FILE csv|tsv COLUMNS... : parse FILE; every text cell that starts
# like a formula is guarded; the named columns hold each payload, guarded;
# numbers are never guarded.
check() {
	file=$1 kind=$2
	shift 2
	ok
	"$PY" - "$file" "$kind" "$N" "$@" <<'EOF' || fail "$file: the formula guard does not hold"
import csv, io, re, sys
path, kind, n, cols = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
payloads = ['=1+1', '+1', '-1+1', '@SUM(1)', '=HYPERLINK("x")',
            "=cmd|' /C calc'!A0", '\t=1', '\r=1']
assert n == len(payloads)
data = open(path, 'rb').read().decode('utf-8')
if kind == 'csv':
    rows = list(csv.reader(io.StringIO(data, newline='')))
else:
    def untsv(c):
        return re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r',
                                           '\\': '\\'}[m.group(1)], c)
    rows = [[untsv(c) for c in l.split('\t')] for l in data.split('\n')[:-1]]
head, body = rows[0], rows[1:]
bad = 0
number = re.compile(r'^[-+]?[0-9]+(\.[0-9]+)?$')
for r in body:
    for h, c in zip(head, r):
        if c[:1] in ('=', '+', '-', '@', '\t', '\r') and not number.match(c):
            print('%s: %s %r is not guarded' % (path, h, c)); bad = 1
        if c.startswith("'") and number.match(c[1:]) and c[1:] not in payloads:
            print('%s: %s %r is a guarded number' % (path, h, c)); bad = 1
for col in cols:
    have = set(r[head.index(col)] for r in body)
    for p in payloads:
        if col == 'study':
            p = "=cmd|' /C calc'!A0"
        if "'" + p not in have:
            print('%s: %s lacks the guarded %r (has %r)' % (path, col, p, sorted(have)[:3])); bad = 1
sys.exit(bad)
EOF
}

for f in csv tsv; do
	run export --format "$f"
	expect_status 0 "export --format $f"
	cp out "export.$f"
	check "export.$f" "$f" study reviewer note flag_reason first_rated changed
	run export --wide --format "$f"
	expect_status 0 "export --wide --format $f"
	cp out "wide.$f"
	check "wide.$f" "$f" study reviewer note flag_reason first_rated changed
	for cmd in "scores --by reviewer" "export --scores --by reviewer" "agreement --reviewers" \
	    "agreement" "compare m1 m2" "scores --by model,capability,axis"; do
		# shellcheck disable=SC2086
		run $cmd --format "$f" --resamples 10
		expect_status 0 "$cmd --format $f"
		name=$(echo "$cmd" | tr ' ,' '__')
		cp out "$name.$f"
		case $cmd in
		*reviewer*) check "$name.$f" "$f" reviewer ;;
		*) check "$name.$f" "$f" ;;
		esac
	done
done
# -1.00 (m1 - m2) is a number in compare's diff column, never guarded.
ok
grep -q ',-1.00,' compare_m1_m2.csv || fail "compare: the difference is not -1.00: $(cat compare_m1_m2.csv)"
ok
! grep -q "'-1.00" compare_m1_m2.csv || fail "compare: a negative number was guarded"
run list --tsv reviewers
expect_status 0 "list --tsv reviewers"
cp out list-reviewers.tsv
check list-reviewers.tsv tsv reviewer
run list --tsv prompts
cp out list-prompts.tsv
ok
grep -q "	'@SUM(1)\$" list-prompts.tsv || fail "list --tsv prompts: the title is not guarded: $(cat list-prompts.tsv)"

# --raw: no guard, as the user asked.
run export --raw
expect_status 0 "export --raw"
ok
grep -q '^=cmd|'"'"' /C calc'"'"'!A0,' out || fail "export --raw guarded the study title"

# Not a terminal: the bytes as they are, escapes and bidi controls too.
# ESC ] 0 ; x BEL, U+202E, U+009B, as JSON escapes in the file.
printf '{"reviewer":"r1","prompt":"p1","model":"m1","capability":"summarization","axis":"clarity","score":2,"note":"X\\u001b]0;x\\u0007\\u202e\\u009bY"}\n' >esc.jsonl
"$SQLITE3" "$PANELIST_DB" "UPDATE reviewer SET name = 'r1' WHERE id = 1"
"$SQLITE3" "$PANELIST_DB" "DELETE FROM review WHERE reviewer = 1"
run import --as --ratings esc.jsonl
expect_status 0 "import a note with escapes"
raw=$(printf 'X\033]0;x\007\342\200\256\302\233Y')
for f in csv tsv; do
	run export --format "$f"
	ok
	grep -qF "$raw" out || fail "export --format $f to a file changed the note's bytes: $(grep -a X out | od -c | head -5)"
done
run export --format jsonl
ok
grep -qF 'X\u001B]0;x\u0007'"$(printf '\342\200\256\302\233')"'Y' out ||
    fail "export --format jsonl to a file changed the note: $(grep -a X out)"
"$SQLITE3" "$PANELIST_DB" "UPDATE reviewer SET name = 'R' || $(sql_chr 27) || ']0;x' || $(sql_chr 7) ||
    $(sql_chr 8238) WHERE id = 1"
for f in csv tsv; do
	run scores --by reviewer --format "$f" --resamples 0
	ok
	grep -qF "$(printf 'R\033]0;x\007\342\200\256')" out ||
	    fail "scores --format $f to a file changed the name's bytes"
done
run list --tsv reviewers
ok
grep -qF "$(printf 'R\033]0;x\007\342\200\256')" out ||
    fail "list --tsv to a file changed the name's bytes: $(od -c out | head -5)"
# Messages are for people wherever they go: a file gets the notation too.
E=$(printf '\033]0;x\007\233')
run "--x$E"
expect_err '^panelist: --x\^\[\]0;x\^G<9B>: unknown option' "an unknown option echoed inert"
run list "x$E"
expect_err "cannot list 'x\\^\\[\\]0;x\\^G<9B>'" "a usage error echoes argv inert"
run --db "$WORK/no/d$E.db" status
expect_err 'd\^\[\]0;x\^G<9B>\.db' "a missing database's name inert"
ok
! grep -q "$(printf '\033')" "$WORK/err" || fail "a message holds a raw ESC"
# Through a pipe, too.
ok
"$PANELIST" export | grep -qF "$raw" || fail "export to a pipe changed the note's bytes"

finish
