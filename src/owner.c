/*-------------------------------------------------------------------------
 *
 * owner.c
 *	  Reading the bound relations with their owner's rights, never more.
 *
 * A bound ledger or customer relation is the user's: a view, a rule on a
 * table or a row security policy can call any function its owner likes.
 * Whoever starts a pass (the scheduler, an administrator's run() or
 * preview(), a superuser in psql, a mailer's claim), every statement that
 * reads a bound relation runs as the relation's owner, under a
 * security-restricted operation and with a pinned search_path, the way
 * PostgreSQL's own maintenance commands run a table owner's code
 * (REFRESH MATERIALIZED VIEW, VACUUM, ANALYZE).  Everything else of the
 * pass (the writes to the queue, the state and the history) runs with the
 * extension's rights, out of the owner's reach.
 *
 * The owner ("the pass role") is recorded and confirmed when the ledger is
 * bound; the customer relation must belong to the same role, because passes
 * read both in one query.  A pass refuses to run when an owner has changed
 * since, rather than run someone else's code.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "owner.h"

PG_FUNCTION_INFO_V1(dunning_ledger_open_amounts);

/* The owner a binding recorded, and the one its source has now. */
typedef struct BoundOwner
{
	bool		bound;
	char	   *source;
	char	   *recorded;		/* the role confirmed at binding */
	Oid			actual;			/* the source's owner now */
} BoundOwner;

/* The statement that reads a binding's source and owners, prepared once. */
static SPIPlanPtr
bound_owner_plan(void)
{
	static SPIPlanPtr plan = NULL;
	Oid			types[1] = {TEXTOID};

	if (plan != NULL)
		return plan;
	plan = SPI_prepare("SELECT b.source, b.owner, c.relowner"
					   " FROM dunning.binding b"
					   " LEFT JOIN pg_catalog.pg_class c"
					   "   ON c.oid = pg_catalog.to_regclass(b.source)"
					   " WHERE b.kind = $1", 1, types);
	if (plan == NULL || SPI_keepplan(plan) != 0)
		elog(ERROR, "could not prepare the read of dunning.binding: %s",
			 SPI_result_code_string(SPI_result));
	return plan;
}

/* Look up one binding's source and owners. */
static BoundOwner
bound_owner(const char *kind)
{
	BoundOwner	b = {false, NULL, NULL, InvalidOid};
	Datum		args[1] = {CStringGetTextDatum(kind)};
	bool		isnull;

	if (SPI_execute_plan(bound_owner_plan(), args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not read dunning.binding");
	if (SPI_processed == 0)
		return b;
	b.bound = true;
	b.source = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	b.recorded = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	b.actual = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0],
											  SPI_tuptable->tupdesc, 3, &isnull));
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("the bound %s relation %s does not exist",
						kind, b.source),
				 errhint("Bind it again with dunning.bind_%s().", kind)));
	return b;
}

/* Refuse a binding whose source has changed hands since it was bound. */
static void
require_same_owner(const char *kind, const BoundOwner *b)
{
	char	   *actual = GetUserNameFromId(b->actual, false);

	if (b->recorded == NULL || strcmp(actual, b->recorded) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("the owner of the bound %s relation %s has changed", kind, b->source),
				 errdetail("It was bound as a relation of role \"%s\" and now belongs to role \"%s\"; passes read it as its owner and do not run the code of a role nobody confirmed.",
						   b->recorded ? b->recorded : "(none)", actual),
				 errhint("Bind it again with dunning.bind_%s(..., run_as => '%s') to let passes read it as role \"%s\".",
						 kind, actual, actual)));
}

/*
 * The role passes read the bound relations as: the ledger's owner, checked
 * against what binding recorded.  Must be called inside SPI.
 */
