-- Tenants: one ledger holding several companies' invoices.  A customer key
-- two companies share is two customers (one notice, one contact cap, its
-- own holds per company); rows carry their company; a mailer given some
-- companies claims only theirs.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
CREATE SCHEMA ten;
CREATE TABLE ten.invoices (id text PRIMARY KEY, company text, customer_id text NOT NULL,
  due_date date NOT NULL, balance numeric(10,2) NOT NULL);
CREATE TABLE ten.customers (company text, id text, email text, name text,
  PRIMARY KEY (company, id));
INSERT INTO ten.customers VALUES
  ('acme', 'C1', 'c1@acme.example', 'One at Acme'),
  ('globex', 'C1', 'c1@globex.example', 'One at Globex'),
  ('acme', 'C2', 'c2@acme.example', 'Two at Acme'),
  ('globex', 'C2', 'c2@globex.example', 'Two at Globex'),
  ('acme', 'C3', 'c3@acme.example', 'Three at Acme'),
  ('globex', 'C3', 'c3@globex.example', 'Three at Globex'),
  ('initech', 'C1', 'c1@initech.example', 'One at Initech'),
  ('initech', 'C5', 'c5@initech.example', 'Five at Initech'),
  ('globex', 'C5', 'c5@globex.example', 'Five at Globex');
INSERT INTO ten.invoices VALUES
  -- C1 owes both companies, two invoices to Acme
  ('A-1', 'acme', 'C1', '2026-10-01', 100.00),
  ('A-2', 'acme', 'C1', '2026-10-05', 50.00),
  ('G-1', 'globex', 'C1', '2026-10-01', 70.00),
  -- C2 owes Acme now, and each company a new invoice a week later
  ('A-3', 'acme', 'C2', '2026-10-01', 20.00),
  ('A-4', 'acme', 'C2', '2026-11-03', 30.00),
  ('G-2', 'globex', 'C2', '2026-11-03', 40.00),
  -- C3 owes both; Globex holds it
  ('A-5', 'acme', 'C3', '2026-10-01', 10.00),
  ('G-3', 'globex', 'C3', '2026-10-01', 15.00),
  -- Initech has no policy of its own
  ('I-1', 'initech', 'C1', '2026-10-01', 5.00);

-- without a tenant bound, no grant may name tenants
SELECT dunning.bind_ledger('ten.invoices', 'id', 'customer_id', 'due_date', 'balance');
CREATE ROLE regress_ten_acme;
CREATE ROLE regress_ten_globex;
SELECT dunning.grant_mailer('regress_ten_acme', '{acme}');

