/*-------------------------------------------------------------------------
 *
 * pass.c
 *	  One evaluation pass: dunning.run() and dunning.preview().
 *
 * A pass takes the advisory lock that serialises passes in a database,
 * settles the unsent reminders whose invoices have been paid meanwhile
 * (sql/install/19_settle.sql: cancelled, or trimmed to the invoices still
 * open), then reads its candidates
 * set-based through a cursor: the open invoices that became overdue since
 * the previous pass (all of them on a first or full pass) and the state
 * rows whose next_check_at has come.  Candidates arrive grouped by
 * customer; each group is decided in C (evaluate.c) and its writes are
 * buffered and sent in batches with one statement per table, so that a
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
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "evaluate.h"
#include "money.h"
#include "owner.h"
#include "pass.h"
#include "template.h"
#include "worker.h"

PG_FUNCTION_INFO_V1(dunning_run);
PG_FUNCTION_INFO_V1(dunning_preview);
PG_FUNCTION_INFO_V1(dunning_wait_for_pass);

/* Rows fetched from the candidate cursor at a time. */
#define FETCH_ROWS 1000
/* Buffered state rows that trigger a write. */
#define FLUSH_ROWS 2000

/*
 * The sweep of unsent reminders: those the live ledger no longer agrees
 * with are settled by the rule the claim follows too (sql/install/
 * 19_settle.sql).  Returns the numbers of reminders cancelled and trimmed
 * and of invoices resolved.
 */
static const char *const SWEEP_SQL =
"SELECT cancelled, trimmed, resolved FROM dunning.sweep_unsent($1, $2)";

/* A growing column of values, written as one array parameter. */
typedef struct ColumnBuf
{
	Oid			type;
	int16		len;
	bool		byval;
	char		align;
	int			n;
	int			cap;
	Datum	   *values;
	bool	   *nulls;
} ColumnBuf;

/*
 * The write buffers of the queue, the state and the history: one column of
 * values per entry, sent as the array parameter $<entry + 1> of the
 * table's write and unnested under the entry's alias (see WriteColumn).
 */
enum
{
	R_CUST, R_POLICY, R_LEVEL, R_CHANNEL, R_RECIPIENT, R_PAYLOAD, R_AVAILABLE,
	R_KEY, R_ID, R_SUBJECT, R_BODY, R_HTML,
	R_INV, R_GROUP,				/* one entry per invoice of a reminder */
	R_NCOLS
};
enum
{
	S_INV, S_CUST, S_POLICY, S_LEVEL, S_LAST, S_RKEY, S_NEXT, S_WAITING,
	S_STATUS, S_CLOSED, S_RID, S_NCOLS
};
enum
{
	H_INV, H_CUST, H_EVENT, H_LEVEL, H_RKEY, H_REASON, H_RID, H_NCOLS
};

/* The type of a write column: a fixed type, or one of the ledger's key types. */
typedef enum ColumnKind
{
	COL_FIXED,
	COL_INVOICE_KEY,
	COL_CUSTOMER_KEY
} ColumnKind;

/*
 * One column of a write: the alias its values have in the statement's
 * unnest(), its type, and (for the queue) whether it is one of the
 * per-invoice columns, unnested apart.  These tables are the one place
 * that says which buffer is which parameter of which type.
 */
typedef struct WriteColumn
{
	const char *alias;
	ColumnKind	kind;
	Oid			type;			/* COL_FIXED */
	bool		per_invoice;
} WriteColumn;

static const WriteColumn reminder_columns[R_NCOLS] = {
	[R_CUST] = {"c", COL_CUSTOMER_KEY},
	[R_POLICY] = {"p", COL_FIXED, TEXTOID},
	[R_LEVEL] = {"l", COL_FIXED, INT4OID},
	[R_CHANNEL] = {"ch", COL_FIXED, TEXTOID},
	[R_RECIPIENT] = {"rc", COL_FIXED, TEXTOID},
	[R_PAYLOAD] = {"pl", COL_FIXED, TEXTOID},
	[R_AVAILABLE] = {"av", COL_FIXED, TIMESTAMPTZOID},
	[R_KEY] = {"k", COL_FIXED, TEXTOID},
	[R_ID] = {"id", COL_FIXED, INT8OID},
	[R_SUBJECT] = {"su", COL_FIXED, TEXTOID},
	[R_BODY] = {"bo", COL_FIXED, TEXTOID},
	[R_HTML] = {"ht", COL_FIXED, TEXTOID},
	[R_INV] = {"v", COL_INVOICE_KEY, InvalidOid, true},
	[R_GROUP] = {"g", COL_FIXED, INT4OID, true},
};

static const WriteColumn state_columns[S_NCOLS] = {
	[S_INV] = {"i", COL_INVOICE_KEY},
	[S_CUST] = {"c", COL_CUSTOMER_KEY},
	[S_POLICY] = {"p", COL_FIXED, TEXTOID},
	[S_LEVEL] = {"l", COL_FIXED, INT4OID},
	[S_LAST] = {"la", COL_FIXED, TIMESTAMPTZOID},
	[S_RKEY] = {"k", COL_FIXED, TEXTOID},
	[S_NEXT] = {"nc", COL_FIXED, TIMESTAMPTZOID},
	[S_WAITING] = {"w", COL_FIXED, TEXTOID},
	[S_STATUS] = {"st", COL_FIXED, TEXTOID},
	[S_CLOSED] = {"cr", COL_FIXED, TEXTOID},
	[S_RID] = {"rid", COL_FIXED, INT8OID},
};

