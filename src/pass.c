/*-------------------------------------------------------------------------
 *
 * pass.c
 *	  One evaluation pass: dunning.run() and dunning.preview().
 *
 * A pass takes the advisory lock that serialises passes in a database,
 * settles the unsent reminders whose invoices have been paid meanwhile
 * (sql/install/26_settle.sql: cancelled, or trimmed to the invoices still
 * open), then reads its candidates set-based through a cursor
 * (pass_candidates.c): the open invoices that became overdue since the
 * previous pass (all of them on a first or full pass) and the state rows
 * whose next_check_at has come.  Candidates arrive grouped by customer;
 * each group is decided in C (evaluate.c) and its writes are buffered and
 * sent in batches with one statement per table (pass_writes.c), so that a
 * pass costs in proportion to the invoices that can change, and its memory
 * stays bounded whatever the size of the ledger.  Everything happens in
 * the caller's transaction: emission, state and history commit together.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "evaluate.h"
#include "owner.h"
#include "pass.h"
#include "pass_internal.h"
#include "version.h"
#include "template.h"
#include "worker.h"

PG_FUNCTION_INFO_V1(dunning_run);
PG_FUNCTION_INFO_V1(dunning_preview);
PG_FUNCTION_INFO_V1(dunning_wait_for_pass);

/* Rows fetched from the candidate cursor at a time. */
#define FETCH_ROWS 1000
/* Buffered state rows that trigger a write. */
#define FLUSH_ROWS 2000
/* A pass discovers every overdue invoice at least this often. */
#define FULL_DISCOVERY_EVERY ((TimestampTz) 24 * 60 * 60 * USECS_PER_SEC)

/*
 * The sweep of unsent reminders: those the live ledger no longer agrees
 * with are settled by the rule the claim follows too (sql/install/
 * 26_settle.sql).  Returns the numbers of reminders cancelled and trimmed
 * and of invoices resolved.
 */
static const char *const SWEEP_SQL =
"SELECT cancelled, trimmed, resolved FROM dunning.sweep_unsent($1, $2, $3)";

/*
 * A hold placed in a transaction that began this long before the previous
 * pass, and committed after it, is still seen by the next pass's sweep.
 */
#define HOLD_SWEEP_MARGIN ((TimestampTz) 60 * 60 * USECS_PER_SEC)

/* Decide a customer's invoices and buffer (or return) what follows. */
static void
process_group(Pass *pass, Invoice *invoices, int n, Customer *cust)
{
	Reminder   *rs;
	int			nr;

	for (int i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		dunning_decide_invoice(&invoices[i], cust, pass->campaign, pass->as_of);
		invoices[i].reminder_key = NULL;
		invoices[i].reminder_id = 0;
	}
	pass->examined += n;
	nr = dunning_group_reminders(invoices, n, cust, pass->as_of, &rs);

	/* a reminder that cannot be rendered is held back there, alone */
	if (pass->preview)
	{
		for (int j = 0; j < nr; j++)
			(void) put_preview(pass, &rs[j]);
		return;
	}
	for (int j = 0; j < nr; j++)
		(void) add_reminder(pass, &rs[j]);
	for (int i = 0; i < n; i++)
		add_state(pass, &invoices[i], cust);
}

/*
 * After a customer's group: write the buffers once they are full (a
 * preview has nothing to write and just forgets the group).  Returns true
 * when the group memory was reset.
 */
static bool
end_group(Pass *pass)
{
	if (pass->preview)
	{
		MemoryContextReset(pass->group_cxt);
		return true;
	}
	if (pass->state[S_INV].n + pass->known[S_INV].n < FLUSH_ROWS)
		return false;
	flush(pass);
	return true;
}

/*
 * Is a candidate row of the customer's tenant?  With a tenant bound, a
 * customer key shared by two tenants is two customers: each is dunned
 * apart (its own notice, cap and holds).
 */
