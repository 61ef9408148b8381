/*-------------------------------------------------------------------------
 *
 * pass_candidates.c
 *	  The candidate query of a pass, and reading its rows.
 *
 * The candidates are the open invoices that became overdue since the
 * previous pass (all of them on a first or full pass) and the state rows
 * whose next_check_at has come, with what the decisions need of each
 * customer (assignment, holds, recent contacts, contact data), ordered by
 * customer.  The query reads the bound relations, so it is planned and
 * fetched as the pass role (src/owner.c).
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
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "money.h"
#include "owner.h"
#include "pass_internal.h"
#include "quarantine.h"

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

/* An amount column, or zero when NULL; *set tells whether it was not zero. */
static Datum
get_amount(HeapTuple tup, TupleDesc desc, int col, bool *set)
{
	bool		isnull;
	Datum		d = get_col(tup, desc, col, &isnull);

	if (isnull)
		return money_zero();
	*set |= money_positive(d);
	return datumCopy(d, false, -1);
}

/* An invoice's payments, with a payments binding (none of them NULL). */
static void
read_payments(HeapTuple tup, TupleDesc desc, CandidateCols *c, InvoiceCharges *ch)
{
	bool		isnull1;
	bool		isnull2;
	Datum		days = get_col(tup, desc, c->paid_on, &isnull1);
	Datum		amounts = get_col(tup, desc, c->paid, &isnull2);
	Datum	   *d;
	Datum	   *a;
	bool	   *dnulls;
	bool	   *anulls;
	int			n;

	ch->npayments = 0;
	if (isnull1 || isnull2)
		return;
	deconstruct_array(DatumGetArrayTypePCopy(days), DATEOID, 4, true, TYPALIGN_INT,
					  &d, &dnulls, &n);
	deconstruct_array(DatumGetArrayTypePCopy(amounts), NUMERICOID, -1, false, TYPALIGN_INT,
					  &a, &anulls, &n);
	ch->paid_on = palloc(sizeof(DateADT) * (n + 1));
	ch->paid = palloc(sizeof(Datum) * (n + 1));
	for (int i = 0; i < n; i++)
	{
		if (dnulls[i] || anulls[i])
			continue;
		ch->paid_on[ch->npayments] = DatumGetDateADT(d[i]);
		ch->paid[ch->npayments] = a[i];
		ch->npayments++;
	}
}

/* What the charges raised before on an invoice add up to. */
static void
read_charges(Pass *pass, HeapTuple tup, TupleDesc desc, InvoiceCharges *ch)
{
	CandidateCols *c = &pass->cols;
	bool		isnull;
	Datum		d;

	ch->before[CHARGE_FEE] = get_amount(tup, desc, c->charged_fees, &ch->any_before);
	ch->before[CHARGE_INTEREST] = get_amount(tup, desc, c->charged_interest, &ch->any_before);
	ch->before[CHARGE_COMPENSATION] = get_amount(tup, desc, c->charged_compensation,
												 &ch->any_before);
	d = get_col(tup, desc, c->compensated, &isnull);
	ch->compensated = !isnull && DatumGetBool(d);
	d = get_col(tup, desc, c->interest_through, &isnull);
	ch->has_interest_through = !isnull;
	if (!isnull)
		ch->interest_through = DatumGetDateADT(d);
	d = get_col(tup, desc, c->fee_levels, &isnull);
	if (!isnull)
	{
		Datum	   *elems;
		bool	   *enulls;

		deconstruct_array(DatumGetArrayTypePCopy(d), INT4OID, 4, true, TYPALIGN_INT,
						  &elems, &enulls, &ch->nfee_levels);
		ch->fee_levels = palloc(sizeof(int32) * (ch->nfee_levels + 1));
		for (int i = 0; i < ch->nfee_levels; i++)
			ch->fee_levels[i] = DatumGetInt32(elems[i]);
	}
	ch->payments_bound = pass->bound.payments;
	read_payments(tup, desc, c, ch);
}

