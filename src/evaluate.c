/*-------------------------------------------------------------------------
 *
 * evaluate.c
 *	  The decisions of one pass: what is due for which invoice and customer.
 *
 * For each invoice the pass looks at, dunning_decide_invoice() applies the
 * rules in order: a paid or vanished invoice is closed; otherwise it takes
 * its policy (the customer's assignment, else its currency's default), waits
 * out the grace days and any hold in force, waits while its amount is under
 * the minimum, and becomes due for the next step (one level at a time) once
 * it has reached that step's days overdue and min_days_between have passed
 * since its last reminder.  Each decision also says when to look again, so
 * that a daily pass only touches the invoices that can change that day.
 *
 * dunning_group_reminders() then turns a customer's due invoices into
 * reminders: one per invoice, or one consolidated reminder per policy when
 * the policy groups by customer (at the highest level among them, after the
 * per-customer minimum), within the contact cap and the send window.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "address.h"
#include "evaluate.h"
#include "money.h"
#include "quarantine.h"

/* The later of two dates. */
static DateADT
later(DateADT a, DateADT b)
{
	return a > b ? a : b;
}

/* The day of the next routine look at an invoice: in 28 to 55 days. */
static DateADT
routine_look_day(const Invoice *inv)
{
	uint32		spread = hash_bytes((const unsigned char *) inv->key_text,
									strlen(inv->key_text));

	return inv->today + DUNNING_RECHECK_DAYS + spread % DUNNING_RECHECK_DAYS;
}

/* Look at an invoice again at the start of that day, in its zone. */
static void
look_on(Invoice *inv, DateADT day)
{
	inv->next_check = dunning_local_midnight(day, inv->tz);
}

/* Close an invoice that is paid or gone. */
static bool
decide_closed(Invoice *inv)
{
	if (!inv->present)
		inv->closed = "vanished";
	else if (!inv->open)
		inv->closed = "paid";
	return inv->closed != NULL;
}

/* The local date of the due date, in the zone days are counted in. */
static DateADT
due_date_in(const Invoice *inv, pg_tz *tz)
{
	if (inv->due_is_ts)
		return dunning_local_date(DatumGetTimestampTz(inv->due_on), tz);
	return DatumGetDateADT(inv->due_on);
}

/* Is a hold ending on this day (DATEVAL_NOEND: never) in force today? */
static bool
hold_in_force(bool held, DateADT until, DateADT today)
{
	return held && until >= today;
}

/* Wait for a hold: look again the day after it ends, or in a week. */
static void
wait_for_hold(Invoice *inv, DateADT until)
{
	inv->waiting = "hold";
	look_on(inv, DATE_NOT_FINITE(until) ? routine_look_day(inv) : until + 1);
}

/*
 * Decide what one open invoice waits for, or at which step it is due.
 * Sets due_step, or waiting and next_check.
 */
static void
decide_step(Invoice *inv, const Customer *cust)
{
	const Policy *p = inv->policy;
	const Step *next = dunning_step_after(p, inv->level);
	DateADT		after_grace = inv->due_date + p->grace_days + 1;

	/* a backlog: an invoice never reminded starts where its age calls for */
	if (inv->level == 0 && p->first_by_age && dunning_step_reached(p, inv->days_overdue) != NULL)
		next = dunning_step_reached(p, inv->days_overdue);

	if (next == NULL)
	{
		inv->waiting = "last_step";
		look_on(inv, routine_look_day(inv));
		return;
	}
	if (inv->days_overdue <= p->grace_days)
	{
		inv->waiting = "grace";
		look_on(inv, later(after_grace, inv->due_date + next->days_overdue));
		return;
	}
	if (hold_in_force(inv->held, inv->hold_until, inv->today))
	{
		wait_for_hold(inv, inv->hold_until);
		return;
	}
	if (hold_in_force(cust->held, cust->hold_until, inv->today))
	{
		wait_for_hold(inv, cust->hold_until);
		return;
	}
	if (!p->by_customer && money_lt(inv->open_amount, p->min_open_amount))
	{
		inv->waiting = "min_open_amount";
		look_on(inv, routine_look_day(inv));
		return;
	}
	if (next->days_overdue > inv->days_overdue)
	{
		inv->waiting = "next_step";
		look_on(inv, inv->due_date + next->days_overdue);
		return;
	}
	if (inv->has_last)
	{
		pg_tz	   *tz = cust->tz ? cust->tz : p->tz;
		DateADT		allowed = dunning_local_date(inv->last_reminder_at, tz) + p->min_days_between;

		if (inv->today < allowed)
		{
			inv->waiting = "interval";
			look_on(inv, allowed);
			return;
		}
	}
	/*
	 * No stacking: the next level waits until the previous reminder is out
	 * of the queue (sent, dead, cancelled, or expired: policy.unsent_expiry)
	 */
	if (inv->has_unsent)
	{
		inv->waiting = "previous_unsent";
		look_on(inv, inv->today + 1);
		return;
	}
	inv->due_step = next;
}

