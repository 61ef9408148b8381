/*-------------------------------------------------------------------------
 *
 * payload.c
 *	  The payload's one definition (payload.h), as SQL sees it.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "payload.h"

PG_FUNCTION_INFO_V1(dunning_payload_fields);

/* How SQL names a kind of field. */
static const char *const kind_names[] = {
	[PK_TEXT] = "text",
	[PK_NUMBER] = "number",
	[PK_BOOL] = "boolean",
	[PK_AMOUNT] = "amount",
	[PK_DECIMAL] = "decimal",
	[PK_DATE] = "date",
	[PK_OBJECT] = "object",
	[PK_LIST] = "list",
};

/* One row of the result. */
static void
put_field(ReturnSetInfo *rsinfo, const char *path, PayloadKind kind)
{
	Datum		values[2] = {CStringGetTextDatum(path), CStringGetTextDatum(kind_names[kind])};
	bool		nulls[2] = {false, false};

	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

#define PUT_ROOT(name, key, sub, kind) put_field(rsinfo, name, kind);
#define PUT_INVOICE(key, kind) put_field(rsinfo, "invoices[]." key, kind);

/*
 * dunning.payload_fields() RETURNS TABLE (path text, kind text): every field
 * of a reminder's payload, those of each invoice as invoices[].<name>.
 */
Datum
dunning_payload_fields(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	PAYLOAD_FIELDS(PUT_ROOT)
	PAYLOAD_INVOICE_FIELDS(PUT_INVOICE)
	return (Datum) 0;
}