static const WriteColumn history_columns[H_NCOLS] = {
	[H_INV] = {"i", COL_INVOICE_KEY},
	[H_CUST] = {"c", COL_CUSTOMER_KEY},
	[H_EVENT] = {"e", COL_FIXED, TEXTOID},
	[H_LEVEL] = {"l", COL_FIXED, INT4OID},
	[H_RKEY] = {"k", COL_FIXED, TEXTOID},
	[H_REASON] = {"r", COL_FIXED, TEXTOID},
	[H_RID] = {"rid", COL_FIXED, INT8OID},
};

/* Column numbers of the candidate query's result. */
typedef struct CandidateCols
{
	int			invoice_id,
				customer_id,
				present,
				open_amount,
				due_on,
				currency,
				reference,
				in_state,
				level,
				last_at,
				invoice_hold,
				assigned,
				customer_hold,
				contacts,
				time_zone,
				locale,
				email,
				name,
				phone;
} CandidateCols;

/* Everything one pass carries along. */
typedef struct Pass
{
	TimestampTz as_of;
	bool		preview;
	bool		full;
	int64		run_id;
	Campaign   *campaign;
	Oid			inv_type;
	Oid			cust_type;
	int16		inv_len;		/* storage of the key types, looked up once */
	bool		inv_byval;
	char		inv_align;
	int16		cust_len;
	bool		cust_byval;
	FmgrInfo	inv_out;
	FmgrInfo	cust_out;
	bool		due_is_ts;
	CandidateCols cols;
	Oid			pass_role;		/* reads of the bound relations run as it */

	int64		examined;
	int64		emitted;
	int64		resolved;
	int64		cancelled;

	MemoryContext pass_cxt;		/* lives for the whole pass */
	MemoryContext group_cxt;	/* reset after each write of the buffers */
	RenderCatalog *templates;	/* read when first needed */
	ColumnBuf	rem[R_NCOLS];
	ColumnBuf	state[S_NCOLS];
	ColumnBuf	hist[H_NCOLS];
	int			ngroup_reminders;
	SPIPlanPtr	write_reminders;
	SPIPlanPtr	write_state;
	SPIPlanPtr	write_history;
	SPIPlanPtr	write_state_by_key;	/* when a reminder already existed */
	SPIPlanPtr	write_history_by_key;
	int64	   *ids;			/* reminder ids drawn ahead from the sequence */
	int			nids;
	int			next_id;

	ReturnSetInfo *rsinfo;		/* preview output */
} Pass;

/* Start an empty column of values of a type. */
static void
colbuf_init(ColumnBuf *b, Oid type)
{
	memset(b, 0, sizeof(ColumnBuf));
	b->type = type;
	get_typlenbyvalalign(type, &b->len, &b->byval, &b->align);
}

/* Append a value (or NULL) to a column; the caller's context must be the group's. */
static void
colbuf_add(ColumnBuf *b, Datum value, bool isnull)
{
	if (b->n == b->cap)
	{
		b->cap = b->cap ? b->cap * 2 : 256;
		b->values = b->values ? repalloc(b->values, sizeof(Datum) * b->cap)
			: palloc(sizeof(Datum) * b->cap);
		b->nulls = b->nulls ? repalloc(b->nulls, sizeof(bool) * b->cap)
			: palloc(sizeof(bool) * b->cap);
	}
	b->values[b->n] = value;
	b->nulls[b->n] = isnull;
	b->n++;
}

/* Append a C string (or NULL) to a text column. */
static void
colbuf_text(ColumnBuf *b, const char *s)
{
	colbuf_add(b, s ? CStringGetTextDatum(s) : (Datum) 0, s == NULL);
}

/* The column as a one-dimensional array Datum. */
static Datum
colbuf_array(ColumnBuf *b)
{
	int			dims[1] = {b->n};
	int			lbs[1] = {1};

	return PointerGetDatum(construct_md_array(b->values, b->nulls, 1, dims, lbs,
											  b->type, b->len, b->byval, b->align));
}

/* The element type of a write column, for this pass's ledger. */
static Oid
column_type(Pass *pass, const WriteColumn *col)
{
	switch (col->kind)
	{
		case COL_INVOICE_KEY:
			return pass->inv_type;
		case COL_CUSTOMER_KEY:
			return pass->cust_type;
		default:
			return col->type;
	}
}

/* Empty every write buffer (their memory goes with the group context). */
static void
reset_buffers(Pass *pass)
{
	for (int i = 0; i < R_NCOLS; i++)
		colbuf_init(&pass->rem[i], column_type(pass, &reminder_columns[i]));
	for (int i = 0; i < S_NCOLS; i++)
		colbuf_init(&pass->state[i], column_type(pass, &state_columns[i]));
	for (int i = 0; i < H_NCOLS; i++)
		colbuf_init(&pass->hist[i], column_type(pass, &history_columns[i]));
	pass->ngroup_reminders = 0;
}

