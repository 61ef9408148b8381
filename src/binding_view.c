/*-------------------------------------------------------------------------
 *
 * binding_view.c
 *	  The views a binding makes: dunning.ledger, dunning.customer and
 *	  dunning.payment over the user's relations, under canonical column
 *	  names, and the extension's views derived from the ledger
 *	  (dunning.derived_view), made anew after it.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "nodes/pg_list.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "binding_internal.h"

/*
 * An amount the source keeps in minor units, as the view shows it: divided
 * by 10 to the binding's scale, or to the minor units of the invoice's
 * currency (2 for a currency dunning.currency does not know), rounded to
 * that many places.
 */
static void
append_scaled_amount(StringInfo sql, const BindingSpec *spec, BoundRole *roles, BoundRole *r)
{
	const char *col = quote_identifier(r->column);

	if (strcmp(spec->amount_scale, "currency") == 0)
	{
		char	   *units = psprintf("coalesce((SELECT c.minor_units FROM dunning.currency c"
									 " WHERE c.code = pg_catalog.upper(s.%s::text)), 2)",
									 quote_identifier(binding_find_role(spec, roles, "currency")->column));

		appendStringInfo(sql, "pg_catalog.round(s.%s::numeric"
						 " / pg_catalog.power(10::numeric, %s), %s)", col, units, units);
	}
	else
		appendStringInfo(sql, "pg_catalog.round(s.%s::numeric / pg_catalog.power(10::numeric, %s), %s)",
						 col, spec->amount_scale, spec->amount_scale);
}

/* The SELECT list entry of one role in the view. */
static void
append_role_column(StringInfo sql, const BindingSpec *spec, BoundRole *roles, BoundRole *r)
{
	if (r->column == NULL)
	{
		if (strcmp(r->role, "reference") == 0)
			appendStringInfo(sql, "s.%s::text",
							 quote_identifier(binding_find_role(spec, roles, "invoice_id")->column));
		else if (r->kind == ROLE_BOOL)
			appendStringInfoString(sql, "NULL::boolean");
		else
			appendStringInfoString(sql, "NULL::text");
	}
	else if (r->kind == ROLE_AMOUNT && spec->amount_scale != NULL)
		append_scaled_amount(sql, spec, roles, r);
	else if (r->kind == ROLE_TEXT || r->kind == ROLE_ANY ||
			 (r->kind == ROLE_KEY && r->typid == VARCHAROID))
		appendStringInfo(sql, "s.%s::text", quote_identifier(r->column));
	else
		appendStringInfo(sql, "s.%s", quote_identifier(r->column));
	appendStringInfo(sql, " AS %s", r->role);
}

/* The OID of the extension's view, or InvalidOid if it does not exist yet. */
static Oid
existing_view(const BindingSpec *spec)
{
	return get_relname_relid(spec->view, get_namespace_oid("dunning", false));
}

/*
 * Does the existing view have other column types than the new one will?
 * CREATE OR REPLACE VIEW cannot change them; the view is then dropped.
 */
static bool
view_types_differ(Oid viewid, const BindingSpec *spec, BoundRole *roles)
{
	for (int i = 0; i < spec->nroles; i++)
	{
		BoundRole  *r = &roles[i];
		AttrNumber	attnum = get_attnum(viewid, r->role);
		Oid			want = TEXTOID;

		if (r->column != NULL && (r->kind == ROLE_KEY || r->kind == ROLE_DATE ||
								  r->kind == ROLE_AMOUNT))
			want = binding_key_storage_type(r->typid);
		if (r->column != NULL && r->kind == ROLE_AMOUNT && spec->amount_scale != NULL)
			want = NUMERICOID;
		if (attnum != i + 1 || getBaseType(get_atttype(viewid, attnum)) != want)
			return true;
	}
	return false;
}

/* Make a view of schema dunning a member of the extension, unless it is. */
static void
add_to_extension(const char *view, bool existed)
{
	if (!existed && !creating_extension)
		binding_run_sql(psprintf("ALTER EXTENSION dunning ADD VIEW dunning.%s", view),
				SPI_OK_UTILITY);
}

/* Drop a view of schema dunning that is a member of the extension. */
static void
drop_member_view(const char *view)
{
	if (!OidIsValid(get_relname_relid(view, get_namespace_oid("dunning", false))))
		return;
	if (!creating_extension)
		binding_run_sql(psprintf("ALTER EXTENSION dunning DROP VIEW dunning.%s", view),
				SPI_OK_UTILITY);
	binding_run_sql(psprintf("DROP VIEW dunning.%s", view), SPI_OK_UTILITY);
}

/*
 * The views derived from dunning.ledger (dunning.derived_view), as a list
 * of {name, definition, comment} triples, in creation order.
 */
static List *
derived_views(void)
{
	List	   *views = NIL;

	if (SPI_execute("SELECT quote_ident(name), definition, comment"
					" FROM dunning.derived_view ORDER BY position", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read dunning.derived_view");
	for (uint64 i = 0; i < SPI_processed; i++)
		for (int col = 1; col <= 3; col++)
			views = lappend(views, SPI_getvalue(SPI_tuptable->vals[i],
												SPI_tuptable->tupdesc, col));
	return views;
}

/* Drop the derived views, latest first: the ledger view or key types change. */
void
binding_drop_derived_views(void)
{
	List	   *views = derived_views();

	for (int i = list_length(views) - 3; i >= 0; i -= 3)
		drop_member_view((char *) list_nth(views, i));
}

/* (Re)create the derived views over the new ledger view. */
void
binding_create_derived_views(void)
{
	List	   *views = derived_views();

	for (int i = 0; i + 2 < list_length(views); i += 3)
	{
		char	   *name = list_nth(views, i);

		binding_run_sql(psprintf("CREATE VIEW dunning.%s AS %s", name,
						 (char *) list_nth(views, i + 1)), SPI_OK_UTILITY);
		add_to_extension(name, false);
		binding_run_sql(psprintf("REVOKE ALL ON dunning.%s FROM PUBLIC", name), SPI_OK_UTILITY);
		binding_run_sql(psprintf("COMMENT ON VIEW dunning.%s IS %s", name,
						 quote_literal_cstr(list_nth(views, i + 2))), SPI_OK_UTILITY);
	}
}

/* (Re)create the binding's view over the source, a member of the extension. */
void
binding_create_view(const BindingSpec *spec, BoundRole *roles, Oid relid)
{
	StringInfoData sql;
	Oid			viewid = existing_view(spec);

	initStringInfo(&sql);
	if (OidIsValid(viewid) && view_types_differ(viewid, spec, roles))
	{
		drop_member_view(spec->view);
		viewid = InvalidOid;
	}

	appendStringInfo(&sql, "CREATE OR REPLACE VIEW dunning.%s AS SELECT ", spec->view);
	for (int i = 0; i < spec->nroles; i++)
	{
		if (i > 0)
			appendStringInfoString(&sql, ", ");
		append_role_column(&sql, spec, roles, &roles[i]);
	}
	appendStringInfo(&sql, " FROM %s s", binding_qualified_name(relid));
	binding_run_sql(sql.data, SPI_OK_UTILITY);

	add_to_extension(spec->view, OidIsValid(viewid));
	binding_run_sql(psprintf("REVOKE ALL ON dunning.%s FROM PUBLIC", spec->view), SPI_OK_UTILITY);
	binding_run_sql(psprintf("COMMENT ON VIEW dunning.%s IS %s", spec->view,
					 quote_literal_cstr(spec->view_comment)), SPI_OK_UTILITY);
}
