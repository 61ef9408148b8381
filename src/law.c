/*-------------------------------------------------------------------------
 *
 * law.c
 *	  Late-payment laws (sql/install/07_law.sql), loaded once per pass with
 *	  the reference rates they build on and every fee schedule.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/datum.h"

#include "law.h"

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

/* Load the rates in effect of every basis (your rows before shipped ones). */
static void
load_rates(Laws *laws, MemoryContext cxt)
{
	if (SPI_execute("SELECT basis, valid_from, rate FROM dunning.reference_rates_in_effect"
					" ORDER BY basis, valid_from", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the reference rates");
	MemoryContextSwitchTo(cxt);
	laws->series = palloc0(sizeof(RateSeries) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *basis = SPI_getvalue(tup, desc, 1);
		RateSeries *s;
		bool		isnull;

		if (laws->nseries == 0 || strcmp(laws->series[laws->nseries - 1].basis, basis) != 0)
		{
			s = &laws->series[laws->nseries++];
			s->basis = basis;
			s->from = palloc(sizeof(DateADT) * SPI_processed);
			s->rate = palloc(sizeof(Datum) * SPI_processed);
		}
		s = &laws->series[laws->nseries - 1];
		s->from[s->n] = DatumGetDateADT(SPI_getbinval(tup, desc, 2, &isnull));
		(void) numeric_col(tup, desc, 3, &s->rate[s->n]);
		s->n++;
	}
}

/* The rate series of a basis, or NULL. */
static RateSeries *
series_find(Laws *laws, const char *basis)
{
	if (basis == NULL)
		return NULL;
	for (int i = 0; i < laws->nseries; i++)
		if (strcmp(laws->series[i].basis, basis) == 0)
			return &laws->series[i];
	return NULL;
}

/* Fill one law from a row of the law query. */
static void
load_law(Laws *laws, Law *law, HeapTuple tup, TupleDesc desc)
{
	const char *rule = SPI_getvalue(tup, desc, 5);
	const char *days = SPI_getvalue(tup, desc, 6);

	law->name = SPI_getvalue(tup, desc, 1);
	law->rates = series_find(laws, SPI_getvalue(tup, desc, 2));
	law->has_margin[0] = numeric_col(tup, desc, 3, &law->margin[0]);
	law->has_margin[1] = numeric_col(tup, desc, 4, &law->margin[1]);
	law->rule = strcmp(rule, "daily") == 0 ? RATE_DAILY :
		strcmp(rule, "fixed_at_start") == 0 ? RATE_FIXED_AT_START : RATE_HALF_YEAR;
	law->day_count = strcmp(days, "act/360") == 0 ? DAYS_360 :
		strcmp(days, "act/act") == 0 ? DAYS_ACTUAL : DAYS_365;
	law->interest_from_day = atoi(SPI_getvalue(tup, desc, 7));
	law->compensation[0] = fee_schedule_find(laws->schedules, laws->nschedules,
											 SPI_getvalue(tup, desc, 8));
	law->compensation[1] = fee_schedule_find(laws->schedules, laws->nschedules,
											 SPI_getvalue(tup, desc, 9));
	law->legal_basis = SPI_getvalue(tup, desc, 10);
}

/*
 * Every law, its rates and every fee schedule, in the current memory
 * context (which must outlive SPI_finish).  Must be called inside SPI.
 */
Laws *
laws_load(void)
{
	MemoryContext cxt = CurrentMemoryContext;
	Laws	   *laws = palloc0(sizeof(Laws));

	laws->schedules = fee_schedules_load(&laws->nschedules);
	MemoryContextSwitchTo(cxt);
	load_rates(laws, cxt);
	if (SPI_execute("SELECT name, basis, margin_business, margin_consumer, rate_rule, day_count,"
					" interest_from_day, compensation_business, compensation_consumer, legal_basis"
					" FROM dunning.law ORDER BY name", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the laws");
	MemoryContextSwitchTo(cxt);
	laws->laws = palloc0(sizeof(Law) * (SPI_processed + 1));
	laws->nlaws = (int) SPI_processed;
	for (uint64 i = 0; i < SPI_processed; i++)
		load_law(laws, &laws->laws[i], SPI_tuptable->vals[i], SPI_tuptable->tupdesc);
	return laws;
}

/* The law of that name, or NULL. */
Law *
law_find(Laws *laws, const char *name)
{
	if (name == NULL)
		return NULL;
	for (int i = 0; i < laws->nlaws; i++)
		if (strcmp(laws->laws[i].name, name) == 0)
			return &laws->laws[i];
	return NULL;
}
