#!/usr/bin/env bash
# Build the libFuzzer target for the template language and run it.
#
#   bash test/fuzz/run.sh SECONDS [WORKDIR]
#
# The target (render_fuzz.c with src/render.c and src/render_json.c) is built with clang and
# AddressSanitizer + UndefinedBehaviorSanitizer.  It first replays the
# committed corpus (test/fuzz/corpus), then mutates for SECONDS; new inputs
# go to WORKDIR/new (FUZZ_MERGE=1 merges them into the committed corpus,
# minimised).  A crash, a leak, an overrun or a timeout leaves its input in
# WORKDIR and fails.  The last line says "fuzz: ok" or "fuzz: FAILED".
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SECS=${1:-60}
WORKDIR=${2:-$(mktemp -d "${TMPDIR:-/tmp}/dunning-fuzz.XXXXXX")}
CLANG=${CLANG:-clang}
mkdir -p "$WORKDIR/new"

if ! command -v "$CLANG" >/dev/null; then
    echo "fuzz: $CLANG is not installed (make deps installs it)"
    echo "fuzz: FAILED"
    exit 2
fi
if ! "$CLANG" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Wall -Wextra -Werror -I"$ROOT/src" -o "$WORKDIR/render_fuzz" \
    "$ROOT/test/fuzz/render_fuzz.c" "$ROOT/src/render.c" "$ROOT/src/render_json.c"; then
    echo "fuzz: the target does not build"
    echo "fuzz: FAILED"
    exit 2
fi

"$WORKDIR/render_fuzz" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
    -max_len=8192 -print_final_stats=1 -artifact_prefix="$WORKDIR/" \
    "$WORKDIR/new" "$ROOT/test/fuzz/corpus" >"$WORKDIR/fuzz.log" 2>&1
rc=$?
grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)|ERROR|SUMMARY' \
    "$WORKDIR/fuzz.log"
if ((rc != 0)); then
    tail -n 40 "$WORKDIR/fuzz.log"
    echo "fuzz: inputs and log in $WORKDIR"
    echo "fuzz: FAILED"
    exit 1
fi
if [[ ${FUZZ_MERGE:-0} == 1 ]]; then
    "$WORKDIR/render_fuzz" -merge=1 "$ROOT/test/fuzz/corpus" "$WORKDIR/new" \
        >>"$WORKDIR/fuzz.log" 2>&1 && echo "fuzz: new inputs merged into test/fuzz/corpus"
fi
echo "fuzz: ok"
