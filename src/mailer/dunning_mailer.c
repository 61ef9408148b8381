/*
 * dunning_mailer: the reference mailer of the dunning extension.
 *
 * It connects to a database where the extension is installed, LISTENs on
 * dunning_reminder, claims e-mail reminders in batches with dunning.claim(),
 * delivers each over SMTP (libcurl) as a plain text and HTML message whose
 * Message-ID is derived from the reminder's idempotency key, and answers
 * with dunning.ack() or dunning.nack().  Other channels are left to other
 * consumers.  SIGTERM or SIGINT stops it once its batch is delivered.
 *
 * Settings come from options or the environment:
 *
 *   --dsn            DUNNING_DSN         libpq connection string (default: PG* variables)
 *   --smtp-url       DUNNING_SMTP_URL    smtp://host:port (default smtp://127.0.0.1:25)
 *   --from           DUNNING_FROM        sender address (default dunning@localhost)
 *   --consumer       DUNNING_CONSUMER    name for leases (default host:pid)
 *   --batch          DUNNING_BATCH       reminders per claim (default 100)
 *   --lease          DUNNING_LEASE       lease per batch (default '5 minutes')
 *   --poll           DUNNING_POLL        seconds between claims when idle (default 10)
 *   --idle-exit      DUNNING_IDLE_EXIT   exit after this many idle seconds (default 0: never)
 *
 * It logs one line per reminder on standard error.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libpq-fe.h>

typedef struct Settings
{
	const char *dsn;
	const char *smtp_url;
	const char *from;
	char		consumer[256];
	int			batch;
	const char *lease;
	int			poll;
	int			idle_exit;
} Settings;

/* A growing string. */
typedef struct Buf
{
	char	   *data;
	size_t		len;
	size_t		cap;
	size_t		read;			/* how much libcurl has read of it */
} Buf;

static volatile sig_atomic_t stop_requested = 0;

static void
on_stop(int signo)
{
	(void) signo;
	stop_requested = 1;
}

static void
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

static void
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

static void
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

static void
buf_str(Buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Text with the HTML special characters escaped. */
static void
buf_html(Buf *b, const char *s)
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
				buf_add(b, s, 1);
		}
	}
}

/* Text with bare LF turned into CRLF, as SMTP wants. */
static void
buf_crlf(Buf *b, const char *s)
{
	for (; *s; s++)
	{
		if (*s == '\n' && (b->len == 0 || b->data[b->len - 1] != '\r'))
			buf_str(b, "\r\n");
		else
			buf_add(b, s, 1);
	}
}

static const char *
setting(const char *env, const char *dflt)
{
	const char *v = getenv(env);

	return v && *v ? v : dflt;
}

static int
int_setting(const char *name, const char *value, int min)
{
	char	   *end;
	long		v = strtol(value, &end, 10);

	if (*end != '\0' || v < min || v > 1000000)
		die("%s must be a whole number of at least %d, not \"%s\"", name, min, value);
	return (int) v;
}

static void
usage(void)
{
	fprintf(stderr,
			"Usage: dunning_mailer [--dsn DSN] [--smtp-url URL] [--from ADDRESS] [--consumer NAME]\n"
			"                      [--batch N] [--lease INTERVAL] [--poll SECONDS] [--idle-exit SECONDS]\n"
			"Delivers the e-mail reminders of the dunning extension over SMTP.\n");
	exit(2);
}

static void
read_settings(Settings *s, int argc, char **argv)
{
	char		host[200] = "localhost";
	const char *batch = setting("DUNNING_BATCH", "100");
	const char *poll = setting("DUNNING_POLL", "10");
	const char *idle = setting("DUNNING_IDLE_EXIT", "0");

	gethostname(host, sizeof(host) - 1);
	s->dsn = setting("DUNNING_DSN", "");
	s->smtp_url = setting("DUNNING_SMTP_URL", "smtp://127.0.0.1:25");
	s->from = setting("DUNNING_FROM", "dunning@localhost");
	s->lease = setting("DUNNING_LEASE", "5 minutes");
	snprintf(s->consumer, sizeof(s->consumer), "%s",
			 setting("DUNNING_CONSUMER", ""));
	if (s->consumer[0] == '\0')
		snprintf(s->consumer, sizeof(s->consumer), "%s:%d", host, (int) getpid());

	for (int i = 1; i < argc; i++)
	{
		const char *opt = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(opt, "--help") == 0)
			usage();
		if (val == NULL)
			usage();
		i++;
		if (strcmp(opt, "--dsn") == 0)
			s->dsn = val;
		else if (strcmp(opt, "--smtp-url") == 0)
			s->smtp_url = val;
		else if (strcmp(opt, "--from") == 0)
			s->from = val;
		else if (strcmp(opt, "--consumer") == 0)
			snprintf(s->consumer, sizeof(s->consumer), "%s", val);
		else if (strcmp(opt, "--batch") == 0)
			batch = val;
		else if (strcmp(opt, "--lease") == 0)
			s->lease = val;
		else if (strcmp(opt, "--poll") == 0)
			poll = val;
		else if (strcmp(opt, "--idle-exit") == 0)
			idle = val;
		else
			usage();
	}
	s->batch = int_setting("batch", batch, 1);
	s->poll = int_setting("poll", poll, 1);
	s->idle_exit = int_setting("idle-exit", idle, 0);
}

