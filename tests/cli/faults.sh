# faults.sh: a full disk, a read-only file system, and damaged databases:
# a clear message, the right exit status, and nothing half-written.
# The disk tests need root to mount a small tmpfs; elsewhere they are skipped.
. "$TESTS_SRCDIR/cli/lib.sh"
sqlite_only "a damaged, truncated or removed file, a full disk and a read-only file system under the study file"

G=$FIXTURES/good
T=$TOP_SRCDIR

# A damaged database: the SQLite header is intact, the pages after it are not.
"$PANELIST" --db "$WORK/ok.db" import "$G" >/dev/null 2>&1
head -c 4096 "$WORK/ok.db" >"$WORK/damaged.db"
head -c 8000 /dev/urandom >>"$WORK/damaged.db"
cp "$WORK/damaged.db" "$WORK/damaged.orig"
for cmd in status "import $G" "list prompts"; do
	run --db "$WORK/damaged.db" $cmd
	ok
	[ "$status" -eq 1 ] || [ "$status" -eq 2 ] || fail "$cmd on a damaged database: exit $status"
	expect_err "damaged.db: .*(malformed|not a database|corrupt)" "$cmd names the damage"
	ok
	cmp -s "$WORK/damaged.db" "$WORK/damaged.orig" || fail "$cmd changed a damaged database"
done

# A truncated database (half of it lost in a copy).
size=$(wc -c <"$WORK/ok.db")
head -c $((size / 2)) "$WORK/ok.db" >"$WORK/short.db"
run --db "$WORK/short.db" list prompts
ok
[ "$status" -ne 0 ] || fail "a truncated database was read as if whole"

# The database removed while a reviewer is writing: the next write says so
# and fails, instead of going on into a file nobody will read again.
if [ -n "${HAMMER:-}" ]; then
	"$PANELIST" --db "$WORK/gone.db" import "$G" >/dev/null 2>&1
	"$HAMMER" "$WORK/gone.db" ana 20 >"$WORK/gone.out" 2>"$WORK/gone.err" &
	pid=$!
	sleep 1
	rm -f "$WORK/gone.db"
	wait $pid
	status=$?
	ok
	[ "$status" -eq 1 ] || fail "a writer went on after its database was removed (exit $status)"
	ok
	grep -q "gone.db was removed or replaced while panelist had it open; this change was not saved" \
	    "$WORK/gone.err" || fail "removed database not reported: $(head -c 300 "$WORK/gone.err")"
fi

if [ "$(id -u)" -ne 0 ] || ! mkdir -p "$WORK/m" || ! mount -t tmpfs -o size=600k tmpfs "$WORK/m" 2>/dev/null; then
	echo "not root or no tmpfs: disk tests skipped" >&2
	finish
fi
trap 'umount "$WORK/m" 2>/dev/null; cleanup' EXIT
D=$WORK/m/study.db

# A full disk: the import fails as a whole, says why, and changes nothing.
run --db "$D" import "$G"
expect_status 0 "import onto the small disk"
dd if=/dev/zero of="$WORK/m/fill" bs=4096 2>/dev/null
dump "$D" >"$WORK/before.sql"
run --db "$D" import "$T/rubrics" "$T/prompts" "$T/demo"
expect_status 1 "import onto a full disk"
expect_err "study.db: .*the disk is full" "a full disk is named"
expect_err "nothing was imported" "full disk: nothing imported"
dump "$D" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "a failed import on a full disk changed the database"
rm -f "$WORK/m/fill"
run --db "$D" import "$T/rubrics" "$T/prompts" "$T/demo"
ok
# Room again: the same import now works (or fails only for size, never half-way).
if [ "$status" -eq 0 ]; then ok; else expect_err "disk is full" "retry on a small disk"; fi

# A read-only file system: reading works, writing says why.
rm -f "$D" "$D-wal" "$D-shm"
"$PANELIST" --db "$D" import "$G" >/dev/null 2>&1
dump "$D" >"$WORK/before.sql"
mount -o remount,ro "$WORK/m"
run --db "$D" status
expect_status 0 "status on a read-only file system"
expect_out "^summarization +3 " "status reads a read-only database"
run --db "$D" import "$FIXTURES/good/outputs-a.yaml" "$T/rubrics/summarization.yaml"
expect_status 1 "import on a read-only file system"
expect_err "read-only" "read-only is named"
run --db "$WORK/m/new.db" init
expect_status 1 "init in a read-only directory"
expect_err "cannot create .*new.db: Read-only file system" "read-only directory is named"
mount -o remount,rw "$WORK/m"
dump "$D" >"$WORK/after.sql"
ok
cmp -s "$WORK/before.sql" "$WORK/after.sql" || fail "the read-only database changed"

finish
