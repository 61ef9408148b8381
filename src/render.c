/*-------------------------------------------------------------------------
 *
 * render.c
 *	  The template language of reminder texts: parser, checker, renderer,
 *	  and the formats of amounts and dates.
 *
 * A template is text with tags between double braces:
 *
 *	  {{customer.name}}              a value of the reminder's payload
 *	  {{#invoices}} ... {{/invoices}} repeated for each invoice of the reminder
 *	  {{#fee}} ... {{/fee}}          kept when the value is set (not null,
 *	                                 false, zero, empty)
 *	  {{^fee}} ... {{/fee}}          kept when it is not
 *	  {{! a comment }}               left out
 *
 * Only the names of the catalogue below are known; anything else is refused
 * when the template is stored, with its line and column.  Amounts and dates
 * come out in the locale's format; in HTML every value is escaped.  Nothing
 * here runs SQL or reads anything but the payload it is given.
 *
 * The parser is a loop, the renderer recurses at most RENDER_MAX_DEPTH deep,
 * the output is bounded by the caller, and text in and out is UTF-8.  This
 * file and render_json.c (which reads the payload) use nothing of the
 * server: test/fuzz links them alone.
 *
 *-------------------------------------------------------------------------
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "payload.h"
#include "render.h"
#include "render_internal.h"

/* What a name of the catalogue is, and so how it is written out. */
typedef enum ValueType
{
	T_TEXT,						/* as it is */
	T_AMOUNT,					/* in the reminder's currency */
	T_DECIMAL,					/* with the locale's decimal separator */
	T_DATE,						/* YYYY-MM-DD, in the locale's format */
	T_LIST,						/* a section only: repeats */
	T_OBJECT,					/* a section only: a condition */
	T_COUNT						/* the number of invoices */
} ValueType;

/* Where a name is looked up. */
typedef enum Scope
{
	S_ROOT,						/* the payload */
	S_INVOICE,					/* invoice.x: the current invoice, else the first */
	S_ITEM						/* bare x inside {{#invoices}}: the current invoice */
} Scope;

typedef struct CatalogEntry
{
	const char *name;
	ValueType	type;
	Scope		scope;
	const char *key;			/* first key, under the root or the invoice */
	const char *sub;			/* second key, or NULL */
} CatalogEntry;

/* The renderer's type of a payload field (payload.h). */
#define T_OF_PK_TEXT T_TEXT
#define T_OF_PK_NUMBER T_TEXT
#define T_OF_PK_BOOL T_TEXT
#define T_OF_PK_AMOUNT T_AMOUNT
#define T_OF_PK_DECIMAL T_DECIMAL
#define T_OF_PK_DATE T_DATE
#define T_OF_PK_OBJECT T_OBJECT
#define T_OF_PK_LIST T_LIST

#define ROOT_ENTRY(name, key, sub, kind) {name, T_OF_##kind, S_ROOT, key, sub},
#define INVOICE_ENTRY(key, kind) {"invoice." key, T_OF_##kind, S_INVOICE, key, NULL},
#define ITEM_ENTRY(key, kind) {key, T_OF_##kind, S_ITEM, key, NULL},

/*
 * Every name a template may use (README, "Templates"): each field of the
 * payload (payload.h), the invoice count, and each field of an invoice as
 * invoice.x (the current invoice, else the first) and, inside
 * {{#invoices}}, as x, which comes first there.
 */
static const CatalogEntry catalog[] = {
	PAYLOAD_FIELDS(ROOT_ENTRY)
	{"invoice_count", T_COUNT, S_ROOT, "invoices", NULL},
	{"invoice", T_OBJECT, S_INVOICE, NULL, NULL},
	PAYLOAD_INVOICE_FIELDS(INVOICE_ENTRY)
	PAYLOAD_INVOICE_FIELDS(ITEM_ENTRY)
};

#define NCATALOG (int) (sizeof(catalog) / sizeof(catalog[0]))