/* Copy a fetched row's invoice into the group (current context: the group's). */
void
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
	inv->reopened = DatumGetBool(get_col(tup, desc, c->reopened, &isnull));
	inv->copies = DatumGetInt64(get_col(tup, desc, c->copies, &isnull));
	inv->level = DatumGetInt32(get_col(tup, desc, c->level, &isnull));
	d = get_col(tup, desc, c->last_at, &isnull);
	inv->has_last = !isnull;
	inv->last_reminder_at = isnull ? 0 : DatumGetTimestampTz(d);
	inv->held = get_hold(tup, desc, c->invoice_hold, &inv->hold_until);
	inv->has_unsent = DatumGetBool(get_col(tup, desc, c->unsent, &isnull));
	read_charges(pass, tup, desc, &inv->charges);
}

/* Copy a fetched row's customer columns into the group's customer. */
void
read_customer(Pass *pass, HeapTuple tup, TupleDesc desc, Customer *cust, char *key_text)
{
	CandidateCols *c = &pass->cols;
	bool		isnull;
	Datum		d;

	memset(cust, 0, sizeof(Customer));
	cust->key = datumCopy(get_col(tup, desc, c->customer_id, &isnull),
						  pass->cust_byval, pass->cust_len);
	cust->key_text = key_text;
	cust->tenant = get_text(tup, desc, c->tenant);
	cust->time_zone = get_text(tup, desc, c->time_zone);
	cust->tz = dunning_find_zone(cust->time_zone);
	cust->locale = get_text(tup, desc, c->locale);
	cust->email = get_text(tup, desc, c->email);
	cust->name = get_text(tup, desc, c->name);
	cust->phone = get_text(tup, desc, c->phone);
	cust->bound = &pass->bound;
	cust->email_suppressed = get_text(tup, desc, c->email_suppressed);
	cust->address = get_text(tup, desc, c->address);
	cust->postcode = get_text(tup, desc, c->postcode);
	cust->city = get_text(tup, desc, c->city);
	cust->country = get_text(tup, desc, c->country);
	cust->phone_suppressed = get_text(tup, desc, c->phone_suppressed);
	d = get_col(tup, desc, c->consumer, &isnull);
	cust->consumer = isnull ? -1 : DatumGetBool(d) ? 1 : 0;
	cust->assigned = get_text(tup, desc, c->assigned);
	cust->held = get_hold(tup, desc, c->customer_hold, &cust->hold_until);
	cust->problem = dunning_customer_problem(cust);
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
	COL(tenant);
	COL(present);
	COL(open_amount);
	COL(due_on);
	COL(currency);
	COL(reference);
	COL(in_state);
	COL(level);
	COL(last_at);
	COL(reopened);
	COL(copies);
	COL(invoice_hold);
	COL(unsent);
	COL(assigned);
	COL(customer_hold);
	COL(contacts);
	COL(time_zone);
	COL(locale);
	COL(email);
	COL(name);
	COL(phone);
	COL(email_suppressed);
	COL(address);
	COL(postcode);
	COL(city);
	COL(country);
	COL(phone_suppressed);
	COL(consumer);
	COL(charged_fees);
	COL(charged_interest);
	COL(charged_compensation);
	COL(compensated);
	COL(interest_through);
	COL(fee_levels);
	COL(paid_on);
	COL(paid);
#undef COL
}

/*
 * Does the bound ledger keep its invoice keys unique: a table with a
 * unique index (no predicate, no expression) on the key column alone?
 */
static bool
ledger_keys_unique(void)
{
	return SPI_execute("SELECT 1 FROM dunning.binding b"
					   " JOIN pg_catalog.pg_index i ON i.indrelid = pg_catalog.to_regclass(b.source)"
					   " JOIN pg_catalog.pg_attribute a"
					   "   ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
					   " WHERE b.kind = 'ledger' AND i.indisunique AND i.indnkeyatts = 1"
					   "   AND i.indpred IS NULL AND i.indexprs IS NULL"
					   "   AND a.attname = b.columns->>'invoice_id'", true, 1) == SPI_OK_SELECT
		&& SPI_processed > 0;
}

/* A true of the row read, NULL (no binding at all) as false. */
static bool
true_at(int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, col, &isnull);

	return !isnull && DatumGetBool(d);
}

