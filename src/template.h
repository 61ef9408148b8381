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
} Rendered;

extern RenderCatalog *render_catalog_load(MemoryContext cxt);
extern void render_reminder(RenderCatalog *cat, const char *payload, Rendered *out);

#endif							/* DUNNING_TEMPLATE_H */
