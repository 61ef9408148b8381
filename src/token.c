/*-------------------------------------------------------------------------
 *
 * token.c
 *	  Signed self-service tokens: a reminder's own key to the customer's answer.
 *
 * Each reminder's payload carries a token, "<reminder id>.<last day>.<mac>",
 * where the last day is written as days since 2000-01-01 and the mac is the
 * first 16 bytes of HMAC-SHA256 over "dunning-token:<id>.<day>" with the
 * database's key (dunning.token_key, made by the first pass that mints a
 * token from the server's strong random source, readable by the
 * extension's owner alone), in hex.
 * The team's own web page hands the token back to dunning.accept_promise()
 * or dunning.open_dispute(): dunning.token_reminder() finds the reminder it
 * was minted for, and refuses a token that is malformed, whose mac does not
 * match (compared in constant time), or whose last day has passed.  The
 * extension serves no page; a token says nothing about the customer.
 * Replacing the key (UPDATE dunning.token_key SET key =
 * dunning.new_token_key()) revokes every token minted before.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "common/cryptohash.h"
#include "common/sha2.h"
#include "common/hmac.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "token.h"

PG_FUNCTION_INFO_V1(dunning_new_token_key);
PG_FUNCTION_INFO_V1(dunning_token_reminder);
PG_FUNCTION_INFO_V1(dunning_token_for);

#define TOKEN_KEY_BYTES 32
#define TOKEN_MAC_BYTES 16
#define TOKEN_MAX_LEN 80

int			dunning_token_lifetime = 90;

/* The mac of a token's id and day, in hex (2 * TOKEN_MAC_BYTES + 1 bytes). */
static void
token_mac(const TokenKey *key, int64 reminder_id, int32 day, char *hex)
{
	char	   *msg = psprintf("dunning-token:" INT64_FORMAT ".%d", reminder_id, day);
	uint8		mac[PG_SHA256_DIGEST_LENGTH];
	pg_hmac_ctx *ctx = pg_hmac_create(PG_SHA256);

	if (ctx == NULL || pg_hmac_init(ctx, key->bytes, key->len) < 0
		|| pg_hmac_update(ctx, (const uint8 *) msg, strlen(msg)) < 0
		|| pg_hmac_final(ctx, mac, sizeof(mac)) < 0)
	{
		pg_hmac_free(ctx);
		elog(ERROR, "could not compute a token's HMAC");
	}
	pg_hmac_free(ctx);
	hex_encode((const char *) mac, TOKEN_MAC_BYTES, hex);
	hex[2 * TOKEN_MAC_BYTES] = '\0';
}

/*
 * The database's signing key; made first when it has none and create is
 * set, else NULL.  The key is data, not part of the install script, so
 * that pg_dump keeps it and a restore does not clash with a new one.
 */
TokenKey *
dunning_token_key_load(bool create)
{
	TokenKey   *key;
	bool		isnull;
	bytea	   *raw;

	if (create && SPI_execute("INSERT INTO dunning.token_key (key)"
							  " SELECT dunning.new_token_key()"
							  " WHERE NOT EXISTS (SELECT FROM dunning.token_key)"
							  " ON CONFLICT DO NOTHING", false, 0) != SPI_OK_INSERT)
		elog(ERROR, "could not make a token key");
	if (SPI_execute("SELECT key FROM dunning.token_key", !create, 1) != SPI_OK_SELECT
		|| SPI_processed == 0)
		return NULL;
	raw = DatumGetByteaPCopy(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
										   1, &isnull));
	if (isnull)
		return NULL;
	key = palloc(sizeof(TokenKey));
	key->bytes = (uint8 *) VARDATA_ANY(raw);
	key->len = VARSIZE_ANY_EXHDR(raw);
	return key;
}

/* The token of a reminder, valid through its last day. */
char *
dunning_token_mint(const TokenKey *key, int64 reminder_id, DateADT expires)
{
	char		hex[2 * TOKEN_MAC_BYTES + 1];

	token_mac(key, reminder_id, (int32) expires, hex);
	return psprintf(INT64_FORMAT ".%d.%s", reminder_id, (int32) expires, hex);
}

