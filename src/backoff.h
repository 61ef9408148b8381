/*-------------------------------------------------------------------------
 *
 * backoff.h
 *	  How long to wait before trying again, in one place.
 *
 * Every retry of the extension doubles its wait after each failure in a
 * row, from a base up to a cap:
 *
 *	what						base				cap
 *	a scheduler that died		2 seconds			1 minute
 *	a pass that failed			2 x dunning.naptime	1 hour
 *	a delivery rejected (nack)	1 minute			6 hours
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_BACKOFF_H
#define DUNNING_BACKOFF_H

#include "datatype/timestamp.h"

#define SCHEDULER_RESTART_BASE_US	(2 * USECS_PER_SEC)
#define SCHEDULER_RESTART_CAP_US	(60 * USECS_PER_SEC)
#define PASS_RETRY_CAP_US			(3600 * USECS_PER_SEC)
#define DELIVERY_RETRY_BASE_US		(60 * USECS_PER_SEC)
#define DELIVERY_RETRY_CAP_US		(6 * 3600 * USECS_PER_SEC)

extern int64 dunning_backoff(int64 base_us, int failures, int64 cap_us);

#endif							/* DUNNING_BACKOFF_H */
