/*-------------------------------------------------------------------------
 *
 * pass_writes.c
 *	  The batched writes of a pass: the queue, the state and the history.
 *
 * A pass buffers what it decides (reminders, state, history and the
 * charges the reminders raise), one column of values per column of each
 * write, and sends each table's rows in one statement with the columns as
 * array parameters, unnested in the select list (a ProjectSet streams the
 * rows, where unnest() in FROM would copy them into a tuplestore first).
 * Each write is described once, by a table of
 * its columns (alias, type, parameter number): the buffers, the parameter
 * types and the SQL are made from it.  A preview returns the reminders as
 * rows instead.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "money.h"
#include "pass_internal.h"
#include "payload_build.h"
#include "token.h"

/* The type of a write column: a fixed type, or one of the ledger's key types. */
typedef enum ColumnKind
{
	COL_FIXED,
	COL_INVOICE_KEY,
	COL_CUSTOMER_KEY
} ColumnKind;

/*
 * One column of a write: the alias its values have in the statement's
 * unnest(), its type, and (for the queue's invoice keys) whether it is
 * sent whole, to be sliced per reminder, rather than unnested.  These
 * tables are the one place that says which buffer is which parameter of
 * which type.
 */
typedef struct WriteColumn
{
	const char *alias;
	ColumnKind	kind;
	Oid			type;			/* COL_FIXED */
	bool		whole;
} WriteColumn;

static const WriteColumn reminder_columns[R_NCOLS] = {
	[R_CUST] = {"c", COL_CUSTOMER_KEY},
	[R_POLICY] = {"p", COL_FIXED, TEXTOID},
	[R_LEVEL] = {"l", COL_FIXED, INT4OID},
	[R_CHANNEL] = {"ch", COL_FIXED, TEXTOID},
	[R_RECIPIENT] = {"rc", COL_FIXED, TEXTOID},
	[R_PAYLOAD] = {"pl", COL_FIXED, JSONBOID},
	[R_AVAILABLE] = {"av", COL_FIXED, TIMESTAMPTZOID},
	[R_KEY] = {"k", COL_FIXED, TEXTOID},
	[R_ID] = {"id", COL_FIXED, INT8OID},
	[R_SUBJECT] = {"su", COL_FIXED, TEXTOID},
	[R_BODY] = {"bo", COL_FIXED, TEXTOID},
	[R_HTML] = {"ht", COL_FIXED, TEXTOID},
	[R_TENANT] = {"tn", COL_FIXED, TEXTOID},
	[R_FIRST] = {"f", COL_FIXED, INT4OID},
	[R_LAST] = {"t", COL_FIXED, INT4OID},
	[R_INV] = {"v", COL_INVOICE_KEY, InvalidOid, true},
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
	[S_PROBLEM] = {"pr", COL_FIXED, TEXTOID},
	[S_TENANT] = {"tn", COL_FIXED, TEXTOID},
};

static const WriteColumn history_columns[H_NCOLS] = {
	[H_INV] = {"i", COL_INVOICE_KEY},
	[H_CUST] = {"c", COL_CUSTOMER_KEY},
	[H_EVENT] = {"e", COL_FIXED, TEXTOID},
	[H_LEVEL] = {"l", COL_FIXED, INT4OID},
	[H_RKEY] = {"k", COL_FIXED, TEXTOID},
	[H_REASON] = {"r", COL_FIXED, TEXTOID},
	[H_CODE] = {"rc", COL_FIXED, TEXTOID},
	[H_PAID] = {"pd", COL_FIXED, DATEOID},
	[H_RID] = {"rid", COL_FIXED, INT8OID},
	[H_TENANT] = {"tn", COL_FIXED, TEXTOID},
};

