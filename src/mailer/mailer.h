/*
 * mailer.h: what the files of dunning_mailer share.
 *
 *   dunning_mailer.c   settings, the main loop
 *   batch.c            claim, lease renewal, ack and nack
 *   address.c          the check of a recipient address
 *   message.c          the MIME message: headers, parts, boundary
 *   smtp.c             delivery over SMTP with libcurl
 *   secrets.c          where passwords may come from, and hiding them
 *   util.c             growing strings, logging
 */
#ifndef DUNNING_MAILER_H
#define DUNNING_MAILER_H

#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>
#include <libpq-fe.h>

#define MAILER_NORETURN __attribute__((noreturn))
#define MAILER_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* The longest address SMTP takes (RFC 5321, 4.5.3.1.3, less the <>). */
#define ADDRESS_MAX 254
#define LOCAL_PART_MAX 64

typedef struct Settings
{
	const char *dsn;
	bool		dsn_in_argv;	/* --dsn, rather than DUNNING_DSN */
	const char *smtp_url;		/* may carry a password (from the environment) */
	bool		smtp_url_in_argv;	/* --smtp-url, rather than DUNNING_SMTP_URL */
	char	   *smtp_url_shown;	/* the URL with its password replaced by *** */
	const char *netrc_file;		/* SMTP credentials in a netrc file, or NULL */
	const char *smtp_password_file;	/* the SMTP password in a file, or NULL */
	char	   *smtp_password;	/* read from smtp_password_file */
	const char *from;
	char		consumer[256];
	int			batch;
	const char *lease;			/* as given: an interval */
	double		lease_seconds;	/* its length, as the server reads it */
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

/* What a reminder's message is made of. */
typedef struct Message
{
	const char *from;
	const char *to;
	const char *msgid;
	const char *subject;
	const char *text;
	const char *html;			/* NULL: the text, in a <pre> */
} Message;

/* How one SMTP delivery went. */
typedef struct SmtpResult
{
	bool		ok;
	bool		permanent;		/* a 5xx answer to MAIL FROM, RCPT TO or DATA */
	long		code;			/* the server's last reply code, 0 if none */
	char		command[12];	/* the command it answered: MAIL, RCPT, DATA... */
	char		reply[512];		/* its last reply line */
	char		error[1024];	/* what to tell dunning.nack() */
} SmtpResult;

/* util.c */
extern void die(const char *fmt,...) MAILER_PRINTF(1, 2) MAILER_NORETURN;
extern void say(const char *fmt,...) MAILER_PRINTF(1, 2);
extern void buf_add(Buf *b, const char *s, size_t n);
extern void buf_str(Buf *b, const char *s);
extern void buf_char(Buf *b, char c);
extern void buf_free(Buf *b);
extern const char *shown(const char *s, char *out, size_t outlen);
extern double clock_seconds(void);

/* address.c */
extern bool address_is_valid(const char *address, char *why, size_t whylen);

/* message.c */
extern void message_build(Buf *m, const Message *msg);

/* smtp.c */
extern void smtp_send(CURL *curl, const Settings *s, const char *to, Buf *message,
					  double seconds, SmtpResult *result);

/* secrets.c */
extern void secrets_check(Settings *s);
extern void secrets_apply(CURL *curl, const Settings *s);

/* batch.c */
extern PGresult *exec_params(PGconn *conn, const char *sql, int n, const char *const *values);
extern int	run_batch(PGconn *conn, CURL *curl, const Settings *s);

#endif							/* DUNNING_MAILER_H */
