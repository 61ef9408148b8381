/*-------------------------------------------------------------------------
 *
 * binding.c
 *	  Binding the user's own invoice, customer and payment relations,
 *	  without a copy.
 *
 * bind_ledger(), bind_customers() and bind_payments() check every column
 * the caller names (it exists, its type fits its role, no column plays two
 * roles) and record the binding in dunning.binding.  A trigger on that table
 * then (re)creates the view over the source (binding_view.c) and gives
 * the extension's key columns the ledger's own key types, so that joins use
 * the ledger's own indexes and nothing is cast in the hot path.  Because
 * the trigger does the work, pg_restore of dunning.binding restores the
 * views and the key types as well.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/relation.h"
#include "catalog/pg_class.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/varlena.h"

#include "binding_internal.h"

PG_FUNCTION_INFO_V1(dunning_bind_ledger);
PG_FUNCTION_INFO_V1(dunning_bind_customers);
PG_FUNCTION_INFO_V1(dunning_bind_payments);
PG_FUNCTION_INFO_V1(dunning_binding_apply);

static const BindingSpec ledger_spec = {
	"ledger", "ledger",
	"The bound ledger under canonical column names: one row per invoice of the source, read in place.",
	"invoices", 9,
	{
		{"invoice_id", "invoice's key", ROLE_KEY, true},
		{"customer_id", "customer's key", ROLE_KEY, true},
		{"due_on", "due date", ROLE_DATE, true},
		{"open_amount", "amount still unpaid", ROLE_AMOUNT, true},
		{"currency", "ISO 4217 currency code", ROLE_TEXT, false},
		{"reference", "invoice number people see", ROLE_ANY, false},
		{"issued_on", "issue date", ROLE_DATE, false},
		{"amount", "amount invoiced", ROLE_AMOUNT, false},
		{"tenant", "company or tenant the invoice belongs to", ROLE_ANY, false},
	}
};

static const BindingSpec customers_spec = {
	"customers", "customer",
	"The bound customer contact data under canonical column names, read in place.",
	"customers", 14,
	{
		{"customer_id", "customer's key", ROLE_KEY, true},
		{"email", "e-mail address", ROLE_TEXT, false},
		{"name", "customer's name", ROLE_TEXT, false},
		{"locale", "customer's locale", ROLE_TEXT, false},
		{"time_zone", "customer's time zone", ROLE_TEXT, false},
		{"phone", "phone number", ROLE_TEXT, false},
		{"consumer", "whether the customer is a consumer", ROLE_BOOL, false},
		{"dunning_email", "e-mail address for reminders", ROLE_TEXT, false},
		{"dunning_phone", "phone number for reminders", ROLE_TEXT, false},
		{"address", "postal address lines", ROLE_TEXT, false},
		{"postcode", "postcode", ROLE_TEXT, false},
		{"city", "city", ROLE_TEXT, false},
		{"country", "country", ROLE_TEXT, false},
		{"tenant", "company or tenant the customer row belongs to", ROLE_ANY, false},
	}
};

static const BindingSpec payments_spec = {
	"payments", "payment",
	"The bound payments under canonical column names: one row per payment (or part of one) to an invoice, read in place.",
	"payments", 4,
	{
		{"invoice_id", "invoice's key", ROLE_KEY, true},
		{"paid_on", "day of the payment", ROLE_DATE, true},
		{"amount", "amount paid", ROLE_AMOUNT, true},
		{"reference", "reference of the payment", ROLE_ANY, false},
	}
};

/* The spec of a kind of binding. */
static BindingSpec
spec_of(const char *kind)
{
	if (strcmp(kind, "ledger") == 0)
		return ledger_spec;
	if (strcmp(kind, "customers") == 0)
		return customers_spec;
	return payments_spec;
}

/* Is the type one that keys may have? */
static bool
key_type_fits(Oid typid)
{
	return typid == INT2OID || typid == INT4OID || typid == INT8OID ||
		typid == UUIDOID || typid == TEXTOID || typid == VARCHAROID;
}

/* Is the type an integer type (keys of these types compare with each other)? */
static bool
is_integer_type(Oid typid)
{
	return typid == INT2OID || typid == INT4OID || typid == INT8OID;
}

