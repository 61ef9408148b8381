#!/usr/bin/env bash
# make test: build and install dunning, then run every suite against one
# throwaway PostgreSQL 15 cluster (the TAP suite starts its own nodes).
#
#   pg_regress   sql/<topic>.sql vs expected/<topic>.out
#   isolation    test/isolation/specs/<name>.spec vs test/isolation/expected/<name>.out
#   pgTAP        test/*.sql, each in a fresh database with pgtap and dunning
#   TAP          test/t/*.pl (PostgreSQL::Test::Cluster)
#   fuzz         test/fuzz: libFuzzer on the template language (FUZZ_SECONDS, 20)
#   Citus        test/citus/run.sh (make test-citus): a coordinator and two
#                workers of its own; skipped, and said so, without Citus
#
# The last line printed is "N passed, M failed".  Exit status is 0 only when
# nothing failed and every suite could run.
#
# A build or setup failure prints "0 passed, 1 failed" and exits with 2.
#
# Environment: TEST_PGPORT (default 54329), SUITE_TIMEOUT in seconds per
# runner invocation (default 300), TEST_TIMEOUT in seconds for the whole run
# (default 840), KEEP_WORKDIR=1 to keep the work directory even when
# everything passed (it is always kept after a failure).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
if ! bash test/lib/deps.sh; then
    echo "0 passed, 1 failed"
    exit 2
fi
source test/lib/cluster.sh
source test/lib/citus.sh

PGXS_SRC=$(cd "$(dirname "$("$PG_CONFIG" --pgxs)")/.." && pwd)
PG_REGRESS=$PGXS_SRC/test/regress/pg_regress
PG_ISOLATION_REGRESS=$PGXS_SRC/test/isolation/pg_isolation_regress
PG_PERL_LIB=$PGXS_SRC/test/perl
SUITE_TIMEOUT=${SUITE_TIMEOUT:-300}
TEST_TIMEOUT=${TEST_TIMEOUT:-840}
PORT=${TEST_PGPORT:-54329}
export PATH=$PG_BINDIR:$PATH

die() {
    log "$*"
    echo "0 passed, 1 failed"
    exit 2
}

# ---------------------------------------------------------------- build

log "building dunning"
make -s PG_CONFIG="$PG_CONFIG" || die "build failed"
make -s PG_CONFIG="$PG_CONFIG" install >/dev/null || die "make install failed"

# ------------------------------------------------- work dir and cluster

# The runners write results next to their inputs and the server may read
# test files, so everything runs from a copy owned by the cluster owner.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dunning-test.XXXXXX")
TREE=$WORK/tree
mkdir -p "$TREE"
for d in sql expected test input output data; do
    [[ -d $d ]] && cp -a "$d" "$TREE/"
done
# the README, whose SQL examples test/t/008_readme.pl runs
cp README.md "$TREE/"
rm -rf "$TREE"/test/isolation/{results,output_iso} "$TREE"/{results,tmp_check}
give_to_pg "$WORK"

