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

#include <limits.h>

#include "fmgr.h"
#include "utils/guc.h"

#include "pass.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

int			dunning_discovery_lookback = 3 * 24 * 60;

/* Module load: define the settings and reserve their prefix. */
void
_PG_init(void)
{
	DefineCustomIntVariable("dunning.discovery_lookback",
							"Sets how far back a pass looks for invoices that became overdue since the previous pass.",
							"Invoices entered late with a due date older than this are found by the next full pass.",
							&dunning_discovery_lookback,
							3 * 24 * 60, 0, INT_MAX / 2,
							PGC_USERSET, GUC_UNIT_MIN,
							NULL, NULL, NULL);
	MarkGUCPrefixReserved("dunning");
}