/* A statement that must succeed; its result, or NULL for a command. */
static PGresult *
exec_params(PGconn *conn, const char *sql, int n, const char *const *values)
{
	PGresult   *res = PQexecParams(conn, sql, n, NULL, values, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);

	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
	{
		const char *msg = PQresultErrorMessage(res);

		PQclear(res);
		if (PQstatus(conn) != CONNECTION_OK)
			die("lost the database connection: %s", PQerrorMessage(conn));
		say("statement failed: %s", msg);
		return NULL;
	}
	return res;
}

/*
 * The claim: each e-mail reminder with its address, a Message-ID built from
 * its idempotency key, its subject and its texts (the rendered ones, or a
 * plain summary of the payload when its step names no template).
 */
static const char *const claim_sql =
"SELECT c.id, c.recipient,"
"  '<dunning.' || encode(convert_to(c.idempotency_key, 'UTF8'), 'hex') || '@dunning.invalid>',"
"  coalesce(c.subject, format('Payment reminder: %s %s overdue',"
"           c.payload->>'total_open', c.payload->>'currency')),"
"  coalesce(c.body, format(E'Hello,\\n\\nOur records show that the following is still open:\\n\\n%s\\n"
"Total: %s %s\\n\\nIf you have already paid, thank you, and please ignore this message.\\n',"
"    (SELECT string_agg(format('  %s  due %s  %s %s', i->>'reference', i->>'due_on',"
"                              i->>'open_amount', c.payload->>'currency'), E'\\n')"
"       FROM jsonb_array_elements(c.payload->'invoices') i),"
"    c.payload->>'total_open', c.payload->>'currency')),"
"  c.body_html"
" FROM dunning.claim($1, $2::integer, $3::interval, '{email}') c ORDER BY c.id";

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

/*
 * A header value: as it is when it is ASCII, else an RFC 2047 encoded word
 * (UTF-8, base64).
 */
static void
buf_header(Buf *b, const char *value)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *v = (const unsigned char *) value;
	size_t		len = strlen(value);
	bool		ascii = true;

	for (size_t i = 0; i < len; i++)
		if (v[i] >= 0x80 || v[i] == '\r' || v[i] == '\n')
			ascii = false;
	if (ascii)
	{
		buf_str(b, value);
		return;
	}
	buf_str(b, "=?UTF-8?B?");
	for (size_t i = 0; i < len; i += 3)
	{
		unsigned int n = v[i] << 16 | (i + 1 < len ? v[i + 1] << 8 : 0) |
			(i + 2 < len ? v[i + 2] : 0);
		char		out[5] = {b64[(n >> 18) & 63], b64[(n >> 12) & 63],
			i + 1 < len ? b64[(n >> 6) & 63] : '=', i + 2 < len ? b64[n & 63] : '=', 0};

		buf_str(b, out);
	}
	buf_str(b, "?=");
}

/*
 * The whole message: headers, then a text and an HTML part (the rendered
 * HTML body, else the text in a <pre>).
 */