static const WriteColumn charge_columns[C_NCOLS] = {
	[C_INV] = {"i", COL_INVOICE_KEY},
	[C_CUST] = {"c", COL_CUSTOMER_KEY},
	[C_KIND] = {"k", COL_FIXED, TEXTOID},
	[C_AMOUNT] = {"a", COL_FIXED, NUMERICOID},
	[C_CURRENCY] = {"cu", COL_FIXED, TEXTOID},
	[C_LEVEL] = {"l", COL_FIXED, INT4OID},
	[C_FROM] = {"pf", COL_FIXED, DATEOID},
	[C_TO] = {"pt", COL_FIXED, DATEOID},
	[C_DETAIL] = {"d", COL_FIXED, JSONBOID},
	[C_POLICY] = {"p", COL_FIXED, TEXTOID},
	[C_RID] = {"rid", COL_FIXED, INT8OID},
	[C_WAIVED] = {"w", COL_FIXED, TEXTOID},
	[C_TENANT] = {"tn", COL_FIXED, TEXTOID},
};

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
void
reset_buffers(Pass *pass)
{
	for (int i = 0; i < R_NCOLS; i++)
		colbuf_init(&pass->rem[i], column_type(pass, &reminder_columns[i]));
	for (int i = 0; i < S_NCOLS; i++)
	{
		colbuf_init(&pass->state[i], column_type(pass, &state_columns[i]));
		colbuf_init(&pass->known[i], column_type(pass, &state_columns[i]));
	}
	for (int i = 0; i < H_NCOLS; i++)
		colbuf_init(&pass->hist[i], column_type(pass, &history_columns[i]));
	for (int i = 0; i < C_NCOLS; i++)
		colbuf_init(&pass->charges[i], column_type(pass, &charge_columns[i]));
	pass->ngroup_reminders = 0;
}