static bool
same_tenant(Pass *pass, HeapTuple tup, TupleDesc desc, Customer *cust)
{
	bool		isnull;
	Datum		d;
	char	   *tenant;
	bool		same;

	if (!pass->bound.tenant)
		return true;
	d = SPI_getbinval(tup, desc, pass->cols.tenant, &isnull);
	if (isnull || cust->tenant == NULL)
		return isnull && cust->tenant == NULL;
	tenant = TextDatumGetCString(d);
	same = strcmp(tenant, cust->tenant) == 0;
	pfree(tenant);
	return same;
}
/*
 * Read the candidates in batches, group them by customer, decide each
 * group and write what follows.
 */
static void
evaluate_candidates(Pass *pass, Portal portal)
{
	Invoice    *group = NULL;
	int			ngroup = 0;
	int			capgroup = 0;
	Customer	cust;
	bool		started = false;

	for (;;)
	{
		SPITupleTable *tt;
		uint64		nrows;
		OwnerScope	scope;

		/* the ledger's code runs as its owner; the writes below do not */
		owner_scope_begin(&scope, pass->pass_role);
		SPI_cursor_fetch(portal, true, FETCH_ROWS);
		owner_scope_end(&scope);
		tt = SPI_tuptable;
		nrows = SPI_processed;
		MemoryContextSwitchTo(pass->group_cxt);
		if (!started)
		{
			learn_types(pass, tt->tupdesc);
			/* a pass with nothing to look at prepares nothing to write */
			if (!pass->preview && nrows > 0)
				prepare_writes(pass);
			MemoryContextSwitchTo(pass->group_cxt);
			reset_buffers(pass);
			started = true;
		}
		if (nrows == 0)
			break;

		for (uint64 i = 0; i < nrows; i++)
		{
			HeapTuple	tup = tt->vals[i];
			bool		isnull;
			Datum		ck = SPI_getbinval(tup, tt->tupdesc, pass->cols.customer_id, &isnull);
			char	   *ck_text = OutputFunctionCall(&pass->cust_out, ck);

			CHECK_FOR_INTERRUPTS();
			if (ngroup > 0 && (strcmp(ck_text, cust.key_text) != 0 ||
							   !same_tenant(pass, tup, tt->tupdesc, &cust)))
			{
				process_group(pass, group, ngroup, &cust);
				ngroup = 0;
				if (end_group(pass))
				{
					group = NULL;
					capgroup = 0;
					ck_text = OutputFunctionCall(&pass->cust_out, ck);
				}
			}
			if (ngroup == 0)
				read_customer(pass, tup, tt->tupdesc, &cust, ck_text);
			if (ngroup == capgroup)
			{
				capgroup = capgroup ? capgroup * 2 : 16;
				group = group ? repalloc(group, sizeof(Invoice) * capgroup)
					: palloc(sizeof(Invoice) * capgroup);
			}
			read_invoice(pass, tup, tt->tupdesc, &group[ngroup++]);
		}
		SPI_freetuptable(tt);
	}
	if (ngroup > 0)
		process_group(pass, group, ngroup, &cust);
	if (!pass->preview)
		flush(pass);
	SPI_cursor_close(portal);
}

/*
 * Settle the unsent reminders the ledger no longer agrees with (cancel or
 * trim them), and close the settled invoices' state.
 */
static void
sweep_unsent(Pass *pass)
{
	Oid			types[3] = {TIMESTAMPTZOID, INT8OID, TIMESTAMPTZOID};
	Datum		args[3] = {TimestampTzGetDatum(pass->as_of), Int64GetDatum(pass->run_id),
	TimestampTzGetDatum(pass->held_since)};
	char		nulls[3] = {' ', ' ', pass->sweep_all ? 'n' : ' '};
	HeapTuple	tup;
	bool		isnull;

	if (SPI_execute_with_args(SWEEP_SQL, 3, types, args, nulls, false, 0) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not sweep the unsent reminders");
	tup = SPI_tuptable->vals[0];
	pass->cancelled += DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
	pass->resolved += DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 3, &isnull));
}

/*
 * On the first pass of a day: cancel, as expired, the unsent reminders that
 * waited longer than their policy allows (dunning.expire_unsent()), so that
 * their invoices, which wait for them rather than stack a second reminder,
 * go on.
 */
