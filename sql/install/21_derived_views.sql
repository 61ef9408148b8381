/*-------------------------------------------------------------------------
 *
 * 21_derived_views.sql
 *	  The views binding makes over the ledger, and the key columns it retypes.
 *
 *-------------------------------------------------------------------------
 */

-- Views over the bound ledger: binding creates them after dunning.ledger.
CREATE TABLE dunning.derived_view (
  name       text PRIMARY KEY,
  position   integer NOT NULL UNIQUE,
  definition text NOT NULL,
  comment    text NOT NULL
);
COMMENT ON TABLE dunning.derived_view IS
  'Reference data: the extension''s views over the bound ledger, (re)created by bind_ledger() after dunning.ledger.';

INSERT INTO dunning.derived_view (name, position, definition, comment) VALUES
('invoice_status', 1, $view$
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
$view$, 'Each open invoice under dunning: its live open amount, level, last reminder, next step and when it is looked at again, and the hold in force today.'),
('all_reminders', 2, $view$
SELECT r.id, r.customer_id, r.invoice_ids, r.policy, r.level, r.channel, r.recipient,
       r.subject, r.body, r.body_html, r.payload, r.status, r.available_at, r.attempts,
       r.lease_owner, r.lease_until, r.lease_role, r.idempotency_key, r.provider_ref,
       r.last_error, r.as_of, r.run_id, r.created_at, r.updated_at,
       NULL::timestamptz AS archived_at, NULL::timestamptz AS sent_at, r.tenant
  FROM dunning.reminder r
 WHERE (SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL
    OR r.tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[])
UNION ALL
SELECT a.id, a.customer_id, a.invoice_ids, a.policy, a.level, a.channel, a.recipient,
       a.subject, a.body, a.body_html, a.payload, a.status, a.available_at, a.attempts,
       a.lease_owner, a.lease_until, a.lease_role, a.idempotency_key, a.provider_ref,
       a.last_error, a.as_of, a.run_id, a.created_at, a.updated_at, a.archived_at, a.sent_at,
       a.tenant
  FROM dunning.reminder_archive a
 WHERE (SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL
    OR a.tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[])
$view$, 'Every reminder, in the queue or in the archive.'),
('problems', 3, $view$
SELECT s.invoice_id, s.customer_id, s.waiting_for AS kind, s.problem,
       s.updated_at AS seen_at, s.next_check_at AS looked_at_again
  FROM dunning.invoice_state s
 WHERE s.status = 'open'
   AND s.waiting_for IN ('bad_data', 'invalid_recipient', 'no_recipient', 'undeliverable')
$view$, 'What a person must mend: open invoices whose ledger or customer data no pass can use (bad_data), or whose recipient is not one (invalid_recipient), is missing (no_recipient) or is on the suppression list (undeliverable), with the reason and the offending value; each is looked at again the next day.');

INSERT INTO dunning.derived_view (name, position, definition, comment) VALUES
('charges_to_post', 4, $view$
SELECT c.id, c.invoice_id, c.customer_id, l.reference, c.kind, c.amount, c.currency,
       c.level, c.period_from, c.period_to, c.reminder_id, c.raised_at, a.archived_at AS sent_at
  FROM dunning.charge c
  JOIN dunning.reminder_archive a ON a.id = c.reminder_id AND a.status = 'sent'
  LEFT JOIN dunning.ledger l ON l.invoice_id = c.invoice_id
 WHERE c.waived_at IS NULL AND c.posted_at IS NULL
$view$, 'The charges finance has not posted yet: raised by a reminder that was sent, not waived; post them to the ledger, then call dunning.mark_posted().');

INSERT INTO dunning.key_column (relation, column_name, role, is_array) VALUES
  ('dunning.charge',     'invoice_id',  'invoice',  false),
  ('dunning.charge',     'customer_id', 'customer', false),
  ('dunning.assignment', 'customer_id', 'customer', false),
  ('dunning.hold',       'invoice_id',  'invoice',  false),
  ('dunning.hold',       'customer_id', 'customer', false),
  ('dunning.reminder',   'customer_id', 'customer', false),
  ('dunning.reminder',   'invoice_ids', 'invoice',  true),
  ('dunning.reminder_archive', 'customer_id', 'customer', false),
  ('dunning.reminder_archive', 'invoice_ids', 'invoice',  true),
  ('dunning.invoice_state', 'invoice_id',  'invoice',  false),
  ('dunning.invoice_state', 'customer_id', 'customer', false),
  ('dunning.history',    'invoice_id',  'invoice',  false),
  ('dunning.history',    'customer_id', 'customer', false);
