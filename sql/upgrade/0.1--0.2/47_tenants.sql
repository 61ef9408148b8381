/*-------------------------------------------------------------------------
 *
 * 47_tenants.sql
 *	  0.1 to 0.2: what tenants change in what 0.1 made.
 *
 * The tenant columns themselves are added by sql/install/33_tenant.sql,
 * which an update runs too, just after this file.
 *
 *-------------------------------------------------------------------------
 */

-- one default per currency and tenant now: 33_tenant.sql makes the index anew
DROP INDEX dunning.policy_one_default_per_currency;

-- replaced by hold_in_force(invoice_id, customer_id, tenant, at, time_zone)
DROP FUNCTION dunning.hold_in_force(anyelement, anycompatible, timestamptz, text);

-- invoice_status shows the tenant, and a reader given some tenants sees
-- theirs (made anew when the binding is applied again, in 40_charges.sql)
UPDATE dunning.derived_view SET definition = $view$
SELECT s.invoice_id, s.customer_id, l.reference, l.currency, l.due_on,
       l.open_amount, s.policy, s.level, s.last_reminder_at,
       nxt.level AS next_level, nxt.channel AS next_channel,
       s.next_check_at, s.waiting_for,
       (SELECT h.reason FROM dunning.hold h
         WHERE (h.invoice_id = s.invoice_id
                OR (h.customer_id = s.customer_id AND (h.tenant IS NULL OR h.tenant = s.tenant)))
           AND (h.until IS NULL OR h.until >= CURRENT_DATE)
         ORDER BY h.id LIMIT 1) AS hold,
       s.first_seen, s.updated_at, s.tenant
  FROM dunning.invoice_state s
  LEFT JOIN dunning.ledger l ON l.invoice_id = s.invoice_id
  LEFT JOIN LATERAL (SELECT st.level, st.channel FROM dunning.step st
                      WHERE st.policy = s.policy AND st.level > s.level
                      ORDER BY st.level LIMIT 1) nxt ON true
 WHERE s.status = 'open' AND l.open_amount > 0
   -- a reader given some tenants sees theirs (33_tenant.sql)
   AND ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL
        OR s.tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[]))
$view$
 WHERE name = 'invoice_status';
