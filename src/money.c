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

/* The exact text form of an amount. */
char *
money_text(Datum a)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, a));
}
