#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Throwaway PostgreSQL server from the Debian packages, for running the test suite against a
# "real", separately installed PostgreSQL (TEST_DATABASE_URL) instead of the embedded one.
#
#   scripts/ci/debian-postgres.sh start   # prints exactly one line on stdout: the connection URL
#   scripts/ci/debian-postgres.sh stop    # stops the server and deletes all of its files
#
# We deliberately do NOT use Debian's default cluster (pg_createcluster / systemd unit): it may or
# may not exist or run on a given machine, and its port 5432 may be taken. Instead we run initdb and
# pg_ctl ourselves into a private directory on our own port, so the result is identical everywhere.
#
# Environment (all optional):
#   CI_PG_PORT      TCP port on 127.0.0.1 (default 54329; the app's embedded server uses 54320).
#   CI_PG_DIR       base directory (default ${TMPDIR:-/tmp}/lotse-ci-pg); deleted on start and stop.
#   CI_PG_BINDIR    directory containing initdb and pg_ctl (default: newest /usr/lib/postgresql/*/bin,
#                   else wherever pg_config/PATH says, for developer machines that are not Debian).
#   CI_PG_PASSWORD  password of the superuser "lotse" (default "lotse").
#
# All diagnostics go to stderr, so that `url=$(scripts/ci/debian-postgres.sh start)` gets only the URL.
set -euo pipefail

# Keep the real stdout on fd 3 for the one line we promise to print; everything else (initdb's and
# pg_ctl's chatter included) goes to stderr.
exec 3>&1 1>&2

readonly PG_PORT="${CI_PG_PORT:-54329}"
readonly PG_BASE="${CI_PG_DIR:-${TMPDIR:-/tmp}/lotse-ci-pg}"
readonly PG_USER=lotse
readonly PG_PASSWORD="${CI_PG_PASSWORD:-lotse}"
# PostgreSQL refuses to run as root, so as root we run it as this unprivileged system user.
readonly OS_USER=lotseci
# Written into PG_BASE so that we only ever `rm -rf` a directory this script created: CI_PG_DIR is
# user-controllable and a typo must not delete someone's data.
readonly MARKER=.lotse-ci-pg

