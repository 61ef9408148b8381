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
	Datum		amount;			/* numeric, to six decimals */
} InterestStretch;

extern int	interest_stretches(const Law *law, bool consumer, Datum principal,
							   DateADT start, DateADT from, DateADT through,
							   InterestStretch **out);

#endif							/* DUNNING_INTEREST_H */
