#!/usr/bin/env bash
# make demo: build and install dunning, start a throwaway PostgreSQL 15
# cluster, load a demo ledger, set up the campaigns of the README tour
# (test/demo/setup.sql) and print what there is to see (test/demo/show.sql).
#
# Environment:
#   DEMO_KEEP=1     leave the cluster running afterwards and print how to
#                   connect to it (default: stop it and remove its directory)
#   DEMO_AS_OF      the first day of the campaign (default 2026-09-01)
#   DEMO_PGPORT     the cluster's port (default 54331; unix socket only)
#   DEMO_REPORT     where to write the HTML report (default
#                   $TMPDIR/dunning-demo-report.html)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source test/lib/cluster.sh

PORT=${DEMO_PGPORT:-54331}
AS_OF=${DEMO_AS_OF:-2026-09-01}
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

log "the engine at work: a preview, then a whole campaign over eight weeks (test/demo/flow.sql):"
T0=$(date +%s%N)
"${PSQL[@]}" --pset=numericlocale=on -f test/demo/flow.sql
log "  done in $(since "$T0")"

# --------------------------------------------------------------- report

REPORT=${DEMO_REPORT:-${TMPDIR:-/tmp}/dunning-demo-report.html}
"${PSQL[@]}" -At -c "SELECT dunning.report((SELECT max(as_of)::date FROM dunning.run_log))" >"$REPORT"
log "the report (dunning.report: aging, funnel, what each level achieved, drawn in SVG) is in $REPORT: open it in a browser"

# ------------------------------------------------------------- delivery

log "delivery: dunning_mailer sends the e-mail reminders to an SMTP server on loopback"
"${PSQL[@]}" -v stage=before -f test/demo/deliver.sql
SMTP_PORT=${DEMO_SMTP_PORT:-2526}
give_to_pg "$DIR"
/usr/bin/python3 test/lib/smtp_sink.py "$SMTP_PORT" "$DIR/smtp_received.txt" >"$DIR/smtp.log" 2>&1 &
SINK=$!
trap 'kill $SINK 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 50); do grep -q listening "$DIR/smtp.log" 2>/dev/null && break; sleep 0.1; done
T0=$(date +%s%N)
"$PG_BINDIR/dunning_mailer" --dsn "host=$DIR port=$PORT user=postgres dbname=$DB" \
    --smtp-url "smtp://127.0.0.1:$SMTP_PORT" --from billing@demo.example --consumer demo-mailer \
    --idle-exit 1 --poll 1 2>"$DIR/mailer.log"
log "  the mailer sent $(grep -c 'sent reminder' "$DIR/mailer.log") e-mails in $(since "$T0"); its first lines:"
grep -m 3 'sent reminder' "$DIR/mailer.log" | sed 's/^/    /'
log "  the SMTP server received $(wc -l <"$DIR/smtp_received.txt") messages"
"${PSQL[@]}" -v stage=after -f test/demo/deliver.sql
kill "$SINK" 2>/dev/null || true
log "the whole demo took $(since "$START")"
