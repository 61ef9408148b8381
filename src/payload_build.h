/*-------------------------------------------------------------------------
 *
 * payload_build.h
 *	  A reminder's payload, built once as jsonb (payload_build.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_PAYLOAD_BUILD_H
#define DUNNING_PAYLOAD_BUILD_H

#include "utils/jsonb.h"

#include "evaluate.h"

extern Jsonb *dunning_build_payload(const Reminder *r);
extern char *dunning_payload_text(const Jsonb *payload);

#endif							/* DUNNING_PAYLOAD_BUILD_H */
