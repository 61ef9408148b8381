/*-------------------------------------------------------------------------
 *
 * charge.h
 *	  The charges of an invoice: those raised before, and those its
 *	  reminder raises now.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_CHARGE_H
#define DUNNING_CHARGE_H

#include "utils/date.h"
#include "utils/jsonb.h"
#include "utils/timestamp.h"

typedef enum ChargeKind
{
	CHARGE_FEE,
	CHARGE_INTEREST,
	CHARGE_COMPENSATION,
	NCHARGE_KINDS
} ChargeKind;

/* What an invoice owes besides its principal, and what is raised now. */
typedef struct InvoiceCharges
{
	/* raised before (read with the candidates): not waived, by kind */
	Datum		before[NCHARGE_KINDS];	/* numeric */
	bool		any_before;		/* any of them not zero */
	bool		compensated;	/* compensation raised (even waived) */
	bool		has_interest_through;
	DateADT		interest_through;	/* the last day interest was raised for */
	int			nfee_levels;
	int32	   *fee_levels;		/* levels whose fee was raised (even waived) */
	bool		payments_bound;	/* the payments below are the binding's */
	int			npayments;
	DateADT    *paid_on;		/* the invoice's payments, with a payments binding */
	Datum	   *paid;

	/* raised by the reminder of this pass */
	bool		raises[NCHARGE_KINDS];
	Datum		amount[NCHARGE_KINDS];	/* numeric */
	Jsonb	   *detail[NCHARGE_KINDS];
	bool		fee_waived;		/* the fee is raised waived (waive_first_fee) */
	DateADT		interest_from;
	DateADT		interest_to;
	Datum		interest_rate;	/* numeric: the last stretch's yearly rate */
} InvoiceCharges;

struct Reminder;

extern const char *const charge_kind_names[NCHARGE_KINDS];
extern void charges_raise(struct Reminder *r, Oid cust_type, Oid inv_type,
						  TimestampTz as_of);
extern Datum charges_total(const InvoiceCharges *c, ChargeKind kind);
extern bool charges_any(const InvoiceCharges *c);

#endif							/* DUNNING_CHARGE_H */
