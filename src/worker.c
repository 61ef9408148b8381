/*-------------------------------------------------------------------------
 *
 * worker.c
 *	  The background workers: one launcher per cluster, one scheduler per
 *	  database that has the extension.
 *
 * With shared_preload_libraries = 'dunning' the postmaster starts the
 * launcher.  It connects to no database, lists the databases (all, or those
 * of dunning.databases), and starts a scheduler in each; a scheduler that
 * finds no extension in its database says so and exits, and the launcher
 * probes that database again later.  CREATE EXTENSION tells the launcher at
 * once (dunning.worker_hello()), so a new database is picked up within a
 * second or two of its commit; a scheduler notices DROP EXTENSION at its
 * next wake-up (every few seconds) and exits.  A scheduler that dies is
 * started again by the launcher, with a backoff.
 *
 * Each scheduler runs dunning.run() every dunning.naptime, at once after
 * dunning.wake(), reloads its settings on SIGHUP and exits on SIGTERM.
 * With dunning.enabled off the schedulers leave their databases (which can
 * then be dropped) and the launcher starts none until it is on again.  A
 * pass that fails is logged in dunning.run_log with its error and retried
 * with a backoff; it never takes the launcher or other databases down.
 * dunning.workers shows the launcher and the schedulers from shared memory.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_database.h"
#include "commands/dbcommands.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "postmaster/interrupt.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/shmem.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/varlena.h"

#include "backoff.h"
#include "worker.h"

PG_FUNCTION_INFO_V1(dunning_wake);
PG_FUNCTION_INFO_V1(dunning_worker_hello);
PG_FUNCTION_INFO_V1(dunning_worker_status);

PGDLLEXPORT void dunning_launcher_main(Datum arg);
PGDLLEXPORT void dunning_scheduler_main(Datum arg);

/* At most this many databases are scheduled. */
#define MAX_SCHEDULERS 64
/* The launcher looks at the databases at least this often (ms). */
#define LAUNCHER_NAP_MS 1000
/* A database without the extension is probed again after this long (s). */
#define ABSENT_PROBE_S 60
/* After CREATE EXTENSION, a database is probed every second for this long (s). */
#define HELLO_PROBE_S 30
/* A scheduler wakes at least this often to notice DROP EXTENSION (ms). */
#define SCHEDULER_NAP_MS 2000

bool		dunning_enabled = true;
int			dunning_naptime = 60;
char	   *dunning_databases = NULL;
char	   *dunning_scheduler_role = NULL;

/* What a slot's scheduler is doing. */
typedef enum SlotState
{
	SLOT_FREE,
	SLOT_STARTING,				/* started by the launcher */
	SLOT_IDLE,					/* running, between passes */
	SLOT_RUNNING,				/* in a pass */
	SLOT_ABSENT,				/* no extension in that database */
	SLOT_STOPPED,				/* exited or died */
	SLOT_PAUSED					/* dunning.enabled is off */
} SlotState;

static const char *const slot_state_names[] = {
	"free", "starting", "idle", "running a pass", "no extension", "stopped", "paused"
};

/* One database's scheduler, as the launcher and the views see it. */
typedef struct SchedulerSlot
{
	SlotState	state;
	Oid			dboid;
	Oid			roleoid;		/* the role it connects as (InvalidOid: bootstrap superuser) */
	pid_t		pid;
	PGPROC	   *proc;
	bool		wake;			/* dunning.wake() was called */
	TimestampTz probe_at;		/* ABSENT/STOPPED: start again from then */
	TimestampTz hello_until;	/* probe every second until then */
	TimestampTz last_start;
	TimestampTz last_end;
	TimestampTz next_run;
	int64		passes;
	int			failures;		/* passes that failed in a row */
	int			crashes;		/* times the scheduler died since its last good pass */
	int64		last_emitted;
	char		last_error[256];
} SchedulerSlot;

