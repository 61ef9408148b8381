/*
 * address.c: the check of a recipient address before it reaches SMTP.
 *
 * The mailer hands an address to the server in RCPT TO and writes it in the
 * To header.  An address with a CR or LF in it would let whoever wrote it
 * into the customer table speak SMTP in the mailer's name (a second,
 * forged message) or add headers (a Bcc); a comma or a space would add
 * recipients.  So only a plain RFC 5321 addr-spec passes: a dot-atom local
 * part (quoted local parts are refused), an @, and a domain of labels
 * (letters, digits and hyphens; address literals are refused), ASCII only,
 * at most 254 characters, the local part at most 64.
 */
#include <stdio.h>
#include <string.h>

#include "mailer.h"

/* RFC 5322 atext: the characters of a dot-atom, other than the dot. */
static bool
is_atext(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/* Letters, digits and hyphens: what a label of a domain is made of. */
static bool
is_ldh(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '-';
}

/*
 * Characters no address may hold, whatever its part: a description of the
 * first found in why, or false when there is none.
 */
static bool
has_forbidden_character(const char *address, char *why, size_t whylen)
{
	for (const unsigned char *p = (const unsigned char *) address; *p; p++)
	{
		if (*p < 0x20 || *p == 0x7f)
		{
			snprintf(why, whylen, "it contains a control character, %s",
					 *p == '\r' ? "CR" : *p == '\n' ? "LF" : *p == '\t' ? "TAB" : "other");
			return true;
		}
		if (*p >= 0x80)
		{
			snprintf(why, whylen, "it is not ASCII, and internationalised addresses are not supported");
			return true;
		}
		if (*p == ' ')
		{
			snprintf(why, whylen, "it contains a space");
			return true;
		}
		if (strchr("<>,;\"()[]\\:", *p) != NULL)
		{
			snprintf(why, whylen, "it contains \"%c\"", *p);
			return true;
		}
	}
	return false;
}

/* Whether the local part is a dot-atom of at most 64 characters. */
static bool
local_part_is_valid(const char *local, size_t len, char *why, size_t whylen)
{
	if (len == 0)
	{
		snprintf(why, whylen, "it has nothing before the @");
		return false;
	}
	if (len > LOCAL_PART_MAX)
	{
		snprintf(why, whylen, "its local part is longer than %d characters", LOCAL_PART_MAX);
		return false;
	}
	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) local[i];

		if (c == '.')
		{
			if (i == 0 || i == len - 1 || local[i - 1] == '.')
			{
				snprintf(why, whylen, "its local part has a dot at its start, its end or next to another");
				return false;
			}
		}
		else if (c == '@')
		{
			snprintf(why, whylen, "it has more than one @");
			return false;
		}
		else if (!is_atext(c))
		{
			snprintf(why, whylen, "its local part contains \"%c\"", c);
			return false;
		}
	}
	return true;
}

/*
 * Whether the domain is one or more labels of letters, digits and hyphens,
 * 1 to 63 characters each, none starting or ending with a hyphen.
 */
static bool
domain_is_valid(const char *domain, char *why, size_t whylen)
{
	const char *label = domain;

	if (*domain == '\0')
	{
		snprintf(why, whylen, "it has no domain after the @");
		return false;
	}
	for (;;)
	{
		size_t		len = strcspn(label, ".");

		if (len == 0 || len > 63)
		{
			snprintf(why, whylen, "its domain has an empty label or one longer than 63 characters");
			return false;
		}
		for (size_t i = 0; i < len; i++)
		{
			if (!is_ldh((unsigned char) label[i]))
			{
				snprintf(why, whylen, "its domain contains \"%c\"", label[i]);
				return false;
			}
		}
		if (label[0] == '-' || label[len - 1] == '-')
		{
			snprintf(why, whylen, "a label of its domain starts or ends with a hyphen");
			return false;
		}
		if (label[len] == '\0')
			return true;
		label += len + 1;
	}
}

/*
 * Whether an address is a plain addr-spec the mailer may hand to SMTP; when
 * it is not, why (a phrase such as "it contains a space") is written to why.
 */
bool
address_is_valid(const char *address, char *why, size_t whylen)
{
	const char *at;
	size_t		len;

	if (address == NULL || address[0] == '\0')
	{
		snprintf(why, whylen, "there is no address");
		return false;
	}
	if (has_forbidden_character(address, why, whylen))
		return false;
	len = strlen(address);
	if (len > ADDRESS_MAX)
	{
		snprintf(why, whylen, "it is longer than %d characters", ADDRESS_MAX);
		return false;
	}
	at = strrchr(address, '@');
	if (at == NULL)
	{
		snprintf(why, whylen, "it has no @");
		return false;
	}
	return local_part_is_valid(address, (size_t) (at - address), why, whylen) &&
		domain_is_valid(at + 1, why, whylen);
}
