/*-------------------------------------------------------------------------
 *
 * payload_build.c
 *	  A reminder's payload, built once as jsonb.
 *
 * The pass builds each reminder's payload (the fields of payload.h) as a
 * jsonb value directly, and writes it as such: no JSON text is made to be
 * parsed again.  The renderer reads the same value, as text, only when the
 * reminder's step names a template.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "campaign.h"
#include "money.h"
#include "payload_build.h"

/* A builder: the state pushJsonbValue() keeps. */
typedef struct Builder
{
	JsonbParseState *state;
} Builder;

static void
open_object(Builder *b)
{
	pushJsonbValue(&b->state, WJB_BEGIN_OBJECT, NULL);
}

static void
close_object(Builder *b)
{
	pushJsonbValue(&b->state, WJB_END_OBJECT, NULL);
}

static void
key(Builder *b, const char *name)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) name;
	k.val.string.len = strlen(name);
	pushJsonbValue(&b->state, WJB_KEY, &k);
}

static void
value(Builder *b, JsonbValue *v)
{
	pushJsonbValue(&b->state, WJB_VALUE, v);
}

/* A string member, or null. */
static void
put_text(Builder *b, const char *name, const char *s)
{
	JsonbValue	v;

	key(b, name);
	if (s == NULL)
		v.type = jbvNull;
	else
	{
		v.type = jbvString;
		v.val.string.val = (char *) s;
		v.val.string.len = strlen(s);
	}
	value(b, &v);
}

/* A numeric member. */
static void
put_numeric(Builder *b, const char *name, Datum n)
{
	JsonbValue	v;

	key(b, name);
	v.type = jbvNumeric;
	v.val.numeric = DatumGetNumeric(n);
	value(b, &v);
}

static void
put_int(Builder *b, const char *name, int64 i)
{
	put_numeric(b, name, NumericGetDatum(int64_to_numeric(i)));
}

static void
put_bool(Builder *b, const char *name, bool flag)
{
	JsonbValue	v;

	key(b, name);
	v.type = jbvBool;
	v.val.boolean = flag;
	value(b, &v);
}

/* A date as YYYY-MM-DD. */
static void
put_date(Builder *b, const char *name, DateADT d)
{
	int			y,
				m,
				day;

	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	put_text(b, name, psprintf("%04d-%02d-%02d", y, m, day));
}

/*
 * The next step of a reminder's campaign and the first day it can be due:
 * when the invoices at this level reach its days overdue, and not before
 * min_days_between have passed.
 */
static void
put_next_step(Builder *b, const Reminder *r)
{
	const Step *next = dunning_step_after(r->policy, r->step->level);
	DateADT		on = DATEVAL_NOEND;
	DateADT		today = r->invoices[0]->today;
	JsonbValue	null = {.type = jbvNull};

	key(b, "next_step");
	if (next == NULL)
	{
		value(b, &null);
		return;
	}
	for (int i = 0; i < r->ninvoices; i++)
		if (r->invoices[i]->due_step->level == r->step->level)
			on = Min(on, r->invoices[i]->due_date + next->days_overdue);
	if (on == DATEVAL_NOEND || on < today + r->policy->min_days_between)
		on = today + r->policy->min_days_between;
	open_object(b);
	put_int(b, "level", next->level);
	put_text(b, "channel", next->channel);
	put_date(b, "due_on", on);
	put_numeric(b, "fee", next->fee);
	put_bool(b, "handoff", strcmp(next->channel, "handoff") == 0);
	put_bool(b, "suspend", strcmp(next->channel, "suspend") == 0);
	close_object(b);
}

/*
 * The customer, as the payload carries it; a company (addressed as one by
 * the shipped texts) when the binding says it is a business, or, when it
 * does not say, when the policy is for businesses.
 */
static void
put_customer(Builder *b, const Customer *c, const Policy *p)
{
	key(b, "customer");
	open_object(b);
	put_text(b, "id", c->key_text);
	put_text(b, "name", c->name);
	put_text(b, "email", c->email);
	put_text(b, "phone", c->phone);
	put_text(b, "locale", c->locale);
	put_text(b, "time_zone", c->time_zone);
	put_bool(b, "company", c->consumer == 0 || (c->consumer < 0 && !p->consumers));
	close_object(b);
}

/* The customer's postal address, for letters and hand-offs; null without one. */
static void
put_address(Builder *b, const Customer *c)
{
	JsonbValue	null = {.type = jbvNull};

	key(b, "address");
	if (c->address == NULL)
	{
		value(b, &null);
		return;
	}
	open_object(b);
	put_text(b, "lines", c->address);
	put_text(b, "postcode", c->postcode);
	put_text(b, "city", c->city);
	put_text(b, "country", c->country);
	close_object(b);
}

/* Sums over a reminder's invoices of what they owe. */
typedef struct Totals
{
	Datum		zero;
	Datum		open;
	Datum		by_kind[NCHARGE_KINDS];
	Datum		fee;			/* raised by this reminder, not waived */
	Datum		fee_waived;		/* raised by this reminder as waived */
	bool		has_rate;
	Datum		rate;			/* of the interest it raised */
} Totals;

