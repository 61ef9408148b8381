/*-------------------------------------------------------------------------
 *
 * 50_tail.sql
 *	  0.1 to 0.2: every role given access gets it again.
 *
 *-------------------------------------------------------------------------
 */

-- pg_dump keeps the suppression list, the outcomes and the token key
SELECT pg_catalog.pg_extension_config_dump('dunning.suppression', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.suppression_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.outcome', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.outcome_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.token_key', '');

-- nothing for PUBLIC, as after a fresh install (34_dump.sql)
REVOKE ALL ON ALL TABLES IN SCHEMA dunning FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA dunning FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dunning FROM PUBLIC;

-- every role given access gets it again, new functions included
SELECT dunning.apply_grants();
