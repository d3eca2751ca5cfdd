# study.sh: running a study.  status counts per reviewer what the rating
# screen counts (checked against counts made here with sqlite3); a study
# file that changes the roster, overlap or blind lists what it does, needs
# --force once there are ratings, and is recorded; show output and notes
# read what the panel wrote.
. "$TESTS_SRCDIR/cli/lib.sh"

: "${PUT_RATINGS:?run through make check}"
DB=$(new_db s)

# The good fixtures (3 prompts, 6 outputs, overlap 2) with a roster of 3.
rm -rf "$WORK/g"
cp -R "$FIXTURES/good" "$WORK/g"
printf 'reviewers: [ana, ben, cat]\n' >>"$WORK/g/study.yaml"
run --db "$DB" import "$WORK/g"
expect_status 0 "import of a study with a roster"

q() {
	"$SQLITE3" "$DB" "$1"
}

# The axes of every output, counted here: what one reviewer of it rates.
SLOTS="SELECT o.id AS output, count(*) AS n FROM output o
    JOIN prompt_capability pc ON pc.prompt = o.prompt
    JOIN rubric r ON r.capability = pc.capability JOIN axis a ON a.rubric = r.id
    GROUP BY o.id"
outputs=$(q "SELECT count(*) FROM output")
all_slots=$(q "SELECT sum(n) FROM ($SLOTS) AS x")

# tsv_field REVIEWER COLUMN: one cell of status --format tsv.
tsv_field() {
	awk -F '\t' -v r="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	    $1 == r { print $col[c] }' "$WORK/status.tsv"
}

status_tsv() {
	"$PANELIST" --db "$DB" status --format tsv >"$WORK/status.tsv" 2>"$WORK/err" ||
	    fail "status --format tsv: $(cat "$WORK/err")"
	ok
}

# ---- before the first rating: the roster, each with their share -------------
run --db "$DB" status
expect_status 0 "status before any rating"
expect_out "^reviewer +items +done +partial +skipped +ratings done +of expected +percent +last activity +time spent$" \
    "the reviewer table with every unit named"
for r in ana ben cat; do
	expect_out "^$r +4 +0 +0 +0 +0 +[0-9]+ +0% +0s$" "$r listed before any rating, with 4 items"
done
status_tsv
sum=0
for r in ana ben cat; do
	n=$(tsv_field $r ratings_expected)
	sum=$((sum + ${n:-0}))
done
ok
# Each output goes to 2 of the 3: twice every output's axes in all.
[ "$sum" -eq $((2 * all_slots)) ] ||
    fail "ratings expected over the roster: $sum, counted $((2 * all_slots))"

# ---- partial work -------------------------------------------------------------
# ana rates every axis of one output; ben one axis of every output (so his
# queue is all six, each partly rated) and a note; cat only a note and a flag.
{
	for a in coherence accuracy clarity relevance efficiency; do
		echo "ana sum-incident-brief model-a summarization $a 4"
	done
	for p in sum-incident-brief gen-launch-note sum-japanese; do
		for m in model-a model-b; do
			echo "ben $p $m summarization accuracy 3"
		done
	done
	echo "note ben gen-launch-note model-b Too short to judge"
	echo "time ben gen-launch-note model-b 95"
	echo "time ana sum-incident-brief model-a 40"
	echo "note cat sum-incident-brief model-a Bullet two is wrong"
	echo "flag cat sum-incident-brief model-a broken figures invented"
} | "$PUT_RATINGS" "$DB" || fail "setup ratings"

