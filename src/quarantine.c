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
/* How much of an offending value a problem shows. */
#define SHOWN_BYTES 60

/* A value as a problem shows it: quoted, cut short on a character boundary. */
char *
dunning_shown_value(const char *value)
{
	int			len = strlen(value);
	int			cut = pg_mbcliplen(value, len, SHOWN_BYTES);

	return psprintf("\"%.*s\"%s", cut, value, cut < len ? "..." : "");
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

/* Why a pass cannot use this customer's row, or NULL. */
char *
dunning_customer_problem(const Customer *cust)
{
	char	   *why;

	if ((why = too_long("the customer's name", cust->name, MAX_NAME)) != NULL)
		return why;
	return too_long("the customer's locale", cust->locale, MAX_LOCALE);
}
