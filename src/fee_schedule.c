/*-------------------------------------------------------------------------
 *
 * fee_schedule.c
 *	  Fee schedules: what a fee or a fixed compensation amounts to, by the
 *	  size of the debt (sql/install/06_fee_schedule.sql says how).
 *
 * A pass loads every schedule once, with the laws (law.c); the SQL
 * function dunning.fee_for() computes one amount with the same code.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datum.h"

#include "fee_schedule.h"
#include "money.h"

PG_FUNCTION_INFO_V1(dunning_fee_for);

/* A numeric column of an SPI row, copied, or false when NULL. */
static bool
numeric_col(HeapTuple tup, TupleDesc desc, int col, Datum *out)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	if (!isnull)
		*out = datumCopy(d, false, -1);
	return !isnull;
}

/*
 * Load the schedules (all of them, or only the one named) with their bands,
 * into the caller's memory context (which must outlive SPI_finish).
 */
static FeeSchedule *
load(const char *only, int *n)
{
	MemoryContext cxt = CurrentMemoryContext;
	Oid			types[1] = {TEXTOID};
	Datum		args[1] = {only ? CStringGetTextDatum(only) : (Datum) 0};
	char		nulls[1] = {only ? ' ' : 'n'};
	FeeSchedule *all;
	int			count;

	if (SPI_execute_with_args("SELECT s.name, s.currency, s.method = 'marginal', s.minimum,"
							  " s.maximum, coalesce(c.minor_units, 2),"
							  " b.from_amount, b.fixed, b.percent"
							  " FROM dunning.fee_schedule s"
							  " JOIN dunning.currency c ON c.code = s.currency"
							  " LEFT JOIN dunning.fee_band b ON b.schedule = s.name"
							  " WHERE $1 IS NULL OR s.name = $1"
							  " ORDER BY s.name, b.from_amount",
							  1, types, args, nulls, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the fee schedules");
	MemoryContextSwitchTo(cxt);
	all = palloc0(sizeof(FeeSchedule) * (SPI_processed + 1));
	count = 0;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *name = SPI_getvalue(tup, desc, 1);
		FeeSchedule *s;
		Datum		from;

		if (count == 0 || strcmp(all[count - 1].name, name) != 0)
		{
			s = &all[count++];
			s->name = name;
			s->currency = SPI_getvalue(tup, desc, 2);
			s->marginal = strcmp(SPI_getvalue(tup, desc, 3), "t") == 0;
			s->has_minimum = numeric_col(tup, desc, 4, &s->minimum);
			s->has_maximum = numeric_col(tup, desc, 5, &s->maximum);
			s->minor_units = atoi(SPI_getvalue(tup, desc, 6));
			s->from = palloc(sizeof(Datum) * SPI_processed);
			s->fixed = palloc(sizeof(Datum) * SPI_processed);
			s->percent = palloc(sizeof(Datum) * SPI_processed);
		}
		s = &all[count - 1];
		if (!numeric_col(tup, desc, 7, &from))
			continue;			/* a schedule without bands */
		s->from[s->nbands] = from;
		(void) numeric_col(tup, desc, 8, &s->fixed[s->nbands]);
		(void) numeric_col(tup, desc, 9, &s->percent[s->nbands]);
		s->nbands++;
	}
	*n = count;
	return all;
}

/* Every schedule, for a pass (inside SPI). */
FeeSchedule *
fee_schedules_load(int *n)
{
	return load(NULL, n);
}

/* The schedule of that name among those loaded, or NULL. */
FeeSchedule *
fee_schedule_find(FeeSchedule *all, int n, const char *name)
{
	if (name == NULL)
		return NULL;
	for (int i = 0; i < n; i++)
		if (strcmp(all[i].name, name) == 0)
			return &all[i];
	return NULL;
}

/* pct percent of an amount. */
static Datum
percent_of(Datum amount, Datum pct)
{
	return money_div(money_mul(amount, pct), money_int(100));
}

/*
 * The amount a schedule gives for a debt: banded, the band the debt falls
 * in (its fixed part plus its percentage of the whole debt); marginal, the
 * first band's fixed part plus each band's percentage of the part of the
 * debt within it.  Then kept between the minimum and the maximum, and
 * rounded to the currency's minor units.
 */
Datum
fee_schedule_amount(const FeeSchedule *s, Datum debt)
{
	Datum		amount = money_zero();

	if (s->nbands > 0 && !s->marginal)
	{
		int			b = 0;

		for (int i = 0; i < s->nbands; i++)
			if (money_cmp(debt, s->from[i]) >= 0)
				b = i;
		amount = money_add(s->fixed[b], percent_of(debt, s->percent[b]));
	}
	else if (s->nbands > 0)
	{
		amount = s->fixed[0];
		for (int i = 0; i < s->nbands && money_cmp(debt, s->from[i]) > 0; i++)
		{
			Datum		top = debt;

			if (i + 1 < s->nbands && money_cmp(s->from[i + 1], debt) < 0)
				top = s->from[i + 1];
			amount = money_add(amount, percent_of(money_sub(top, s->from[i]), s->percent[i]));
		}
	}
	if (s->has_minimum && money_cmp(amount, s->minimum) < 0)
		amount = s->minimum;
	if (s->has_maximum && money_cmp(amount, s->maximum) > 0)
		amount = s->maximum;
	return money_round(amount, s->minor_units);
}

/*
 * dunning.fee_for(schedule text, debt numeric) RETURNS numeric
 */
Datum
dunning_fee_for(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	Datum		debt = PG_GETARG_DATUM(1);
	MemoryContext cxt = CurrentMemoryContext;
	FeeSchedule *s;
	Datum		amount;
	int			n;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(cxt);
	s = load(name, &n);
	SPI_finish();
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("fee schedule \"%s\" does not exist", name),
				 errhint("dunning.fee_schedule lists the schedules: eu_fixed_40, uk_late_payment, nl_collection_costs and yours.")));
	if (money_cmp(debt, money_zero()) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a debt cannot be negative"),
				 errdetail("It was %s.", money_text(debt)),
				 errhint("Give the amount owed, 0 or more.")));
	amount = fee_schedule_amount(s, debt);
	PG_RETURN_DATUM(amount);
}