/* The type a key of this type is kept in: its own, varchar as text. */
Oid
binding_key_storage_type(Oid typid)
{
	return typid == VARCHAROID ? TEXTOID : typid;
}

/* Does a column of this type fit the role's kind? */
static bool
type_fits(RoleKind kind, Oid typid)
{
	switch (kind)
	{
		case ROLE_KEY:
			return key_type_fits(typid);
		case ROLE_DATE:
			return typid == DATEOID || typid == TIMESTAMPTZOID;
		case ROLE_AMOUNT:
			return typid == NUMERICOID || typid == INT2OID ||
				typid == INT4OID || typid == INT8OID ||
				typid == FLOAT4OID || typid == FLOAT8OID;
		case ROLE_TEXT:
			{
				char		category;
				bool		preferred;

				get_type_category_preferred(typid, &category, &preferred);
				return category == TYPCATEGORY_STRING;
			}
		case ROLE_ANY:
			return true;
		case ROLE_BOOL:
			return typid == BOOLOID;
	}
	return false;
}

/* The types a role's kind accepts, as a sentence for DETAIL. */
static const char *
types_that_fit(RoleKind kind)
{
	switch (kind)
	{
		case ROLE_KEY:
			return "Keys may be bigint, integer, smallint, uuid, text or varchar.";
		case ROLE_DATE:
			return "Dates may be date or timestamp with time zone.";
		case ROLE_AMOUNT:
			return "Amounts may be numeric, bigint, integer, smallint, real or double precision.";
		case ROLE_TEXT:
			return "This role takes a string type: text, varchar or char.";
		case ROLE_BOOL:
			return "This role takes a boolean: true for a consumer, false for a business, NULL for the policy's default.";
		case ROLE_ANY:
			break;
	}
	return "";
}

/* The source's column names, comma-separated, for DETAIL. */
static char *
column_list(Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped)
			continue;
		if (buf.len > 0)
			appendStringInfoString(&buf, ", ");
		appendStringInfoString(&buf, NameStr(att->attname));
	}
	return buf.data;
}

/* Resolve the source relation, or fail saying what to pass instead. */
static Oid
resolve_source(const char *source, const BindingSpec *spec)
{
	List	   *names;
	Oid			relid;
	char		relkind;

	if (source == NULL || source[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("source must name a table or view"),
				 errhint("Pass the name of the relation that holds the %s, such as 'public.%s'.",
						 spec->noun, spec->noun)));

	names = textToQualifiedNameList(cstring_to_text(source));
	relid = RangeVarGetRelid(makeRangeVarFromNameList(names), AccessShareLock, true);
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"%s\" does not exist", source),
				 errhint("Pass the table or view that holds the %s, schema-qualified if its schema is not on the search_path.",
						 spec->noun)));

	relkind = get_rel_relkind(relid);
	if (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE &&
		relkind != RELKIND_VIEW && relkind != RELKIND_MATVIEW &&
		relkind != RELKIND_FOREIGN_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a table or view", source),
				 errhint("Bind a table, a view, a materialized view or a foreign table.")));

	if (strcmp(get_namespace_name(get_rel_namespace(relid)), "dunning") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot bind \"%s\", a relation of the dunning extension", source),
				 errhint("Bind the relation of your own that holds the %s.", spec->noun)));

	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to read relation \"%s\"", source),
				 errhint("Bind as a role that may SELECT from it.")));
	return relid;
}

/* Check one role's column: it exists and its type fits. */
static void
check_role(Relation rel, const char *source, BoundRole *r)
{
	AttrNumber	attnum;
	Oid			typid;

	if (r->column == NULL)
	{
		if (r->required)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s requires a column", r->role),
					 errhint("Name the column of \"%s\" that holds the %s.", source, r->what)));
		return;
	}

	attnum = get_attnum(RelationGetRelid(rel), r->column);
	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist", r->column, source),
				 errdetail("The columns of \"%s\" are: %s.", source, column_list(rel)),
				 errhint("Pass as %s the column that holds the %s.", r->role, r->what)));

	typid = getBaseType(TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atttypid);
	if (!type_fits(r->kind, typid))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of relation \"%s\" has type %s, which does not fit %s",
						r->column, source, format_type_be(typid), r->role),
				 errdetail("%s", types_that_fit(r->kind)),
				 typid == TIMESTAMPOID ?
				 errhint("Bind a view that converts the column with AT TIME ZONE, so that days overdue are counted in a known zone.") :
				 errhint("Bind a view that casts the column to a type that fits.")));
	r->typid = typid;
}

