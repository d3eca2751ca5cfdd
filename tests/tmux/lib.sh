# lib.sh: shared by the rating-screen tests.  Each test drives the real
# binary inside its own tmux server (a socket of its own, so tests run in
# parallel), in detached sessions of a fixed size, and reads the screen with
# capture-pane.  Nothing sleeps for a fixed time: wait_for polls the screen
# until it shows what the test expects, or gives up after $WAIT_SECONDS.
. "$TESTS_SRCDIR/cli/lib.sh"

TMUX_PROG=${TMUX_PROG:-$(command -v tmux)}
if [ -z "$TMUX_PROG" ] || [ ! -x "$TMUX_PROG" ]; then
	echo "tmux not found: skipped" >&2
	exit 77
fi
# Inside a developer's own tmux, $TMUX would point our client at their server.
unset TMUX TMUX_PANE
WAIT_SECONDS=${WAIT_SECONDS:-30}
# Under ASan: a leak inside ncurses itself (see the file) is not ours.
LSAN_OPTIONS="suppressions=$TESTS_SRCDIR/tmux/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
UI=$TESTS_SRCDIR/fixtures/ui
RUBRIC=$TESTS_SRCDIR/fixtures/good/rubric-summarization.yaml
SOCKET="panelist-$(basename "$0" .sh)-$$"

# remain-on-exit keeps a finished program's pane, so its exit status can be
# read; set-clipboard on lets an application's OSC 52 create a buffer, which
# the escapes test checks never happens.  exit-empty off: a server whose
# last session was just killed would otherwise be exiting as the next
# new-session reaches it ("server exited unexpectedly"); the EXIT trap
# kills it.
cat >"$WORK/tmux.conf" <<'CONF'
set -s exit-empty off
set -g remain-on-exit on
set -g set-clipboard on
set -g status off
set -g history-limit 0
CONF

tm() {
	"$TMUX_PROG" -u -L "$SOCKET" -f "$WORK/tmux.conf" "$@"
}
# The server leaves its socket behind; it goes with the rest.
SOCKET_PATH=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCKET
trap 'tm kill-server >/dev/null 2>&1; rm -f "$SOCKET_PATH"; cleanup' EXIT
# Killed (a timeout, C-c): through the EXIT trap all the same.
trap 'exit 99' INT TERM HUP

# start NAME COLS ROWS ARGS...: panelist ARGS in a new detached session of
# that size, in the locale $SCREEN_LOCALE (C.UTF-8 unless set) and with
# $SCREEN_LANGUAGE as LANGUAGE.  A shell around it writes its exit status (128 + the signal if
# one ended it) to $WORK/NAME.status: tmux alone sometimes sees the pane die
# without ever reporting the status, and may drop what a dying pane printed
# last, so the shell then stays (until the server is killed).  It traps (rather than ignores,
# which panelist would inherit) the quitting signals, so a C-c reaches
# panelist and the shell lives on to write the status.
start() {
	name=$1 cols=$2 rows=$3
	shift 3
	rm -f "$WORK/$name.status"
	tm new-session -d -s "$name" -x "$cols" -y "$rows" -c "$WORK" \
	    -e "PANELIST_DB=$PANELIST_DB" -e "HOME=$HOME" -e "LC_ALL=${SCREEN_LOCALE:-C.UTF-8}" \
	    -e "LANGUAGE=${SCREEN_LANGUAGE:-}" \
	    -e "PANELIST_DATADIR=${PANELIST_DATADIR:-}" -e "PANELIST_REVIEWER=${PANELIST_REVIEWER:-}" \
	    -e "STATUS_FILE=$WORK/$name.status" \
	    sh -c 'trap : INT TERM HUP; "$0" "$@"; echo $? >"$STATUS_FILE"; exec sleep 600' \
	    "$PANELIST" "$@" ||
	    fail "tmux new-session $name"
}

# The pid of the panelist running in a session: the child of the shell.
pid_of() {
	shell=$(pane "$1" '#{pane_pid}')
	if [ -r "/proc/$shell/task/$shell/children" ]; then
		tr -d ' ' <"/proc/$shell/task/$shell/children"
	else
		ps -o pid= --ppid "$shell" | tr -d ' '
	fi
}

screen() {
	tm capture-pane -p -t "$1"
}

keys() {
	target=$1
	shift
	tm send-keys -t "$target" "$@"
}

# Literal text, typed as it is.
type_text() {
	tm send-keys -t "$1" -l "$2"
}

pane() {
	tm display -p -t "$1" "$2"
}

# wait_for TARGET TEXT [WHAT]: until the screen shows TEXT (a fixed string).
wait_for() {
	t0=$(date +%s)
	while :; do
		if screen "$1" | grep -qF -- "$2"; then
			ok
			return 0
		fi
		if [ $(($(date +%s) - t0)) -ge "$WAIT_SECONDS" ]; then
			fail "${3:-screen of $1}: '$2' never appeared; the screen was:
$(screen "$1")"
			return 1
		fi
		sleep 0.05
	done
}

# wait_gone TARGET TEXT [WHAT]: until the screen no longer shows TEXT.
wait_gone() {
	t0=$(date +%s)
	while screen "$1" | grep -qF -- "$2"; do
		if [ $(($(date +%s) - t0)) -ge "$WAIT_SECONDS" ]; then
			fail "${3:-screen of $1}: '$2' never went away"
			return 1
		fi
		sleep 0.05
	done
	ok
}

# wait_exit TARGET: until the program has ended; its exit status, or 128 +
# the signal that killed it, in $status.
wait_exit() {
	t0=$(date +%s)
	while [ ! -s "$WORK/$1.status" ]; do
		if [ $(($(date +%s) - t0)) -ge "$WAIT_SECONDS" ]; then
			fail "$1: the program did not exit; the screen was:
$(screen "$1")"
			status=-1
			return 1
		fi
		sleep 0.05
	done
	status=$(cat "$WORK/$1.status")
}

Q() {
	"$SQLITE3" "$PANELIST_DB" "$1"
}

# import FILES...: into $PANELIST_DB, which must go well.
import() {
	"$PANELIST" import "$@" >"$WORK/import.out" 2>&1 || {
		fail "import $*: $(cat "$WORK/import.out")"
		finish
	}
}

# expect_rows TARGET FIRST LAST WHAT: rows FIRST to LAST of the screen (from
# 1) are the expected capture on stdin.
expect_rows() {
	cat >"$WORK/expected"
	screen "$1" | sed -n "$2,$3p" >"$WORK/got"
	ok
	cmp -s "$WORK/expected" "$WORK/got" || fail "$4 differs from the expected capture:
$(diff "$WORK/expected" "$WORK/got")"
}

# fits TARGET COLS WHAT: no line of the screen is wider than COLS cells.
fits() {
	screen "$1" >"$WORK/screen"
	cells fits "$2" "$WORK/screen" >"$WORK/wide"
	ok
	[ ! -s "$WORK/wide" ] || fail "$3: lines wider than $2 cells:
$(cat "$WORK/wide")"
}
