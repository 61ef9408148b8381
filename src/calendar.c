/*-------------------------------------------------------------------------
 *
 * calendar.c
 *	  Time zones, send windows and holidays.
 *
 * For now this holds the time-zone check that the policy table uses; the
 * evaluation's calendar arithmetic (next opening of a send window in the
 * customer's zone, skipping holidays) lives here too.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "pgtime.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(dunning_time_zone_is_valid);

/* Does PostgreSQL know this time zone name? */
Datum
dunning_time_zone_is_valid(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (name[0] == '\0' || strlen(name) >= TZ_STRLEN_MAX)
		PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(pg_tzset(name) != NULL);
}
