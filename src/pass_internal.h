/*-------------------------------------------------------------------------
 *
 * pass_internal.h
 *	  What the three parts of a pass share: pass.c (the orchestration),
 *	  pass_candidates.c (the candidate query and reading its rows) and
 *	  pass_writes.c (the batched writes and the preview's rows).
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_PASS_INTERNAL_H
#define DUNNING_PASS_INTERNAL_H

#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"

#include "campaign.h"
#include "evaluate.h"
#include "template.h"

/* A growing column of values, written as one array parameter. */
typedef struct ColumnBuf
{
	Oid			type;
	int16		len;
	bool		byval;
	char		align;
	int			n;
	int			cap;
	Datum	   *values;
	bool	   *nulls;
} ColumnBuf;

/*
 * The write buffers of the queue, the state and the history: one column of
 * values per entry, sent as the array parameter $<entry + 1> of the
 * table's write and unnested under the entry's alias (see WriteColumn).
 */
enum
{
	R_CUST, R_POLICY, R_LEVEL, R_CHANNEL, R_RECIPIENT, R_PAYLOAD, R_AVAILABLE,
	R_KEY, R_ID, R_SUBJECT, R_BODY, R_HTML, R_TENANT,
	R_FIRST, R_LAST,			/* its invoices: a slice of R_INV */
	R_INV,						/* one entry per invoice of a reminder */
	R_NCOLS
};
enum
{
	S_INV, S_CUST, S_POLICY, S_LEVEL, S_LAST, S_RKEY, S_NEXT, S_WAITING,
	S_STATUS, S_CLOSED, S_RID, S_PROBLEM, S_TENANT, S_NCOLS
};
enum
{
	H_INV, H_CUST, H_EVENT, H_LEVEL, H_RKEY, H_REASON, H_CODE, H_PAID, H_RID, H_TENANT,
	H_NCOLS
};
enum
{
	C_INV, C_CUST, C_KIND, C_AMOUNT, C_CURRENCY, C_LEVEL, C_FROM, C_TO, C_DETAIL,
	C_POLICY, C_RID, C_WAIVED, C_TENANT, C_NCOLS
};

/* Column numbers of the candidate query's result. */
typedef struct CandidateCols
{
	int			invoice_id,
				customer_id,
				tenant,
				present,
				open_amount,
				due_on,
				currency,
				reference,
				in_state,
				level,
				last_at,
				reopened,
				copies,
				invoice_hold,
				unsent,
				assigned,
				customer_hold,
				contacts,
				time_zone,
				locale,
				email,
				name,
				phone,
				email_suppressed,
				address,
				postcode,
				city,
				country,
				phone_suppressed,
				consumer,
				charged_fees,
				charged_interest,
				charged_compensation,
				compensated,
				interest_through,
				fee_levels,
				paid_on,
				paid;
} CandidateCols;

/* Everything one pass carries along. */
typedef struct Pass
{
	TimestampTz as_of;
	bool		preview;
	bool		full;			/* every open overdue invoice is discovered */
	bool		discover_ledger;	/* else: the window of due dates, if it moved */
	bool		sweep_all;		/* every unsent reminder is checked ... */
	TimestampTz held_since;		/* ... else those of holds placed since */
	int64		run_id;
	Campaign   *campaign;
	Oid			inv_type;
	Oid			cust_type;
	int16		inv_len;		/* storage of the key types, looked up once */
	bool		inv_byval;
	char		inv_align;
	int16		cust_len;
	bool		cust_byval;
	FmgrInfo	inv_out;
	FmgrInfo	cust_out;
	bool		due_is_ts;
	CandidateCols cols;
	Oid			pass_role;		/* reads of the bound relations run as it */
	Bound		bound;			/* what the bindings bind */
	bool		token_key_read;	/* the key is read at the first reminder */
	struct TokenKey *token_key;	/* NULL: none, tokens are not minted */

	int64		examined;
	int64		emitted;
	int64		resolved;
	int64		cancelled;
	int64		quarantined;	/* invoices whose data could not be used */

	MemoryContext pass_cxt;		/* lives for the whole pass */
	MemoryContext group_cxt;	/* reset after each write of the buffers */
	RenderCatalog *templates;	/* read when first needed */
	ColumnBuf	rem[R_NCOLS];
	ColumnBuf	state[S_NCOLS];	/* state rows to insert: invoices new to dunning */
	ColumnBuf	known[S_NCOLS]; /* state rows to update */
	ColumnBuf	hist[H_NCOLS];
	ColumnBuf	charges[C_NCOLS];
	int			ngroup_reminders;
	SPIPlanPtr	write_reminders;
	SPIPlanPtr	write_state;
	SPIPlanPtr	write_known;
	SPIPlanPtr	write_history;
	SPIPlanPtr	write_charges;
	SPIPlanPtr	write_charges_by_key;
	SPIPlanPtr	write_state_by_key;	/* when a reminder already existed */
	SPIPlanPtr	write_known_by_key;
	SPIPlanPtr	write_history_by_key;
	int64	   *ids;			/* reminder ids drawn ahead from the sequence */
	int			nids;
	int			next_id;

	ReturnSetInfo *rsinfo;		/* preview output */
} Pass;

/* pass_candidates.c */
extern Portal open_candidates(Pass *pass, TimestampTz discover_from);
extern void learn_types(Pass *pass, TupleDesc desc);
extern void read_invoice(Pass *pass, HeapTuple tup, TupleDesc desc, Invoice *inv);
extern void read_customer(Pass *pass, HeapTuple tup, TupleDesc desc, Customer *cust,
						  char *key_text);

/* pass_writes.c */
extern void reset_buffers(Pass *pass);
extern void prepare_writes(Pass *pass);
extern void flush(Pass *pass);
extern bool add_reminder(Pass *pass, Reminder *r);
extern void add_state(Pass *pass, Invoice *inv, Customer *cust);
extern bool put_preview(Pass *pass, Reminder *r);

#endif							/* DUNNING_PASS_INTERNAL_H */