static void
expire_unsent(Pass *pass)
{
	Oid			types[2] = {TIMESTAMPTZOID, INT8OID};
	Datum		args[2] = {TimestampTzGetDatum(pass->as_of), Int64GetDatum(pass->run_id)};
	bool		isnull;

	if (SPI_execute_with_args("SELECT dunning.expire_unsent($1, $2)", 2, types, args, NULL,
							  false, 0) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not expire the unsent reminders");
	pass->cancelled += DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
												   SPI_tuptable->tupdesc, 1, &isnull));
}

/* The day of an instant, as the candidate query draws its window. */
static DateADT
day_of(TimestampTz t)
{
	return DatumGetDateADT(DirectFunctionCall1(timestamptz_date, TimestampTzGetDatum(t)));
}

/*
 * A pass (or a preview) at an instant before the previous pass: allowed,
 * to replay a day in a test, but what the later pass did stands (levels,
 * contacts, reminders emitted), so it may find nothing to do.
 */
static void
warn_back_in_time(Pass *pass, TimestampTz last)
{
	/* timestamptz_to_str() returns a buffer of its own: one copy each */
	char	   *as_of = pstrdup(timestamptz_to_str(pass->as_of));
	char	   *previous = pstrdup(timestamptz_to_str(last));

	ereport(WARNING,
			(errmsg("as_of %s is before the previous pass, at %s", as_of, previous),
			 errdetail("%s", pass->preview
					   ? "The reminders that pass emitted are in the queue or the archive, not in this preview, and what it decided stands."
					   : "What the previous pass did stands: levels reached, contacts counted and reminders emitted are not undone, so this pass may find nothing due."),
			 errhint("%s", pass->preview
					 ? "Pass include_queued => true to see the queue too, or preview an instant after the previous pass."
					 : "Run passes forward in time; to see what another day would send, use dunning.preview().")));
}

/*
 * What this pass discovers and sweeps, from the previous pass's mark:
 *
 * - everything (pass->full), when asked, on the first pass, when as_of goes
 *   back, and at least once a day: that finds what the window cannot, an
 *   invoice entered (or let through by a view) after its due date had left
 *   the window, and one paid then open again (reopened);
 * - else the invoices that fell due in the window from the previous pass
 *   less dunning.discovery_lookback, with every unsent reminder checked,
 *   on the first pass of a day;
 * - else (a pass on the same day as the previous one: the worker's pass
 *   each minute) no ledger discovery, as the window has not moved, and only
 *   the unsent reminders of holds placed since: the claim checks every
 *   reminder it hands out, and the next day's first pass checks them all.
 *
 * Returns where the window starts.
 */
static TimestampTz
discovery_start(Pass *pass, bool want_full)
{
	bool		isnull;
	bool		full_isnull;
	TimestampTz last;
	Datum		last_full;

	if (SPI_execute("SELECT last_as_of, last_full_as_of FROM dunning.engine", false, 1)
		!= SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "dunning.engine has no row");
	last = DatumGetTimestampTz(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
											 1, &isnull));
	last_full = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &full_isnull);
	if (!isnull && last > pass->as_of)
		warn_back_in_time(pass, last);
	pass->full = want_full || isnull || last > pass->as_of || full_isnull ||
		pass->as_of - DatumGetTimestampTz(last_full) >= FULL_DISCOVERY_EVERY;
	pass->discover_ledger = pass->full || day_of(pass->as_of) != day_of(last);
	pass->sweep_all = pass->discover_ledger;
	pass->held_since = pass->sweep_all ? 0 : last - HOLD_SWEEP_MARGIN;
	return pass->full ? 0 : last - (TimestampTz) dunning_discovery_lookback * USECS_PER_MINUTE;
}

/*
 * Whether any invoice is due for a look, for a pass that discovers nothing
 * in the ledger: most often none (the worker's pass each minute), and then
 * that pass reads one index entry instead of planning its candidate query.
 * The statement's plan is kept for the session.
 */
