/*-------------------------------------------------------------------------
 *
 * campaign.c
 *	  Policies and their steps, loaded once per pass.
 *
 * A pass reads dunning.policy, dunning.step and dunning.holiday once, into
 * memory, so that every decision is made without another query.  DBAs
 * change campaigns with plain INSERTs: the next pass sees the change.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/datetime.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "campaign.h"

/* Where the campaign being loaded lives (it must outlive SPI_finish). */
static MemoryContext campaign_cxt;

/* A column of the current SPI result row, as a C string or NULL. */
static char *
col_text(HeapTuple tup, TupleDesc desc, int n)
{
	return SPI_getvalue(tup, desc, n);
}

/* A column of the current SPI result row, as a Datum (NULL: not allowed). */
static Datum
col_datum(HeapTuple tup, TupleDesc desc, int n)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, n, &isnull);

	if (isnull)
		elog(ERROR, "unexpected null in column %d of the campaign", n);
	return d;
}

/* Parse a weekday array's text form ("{1,2,3}") into a bit mask. */
static int
weekday_mask(const char *days)
{
	int			mask = 0;

	for (const char *p = days; *p; p++)
		if (*p >= '1' && *p <= '7')
			mask |= 1 << (*p - '0');
	return mask;
}

/* Load the holidays of every calendar a policy uses. */
static void
load_holidays(Campaign *c, char **calendars)
{
	for (int i = 0; i < c->npolicies; i++)
	{
		Policy	   *p = &c->policies[i];
		Oid			argtypes[1] = {TEXTOID};
		Datum		args[1];

		p->window.nholidays = 0;
		if (calendars[i] == NULL)
			continue;
		args[0] = CStringGetTextDatum(calendars[i]);
		if (SPI_execute_with_args("SELECT day FROM dunning.holiday WHERE calendar = $1"
								  " ORDER BY day", 1, argtypes, args, NULL, false, 0)
			!= SPI_OK_SELECT)
			elog(ERROR, "could not read the holidays");
		MemoryContextSwitchTo(campaign_cxt);
		p->window.holidays = palloc(sizeof(DateADT) * (SPI_processed + 1));
		for (uint64 j = 0; j < SPI_processed; j++)
			p->window.holidays[j] =
				DatumGetDateADT(col_datum(SPI_tuptable->vals[j], SPI_tuptable->tupdesc, 1));
		p->window.nholidays = (int) SPI_processed;
	}
}

/* Load the steps of every policy, in level order. */
static void
load_steps(Campaign *c)
{
	if (SPI_execute("SELECT policy, level, days_overdue, channel, template, fee, fee_schedule,"
					" fallback_channel FROM dunning.step ORDER BY policy, level", false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the steps");
	MemoryContextSwitchTo(campaign_cxt);

	for (int i = 0; i < c->npolicies; i++)
		c->policies[i].steps = palloc0(sizeof(Step) * (SPI_processed + 1));

	for (uint64 j = 0; j < SPI_processed; j++)
	{
		HeapTuple	tup = SPI_tuptable->vals[j];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *policy = col_text(tup, desc, 1);

		for (int i = 0; i < c->npolicies; i++)
		{
			Policy	   *p = &c->policies[i];
			Step	   *s;

			if (strcmp(p->name, policy) != 0)
				continue;
			s = &p->steps[p->nsteps++];
			s->level = DatumGetInt32(col_datum(tup, desc, 2));
			s->days_overdue = DatumGetInt32(col_datum(tup, desc, 3));
			s->channel = col_text(tup, desc, 4);
			s->template = col_text(tup, desc, 5);
			s->fee = datumCopy(col_datum(tup, desc, 6), false, -1);
			s->fee_schedule = fee_schedule_find(c->laws->schedules, c->laws->nschedules,
												col_text(tup, desc, 7));
			s->fallback_channel = col_text(tup, desc, 8);
		}
	}
}

/* Fill one policy from a row of the policy query. */
static void
load_policy(Policy *p, HeapTuple tup, TupleDesc desc)
{
	bool		isnull;
	Datum		cap;

	p->name = col_text(tup, desc, 1);
	p->currency = col_text(tup, desc, 2);
	p->is_default = DatumGetBool(col_datum(tup, desc, 3));
	p->active = DatumGetBool(col_datum(tup, desc, 4));
	p->min_open_amount = datumCopy(col_datum(tup, desc, 5), false, -1);
	p->grace_days = DatumGetInt32(col_datum(tup, desc, 6));
	p->min_days_between = DatumGetInt32(col_datum(tup, desc, 7));
	p->by_customer = strcmp(col_text(tup, desc, 8), "customer") == 0;
	cap = SPI_getbinval(tup, desc, 9, &isnull);
	p->max_reminders = isnull ? 0 : DatumGetInt32(cap);
	p->per_period = *DatumGetIntervalP(col_datum(tup, desc, 10));
	p->window.weekdays = weekday_mask(col_text(tup, desc, 11));
	p->window.from = DatumGetTimeADT(col_datum(tup, desc, 12));
	p->window.until = DatumGetTimeADT(col_datum(tup, desc, 13));
	p->tz = dunning_find_zone(col_text(tup, desc, 14));
	if (p->tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" of policy \"%s\" is not recognized",
						col_text(tup, desc, 14), p->name)));
}