/* Everything the workers share. */
typedef struct DunningShared
{
	LWLock	   *lock;
	pid_t		launcher_pid;
	PGPROC	   *launcher_proc;
	SchedulerSlot slots[MAX_SCHEDULERS];
} DunningShared;

static DunningShared *shared = NULL;
/* A scheduler's database name, for its log lines (read once, at start). */
static char *my_dbname = NULL;
/* The launcher that started this scheduler. */
static pid_t my_launcher = 0;
static shmem_request_hook_type prev_shmem_request_hook = NULL;
static shmem_startup_hook_type prev_shmem_startup_hook = NULL;

/* The launcher's handles of the schedulers it started (process-local). */
static BackgroundWorkerHandle *handles[MAX_SCHEDULERS];

/* The wait event schedulers show between passes. */
#define WAIT_EVENT_DUNNING_NAP PG_WAIT_EXTENSION

/* Ask for the shared memory and the lock. */
static void
dunning_shmem_request(void)
{
	if (prev_shmem_request_hook)
		prev_shmem_request_hook();
	RequestAddinShmemSpace(MAXALIGN(sizeof(DunningShared)));
	RequestNamedLWLockTranche("dunning", 1);
}

/* Create or attach to the shared state. */
static void
dunning_shmem_startup(void)
{
	bool		found;

	if (prev_shmem_startup_hook)
		prev_shmem_startup_hook();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	shared = ShmemInitStruct("dunning", sizeof(DunningShared), &found);
	if (!found)
	{
		memset(shared, 0, sizeof(DunningShared));
		shared->lock = &(GetNamedLWLockTranche("dunning"))->lock;
	}
	LWLockRelease(AddinShmemInitLock);
}

/* Register the launcher and the shared memory (from _PG_init, when preloaded). */
void
dunning_worker_init(void)
{
	BackgroundWorker worker;

	prev_shmem_request_hook = shmem_request_hook;
	shmem_request_hook = dunning_shmem_request;
	prev_shmem_startup_hook = shmem_startup_hook;
	shmem_startup_hook = dunning_shmem_startup;

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = 5;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "dunning");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "dunning_launcher_main");
	snprintf(worker.bgw_name, BGW_MAXLEN, "dunning launcher");
	snprintf(worker.bgw_type, BGW_MAXLEN, "dunning launcher");
	RegisterBackgroundWorker(&worker);
}

/* Are the background workers there (the library was preloaded)? */
bool
dunning_scheduling_available(void)
{
	return shared != NULL;
}

/* Is this database one the settings let us schedule? */
static bool
database_wanted(const char *name)
{
	char	   *copy;
	List	   *names;
	ListCell   *lc;

	if (dunning_databases == NULL || dunning_databases[0] == '\0')
		return true;
	copy = pstrdup(dunning_databases);
	if (!SplitIdentifierString(copy, ',', &names))
		return false;
	foreach(lc, names)
		if (strcmp((char *) lfirst(lc), name) == 0)
			return true;
	return false;
}

/*
 * The role schedulers connect as, from dunning.scheduler_role: InvalidOid
 * for the bootstrap superuser.  Returns false, having said why once, when
 * the role cannot be used: schedulers then wait rather than run as another.
 */
static bool
scheduler_role(Oid *role)
{
	static char *warned = NULL;
	bool		ok = true;

	*role = InvalidOid;
	if (dunning_scheduler_role == NULL || dunning_scheduler_role[0] == '\0')
		return true;
	StartTransactionCommand();
	*role = get_role_oid(dunning_scheduler_role, true);
	if (!OidIsValid(*role))
	{
		ok = false;
		if (warned == NULL || strcmp(warned, dunning_scheduler_role) != 0)
		{
			ereport(WARNING,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("role \"%s\" named by dunning.scheduler_role does not exist",
							dunning_scheduler_role),
					 errhint("Create the role with LOGIN and call dunning.grant_scheduler() for it in each database, or empty the setting; until then no scheduler starts.")));
			if (warned)
				pfree(warned);
			warned = MemoryContextStrdup(TopMemoryContext, dunning_scheduler_role);
		}
	}
	CommitTransactionCommand();
	return ok;
}

