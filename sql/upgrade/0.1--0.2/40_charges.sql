/*-------------------------------------------------------------------------
 *
 * 40_charges.sql
 *	  0.1 to 0.2: the charges' view and keys, and what pg_dump keeps.
 *
 *-------------------------------------------------------------------------
 */

-- charges to post: a view made at binding; the charges' keys follow the ledger's
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
  ('dunning.charge',     'customer_id', 'customer', false);

-- the pass's sweep takes when the holds it looks at were placed: the
-- one of 0.1 goes, and 26_settle.sql (below) makes it anew, with the
-- settle rule, the claim, the answers and cancelling of 0.2
DROP FUNCTION dunning.sweep_unsent(timestamptz, bigint);

-- pg_dump keeps the charges, and your rates, schedules and laws
SELECT pg_catalog.pg_extension_config_dump('dunning.charge', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.charge_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reference_rate', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('dunning.fee_schedule', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('dunning.fee_band', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('dunning.law', 'WHERE NOT shipped');

-- a bound ledger gets the new view and the charges its key types; a bound
-- customer relation its view anew, with the consumer column
UPDATE dunning.binding SET source = source WHERE kind = 'ledger';
UPDATE dunning.binding SET source = source WHERE kind = 'customers';

