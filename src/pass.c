/*-------------------------------------------------------------------------
 *
 * pass.c
 *	  One evaluation pass: dunning.run() and dunning.preview().
 *
 * A pass takes the advisory lock that serialises passes in a database,
 * cancels the unsent reminders whose invoices have been paid meanwhile
 * (re-issuing a consolidated one without them), then reads its candidates
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
 * The sweep of unsent reminders: cancel those whose invoices are paid or
 * gone (they move to the archive at once, as every reminder that is done
 * does), re-issue a consolidated one with the invoices still open (at the
 * highest level among them, with that step's channel, template and fee),
 * close the settled invoices' state, point the others at the re-issued
 * reminder, and log all of it.  Returns the numbers of
 * reminders cancelled, invoices resolved and reminders re-issued.
 */
static const char *const SWEEP_SQL =
/* the live ledger, read as the pass role */
"WITH live AS MATERIALIZED ("
" SELECT * FROM dunning.ledger_open_amounts(ARRAY("
"  SELECT x.i FROM dunning.reminder r, unnest(r.invoice_ids) x(i)"
"  WHERE r.status IN ('pending', 'failed')))),"
"checked AS ("
" SELECT r.id,"
"  pg_catalog.array_agg(x.i ORDER BY x.o) FILTER (WHERE l.open_amount > 0) AS still_open,"
"  pg_catalog.array_agg(x.i ORDER BY x.o) FILTER (WHERE l.invoice_id IS NULL) AS vanished,"
"  pg_catalog.array_agg(x.i ORDER BY x.o)"
"    FILTER (WHERE l.invoice_id IS NOT NULL AND NOT l.open_amount > 0) AS paid"
" FROM dunning.reminder r"
" CROSS JOIN LATERAL unnest(r.invoice_ids) WITH ORDINALITY AS x(i, o)"
" LEFT JOIN live l ON l.invoice_id = x.i"
" WHERE r.status IN ('pending', 'failed')"
" GROUP BY r.id"
" HAVING count(*) FILTER (WHERE l.open_amount > 0) < count(*)),"
"cancelled AS ("
" DELETE FROM dunning.reminder r USING checked c WHERE r.id = c.id"
" RETURNING r.*, r AS gone, c.still_open, c.paid, c.vanished),"
/* done: it moves to the archive at once */
"archived AS ("
" INSERT INTO dunning.reminder_archive"
" SELECT x.* FROM cancelled c"
" CROSS JOIN LATERAL dunning.archived(c.gone, 'cancelled', 'invoices paid before it was sent',"
"  c.provider_ref) x),"
/* what a consolidated notice still lists, at the highest level among it */
"kept AS ("
" SELECT c.id, pg_catalog.jsonb_agg(e ORDER BY o) AS list,"
"  sum((e->>'open_amount')::numeric) AS total, max((e->>'level')::int) AS level"
" FROM cancelled c"
" CROSS JOIN LATERAL pg_catalog.jsonb_array_elements(c.payload->'invoices')"
"   WITH ORDINALITY AS p(e, o)"
" WHERE c.still_open IS NOT NULL AND e->>'invoice_id' = ANY (c.still_open::text[])"
" GROUP BY c.id),"
"reissued AS ("
" INSERT INTO dunning.reminder (customer_id, invoice_ids, policy, level, channel,"
"  recipient, payload, available_at, idempotency_key, as_of, run_id,"
"  subject, body, body_html)"
" SELECT c.customer_id, c.still_open, c.policy, k.level, coalesce(st.channel, c.channel),"
"  c.recipient, n.payload, c.available_at, c.idempotency_key || ':r' || $2, $1, $2,"
"  t.subject, t.body, t.body_html"
" FROM cancelled c JOIN kept k ON k.id = c.id"
" LEFT JOIN dunning.step st ON st.policy = c.policy AND st.level = k.level"
" CROSS JOIN LATERAL (SELECT"
"  c.payload || pg_catalog.jsonb_build_object('invoices', k.list, 'total_open', k.total,"
"   'level', k.level, 'channel', coalesce(st.channel, c.channel),"
"   'template', CASE WHEN st.level IS NULL THEN c.payload->'template'"
"               ELSE pg_catalog.to_jsonb(st.template) END,"
"   'fee', coalesce(st.fee, (c.payload->>'fee')::numeric)) AS payload) n"
" CROSS JOIN LATERAL dunning.render_reminder(n.payload) t"
" RETURNING id, customer_id, invoice_ids, payload),"
"settled AS ("
" SELECT DISTINCT x.i AS invoice_id, 'paid' AS reason FROM cancelled c, unnest(c.paid) x(i)"
" UNION"
" SELECT DISTINCT x.i, 'vanished' FROM cancelled c, unnest(c.vanished) x(i)),"
"closed AS ("
" UPDATE dunning.invoice_state s SET status = 'closed', closed_reason = t.reason,"
"  next_check_at = 'infinity', updated_at = $1"
" FROM settled t WHERE s.invoice_id = t.invoice_id AND s.status = 'open'"
" RETURNING s.invoice_id, s.customer_id, s.level, t.reason),"
"relinked AS ("
" UPDATE dunning.invoice_state s SET last_reminder_id = r.id, updated_at = $1"
" FROM reissued r WHERE s.invoice_id = ANY (r.invoice_ids)"
" RETURNING 1),"
"cancel_log AS ("
" INSERT INTO dunning.history (at, run_id, invoice_id, customer_id, event, level,"
"  reminder_id, reason)"
" SELECT $1, $2, x.i, c.customer_id, 'cancelled',"
"  coalesce(dunning.payload_level(c.payload, x.i::text), c.level), c.id,"
"  CASE WHEN x.i = ANY (c.still_open) THEN 'another invoice of it was paid: re-issued without it'"
"  ELSE 'paid before it was sent' END"
" FROM cancelled c, unnest(c.invoice_ids) x(i)"
" RETURNING 1),"
"reissue_log AS ("
" INSERT INTO dunning.history (at, run_id, invoice_id, customer_id, event, level,"
"  reminder_id, reason)"
" SELECT $1, $2, x.i, r.customer_id, 'emitted',"
"  dunning.payload_level(r.payload, x.i::text), r.id,"
"  're-issued without the paid invoices'"
" FROM reissued r, unnest(r.invoice_ids) x(i)"
" RETURNING 1),"
"resolve_log AS ("
" INSERT INTO dunning.history (at, run_id, invoice_id, customer_id, event, level, reason)"
" SELECT $1, $2, invoice_id, customer_id, 'resolved', level, reason FROM closed"
" RETURNING 1)"
" SELECT (SELECT count(*) FROM cancelled), (SELECT count(*) FROM closed),"
"  (SELECT count(*) FROM reissued),"
"  (SELECT count(*) FROM cancel_log) + (SELECT count(*) FROM reissue_log)"
"  + (SELECT count(*) FROM resolve_log) + (SELECT count(*) FROM relinked)";

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

