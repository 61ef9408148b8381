/*-------------------------------------------------------------------------
 *
 * law.h
 *	  Late-payment laws, loaded with their reference rates and fee
 *	  schedules.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_LAW_H
#define DUNNING_LAW_H

#include "utils/date.h"

#include "fee_schedule.h"

/* The dated rates of one basis, ascending. */
typedef struct RateSeries
{
	char	   *basis;
	int			n;
	DateADT    *from;
	Datum	   *rate;			/* numeric, percent a year */
} RateSeries;

/* Which reference rate applies to a day. */
typedef enum RateRule
{
	RATE_HALF_YEAR,				/* the rate on 1 January or 1 July before it */
	RATE_FIXED_AT_START,		/* that of the half-year interest started in */
	RATE_DAILY					/* the rate in force that day */
} RateRule;

/* How a day's share of the yearly rate is counted. */
typedef enum DayCount
{
	DAYS_365,
	DAYS_360,
	DAYS_ACTUAL					/* 365, or 366 in a leap year */
} DayCount;

/* One row of dunning.law. */
typedef struct Law
{
	char	   *name;
	RateSeries *rates;			/* NULL: no interest */
	bool		has_margin[2];	/* [0] business, [1] consumer */
	Datum		margin[2];		/* numeric points */
	RateRule	rule;
	DayCount	day_count;
	int			interest_from_day;
	FeeSchedule *compensation[2];	/* NULL: none */
	char	   *legal_basis;
} Law;

/* Every law, with what they use. */
typedef struct Laws
{
	int			nlaws;
	Law		   *laws;
	int			nseries;
	RateSeries *series;
	int			nschedules;
	FeeSchedule *schedules;
} Laws;

extern Laws *laws_load(void);
extern Law *law_find(Laws *laws, const char *name);

#endif							/* DUNNING_LAW_H */
