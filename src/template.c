/*-------------------------------------------------------------------------
 *
 * template.c
 *	  Templates in the server: the catalogue a pass renders with (templates,
 *	  locales, currencies), the choice of a template and a format for a
 *	  reminder along the locale fallback chain, and the SQL functions
 *	  dunning.render(), dunning.render_reminder() and
 *	  dunning.template_validate().
 *
 * The language itself is render.c.  A customer's locale chooses the
 * template and, independently, the format of amounts and dates: fr-CA,
 * then fr, then the policy's language (and its base language), then en.
 * User templates come before the shipped ones (dunning.template_default)
 * of the same name, channel and locale.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "render.h"
#include "template.h"

PG_FUNCTION_INFO_V1(dunning_render);
PG_FUNCTION_INFO_V1(dunning_render_reminder);
PG_FUNCTION_INFO_V1(dunning_template_validate);

bool		dunning_render_enabled = true;
int			dunning_max_render_size = 256;

/* The parts of a template, in the order of their columns. */
#define NPARTS 3
static const char *const part_names[NPARTS] = {"subject", "body", "body_html"};

typedef struct TemplateRow
{
	char	   *name;
	char	   *channel;
	char	   *locale;
	char	   *text[NPARTS];	/* NULL when the template has no such part */
	RenderTemplate *parsed[NPARTS];
	bool		is_parsed;
} TemplateRow;

typedef struct LocaleRow
{
	char	   *code;
	RenderFormat fmt;			/* without the currency */
} LocaleRow;

typedef struct CurrencyRow
{
	char	   *code;
	char	   *symbol;
	int			minor_units;
} CurrencyRow;

typedef struct PolicyRow
{
	char	   *name;
	char	   *language;
} PolicyRow;

/* The template and format chosen for a combination, cached per pass. */
#define CHOICE_KEYLEN 256
typedef struct Choice
{
	char		key[CHOICE_KEYLEN];
	TemplateRow *tpl;
	RenderFormat fmt;
} Choice;

struct RenderCatalog
{
	MemoryContext cxt;
	int			ntemplates;
	TemplateRow *templates;
	int			nlocales;
	LocaleRow  *locales;
	int			ncurrencies;
	CurrencyRow *currencies;
	int			npolicies;
	PolicyRow  *policies;
	HTAB	   *choices;
};

/* When dunning.locale has none of the chain (its en row was deleted). */
static const RenderFormat builtin_format = {
	".", ",", "{symbol}{amount}", "YYYY-MM-DD",
	{"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December"}, NULL, "", 2
};

/* The renderer's arena: a memory context. */
static void *
context_alloc(void *arg, size_t size)
{
	return MemoryContextAlloc((MemoryContext) arg, size);
}

/* Column i of the current SPI row as a string in cxt, or NULL. */
static char *
spi_text(HeapTuple row, int i, MemoryContext cxt)
{
	char	   *v = SPI_getvalue(row, SPI_tuptable->tupdesc, i);

	return v ? MemoryContextStrdup(cxt, v) : NULL;
}