/* Run a prepared write with its buffers as array parameters. */
static uint64
execute_write(SPIPlanPtr plan, ColumnBuf *cols, int ncols, Datum *extra, int nextra)
{
	Datum		args[16];
	int			rc;

	for (int i = 0; i < ncols; i++)
		args[i] = colbuf_array(&cols[i]);
	for (int i = 0; i < nextra; i++)
		args[ncols + i] = extra[i];
	rc = SPI_execute_plan(plan, args, NULL, false, 0);
	if (rc < 0)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	return SPI_processed;
}

/* Write the buffered reminders, state rows and history, then empty the buffers. */
static void
flush(Pass *pass)
{
	Datum		extra[2] = {TimestampTzGetDatum(pass->as_of), Int64GetDatum(pass->run_id)};

	bool		all_new = true;

	if (pass->state[S_INV].n == 0 && pass->hist[H_INV].n == 0)
		return;
	if (pass->ngroup_reminders > 0)
	{
		uint64		inserted = execute_write(pass->write_reminders, pass->rem, R_NCOLS,
											 extra, 2);

		/* an idempotency key that existed: find its reminder by key */
		all_new = inserted == (uint64) pass->ngroup_reminders;
		pass->emitted += inserted;
	}
	if (pass->state[S_INV].n > 0)
		execute_write(all_new ? pass->write_state : pass->write_state_by_key,
					  pass->state, S_NCOLS, extra, 1);
	if (pass->hist[H_INV].n > 0)
		execute_write(all_new ? pass->write_history : pass->write_history_by_key,
					  pass->hist, H_NCOLS, extra, 2);

	MemoryContextReset(pass->group_cxt);
	MemoryContextSwitchTo(pass->group_cxt);
	reset_buffers(pass);
}

/* Prepare a statement for the whole pass. */
static SPIPlanPtr
prepare(const char *sql, int nargs, Oid *types)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, types);

	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	return plan;
}

/* The reminder of an idempotency key, in the queue or in the archive. */
#define REMINDER_BY_KEY \
	"coalesce((SELECT r.id FROM dunning.reminder r WHERE r.idempotency_key = u.k)," \
	" (SELECT a.id FROM dunning.reminder_archive a WHERE a.idempotency_key = u.k))"

/*
 * The unnest() arguments of a write's columns ("$1::bigint[], $2::text[]"),
 * those per invoice or the others, and their aliases ("i, c").
 */
static void
unnest_args(Pass *pass, const WriteColumn *cols, int ncols, bool per_invoice,
			StringInfo args, StringInfo aliases)
{
	for (int i = 0; i < ncols; i++)
	{
		if (cols[i].per_invoice != per_invoice)
			continue;
		appendStringInfo(args, "%s$%d::%s", args->len ? ", " : "", i + 1,
						 format_type_be(get_array_type(column_type(pass, &cols[i]))));
		appendStringInfo(aliases, "%s%s", aliases->len ? ", " : "", cols[i].alias);
	}
}

/* The parameter types of a write: its columns' arrays, then the extra ones. */
static Oid *
write_types(Pass *pass, const WriteColumn *cols, int ncols, const Oid *extra, int nextra)
{
	Oid		   *types = palloc(sizeof(Oid) * (ncols + nextra));

	for (int i = 0; i < ncols; i++)
		types[i] = get_array_type(column_type(pass, &cols[i]));
	for (int i = 0; i < nextra; i++)
		types[ncols + i] = extra[i];
	return types;
}

/*
 * The state write: an upsert of every examined invoice ($12: the pass's
 * as_of).  The reminder id comes from the buffer, or, when a reminder's
 * idempotency key existed already, from the reminder of that key.
 */
static char *
state_sql(Pass *pass, bool by_key)
{
	StringInfoData args;
	StringInfoData aliases;

	initStringInfo(&args);
	initStringInfo(&aliases);
	unnest_args(pass, state_columns, S_NCOLS, false, &args, &aliases);
	return psprintf("INSERT INTO dunning.invoice_state AS s (invoice_id, customer_id, policy, level,"
					" last_reminder_at, last_reminder_id, next_check_at, waiting_for, status,"
					" closed_reason, first_seen, updated_at)"
					" SELECT u.i, u.c, u.p, u.l, u.la, %s, u.nc, u.w, u.st, u.cr, $%d, $%d"
					" FROM unnest(%s) AS u(%s)"
					" ON CONFLICT (invoice_id) DO UPDATE SET customer_id = EXCLUDED.customer_id,"
					"  policy = EXCLUDED.policy, level = EXCLUDED.level,"
					"  last_reminder_at = EXCLUDED.last_reminder_at,"
					"  last_reminder_id = coalesce(EXCLUDED.last_reminder_id, s.last_reminder_id),"
					"  next_check_at = EXCLUDED.next_check_at, waiting_for = EXCLUDED.waiting_for,"
					"  status = EXCLUDED.status, closed_reason = EXCLUDED.closed_reason,"
					"  updated_at = EXCLUDED.updated_at",
					by_key ? REMINDER_BY_KEY : "u.rid", S_NCOLS + 1, S_NCOLS + 1,
					args.data, aliases.data);
}

