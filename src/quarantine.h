/*-------------------------------------------------------------------------
 *
 * quarantine.h
 *	  Ledger and customer data a pass cannot use, kept apart per invoice.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_QUARANTINE_H
#define DUNNING_QUARANTINE_H

#include "evaluate.h"

extern char *dunning_invoice_problem(const Invoice *inv);
extern char *dunning_customer_problem(const Customer *cust);
extern char *dunning_shown_value(const char *value);

#endif							/* DUNNING_QUARANTINE_H */
