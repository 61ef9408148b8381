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

/*
 * An object being built: its members, in the order the code adds them.
 * The value tree is made directly (no pushJsonbValue(): no growing arrays,
 * no copies) and handed to JsonbValueToJsonb() whole.  Jsonb keeps an
 * object's keys sorted (shorter first, then bytewise); each kind of object
 * here always has the same keys, so the order is worked out once per kind
 * and checked, not sorted again, for every payload.
 */
#define MAX_MEMBERS 32

typedef enum ObjectKind
{
	OBJ_ROOT,
	OBJ_CUSTOMER,
	OBJ_ADDRESS,
	OBJ_INVOICE,
	OBJ_CONTACT,
	OBJ_NEXT_STEP,
	NUM_OBJECT_KINDS
} ObjectKind;

typedef struct Builder
{
	ObjectKind	kind;
	int			n;
	JsonbPair	members[MAX_MEMBERS];
} Builder;

/* The sorted order of each kind's members, once known. */
static struct
{
	int			n;
	int			order[MAX_MEMBERS];
} key_orders[NUM_OBJECT_KINDS];

static void
open_object(Builder *b, ObjectKind kind)
{
	b->kind = kind;
	b->n = 0;
}

/* Jsonb's order of keys: the shorter first, then bytewise. */
static int
key_cmp(const JsonbValue *a, const JsonbValue *b)
{
	if (a->val.string.len != b->val.string.len)
		return a->val.string.len < b->val.string.len ? -1 : 1;
	return memcmp(a->val.string.val, b->val.string.val, a->val.string.len);
}

