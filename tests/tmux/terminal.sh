# terminal.sh: every way panelist writes to a terminal outside the rating
# screen, with text that would retitle the terminal (OSC 0), write its
# clipboard (OSC 52), colour it (CSI), C1 controls encoded and as raw bytes
# (0x9b CSI, 0x9d OSC) and bidi controls.  Each command runs in a real tmux
# pane: the pane's title and tmux's paste buffers must stay as they were,
# and the pane must show the visible notation of panelist(1), "Text on the
# terminal".
. "$TESTS_SRCDIR/tmux/lib.sh"

ESC=$(printf '\033')
BEL=$(printf '\007')
C1=$(printf '\233\235')		# raw CSI and OSC bytes, not UTF-8
OSC_TITLE="$ESC]0;pwned$BEL"
OSC_CLIP="$ESC]52;c;cHduZWQ=$BEL"
# As the terminal shows them once made inert.
SHOWN_TITLE='^[]0;pwned^G'
SHOWN_CLIP='^[]52;c;cHduZWQ=^G'

mkdir -p "$WORK/s"
# YAML's \e, \a and \u escapes: the files themselves are clean UTF-8.
cat >"$WORK/s/study.yaml" <<'EOF'
kind: study
title: "T1 \e]0;pwned\a \e]52;c;cHduZWQ=\a \e[1;31mred \u009b1m \u202eRLO\u202c \u2066ISO\u2069 end"
blind: false
seed: 1
EOF
cat >"$WORK/s/prompts.yaml" <<'EOF'
kind: prompts
prompts:
  - id: p1
    capabilities: [summarization]
    title: "P1 \e]0;pwned\a \e]52;c;cHduZWQ=\a \u202eRLO"
    turns:
      - role: user
        content: "C1 \e]0;pwned\a \e]52;c;cHduZWQ=\a \u009d0;x\u0007 \u200fRLM \u200bZW"
EOF
printf '{"model": "m1", "prompt": "p1", "text": "out \\u001b]0;pwned\\u0007"}\n' \
    >"$WORK/s/outputs.jsonl"
import "$RUBRIC" "$WORK/s"
printf '{"reviewer":"ana","prompt":"p1","model":"m1","capability":"summarization","axis":"accuracy","score":3,"note":"N1 \\u001b]0;pwned\\u0007 \\u001b]52;c;cHduZWQ=\\u0007 \\u202eRLO"}\n' \
    >"$WORK/r.jsonl"
import --as --ratings "$WORK/r.jsonl"
# A name the import gate may refuse, put in the database the way a tampered
# or older copy could hold it: OSC, an encoded C1 control and a bidi
# override.  The copies for the merge hold raw C1 bytes (0x9b, 0x9d) in it:
# they are study files on either engine, as only a file can hold such bytes.
base=$PANELIST_DB
if pg_mode; then
	base=$WORK/base.db
	{ "$PANELIST" --db "$base" import "$RUBRIC" "$WORK/s" &&
	    "$PANELIST" --db "$base" import --as --ratings "$WORK/r.jsonl"; } \
	    >"$WORK/import.out" 2>&1 || {
		fail "the study file for the merges: $(cat "$WORK/import.out")"
		finish
	}
fi
for c in here other here2 other2; do
	cp "$base" "$WORK/$c.db"
done
"$SQLITE3" "$PANELIST_DB" "UPDATE reviewer SET name = 'R1' || $(sql_chr 27) ||
    ']0;pwned' || $(sql_chr 7) || $(sql_chr 155) || $(sql_chr 8238) || 'x'
    WHERE name = 'ana'"
for db in "$WORK/here.db" "$WORK/other.db"; do
	"$SQLITE3" "$db" "UPDATE reviewer SET name = 'R2' || char(27) || ']0;pwned' ||
	    char(7) || CAST(X'9b9d' AS TEXT) || char(8238) || 'x' WHERE name = 'ana'"
done
"$SQLITE3" "$WORK/other.db" "UPDATE rating SET score = 1"
# The other database under a name that is an attack of its own.
EVIL_DB="$WORK/o$OSC_TITLE$C1.db"
mv "$WORK/other.db" "$EVIL_DB"
# And a well-formed copy under such a name, whose rating conflicts.
"$SQLITE3" "$WORK/other2.db" "UPDATE rating SET score = 1"
EVIL_DB2="$WORK/p$OSC_TITLE$C1.db"
mv "$WORK/other2.db" "$EVIL_DB2"
REVIEWER="R1$SHOWN_TITLE<U+009B><U+202E>x"

# The title a pane has when nothing sets one.
tm new-session -d -s plain -x 80 -y 24 sleep 600
title_before=$(pane plain '#{pane_title}')
n=0