Oid
dunning_pass_role(void)
{
	BoundOwner	ledger = bound_owner("ledger");
	BoundOwner	customers;
	BoundOwner	payments;

	if (!ledger.bound)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("no ledger is bound"),
				 errhint("Bind your invoice table first with dunning.bind_ledger().")));
	require_same_owner("ledger", &ledger);

	payments = bound_owner("payments");
	if (payments.bound)
	{
		require_same_owner("payments", &payments);
		if (payments.actual != ledger.actual)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("the bound ledger and payment relations belong to different roles"),
					 errdetail("%s belongs to role \"%s\" and %s to role \"%s\"; passes read every bound relation as one role.",
							   ledger.source, GetUserNameFromId(ledger.actual, false),
							   payments.source, GetUserNameFromId(payments.actual, false)),
					 errhint("Give both relations to one role, or bind a view of the ledger's owner over the payments.")));
	}
	customers = bound_owner("customers");
	if (customers.bound)
	{
		require_same_owner("customers", &customers);
		if (customers.actual != ledger.actual)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("the bound ledger and customer relations belong to different roles"),
					 errdetail("%s belongs to role \"%s\" and %s to role \"%s\"; passes read both in one query, as one role.",
							   ledger.source, GetUserNameFromId(ledger.actual, false),
							   customers.source, GetUserNameFromId(customers.actual, false)),
					 errhint("Give both relations to one role, or bind a view of the ledger's owner over the customer table.")));
	}
	return ledger.actual;
}

/*
 * Become the pass role, under a security-restricted operation, with the
 * search_path pinned; owner_scope_end() returns to the caller's rights.
 * An error in between is undone by the transaction's abort, as in
 * PostgreSQL's own commands.
 */
void
owner_scope_begin(OwnerScope *scope, Oid role)
{
	GetUserIdAndSecContext(&scope->saved_user, &scope->saved_context);
	SetUserIdAndSecContext(role, scope->saved_context | SECURITY_RESTRICTED_OPERATION);
	scope->guc_level = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
}

/* Leave the pass role's rights (see owner_scope_begin). */
void
owner_scope_end(OwnerScope *scope)
{
	AtEOXact_GUC(false, scope->guc_level);
	SetUserIdAndSecContext(scope->saved_user, scope->saved_context);
}

/*
 * The statement that reads the ledger's rows for some keys, prepared once
 * per session and key type (the plan cache makes it anew when the binding
 * changes the view).  Prepared as the pass role, like every read of the
 * bound relations.
 */
static SPIPlanPtr
open_amounts_plan(Oid argtype)
{
	static SPIPlanPtr plan = NULL;
	static Oid	plan_type = InvalidOid;

	if (plan != NULL && plan_type == argtype)
		return plan;
	if (plan != NULL)
	{
		SPI_freeplan(plan);
		plan = NULL;
	}
	plan = SPI_prepare("SELECT l.invoice_id, l.open_amount::numeric"
					   " FROM dunning.ledger l WHERE l.invoice_id = ANY ($1)", 1, &argtype);
	if (plan == NULL || SPI_keepplan(plan) != 0)
		elog(ERROR, "could not prepare the read of the ledger: %s",
			 SPI_result_code_string(SPI_result));
	plan_type = argtype;
	return plan;
}

/*
 * dunning.ledger_open_amounts(invoice_ids anyarray)
 *		RETURNS TABLE (invoice_id anyelement, open_amount numeric)
 *
 * The ledger's rows for those keys, read as the pass role: what the sweep
 * and the claim's re-check know of the live ledger.  An invoice gone from
 * the ledger has no row.
 */
Datum
dunning_ledger_open_amounts(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			argtype = get_fn_expr_argtype(fcinfo->flinfo, 0);
	Datum		args[1] = {PG_GETARG_DATUM(0)};
	OwnerScope	scope;
	MemoryContext per_query;
	MemoryContext old;

	InitMaterializedSRF(fcinfo, 0);
	per_query = rsinfo->econtext->ecxt_per_query_memory;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	owner_scope_begin(&scope, dunning_pass_role());
	if (SPI_execute_plan(open_amounts_plan(argtype), args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the ledger");
	owner_scope_end(&scope);

	old = MemoryContextSwitchTo(per_query);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Datum		values[2];
		bool		nulls[2];

		CHECK_FOR_INTERRUPTS();
		values[0] = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &nulls[0]);
		values[1] = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &nulls[1]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextSwitchTo(old);
	SPI_finish();
	return (Datum) 0;
}
