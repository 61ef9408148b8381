/*-------------------------------------------------------------------------
 *
 * owner.h
 *	  Reading the bound relations with their owner's rights, never more.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_OWNER_H
#define DUNNING_OWNER_H

/* The caller's rights, kept while a statement runs as the pass role. */
typedef struct OwnerScope
{
	Oid			saved_user;
	int			saved_context;
	int			guc_level;
} OwnerScope;

extern Oid	dunning_pass_role(void);
extern void owner_scope_begin(OwnerScope *scope, Oid role);
extern void owner_scope_end(OwnerScope *scope);

#endif							/* DUNNING_OWNER_H */
