-- Privileges: what grant_mailer(), grant_reader() and grant_admin() give a
-- role, and that it cannot do more.
\i sql/fixtures/ledger.sql
CREATE ROLE regress_dunning_mailer;
CREATE ROLE regress_dunning_reader;
CREATE ROLE regress_dunning_admin;
CREATE ROLE regress_dunning_nobody;
INSERT INTO fx.invoices VALUES
  (1, 1, '2026-11-01', 100.00, 'EUR', 'G-1'),
  (2, 2, '2026-11-01', 200.00, 'EUR', 'G-2'),
  (3, 3, '2026-11-19', 300.00, 'EUR', 'G-3');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    send_days, send_from, send_until, time_zone)
VALUES ('g', 'EUR', true, 0, 7, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('g', 1, 3, 'email');
-- every customer has an address and a number: no reminder goes without one
INSERT INTO fx.customers (id, email, phone)
SELECT DISTINCT customer_id, format('c%s@example.com', customer_id),
       format('+33 1 00 00 %s', customer_id) FROM fx.invoices;
SELECT emitted FROM dunning.run('2026-11-20 10:00+00');

SELECT dunning.grant_mailer('regress_dunning_mailer');
SELECT dunning.grant_reader('regress_dunning_reader');
SELECT dunning.grant_admin('regress_dunning_admin');
-- granting twice changes nothing
SELECT dunning.grant_reader('regress_dunning_reader');
SELECT role_name, kind FROM dunning.role_grant ORDER BY 1, 2;
-- bad input
SELECT dunning.grant_mailer('regress_dunning_nosuch');
SELECT dunning.grant_mailer(NULL);
SELECT dunning.grant_admin(current_user::regrole);

-- a role given nothing gets nothing
SET ROLE regress_dunning_nobody;
SELECT count(*) FROM dunning.claim('m1');
SELECT count(*) FROM dunning.invoice_status;
RESET ROLE;

-- the mailer claims, acknowledges, rejects and records events, nothing more
-- (not even cancel)
SET ROLE regress_dunning_mailer;
SELECT id AS rid, invoice_ids FROM dunning.claim('m1', 1) \gset
SELECT :'invoice_ids' AS claimed;
SELECT dunning.ack('m1', :rid, 'smtp-250-1');
SELECT dunning.record_event(:rid, 'delivered', '2026-11-20 10:01+00') > 0 AS recorded;
SELECT id AS rid2 FROM dunning.claim('m1', 1) \gset
SELECT dunning.nack('m1', ARRAY[:rid2]::bigint[], '451 later');
SELECT dunning.cancel(:rid2, 'no');
SELECT count(*) FROM dunning.reminder;
UPDATE dunning.reminder SET status = 'sent';
SELECT count(*) FROM dunning.invoice_status;
SELECT count(*) FROM fx.invoices;
INSERT INTO dunning.hold (invoice_id, reason) VALUES (3, 'dispute');
SELECT emitted FROM dunning.run('2026-11-21 10:00+00');
SELECT dunning.grant_mailer('regress_dunning_nobody');
RESET ROLE;

-- the reader reads the views, the history and the pass log, nothing more
SET ROLE regress_dunning_reader;
SELECT invoice_id, level, waiting_for FROM dunning.invoice_status ORDER BY 1;
SELECT event, count(*) FROM dunning.history GROUP BY 1 ORDER BY 1;
SELECT count(*) FROM dunning.run_log;
SELECT kind FROM dunning.reminder_event;
SELECT count(*) FROM dunning.reminder;
SELECT count(*) FROM dunning.ledger;
SELECT count(*) FROM dunning.claim('r1');
DELETE FROM dunning.history;
DELETE FROM dunning.charge;
INSERT INTO dunning.hold (invoice_id, reason) VALUES (3, 'dispute');
RESET ROLE;

-- the campaign administrator manages campaigns, runs passes and cancels
-- reminders; it cannot bind, grant or deliver
SET ROLE regress_dunning_admin;
-- (a dispute on 2 also cancels its reminder, failed and waiting for a retry)
INSERT INTO dunning.hold (invoice_id, reason, note) VALUES (2, 'dispute', 'Wrong address');
UPDATE dunning.step SET days_overdue = 1 WHERE policy = 'g' AND level = 1;
SELECT emitted FROM dunning.run('2026-11-21 10:00+00');
SELECT invoice_ids, status FROM dunning.reminder ORDER BY invoice_ids;
SELECT dunning.cancel(id, 'sent by post instead') FROM dunning.reminder WHERE invoice_ids = '{3}';
SELECT invoice_ids, status FROM dunning.all_reminders ORDER BY invoice_ids;
SELECT count(*) FROM dunning.preview('2026-11-22 10:00+00');
SELECT dunning.bind_ledger('fx.invoices', 'id', 'customer_id', 'due_date', 'balance');
SELECT dunning.grant_reader('regress_dunning_nobody');
SELECT count(*) FROM dunning.claim('a1');
DELETE FROM dunning.reminder;
-- it edits the suppression list, but never reads the key that signs
-- self-service tokens, nor mints a token
INSERT INTO dunning.suppression (customer_id, contact, reason) VALUES (3, 'email', 'manual');
DELETE FROM dunning.suppression WHERE customer_id = 3;
SELECT key FROM dunning.token_key;
SELECT dunning.token_for(1, '2026-12-01');
RESET ROLE;
-- a mailer role (the team's web page) takes the customers' answers
SELECT has_function_privilege('regress_dunning_mailer',
         'dunning.accept_promise(text, date, numeric)', 'EXECUTE') AS promise,
       has_function_privilege('regress_dunning_mailer',
         'dunning.open_dispute(text, text)', 'EXECUTE') AS dispute,
       has_function_privilege('regress_dunning_reader',
         'dunning.accept_promise(text, date, numeric)', 'EXECUTE') AS reader_promise;

-- binding again makes the views anew: the reader keeps its access
SET ROLE regress_dunning_reader;
SELECT count(*) FROM dunning.invoice_status;
RESET ROLE;

DELETE FROM dunning.role_grant;
\i sql/fixtures/teardown.sql
DROP OWNED BY regress_dunning_mailer, regress_dunning_reader, regress_dunning_admin;
DROP ROLE regress_dunning_mailer, regress_dunning_reader, regress_dunning_admin,
          regress_dunning_nobody;