static void
spi_select(const char *sql)
{
	if (SPI_execute(sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the rendering catalogue: %s", sql);
}

static void
load_templates(RenderCatalog *cat)
{
	spi_select("SELECT name, channel, locale, subject, body, body_html"
			   " FROM dunning.templates_in_effect ORDER BY shipped, name, channel, locale");
	cat->ntemplates = (int) SPI_processed;
	cat->templates = MemoryContextAllocZero(cat->cxt, sizeof(TemplateRow) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	row = SPI_tuptable->vals[i];
		TemplateRow *t = &cat->templates[i];

		t->name = spi_text(row, 1, cat->cxt);
		t->channel = spi_text(row, 2, cat->cxt);
		t->locale = spi_text(row, 3, cat->cxt);
		for (int p = 0; p < NPARTS; p++)
			t->text[p] = spi_text(row, 4 + p, cat->cxt);
	}
}

static void
load_locales(RenderCatalog *cat)
{
	StringInfoData sql;

	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT code, decimal_sep, group_sep, amount_format, date_format");
	for (int m = 1; m <= 12; m++)
		appendStringInfo(&sql, ", month_names[%d]", m);
	appendStringInfoString(&sql, ", first_day FROM dunning.locales_in_effect");
	spi_select(sql.data);
	cat->nlocales = (int) SPI_processed;
	cat->locales = MemoryContextAllocZero(cat->cxt, sizeof(LocaleRow) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	row = SPI_tuptable->vals[i];
		LocaleRow  *l = &cat->locales[i];

		l->code = spi_text(row, 1, cat->cxt);
		l->fmt.decimal_sep = spi_text(row, 2, cat->cxt);
		l->fmt.group_sep = spi_text(row, 3, cat->cxt);
		l->fmt.amount_format = spi_text(row, 4, cat->cxt);
		l->fmt.date_format = spi_text(row, 5, cat->cxt);
		for (int m = 0; m < 12; m++)
			l->fmt.months[m] = spi_text(row, 6 + m, cat->cxt);
		l->fmt.first_day = spi_text(row, 18, cat->cxt);
	}
}

static void
load_currencies_and_policies(RenderCatalog *cat)
{
	spi_select("SELECT code, coalesce(symbol, code), minor_units FROM dunning.currency");
	cat->ncurrencies = (int) SPI_processed;
	cat->currencies = MemoryContextAllocZero(cat->cxt, sizeof(CurrencyRow) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	row = SPI_tuptable->vals[i];

		cat->currencies[i].code = spi_text(row, 1, cat->cxt);
		cat->currencies[i].symbol = spi_text(row, 2, cat->cxt);
		cat->currencies[i].minor_units = atoi(SPI_getvalue(row, SPI_tuptable->tupdesc, 3));
	}
	spi_select("SELECT name, language FROM dunning.policy");
	cat->npolicies = (int) SPI_processed;
	cat->policies = MemoryContextAllocZero(cat->cxt, sizeof(PolicyRow) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		cat->policies[i].name = spi_text(SPI_tuptable->vals[i], 1, cat->cxt);
		cat->policies[i].language = spi_text(SPI_tuptable->vals[i], 2, cat->cxt);
	}
}

/*
 * Read templates, locales, currencies and policy languages once, into a new
 * context under cxt.  Templates are parsed when first used.
 */
RenderCatalog *
render_catalog_load(MemoryContext cxt)
{
	MemoryContext mine = AllocSetContextCreate(cxt, "dunning templates",
											   ALLOCSET_DEFAULT_SIZES);
	RenderCatalog *cat = MemoryContextAllocZero(mine, sizeof(RenderCatalog));
	HASHCTL		ctl;

	cat->cxt = mine;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	load_templates(cat);
	load_locales(cat);
	load_currencies_and_policies(cat);
	SPI_finish();

	ctl.keysize = CHOICE_KEYLEN;
	ctl.entrysize = sizeof(Choice);
	ctl.hcxt = mine;
	cat->choices = hash_create("dunning template choices", 64, &ctl,
							   HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	return cat;
}

/*
 * A language tag as the tables write it: fr_ca.UTF-8 becomes fr-CA.  NULL
 * for nothing usable.
 */
static char *
normalize_tag(const char *tag)
{
	char	   *r;
	bool		region = false;
	int			n = 0;

	if (tag == NULL)
		return NULL;
	r = palloc(strlen(tag) + 1);
	for (const char *s = tag; *s && *s != '.' && *s != '@'; s++)
	{
		char		c = *s;

		if (c == '_' || c == '-')
		{
			region = true;
			c = '-';
		}
		else
			c = region ? pg_toupper((unsigned char) c) : pg_tolower((unsigned char) c);
		r[n++] = c;
	}
	r[n] = '\0';
	return n > 0 ? r : NULL;
}

/* The language of a tag: fr for fr-CA. */
static char *
base_language(const char *tag)
{
	const char *dash = tag ? strchr(tag, '-') : NULL;

	return dash ? pnstrdup(tag, dash - tag) : NULL;
}

/* The fallback chain of a customer's locale and a policy's language. */
static int
locale_chain(const char *customer, const char *policy_language, const char **chain)
{
	const char *cands[5];
	int			n = 0;

	cands[0] = normalize_tag(customer);
	cands[1] = base_language(cands[0]);
	cands[2] = normalize_tag(policy_language);
	cands[3] = base_language(cands[2]);
	cands[4] = "en";
	for (int i = 0; i < 5; i++)
	{
		bool		seen = cands[i] == NULL;

		for (int k = 0; k < n && !seen; k++)
			seen = strcmp(chain[k], cands[i]) == 0;
		if (!seen)
			chain[n++] = cands[i];
	}
	return n;
}

static TemplateRow *
find_template(RenderCatalog *cat, const char *name, const char *channel, const char *locale)
{
	for (int i = 0; i < cat->ntemplates; i++)
	{
		TemplateRow *t = &cat->templates[i];

		if (strcmp(t->name, name) == 0 && strcmp(t->channel, channel) == 0 &&
			(locale == NULL || strcmp(t->locale, locale) == 0))
			return t;
	}
	return NULL;
}

static const char *
policy_language(RenderCatalog *cat, const char *policy)
{
	for (int i = 0; policy && i < cat->npolicies; i++)
		if (strcmp(cat->policies[i].name, policy) == 0)
			return cat->policies[i].language;
	return NULL;
}

/* Choose the template (along the chain, else any locale) and the format. */
static void
choose(RenderCatalog *cat, const char *name, const char *channel, const char *locale,
	   const char *policy, const char *currency, Choice *c)
{
	const char *chain[5];
	int			n = locale_chain(locale, policy_language(cat, policy), chain);
	const LocaleRow *found = NULL;

	c->tpl = NULL;
	for (int i = 0; i < n && c->tpl == NULL; i++)
		c->tpl = find_template(cat, name, channel, chain[i]);
	if (c->tpl == NULL)
		c->tpl = find_template(cat, name, channel, NULL);

	for (int i = 0; i < n && found == NULL; i++)
		for (int k = 0; k < cat->nlocales && found == NULL; k++)
			if (strcmp(cat->locales[k].code, chain[i]) == 0)
				found = &cat->locales[k];
	c->fmt = found ? found->fmt : builtin_format;
	c->fmt.symbol = currency ? currency : "";
	c->fmt.minor_units = 2;
	for (int k = 0; currency && k < cat->ncurrencies; k++)
		if (strcmp(cat->currencies[k].code, currency) == 0)
		{
			c->fmt.symbol = cat->currencies[k].symbol;
			c->fmt.minor_units = cat->currencies[k].minor_units;
		}
}

/* The cached choice for a combination; computed on first use. */
static Choice *
cached_choice(RenderCatalog *cat, const char *name, const char *channel, const char *locale,
			  const char *policy, const char *currency, Choice *scratch)
{
	char	   *key = psprintf("%s\x1f%s\x1f%s\x1f%s\x1f%s", name, channel,
							   locale ? locale : "", policy ? policy : "",
							   currency ? currency : "");
	Choice	   *c;
	bool		found;

	if (strlen(key) >= CHOICE_KEYLEN)
	{
		choose(cat, name, channel, locale, policy, currency, scratch);
		return scratch;
	}
	c = hash_search(cat->choices, key, HASH_ENTER, &found);
	if (!found)
		choose(cat, name, channel, locale, policy, currency, c);
	return c;
}

/* Report a template that does not parse, naming it and the position. */
static void
report_template_error(const char *name, const char *channel, const char *locale,
					  int part, const RenderError *err, int code, const char *what)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("%s at line %d, column %d of the %s", err->message, err->line,
					err->column, part_names[part]),
			 errdetail("The template \"%s\" (%s, %s) %s.", name, channel, locale, what),
			 err->hint ? errhint("%s", err->hint) : 0));
}