/* The databases that may be scheduled: connectable, not templates, wanted. */
static List *
list_databases(void)
{
	List	   *oids = NIL;
	Relation	rel;
	TableScanDesc scan;
	HeapTuple	tup;
	MemoryContext caller = CurrentMemoryContext;

	StartTransactionCommand();
	(void) GetTransactionSnapshot();
	rel = table_open(DatabaseRelationId, AccessShareLock);
	scan = table_beginscan_catalog(rel, 0, NULL);
	while (HeapTupleIsValid(tup = heap_getnext(scan, ForwardScanDirection)))
	{
		Form_pg_database db = (Form_pg_database) GETSTRUCT(tup);
		MemoryContext old;

		if (!db->datallowconn || db->datistemplate || !database_wanted(NameStr(db->datname)))
			continue;
		old = MemoryContextSwitchTo(caller);
		oids = lappend_oid(oids, db->oid);
		MemoryContextSwitchTo(old);
	}
	table_endscan(scan);
	table_close(rel, AccessShareLock);
	CommitTransactionCommand();
	return oids;
}

/* The slot of a database, or a free one for it (lock held), or NULL. */
static SchedulerSlot *
slot_for(Oid dboid, bool allocate)
{
	SchedulerSlot *free_slot = NULL;

	for (int i = 0; i < MAX_SCHEDULERS; i++)
	{
		SchedulerSlot *s = &shared->slots[i];

		if (s->state != SLOT_FREE && s->dboid == dboid)
			return s;
		if (s->state == SLOT_FREE && free_slot == NULL)
			free_slot = s;
	}
	if (!allocate || free_slot == NULL)
		return NULL;
	memset(free_slot, 0, sizeof(SchedulerSlot));
	free_slot->dboid = dboid;
	free_slot->state = SLOT_STOPPED;
	return free_slot;
}

/* Start a scheduler for a slot, to connect as a role (lock held). */
static void
start_scheduler(SchedulerSlot *s, Oid role)
{
	BackgroundWorker worker;
	int			index = s - shared->slots;

	memset(&worker, 0, sizeof(worker));
	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = BGW_NEVER_RESTART;
	snprintf(worker.bgw_library_name, BGW_MAXLEN, "dunning");
	snprintf(worker.bgw_function_name, BGW_MAXLEN, "dunning_scheduler_main");
	snprintf(worker.bgw_name, BGW_MAXLEN, "dunning scheduler");
	snprintf(worker.bgw_type, BGW_MAXLEN, "dunning scheduler");
	worker.bgw_main_arg = Int32GetDatum(index);
	worker.bgw_notify_pid = MyProcPid;

	s->roleoid = role;
	if (RegisterDynamicBackgroundWorker(&worker, &handles[index]))
	{
		s->state = SLOT_STARTING;
		s->pid = 0;
	}
	else
	{
		/* no free background worker slot now: try again a little later */
		handles[index] = NULL;
		s->probe_at = GetCurrentTimestamp() + 10 * USECS_PER_SEC;
	}
}

/* Has the scheduler the launcher started for this slot stopped? */
static bool
scheduler_gone(int index)
{
	pid_t		pid;

	return handles[index] == NULL ||
		GetBackgroundWorkerPid(handles[index], &pid) == BGWH_STOPPED;
}

/*
 * Look after one database's slot: start, restart or leave it (lock held);
 * role_ok says whether schedulers may start, as role.
 */
