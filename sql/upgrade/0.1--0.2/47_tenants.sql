/*-------------------------------------------------------------------------
 *
 * 47_tenants.sql
 *	  0.1 to 0.2: the hold re-check takes the reminder's tenant.
 *
 * The tenant columns themselves are added by sql/install/33_tenant.sql,
 * which an update runs too.
 *
 *-------------------------------------------------------------------------
 */

-- replaced by hold_in_force(invoice_id, customer_id, tenant, at, time_zone)
DROP FUNCTION dunning.hold_in_force(anyelement, anycompatible, timestamptz, text);