/*
 * Parse a template's parts once, in the catalogue's context.  A part that
 * does not parse is an error, or, when problem is given, told there (the
 * row stays unparsed, and the next reminder that needs it finds the same).
 */
static bool
parse_row(RenderCatalog *cat, TemplateRow *t, char **problem)
{
	RenderArena arena = {context_alloc, cat->cxt};

	if (t->is_parsed)
		return true;
	for (int p = 0; p < NPARTS; p++)
	{
		RenderError err;

		if (t->text[p] == NULL)
			continue;
		t->parsed[p] = render_parse(t->text[p], strlen(t->text[p]),
									p == 2 ? RENDER_HTML : RENDER_TEXT, &arena, &err);
		if (t->parsed[p] != NULL)
			continue;
		if (problem == NULL)
			report_template_error(t->name, t->channel, t->locale, p, &err,
								  ERRCODE_DATA_CORRUPTED, "cannot be rendered");
		*problem = psprintf("the template \"%s\" (%s, %s) cannot be rendered: %s at line %d, column %d of the %s",
							t->name, t->channel, t->locale, err.message, err.line,
							err.column, part_names[p]);
		return false;
	}
	t->is_parsed = true;
	return true;
}

/* A string member of the payload (under sub, if given), or NULL. */
static const char *
payload_string(const RenderValue *root, const char *key, const char *sub)
{
	const RenderValue *v = render_member(root, key);

	if (sub)
		v = render_member(v, sub);
	return (v && v->kind == RV_STRING) ? v->text : NULL;
}