/* What a policy charges besides its steps' fees (columns 21 to 26). */
static void
load_money(Campaign *c, Policy *p, HeapTuple tup, TupleDesc desc)
{
	char	   *units = col_text(tup, desc, 21);

	p->minor_units = units ? atoi(units) : 2;
	p->law = law_find(c->laws, col_text(tup, desc, 22));
	p->interest_from_level = DatumGetInt32(col_datum(tup, desc, 23));
	p->compensation_from_level = DatumGetInt32(col_datum(tup, desc, 24));
	p->consumers = DatumGetBool(col_datum(tup, desc, 25));
	p->waive_first_fee = DatumGetBool(col_datum(tup, desc, 26));
}

/*
 * A policy's status (column 27): a draft is active only in a preview; a
 * paused one stays the policy of its customers, and sends nothing.  And
 * where an invoice first seen starts (28).
 */
static void
load_status(Policy *p, HeapTuple tup, TupleDesc desc, bool preview)
{
	char	   *status = col_text(tup, desc, 27);

	if (strcmp(status, "draft") == 0 && !preview)
		p->active = false;
	p->paused = strcmp(status, "paused") == 0;
	p->first_by_age = DatumGetBool(col_datum(tup, desc, 28));
}

/*
 * Load every policy with its steps and holidays, in the current memory
 * context (which must outlive SPI_finish).
 */
Campaign *
dunning_load_campaign(TimestampTz as_of, bool preview)
{
	MemoryContext caller = CurrentMemoryContext;
	Campaign   *c;
	char	  **calendars;
	Oid			argtypes[1] = {TIMESTAMPTZOID};
	Datum		args[1] = {TimestampTzGetDatum(as_of)};
	Laws	   *laws;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* the laws, their rates and the fee schedules the policies name */
	MemoryContextSwitchTo(caller);
	laws = laws_load();
	if (SPI_execute_with_args("SELECT name, currency, is_default,"
							  " active_from <= $1 AND coalesce(active_until > $1, true),"
							  " min_open_amount, grace_days, min_days_between, group_by,"
							  " max_reminders, per_period, send_days::text, send_from,"
							  " send_until, time_zone, calendar,"
							  " (SELECT min(t) FROM (VALUES (active_from), (active_until)) v(t)"
							  "   WHERE t > $1),"
							  " sender_name, contact_email, contact_phone, payment_url,"
							  " (SELECT c.minor_units FROM dunning.currency c"
							  "   WHERE c.code = policy.currency),"
							  " law, coalesce(interest_from_level, 0),"
							  " coalesce(compensation_from_level, 0),"
							  " customer_kind = 'consumer', waive_first_fee, status,"
							  " first_contact = 'by_age', tenant"
							  " FROM dunning.policy ORDER BY name",
							  1, argtypes, args, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the policies");

	/* results are copied into the caller's context, which survives SPI */
	campaign_cxt = caller;
	MemoryContextSwitchTo(caller);
	c = palloc0(sizeof(Campaign));
	c->laws = laws;
	c->npolicies = (int) SPI_processed;
	c->policies = palloc0(sizeof(Policy) * (c->npolicies + 1));
	calendars = palloc0(sizeof(char *) * (c->npolicies + 1));
	c->next_change = DT_NOEND;
	for (int i = 0; i < c->npolicies; i++)
	{
		Policy	   *p = &c->policies[i];
		bool		isnull;
		Datum		change = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc,
										   16, &isnull);

		load_policy(p, SPI_tuptable->vals[i], SPI_tuptable->tupdesc);
		if (!isnull)
			c->next_change = Min(c->next_change, DatumGetTimestampTz(change));
		calendars[i] = col_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 15);
		p->sender_name = col_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 17);
		p->contact_email = col_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 18);
		p->contact_phone = col_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 19);
		p->payment_url = col_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 20);
		load_money(c, p, SPI_tuptable->vals[i], SPI_tuptable->tupdesc);
		load_status(p, SPI_tuptable->vals[i], SPI_tuptable->tupdesc, preview);
		if (strcmp(col_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 27), "draft") == 0)
			c->has_drafts = true;
		p->tenant = col_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 29);
		if (i == 0 || DatumGetInt32(DirectFunctionCall2(interval_cmp,
														IntervalPGetDatum(&p->per_period),
														IntervalPGetDatum(&c->longest_period))) > 0)
			c->longest_period = p->per_period;
	}

	load_steps(c);
	load_holidays(c, calendars);
	SPI_finish();
	MemoryContextSwitchTo(caller);
	return c;
}

