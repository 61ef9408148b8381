/*-------------------------------------------------------------------------
 *
 * bound.h
 *	  What the bindings bind, read once by a pass or a simulation, and the
 *	  customer columns both read.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_BOUND_H
#define DUNNING_BOUND_H

typedef struct Bound
{
	bool		customers;		/* a customer relation is bound */
	bool		payments;		/* a payments relation is bound */
	bool		email;			/* the customer binding binds an e-mail address */
	bool		phone;			/* ... a phone number */
	bool		address;		/* ... a postal address */
	bool		citus;			/* Citus is in this database: the ledger may be distributed */
	bool		tenant;			/* the ledger binds a tenant: customers are dunned per tenant */
	bool		customers_tenant;	/* ... and so does the customer binding */
} Bound;

extern void dunning_read_bound(Bound *bound);
extern const char *dunning_contact_columns(bool customers);

#endif							/* DUNNING_BOUND_H */
