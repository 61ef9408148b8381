#!/usr/bin/env bash
# make bench-citus: what distributing the ledger costs a pass.  The same
# generated ledger (test/bench/ledger.sql, BENCH_CITUS_SIZE invoices,
# default 10,000,000) in two databases of one Citus coordinator of this
# machine, side by side in one run:
#
#   one node     the ledger a plain table of the coordinator
#   three nodes  the ledger distributed by customer over two workers
#                (create_distributed_table), dunning's tables on the
#                coordinator (the layout of README, "On a Citus cluster")
#
# Both keep the ledger as Citus wants it, keyed by (customer_id, id), with an
# index on id, so that the two differ only in where the ledger lives.  For
# each: the cold start (the first dunning.run() on 2026-10-01, rolled back,
# three times, by turns) and the next day's pass after a committed cold
# start (rolled back, three times, by turns); medians, and the ratio of
# three nodes to one.  Prints a markdown table.
#
# Needs Citus (README, "On a Citus cluster"); says so and stops without it.
# Environment: BENCH_CITUS_SIZE, BENCH_CITUS_PGPORT (default 54370; the
# workers take the next two), BENCH_KEEP=1 to leave the nodes running.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source test/lib/cluster.sh
source test/lib/citus.sh
export PATH=$PG_BINDIR:$PATH

citus_or_say "nothing to measure" || exit 0

SIZE=${BENCH_CITUS_SIZE:-10000000}
PORT=${BENCH_CITUS_PGPORT:-54370}
START=2026-10-01
NEXT=2026-10-02
RUN_AT='10:00+00'
BENCH=test/bench

bash test/lib/deps.sh
log "building dunning"
make -s
make -s install >/dev/null

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dunning-bench-citus.XXXXXX")
give_to_pg "$WORK"
cleanup() {
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then
        log "the nodes are still running: psql -h $WORK/coordinator -p $PORT -U postgres bench_one (or bench_dist)"
        return
    fi
    citus_stop
    rm -rf "$WORK"
}
trap cleanup EXIT

# three servers on 2 cores and 24 GiB: 3 GB of shared buffers each
citus_start "$WORK" "$PORT" bench_dist \
    "shared_buffers = '3GB'" "work_mem = '64MB'" "maintenance_work_mem = '1GB'" \
    "max_wal_size = '8GB'" "checkpoint_timeout = '30min'" "random_page_cost = 1.1" \
    "autovacuum = off"
psql -X -q -d postgres -c 'CREATE DATABASE bench_one'
psql -X -q -d bench_one -c 'CREATE EXTENSION dunning'
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

for db in bench_one bench_dist; do
    log "$db: generating $SIZE invoices (test/bench/ledger.sql)"
    "${PSQL[@]}" -o /dev/null -d "$db" -v n="$SIZE" -v as_of="$START" -f $BENCH/ledger.sql
    "${PSQL[@]}" -d "$db" -c 'ALTER TABLE bench.invoices DROP CONSTRAINT invoices_pkey,
                                  ADD PRIMARY KEY (customer_id, id)' \
        -c 'CREATE INDEX invoices_id ON bench.invoices (id)'
    if [[ $db == bench_dist ]]; then
        log "$db: distributing the ledger over the two workers"
        "${PSQL[@]}" -o /dev/null -d "$db" \
            -c "SELECT create_distributed_table('bench.invoices', 'customer_id')" \
            -c "SELECT truncate_local_data_after_distributing_table('bench.invoices')"
    fi
    "${PSQL[@]}" -o /dev/null -d "$db" -v as_of="$START $RUN_AT" -f $BENCH/setup.sql \
        -c 'VACUUM ANALYZE bench.invoices'
    "${PSQL[@]}" -d "$db" -c 'CREATE TABLE bench.citus_result (measure text, round int, ms numeric)'
done
"${PSQL[@]}" -d bench_dist -At -c "SELECT 'bench_dist: ' || count(*) || ' shards on '
        || count(DISTINCT nodeport) || ' workers' FROM citus_shards
     WHERE table_name = 'bench.invoices'::regclass" | while read -r line; do log "$line"; done

# One pass, rolled back (the cold start from emptied tables), timed.
timed_pass() { # db measure round as_of cold
    "${PSQL[@]}" -d "$1" -v measure="$2" -v round="$3" -v as_of="$4" -v cold="$5" <<'SQL'
SET client_min_messages = warning;
CHECKPOINT;
BEGIN;
\if :cold
TRUNCATE dunning.reminder_event, dunning.reminder, dunning.reminder_archive,
         dunning.invoice_state, dunning.history, dunning.charge;
UPDATE dunning.engine SET last_as_of = NULL, last_full_as_of = NULL;
\endif
SELECT clock_timestamp() AS t0 \gset
SELECT examined, emitted FROM dunning.run(:'as_of') \gset
SELECT 1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS ms \gset
ROLLBACK;
INSERT INTO bench.citus_result VALUES (:'measure', :round, :ms);
\echo :DBNAME :measure round :round: :ms ms (examined :examined, emitted :emitted)
SQL
}

# three rounds of one pass, the two databases by turns
rounds() { # measure as_of cold
    local round db
    for round in 1 2 3; do
        for db in bench_one bench_dist; do
            timed_pass "$db" "$1" "$round" "$2" "$3"
        done
    done
}

rounds cold "$START $RUN_AT" true
for db in bench_one bench_dist; do
    "${PSQL[@]}" -o /dev/null -d "$db" -c "SELECT dunning.run('$START $RUN_AT')" \
        -c 'VACUUM ANALYZE dunning.invoice_state' -c 'VACUUM ANALYZE dunning.reminder' \
        -c 'VACUUM ANALYZE dunning.history'
done
rounds next_day "$NEXT $RUN_AT" false

median() { # db measure
    "${PSQL[@]}" -d "$1" -At -c "SELECT round(percentile_disc(0.5) WITHIN GROUP (ORDER BY ms))
                                   FROM bench.citus_result WHERE measure = '$2'"
}
echo
echo "| invoices | pass | one node | three nodes (2 workers) | three / one |"
echo "| ---: | --- | ---: | ---: | ---: |"
for m in cold next_day; do
    one=$(median bench_one $m)
    dist=$(median bench_dist $m)
    printf '| %s | %s | %s ms | %s ms | %sx |\n' "$(printf "%'d" "$SIZE")" \
        "$([[ $m == cold ]] && echo "cold start, $START" || echo "next day, $NEXT")" \
        "$one" "$dist" "$(echo "scale=2; $dist / $one" | bc)"
done
