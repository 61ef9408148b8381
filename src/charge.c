/*-------------------------------------------------------------------------
 *
 * charge.c
 *	  What a reminder charges: the step's fee, the law's fixed compensation
 *	  and statutory interest, for each of its invoices.
 *
 * Called for each reminder a pass emits (or previews), before its payload
 * is built, with what the candidate query read of the charges raised
 * before.  For each invoice:
 *
 *	- the fee of the step it is reminded at (fixed, or from the step's fee
 *	  schedule by its open amount), unless a fee was raised for it at that
 *	  level already;
 *	- the law's fixed compensation, once per invoice, from the policy's
 *	  compensation_from_level on;
 *	- interest, from the policy's interest_from_level on, for the days since
 *	  the last day interest was raised for (or since it started to run)
 *	  through the day before the pass, on the principal of each day: with a
 *	  payments binding, the open amount and the payments made after that
 *	  day (exact); without, the open amount the pass sees (approximate, in
 *	  the customer's favour).  Never for a day after the invoice was paid,
 *	  since a paid invoice is not reminded.
 *
 * A customer paying late for the first time in a year (no reminder about
 * another invoice, no fee, in the 12 months before), under a policy that
 * waives the first fee, gets the fees of this reminder raised as waived.
 * The rows are written with the reminder (pass_writes.c).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/jsonb.h"

#include "charge.h"
#include "evaluate.h"
#include "interest.h"
#include "money.h"

const char *const charge_kind_names[NCHARGE_KINDS] = {"fee", "interest", "compensation"};

/* Was a fee raised for this invoice at this level already? */
static bool
fee_level_raised(const InvoiceCharges *c, int level)
{
	for (int i = 0; i < c->nfee_levels; i++)
		if (c->fee_levels[i] == level)
			return true;
	return false;
}

/* A jsonb value from its text. */
static Jsonb *
jsonb_of(const char *text)
{
	return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(text)));
}

/* Raise the fee of the invoice's step, if it has one not raised before. */
static void
raise_fee(Invoice *inv, const Policy *p)
{
	const Step *step = inv->due_step;
	InvoiceCharges *c = &inv->charges;
	Datum		amount;

	if (step->fee_schedule == NULL && !money_positive(step->fee))
		return;
	if (fee_level_raised(c, step->level))
		return;
	amount = step->fee_schedule != NULL
		? fee_schedule_amount(step->fee_schedule, inv->open_amount)
		: money_round(step->fee, p->minor_units);
	if (!money_positive(amount))
		return;
	c->raises[CHARGE_FEE] = true;
	c->amount[CHARGE_FEE] = amount;
	c->detail[CHARGE_FEE] = step->fee_schedule != NULL
		? jsonb_of(psprintf("{\"schedule\": \"%s\", \"debt\": %s}",
							step->fee_schedule->name, money_text(inv->open_amount)))
		: jsonb_of(psprintf("{\"fixed\": %s}", money_text(step->fee)));
}

/* Raise the law's fixed compensation, once per invoice. */
static void
raise_compensation(Invoice *inv, const Policy *p, bool consumer)
{
	InvoiceCharges *c = &inv->charges;
	FeeSchedule *s;

	if (p->law == NULL || p->compensation_from_level == 0 || c->compensated
		|| inv->due_step->level < p->compensation_from_level)
		return;
	s = p->law->compensation[consumer ? 1 : 0];
	if (s == NULL)
		return;
	c->amount[CHARGE_COMPENSATION] = fee_schedule_amount(s, inv->open_amount);
	c->raises[CHARGE_COMPENSATION] = money_positive(c->amount[CHARGE_COMPENSATION]);
	c->detail[CHARGE_COMPENSATION] =
		jsonb_of(psprintf("{\"law\": \"%s\", \"schedule\": \"%s\", \"debt\": %s}",
						  p->law->name, s->name, money_text(inv->open_amount)));
}

/*
 * The stretches of an interest charge, as its detail: each with the
 * principal it ran on, and whether the payments binding gave it (exact)
 * or the open amount the pass saw (approximate).
 */
static Jsonb *
interest_detail(const Law *law, bool exact, InterestStretch *st, int n)
{
	StringInfoData b;

	initStringInfo(&b);
	appendStringInfo(&b, "{\"law\": \"%s\", \"principal_from\": \"%s\", \"stretches\": [",
					 law->name, exact ? "payments" : "open amount");
	for (int i = 0; i < n; i++)
		appendStringInfo(&b, "%s{\"from\": \"%s\", \"to\": \"%s\", \"days\": %d,"
						 " \"principal\": %s, \"rate\": %s, \"amount\": %s}",
						 i ? ", " : "",
						 DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(st[i].from))),
						 DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(st[i].to))),
						 st[i].days, money_text(st[i].principal), money_text(st[i].rate),
						 money_text(st[i].amount));
	appendStringInfoString(&b, "]}");
	return jsonb_of(b.data);
}

