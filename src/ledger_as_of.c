/*-------------------------------------------------------------------------
 *
 * ledger_as_of.c
 *	  The ledger as it stood on a day, for the analysts' aging and metrics.
 *
 * dunning.ledger_as_of(day) lists every invoice of the bound ledger with
 * the amount that was open at the end of that day: what is open now, plus,
 * with a payments binding, what was paid after that day (without one, the
 * amounts are today's), and the issue date and the amount invoiced when the
 * binding has them.  Like every read of the bound relations, it runs as
 * their owner (owner.c), so that an analyst's query never runs the owner's
 * code with more rights than the owner has.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "bound.h"
#include "owner.h"

PG_FUNCTION_INFO_V1(dunning_ledger_as_of);

/* The statement that reads the ledger as of $1, with or without payments. */
static const char *
as_of_sql(bool with_payments)
{
	if (!with_payments)
		return "SELECT l.invoice_id::text, l.customer_id::text, l.currency::text,"
			" l.due_on::date, l.open_amount::numeric, l.issued_on::date, l.amount::numeric"
			" FROM dunning.ledger l WHERE $1 IS NOT NULL";
	return "SELECT l.invoice_id::text, l.customer_id::text, l.currency::text,"
		" l.due_on::date, l.open_amount::numeric + coalesce(p.since, 0),"
		" l.issued_on::date, l.amount::numeric"
		" FROM dunning.ledger l"
		" LEFT JOIN (SELECT p.invoice_id, sum(p.amount::numeric) AS since"
		"              FROM dunning.payment p WHERE p.paid_on::date > $1"
		"             GROUP BY p.invoice_id) p ON p.invoice_id = l.invoice_id";
}

/*
 * dunning.ledger_as_of(day date)
 *		RETURNS TABLE (invoice_id text, customer_id text, currency text,
 *					   due_on date, open_amount numeric, issued_on date,
 *					   amount numeric)
 */
Datum
dunning_ledger_as_of(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			types[1] = {DATEOID};
	Datum		args[1] = {PG_GETARG_DATUM(0)};
	OwnerScope	scope;
	MemoryContext old;
	const char *sql;
	Bound		bound;

	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	dunning_read_bound(&bound);
	sql = as_of_sql(bound.payments);
	owner_scope_begin(&scope, dunning_pass_role());
	if (SPI_execute_with_args(sql, 1, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the ledger");
	owner_scope_end(&scope);

	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Datum		values[7];
		bool		nulls[7];

		CHECK_FOR_INTERRUPTS();
		for (int c = 0; c < 7; c++)
			values[c] = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, c + 1,
									  &nulls[c]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextSwitchTo(old);
	SPI_finish();
	return (Datum) 0;
}