/* The history write ($8, $9: as_of, run_id), the reminder id found the same two ways. */
static char *
history_sql(Pass *pass, bool by_key)
{
	StringInfoData args;
	StringInfoData aliases;

	initStringInfo(&args);
	initStringInfo(&aliases);
	unnest_args(pass, history_columns, H_NCOLS, false, &args, &aliases);
	return psprintf("INSERT INTO dunning.history (at, run_id, invoice_id, customer_id, event, level,"
					" reminder_id, reason)"
					" SELECT $%d, $%d, u.i, u.c, u.e, u.l, %s, u.r"
					" FROM unnest(%s) AS u(%s)",
					H_NCOLS + 1, H_NCOLS + 2, by_key ? REMINDER_BY_KEY : "u.rid",
					args.data, aliases.data);
}

/*
 * The queue write ($15, $16: as_of, run_id): one row per reminder, its
 * invoice keys gathered from the per-invoice columns by group; a reminder
 * whose idempotency key exists already, in the queue or the archive, is
 * not written again.
 */
static char *
reminder_sql(Pass *pass)
{
	StringInfoData args;
	StringInfoData aliases;
	StringInfoData inv_args;
	StringInfoData inv_aliases;

	initStringInfo(&args);
	initStringInfo(&aliases);
	initStringInfo(&inv_args);
	initStringInfo(&inv_aliases);
	unnest_args(pass, reminder_columns, R_NCOLS, false, &args, &aliases);
	unnest_args(pass, reminder_columns, R_NCOLS, true, &inv_args, &inv_aliases);
	return psprintf("INSERT INTO dunning.reminder (id, customer_id, invoice_ids, policy, level,"
					" channel, recipient, payload, available_at, idempotency_key, as_of, run_id,"
					" subject, body, body_html)"
					" SELECT x.* FROM ("
					"  SELECT r.id, r.c, i.ids, r.p, r.l, r.ch, r.rc, r.pl::jsonb, r.av, r.k,"
					"   $%d, $%d, r.su, r.bo, r.ht"
					"  FROM unnest(%s) WITH ORDINALITY AS r(%s, n)"
					"  JOIN (SELECT g, pg_catalog.array_agg(v ORDER BY o) AS ids"
					"        FROM unnest(%s) WITH ORDINALITY AS u(%s, o)"
					"        GROUP BY g) i ON i.g = r.n"
	/* a fence: the join is planned alone, the filter on top */
					"  OFFSET 0) x"
					" WHERE NOT EXISTS (SELECT 1 FROM dunning.reminder_archive a"
					"                    WHERE a.idempotency_key = x.k)"
					" ON CONFLICT (idempotency_key) DO NOTHING",
					R_NCOLS + 1, R_NCOLS + 2, args.data, aliases.data,
					inv_args.data, inv_aliases.data);
}

/* Prepare the writes, for the ledger's key types. */
static void
prepare_writes(Pass *pass)
{
	Oid			as_of_run[2] = {TIMESTAMPTZOID, INT8OID};
	Oid		   *rtypes = write_types(pass, reminder_columns, R_NCOLS, as_of_run, 2);
	Oid		   *stypes = write_types(pass, state_columns, S_NCOLS, as_of_run, 1);
	Oid		   *htypes = write_types(pass, history_columns, H_NCOLS, as_of_run, 2);

	pass->write_reminders = prepare(reminder_sql(pass), R_NCOLS + 2, rtypes);
	pass->write_state = prepare(state_sql(pass, false), S_NCOLS + 1, stypes);
	pass->write_state_by_key = prepare(state_sql(pass, true), S_NCOLS + 1, stypes);
	pass->write_history = prepare(history_sql(pass, false), H_NCOLS + 2, htypes);
	pass->write_history_by_key = prepare(history_sql(pass, true), H_NCOLS + 2, htypes);
}

/*
 * The id of the next reminder, drawn ahead from dunning.reminder_id_seq a
 * block at a time.
 */
static int64
next_reminder_id(Pass *pass)
{
	MemoryContext cxt = CurrentMemoryContext;

	if (pass->next_id == pass->nids)
	{
		if (SPI_execute("SELECT pg_catalog.nextval('dunning.reminder_id_seq')"
						" FROM pg_catalog.generate_series(1, 1000)", false, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not draw reminder ids");
		MemoryContextSwitchTo(pass->pass_cxt);
		if (pass->ids == NULL)
			pass->ids = palloc(sizeof(int64) * 1000);
		for (uint64 i = 0; i < SPI_processed; i++)
		{
			bool		isnull;

			pass->ids[i] = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[i],
													   SPI_tuptable->tupdesc, 1, &isnull));
		}
		pass->nids = (int) SPI_processed;
		pass->next_id = 0;
		SPI_freetuptable(SPI_tuptable);
	}
	MemoryContextSwitchTo(cxt);
	return pass->ids[pass->next_id++];
}

/* Buffer one history entry. */
static void
add_history(Pass *pass, Invoice *inv, Datum cust, const char *event, int level,
			const char *key, const char *reason)
{
	colbuf_add(&pass->hist[H_INV], inv->key, false);
	colbuf_add(&pass->hist[H_CUST], cust, false);
	colbuf_text(&pass->hist[H_EVENT], event);
	colbuf_add(&pass->hist[H_LEVEL], Int32GetDatum(level), false);
	colbuf_text(&pass->hist[H_RKEY], key);
	colbuf_text(&pass->hist[H_REASON], reason);
	colbuf_add(&pass->hist[H_RID], Int64GetDatum(inv->reminder_id), key == NULL);
}

