/*-------------------------------------------------------------------------
 *
 * dunning.c
 *	  Module entry point of the dunning extension.
 *
 * The extension runs payment-reminder campaigns inside the database that
 * holds the ledger.  This file only declares the module and reserves the
 * "dunning." prefix for the settings that the other files define.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Module load: reserve the settings prefix. */
void
_PG_init(void)
{
	MarkGUCPrefixReserved("dunning");
}
