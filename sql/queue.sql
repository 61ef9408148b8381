-- The mailer protocol: claim, ack, nack, delivery events; the re-check of the
-- live ledger when claiming; leases that run out; dead reminders.
\i sql/fixtures/ledger.sql
-- reminder ids appear in messages
ALTER SEQUENCE dunning.reminder_id_seq RESTART WITH 1001;
INSERT INTO fx.invoices VALUES
  (101, 1, '2026-10-20', 100.00, 'EUR', 'Q-101'),  -- paid before it is claimed
  (102, 1, '2026-10-20', 200.00, 'EUR', 'Q-102'),
  (103, 1, '2026-10-21', 300.00, 'EUR', 'Q-103'),
  (201, 2, '2026-10-20',  10.00, 'EUR', 'Q-201'),  -- consolidated: 201 paid,
  (202, 2, '2026-10-20',  20.00, 'EUR', 'Q-202'),  -- 202 partly paid,
  (203, 2, '2026-10-20',  30.00, 'EUR', 'Q-203'),  -- 203 untouched
  (301, 3, '2026-10-20', 400.00, 'EUR', 'Q-301');  -- reminded by text message
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    group_by, send_days, send_from, send_until, time_zone)
VALUES ('solo', 'EUR', true, 0, 7, 'invoice', '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC'),
       ('grouped', 'EUR', false, 0, 7, 'customer', '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC'),
       ('texts', 'EUR', false, 0, 7, 'invoice', '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES
  ('solo', 1, 1, 'email'), ('grouped', 1, 1, 'email'), ('texts', 1, 1, 'sms');
INSERT INTO dunning.assignment (customer_id, policy) VALUES (2, 'grouped'), (3, 'texts');

-- every customer has an address and a number: no reminder goes without one
INSERT INTO fx.customers (id, email, phone)
SELECT DISTINCT customer_id, format('c%s@example.com', customer_id),
       format('+33 1 00 00 %s', customer_id) FROM fx.invoices;
SELECT emitted FROM dunning.run('2026-11-02 09:00+00');
SELECT invoice_ids, channel, status, attempts FROM dunning.reminder ORDER BY invoice_ids;

-- bad input
SELECT * FROM dunning.claim('');
SELECT * FROM dunning.claim(NULL);
SELECT * FROM dunning.claim('m1', 0);
SELECT * FROM dunning.claim('m1', 10001);
SELECT * FROM dunning.claim('m1', 10, '0 seconds');
SELECT * FROM dunning.claim('m1', 10, '5 minutes', '{fax}');
SELECT dunning.ack('m1', -1);
SELECT dunning.nack('m1', -1, 'no');
SELECT dunning.nack('m1', -1, 'no', '-1 minute');
SELECT dunning.record_event(-1, 'delivered');
SELECT dunning.record_event(-1, 'read');
SELECT dunning.ack('m1', ARRAY[1, 2]::bigint[], ARRAY['only one']);

-- payments before the mailer claims: 101 in full, 201 in full, 202 and 103
-- in part
UPDATE fx.invoices SET balance = 0 WHERE id IN (101, 201);
UPDATE fx.invoices SET balance = 5.00 WHERE id = 202;
UPDATE fx.invoices SET balance = 250.00 WHERE id = 103;

-- m1 claims e-mail reminders: 101's is cancelled instead of handed out; the
-- consolidated one comes with 202 (its open amount up to date) and 203 only;
-- 103's, all of it still open, with its new amount; the text message is not
-- an e-mail
BEGIN;
SELECT invoice_ids, status, lease_owner, attempts, payload->'total_open' AS total,
       jsonb_path_query_array(payload, '$.invoices[*].open_amount') AS amounts
  FROM dunning.claim('m1', 10, '5 minutes', '{email}') ORDER BY invoice_ids;
-- the claim updated five (the three handed out, and the two brought up to
-- date before) and moved one out
SELECT n_tup_upd AS updated, n_tup_del AS moved_out
  FROM pg_stat_xact_user_tables WHERE relid = 'dunning.reminder'::regclass;
-- and changes no indexed column, so that its updates can be HOT (whether
-- one is depends on the room left on its page, which the size of the
-- rendered texts decides): no index of the queue covers a column it sets
SELECT count(*) AS indexed
  FROM pg_index i
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
 WHERE i.indrelid = 'dunning.reminder'::regclass
   AND a.attname IN ('status', 'lease_owner', 'lease_role', 'lease_until', 'attempts',
                     'updated_at', 'invoice_ids', 'level', 'channel', 'payload', 'subject',
                     'body', 'body_html');
COMMIT;
-- the cancelled one is in the archive already: the queue holds what is in flight
SELECT invoice_ids, status, last_error, archived_at IS NOT NULL AS archived
  FROM dunning.all_reminders ORDER BY invoice_ids;
SELECT invoice_id, status, closed_reason, next_check_at FROM dunning.invoice_state
 WHERE invoice_id IN (101, 201) ORDER BY 1;
SELECT invoice_id, event, level, reason, reason_code FROM dunning.history
 WHERE run_id IS NULL ORDER BY invoice_id, event;
-- nothing more is ready for e-mail
SELECT count(*) FROM dunning.claim('m2', 10, '5 minutes', '{email}');

-- acknowledging: only the holder of the lease, only once
SELECT r.id AS r102 FROM dunning.reminder r WHERE invoice_ids = '{102}' \gset
SELECT r.id AS r103 FROM dunning.reminder r WHERE invoice_ids = '{103}' \gset
SELECT r.id AS rgrp FROM dunning.reminder r WHERE invoice_ids = '{202,203}' \gset
SELECT r.id AS r301 FROM dunning.reminder r WHERE invoice_ids = '{301}' \gset
-- the queue holds only reminders in flight: none is marked done by hand
\set VERBOSITY terse
UPDATE dunning.reminder SET status = 'sent' WHERE id = :r102;
\set VERBOSITY default
SELECT dunning.ack('m2', :r102);
SELECT dunning.ack('m1', :r102, 'smtp-250-abc');
SELECT dunning.ack('m1', :r102, 'smtp-250-abc');
SELECT dunning.nack('m1', :r102, 'too late');
SELECT status, lease_owner, provider_ref, lease_until, archived_at IS NOT NULL AS archived
  FROM dunning.all_reminders WHERE id = :r102;
SELECT count(*) AS in_queue FROM dunning.reminder WHERE id = :r102;

-- a batch is all or nothing: 103 is claimed, 301 is not
SELECT dunning.nack('m1', ARRAY[:r103, :r301]::bigint[], 'mailbox full');
SELECT status FROM dunning.reminder WHERE id = :r103;
SELECT dunning.ack('m1', ARRAY[:r103, :r301]::bigint[]);
SELECT status FROM dunning.reminder WHERE id = :r103;
SELECT dunning.ack('m1', ARRAY[:r103]::bigint[], ARRAY['smtp-250-def']);
SELECT status, provider_ref FROM dunning.all_reminders WHERE id = :r103;

-- a failed delivery is retried after a backoff (1 minute after the first
-- attempt), and not handed out before
SELECT dunning.nack('m1', :rgrp, '451 try again later');
SELECT status, attempts, last_error, lease_until, available_at - updated_at AS retry_after
  FROM dunning.reminder WHERE id = :rgrp;
SELECT count(*) FROM dunning.claim('m1', 10, '5 minutes', '{email}');

-- a lease that runs out makes the reminder available again: m1 claims the
-- text message and stalls, m2 claims it once the lease has run out, m1 can
-- no longer answer for it
SELECT invoice_ids, lease_owner, attempts FROM dunning.claim('m1', 10, '30 seconds', '{sms}');
SELECT count(*) FROM dunning.claim('m2', 10, '30 seconds', '{sms}');
UPDATE dunning.reminder SET lease_until = now() - interval '1 second' WHERE id = :r301;
SELECT invoice_ids, lease_owner, attempts FROM dunning.claim('m2', 10, '30 seconds', '{sms}');
SELECT dunning.ack('m1', :r301);
SELECT dunning.ack('m2', :r301);

-- the backoff doubles: 2 minutes after the second attempt
UPDATE dunning.reminder SET available_at = now() - interval '1 second' WHERE id = :rgrp;
SELECT invoice_ids, attempts FROM dunning.claim('m1');
SELECT dunning.nack('m1', :rgrp, '451 still busy');
SELECT status, attempts, available_at - updated_at AS retry_after
  FROM dunning.reminder WHERE id = :rgrp;

-- after dunning.max_attempts attempts a reminder is dead; a retry_in of the
-- provider's choosing replaces the backoff
SET dunning.max_attempts = 3;
UPDATE dunning.reminder SET available_at = now() - interval '1 second' WHERE id = :rgrp;
SELECT invoice_ids, attempts FROM dunning.claim('m1');
SELECT dunning.nack('m1', :rgrp, '550 no such user', '1 hour');
SELECT status, attempts, last_error, archived_at IS NOT NULL AS archived
  FROM dunning.all_reminders WHERE id = :rgrp;
SELECT count(*) FROM dunning.claim('m1');
RESET dunning.max_attempts;
-- the default backoff: 1 minute after the first attempt, doubled with each
-- one after it, never more than 6 hours
SELECT attempts, dunning.delivery_retry_delay(attempts) AS retry_after
  FROM generate_series(1, 11) attempts;

-- delivery feedback
SELECT dunning.record_event(:r102, 'delivered', '2026-11-02 09:01+00') > 0 AS recorded;
SELECT dunning.record_event(:r102, 'opened', '2026-11-02 12:30+00', '{"agent": "mail client"}') > 0 AS recorded;
SELECT kind, at, detail FROM dunning.reminder_event WHERE reminder_id = :r102 ORDER BY at;

-- reminders that are done left the queue when they were finished (sent,
-- cancelled, dead): it is empty; dunning.all_reminders still shows them all
SELECT count(*) AS in_queue FROM dunning.reminder;
SELECT invoice_ids, status, archived_at IS NOT NULL AS archived
  FROM dunning.all_reminders ORDER BY invoice_ids;
-- an archived reminder still cannot be acknowledged twice, and takes events
SELECT dunning.ack('m1', :r102);
SELECT dunning.nack('m1', :rgrp, 'again');
SELECT dunning.record_event(:r102, 'clicked', '2026-11-03 10:00+00') > 0 AS recorded;
-- nor emitted twice: with its state lost, a pass on the same day finds its
-- idempotency key in the archive
DELETE FROM dunning.invoice_state WHERE invoice_id = 102;
SELECT emitted FROM dunning.run('2026-11-02 09:00+00', full_discovery => true);
SELECT count(*) FROM dunning.all_reminders WHERE invoice_ids = '{102}';
-- the one reminder that pass emitted: the dead one never reached its
-- customer, so its invoices went back to level 0 (the history says so) and
-- were reminded again, under a key of their own
SELECT invoice_id, level, reason FROM dunning.history
 WHERE event = 'undelivered' ORDER BY invoice_id;
SELECT invoice_ids, status, idempotency_key LIKE '%:dead:%' AS dead_key
  FROM dunning.all_reminders WHERE customer_id = 2 ORDER BY id;
-- the contact cap counts archived reminders: at one contact per 30 days,
-- customer 1's new invoice waits
UPDATE dunning.policy SET max_reminders = 1, per_period = '30 days' WHERE name = 'solo';
INSERT INTO fx.invoices VALUES (104, 1, '2026-11-01', 400.00, 'EUR', 'Q-104');
SELECT emitted FROM dunning.run('2026-11-10 09:00+00', full_discovery => true);
SELECT invoice_id, level, waiting_for, next_check_at FROM dunning.invoice_state
 WHERE invoice_id = 104;

\i sql/fixtures/teardown.sql
