/*-------------------------------------------------------------------------
 *
 * address.c
 *	  Whether a customer's e-mail address or phone number can be used.
 *
 * Every value read from the customers is hostile until checked: an address
 * goes into an SMTP envelope and a message header, a phone number to an
 * SMS gateway or a dialler.  A pass emits no reminder to a recipient that
 * is not one: its invoices wait with waiting_for = 'invalid_recipient'
 * until the customer's row is mended.  The check is strict on purpose: an
 * RFC 5321 mailbox (a dot-atom local part of at most 64 characters, "@",
 * a domain of letters, digits and hyphens in dot-separated labels), at
 * most 254 characters, ASCII only, nothing that SMTP or a header could
 * read as syntax (no quotes, brackets, commas, spaces or control
 * characters).  The reference mailer checks again before it speaks SMTP.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "address.h"

PG_FUNCTION_INFO_V1(dunning_email_is_valid_sql);

#define EMAIL_MAX 254
#define LOCAL_MAX 64
#define LABEL_MAX 63
#define PHONE_MAX 32

/* A character of an RFC 5322 atom (atext). */
static bool
is_atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		(c != '\0' && strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

/* A dot-atom local part: atoms joined by single dots. */
static bool
local_part_is_valid(const char *s, size_t len)
{
	if (len == 0 || len > LOCAL_MAX || s[0] == '.' || s[len - 1] == '.')
		return false;
	for (size_t i = 0; i < len; i++)
	{
		if (s[i] == '.')
		{
			if (s[i + 1] == '.')
				return false;
		}
		else if (!is_atext(s[i]))
			return false;
	}
	return true;
}

/* A domain: two or more labels of letters, digits and inner hyphens. */
static bool
domain_is_valid(const char *s)
{
	size_t		label = 0;
	int			labels = 1;

	if (*s == '\0')
		return false;
	for (const char *p = s; *p; p++)
	{
		if (*p == '.')
		{
			if (label == 0 || p[-1] == '-')
				return false;
			label = 0;
			labels++;
			continue;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') || (*p == '-' && label > 0)))
			return false;
		if (++label > LABEL_MAX)
			return false;
	}
	return label > 0 && s[strlen(s) - 1] != '-' && labels >= 2;
}

/* An e-mail address the reference mailer, SMTP and a header can carry as it is. */
bool
dunning_email_is_valid(const char *address)
{
	const char *at;

	if (address == NULL || strlen(address) > EMAIL_MAX)
		return false;
	at = strrchr(address, '@');
	if (at == NULL)
		return false;
	return local_part_is_valid(address, at - address) && domain_is_valid(at + 1);
}

/* A phone number: digits with an optional leading "+", spaces, dots, hyphens, brackets. */
bool
dunning_phone_is_valid(const char *phone)
{
	int			digits = 0;

	if (phone == NULL || strlen(phone) > PHONE_MAX)
		return false;
	for (const char *p = phone; *p; p++)
	{
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!(strchr(" .-()", *p) != NULL || (*p == '+' && p == phone)))
			return false;
	}
	return digits >= 3;
}

/*
 * Whether a reminder of this channel may go to this recipient: a NULL one
 * is left to the channel (a letter has none), a present one must be valid.
 */
bool
dunning_recipient_is_valid(const char *channel, const char *recipient)
{
	if (recipient == NULL)
		return true;
	if (strcmp(channel, "email") == 0)
		return dunning_email_is_valid(recipient);
	if (strcmp(channel, "sms") == 0 || strcmp(channel, "phone") == 0)
		return dunning_phone_is_valid(recipient);
	return true;
}

/* dunning.email_is_valid(address text) RETURNS boolean */
Datum
dunning_email_is_valid_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(dunning_email_is_valid(text_to_cstring(PG_GETARG_TEXT_PP(0))));
}
