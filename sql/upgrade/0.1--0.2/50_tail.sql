/*-------------------------------------------------------------------------
 *
 * 50_tail.sql
 *	  0.1 to 0.2: every role given access gets it again.
 *
 *-------------------------------------------------------------------------
 */

-- every role given access gets it again, new functions included
SELECT dunning.apply_grants();