/* Run a prepared write with its buffers as array parameters. */
static uint64
execute_write(SPIPlanPtr plan, ColumnBuf *cols, int ncols, Datum *extra, int nextra)
{
	Datum	   *args = palloc(sizeof(Datum) * (ncols + nextra));
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
void
flush(Pass *pass)
{
	Datum		extra[2] = {TimestampTzGetDatum(pass->as_of), Int64GetDatum(pass->run_id)};

	bool		all_new = true;

	if (pass->state[S_INV].n == 0 && pass->known[S_INV].n == 0 && pass->hist[H_INV].n == 0
		&& pass->charges[C_INV].n == 0)
		return;
	if (pass->ngroup_reminders > 0)
	{
		uint64		inserted = execute_write(pass->write_reminders, pass->rem, R_NCOLS,
											 extra, 2);

		/* an idempotency key that existed: find its reminder by key */
		all_new = inserted == (uint64) pass->ngroup_reminders;
		pass->emitted += inserted;
	}
	if (pass->charges[C_INV].n > 0)
		execute_write(all_new ? pass->write_charges : pass->write_charges_by_key,
					  pass->charges, C_NCOLS, extra, 2);
	if (pass->state[S_INV].n > 0)
		execute_write(all_new ? pass->write_state : pass->write_state_by_key,
					  pass->state, S_NCOLS, extra, 1);
	if (pass->known[S_INV].n > 0)
		execute_write(all_new ? pass->write_known : pass->write_known_by_key,
					  pass->known, S_NCOLS, extra, 1);
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

/*
 * The rows of a write's buffers: a subquery that unnests each column
 * ("$1::bigint[]") under its alias, side by side, skipping the columns
 * sent whole.  In the select list, the arrays are unnested in step.
 */
static char *
unnested(Pass *pass, const WriteColumn *cols, int ncols)
{
	StringInfoData sql;

	initStringInfo(&sql);
	appendStringInfoString(&sql, "(SELECT ");
	for (int i = 0, n = 0; i < ncols; i++)
	{
		if (cols[i].whole)
			continue;
		appendStringInfo(&sql, "%spg_catalog.unnest($%d::%s) AS %s", n++ ? ", " : "", i + 1,
						 format_type_be(get_array_type(column_type(pass, &cols[i]))),
						 cols[i].alias);
	}
	appendStringInfoString(&sql, ")");
	return sql.data;
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

/* The reminder of an idempotency key, in the queue or in the archive. */
#define REMINDER_BY_KEY \
	"coalesce((SELECT r.id FROM dunning.reminder r WHERE r.idempotency_key = u.k)," \
	" (SELECT a.id FROM dunning.reminder_archive a WHERE a.idempotency_key = u.k))"

/*
 * The state write of the invoices new to dunning: an insert ($13: the
 * pass's as_of).  The reminder id comes from the buffer, or, when a
 * reminder's idempotency key existed already, from the reminder of that
 * key.
 */
static char *
state_sql(Pass *pass, bool by_key)
{
	return psprintf("INSERT INTO dunning.invoice_state (invoice_id, customer_id, policy, level,"
					" last_reminder_at, last_reminder_id, next_check_at, waiting_for, status,"
					" closed_reason, problem, tenant, first_seen, updated_at)"
					" SELECT u.i, u.c, u.p, u.l, u.la, %s, u.nc, u.w, u.st, u.cr, u.pr, u.tn, $%d, $%d"
					" FROM %s AS u",
					by_key ? REMINDER_BY_KEY : "u.rid", S_NCOLS + 1, S_NCOLS + 1,
					unnested(pass, state_columns, S_NCOLS));
}

/*
 * The statement that updates the state rows of invoices dunning knows
 * (they were read with the candidates, and passes run one at a time): a
 * plain UPDATE, which costs less than an INSERT that may conflict.
 */
static char *
known_sql(Pass *pass, bool by_key)
{
	return psprintf("UPDATE dunning.invoice_state AS s SET customer_id = u.c, policy = u.p,"
					"  level = u.l, last_reminder_at = u.la,"
					"  last_reminder_id = coalesce(%s, s.last_reminder_id),"
					"  next_check_at = u.nc, waiting_for = u.w, status = u.st,"
					"  closed_reason = u.cr, problem = u.pr, tenant = u.tn, updated_at = $%d"
					" FROM %s AS u"
					" WHERE s.invoice_id = u.i",
					by_key ? REMINDER_BY_KEY : "u.rid", S_NCOLS + 1,
					unnested(pass, state_columns, S_NCOLS));
}

/* The history write ($8, $9: as_of, run_id), the reminder id found the same two ways. */
static char *
history_sql(Pass *pass, bool by_key)
{
	return psprintf("INSERT INTO dunning.history (at, run_id, invoice_id, customer_id, event, level,"
					" reminder_id, reason, reason_code, paid_on, tenant)"
					" SELECT $%d, $%d, u.i, u.c, u.e, u.l, %s, u.r, u.rc, u.pd, u.tn"
					" FROM %s AS u",
					H_NCOLS + 1, H_NCOLS + 2, by_key ? REMINDER_BY_KEY : "u.rid",
					unnested(pass, history_columns, H_NCOLS));
}

/*
 * The queue write (the two parameters after the columns: as_of, run_id):
 * one row per reminder, its invoice keys the slice [f:t] of the keys of
 * the whole batch; a reminder whose idempotency key exists already, in the
 * queue or the archive, is not written again.
 */
static char *
reminder_sql(Pass *pass)
{
	return psprintf("INSERT INTO dunning.reminder (id, customer_id, invoice_ids, policy, level,"
					" channel, recipient, payload, available_at, idempotency_key, as_of, run_id,"
					" subject, body, body_html, tenant)"
					" SELECT r.id, r.c, ($%d::%s)[r.f:r.t], r.p, r.l, r.ch, r.rc, r.pl, r.av, r.k,"
					"  $%d, $%d, r.su, r.bo, r.ht, r.tn"
					" FROM %s AS r"
					" WHERE NOT EXISTS (SELECT 1 FROM dunning.reminder_archive a"
					"                    WHERE a.idempotency_key = r.k)"
					" ON CONFLICT (idempotency_key) DO NOTHING",
					R_INV + 1, format_type_be(get_array_type(pass->inv_type)),
					R_NCOLS + 1, R_NCOLS + 2, unnested(pass, reminder_columns, R_NCOLS));
}

/*
 * The charges the reminders raise ($13, $14: as_of, run_id), each once
 * (a fee per invoice and level, compensation per invoice, interest per
 * invoice and first day: the unique index says so), and, when a reminder's
 * idempotency key existed, only those of the reminders written.
 */
static char *
charge_sql(Pass *pass, bool by_key)
{
	return psprintf("INSERT INTO dunning.charge (invoice_id, customer_id, kind, amount, currency,"
					" level, period_from, period_to, detail, policy, reminder_id, run_id, raised_at,"
					" waived_at, waive_reason, tenant)"
					" SELECT u.i, u.c, u.k, u.a, u.cu, u.l, u.pf, u.pt, u.d, u.p, u.rid, $%d, $%d,"
					"  CASE WHEN u.w IS NOT NULL THEN $%d END, u.w, u.tn"
					" FROM %s AS u"
	/* when a reminder's key existed, the charges of the one not written go */
					"%s"
					" ON CONFLICT DO NOTHING",
					C_NCOLS + 2, C_NCOLS + 1, C_NCOLS + 1, unnested(pass, charge_columns, C_NCOLS),
					by_key ? " WHERE EXISTS (SELECT 1 FROM dunning.reminder r WHERE r.id = u.rid)"
					: "");
}

/* Prepare the writes, for the ledger's key types. */
void
prepare_writes(Pass *pass)
{
	Oid			as_of_run[2] = {TIMESTAMPTZOID, INT8OID};
	Oid		   *rtypes = write_types(pass, reminder_columns, R_NCOLS, as_of_run, 2);
	Oid		   *stypes = write_types(pass, state_columns, S_NCOLS, as_of_run, 1);
	Oid		   *htypes = write_types(pass, history_columns, H_NCOLS, as_of_run, 2);
	Oid		   *ctypes = write_types(pass, charge_columns, C_NCOLS, as_of_run, 2);

	pass->write_reminders = prepare(reminder_sql(pass), R_NCOLS + 2, rtypes);
	pass->write_state = prepare(state_sql(pass, false), S_NCOLS + 1, stypes);
	pass->write_state_by_key = prepare(state_sql(pass, true), S_NCOLS + 1, stypes);
	pass->write_known = prepare(known_sql(pass, false), S_NCOLS + 1, stypes);
	pass->write_known_by_key = prepare(known_sql(pass, true), S_NCOLS + 1, stypes);
	pass->write_history = prepare(history_sql(pass, false), H_NCOLS + 2, htypes);
	pass->write_history_by_key = prepare(history_sql(pass, true), H_NCOLS + 2, htypes);
	pass->write_charges = prepare(charge_sql(pass, false), C_NCOLS + 2, ctypes);
	pass->write_charges_by_key = prepare(charge_sql(pass, true), C_NCOLS + 2, ctypes);
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

/* Buffer one history entry, with its reason in words and as a code. */
static void
add_history(Pass *pass, Invoice *inv, Customer *cust, const char *event, int level,
			const char *key, const char *reason, const char *code)
{
	colbuf_add(&pass->hist[H_INV], inv->key, false);
	colbuf_add(&pass->hist[H_CUST], cust->key, false);
	colbuf_text(&pass->hist[H_EVENT], event);
	colbuf_add(&pass->hist[H_LEVEL], Int32GetDatum(level), false);
	colbuf_text(&pass->hist[H_RKEY], key);
	colbuf_text(&pass->hist[H_REASON], reason);
	colbuf_text(&pass->hist[H_CODE], code);
	/* the day it was paid, from the payments binding: its last payment */
	colbuf_add(&pass->hist[H_PAID],
			   inv->charges.npayments > 0
			   ? DateADTGetDatum(inv->charges.paid_on[inv->charges.npayments - 1]) : (Datum) 0,
			   !(inv->closed != NULL && strcmp(inv->closed, "paid") == 0
				 && inv->charges.npayments > 0));
	colbuf_add(&pass->hist[H_RID], Int64GetDatum(inv->reminder_id), key == NULL);
	colbuf_text(&pass->hist[H_TENANT], cust->tenant);
}

/* Buffer the state row of a decided invoice, and its history. */
void
add_state(Pass *pass, Invoice *inv, Customer *cust)
{
	ColumnBuf  *s = inv->in_state ? pass->known : pass->state;
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
	colbuf_text(&s[S_PROBLEM], inv->problem);
	colbuf_text(&s[S_TENANT], cust->tenant);
	if (inv->waiting != NULL && strcmp(inv->waiting, "bad_data") == 0)
		pass->quarantined++;

	if (inv->reopened && !inv->closed)
		add_history(pass, inv, cust, "reopened", inv->level, NULL,
					"open again in the ledger", "reopened");
	if (emitted)
		add_history(pass, inv, cust, "emitted", level, inv->reminder_key,
					psprintf("%d days overdue", inv->days_overdue), "step_due");
	else if (inv->closed)
	{
		/* closed is "paid" or "vanished": its own code */
		add_history(pass, inv, cust, "resolved", inv->level, NULL, inv->closed,
					inv->closed);
		pass->resolved++;
	}
}

/*
 * A reminder's payload, and its subject and bodies from its step's
 * template; the templates are read at the first reminder of the pass that
 * needs one.  A reminder whose texts cannot be rendered (too long for
 * dunning.max_render_size, a template that does not parse) is held back
 * alone: false, and its invoices wait as bad data.
 */
static bool
payload_and_texts(Pass *pass, Reminder *r, Rendered *out)
{
	charges_raise(r, pass->cust_type, pass->inv_type, pass->as_of);
	/* the key is read once a pass; a preview's reminders get no token */
	if (r->id != 0 && !pass->token_key_read)
	{
		MemoryContext old = MemoryContextSwitchTo(pass->pass_cxt);

		pass->token_key = dunning_token_key_load(true);
		pass->token_key_read = true;
		MemoryContextSwitchTo(old);
	}
	r->token = r->id != 0 && pass->token_key != NULL
		? dunning_token_mint(pass->token_key, r->id,
							 r->invoices[0]->today + dunning_token_lifetime)
		: NULL;
	r->payload = dunning_build_payload(r);
	memset(out, 0, sizeof(Rendered));
	if (r->step->template == NULL || !dunning_render_enabled)
		return true;
	if (pass->templates == NULL)
		pass->templates = render_catalog_load(pass->pass_cxt);
	if (render_reminder_or_problem(pass->templates, dunning_payload_text(r->payload), out))
		return true;
	dunning_hold_back_reminder(r, out->problem, pass->as_of);
	return false;
}

/* Buffer the charges an invoice of a reminder raises. */
static void
add_charges(Pass *pass, Reminder *r, Invoice *inv, int64 id)
{
	ColumnBuf  *b = pass->charges;
	InvoiceCharges *c = &inv->charges;

	for (int k = 0; k < NCHARGE_KINDS; k++)
	{
		if (!c->raises[k])
			continue;
		colbuf_add(&b[C_INV], inv->key, false);
		colbuf_add(&b[C_CUST], r->customer->key, false);
		colbuf_text(&b[C_KIND], charge_kind_names[k]);
		colbuf_add(&b[C_AMOUNT], c->amount[k], false);
		colbuf_text(&b[C_CURRENCY], inv->currency ? inv->currency : r->policy->currency);
		colbuf_add(&b[C_LEVEL], Int32GetDatum(inv->due_step->level), false);
		colbuf_add(&b[C_FROM], DateADTGetDatum(c->interest_from), k != CHARGE_INTEREST);
		colbuf_add(&b[C_TO], DateADTGetDatum(c->interest_to), k != CHARGE_INTEREST);
		colbuf_add(&b[C_DETAIL], PointerGetDatum(c->detail[k]), c->detail[k] == NULL);
		colbuf_text(&b[C_POLICY], r->policy->name);
		colbuf_add(&b[C_RID], Int64GetDatum(id), false);
		colbuf_text(&b[C_WAIVED], k == CHARGE_FEE && c->fee_waived
					? "first fee waived: no late payment in the 12 months before" : NULL);
		colbuf_text(&b[C_TENANT], r->customer->tenant);
	}
}

/*
 * Buffer one reminder and the keys of its invoices; false when it cannot
 * be rendered (and is held back).
 */
bool
add_reminder(Pass *pass, Reminder *r)
{
	ColumnBuf  *b = pass->rem;
	Rendered	texts;
	int64		id;

	/* its id first: the payload's token names it */
	id = next_reminder_id(pass);
	r->id = id;
	if (!payload_and_texts(pass, r, &texts))
		return false;
	pass->ngroup_reminders++;

	colbuf_add(&b[R_CUST], r->customer->key, false);
	colbuf_text(&b[R_POLICY], r->policy->name);
	colbuf_add(&b[R_LEVEL], Int32GetDatum(r->step->level), false);
	colbuf_text(&b[R_CHANNEL], r->channel);
	colbuf_text(&b[R_RECIPIENT], r->recipient);
	colbuf_add(&b[R_PAYLOAD], PointerGetDatum(r->payload), false);
	colbuf_add(&b[R_AVAILABLE], TimestampTzGetDatum(r->available_at), false);
	colbuf_text(&b[R_KEY], r->key);
	colbuf_add(&b[R_ID], Int64GetDatum(id), false);
	colbuf_text(&b[R_SUBJECT], texts.subject);
	colbuf_text(&b[R_BODY], texts.body);
	colbuf_text(&b[R_HTML], texts.body_html);
	colbuf_text(&b[R_TENANT], r->customer->tenant);
	/* its invoices' keys: the slice [first:last] of the batch's */
	colbuf_add(&b[R_FIRST], Int32GetDatum(b[R_INV].n + 1), false);
	colbuf_add(&b[R_LAST], Int32GetDatum(b[R_INV].n + r->ninvoices), false);
	for (int i = 0; i < r->ninvoices; i++)
	{
		r->invoices[i]->reminder_id = id;
		colbuf_add(&b[R_INV], r->invoices[i]->key, false);
		add_charges(pass, r, r->invoices[i], id);
	}
	return true;
}

/*
 * Return one reminder as a row of dunning.reminder (preview); false when
 * it cannot be rendered, as add_reminder().
 */
bool
put_preview(Pass *pass, Reminder *r)
{
	TupleDesc	desc = pass->rsinfo->setDesc;
	Datum	   *values;
	bool	   *nulls;
	Datum	   *keys;
	Rendered	texts;

	if (!payload_and_texts(pass, r, &texts))
		return false;
	values = palloc0(sizeof(Datum) * desc->natts);
	nulls = palloc(sizeof(bool) * desc->natts);
	keys = palloc(sizeof(Datum) * r->ninvoices);

#define SET(col, val) \
	do { int n_ = SPI_fnumber(desc, col); values[n_ - 1] = (val); nulls[n_ - 1] = false; } while (0)

	memset(nulls, true, sizeof(bool) * desc->natts);
	for (int i = 0; i < r->ninvoices; i++)
		keys[i] = r->invoices[i]->key;

	SET("customer_id", r->customer->key);
	if (r->customer->tenant)
		SET("tenant", CStringGetTextDatum(r->customer->tenant));
	SET("invoice_ids", PointerGetDatum(construct_array(keys, r->ninvoices, pass->inv_type,
													   pass->inv_len, pass->inv_byval,
													   pass->inv_align)));
	SET("policy", CStringGetTextDatum(r->policy->name));
	SET("level", Int32GetDatum(r->step->level));
	SET("channel", CStringGetTextDatum(r->channel));
	if (r->recipient)
		SET("recipient", CStringGetTextDatum(r->recipient));
	SET("payload", PointerGetDatum(r->payload));
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
	return true;
}
