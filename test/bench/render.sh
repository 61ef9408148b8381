# The templates benchmark of make bench (sourced by run.sh, on its cluster):
# on a fresh ledger of BENCH_RENDER_SIZE invoices (default 1,000,000) bound
# with customers in ten locales and the shipped templates on every step, the
# cold pass computed with rendering on and off (dunning.preview(), medians
# of three), and dunning.render_reminder() alone over its payloads.  Writes
# a markdown section to $WORK/render.md.

RENDER_SIZE=${BENCH_RENDER_SIZE:-1000000}

bench_render() {
    local db=bench_render
    log "=== templates: the cold pass over $RENDER_SIZE invoices, rendering on and off ==="
    dropdb --if-exists "$db"
    createdb "$db"
    "${PSQL[@]}" -d "$db" -c 'CREATE EXTENSION dunning'
    stage 0 render_setup "a ledger of $RENDER_SIZE invoices (test/bench/ledger.sql, setup.sql)" \
        "${PSQL[@]}" -o /dev/null -d "$db" -v n="$RENDER_SIZE" -v as_of="$START" \
        -f $BENCH/ledger.sql -f $BENCH/setup.sql \
        -c 'CREATE TABLE bench.result (measure text, key text, value numeric, PRIMARY KEY (measure, key))'
    stage 0 render "rendering on and off, then render_reminder() alone (test/bench/render.sql)" \
        "${PSQL[@]}" -o /dev/null -d "$db" -v as_of="$START $RUN_AT" -f $BENCH/render.sql
    "${PSQL[@]}" -d "$db" -At -F ' ' -c "SELECT
            max(value) FILTER (WHERE key = 'reminders'), max(value) FILTER (WHERE key = 'on_ms'),
            max(value) FILTER (WHERE key = 'off_ms'), max(value) FILTER (WHERE key = 'alone_ms'),
            max(value) FILTER (WHERE key = 'body_bytes')
        FROM bench.result WHERE measure = 'render'" | {
        read -r n on off alone bytes
        awk -v n="$n" -v on="$on" -v off="$off" -v alone="$alone" -v bytes="$bytes" \
            -v size="$RENDER_SIZE" 'BEGIN {
            printf "\n### Templates\n\n"
            printf "The cold pass over %\047d invoices (customers in ten locales, the shipped\n", size
            printf "templates on every step), computed by `dunning.preview()` with `dunning.render`\n"
            printf "on and off, medians of three; then `dunning.render_reminder()` alone over the\n"
            printf "%\047d payloads of that pass (subject, text and HTML bodies, %d bytes on average).\n\n", n, bytes
            printf "| measure | rendering on | rendering off | ratio |\n| --- | ---: | ---: | ---: |\n"
            printf "| the pass, %\047d reminders | %.0f ms | %.0f ms | %.2fx |\n", n, on, off, on / off
            printf "| reminders per second, the whole pass | %\047d | %\047d | |\n", n / on * 1000, n / off * 1000
            printf "| reminders rendered per second, the difference | %\047d | | |\n", (on > off) ? n / (on - off) * 1000 : 0
            printf "| reminders rendered per second, `render_reminder()` alone | %\047d | | |\n", n / alone * 1000
        }' >"$WORK/render.md"
        cat "$WORK/render.md" | while read -r line; do log "  $line"; done
    }
    [[ $KEEP == 1 ]] || dropdb "$db"
}
