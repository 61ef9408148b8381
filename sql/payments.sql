-- The payments binding: payments read in place, exact interest across
-- partial payments, and statements of account with the payments allocated
-- costs first (§ 367 BGB) or principal first.  Figures are worked out by
-- hand in the comment above them.
\i sql/fixtures/ledger.sql

CREATE TABLE fx.payments (
  id      bigserial PRIMARY KEY,
  invoice bigint NOT NULL,
  paid_on date NOT NULL,
  amount  numeric NOT NULL,
  ref     text);
CREATE INDEX ON fx.payments (invoice);
-- payments name the ledger's invoices: the keys must be of its type
CREATE TABLE fx.text_payments (invoice text, paid_on date, amount numeric);
SELECT dunning.bind_payments('fx.text_payments', 'invoice', 'paid_on', 'amount');
SELECT dunning.bind_payments('fx.payments', 'invoice', 'amount', 'paid_on');
SELECT dunning.bind_payments('fx.payments', 'invoice', 'paid_on', 'amount', 'ref');
\d dunning.payment
-- a payments relation of another role is refused: passes read every bound
-- relation as one role
CREATE ROLE regress_pay_other;
CREATE TABLE fx.other_payments (invoice bigint, paid_on date, amount numeric);
ALTER TABLE fx.other_payments OWNER TO regress_pay_other;
SELECT dunning.bind_payments('fx.other_payments', 'invoice', 'paid_on', 'amount',
                             run_as => 'regress_pay_other');
DROP TABLE fx.other_payments;
DROP ROLE regress_pay_other;

-- a German invoice of €10,000, due 31 May 2024: 6,000 paid on 20 June,
-- 4,000 on 20 July
INSERT INTO fx.customers VALUES (1, 'buchhaltung@example.de', 'Müller GmbH', 'de', 'Europe/Berlin', NULL);
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number)
VALUES (1, 1, '2024-05-31', 10000.00, 'R-2024-001');
INSERT INTO dunning.policy (name, currency, is_default, min_days_between, send_days, send_from,
    send_until, time_zone, law, interest_from_level, compensation_from_level)
VALUES ('de_b2b', 'EUR', true, 7, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', 'de', 1, 1);
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee) VALUES
  ('de_b2b', 1, 10, 'email', 'friendly', 0),
  ('de_b2b', 2, 40, 'email', 'firm', 5);

-- 10 June: interest for 1 to 9 June on 10,000 (nothing paid yet):
--   10,000 x 12.62 % x 9 / 365 = 11,358 / 365 = 31.117808, so 31.12
SELECT emitted FROM dunning.run('2024-06-10 10:00+00');
SELECT count(*) FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;

-- 10 July, after 6,000 paid on 20 June: the principal of each day, exact:
--   10 to 19 June (10 days): 10,000 x 12.62 % x 10 / 365 = 12,620   / 365 = 34.575342
--   20 to 30 June (11 days):  4,000 x 12.62 % x 11 / 365 =  5,552.8 / 365 = 15.213151
--    1 to  9 July  (9 days):  4,000 x 12.37 % x  9 / 365 =  4,453.2 / 365 = 12.200548
--   together 61.989041, so 61.99 (without the binding: 41.24, on 4,000 throughout)
INSERT INTO fx.payments (invoice, paid_on, amount, ref) VALUES (1, '2024-06-20', 6000, 'SEPA-1');
UPDATE fx.invoices SET balance = 4000.00 WHERE id = 1;
SELECT emitted FROM dunning.run('2024-07-10 10:00+00');
SELECT count(*) FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
SELECT kind, amount, period_from, period_to FROM dunning.charge ORDER BY id;
SELECT detail->>'principal_from' AS principal_from, jsonb_pretty(detail->'stretches') AS stretches
  FROM dunning.charge WHERE kind = 'interest' ORDER BY id DESC LIMIT 1;

-- the statement of 15 July: charged fee 5, compensation 40 and interest
-- 31.12 + 61.99 = 93.11; paid 6,000.  Costs first: 45 to the costs, 93.11
-- to interest, 5,861.89 to the principal, which is owed for 10,000 -
-- 5,861.89 = 4,138.11; that is all that is due (4,000 + 138.11)
SELECT invoice_id, reference, principal, fees, interest, compensation, paid, paid_to_costs,
       paid_to_interest, paid_to_principal, total_due, allocation
  FROM dunning.statement('1', '2024-07-15');

-- 4,000 more on 20 July: the ledger shows it paid, the pass of 22 July
-- closes it, and no interest runs after
INSERT INTO fx.payments (invoice, paid_on, amount, ref) VALUES (1, '2024-07-20', 4000, 'SEPA-2');
UPDATE fx.invoices SET balance = 0 WHERE id = 1;
SELECT resolved FROM dunning.run('2024-07-22 10:00+00', full_discovery => true);
SELECT sum(amount) FILTER (WHERE kind = 'interest') AS interest FROM dunning.charge;
-- costs first, the 10,000 paid 138.11 of charges first: 138.11 of the
-- principal is still owed; principal first, the principal is paid and the
-- charges are owed; 138.11 is due either way
SELECT principal, paid, paid_to_costs, paid_to_interest, paid_to_principal, total_due, allocation
  FROM dunning.statement('1', '2024-07-31');
UPDATE dunning.policy SET allocation = 'principal_first' WHERE name = 'de_b2b';
SELECT principal, paid, paid_to_costs, paid_to_interest, paid_to_principal, total_due, allocation
  FROM dunning.statement('1', '2024-07-31');
-- as of 15 July again: the payment of 20 July had not been made
SELECT principal, paid, total_due FROM dunning.statement('1', '2024-07-15');
-- a customer with nothing open has an empty statement
SELECT count(*) FROM dunning.statement('99', '2024-07-31');

-- a statement is rendered like a reminder, by the shipped template
-- 'statement', in the customer's language: as of 15 July, costs first, the
-- principal of 4,138.11 is all that is still owed
UPDATE dunning.policy SET allocation = 'costs_first' WHERE name = 'de_b2b';
SELECT p->>'template' AS template, p->'invoices'->0->>'open_amount' AS principal,
       p->'invoices'->0->>'fees' AS fees_owed, p->>'total_due' AS due
  FROM dunning.statement_payload('1', '2024-07-15') p;
SELECT subject, body FROM dunning.render_reminder(dunning.statement_payload('1', '2024-07-15'));
-- principal first, the principal is 4,000 and the charges of 138.11 are owed
UPDATE dunning.policy SET allocation = 'principal_first' WHERE name = 'de_b2b';
SELECT body FROM dunning.render_reminder(dunning.statement_payload('1', '2024-07-15'));
-- its fields are the payload's, of their kinds
SELECT p.key FROM jsonb_each(dunning.statement_payload('1', '2024-07-15')) p
 WHERE p.key NOT IN (SELECT f.path FROM dunning.payload_fields() f);

SELECT dunning.unbind('payments');
SELECT to_regclass('dunning.payment') AS gone;
\i sql/fixtures/teardown.sql
