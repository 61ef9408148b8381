/*-------------------------------------------------------------------------
 *
 * template.h
 *	  Templates and locales in the server: choosing, checking, rendering.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_TEMPLATE_H
#define DUNNING_TEMPLATE_H

/* settings, defined in template.c and registered by _PG_init() (dunning.c) */
extern bool dunning_render_enabled;
extern int	dunning_max_render_size;

typedef struct RenderCatalog RenderCatalog;

/* A reminder's texts, or NULLs when its step names no template. */
typedef struct Rendered
{
	char	   *subject;
	char	   *body;
	char	   *body_html;
	char	   *locale;			/* of the template used */
	char	   *problem;		/* why it could not be rendered (see below) */
} Rendered;

extern RenderCatalog *render_catalog_load(MemoryContext cxt);
extern void render_reminder(RenderCatalog *cat, const char *payload, Rendered *out);

/*
 * The same, except that what this reminder's data makes impossible (a text
 * over dunning.max_render_size, a template that does not parse) is told in
 * out->problem, with all texts NULL, instead of raised: a pass holds back
 * that reminder alone.  Returns false then.
 */
extern bool render_reminder_or_problem(RenderCatalog *cat, const char *payload,
									   Rendered *out);

#endif							/* DUNNING_TEMPLATE_H */
