# A Citus cluster of this machine for the Citus suite and benchmark: a
# coordinator and two workers, each a throwaway PostgreSQL 15 cluster of
# its own (test/lib/cluster.sh), listening on unix sockets only.  Source
# this file after cluster.sh:
#
#   citus_installed || exit 0
#   trap citus_stop EXIT
#   citus_start "$WORK" 54360 mydb       # coordinator 54360, workers 54361, 54362
#   psql -c 'SELECT 1'                   # PGHOST, PGPORT, PGDATABASE: the coordinator
#
# Every node has Citus in its database; the coordinator preloads dunning
# too, and has the extension created, there only (README, "On a Citus
# cluster").  Extra lines of postgresql.conf for
# every node can follow the database name.

CITUS_NODES=()

# Is Citus installed for this PostgreSQL?
citus_installed() {
    [[ -e $("$PG_CONFIG" --pkglibdir)/citus.so ]]
}

# Citus installed, or a plain word that it is not and what is not done.
citus_or_say() { # what-is-skipped
    citus_installed && return 0
    log "Citus is not installed for PostgreSQL 15: $1 (README, \"On a Citus cluster\", says how to install it)"
    return 1
}

citus_stop() {
    local dir
    for dir in "${CITUS_NODES[@]}"; do
        as_pg "$PG_BINDIR/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
    done
    CITUS_NODES=()
}

# One node, its database and Citus in it (Citus first in the libraries).
citus_node() { # dir port libraries db conf...
    local dir=$1 port=$2 libs=$3 db=$4
    shift 4
    cluster_start "$dir" "$port" "shared_preload_libraries = '$libs'" \
        "max_worker_processes = 32" "max_prepared_transactions = 200" "$@" >/dev/null || return 1
    CLUSTER_DIR=
    CITUS_NODES+=("$dir")
    as_pg "$PG_BINDIR/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db" &&
        as_pg "$PG_BINDIR/psql" -X -q -h "$dir" -p "$port" -U postgres -d "$db" \
            -v ON_ERROR_STOP=1 -c "CREATE EXTENSION citus" >/dev/null
}

citus_start() { # workdir port db conf...
    local work=$1 port=$2 db=$3
    shift 3
    citus_node "$work/worker1" $((port + 1)) citus "$db" "$@" &&
        citus_node "$work/worker2" $((port + 2)) citus "$db" "$@" &&
        citus_node "$work/coordinator" "$port" citus,dunning "$db" "$@" || {
        log "could not start the Citus nodes"
        return 1
    }
    export PGHOST=$work/coordinator PGPORT=$port PGUSER=postgres PGDATABASE=$db
    psql -X -q -v ON_ERROR_STOP=1 \
        -c "SELECT citus_set_coordinator_host('$work/coordinator', $port)" \
        -c "SELECT citus_add_node('$work/worker1', $((port + 1)))" \
        -c "SELECT citus_add_node('$work/worker2', $((port + 2)))" \
        -c "SET citus.enable_ddl_propagation = off" -c "CREATE EXTENSION dunning" >/dev/null || {
        log "could not join the Citus nodes"
        return 1
    }
    log "Citus $(psql -X -At -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'"): coordinator on port $port, workers on $((port + 1)) and $((port + 2))"
}