static void
tend_slot(int index, TimestampTz now, bool role_ok, Oid role)
{
	SchedulerSlot *s = &shared->slots[index];

	if ((s->state == SLOT_STARTING || s->state == SLOT_IDLE || s->state == SLOT_RUNNING) &&
		scheduler_gone(index))
	{
		/* it died without saying why: start it again after a backoff */
		s->state = SLOT_STOPPED;
		s->crashes++;
		s->probe_at = now + dunning_backoff(SCHEDULER_RESTART_BASE_US, s->crashes,
											SCHEDULER_RESTART_CAP_US);
	}
	if (!dunning_enabled)
	{
		/* paused: schedulers leave by themselves, none is started */
		if (s->state == SLOT_STOPPED || s->state == SLOT_ABSENT)
			s->state = SLOT_PAUSED;
		return;
	}
	if (s->state == SLOT_PAUSED)
	{
		s->state = SLOT_STOPPED;
		s->probe_at = now;
	}
	if (s->state == SLOT_ABSENT && s->hello_until > now)
		s->probe_at = Min(s->probe_at, now);
	if ((s->state == SLOT_ABSENT || s->state == SLOT_STOPPED) && s->probe_at <= now &&
		scheduler_gone(index) && role_ok)
		start_scheduler(s, role);
}

/* One round of the launcher: every wanted database has a scheduler. */
static void
launcher_round(void)
{
	List	   *oids = list_databases();
	TimestampTz now = GetCurrentTimestamp();
	ListCell   *lc;
	Oid			role;
	bool		role_ok = scheduler_role(&role);

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	foreach(lc, oids)
		(void) slot_for(lfirst_oid(lc), true);
	for (int i = 0; i < MAX_SCHEDULERS; i++)
	{
		SchedulerSlot *s = &shared->slots[i];

		if (s->state == SLOT_FREE)
			continue;
		if (!list_member_oid(oids, s->dboid))
		{
			/* the database is gone or no longer wanted */
			if (handles[i] && !scheduler_gone(i))
				TerminateBackgroundWorker(handles[i]);
			else
				s->state = SLOT_FREE;
			continue;
		}
		tend_slot(i, now, role_ok, role);
	}
	LWLockRelease(shared->lock);
	list_free(oids);
}

/* The launcher's main loop. */
void
dunning_launcher_main(Datum arg)
{
	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnection(NULL, NULL, 0);

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	shared->launcher_pid = MyProcPid;
	shared->launcher_proc = MyProc;
	/*
	 * Schedulers from before a restart of the launcher are not ours: they
	 * see the new launcher and leave; ours start a few seconds later.
	 */
	for (int i = 0; i < MAX_SCHEDULERS; i++)
		if (shared->slots[i].state != SLOT_FREE && shared->slots[i].state != SLOT_ABSENT)
		{
			shared->slots[i].state = SLOT_STOPPED;
			shared->slots[i].probe_at = GetCurrentTimestamp() + 3 * USECS_PER_SEC;
		}
	LWLockRelease(shared->lock);

	for (;;)
	{
		CHECK_FOR_INTERRUPTS();
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
		}
		pgstat_report_activity(STATE_RUNNING, "looking after the dunning schedulers");
		launcher_round();
		pgstat_report_activity(STATE_IDLE, NULL);

		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 LAUNCHER_NAP_MS, WAIT_EVENT_DUNNING_NAP);
		ResetLatch(MyLatch);
	}
}

/* Update this scheduler's slot under the lock. */
static SchedulerSlot *
my_slot(void)
{
	return &shared->slots[DatumGetInt32(MyBgworkerEntry->bgw_main_arg)];
}

/*
 * Is the extension installed in this database?  Sets *bound to whether a
 * ledger is bound (until it is, there is nothing to do).
 */
static bool
extension_present(bool *bound)
{
	bool		present;

	*bound = false;
	StartTransactionCommand();
	present = OidIsValid(get_extension_oid("dunning", true));
	if (present)
	{
		SPI_connect();
		PushActiveSnapshot(GetTransactionSnapshot());
		*bound = SPI_execute("SELECT 1 FROM dunning.binding WHERE kind = 'ledger'",
							 true, 1) == SPI_OK_SELECT && SPI_processed == 1;
		SPI_finish();
		PopActiveSnapshot();
	}
	CommitTransactionCommand();
	return present;
}