# Counted here from the tables: items done (every axis rated), items
# started but not done, ratings, seconds and the last change, per reviewer.
count() {
	q "SELECT
	    (SELECT count(*) FROM ($SLOTS) s WHERE s.n = (SELECT count(*) FROM rating g
	      WHERE g.output = s.output AND g.reviewer = v.id)),
	    (SELECT count(*) FROM ($SLOTS) s WHERE s.n > (SELECT count(*) FROM rating g
	      WHERE g.output = s.output AND g.reviewer = v.id) AND
	      (EXISTS (SELECT 1 FROM rating g WHERE g.output = s.output AND g.reviewer = v.id)
	      OR EXISTS (SELECT 1 FROM review w WHERE w.output = s.output AND w.reviewer = v.id
	      AND (w.note IS NOT NULL OR w.flag IS NOT NULL)))),
	    (SELECT count(*) FROM rating g WHERE g.reviewer = v.id),
	    (SELECT coalesce(sum(active_seconds), 0) FROM review w WHERE w.reviewer = v.id),
	    max((SELECT coalesce(max(changed), '') FROM rating g WHERE g.reviewer = v.id),
	      (SELECT coalesce(max(changed), '') FROM review w WHERE w.reviewer = v.id),
	      (SELECT coalesce(max(at), '') FROM history h WHERE h.reviewer = v.id))
	    FROM reviewer v WHERE v.name = '$1'"
}
status_tsv
for r in ana ben cat; do
	want=$(count $r)
	got="$(tsv_field $r items_done)|$(tsv_field $r items_partial)|$(tsv_field $r ratings_done)|$(tsv_field $r seconds)|$(tsv_field $r last_activity)"
	ok
	# sqlite3 prints 95.0 for a REAL: compare the seconds as whole numbers.
	[ "$(echo "$want" | sed 's/\.0|/|/')" = "$got" ] ||
	    fail "status of $r: $got, counted $want (done|partial|ratings|seconds|last)"
	ok
	[ "$(tsv_field $r on_roster)" = yes ] || fail "$r not on the roster in the TSV"
done
ok
[ "$(tsv_field ana items_done)" = 1 ] && [ "$(tsv_field ben items_partial)" = 6 ] &&
    [ "$(tsv_field cat items_partial)" = 1 ] || fail "the partial work as set up: $(cat "$WORK/status.tsv")"
# ben started every output: his queue is all of them, each expecting its axes.
ok
[ "$(tsv_field ben items)" = "$outputs" ] && [ "$(tsv_field ben ratings_expected)" = "$all_slots" ] ||
    fail "ben's queue: $(tsv_field ben items) items, $(tsv_field ben ratings_expected) ratings expected; counted $outputs and $all_slots"
for r in ana cat; do
	ok
	n=$(tsv_field $r items)
	[ "$n" = 4 ] || [ "$n" = 5 ] || fail "$r has $n items: 4 assigned, and one more if started outside"
done
run --db "$DB" status
expect_out "^ben +$outputs +0 +6 +0 +6 +$all_slots +[0-9]+% .* 1m 35s$" "ben's row in the table, time spent in minutes"

# JSON: the same figures as the TSV, and the units in its keys.
run --db "$DB" status --format json
expect_status 0 "status --format json"
python3 - "$WORK/out" "$WORK/status.tsv" <<'PY' || fail "status JSON and TSV disagree: $(head -c 800 "$WORK/out")"
import csv, json, sys
d = json.load(open(sys.argv[1]))
rows = {r["reviewer"]: r for r in csv.DictReader(open(sys.argv[2]), delimiter="\t")}
assert [r["reviewer"] for r in d["reviewers"]] == ["ana", "ben", "cat"], d["reviewers"]
assert d["not_on_roster"] == []
for r in d["reviewers"]:
    t = rows[r["reviewer"]]
    for k in ("items", "items_done", "items_partial", "items_skipped", "ratings_done",
              "ratings_expected"):
        assert str(r[k]) == t[k], (k, r, t)
    assert round(r["seconds"]) == int(t["seconds"])
assert d["study"]["roster"] == ["ana", "ben", "cat"] and d["study"]["overlap"] == 2
assert [h["setting"] for h in d["history"]] == ["overlap", "seed", "reviewers"], d["history"]
PY
ok

