# The queue benchmark of make bench (sourced by run.sh, on its cluster):
# claim-and-ack throughput of BENCH_QUEUE_N reminders (default 100,000) with
# 1, 2 and 4 consumers in batches of 100, side by side with PgQ consuming the
# same payloads through its batch API, and with the floor: a bare queue laid
# out as dunning's, claimed and acknowledged by plain SQL (floor.pgbench),
# every side with prepared statements (pgbench -M prepared);
# then the latency of a claim with an empty archive and with
# BENCH_QUEUE_ARCHIVE reminders (default 1,000,000) in it, in two copies of
# the database, run by turns.  Writes a markdown section to $WORK/queue.md.

QUEUE_N=${BENCH_QUEUE_N:-100000}
QUEUE_ARCHIVE=${BENCH_QUEUE_ARCHIVE:-1000000}
QUEUE_DIR=$BENCH/queue

# pgbench_run LOGFILE ARGS...: pgbench, its output kept.
pgbench_run() {
    local logfile=$1
    shift
    "$PG_BINDIR/pgbench" -n "$@" >"$logfile" 2>&1 || {
        cat "$logfile" >&2
        return 1
    }
}

# The tps of a pgbench log, without connection time.
tps_of() {
    sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$1"
}

# The median of the numbers in a file, one per line.
median_of() {
    sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# The average latency (ms) of the statement of a pgbench -r log that matches $2.
statement_ms() {
    awk -v pat="$2" '$0 ~ pat && $1 ~ /^[0-9.]+$/ { print $1; exit }' "$1"
}

# latency_run NAME DB I: a run of 200 claims (and acks) from a fresh queue;
# the average latency of its claim statement is added to
# $WORK/latency-NAME.ms.
latency_run() {
    local name=$1 db=$2 i=$3
    "${PSQL[@]}" -d "$db" -f "$QUEUE_DIR/reset.sql"
    pgbench_run "$WORK/latency-$name-$i.log" -d "$db" -M prepared -c 1 -j 1 -t 200 -r \
        -f "$QUEUE_DIR/claim_ack.pgbench"
    statement_ms "$WORK/latency-$name-$i.log" string_agg >>"$WORK/latency-$name.ms"
}

# check_done DB LABEL QUEUE ARCHIVE: every reminder of the run is in
# ARCHIVE as sent, and nothing is left in QUEUE.
check_done() {
    local db=$1 label=$2 queue=$3 archive=$4 sent
    sent=$("${PSQL[@]}" -d "$db" -At -c "SELECT count(*) FROM $archive WHERE status = 'sent'")
    if [[ $sent != "$QUEUE_N" || -n $("${PSQL[@]}" -d "$db" -At -c "SELECT 1 FROM $queue LIMIT 1") ]]; then
        log "$label: $sent of $QUEUE_N sent, or some left in the queue"
        return 1
    fi
}

bench_queue() {
    local db=bench_queue c batches rate floor_rate pgq_rate empty_ms full_ms i
    log "=== queue: $QUEUE_N reminders, 1/2/4 consumers, against PgQ ==="
    dropdb --if-exists "$db"
    createdb "$db"
    "${PSQL[@]}" -d "$db" -c 'CREATE EXTENSION dunning'
    stage 0 queue_setup "emitting $QUEUE_N reminders, and as many PgQ events (test/bench/queue/setup.sql)" \
        "${PSQL[@]}" -o /dev/null -d "$db" -v n="$QUEUE_N" -f "$QUEUE_DIR/setup.sql" \
        -c "CALL qb.fill_pgq($QUEUE_N)"
    "${PSQL[@]}" -d "$db" -f "$QUEUE_DIR/floor.sql"

    {
        echo
        echo "### The queue"
        echo
        echo "Claim and acknowledge $(printf "%'d" "$QUEUE_N") reminders in batches of 100 (\`dunning.claim\`, then"
        echo "\`dunning.ack\` of the batch, each in its own transaction, the payloads read), against"
        echo "PgQ's batch API (\`next_batch\`, \`get_batch_events\` with the same payloads read,"
        echo "\`finish_batch\`, in one transaction) over the same payloads; pgbench, figures"
        echo "without connection time. The floor is a bare queue laid out as dunning's (its"
        echo "columns, indexes and fillfactor, and an archive), claimed and acknowledged with"
        echo "the same writes by two plain statements (\`test/bench/queue/floor.pgbench\`):"
        echo "no ledger re-check, no argument checks, no function call. Every side runs its"
        echo "statements prepared (\`pgbench -M prepared\`)."
        echo
        echo "| consumers | dunning reminders/s | floor reminders/s | dunning / floor | PgQ events/s (1 consumer) | dunning / PgQ | floor / PgQ | target | met? |"
        echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
    } >"$WORK/queue.md"

    # Three rounds, each PgQ then 1, 2 and 4 consumers (dunning, then the
    # floor), so that a slow moment of the machine weighs on every side; the
    # medians are reported.
    local start_tick round
    start_tick=$("${PSQL[@]}" -d "$db" -At -c "SELECT sub_last_tick FROM pgq.subscription")
    batches=$("${PSQL[@]}" -d "$db" -At -c "SELECT count(*) FROM pgq.tick t
        JOIN pgq.subscription s ON s.sub_queue = t.tick_queue AND t.tick_id > s.sub_last_tick")
    for round in 1 2 3; do
        # PgQ: the consumer back at the first batch, as many transactions as
        # there are batches, then nothing may be left
        "${PSQL[@]}" -d "$db" -At -o /dev/null -v tick="$start_tick" -f "$QUEUE_DIR/pgq_reset.sql"
        pgbench_run "$WORK/pgq-$round.log" -d "$db" -M prepared -c 1 -j 1 -t "$batches" \
            -f "$QUEUE_DIR/pgq_batch.pgbench"
        if [[ -n $("${PSQL[@]}" -d "$db" -At -c "SELECT pgq.next_batch('bench', 'bench-consumer')") ]]; then
            log "PgQ left events unconsumed"
            return 1
        fi
        pgq_rate=$(awk -v t="$(tps_of "$WORK/pgq-$round.log")" -v n="$QUEUE_N" -v b="$batches" \
            'BEGIN { printf "%d", t * n / b }')
        echo "$pgq_rate" >>"$WORK/pgq.rates"
        log "  round $round: PgQ $pgq_rate events/s in $batches batches"

        for c in 1 2 4; do
            "${PSQL[@]}" -d "$db" -f "$QUEUE_DIR/reset.sql"
            pgbench_run "$WORK/claim-$c-$round.log" -d "$db" -M prepared -c "$c" -j "$c" \
                -t "$((QUEUE_N / 100 / c))" -f "$QUEUE_DIR/claim_ack.pgbench"
            check_done "$db" "dunning, $c consumer(s)" dunning.reminder dunning.reminder_archive
            rate=$(awk -v t="$(tps_of "$WORK/claim-$c-$round.log")" -v b="$((QUEUE_N / 100 / c * c))" \
                -v n="$QUEUE_N" 'BEGIN { printf "%d", t * n / b }')
            echo "$rate" >>"$WORK/claim-$c.rates"

            "${PSQL[@]}" -d "$db" -f "$QUEUE_DIR/floor_reset.sql"
            pgbench_run "$WORK/floor-$c-$round.log" -d "$db" -M prepared -c "$c" -j "$c" \
                -t "$((QUEUE_N / 100 / c))" -f "$QUEUE_DIR/floor.pgbench"
            check_done "$db" "the floor, $c consumer(s)" qf.queue qf.archive
            floor_rate=$(awk -v t="$(tps_of "$WORK/floor-$c-$round.log")" -v b="$((QUEUE_N / 100 / c * c))" \
                -v n="$QUEUE_N" 'BEGIN { printf "%d", t * n / b }')
            echo "$floor_rate" >>"$WORK/floor-$c.rates"
            log "  round $round, $c consumer(s): dunning $rate reminders/s, the floor $floor_rate"
        done
    done

    pgq_rate=$(median_of "$WORK/pgq.rates")
    for c in 1 2 4; do
        rate=$(median_of "$WORK/claim-$c.rates")
        floor_rate=$(median_of "$WORK/floor-$c.rates")
        # the target: at least 0.9x the floor with one and two consumers
        awk -v c="$c" -v r="$rate" -v f="$floor_rate" -v p="$pgq_rate" 'BEGIN {
            ratio = r / f
            printf "| %d | %d | %d | %.2fx | %d | %.2fx | %.2fx | %s | %s |\n", c, r, f, ratio, p,
                r / p, f / p, (c <= 2) ? "≥ 0.9x the floor" : "—",
                (c > 2) ? "—" : (ratio >= 0.9) ? "yes" : "**no**"
        }' >>"$WORK/queue.md"
    done
    {
        echo
        echo "Medians of three rounds, each PgQ then 1, 2 and 4 consumers (dunning, then the"
        echo "floor); before each run every side is put back as it started (PgQ's consumer at"
        echo "its first batch, the queues refilled), vacuumed and checkpointed"
        echo "(\`test/bench/queue/pgq_reset.sql\`, \`reset.sql\`, \`floor_reset.sql\`). Every round:"
        echo "$(tr '\n' ' ' <"$WORK/pgq.rates")events/s for PgQ;"
        echo "$(tr '\n' ' ' <"$WORK/claim-1.rates")/ $(tr '\n' ' ' <"$WORK/claim-2.rates")/ $(tr '\n' ' ' <"$WORK/claim-4.rates")reminders/s"
        echo "for dunning with 1 / 2 / 4 consumers;"
        echo "$(tr '\n' ' ' <"$WORK/floor-1.rates")/ $(tr '\n' ' ' <"$WORK/floor-2.rates")/ $(tr '\n' ' ' <"$WORK/floor-4.rates")for the floor."
    } >>"$WORK/queue.md"

    # claim latency: two copies of the database, one with an empty archive
    # and one with a full one, measured by turns (five runs of 200 claims
    # each), so that the machine's drift weighs on both; the median run
    "${PSQL[@]}" -d "$db" -c 'TRUNCATE dunning.reminder_archive'
    dropdb --if-exists "${db}_full"
    createdb -T "$db" "${db}_full"
    stage 0 queue_archive "filling the archive of a copy with $QUEUE_ARCHIVE reminders (test/bench/queue/archive.sql)" \
        "${PSQL[@]}" -d "${db}_full" -v rows="$QUEUE_ARCHIVE" -f "$QUEUE_DIR/archive.sql"
    for i in 1 2 3 4 5; do
        latency_run empty "$db" "$i"
        latency_run full "${db}_full" "$i"
    done
    empty_ms=$(median_of "$WORK/latency-empty.ms")
    full_ms=$(median_of "$WORK/latency-full.ms")
    log "  claim latency: $empty_ms ms with an empty archive, $full_ms ms with $QUEUE_ARCHIVE archived"
    awk -v e="$empty_ms" -v f="$full_ms" -v a="$QUEUE_ARCHIVE" \
        -v er="$(tr '\n' ' ' <"$WORK/latency-empty.ms")" -v fr="$(tr '\n' ' ' <"$WORK/latency-full.ms")" 'BEGIN {
        ratio = f / e
        printf "\nLatency of one `dunning.claim` of 100 (one consumer; the median of five runs of\n"
        printf "200 claims, each run'"'"'s average, in two copies of the database run by turns):\n"
        printf "%.2f ms with an empty archive, %.2f ms with %d\n", e, f, a
        printf "reminders in `dunning.reminder_archive`: %.2fx (target: within 10 %%, %s). The\n", ratio, (ratio <= 1.10) ? "met" : "**missed**"
        printf "runs: %sms empty, %sms full.\n", er, fr
    }' >>"$WORK/queue.md"
    [[ $KEEP == 1 ]] || dropdb "$db"
    [[ $KEEP == 1 ]] || dropdb "${db}_full"
}
