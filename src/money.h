/*-------------------------------------------------------------------------
 *
 * money.h
 *	  Exact amounts (numeric) for the evaluation.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_MONEY_H
#define DUNNING_MONEY_H

extern Datum money_zero(void);
extern bool money_lt(Datum a, Datum b);
extern bool money_positive(Datum a);
extern Datum money_add(Datum a, Datum b);
extern Datum money_sub(Datum a, Datum b);
extern Datum money_mul(Datum a, Datum b);
extern Datum money_div(Datum a, Datum b);
extern Datum money_int(int64 i);
extern Datum money_round(Datum a, int digits);
extern int	money_cmp(Datum a, Datum b);
extern char *money_text(Datum a);
extern int	money_minor_units(const char *currency);

#endif							/* DUNNING_MONEY_H */