/* What the bindings bind, in one read of dunning.binding. */
void
dunning_read_bound(Bound *bound)
{
	if (SPI_execute("SELECT bool_or(kind = 'customers'), bool_or(kind = 'payments'),"
					" bool_or(kind = 'customers' AND columns ?| '{email,dunning_email}'),"
					" bool_or(kind = 'customers' AND columns ?| '{phone,dunning_phone}'),"
					" bool_or(kind = 'customers' AND columns ? 'address'),"
					" EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'citus'),"
					" bool_or(kind = 'ledger' AND columns ? 'tenant'),"
					" bool_or(kind = 'customers' AND columns ? 'tenant')"
					" FROM dunning.binding", true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not read dunning.binding");
	bound->customers = true_at(1);
	bound->payments = true_at(2);
	bound->email = true_at(3);
	bound->phone = true_at(4);
	bound->address = true_at(5);
	bound->citus = true_at(6);
	bound->tenant = true_at(7);
	bound->customers_tenant = bound->tenant && true_at(8);
}

/*
 * The customer columns a pass (and a simulation) reads, in this order:
 * time_zone, locale, email, name, phone, consumer, address, postcode,
 * city, country; the dunning contact, where the customer has one, before
 * the main one.  Of "cu", a row of dunning.customer, when customers are
 * bound.
 */
const char *
dunning_contact_columns(bool customers)
{
	return customers
		? "cu.time_zone, cu.locale, coalesce(cu.dunning_email, cu.email) AS email, cu.name,"
		" coalesce(cu.dunning_phone, cu.phone) AS phone, cu.consumer,"
		" cu.address, cu.postcode, cu.city, cu.country"
		: "NULL::text AS time_zone, NULL::text AS locale, NULL::text AS email,"
		" NULL::text AS name, NULL::text AS phone, NULL::boolean AS consumer,"
		" NULL::text AS address, NULL::text AS postcode, NULL::text AS city,"
		" NULL::text AS country";
}

/* The candidate query: newly overdue invoices and state rows due for a look. */
static char *
candidate_sql(Pass *pass, bool customers_bound, bool unique_keys)
{
	/*
	 * with a payments binding, each invoice's payments, when some policy
	 * charges interest ($5): they cut its interest by the principal of each
	 * day; and those of an invoice paid, whose last one dates its payment
	 */
	const char *payments = pass->bound.payments
		? " LEFT JOIN LATERAL (SELECT"
		"   array_agg(p.paid_on::date ORDER BY p.paid_on) AS paid_on,"
		"   array_agg(p.amount::numeric ORDER BY p.paid_on) AS paid"
		"  FROM dunning.payment p"
	/* and, for one the ledger shows paid, the day it was paid */
		"  WHERE ($5 OR NOT coalesce(c.open_amount > 0, true))"
		"    AND p.invoice_id = c.invoice_id) pay ON true"
		: " CROSS JOIN (SELECT NULL::date[] AS paid_on, NULL::numeric[] AS paid) pay";
	const char *contact = dunning_contact_columns(customers_bound);

	/*
	 * the ledger's rows of the states looked at: on Citus, the keys of
	 * those states go to the shards, which return only their rows; a plain
	 * join of dunning's table with the distributed ledger, the state on the
	 * outer side, would bring every row of the ledger to the coordinator
	 */
	const char *state_ledger = pass->bound.citus
		? "(SELECT * FROM dunning.ledger l2 WHERE l2.invoice_id IN"
		"  (SELECT s2.invoice_id FROM dunning.invoice_state s2"
		"    WHERE s2.status = 'open' AND (s2.next_check_at <= $1 OR $6 OR $2::timestamptz IS NULL)))"
		: "dunning.ledger";
	/*
	 * each customer's row: looked up per customer; on Citus, the
	 * candidates' customers read apart (one row each), since a look-up per
	 * customer joined with dunning's own tables is a join Citus cannot plan
	 * when the customers are distributed (and apart costs a little more
	 * on one server: a sort and a semi-join over the customers)
	 */
	bool		apart = customers_bound && pass->bound.citus;
	bool		tenant = pass->bound.tenant;
	/* with tenants bound on both, a customer's row is that of its tenant */
	bool		cust_tenant = pass->bound.customers_tenant;
	const char *customers = apart
		? psprintf(",crow AS MATERIALIZED (SELECT DISTINCT ON (cu.customer_id%s) cu.*"
				   "  FROM dunning.customer cu"
				   "  WHERE cu.customer_id IN (SELECT customer_id FROM cand)"
				   "  ORDER BY cu.customer_id%s)",
				   cust_tenant ? ", cu.tenant" : "", cust_tenant ? ", cu.tenant" : "")
		: "";
	const char *contact_join = !customers_bound ? ""
		: apart ? (cust_tenant
				   ? " LEFT JOIN crow cu ON cu.customer_id = d.customer_id AND cu.tenant = d.tenant"
				   : " LEFT JOIN crow cu ON cu.customer_id = d.customer_id")
		: cust_tenant
		? " LEFT JOIN LATERAL (SELECT * FROM dunning.customer cu"
		"   WHERE cu.customer_id = d.customer_id AND cu.tenant = d.tenant LIMIT 1) cu ON true"
		: " LEFT JOIN LATERAL (SELECT * FROM dunning.customer cu"
		"   WHERE cu.customer_id = d.customer_id LIMIT 1) cu ON true";
	/*
	 * with a tenant bound, a customer is dunned per tenant: its reminders
	 * (the contact cap) and the candidates' groups are those of its tenant
	 */
	const char *same_tenant_r = tenant ? " AND r.tenant IS NOT DISTINCT FROM d.tenant" : "";
	const char *same_tenant_a = tenant ? " AND a.tenant IS NOT DISTINCT FROM d.tenant" : "";
	const char *same_tenant_k = tenant ? " AND k.tenant IS NOT DISTINCT FROM c.tenant" : "";
	const char *tenant_order = tenant ? "c.tenant, " : "";

	return psprintf(
					"WITH cand AS MATERIALIZED ("
	/*
	 * an invoice closed before (paid, or gone from the ledger) that is open
	 * again is reopened: it keeps the level it had reached
	 */
					" SELECT l.invoice_id, l.customer_id, l.tenant, true AS present,"
					"  l.open_amount::numeric AS open_amount, l.due_on, l.currency, l.reference,"
					"  s.invoice_id IS NOT NULL AS in_state, coalesce(s.level, 0) AS level,"
					"  s.last_reminder_at AS last_at, s.invoice_id IS NOT NULL AS reopened,"
					"  s.last_reminder_id"
					" FROM dunning.ledger l"
					" LEFT JOIN dunning.invoice_state s ON s.invoice_id = l.invoice_id"
					" WHERE $4 AND l.open_amount > 0"
	/*
	 * days are whole: an invoice falls due on a day (a due instant on the
	 * day it falls in), so the window is drawn in dates, whatever the
	 * type of the ledger's due dates
	 */
					"  AND l.due_on < ($1 + interval '1 day')::date"
					"  AND ($2::timestamptz IS NULL OR l.due_on >= $2::date)"
					"  AND (s.invoice_id IS NULL OR s.status = 'closed')"
					" UNION ALL"
					" SELECT s.invoice_id, coalesce(l.customer_id, s.customer_id),"
					"  CASE WHEN l.invoice_id IS NULL THEN s.tenant ELSE l.tenant END,"
					"  l.invoice_id IS NOT NULL, l.open_amount::numeric, l.due_on, l.currency,"
					"  l.reference, true, s.level, s.last_reminder_at, false, s.last_reminder_id"
					" FROM dunning.invoice_state s"
					" LEFT JOIN %s l ON l.invoice_id = s.invoice_id"
	/*
	 * and, on a full discovery (at least daily), every open state whose
	 * invoice the ledger shows paid or no longer has: a payment is noticed
	 * within a day, not at the routine look weeks later
	 */
	/*
	 * a preview with a draft looks at every open invoice: passes left those
	 * a draft would remind waiting for no policy, weeks away ($6)
	 */
					" WHERE s.status = 'open' AND (s.next_check_at <= $1 OR $6"
					"  OR ($2::timestamptz IS NULL"
					"      AND (l.invoice_id IS NULL OR NOT l.open_amount > 0))))"
					"%s"
					/* what the decisions need of each customer, looked up once each */
					",cust AS MATERIALIZED ("
					" SELECT d.customer_id, d.tenant,"
	/* ($7, $8: whether any customer is assigned, any address suppressed) */
	/* (a tenant's assignment before one for every tenant: 33_tenant.sql) */
					"  (SELECT a.policy FROM dunning.assignment a"
					"    WHERE $7 AND a.customer_id = d.customer_id"
					"      AND (a.tenant IS NULL OR a.tenant = d.tenant)"
					"    ORDER BY a.tenant NULLS LAST LIMIT 1) AS assigned,"
					"  (SELECT CASE WHEN bool_or(h.until IS NULL) THEN 'infinity'::date"
					"          ELSE max(h.until) END"
	/* a hold that names a tenant holds the customer in that tenant only */
					"    FROM dunning.hold h WHERE h.customer_id = d.customer_id"
					"      AND (h.tenant IS NULL OR h.tenant = d.tenant)) AS customer_hold,"
					"  ARRAY(SELECT r.as_of FROM dunning.reminder r"
					"    WHERE r.customer_id = d.customer_id AND r.status <> 'cancelled'%s"
					"      AND r.as_of > $1 - $3 AND r.as_of <= $1"
					"    UNION ALL"
	/* a dead reminder never reached the customer: it is no contact */
					"    SELECT a.as_of FROM dunning.reminder_archive a"
					"    WHERE a.customer_id = d.customer_id%s"
					"      AND a.status NOT IN ('cancelled', 'dead')"
					"      AND a.as_of > $1 - $3 AND a.as_of <= $1) AS contacts,"
	/* an address or number on the suppression list, and why */
					"  (SELECT s.reason FROM dunning.suppression s"
					"    WHERE $8 AND s.customer_id = d.customer_id AND s.contact = 'email'"
					"      AND (s.address IS NULL OR s.address = %s) ORDER BY s.id LIMIT 1)"
					"    AS email_suppressed,"
					"  (SELECT s.reason FROM dunning.suppression s"
					"    WHERE $8 AND s.customer_id = d.customer_id AND s.contact = 'phone'"
					"      AND (s.address IS NULL OR s.address = %s) ORDER BY s.id LIMIT 1)"
					"    AS phone_suppressed,"
					"  %s"
					" FROM (SELECT DISTINCT customer_id, tenant FROM cand) d%s)"
					" SELECT c.*,"
					"  (SELECT CASE WHEN bool_or(h.until IS NULL) THEN 'infinity'::date"
					"          ELSE max(h.until) END"
					"     FROM dunning.hold h WHERE h.invoice_id = c.invoice_id) AS invoice_hold,"
					"  k.assigned, k.customer_hold, k.contacts,"
					"  k.time_zone, k.locale, k.email, k.name, k.phone, k.consumer,"
					"  k.email_suppressed, k.phone_suppressed,"
					"  k.address, k.postcode, k.city, k.country,"
					"  pay.paid_on, pay.paid"
	/*
	 * Whatever reads a table the pass writes (the queue, the charges, and
	 * the customers' recent reminders) is done before the first row comes
	 * out: here, or in cust, under the sort that the ORDER BY needs (no
	 * index gives that order), or materialized whole for the join.  A
	 * look-up made as the rows are fetched would also scan the rows the
	 * pass wrote meanwhile, whenever the planner, from a table empty at
	 * the last ANALYZE, picks a scan of the table for it.
	 */
					" FROM (SELECT y.*,"
	/* no stacking: is its last reminder still in the queue? */
					"   rq.id IS NOT NULL AS unsent,"
					"   ch.charged_fees, ch.charged_interest, ch.charged_compensation,"
					"   ch.compensated, ch.interest_through, ch.fee_levels"
					"  FROM %s y"
	/* a join, not a look-up per row: most candidates have none */
					"  LEFT JOIN dunning.reminder rq ON rq.id = y.last_reminder_id"
	/*
	 * the charges raised before: only an invoice reminded before has any
	 * (tested outside the sums, so that none is started for the others)
	 */
					"  LEFT JOIN LATERAL (SELECT * FROM (SELECT"
					"    sum(x.amount) FILTER (WHERE x.kind = 'fee' AND x.waived_at IS NULL)"
					"      AS charged_fees,"
					"    sum(x.amount) FILTER (WHERE x.kind = 'interest' AND x.waived_at IS NULL)"
					"      AS charged_interest,"
					"    sum(x.amount) FILTER (WHERE x.kind = 'compensation' AND x.waived_at IS NULL)"
					"      AS charged_compensation,"
					"    bool_or(x.kind = 'compensation') AS compensated,"
					"    max(x.period_to) AS interest_through,"
					"    array_agg(x.level) FILTER (WHERE x.kind = 'fee') AS fee_levels"
					"   FROM dunning.charge x WHERE x.invoice_id = y.invoice_id) sums"
					"   WHERE y.level > 0 OFFSET 0) ch ON true"
	/* a fence: planned as a whole, under the sort */
					"  OFFSET 0) c"
					" JOIN cust k ON k.customer_id = c.customer_id%s"
					"%s"
					" ORDER BY %sc.customer_id, c.due_on, c.invoice_id",
					state_ledger, customers, same_tenant_r, same_tenant_a,
					customers_bound ? "coalesce(cu.dunning_email, cu.email)" : "NULL::text",
					customers_bound ? "coalesce(cu.dunning_phone, cu.phone)" : "NULL::text",
					contact, contact_join,
					unique_keys ? "(SELECT cand.*, 1::bigint AS copies FROM cand)"
	/*
	 * a ledger whose keys nothing keeps unique (a view, a table without a
	 * unique index on the key) may list an invoice twice: it is read once,
	 * with the number of its copies, and waits as bad data
	 */
					: "(SELECT d.* FROM (SELECT cand.*,"
					"   count(*) OVER (PARTITION BY cand.invoice_id) AS copies,"
					"   row_number() OVER (PARTITION BY cand.invoice_id"
					"     ORDER BY cand.customer_id, cand.due_on) AS copy"
					"  FROM cand) d WHERE d.copy = 1)", same_tenant_k, payments, tenant_order);
}

/*
 * Whether any customer is assigned a policy and any address is on the
 * suppression list: when not, the candidate query looks up neither for
 * each customer (two tables most ledgers leave empty, read once here
 * instead of once per customer).
 */
static void
lookups_in_use(bool *assigned, bool *suppressed)
{
	bool		isnull;

	if (SPI_execute("SELECT EXISTS (SELECT 1 FROM dunning.assignment),"
					" EXISTS (SELECT 1 FROM dunning.suppression)", true, 1) != SPI_OK_SELECT
		|| SPI_processed != 1)
		elog(ERROR, "could not read whether assignments and suppressions exist");
	*assigned = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
										   1, &isnull));
	*suppressed = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
											 2, &isnull));
	SPI_freetuptable(SPI_tuptable);
}