/* Record a failed pass in dunning.run_log, in a transaction of its own. */
static void
log_failure(TimestampTz started, const char *message)
{
	Oid			types[2] = {TIMESTAMPTZOID, TEXTOID};
	Datum		args[2] = {TimestampTzGetDatum(started), CStringGetTextDatum(message)};

	StartTransactionCommand();
	SPI_connect();
	PushActiveSnapshot(GetTransactionSnapshot());
	SPI_execute_with_args("INSERT INTO dunning.run_log (as_of, started_at, duration,"
						  " discovery, error)"
						  " VALUES ($1, $1, pg_catalog.clock_timestamp() - $1, 'none', $2)",
						  2, types, args, NULL, false, 0);
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
}

/* Did the pass of this result row examine, emit, resolve or cancel anything? */
static bool
pass_did_something(SPITupleTable *tt)
{
	for (int col = 1; col <= 4; col++)
	{
		bool		isnull;
		Datum		n = SPI_getbinval(tt->vals[0], tt->tupdesc, col, &isnull);

		if (!isnull && DatumGetInt64(n) != 0)
			return true;
	}
	return false;
}

/* Run one pass of dunning.run() in a transaction of its own. */
static int64
run_pass(void)
{
	int64		emitted = 0;
	bool		isnull;

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	SPI_connect();
	PushActiveSnapshot(GetTransactionSnapshot());
	pgstat_report_activity(STATE_RUNNING, "SELECT emitted FROM dunning.run()");
	if (SPI_execute("SELECT emitted, examined, resolved, cancelled, discovery"
					" FROM dunning.run()", false, 0) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "dunning.run() returned no row");
	emitted = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1,
										  &isnull));
	/* a pass that did nothing (most of them: one a minute) is not news */
	elog(pass_did_something(SPI_tuptable) ? LOG : DEBUG1,
		 "dunning pass in \"%s\": %s discovery, %s examined, " INT64_FORMAT
		 " emitted, %s resolved, %s cancelled",
		 my_dbname,
		 SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 5),
		 SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2), emitted,
		 SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3),
		 SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 4));
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
	pgstat_report_stat(true);
	pgstat_report_activity(STATE_IDLE, NULL);
	return emitted;
}

/* Run a pass, catching its error: log it and back off. */
static void
scheduled_pass(void)
{
	SchedulerSlot *s = my_slot();
	TimestampTz started = GetCurrentTimestamp();
	MemoryContext cxt = CurrentMemoryContext;
	char	   *error = NULL;
	int64		emitted = 0;

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	s->state = SLOT_RUNNING;
	s->last_start = started;
	s->wake = false;
	LWLockRelease(shared->lock);

	PG_TRY();
	{
		emitted = run_pass();
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		AbortOutOfAnyTransaction();
		error = edata->message;
		ereport(LOG,
				(errmsg("dunning pass in \"%s\" failed: %s", my_dbname, error)));
		log_failure(started, error);
	}
	PG_END_TRY();

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	s->state = SLOT_IDLE;
	s->last_end = GetCurrentTimestamp();
	s->passes++;
	if (error)
	{
		s->failures++;
		strlcpy(s->last_error, error, sizeof(s->last_error));
		s->next_run = s->last_end + dunning_backoff(2 * (int64) dunning_naptime * USECS_PER_SEC,
													s->failures, PASS_RETRY_CAP_US);
	}
	else
	{
		s->failures = 0;
		s->crashes = 0;
		s->last_error[0] = '\0';
		s->last_emitted = emitted;
		s->next_run = started + (TimestampTz) dunning_naptime * USECS_PER_SEC;
	}
	LWLockRelease(shared->lock);
	pgstat_report_activity(STATE_IDLE, NULL);
}