-- bound with the company as tenant, in the ledger and the customers
SELECT dunning.bind_ledger('ten.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           tenant => 'company');
SELECT dunning.bind_customers('ten.customers', 'id', email => 'email', name => 'name',
                              tenant => 'company');
SELECT invoice_id, customer_id, tenant FROM dunning.ledger WHERE invoice_id IN ('A-1', 'G-1')
 ORDER BY 1;
SELECT dunning.grant_mailer('regress_ten_acme', '{}');
SELECT dunning.grant_mailer('regress_ten_acme', '{acme}');
SELECT dunning.grant_mailer('regress_ten_globex', '{globex}');
SELECT role_name, kind, tenants FROM dunning.role_grant
 WHERE role_name LIKE 'regress_ten%' ORDER BY 1;

INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    group_by, max_reminders, per_period, send_days, send_from, send_until, time_zone)
VALUES ('ten', 'EUR', true, 0, 7, 'customer', 1, '30 days', '{1,2,3,4,5,6,7}',
        '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES
  ('ten', 1, 3, 'email'), ('ten', 2, 40, 'email');
-- Globex has a default policy of its own; Initech and Acme use the shared one
-- (which charges a fee, waived on a customer's first late payment at Globex)
INSERT INTO dunning.policy (name, currency, is_default, tenant, grace_days, min_days_between,
    group_by, max_reminders, per_period, send_days, send_from, send_until, time_zone,
    waive_first_fee)
VALUES ('globex', 'EUR', true, 'globex', 0, 7, 'customer', 1, '30 days', '{1,2,3,4,5,6,7}',
        '00:00', '23:59', 'UTC', true);
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee) VALUES
  ('globex', 1, 3, 'email', 5);
-- one default per currency and tenant, and one shared
INSERT INTO dunning.policy (name, currency, is_default, tenant, send_days, time_zone)
VALUES ('globex-2', 'EUR', true, 'globex', '{1,2,3,4,5}', 'UTC');
INSERT INTO dunning.policy (name, currency, is_default, send_days, time_zone)
VALUES ('ten-2', 'EUR', true, '{1,2,3,4,5}', 'UTC');
-- Globex holds C3; Acme does not
INSERT INTO dunning.hold (customer_id, tenant, reason) VALUES ('C3', 'globex', 'dispute');

-- 2 November: one notice per customer and company, to that company's
-- address for the customer; C3 is reminded by Acme only
SELECT emitted FROM dunning.run('2026-11-02 09:00+00');
SELECT tenant, customer_id, invoice_ids, recipient, policy FROM dunning.reminder
 ORDER BY tenant, customer_id;
SELECT invoice_id, tenant, level, waiting_for FROM dunning.invoice_state ORDER BY invoice_id;
SELECT invoice_id, tenant, event FROM dunning.history ORDER BY invoice_id, id;
-- the pass log says which tenants the reminders were for
SELECT emitted, emitted_by_tenant FROM dunning.run_log ORDER BY id;

-- 9 November: C2's new invoices.  Acme reminded C2 a week ago, and its
-- cap is one contact in 30 days: A-4 waits.  Globex has not contacted C2:
-- G-2 goes out.
SELECT emitted FROM dunning.run('2026-11-09 09:00+00');
SELECT invoice_id, tenant, level, waiting_for FROM dunning.invoice_state
 WHERE customer_id = 'C2' ORDER BY invoice_id;

-- Acme puts C1 on hold after the pass: Acme's notice to C1 is cancelled at
-- the claim's re-check, Globex's is not
INSERT INTO dunning.hold (customer_id, tenant, reason, until)
VALUES ('C1', 'acme', 'promise_to_pay', '2026-12-31');

-- each company's mailer claims its own company's reminders only
SET SESSION AUTHORIZATION regress_ten_acme;
SELECT tenant, customer_id, invoice_ids FROM dunning.claim('acme-mailer', 100)
 ORDER BY tenant, customer_id;
RESET SESSION AUTHORIZATION;
SELECT tenant, customer_id, status FROM dunning.all_reminders ORDER BY tenant, customer_id, id;
SET SESSION AUTHORIZATION regress_ten_globex;
-- (each delivered at once: its event carries the tenant)
SELECT tenant, customer_id, invoice_ids,
       dunning.record_event(id, 'delivered', '2026-11-09 12:00+00') IS NOT NULL AS recorded
  FROM dunning.claim('globex-mailer', 100)
 ORDER BY tenant, customer_id;
RESET SESSION AUTHORIZATION;
-- and acknowledged as sent
SELECT array_agg(id)::text AS globex_ids FROM dunning.reminder
 WHERE tenant = 'globex' AND status = 'claimed' \gset
SET SESSION AUTHORIZATION regress_ten_globex;
SELECT dunning.ack('globex-mailer', :'globex_ids'::bigint[]) AS acked;
RESET SESSION AUTHORIZATION;

-- readers: one given Acme sees Acme's rows only, in every view it may
-- read; one given every tenant sees them all
CREATE ROLE regress_ten_reader_acme;
CREATE ROLE regress_ten_reader_all;
SELECT dunning.grant_reader('regress_ten_reader_acme');
SELECT dunning.grant_reader('regress_ten_reader_acme', '{acme}');
SELECT dunning.grant_reader('regress_ten_reader_all');
SET SESSION AUTHORIZATION regress_ten_reader_acme;
SELECT tenant, invoice_id, level, hold FROM dunning.invoice_status ORDER BY invoice_id;
SELECT tenant, customer_id, status FROM dunning.all_reminders ORDER BY tenant, customer_id, id;
SELECT tenant, count(*) FROM dunning.history GROUP BY 1 ORDER BY 1;
SELECT count(*) AS events FROM dunning.reminder_event;
SELECT tenant, sent FROM dunning.funnel ORDER BY tenant;
SELECT tenant, customer_id, contacts FROM dunning.contacts_per_customer ORDER BY tenant, customer_id;
-- what does not tell tenants apart yet is not given (it was, before the
-- grant named Acme)
SELECT count(*) FROM dunning.aging('2026-11-30');
SELECT count(*) FROM dunning.charge;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION regress_ten_reader_all;
SELECT tenant, count(*) FROM dunning.invoice_status GROUP BY 1 ORDER BY 1;
SELECT tenant, count(*) FROM dunning.all_reminders GROUP BY 1 ORDER BY 1;
SELECT tenant, count(*) FROM dunning.history GROUP BY 1 ORDER BY 1;
SELECT tenant, kind, count(*) FROM dunning.reminder_event GROUP BY 1, 2 ORDER BY 1;
SELECT tenant, sent FROM dunning.funnel ORDER BY tenant;
SELECT tenant, customer_id, contacts FROM dunning.contacts_per_customer ORDER BY tenant, customer_id;
RESET SESSION AUTHORIZATION;

-- a role in a group given a company gets that company; a grant without
-- tenants gives them all
CREATE ROLE regress_ten_member IN ROLE regress_ten_acme;
SELECT dunning.granted_tenants('regress_ten_member', '{mailer}') AS member,
       dunning.granted_tenants('regress_ten_globex', '{mailer}') AS globex;
SELECT dunning.grant_mailer('regress_ten_globex', NULL);
SELECT dunning.granted_tenants('regress_ten_globex', '{mailer}') IS NULL AS every_tenant;

-- Globex's fees: each customer's first late payment at Globex, so waived,
-- C2's too, though Acme reminded C2 a week before
SELECT c.tenant, s.customer_id, c.invoice_id, c.amount, c.waived_at IS NOT NULL AS waived
  FROM dunning.charge c JOIN dunning.invoice_state s USING (invoice_id)
 ORDER BY c.invoice_id;

-- without a shared default, a tenant with no policy of its own has none:
-- Initech's new invoice waits for a policy, Globex's goes out under its own
UPDATE dunning.policy SET is_default = false WHERE name = 'ten';
INSERT INTO ten.invoices VALUES ('I-2', 'initech', 'C5', '2026-11-20', 8.00),
                                ('G-4', 'globex', 'C5', '2026-11-20', 9.00);
SELECT emitted FROM dunning.run('2026-11-25 09:00+00', full_discovery => true);
SELECT invoice_id, tenant, policy, level, waiting_for FROM dunning.invoice_state
 WHERE invoice_id IN ('I-2', 'G-4') ORDER BY invoice_id;

SELECT dunning.revoke_all(r) FROM unnest(ARRAY['regress_ten_acme', 'regress_ten_globex',
  'regress_ten_reader_acme', 'regress_ten_reader_all']) r;
DELETE FROM dunning.role_grant;
\set fixture_schema ten
\i sql/fixtures/teardown.sql
DROP ROLE regress_ten_member, regress_ten_acme, regress_ten_globex, regress_ten_reader_acme,
  regress_ten_reader_all;
