/*-------------------------------------------------------------------------
 *
 * interest.h
 *	  Statutory interest on a principal, over days, under a law.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_INTEREST_H
#define DUNNING_INTEREST_H

#include "law.h"

/* A stretch of days with one yearly rate. */
typedef struct InterestStretch
{
	DateADT		from;
	DateADT		to;				/* included */
	int			days;
	Datum		rate;			/* numeric: reference rate + points, percent a year */
	Datum		principal;		/* numeric: what it ran on */
	Datum		amount;			/* numeric, to six decimals */
} InterestStretch;

/*
 * The principal interest runs on: the open amount now, plus each payment
 * for the days before it was made (none without a payments binding).
 */
typedef struct Principal
{
	Datum		open;			/* numeric */
	int			npayments;
	DateADT    *paid_on;
	Datum	   *paid;			/* numeric */
} Principal;

extern int	interest_stretches(const Law *law, bool consumer, const Principal *principal,
							   DateADT start, DateADT from, DateADT through,
							   InterestStretch **out);

#endif							/* DUNNING_INTEREST_H */
