#!/usr/bin/env bash
# make bench: build and install dunning, start a throwaway PostgreSQL 15
# cluster sized for the machine, and for each ledger size measure, side by
# side on the same data:
#
#   cold start     the first dunning.run() over a fresh ledger, against one
#                  INSERT ... SELECT of the same reminders into a copy of the
#                  queue (the cheapest write of its output)          cold.sql
#   naive, cold    the hand-written PL/pgSQL reference (naive.sql) over the
#                  same fresh ledger                             naive_run.sql
#   steady state   after BENCH_DAYS days of business (day.sql: payments,
#                  invoices falling due, a mailer) each followed by a
#                  committed daily pass (pass.sql), the pass of the next day
#                  against the bare count of the open overdue invoices (as
#                  the ledger's indexes serve it, and by a sequential scan),
#                  medians of three, and against the naive loop's daily run
#                  from the same state                           steady.sql
#   floor          the reads and the writes of the very rows a pass wrote,
#                  as plain set-based statements from the state it started
#                  from (floor_read.sql, floor_capture.sql, floor_write.sql),
#                  rolled back: the cold start's and the steady day's
#   idle           twenty passes a minute apart on the same day as the last
#                  one, each its own statement as the worker runs them,
#                  after the cold start (its reminders in the queue) and
#                  after the steady days                           idle.sql
#   memory         the backend's resident memory during the cold pass,
#                  sampled every 50 ms from /proc
#   queue          claim-and-ack throughput with 1, 2 and 4 consumers against
#                  PgQ's batch API and against the floor (a bare queue with
#                  the same writes, floor.pgbench), and claim latency with a
#                  full archive                                  queue.sh
#   templates      the cold pass of a 1M ledger with rendering on and off,
#                  and dunning.render_reminder() alone           render.sh
#
# It prints a markdown table and writes it, with the details behind it, to
# test/bench/results.md.
#
# Environment:
#   BENCH_SIZES      ledger sizes in invoices (default "100000 1000000 10000000")
#   BENCH_DAYS       simulated days between the cold start and the steady
#                    state (default 50: the backlog of the cold start has gone
#                    through every step by then)
#   BENCH_NAIVE_MAX  open overdue invoices the naive loop goes through at most;
#                    above, it runs on a uniform sample and is extrapolated
#                    (default 2000000)
#   BENCH_PLANS      1 to log the plans of the passes to test/bench/plans.txt
#                    (default 0)
#   BENCH_PGPORT     the cluster's port (default 54333; unix socket only)
#   BENCH_QUEUE      0 to leave out the queue benchmark (default 1)
#   BENCH_QUEUE_N    reminders the queue benchmark consumes (default 100000)
#   BENCH_QUEUE_ARCHIVE  reminders in the archive for the latency (default 1000000)
#   BENCH_RENDER     0 to leave out the templates benchmark (default 1)
#   BENCH_RENDER_SIZE  invoices of its ledger (default 1000000)
#   BENCH_KEEP       1 to leave the cluster and its databases running
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source test/lib/cluster.sh
export PATH=$PG_BINDIR:$PATH

SIZES=${BENCH_SIZES:-100000 1000000 10000000}
DAYS=${BENCH_DAYS:-50}
NAIVE_MAX=${BENCH_NAIVE_MAX:-2000000}
PLANS=${BENCH_PLANS:-0}
PORT=${BENCH_PGPORT:-54333}
KEEP=${BENCH_KEEP:-0}
# the ledger is generated as it stands on START, the cold start runs then
START=2026-10-01
RUN_AT='10:00+00'
BENCH=test/bench
RESULTS=$BENCH/results.md
PLAN_FILE=$BENCH/plans.txt
REPORT_DB=bench_report

PSQL=(psql -X -q -v ON_ERROR_STOP=1)

# Seconds since $1 (a `date +%s%N` reading), with one decimal.
since() {
    local ns=$(($(date +%s%N) - $1))
    printf '%d.%d' $((ns / 1000000000)) $((ns / 100000000 % 10))
}

# stage SIZE NAME MESSAGE COMMAND...: log, run, log and record how long it took.
stage() {
    local size=$1 name=$2 message=$3 t0 took
    shift 3
    [[ -z $message ]] || log "$message"
    t0=$(date +%s%N)
    "$@"
    took=$(since "$t0")
    [[ -z $message ]] || log "  done in $took s"
    "${PSQL[@]}" -d "$REPORT_DB" -c \
        "INSERT INTO stage (size, name, seconds) VALUES ($size, '$name', $took)"
}

# The day N days after the cold start.
day_after() {
    date -u -d "$START + $1 day" +%F
}

