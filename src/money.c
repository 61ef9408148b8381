/*-------------------------------------------------------------------------
 *
 * money.c
 *	  Exact amounts (numeric) for the evaluation.
 *
 * Open amounts arrive as numeric whatever the ledger's amount type; they
 * are compared and added exactly, never as floating point, and written
 * into payloads in their exact text form.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "money.h"

/* Zero, as a numeric. */
Datum
money_zero(void)
{
	return DirectFunctionCall1(int4_numeric, Int32GetDatum(0));
}

/* Is a < b? */
bool
money_lt(Datum a, Datum b)
{
	return DatumGetBool(DirectFunctionCall2(numeric_lt, a, b));
}

/* Is a > 0? */
bool
money_positive(Datum a)
{
	return DatumGetBool(DirectFunctionCall2(numeric_gt, a, money_zero()));
}

/* a + b. */
Datum
money_add(Datum a, Datum b)
{
	return DirectFunctionCall2(numeric_add, a, b);
}

/* a - b. */
Datum
money_sub(Datum a, Datum b)
{
	return DirectFunctionCall2(numeric_sub, a, b);
}

/* a * b. */
Datum
money_mul(Datum a, Datum b)
{
	return DirectFunctionCall2(numeric_mul, a, b);
}

/* a / b (b not zero). */
Datum
money_div(Datum a, Datum b)
{
	return DirectFunctionCall2(numeric_div, a, b);
}

/* A whole number, as a numeric. */
Datum
money_int(int64 i)
{
	return NumericGetDatum(int64_to_numeric(i));
}

/* a rounded half away from zero to digits after the point. */
Datum
money_round(Datum a, int digits)
{
	return DirectFunctionCall2(numeric_round, a, Int32GetDatum(digits));
}

/* -1, 0 or 1 as a is below, equal to or above b. */
int
money_cmp(Datum a, Datum b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, a, b));
}

/*
 * The minor units of a currency (2 for EUR), from dunning.currency; 2 for
 * an unknown or missing code.  Must be called inside SPI.
 */
int
money_minor_units(const char *currency)
{
	Oid			types[1] = {TEXTOID};
	Datum		args[1];

	if (currency == NULL)
		return 2;
	args[0] = CStringGetTextDatum(currency);
	if (SPI_execute_with_args("SELECT minor_units FROM dunning.currency WHERE code = upper($1)",
							  1, types, args, NULL, true, 1) != SPI_OK_SELECT
		|| SPI_processed == 0)
		return 2;
	return atoi(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
}

/* The exact text form of an amount. */
char *
money_text(Datum a)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, a));
}
