/*-------------------------------------------------------------------------
 *
 * quarantine.c
 *	  Ledger and customer data a pass cannot use, kept apart per invoice.
 *
 * Every value read from the ledger or the customers is hostile until
 * checked.  An amount that is NaN or infinite, a due date that is
 * infinite, a reference or a customer's text too long to render: any of
 * them would stop the whole pass, and every reminder of the database with
 * it.  Instead, the invoice (or every invoice of the customer, when the
 * customer's row is at fault) waits with waiting_for = 'bad_data' and the
 * reason, with the offending value, in invoice_state.problem, where
 * dunning.problems shows it; the pass goes on for everyone else, and looks
 * at it again the next day, so that mending the row is all a person does.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/date.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "quarantine.h"

/* The longest texts a reminder renders from the ledger and the customers. */
#define MAX_REFERENCE 200
#define MAX_CURRENCY 16
#define MAX_NAME 500
#define MAX_LOCALE 35
#define MAX_ADDRESS 500
#define MAX_ADDRESS_PART 100
/* How much of an offending value a problem shows. */
#define SHOWN_BYTES 60

/*
 * A value as a problem shows it: quoted, cut short on a character
 * boundary, its control characters written out (\n, \r, \t, \xNN) so that
 * a hostile value cannot break the lines of whatever shows the problem.
 */
char *
dunning_shown_value(const char *value)
{
	int			len = strlen(value);
	int			cut = pg_mbcliplen(value, len, SHOWN_BYTES);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '"');
	for (int i = 0; i < cut; i++)
	{
		unsigned char c = (unsigned char) value[i];

		if (c == '\n')
			appendStringInfoString(&buf, "\\n");
		else if (c == '\r')
			appendStringInfoString(&buf, "\\r");
		else if (c == '\t')
			appendStringInfoString(&buf, "\\t");
		else if (c < 0x20 || c == 0x7f)
			appendStringInfo(&buf, "\\x%02x", c);
		else
			appendStringInfoChar(&buf, (char) c);
	}
	appendStringInfo(&buf, "\"%s", cut < len ? "..." : "");
	return buf.data;
}

/* A text longer than a reminder can carry, or NULL. */
static char *
too_long(const char *what, const char *value, int most)
{
	int			chars;

	if (value == NULL)
		return NULL;
	chars = pg_mbstrlen(value);
	if (chars <= most)
		return NULL;
	return psprintf("%s has %d characters (at most %d): %s", what, chars, most,
					dunning_shown_value(value));
}

/* Why a pass cannot use this invoice's row of the ledger, or NULL. */
char *
dunning_invoice_problem(const Invoice *inv)
{
	char	   *why;

	if (inv->copies > 1)
		return psprintf("invoice_id appears in %lld rows of the ledger", (long long) inv->copies);
	if (inv->present && inv->open_amount != (Datum) 0)
	{
		Numeric		amount = DatumGetNumeric(inv->open_amount);

		if (numeric_is_nan(amount))
			return pstrdup("open_amount is NaN");
		if (numeric_is_inf(amount))
			return pstrdup("open_amount is infinite");
	}
	if (inv->present && inv->due_on != (Datum) 0 &&
		(inv->due_is_ts ? TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(inv->due_on))
		 : DATE_NOT_FINITE(DatumGetDateADT(inv->due_on))))
		return pstrdup("due_on is infinite");
	if ((why = too_long("reference", inv->reference, MAX_REFERENCE)) != NULL)
		return why;
	return too_long("currency", inv->currency, MAX_CURRENCY);
}

/*
 * A text with a control character (a line break aside, where lines may
 * break) a letter or a hand-off could not print as it is, or NULL.
 */
static char *
has_control(const char *what, const char *value, bool lines)
{
	if (value == NULL)
		return NULL;
	for (const unsigned char *p = (const unsigned char *) value; *p; p++)
		if ((*p < 0x20 && !(lines && *p == '\n')) || *p == 0x7f)
			return psprintf("%s holds a control character: %s", what,
							dunning_shown_value(value));
	return NULL;
}

/* Why a pass cannot use this customer's postal address, or NULL. */
static char *
address_problem(const Customer *cust)
{
	const char *parts[3] = {cust->postcode, cust->city, cust->country};
	const char *names[3] = {"the customer's postcode", "the customer's city",
	"the customer's country"};
	char	   *why;

	if ((why = too_long("the customer's address", cust->address, MAX_ADDRESS)) != NULL
		|| (why = has_control("the customer's address", cust->address, true)) != NULL)
		return why;
	for (int i = 0; i < 3; i++)
		if ((why = too_long(names[i], parts[i], MAX_ADDRESS_PART)) != NULL
			|| (why = has_control(names[i], parts[i], false)) != NULL)
			return why;
	return NULL;
}

/* Why a pass cannot use this customer's row, or NULL. */
char *
dunning_customer_problem(const Customer *cust)
{
	char	   *why;

	if ((why = too_long("the customer's name", cust->name, MAX_NAME)) != NULL)
		return why;
	if ((why = address_problem(cust)) != NULL)
		return why;
	return too_long("the customer's locale", cust->locale, MAX_LOCALE);
}
