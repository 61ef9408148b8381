/*
 * batch.c: one batch of reminders, from dunning.claim() to the answers.
 *
 * The lease.  dunning.claim() leases the batch for --lease; a reminder
 * whose lease has run out may be claimed by another consumer, and sending
 * it then would send it twice.  So the mailer keeps, for the batch, a
 * deadline on its monotonic clock: the moment it sent the claim plus the
 * lease, which is no later than the server's lease_until.  Before each
 * message, if less than a safety margin is left (half the lease, or twice
 * the slowest recent message, whichever is more), it renews the lease of
 * the reminders it has not handled yet with dunning.extend(); those it
 * does not get back are no longer its own and are left undelivered.  It
 * starts no message with less lease left than the slowest recent message
 * took, and gives libcurl no more time than the lease has left.  And it
 * claims no more than fit in a lease at the pace of the slowest recent
 * message.
 *
 * The answers.  Delivered: dunning.ack().  A recipient that is no plain
 * e-mail address: never sent, dunning.nack(..., permanent => true), dead
 * at once.  A 5xx reply to MAIL FROM, RCPT TO or DATA: the same, and a
 * 'bounced' event with the SMTP code and reply.  Anything else (4xx, no
 * connection, a timeout): dunning.nack(), retried with the usual backoff.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailer.h"

/* How many recent deliveries the pace is measured on. */
#define TIMINGS 32
/* The least lease that must be left to start a message, in seconds. */
#define LEAST_LEFT 0.25

/* A claimed batch, and how much of it is still the mailer's. */
typedef struct Batch
{
	PGresult   *res;
	int			n;
	long long  *ids;
	bool	   *held;			/* false once an extension did not return it */
	double		deadline;		/* monotonic: the lease runs at least until then */
} Batch;

static double timings[TIMINGS];
static int	timings_count = 0;
static int	timings_next = 0;

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

/* A statement that must succeed; its result, or NULL (logged) when it failed. */
PGresult *
exec_params(PGconn *conn, const char *sql, int n, const char *const *values)
{
	PGresult   *res = PQexecParams(conn, sql, n, NULL, values, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);

	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
	{
		char		msg[1024];
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		bool		gone;

		shown(PQresultErrorMessage(res), msg, sizeof(msg));
		/*
		 * An error libpq made itself (no SQLSTATE: the server closed the
		 * connection), a connection exception, or the server shutting down:
		 * the connection is lost even when PQstatus() has not noticed yet.
		 * Nothing more of the batch may go out, as it could not be
		 * acknowledged.
		 */
		gone = PQstatus(conn) != CONNECTION_OK || state == NULL ||
			strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0;
		PQclear(res);
		if (gone)
			die("lost the database connection: %s", msg);
		say("statement failed: %s", msg);
		return NULL;
	}
	return res;
}

/* Note how long a delivery took. */
static void
record_timing(double seconds)
{
	timings[timings_next] = seconds;
	timings_next = (timings_next + 1) % TIMINGS;
	if (timings_count < TIMINGS)
		timings_count++;
}

/* The longest of the recent deliveries, 0 before the first. */
static double
slowest(void)
{
	double		worst = 0;

	for (int i = 0; i < timings_count; i++)
		if (timings[i] > worst)
			worst = timings[i];
	return worst;
}

/* How many to claim: the batch, or as many as fit in a lease at the slowest pace. */
static int
claim_size(const Settings *s)
{
	double		pace = slowest();
	double		fit;

	if (pace <= 0)
		return s->batch;
	fit = s->lease_seconds / pace;
	if (fit < 1)
		return 1;
	return fit < s->batch ? (int) fit : s->batch;
}

/* Order of bigint ids, for qsort and bsearch. */
static int
compare_ids(const void *a, const void *b)
{
	long long	x = *(const long long *) a;
	long long	y = *(const long long *) b;

	return x < y ? -1 : x > y;
}

/* The ids of the reminders still held from row "from" on, as a bigint[] literal. */
static void
held_ids(const Batch *b, int from, Buf *out)
{
	char		one[32];

	buf_str(out, "{");
	for (int i = from; i < b->n; i++)
	{
		if (!b->held[i])
			continue;
		snprintf(one, sizeof(one), "%s%lld", out->len > 1 ? "," : "", b->ids[i]);
		buf_str(out, one);
	}
	buf_str(out, "}");
}

