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
extern char *money_text(Datum a);

#endif							/* DUNNING_MONEY_H */