/* Do two strings of the same length match, in time that does not tell where they differ? */
static bool
same_in_constant_time(const char *a, const char *b, size_t len)
{
	unsigned char diff = 0;

	for (size_t i = 0; i < len; i++)
		diff |= (unsigned char) a[i] ^ (unsigned char) b[i];
	return diff == 0;
}

/* Refuse a token, saying why without saying more. */
static void
refuse(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION),
			 errmsg("the token is not valid"),
			 errdetail("%s", detail),
			 errhint("Use the token of a reminder exactly as its payload carries it, before its last day; ask the customer to use the link of their latest reminder.")));
}

/* Read "<id>.<day>.<hex>" into its parts; false if it is not of that form. */
static bool
parse_token(const char *s, int64 *id, int32 *day, const char **mac)
{
	char	   *end;
	long long	v;
	long		d;

	if (strlen(s) > TOKEN_MAX_LEN || !isdigit((unsigned char) s[0]))
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '.' || v <= 0)
		return false;
	s = end + 1;
	if (!(isdigit((unsigned char) s[0]) || s[0] == '-'))
		return false;
	errno = 0;
	d = strtol(s, &end, 10);
	if (errno != 0 || *end != '.' || d < INT32_MIN || d > INT32_MAX)
		return false;
	*mac = end + 1;
	if (strlen(*mac) != 2 * TOKEN_MAC_BYTES || strspn(*mac, "0123456789abcdef") != 2 * TOKEN_MAC_BYTES)
		return false;
	*id = v;
	*day = (int32) d;
	return true;
}

/*
 * dunning.token_reminder(token text, today date) RETURNS bigint
 *
 * The reminder a token was minted for; an error for a token that is
 * malformed, tampered with, or past its last day.
 */
Datum
dunning_token_reminder(PG_FUNCTION_ARGS)
{
	char	   *token = text_to_cstring(PG_GETARG_TEXT_PP(0));
	DateADT		today = PG_GETARG_DATEADT(1);
	TokenKey   *key;
	const char *mac;
	char		expected[2 * TOKEN_MAC_BYTES + 1];
	int64		id;
	int32		day;

	if (!parse_token(token, &id, &day, &mac))
		refuse("It is not of the form a reminder's token has.");
	SPI_connect();
	key = dunning_token_key_load(false);
	if (key == NULL)
		refuse("This database has no token key.");
	token_mac(key, id, day, expected);
	SPI_finish();
	if (!same_in_constant_time(mac, expected, 2 * TOKEN_MAC_BYTES))
		refuse("Its signature does not match.");
	if (day < today)
		refuse("It has expired.");
	PG_RETURN_INT64(id);
}

/* dunning.token_for(reminder_id bigint, last_day date) RETURNS text */
Datum
dunning_token_for(PG_FUNCTION_ARGS)
{
	int64		id = PG_GETARG_INT64(0);
	DateADT		day = PG_GETARG_DATEADT(1);
	char	   *token;
	MemoryContext outer = CurrentMemoryContext;

	SPI_connect();
	token = dunning_token_mint(dunning_token_key_load(true), id, day);
	token = MemoryContextStrdup(outer, token);
	SPI_finish();
	PG_RETURN_TEXT_P(cstring_to_text(token));
}

/* dunning.new_token_key() RETURNS bytea: 32 bytes from the strong random source. */
Datum
dunning_new_token_key(PG_FUNCTION_ARGS)
{
	bytea	   *key = palloc(VARHDRSZ + TOKEN_KEY_BYTES);

	SET_VARSIZE(key, VARHDRSZ + TOKEN_KEY_BYTES);
	if (!pg_strong_random(VARDATA(key), TOKEN_KEY_BYTES))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not generate a token key")));
	PG_RETURN_BYTEA_P(key);
}
