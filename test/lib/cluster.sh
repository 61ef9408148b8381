# Throwaway PostgreSQL 15 cluster for the test suites.  Source this file:
#
#   source test/lib/cluster.sh
#   trap cluster_stop EXIT
#   cluster_start "$(mktemp -d)" 54329 "work_mem = '8MB'"
#   psql -c 'SELECT 1'
#
# The cluster runs as the postgres OS user when the caller is root, listens
# only on a unix socket inside DIR (no TCP, so any port number is free) and
# loads dunning through shared_preload_libraries.  cluster_start exports
# PGHOST, PGPORT, PGUSER=postgres and PGDATABASE=postgres so that psql,
# createdb, pg_regress... reach it.  as_pg runs a command as the cluster owner.

PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
PG_BINDIR=${PG_BINDIR:-$("$PG_CONFIG" --bindir)}
CLUSTER_DIR=

log() {
    printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

# Run a command as the cluster owner: postgres when we are root, else ourselves.
as_pg() {
    if ((EUID == 0)); then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Hand a directory over to the cluster owner.
give_to_pg() {
    if ((EUID == 0)); then
        chown -R postgres:postgres "$@"
    fi
}

# cluster_start DIR PORT [CONF_LINE...]
cluster_start() {
    local dir port=$2
    dir=$(mkdir -p "$1" && cd "$1" && pwd) || return 1
    shift 2
    give_to_pg "$dir"

    log "initdb in $dir/data"
    (cd "$dir" && as_pg "$PG_BINDIR/initdb" -D "$dir/data" -U postgres -A trust \
        -E UTF8 --no-locale --no-sync) >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        return 1
    }

    {
        echo "port = $port"
        echo "listen_addresses = ''"
        echo "unix_socket_directories = '$dir'"
        echo "shared_preload_libraries = 'dunning'"
        # the suites, the demo and the benchmarks run passes at frozen dates
        # themselves: no background pass at the real time may interfere
        echo "dunning.enabled = off"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
        echo "max_prepared_transactions = 10"
        echo "log_line_prefix = '%m [%p] %q%a '"
        local line
        for line in "$@"; do echo "$line"; done
    } >>"$dir/data/postgresql.conf"

    log "starting postgres on port $port (socket in $dir)"
    CLUSTER_DIR=$dir
    if ! (cd "$dir" && as_pg "$PG_BINDIR/pg_ctl" -D "$dir/data" \
        -l "$dir/postgres.log" -w -t 60 start >/dev/null); then
        log "postgres did not start; server log follows"
        cat "$dir/postgres.log" >&2
        return 1
    fi

    export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=postgres
}

# Stop the cluster started by cluster_start, if any; safe to call twice.
cluster_stop() {
    local dir=$CLUSTER_DIR
    [[ -n $dir && -f $dir/data/postmaster.pid ]] || return 0
    (
        cd "$dir" || exit 0
        as_pg "$PG_BINDIR/pg_ctl" -D "$dir/data" -m fast -w stop ||
            as_pg "$PG_BINDIR/pg_ctl" -D "$dir/data" -m immediate -w stop
    ) >/dev/null 2>&1 || true
}