/* Decide what to do with one invoice the pass looks at. */
void
dunning_decide_invoice(Invoice *inv, const Customer *cust,
					   const Campaign *campaign, TimestampTz as_of)
{
	pg_tz	   *tz;

	inv->due_step = NULL;
	inv->waiting = NULL;
	inv->closed = NULL;
	inv->problem = NULL;
	if (decide_closed(inv))
		return;
	/* data no pass can use: this invoice waits, the others go on */
	inv->problem = dunning_invoice_problem(inv);
	if (inv->problem == NULL && cust->problem != NULL)
		inv->problem = cust->problem;
	if (inv->problem != NULL)
	{
		inv->waiting = "bad_data";
		inv->next_check = as_of + USECS_PER_DAY;
		return;
	}

	inv->policy = dunning_choose_policy(campaign, cust->assigned, inv->currency, cust->tenant);
	tz = cust->tz ? cust->tz : (inv->policy ? inv->policy->tz : pg_tzset("UTC"));
	inv->tz = tz;
	inv->today = dunning_local_date(as_of, tz);
	inv->due_date = due_date_in(inv, tz);
	inv->days_overdue = inv->today - inv->due_date;

	if (inv->policy == NULL)
	{
		inv->waiting = "no_policy";
		look_on(inv, routine_look_day(inv));
		return;
	}
	/* a paused policy sends nothing; resuming it marks its invoices for a look */
	if (inv->policy->paused)
	{
		inv->waiting = "paused";
		inv->next_check = DT_NOEND;
		return;
	}
	decide_step(inv, cust);
}

/* When to look at an invoice again after emitting its reminder. */
static void
schedule_after_emission(Invoice *inv)
{
	const Policy *p = inv->policy;
	const Step *next = dunning_step_after(p, inv->due_step->level);
	DateADT		gap = inv->today + Max(p->min_days_between, 1);

	if (next == NULL)
	{
		inv->waiting = "last_step";
		look_on(inv, later(gap, routine_look_day(inv)));
	}
	else
	{
		inv->waiting = gap >= inv->due_date + next->days_overdue ? "interval" : "next_step";
		look_on(inv, later(gap, inv->due_date + next->days_overdue));
	}
}

/* The start of the policy's contact period that ends at as_of. */
static TimestampTz
period_start(const Policy *p, TimestampTz as_of)
{
	return DatumGetTimestampTz(DirectFunctionCall2(timestamptz_mi_interval,
												   TimestampTzGetDatum(as_of),
												   IntervalPGetDatum(&p->per_period)));
}

/* How many reminders the customer has had within the policy's period. */
static int
contacts_within(const Customer *cust, const Policy *p, TimestampTz as_of)
{
	TimestampTz since = period_start(p, as_of);
	int			n = 0;

	for (int i = 0; i < cust->ncontacts; i++)
		if (cust->contacts[i] > since && cust->contacts[i] <= as_of)
			n++;
	return n;
}

static int
timestamptz_cmp_asc(const void *a, const void *b)
{
	TimestampTz x = *(const TimestampTz *) a;
	TimestampTz y = *(const TimestampTz *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

/*
 * The instant the contact cap lets the customer be reminded again, when
 * `kept` reminders of this pass already count: enough of the contacts
 * within the period must have left it.  A contact at c leaves it at
 * c + per_period; those of this pass leave it last.
 */
static TimestampTz
cap_frees_at(const Customer *cust, const Policy *p, TimestampTz as_of, int kept)
{
	TimestampTz since = period_start(p, as_of);
	TimestampTz *within = palloc(sizeof(TimestampTz) * (cust->ncontacts + 1));
	TimestampTz leaves;
	int			n = 0;
	int			must_leave;

	for (int i = 0; i < cust->ncontacts; i++)
		if (cust->contacts[i] > since && cust->contacts[i] <= as_of)
			within[n++] = cust->contacts[i];
	qsort(within, n, sizeof(TimestampTz), timestamptz_cmp_asc);
	must_leave = n + kept - p->max_reminders + 1;
	leaves = must_leave >= 1 && must_leave <= n ? within[must_leave - 1] : as_of;
	return DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval,
												   TimestampTzGetDatum(leaves),
												   IntervalPGetDatum(&p->per_period)));
}