/* No column may play two roles, but the invoice key may be its own reference. */
static void
check_distinct(const BindingSpec *spec, const BoundRole *roles)
{
	for (int i = 0; i < spec->nroles; i++)
		for (int j = i + 1; j < spec->nroles; j++)
			if (roles[i].column && roles[j].column &&
				strcmp(roles[i].column, roles[j].column) == 0 &&
			/* a key people read (ERPNext's "name") is its own reference */
				!(strcmp(roles[i].role, "invoice_id") == 0 &&
				  strcmp(roles[j].role, "reference") == 0))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("column \"%s\" is bound both as %s and as %s",
								roles[i].column, roles[i].role, roles[j].role),
						 errhint("Bind each role to a column of its own; leave an optional role out (NULL) rather than repeat a column.")));
}

/*
 * Check a whole binding: the source and every role.  Returns the source's
 * OID, locked for reading; fills in the roles' types.
 */
static Oid
check_binding(const BindingSpec *spec, const char *source, BoundRole *roles)
{
	Oid			relid = resolve_source(source, spec);
	Relation	rel = relation_open(relid, NoLock);

	for (int i = 0; i < spec->nroles; i++)
		check_role(rel, source, &roles[i]);
	check_distinct(spec, roles);
	relation_close(rel, NoLock);
	return relid;
}

/* The role of this name in a checked binding. */
BoundRole *
binding_find_role(const BindingSpec *spec, BoundRole *roles, const char *role)
{
	for (int i = 0; i < spec->nroles; i++)
		if (strcmp(roles[i].role, role) == 0)
			return &roles[i];
	elog(ERROR, "unknown binding role \"%s\"", role);
	return NULL;				/* keep compiler quiet */
}

/* Run one SQL statement through SPI, failing on anything unexpected. */
void
binding_run_sql(const char *sql, int expected)
{
	int			rc = SPI_execute(sql, false, 0);

	if (rc != expected)
		elog(ERROR, "SPI_execute failed (%d): %s", rc, sql);
}

/* The single text value of a one-row, one-column query with parameters, or NULL. */
static char *
query_value(const char *sql, int nargs, Oid *types, Datum *values)
{
	int			rc = SPI_execute_with_args(sql, nargs, types, values, NULL, true, 1);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed (%d): %s", rc, sql);
	if (SPI_processed == 0)
		return NULL;
	return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
}

/* The type a column of an extension table has now. */
static Oid
current_column_type(const char *relation, const char *column)
{
	Oid			relid = DatumGetObjectId(DirectFunctionCall1(regclassin,
															 CStringGetDatum(relation)));

	return get_atttype(relid, get_attnum(relid, column));
}

/*
 * Refuse to change a key type while reminders are pending: their keys
 * could no longer be matched against the ledger.
 */
static void
check_no_pending_reminders(const char *role, Oid newtype)
{
	Oid			cur;
	char	   *pending;

	if (strcmp(role, "invoice") == 0)
		cur = get_element_type(current_column_type("dunning.reminder", "invoice_ids"));
	else
		cur = current_column_type("dunning.reminder", "customer_id");
	if (cur == newtype)
		return;

	pending = query_value("SELECT count(*) FROM dunning.reminder"
						  " WHERE status IN ('pending', 'claimed')"
						  " HAVING count(*) > 0", 0, NULL, NULL);
	if (pending != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_IN_USE),
				 errmsg("cannot change the %s key type from %s to %s while reminders are pending",
						role, format_type_be(cur), format_type_be(newtype)),
				 errdetail_plural("%ld reminder is pending or claimed.",
								  "%ld reminders are pending or claimed.",
								  strtol(pending, NULL, 10), strtol(pending, NULL, 10)),
				 errhint("Let the mailer deliver them, or cancel them, then bind again.")));
}

/* Do two customer key types match well enough for joins to use indexes? */
static bool
key_types_match(Oid a, Oid b)
{
	return a == b || (is_integer_type(a) && is_integer_type(b));
}

/*
 * The customer key type of the other binding, if there is one, must match
 * this one's.
 */
