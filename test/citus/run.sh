#!/usr/bin/env bash
# make test-citus: dunning on a Citus cluster of this machine, a coordinator
# and two workers, each its own throwaway PostgreSQL 15 cluster, the ledger
# distributed by customer over the workers and dunning's tables on the
# coordinator (the layout the README describes under "Citus").
#
#   pg_regress   test/citus/sql/<topic>.sql vs test/citus/expected/<topic>.out
#   isolation    test/citus/specs/<name>.spec vs test/citus/expected/<name>.out
#
# Citus is not a Debian package: when it is not installed, the suite says so
# and is skipped (exit status 0, last line "skipped").  Otherwise the last
# line is "N passed, M failed" and the exit status is 0 only when nothing
# failed.  test/run.sh (make test) runs it after the other suites, with
# CITUS_NO_BUILD=1 (dunning is built and installed already).
#
# Environment: CITUS_PGPORT (default 54360; the workers take the next two).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source test/lib/cluster.sh
source test/lib/citus.sh
export PATH=$PG_BINDIR:$PATH

if ! citus_or_say "the Citus suite is skipped"; then
    echo "skipped"
    exit 0
fi

PGXS_SRC=$(cd "$(dirname "$("$PG_CONFIG" --pgxs)")/.." && pwd)
PG_REGRESS=$PGXS_SRC/test/regress/pg_regress
PG_ISOLATION_REGRESS=$PGXS_SRC/test/isolation/pg_isolation_regress
PORT=${CITUS_PGPORT:-54360}
DB=citus_regression

die() {
    log "$*"
    echo "0 passed, 1 failed"
    exit 2
}

if [[ ${CITUS_NO_BUILD:-0} != 1 ]]; then
    bash test/lib/deps.sh || die "could not install what the suite needs"
    log "building dunning"
    make -s PG_CONFIG="$PG_CONFIG" || die "build failed"
    make -s PG_CONFIG="$PG_CONFIG" install >/dev/null || die "make install failed"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dunning-citus.XXXXXX")
mkdir -p "$WORK/tree"
cp -a test/citus/. "$WORK/tree/"
rm -rf "$WORK/tree"/{results,output_iso,regression.*}
give_to_pg "$WORK"

cleanup() {
    citus_stop
    [[ ${KEEP:-0} == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT
citus_start "$WORK" "$PORT" "$DB" || die "could not set up the Citus cluster"

# pg_regress / pg_isolation_regress result lines (PostgreSQL 15 format)
count() { # logfile status-regex
    grep -cE "^(test +| +)[^ ]+ +\.\.\. ($2)" "$1"
}
pass=0
fail=0
topics=()
for f in test/citus/sql/*.sql; do topics+=("$(basename "$f" .sql)"); done
specs=()
for f in test/citus/specs/*.spec; do specs+=("$(basename "$f" .spec)"); done

log "Citus pg_regress: ${topics[*]}"
(cd "$WORK/tree" && as_pg "$PG_REGRESS" --inputdir=. --outputdir=. --bindir="$PG_BINDIR" \
    --host="$PGHOST" --port="$PORT" --use-existing --dbname="$DB" "${topics[@]}") \
    2>&1 | tee "$WORK/regress.log"
log "Citus isolation: ${specs[*]}"
(cd "$WORK/tree" && as_pg "$PG_ISOLATION_REGRESS" --inputdir=. --outputdir=output_iso \
    --bindir="$PG_BINDIR" --host="$PGHOST" --port="$PORT" --use-existing --dbname="$DB" \
    "${specs[@]}") 2>&1 | tee "$WORK/isolation.log"

for logfile in "$WORK/regress.log" "$WORK/isolation.log"; do
    pass=$((pass + $(count "$logfile" 'ok|failed \(ignored\)')))
    fail=$((fail + $(count "$logfile" 'FAILED')))
done
if ((fail > 0)) || ((pass != ${#topics[@]} + ${#specs[@]})); then
    KEEP=1
    cat "$WORK"/tree/regression.diffs "$WORK"/tree/output_iso/regression.diffs 2>/dev/null
    log "results and diffs: $WORK/tree"
    fail=$((${#topics[@]} + ${#specs[@]} - pass))
fi
echo "$pass passed, $fail failed"
((fail == 0))