/*
 * Render the chosen template for a payload into out.  What the data makes
 * impossible is an error, or, with soft, told in out->problem (all texts
 * NULL).
 */
static void
render_choice(RenderCatalog *cat, Choice *c, const RenderValue *root, Rendered *out, bool soft)
{
	RenderArena arena = {context_alloc, CurrentMemoryContext};
	size_t		max = (size_t) dunning_max_render_size * 1024;
	char	  **dest[NPARTS] = {&out->subject, &out->body, &out->body_html};
	const char *customer = payload_string(root, "customer", "id");

	if (!parse_row(cat, c->tpl, soft ? &out->problem : NULL))
		return;
	out->locale = c->tpl->locale;
	for (int p = 0; p < NPARTS; p++)
	{
		RenderError err;
		size_t		len;

		*dest[p] = NULL;
		if (c->tpl->parsed[p] == NULL)
			continue;
		*dest[p] = render_apply(c->tpl->parsed[p], root, &c->fmt, max, &arena, &len, &err);
		if (*dest[p] != NULL)
			continue;
		if (!soft)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("rendered %s exceeds dunning.max_render_size (%dkB)",
							part_names[p], dunning_max_render_size),
					 errdetail("The template \"%s\" (%s, %s) gives a longer text for customer \"%s\".",
							   c->tpl->name, c->tpl->channel, c->tpl->locale,
							   customer ? customer : "?"),
					 errhint("Shorten the template, or raise dunning.max_render_size.")));
		out->problem = psprintf("the template \"%s\" (%s, %s) gives a %s longer than dunning.max_render_size (%dkB) for this customer",
								c->tpl->name, c->tpl->channel, c->tpl->locale,
								part_names[p], dunning_max_render_size);
		out->subject = out->body = out->body_html = NULL;
		return;
	}
}

/* Parse a payload given as JSON text; an error if it is not valid. */
static RenderValue *
parse_payload(const char *payload)
{
	RenderArena arena = {context_alloc, CurrentMemoryContext};
	RenderError err;
	RenderValue *root = render_json(payload, strlen(payload), &arena, &err);

	if (root == NULL || root->kind != RV_OBJECT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("reminder payload cannot be rendered"),
				 root ? errdetail("It is not a JSON object.") :
				 errdetail("Reading it stopped: %s.", err.message),
				 errhint("Pass the payload of a reminder, or a JSON object with the fields templates use.")));
	return root;
}

/* render_reminder(), raising what it cannot render when soft is false */
static void
render_payload(RenderCatalog *cat, const char *payload, Rendered *out, bool soft)
{
	const RenderValue *root;
	const char *name;
	const char *channel;
	Choice		scratch;
	Choice	   *c;

	memset(out, 0, sizeof(Rendered));
	if (!dunning_render_enabled)
		return;
	root = parse_payload(payload);
	name = payload_string(root, "template", NULL);
	channel = payload_string(root, "channel", NULL);
	if (name == NULL || channel == NULL)
		return;
	c = cached_choice(cat, name, channel, payload_string(root, "customer", "locale"),
					  payload_string(root, "policy", NULL),
					  payload_string(root, "currency", NULL), &scratch);
	if (c->tpl != NULL)
		render_choice(cat, c, root, out, soft);
}