/* Say why this scheduler leaves (no extension, paused), and exit. */
static void
scheduler_leave(SlotState state)
{
	SchedulerSlot *s = my_slot();

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	s->state = state;
	s->pid = 0;
	s->proc = NULL;
	s->probe_at = GetCurrentTimestamp() + ABSENT_PROBE_S * USECS_PER_SEC;
	LWLockRelease(shared->lock);
	proc_exit(0);
}

/* How long to sleep before the next pass, at most SCHEDULER_NAP_MS. */
static long
scheduler_nap(void)
{
	SchedulerSlot *s = my_slot();
	TimestampTz now = GetCurrentTimestamp();
	long		ms;

	LWLockAcquire(shared->lock, LW_SHARED);
	ms = (s->next_run - now) / 1000;
	LWLockRelease(shared->lock);
	return Max(0, Min(ms, SCHEDULER_NAP_MS));
}

/* Is a pass due: its time has come, or dunning.wake() was called? */
static bool
pass_due(void)
{
	SchedulerSlot *s = my_slot();
	bool		due;

	LWLockAcquire(shared->lock, LW_SHARED);
	due = s->wake || s->next_run <= GetCurrentTimestamp();
	LWLockRelease(shared->lock);
	return due;
}

/* After a reload: the next pass comes one (new) naptime after the last one. */
static void
naptime_changed(void)
{
	SchedulerSlot *s = my_slot();

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	if (s->failures == 0 && s->last_start != 0)
		s->next_run = s->last_start + (TimestampTz) dunning_naptime * USECS_PER_SEC;
	LWLockRelease(shared->lock);
}

/* Has another launcher taken over since this scheduler started? */
static bool
launcher_changed(void)
{
	bool		changed;

	LWLockAcquire(shared->lock, LW_SHARED);
	changed = shared->launcher_pid != my_launcher;
	LWLockRelease(shared->lock);
	return changed;
}

/* A scheduler's main loop, in its database. */
void
dunning_scheduler_main(Datum arg)
{
	SchedulerSlot *s = &shared->slots[DatumGetInt32(arg)];
	bool		bound;

	pqsignal(SIGHUP, SignalHandlerForConfigReload);
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnectionByOid(s->dboid, s->roleoid, 0);
	/* the scheduler's own queries cannot be hijacked by a user's objects */
	SetConfigOption("search_path", "pg_catalog, pg_temp", PGC_SUSET, PGC_S_OVERRIDE);
	StartTransactionCommand();
	my_dbname = MemoryContextStrdup(TopMemoryContext, get_database_name(MyDatabaseId));
	CommitTransactionCommand();
	pgstat_report_appname("dunning scheduler");

	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	my_launcher = shared->launcher_pid;
	s->pid = MyProcPid;
	s->proc = MyProc;
	s->state = SLOT_IDLE;
	s->next_run = GetCurrentTimestamp();
	LWLockRelease(shared->lock);

	for (;;)
	{
		CHECK_FOR_INTERRUPTS();
		if (ConfigReloadPending)
		{
			ConfigReloadPending = false;
			ProcessConfigFile(PGC_SIGHUP);
			naptime_changed();
		}
		if (launcher_changed())
			proc_exit(0);
		if (!dunning_enabled)
			scheduler_leave(SLOT_PAUSED);
		if (!extension_present(&bound))
			scheduler_leave(SLOT_ABSENT);
		if (bound && pass_due())
			scheduled_pass();

		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 scheduler_nap(), WAIT_EVENT_DUNNING_NAP);
		ResetLatch(MyLatch);
	}
}

/*
 * dunning.wake() RETURNS boolean: run a pass in this database now.  False
 * when no scheduler runs here.
 */
Datum
dunning_wake(PG_FUNCTION_ARGS)
{
	SchedulerSlot *s;
	PGPROC	   *proc = NULL;

	if (shared == NULL)
		PG_RETURN_BOOL(false);
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	s = slot_for(MyDatabaseId, false);
	if (s != NULL && (s->state == SLOT_IDLE || s->state == SLOT_RUNNING))
	{
		s->wake = true;
		proc = s->proc;
	}
	LWLockRelease(shared->lock);
	if (proc != NULL)
		SetLatch(&proc->procLatch);
	PG_RETURN_BOOL(proc != NULL);
}

