#!/bin/sh
# server.sh: a throwaway PostgreSQL server for the second run of the suite
# (make check-postgres).  It listens on a Unix socket in its own temporary
# directory and nowhere else (no TCP), trusts every local connection, and
# has one superuser login, lead.  Run as root it runs as nobody: PostgreSQL
# refuses to run as root.
#
#   server.sh bindir            the directory of initdb and pg_ctl, or status 1
#   server.sh start DIR         a new cluster in DIR/data, started; prints DIR,
#                               the socket directory (PG_SERVER_OPTS: the
#                               server's settings, instead of no fsync)
#   server.sh halt DIR          stopped, the cluster kept (a test of a restart)
#   server.sh resume DIR        a halted cluster started again
#   server.sh stop DIR          stopped, and no process of it left; DIR removed
#   server.sh run LOG CMD...    start in a new temporary directory, run CMD
#                               with PANELIST_TEST_PG set to the socket
#                               directory, stop whatever happens (an error,
#                               C-c, a kill); the server's log is copied to LOG
set -eu

# Debian installs the server under /usr/lib/postgresql/VERSION/bin, outside
# PATH, and pg_config (from libpq-dev) may be there without the server.
# PG_BINDIR names another; PG_ROOT another Debian-like tree.
bindir() {
	root=${PG_ROOT:-/usr/lib/postgresql}
	for d in ${PG_BINDIR:-} "$(pg_config --bindir 2>/dev/null || :)" \
	    $(ls -d "$root"/*/bin 2>/dev/null | sort -rV); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/psql" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

# as_server CMD ARGS...: CMD as the server's owner, from a directory it may
# read (initdb and postgres refuse to start where they cannot look around).
as_server() {
	if [ "$(id -u)" -eq 0 ]; then
		su -s /bin/sh -c 'cd / && exec "$0" "$@"' -- nobody "$@"
	else
		(cd / && exec "$@")
	fi
}

# The postmaster's pid while it runs (the first line of postmaster.pid).
server_pid() {
	[ -r "$1/data/postmaster.pid" ] && head -n 1 "$1/data/postmaster.pid"
}

start() {
	dir=$1
	bin=$(bindir) || { echo "server.sh: no PostgreSQL server binaries found" >&2; exit 1; }
	mkdir -p "$dir"
	[ "$(id -u)" -ne 0 ] || chown nobody "$dir"
	chmod 700 "$dir"
	as_server "$bin/initdb" -D "$dir/data" -A trust -U lead --no-sync \
	    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
	    { cat "$dir/initdb.log" >&2; exit 1; }
	resume "$dir"
	echo "$dir"
}

# The cluster in DIR/data started (again).  Durability is not under test:
# the server and its data die with the run.  PG_SERVER_OPTS replaces that
# (make bench measures with fsync).
resume() {
	bin=$(bindir) || exit 1
	opts=${PG_SERVER_OPTS:--c fsync=off -c synchronous_commit=off -c full_page_writes=off}
	as_server "$bin/pg_ctl" -D "$1/data" -l "$1/log" -w -s \
	    -o "-c listen_addresses='' -k $1 $opts" \
	    start >&2 || { tail -n 20 "$1/log" >&2; exit 1; }
}

# The server of DIR stopped, its cluster kept for resume.
halt() {
	bin=$(bindir) || exit 1
	as_server "$bin/pg_ctl" -D "$1/data" -m fast -w -s stop >&2
}

stop() {
	dir=$1
	pid=$(server_pid "$dir" || :)
	if [ -n "$pid" ] && bin=$(bindir); then
		as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 -s stop >&2 ||
		    as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 10 -s stop >&2 || :
	fi
	# Whatever pg_ctl said: the postmaster and its children are gone before
	# the directory is.
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		pkill -KILL -P "$pid" 2>/dev/null || :
		kill -KILL "$pid" 2>/dev/null || :
	fi
	rm -rf "$dir"
}

# A run killed with SIGKILL leaves its server behind; the next run from the
# same log directory stops it first.
run() {
	log=$1
	shift
	mkdir -p "$(dirname "$log")"
	left="$log.dir"
	if [ -f "$left" ]; then
		stop "$(cat "$left")"
		rm -f "$left"
	fi
	dir=$(mktemp -d "${TMPDIR:-/tmp}/panelist-pg.XXXXXX")
	echo "$dir" >"$left"
	trap 'cp "$dir/log" "$log" 2>/dev/null || :; stop "$dir"; rm -f "$left"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	start "$dir" >/dev/null
	PANELIST_TEST_PG=$dir
	PG_BINDIR=$(bindir)
	export PANELIST_TEST_PG PG_BINDIR
	"$@"
}

case ${1:-} in
bindir) bindir ;;
start) start "$2" ;;
halt) halt "$2" ;;
resume) resume "$2" ;;
stop) stop "$2" ;;
run) shift; run "$@" ;;
*)
	echo "usage: server.sh bindir | start|halt|resume|stop DIR | run LOG CMD..." >&2
	exit 2
	;;
esac