/* Buffer the state row of a decided invoice, and its history. */
static void
add_state(Pass *pass, Invoice *inv, Customer *cust)
{
	ColumnBuf  *s = pass->state;
	bool		emitted = inv->due_step != NULL && inv->reminder_key != NULL;
	int			level = emitted ? inv->due_step->level : inv->level;

	colbuf_add(&s[S_INV], inv->key, false);
	colbuf_add(&s[S_CUST], cust->key, false);
	colbuf_text(&s[S_POLICY], inv->policy ? inv->policy->name : NULL);
	colbuf_add(&s[S_LEVEL], Int32GetDatum(level), false);
	if (emitted)
		colbuf_add(&s[S_LAST], TimestampTzGetDatum(pass->as_of), false);
	else
		colbuf_add(&s[S_LAST], TimestampTzGetDatum(inv->last_reminder_at), !inv->has_last);
	colbuf_text(&s[S_RKEY], emitted ? inv->reminder_key : NULL);
	/*
	 * A closed invoice is never looked at again (and its 'infinity' keeps the
	 * planner's estimate of the rows due for a look honest); a policy that
	 * starts or stops meanwhile may change everything.
	 */
	colbuf_add(&s[S_NEXT], TimestampTzGetDatum(inv->closed ? DT_NOEND :
											   Min(inv->next_check,
												   pass->campaign->next_change)),
			   false);
	colbuf_text(&s[S_WAITING], inv->waiting);
	colbuf_text(&s[S_STATUS], inv->closed ? "closed" : "open");
	colbuf_text(&s[S_CLOSED], inv->closed);
	colbuf_add(&s[S_RID], Int64GetDatum(inv->reminder_id), !emitted);

	if (emitted)
		add_history(pass, inv, cust->key, "emitted", level, inv->reminder_key,
					psprintf("%d days overdue", inv->days_overdue));
	else if (inv->closed)
	{
		add_history(pass, inv, cust->key, "resolved", inv->level, NULL, inv->closed);
		pass->resolved++;
	}
}

/*
 * A reminder's subject and bodies, from its step's template; the templates
 * are read at the first reminder of the pass that needs one.
 */
static void
render_for(Pass *pass, Reminder *r, Rendered *out)
{
	memset(out, 0, sizeof(Rendered));
	if (r->step->template == NULL || !dunning_render_enabled)
		return;
	if (pass->templates == NULL)
		pass->templates = render_catalog_load(pass->pass_cxt);
	render_reminder(pass->templates, r->payload, out);
}

/* Buffer one reminder and the keys of its invoices. */
static void
add_reminder(Pass *pass, Reminder *r)
{
	ColumnBuf  *b = pass->rem;
	int			group = ++pass->ngroup_reminders;
	Rendered	texts;
	int64		id = next_reminder_id(pass);

	colbuf_add(&b[R_CUST], r->customer->key, false);
	colbuf_text(&b[R_POLICY], r->policy->name);
	colbuf_add(&b[R_LEVEL], Int32GetDatum(r->step->level), false);
	colbuf_text(&b[R_CHANNEL], r->step->channel);
	colbuf_text(&b[R_RECIPIENT], r->recipient);
	colbuf_text(&b[R_PAYLOAD], r->payload);
	colbuf_add(&b[R_AVAILABLE], TimestampTzGetDatum(r->available_at), false);
	colbuf_text(&b[R_KEY], r->key);
	colbuf_add(&b[R_ID], Int64GetDatum(id), false);
	render_for(pass, r, &texts);
	colbuf_text(&b[R_SUBJECT], texts.subject);
	colbuf_text(&b[R_BODY], texts.body);
	colbuf_text(&b[R_HTML], texts.body_html);
	for (int i = 0; i < r->ninvoices; i++)
	{
		r->invoices[i]->reminder_id = id;
		colbuf_add(&b[R_INV], r->invoices[i]->key, false);
		colbuf_add(&b[R_GROUP], Int32GetDatum(group), false);
	}
}

