/*-------------------------------------------------------------------------
 *
 * token.h
 *	  Signed self-service tokens: a reminder's own key to the customer's answer.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_TOKEN_H
#define DUNNING_TOKEN_H

#include "utils/date.h"

/* Days a token minted by a pass stays valid (dunning.token_lifetime). */
extern int	dunning_token_lifetime;

/* The database's signing key, read once by the caller (NULL: none). */
typedef struct TokenKey
{
	uint8	   *bytes;
	int			len;
} TokenKey;

extern TokenKey *dunning_token_key_load(bool create);
extern char *dunning_token_mint(const TokenKey *key, int64 reminder_id, DateADT expires);

#endif							/* DUNNING_TOKEN_H */