/*
 * dunning.worker_hello(): called by CREATE EXTENSION; the launcher probes
 * this database every second for a while, so that the scheduler starts as
 * soon as the extension is committed.
 */
Datum
dunning_worker_hello(PG_FUNCTION_ARGS)
{
	SchedulerSlot *s;
	PGPROC	   *launcher = NULL;

	if (shared == NULL)
	{
		ereport(NOTICE,
				(errmsg("dunning scheduling is off: the library is not preloaded"),
				 errhint("Add dunning to shared_preload_libraries and restart the server to run passes in the background; dunning.run() works without it.")));
		PG_RETURN_VOID();
	}
	LWLockAcquire(shared->lock, LW_EXCLUSIVE);
	s = slot_for(MyDatabaseId, true);
	if (s != NULL)
	{
		s->hello_until = GetCurrentTimestamp() + HELLO_PROBE_S * USECS_PER_SEC;
		s->probe_at = 0;
	}
	launcher = shared->launcher_proc;
	LWLockRelease(shared->lock);
	if (launcher != NULL)
		SetLatch(&launcher->procLatch);
	PG_RETURN_VOID();
}

/* A timestamp Datum, or NULL when unset. */
static Datum
ts_or_null(TimestampTz t, bool *isnull)
{
	*isnull = (t == 0);
	return TimestampTzGetDatum(t);
}

/* Append the launcher's row to the status output. */
static void
put_launcher(ReturnSetInfo *rsinfo, pid_t pid)
{
	Datum		values[10];
	bool		nulls[10];

	memset(nulls, true, sizeof(nulls));
	values[0] = CStringGetTextDatum("launcher");
	nulls[0] = false;
	if (pid != 0)
	{
		values[1] = Int32GetDatum(pid);
		nulls[1] = false;
	}
	values[3] = CStringGetTextDatum(pid != 0 ? "running" : "not running");
	nulls[3] = false;
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/*
 * dunning.worker_status(): the launcher and the schedulers, from shared
 * memory (behind the view dunning.workers).
 */
Datum
dunning_worker_status(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	SchedulerSlot copy[MAX_SCHEDULERS];
	pid_t		launcher_pid;

	InitMaterializedSRF(fcinfo, 0);
	if (shared == NULL)
		return (Datum) 0;

	LWLockAcquire(shared->lock, LW_SHARED);
	memcpy(copy, shared->slots, sizeof(copy));
	launcher_pid = shared->launcher_pid;
	LWLockRelease(shared->lock);

	put_launcher(rsinfo, launcher_pid);
	for (int i = 0; i < MAX_SCHEDULERS; i++)
	{
		SchedulerSlot *s = &copy[i];
		Datum		values[10];
		bool		nulls[10];
		char	   *dbname;

		if (s->state == SLOT_FREE)
			continue;
		memset(nulls, false, sizeof(nulls));
		dbname = get_database_name(s->dboid);
		values[0] = CStringGetTextDatum("scheduler");
		values[1] = Int32GetDatum(s->pid);
		nulls[1] = (s->pid == 0);
		values[2] = dbname ? CStringGetTextDatum(dbname) : (Datum) 0;
		nulls[2] = (dbname == NULL);
		values[3] = CStringGetTextDatum(slot_state_names[s->state]);
		values[4] = ts_or_null(s->last_start, &nulls[4]);
		values[5] = ts_or_null(s->last_end, &nulls[5]);
		values[6] = ts_or_null(s->next_run, &nulls[6]);
		values[7] = Int64GetDatum(s->passes);
		values[8] = Int32GetDatum(s->failures);
		values[9] = CStringGetTextDatum(s->last_error);
		nulls[9] = (s->last_error[0] == '\0');
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