# sample_memory PID JOB: print "time anon shmem rss hwm" (kB) for backend PID
# every 50 ms while JOB runs.
sample_memory() {
    local pid=$1 job=$2 key value unit anon shmem rss hwm
    while kill -0 "$job" 2>/dev/null && [[ -r /proc/$pid/status ]]; do
        anon=0 shmem=0 rss=0 hwm=0
        while read -r key value unit; do
            case $key in
            RssAnon:) anon=$value ;;
            RssShmem:) shmem=$value ;;
            VmRSS:) rss=$value ;;
            VmHWM:) hwm=$value ;;
            esac
        done </proc/"$pid"/status 2>/dev/null || break
        echo "$EPOCHREALTIME $anon $shmem $rss $hwm"
        sleep 0.05
    done
}

# cold_start SIZE DB: the cold pass and its baseline, with the memory sampler.
cold_start() {
    local size=$1 db=$2 marks=$WORK/marks-$1 job sampler pid
    mkdir -p "$marks"
    BENCH_MARKS=$marks "${PSQL[@]}" -d "$db" -v as_of="$START $RUN_AT" -v floor_dir="$FLOOR_DIR" \
        -f $BENCH/cold.sql &
    job=$!
    while [[ ! -s $marks/pid ]] && kill -0 "$job" 2>/dev/null; do sleep 0.02; done
    if [[ -s $marks/pid ]]; then
        pid=$(<"$marks/pid")
        sample_memory "$pid" "$job" >"$marks/memory" &
        sampler=$!
    fi
    wait "$job"
    [[ -z ${sampler:-} ]] || wait "$sampler"
    # the peaks between the marks that cold.sql wrote around the pass
    awk -v start="$(<"$marks/start")" -v end="$(<"$marks/end")" '
        $1 >= start - 0.05 && $1 <= end + 0.05 {
            if ($2 > anon) anon = $2; if ($4 > rss) rss = $4; if ($5 > hwm) hwm = $5; n++
        }
        $1 < start { before = $2 }
        END {
            printf "INSERT INTO bench.result (measure, key, value) VALUES"
            printf " (\x27memory\x27, \x27private_kb\x27, %d), (\x27memory\x27, \x27rss_kb\x27, %d),", anon, rss
            printf " (\x27memory\x27, \x27hwm_kb\x27, %d), (\x27memory\x27, \x27private_before_kb\x27, %d),", hwm, before
            printf " (\x27memory\x27, \x27samples\x27, %d);\n", n
        }' "$marks/memory" | "${PSQL[@]}" -d "$db"
}

# explain SIZE DB LABEL AS_OF WHAT: log the plans of a pass (rolled back) or of
# its preview, and add to the plan file the time of each of its statements,
# the plans of its candidate query and sweep, and one plan of each other
# statement that takes a millisecond or more.
explain() {
    local size=$1 db=$2 label=$3 as_of=$4 what=$5 logfile=$WORK/pg/postgres.log offset
    offset=$(stat -c %s "$logfile")
    "${PSQL[@]}" -o /dev/null -d "$db" -v as_of="$as_of" -v what="$what" -v min_ms=0 \
        -f $BENCH/explain.sql
    {
        printf '\n=== %s invoices: %s (%s at %s) ===\n' "$size" "$label" "$what" "$as_of"
        tail -c +$((offset + 1)) "$logfile" | awk '
            function flush() {
                if (key == "") return
                if (!(key in calls)) order[++kinds] = key
                calls[key]++; total[key] += dur
                if ((calls[key] == 1 && dur >= 1) || key ~ /^WITH (cand|checked) AS/)
                    plans[++nplans] = body
                key = ""; body = ""
            }
            / LOG:  duration: [0-9.]+ ms  plan:$/ {
                flush(); dur = $0; sub(/.* duration: /, "", dur); sub(/ ms .*/, "", dur)
                body = "duration: " dur " ms\n"; inplan = 1; next
            }
            / CONTEXT:  / { inplan = 0; next }
            inplan && /^\tQuery Text: / {
                key = substr($0, 14, 72); gsub(/  +/, " ", key)
            }
            inplan { body = body $0 "\n" }
            END {
                flush()
                printf "\n%10s %6s  %s\n", "total ms", "calls", "statement"
                for (i = 1; i <= kinds; i++)
                    printf "%10.1f %6d  %s\n", total[order[i]], calls[order[i]], order[i]
                for (i = 1; i <= nplans; i++) printf "\n%s", plans[i]
            }'
    } >>"$WORK/plans.txt"
}