# ---- a roster change: refused without --force, the database unchanged --------
ratings=$(q "SELECT count(*) FROM rating")
sed 's/^reviewers: .*/reviewers: [ana, cat, dan]/' "$WORK/g/study.yaml" >"$WORK/study2.yaml"
dump "$DB" >"$WORK/before.sql"
run --db "$DB" import "$WORK/study2.yaml"
expect_status 2 "a roster change of a rated study without --force"
expect_err "^panelist: $WORK/study2.yaml:1:1: this study file changes the roster of a study holding $ratings ratings: 'import --force' makes the change \(every rating is kept\)$" \
    "the refusal counts the ratings"
expect_err "^panelist: nothing was imported$" "nothing imported"
expect_out "^  roster: ana, ben, cat -> ana, cat, dan$" "the roster change listed"
# ben rated one axis of every output: of his 4 assigned, 4 ratings are kept.
expect_out "^  ben loses 4 items \([^)]*\); 4 ratings on them are kept, no longer assigned$" \
    "ben's loss and his kept ratings"
expect_out "^  dan gains 4 items \(" "dan's share"
dump "$DB" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a refused roster change changed the database"

run --db "$DB" import --force "$WORK/study2.yaml"
expect_status 0 "the roster change with --force"
expect_out "^  ben loses 4 items" "--force lists the consequences too"
expect_out "updated 1 study" "the study updated"
q "SELECT setting, old, new, ratings, unassigned, CASE WHEN actor IS NOT NULL THEN 1 END,
    CASE WHEN at LIKE '____-__-__T%Z' THEN 1 END FROM study_change ORDER BY id DESC LIMIT 1" | tr '\n' '/' >"$WORK/change"
ok
[ "$(cat "$WORK/change")" = "reviewers|ana/ben/cat|ana/cat/dan|$ratings|4|1|1/" ] ||
    fail "the recorded roster change: $(cat "$WORK/change")"
q "SELECT count(*) FROM rating" >"$WORK/n"
ok
[ "$(cat "$WORK/n")" = "$ratings" ] || fail "a roster change lost ratings: $(cat "$WORK/n") of $ratings"
run --db "$DB" status
expect_out "^Roster: +ana, cat, dan$" "status shows the new roster"
expect_out "^dan +4 +0 +0 +0 +0 +[0-9]+ +0% +0s$" "dan listed before his first rating"
expect_out "^Not on the roster" "people off the roster listed apart"
expect_out "^ben +$outputs +0 +6 +0 +6 +— +— " "ben apart, with what he started and no expectation"
expect_out "^  [0-9T:.-]+Z  roster ana, ben, cat -> ana, cat, dan \(by [^;]+; $ratings ratings then, 4 of them no longer assigned, kept\)$" \
    "the history line"
ok
awk '/^Not on the roster/ { apart = 1 } apart && /^ana|^cat|^dan/ { bad = 1 } END { exit bad }' "$WORK/out" ||
    fail "a roster member listed among those off it"
run --db "$DB" status --format json
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert [r["reviewer"] for r in d["not_on_roster"]] == ["ben"], d
assert d["not_on_roster"][0]["ratings_expected"] is None
assert [r["reviewer"] for r in d["reviewers"]] == ["ana", "cat", "dan"]' "$WORK/out" ||
    fail "status JSON after the roster change: $(head -c 600 "$WORK/out")"
ok
status_tsv
ok
[ "$(tsv_field ben on_roster)" = no ] || fail "the TSV does not mark ben off the roster"

# ---- overlap and blind --------------------------------------------------------
sed 's/^overlap: 2$/overlap: 3/' "$WORK/study2.yaml" >"$WORK/study3.yaml"
dump "$DB" >"$WORK/before.sql"
run --db "$DB" import "$WORK/study3.yaml"
expect_status 2 "an overlap change without --force"
expect_err "changes overlap of a study holding $ratings ratings" "the overlap refusal"
expect_out "^  overlap: 2 reviewers per output -> 3 reviewers per output$" "the overlap change listed"
expect_out "^  ana gains 2 items \(" "ana gains the rest"
dump "$DB" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a refused overlap change changed the database"
run --db "$DB" import --force "$WORK/study3.yaml"
expect_status 0 "the overlap change with --force"
status_tsv
for r in ana cat dan; do
	ok
	[ "$(tsv_field $r items)" = "$outputs" ] || fail "$r after overlap 3: $(tsv_field $r items) items"