static void
check_customer_key_matches(const BindingSpec *spec, Oid custtype)
{
	const char *other = strcmp(spec->kind, "ledger") == 0 ? "customers" : "ledger";
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(other)};
	char	   *typname;
	Oid			othertype;

	typname = query_value("SELECT customer_key_type FROM dunning.binding WHERE kind = $1",
						  1, argtypes, args);
	if (typname == NULL)
		return;
	othertype = DatumGetObjectId(DirectFunctionCall1(regtypein,
													 CStringGetDatum(typname)));
	if (!key_types_match(custtype, othertype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("customer key type %s does not match the %s binding's %s",
						format_type_be(custtype), other, format_type_be(othertype)),
				 errhint("Bind a relation whose customer key has the same type, or a view that casts it.")));
}

/*
 * The payments' invoice key must be the ledger's (a payment names an
 * invoice of the ledger); the ledger must be bound first.  Returns the
 * ledger's invoice key type.
 */
static Oid
check_invoice_key_matches_ledger(Oid invtype)
{
	char	   *typname = query_value("SELECT invoice_key_type FROM dunning.binding"
									  " WHERE kind = 'ledger'", 0, NULL, NULL);
	Oid			ledgertype;

	/* a restore may load the payments' binding before the ledger's */
	if (typname == NULL && !check_function_bodies)
		return invtype;
	if (typname == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("no ledger is bound"),
				 errhint("Bind your invoice table with dunning.bind_ledger() first: payments name its invoices.")));
	ledgertype = DatumGetObjectId(DirectFunctionCall1(regtypein, CStringGetDatum(typname)));
	if (!key_types_match(invtype, ledgertype))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("invoice key type %s does not match the ledger binding's %s",
						format_type_be(invtype), format_type_be(ledgertype)),
				 errhint("Bind a relation whose invoice key has the ledger's type, or a view that casts it.")));
	return ledgertype;
}

/* The binding's role-to-column map as a JSON object. */
static char *
columns_json(const BindingSpec *spec, const BoundRole *roles)
{
	StringInfoData buf;
	bool		first = true;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int i = 0; i < spec->nroles; i++)
	{
		if (roles[i].column == NULL)
			continue;
		if (!first)
			appendStringInfoString(&buf, ", ");
		escape_json(&buf, roles[i].role);
		appendStringInfoString(&buf, ": ");
		escape_json(&buf, roles[i].column);
		first = false;
	}
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

/* The relation's schema-qualified, quoted name. */
char *
binding_qualified_name(Oid relid)
{
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
									  get_rel_name(relid));
}

/* The owner of a relation. */
static Oid
relation_owner(Oid relid)
{
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	return owner;
}

/*
 * Passes read the source as its owner, running whatever code its owner put
 * in it (a view's functions, a rule, a row security policy) with that
 * owner's rights.  Binding a relation of another role is therefore a
 * decision to state: run_as must name that role.  Returns the owner.
 */
static Oid
confirm_owner(const BindingSpec *spec, const char *source, Oid relid, Oid run_as)
{
	Oid			owner = relation_owner(relid);
	char	   *owner_name = GetUserNameFromId(owner, false);

	if (OidIsValid(run_as) && run_as != owner)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("relation \"%s\" belongs to role \"%s\", not \"%s\"",
						source, owner_name, GetUserNameFromId(run_as, false)),
				 errhint("Pass run_as => '%s', the role passes will read it as.", owner_name)));
	if (!OidIsValid(run_as) && owner != GetUserId())
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("relation \"%s\" belongs to role \"%s\"", source, owner_name),
				 errdetail("Passes read a bound relation as its owner: the functions its definition calls, its rules and its row security policies will run as role \"%s\", which is given read access to the extension's state.",
						   owner_name),
				 errhint("If role \"%s\" may run code in every pass with its own rights, bind with run_as => '%s'.",
						 owner_name, owner_name)));
	return owner;
}

