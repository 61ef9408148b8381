/*-------------------------------------------------------------------------
 *
 * calendar.h
 *	  Local dates and times, send windows and holidays.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_CALENDAR_H
#define DUNNING_CALENDAR_H

#include "datatype/timestamp.h"
#include "pgtime.h"
#include "utils/date.h"

/* The days and hours at which reminders may go out. */
typedef struct SendWindow
{
	int			weekdays;		/* bit n set: ISO weekday n (1..7) allowed */
	TimeADT		from;			/* opening, local time */
	TimeADT		until;			/* closing, local time (exclusive) */
	int			nholidays;
	DateADT    *holidays;		/* sorted */
} SendWindow;

extern pg_tz *dunning_find_zone(const char *name);
extern DateADT dunning_local_date(TimestampTz t, pg_tz *tz);
extern TimestampTz dunning_local_midnight(DateADT date, pg_tz *tz);
extern TimestampTz dunning_next_opening(TimestampTz as_of, pg_tz *tz,
										const SendWindow *window);

#endif							/* DUNNING_CALENDAR_H */