/* Open the candidate cursor. */
Portal
open_candidates(Pass *pass, TimestampTz discover_from)
{
	Oid			types[8] = {TIMESTAMPTZOID, TIMESTAMPTZOID, INTERVALOID, BOOLOID, BOOLOID, BOOLOID,
	BOOLOID, BOOLOID};
	Datum		args[8];
	char		nulls[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
	bool		assigned;
	bool		suppressed;
	Portal		portal;
	OwnerScope	scope;
	char	   *sql;

	dunning_read_bound(&pass->bound);
	sql = candidate_sql(pass, pass->bound.customers, ledger_keys_unique());

	args[0] = TimestampTzGetDatum(pass->as_of);
	args[1] = TimestampTzGetDatum(discover_from);
	if (pass->full)
		nulls[1] = 'n';
	args[2] = IntervalPGetDatum(&pass->campaign->longest_period);
	args[3] = BoolGetDatum(pass->discover_ledger);
	args[4] = BoolGetDatum(dunning_campaign_charges_interest(pass->campaign));
	args[5] = BoolGetDatum(pass->preview && pass->campaign->has_drafts);
	lookups_in_use(&assigned, &suppressed);
	args[6] = BoolGetDatum(assigned);
	args[7] = BoolGetDatum(suppressed);

	/* planned and run as the pass role: the planner may run its functions too */
	owner_scope_begin(&scope, pass->pass_role);
	portal = SPI_cursor_open_with_args(NULL, sql, 8, types,
									   args, nulls, false, 0);
	owner_scope_end(&scope);
	if (portal == NULL)
		elog(ERROR, "could not open the candidate cursor: %s",
			 SPI_result_code_string(SPI_result));
	return portal;
}

/* Learn the ledger's key and due-date types from the cursor's result. */
void
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
