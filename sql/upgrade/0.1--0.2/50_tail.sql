/*-------------------------------------------------------------------------
 *
 * 50_tail.sql
 *	  0.1 to 0.2: every role given access gets it again.
 *
 *-------------------------------------------------------------------------
 */

-- nothing for PUBLIC, as after a fresh install (29_dump.sql)
REVOKE ALL ON ALL TABLES IN SCHEMA dunning FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA dunning FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dunning FROM PUBLIC;

-- every role given access gets it again, new functions included
SELECT dunning.apply_grants();