/* Every bound relation must belong to one role: passes read them as it. */
static void
check_same_owner_as_other(const BindingSpec *spec, const char *source, Oid owner)
{
	Oid			types[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(spec->kind)};

	if (SPI_execute_with_args("SELECT c.relowner, b.kind FROM dunning.binding b"
							  " JOIN pg_catalog.pg_class c"
							  "   ON c.oid = pg_catalog.to_regclass(b.source)"
							  " WHERE b.kind <> $1 ORDER BY b.kind = 'ledger' DESC, b.kind",
							  1, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read dunning.binding");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		Oid			other_owner = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[i],
																 SPI_tuptable->tupdesc, 1,
																 &isnull));
		char	   *other = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);

		if (other_owner != owner)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("relation \"%s\" belongs to role \"%s\", the bound %s to role \"%s\"",
							source, GetUserNameFromId(owner, false), other,
							GetUserNameFromId(other_owner, false)),
					 errdetail(strcmp(spec->kind, "payments") == 0 || strcmp(other, "payments") == 0
							   ? "Passes read every bound relation as one role."
							   : "Passes read the ledger and the customers in one query, as one role."),
					 errhint("Give both relations to one role, or bind a view of that role over the other relation.")));
	}
}

/* Does dunning.binding keep amount_scale (the SQL of 0.2 on)? */
static bool
binding_has_amount_scale(void)
{
	return SPI_execute("SELECT 1 FROM pg_catalog.pg_attribute"
					   " WHERE attrelid = 'dunning.binding'::pg_catalog.regclass"
					   "   AND attname = 'amount_scale' AND NOT attisdropped", true, 1) == SPI_OK_SELECT
		&& SPI_processed > 0;
}

/*
 * A scale of amounts in minor units: 0 to 6 decimal places, or the
 * currency's minor units (a ledger with a currency column).
 */
static void
check_amount_scale(const BindingSpec *spec, BoundRole *roles)
{
	const char *s = spec->amount_scale;

	if (s == NULL)
		return;
	if (strcmp(s, "currency") == 0)
	{
		if (strcmp(spec->kind, "ledger") != 0 ||
			binding_find_role(spec, roles, "currency")->column == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("amount_scale 'currency' needs a currency column"),
					 errdetail("Only a ledger bound with its currency column can take each invoice's minor units from its currency."),
					 errhint("Bind the currency column too, or give the number of decimal places, such as '2'.")));
		return;
	}
	if (strlen(s) != 1 || s[0] < '0' || s[0] > '6')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("amount_scale must be a number of decimal places from 0 to 6, or 'currency'"),
				 errdetail("It was \"%s\".", s),
				 errhint("Give '2' for amounts in cents, or 'currency' to take each invoice's minor units from its currency.")));
}

/* Check a binding and record it in dunning.binding (whose trigger applies it). */
static Oid
bind(const BindingSpec *spec, const char *source, BoundRole *roles, Oid run_as)
{
	Oid			relid;
	Oid			custtype;
	Oid			argtypes[7] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, OIDOID, TEXTOID};
	Datum		args[7];
	char		nulls[7] = {' ', ' ', ' ', ' ', ' ', ' ', ' '};
	BoundRole  *inv;
	Oid			owner;
	bool		with_scale;

	SPI_connect();
	relid = check_binding(spec, source, roles);
	owner = confirm_owner(spec, source, relid, run_as);
	check_same_owner_as_other(spec, source, owner);
	args[5] = ObjectIdGetDatum(owner);
	args[0] = CStringGetTextDatum(spec->kind);
	args[1] = CStringGetTextDatum(binding_qualified_name(relid));
	args[2] = CStringGetTextDatum(columns_json(spec, roles));
	check_amount_scale(spec, roles);
	args[6] = spec->amount_scale ? CStringGetTextDatum(spec->amount_scale) : (Datum) 0;
	nulls[6] = spec->amount_scale ? ' ' : 'n';
	if (strcmp(spec->kind, "payments") == 0)
	{
		/* payments have no customer key; their invoice key is the ledger's */
		inv = binding_find_role(spec, roles, "invoice_id");
		args[3] = CStringGetTextDatum(format_type_be(
			check_invoice_key_matches_ledger(binding_key_storage_type(inv->typid))));
		args[4] = (Datum) 0;
		nulls[4] = 'n';
	}
	else
	{
		custtype = binding_key_storage_type(binding_find_role(spec, roles, "customer_id")->typid);
		check_customer_key_matches(spec, custtype);
		args[4] = CStringGetTextDatum(format_type_be(custtype));
		args[3] = (Datum) 0;
		nulls[3] = 'n';
		if (strcmp(spec->kind, "ledger") == 0)
		{
			inv = binding_find_role(spec, roles, "invoice_id");
			check_no_pending_reminders("invoice", binding_key_storage_type(inv->typid));
			check_no_pending_reminders("customer", custtype);
			args[3] = CStringGetTextDatum(format_type_be(binding_key_storage_type(inv->typid)));
			nulls[3] = ' ';
		}
	}

	/* the SQL of 0.1, before ALTER EXTENSION UPDATE, keeps no scale */
	with_scale = binding_has_amount_scale();
	if (!with_scale && spec->amount_scale != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("amount_scale needs the extension's SQL of this library's version"),
				 errhint("Run ALTER EXTENSION dunning UPDATE, then bind again.")));
	if (SPI_execute_with_args(psprintf("INSERT INTO dunning.binding AS b"
									   " (kind, source, columns, invoice_key_type, customer_key_type,"
									   "  owner%s)"
									   " VALUES ($1, $2, $3::jsonb, $4, $5,"
									   "  (SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid = $6)%s)"
									   " ON CONFLICT (kind) DO UPDATE SET source = EXCLUDED.source,"
									   " columns = EXCLUDED.columns,"
									   " invoice_key_type = EXCLUDED.invoice_key_type,"
									   " customer_key_type = EXCLUDED.customer_key_type,"
									   " owner = EXCLUDED.owner,%s"
									   " bound_at = pg_catalog.now(), bound_by = current_user",
									   with_scale ? ", amount_scale" : "",
									   with_scale ? ", $7" : "",
									   with_scale ? " amount_scale = EXCLUDED.amount_scale," : ""),
							  with_scale ? 7 : 6, argtypes, args, nulls, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "could not record the binding");
	SPI_finish();
	return relid;
}

