-- Administrators of some tenants: they manage their tenants' campaigns
-- (policies, steps, templates, calendars, holds) under row-level security,
-- read the shared ones, and never see or change another tenant's.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
CREATE SCHEMA tad;
CREATE TABLE tad.invoices (id text PRIMARY KEY, company text, customer_id text NOT NULL,
  due_date date NOT NULL, balance numeric(10,2) NOT NULL);
INSERT INTO tad.invoices VALUES ('A-1', 'acme', 'C1', '2026-10-01', 10.00),
                                ('G-1', 'globex', 'C1', '2026-10-01', 20.00);
SELECT dunning.bind_ledger('tad.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           tenant => 'company');
-- the shared policy, and Globex's own with its template and calendar
INSERT INTO dunning.policy (name, currency, is_default, send_days, time_zone)
VALUES ('shared', 'EUR', true, '{1,2,3,4,5}', 'UTC');
INSERT INTO dunning.policy (name, currency, is_default, tenant, send_days, time_zone)
VALUES ('gx', 'EUR', true, 'globex', '{1,2,3,4,5}', 'UTC');
INSERT INTO dunning.template (name, channel, locale, subject, body, tenant)
VALUES ('gx-friendly', 'email', 'en', 'Globex: {{total_open}}', 'Hello from Globex', 'globex');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('shared', 1, 3, 'email', NULL), ('gx', 1, 3, 'email', 'gx-friendly');
INSERT INTO dunning.calendar (name, tenant) VALUES ('gx-days', 'globex');
INSERT INTO dunning.holiday (calendar, day) VALUES ('gx-days', '2026-12-25');
INSERT INTO dunning.hold (customer_id, tenant, reason) VALUES ('C1', 'globex', 'dispute');
-- in Globex, C1 follows the shared policy
INSERT INTO dunning.assignment (customer_id, policy, tenant) VALUES ('C1', 'shared', 'globex');

CREATE ROLE regress_tad_acme;
CREATE ROLE regress_tad_all;
SELECT dunning.grant_admin('regress_tad_acme', '{acme}');
SELECT dunning.grant_admin('regress_tad_all');

SET SESSION AUTHORIZATION regress_tad_acme;
-- Acme's administrator sees the shared policy, not Globex's, nor its
-- steps, template, calendar, holidays or holds
SELECT name, tenant FROM dunning.policy ORDER BY name;
SELECT policy, level FROM dunning.step ORDER BY policy;
SELECT count(*) FROM dunning.template;
SELECT count(*) FROM dunning.templates_in_effect WHERE name = 'gx-friendly';
SELECT count(*) FROM dunning.calendar;
SELECT count(*) FROM dunning.holiday;
SELECT count(*) FROM dunning.hold;
SELECT count(*) FROM dunning.assignment;
-- it makes Acme's own campaign
INSERT INTO dunning.policy (name, currency, is_default, tenant, send_days, time_zone)
VALUES ('ac', 'EUR', true, 'acme', '{1,2,3,4,5}', 'UTC');
INSERT INTO dunning.template (name, channel, locale, subject, body, tenant)
VALUES ('ac-friendly', 'email', 'en', 'Acme: {{total_open}}', 'Hello from Acme', 'acme');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template)
VALUES ('ac', 1, 3, 'email', 'ac-friendly');
INSERT INTO dunning.hold (customer_id, tenant, reason) VALUES ('C1', 'acme', 'dispute');
-- and cannot change Globex's or the shared one, nor make rows of another
-- tenant or of none
UPDATE dunning.policy SET grace_days = 9 WHERE name IN ('gx', 'shared');
DELETE FROM dunning.step WHERE policy = 'gx';
DELETE FROM dunning.hold WHERE tenant = 'globex';
INSERT INTO dunning.policy (name, currency, tenant, send_days, time_zone)
VALUES ('ac-gx', 'EUR', 'globex', '{1,2,3,4,5}', 'UTC');
INSERT INTO dunning.policy (name, currency, send_days, time_zone)
VALUES ('ac-none', 'EUR', '{1,2,3,4,5}', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('gx', 2, 30, 'email');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template)
VALUES ('ac', 2, 30, 'email', 'gx-friendly');
UPDATE dunning.policy SET tenant = 'globex' WHERE name = 'ac';
INSERT INTO dunning.hold (customer_id, reason) VALUES ('C1', 'manual');
INSERT INTO dunning.assignment (customer_id, policy) VALUES ('C1', 'shared');
INSERT INTO dunning.assignment (customer_id, policy, tenant) VALUES ('C1', 'gx', 'acme');
-- nor run passes, preview them, or read what does not tell tenants apart
SELECT count(*) FROM dunning.preview('2026-11-02 10:00+00');
SELECT dunning.run('2026-11-02 10:00+00');
SELECT count(*) FROM dunning.charge;
RESET SESSION AUTHORIZATION;

-- an administrator of every tenant sees both, and what Acme's left alone
SET SESSION AUTHORIZATION regress_tad_all;
SELECT name, tenant, grace_days FROM dunning.policy ORDER BY name;
SELECT policy, level, template FROM dunning.step ORDER BY policy, level;
SELECT customer_id, tenant, reason FROM dunning.hold ORDER BY tenant;
RESET SESSION AUTHORIZATION;

-- Acme's administrator lifts its own hold
SET SESSION AUTHORIZATION regress_tad_acme;
DELETE FROM dunning.hold WHERE tenant = 'acme';
RESET SESSION AUTHORIZATION;
SELECT count(*) AS holds_left FROM dunning.hold;

-- Acme's invoice takes Acme's policy and template; Globex's its
-- assignment's, and is held
SELECT emitted FROM dunning.run('2026-11-02 10:00+00');
SELECT invoice_id, tenant, policy, waiting_for FROM dunning.invoice_state ORDER BY invoice_id;
SELECT tenant, policy, subject, body FROM dunning.reminder;

SELECT dunning.revoke_all(r) FROM unnest(ARRAY['regress_tad_acme', 'regress_tad_all']) r;
DELETE FROM dunning.role_grant;
\set fixture_schema tad
\i sql/fixtures/teardown.sql
DROP ROLE regress_tad_acme, regress_tad_all;
