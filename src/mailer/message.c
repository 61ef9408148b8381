/*
 * message.c: a reminder as a MIME message (RFC 5322, 2045-2047).
 *
 * The message is multipart/alternative with a plain text and an HTML part.
 * Nothing that comes from the queue can change its structure:
 *
 * - header values have CR and LF taken out (a run of them becomes one
 *   space), so no text can start a header of its own; a value that is not
 *   printable ASCII, or that holds "=?", is written as RFC 2047 encoded
 *   words (UTF-8, base64), each at most 75 characters, cut between
 *   characters, one per line; a plain value is folded at its spaces;
 * - the boundary is drawn at random for each message (getrandom), and drawn
 *   again should it occur in the subject, in either body, or in either
 *   encoded part;
 * - both parts are quoted-printable: lines end in CRLF whatever the text
 *   used (CRLF, LF or CR alone), no line is longer than 76 characters, and
 *   a line that starts with a dot has it encoded, so a body can hold no
 *   line that ends the DATA command, and no boundary line ("=_" never occurs
 *   in quoted-printable, and every boundary starts with it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "mailer.h"

/* Header lines are folded before this many characters (RFC 5322, 2.1.1). */
#define HEADER_FOLD 78
/* Words longer than this cannot be folded: the value is encoded instead. */
#define HEADER_LONG_WORD 900
/* Bytes of text in one encoded word: 60 base64 characters, 75 in all. */
#define ENCODED_WORD_BYTES 45
/* Quoted-printable lines are at most 76 characters, the soft break's = included. */
#define QP_LINE 76

static const char hex_digits[] = "0123456789ABCDEF";

/* Fill buf with random bytes from the kernel; dies if there are none. */
static void
random_bytes(unsigned char *buf, size_t len)
{
	size_t		got = 0;

	while (got < len)
	{
		ssize_t		n = getrandom(buf + got, len - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
		{
			int			fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

			if (fd < 0 || read(fd, buf + got, len - got) != (ssize_t) (len - got))
				die("could not read random bytes for a MIME boundary: %s; check that /dev/urandom is readable",
					strerror(errno));
			close(fd);
			return;
		}
		got += (size_t) n;
	}
}

/* A fresh boundary: "=_dunning_" and 32 random hexadecimal digits. */
static void
draw_boundary(char *out, size_t outlen)
{
	unsigned char r[16];
	size_t		o;

	random_bytes(r, sizeof(r));
	o = (size_t) snprintf(out, outlen, "=_dunning_");
	for (size_t i = 0; i < sizeof(r) && o + 2 < outlen; i++)
	{
		out[o++] = hex_digits[r[i] >> 4];
		out[o++] = hex_digits[r[i] & 15];
	}
	out[o] = '\0';
}

/* Whether the boundary occurs in any of the texts (NULL ones are skipped). */
static bool
boundary_occurs(const char *boundary, const char *const *texts, int n)
{
	for (int i = 0; i < n; i++)
		if (texts[i] != NULL && strstr(texts[i], boundary) != NULL)
			return true;
	return false;
}

/*
 * A header value with every run of CR and LF replaced by one space: text
 * from the queue can never start a header line of its own.
 */
static void
one_line(Buf *out, const char *value)
{
	for (const char *p = value; *p; p++)
	{
		if (*p == '\r' || *p == '\n')
		{
			buf_char(out, ' ');
			while (p[1] == '\r' || p[1] == '\n')
				p++;
		}
		else
			buf_char(out, *p);
	}
	if (out->data == NULL)
		buf_str(out, "");
}

/*
 * Whether a value (CR and LF taken out) may be written as it is: printable
 * ASCII (tabs too), no "=?" that a reader would take for an encoded word,
 * and no word too long to fold.
 */
static bool
header_is_plain(const char *value)
{
	size_t		word = 0;

	if (strstr(value, "=?") != NULL)
		return false;
	for (const unsigned char *p = (const unsigned char *) value; *p; p++)
	{
		if ((*p < 0x20 && *p != '\t') || *p >= 0x7f)
			return false;
		word = (*p == ' ' || *p == '\t') ? 0 : word + 1;
		if (word > HEADER_LONG_WORD)
			return false;
	}
	return true;
}

/* A plain value, folded before the space that would make a line too long. */
static void
header_plain(Buf *m, const char *value, size_t column)
{
	const char *p = value;

	while (*p)
	{
		size_t		lead = strspn(p, " \t");
		size_t		word = strcspn(p + lead, " \t");

		if (column > 1 && lead > 0 && column + lead + word > HEADER_FOLD)
		{
			buf_str(m, "\r\n");
			column = 0;
		}
		buf_add(m, p, lead + word);
		column += lead + word;
		p += lead + word;
	}
}

/* How many bytes of UTF-8 text, at most max, end on a character boundary. */
static size_t
utf8_cut(const unsigned char *s, size_t len, size_t max)
{
	size_t		n;

	if (len <= max)
		return len;
	n = max;
	while (n > 0 && (s[n] & 0xC0) == 0x80)
		n--;
	return n > 0 ? n : max;
}

/* One encoded word: =?UTF-8?B?<base64 of the bytes>?= */
static void
encoded_word(Buf *m, const unsigned char *v, size_t len)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	buf_str(m, "=?UTF-8?B?");
	for (size_t i = 0; i < len; i += 3)
	{
		unsigned int n = (unsigned int) v[i] << 16 |
			(i + 1 < len ? (unsigned int) v[i + 1] << 8 : 0) |
			(i + 2 < len ? v[i + 2] : 0);
		char		out[5] = {b64[(n >> 18) & 63], b64[(n >> 12) & 63],
			i + 1 < len ? b64[(n >> 6) & 63] : '=', i + 2 < len ? b64[n & 63] : '=', 0};

		buf_str(m, out);
	}
	buf_str(m, "?=");
}

