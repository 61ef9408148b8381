/*-------------------------------------------------------------------------
 *
 * render_fuzz.c
 *	  libFuzzer target for the template language (src/render.c, src/render_json.c).
 *
 * The input is a template, optionally followed by a 0xFF byte (never part
 * of UTF-8 text) and a JSON payload; without one, a realistic payload is
 * used.  The template is parsed in both modes and, when valid, rendered in
 * two formats with a small output bound; the payload and the formats of
 * amounts and dates go through the same code as in the server.  Built by
 * "make fuzz" with clang, -fsanitize=fuzzer,address,undefined.
 *
 *-------------------------------------------------------------------------
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

typedef struct Chunk
{
	struct Chunk *next;
} Chunk;

/* An arena of malloc'd chunks, all freed after each input. */
static void *
chunk_alloc(void *arg, size_t size)
{
	Chunk	  **head = arg;
	Chunk	   *c = malloc(sizeof(Chunk) + size);

	if (c == NULL)
		abort();
	c->next = *head;
	*head = c;
	return c + 1;
}

static void
chunks_free(Chunk *c)
{
	while (c)
	{
		Chunk	   *next = c->next;

		free(c);
		c = next;
	}
}

static const char default_payload[] =
"{\"policy\": \"standard\", \"level\": 2, \"channel\": \"email\", \"template\": \"firm\","
" \"fee\": 40.00, \"currency\": \"EUR\", \"as_of\": \"2026-12-02\","
" \"payment_url\": \"https://pay.example.com/?a=1&b=<2>\","
" \"contact\": {\"name\": \"Accounts\", \"email\": \"ar@example.com\", \"phone\": null},"
" \"next_step\": {\"level\": 3, \"channel\": \"handoff\", \"due_on\": \"2026-12-20\","
" \"fee\": 0, \"handoff\": true, \"suspend\": false},"
" \"customer\": {\"id\": \"C-1\", \"name\": \"<script>alert('x')</script> & Co\","
" \"email\": \"a@b.example\", \"phone\": null, \"locale\": \"fr-CA\", \"time_zone\": null},"
" \"invoices\": [{\"invoice_id\": \"1\", \"reference\": \"F-1\", \"due_on\": \"2026-10-01\","
" \"days_overdue\": 62, \"level\": 2, \"open_amount\": 1234.565},"
" {\"invoice_id\": \"2\", \"reference\": null, \"due_on\": \"2026-11-01\","
" \"days_overdue\": 31, \"level\": 1, \"open_amount\": 0.5}],"
" \"total_open\": 999999999999.995}";

static const RenderFormat formats[2] = {
	{".", ",", "{symbol}{amount}", "MMMM D, YYYY",
		{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}, NULL, "\xe2\x82\xac", 2},
	{",", "\xc2\xa0", "{amount}\xc2\xa0{symbol}", "D MMMM YYYY",
		{"janvier", "f\xc3\xa9vrier", "mars", "avril", "mai", "juin", "juillet",
		"ao\xc3\xbbt", "septembre", "octobre", "novembre", "d\xc3\xa9" "cembre"}, "1er", "KWD", 3},
};

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Chunk	   *chunks = NULL;
	RenderArena arena = {chunk_alloc, &chunks};
	RenderError err;
	const char *text = (const char *) data;
	const uint8_t *sep = memchr(data, 0xFF, size);
	size_t		tlen = sep ? (size_t) (sep - data) : size;
	const char *json = sep ? (const char *) sep + 1 : default_payload;
	size_t		jlen = sep ? size - tlen - 1 : strlen(default_payload);
	RenderValue *root = render_json(json, jlen, &arena, &err);

	if (root == NULL)
		root = render_json(default_payload, strlen(default_payload), &arena, &err);
	if (root == NULL)
		abort();				/* the built-in payload must parse */

	for (int mode = 0; mode < 2; mode++)
	{
		RenderTemplate *tpl = render_parse(text, tlen, (RenderMode) mode, &arena, &err);

		if (tpl == NULL)
		{
			/* a refusal always says where and why */
			if (err.message[0] == '\0' || err.line < 1 || err.column < 1)
				abort();
			continue;
		}
		for (int f = 0; f < 2; f++)
		{
			size_t		len,
						bad;
			char	   *out = render_apply(tpl, root, &formats[f], 4096, &arena, &len, &err);

			if (out == NULL)
				continue;
			if (len > 4096 || strlen(out) != len || !render_utf8_valid(out, len, &bad))
				abort();
		}
	}
	chunks_free(chunks);
	return 0;
}
