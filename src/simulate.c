/*-------------------------------------------------------------------------
 *
 * simulate.c
 *	  Backtests: what a policy would have sent over a past period.
 *
 * dunning.simulate_at(policy, instants) replays the rules of the passes
 * (evaluate.c, the same code) at each instant in turn, for every invoice of
 * the policy's currency, as if every customer were assigned to it.  The
 * ledger is read as it stood on each day: open now, plus what the payments
 * binding shows paid since (ledger_as_of.c), read as the ledger's owner.
 * The simulation keeps its own levels, last reminders and contacts; every
 * reminder it emits is taken as delivered the day it is emitted.  It
 * writes nothing: not the queue, the state, the history or the charges.
 * Holds and the suppression list are not replayed (they keep no history).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "bound.h"
#include "calendar.h"
#include "campaign.h"
#include "evaluate.h"
#include "owner.h"

PG_FUNCTION_INFO_V1(dunning_simulate_at);

#define SIM_KEY_MAX 256

/* What the simulation knows of an invoice between days. */
typedef struct SimInvoice
{
	char		key[SIM_KEY_MAX];
	int			level;
	bool		has_last;
	TimestampTz last;
	TimestampTz next_check;		/* when its last decision said to look again */
} SimInvoice;

/* And of a customer: the reminders it has had. */
typedef struct SimCustomer
{
	char		key[SIM_KEY_MAX];
	int			ncontacts;
	int			cap;
	TimestampTz *contacts;
} SimCustomer;

/* The simulation's memory of invoices and customers. */
typedef struct Sim
{
	HTAB	   *invoices;
	HTAB	   *customers;
	MemoryContext cxt;
	const char *policy;
	Campaign   *campaign;
	Bound		bound;			/* what the bindings bind */
	ReturnSetInfo *rsinfo;
} Sim;

/* A hash of string keys of at most SIM_KEY_MAX - 1 bytes. */
static HTAB *
key_table(const char *name, Size entry, MemoryContext cxt)
{
	HASHCTL		ctl;

	ctl.keysize = SIM_KEY_MAX;
	ctl.entrysize = entry;
	ctl.hcxt = cxt;
	return hash_create(name, 1024, &ctl, HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
}

static void *
key_entry(HTAB *table, const char *key, bool *found)
{
	if (strlen(key) >= SIM_KEY_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("an invoice or customer key is too long to simulate"),
				 errdetail("Keys of at most %d bytes can be simulated.", SIM_KEY_MAX - 1)));
	return hash_search(table, key, HASH_ENTER, found);
}

/*
 * The open invoices of a day in the policy's currency, with the customers'
 * data, read as the ledger's owner.
 */
