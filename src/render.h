/*-------------------------------------------------------------------------
 *
 * render.h
 *	  The template language: parse, check and render reminder texts.
 *
 * This part depends on nothing of the server, so that the fuzz target in
 * test/fuzz links it alone.  Memory comes from the caller's arena (a memory
 * context in the server); nothing is freed piecemeal.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_RENDER_H
#define DUNNING_RENDER_H

#include <stdbool.h>
#include <stddef.h>

/* Sections nest at most this deep; payloads at most RENDER_MAX_JSON_DEPTH. */
#define RENDER_MAX_DEPTH 8
#define RENDER_MAX_JSON_DEPTH 32

/* Where the renderer takes memory from. */
typedef struct RenderArena
{
	void	   *(*alloc) (void *arg, size_t size);
	void	   *arg;
} RenderArena;

/* Why a template or a payload was refused, and where. */
typedef struct RenderError
{
	int			line;			/* 1-based; 0 when it has no position */
	int			column;			/* 1-based, in characters */
	char		message[256];
	const char *hint;			/* a sentence, or NULL */
} RenderError;

/* A JSON value of the payload. */
typedef enum RenderValueKind
{
	RV_NULL,
	RV_BOOL,
	RV_NUMBER,
	RV_STRING,
	RV_OBJECT,
	RV_ARRAY
} RenderValueKind;

typedef struct RenderValue
{
	RenderValueKind kind;
	bool		truth;			/* RV_BOOL */
	const char *text;			/* RV_NUMBER, RV_STRING: NUL-terminated */
	size_t		len;
	int			n;				/* members or elements */
	const char **keys;			/* RV_OBJECT */
	struct RenderValue *items;
} RenderValue;

/* How a locale writes amounts and dates, and the reminder's currency. */
typedef struct RenderFormat
{
	const char *decimal_sep;
	const char *group_sep;
	const char *amount_format;	/* with {amount} and {symbol} */
	const char *date_format;	/* with YYYY, MMMM, MM, M, DD, D */
	const char *months[12];
	const char *first_day;		/* how D writes the 1st ("1er"), or NULL */
	const char *symbol;			/* the currency's symbol, else its code */
	int			minor_units;
} RenderFormat;

/* Text (subjects, plain bodies) or HTML (values escaped). */
typedef enum RenderMode
{
	RENDER_TEXT,
	RENDER_HTML
} RenderMode;

typedef struct RenderTemplate RenderTemplate;

extern RenderTemplate *render_parse(const char *text, size_t len, RenderMode mode,
									RenderArena *arena, RenderError *err);
extern RenderValue *render_json(const char *text, size_t len, RenderArena *arena,
								RenderError *err);
extern char *render_apply(const RenderTemplate *tpl, const RenderValue *root,
						  const RenderFormat *fmt, size_t max_size,
						  RenderArena *arena, size_t *len, RenderError *err);
extern char *render_amount(const char *number, const RenderFormat *fmt,
						   RenderArena *arena);
extern char *render_date(const char *iso, const RenderFormat *fmt,
						 RenderArena *arena);
extern const RenderValue *render_member(const RenderValue *obj, const char *key);
extern bool render_utf8_valid(const char *s, size_t len, size_t *bad);

#endif							/* DUNNING_RENDER_H */
