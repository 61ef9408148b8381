/*
 * secrets.c: where the mailer's passwords may come from, and keeping them
 * out of sight.
 *
 * Any local user can read a program's arguments (ps, /proc/PID/cmdline), so
 * no password may be given there: a --dsn that holds one (in key=value or
 * URI form) and a --smtp-url that holds one are refused.  The database
 * password comes from libpq's own sources (PGPASSWORD, the password file
 * PGPASSFILE or ~/.pgpass) or from DUNNING_DSN in the environment; the SMTP
 * password from DUNNING_SMTP_URL in the environment, a netrc file
 * (--netrc-file, DUNNING_NETRC_FILE) or a file holding it alone
 * (--smtp-password-file, DUNNING_SMTP_PASSWORD_FILE), one of these only.
 * Such files must be readable by their owner alone, as libpq wants of its
 * password file.  The SMTP URL is only ever logged with its password
 * replaced by ***.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mailer.h"

/*
 * Whether a libpq connection string (key=value or URI) names a password.
 * A --dsn that is neither is a database name, as libpq takes it.
 */
static bool
dsn_has_password(const char *dsn)
{
	char	   *err = NULL;
	PQconninfoOption *opts;
	bool		found = false;

	if (strchr(dsn, '=') == NULL && strncmp(dsn, "postgresql://", 13) != 0 &&
		strncmp(dsn, "postgres://", 11) != 0)
		return false;
	opts = PQconninfoParse(dsn, &err);

	if (opts == NULL)
	{
		if (err == NULL)
			die("out of memory");
		/* libpq's message ends in a newline */
		err[strcspn(err, "\n")] = '\0';
		die("--dsn is not a valid connection string: %s; see libpq's \"Connection Strings\"", err);
	}
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
		if (strcmp(o->keyword, "password") == 0 && o->val != NULL)
			found = true;
	PQconninfoFree(opts);
	return found;
}

/*
 * Parse the SMTP URL: it must be smtp:// or smtps://.  Returns the handle,
 * for the caller to read and free.
 */
static CURLU *
parse_smtp_url(const char *url)
{
	CURLU	   *u = curl_url();
	CURLUcode	rc;
	char	   *scheme = NULL;

	if (u == NULL)
		die("out of memory");
	rc = curl_url_set(u, CURLUPART_URL, url, 0);
	if (rc != CURLUE_OK)
		die("the SMTP URL is not valid: %s; write it as smtp://host:port or smtps://host:port",
			curl_url_strerror(rc));
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
		(strcmp(scheme, "smtp") != 0 && strcmp(scheme, "smtps") != 0))
		die("the SMTP URL must start with smtp:// or smtps://, not %s://",
			scheme ? scheme : "(nothing)");
	curl_free(scheme);
	return u;
}

/* Whether a part of the URL is there (user, password...). */
static bool
url_has(CURLU *u, CURLUPart what)
{
	char	   *value = NULL;
	bool		has = curl_url_get(u, what, &value, 0) == CURLUE_OK;

	curl_free(value);
	return has;
}

/* The URL as it may be logged: its password, if any, replaced by ***. */
static char *
url_shown(CURLU *u)
{
	char	   *url = NULL;
	char	   *copy;

	if (url_has(u, CURLUPART_PASSWORD) &&
		curl_url_set(u, CURLUPART_PASSWORD, "***", 0) != CURLUE_OK)
		die("out of memory");
	if (curl_url_get(u, CURLUPART_URL, &url, 0) != CURLUE_OK)
		die("out of memory");
	copy = strdup(url);
	curl_free(url);
	if (copy == NULL)
		die("out of memory");
	return copy;
}

/*
 * A file that holds a secret must be a regular file readable by its owner
 * alone; owned by root, its group may read it too (as libpq allows for its
 * password file).
 */
static void
check_secret_file(const char *path, const char *option)
{
	struct stat st;

	if (stat(path, &st) != 0)
		die("could not read %s \"%s\": %s", option, path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		die("%s \"%s\" is not a regular file", option, path);
	if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0 &&
		!(st.st_uid == 0 && (st.st_mode & (S_IWGRP | S_IXGRP | S_IRWXO)) == 0))
		die("%s \"%s\" may be read or written by others; make it readable by its owner only (chmod 600)",
			option, path);
}

/* The first line of a password file, without its line end. */
static char *
read_password_file(const char *path)
{
	FILE	   *f;
	char		line[1024];

	check_secret_file(path, "--smtp-password-file");
	f = fopen(path, "r");
	if (f == NULL)
		die("could not read --smtp-password-file \"%s\": %s", path, strerror(errno));
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	if (line[0] == '\0')
		die("--smtp-password-file \"%s\" is empty; write the SMTP password on its first line", path);
	return strdup(line);
}

/*
 * Check where the passwords come from (see the top of the file), read the
 * SMTP password file if there is one, and make the URL that may be logged.
 * Dies, saying where to put the password, when one is where it must not be.
 */
void
secrets_check(Settings *s)
{
	CURLU	   *u;
	bool		url_password;
	int			sources;

	if (s->dsn_in_argv && dsn_has_password(s->dsn))
		die("--dsn must not hold a password: any local user can read a program's arguments; "
			"put it in PGPASSWORD or in a password file (PGPASSFILE, ~/.pgpass), "
			"or give the connection string in DUNNING_DSN instead");

	u = parse_smtp_url(s->smtp_url);
	url_password = url_has(u, CURLUPART_PASSWORD);
	if (url_password && s->smtp_url_in_argv)
		die("--smtp-url must not hold a password: any local user can read a program's arguments; "
			"give the URL in DUNNING_SMTP_URL instead, or the password in a netrc file (--netrc-file) "
			"or in a file of its own (--smtp-password-file)");
	sources = (url_password ? 1 : 0) + (s->netrc_file ? 1 : 0) + (s->smtp_password_file ? 1 : 0);
	if (sources > 1)
		die("the SMTP password is given more than once (in the URL, --netrc-file, --smtp-password-file); "
			"keep one of them");
	if (s->smtp_password_file != NULL)
	{
		if (!url_has(u, CURLUPART_USER))
			die("--smtp-password-file needs the SMTP user in the URL: smtp://USER@host:port");
		s->smtp_password = read_password_file(s->smtp_password_file);
		if (s->smtp_password == NULL)
			die("out of memory");
	}
	if (s->netrc_file != NULL)
		check_secret_file(s->netrc_file, "--netrc-file");
	s->smtp_url_shown = url_shown(u);
	curl_url_cleanup(u);
}

/* Give libcurl the SMTP credentials that do not come with the URL. */
void
secrets_apply(CURL *curl, const Settings *s)
{
	if (s->smtp_password != NULL)
		curl_easy_setopt(curl, CURLOPT_PASSWORD, s->smtp_password);
	if (s->netrc_file != NULL)
	{
		curl_easy_setopt(curl, CURLOPT_NETRC_FILE, s->netrc_file);
		curl_easy_setopt(curl, CURLOPT_NETRC, (long) CURL_NETRC_REQUIRED);
	}
}