/* Work out the sorted order of an object's members (insertion sort). */
static void
learn_order(const Builder *b)
{
	int		   *order = key_orders[b->kind].order;

	for (int i = 0; i < b->n; i++)
	{
		int			j = i;

		while (j > 0 && key_cmp(&b->members[order[j - 1]].key, &b->members[i].key) > 0)
		{
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	key_orders[b->kind].n = b->n;
}

/* Are the members, taken in the kind's known order, sorted? */
static bool
order_holds(const Builder *b)
{
	const int  *order = key_orders[b->kind].order;

	if (key_orders[b->kind].n != b->n)
		return false;
	for (int i = 1; i < b->n; i++)
		if (key_cmp(&b->members[order[i - 1]].key, &b->members[order[i]].key) >= 0)
			return false;
	return true;
}

/* The object as a value, its members in jsonb's order. */
static void
close_object(Builder *b, JsonbValue *out)
{
	JsonbPair  *pairs = palloc(sizeof(JsonbPair) * Max(b->n, 1));

	if (!order_holds(b))
		learn_order(b);
	for (int i = 0; i < b->n; i++)
	{
		pairs[i] = b->members[key_orders[b->kind].order[i]];
		pairs[i].order = i;
	}
	out->type = jbvObject;
	out->val.object.nPairs = b->n;
	out->val.object.pairs = pairs;
}

/* A new member; its value is set by the caller. */
static JsonbValue *
member(Builder *b, const char *name)
{
	JsonbPair  *p;

	if (b->n == MAX_MEMBERS)
		elog(ERROR, "too many members in a payload object");
	p = &b->members[b->n++];
	p->key.type = jbvString;
	p->key.val.string.val = (char *) name;
	p->key.val.string.len = strlen(name);
	return &p->value;
}

/* A string member, or null. */
static void
put_text(Builder *b, const char *name, const char *s)
{
	JsonbValue *v = member(b, name);

	if (s == NULL)
		v->type = jbvNull;
	else
	{
		v->type = jbvString;
		v->val.string.val = (char *) s;
		v->val.string.len = strlen(s);
	}
}

/* A null member. */
static void
put_null(Builder *b, const char *name)
{
	member(b, name)->type = jbvNull;
}

/* A numeric member. */
static void
put_numeric(Builder *b, const char *name, Datum n)
{
	JsonbValue *v = member(b, name);

	v->type = jbvNumeric;
	v->val.numeric = DatumGetNumeric(n);
}

static void
put_int(Builder *b, const char *name, int64 i)
{
	put_numeric(b, name, NumericGetDatum(int64_to_numeric(i)));
}

static void
put_bool(Builder *b, const char *name, bool flag)
{
	JsonbValue *v = member(b, name);

	v->type = jbvBool;
	v->val.boolean = flag;
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
	Builder		o;

	if (next == NULL)
	{
		put_null(b, "next_step");
		return;
	}
	for (int i = 0; i < r->ninvoices; i++)
		if (r->invoices[i]->due_step->level == r->step->level)
			on = Min(on, r->invoices[i]->due_date + next->days_overdue);
	if (on == DATEVAL_NOEND || on < today + r->policy->min_days_between)
		on = today + r->policy->min_days_between;
	open_object(&o, OBJ_NEXT_STEP);
	put_int(&o, "level", next->level);
	put_text(&o, "channel", next->channel);
	put_date(&o, "due_on", on);
	put_numeric(&o, "fee", next->fee);
	put_bool(&o, "handoff", strcmp(next->channel, "handoff") == 0);
	put_bool(&o, "suspend", strcmp(next->channel, "suspend") == 0);
	close_object(&o, member(b, "next_step"));
}

/*
 * The customer, as the payload carries it; a company (addressed as one by
 * the shipped texts) when the binding says it is a business, or, when it
 * does not say, when the policy is for businesses.
 */
static void
put_customer(Builder *b, const Customer *c, const Policy *p)
{
	Builder		o;

	open_object(&o, OBJ_CUSTOMER);
	put_text(&o, "id", c->key_text);
	put_text(&o, "name", c->name);
	put_text(&o, "email", c->email);
	put_text(&o, "phone", c->phone);
	put_text(&o, "locale", c->locale);
	put_text(&o, "time_zone", c->time_zone);
	put_bool(&o, "company", c->consumer == 0 || (c->consumer < 0 && !p->consumers));
	close_object(&o, member(b, "customer"));
}

/* The customer's postal address, for letters and hand-offs; null without one. */
static void
put_address(Builder *b, const Customer *c)
{
	Builder		o;

	if (c->address == NULL)
	{
		put_null(b, "address");
		return;
	}
	open_object(&o, OBJ_ADDRESS);
	put_text(&o, "lines", c->address);
	put_text(&o, "postcode", c->postcode);
	put_text(&o, "city", c->city);
	put_text(&o, "country", c->country);
	close_object(&o, member(b, "address"));
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

/* One invoice of the list, with its charges, as *out; added to the totals. */
static void
put_invoice(JsonbValue *out, Invoice *inv, Totals *t)
{
	InvoiceCharges *c = &inv->charges;
	Datum		due = inv->open_amount;
	Builder		o;
	Builder    *b = &o;

	open_object(b, OBJ_INVOICE);
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
	close_object(b, out);
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
	JsonbValue *list;

	t.zero = t.open = t.fee = t.fee_waived = money_zero();
	for (int k = 0; k < NCHARGE_KINDS; k++)
		t.by_kind[k] = money_zero();
	t.has_rate = false;
	list = member(b, "invoices");
	list->type = jbvArray;
	list->val.array.rawScalar = false;
	list->val.array.nElems = r->ninvoices;
	list->val.array.elems = palloc(sizeof(JsonbValue) * r->ninvoices);
	for (int i = 0; i < r->ninvoices; i++)
		put_invoice(&list->val.array.elems[i], r->invoices[i], &t);
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
	if (t.has_rate)
		put_numeric(b, "interest_rate", t.rate);
	else
		put_null(b, "interest_rate");
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
	Builder		contact;

	put_date(b, "as_of", r->invoices[0]->today);
	put_bool(b, "long_overdue", long_overdue(r));
	put_text(b, "payment_url", r->policy->payment_url);
	put_text(b, "token", r->token);
	open_object(&contact, OBJ_CONTACT);
	put_text(&contact, "name", r->policy->sender_name);
	put_text(&contact, "email", r->policy->contact_email);
	put_text(&contact, "phone", r->policy->contact_phone);
	close_object(&contact, member(b, "contact"));
	put_next_step(b, r);
}

/* The payload: every field a mailer that renders itself needs (payload.h). */
Jsonb *
dunning_build_payload(const Reminder *r)
{
	Builder		b;
	JsonbValue	root;

	open_object(&b, OBJ_ROOT);
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
	close_object(&b, &root);
	return JsonbValueToJsonb(&root);
}

/* The payload as JSON text, for the renderer. */
char *
dunning_payload_text(const Jsonb *payload)
{
	return JsonbToCString(NULL, (JsonbContainer *) &payload->root, VARSIZE(payload));
}
