-- Binding the ledger and the customers: every bad input, then success.
\set SHOW_CONTEXT never
CREATE SCHEMA shop;
CREATE TABLE shop.invoices (
  id          bigint PRIMARY KEY,
  customer_id bigint NOT NULL,
  due_date    date NOT NULL,
  balance     numeric(12,2) NOT NULL,
  currency    char(3) NOT NULL,
  number      text NOT NULL,
  issued_at   timestamp NOT NULL,
  notes       jsonb
);
INSERT INTO shop.invoices VALUES
  (1, 10, '2026-10-01', 120.00, 'EUR', 'INV-1', '2026-09-01', NULL),
  (2, 10, '2026-10-15',   0.00, 'EUR', 'INV-2', '2026-09-15', NULL),
  (3, 11, '2026-09-01',  75.50, 'GBP', 'INV-3', '2026-08-01', NULL);
CREATE TABLE shop.customers (
  id bigint PRIMARY KEY, email text, company text, lang varchar(8), tz text, tel text);
INSERT INTO shop.customers VALUES
  (10, 'ap@acme.example', 'Acme', 'fr', 'Europe/Paris', NULL),
  (11, 'ar@brit.example', 'Brit Ltd', 'en-GB', 'Europe/London', '+44 20 0000');
CREATE SEQUENCE shop.counter;

-- the source does not exist
SELECT dunning.bind_ledger('shop.nope', 'id', 'customer_id', 'due_date', 'balance');
-- no source at all
SELECT dunning.bind_ledger(NULL, 'id', 'customer_id', 'due_date', 'balance');
-- the source is not a table or view
SELECT dunning.bind_ledger('shop.counter', 'id', 'customer_id', 'due_date', 'balance');
-- the source is one of the extension's own relations
SELECT dunning.bind_ledger('dunning.policy', 'name', 'currency', 'active_from', 'min_open_amount');
-- a column that does not exist is named, and the ones that do are listed
SELECT dunning.bind_ledger('shop.invoices', 'invoice_no', 'customer_id', 'due_date', 'balance');
-- a required role without a column
SELECT dunning.bind_ledger('shop.invoices', 'id', NULL, 'due_date', 'balance');
-- a key of a type that cannot be a key
SELECT dunning.bind_ledger('shop.invoices', 'notes', 'customer_id', 'due_date', 'balance');
-- a due date that is text
SELECT dunning.bind_ledger('shop.invoices', 'id', 'customer_id', 'number', 'balance');
-- a due date without a time zone
SELECT dunning.bind_ledger('shop.invoices', 'id', 'customer_id', 'issued_at', 'balance');
-- an amount that is not a number
SELECT dunning.bind_ledger('shop.invoices', 'id', 'customer_id', 'due_date', 'number');
-- a currency that is not a string
SELECT dunning.bind_ledger('shop.invoices', 'id', 'customer_id', 'due_date', 'balance', 'balance');
-- one column for two roles
SELECT dunning.bind_ledger('shop.invoices', 'id', 'id', 'due_date', 'balance');
-- but the invoice key may be its own reference (ERPNext's "name" is both)
SELECT dunning.bind_ledger('shop.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           reference => 'id');
SELECT invoice_id, reference, pg_typeof(reference) FROM dunning.ledger ORDER BY 1 LIMIT 2;
SELECT dunning.unbind('ledger');
-- a role that may not read the source
CREATE ROLE regress_dunning_clerk;
CREATE TABLE shop.secret (id bigint, customer_id bigint, due_date date, balance numeric);
GRANT USAGE ON SCHEMA dunning, shop TO regress_dunning_clerk;
GRANT EXECUTE ON FUNCTION dunning.bind_ledger(text, text, text, text, text, text, text, regrole, text, text, text, text)
  TO regress_dunning_clerk;
SET ROLE regress_dunning_clerk;
SELECT dunning.bind_ledger('shop.secret', 'id', 'customer_id', 'due_date', 'balance');
RESET ROLE;
-- nothing was bound by the failures
SELECT count(*) FROM dunning.binding;
SELECT to_regclass('dunning.ledger');

-- success, with named arguments as in the README
SELECT dunning.bind_ledger(
  source      => 'shop.invoices',
  invoice_id  => 'id',
  customer_id => 'customer_id',
  due_on      => 'due_date',
  open_amount => 'balance',
  currency    => 'currency',
  reference   => 'number');
SELECT kind, source, columns, invoice_key_type, customer_key_type FROM dunning.binding;
SELECT * FROM dunning.ledger ORDER BY invoice_id;
-- the view is part of the extension, commented, and not granted to PUBLIC
SELECT pg_describe_object(classid, objid, objsubid) FROM pg_depend
 WHERE refobjid = (SELECT oid FROM pg_extension WHERE extname = 'dunning')
   AND objid = 'dunning.ledger'::regclass;
SELECT obj_description('dunning.ledger'::regclass, 'pg_class') IS NOT NULL AS commented;
SELECT has_table_privilege('regress_dunning_clerk', 'dunning.ledger', 'SELECT');
-- nothing is copied: the view reads the source in place
UPDATE shop.invoices SET balance = 0 WHERE id = 3;
SELECT invoice_id, open_amount FROM dunning.ledger WHERE invoice_id = 3;

-- binding again replaces the binding; optional roles may be left out
SELECT dunning.bind_ledger('shop.invoices', 'id', 'customer_id', 'due_date', 'balance');
SELECT columns FROM dunning.binding WHERE kind = 'ledger';
SELECT invoice_id, currency, reference FROM dunning.ledger ORDER BY invoice_id;

-- customers: a column that does not exist, a key of another type
SELECT dunning.bind_customers('shop.customers', 'id', email => 'mail');
CREATE TABLE shop.uuid_customers (id uuid PRIMARY KEY, email text);
SELECT dunning.bind_customers('shop.uuid_customers', 'id', email => 'email');
-- customers: success
SELECT dunning.bind_customers('shop.customers', customer_id => 'id', email => 'email',
  name => 'company', locale => 'lang', time_zone => 'tz', phone => 'tel');
SELECT * FROM dunning.customer ORDER BY customer_id;
-- the ledger and its customers join on the ledger's own key type
SELECT l.reference, c.name FROM dunning.ledger l
  JOIN dunning.customer c USING (customer_id) ORDER BY 1;

-- unbinding: an unknown kind, then both bindings
SELECT dunning.unbind('invoices');
SELECT dunning.unbind('customers');
SELECT dunning.unbind('customers');
SELECT dunning.unbind('ledger');
SELECT count(*) FROM dunning.binding;
SELECT to_regclass('dunning.ledger'), to_regclass('dunning.customer');

DROP SCHEMA shop CASCADE;
REVOKE ALL ON SCHEMA dunning FROM regress_dunning_clerk;
REVOKE ALL ON FUNCTION dunning.bind_ledger(text, text, text, text, text, text, text, regrole, text, text, text, text)
  FROM regress_dunning_clerk;
DROP ROLE regress_dunning_clerk;
