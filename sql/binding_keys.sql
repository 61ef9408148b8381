-- Keys keep the ledger's own type; a view and timestamptz due dates bind too.
\set SHOW_CONTEXT never
CREATE SCHEMA keys;
-- the key columns of the extension's tables and their current types
CREATE VIEW keys.key_types AS
  SELECT k.relation, k.column_name, format_type(a.atttypid, a.atttypmod) AS type
    FROM dunning.key_column k
    JOIN pg_attribute a ON a.attrelid = k.relation AND a.attname = k.column_name
   ORDER BY 1, 2;

-- the key columns keep the types of the last binding (text before any)
INSERT INTO dunning.policy (name, currency) VALUES ('keys', 'EUR');
INSERT INTO dunning.hold (invoice_id, reason) VALUES ('3', 'dispute');
INSERT INTO dunning.assignment (customer_id, policy) VALUES ('42', 'keys');
SELECT * FROM keys.key_types;

-- bigint keys: the existing rows are converted
CREATE TABLE keys.big (id bigint PRIMARY KEY, cust bigint, due date, open numeric);
INSERT INTO keys.big SELECT g, g % 50, date '2026-01-01' + g % 300, g % 7
  FROM generate_series(1, 2000) g;
CREATE INDEX ON keys.big (cust);
ANALYZE keys.big;
SELECT dunning.bind_ledger('keys.big', 'id', 'cust', 'due', 'open');
SELECT * FROM keys.key_types;
SELECT invoice_id, pg_typeof(invoice_id) FROM dunning.hold;
-- a join from a hold to the ledger uses the ledger's own primary key: no cast
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
  SELECT l.* FROM dunning.hold h JOIN dunning.ledger l ON l.invoice_id = h.invoice_id;
EXPLAIN (COSTS OFF)
  SELECT l.* FROM dunning.assignment a JOIN dunning.ledger l ON l.customer_id = a.customer_id;
RESET enable_seqscan;

-- integer keys
CREATE TABLE keys.int4 (id integer PRIMARY KEY, cust integer, due date, open integer);
SELECT dunning.bind_ledger('keys.int4', 'id', 'cust', 'due', 'open');
SELECT * FROM keys.key_types;

-- text keys, and varchar keys kept as text
CREATE TABLE keys.txt (id text PRIMARY KEY, cust varchar(20), due date, open real);
SELECT dunning.bind_ledger('keys.txt', 'id', 'cust', 'due', 'open');
SELECT * FROM keys.key_types;
\d dunning.ledger

-- a text key that is not a number cannot go back to bigint
INSERT INTO dunning.hold (invoice_id, reason) VALUES ('INV-7', 'manual');
SELECT dunning.bind_ledger('keys.big', 'id', 'cust', 'due', 'open');
SELECT * FROM keys.key_types;
DELETE FROM dunning.hold WHERE invoice_id = 'INV-7';

-- uuid keys, from a view with timestamptz due dates and a domain amount
CREATE DOMAIN keys.money_amount AS numeric(14,2) CHECK (VALUE >= 0);
CREATE TABLE keys.raw (
  uid uuid PRIMARY KEY, account uuid, due_at timestamptz, amount keys.money_amount,
  cur text, ref text);
INSERT INTO keys.raw VALUES
  ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000aa',
   '2026-10-01 12:00+00', 10.5, 'usd', 'U-1');
CREATE VIEW keys.open_invoices AS
  SELECT uid, account, due_at, amount, upper(cur) AS cur, ref FROM keys.raw;
DELETE FROM dunning.hold;
DELETE FROM dunning.assignment;
SELECT dunning.bind_ledger('keys.open_invoices', 'uid', 'account', 'due_at', 'amount', 'cur', 'ref');
SELECT * FROM keys.key_types;
\d dunning.ledger
SELECT * FROM dunning.ledger ORDER BY invoice_id LIMIT 3;

-- a stored key that cannot follow is named
INSERT INTO dunning.hold (invoice_id, reason)
  VALUES ('00000000-0000-0000-0000-000000000001', 'dispute');
SELECT dunning.bind_ledger('keys.big', 'id', 'cust', 'due', 'open');
DELETE FROM dunning.hold;

-- a pending reminder blocks a change of key type, and unbinding the ledger
SELECT dunning.bind_ledger('keys.txt', 'id', 'cust', 'due', 'open');
INSERT INTO dunning.reminder (customer_id, invoice_ids, policy, level, channel,
                              available_at, idempotency_key, as_of)
VALUES ('17', '{1701,1702}', 'keys', 1, 'email', '2026-10-05 09:00+00', 'keys-1',
        '2026-10-05 08:00+00');
SELECT dunning.bind_ledger('keys.big', 'id', 'cust', 'due', 'open');
SELECT dunning.unbind('ledger');
-- binding again with the same key types is allowed
SELECT dunning.bind_ledger('keys.txt', 'id', 'cust', 'due', 'open');
-- once it is sent (and so in the archive), the key type may change, and its
-- keys follow
WITH sent AS (DELETE FROM dunning.reminder r RETURNING r)
INSERT INTO dunning.reminder_archive
SELECT x.* FROM sent s CROSS JOIN LATERAL dunning.archived(s.r, 'sent', NULL, NULL) x;
SELECT dunning.bind_ledger('keys.big', 'id', 'cust', 'due', 'open');
SELECT * FROM keys.key_types;
SELECT customer_id, invoice_ids, pg_typeof(invoice_ids) FROM dunning.reminder_archive;

DELETE FROM dunning.reminder_archive;
DELETE FROM dunning.policy;
SELECT dunning.unbind('ledger');
DROP SCHEMA keys CASCADE;
