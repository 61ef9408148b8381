/*-------------------------------------------------------------------------
 *
 * fee_schedule.h
 *	  Fee schedules: an amount by the size of the debt.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_FEE_SCHEDULE_H
#define DUNNING_FEE_SCHEDULE_H

/* One schedule of dunning.fee_schedule with its bands, in order. */
typedef struct FeeSchedule
{
	char	   *name;
	char	   *currency;
	int			minor_units;
	bool		marginal;
	bool		has_minimum;
	bool		has_maximum;
	Datum		minimum;		/* numeric */
	Datum		maximum;
	int			nbands;
	Datum	   *from;			/* numeric, ascending */
	Datum	   *fixed;
	Datum	   *percent;
} FeeSchedule;

extern FeeSchedule *fee_schedules_load(int *n);
extern FeeSchedule *fee_schedule_find(FeeSchedule *all, int n, const char *name);
extern Datum fee_schedule_amount(const FeeSchedule *s, Datum debt);

#endif							/* DUNNING_FEE_SCHEDULE_H */
