# files.sh: the files panelist is pointed at.  -o replaces only a regular
# file, keeps its mode (and owner) and leaves no temporary file behind;
# --db is a path, never a URI, opens only a regular file, and makes a new
# study 0660 whatever the umask; a user who may only read the study runs
# every command that reads.  The cases for root are skipped otherwise.
. "$TESTS_SRCDIR/cli/lib.sh"
sqlite_only "what --db does with a path (special files, names like URIs, file modes, readers without write permission)"

: "${PUT_RATINGS:?run through make check}"
S=$FIXTURES/scores

"$PANELIST" import "$S" >/dev/null 2>&1 || fail "the scores fixtures do not import"
"$PUT_RATINGS" "$PANELIST_DB" <"$S/ratings.txt" 2>/dev/null || fail "put-ratings"
root=false
[ "$(id -u)" -eq 0 ] && root=true

mode_of() { stat -c %a "$1"; }
owner_of() { stat -c %U "$1"; }

# ---- -o replaces only a regular file ------------------------------------------
mkfifo "$WORK/fifo"
ln -s "$WORK/fifo" "$WORK/to-fifo"
mkdir "$WORK/dir"
# expect_refused KIND WHAT: -o was refused, saying what the target is.
expect_refused() {
	expect_status 2 "$2: refused"
	expect_err "cannot write .*: it is $1" "$2: says why"
}
for cmd in "export" "export --scores" "report"; do
	# A FIFO nobody reads would hang a writer; it must stay a FIFO.
	run_cmd="timeout 10 $PANELIST $cmd -o"
	$run_cmd "$WORK/fifo" >"$WORK/out" 2>"$WORK/err"
	status=$?
	expect_refused "a FIFO" "$cmd -o onto a FIFO"
	ok
	[ -p "$WORK/fifo" ] || fail "$cmd -o replaced the FIFO"
done
run export -o "$WORK/to-fifo"
expect_refused "a symbolic link" "export -o onto a symbolic link to a FIFO"
ok
[ -L "$WORK/to-fifo" ] && [ -p "$WORK/fifo" ] || fail "export -o replaced the link or the FIFO"
run export -o "$WORK/dir"
expect_refused "a directory" "export -o onto a directory"
ok
[ -d "$WORK/dir" ] || fail "export -o replaced a directory"
if $root; then
	# A device of our own, the twin of /dev/null: the real one is never
	# risked.
	mknod -m 666 "$WORK/null" c 1 3
	run report -o "$WORK/null"
	expect_refused "a character device" "report -o onto a device"
	ok
	[ -c "$WORK/null" ] || fail "report -o replaced a device"
else
	echo "not root: the device case is skipped" >&2
fi
# Standard output is as it was.
run export -o -
expect_status 0 "export -o -"
expect_out '^study,reviewer,' "export -o - writes to standard output"

# ---- the file replaced keeps its mode and owner -------------------------------
printf 'old\n' >"$WORK/keep.csv"
chmod 0604 "$WORK/keep.csv"
$root && chown nobody "$WORK/keep.csv"
run export -o "$WORK/keep.csv"
expect_status 0 "export over an existing file"
ok
[ "$(mode_of "$WORK/keep.csv")" = 604 ] || fail "the replaced file is $(mode_of "$WORK/keep.csv"), not 604 as before"
ok
grep -q '^study,reviewer,' "$WORK/keep.csv" || fail "the file was not replaced"
if $root; then
	ok
	[ "$(owner_of "$WORK/keep.csv")" = nobody ] || fail "the replaced file belongs to $(owner_of "$WORK/keep.csv"), not nobody as before"
fi
(umask 022 && "$PANELIST" export -o "$WORK/new022.csv")
(umask 077 && "$PANELIST" report -o "$WORK/new077.html")
ok
[ "$(mode_of "$WORK/new022.csv")" = 644 ] && [ "$(mode_of "$WORK/new077.html")" = 600 ] ||
    fail "new files are $(mode_of "$WORK/new022.csv") and $(mode_of "$WORK/new077.html"), not 0666 less the umask"

# ---- temporary files: none left, leftovers of killed runs removed -------------
mkdir "$WORK/lo"
L=$WORK/lo
: >"$L/.out.csv.panelist-Ab12Cd"	# a killed run's: nobody holds it
: >"$L/.other.csv.panelist-Ab12Cd"	# another target's
: >"$L/.out.csv.panelist-Ab12Cde"	# not a name panelist makes
: >"$L/.out.csv.panelist-Live01"
if command -v flock >/dev/null 2>&1; then
	# A writer still at work holds the lock on its temporary file.
	flock -o -x "$L/.out.csv.panelist-Live01" sleep 30 &
	holder=$!
	sleep 0.3
	run export -o "$L/out.csv"
	expect_status 0 "export beside leftovers"
	ok
	[ ! -e "$L/.out.csv.panelist-Ab12Cd" ] || fail "a leftover of a killed run was not removed"
	ok
	[ -e "$L/.out.csv.panelist-Live01" ] || fail "the temporary file of a writer at work was removed"
	ok
	[ -e "$L/.other.csv.panelist-Ab12Cd" ] && [ -e "$L/.out.csv.panelist-Ab12Cde" ] ||
	    fail "a file that is not this target's leftover was removed"
	kill "$holder"
	wait "$holder" 2>/dev/null
	run export -o "$L/out.csv"
	ok
	[ ! -e "$L/.out.csv.panelist-Live01" ] || fail "a leftover whose writer is gone was not removed"