static bool
anything_due(Pass *pass)
{
	static SPIPlanPtr plan = NULL;
	bool		isnull;
	Datum		first;

	/* no parameter: one plan, the first entry of the index, whatever as_of */
	if (plan == NULL)
	{
		SPIPlanPtr	p = SPI_prepare("SELECT min(next_check_at) FROM dunning.invoice_state"
									" WHERE status = 'open'", 0, NULL);

		if (p == NULL || SPI_keepplan(p) != 0)
			elog(ERROR, "could not prepare the look for invoices due: %s",
				 SPI_result_code_string(SPI_result));
		plan = p;
	}
	if (SPI_execute_plan(plan, NULL, NULL, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not look for invoices due");
	first = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return !isnull && DatumGetTimestampTz(first) <= pass->as_of;
}

/* Record the pass in dunning.run_log and move the discovery mark. */
static void
record_pass(Pass *pass, TimestampTz started)
{
	Oid			types[9] = {INT8OID, TIMESTAMPTZOID, TIMESTAMPTZOID, TEXTOID, INT8OID,
	INT8OID, INT8OID, INT8OID, INT8OID};
	Datum		args[9] = {Int64GetDatum(pass->run_id), TimestampTzGetDatum(pass->as_of),
		TimestampTzGetDatum(started), CStringGetTextDatum(pass->full ? "full" : "incremental"),
		Int64GetDatum(pass->examined), Int64GetDatum(pass->emitted),
		Int64GetDatum(pass->resolved), Int64GetDatum(pass->cancelled),
	Int64GetDatum(pass->quarantined)};

	if (SPI_execute_with_args("INSERT INTO dunning.run_log (id, as_of, started_at, duration,"
							  " discovery, examined, emitted, resolved, cancelled, quarantined)"
							  " VALUES ($1, $2, $3, pg_catalog.clock_timestamp() - $3,"
							  " $4, $5, $6, $7, $8, $9)", 9, types, args, NULL, false, 0)
		!= SPI_OK_INSERT)
		elog(ERROR, "could not record the pass");
	/* with a tenant bound, which tenants the reminders were for */
	if (pass->bound.tenant && pass->emitted > 0 &&
		SPI_execute_with_args("UPDATE dunning.run_log SET emitted_by_tenant ="
							  " (SELECT pg_catalog.jsonb_object_agg(coalesce(x.tenant, ''), x.n)"
							  "    FROM (SELECT r.tenant, count(*) AS n FROM dunning.reminder r"
							  "           WHERE r.run_id = $1 GROUP BY r.tenant) x)"
							  " WHERE id = $1", 1, types, args, NULL, false, 0) != SPI_OK_UPDATE)
		elog(ERROR, "could not record the pass's tenants");
	if (SPI_execute_with_args(pass->full
							  ? "UPDATE dunning.engine SET last_as_of = $2, last_full_as_of = $2"
							  : "UPDATE dunning.engine SET last_as_of = $2",
							  2, types, args, NULL, false, 0) != SPI_OK_UPDATE)
		elog(ERROR, "could not record the discovery mark");
	/* consumers waiting with LISTEN learn of the new reminders at commit */
	if (pass->emitted > 0)
		Async_Notify("dunning_reminder", psprintf(INT64_FORMAT, pass->emitted));
}

/* One pass: the shared body of run() and preview(). */
static void
do_pass(Pass *pass, bool want_full)
{
	TimestampTz started = GetCurrentTimestamp();
	TimestampTz from = 0;

	pass->pass_cxt = AllocSetContextCreate(CurrentMemoryContext, "dunning pass",
										   ALLOCSET_DEFAULT_SIZES);
	pass->group_cxt = AllocSetContextCreate(pass->pass_cxt, "dunning pass batch",
											ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(pass->pass_cxt);

	/*
	 * Passes queue up here; what follows reads with fresh snapshots, so a
	 * pass that waited sees what the one before it committed.
	 */
	if (!pass->preview)
		DirectFunctionCall1(pg_advisory_xact_lock_int8, Int64GetDatum(PASS_LOCK_KEY));
	dunning_require_same_version();
	pass->campaign = dunning_load_campaign(pass->as_of, pass->preview);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* fails clearly when no ledger is bound, or its owner changed */
	pass->pass_role = dunning_pass_role();
	from = discovery_start(pass, want_full);
	if (!pass->preview)
	{
		SPI_execute("SELECT pg_catalog.nextval('dunning.run_log_id_seq')", false, 1);
		pass->run_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
												   SPI_tuptable->tupdesc, 1, &(bool){false}));
		if (pass->sweep_all)
			expire_unsent(pass);
		sweep_unsent(pass);
	}
	/* a preview with a draft looks at every open invoice (pass_candidates.c) */
	if (pass->discover_ledger || (pass->preview && pass->campaign->has_drafts)
		|| anything_due(pass))
		evaluate_candidates(pass, open_candidates(pass, from));
	if (!pass->preview)
		record_pass(pass, started);
	SPI_finish();
}

/*
 * dunning.run(as_of timestamptz, full_discovery boolean)
 *		RETURNS dunning.run_result
 */
Datum
dunning_run(PG_FUNCTION_ARGS)
{
	MemoryContext caller = CurrentMemoryContext;
	Pass		pass;
	TupleDesc	desc;
	Datum		values[8];
	bool		nulls[8] = {false};
	TimestampTz started = GetCurrentTimestamp();

	static bool told = false;

	if (!dunning_scheduling_available() && !told)
	{
		ereport(NOTICE,
				(errmsg("dunning scheduling is off: the library is not preloaded"),
				 errhint("Add dunning to shared_preload_libraries and restart the server to run passes in the background; until then, call dunning.run() yourself, from cron or pg_cron.")));
		told = true;
	}
	memset(&pass, 0, sizeof(Pass));
	pass.as_of = PG_GETARG_TIMESTAMPTZ(0);
	do_pass(&pass, PG_GETARG_BOOL(1));
	MemoryContextSwitchTo(caller);

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "dunning.run must return a composite type");
	desc = BlessTupleDesc(desc);
	values[0] = Int64GetDatum(pass.run_id);
	values[1] = TimestampTzGetDatum(pass.as_of);
	values[2] = CStringGetTextDatum(pass.full ? "full" : "incremental");
	values[3] = Int64GetDatum(pass.examined);
	values[4] = Int64GetDatum(pass.emitted);
	values[5] = Int64GetDatum(pass.resolved);
	values[6] = Int64GetDatum(pass.cancelled);
	values[7] = DirectFunctionCall2(timestamp_mi, TimestampTzGetDatum(GetCurrentTimestamp()),
									TimestampTzGetDatum(started));
	MemoryContextDelete(pass.pass_cxt);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/*
 * Add to a preview's rows the reminders already in the queue and ready by
 * its as_of (pending or failed, available by then, or claimed).
 */
static void
add_queued(Pass *pass)
{
	Oid			types[1] = {TIMESTAMPTZOID};
	Datum		args[1] = {TimestampTzGetDatum(pass->as_of)};

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args("SELECT r.* FROM dunning.reminder r"
							  " WHERE r.available_at <= $1 OR r.status = 'claimed'"
							  " ORDER BY r.available_at, r.id",
							  1, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the queue");
	for (uint64 i = 0; i < SPI_processed; i++)
		tuplestore_puttuple(pass->rsinfo->setResult, SPI_tuptable->vals[i]);
	SPI_finish();
}

/*
 * dunning.preview(as_of timestamptz, full_discovery boolean, include_queued boolean)
 *		RETURNS SETOF dunning.reminder
 */
Datum
dunning_preview(PG_FUNCTION_ARGS)
{
	MemoryContext caller = CurrentMemoryContext;
	Pass		pass;

	InitMaterializedSRF(fcinfo, 0);
	memset(&pass, 0, sizeof(Pass));
	pass.as_of = PG_GETARG_TIMESTAMPTZ(0);
	pass.preview = true;
	pass.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	do_pass(&pass, PG_GETARG_BOOL(1));
	MemoryContextSwitchTo(caller);
	if (PG_NARGS() > 2 && PG_GETARG_BOOL(2))
		add_queued(&pass);
	MemoryContextDelete(pass.pass_cxt);
	return (Datum) 0;
}

/*
 * dunning.wait_for_pass() RETURNS void: take the pass lock until the end of
 * the transaction, so that a campaign change waits for a pass under way.
 */
Datum
dunning_wait_for_pass(PG_FUNCTION_ARGS)
{
	DirectFunctionCall1(pg_advisory_xact_lock_int8, Int64GetDatum(PASS_LOCK_KEY));
	PG_RETURN_VOID();
}