/*
 * Renew the lease of the reminders still held from row "from" on, with
 * dunning.extend(); those it does not return are no longer held.  When the
 * statement fails, the lease is left to run out as it was.
 */
static void
renew_lease(PGconn *conn, const Settings *s, Batch *b, int from)
{
	Buf			ids = {0};
	const char *args[3];
	PGresult   *res;
	double		asked = clock_seconds();
	int			renewed;
	int			lost = 0;
	long long  *got;

	held_ids(b, from, &ids);
	args[0] = s->consumer;
	args[1] = ids.data;
	args[2] = s->lease;
	res = exec_params(conn, "SELECT unnest(dunning.extend($1, $2::bigint[], $3::interval))", 3, args);
	buf_free(&ids);
	if (res == NULL)
	{
		say("could not renew the lease of batch reminders: the lease runs out as it was");
		return;
	}
	renewed = PQntuples(res);
	got = calloc((size_t) renewed + 1, sizeof(long long));
	if (got == NULL)
		die("out of memory");
	for (int i = 0; i < renewed; i++)
		got[i] = strtoll(PQgetvalue(res, i, 0), NULL, 10);
	PQclear(res);
	qsort(got, (size_t) renewed, sizeof(long long), compare_ids);
	for (int i = from; i < b->n; i++)
	{
		if (b->held[i] && bsearch(&b->ids[i], got, (size_t) renewed, sizeof(long long), compare_ids) == NULL)
		{
			b->held[i] = false;
			lost++;
		}
	}
	free(got);
	b->deadline = asked + s->lease_seconds;
	say("renewed the lease of %d reminder%s for %s%s", renewed, renewed == 1 ? "" : "s",
		s->lease, lost > 0 ? "; the others are no longer leased to this consumer" : "");
}

/*
 * Whether row i may be delivered now: its lease is renewed first if little
 * of it is left; false (logged) when it is no longer held, or its lease
 * runs out too soon for a message to go out.
 */
static bool
keep_lease(PGconn *conn, const Settings *s, Batch *b, int i)
{
	double		pace = slowest();
	double		margin = s->lease_seconds / 2 > 2 * pace ? s->lease_seconds / 2 : 2 * pace;
	double		least = pace > LEAST_LEFT ? pace : LEAST_LEFT;
	double		left;

	if (least > s->lease_seconds / 2)
		least = s->lease_seconds / 2;
	if (b->held[i] && b->deadline - clock_seconds() < margin)
		renew_lease(conn, s, b, i);
	if (!b->held[i])
	{
		say("reminder %lld is no longer leased to %s (its lease could not be renewed): not sent",
			b->ids[i], s->consumer);
		return false;
	}
	left = b->deadline - clock_seconds();
	if (left < least)
	{
		say("the lease of reminder %lld runs out in %.1f s, too soon to send it: left for a later claim",
			b->ids[i], left > 0 ? left : 0);
		return false;
	}
	return true;
}

/* Delivered: ack, with the Message-ID as the provider's reference. */
static void
answer_sent(PGconn *conn, const Settings *s, const char *id, const char *to, const char *msgid)
{
	const char *args[3] = {s->consumer, id, msgid};
	PGresult   *res = exec_params(conn, "SELECT dunning.ack($1, $2::bigint, $3)", 3, args);

	if (res)
		say("sent reminder %s to %s as %s", id, to, msgid);
	PQclear(res);
}

/* Not delivered, worth another try: nack, with the usual backoff. */
static void
answer_retry(PGconn *conn, const Settings *s, const char *id, const char *to, const char *error)
{
	const char *args[3] = {s->consumer, id, error};
	PGresult   *res = exec_params(conn, "SELECT dunning.nack($1, $2::bigint, $3)", 3, args);
	char		why[1100];

	if (res)
		say("could not send reminder %s to %s: %s (now %s)", id, to,
			shown(error, why, sizeof(why)), PQgetvalue(res, 0, 0));
	PQclear(res);
}