log() { printf 'debian-postgres: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Finds initdb/pg_ctl. Debian keeps them off PATH in /usr/lib/postgresql/<major>/bin; we pick the
# newest major installed instead of hard-coding one, so a Debian upgrade (15 -> 17) needs no change.
find_bindir() {
  if [[ -n "${CI_PG_BINDIR:-}" ]]; then
    [[ -x "$CI_PG_BINDIR/pg_ctl" ]] || die "CI_PG_BINDIR=$CI_PG_BINDIR has no pg_ctl"
    printf '%s\n' "$CI_PG_BINDIR"
    return
  fi
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
    printf '%s\n' "$dir"
    return
  fi
  if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/pg_ctl" ]]; then
    pg_config --bindir
    return
  fi
  if command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  die "no PostgreSQL server binaries found (on Debian: apt-get install postgresql)"
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Runs a command as the user that owns the server: lotseci as root, else the current user.
# `cd` first because PostgreSQL tools complain when they cannot access the current directory.
# fd 3 (our real stdout) is closed for the child: otherwise the daemonized server inherits it and
# `url=$(... start)` would wait for EOF until the server exits, i.e. hang forever.
as_pg() {
  if is_root; then
    (cd "$PG_BASE" && exec 3>&- && exec runuser -u "$OS_USER" -- "$@")
  else
    (cd "$PG_BASE" && exec 3>&- && exec "$@")
  fi
}

ensure_os_user() {
  is_root || return 0
  id -u "$OS_USER" >/dev/null 2>&1 && return 0
  log "creating system user $OS_USER"
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$OS_USER"
}

# Stops a server that may still be running from an earlier, aborted run, then deletes PG_BASE.
teardown() {
  local bindir="$1"
  [[ -e "$PG_BASE" ]] || return 0
  [[ -f "$PG_BASE/$MARKER" ]] || die "$PG_BASE exists but was not created by this script; not touching it"
  if [[ -f "$PG_BASE/data/postmaster.pid" ]]; then
    log "stopping server in $PG_BASE/data"
    # -m fast: disconnects clients and rolls back; we throw the data away anyway.
    as_pg "$bindir/pg_ctl" -D "$PG_BASE/data" -m fast -t 60 -w stop ||
      log "warning: pg_ctl stop failed (server probably not running)"
  fi
  rm -rf -- "$PG_BASE"
}

cmd_start() {
  local bindir
  bindir=$(find_bindir)
  log "using $bindir ($("$bindir/pg_ctl" --version))"

  ensure_os_user
  teardown "$bindir"

  # data: the cluster; socket: private Unix socket dir (the Debian default /var/run/postgresql is
  # root-managed and may belong to the default cluster); log: server log, shown on failure.
  mkdir -p -- "$PG_BASE"/{data,socket,log}
  touch -- "$PG_BASE/$MARKER"
  chmod 0700 "$PG_BASE" "$PG_BASE/data"
  if is_root; then
    chown -R "$OS_USER:$OS_USER" -- "$PG_BASE"
  fi

  # Password auth (scram) over TCP, like a real deployment, so the app's connection code is tested
  # with a password. The password file is deleted as soon as initdb has read it.
  local pwfile="$PG_BASE/pwfile"
  printf '%s\n' "$PG_PASSWORD" >"$pwfile"
  chmod 0600 "$pwfile"
  if is_root; then chown "$OS_USER:$OS_USER" "$pwfile"; fi
  # UTF8 + C.UTF-8 explicitly: CI usually has no LANG, and initdb would then pick SQL_ASCII, which
  # mangles umlauts. C.UTF-8 always exists on Debian and sorts deterministically.
  # Local (socket) connections use trust: only the server's own user can reach the 0700 socket dir.
  log "initdb in $PG_BASE/data"
  if ! as_pg "$bindir/initdb" -D "$PG_BASE/data" -U "$PG_USER" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-instructions >"$PG_BASE/log/initdb.log" 2>&1; then
    cat "$PG_BASE/log/initdb.log" >&2
    rm -f -- "$pwfile"
    die "initdb failed"
  fi
  rm -f -- "$pwfile"

  # listen only on loopback; our own socket dir. Durability off by default because the data is thrown
  # away and fsync dominates a suite that creates a database per test file (the durability test kills the
  # app, not PostgreSQL); CI_PG_DURABLE=1 keeps PostgreSQL's defaults, e.g. for benchmarks.
  local opts="-p $PG_PORT -k $PG_BASE/socket -c listen_addresses=127.0.0.1"
  if [ "${CI_PG_DURABLE:-0}" != "1" ]; then
    opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  log "starting on 127.0.0.1:$PG_PORT"
  if ! as_pg "$bindir/pg_ctl" -D "$PG_BASE/data" -o "$opts" -l "$PG_BASE/log/postgresql.log" \
    -t 60 -w start >&2; then
    log "server log:"
    tail -n 50 "$PG_BASE/log/postgresql.log" >&2 || true
    die "pg_ctl start failed (is port $PG_PORT already in use? set CI_PG_PORT)"
  fi

  # Percent-encoding is not needed for the default password; warn if a custom one would need it.
  [[ "$PG_PASSWORD" =~ ^[A-Za-z0-9._~-]+$ ]] || log "warning: CI_PG_PASSWORD has characters that need URL-encoding"
  printf 'postgres://%s:%s@127.0.0.1:%s/postgres\n' "$PG_USER" "$PG_PASSWORD" "$PG_PORT" >&3
}

cmd_stop() {
  # Idempotent and quiet when there is nothing to stop: this runs from an EXIT trap, also when
  # `start` was never reached or failed halfway.
  if [[ ! -e "$PG_BASE" ]]; then
    log "nothing to stop ($PG_BASE does not exist)"
    return 0
  fi
  local bindir
  bindir=$(find_bindir)
  teardown "$bindir"
  log "stopped and removed $PG_BASE"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  *) usage ;;
esac
