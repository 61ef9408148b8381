/*-------------------------------------------------------------------------
 *
 * render_json.c
 *	  Reading a reminder's payload (JSON) into the values templates render.
 *
 * A small, strict reader bounded in depth (RENDER_MAX_JSON_DEPTH), with
 * its memory from the caller's arena; like render.c it depends on nothing
 * of the server, so that the fuzz target links both alone.
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

typedef struct Json
{
	const char *s;
	size_t		len;
	size_t		pos;
	RenderArena *arena;
	RenderError *err;
} Json;

static bool
json_fail(Json *j, const char *what)
{
	render_set_error(j->err, 0, 0, NULL, "%s at byte %zu", what, j->pos);
	return false;
}

static void
json_space(Json *j)
{
	while (j->pos < j->len && (j->s[j->pos] == ' ' || j->s[j->pos] == '\t' ||
							   j->s[j->pos] == '\n' || j->s[j->pos] == '\r'))
		j->pos++;
}

static int
hex4(const char *s)
{
	int			v = 0;

	for (int i = 0; i < 4; i++)
	{
		char		c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static void
put_utf8(Out *o, uint32_t cp)
{
	char		b[4];

	if (cp < 0x80)
		b[0] = (char) cp, render_out_append(o, b, 1);
	else if (cp < 0x800)
	{
		b[0] = (char) (0xC0 | (cp >> 6));
		b[1] = (char) (0x80 | (cp & 0x3F));
		render_out_append(o, b, 2);
	}
	else if (cp < 0x10000)
	{
		b[0] = (char) (0xE0 | (cp >> 12));
		b[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char) (0x80 | (cp & 0x3F));
		render_out_append(o, b, 3);
	}
	else
	{
		b[0] = (char) (0xF0 | (cp >> 18));
		b[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char) (0x80 | (cp & 0x3F));
		render_out_append(o, b, 4);
	}
}

/* A string, from its opening quote; *text gets its UTF-8 value. */
static bool
json_string(Json *j, const char **text, size_t *len)
{
	Out			o = {j->arena, NULL, 0, 0, (size_t) -1, false};

	j->pos++;
	while (j->pos < j->len && j->s[j->pos] != '"')
	{
		unsigned char c = (unsigned char) j->s[j->pos];

		if (c < 0x20)
			return json_fail(j, "control character in a string");
		if (c == '\\')
		{
			char		e;

			if (j->pos + 1 >= j->len)
				return json_fail(j, "unfinished escape");
			e = j->s[j->pos + 1];
			j->pos += 2;
			if (e == 'u')
			{
				int			cp;

				if (j->pos + 4 > j->len || (cp = hex4(j->s + j->pos)) < 0)
					return json_fail(j, "bad \\u escape");
				j->pos += 4;
				if (cp >= 0xD800 && cp <= 0xDBFF)
				{
					int			lo;

					if (j->pos + 6 > j->len || j->s[j->pos] != '\\' || j->s[j->pos + 1] != 'u' ||
						(lo = hex4(j->s + j->pos + 2)) < 0xDC00 || lo > 0xDFFF)
						return json_fail(j, "lone surrogate");
					j->pos += 6;
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				}
				else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp == 0)
					return json_fail(j, "bad \\u escape");
				put_utf8(&o, (uint32_t) cp);
				continue;
			}
			switch (e)
			{
				case '"':
				case '\\':
				case '/':
					render_out_append(&o, &e, 1);
					break;
				case 'b':
					render_out_str(&o, "\b");
					break;
				case 'f':
					render_out_str(&o, "\f");
					break;
				case 'n':
					render_out_str(&o, "\n");
					break;
				case 'r':
					render_out_str(&o, "\r");
					break;
				case 't':
					render_out_str(&o, "\t");
					break;
				default:
					return json_fail(j, "bad escape");
			}
			continue;
		}
		{
			size_t		n = render_utf8_seq((const unsigned char *) j->s + j->pos, j->len - j->pos);

			if (n == 0)
				return json_fail(j, "invalid UTF-8");
			render_out_append(&o, j->s + j->pos, n);
			j->pos += n;
		}
	}
	if (j->pos >= j->len)
		return json_fail(j, "unterminated string");
	j->pos++;
	*text = o.data ? o.data : render_strndup(j->arena, "", 0);
	*len = o.len;
	return true;
}

static bool json_value(Json *j, RenderValue *v, int depth);

