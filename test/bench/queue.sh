# The queue benchmark of make bench (sourced by run.sh, on its cluster):
# claim-and-ack throughput of BENCH_QUEUE_N reminders (default 100,000) with
# 1, 2 and 4 consumers in batches of 100, side by side with PgQ consuming the
# same payloads through its batch API; then the latency of a claim with an
# empty archive and with BENCH_QUEUE_ARCHIVE reminders (default 1,000,000)
# in it.  Writes a markdown section to $WORK/queue.md.

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

# latency_runs NAME DB: five runs of 200 claims (and acks) from a fresh
# queue; the average latency of the claim statement of each, in
# $WORK/latency-NAME.ms.
latency_runs() {
    local name=$1 db=$2 i
    for i in 1 2 3 4 5; do
        "${PSQL[@]}" -d "$db" -f "$QUEUE_DIR/reset.sql"
        pgbench_run "$WORK/latency-$name-$i.log" -d "$db" -c 1 -j 1 -t 200 -r \
            -f "$QUEUE_DIR/claim_ack.pgbench"
        statement_ms "$WORK/latency-$name-$i.log" string_agg >>"$WORK/latency-$name.ms"
    done
}

bench_queue() {
    local db=bench_queue c batches rate pgq_rate sent empty_ms full_ms
    log "=== queue: $QUEUE_N reminders, 1/2/4 consumers, against PgQ ==="
    dropdb --if-exists "$db"
    createdb "$db"
    "${PSQL[@]}" -d "$db" -c 'CREATE EXTENSION dunning'
    stage 0 queue_setup "emitting $QUEUE_N reminders, and as many PgQ events (test/bench/queue/setup.sql)" \
        "${PSQL[@]}" -o /dev/null -d "$db" -v n="$QUEUE_N" -f "$QUEUE_DIR/setup.sql" \
        -c "CALL qb.fill_pgq($QUEUE_N)"

    {
        echo
        echo "### The queue"
        echo
        echo "Claim and acknowledge $(printf "%'d" "$QUEUE_N") reminders in batches of 100 (\`dunning.claim\`, then"
        echo "\`dunning.ack\` of the batch, each in its own transaction, the payloads read), against"
        echo "PgQ's batch API (\`next_batch\`, \`get_batch_events\` with the same payloads read,"
        echo "\`finish_batch\`, in one transaction) over the same payloads; pgbench, figures"
        echo "without connection time."
        echo
        echo "| consumers | dunning reminders/s | PgQ events/s (1 consumer) | ratio | target | met? |"
        echo "| ---: | ---: | ---: | ---: | --- | --- |"
    } >"$WORK/queue.md"

    # Three rounds, each PgQ then 1, 2 and 4 consumers, so that a slow
    # moment of the machine weighs on both sides; the medians are reported.
    local start_tick round
    start_tick=$("${PSQL[@]}" -d "$db" -At -c "SELECT sub_last_tick FROM pgq.subscription")
    batches=$("${PSQL[@]}" -d "$db" -At -c "SELECT count(*) FROM pgq.tick t
        JOIN pgq.subscription s ON s.sub_queue = t.tick_queue AND t.tick_id > s.sub_last_tick")
    for round in 1 2 3; do
        # PgQ: the consumer back at the first batch, as many transactions as
        # there are batches, then nothing may be left
        "${PSQL[@]}" -d "$db" -At -o /dev/null -v tick="$start_tick" -f "$QUEUE_DIR/pgq_reset.sql"
        pgbench_run "$WORK/pgq-$round.log" -d "$db" -c 1 -j 1 -t "$batches" -f "$QUEUE_DIR/pgq_batch.pgbench"
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
            pgbench_run "$WORK/claim-$c-$round.log" -d "$db" -c "$c" -j "$c" -t "$((QUEUE_N / 100 / c))" \
                -f "$QUEUE_DIR/claim_ack.pgbench"
            sent=$("${PSQL[@]}" -d "$db" -At -c "SELECT count(*) FROM dunning.reminder_archive WHERE status = 'sent'")
            if [[ $sent != "$QUEUE_N" || -n $("${PSQL[@]}" -d "$db" -At -c "SELECT 1 FROM dunning.reminder LIMIT 1") ]]; then
                log "dunning, $c consumer(s): $sent of $QUEUE_N sent, or some left in the queue"
                return 1
            fi
            rate=$(awk -v t="$(tps_of "$WORK/claim-$c-$round.log")" -v b="$((QUEUE_N / 100 / c * c))" \
                -v n="$QUEUE_N" 'BEGIN { printf "%d", t * n / b }')
            echo "$rate" >>"$WORK/claim-$c.rates"
            log "  round $round: dunning, $c consumer(s): $rate reminders/s"
        done
    done

    pgq_rate=$(median_of "$WORK/pgq.rates")
    for c in 1 2 4; do
        rate=$(median_of "$WORK/claim-$c.rates")
        awk -v c="$c" -v r="$rate" -v p="$pgq_rate" 'BEGIN {
            ratio = r / p
            printf "| %d | %d | %d | %.2fx | ≥ 0.5x | %s |\n", c, r, p, ratio,
                (ratio >= 0.5) ? "yes" : "**no**"
        }' >>"$WORK/queue.md"
    done
    {
        echo
        echo "Medians of three rounds, each PgQ then 1, 2 and 4 consumers; before each run"
        echo "both sides are put back as they started (PgQ's consumer at its first batch,"
        echo "dunning's queue refilled), vacuumed and checkpointed"
        echo "(\`test/bench/queue/pgq_reset.sql\`, \`reset.sql\`). Every round: $(tr '\n' ' ' <"$WORK/pgq.rates")events/s"
        echo "for PgQ, $(tr '\n' ' ' <"$WORK/claim-1.rates")/ $(tr '\n' ' ' <"$WORK/claim-2.rates")/ $(tr '\n' ' ' <"$WORK/claim-4.rates")reminders/s"
        echo "for 1 / 2 / 4 consumers."
    } >>"$WORK/queue.md"

    # claim latency: an empty archive, then a full one; five runs of 200
    # claims each, the median run
    "${PSQL[@]}" -d "$db" -c 'TRUNCATE dunning.reminder_archive'
    latency_runs empty "$db"
    empty_ms=$(median_of "$WORK/latency-empty.ms")
    stage 0 queue_archive "filling the archive with $QUEUE_ARCHIVE reminders (test/bench/queue/archive.sql)" \
        "${PSQL[@]}" -d "$db" -v rows="$QUEUE_ARCHIVE" -f "$QUEUE_DIR/archive.sql"
    latency_runs full "$db"
    full_ms=$(median_of "$WORK/latency-full.ms")
    log "  claim latency: $empty_ms ms with an empty archive, $full_ms ms with $QUEUE_ARCHIVE archived"
    awk -v e="$empty_ms" -v f="$full_ms" -v a="$QUEUE_ARCHIVE" \
        -v er="$(tr '\n' ' ' <"$WORK/latency-empty.ms")" -v fr="$(tr '\n' ' ' <"$WORK/latency-full.ms")" 'BEGIN {
        ratio = f / e
        printf "\nLatency of one `dunning.claim` of 100 (one consumer; the median of five runs of\n"
        printf "200 claims, each run'"'"'s average): %.2f ms with an empty archive, %.2f ms with %d\n", e, f, a
        printf "reminders in `dunning.reminder_archive`: %.2fx (target: within 10 %%, %s). The\n", ratio, (ratio <= 1.10) ? "met" : "**missed**"
        printf "runs: %sms empty, %sms full.\n", er, fr
    }' >>"$WORK/queue.md"
    [[ $KEEP == 1 ]] || dropdb "$db"
}
