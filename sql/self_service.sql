-- Self-service: every reminder's payload carries a signed token; the team's
-- web page hands it to accept_promise() or open_dispute(), which hold the
-- reminder's invoices; a malformed, tampered or expired token is refused.
-- (Days ahead are written relative to current_date: a token's last day and
-- a promise's day are checked against the day of the call.)
\i sql/fixtures/ledger.sql
ALTER SEQUENCE dunning.reminder_id_seq RESTART WITH 1001;
INSERT INTO fx.customers VALUES
  (1, 'one@example.com', 'One', 'en', NULL, NULL),
  (2, 'two@example.com', 'Two', 'en', NULL, NULL);
INSERT INTO fx.invoices (id, customer_id, due_date, balance, number) VALUES
  (11, 1, '2026-10-01', 100.00, 'T-11'), (12, 1, '2026-10-01', 50.00, 'T-12'),
  (21, 2, '2026-10-01', 200.00, 'T-21');
INSERT INTO dunning.policy (name, currency, is_default, send_days, send_from, send_until,
    time_zone, group_by)
VALUES ('std', 'EUR', true, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', 'customer');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('std', 1, 1, 'email', 'friendly'), ('std', 2, 10, 'email', 'firm');

-- no key before the first token; a preview mints none
SELECT count(*) AS keys FROM dunning.token_key;
SELECT count(*) FILTER (WHERE payload ? 'token' AND payload->>'token' IS NULL) AS previews_without
  FROM dunning.preview('2026-10-02 10:00+00');
-- a pass mints one per reminder, valid for dunning.token_lifetime days (90)
-- from the day of the pass, and makes the key
SELECT emitted FROM dunning.run('2026-10-02 10:00+00');
SELECT count(*) AS keys, min(octet_length(key)) AS key_bytes FROM dunning.token_key;
SELECT id, payload->>'token' = dunning.token_for(id, date '2026-10-02' + 90) AS as_minted,
       payload->>'token' ~ '^[0-9]+\.-?[0-9]+\.[0-9a-f]{32}$' AS shaped
  FROM dunning.reminder ORDER BY id;

-- tokens to use today (token_for makes them for any day)
SELECT dunning.token_for(id, current_date + 1) AS tok1 FROM dunning.reminder WHERE customer_id = 1 \gset
SELECT dunning.token_for(id, current_date + 1) AS tok2 FROM dunning.reminder WHERE customer_id = 2 \gset
SELECT dunning.token_for(id, current_date - 1) AS expired FROM dunning.reminder WHERE customer_id = 1 \gset

-- refused: malformed, tampered (another reminder's id, another day, one
-- character of the signature), expired, of no reminder
SELECT dunning.accept_promise('not-a-token', current_date + 5);
SELECT dunning.accept_promise(NULL, current_date + 5);
SELECT dunning.accept_promise(regexp_replace(:'tok1', '^[0-9]+', '1002'), current_date + 5);
SELECT dunning.accept_promise(regexp_replace(:'tok1', '\.(-?[0-9]+)\.', '.99999.'), current_date + 5);
SELECT dunning.accept_promise(overlay(:'tok1' placing
         CASE WHEN right(:'tok1', 1) = '0' THEN '1' ELSE '0' END
         from length(:'tok1')), current_date + 5);
SELECT dunning.open_dispute(:'expired', 'wrong amount');
SELECT dunning.accept_promise(dunning.token_for(999999, current_date + 1), current_date + 5);
-- a promise must fall from today on, within dunning.max_promise_days (30)
SELECT dunning.accept_promise(:'tok1', current_date - 1);
SELECT dunning.accept_promise(:'tok1', current_date + 31);
SELECT dunning.accept_promise(:'tok1', current_date + 5, -1);
SELECT dunning.open_dispute(:'tok2', '  ');
SELECT count(*) AS nothing_held FROM dunning.hold;

-- accepted: a promise holds both invoices of customer 1's reminder until
-- its day; a dispute holds customer 2's invoice until the hold is deleted
SELECT dunning.accept_promise(:'tok1', current_date + 14, 150.00) > 0 AS promised;
SELECT dunning.open_dispute(:'tok2', 'I returned the goods on 3 October') > 0 AS disputed;
SELECT invoice_id, reason, until - current_date AS days_ahead, note
  FROM dunning.hold ORDER BY invoice_id;
SELECT outcome, promised_amount, reason, note, cardinality(hold_ids) AS holds,
       recorded_by = session_user AS by_caller
  FROM dunning.outcome ORDER BY id;
-- the holds take the invoices out of the unsent reminders (the settle rule)
SELECT cancelled FROM dunning.run('2026-10-02 11:00+00', full_discovery => true);
SELECT invoice_ids, status, last_error FROM dunning.all_reminders ORDER BY id;

-- a new key revokes every token minted before
UPDATE dunning.token_key SET key = dunning.new_token_key();
SELECT dunning.open_dispute(:'tok1', 'too late');

\i sql/fixtures/teardown.sql
