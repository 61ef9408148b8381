/*-------------------------------------------------------------------------
 *
 * payload.h
 *	  The payload of a reminder: every field, once.
 *
 * A reminder's payload (dunning.reminder.payload, jsonb) carries every field
 * a mailer that renders the message itself needs, and what the shipped
 * templates render from.  This list is its one definition: the renderer's
 * catalogue of placeholders is made from it (render.c), SQL reads it as
 * dunning.payload_fields() (payload.c), and sql/payload.sql checks that what
 * a pass builds (evaluate.c) and what the settle rule rebuilds
 * (sql/install/26_settle.sql) have exactly these fields.
 *
 * It depends on nothing of the server: the fuzz target links render.c
 * alone.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_PAYLOAD_H
#define DUNNING_PAYLOAD_H

/* What a field holds, and so how a template writes it out. */
typedef enum PayloadKind
{
	PK_TEXT,					/* a string */
	PK_NUMBER,					/* a whole number, written as it is */
	PK_BOOL,					/* true or false */
	PK_AMOUNT,					/* an amount in the reminder's currency */
	PK_DECIMAL,					/* a number with a fraction (a rate), in the locale's form */
	PK_DATE,					/* YYYY-MM-DD */
	PK_OBJECT,					/* members below; NULL when absent */
	PK_LIST						/* the invoices */
} PayloadKind;

/*
 * The members of the payload, and of its objects: X(name, key, sub, kind),
 * where name is the placeholder, key the member of the payload and sub
 * the member of that object (or NULL).
 */
#define PAYLOAD_FIELDS(X) \
	X("policy", "policy", NULL, PK_TEXT) \
	X("level", "level", NULL, PK_NUMBER) \
	X("channel", "channel", NULL, PK_TEXT) \
	X("template", "template", NULL, PK_TEXT) \
	X("fee", "fee", NULL, PK_AMOUNT) \
	X("fee_waived", "fee_waived", NULL, PK_AMOUNT) \
	X("currency", "currency", NULL, PK_TEXT) \
	X("customer", "customer", NULL, PK_OBJECT) \
	X("customer.id", "customer", "id", PK_TEXT) \
	X("customer.name", "customer", "name", PK_TEXT) \
	X("customer.email", "customer", "email", PK_TEXT) \
	X("customer.phone", "customer", "phone", PK_TEXT) \
	X("customer.locale", "customer", "locale", PK_TEXT) \
	X("customer.time_zone", "customer", "time_zone", PK_TEXT) \
	X("customer.company", "customer", "company", PK_BOOL) \
	X("address", "address", NULL, PK_OBJECT) \
	X("address.lines", "address", "lines", PK_TEXT) \
	X("address.postcode", "address", "postcode", PK_TEXT) \
	X("address.city", "address", "city", PK_TEXT) \
	X("address.country", "address", "country", PK_TEXT) \
	X("invoices", "invoices", NULL, PK_LIST) \
	X("total_open", "total_open", NULL, PK_AMOUNT) \
	X("total_fees", "total_fees", NULL, PK_AMOUNT) \
	X("total_interest", "total_interest", NULL, PK_AMOUNT) \
	X("total_compensation", "total_compensation", NULL, PK_AMOUNT) \
	X("total_charges", "total_charges", NULL, PK_AMOUNT) \
	X("total_due", "total_due", NULL, PK_AMOUNT) \
	X("interest_rate", "interest_rate", NULL, PK_DECIMAL) \
	X("legal_basis", "legal_basis", NULL, PK_TEXT) \
	X("as_of", "as_of", NULL, PK_DATE) \
	X("long_overdue", "long_overdue", NULL, PK_BOOL) \
	X("payment_url", "payment_url", NULL, PK_TEXT) \
	X("token", "token", NULL, PK_TEXT) \
	X("contact", "contact", NULL, PK_OBJECT) \
	X("contact.name", "contact", "name", PK_TEXT) \
	X("contact.email", "contact", "email", PK_TEXT) \
	X("contact.phone", "contact", "phone", PK_TEXT) \
	X("next_step", "next_step", NULL, PK_OBJECT) \
	X("next_step.level", "next_step", "level", PK_NUMBER) \
	X("next_step.channel", "next_step", "channel", PK_TEXT) \
	X("next_step.due_on", "next_step", "due_on", PK_DATE) \
	X("next_step.fee", "next_step", "fee", PK_AMOUNT) \
	X("next_step.handoff", "next_step", "handoff", PK_BOOL) \
	X("next_step.suspend", "next_step", "suspend", PK_BOOL)

/* The members of each entry of "invoices": X(key, kind). */
#define PAYLOAD_INVOICE_FIELDS(X) \
	X("invoice_id", PK_TEXT) \
	X("reference", PK_TEXT) \
	X("due_on", PK_DATE) \
	X("days_overdue", PK_NUMBER) \
	X("level", PK_NUMBER) \
	X("open_amount", PK_AMOUNT) \
	X("fees", PK_AMOUNT) \
	X("interest", PK_AMOUNT) \
	X("compensation", PK_AMOUNT) \
	X("total_due", PK_AMOUNT)

#endif							/* DUNNING_PAYLOAD_H */