/* Return one reminder as a row of dunning.reminder (preview). */
static void
put_preview(Pass *pass, Reminder *r)
{
	TupleDesc	desc = pass->rsinfo->setDesc;
	Datum	   *values = palloc0(sizeof(Datum) * desc->natts);
	bool	   *nulls = palloc(sizeof(bool) * desc->natts);
	Datum	   *keys = palloc(sizeof(Datum) * r->ninvoices);
	Rendered	texts;

#define SET(col, val) \
	do { int n_ = SPI_fnumber(desc, col); values[n_ - 1] = (val); nulls[n_ - 1] = false; } while (0)

	memset(nulls, true, sizeof(bool) * desc->natts);
	for (int i = 0; i < r->ninvoices; i++)
		keys[i] = r->invoices[i]->key;

	SET("customer_id", r->customer->key);
	SET("invoice_ids", PointerGetDatum(construct_array(keys, r->ninvoices, pass->inv_type,
													   pass->inv_len, pass->inv_byval,
													   pass->inv_align)));
	SET("policy", CStringGetTextDatum(r->policy->name));
	SET("level", Int32GetDatum(r->step->level));
	SET("channel", CStringGetTextDatum(r->step->channel));
	if (r->recipient)
		SET("recipient", CStringGetTextDatum(r->recipient));
	SET("payload", DirectFunctionCall1(jsonb_in, CStringGetDatum(r->payload)));
	render_for(pass, r, &texts);
	if (texts.subject)
		SET("subject", CStringGetTextDatum(texts.subject));
	if (texts.body)
		SET("body", CStringGetTextDatum(texts.body));
	if (texts.body_html)
		SET("body_html", CStringGetTextDatum(texts.body_html));
	SET("status", CStringGetTextDatum("pending"));
	SET("available_at", TimestampTzGetDatum(r->available_at));
	SET("attempts", Int32GetDatum(0));
	SET("idempotency_key", CStringGetTextDatum(r->key));
	SET("as_of", TimestampTzGetDatum(pass->as_of));
	SET("created_at", TimestampTzGetDatum(GetCurrentTransactionStartTimestamp()));
	SET("updated_at", TimestampTzGetDatum(GetCurrentTransactionStartTimestamp()));
#undef SET

	tuplestore_putvalues(pass->rsinfo->setResult, desc, values, nulls);
}

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

	if (pass->preview)
	{
		for (int j = 0; j < nr; j++)
			put_preview(pass, &rs[j]);
		return;
	}
	for (int j = 0; j < nr; j++)
		add_reminder(pass, &rs[j]);
	for (int i = 0; i < n; i++)
		add_state(pass, &invoices[i], cust);
}

/* A column of a fetched row: its Datum, or isnull. */
static Datum
get_col(HeapTuple tup, TupleDesc desc, int col, bool *isnull)
{
	return SPI_getbinval(tup, desc, col, isnull);
}

