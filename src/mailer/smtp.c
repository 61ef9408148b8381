/*
 * smtp.c: one message delivered over SMTP with libcurl, and what the server
 * said.
 *
 * libcurl sends MAIL FROM, RCPT TO and DATA, and dot-stuffs the message
 * (the message itself starts no line with a dot: see message.c).  The
 * mailer follows the dialogue through libcurl's debug callback, keeping the
 * verb of the last command sent (never its arguments: AUTH lines carry
 * credentials) and the server's last reply line, so that it knows which
 * command a refusal answered.  A 5xx reply to MAIL FROM, RCPT TO or DATA is
 * permanent (the reminder is dead at once, and bounced), except 530
 * "authentication required", which says the mailer's own credentials are
 * missing; everything else (4xx, a refused login, no connection, a timeout)
 * is worth another try.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailer.h"

/* The longest a delivery may take, however long the lease still runs. */
#define SMTP_TIMEOUT 60.0
#define SMTP_CONNECT_TIMEOUT 10.0

/*
 * What the debug callback keeps of the dialogue: the last command and reply,
 * or, once the server has refused something, that command and its reply
 * (libcurl may say QUIT or RSET after it).
 */
typedef struct Dialogue
{
	char		command[12];	/* verb of the last command sent */
	char		reply[512];		/* last reply line received */
	long		refusal;		/* the code of the refusal, 0 while none */
} Dialogue;

/* libcurl's read callback: the next piece of the message. */
static size_t
read_message(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	Buf		   *b = userdata;
	size_t		room = size * nmemb;
	size_t		left = b->len - b->read;
	size_t		n = left < room ? left : room;

	memcpy(ptr, b->data + b->read, n);
	b->read += n;
	return n;
}

/* Copy one protocol line, without its CRLF, into out. */
static void
copy_line(char *out, size_t outlen, const char *data, size_t size)
{
	size_t		n = size;

	while (n > 0 && (data[n - 1] == '\r' || data[n - 1] == '\n'))
		n--;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, data, n);
	out[n] = '\0';
}

/*
 * libcurl's debug callback: the verb of each command sent, if it is one of
 * SMTP's (not the lines of an AUTH exchange), and each reply line.
 */
static int
follow_dialogue(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata)
{
	static const char *const verbs[] = {"EHLO", "HELO", "STARTTLS", "AUTH", "MAIL",
	"RCPT", "DATA", "RSET", "QUIT", NULL};
	Dialogue   *d = userdata;

	(void) handle;
	if (d->refusal != 0)
		return 0;
	if (type == CURLINFO_HEADER_OUT)
	{
		for (int i = 0; verbs[i] != NULL; i++)
		{
			size_t		len = strlen(verbs[i]);

			if (size >= len && strncmp(data, verbs[i], len) == 0 &&
				(size == len || data[len] == ' ' || data[len] == '\r'))
			{
				snprintf(d->command, sizeof(d->command), "%s", verbs[i]);
				break;
			}
		}
	}
	else if (type == CURLINFO_HEADER_IN)
	{
		copy_line(d->reply, sizeof(d->reply), data, size);
		/* the last line of a refusal ("550 ...", not "550-..."); not of EHLO,
		 * after which libcurl tries HELO */
		if (d->reply[0] >= '4' && d->reply[0] <= '5' && strlen(d->reply) >= 3 &&
			(d->reply[3] == ' ' || d->reply[3] == '\0') && strcmp(d->command, "EHLO") != 0)
			d->refusal = strtol(d->reply, NULL, 10);
	}
	return 0;
}

/* The command a reply answered, as it is written in the error. */
static const char *
command_name(const char *verb)
{
	if (strcmp(verb, "MAIL") == 0)
		return "MAIL FROM";
	if (strcmp(verb, "RCPT") == 0)
		return "RCPT TO";
	return verb[0] ? verb : "the connection";
}

/*
 * Whether a refusal is for good: a 5xx reply to MAIL FROM, RCPT TO or DATA
 * (the message as written will never be taken), but not 530, which asks the
 * mailer to log in: that is to be mended in its settings, not by dropping
 * the reminder.
 */
static bool
refusal_is_permanent(long code, const char *verb)
{
	if (code < 500 || code > 599 || code == 530)
		return false;
	return strcmp(verb, "MAIL") == 0 || strcmp(verb, "RCPT") == 0 ||
		strcmp(verb, "DATA") == 0;
}

/* Set up the handle for one message: server, credentials, envelope, timeouts. */
static void
prepare(CURL *curl, const Settings *s, struct curl_slist *rcpt, Buf *message,
		double seconds, Dialogue *d, char *errbuf)
{
	double		total = seconds < SMTP_TIMEOUT ? seconds : SMTP_TIMEOUT;
	double		connect;

	/* libcurl reads a timeout of 0 as none at all */
	if (total < 0.001)
		total = 0.001;
	connect = total < SMTP_CONNECT_TIMEOUT ? total : SMTP_CONNECT_TIMEOUT;

	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_URL, s->smtp_url);
	secrets_apply(curl, s);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, s->from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(curl, CURLOPT_READDATA, message);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long) (connect * 1000));
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long) (total * 1000));
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	/* the dialogue goes to follow_dialogue, never to standard error */
	curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, follow_dialogue);
	curl_easy_setopt(curl, CURLOPT_DEBUGDATA, d);
	curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
}

/*
 * Deliver one message to one (checked) address, in at most the given
 * number of seconds (what is left of its lease), and say how it went.
 */
void
smtp_send(CURL *curl, const Settings *s, const char *to, Buf *message, double seconds,
		  SmtpResult *result)
{
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	char		errbuf[CURL_ERROR_SIZE];
	Dialogue	d = {{0}, {0}, 0};
	CURLcode	rc;
	long		code = 0;

	if (rcpt == NULL)
		die("out of memory");
	errbuf[0] = '\0';
	message->read = 0;
	prepare(curl, s, rcpt, message, seconds, &d, errbuf);
	rc = curl_easy_perform(curl);
	curl_slist_free_all(rcpt);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	if (d.refusal != 0)
		code = d.refusal;

	memset(result, 0, sizeof(*result));
	result->ok = rc == CURLE_OK;
	result->code = code;
	snprintf(result->command, sizeof(result->command), "%s", d.command);
	snprintf(result->reply, sizeof(result->reply), "%s", d.reply);
	if (result->ok)
		return;
	result->permanent = refusal_is_permanent(code, d.command);
	if (code >= 400 && d.reply[0] != '\0')
		snprintf(result->error, sizeof(result->error), "%s refused: %s",
				 command_name(d.command), d.reply);
	else
		snprintf(result->error, sizeof(result->error), "%s",
				 errbuf[0] ? errbuf : curl_easy_strerror(rc));
}
