-- Housekeeping: dunning.prune() deletes the run log, delivery events,
-- archived reminders and history older than their settings, counted back
-- from as_of, and never what the contact cap, the keys of open invoices,
-- the charges to post or the history of open invoices still need.
\i sql/fixtures/ledger.sql
INSERT INTO fx.customers VALUES
  (1, 'one@example.com', 'One', 'en', NULL, NULL),
  (2, 'two@example.com', 'Two', 'en', NULL, NULL),
  (3, 'three@example.com', 'Three', 'en', NULL, NULL);
-- 11 will be paid; 21 stays open; 31 is paid but its fee is not posted
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (11, 1, '2025-01-01', 100.00, 'H-11'),
  (21, 2, '2025-01-01', 200.00, 'H-21'),
  (31, 3, '2025-01-01', 300.00, 'H-31');
INSERT INTO dunning.policy (name, currency, is_default, send_days, send_from, send_until,
    time_zone, max_reminders, per_period)
VALUES ('std', 'EUR', true, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', 3, '30 days');
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee) VALUES
  ('std', 1, 1, 'email', 0), ('std', 2, 10, 'email', 5);
SELECT emitted FROM dunning.run('2025-01-02 10:00+00');
SELECT count(*) AS sent FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
SELECT count(*) AS events
  FROM (SELECT dunning.record_event(id, 'opened', '2025-01-03 10:00+00')
          FROM dunning.reminder_archive) e;
SELECT emitted FROM dunning.run('2025-01-11 10:00+00');
SELECT count(*) AS sent FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
UPDATE dunning.charge SET posted_at = '2025-02-01', posted_ref = 'J-1' WHERE invoice_id = 11;
UPDATE fx.invoices SET balance = 0 WHERE id IN (11, 31);
SELECT resolved FROM dunning.run('2025-01-12 10:00+00', full_discovery => true);

-- a year and a half later, with the shipped settings (run log 90 days,
-- events 365, archive and history 730): the run log and the events go
SELECT current_setting('dunning.keep_run_log_days') AS run_log,
       current_setting('dunning.keep_events_days') AS events,
       current_setting('dunning.keep_archive_days') AS archive,
       current_setting('dunning.keep_history_days') AS history;
SELECT * FROM dunning.prune('2026-07-01 00:00+00');
SELECT count(*) AS run_log FROM dunning.run_log;
-- with a year for the archive and the history: 11 (paid, its fee posted)
-- goes; 21 stays (open: its keys and history still guard it), and 31's
-- fee is still to post, so its reminder stays; its history goes
SET dunning.keep_archive_days = 365;
SET dunning.keep_history_days = 365;
SELECT * FROM dunning.prune('2026-07-01 00:00+00');
SELECT invoice_ids, status FROM dunning.reminder_archive ORDER BY id;
SELECT invoice_id, count(*) FROM dunning.history GROUP BY 1 ORDER BY 1;
SELECT invoice_id, kind, amount FROM dunning.charges_to_post;
-- the cap still counts what it needs: pruned with 300 days kept, on
-- 1 December 2025, 31's reminders of January are old enough, but a policy
-- whose cap looks back a year still counts them
UPDATE dunning.charge SET posted_at = '2025-06-01', posted_ref = 'J-2' WHERE invoice_id = 31;
SET dunning.keep_archive_days = 300;
UPDATE dunning.policy SET per_period = '366 days';
SELECT * FROM dunning.prune('2025-12-01 00:00+00') WHERE kind = 'archive';
UPDATE dunning.policy SET per_period = '30 days';
SELECT * FROM dunning.prune('2025-12-01 00:00+00') WHERE kind = 'archive';
-- 0 keeps for ever
INSERT INTO dunning.history (at, event, level, reason, reason_code, invoice_id, customer_id)
VALUES ('2020-01-01', 'resolved', 0, 'paid', 'paid', 99, 9);
SET dunning.keep_history_days = 0;
SELECT * FROM dunning.prune('2026-07-01 00:00+00') WHERE kind = 'history';
SET dunning.keep_history_days = 365;
SELECT * FROM dunning.prune('2026-07-01 00:00+00') WHERE kind = 'history';
SELECT dunning.prune(NULL);
RESET dunning.keep_archive_days;
RESET dunning.keep_history_days;

\i sql/fixtures/teardown.sql
