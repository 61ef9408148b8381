/*-------------------------------------------------------------------------
 *
 * dunning.c
 *	  Module entry point of the dunning extension.
 *
 * The extension runs payment-reminder campaigns inside the database that
 * holds the ledger.  This file declares the module and its settings, and,
 * when the library is preloaded, registers the background launcher.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <limits.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

#include "pass.h"
#include "template.h"
#include "token.h"
#include "worker.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

int			dunning_discovery_lookback = 3 * 24 * 60;

/* read by dunning.nack() through current_setting() */
static int	dunning_max_attempts = 5;

/* read by dunning.accept_promise() through current_setting() */
static int	dunning_max_promise_days = 30;

/* read by dunning.prune() through current_setting(): days kept, 0 for ever */
static int	dunning_keep_run_log_days = 90;
static int	dunning_keep_history_days = 730;
static int	dunning_keep_events_days = 365;
static int	dunning_keep_archive_days = 730;

/* One retention setting: how many days dunning.prune() keeps of something. */
static void
define_retention(const char *name, const char *what, int *var, int fallback)
{
	DefineCustomIntVariable(name,
							psprintf("Sets how many days dunning.prune() keeps %s.", what),
							"0 keeps them for ever.",
							var, fallback, 0, 36500,
							PGC_SUSET, 0,
							NULL, NULL, NULL);
}

/* Module load: define the settings and reserve their prefix. */
void
_PG_init(void)
{
	DefineCustomIntVariable("dunning.discovery_lookback",
							"Sets how far back a pass looks for invoices that became overdue since the previous pass.",
							"Invoices entered late with a due date older than this are found by the next full pass.",
							&dunning_discovery_lookback,
							3 * 24 * 60, 0, INT_MAX / 2,
							PGC_USERSET, GUC_UNIT_MIN,
							NULL, NULL, NULL);
	DefineCustomBoolVariable("dunning.enabled",
							 "Lets the background schedulers run passes.",
							 "Off pauses all scheduling without a restart; dunning.run() still works by hand.",
							 &dunning_enabled, true, PGC_SIGHUP, 0,
							 NULL, NULL, NULL);
	DefineCustomIntVariable("dunning.naptime",
							"Sets the time between two scheduled passes in a database.",
							NULL,
							&dunning_naptime, 60, 1, 86400,
							PGC_SIGHUP, GUC_UNIT_S,
							NULL, NULL, NULL);
	DefineCustomStringVariable("dunning.databases",
							   "Restricts the background schedulers to these databases (comma-separated).",
							   "Empty: every database that has the extension.",
							   &dunning_databases, "", PGC_SIGHUP, 0,
							   NULL, NULL, NULL);

	DefineCustomStringVariable("dunning.scheduler_role",
							   "Sets the role the background schedulers connect as.",
							   "Empty: the bootstrap superuser.  The role needs LOGIN and, in each database, dunning.grant_scheduler(); a scheduler takes a change when it starts again.",
							   &dunning_scheduler_role, "", PGC_SIGHUP, 0,
							   NULL, NULL, NULL);
	DefineCustomIntVariable("dunning.max_attempts",
							"Sets how many delivery attempts a reminder gets before it is dead.",
							"dunning.nack() marks a reminder dead once it has been claimed this many times; only a superuser or the server's configuration may change it, not a mailer's session.",
							&dunning_max_attempts, 5, 1, 1000,
							PGC_SUSET, 0,
							NULL, NULL, NULL);

	DefineCustomBoolVariable("dunning.render",
							 "Renders the subject and bodies of reminders as they are emitted.",
							 "Off leaves them NULL for mailers that render from the payload themselves.",
							 &dunning_render_enabled, true, PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomIntVariable("dunning.max_render_size",
							"Sets the largest text one template may render to.",
							"A pass holds back a reminder with a longer subject or body, as bad data; dunning.render() raises an error that names the template.",
							&dunning_max_render_size, 256, 1, 1024 * 1024,
							PGC_USERSET, GUC_UNIT_KB,
							NULL, NULL, NULL);

	DefineCustomIntVariable("dunning.token_lifetime",
							"Sets how many days the self-service token of a reminder stays valid.",
							"Counted from the day of the pass that emits the reminder; tokens already minted keep their last day.",
							&dunning_token_lifetime, 90, 1, 3650,
							PGC_SUSET, 0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("dunning.max_promise_days",
							"Sets how many days ahead a customer may promise to pay through a reminder's token.",
							"dunning.accept_promise() refuses a later day.",
							&dunning_max_promise_days, 30, 1, 365,
							PGC_SUSET, 0,
							NULL, NULL, NULL);

	define_retention("dunning.keep_run_log_days", "the run log", &dunning_keep_run_log_days, 90);
	define_retention("dunning.keep_history_days", "the history of invoices no longer open",
					 &dunning_keep_history_days, 730);
	define_retention("dunning.keep_events_days", "delivery events", &dunning_keep_events_days, 365);
	define_retention("dunning.keep_archive_days", "archived reminders nothing needs",
					 &dunning_keep_archive_days, 730);

	if (process_shared_preload_libraries_in_progress)
		dunning_worker_init();
	MarkGUCPrefixReserved("dunning");
}