# bench_size SIZE: every measure on a fresh ledger of SIZE invoices.
bench_size() {
    local size=$1 db=bench_$1 d day
    log "=== $size invoices ==="
    dropdb --if-exists "$db"
    createdb "$db"
    "${PSQL[@]}" -d "$db" -c 'CREATE EXTENSION dunning' -c 'CREATE EXTENSION pg_prewarm'

    stage "$size" generate "generating the ledger as it stands on $START (test/bench/ledger.sql)" \
        "${PSQL[@]}" -d "$db" -v n="$size" -v as_of="$START" -f $BENCH/ledger.sql
    "${PSQL[@]}" -d "$db" -c 'CREATE TABLE bench.result
        (measure text, key text, value numeric, PRIMARY KEY (measure, key))'
    "${PSQL[@]}" -d "$db" -At -c "SELECT 'ledger: ' || count(*) || ' invoices, '
            || count(*) FILTER (WHERE balance > 0) || ' open, '
            || count(DISTINCT customer_id) || ' customers, '
            || pg_size_pretty(pg_total_relation_size('bench.invoices')) || ' with its indexes'
        FROM bench.invoices" | while read -r line; do log "  $line"; done

    stage "$size" setup "binding it, policies, holds (test/bench/setup.sql), prewarm" \
        "${PSQL[@]}" -o /dev/null -d "$db" -v as_of="$START $RUN_AT" -f $BENCH/setup.sql \
        -c "SELECT pg_prewarm(c.oid) FROM pg_class c
            WHERE c.relnamespace = 'bench'::regnamespace AND c.relkind IN ('r', 'i')"

    if [[ $PLANS == 1 ]]; then
        stage "$size" plan_cold "logging the plan of the cold pass's candidate query (preview)" \
            explain "$size" "$db" "cold start" "$START $RUN_AT" preview
    fi

    stage "$size" cold "cold start on $START: dunning.run() vs one INSERT of its reminders (test/bench/cold.sql)" \
        cold_start "$size" "$db"

    stage "$size" idle_cold "idle passes the same day, with the cold start's reminders in the queue (test/bench/idle.sql)" \
        "${PSQL[@]}" -o /dev/null -d "$db" -v as_of="$START $RUN_AT" -v measure=idle_cold \
        -f $BENCH/idle.sql

    "${PSQL[@]}" -d "$db" -f $BENCH/naive.sql
    stage "$size" naive "naive PL/pgSQL loop, cold (test/bench/naive_run.sql)" \
        "${PSQL[@]}" -d "$db" -v as_of="$START $RUN_AT" -v naive_max="$NAIVE_MAX" \
        -v measure=naive -f $BENCH/naive_run.sql
    "${PSQL[@]}" -d "$db" -c 'TRUNCATE bench.naive_reminder, bench.naive_state'

    log "$DAYS days of business, each followed by its daily pass (test/bench/day.sql, pass.sql)"
    for ((d = 1; d <= DAYS + 1; d++)); do
        day=$(day_after "$d")
        stage "$size" "business $day" "" \
            "${PSQL[@]}" -d "$db" -v day="$day" -v n="$size" -f $BENCH/day.sql
        if ((d <= DAYS)); then
            stage "$size" "pass $day" "" \
                "${PSQL[@]}" -d "$db" -v as_of="$day $RUN_AT" -f $BENCH/pass.sql
            "${PSQL[@]}" -d "$db" -At -c "SELECT format('  %s: examined %s, emitted %s, resolved %s, cancelled %s in %s ms',
                    '$day',
                    max(value) FILTER (WHERE key = 'examined'), max(value) FILTER (WHERE key = 'emitted'),
                    max(value) FILTER (WHERE key = 'resolved'), max(value) FILTER (WHERE key = 'cancelled'),
                    round(max(value) FILTER (WHERE key = 'ms')))
                FROM bench.result WHERE measure = 'pass $day'" | while read -r line; do log "$line"; done
        fi
    done

    stage "$size" simulate "simulating the same $DAYS days with dunning.simulate() (test/bench/simulate.sql)" \
        "${PSQL[@]}" -d "$db" -v first="$(day_after 1)" -v last="$(day_after "$DAYS")" \
        -v days="$DAYS" -f $BENCH/simulate.sql
    stage "$size" steady "steady state on $day: pass (rolled back) vs bare counts, 3 times; the naive loop's day (test/bench/steady.sql)" \
        "${PSQL[@]}" -d "$db" -v as_of="$day $RUN_AT" -v day="$day" -v naive_max="$NAIVE_MAX" \
        -v floor_dir="$FLOOR_DIR" -f $BENCH/steady.sql
    stage "$size" idle_steady "idle passes the same day as the last daily pass (test/bench/idle.sql)" \
        "${PSQL[@]}" -o /dev/null -d "$db" -v as_of="$(day_after "$DAYS") $RUN_AT" \
        -v measure=idle_steady -f $BENCH/idle.sql
    if [[ $PLANS == 1 ]]; then
        stage "$size" plan_steady "logging the plans of the pass of $day (rolled back)" \
            explain "$size" "$db" "steady state" "$day $RUN_AT" run
    fi

    "${PSQL[@]}" -d "$db" -c "COPY (SELECT $size, measure, key, value FROM bench.result) TO STDOUT" |
        "${PSQL[@]}" -d "$REPORT_DB" -c 'COPY result (size, measure, key, value) FROM STDIN'
    "${PSQL[@]}" -d "$REPORT_DB" -At -v size="$size" -f $BENCH/summary.sql |
        while read -r line; do log "  $line"; done
    [[ $KEEP == 1 ]] || dropdb "$db"
}