else
	echo "no flock(1): the leftover cases are skipped" >&2
fi
rm -f "$L/.other.csv.panelist-Ab12Cd" "$L/.out.csv.panelist-Ab12Cde"
ok
[ -z "$(find "$WORK" -name '.*.panelist-*')" ] ||
    fail "temporary files were left: $(find "$WORK" -name '.*.panelist-*')"

# ---- --db: only a regular file, refused at once --------------------------------
# Special files of its own, so that nothing above can have changed them.
D=$WORK/special
mkdir "$D" "$D/dir"
mkfifo "$D/fifo"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$D/sock" 2>/dev/null ||
    echo "no python3 to make a socket: that case is skipped" >&2
$root && mknod -m 666 "$D/null" c 1 3
for cmd in status init import; do
	for f in fifo dir sock null; do
		[ -e "$D/$f" ] || continue
		case $f in
		fifo) kind="a FIFO" ;; dir) kind="a directory" ;;
		sock) kind="a socket" ;; null) kind="a character device" ;;
		esac
		args=
		[ "$cmd" = import ] && args=$S/prompts.yaml
		timeout 10 "$PANELIST" --db "$D/$f" $cmd $args >"$WORK/out" 2>"$WORK/err"
		status=$?
		expect_status 2 "$cmd --db on $kind"
		expect_err "is $kind, not a study database" "$cmd --db on $kind: says why"
	done
done
ok
[ -p "$D/fifo" ] && [ -d "$D/dir" ] || fail "--db replaced a FIFO or a directory"
ok
[ -z "$(ls "$D" | grep -E -- '-(wal|shm|journal)$')" ] || fail "--db on a special file left files beside it: $(ls "$D")"

# ---- --db is a path, never a URI -----------------------------------------------
mkdir "$WORK/uri" && cd "$WORK/uri" || exit 99
run --db 'file:x.db?mode=memory' import "$S"
expect_status 0 "import into --db file:x.db?mode=memory"
ok
[ -f 'file:x.db?mode=memory' ] || fail "no file named file:x.db?mode=memory: $(ls)"
ok
[ ! -e x.db ] || fail "--db file:x.db?mode=memory was taken as a URI naming x.db"
ok
[ "$("$SQLITE3" './file:x.db?mode=memory' 'SELECT count(*) FROM prompt')" -gt 0 ] 2>/dev/null ||
    fail "the import did not go into the file (an in-memory database?)"
run --db 'file:x.db?mode=memory' list prompts
expect_status 0 "the same study read back"
expect_out 's1' "the study read back has its prompts"
PANELIST_DB="file:$WORK/uri/y.db" "$PANELIST" init >/dev/null 2>&1
ok
[ ! -e "$WORK/uri/y.db" ] || fail "PANELIST_DB=file:/.../y.db was taken as a URI"
cd "$WORK" || exit 99

# ---- a new study is 0660 whatever the umask ------------------------------------
for m in 022 077 002; do
	(umask $m && "$PANELIST" --db "$WORK/u$m.db" init >/dev/null 2>&1)
	ok
	[ "$(mode_of "$WORK/u$m.db")" = 660 ] || fail "under umask $m a new study is $(mode_of "$WORK/u$m.db"), not 660"
done
# Its -wal and -shm, made while it is open, get the same mode.
(umask 022 && { echo 'SELECT count(*) FROM sqlite_master;'; sleep 2; } | "$SQLITE3" "$WORK/u022.db" >/dev/null) &
opener=$!
sleep 1
ok
[ "$(mode_of "$WORK/u022.db-wal")" = 660 ] && [ "$(mode_of "$WORK/u022.db-shm")" = 660 ] ||
    fail "the -wal and -shm of a study are not 660: $(ls -l "$WORK"/u022.db-*)"
wait $opener