/*
 * A text argument of the SQL function, or NULL; NULL too for one the SQL
 * declaration does not have (an older version's, before an update).
 */
static char *
text_arg(FunctionCallInfo fcinfo, int n)
{
	if (n >= PG_NARGS() || PG_ARGISNULL(n))
		return NULL;
	return text_to_cstring(PG_GETARG_TEXT_PP(n));
}

/* The view a binding creates, as a regclass Datum. */
static Datum
view_regclass(const BindingSpec *spec)
{
	return DirectFunctionCall1(regclassin,
							   CStringGetDatum(psprintf("dunning.%s", spec->view)));
}

/*
 * dunning.bind_ledger(source, invoice_id, customer_id, due_on, open_amount,
 *					   currency, reference, run_as, amount_scale, issued_on,
 *					   amount, tenant) RETURNS regclass
 *
 * issued_on, amount and tenant came after run_as and amount_scale, so that calls by
 * position still work: the argument of role i is i + 1 up to reference,
 * i + 3 after.
 */
#define LEDGER_FIRST_ROLES 6

Datum
dunning_bind_ledger(PG_FUNCTION_ARGS)
{
	BindingSpec spec = ledger_spec;

	for (int i = 0; i < spec.nroles; i++)
		spec.roles[i].column = text_arg(fcinfo, i < LEDGER_FIRST_ROLES ? i + 1 : i + 3);
	spec.amount_scale = text_arg(fcinfo, LEDGER_FIRST_ROLES + 2);
	bind(&spec, text_arg(fcinfo, 0), spec.roles,
		 PG_ARGISNULL(LEDGER_FIRST_ROLES + 1) ? InvalidOid
		 : PG_GETARG_OID(LEDGER_FIRST_ROLES + 1));
	PG_RETURN_DATUM(view_regclass(&spec));
}

/*
 * dunning.bind_customers(source, customer_id, email, name, locale,
 *						  time_zone, phone, run_as, consumer, dunning_email,
 *						  dunning_phone, address, postcode, city, country,
 *						  tenant) RETURNS regclass
 *
 * The roles after phone came after run_as, so that calls by position
 * still work: the argument of role i is i + 1 up to phone, i + 2 after.
 */
#define CUSTOMERS_RUN_AS 7

