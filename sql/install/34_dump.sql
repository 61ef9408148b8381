/*-------------------------------------------------------------------------
 *
 * 34_dump.sql
 *	  What pg_dump keeps, and nothing for PUBLIC; the launcher is told last.
 *
 *-------------------------------------------------------------------------
 */

SELECT dunning.worker_hello();

------------------------------------------------------------------------------
-- pg_dump keeps the user's data; nothing is granted to PUBLIC
------------------------------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('dunning.binding', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.calendar', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.holiday', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.policy', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.template', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.locale', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.step', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.assignment', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.hold', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.hold_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reminder', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reminder_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reminder_archive', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.invoice_state', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.history', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.history_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.run_log', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.run_log_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reminder_event', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.role_grant', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reminder_event_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.charge', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.charge_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.suppression', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.suppression_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.outcome', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.outcome_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.token_key', '');
-- of the rates, schedules and laws, only yours: the shipped ones come with
-- the extension
SELECT pg_catalog.pg_extension_config_dump('dunning.reference_rate', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('dunning.fee_schedule', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('dunning.fee_band', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('dunning.law', 'WHERE NOT shipped');
-- the bookkeeping row is not dumped: after a restore, the next pass
-- discovers every overdue invoice again
SELECT pg_catalog.pg_extension_config_dump('dunning.engine', 'WHERE false');

REVOKE ALL ON ALL TABLES IN SCHEMA dunning FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA dunning FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dunning FROM PUBLIC;