static void
read_day(DateADT day, const char *currency, bool payments, bool customers)
{
	Oid			types[2] = {DATEOID, TEXTOID};
	Datum		args[2] = {DateADTGetDatum(day), CStringGetTextDatum(currency)};
	OwnerScope	scope;
	char	   *sql;

	sql = psprintf("SELECT l.invoice_id::text, l.customer_id::text, l.currency::text,"
				   " l.due_on::date, l.open_amount::numeric%s AS open,"
				   " %s"
				   " FROM dunning.ledger l%s%s"
				   " WHERE l.due_on::date <= $1 AND (l.open_amount > 0%s)"
				   "   AND (l.currency IS NULL OR l.currency::text = $2)"
				   " ORDER BY l.customer_id, l.due_on, l.invoice_id",
				   payments ? " + coalesce(p.since, 0)" : "",
				   dunning_contact_columns(customers),
				   payments ? " LEFT JOIN (SELECT p.invoice_id, sum(p.amount::numeric) AS since"
				   "   FROM dunning.payment p WHERE p.paid_on::date > $1"
				   "   GROUP BY p.invoice_id) p ON p.invoice_id = l.invoice_id" : "",
	/* one row a customer, as a pass reads them */
				   customers ? " LEFT JOIN (SELECT DISTINCT ON (customer_id) * FROM dunning.customer"
				   "   ORDER BY customer_id) cu ON cu.customer_id = l.customer_id" : "",
	/* open that day: open now, or paid since */
				   payments ? " OR p.since > 0" : "");
	owner_scope_begin(&scope, dunning_pass_role());
	if (SPI_execute_with_args(sql, 2, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the ledger");
	owner_scope_end(&scope);
}

/* A text column of the day's rows (the query casts them to text), or NULL. */
static char *
text_col(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/* The customer of a row, as the decisions need them. */
static void
fill_customer(Sim *sim, Customer *c, HeapTuple tup, TupleDesc desc, TimestampTz as_of)
{
	bool		isnull;
	Datum		consumer;
	bool		found;
	SimCustomer *known;

	memset(c, 0, sizeof(Customer));
	c->key_text = text_col(tup, desc, 2);
	c->time_zone = text_col(tup, desc, 6);
	c->tz = dunning_find_zone(c->time_zone);
	c->locale = text_col(tup, desc, 7);
	c->email = text_col(tup, desc, 8);
	c->name = text_col(tup, desc, 9);
	c->phone = text_col(tup, desc, 10);
	consumer = SPI_getbinval(tup, desc, 11, &isnull);
	c->consumer = isnull ? -1 : DatumGetBool(consumer) ? 1 : 0;
	c->address = text_col(tup, desc, 12);
	c->postcode = text_col(tup, desc, 13);
	c->city = text_col(tup, desc, 14);
	c->country = text_col(tup, desc, 15);
	c->bound = &sim->bound;
	c->assigned = (char *) sim->policy;
	known = key_entry(sim->customers, c->key_text, &found);
	if (!found)
	{
		known->ncontacts = 0;
		known->cap = 16;
		known->contacts = MemoryContextAlloc(sim->cxt, sizeof(TimestampTz) * known->cap);
	}
	c->ncontacts = known->ncontacts;
	c->contacts = known->contacts;
}

/* An invoice of a row, with what the simulation knows of it. */
static void
fill_invoice(Sim *sim, Invoice *inv, HeapTuple tup, TupleDesc desc)
{
	bool		isnull;
	bool		found;
	SimInvoice *known;

	memset(inv, 0, sizeof(Invoice));
	inv->key_text = text_col(tup, desc, 1);
	inv->present = true;
	inv->open_amount = SPI_getbinval(tup, desc, 5, &isnull);
	inv->open = !isnull && DatumGetBool(DirectFunctionCall2(numeric_gt, inv->open_amount,
															DirectFunctionCall1(int4_numeric,
																				Int32GetDatum(0))));
	inv->due_on = SPI_getbinval(tup, desc, 4, &isnull);
	inv->currency = text_col(tup, desc, 3);
	inv->copies = 1;
	known = key_entry(sim->invoices, inv->key_text, &found);
	if (!found)
	{
		known->level = 0;
		known->has_last = false;
		known->next_check = DT_NOBEGIN;
	}
	inv->in_state = found;
	/* the day's candidates: invoices new to it, or due for a look */
	inv->next_check = found ? known->next_check : DT_NOBEGIN;
	inv->level = known->level;
	inv->has_last = known->has_last;
	inv->last_reminder_at = known->last;
}

/* One simulated reminder as a row of the result; what it did is remembered. */
static void
emit(Sim *sim, Reminder *r, TimestampTz as_of)
{
	Datum		values[6];
	bool		nulls[6] = {false};
	Datum	   *keys = palloc(sizeof(Datum) * r->ninvoices);
	Datum		total = DirectFunctionCall1(int4_numeric, Int32GetDatum(0));
	bool		found;
	SimCustomer *c = key_entry(sim->customers, r->customer->key_text, &found);
	MemoryContext old;

	for (int i = 0; i < r->ninvoices; i++)
	{
		Invoice    *inv = r->invoices[i];
		SimInvoice *known = key_entry(sim->invoices, inv->key_text, &found);

		keys[i] = CStringGetTextDatum(inv->key_text);
		total = DirectFunctionCall2(numeric_add, total, inv->open_amount);
		known->level = inv->due_step->level;
		known->has_last = true;
		known->last = as_of;
	}
	if (c->ncontacts == c->cap)
	{
		c->cap *= 2;
		c->contacts = repalloc(c->contacts, sizeof(TimestampTz) * c->cap);
	}
	c->contacts[c->ncontacts++] = as_of;

	values[0] = TimestampTzGetDatum(as_of);
	values[1] = CStringGetTextDatum(r->customer->key_text);
	values[2] = PointerGetDatum(construct_array(keys, r->ninvoices, TEXTOID, -1, false,
												TYPALIGN_INT));
	values[3] = Int32GetDatum(r->step->level);
	values[4] = CStringGetTextDatum(r->channel);
	values[5] = total;
	old = MemoryContextSwitchTo(sim->rsinfo->econtext->ecxt_per_query_memory);
	tuplestore_putvalues(sim->rsinfo->setResult, sim->rsinfo->setDesc, values, nulls);
	MemoryContextSwitchTo(old);
}

/* Decide a customer's invoices of the day and emit their reminders. */
static void
decide_customer(Sim *sim, Customer *cust, Invoice *invs, int n, TimestampTz as_of)
{
	Reminder   *rs;
	int			nr;

	for (int i = 0; i < n; i++)
		dunning_decide_invoice(&invs[i], cust, sim->campaign, as_of);
	nr = dunning_group_reminders(invs, n, cust, as_of, &rs);
	for (int j = 0; j < nr; j++)
		emit(sim, &rs[j], as_of);
	/* when each says to look again */
	for (int i = 0; i < n; i++)
	{
		bool		found;
		SimInvoice *known = key_entry(sim->invoices, invs[i].key_text, &found);

		known->next_check = invs[i].next_check;
	}
}

/* One day of the simulation. */
static void
simulate_day(Sim *sim, TimestampTz as_of)
{
	MemoryContext day_cxt = AllocSetContextCreate(CurrentMemoryContext, "simulated day",
												  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(day_cxt);
	Policy	   *p = dunning_choose_policy(sim->campaign, sim->policy, NULL, NULL);
	DateADT		day = dunning_local_date(as_of, p->tz);
	TupleDesc	desc;
	Invoice    *invs;
	Customer	cust;
	int			n = 0;

	read_day(day, p->currency, sim->bound.payments, sim->bound.customers);
	desc = SPI_tuptable->tupdesc;
	invs = palloc0(sizeof(Invoice) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		char	   *cust_key = text_col(tup, desc, 2);

		CHECK_FOR_INTERRUPTS();
		if (n > 0 && strcmp(cust.key_text, cust_key) != 0)
		{
			decide_customer(sim, &cust, invs, n, as_of);
			n = 0;
		}
		if (n == 0)
			fill_customer(sim, &cust, tup, desc, as_of);
		fill_invoice(sim, &invs[n], tup, desc);
		/*
		 * an invoice paid that day is no candidate (a pass would close it),
		 * nor one whose last decision said to look again later: as in a
		 * pass, looking earlier would decide the same
		 */
		if (invs[n].open && invs[n].next_check <= as_of)
			n++;
	}
	if (n > 0)
		decide_customer(sim, &cust, invs, n, as_of);
	SPI_freetuptable(SPI_tuptable);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(day_cxt);
}

/*
 * dunning.simulate_at(policy text, instants timestamptz[])
 *		RETURNS TABLE (at timestamptz, customer_id text, invoice_ids text[],
 *					   level integer, channel text, total_open numeric)
 */
Datum
dunning_simulate_at(PG_FUNCTION_ARGS)
{
	char	   *policy = text_to_cstring(PG_GETARG_TEXT_PP(0));
	ArrayType  *instants = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *at;
	bool	   *at_nulls;
	int			nat;
	Sim			sim = {0};
	Policy	   *p;

	InitMaterializedSRF(fcinfo, 0);
	deconstruct_array(instants, TIMESTAMPTZOID, 8, true, TYPALIGN_DOUBLE, &at, &at_nulls, &nat);
	if (nat == 0)
		return (Datum) 0;
	sim.cxt = AllocSetContextCreate(CurrentMemoryContext, "simulation", ALLOCSET_DEFAULT_SIZES);
	sim.invoices = key_table("simulated invoices", sizeof(SimInvoice), sim.cxt);
	sim.customers = key_table("simulated customers", sizeof(SimCustomer), sim.cxt);
	sim.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	sim.policy = policy;

	sim.campaign = dunning_load_campaign(DatumGetTimestampTz(at[0]), true);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	p = dunning_choose_policy(sim.campaign, policy, NULL, NULL);
	if (p == NULL || strcmp(p->name, policy) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("policy \"%s\" does not exist", policy),
				 errhint("Name a policy of dunning.policy.")));
	/* replayed as if in force, whatever its status now */
	p->active = true;
	p->paused = false;
	dunning_read_bound(&sim.bound);

	for (int i = 0; i < nat; i++)
	{
		if (at_nulls[i])
			continue;
		simulate_day(&sim, DatumGetTimestampTz(at[i]));
	}
	SPI_finish();
	MemoryContextDelete(sim.cxt);
	return (Datum) 0;
}