/* The idempotency key: each invoice reaches each level once. */
static char *
reminder_key(const Reminder *r)
{
	StringInfoData buf;
	char	   *hex;

	if (r->ninvoices == 1 && !r->policy->by_customer)
		return psprintf("i:%s:%d", r->invoices[0]->key_text, r->step->level);

	initStringInfo(&buf);
	for (int i = 0; i < r->ninvoices; i++)
		appendStringInfo(&buf, "%s:%d;", r->invoices[i]->key_text,
						 r->invoices[i]->due_step->level);
	hex = TextDatumGetCString(DirectFunctionCall1(md5_text,
												  PointerGetDatum(cstring_to_text(buf.data))));
	return psprintf("c:%s:%s", r->customer->key_text, hex);
}

/* A customer's postal address on lines: its lines, postcode and city, country. */
static char *
postal_address(const Customer *cust)
{
	StringInfoData buf;

	if (cust->address == NULL || cust->address[0] == '\0')
		return NULL;
	initStringInfo(&buf);
	appendStringInfoString(&buf, cust->address);
	if (cust->postcode || cust->city)
		appendStringInfo(&buf, "\n%s%s%s", cust->postcode ? cust->postcode : "",
						 cust->postcode && cust->city ? " " : "", cust->city ? cust->city : "");
	if (cust->country)
		appendStringInfo(&buf, "\n%s", cust->country);
	return buf.data;
}

/* Where the reminder goes: an address for its channel, if the customer has one. */
static char *
recipient_for(const Customer *cust, const char *channel)
{
	if (strcmp(channel, "email") == 0)
		return cust->email;
	if (strcmp(channel, "sms") == 0 || strcmp(channel, "phone") == 0)
		return cust->phone;
	if (strcmp(channel, "letter") == 0)
		return postal_address(cust);
	return NULL;
}

/* Hold back a due invoice: the contact cap, the customer minimum, its recipient. */
static void
hold_back(Invoice *inv, const char *why, TimestampTz next_check)
{
	inv->due_step = NULL;
	inv->waiting = why;
	inv->next_check = next_check;
}

/* What the customer is called on a channel, for a problem's text. */
static const char *
contact_name(const char *channel)
{
	if (strcmp(channel, "letter") == 0)
		return "postal address";
	return strcmp(channel, "email") == 0 ? "e-mail address" : "phone number";
}

/* A letter needs a postal address when the binding binds one. */
static const char *
letter_unreachable(const Customer *cust, char **problem)
{
	if (!cust->bound->address || postal_address(cust) != NULL)
		return NULL;
	*problem = pstrdup("the customer has no postal address for letter");
	return "no_recipient";
}

/*
 * Why the customer cannot be reached on this channel, or NULL if they can:
 * sets the reason to wait for and a problem that says what to mend.  A
 * channel without a recipient (hand-off, task, suspend) always reaches; an
 * address the binding does not bind is left to the consumer.
 */
static const char *
unreachable(const Customer *cust, const char *channel, char **problem)
{
	bool		email = strcmp(channel, "email") == 0;
	const char *to;
	const char *suppressed;

	if (strcmp(channel, "letter") == 0)
		return letter_unreachable(cust, problem);
	if (!email && strcmp(channel, "sms") != 0 && strcmp(channel, "phone") != 0)
		return NULL;
	to = recipient_for(cust, channel);
	suppressed = email ? cust->email_suppressed : cust->phone_suppressed;
	if (to == NULL || to[0] == '\0')
	{
		if (!(email ? cust->bound->email : cust->bound->phone))
			return NULL;
		*problem = psprintf("the customer has no %s for %s", contact_name(channel), channel);
		return "no_recipient";
	}
	if (!dunning_recipient_is_valid(channel, to))
	{
		*problem = psprintf("the customer's %s for %s is not one: %s",
							contact_name(channel), channel, dunning_shown_value(to));
		return "invalid_recipient";
	}
	if (suppressed != NULL)
	{
		*problem = psprintf("the customer's %s %s is on dunning.suppression (%s)",
							contact_name(channel), dunning_shown_value(to), suppressed);
		return "undeliverable";
	}
	return NULL;
}

/*
 * The channel a reminder goes out on: its step's, or the step's fallback
 * channel when the customer cannot be reached on that one.  If neither
 * reaches, its invoices wait (looked at again the next day, with the
 * problem of the step's own channel) and this returns false.
 */
static bool
choose_channel(Reminder *r, TimestampTz as_of)
{
	const char *fallback = r->step->fallback_channel;
	char	   *problem = NULL;
	char	   *ignored = NULL;
	const char *why = unreachable(r->customer, r->step->channel, &problem);

	if (why == NULL)
		r->channel = r->step->channel;
	else if (fallback != NULL && unreachable(r->customer, fallback, &ignored) == NULL)
		r->channel = fallback;
	else
	{
		for (int k = 0; k < r->ninvoices; k++)
		{
			hold_back(r->invoices[k], why, as_of + USECS_PER_DAY);
			r->invoices[k]->problem = problem;
		}
		return false;
	}
	return true;
}

