/*-------------------------------------------------------------------------
 *
 * archive.c
 *	  The archive row of a reminder that is done.
 *
 * Whatever finishes a reminder (ack, a nack out of attempts, the claim's
 * re-check, the pass's sweep, cancel) moves it from dunning.reminder to
 * dunning.reminder_archive in the same statement, through
 * dunning.archived().  The archive has every column of the queue, by name,
 * and archived_at and sent_at; columns are matched by name, not by position, so that
 * an upgrade that adds a column to both tables (where ALTER TABLE appends
 * it after archived_at in the archive) cannot shift one column into
 * another.  A column of one table that the other lacks, or has with
 * another type, is an error, not a silent loss.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/tupdesc.h"
#include "access/xact.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

PG_FUNCTION_INFO_V1(dunning_archived);

/* Where each archive column comes from, worked out once per call site. */
typedef struct ArchiveMap
{
	Oid			in_type;		/* the queue's row type it was built for */
	uint64		in_version;		/* and that type's version (typcache) */
	TupleDesc	in_desc;
	TupleDesc	out_desc;
	int		   *source;			/* per archive column: queue attno, or 0 */
	int			status;			/* archive attnos set from the arguments */
	int			last_error;
	int			provider_ref;
	int			lease_until;
	int			updated_at;
	int			archived_at;
	int			sent_at;		/* archive-only too: set when it ends as sent */
} ArchiveMap;

/* The attno of a column by name, or 0. */
static int
attno_of(TupleDesc desc, const char *name)
{
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
			return i + 1;
	}
	return 0;
}

/* Fail clearly when the two row types do not carry the same columns. */
static void
layout_mismatch(const char *detail, const char *column)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("dunning.reminder and dunning.reminder_archive do not have the same columns"),
			 errdetail(detail, column),
			 errhint("Give both tables the same columns, by name and type; the archive also has archived_at and sent_at.")));
}

/* The version of a row type: it changes when a column is added or retyped. */
static uint64
row_type_version(Oid type)
{
	return lookup_type_cache(type, TYPECACHE_TUPDESC)->tupDesc_identifier;
}

/* Match the archive's columns to the queue's by name, and check them. */
static ArchiveMap *
build_map(FunctionCallInfo fcinfo, Oid in_type, int32 in_typmod)
{
	MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	ArchiveMap *m = palloc0(sizeof(ArchiveMap));
	TupleDesc	in;
	TupleDesc	out;

	if (get_call_result_type(fcinfo, NULL, &out) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "dunning.archived must return a composite type");
	m->in_type = in_type;
	m->in_version = row_type_version(in_type);
	in = lookup_rowtype_tupdesc(in_type, in_typmod);
	m->in_desc = CreateTupleDescCopy(in);
	ReleaseTupleDesc(in);
	m->out_desc = BlessTupleDesc(CreateTupleDescCopy(out));
	m->source = palloc0(sizeof(int) * m->out_desc->natts);
	m->archived_at = attno_of(m->out_desc, "archived_at");
	m->sent_at = attno_of(m->out_desc, "sent_at");

	for (int i = 0; i < m->out_desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(m->out_desc, i);
		int			src;

		if (att->attisdropped || i + 1 == m->archived_at || i + 1 == m->sent_at)
			continue;
		src = attno_of(m->in_desc, NameStr(att->attname));
		if (src == 0)
			layout_mismatch("The archive has a column \"%s\" that the queue has not.",
							NameStr(att->attname));
		if (TupleDescAttr(m->in_desc, src - 1)->atttypid != att->atttypid)
			layout_mismatch("Column \"%s\" has another type in each.", NameStr(att->attname));
		m->source[i] = src;
	}
	for (int i = 0; i < m->in_desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(m->in_desc, i);

		if (!att->attisdropped && attno_of(m->out_desc, NameStr(att->attname)) == 0)
			layout_mismatch("The queue has a column \"%s\" that the archive has not.",
							NameStr(att->attname));
	}
	m->status = attno_of(m->out_desc, "status");
	m->last_error = attno_of(m->out_desc, "last_error");
	m->provider_ref = attno_of(m->out_desc, "provider_ref");
	m->lease_until = attno_of(m->out_desc, "lease_until");
	m->updated_at = attno_of(m->out_desc, "updated_at");
	if (!m->status || !m->last_error || !m->provider_ref || !m->lease_until ||
		!m->updated_at || !m->archived_at || !m->sent_at)
		elog(ERROR, "dunning.reminder_archive lacks a column dunning.archived() sets");
	MemoryContextSwitchTo(old);
	return m;
}

/* Set one archive column from an argument of the function. */
static void
set_from_arg(FunctionCallInfo fcinfo, int arg, int attno, Datum *values, bool *nulls)
{
	nulls[attno - 1] = PG_ARGISNULL(arg);
	values[attno - 1] = PG_ARGISNULL(arg) ? (Datum) 0 : PG_GETARG_DATUM(arg);
}

/*
 * dunning.archived(r dunning.reminder, status text, last_error text,
 *					provider_ref text) RETURNS dunning.reminder_archive
 *
 * Every column as it stands in the queue, but the status the reminder ends
 * in, the error that ended it, the provider's reference, no lease, and the
 * times (the transaction's, as now()).
 */
Datum
dunning_archived(PG_FUNCTION_ARGS)
{
	HeapTupleHeader rec;
	ArchiveMap *m = (ArchiveMap *) fcinfo->flinfo->fn_extra;
	HeapTupleData in;
	Datum	   *in_values;
	bool	   *in_nulls;
	Datum	   *values;
	bool	   *nulls;
	Datum		now = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	rec = PG_GETARG_HEAPTUPLEHEADER(0);
	if (m == NULL || m->in_type != HeapTupleHeaderGetTypeId(rec) ||
		m->in_version != row_type_version(m->in_type))
		fcinfo->flinfo->fn_extra = m =
			build_map(fcinfo, HeapTupleHeaderGetTypeId(rec), HeapTupleHeaderGetTypMod(rec));

	in.t_len = HeapTupleHeaderGetDatumLength(rec);
	ItemPointerSetInvalid(&in.t_self);
	in.t_tableOid = InvalidOid;
	in.t_data = rec;
	in_values = palloc(sizeof(Datum) * m->in_desc->natts);
	in_nulls = palloc(sizeof(bool) * m->in_desc->natts);
	heap_deform_tuple(&in, m->in_desc, in_values, in_nulls);

	values = palloc(sizeof(Datum) * m->out_desc->natts);
	nulls = palloc(sizeof(bool) * m->out_desc->natts);
	for (int i = 0; i < m->out_desc->natts; i++)
	{
		nulls[i] = m->source[i] == 0 || in_nulls[m->source[i] - 1];
		values[i] = nulls[i] ? (Datum) 0 : in_values[m->source[i] - 1];
	}
	set_from_arg(fcinfo, 1, m->status, values, nulls);
	set_from_arg(fcinfo, 2, m->last_error, values, nulls);
	set_from_arg(fcinfo, 3, m->provider_ref, values, nulls);
	nulls[m->lease_until - 1] = true;
	values[m->updated_at - 1] = now;
	nulls[m->updated_at - 1] = false;
	values[m->archived_at - 1] = now;
	nulls[m->archived_at - 1] = false;
	/* sent when it ends as sent, now */
	nulls[m->sent_at - 1] = PG_ARGISNULL(1)
		|| strcmp(text_to_cstring(PG_GETARG_TEXT_PP(1)), "sent") != 0;
	values[m->sent_at - 1] = nulls[m->sent_at - 1] ? (Datum) 0 : now;

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(m->out_desc, values, nulls)));
}