/* A value as encoded words, one per line, none splitting a character. */
static void
header_encoded(Buf *m, const char *value)
{
	const unsigned char *v = (const unsigned char *) value;
	size_t		len = strlen(value);
	bool		first = true;

	while (len > 0)
	{
		size_t		n = utf8_cut(v, len, ENCODED_WORD_BYTES);

		if (!first)
			buf_str(m, "\r\n ");
		encoded_word(m, v, n);
		v += n;
		len -= n;
		first = false;
	}
}

/* One header line, "Name: value" and CRLF, its value made safe (see top). */
static void
header(Buf *m, const char *name, const char *value)
{
	Buf			clean = {0};

	one_line(&clean, value);
	buf_str(m, name);
	buf_str(m, ": ");
	if (header_is_plain(clean.data))
		header_plain(m, clean.data, strlen(name) + 2);
	else
		header_encoded(m, clean.data);
	buf_str(m, "\r\n");
	buf_free(&clean);
}

/* Append one quoted-printable token, with a soft break first if it must. */
static void
qp_token(Buf *out, const char *token, size_t len, size_t *column)
{
	if (*column + len > QP_LINE - 1)
	{
		buf_str(out, "=\r\n");
		*column = 0;
	}
	buf_add(out, token, len);
	*column += len;
}

/*
 * One line of text (without its line end) in quoted-printable: a space or
 * tab at its end, "=", a dot at the start of a line, and whatever is not
 * printable ASCII are encoded.
 */
static void
qp_line(Buf *out, const unsigned char *line, size_t len)
{
	size_t		column = 0;

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = line[i];
		bool		last = i == len - 1;
		char		esc[3] = {'=', hex_digits[c >> 4], hex_digits[c & 15]};

		/* a character that a soft break would put at the start of a line */
		bool		starts_line = column == 0 || column + 1 > QP_LINE - 1;

		if ((c == ' ' || c == '\t') && !last)
			qp_token(out, (const char *) &line[i], 1, &column);
		else if (c > 32 && c < 127 && c != '=' && !(c == '.' && starts_line))
			qp_token(out, (const char *) &line[i], 1, &column);
		else
			qp_token(out, esc, 3, &column);
	}
}

/*
 * A text in quoted-printable, each of its line ends (CRLF, LF or CR alone)
 * written as CRLF.  The last line has no line end of its own: the CRLF that
 * comes before the next boundary line belongs to that line (RFC 2046, 5.1.1).
 */
static void
quoted_printable(Buf *out, const char *text)
{
	const unsigned char *p = (const unsigned char *) text;

	buf_str(out, "");
	for (;;)
	{
		size_t		len = strcspn((const char *) p, "\r\n");

		qp_line(out, p, len);
		p += len;
		if (*p == '\0')
			break;
		p += (p[0] == '\r' && p[1] == '\n') ? 2 : 1;
		buf_str(out, "\r\n");
	}
}

/* Text with the HTML special characters escaped. */
static void
html_escaped(Buf *b, const char *s)
{
	for (; *s; s++)
	{
		switch (*s)
		{
			case '&':
				buf_str(b, "&amp;");
				break;
			case '<':
				buf_str(b, "&lt;");
				break;
			case '>':
				buf_str(b, "&gt;");
				break;
			case '"':
				buf_str(b, "&quot;");
				break;
			default:
				buf_char(b, *s);
		}
	}
}

/* The HTML of a reminder: its own, or its text in a <pre>. */
static void
html_of(Buf *html, const Message *msg)
{
	if (msg->html != NULL)
	{
		buf_str(html, msg->html);
		return;
	}
	buf_str(html, "<html><body><pre style=\"font-family: sans-serif\">");
	html_escaped(html, msg->text);
	buf_str(html, "</pre></body></html>\n");
}

/* One part: its delimiter line, its headers, its encoded content. */
static void
part(Buf *m, const char *boundary, const char *type, const Buf *content)
{
	buf_str(m, "--");
	buf_str(m, boundary);
	buf_str(m, "\r\nContent-Type: ");
	buf_str(m, type);
	buf_str(m, "; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
	buf_add(m, content->data, content->len);
	buf_str(m, "\r\n");
}

/*
 * The whole message: headers, then the text and the HTML part (see the
 * comment at the top for what keeps it in shape).
 */
void
message_build(Buf *m, const Message *msg)
{
	char		date[64];
	char		boundary[64];
	time_t		now = time(NULL);
	Buf			html = {0};
	Buf			text_part = {0};
	Buf			html_part = {0};

	html_of(&html, msg);
	quoted_printable(&text_part, msg->text);
	quoted_printable(&html_part, html.data);
	for (;;)
	{
		const char *const texts[] = {msg->subject, msg->text, html.data,
		text_part.data, html_part.data};

		draw_boundary(boundary, sizeof(boundary));
		if (!boundary_occurs(boundary, texts, 5))
			break;
	}

	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", gmtime(&now));
	header(m, "Date", date);
	header(m, "From", msg->from);
	header(m, "To", msg->to);
	header(m, "Message-ID", msg->msgid);
	header(m, "Subject", msg->subject);
	header(m, "MIME-Version", "1.0");
	buf_str(m, "Content-Type: multipart/alternative;\r\n boundary=\"");
	buf_str(m, boundary);
	buf_str(m, "\"\r\n\r\n");
	part(m, boundary, "text/plain", &text_part);
	part(m, boundary, "text/html", &html_part);
	buf_str(m, "--");
	buf_str(m, boundary);
	buf_str(m, "--\r\n");

	buf_free(&html);
	buf_free(&text_part);
	buf_free(&html_part);
}
