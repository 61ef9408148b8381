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
 *   --dsn                 DUNNING_DSN                 libpq connection string (default: PG* variables);
 *                                                     no password on the command line
 *   --smtp-url            DUNNING_SMTP_URL            smtp://[user@]host:port or smtps://
 *                                                     (default smtp://127.0.0.1:25); a password
 *                                                     only in the environment's DUNNING_SMTP_URL
 *   --netrc-file          DUNNING_NETRC_FILE          SMTP credentials in a netrc file
 *   --smtp-password-file  DUNNING_SMTP_PASSWORD_FILE  SMTP password, first line of the file
 *   --from                DUNNING_FROM                sender address (default dunning@localhost)
 *   --consumer            DUNNING_CONSUMER            name for leases (default host:pid)
 *   --batch               DUNNING_BATCH               reminders per claim, at most (default 100)
 *   --lease               DUNNING_LEASE               lease, 1 second to 1 hour, renewed while
 *                                                     a batch is under way (default '5 minutes')
 *   --poll                DUNNING_POLL                seconds between claims when idle (default 10)
 *   --idle-exit           DUNNING_IDLE_EXIT           exit after this many idle seconds (default 0: never)
 *
 * The database password comes from libpq: PGPASSWORD, or the password file
 * (PGPASSFILE, default ~/.pgpass); files that hold a password must be
 * readable by their owner only.  See secrets.c.
 *
 * A recipient that is not a plain e-mail address is never sent to (it is
 * dead at once); a 5xx reply to MAIL FROM, RCPT TO or DATA makes the
 * reminder dead at once, with a 'bounced' event; other failures are retried.
 * See address.c, smtp.c and batch.c; message.c says how the message is
 * written.
 *
 * It logs one line per reminder on standard error, and never a password.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#include "mailer.h"

static volatile sig_atomic_t stop_requested = 0;

/* SIGTERM and SIGINT: stop once the batch under way is delivered. */
static void
on_stop(int signo)
{
	(void) signo;
	stop_requested = 1;
}

/* A setting from the environment, or its default when unset or empty. */
static const char *
setting(const char *env, const char *dflt)
{
	const char *v = getenv(env);

	return v && *v ? v : dflt;
}

/* A whole number setting of at least min; dies on anything else. */
static int
int_setting(const char *name, const char *value, int min)
{
	char	   *end;
	long		v = strtol(value, &end, 10);

	if (*end != '\0' || v < min || v > 1000000)
		die("%s must be a whole number of at least %d, not \"%s\"", name, min, value);
	return (int) v;
}

/* Say how to call the mailer, and leave. */
static void
usage(void)
{
	fprintf(stderr,
			"Usage: dunning_mailer [--dsn DSN] [--smtp-url URL] [--netrc-file FILE]\n"
			"                      [--smtp-password-file FILE] [--from ADDRESS] [--consumer NAME]\n"
			"                      [--batch N] [--lease INTERVAL] [--poll SECONDS] [--idle-exit SECONDS]\n"
			"Delivers the e-mail reminders of the dunning extension over SMTP.\n"
			"Passwords are never taken from the command line: the database's from PGPASSWORD\n"
			"or PGPASSFILE, the SMTP server's from DUNNING_SMTP_URL in the environment,\n"
			"--netrc-file or --smtp-password-file.\n");
	exit(2);
}

/* The settings: the environment first, then the options. */
static void
read_settings(Settings *s, int argc, char **argv)
{
	char		host[200] = "localhost";
	const char *batch = setting("DUNNING_BATCH", "100");
	const char *poll = setting("DUNNING_POLL", "10");
	const char *idle = setting("DUNNING_IDLE_EXIT", "0");

	memset(s, 0, sizeof(*s));
	gethostname(host, sizeof(host) - 1);
	s->dsn = setting("DUNNING_DSN", "");
	s->smtp_url = setting("DUNNING_SMTP_URL", "smtp://127.0.0.1:25");
	s->netrc_file = setting("DUNNING_NETRC_FILE", NULL);
	s->smtp_password_file = setting("DUNNING_SMTP_PASSWORD_FILE", NULL);
	s->from = setting("DUNNING_FROM", "dunning@localhost");
	s->lease = setting("DUNNING_LEASE", "5 minutes");
	snprintf(s->consumer, sizeof(s->consumer), "%s", setting("DUNNING_CONSUMER", ""));
	if (s->consumer[0] == '\0')
		snprintf(s->consumer, sizeof(s->consumer), "%s:%d", host, (int) getpid());

	for (int i = 1; i < argc; i++)
	{
		const char *opt = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(opt, "--help") == 0 || val == NULL)
			usage();
		i++;
		if (strcmp(opt, "--dsn") == 0)
		{
			s->dsn = val;
			s->dsn_in_argv = true;
		}
		else if (strcmp(opt, "--smtp-url") == 0)
		{
			s->smtp_url = val;
			s->smtp_url_in_argv = true;
		}
		else if (strcmp(opt, "--netrc-file") == 0)
			s->netrc_file = val;
		else if (strcmp(opt, "--smtp-password-file") == 0)
			s->smtp_password_file = val;
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

/* The sender must be a plain address: it goes in MAIL FROM and in From. */
static void
check_from(const Settings *s)
{
	char		why[160];
	char		from[200];

	if (!address_is_valid(s->from, why, sizeof(why)))
		die("--from \"%s\" is not a plain e-mail address (%s); give one such as billing@example.com",
			shown(s->from, from, sizeof(from)), why);
}

/* Connect to the database, in UTF-8 whatever the connection string says. */
static PGconn *
connect_database(const Settings *s)
{
	const char *keys[] = {"dbname", "client_encoding", "fallback_application_name", NULL};
	const char *values[] = {s->dsn, "UTF8", "dunning_mailer", NULL};
	PGconn	   *conn = PQconnectdbParams(keys, values, 1);
	PGresult   *res;

	if (PQstatus(conn) != CONNECTION_OK)
	{
		char	   *msg = PQerrorMessage(conn);

		msg[strcspn(msg, "\n")] = '\0';
		die("could not connect to the database: %s; check --dsn or DUNNING_DSN, and the password "
			"in PGPASSWORD or the password file (PGPASSFILE, ~/.pgpass)", msg);
	}
	res = exec_params(conn, "LISTEN dunning_reminder", 0, NULL);
	if (res == NULL)
		die("could not listen for reminders");
	PQclear(res);
	return conn;
}

/* The lease's length in seconds, as the server reads the interval. */
static void
read_lease(PGconn *conn, Settings *s)
{
	const char *args[1] = {s->lease};
	PGresult   *res = PQexecParams(conn, "SELECT extract(epoch FROM $1::interval)::float8",
								   1, NULL, args, NULL, NULL, 0);

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		die("--lease must be an interval such as '5 minutes', not \"%s\"", s->lease);
	s->lease_seconds = strtod(PQgetvalue(res, 0, 0), NULL);
	PQclear(res);
	if (s->lease_seconds < 1 || s->lease_seconds > 3600)
		die("--lease must be between 1 second and 1 hour, not \"%s\"; the mailer renews it while a batch is under way",
			s->lease);
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

/*
 * Read the settings, refuse passwords where they must not be, connect, and
 * deliver batch after batch until a signal, or --idle-exit, stops it.
 */
int
main(int argc, char **argv)
{
	Settings	s;
	PGconn	   *conn;
	CURL	   *curl;
	time_t		idle_since = time(NULL);

	read_settings(&s, argc, argv);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 || (curl = curl_easy_init()) == NULL)
		die("could not initialise libcurl");
	secrets_check(&s);
	check_from(&s);
	signal(SIGTERM, on_stop);
	signal(SIGINT, on_stop);
	signal(SIGPIPE, SIG_IGN);

	conn = connect_database(&s);
	read_lease(conn, &s);
	say("consumer %s delivering through %s", s.consumer, s.smtp_url_shown);

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