/* A recipient that is no plain address: never sent, dead at once. */
static void
answer_bad_address(PGconn *conn, const Settings *s, const char *id, const char *to,
				   const char *why)
{
	char		error[300];
	char		address[200];
	const char *args[3] = {s->consumer, id, error};
	PGresult   *res;

	snprintf(error, sizeof(error), "invalid recipient address, not sent: %s", why);
	res = exec_params(conn, "SELECT dunning.nack($1, $2::bigint, $3, NULL::interval, true)", 3, args);
	if (res)
		say("refused reminder %s to \"%s\": %s (now %s)", id, shown(to, address, sizeof(address)),
			error, PQgetvalue(res, 0, 0));
	PQclear(res);
}

/*
 * Refused for good by the server: dead at once, and a 'bounced' event with
 * the SMTP code, the command it answered and the reply.
 */
static void
answer_bounced(PGconn *conn, const Settings *s, const char *id, const char *to,
			   const SmtpResult *r)
{
	char		code[16];
	char		why[1100];
	const char *args[6] = {s->consumer, id, r->error, code, r->command, r->reply};
	PGresult   *res;

	snprintf(code, sizeof(code), "%ld", r->code);
	res = exec_params(conn,
					  "SELECT dunning.nack($1, $2::bigint, $3, NULL::interval, true),"
					  "       dunning.record_event($2::bigint, 'bounced', now(),"
					  "         jsonb_build_object('smtp_code', $4::integer, 'smtp_command', $5::text,"
					  "                            'smtp_reply', $6::text))",
					  6, args);
	if (res)
		say("could not send reminder %s to %s: %s (now %s, bounced)", id, to,
			shown(r->error, why, sizeof(why)), PQgetvalue(res, 0, 0));
	PQclear(res);
}

/* Build, send and answer for row i of the batch, whose address is checked. */
static void
deliver(PGconn *conn, CURL *curl, const Settings *s, Batch *b, int i)
{
	PGresult   *res = b->res;
	const char *id = PQgetvalue(res, i, 0);
	const char *to = PQgetvalue(res, i, 1);
	const char *msgid = PQgetvalue(res, i, 2);
	Message		msg = {s->from, to, msgid, PQgetvalue(res, i, 3), PQgetvalue(res, i, 4),
	PQgetisnull(res, i, 5) ? NULL : PQgetvalue(res, i, 5)};
	Buf			m = {0};
	SmtpResult	r;
	double		start;

	message_build(&m, &msg);
	start = clock_seconds();
	smtp_send(curl, s, to, &m, b->deadline - start, &r);
	record_timing(clock_seconds() - start);
	buf_free(&m);
	if (r.ok)
		answer_sent(conn, s, id, to, msgid);
	else if (r.permanent)
		answer_bounced(conn, s, id, to, &r);
	else
		answer_retry(conn, s, id, to, r.error);
}

/* Claim one batch and deliver it; returns how many reminders it had. */
int
run_batch(PGconn *conn, CURL *curl, const Settings *s)
{
	char		max[16];
	const char *args[3] = {s->consumer, max, s->lease};
	Batch		b = {0};
	double		asked = clock_seconds();

	snprintf(max, sizeof(max), "%d", claim_size(s));
	b.res = exec_params(conn, claim_sql, 3, args);
	if (b.res == NULL)
		return 0;
	b.deadline = asked + s->lease_seconds;
	b.n = PQntuples(b.res);
	b.ids = calloc((size_t) b.n + 1, sizeof(long long));
	b.held = calloc((size_t) b.n + 1, sizeof(bool));
	if (b.ids == NULL || b.held == NULL)
		die("out of memory");
	for (int i = 0; i < b.n; i++)
	{
		b.ids[i] = strtoll(PQgetvalue(b.res, i, 0), NULL, 10);
		b.held[i] = true;
	}

	for (int i = 0; i < b.n; i++)
	{
		const char *to = PQgetisnull(b.res, i, 1) ? NULL : PQgetvalue(b.res, i, 1);
		char		why[160];

		if (!keep_lease(conn, s, &b, i))
			continue;
		if (!address_is_valid(to, why, sizeof(why)))
			answer_bad_address(conn, s, PQgetvalue(b.res, i, 0), to, why);
		else
			deliver(conn, curl, s, &b, i);
	}

	free(b.ids);
	free(b.held);
	PQclear(b.res);
	return b.n;
}
