/*-------------------------------------------------------------------------
 *
 * address.h
 *	  Whether a customer's e-mail address or phone number can be used.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_ADDRESS_H
#define DUNNING_ADDRESS_H

extern bool dunning_email_is_valid(const char *address);
extern bool dunning_phone_is_valid(const char *phone);
extern bool dunning_recipient_is_valid(const char *channel, const char *recipient);

#endif							/* DUNNING_ADDRESS_H */