/* The members of an object or the elements of an array, from its bracket. */
static bool
json_container(Json *j, RenderValue *v, int depth, bool object)
{
	int			cap = 8;
	char		close = object ? '}' : ']';

	v->kind = object ? RV_OBJECT : RV_ARRAY;
	v->items = render_alloc(j->arena, sizeof(RenderValue) * cap);
	v->keys = object ? render_alloc(j->arena, sizeof(char *) * cap) : NULL;
	j->pos++;
	json_space(j);
	if (j->pos < j->len && j->s[j->pos] == close)
	{
		j->pos++;
		return true;
	}
	for (;;)
	{
		if (v->n == cap)
		{
			RenderValue *items = render_alloc(j->arena, sizeof(RenderValue) * cap * 2);

			memcpy(items, v->items, sizeof(RenderValue) * cap);
			v->items = items;
			if (object)
			{
				const char **keys = render_alloc(j->arena, sizeof(char *) * cap * 2);

				memcpy(keys, v->keys, sizeof(char *) * cap);
				v->keys = keys;
			}
			cap *= 2;
		}
		json_space(j);
		if (object)
		{
			size_t		klen;

			if (j->pos >= j->len || j->s[j->pos] != '"')
				return json_fail(j, "expected a member name");
			if (!json_string(j, &v->keys[v->n], &klen))
				return false;
			json_space(j);
			if (j->pos >= j->len || j->s[j->pos] != ':')
				return json_fail(j, "expected \":\"");
			j->pos++;
		}
		if (!json_value(j, &v->items[v->n], depth + 1))
			return false;
		v->n++;
		json_space(j);
		if (j->pos < j->len && j->s[j->pos] == ',')
		{
			j->pos++;
			continue;
		}
		if (j->pos < j->len && j->s[j->pos] == close)
		{
			j->pos++;
			return true;
		}
		return json_fail(j, object ? "expected \",\" or \"}\"" : "expected \",\" or \"]\"");
	}
}

/* A number: JSON's grammar, kept as text. */
static bool
json_number(Json *j, RenderValue *v)
{
	size_t		start = j->pos;
	const char *s = j->s;

	if (j->pos < j->len && s[j->pos] == '-')
		j->pos++;
	if (j->pos >= j->len || s[j->pos] < '0' || s[j->pos] > '9')
		return json_fail(j, "bad number");
	if (s[j->pos] == '0')
		j->pos++;
	else
		while (j->pos < j->len && s[j->pos] >= '0' && s[j->pos] <= '9')
			j->pos++;
	if (j->pos < j->len && s[j->pos] == '.')
	{
		j->pos++;
		if (j->pos >= j->len || s[j->pos] < '0' || s[j->pos] > '9')
			return json_fail(j, "bad number");
		while (j->pos < j->len && s[j->pos] >= '0' && s[j->pos] <= '9')
			j->pos++;
	}
	if (j->pos < j->len && (s[j->pos] == 'e' || s[j->pos] == 'E'))
	{
		j->pos++;
		if (j->pos < j->len && (s[j->pos] == '+' || s[j->pos] == '-'))
			j->pos++;
		if (j->pos >= j->len || s[j->pos] < '0' || s[j->pos] > '9')
			return json_fail(j, "bad number");
		while (j->pos < j->len && s[j->pos] >= '0' && s[j->pos] <= '9')
			j->pos++;
	}
	v->kind = RV_NUMBER;
	v->text = render_strndup(j->arena, s + start, j->pos - start);
	v->len = j->pos - start;
	return true;
}

static bool
json_word(Json *j, const char *word)
{
	size_t		n = strlen(word);

	if (j->len - j->pos < n || memcmp(j->s + j->pos, word, n) != 0)
		return json_fail(j, "unexpected character");
	j->pos += n;
	return true;
}

static bool
json_value(Json *j, RenderValue *v, int depth)
{
	memset(v, 0, sizeof(*v));
	if (depth > RENDER_MAX_JSON_DEPTH)
		return json_fail(j, "nested too deeply");
	json_space(j);
	if (j->pos >= j->len)
		return json_fail(j, "unexpected end");
	switch (j->s[j->pos])
	{
		case '{':
			return json_container(j, v, depth, true);
		case '[':
			return json_container(j, v, depth, false);
		case '"':
			v->kind = RV_STRING;
			return json_string(j, &v->text, &v->len);
		case 't':
			v->kind = RV_BOOL;
			v->truth = true;
			return json_word(j, "true");
		case 'f':
			v->kind = RV_BOOL;
			return json_word(j, "false");
		case 'n':
			v->kind = RV_NULL;
			return json_word(j, "null");
		default:
			return json_number(j, v);
	}
}

/* Parse a payload (JSON text).  Returns NULL with *err set if it is invalid. */
RenderValue *
render_json(const char *text, size_t len, RenderArena *arena, RenderError *err)
{
	Json		j = {text, len, 0, arena, err};
	RenderValue *v = render_alloc(arena, sizeof(RenderValue));

	if (!json_value(&j, v, 0))
		return NULL;
	json_space(&j);
	if (j.pos != j.len)
	{
		json_fail(&j, "trailing characters");
		return NULL;
	}
	return v;
}
