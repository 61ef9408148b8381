#!/usr/bin/env bash
# make demo: build and install dunning, start a throwaway PostgreSQL 15
# cluster, load a demo ledger, set up the campaigns of the README tour
# (test/demo/setup.sql) and print what there is to see (test/demo/show.sql).
#
# Environment:
#   DEMO_KEEP=1     leave the cluster running afterwards and print how to
#                   connect to it (default: stop it and remove its directory)
#   DEMO_AS_OF      the day the demo looks at the ledger (default 2026-11-20)
#   DEMO_PGPORT     the cluster's port (default 54331; unix socket only)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source test/lib/cluster.sh

PORT=${DEMO_PGPORT:-54331}
AS_OF=${DEMO_AS_OF:-2026-11-20}
KEEP=${DEMO_KEEP:-0}
DB=dunning_demo
export PATH=$PG_BINDIR:$PATH

PSQL=(psql -X -q -v ON_ERROR_STOP=1 --pset=footer=off -v as_of="$AS_OF" -d "$DB")

# Seconds since $1 (a `date +%s%N` reading), with one decimal.
since() {
    local ns=$(($(date +%s%N) - $1))
    printf '%d.%d s' $((ns / 1000000000)) $((ns / 100000000 % 10))
}

# stage MESSAGE COMMAND...: log MESSAGE, run COMMAND, log how long it took.
stage() {
    local message=$1 t0
    shift
    log "$message"
    t0=$(date +%s%N)
    "$@"
    log "  done in $(since "$t0")"
}

START=$(date +%s%N)

# ---------------------------------------------------------------- build

bash test/lib/deps.sh
stage "building and installing dunning" \
    bash -c 'make -s PG_CONFIG="$1" && make -s PG_CONFIG="$1" install >/dev/null' _ "$PG_CONFIG"

# -------------------------------------------------------------- cluster

DIR=$(mktemp -d "${TMPDIR:-/tmp}/dunning-demo.XXXXXX")

cleanup() {
    local rc=$?
    if [[ $KEEP == 1 && -f $DIR/data/postmaster.pid ]]; then
        echo
        echo "The demo cluster is still running (DEMO_KEEP=1). Connect with:"
        echo "    psql -h $DIR -p $PORT -U postgres $DB"
        echo "Stop it and remove it with:"
        echo "    runuser -u postgres -- $PG_BINDIR/pg_ctl -D $DIR/data stop && rm -rf $DIR"
    else
        cluster_stop
        rm -rf "$DIR"
    fi
    ((rc == 0)) || log "the demo failed (exit status $rc)"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

T0=$(date +%s%N)
cluster_start "$DIR" "$PORT"
log "  cluster up in $(since "$T0")"

# ----------------------------------------------------------------- data

stage "creating database $DB with the extension" \
    bash -c 'createdb "$1" && psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "CREATE EXTENSION dunning"' _ "$DB"

stage "loading a demo ledger of 40,000 invoices and 3,000 customers as of $AS_OF (test/demo/ledger.sql)..." \
    "${PSQL[@]}" -f test/demo/ledger.sql

stage "binding the ledger, creating the calendar, policies, steps and holds (test/demo/setup.sql)..." \
    "${PSQL[@]}" -o /dev/null -f test/demo/setup.sql

# ----------------------------------------------------------------- show

log "what dunning sees as of $AS_OF (test/demo/show.sql):"
T0=$(date +%s%N)
"${PSQL[@]}" --pset=numericlocale=on -f test/demo/show.sql
log "  shown in $(since "$T0")"

log "the engine at work: a preview, then a pass a day for a week (test/demo/flow.sql):"
T0=$(date +%s%N)
"${PSQL[@]}" --pset=numericlocale=on -f test/demo/flow.sql
log "  done in $(since "$T0"); the whole demo took $(since "$START")"
