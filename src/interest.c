/*-------------------------------------------------------------------------
 *
 * interest.c
 *	  Statutory interest on a principal, over days, under a law.
 *
 * The days from the first to the last are cut into stretches of one rate
 * and one principal: at every half-year (1 January and 1 July), under a law
 * whose rate is that of each day at every change of the reference rate,
 * and at every payment (with a payments binding: the principal of a day is
 * the open amount now and the payments made after that day).  The rate of
 * a stretch is the reference rate that applies (law.h, RateRule) plus the
 * law's points for a business or a consumer, never below zero; its interest
 * is principal x rate / 100 x days / the days of the year (365, 360, or
 * the actual year's), kept to six decimals.  A pass rounds the sum to the
 * currency's minor units (charge.c).  Days before the first known rate of
 * the basis bear no interest.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "interest.h"
#include "money.h"

PG_FUNCTION_INFO_V1(dunning_statutory_interest);

/* The first day of the half-year a day falls in. */
static DateADT
half_year_start(DateADT d)
{
	int			y,
				m,
				day;

	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	return date2j(y, m <= 6 ? 1 : 7, 1) - POSTGRES_EPOCH_JDATE;
}

/* The first day of the next half-year. */
static DateADT
next_half_year(DateADT d)
{
	int			y,
				m,
				day;

	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	return m <= 6 ? date2j(y, 7, 1) - POSTGRES_EPOCH_JDATE
		: date2j(y + 1, 1, 1) - POSTGRES_EPOCH_JDATE;
}

/* The index of the rate in force on a day, or -1 before the first. */
static int
rate_index(const RateSeries *s, DateADT d)
{
	int			found = -1;

	for (int i = 0; i < s->n && s->from[i] <= d; i++)
		found = i;
	return found;
}

/* The day whose rate applies to day d under the law's rule. */
static DateADT
rate_day(const Law *law, DateADT start, DateADT d)
{
	switch (law->rule)
	{
		case RATE_HALF_YEAR:
			return half_year_start(d);
		case RATE_FIXED_AT_START:
			return half_year_start(start);
		default:
			return d;
	}
}

/* The last day of the stretch that begins on day d. */
static DateADT
stretch_end(const Law *law, DateADT d, DateADT through)
{
	DateADT		end = next_half_year(d) - 1;

	if (law->rule == RATE_DAILY)
	{
		int			i = rate_index(law->rates, d);

		if (i + 1 < law->rates->n && law->rates->from[i + 1] - 1 < end)
			end = law->rates->from[i + 1] - 1;
	}
	return Min(end, through);
}

/* The principal on day d: the open amount, and the payments made after d. */
static Datum
principal_on(const Principal *p, DateADT d)
{
	Datum		sum = p->open;

	for (int i = 0; i < p->npayments; i++)
		if (p->paid_on[i] > d)
			sum = money_add(sum, p->paid[i]);
	return sum;
}

/* The last day before the next payment after day d, or DATEVAL_NOEND. */
static DateADT
before_next_payment(const Principal *p, DateADT d)
{
	DateADT		end = DATEVAL_NOEND;

	for (int i = 0; i < p->npayments; i++)
		if (p->paid_on[i] > d && p->paid_on[i] - 1 < end)
			end = p->paid_on[i] - 1;
	return end;
}

/* The days of the year a stretch falls in, as the day count counts them. */
static int
year_days(const Law *law, DateADT d)
{
	int			y,
				m,
				day;

	if (law->day_count == DAYS_360)
		return 360;
	if (law->day_count == DAYS_365)
		return 365;
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	return isleap(y) ? 366 : 365;
}

/*
 * The stretches of interest on a principal from day from through day
 * through (both included), for a debt whose interest started on day start;
 * returns how many (none without a rate or a margin for the customer's
 * kind).  Allocated in the current memory context.
 */
int
interest_stretches(const Law *law, bool consumer, const Principal *principal, DateADT start,
				   DateADT from, DateADT through, InterestStretch **out)
{
	int			n = 0;
	int			cap = 4;
	InterestStretch *st = palloc(sizeof(InterestStretch) * cap);

	*out = st;
	if (law->rates == NULL || !law->has_margin[consumer ? 1 : 0] || from > through)
		return 0;
	for (DateADT d = from; d <= through;)
	{
		DateADT		end = Min(stretch_end(law, d, through), before_next_payment(principal, d));
		int			i = rate_index(law->rates, rate_day(law, start, d));
		Datum		rate;
		Datum		base = principal_on(principal, d);

		if (i >= 0)
		{
			if (n == cap)
				st = *out = repalloc(st, sizeof(InterestStretch) * (cap *= 2));
			rate = money_add(law->rates->rate[i], law->margin[consumer ? 1 : 0]);
			if (money_cmp(rate, money_zero()) < 0)
				rate = money_zero();
			st[n].from = d;
			st[n].to = end;
			st[n].days = end - d + 1;
			st[n].rate = rate;
			st[n].principal = base;
			st[n].amount = money_round(money_div(money_mul(money_mul(base, rate),
														   money_int(st[n].days)),
												 money_int(100 * (int64) year_days(law, d))),
									   6);
			n++;
		}
		d = end + 1;
	}
	return n;
}

/*
 * dunning.statutory_interest(law text, principal numeric, from_day date,
 *		through_day date, consumer boolean)
 *		RETURNS TABLE (period_from date, period_to date, days integer,
 *					   rate numeric, amount numeric)
 *
 * Interest starts on from_day (the start that a fixed_at_start law takes
 * its rate from).
 */
Datum
dunning_statutory_interest(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext per_query;
	MemoryContext old;
	char	   *name;
	Laws	   *laws;
	Law		   *law;
	InterestStretch *st;
	Principal	principal;
	int			n;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("law, principal, from_day and through_day must not be null"),
				 errhint("Give the law's name, the amount owed and the first and last day of interest.")));
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	if (money_cmp(PG_GETARG_DATUM(1), money_zero()) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a principal cannot be negative"),
				 errhint("Give the amount owed, 0 or more.")));
	InitMaterializedSRF(fcinfo, 0);
	per_query = rsinfo->econtext->ecxt_per_query_memory;
	old = MemoryContextSwitchTo(per_query);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(per_query);
	laws = laws_load();
	SPI_finish();
	law = law_find(laws, name);
	if (law == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("law \"%s\" does not exist", name),
				 errhint("dunning.law lists the laws: eu_b2b, de, fr, uk, nl and yours.")));
	principal.open = PG_GETARG_DATUM(1);
	principal.npayments = 0;
	n = interest_stretches(law, PG_ARGISNULL(4) ? false : PG_GETARG_BOOL(4),
						   &principal, PG_GETARG_DATEADT(2), PG_GETARG_DATEADT(2),
						   PG_GETARG_DATEADT(3), &st);
	for (int i = 0; i < n; i++)
	{
		Datum		values[5] = {DateADTGetDatum(st[i].from), DateADTGetDatum(st[i].to),
		Int32GetDatum(st[i].days), st[i].rate, st[i].amount};
		bool		nulls[5] = {false, false, false, false, false};

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextSwitchTo(old);
	return (Datum) 0;
}