/* Finish a reminder: its key, address and availability. */
static void
finish_reminder(Reminder *r, TimestampTz as_of)
{
	pg_tz	   *tz = r->customer->tz ? r->customer->tz : r->policy->tz;

	r->available_at = dunning_next_opening(as_of, tz, &r->policy->window);
	r->recipient = recipient_for(r->customer, r->channel);
	r->key = reminder_key(r);
	for (int i = 0; i < r->ninvoices; i++)
	{
		r->invoices[i]->reminder_key = r->key;
		schedule_after_emission(r->invoices[i]);
	}
}

/*
 * A reminder that cannot go out after all (its texts cannot be rendered):
 * its invoices wait as bad data, with the reason, and are looked at again
 * the next day; they keep their level.
 */
void
dunning_hold_back_reminder(Reminder *r, const char *problem, TimestampTz as_of)
{
	for (int k = 0; k < r->ninvoices; k++)
	{
		hold_back(r->invoices[k], "bad_data", as_of + USECS_PER_DAY);
		r->invoices[k]->problem = pstrdup(problem);
		r->invoices[k]->reminder_key = NULL;
	}
}

/*
 * A consolidating policy: the customer's due invoices under it go into one
 * reminder at the highest level among them, if their total reaches the
 * policy's minimum (else they wait).
 */
static int
consolidate(Invoice *invoices, int n, Customer *cust, Policy *p, Reminder *r)
{
	Datum		total = money_zero();

	r->invoices = palloc(sizeof(Invoice *) * n);
	r->ninvoices = 0;
	for (int i = 0; i < n; i++)
	{
		Invoice    *inv = &invoices[i];

		if (inv->due_step == NULL || inv->policy != p)
			continue;
		r->invoices[r->ninvoices++] = inv;
		total = money_add(total, inv->open_amount);
		if (r->step == NULL || inv->due_step->level > r->step->level)
			r->step = inv->due_step;
	}
	if (r->ninvoices > 0 && money_lt(total, p->min_open_amount))
	{
		for (int i = 0; i < r->ninvoices; i++)
			hold_back(r->invoices[i], "min_open_amount",
					  dunning_local_midnight(routine_look_day(r->invoices[i]), r->invoices[i]->tz));
		r->ninvoices = 0;
		r->step = NULL;
	}
	return r->ninvoices > 0 ? 1 : 0;
}

/*
 * Turn a customer's decided invoices into reminders.  Returns how many, in
 * *out (palloc'd); invoices held back by the cap are marked as waiting.
 */
int
dunning_group_reminders(Invoice *invoices, int n, Customer *cust,
						TimestampTz as_of, Reminder **out)
{
	Reminder   *rs = palloc0(sizeof(Reminder) * (n + 1));
	int			nr = 0;

	for (int i = 0; i < n; i++)
	{
		Invoice    *inv = &invoices[i];
		Policy	   *p = inv->policy;
		bool		seen = false;

		if (inv->due_step == NULL)
			continue;
		for (int j = 0; j < nr; j++)
			if (rs[j].policy == p && (p->by_customer || rs[j].invoices[0] == inv))
				seen = true;
		if (seen)
			continue;

		rs[nr].customer = cust;
		rs[nr].policy = p;
		if (p->by_customer)
			nr += consolidate(invoices, n, cust, p, &rs[nr]);
		else
		{
			rs[nr].invoices = palloc(sizeof(Invoice *));
			rs[nr].invoices[0] = inv;
			rs[nr].ninvoices = 1;
			rs[nr].step = inv->due_step;
			nr++;
		}
	}

	/*
	 * no reminder to an address that is missing, not one, or suppressed:
	 * the step's fallback channel, else its invoices wait for a mended row
	 */
	{
		int			kept = 0;

		for (int j = 0; j < nr; j++)
			if (choose_channel(&rs[j], as_of))
				rs[kept++] = rs[j];
		nr = kept;
	}

	/* the contact cap, per policy, counting what this pass already emits */
	{
		int			kept = 0;

		for (int j = 0; j < nr; j++)
		{
			Reminder   *r = &rs[j];
			Policy	   *p = r->policy;

			if (p->max_reminders > 0 &&
				contacts_within(cust, p, as_of) + kept >= p->max_reminders)
			{
				TimestampTz frees = cap_frees_at(cust, p, as_of, kept);

				for (int k = 0; k < r->ninvoices; k++)
					hold_back(r->invoices[k], "contact_cap", frees);
				continue;
			}
			rs[kept++] = *r;
		}
		nr = kept;
	}

	for (int j = 0; j < nr; j++)
		finish_reminder(&rs[j], as_of);
	*out = rs;
	return nr;
}