/* Raise interest for the days since the last interest charge. */
static void
raise_interest(Invoice *inv, const Policy *p, bool consumer)
{
	InvoiceCharges *c = &inv->charges;
	const Law  *law = p->law;
	DateADT		start;
	DateADT		from;
	InterestStretch *st;
	Principal	principal;
	int			n;
	Datum		sum = money_zero();

	if (law == NULL || p->interest_from_level == 0
		|| inv->due_step->level < p->interest_from_level)
		return;
	start = inv->due_date + law->interest_from_day;
	from = c->has_interest_through ? Max(c->interest_through + 1, start) : start;
	principal.open = inv->open_amount;
	principal.npayments = c->npayments;
	principal.paid_on = c->paid_on;
	principal.paid = c->paid;
	n = interest_stretches(law, consumer, &principal, start, from, inv->today - 1, &st);
	for (int i = 0; i < n; i++)
		sum = money_add(sum, st[i].amount);
	sum = money_round(sum, p->minor_units);
	if (n == 0 || !money_positive(sum))
		return;
	c->raises[CHARGE_INTEREST] = true;
	c->amount[CHARGE_INTEREST] = sum;
	c->interest_from = st[0].from;
	c->interest_to = st[n - 1].to;
	c->interest_rate = st[n - 1].rate;
	c->detail[CHARGE_INTEREST] = interest_detail(law, c->payments_bound, st, n);
}

/*
 * Is this the customer's first late payment in a year: no reminder (not
 * cancelled) about another invoice, and no fee, in the 12 months before
 * this pass, in its tenant (NULL: none bound)?  One prepared statement per
 * session and key types.
 */
static bool
first_late_payment(Reminder *r, Oid cust_type, Oid inv_type, TimestampTz as_of)
{
	static SPIPlanPtr plan = NULL;
	static Oid	plan_types[2] = {InvalidOid, InvalidOid};
	Datum		args[4];
	char		nulls[4] = {' ', ' ', ' ', ' '};
	Datum	   *keys = palloc(sizeof(Datum) * r->ninvoices);
	int16		len;
	bool		byval;
	char		align;

	if (plan == NULL || plan_types[0] != cust_type || plan_types[1] != inv_type)
	{
		Oid			types[4] = {cust_type, TIMESTAMPTZOID, get_array_type(inv_type), TEXTOID};

		if (plan != NULL)
			SPI_freeplan(plan);
		plan = SPI_prepare("SELECT NOT EXISTS (SELECT 1 FROM dunning.reminder r"
						   "  WHERE r.customer_id = $1 AND r.as_of < $2"
						   "    AND r.as_of >= $2 - interval '12 months'"
						   "    AND NOT r.invoice_ids && $3 AND r.tenant IS NOT DISTINCT FROM $4)"
						   " AND NOT EXISTS (SELECT 1 FROM dunning.reminder_archive a"
						   "  WHERE a.customer_id = $1 AND a.as_of < $2"
						   "    AND a.as_of >= $2 - interval '12 months'"
						   "    AND a.status <> 'cancelled' AND NOT a.invoice_ids && $3"
						   "    AND a.tenant IS NOT DISTINCT FROM $4)"
						   " AND NOT EXISTS (SELECT 1 FROM dunning.charge c"
						   "  WHERE c.customer_id = $1 AND c.kind = 'fee' AND c.raised_at < $2"
						   "    AND c.raised_at >= $2 - interval '12 months'"
						   "    AND c.tenant IS NOT DISTINCT FROM $4)", 4, types);
		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "could not prepare the look-up of a customer's late payments");
		plan_types[0] = cust_type;
		plan_types[1] = inv_type;
	}
	for (int i = 0; i < r->ninvoices; i++)
		keys[i] = r->invoices[i]->key;
	get_typlenbyvalalign(inv_type, &len, &byval, &align);
	args[0] = r->customer->key;
	args[1] = TimestampTzGetDatum(as_of);
	args[2] = PointerGetDatum(construct_array(keys, r->ninvoices, inv_type, len, byval, align));
	args[3] = r->customer->tenant ? CStringGetTextDatum(r->customer->tenant) : (Datum) 0;
	nulls[3] = r->customer->tenant ? ' ' : 'n';
	if (SPI_execute_plan(plan, args, nulls, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not look up a customer's late payments");
	return strcmp(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1), "t") == 0;
}

/* Decide the charges each invoice of a reminder raises. */
void
charges_raise(Reminder *r, Oid cust_type, Oid inv_type, TimestampTz as_of)
{
	bool		any_fee = false;
	/* the customer binding says, else the policy */
	bool		consumer = r->customer->consumer >= 0 ? r->customer->consumer == 1
		: r->policy->consumers;

	for (int i = 0; i < r->ninvoices; i++)
	{
		Invoice    *inv = r->invoices[i];
		InvoiceCharges *c = &inv->charges;

		memset(c->raises, 0, sizeof(c->raises));
		c->fee_waived = false;
		raise_fee(inv, r->policy);
		raise_compensation(inv, r->policy, consumer);
		raise_interest(inv, r->policy, consumer);
		any_fee |= c->raises[CHARGE_FEE];
	}
	if (any_fee && r->policy->waive_first_fee
		&& first_late_payment(r, cust_type, inv_type, as_of))
		for (int i = 0; i < r->ninvoices; i++)
			r->invoices[i]->charges.fee_waived = r->invoices[i]->charges.raises[CHARGE_FEE];
}

/* What an invoice owes of a kind of charge, with this reminder's (not waived). */
Datum
charges_total(const InvoiceCharges *c, ChargeKind kind)
{
	Datum		total = c->before[kind];

	if (c->raises[kind] && !(kind == CHARGE_FEE && c->fee_waived))
		total = money_add(total, c->amount[kind]);
	return total;
}

/* Does the invoice owe anything besides its principal, with this reminder? */
bool
charges_any(const InvoiceCharges *c)
{
	if (c->any_before)
		return true;
	for (int k = 0; k < NCHARGE_KINDS; k++)
		if (c->raises[k] && !(k == CHARGE_FEE && c->fee_waived))
			return true;
	return false;
}
