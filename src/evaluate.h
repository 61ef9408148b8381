/*-------------------------------------------------------------------------
 *
 * evaluate.h
 *	  The decisions of one pass: what is due for which invoice and customer.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_EVALUATE_H
#define DUNNING_EVALUATE_H

#include "utils/jsonb.h"

#include "bound.h"
#include "campaign.h"
#include "charge.h"

/*
 * Look again after this many days (plus up to as many again, spread by the
 * invoice's key so that the looks do not all fall on one day) when nothing
 * else says when.  A lifted hold, a new policy or assignment make invoices
 * due for a look at once (triggers); these looks only notice the payment of
 * an invoice with nothing more to send, and whatever the triggers miss.
 */
#define DUNNING_RECHECK_DAYS 28

/* Past this many days overdue, an invoice is no longer a likely oversight. */
#define DUNNING_LONG_OVERDUE_DAYS 30

/* A customer of the pass, with what the decisions need to know of them. */
typedef struct Customer
{
	Datum		key;			/* in the ledger's customer key type */
	char	   *key_text;
	char	   *tenant;			/* its company, with a tenant bound; or NULL */
	pg_tz	   *tz;				/* NULL: the policy's */
	char	   *time_zone;
	char	   *locale;
	char	   *email;
	char	   *name;
	char	   *phone;
	const Bound *bound;			/* what the customer binding binds */
	char	   *email_suppressed;	/* why the address is on dunning.suppression */
	char	   *address;		/* its lines, for letters */
	char	   *postcode;
	char	   *city;
	char	   *country;
	char	   *phone_suppressed;
	int			consumer;		/* 1 a consumer, 0 a business, -1 not said */
	char	   *assigned;		/* assigned policy, or NULL */
	bool		held;			/* a customer hold exists */
	DateADT		hold_until;		/* its last day (DATEVAL_NOEND: no end) */
	char	   *problem;		/* why its row cannot be used, or NULL */
	int			ncontacts;
	TimestampTz *contacts;		/* reminders within the longest period */
} Customer;

/* One invoice the pass looks at, and what it decides for it. */
typedef struct Invoice
{
	Datum		key;			/* in the ledger's invoice key type */
	char	   *key_text;
	bool		present;		/* still in the ledger */
	bool		open;			/* open amount > 0 */
	Datum		open_amount;	/* numeric */
	bool		due_is_ts;
	Datum		due_on;			/* date or timestamptz */
	char	   *currency;
	char	   *reference;
	bool		in_state;
	bool		reopened;		/* closed before, open again in the ledger */
	int64		copies;			/* rows of the ledger with its key */
	int			level;
	bool		has_last;
	TimestampTz last_reminder_at;
	bool		held;			/* an invoice hold exists */
	DateADT		hold_until;
	bool		has_unsent;		/* its last reminder is still in the queue */
	InvoiceCharges charges;		/* fees, interest, compensation */

	/* decided */
	Policy	   *policy;
	pg_tz	   *tz;				/* the zone its days are counted in */
	DateADT		today;
	DateADT		due_date;
	int			days_overdue;
	const Step *due_step;		/* due now at this step, or NULL */
	const char *waiting;		/* why not, or NULL */
	TimestampTz next_check;		/* when to look at it again */
	const char *closed;			/* "paid" or "vanished", or NULL */
	char	   *problem;		/* why its data cannot be used (bad_data, invalid_recipient) */
	char	   *reminder_key;	/* the reminder that carries it */
	int64		reminder_id;
} Invoice;

/* A reminder the pass emits, for one or several invoices of a customer. */
typedef struct Reminder
{
	Customer   *customer;
	Policy	   *policy;
	const Step *step;
	const char *channel;		/* the step's, or its fallback channel */
	int			ninvoices;
	Invoice   **invoices;
	TimestampTz available_at;
	char	   *key;
	char	   *recipient;
	int64		id;				/* 0 in a preview: it is never written */
	char	   *token;			/* its self-service token (token.c), or NULL */
	Jsonb	   *payload;		/* built once it is written (payload_build.c) */
} Reminder;

extern void dunning_decide_invoice(Invoice *inv, const Customer *cust,
								   const Campaign *campaign, TimestampTz as_of);
extern void dunning_hold_back_reminder(Reminder *r, const char *problem, TimestampTz as_of);
extern int	dunning_group_reminders(Invoice *invoices, int n, Customer *cust,
									TimestampTz as_of, Reminder **out);

#endif							/* DUNNING_EVALUATE_H */