typedef enum NodeKind
{
	N_TEXT,
	N_VALUE,
	N_SECTION,
	N_INVERTED
} NodeKind;

/* One piece of a parsed template; a section's body follows it up to end. */
typedef struct Node
{
	NodeKind	kind;
	const char *text;			/* N_TEXT */
	size_t		len;
	const CatalogEntry *entry;	/* the others */
	int			end;			/* sections: the index after the body */
} Node;

struct RenderTemplate
{
	RenderMode	mode;
	int			nnodes;
	Node	   *nodes;
};

/* ---------------------------------------------------------------- helpers */

void *
render_alloc(RenderArena *arena, size_t size)
{
	return arena->alloc(arena->arg, size == 0 ? 1 : size);
}

char *
render_strndup(RenderArena *arena, const char *s, size_t len)
{
	char	   *r = render_alloc(arena, len + 1);

	memcpy(r, s, len);
	r[len] = '\0';
	return r;
}

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
void
render_set_error(RenderError *err, int line, int column, const char *hint,
		  const char *fmt,...)
{
	va_list		ap;

	err->line = line;
	err->column = column;
	err->hint = hint;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

/* The length of the UTF-8 sequence at s (at most len bytes), or 0 if invalid. */
size_t
render_utf8_seq(const unsigned char *s, size_t len)
{
	size_t		n;
	uint32_t	cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		(cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* Is s valid UTF-8 without NUL bytes?  If not, *bad is the offending offset. */
bool
render_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		n = (s[i] == '\0') ? 0 :
			render_utf8_seq((const unsigned char *) s + i, len - i);

		if (n == 0)
		{
			*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

/* Line and column (in characters) of offset pos of valid UTF-8 text. */
static void
position_of(const char *text, size_t pos, int *line, int *column)
{
	*line = 1;
	*column = 1;
	for (size_t i = 0; i < pos; i++)
	{
		if (text[i] == '\n')
			(*line)++, *column = 1;
		else if (((unsigned char) text[i] & 0xC0) != 0x80)
			(*column)++;
	}
}

/* ----------------------------------------------------------------- parser */

static const CatalogEntry *
catalog_find(const char *name, size_t len, bool in_loop)
{
	const CatalogEntry *root = NULL;

	for (int i = 0; i < NCATALOG; i++)
	{
		if (strlen(catalog[i].name) != len || memcmp(catalog[i].name, name, len) != 0)
			continue;
		if (catalog[i].scope == S_ITEM)
		{
			if (in_loop)
				return &catalog[i];
		}
		else if (root == NULL)
			root = &catalog[i];
	}
	return root;
}

/* Is the name known only inside {{#invoices}}? */
static bool
catalog_item_only(const char *name, size_t len)
{
	return catalog_find(name, len, false) == NULL && catalog_find(name, len, true) != NULL;
}

/* Is [s, s+len) a dotted name: letters, digits and underscores, dot-separated? */
static bool
valid_name(const char *s, size_t len)
{
	bool		start = true;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
	{
		char		c = s[i];

		if (c == '.')
		{
			if (start)
				return false;
			start = true;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
			  (!start && c >= '0' && c <= '9')))
			return false;
		start = false;
	}
	return !start;
}

typedef struct Parser
{
	const char *text;
	size_t		len;
	RenderError *err;
	Node	   *nodes;
	int			nnodes;
	int			open[RENDER_MAX_DEPTH];	/* indexes of the open sections */
	size_t		open_at[RENDER_MAX_DEPTH];
	int			depth;
	int			loops;			/* open {{#invoices}} sections */
} Parser;

static bool
parse_error(Parser *p, size_t pos, const char *hint, const char *fmt, const char *arg)
{
	int			line,
				column;

	position_of(p->text, pos, &line, &column);
	render_set_error(p->err, line, column, hint, fmt, arg);
	return false;
}

static void
add_text(Parser *p, const char *s, size_t len)
{
	Node	   *n;

	if (len == 0)
		return;
	n = &p->nodes[p->nnodes++];
	n->kind = N_TEXT;
	n->text = s;
	n->len = len;
}

/* A name in a tag: known, and usable the way the tag uses it. */
static const CatalogEntry *
check_name(Parser *p, size_t pos, const char *name, size_t len, char sigil)
{
	const CatalogEntry *e;
	char		shown[96];

	snprintf(shown, sizeof(shown), "%.*s%s", (int) (len > 80 ? 80 : len), name,
			 len > 80 ? "..." : "");
	if (!valid_name(name, len))
	{
		parse_error(p, pos, "A tag holds one name of letters, digits, underscores and dots, such as {{customer.name}}.",
					"malformed tag \"%s\"", shown);
		return NULL;
	}
	e = catalog_find(name, len, p->loops > 0);
	if (e == NULL && catalog_item_only(name, len))
	{
		parse_error(p, pos, "Write {{invoice.reference}} and the like outside {{#invoices}} (the first invoice), or move the tag into the section.",
					"placeholder \"%s\" is only known inside {{#invoices}}", shown);
		return NULL;
	}
	if (e == NULL)
	{
		parse_error(p, pos, "The placeholders a template may use are listed in the README, under \"Templates and languages\".",
					"unknown placeholder \"%s\"", shown);
		return NULL;
	}
	if (sigil == 0 && (e->type == T_LIST || e->type == T_OBJECT))
	{
		parse_error(p, pos, e->type == T_LIST ?
					"Repeat over it with {{#invoices}} ... {{/invoices}}." :
					"Use one of its fields, such as {{customer.name}}, or make it a section.",
					"placeholder \"%s\" is not a single value", shown);
		return NULL;
	}
	return e;
}

/* One tag, from its "{{" at start; *next is where the text goes on. */
static bool
parse_tag(Parser *p, size_t start, size_t *next)
{
	const char *t = p->text;
	size_t		i = start + 2;
	size_t		close,
				a,
				b;
	char		sigil = 0;
	const CatalogEntry *e;
	Node	   *n;

	for (close = i; close + 1 < p->len; close++)
		if (t[close] == '}' && t[close + 1] == '}')
			break;
	if (close + 1 >= p->len)
		return parse_error(p, start, "Close every tag with \"}}\".", "unclosed tag%s", "");
	*next = close + 2;
	if (i < close && (t[i] == '#' || t[i] == '^' || t[i] == '/' || t[i] == '!'))
		sigil = t[i++];
	if (sigil == '!')
		return true;
	a = i;
	b = close;
	while (a < b && (t[a] == ' ' || t[a] == '\t'))
		a++;
	while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
		b--;
	if (a == b)
		return parse_error(p, start, "Put a name between the braces, such as {{customer.name}}.",
						   "empty tag%s", "");

	if (sigil == '/')
	{
		Node	   *open;

		if (p->depth == 0)
		{
			char		shown[96];

			snprintf(shown, sizeof(shown), "%.*s", (int) (b - a > 80 ? 80 : b - a), t + a);
			return parse_error(p, start, "Remove it, or open the section before with {{#name}}.",
							   "closing tag \"%s\" has no open section", shown);
		}
		open = &p->nodes[p->open[p->depth - 1]];
		if (strlen(open->entry->name) != b - a || memcmp(open->entry->name, t + a, b - a) != 0)
			return parse_error(p, start, "Close the innermost open section first.",
							   "closing tag does not match the open section \"%s\"",
							   open->entry->name);
		if (open->kind == N_SECTION && open->entry->type == T_LIST)
			p->loops--;
		open->end = p->nnodes;
		p->depth--;
		return true;
	}

	e = check_name(p, start, t + a, b - a, sigil);
	if (e == NULL)
		return false;
	n = &p->nodes[p->nnodes];
	n->kind = sigil == 0 ? N_VALUE : sigil == '#' ? N_SECTION : N_INVERTED;
	n->entry = e;
	if (sigil != 0)
	{
		if (p->depth == RENDER_MAX_DEPTH)
			return parse_error(p, start, "Flatten the template: sections may nest at most 8 deep.",
							   "sections nested too deeply%s", "");
		p->open[p->depth] = p->nnodes;
		p->open_at[p->depth] = start;
		p->depth++;
		if (n->kind == N_SECTION && e->type == T_LIST)
			p->loops++;
	}
	p->nnodes++;
	return true;
}

/*
 * Parse and check a template.  Returns NULL with *err set when the text is
 * not valid UTF-8 or not a valid template.
 */
RenderTemplate *
render_parse(const char *text, size_t len, RenderMode mode, RenderArena *arena,
			 RenderError *err)
{
	Parser		p;
	RenderTemplate *tpl;
	size_t		bad,
				ntags = 0,
				i,
				from;

	memset(&p, 0, sizeof(p));
	p.text = text;
	p.len = len;
	p.err = err;
	if (!render_utf8_valid(text, len, &bad))
	{
		int			line,
					column;

		position_of(text, bad, &line, &column);
		render_set_error(err, line, column, "Store templates as UTF-8 text.", "invalid UTF-8 byte sequence");
		return NULL;
	}
	for (i = 0; i + 1 < len; i++)
		if (text[i] == '{' && text[i + 1] == '{')
			ntags++;
	p.nodes = render_alloc(arena, sizeof(Node) * (2 * ntags + 2));

	for (i = 0, from = 0; i + 1 < len;)
	{
		if (text[i] == '{' && text[i + 1] == '{')
		{
			size_t		next = len;

			add_text(&p, text + from, i - from);
			if (!parse_tag(&p, i, &next))
				return NULL;
			i = from = next;
		}
		else
			i++;
	}
	add_text(&p, text + from, len - from);
	if (p.depth > 0)
	{
		parse_error(&p, p.open_at[p.depth - 1], "Close it with {{/name}} after its body.",
					"section \"%s\" is never closed",
					p.nodes[p.open[p.depth - 1]].entry->name);
		return NULL;
	}
	tpl = render_alloc(arena, sizeof(RenderTemplate));
	tpl->mode = mode;
	tpl->nodes = p.nodes;
	tpl->nnodes = p.nnodes;
	return tpl;
}

/* ----------------------------------------------------------------- output */


void
render_out_append(Out *o, const char *s, size_t len)
{
	if (o->full)
		return;
	if (o->len + len > o->max)
	{
		o->full = true;
		return;
	}
	if (o->len + len + 1 > o->cap)
	{
		size_t		cap = o->cap ? o->cap : 256;
		char	   *data;

		while (cap < o->len + len + 1)
			cap *= 2;
		data = render_alloc(o->arena, cap);
		if (o->len)
			memcpy(data, o->data, o->len);
		o->data = data;
		o->cap = cap;
	}
	memcpy(o->data + o->len, s, len);
	o->len += len;
	o->data[o->len] = '\0';
}

void
render_out_str(Out *o, const char *s)
{
	render_out_append(o, s, strlen(s));
}

/* A value into the output, escaped for HTML when it must be. */
static void
out_value(Out *o, const char *s, RenderMode mode)
{
	const char *run = s;

	if (mode == RENDER_TEXT)
	{
		render_out_str(o, s);
		return;
	}
	for (; *s; s++)
	{
		const char *esc = NULL;

		switch (*s)
		{
			case '&':
				esc = "&amp;";
				break;
			case '<':
				esc = "&lt;";
				break;
			case '>':
				esc = "&gt;";
				break;
			case '"':
				esc = "&quot;";
				break;
			case '\'':
				esc = "&#39;";
				break;
		}
		if (esc)
		{
			render_out_append(o, run, s - run);
			render_out_str(o, esc);
			run = s + 1;
		}
	}
	render_out_append(o, run, s - run);
}

/* ---------------------------------------------------------------- formats */

static bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * A number with a fraction (a yearly rate), its trailing zeros of fraction
 * dropped, with the locale's decimal separator: "12.370" in French is
 * "12,37".  Anything else comes out as it is.
 */
static char *
render_decimal(const char *number, const RenderFormat *fmt, RenderArena *arena)
{
	size_t		len = strlen(number);
	const char *dot = strchr(number, '.');
	Out			o = {arena, NULL, 0, 0, (size_t) -1, false};

	if (strspn(number, "-0123456789.") != len || dot == NULL)
		return render_strndup(arena, number, len);
	while (len > (size_t) (dot - number) + 1 && number[len - 1] == '0')
		len--;
	if (len == (size_t) (dot - number) + 1)
		return render_strndup(arena, number, (size_t) (dot - number));
	render_out_append(&o, number, (size_t) (dot - number));
	render_out_str(&o, fmt->decimal_sep ? fmt->decimal_sep : ".");
	render_out_append(&o, dot + 1, len - (size_t) (dot - number) - 1);
	return o.data;
}

/*
 * An amount in the locale's format: rounded half away from zero to the
 * currency's minor units, digits grouped by three.  A number that is not a
 * plain decimal comes out as it is.
 */
char *
render_amount(const char *number, const RenderFormat *fmt, RenderArena *arena)
{
	const char *s = number;
	const char *dot;
	bool		negative = false,
				nonzero = false;
	size_t		nint,
				nfrac,
				mu = fmt->minor_units < 0 ? 0 : (size_t) fmt->minor_units;
	char	   *digits;
	size_t		ndigits;
	Out			amount = {arena, NULL, 0, 0, (size_t) -1, false};
	Out			o = {arena, NULL, 0, 0, (size_t) -1, false};

	if (*s == '-')
		negative = true, s++;
	nint = strspn(s, "0123456789");
	dot = s + nint;
	nfrac = (*dot == '.') ? strspn(dot + 1, "0123456789") : 0;
	if (nint == 0 || (*dot == '.' && nfrac == 0) || dot[*dot == '.' ? nfrac + 1 : 0] != '\0' ||
		mu > 4)
		return render_strndup(arena, number, strlen(number));

	/* the digits, integer part first, with mu digits of fraction */
	ndigits = nint + mu;
	digits = render_alloc(arena, ndigits + 2);
	digits[0] = '0';			/* room for a carry */
	memcpy(digits + 1, s, nint);
	for (size_t i = 0; i < mu; i++)
		digits[1 + nint + i] = i < nfrac ? dot[1 + i] : '0';
	if (nfrac > mu && dot[1 + mu] >= '5')
	{
		size_t		i = ndigits;

		while (digits[i] == '9')
			digits[i--] = '0';
		digits[i]++;
	}
	ndigits++;
	{
		size_t		skip = 0,
					int_len;

		while (skip < ndigits - mu - 1 && digits[skip] == '0')
			skip++;
		int_len = ndigits - mu - skip;
		for (size_t i = skip; i < ndigits; i++)
			if (digits[i] != '0')
				nonzero = true;
		for (size_t i = 0; i < int_len; i++)
		{
			if (i > 0 && (int_len - i) % 3 == 0)
				render_out_str(&amount, fmt->group_sep);
			render_out_append(&amount, digits + skip + i, 1);
		}
		if (mu > 0)
		{
			render_out_str(&amount, fmt->decimal_sep);
			render_out_append(&amount, digits + skip + int_len, mu);
		}
	}

	if (negative && nonzero)
		render_out_str(&o, "-");
	for (const char *f = fmt->amount_format; *f;)
	{
		if (strncmp(f, "{amount}", 8) == 0)
		{
			render_out_str(&o, amount.data);
			f += 8;
			/* a code such as CHF never touches the digits: 1 234 CHF */
			if (strncmp(f, "{symbol}", 8) == 0 && is_letter(fmt->symbol[0]))
				render_out_str(&o, "\xc2\xa0");
		}
		else if (strncmp(f, "{symbol}", 8) == 0)
		{
			size_t		n = strlen(fmt->symbol);

			render_out_str(&o, fmt->symbol);
			f += 8;
			if (strncmp(f, "{amount}", 8) == 0 && n > 0 && is_letter(fmt->symbol[n - 1]))
				render_out_str(&o, "\xc2\xa0");
		}
		else
			render_out_append(&o, f++, 1);
	}
	return o.data ? o.data : render_strndup(arena, "", 0);
}

/* A YYYY-MM-DD date in the locale's format; anything else as it is. */
char *
render_date(const char *iso, const RenderFormat *fmt, RenderArena *arena)
{
	int			y,
				m,
				d;
	char		buf[16];
	char		tail;
	Out			o = {arena, NULL, 0, 0, (size_t) -1, false};

	if (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-' ||
		sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
		m < 1 || m > 12 || d < 1 || d > 31 || y < 0)
		return render_strndup(arena, iso, strlen(iso));
	for (const char *f = fmt->date_format; *f;)
	{
		if (strncmp(f, "YYYY", 4) == 0)
			snprintf(buf, sizeof(buf), "%04d", y), render_out_str(&o, buf), f += 4;
		else if (strncmp(f, "MMMM", 4) == 0)
			render_out_str(&o, fmt->months[m - 1] ? fmt->months[m - 1] : ""), f += 4;
		else if (strncmp(f, "MM", 2) == 0)
			snprintf(buf, sizeof(buf), "%02d", m), render_out_str(&o, buf), f += 2;
		else if (*f == 'M')
			snprintf(buf, sizeof(buf), "%d", m), render_out_str(&o, buf), f++;
		else if (strncmp(f, "DD", 2) == 0)
			snprintf(buf, sizeof(buf), "%02d", d), render_out_str(&o, buf), f += 2;
		else if (*f == 'D' && d == 1 && fmt->first_day != NULL)
			render_out_str(&o, fmt->first_day), f++;
		else if (*f == 'D')
			snprintf(buf, sizeof(buf), "%d", d), render_out_str(&o, buf), f++;
		else if (*f == '"')
		{
			/* "quoted" text is kept as it is */
			const char *end = strchr(f + 1, '"');
			size_t		n = end ? (size_t) (end - f - 1) : strlen(f + 1);

			render_out_append(&o, f + 1, n);
			f += n + 1 + (end != NULL);
		}
		else
			render_out_append(&o, f++, 1);
	}
	return o.data ? o.data : render_strndup(arena, "", 0);
}

/* --------------------------------------------------------------- renderer */

/* The member key of an object, or NULL. */
const RenderValue *
render_member(const RenderValue *obj, const char *key)
{
	if (obj == NULL || obj->kind != RV_OBJECT)
		return NULL;
	for (int i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return &obj->items[i];
	return NULL;
}

typedef struct Renderer
{
	const RenderTemplate *tpl;
	const RenderValue *root;
	const RenderFormat *fmt;
	Out			out;
} Renderer;

/* The value a catalogue name stands for, given the current invoice. */
static const RenderValue *
resolve(const Renderer *r, const CatalogEntry *e, const RenderValue *item)
{
	const RenderValue *v;

	switch (e->scope)
	{
		case S_ITEM:
			return render_member(item, e->key);
		case S_INVOICE:
			if (item == NULL)
			{
				const RenderValue *list = render_member(r->root, "invoices");

				item = (list && list->kind == RV_ARRAY && list->n > 0) ? &list->items[0] : NULL;
			}
			return e->key ? render_member(item, e->key) : item;
		case S_ROOT:
			break;
	}
	v = render_member(r->root, e->key);
	return e->sub ? render_member(v, e->sub) : v;
}

/* Does a section on this value show its body? */
static bool
truthy(const RenderValue *v)
{
	if (v == NULL)
		return false;
	switch (v->kind)
	{
		case RV_NULL:
			return false;
		case RV_BOOL:
			return v->truth;
		case RV_NUMBER:
			return strspn(v->text, "-0.") != v->len;
		case RV_STRING:
			return v->len > 0;
		case RV_ARRAY:
			return v->n > 0;
		case RV_OBJECT:
			return true;
	}
	return false;
}

static void
put_value(Renderer *r, const CatalogEntry *e, const RenderValue *v)
{
	RenderArena *arena = r->out.arena;
	char		buf[32];

	if (e->type == T_COUNT)
	{
		snprintf(buf, sizeof(buf), "%d", (v && v->kind == RV_ARRAY) ? v->n : 0);
		render_out_str(&r->out, buf);
		return;
	}
	if (v == NULL || v->kind == RV_NULL || v->kind == RV_OBJECT || v->kind == RV_ARRAY)
		return;
	if (v->kind == RV_BOOL)
		render_out_str(&r->out, v->truth ? "true" : "false");
	else if (e->type == T_AMOUNT && v->kind == RV_NUMBER)
		out_value(&r->out, render_amount(v->text, r->fmt, arena), r->tpl->mode);
	else if (e->type == T_DATE && v->kind == RV_STRING)
		out_value(&r->out, render_date(v->text, r->fmt, arena), r->tpl->mode);
	else if (e->type == T_DECIMAL && v->kind == RV_NUMBER)
		out_value(&r->out, render_decimal(v->text, r->fmt, arena), r->tpl->mode);
	else
		out_value(&r->out, v->text, r->tpl->mode);
}

/* Render nodes [from, to) for the current invoice item (or NULL). */
static void
render_nodes(Renderer *r, int from, int to, const RenderValue *item, int depth)
{
	for (int i = from; i < to && !r->out.full; i++)
	{
		const Node *n = &r->tpl->nodes[i];
		const RenderValue *v;

		if (n->kind == N_TEXT)
		{
			render_out_append(&r->out, n->text, n->len);
			continue;
		}
		v = resolve(r, n->entry, item);
		if (n->kind == N_VALUE)
			put_value(r, n->entry, v);
		else if (depth < RENDER_MAX_DEPTH)
		{
			if (n->kind == N_INVERTED)
			{
				if (!truthy(v))
					render_nodes(r, i + 1, n->end, item, depth + 1);
			}
			else if (n->entry->type == T_LIST && v && v->kind == RV_ARRAY)
			{
				for (int k = 0; k < v->n && !r->out.full; k++)
					render_nodes(r, i + 1, n->end, &v->items[k], depth + 1);
			}
			else if (truthy(v))
				render_nodes(r, i + 1, n->end, item, depth + 1);
		}
		if (n->kind != N_VALUE)
			i = n->end - 1;
	}
}

/*
 * Render a template for a payload.  Returns the text (NUL-terminated, *len
 * bytes), or NULL with *err set when it would exceed max_size bytes.
 */
char *
render_apply(const RenderTemplate *tpl, const RenderValue *root, const RenderFormat *fmt,
			 size_t max_size, RenderArena *arena, size_t *len, RenderError *err)
{
	Renderer	r;

	memset(&r, 0, sizeof(r));
	r.tpl = tpl;
	r.root = root;
	r.fmt = fmt;
	r.out.arena = arena;
	r.out.max = max_size;
	render_nodes(&r, 0, tpl->nnodes, NULL, 0);
	if (r.out.full)
	{
		render_set_error(err, 0, 0, NULL, "rendered text exceeds %zu bytes", max_size);
		return NULL;
	}
	*len = r.out.len;
	return r.out.data ? r.out.data : render_strndup(arena, "", 0);
}