/*
 * Render a reminder from its payload (as emitted: template, channel,
 * customer.locale, policy, currency).  All NULL when its step names no
 * template or dunning.render is off.
 */
void
render_reminder(RenderCatalog *cat, const char *payload, Rendered *out)
{
	render_payload(cat, payload, out, false);
}

/* See template.h. */
bool
render_reminder_or_problem(RenderCatalog *cat, const char *payload, Rendered *out)
{
	render_payload(cat, payload, out, true);
	return out->problem == NULL;
}

/* The catalogue for a SQL function call, kept for the rest of the query. */
static RenderCatalog *
call_catalog(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = render_catalog_load(fcinfo->flinfo->fn_mcxt);
	return fcinfo->flinfo->fn_extra;
}

/* A dunning.rendered row. */
static Datum
rendered_datum(FunctionCallInfo fcinfo, const Rendered *r)
{
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4];
	const char *cols[4] = {r->subject, r->body, r->body_html, r->locale};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	desc = BlessTupleDesc(desc);
	for (int i = 0; i < 4; i++)
	{
		nulls[i] = cols[i] == NULL;
		values[i] = nulls[i] ? (Datum) 0 : CStringGetTextDatum(cols[i]);
	}
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

static char *
jsonb_text(Jsonb *j)
{
	return JsonbToCString(NULL, &j->root, VARSIZE(j));
}

/*
 * dunning.render(template_name, locale, payload, channel): one template by
 * hand, for previews.
 */
Datum
dunning_render(PG_FUNCTION_ARGS)
{
	char	   *name;
	char	   *locale;
	char	   *channel;
	RenderCatalog *cat;
	const RenderValue *root;
	Choice		scratch;
	Choice	   *c;
	Rendered	out;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	locale = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
	channel = text_to_cstring(PG_GETARG_TEXT_PP(3));
	cat = call_catalog(fcinfo);
	root = parse_payload(jsonb_text(PG_GETARG_JSONB_P(2)));
	c = cached_choice(cat, name, channel, locale, payload_string(root, "policy", NULL),
					  payload_string(root, "currency", NULL), &scratch);
	if (c->tpl == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("template \"%s\" does not exist for channel \"%s\"", name, channel),
				 errhint("Insert it into dunning.template, or name one of dunning.template_default.")));
	memset(&out, 0, sizeof(out));
	render_choice(cat, c, root, &out, false);
	PG_RETURN_DATUM(rendered_datum(fcinfo, &out));
}

/* dunning.render_reminder(payload): a reminder's texts, as a pass renders them. */
Datum
dunning_render_reminder(PG_FUNCTION_ARGS)
{
	Rendered	out;

	render_reminder(call_catalog(fcinfo), jsonb_text(PG_GETARG_JSONB_P(0)), &out);
	PG_RETURN_DATUM(rendered_datum(fcinfo, &out));
}

/*
 * dunning.template_validate(name, channel, locale, subject, body,
 * body_html): an error, with line and column, if a part is not a valid
 * template.
 */
Datum
dunning_template_validate(PG_FUNCTION_ARGS)
{
	RenderArena arena = {context_alloc, CurrentMemoryContext};

	for (int p = 0; p < NPARTS; p++)
	{
		text	   *t;
		RenderError err;

		if (PG_ARGISNULL(3 + p))
			continue;
		t = PG_GETARG_TEXT_PP(3 + p);
		if (render_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t),
						 p == 2 ? RENDER_HTML : RENDER_TEXT, &arena, &err) == NULL)
			report_template_error(text_to_cstring(PG_GETARG_TEXT_PP(0)),
								  text_to_cstring(PG_GETARG_TEXT_PP(1)),
								  text_to_cstring(PG_GETARG_TEXT_PP(2)), p, &err,
								  ERRCODE_CHECK_VIOLATION, "was not stored");
	}
	PG_RETURN_VOID();
}
