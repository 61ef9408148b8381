/*-------------------------------------------------------------------------
 *
 * version.c
 *	  The library's version, the check that the installed SQL is the same,
 *	  and whether the extension's own script is running.
 *
 * After a new library is installed, a database keeps the extension's SQL
 * of the version it was created or last updated to until ALTER EXTENSION
 * dunning UPDATE; and after an update, a server keeps the old library
 * until it restarts.  Either way the C code and the tables would not
 * match: a pass refuses to run, and says so, rather than run code of one
 * version against tables of another (the scheduler logs the error and
 * waits, as after any failed pass).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/pg_extension.h"
#include "commands/extension.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"

#include "version.h"

PG_FUNCTION_INFO_V1(dunning_library_version);
PG_FUNCTION_INFO_V1(dunning_user_change);

#ifndef DUNNING_VERSION
#error "DUNNING_VERSION must be defined by the Makefile"
#endif

/* The version of the extension's SQL installed in this database, or NULL. */
static char *
installed_version(void)
{
	Relation	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	char	   *version = NULL;

	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber, F_NAMEEQ,
				CStringGetDatum("dunning"));
	scan = systable_beginscan(rel, ExtensionNameIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (HeapTupleIsValid(tup))
	{
		bool		isnull;
		Datum		d = heap_getattr(tup, Anum_pg_extension_extversion,
									 RelationGetDescr(rel), &isnull);

		if (!isnull)
			version = TextDatumGetCString(d);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return version;
}

/* Refuse to go on when the installed SQL is not the library's version. */
void
dunning_require_same_version(void)
{
	char	   *installed = installed_version();

	if (installed != NULL && strcmp(installed, DUNNING_VERSION) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the dunning library is version %s, but this database has the extension's SQL at version %s",
						DUNNING_VERSION, installed),
				 errdetail("Passes do not run code of one version against the tables of another."),
				 errhint("Run ALTER EXTENSION dunning UPDATE in this database, or restart the server if the library was updated and the server still runs the old one.")));
}

/* dunning.library_version() RETURNS text */
Datum
dunning_library_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(DUNNING_VERSION));
}

/*
 * dunning.user_change() RETURNS boolean
 *
 * False while the extension's own script runs (CREATE or ALTER EXTENSION):
 * what it ships, users may not change.
 */
Datum
dunning_user_change(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!creating_extension);
}