done

sed 's/^blind: true$/blind: false/' "$WORK/study3.yaml" >"$WORK/study4.yaml"
run --db "$DB" import "$WORK/study4.yaml"
expect_status 2 "a blind change without --force"
expect_err "changes blind of a study" "the blind refusal"
expect_out "^  blind: yes -> no \(model names shown while rating\)$" "the blind change listed"

# ---- show output: blind first, then open --------------------------------------
run --db "$DB" show output sum-incident-brief model-a
expect_status 0 "show output in a blind study"
expect_out "^model +model-a$" "the model named"
expect_out "^- Attackers used a phished password\.$" "the output's text"
expect_out "^Ratings, notes and flags are not shown in a blind study \(--ratings shows them\)\.$" \
    "blind: no ratings unless asked"
ok
grep -q "Bullet two" "$WORK/out" && fail "a blind show output printed a note"
run --db "$DB" show output sum-incident-brief model-a --ratings
expect_out "^── ratings: 6 ──$" "--ratings: the count of ratings"
run --db "$DB" import --force "$WORK/study4.yaml"
expect_status 0 "the blind change with --force"
run --db "$DB" show output sum-incident-brief model-a
expect_status 0 "show output"
expect_out "^prompt +sum-incident-brief$" "the prompt"
expect_out "^capabilities +summarization$" "its capabilities"
expect_out "^── output ──$" "the text's heading"
n=$(q "SELECT count(*) FROM rating g JOIN output o ON o.id = g.output JOIN prompt p ON p.id = o.prompt
    JOIN model m ON m.id = o.model WHERE p.name = 'sum-incident-brief' AND m.name = 'model-a'")
expect_out "^── ratings: $n ──$" "every rating of the output counted"
expect_out "^ana +summarization +coherence +4 " "ana's ratings, in rubric order"
expect_out "^ben +summarization +accuracy +3 " "ben's rating"
expect_out "^── cat, [0-9T:.-]+Z ──$" "cat's note headed by her name"
expect_out "^flag: broken: figures invented$" "cat's flag"
expect_out "^Bullet two is wrong$" "cat's note"
run --db "$DB" show output sum-incident-brief model-b
expect_out "^metadata +.*latency_ms" "the output's metadata"
run --db "$DB" show output sum-incident-brief model-z
expect_status 2 "show output of a model without one"
expect_err "show output: no output of model 'model-z' for prompt 'sum-incident-brief'" "the missing output named"
run --db "$DB" show output sum-incident-brief
expect_status 2 "show output without a model"

# ---- notes in every format ----------------------------------------------------
notes=$(q "SELECT count(*) FROM review WHERE note IS NOT NULL OR flag IS NOT NULL")
run --db "$DB" notes
expect_status 0 "notes"
expect_out "^prompt +version +model +reviewer +flag +reason +note +changed$" "the notes table heading"
expect_out "^gen-launch-note +1 +model-b +ben +Too short to judge +[0-9T:.-]+Z$" "ben's note"
expect_out "^sum-incident-brief +1 +model-a +cat +broken +figures invented +Bullet two is wrong +[0-9T:.-]+Z$" \
    "cat's flag and note"
expect_out "^$notes notes and flags\.$" "the count under the table"
run --db "$DB" notes --format csv
expect_status 0 "notes --format csv"
expect_out "^prompt,prompt_version,model,reviewer,flag,flag_reason,note,changed" "the CSV heading"
expect_out "^sum-incident-brief,1,model-a,cat,broken,figures invented,Bullet two is wrong," "the CSV row"
ok
[ "$(wc -l <"$WORK/out")" -eq $((notes + 1)) ] || fail "notes CSV: $(wc -l <"$WORK/out") lines for $notes notes"
run --db "$DB" notes --format tsv
expect_out "^gen-launch-note	1	model-b	ben		" "the TSV row, the flag empty"
run --db "$DB" notes --format json
expect_status 0 "notes --format json"
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))["notes"]
assert len(d) == int(sys.argv[2]), d
c = [n for n in d if n["reviewer"] == "cat"][0]
assert (c["prompt"], c["model"], c["flag"], c["flag_reason"], c["note"]) == (
    "sum-incident-brief", "model-a", "broken", "figures invented", "Bullet two is wrong"), c
