/*-------------------------------------------------------------------------
 *
 * binding_internal.h
 *	  What binding.c (checking and recording a binding) and binding_view.c
 *	  (the views a binding makes) share.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_BINDING_INTERNAL_H
#define DUNNING_BINDING_INTERNAL_H

/* What a role's column must hold. */
typedef enum RoleKind
{
	ROLE_KEY,					/* an invoice or customer key */
	ROLE_DATE,					/* date or timestamptz */
	ROLE_AMOUNT,				/* any numeric type */
	ROLE_TEXT,					/* any string type */
	ROLE_ANY,					/* anything with a text form */
	ROLE_BOOL					/* boolean */
} RoleKind;

/* One role of a binding: which source column plays it. */
typedef struct BoundRole
{
	const char *role;			/* canonical column name in the view */
	const char *what;			/* what the column holds, for messages */
	RoleKind	kind;
	bool		required;
	char	   *column;			/* the source's column, or NULL */
	Oid			typid;			/* its base type, once checked */
} BoundRole;

/* One kind of binding: the roles it has and the view it makes. */
typedef struct BindingSpec
{
	const char *kind;			/* 'ledger', 'customers' or 'payments' */
	const char *view;			/* the view it creates in schema dunning */
	const char *view_comment;
	const char *noun;			/* what the source holds, for messages */
	int			nroles;
	BoundRole	roles[14];
	const char *amount_scale;	/* amounts in minor units: "0".."6", "currency"; or NULL */
} BindingSpec;

extern BoundRole *binding_find_role(const BindingSpec *spec, BoundRole *roles, const char *role);
extern void binding_run_sql(const char *sql, int expected);
extern char *binding_qualified_name(Oid relid);
extern Oid	binding_key_storage_type(Oid typid);

/* binding_view.c */
extern void binding_create_view(const BindingSpec *spec, BoundRole *roles, Oid relid);
extern void binding_drop_derived_views(void);
extern void binding_create_derived_views(void);

#endif							/* DUNNING_BINDING_INTERNAL_H */