/* The write buffers of the queue, the state and the history. */
enum
{
	R_CUST, R_POLICY, R_LEVEL, R_CHANNEL, R_RECIPIENT, R_PAYLOAD, R_AVAILABLE,
	R_KEY, R_INV, R_GROUP, R_ID, R_SUBJECT, R_BODY, R_HTML, R_NCOLS
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

/* Empty every write buffer (their memory goes with the group context). */
static void
reset_buffers(Pass *pass)
{
	Oid			rtypes[R_NCOLS] = {pass->cust_type, TEXTOID, INT4OID, TEXTOID, TEXTOID,
	TEXTOID, TIMESTAMPTZOID, TEXTOID, pass->inv_type, INT4OID, INT8OID, TEXTOID, TEXTOID, TEXTOID};
	Oid			stypes[S_NCOLS] = {pass->inv_type, pass->cust_type, TEXTOID, INT4OID,
	TIMESTAMPTZOID, TEXTOID, TIMESTAMPTZOID, TEXTOID, TEXTOID, TEXTOID, INT8OID};
	Oid			htypes[H_NCOLS] = {pass->inv_type, pass->cust_type, TEXTOID, INT4OID,
	TEXTOID, TEXTOID, INT8OID};

	for (int i = 0; i < R_NCOLS; i++)
		colbuf_init(&pass->rem[i], rtypes[i]);
	for (int i = 0; i < S_NCOLS; i++)
		colbuf_init(&pass->state[i], stypes[i]);
	for (int i = 0; i < H_NCOLS; i++)
		colbuf_init(&pass->hist[i], htypes[i]);
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
 * The state write: an upsert of every examined invoice.  The reminder id
 * comes from the buffer, or, when a reminder's idempotency key existed
 * already, from the reminder of that key.
 */
static char *
state_sql(const char *it, const char *ct, bool by_key)
{
	return psprintf("INSERT INTO dunning.invoice_state AS s (invoice_id, customer_id, policy, level,"
					" last_reminder_at, last_reminder_id, next_check_at, waiting_for, status,"
					" closed_reason, first_seen, updated_at)"
					" SELECT u.i, u.c, u.p, u.l, u.la, %s, u.nc, u.w, u.st, u.cr, $12, $12"
					" FROM unnest($1::%s, $2::%s, $3::text[], $4::int4[], $5::timestamptz[],"
					"   $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::text[],"
					"   $11::int8[]) AS u(i, c, p, l, la, k, nc, w, st, cr, rid)"
					" ON CONFLICT (invoice_id) DO UPDATE SET customer_id = EXCLUDED.customer_id,"
					"  policy = EXCLUDED.policy, level = EXCLUDED.level,"
					"  last_reminder_at = EXCLUDED.last_reminder_at,"
					"  last_reminder_id = coalesce(EXCLUDED.last_reminder_id, s.last_reminder_id),"
					"  next_check_at = EXCLUDED.next_check_at, waiting_for = EXCLUDED.waiting_for,"
					"  status = EXCLUDED.status, closed_reason = EXCLUDED.closed_reason,"
					"  updated_at = EXCLUDED.updated_at",
					by_key ? REMINDER_BY_KEY : "u.rid", it, ct);
}

/* The history write, with the reminder id found the same two ways. */
static char *
history_sql(const char *it, const char *ct, bool by_key)
{
	return psprintf("INSERT INTO dunning.history (at, run_id, invoice_id, customer_id, event, level,"
					" reminder_id, reason)"
					" SELECT $8, $9, u.i, u.c, u.e, u.l, %s, u.r"
					" FROM unnest($1::%s, $2::%s, $3::text[], $4::int4[], $5::text[], $6::text[],"
					"   $7::int8[]) AS u(i, c, e, l, k, r, rid)",
					by_key ? REMINDER_BY_KEY : "u.rid", it, ct);
}

/* Prepare the writes, for the ledger's key types. */
static void
prepare_writes(Pass *pass)
{
	Oid			inv_arr = get_array_type(pass->inv_type);
	Oid			cust_arr = get_array_type(pass->cust_type);
	char	   *it = format_type_be(inv_arr);
	char	   *ct = format_type_be(cust_arr);
	Oid			rtypes[16] = {cust_arr, TEXTARRAYOID, INT4ARRAYOID, TEXTARRAYOID,
		TEXTARRAYOID, TEXTARRAYOID, TIMESTAMPTZARRAYOID, TEXTARRAYOID, inv_arr, INT4ARRAYOID,
	INT8ARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TIMESTAMPTZOID, INT8OID};
	Oid			stypes[12] = {inv_arr, cust_arr, TEXTARRAYOID, INT4ARRAYOID,
		TIMESTAMPTZARRAYOID, TEXTARRAYOID, TIMESTAMPTZARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
	TEXTARRAYOID, INT8ARRAYOID, TIMESTAMPTZOID};
	Oid			htypes[9] = {inv_arr, cust_arr, TEXTARRAYOID, INT4ARRAYOID, TEXTARRAYOID,
	TEXTARRAYOID, INT8ARRAYOID, TIMESTAMPTZOID, INT8OID};

	pass->write_reminders = prepare(psprintf(
											 "INSERT INTO dunning.reminder (id, customer_id, invoice_ids, policy, level,"
											 " channel, recipient, payload, available_at, idempotency_key, as_of, run_id,"
											 " subject, body, body_html)"
											 " SELECT x.* FROM ("
											 "  SELECT r.id, r.c, i.ids, r.p, r.l, r.ch, r.rc, r.pl::jsonb, r.av, r.k,"
											 "   $15, $16, r.su, r.bo, r.ht"
											 "  FROM unnest($1::%s, $2::text[], $3::int4[], $4::text[], $5::text[],"
											 "    $6::text[], $7::timestamptz[], $8::text[], $11::int8[],"
											 "    $12::text[], $13::text[], $14::text[])"
											 "    WITH ORDINALITY AS r(c, p, l, ch, rc, pl, av, k, id, su, bo, ht, n)"
											 "  JOIN (SELECT g, pg_catalog.array_agg(v ORDER BY o) AS ids"
											 "        FROM unnest($9::%s, $10::int4[]) WITH ORDINALITY AS u(v, g, o)"
											 "        GROUP BY g) i ON i.g = r.n"
											 /* a fence: the join is planned alone, the filter on top */
											 "  OFFSET 0) x"
											 " WHERE NOT EXISTS (SELECT 1 FROM dunning.reminder_archive a"
											 "                    WHERE a.idempotency_key = x.k)"
											 " ON CONFLICT (idempotency_key) DO NOTHING", ct, it),
									16, rtypes);
	pass->write_state = prepare(state_sql(it, ct, false), 12, stypes);
	pass->write_state_by_key = prepare(state_sql(it, ct, true), 12, stypes);
	pass->write_history = prepare(history_sql(it, ct, false), 9, htypes);
	pass->write_history_by_key = prepare(history_sql(it, ct, true), 9, htypes);
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
	const char *due_type = pass->due_is_ts ? "timestamptz" : "date";
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
					"  AND l.due_on < ($1 + interval '1 day')::%s"
					"  AND ($2::timestamptz IS NULL OR l.due_on >= $2::%s)"
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
					"      AND r.as_of > $1 - $4 AND r.as_of <= $1"
					"    UNION ALL"
					"    SELECT a.as_of FROM dunning.reminder_archive a"
					"    WHERE a.customer_id = d.customer_id AND a.status <> 'cancelled'"
					"      AND a.as_of > $1 - $4 AND a.as_of <= $1) AS contacts,"
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
					due_type, due_type, contact, contact_join);
}

/* Open the candidate cursor. */
static Portal
open_candidates(Pass *pass, TimestampTz discover_from, bool full)
{
	Oid			types[4] = {TIMESTAMPTZOID, TIMESTAMPTZOID, INT4OID, INTERVALOID};
	Datum		args[4];
	char		nulls[4] = {' ', ' ', ' ', ' '};
	bool		customers_bound;
	Portal		portal;
	OwnerScope	scope;

	customers_bound = SPI_execute("SELECT 1 FROM dunning.binding WHERE kind = 'customers'",
								  false, 0) == SPI_OK_SELECT && SPI_processed > 0;

	args[0] = TimestampTzGetDatum(pass->as_of);
	args[1] = TimestampTzGetDatum(discover_from);
	if (full)
		nulls[1] = 'n';
	args[2] = Int32GetDatum(0);	/* unused */
	args[3] = IntervalPGetDatum(&pass->campaign->longest_period);

	/* planned and run as the pass role: the planner may run its functions too */
	owner_scope_begin(&scope, pass->pass_role);
	portal = SPI_cursor_open_with_args(NULL, candidate_sql(pass, customers_bound), 4, types,
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
 * Cancel the unsent reminders whose invoices are paid or gone, re-issue a
 * consolidated one without them, and close those invoices' state.
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
	pass->resolved += DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull));
	pass->emitted += DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 3, &isnull));
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