Datum
dunning_bind_customers(PG_FUNCTION_ARGS)
{
	BindingSpec spec = customers_spec;
	int			run_as = CUSTOMERS_RUN_AS;

	for (int i = 0; i < spec.nroles; i++)
		spec.roles[i].column = text_arg(fcinfo, i + 1 < run_as ? i + 1 : i + 2);
	bind(&spec, text_arg(fcinfo, 0), spec.roles,
		 PG_ARGISNULL(run_as) ? InvalidOid : PG_GETARG_OID(run_as));
	PG_RETURN_DATUM(view_regclass(&spec));
}

/*
 * dunning.bind_payments(source, invoice_id, paid_on, amount, reference,
 *						 run_as, amount_scale) RETURNS regclass
 */
Datum
dunning_bind_payments(PG_FUNCTION_ARGS)
{
	BindingSpec spec = payments_spec;

	for (int i = 0; i < spec.nroles; i++)
		spec.roles[i].column = text_arg(fcinfo, i + 1);
	spec.amount_scale = text_arg(fcinfo, spec.nroles + 2);
	bind(&spec, text_arg(fcinfo, 0), spec.roles,
		 PG_ARGISNULL(spec.nroles + 1) ? InvalidOid : PG_GETARG_OID(spec.nroles + 1));
	PG_RETURN_DATUM(view_regclass(&spec));
}

/*
 * Refuse a key type change that the keys already stored cannot follow,
 * naming the first value that does not convert.
 */
static void
check_keys_convert(const char *rel, const char *col, bool isarray, const char *type)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(type)};
	char	   *bad;

	if (isarray)
		bad = query_value(psprintf("SELECT e FROM %s, pg_catalog.unnest(%s::text[]) e"
								   " WHERE NOT dunning.key_converts(e, $1::pg_catalog.regtype) LIMIT 1",
								   rel, col), 1, argtypes, args);
	else
		bad = query_value(psprintf("SELECT %s::text FROM %s WHERE %s IS NOT NULL"
								   " AND NOT dunning.key_converts(%s::text, $1::pg_catalog.regtype) LIMIT 1",
								   col, rel, col, col), 1, argtypes, args);
	if (bad != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("cannot convert the keys in column \"%s\" of \"%s\" to %s", col, rel, type),
				 errdetail("The value \"%s\" is not a valid %s.", bad, type),
				 errhint("Delete or correct the rows that hold it, then bind again.")));
}

/*
 * Give every key column registered in dunning.key_column the ledger's key
 * type for its role, converting what it already holds.
 */
