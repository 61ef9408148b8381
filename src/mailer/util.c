/*
 * util.c: growing strings and the mailer's log.
 *
 * Every line the mailer logs goes to standard error, one line per event:
 * text that comes from the queue (an address, a server's reply) is passed
 * through shown() first, so that it cannot break a line or forge one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mailer.h"

/* Print an error on standard error and leave with status 1. */
void
die(const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "dunning_mailer: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Log one line on standard error, with the time (UTC). */
void
say(const char *fmt,...)
{
	va_list		ap;
	char		stamp[32];
	time_t		now = time(NULL);

	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", gmtime(&now));
	fprintf(stderr, "%s dunning_mailer: ", stamp);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Append n bytes to a growing string, which stays NUL-terminated. */
void
buf_add(Buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
	{
		b->cap = (b->len + n + 1) * 2;
		b->data = realloc(b->data, b->cap);
		if (b->data == NULL)
			die("out of memory");
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Append a string. */
void
buf_str(Buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Append one character. */
void
buf_char(Buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* Free a growing string and make it empty again. */
void
buf_free(Buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

/*
 * Text from outside, made fit for one log line: control characters and
 * backslashes written as C escapes (\r, \n, \t, \\, \xNN), cut with "..."
 * when it does not fit in out.  Returns out.
 */
const char *
shown(const char *s, char *out, size_t outlen)
{
	size_t		o = 0;

	if (s == NULL)
	{
		snprintf(out, outlen, "(none)");
		return out;
	}
	for (; *s && o + 8 < outlen; s++)
	{
		unsigned char c = (unsigned char) *s;

		if (c == '\r')
			o += snprintf(out + o, outlen - o, "\\r");
		else if (c == '\n')
			o += snprintf(out + o, outlen - o, "\\n");
		else if (c == '\t')
			o += snprintf(out + o, outlen - o, "\\t");
		else if (c == '\\')
			o += snprintf(out + o, outlen - o, "\\\\");
		else if (c < 0x20 || c == 0x7f)
			o += snprintf(out + o, outlen - o, "\\x%02x", c);
		else
			out[o++] = (char) c;
	}
	if (*s)
		o += snprintf(out + o, outlen - o, "...");
	out[o] = '\0';
	return out;
}

/* Seconds on a clock that never goes back (for leases and timings). */
double
clock_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}