/* A text column of a fetched row as a C string in the current context, or NULL. */
static char *
get_text(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = get_col(tup, desc, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/* A date column (a hold's last day), or false when NULL. */
static bool
get_hold(HeapTuple tup, TupleDesc desc, int col, DateADT *until)
{
	bool		isnull;
	Datum		d = get_col(tup, desc, col, &isnull);

	if (!isnull)
		*until = DatumGetDateADT(d);
	return !isnull;
}

/* Copy a fetched row's invoice into the group (current context: the group's). */
static void
read_invoice(Pass *pass, HeapTuple tup, TupleDesc desc, Invoice *inv)
{
	CandidateCols *c = &pass->cols;
	bool		isnull;
	Datum		d;

	memset(inv, 0, sizeof(Invoice));
	d = get_col(tup, desc, c->invoice_id, &isnull);
	inv->key = datumCopy(d, pass->inv_byval, pass->inv_len);
	inv->key_text = OutputFunctionCall(&pass->inv_out, d);
	inv->present = DatumGetBool(get_col(tup, desc, c->present, &isnull));
	d = get_col(tup, desc, c->open_amount, &isnull);
	inv->open = !isnull && money_positive(d);
	inv->open_amount = isnull ? money_zero() : datumCopy(d, false, -1);
	inv->due_is_ts = pass->due_is_ts;
	d = get_col(tup, desc, c->due_on, &isnull);
	inv->due_on = isnull ? (Datum) 0 : datumCopy(d, true, 8);
	if (isnull)
		inv->present = false;
	inv->currency = get_text(tup, desc, c->currency);
	inv->reference = get_text(tup, desc, c->reference);
	inv->in_state = DatumGetBool(get_col(tup, desc, c->in_state, &isnull));
	inv->level = DatumGetInt32(get_col(tup, desc, c->level, &isnull));
	d = get_col(tup, desc, c->last_at, &isnull);
	inv->has_last = !isnull;
	inv->last_reminder_at = isnull ? 0 : DatumGetTimestampTz(d);
	inv->held = get_hold(tup, desc, c->invoice_hold, &inv->hold_until);
}

/* Copy a fetched row's customer columns into the group's customer. */
static void
read_customer(Pass *pass, HeapTuple tup, TupleDesc desc, Customer *cust, char *key_text)
{
	CandidateCols *c = &pass->cols;
	bool		isnull;
	Datum		d;

	memset(cust, 0, sizeof(Customer));
	cust->key = datumCopy(get_col(tup, desc, c->customer_id, &isnull),
						  pass->cust_byval, pass->cust_len);
	cust->key_text = key_text;
	cust->time_zone = get_text(tup, desc, c->time_zone);
	cust->tz = dunning_find_zone(cust->time_zone);
	cust->locale = get_text(tup, desc, c->locale);
	cust->email = get_text(tup, desc, c->email);
	cust->name = get_text(tup, desc, c->name);
	cust->phone = get_text(tup, desc, c->phone);
	cust->assigned = get_text(tup, desc, c->assigned);
	cust->held = get_hold(tup, desc, c->customer_hold, &cust->hold_until);
	d = get_col(tup, desc, c->contacts, &isnull);
	if (!isnull)
	{
		ArrayType  *arr = DatumGetArrayTypePCopy(d);
		Datum	   *elems;
		bool	   *enulls;

		deconstruct_array(arr, TIMESTAMPTZOID, 8, true, TYPALIGN_DOUBLE,
						  &elems, &enulls, &cust->ncontacts);
		cust->contacts = palloc(sizeof(TimestampTz) * (cust->ncontacts + 1));
		for (int i = 0; i < cust->ncontacts; i++)
			cust->contacts[i] = DatumGetTimestampTz(elems[i]);
	}
}

/* Find the candidate query's columns by name. */
static void
find_columns(Pass *pass, TupleDesc desc)
{
	CandidateCols *c = &pass->cols;

#define COL(f) (c->f = SPI_fnumber(desc, #f))
	COL(invoice_id);
	COL(customer_id);
	COL(present);
	COL(open_amount);
	COL(due_on);
	COL(currency);
	COL(reference);
	COL(in_state);
	COL(level);
	COL(last_at);
	COL(invoice_hold);
	COL(assigned);
	COL(customer_hold);
	COL(contacts);
	COL(time_zone);
	COL(locale);
	COL(email);
	COL(name);
	COL(phone);
#undef COL
}

/* The candidate query: newly overdue invoices and state rows due for a look. */
static char *
candidate_sql(Pass *pass, bool customers_bound)
{
	const char *contact = customers_bound
		? "cu.time_zone, cu.locale, cu.email, cu.name, cu.phone"
		: "NULL::text AS time_zone, NULL::text AS locale, NULL::text AS email,"
		" NULL::text AS name, NULL::text AS phone";
	const char *contact_join = customers_bound
		? " LEFT JOIN LATERAL (SELECT * FROM dunning.customer cu"
		"   WHERE cu.customer_id = d.customer_id LIMIT 1) cu ON true"
		: "";

	return psprintf(
					"WITH cand AS MATERIALIZED ("
					" SELECT l.invoice_id, l.customer_id, true AS present,"
					"  l.open_amount::numeric AS open_amount, l.due_on, l.currency, l.reference,"
					"  false AS in_state, 0 AS level, NULL::timestamptz AS last_at"
					" FROM dunning.ledger l"
					" WHERE l.open_amount > 0"
	/*
	 * days are whole: an invoice falls due on a day (a due instant on the
	 * day it falls in), so the window is drawn in dates, whatever the
	 * type of the ledger's due dates
	 */
					"  AND l.due_on < ($1 + interval '1 day')::date"
					"  AND ($2::timestamptz IS NULL OR l.due_on >= $2::date)"
					"  AND NOT EXISTS (SELECT 1 FROM dunning.invoice_state s"
					"   WHERE s.invoice_id = l.invoice_id AND s.status = 'open')"
					" UNION ALL"
					" SELECT s.invoice_id, coalesce(l.customer_id, s.customer_id),"
					"  l.invoice_id IS NOT NULL, l.open_amount::numeric, l.due_on, l.currency,"
					"  l.reference, true, s.level, s.last_reminder_at"
					" FROM dunning.invoice_state s"
					" LEFT JOIN dunning.ledger l ON l.invoice_id = s.invoice_id"
					" WHERE s.status = 'open' AND s.next_check_at <= $1),"
					/* what the decisions need of each customer, looked up once each */
					"cust AS MATERIALIZED ("
					" SELECT d.customer_id,"
					"  (SELECT a.policy FROM dunning.assignment a"
					"    WHERE a.customer_id = d.customer_id) AS assigned,"
					"  (SELECT CASE WHEN bool_or(h.until IS NULL) THEN 'infinity'::date"
					"          ELSE max(h.until) END"
					"    FROM dunning.hold h WHERE h.customer_id = d.customer_id) AS customer_hold,"
					"  ARRAY(SELECT r.as_of FROM dunning.reminder r"
					"    WHERE r.customer_id = d.customer_id AND r.status <> 'cancelled'"
					"      AND r.as_of > $1 - $3 AND r.as_of <= $1"
					"    UNION ALL"
					"    SELECT a.as_of FROM dunning.reminder_archive a"
					"    WHERE a.customer_id = d.customer_id AND a.status <> 'cancelled'"
					"      AND a.as_of > $1 - $3 AND a.as_of <= $1) AS contacts,"
					"  %s"
					" FROM (SELECT DISTINCT customer_id FROM cand) d%s)"
					" SELECT c.*,"
					"  (SELECT CASE WHEN bool_or(h.until IS NULL) THEN 'infinity'::date"
					"          ELSE max(h.until) END"
					"     FROM dunning.hold h WHERE h.invoice_id = c.invoice_id) AS invoice_hold,"
					"  k.assigned, k.customer_hold, k.contacts,"
					"  k.time_zone, k.locale, k.email, k.name, k.phone"
					" FROM cand c JOIN cust k ON k.customer_id = c.customer_id"
					" ORDER BY c.customer_id, c.due_on, c.invoice_id",
					contact, contact_join);
}

/* Open the candidate cursor. */
static Portal
open_candidates(Pass *pass, TimestampTz discover_from, bool full)
{
	Oid			types[3] = {TIMESTAMPTZOID, TIMESTAMPTZOID, INTERVALOID};
	Datum		args[3];
	char		nulls[3] = {' ', ' ', ' '};
	bool		customers_bound;
	Portal		portal;
	OwnerScope	scope;

	customers_bound = SPI_execute("SELECT 1 FROM dunning.binding WHERE kind = 'customers'",
								  false, 0) == SPI_OK_SELECT && SPI_processed > 0;

	args[0] = TimestampTzGetDatum(pass->as_of);
	args[1] = TimestampTzGetDatum(discover_from);
	if (full)
		nulls[1] = 'n';
	args[2] = IntervalPGetDatum(&pass->campaign->longest_period);

	/* planned and run as the pass role: the planner may run its functions too */
	owner_scope_begin(&scope, pass->pass_role);
	portal = SPI_cursor_open_with_args(NULL, candidate_sql(pass, customers_bound), 3, types,
									   args, nulls, false, 0);
	owner_scope_end(&scope);
	if (portal == NULL)
		elog(ERROR, "could not open the candidate cursor: %s",
			 SPI_result_code_string(SPI_result));
	return portal;
}

/* Learn the ledger's key and due-date types from the cursor's result. */
static void
learn_types(Pass *pass, TupleDesc desc)
{
	Oid			out;
	bool		varlena;
	char		cust_align;

	find_columns(pass, desc);
	pass->inv_type = SPI_gettypeid(desc, pass->cols.invoice_id);
	pass->cust_type = SPI_gettypeid(desc, pass->cols.customer_id);
	pass->due_is_ts = SPI_gettypeid(desc, pass->cols.due_on) == TIMESTAMPTZOID;
	get_typlenbyvalalign(pass->inv_type, &pass->inv_len, &pass->inv_byval, &pass->inv_align);
	get_typlenbyvalalign(pass->cust_type, &pass->cust_len, &pass->cust_byval, &cust_align);
	getTypeOutputInfo(pass->inv_type, &out, &varlena);
	fmgr_info_cxt(out, &pass->inv_out, pass->pass_cxt);
	getTypeOutputInfo(pass->cust_type, &out, &varlena);
	fmgr_info_cxt(out, &pass->cust_out, pass->pass_cxt);
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
	if (pass->state[S_INV].n < FLUSH_ROWS)
		return false;
	flush(pass);
	return true;
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
			if (!pass->preview)
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
			Datum		ck = get_col(tup, tt->tupdesc, pass->cols.customer_id, &isnull);
			char	   *ck_text = OutputFunctionCall(&pass->cust_out, ck);

			CHECK_FOR_INTERRUPTS();
			if (ngroup > 0 && strcmp(ck_text, cust.key_text) != 0)
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
	Oid			types[2] = {TIMESTAMPTZOID, INT8OID};
	Datum		args[2] = {TimestampTzGetDatum(pass->as_of), Int64GetDatum(pass->run_id)};
	HeapTuple	tup;
	bool		isnull;

	if (SPI_execute_with_args(SWEEP_SQL, 2, types, args, NULL, false, 0) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not sweep the unsent reminders");
	tup = SPI_tuptable->vals[0];
	pass->cancelled += DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
	pass->resolved += DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 3, &isnull));
}

/* Where discovery starts: NULL (everything) or the last as_of less the lookback. */
static bool
discovery_start(Pass *pass, bool want_full, TimestampTz *from)
{
	bool		isnull;
	Datum		last;

	if (SPI_execute("SELECT last_as_of FROM dunning.engine", false, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "dunning.engine has no row");
	last = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (want_full || isnull || DatumGetTimestampTz(last) > pass->as_of)
		return true;
	*from = DatumGetTimestampTz(last) - (TimestampTz) dunning_discovery_lookback * USECS_PER_MINUTE;
	return false;
}

/* Record the pass in dunning.run_log and move the discovery mark. */
static void
record_pass(Pass *pass, TimestampTz started)
{
	Oid			types[8] = {INT8OID, TIMESTAMPTZOID, TIMESTAMPTZOID, TEXTOID, INT8OID,
	INT8OID, INT8OID, INT8OID};
	Datum		args[8] = {Int64GetDatum(pass->run_id), TimestampTzGetDatum(pass->as_of),
		TimestampTzGetDatum(started), CStringGetTextDatum(pass->full ? "full" : "incremental"),
		Int64GetDatum(pass->examined), Int64GetDatum(pass->emitted),
	Int64GetDatum(pass->resolved), Int64GetDatum(pass->cancelled)};

	if (SPI_execute_with_args("INSERT INTO dunning.run_log (id, as_of, started_at, duration,"
							  " discovery, examined, emitted, resolved, cancelled)"
							  " VALUES ($1, $2, $3, pg_catalog.clock_timestamp() - $3,"
							  " $4, $5, $6, $7, $8)", 8, types, args, NULL, false, 0)
		!= SPI_OK_INSERT)
		elog(ERROR, "could not record the pass");
	if (SPI_execute_with_args("UPDATE dunning.engine SET last_as_of = $2",
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
	Portal		portal;

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
	pass->campaign = dunning_load_campaign(pass->as_of);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* fails clearly when no ledger is bound, or its owner changed */
	pass->pass_role = dunning_pass_role();
	if (!pass->preview)
	{
		SPI_execute("SELECT pg_catalog.nextval('dunning.run_log_id_seq')", false, 1);
		pass->run_id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
												   SPI_tuptable->tupdesc, 1, &(bool){false}));
		sweep_unsent(pass);
	}
	pass->full = discovery_start(pass, want_full, &from);
	portal = open_candidates(pass, from, pass->full);
	evaluate_candidates(pass, portal);
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
 * dunning.preview(as_of timestamptz, full_discovery boolean)
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