static void
retype_key_columns(Oid invtype, Oid custtype)
{
	List	   *alters = NIL;
	ListCell   *lc;
	SPITupleTable *keys;
	uint64		nkeys;
	int			rc;

	rc = SPI_execute("SELECT relation::text, quote_ident(column_name), role, is_array,"
					 " format_type(a.atttypid, NULL)"
					 " FROM dunning.key_column k"
					 " JOIN pg_catalog.pg_attribute a"
					 "   ON a.attrelid = k.relation AND a.attname = k.column_name"
					 " ORDER BY 1, 2", true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read dunning.key_column");

	/* the checks below run queries of their own: keep this result */
	keys = SPI_tuptable;
	nkeys = SPI_processed;
	for (uint64 i = 0; i < nkeys; i++)
	{
		HeapTuple	tup = keys->vals[i];
		TupleDesc	desc = keys->tupdesc;
		char	   *rel = SPI_getvalue(tup, desc, 1);
		char	   *col = SPI_getvalue(tup, desc, 2);
		bool		isinv = strcmp(SPI_getvalue(tup, desc, 3), "invoice") == 0;
		bool		isarray = strcmp(SPI_getvalue(tup, desc, 4), "t") == 0;
		char	   *want = format_type_be(isinv ? invtype : custtype);
		char	   *have = SPI_getvalue(tup, desc, 5);

		if (isarray)
			want = psprintf("%s[]", want);
		if (strcmp(want, have) == 0)
			continue;
		check_keys_convert(rel, col, isarray, format_type_be(isinv ? invtype : custtype));
		alters = lappend(alters,
						 psprintf("ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::text%s::%s",
								  rel, col, want, col, isarray ? "[]" : "", want));
	}

	foreach(lc, alters)
		binding_run_sql((char *) lfirst(lc), SPI_OK_UTILITY);
}

/* Fill a binding's roles from the stored {"role": "column"} map. */
static void
roles_from_json(const BindingSpec *spec, BoundRole *roles, Datum columns)
{
	Oid			argtypes[1] = {JSONBOID};
	Datum		args[1] = {columns};

	if (SPI_execute_with_args("SELECT key, value FROM pg_catalog.jsonb_each_text($1)",
							  1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the binding's columns");

	for (uint64 i = 0; i < SPI_processed; i++)
	{
		char	   *role = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		char	   *col = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);

		binding_find_role(spec, roles, role)->column = col;
	}
}

/* A text column of the trigger's new row, or NULL. */
static char *
new_row_text_or_null(TriggerData *trigdata, const char *name)
{
	TupleDesc	desc = RelationGetDescr(trigdata->tg_relation);
	HeapTuple	tuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
		trigdata->tg_newtuple : trigdata->tg_trigtuple;
	bool		isnull;
	Datum		value;
	int			attno = SPI_fnumber(desc, name);

	if (attno <= 0)
		return NULL;
	value = heap_getattr(tuple, attno, desc, &isnull);
	return isnull ? NULL : TextDatumGetCString(value);
}

/* A column of the trigger's new row, which must not be NULL. */
static Datum
new_row_value(TriggerData *trigdata, const char *name)
{
	TupleDesc	desc = RelationGetDescr(trigdata->tg_relation);
	HeapTuple	tuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
		trigdata->tg_newtuple : trigdata->tg_trigtuple;
	bool		isnull;
	Datum		value;

	value = heap_getattr(tuple, SPI_fnumber(desc, name), desc, &isnull);
	if (isnull)
		elog(ERROR, "dunning.binding.%s is null", name);
	return value;
}

/*
 * On a Citus coordinator, what a binding creates and alters (the views,
 * the key columns of dunning's tables) stays there: left to itself, Citus
 * sends a view over a distributed table to every worker, with all it
 * depends on, the extension included, where dunning's tables are not
 * retyped to the ledger's keys (and need not exist).  Without Citus the
 * setting does not exist and nothing is changed.  Returns the GUC level
 * to pop.
 */
static int
ddl_on_this_node_only(void)
{
	int			level = NewGUCNestLevel();

	if (GetConfigOption("citus.enable_ddl_propagation", true, false) != NULL)
		(void) set_config_option("citus.enable_ddl_propagation", "off", PGC_USERSET,
								 PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	return level;
}

/*
 * Trigger on dunning.binding: check the binding again (the source may have
 * changed since, or this is a restore) and apply it.
 */
Datum
dunning_binding_apply(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	BindingSpec spec;
	char	   *kind;
	char	   *source;
	Oid			relid;
	Oid			custtype;
	int			guc_level;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		elog(ERROR, "dunning_binding_apply must be called as a row trigger");
	guc_level = ddl_on_this_node_only();

	kind = TextDatumGetCString(new_row_value(trigdata, "kind"));
	source = TextDatumGetCString(new_row_value(trigdata, "source"));
	spec = spec_of(kind);
	spec.amount_scale = new_row_text_or_null(trigdata, "amount_scale");

	SPI_connect();
	roles_from_json(&spec, spec.roles, new_row_value(trigdata, "columns"));
	relid = check_binding(&spec, source, spec.roles);
	if (strcmp(kind, "payments") == 0)
	{
		check_invoice_key_matches_ledger(binding_key_storage_type(binding_find_role(&spec, spec.roles,
																	"invoice_id")->typid));
		custtype = InvalidOid;
	}
	else
	{
		custtype = binding_key_storage_type(binding_find_role(&spec, spec.roles, "customer_id")->typid);
		check_customer_key_matches(&spec, custtype);
	}
	if (strcmp(kind, "ledger") == 0)
	{
		/* the derived views use the key columns and the ledger view */
		binding_drop_derived_views();
		binding_create_view(&spec, spec.roles, relid);
		retype_key_columns(binding_key_storage_type(binding_find_role(&spec, spec.roles, "invoice_id")->typid),
						   custtype);
		binding_create_derived_views();
	}
	else
		binding_create_view(&spec, spec.roles, relid);
	/* views made anew have lost what dunning.grant_reader() gave */
	binding_run_sql("SELECT dunning.apply_grants()", SPI_OK_SELECT);
	SPI_finish();
	AtEOXact_GUC(true, guc_level);

	return PointerGetDatum(NULL);
}