b = [n for n in d if n["reviewer"] == "ben"][0]
assert b["flag"] is None and b["note"] == "Too short to judge" and b["changed"].endswith("Z"), b' \
    "$WORK/out" "$notes" || fail "notes JSON: $(head -c 600 "$WORK/out")"
ok
run --db "$DB" notes --flagged --format tsv
ok
[ "$(tail -n +2 "$WORK/out" | cut -f4 | tr '\n' ' ')" = "cat " ] || fail "--flagged: $(cat "$WORK/out")"
run --db "$DB" notes --reviewer ben --format tsv
ok
[ "$(tail -n +2 "$WORK/out" | cut -f4 | tr '\n' ' ')" = "ben " ] || fail "--reviewer ben: $(cat "$WORK/out")"
run --db "$DB" notes --model model-a --format tsv
ok
[ "$(tail -n +2 "$WORK/out" | cut -f3 | tr '\n' ' ')" = "model-a " ] || fail "--model model-a: $(cat "$WORK/out")"
run --db "$DB" notes --reviewer zed
expect_status 2 "notes of a reviewer the study lacks"
expect_err "no reviewer 'zed' in this study" "the unknown reviewer named"
run --db "$DB" notes --format md
expect_status 2 "notes --format md is not offered"

# ---- a study that has never been rated changes freely --------------------------
FRESH=$(new_db fresh)
run --db "$FRESH" import "$WORK/g"
run --db "$FRESH" import "$WORK/study4.yaml"
expect_status 0 "a change before any rating needs no --force"
ok
grep -q "changes who rates what" "$WORK/out" && fail "an unrated study's change listed consequences"
run --db "$FRESH" status
expect_out "^  [0-9T:.-]+Z  blind yes -> no \(by [^;]+; 0 ratings then\)$" "the change recorded all the same"

# Without overlap every member of the roster rates every output, before any
# of them has rated: 6 outputs x 5 axes x 3.
cp -R "$WORK/g" "$WORK/all"
grep -v '^overlap:' "$WORK/g/study.yaml" >"$WORK/all/study.yaml"
ALL=$(new_db all)
run --db "$ALL" import "$WORK/all"
expect_status 0 "a study with a roster and no overlap"
run --db "$ALL" status
expect_out "^summarization +3 +2 +6 +5 +0 +90$" "ratings expected from the roster, without overlap"
expect_out "^ana +6 +0 +0 +0 +0 +40 +0% +0s$" "a roster member's queue is every output"

# The largest seed, beyond JSON's integers in jansson, as text.
sed 's/^seed: .*/seed: 18446744073709551615/' "$WORK/all/study.yaml" >"$WORK/big.yaml"
mv "$WORK/big.yaml" "$WORK/all/study.yaml"
BIG=$(new_db big)
run --db "$BIG" import "$WORK/all"
run --db "$BIG" status --format json
expect_out '^    "seed": "18446744073709551615",$' "status JSON: the largest seed exact"

# A note is data: a terminal's escape sequence in it is shown, never sent.
printf 'note ana sum-japanese model-a evil \033]0;pwned\007 x\n' | "$PUT_RATINGS" "$ALL" ||
    fail "setup of an escape in a note"
for cmd in "notes" "show output sum-japanese model-a --ratings"; do
	run --db "$ALL" $cmd
	expect_out 'evil \^\[\]0;pwned\^G x' "$cmd shows the escape as notation"
	ok
	grep -q "$(printf '\033')" "$WORK/out" && fail "$cmd sent an escape character"
done

finish
