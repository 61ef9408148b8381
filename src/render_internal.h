/*-------------------------------------------------------------------------
 *
 * render_internal.h
 *	  What the template language's two files share: render.c (templates,
 *	  formats and rendering) and render_json.c (reading a payload).
 *	  Like them, it depends on nothing of the server.
 *
 *-------------------------------------------------------------------------
 */
#ifndef DUNNING_RENDER_INTERNAL_H
#define DUNNING_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "render.h"

/* A growing output text, bounded by max. */
typedef struct Out
{
	RenderArena *arena;
	char	   *data;
	size_t		len;
	size_t		cap;
	size_t		max;
	bool		full;
} Out;

extern void *render_alloc(RenderArena *arena, size_t size);
extern char *render_strndup(RenderArena *arena, const char *s, size_t len);
extern void render_set_error(RenderError *err, int line, int column, const char *hint,
							 const char *fmt,...)
#if defined(__GNUC__)
			__attribute__((format(printf, 5, 6)))
#endif
			;
extern size_t render_utf8_seq(const unsigned char *s, size_t len);
extern void render_out_append(Out *o, const char *s, size_t len);
extern void render_out_str(Out *o, const char *s);

#endif							/* DUNNING_RENDER_INTERNAL_H */
