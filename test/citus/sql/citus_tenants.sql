-- Tenants on a Citus cluster: the ledger and the customers distributed by
-- tenant (the company), colocated.  A customer key two companies share is
-- two customers, each reminded at its company's address; a mailer given
-- one company claims that company's reminders only.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET client_min_messages = warning;

CREATE SCHEMA tt;
CREATE TABLE tt.invoices (company text NOT NULL, id text NOT NULL, customer_id text NOT NULL,
  due_date date NOT NULL, balance numeric(10,2) NOT NULL, PRIMARY KEY (company, id));
SELECT create_distributed_table('tt.invoices', 'company', shard_count => 4);
CREATE TABLE tt.customers (company text NOT NULL, id text NOT NULL, email text,
  PRIMARY KEY (company, id));
SELECT create_distributed_table('tt.customers', 'company', colocate_with => 'tt.invoices');
INSERT INTO tt.invoices VALUES
  ('acme', 'A-1', 'C1', '2026-09-01', 100.00), ('acme', 'A-2', 'C1', '2026-09-10', 50.00),
  ('globex', 'G-1', 'C1', '2026-09-01', 70.00), ('globex', 'G-2', 'C2', '2026-09-01', 30.00);
INSERT INTO tt.customers VALUES ('acme', 'C1', 'c1@acme.test'), ('globex', 'C1', 'c1@globex.test'),
  ('globex', 'C2', 'c2@globex.test');
SELECT dunning.bind_ledger('tt.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           tenant => 'company');
SELECT dunning.bind_customers('tt.customers', 'id', email => 'email', tenant => 'company');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, send_days, send_from,
    send_until, time_zone, group_by)
VALUES ('tt', 'EUR', true, 0, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', 'customer');
INSERT INTO dunning.policy (name, currency, is_default, tenant, grace_days, send_days,
    send_from, send_until, time_zone, group_by)
VALUES ('tt-globex', 'EUR', true, 'globex', 0, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC',
        'customer');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES
  ('tt', 1, 3, 'email'), ('tt-globex', 1, 3, 'email');

SELECT examined, emitted FROM dunning.run('2026-10-01 09:00+00');
SELECT tenant, customer_id, invoice_ids, recipient, policy FROM dunning.reminder
 ORDER BY tenant, customer_id;
SELECT emitted_by_tenant FROM dunning.run_log;

-- a payment at Globex, seen by the claim's re-check
UPDATE tt.invoices SET balance = 0 WHERE id = 'G-2';
CREATE ROLE regress_tt_globex;
SELECT dunning.grant_mailer('regress_tt_globex', '{globex}');
SET SESSION AUTHORIZATION regress_tt_globex;
SELECT tenant, customer_id, invoice_ids FROM dunning.claim('g', 10) ORDER BY customer_id;
RESET SESSION AUTHORIZATION;
SELECT tenant, customer_id, status FROM dunning.all_reminders ORDER BY tenant, customer_id;

SELECT dunning.revoke_all('regress_tt_globex');
DELETE FROM dunning.role_grant;
DROP ROLE regress_tt_globex;
TRUNCATE dunning.reminder_event, dunning.reminder, dunning.reminder_archive,
         dunning.invoice_state, dunning.history, dunning.run_log;
DELETE FROM dunning.step;
DELETE FROM dunning.policy;
UPDATE dunning.engine SET last_as_of = NULL, last_full_as_of = NULL;
SELECT dunning.unbind('customers');
SELECT dunning.unbind('ledger');
DROP SCHEMA tt CASCADE;