static void
build_message(Buf *m, const Settings *s, const char *to, const char *msgid,
			  const char *subject, const char *text, const char *html_body)
{
	char		date[64];
	time_t		now = time(NULL);
	const char *boundary = "=_dunning_boundary_7f3a";

	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", gmtime(&now));
	buf_str(m, "Date: ");
	buf_str(m, date);
	buf_str(m, "\r\nFrom: ");
	buf_str(m, s->from);
	buf_str(m, "\r\nTo: ");
	buf_str(m, to);
	buf_str(m, "\r\nMessage-ID: ");
	buf_str(m, msgid);
	buf_str(m, "\r\nSubject: ");
	buf_header(m, subject);
	buf_str(m, "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"");
	buf_str(m, boundary);
	buf_str(m, "\"\r\n\r\n--");
	buf_str(m, boundary);
	buf_str(m, "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
	buf_crlf(m, text);
	buf_str(m, "\r\n--");
	buf_str(m, boundary);
	buf_str(m, "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
	if (html_body)
	{
		buf_crlf(m, html_body);
		buf_str(m, "\r\n--");
	}
	else
	{
		Buf			html = {0};

		buf_str(m, "<html><body><pre style=\"font-family: sans-serif\">");
		buf_html(&html, text);
		buf_crlf(m, html.data ? html.data : "");
		free(html.data);
		buf_str(m, "</pre></body></html>\r\n--");
	}
	buf_str(m, boundary);
	buf_str(m, "--\r\n");
}

/* Deliver one message; NULL on success, else the error. */
static const char *
deliver(CURL *curl, const Settings *s, const char *to, Buf *message, char *errbuf)
{
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	CURLcode	rc;

	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_URL, s->smtp_url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, s->from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(curl, CURLOPT_READDATA, message);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	errbuf[0] = '\0';
	rc = curl_easy_perform(curl);
	curl_slist_free_all(rcpt);
	if (rc == CURLE_OK)
		return NULL;
	return errbuf[0] ? errbuf : curl_easy_strerror(rc);
}

/* Answer for one reminder: ack on success, nack with the error otherwise. */
static void
answer(PGconn *conn, const Settings *s, const char *id, const char *to,
	   const char *msgid, const char *error)
{
	PGresult   *res;

	if (error == NULL)
	{
		const char *args[3] = {s->consumer, id, msgid};

		res = exec_params(conn, "SELECT dunning.ack($1, $2::bigint, $3)", 3, args);
		if (res)
			say("sent reminder %s to %s as %s", id, to, msgid);
	}
	else
	{
		const char *args[3] = {s->consumer, id, error};

		res = exec_params(conn, "SELECT dunning.nack($1, $2::bigint, $3)", 3, args);
		if (res)
			say("could not send reminder %s to %s: %s (now %s)", id, to ? to : "(no address)",
				error, PQgetvalue(res, 0, 0));
	}
	PQclear(res);
}

/* Claim one batch and deliver it; returns how many reminders it had. */
static int
run_batch(PGconn *conn, CURL *curl, const Settings *s)
{
	char		batch[16];
	const char *args[3] = {s->consumer, batch, s->lease};
	PGresult   *res;
	int			n;
	char		errbuf[CURL_ERROR_SIZE];

	snprintf(batch, sizeof(batch), "%d", s->batch);
	res = exec_params(conn, claim_sql, 3, args);
	if (res == NULL)
		return 0;
	n = PQntuples(res);
	for (int i = 0; i < n; i++)
	{
		const char *id = PQgetvalue(res, i, 0);
		const char *to = PQgetisnull(res, i, 1) ? NULL : PQgetvalue(res, i, 1);
		const char *msgid = PQgetvalue(res, i, 2);
		Buf			message = {0};

		if (to == NULL || strchr(to, '@') == NULL)
		{
			answer(conn, s, id, to, msgid, "the customer has no e-mail address");
			continue;
		}
		build_message(&message, s, to, msgid, PQgetvalue(res, i, 3), PQgetvalue(res, i, 4),
					  PQgetisnull(res, i, 5) ? NULL : PQgetvalue(res, i, 5));
		answer(conn, s, id, to, msgid, deliver(curl, s, to, &message, errbuf));
		free(message.data);
	}
	PQclear(res);
	return n;
}

/* Wait for a notification, a signal or the poll interval. */
static void
wait_for_work(PGconn *conn, int seconds)
{
	int			sock = PQsocket(conn);
	fd_set		fds;
	struct timeval tv = {seconds, 0};
	PGnotify   *note;

	FD_ZERO(&fds);
	FD_SET(sock, &fds);
	if (select(sock + 1, &fds, NULL, NULL, &tv) < 0 && errno != EINTR)
		die("select failed: %s", strerror(errno));
	if (!PQconsumeInput(conn))
		die("lost the database connection: %s", PQerrorMessage(conn));
	while ((note = PQnotifies(conn)) != NULL)
		PQfreemem(note);
}

int
main(int argc, char **argv)
{
	Settings	s;
	PGconn	   *conn;
	CURL	   *curl;
	PGresult   *res;
	time_t		idle_since = time(NULL);

	read_settings(&s, argc, argv);
	signal(SIGTERM, on_stop);
	signal(SIGINT, on_stop);
	signal(SIGPIPE, SIG_IGN);

	{
		const char *keys[] = {"dbname", "fallback_application_name", NULL};
		const char *values[] = {s.dsn, "dunning_mailer", NULL};

		conn = PQconnectdbParams(keys, values, 1);
	}
	if (PQstatus(conn) != CONNECTION_OK)
		die("could not connect to the database: %s", PQerrorMessage(conn));
	res = exec_params(conn, "LISTEN dunning_reminder", 0, NULL);
	if (res == NULL)
		die("could not listen for reminders");
	PQclear(res);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 || (curl = curl_easy_init()) == NULL)
		die("could not initialise libcurl");
	say("consumer %s delivering through %s", s.consumer, s.smtp_url);

	while (!stop_requested)
	{
		if (run_batch(conn, curl, &s) > 0)
		{
			idle_since = time(NULL);
			continue;
		}
		if (s.idle_exit > 0 && time(NULL) - idle_since >= s.idle_exit)
			break;
		wait_for_work(conn, s.poll);
	}

	say("consumer %s stopping", s.consumer);
	curl_easy_cleanup(curl);
	curl_global_cleanup();
	PQfinish(conn);
	return 0;
}