/* One invoice of the list, with its charges; added to the totals. */
static void
put_invoice(Builder *b, Invoice *inv, Totals *t)
{
	InvoiceCharges *c = &inv->charges;
	Datum		due = inv->open_amount;

	open_object(b);
	put_text(b, "invoice_id", inv->key_text);
	put_text(b, "reference", inv->reference);
	put_date(b, "due_on", inv->due_date);
	put_int(b, "days_overdue", inv->days_overdue);
	put_int(b, "level", inv->due_step->level);
	put_numeric(b, "open_amount", inv->open_amount);
	for (int k = 0; k < NCHARGE_KINDS; k++)
	{
		/* most invoices owe nothing else: no sums to make */
		Datum		owed = charges_any(c) ? charges_total(c, (ChargeKind) k) : t->zero;

		put_numeric(b, k == CHARGE_FEE ? "fees" : charge_kind_names[k], owed);
		if (owed != t->zero)
		{
			t->by_kind[k] = money_add(t->by_kind[k], owed);
			due = money_add(due, owed);
		}
	}
	put_numeric(b, "total_due", due);
	close_object(b);
	t->open = money_add(t->open, inv->open_amount);
	if (c->raises[CHARGE_FEE])
	{
		if (c->fee_waived)
			t->fee_waived = money_add(t->fee_waived, c->amount[CHARGE_FEE]);
		else
			t->fee = money_add(t->fee, c->amount[CHARGE_FEE]);
	}
	if (c->raises[CHARGE_INTEREST])
	{
		t->has_rate = true;
		t->rate = c->interest_rate;
	}
}

/* The invoices, and the totals: principal, charges by kind, all due. */
static void
put_invoices(Builder *b, const Reminder *r)
{
	Totals		t;
	Datum		charges;
	JsonbValue	null = {.type = jbvNull};

	t.zero = t.open = t.fee = t.fee_waived = money_zero();
	for (int k = 0; k < NCHARGE_KINDS; k++)
		t.by_kind[k] = money_zero();
	t.has_rate = false;
	key(b, "invoices");
	pushJsonbValue(&b->state, WJB_BEGIN_ARRAY, NULL);
	for (int i = 0; i < r->ninvoices; i++)
		put_invoice(b, r->invoices[i], &t);
	pushJsonbValue(&b->state, WJB_END_ARRAY, NULL);
	charges = money_add(money_add(t.by_kind[CHARGE_FEE], t.by_kind[CHARGE_INTEREST]),
						t.by_kind[CHARGE_COMPENSATION]);
	put_numeric(b, "total_open", t.open);
	put_numeric(b, "total_fees", t.by_kind[CHARGE_FEE]);
	put_numeric(b, "total_interest", t.by_kind[CHARGE_INTEREST]);
	put_numeric(b, "total_compensation", t.by_kind[CHARGE_COMPENSATION]);
	put_numeric(b, "total_charges", charges);
	put_numeric(b, "total_due", money_add(t.open, charges));
	put_numeric(b, "fee", t.fee);
	put_numeric(b, "fee_waived", t.fee_waived);
	key(b, "interest_rate");
	if (t.has_rate)
	{
		JsonbValue	v = {.type = jbvNumeric};

		v.val.numeric = DatumGetNumeric(t.rate);
		value(b, &v);
	}
	else
		value(b, &null);
	/* the law is cited once the customer owes what it grants */
	put_text(b, "legal_basis",
			 r->policy->law != NULL
			 && (money_positive(t.by_kind[CHARGE_INTEREST])
				 || money_positive(t.by_kind[CHARGE_COMPENSATION]))
			 ? r->policy->law->legal_basis : NULL);
}

/*
 * Is the reminder's oldest invoice more than DUNNING_LONG_OVERDUE_DAYS
 * overdue?  The shipped gentle texts then do not say it may have been
 * overlooked.
 */
static bool
long_overdue(const Reminder *r)
{
	for (int i = 0; i < r->ninvoices; i++)
		if (r->invoices[i]->days_overdue > DUNNING_LONG_OVERDUE_DAYS)
			return true;
	return false;
}

/* What the policy tells customers, the day of the pass and what comes next. */
static void
put_policy_fields(Builder *b, const Reminder *r)
{
	put_date(b, "as_of", r->invoices[0]->today);
	put_bool(b, "long_overdue", long_overdue(r));
	put_text(b, "payment_url", r->policy->payment_url);
	put_text(b, "token", r->token);
	key(b, "contact");
	open_object(b);
	put_text(b, "name", r->policy->sender_name);
	put_text(b, "email", r->policy->contact_email);
	put_text(b, "phone", r->policy->contact_phone);
	close_object(b);
	put_next_step(b, r);
}

/* The payload: every field a mailer that renders itself needs (payload.h). */
Jsonb *
dunning_build_payload(const Reminder *r)
{
	Builder		b = {NULL};
	JsonbValue *root;

	open_object(&b);
	put_text(&b, "policy", r->policy->name);
	put_int(&b, "level", r->step->level);
	put_text(&b, "channel", r->channel);
	put_text(&b, "template", r->step->template);
	put_text(&b, "currency", r->invoices[0]->currency ? r->invoices[0]->currency
			 : r->policy->currency);
	put_customer(&b, r->customer, r->policy);
	put_address(&b, r->customer);
	put_invoices(&b, r);
	put_policy_fields(&b, r);
	root = pushJsonbValue(&b.state, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(root);
}

/* The payload as JSON text, for the renderer. */
char *
dunning_payload_text(const Jsonb *payload)
{
	return JsonbToCString(NULL, (JsonbContainer *) &payload->root, VARSIZE(payload));
}