# run_in ARGS...: panelist ARGS in a pane of its own, until it ends; the
# pane obeyed nothing.  The pane is $p.
run_in() {
	n=$((n + 1))
	p=t$n
	start "$p" 250 60 "$@"
	wait_exit "$p"
	ok
	[ "$(pane "$p" '#{pane_title}')" = "$title_before" ] ||
	    fail "$*: the pane title changed to '$(pane "$p" '#{pane_title}')'"
	ok
	if [ -n "$(tm list-buffers)" ]; then
		fail "$*: the clipboard was written: $(tm list-buffers)"
		# So that the next command is judged on its own.
		tm list-buffers -F '#{buffer_name}' | while read -r b; do
			tm delete-buffer -b "$b"
		done
	fi
}

# shows TEXT...: the pane shows each TEXT (in lines joined where the pane
# wrapped them), and no raw ESC or U+202E.
shows() {
	for t in "$@"; do
		t0=$(date +%s)
		until tm capture-pane -p -J -t "$p" | grep -qF -- "$t"; do
			if [ $(($(date +%s) - t0)) -ge "$WAIT_SECONDS" ]; then
				fail "panelist $args: '$t' never appeared; the screen was:
$(tm capture-pane -p -J -t "$p")"
				break
			fi
			sleep 0.05
		done
		ok
	done
	ok
	! screen "$p" | grep -aq "$ESC\|$(printf '\342\200\256')" ||
	    fail "panelist $args: the pane holds a raw ESC or U+202E"
}

args="export"
run_in export
shows "T1 $SHOWN_TITLE $SHOWN_CLIP ^[[1;31mred <U+009B>1m <U+202E>RLO<U+202C> <U+2066>ISO<U+2069> end" \
    "N1 $SHOWN_TITLE $SHOWN_CLIP <U+202E>RLO" "$REVIEWER"
args="export --wide"
run_in export --wide
shows "T1 $SHOWN_TITLE" "N1 $SHOWN_TITLE $SHOWN_CLIP <U+202E>RLO"
args="export --format tsv"
run_in export --format tsv
shows "T1 $SHOWN_TITLE" "N1 $SHOWN_TITLE $SHOWN_CLIP <U+202E>RLO"
args="export --format jsonl"
run_in export --format jsonl
shows '"note":"N1 \u001B]0;pwned\u0007 \u001B]52;c;cHduZWQ=\u0007 <U+202E>RLO"'

for f in csv tsv json md table; do
	args="scores --by reviewer --format $f"
	run_in scores --by reviewer --format "$f"
	if [ "$f" = json ]; then
		shows '"reviewer": "R1\u001B]0;pwned\u0007<U+009B><U+202E>x"'
	else
		shows "$REVIEWER"
	fi
done
args="export --scores --by reviewer"
run_in export --scores --by reviewer
shows "$REVIEWER"

args="status"
run_in status
shows "Study:    T1 $SHOWN_TITLE $SHOWN_CLIP ^[[1;31mred <U+009B>1m <U+202E>RLO<U+202C>" \
    "$REVIEWER"
args="show prompt p1"
run_in show prompt p1
shows "P1 $SHOWN_TITLE $SHOWN_CLIP <U+202E>RLO" \
    "C1 $SHOWN_TITLE $SHOWN_CLIP <U+009D>0;x^G <U+200F>RLM <U+200B>ZW"
args="list prompts"
run_in list prompts
shows "P1 $SHOWN_TITLE $SHOWN_CLIP <U+202E>RLO"
args="list reviewers"
run_in list reviewers
shows "$REVIEWER"
args="list --tsv reviewers"
run_in list --tsv reviewers
shows "$REVIEWER"

# Messages on stderr: argv echoed, a file name, a file's content.
args="--x$OSC_TITLE"
run_in "--x$OSC_TITLE$C1"
shows "--x$SHOWN_TITLE<9B><9D>: unknown option"
args="list x$OSC_TITLE"
run_in list "x$OSC_TITLE$(printf '\342\200\256')"
shows "cannot list 'x$SHOWN_TITLE<U+202E>'"
args="--db bad path"
run_in --db "$WORK/nothing/d$OSC_CLIP$C1.db" status
shows "d$SHOWN_CLIP<9B><9D>.db"
printf 'kind: "k\\e]0;pwned\\a\\u202e"\n' >"$WORK/b$OSC_TITLE.yaml"
args="import a bad file"
run_in import "$WORK/b$OSC_TITLE.yaml"
shows "b$SHOWN_TITLE.yaml" "k$SHOWN_TITLE<U+202E>"
args="import a file that is not UTF-8"
printf 'kind: study\ntitle: "\233\235"\n' >"$WORK/c$OSC_CLIP.yaml"
run_in import "$WORK/c$OSC_CLIP.yaml"
shows "c$SHOWN_CLIP.yaml"

# merge refuses a copy whose reviewer name the gate refuses, and says so
# with the name and the other file's name inert.
args="merge of a copy with a bad name"
run_in --db "$WORK/here.db" merge "$EVIL_DB"
shows "name 'R2$SHOWN_TITLE<9B><9D><U+202E>x'" "o$SHOWN_TITLE<9B><9D>.db"
# The conflict listing, from a file whose name is the attack.
args="merge conflict listing"
run_in --db "$WORK/here2.db" merge --as "$EVIL_DB2"
shows "conflict: ana rated p1" "p$SHOWN_TITLE<9B><9D>.db"

finish
