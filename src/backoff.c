/*-------------------------------------------------------------------------
 *
 * backoff.c
 *	  How long to wait before trying again, in one place (see backoff.h).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/timestamp.h"

#include "backoff.h"

PG_FUNCTION_INFO_V1(dunning_delivery_retry_delay);

/*
 * The wait after "failures" failures in a row: the base for the first,
 * doubled for each one after it, never more than the cap.
 */
int64
dunning_backoff(int64 base_us, int failures, int64 cap_us)
{
	int64		wait = base_us;

	for (int i = 1; i < failures && wait < cap_us; i++)
		wait *= 2;
	return Min(wait, cap_us);
}

/*
 * dunning.delivery_retry_delay(attempts integer) RETURNS interval: how long
 * a reminder rejected by a mailer (nack) waits before it is claimed again,
 * after that many attempts.
 */
Datum
dunning_delivery_retry_delay(PG_FUNCTION_ARGS)
{
	Interval   *delay = palloc0(sizeof(Interval));

	delay->time = dunning_backoff(DELIVERY_RETRY_BASE_US, PG_GETARG_INT32(0),
								  DELIVERY_RETRY_CAP_US);
	PG_RETURN_INTERVAL_P(delay);
}