KEEP=${KEEP_WORKDIR:-0}
cleanup() {
    local pid
    for pid in "$TREE"/tmp_check/*/pgdata/postmaster.pid; do
        [[ -e $pid ]] && as_pg "$PG_BINDIR/pg_ctl" -D "${pid%/*}" -m immediate stop >/dev/null 2>&1
    done
    cluster_stop
    rm -rf "$WORK/pg"
    [[ $KEEP == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cluster_start "$WORK/pg" "$PORT" || die "could not start the test cluster"

# ------------------------------------------------------------ bookkeeping

SUITES=()
declare -A PASSED FAILED BROKEN

record() { # suite passed failed [broken-reason]
    PASSED[$1]=$((${PASSED[$1]:-0} + $2))
    FAILED[$1]=$((${FAILED[$1]:-0} + $3))
    if [[ -n ${4:-} ]]; then
        BROKEN[$1]="${BROKEN[$1]:+${BROKEN[$1]}; }$4"
    fi
}

# Run a runner as the cluster owner from the work tree, with a time limit,
# teeing its output to a log file.  Returns the runner's exit status.
run_logged() { # logfile command...
    local logfile=$1 limit=$((TEST_TIMEOUT - SECONDS)) rc
    shift
    ((limit > SUITE_TIMEOUT)) && limit=$SUITE_TIMEOUT
    if ((limit <= 0)); then
        log "no time left (TEST_TIMEOUT=${TEST_TIMEOUT}s), not running: $*"
        : >"$logfile"
        return 124
    fi
    (cd "$TREE" && as_pg timeout -k 10 "$limit" "$@") 2>&1 | tee "$logfile"
    rc=${PIPESTATUS[0]}
    ((rc == 124)) && log "timed out after ${limit}s: $*"
    return "$rc"
}

# pg_regress / pg_isolation_regress result lines (PostgreSQL 15 format):
#   "test name ... ok", "     name ... FAILED", "... failed (ignored)"
count_regress() { # logfile status-regex
    grep -cE "^(test +| +)[^ ]+ +\.\.\. ($2)" "$1"
}

# TAP stream: counts top-level "ok"/"not ok" lines.  A TODO failure counts
# as passed.  Tests announced by the plan but never run count as failed, and
# a runner that failed without any failing test counts as one failure.
count_tap() { # suite logfile runner-status
    local suite=$1 logfile=$2 rc=$3 pass fail plan
    pass=$(grep -cE '^ok [0-9]+|^not ok [0-9]+.*# *TODO' "$logfile")
    fail=$(grep -E '^not ok [0-9]+' "$logfile" | grep -cvE '# *TODO')
    plan=$(grep -oE '^1\.\.[0-9]+' "$logfile" | head -n1 | cut -d. -f3)
    if [[ -n $plan ]] && ((plan > pass + fail)); then
        fail=$((plan - pass))
    fi
    if ((rc != 0 && fail == 0)); then
        fail=1
    fi
    record "$suite" "$pass" "$fail"
}

# -------------------------------------------------------------- suites

# pg_regress gives up at the first test without an expected file.
warn_missing_expected() { # runner dir name...
    local runner=$1 dir=$2 name
    shift 2
    for name in "$@"; do
        [[ -e $dir/$name.out ]] || compgen -G "$dir/${name}_[0-9].out" >/dev/null ||
            log "$runner: $dir/$name.out is missing, $runner will stop at $name"
    done
}

suite_regress() {
    local suite=pg_regress topics=() f name
    SUITES+=("$suite")
    for f in sql/*.sql; do
        [[ -e $f ]] || continue
        name=$(basename "$f" .sql)
        [[ $name == dunning--* ]] && continue
        topics+=("$name")
    done
    record "$suite" 0 0
    ((${#topics[@]})) || return 0

    warn_missing_expected pg_regress expected "${topics[@]}"
    log "pg_regress: ${topics[*]}"
    local logfile=$WORK/pg_regress.log rc pass fail
    run_logged "$logfile" "$PG_REGRESS" --inputdir=. --outputdir=. \
        --bindir="$PG_BINDIR" --host="$PGHOST" --port="$PGPORT" \
        --dbname=contrib_regression --load-extension=dunning "${topics[@]}"
    rc=$?
    pass=$(count_regress "$logfile" 'ok|failed \(ignored\)')
    fail=$(count_regress "$logfile" 'FAILED')
    if ((pass + fail < ${#topics[@]})); then
        fail=$((${#topics[@]} - pass))
        record "$suite" "$pass" "$fail" "pg_regress exited with status $rc"
    else
        record "$suite" "$pass" "$fail"
    fi
    if ((rc != 0)) && [[ -s $TREE/regression.diffs ]]; then
        log "pg_regress: regression.diffs"
        cat "$TREE/regression.diffs"
    fi
}

suite_isolation() {
    local suite=isolation specs=() f
    SUITES+=("$suite")
    for f in test/isolation/specs/*.spec; do
        [[ -e $f ]] && specs+=("$(basename "$f" .spec)")
    done
    record "$suite" 0 0
    ((${#specs[@]})) || return 0

    warn_missing_expected isolation test/isolation/expected "${specs[@]}"
    log "isolation: ${specs[*]}"
    local logfile=$WORK/isolation.log out=test/isolation/output_iso rc pass fail
    run_logged "$logfile" "$PG_ISOLATION_REGRESS" --inputdir=test/isolation \
        --outputdir="$out" --bindir="$PG_BINDIR" --host="$PGHOST" --port="$PGPORT" \
        --dbname=isolation_regression --load-extension=dunning "${specs[@]}"
    rc=$?
    pass=$(count_regress "$logfile" 'ok|failed \(ignored\)')
    fail=$(count_regress "$logfile" 'FAILED')
    if ((pass + fail < ${#specs[@]})); then
        fail=$((${#specs[@]} - pass))
        record "$suite" "$pass" "$fail" "pg_isolation_regress exited with status $rc"
    else
        record "$suite" "$pass" "$fail"
    fi
    if ((rc != 0)) && [[ -s $TREE/$out/regression.diffs ]]; then
        log "isolation: regression.diffs"
        cat "$TREE/$out/regression.diffs"
    fi
}

suite_pgtap() {
    local suite=pgTAP f name db logfile rc
    SUITES+=("$suite")
    record "$suite" 0 0
    for f in test/*.sql; do
        [[ -e $f ]] || continue
        name=$(basename "$f" .sql)
        db=pgtap_${name//[^A-Za-z0-9_]/_}
        logfile=$WORK/pgtap_$name.log
        log "pgTAP: $f (database $db)"
        if ! { PGOPTIONS='-c client_min_messages=warning' dropdb --if-exists "$db" &&
            createdb "$db" &&
            psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
                -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION dunning'; }; then
            record "$suite" 0 1 "could not prepare database $db for $f"
            continue
        fi
        run_logged "$logfile" pg_prove --verbose --psql-bin "$PG_BINDIR/psql" \
            -d "$db" "$f"
        rc=$?
        count_tap "$suite" "$logfile" "$rc"
        dropdb --if-exists --force "$db"
    done
}

suite_tap() {
    local suite=TAP f name logfile rc
    SUITES+=("$suite")
    record "$suite" 0 0
    for f in test/t/*.pl; do
        [[ -e $f ]] || continue
        name=$(basename "$f" .pl)
        logfile=$WORK/tap_$name.log
        log "TAP: $f"
        run_logged "$logfile" env TESTDIR="$TREE" PATH="$PATH" \
            PG_REGRESS="$PG_REGRESS" \
            prove --verbose -I "$PG_PERL_LIB" -I "$TREE" "$f"
        rc=$?
        count_tap "$suite" "$logfile" "$rc"
        if ((rc != 0)) && [[ -f $TREE/tmp_check/log/regress_log_$name ]]; then
            log "TAP: last lines of tmp_check/log/regress_log_$name"
            tail -n 60 "$TREE/tmp_check/log/regress_log_$name"
        fi
    done
}

# The template language under libFuzzer (test/fuzz): the committed corpus,
# then FUZZ_SECONDS of new inputs.  One test: no crash, overrun or leak.
suite_fuzz() {
    local suite=fuzz logfile=$WORK/fuzz.log
    SUITES+=("$suite")
    log "fuzz: test/fuzz/render_fuzz for ${FUZZ_SECONDS:-20}s"
    bash test/fuzz/run.sh "${FUZZ_SECONDS:-20}" "$WORK/fuzz" 2>&1 | tee "$logfile"
    if [[ $(tail -n 1 "$logfile") == "fuzz: ok" ]]; then
        record "$suite" 1 0
    else
        record "$suite" 0 1
    fi
}

# The Citus suite (test/citus/run.sh) starts its own three nodes.  Citus is
# not a Debian package: without it the suite is skipped, and said so.
CITUS_SKIPPED=
suite_citus() {
    local suite=Citus logfile=$WORK/citus.log last
    if ! citus_installed; then
        CITUS_SKIPPED="Citus is not installed for PostgreSQL 15: the Citus suite (make test-citus) was skipped"
        log "$CITUS_SKIPPED"
        return
    fi
    SUITES+=("$suite")
    log "Citus: test/citus/run.sh (a coordinator and two workers)"
    CITUS_NO_BUILD=1 timeout -k 10 "$SUITE_TIMEOUT" bash test/citus/run.sh 2>&1 | tee "$logfile"
    last=$(tail -n 1 "$logfile")
    if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        record "$suite" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    else
        record "$suite" 0 1 "test/citus/run.sh did not finish"
    fi
}

suite_regress
suite_isolation
suite_pgtap
suite_tap
suite_fuzz
suite_citus

cluster_stop

# -------------------------------------------------------------- summary

total_pass=0
total_fail=0
broken=0
echo
echo "== summary (${SECONDS}s) =="
for s in "${SUITES[@]}"; do
    printf '%-12s %4d passed, %4d failed%s\n' "$s" "${PASSED[$s]}" "${FAILED[$s]}" \
        "${BROKEN[$s]:+  (could not run: ${BROKEN[$s]})}"
    total_pass=$((total_pass + PASSED[$s]))
    total_fail=$((total_fail + FAILED[$s]))
    [[ -n ${BROKEN[$s]:-} ]] && broken=1
done
[[ -n $CITUS_SKIPPED ]] && echo "Citus        skipped: $CITUS_SKIPPED"

if ((total_fail > 0 || broken)); then
    KEEP=1
    echo "results, diffs and logs: $TREE (and $WORK/*.log)"
fi
echo "$total_pass passed, $total_fail failed"
exit $((total_fail > 0 || broken))
