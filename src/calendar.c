/*-------------------------------------------------------------------------
 *
 * calendar.c
 *	  Local dates and times, send windows and holidays.
 *
 * Days overdue are counted in the customer's time zone (else the policy's),
 * and a reminder may only become available inside its policy's send window:
 * on an allowed weekday that is not a holiday of the policy's calendar,
 * between send_from and send_until local time.  This file converts between
 * instants and local dates and times, and finds the next opening.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "calendar.h"

PG_FUNCTION_INFO_V1(dunning_time_zone_is_valid);

/* How many days ahead to look for an opening before giving up. */
#define MAX_DAYS_AHEAD 400

/* The zone of this name, or NULL if PostgreSQL does not know it. */
pg_tz *
dunning_find_zone(const char *name)
{
	if (name == NULL || name[0] == '\0' || strlen(name) >= TZ_STRLEN_MAX)
		return NULL;
	return pg_tzset(name);
}

/* Does PostgreSQL know this time zone name? */
Datum
dunning_time_zone_is_valid(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));

	PG_RETURN_BOOL(dunning_find_zone(name) != NULL);
}

/* Break an instant down into local date (days since 2000-01-01) and time. */
static void
local_date_time(TimestampTz t, pg_tz *tz, DateADT *date, TimeADT *time)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tzoff;

	if (timestamp2tm(t, &tzoff, &tm, &fsec, NULL, tz) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	*date = date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE;
	if (time)
		*time = ((((tm.tm_hour * MINS_PER_HOUR) + tm.tm_min) * SECS_PER_MINUTE) +
				 tm.tm_sec) * USECS_PER_SEC + fsec;
}

/* The local date of an instant in a zone. */
DateADT
dunning_local_date(TimestampTz t, pg_tz *tz)
{
	DateADT		date;

	local_date_time(t, tz, &date, NULL);
	return date;
}

/* The instant of a local date and time in a zone (DST gaps move forward). */
static TimestampTz
from_local(DateADT date, TimeADT time, pg_tz *tz)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tzoff;
	TimestampTz result;

	j2date(date + POSTGRES_EPOCH_JDATE, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	time2tm(time, &tm, &fsec);
	tzoff = DetermineTimeZoneOffset(&tm, tz);
	if (tm2timestamp(&tm, fsec, &tzoff, &result) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return result;
}

/* The instant a local day starts in a zone (infinite days stay infinite). */
TimestampTz
dunning_local_midnight(DateADT date, pg_tz *tz)
{
	if (DATE_IS_NOBEGIN(date))
		return DT_NOBEGIN;
	if (DATE_IS_NOEND(date))
		return DT_NOEND;
	return from_local(date, 0, tz);
}

/* ISO weekday of a date: 1 = Monday ... 7 = Sunday. */
static int
iso_weekday(DateADT date)
{
	int			dow = j2day(date + POSTGRES_EPOCH_JDATE);	/* 0 = Sunday */

	return dow == 0 ? 7 : dow;
}

/* Is the date one of the window's holidays? */
static bool
is_holiday(const SendWindow *w, DateADT date)
{
	int			lo = 0;
	int			hi = w->nholidays - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (w->holidays[mid] == date)
			return true;
		if (w->holidays[mid] < date)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

/* May reminders go out on this date at all? */
static bool
is_send_day(const SendWindow *w, DateADT date)
{
	return (w->weekdays & (1 << iso_weekday(date))) != 0 && !is_holiday(w, date);
}

/*
 * The first instant at or after as_of inside the send window, in zone tz:
 * as_of itself if the window is open, else the next opening.
 */
TimestampTz
dunning_next_opening(TimestampTz as_of, pg_tz *tz, const SendWindow *w)
{
	DateADT		today;
	TimeADT		now;

	local_date_time(as_of, tz, &today, &now);
	for (int ahead = 0; ahead < MAX_DAYS_AHEAD; ahead++)
	{
		DateADT		day = today + ahead;

		if (!is_send_day(w, day))
			continue;
		if (ahead > 0 || now < w->from)
			return from_local(day, w->from, tz);
		if (now < w->until)
			return as_of;
	}
	/* no opening within the horizon: a policy with no usable day */
	return as_of;
}