/* The active policy of this name, or NULL. */
static Policy *
find_policy(const Campaign *c, const char *name)
{
	for (int i = 0; i < c->npolicies; i++)
		if (c->policies[i].active && strcmp(c->policies[i].name, name) == 0)
			return &c->policies[i];
	return NULL;
}

/*
 * May an invoice of the tenant be assigned the policy: its tenant's own,
 * or one shared by all?  (Without a tenant, as in a simulation or a ledger
 * that binds none, an assignment names any policy.)
 */
static bool
serves_tenant(const Policy *p, const char *tenant)
{
	return p->tenant == NULL || tenant == NULL || strcmp(p->tenant, tenant) == 0;
}

/*
 * The active default policy of a tenant's own (shared: those of no
 * tenant) for a currency, or for any currency when there is exactly one
 * such default (currency NULL); NULL when there is none.
 */
static Policy *
default_of(const Campaign *c, const char *tenant, bool shared, const char *currency)
{
	Policy	   *found = NULL;
	int			n = 0;

	for (int i = 0; i < c->npolicies; i++)
	{
		Policy	   *p = &c->policies[i];

		if (!p->active || !p->is_default)
			continue;
		if (shared ? p->tenant != NULL
			: (p->tenant == NULL || tenant == NULL || strcmp(p->tenant, tenant) != 0))
			continue;
		if (currency != NULL && strcmp(p->currency, currency) != 0)
			continue;
		found = p;
		n++;
	}
	return currency == NULL && n != 1 ? NULL : found;
}

/*
 * The policy of an invoice: the customer's assignment if it is active, of
 * the invoice's currency and the tenant's own or shared, else the active
 * default of that currency: the tenant's own, else the shared one.  An
 * invoice without a currency takes the assignment, else the only default
 * policy if there is exactly one (the tenant's, else the shared).
 */
Policy *
dunning_choose_policy(const Campaign *c, const char *assigned, const char *currency,
					  const char *tenant)
{
	Policy	   *p;

	if (assigned != NULL)
	{
		p = find_policy(c, assigned);
		if (p != NULL && serves_tenant(p, tenant) &&
			(currency == NULL || strcmp(p->currency, currency) == 0))
			return p;
	}
	if (tenant != NULL && (p = default_of(c, tenant, false, currency)) != NULL)
		return p;
	return default_of(c, NULL, true, currency);
}

/* The first step above a level, or NULL at the last one. */
const Step *
dunning_step_after(const Policy *p, int level)
{
	for (int i = 0; i < p->nsteps; i++)
		if (p->steps[i].level > level)
			return &p->steps[i];
	return NULL;
}

/* The highest step whose days_overdue the invoice has reached, or NULL. */
const Step *
dunning_step_reached(const Policy *p, int days_overdue)
{
	const Step *reached = NULL;

	for (int i = 0; i < p->nsteps; i++)
		if (p->steps[i].days_overdue <= days_overdue)
			reached = &p->steps[i];
	return reached;
}

/* Does some policy charge statutory interest? */
bool
dunning_campaign_charges_interest(const Campaign *c)
{
	for (int i = 0; i < c->npolicies; i++)
		if (c->policies[i].law != NULL && c->policies[i].interest_from_level > 0)
			return true;
	return false;
}
