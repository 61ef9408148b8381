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

# The average latency (ms) of the statement of a pgbench -r log that matches $2.
statement_ms() {
    awk -v pat="$2" '$0 ~ pat && $1 ~ /^[0-9.]+$/ { print $1; exit }' "$1"
}

bench_queue() {
    local db=bench_queue c batches tps rate pgq_tps pgq_rate sent empty_ms full_ms
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

    # as many transactions as there are batches, then nothing may be left
    batches=$("${PSQL[@]}" -d "$db" -At -c "SELECT count(*) FROM pgq.tick t
        JOIN pgq.subscription s ON s.sub_queue = t.tick_queue AND t.tick_id > s.sub_last_tick")
    pgbench_run "$WORK/pgq.log" -d "$db" -c 1 -j 1 -t "$batches" -f "$QUEUE_DIR/pgq_batch.pgbench"
    if [[ -n $("${PSQL[@]}" -d "$db" -At -c "SELECT pgq.next_batch('bench', 'bench-consumer')") ]]; then
        log "PgQ left events unconsumed"
        return 1
    fi
    pgq_tps=$(tps_of "$WORK/pgq.log")
    pgq_rate=$(awk -v t="$pgq_tps" -v n="$QUEUE_N" -v b="$batches" 'BEGIN { printf "%d", t * n / b }')
    log "  PgQ: $pgq_rate events/s in $batches batches"

    for c in 1 2 4; do
        "${PSQL[@]}" -d "$db" -f "$QUEUE_DIR/reset.sql"
        batches=$((QUEUE_N / 100 / c))
        pgbench_run "$WORK/claim-$c.log" -d "$db" -c "$c" -j "$c" -t "$batches" \
            -f "$QUEUE_DIR/claim_ack.pgbench"
        sent=$("${PSQL[@]}" -d "$db" -At -c "SELECT count(*) FROM dunning.reminder WHERE status = 'sent'")
        tps=$(tps_of "$WORK/claim-$c.log")
        rate=$(awk -v t="$tps" -v s="$sent" -v b="$((batches * c))" 'BEGIN { printf "%d", t * s / b }')
        log "  dunning, $c consumer(s): $rate reminders/s ($sent sent)"
        awk -v c="$c" -v r="$rate" -v p="$pgq_rate" -v s="$sent" -v n="$QUEUE_N" 'BEGIN {
            ratio = r / p
            printf "| %d | %d | %d | %.2fx | ≥ 0.5x | %s |\n", c, r, p, ratio,
                (ratio >= 0.5 && s == n) ? "yes" : "**no**"
        }' >>"$WORK/queue.md"
    done

    # claim latency: an empty archive, then a full one
    "${PSQL[@]}" -d "$db" -c 'TRUNCATE dunning.reminder_archive'
    "${PSQL[@]}" -d "$db" -f "$QUEUE_DIR/reset.sql"
    pgbench_run "$WORK/latency-empty.log" -d "$db" -c 1 -j 1 -t 200 -r -f "$QUEUE_DIR/claim_ack.pgbench"
    empty_ms=$(statement_ms "$WORK/latency-empty.log" string_agg)
    stage 0 queue_archive "filling the archive with $QUEUE_ARCHIVE reminders (test/bench/queue/archive.sql)" \
        "${PSQL[@]}" -d "$db" -v rows="$QUEUE_ARCHIVE" -f "$QUEUE_DIR/archive.sql"
    "${PSQL[@]}" -d "$db" -f "$QUEUE_DIR/reset.sql"
    pgbench_run "$WORK/latency-full.log" -d "$db" -c 1 -j 1 -t 200 -r -f "$QUEUE_DIR/claim_ack.pgbench"
    full_ms=$(statement_ms "$WORK/latency-full.log" string_agg)
    log "  claim latency: $empty_ms ms with an empty archive, $full_ms ms with $QUEUE_ARCHIVE archived"
    awk -v e="$empty_ms" -v f="$full_ms" -v a="$QUEUE_ARCHIVE" 'BEGIN {
        ratio = f / e
        printf "\nLatency of one `dunning.claim` of 100 (average of 200, one consumer): %.2f ms with an\n", e
        printf "empty archive, %.2f ms with %d reminders in `dunning.reminder_archive`: %.2fx\n", f, a, ratio
        printf "(target: within 10 %%, %s).\n", (ratio <= 1.10) ? "met" : "**missed**"
    }' >>"$WORK/queue.md"
    [[ $KEEP == 1 ]] || dropdb "$db"
}