# ---- a user who may only read ---------------------------------------------------
as_nobody() {
	runuser -u nobody -- "$@" >"$WORK/out" 2>"$WORK/err"
	status=$?
}
if $root && command -v runuser >/dev/null 2>&1; then
	chmod 755 "$WORK"
	chmod 644 "$PANELIST_DB"
	mkdir -m 777 "$WORK/pub"
	before=$(dump "$PANELIST_DB")
	for cmd in "status" "list prompts" "show prompt s1" "scores --resamples 50" \
	    "compare alpha beta --resamples 50" "agreement --resamples 50" "export" \
	    "export -o $WORK/pub/r.csv" "report -o $WORK/pub/r.html --resamples 50"; do
		as_nobody "$PANELIST" $cmd
		expect_status 0 "$cmd by a user who may only read"
	done
	ok
	[ -s "$WORK/pub/r.csv" ] && [ -s "$WORK/pub/r.html" ] || fail "the reader's export and report are empty"
	printf 'kind: prompts\nprompts:\n  - id: s-late\n    capabilities: [summarization]\n    title: Late\n    turns: [{role: user, content: x}]\n' >"$WORK/late.yaml"
	as_nobody "$PANELIST" import "$WORK/late.yaml"
	expect_status 1 "import by a user who may only read"
	expect_err "read-only" "import by a reader says the database is read-only"
	ok
	[ "$before" = "$(dump "$PANELIST_DB")" ] || fail "a reader changed the study"

	# In a folder the reader may write, the reader still makes no -wal or
	# -shm of their own, that the study's writers could not write through.
	cp "$PANELIST_DB" "$WORK/pub/shared.db"
	chown daemon "$WORK/pub/shared.db"
	chmod 644 "$WORK/pub/shared.db"
	as_nobody "$PANELIST" --db "$WORK/pub/shared.db" status
	expect_status 0 "status by a reader in a folder they may write"
	ok
	[ -z "$(find "$WORK/pub" -user nobody -name 'shared.db-*')" ] || fail "the reader made -wal or -shm files: $(ls -l "$WORK/pub")"
	runuser -u daemon -- "$PANELIST" --db "$WORK/pub/shared.db" import --force "$S/../good/study.yaml" >"$WORK/out" 2>"$WORK/err"
	status=$?
	expect_status 0 "the owner imports after a reader"

	# While a writer has the study open, the reader reads through the WAL
	# and sees what was committed there and not yet copied into the file.
	{ echo 'SELECT count(*) FROM sqlite_master;'; sleep 4; } | "$SQLITE3" "$PANELIST_DB" >/dev/null &
	opener=$!
	sleep 0.5
	"$PANELIST" import "$WORK/late.yaml" >/dev/null 2>&1 || fail "import while another connection is open"
	as_nobody "$PANELIST" list prompts
	expect_status 0 "list by a reader while a writer has the study open"
	expect_out 's-late' "the reader sees a change that is still in the WAL"
	wait $opener

	# A reader of a study nobody has open reads the file as it is; a writer
	# that opens and closes the study meanwhile must leave its WAL for
	# later rather than rewrite the file under the reader.  The reader's
	# export is held up on a full pipe while the writer comes and goes.
	B=$WORK/big
	mkdir -m 755 "$B"
	awk 'BEGIN { print "kind: prompts"; print "prompts:"
		for (i = 0; i < 200; i++)
			printf "  - {id: p-%03d, capabilities: [summarization], title: T, turns: [{role: user, content: c}]}\n", i }' >"$B/prompts.yaml"
	awk 'BEGIN { for (m = 0; m < 3; m++) for (i = 0; i < 200; i++)
		printf "{\"model\": \"m-%d\", \"prompt\": \"p-%03d\", \"text\": \"answer\"}\n", m, i }' >"$B/outputs.jsonl"
	awk 'BEGIN { for (m = 0; m < 3; m++) for (i = 0; i < 200; i++)
		printf "{\"kind\": \"ratings\", \"reviewer\": \"r-1\", \"prompt\": \"p-%03d\", \"model\": \"m-%d\", \"capability\": \"summarization\", \"axis\": \"accuracy\", \"score\": 3, \"note\": \"%0200d\"}\n", i, m, 0 }' >"$B/ratings.jsonl"
	"$PANELIST" --db "$B/big.db" import "$S/rubric-summarization.yaml" "$B/prompts.yaml" "$B/outputs.jsonl" >/dev/null 2>&1 &&
	    "$PANELIST" --db "$B/big.db" import --as "$B/ratings.jsonl" >/dev/null 2>&1 || fail "the big study does not import"
	"$PANELIST" --db "$B/big.db" export >"$B/reference.csv"
	chmod 644 "$B/big.db"
	ok
	[ ! -e "$B/big.db-wal" ] && [ "$(wc -c <"$B/reference.csv")" -gt 150000 ] || fail "the big study is not as this case needs it"
	runuser -u nobody -- "$PANELIST" --db "$B/big.db" export 2>"$B/reader.err" |
	    (sleep 3; cat >"$B/held.csv") &
	reader=$!
	sleep 1
	"$PANELIST" --db "$B/big.db" import "$WORK/late.yaml" >/dev/null 2>&1 || fail "import while a reader reads"
	ok
	[ -e "$B/big.db-wal" ] || fail "a writer rewrote the study's file under a reader that had it open"
	wait $reader
	ok
	cmp -s "$B/held.csv" "$B/reference.csv" || fail "the held-up reader's export is not whole: $(cat "$B/reader.err")"
	as_nobody "$PANELIST" --db "$B/big.db" list prompts
	expect_out 's-late' "the next reader reads through the WAL the writer left"
else
	echo "not root or no runuser: the read-only user cases are skipped" >&2
fi

finish