BEGAN=$(date +%s%N)

# ---------------------------------------------------------------- build

bash test/lib/deps.sh
log "building and installing dunning"
REVISION=$(git describe --always --dirty 2>/dev/null || echo unknown)
make -s PG_CONFIG="$PG_CONFIG"
make -s PG_CONFIG="$PG_CONFIG" install >/dev/null

# -------------------------------------------------------------- cluster

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dunning-bench.XXXXXX")
# where the server saves the rows a pass wrote, for its floor (floor_capture.sql)
FLOOR_DIR=$WORK/floor
mkdir -p "$FLOOR_DIR"
give_to_pg "$WORK"

cleanup() {
    local rc=$?
    if [[ $KEEP == 1 && -f $WORK/pg/data/postmaster.pid ]]; then
        echo
        echo "The bench cluster is still running (BENCH_KEEP=1). Connect with:"
        echo "    psql -h $WORK/pg -p $PORT -U postgres bench_<size>"
        echo "Stop it and remove it with:"
        echo "    runuser -u postgres -- $PG_BINDIR/pg_ctl -D $WORK/pg/data stop && rm -rf $WORK"
    else
        cluster_stop
        rm -rf "$WORK"
    fi
    ((rc == 0)) || log "the benchmark failed (exit status $rc)"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 24 GiB and 2 cores: a quarter of the memory for shared buffers, room for
# sorts and index builds, checkpoints spaced out; autovacuum off so that
# nothing runs behind the timings (day.sql vacuums every night instead).
cluster_start "$WORK/pg" "$PORT" \
    "shared_buffers = '4GB'" \
    "effective_cache_size = '16GB'" \
    "work_mem = '64MB'" \
    "maintenance_work_mem = '1GB'" \
    "max_wal_size = '8GB'" \
    "checkpoint_timeout = '30min'" \
    "random_page_cost = 1.1" \
    "autovacuum = off"

createdb "$REPORT_DB"
"${PSQL[@]}" -d "$REPORT_DB" -c 'CREATE TABLE result (size bigint, measure text, key text, value numeric)' \
    -c 'CREATE TABLE stage (size bigint, name text, seconds numeric, at timestamptz DEFAULT clock_timestamp())'
: >"$WORK/plans.txt"

# ---------------------------------------------------------------- sizes

for size in $SIZES; do
    bench_size "$size"
done

# ---------------------------------------------------------------- queue

source $BENCH/queue.sh
if [[ ${BENCH_QUEUE:-1} == 1 ]]; then
    bench_queue
fi

# ------------------------------------------------------------ templates

source $BENCH/render.sh
if [[ ${BENCH_RENDER:-1} == 1 ]]; then
    bench_render
fi

# --------------------------------------------------------------- report

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
MEM=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')
PGVERSION=$("${PSQL[@]}" -d "$REPORT_DB" -At -c 'SHOW server_version')
"${PSQL[@]}" -d "$REPORT_DB" -At \
    -v cpus="$(nproc)" -v cpu="${CPU:-unknown}" -v mem="$MEM" -v pgversion="$PGVERSION" \
    -v date="$(date -u +%F)" -v days="$DAYS" -v elapsed="$(since "$BEGAN")" -v start="$START" \
    -v revision="$REVISION" \
    -f $BENCH/report.sql >"$RESULTS"
[[ ! -s $WORK/queue.md ]] || cat "$WORK/queue.md" >>"$RESULTS"
[[ ! -s $WORK/render.md ]] || cat "$WORK/render.md" >>"$RESULTS"
echo
cat "$RESULTS"
if [[ $PLANS == 1 ]]; then
    cp "$WORK/plans.txt" "$PLAN_FILE"
    log "plans in $PLAN_FILE"
fi
log "results in $RESULTS; the benchmark took $(since "$BEGAN") s"
