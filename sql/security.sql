-- Security: each attack of a role that owns the bound ledger, a mailer, or
-- a reader, reproduced, and shown to do no harm.  Roles act through
-- SET SESSION AUTHORIZATION, so that session_user is theirs, as it is for
-- a role that logs in.
\set SHOW_CONTEXT never
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
ALTER SEQUENCE dunning.reminder_id_seq RESTART WITH 7001;
CREATE ROLE regress_sec_app;          -- owns the ledger and the customers
CREATE ROLE regress_sec_other;
CREATE ROLE regress_sec_admin;
CREATE ROLE regress_sec_mailer_a;
CREATE ROLE regress_sec_mailer_b;
CREATE ROLE regress_sec_reader;
CREATE SCHEMA sec AUTHORIZATION regress_sec_app;

-- 1. Superuser through the bound relations.  The ledger's owner, who has no
-- right in schema dunning, puts its own code in what passes read: a view
-- that calls a function per row and one the planner folds at plan time,
-- and a table turned into a view by a "_RETURN" rule for the customers.
-- The function records who runs it, and tries to make its owner superuser.
SET SESSION AUTHORIZATION regress_sec_app;
CREATE TABLE sec.invoices (
  id bigint PRIMARY KEY, customer_id bigint NOT NULL, due_date date NOT NULL,
  balance numeric(12,2) NOT NULL, currency text NOT NULL, number text NOT NULL);
INSERT INTO sec.invoices VALUES
  (1, 1, '2026-10-20', 100.00, 'EUR', 'S-1'),
  (2, 2, '2026-10-20', 200.00, 'EUR', 'S-2'),
  (3, 3, '2026-10-20', 300.00, 'EUR', 'S-3'),
  (4, 4, '2026-10-20', 400.00, 'EUR', 'S-4'),
  (5, 5, '2026-10-20', 500.00, 'EUR', 'S-5'),
  (6, 6, '2026-10-20', 600.00, 'EUR', 'S-6'),
  (7, 7, '2026-10-20', 700.00, 'EUR', 'S-7');
CREATE TABLE sec.seen (what text, who name, superuser boolean);
CREATE FUNCTION sec.pwn(what text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  INSERT INTO sec.seen
  SELECT what, current_user, r.rolsuper FROM pg_roles r WHERE r.rolname = current_user;
  BEGIN
    ALTER ROLE regress_sec_app SUPERUSER;
    INSERT INTO sec.seen VALUES (what || ': ALTER ROLE succeeded', current_user, NULL);
  EXCEPTION WHEN insufficient_privilege THEN
    INSERT INTO sec.seen VALUES (what || ': ALTER ROLE refused', current_user, NULL);
  END;
  RETURN true;
END
$$;
CREATE FUNCTION sec.pwn_at_plan_time() RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN sec.pwn('plan');
END
$$;
CREATE VIEW sec.invoices_v AS
  SELECT * FROM sec.invoices WHERE sec.pwn('view') AND sec.pwn_at_plan_time();
CREATE TABLE sec.customer_rows (id bigint PRIMARY KEY, email text, name text);
INSERT INTO sec.customer_rows VALUES
  (1, 'one@example.com', 'One'),
  -- an address that smuggles SMTP commands, a bare LF and a Bcc header,
  -- a display name, no domain, a quoted local part, non-ASCII
  (2, E'victim@bank.example>\r\nDATA\r\nFrom: ceo@example.com\r\n.\r\nMAIL FROM:<ceo@example.com>\r\nRCPT TO:<mallory@example.com', 'Two'),
  (3, E'three@example.com\nBcc: mallory@example.com', 'Three'),
  (4, 'Four <four@example.com>', 'Four'),
  (5, 'five@localhost', 'Five'),
  (6, '"six"@example.com', 'Six'),
  (7, 'sept@exämple.com', 'Sept');
CREATE TABLE sec.customers (id bigint, email text, name text);
CREATE RULE "_RETURN" AS ON SELECT TO sec.customers DO INSTEAD
  SELECT * FROM sec.customer_rows WHERE sec.pwn('rule');
RESET SESSION AUTHORIZATION;

-- binding another role's relation is a decision to state
SELECT dunning.bind_ledger('sec.invoices_v', 'id', 'customer_id', 'due_date', 'balance',
                           'currency', 'number');
SELECT dunning.bind_ledger('sec.invoices_v', 'id', 'customer_id', 'due_date', 'balance',
                           'currency', 'number', run_as => 'regress_sec_other');
SELECT dunning.bind_ledger('sec.invoices_v', 'id', 'customer_id', 'due_date', 'balance',
                           'currency', 'number', run_as => 'regress_sec_app');
-- the customers must belong to the ledger's owner
CREATE TABLE public.sec_foreign_customers (id bigint, email text);
SELECT dunning.bind_customers('public.sec_foreign_customers', 'id', email => 'email');
SELECT dunning.bind_customers('sec.customers', 'id', email => 'email', name => 'name',
                              run_as => 'regress_sec_app');
SELECT kind, source, owner FROM dunning.binding ORDER BY kind;
-- the owner is given what a pass reads besides its own relations, no more
SELECT p.relname, p.privileges
  FROM (SELECT c.relname,
               string_agg(a.attname, ', ' ORDER BY a.attnum) AS privileges
          FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
         WHERE c.relnamespace = 'dunning'::regnamespace AND NOT a.attisdropped
           AND has_column_privilege('regress_sec_app', c.oid, a.attnum, 'SELECT')
         GROUP BY c.relname) p ORDER BY 1;
SELECT count(*) AS writable
  FROM pg_class c
 WHERE c.relnamespace = 'dunning'::regnamespace AND c.relkind IN ('r', 'v')
   AND (has_table_privilege('regress_sec_app', c.oid, 'INSERT')
        OR has_table_privilege('regress_sec_app', c.oid, 'UPDATE')
        OR has_table_privilege('regress_sec_app', c.oid, 'DELETE'));
SELECT has_function_privilege('regress_sec_app', 'dunning.run(timestamptz, boolean)', 'EXECUTE')
         AS may_run;

INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
    send_days, send_from, send_until, time_zone)
VALUES ('sec', 'EUR', true, 0, 7, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('sec', 1, 3, 'email');
SELECT dunning.grant_admin('regress_sec_admin');
SELECT dunning.grant_mailer('regress_sec_mailer_a');
SELECT dunning.grant_mailer('regress_sec_mailer_b');
SELECT dunning.grant_reader('regress_sec_reader');

-- a superuser's preview and run, as the scheduler runs them
SELECT count(*) AS previewed FROM dunning.preview('2026-11-02 10:00+00');
SELECT emitted FROM dunning.run('2026-11-02 10:00+00');
-- an administrator's preview and run
SET SESSION AUTHORIZATION regress_sec_admin;
SELECT count(*) AS previewed FROM dunning.preview('2026-11-09 10:00+00');
SELECT emitted FROM dunning.run('2026-11-09 10:00+00');
RESET SESSION AUTHORIZATION;
-- a mailer's claim, whose re-check reads the ledger
SET SESSION AUTHORIZATION regress_sec_mailer_a;
SELECT invoice_ids, lease_owner, lease_role FROM dunning.claim('a', 1);
RESET SESSION AUTHORIZATION;

-- whatever started it, the owner's code ran as the owner, who is still no
-- superuser: its ALTER ROLE was refused every time
SELECT what, who, superuser FROM sec.seen GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_sec_app';
TRUNCATE sec.seen;

-- a source that changed hands is not read as its new owner
ALTER VIEW sec.invoices_v OWNER TO regress_sec_other;
SELECT emitted FROM dunning.run('2026-11-10 10:00+00');
SELECT count(*) FROM dunning.preview('2026-11-10 10:00+00');
ALTER VIEW sec.invoices_v OWNER TO regress_sec_app;
SELECT count(*) FROM sec.seen;

-- 2. Addresses that are not addresses are never emitted: those invoices
-- wait, with the reason, and everyone else is reminded in the same pass
SELECT s.invoice_id, s.level, s.waiting_for, s.next_check_at
  FROM dunning.invoice_state s ORDER BY s.invoice_id;
SELECT invoice_ids, recipient FROM dunning.all_reminders ORDER BY id;
-- mending the row lets it through at the next look
UPDATE sec.customer_rows SET email = 'two@example.com' WHERE id = 2;
SELECT emitted FROM dunning.run('2026-11-10 10:00+00');
SELECT invoice_ids, recipient FROM dunning.all_reminders WHERE customer_id = '2';
SELECT address, dunning.email_is_valid(address) AS valid
  FROM unnest(ARRAY['a.b-c+d@mail.example.co.uk', 'x@example.com', '.a@example.com',
                    'a..b@example.com', 'a@-example.com', 'a@example-.com', 'a@example',
                    'a@example..com', 'a b@example.com', 'a@b@example.com',
                    repeat('a', 65) || '@example.com',
                    'a@' || repeat('b', 64) || '.com']) AS address;

-- 3. Consumers answer for what they claimed, as the role that claimed it
SELECT id AS rid FROM dunning.all_reminders WHERE status = 'claimed' \gset
SET SESSION AUTHORIZATION regress_sec_mailer_a;
-- a lease has an upper bound: a century would make a reminder unclaimable
SELECT count(*) FROM dunning.claim('a', 1, '100000 years');
SELECT count(*) FROM dunning.claim('a', 1, '61 minutes');
-- a mailer's session cannot change the protocol's settings
SET dunning.max_attempts = 1000;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION regress_sec_mailer_b;
-- another role, even under the same consumer name, can neither answer for
-- it, renew it, nor record its events
SELECT dunning.ack('a', :rid, 'forged');
SELECT dunning.ack('a', ARRAY[:rid]::bigint[]);
SELECT dunning.nack('a', :rid, 'forged', permanent => true);
SELECT dunning.extend('a', ARRAY[:rid]::bigint[], '5 minutes');
SELECT dunning.record_event(:rid, 'complained');
SELECT dunning.record_outcome(:rid, 'wrong_number');
RESET SESSION AUTHORIZATION;
SELECT status, lease_owner, lease_role FROM dunning.all_reminders WHERE id = :rid;
SELECT count(*) FROM dunning.reminder_event;
-- the role that claimed renews its lease, records and answers
SET SESSION AUTHORIZATION regress_sec_mailer_a;
SELECT dunning.extend('a', ARRAY[:rid, 1]::bigint[], '10 minutes') = ARRAY[:rid]::bigint[]
         AS renewed;
SELECT dunning.extend('a', ARRAY[:rid]::bigint[], '2 hours');
SELECT dunning.ack('a', :rid, 'smtp-250');
SELECT dunning.record_event(:rid, 'delivered') > 0 AS recorded;
-- a permanent failure is dead at once, without the retries
SELECT id AS rid2 FROM dunning.claim('a', 1) \gset
SELECT dunning.nack('a', :rid2, '550 5.1.1 user unknown', permanent => true);
RESET SESSION AUTHORIZATION;
SELECT id, status, attempts, last_error FROM dunning.all_reminders WHERE id IN (:rid, :rid2)
 ORDER BY id;

-- 4. Readers see states, levels, amounts, counts and events, never a
-- recipient, a rendered text, a payload or an event's detail: every column
-- of every relation of the schema a reader may read
SELECT c.relname, string_agg(a.attname, ', ' ORDER BY a.attnum) AS readable
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
 WHERE c.relnamespace = 'dunning'::regnamespace AND NOT a.attisdropped
   AND has_column_privilege('regress_sec_reader', c.oid, a.attnum, 'SELECT')
 GROUP BY c.relname ORDER BY 1;
SELECT count(*) AS personal_columns
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
 WHERE c.relnamespace = 'dunning'::regnamespace AND NOT a.attisdropped
   AND has_column_privilege('regress_sec_reader', c.oid, a.attnum, 'SELECT')
   AND c.relname IN ('reminder', 'reminder_archive', 'all_reminders', 'reminder_event',
                     'ledger', 'customer', 'invoice_status', 'history')
   AND a.attname IN ('recipient', 'subject', 'body', 'body_html', 'payload', 'detail',
                     'email', 'phone', 'name', 'last_error', 'provider_ref');
SELECT p.oid::regprocedure AS executable
  FROM pg_proc p
 WHERE p.pronamespace = 'dunning'::regnamespace
   AND has_function_privilege('regress_sec_reader', p.oid, 'EXECUTE') ORDER BY 1;
SET SESSION AUTHORIZATION regress_sec_reader;
SELECT recipient FROM dunning.all_reminders;
SELECT * FROM dunning.all_reminders;
SELECT detail FROM dunning.reminder_event;
SELECT * FROM dunning.customer;
SELECT status, count(*) FROM dunning.all_reminders GROUP BY 1 ORDER BY 1;
SELECT kind, count(*) FROM dunning.reminder_event GROUP BY 1;
RESET SESSION AUTHORIZATION;

-- unbinding takes back what the owner was given
SELECT dunning.cancel(ARRAY(SELECT id FROM dunning.reminder), 'end of test');
SELECT dunning.unbind('customers');
SELECT dunning.unbind('ledger');
SELECT count(*) AS still_granted
  FROM pg_class c
 WHERE c.relnamespace = 'dunning'::regnamespace
   AND has_any_column_privilege('regress_sec_app', c.oid, 'SELECT');
SELECT role_name, kind FROM dunning.role_grant ORDER BY 1, 2;

-- clean up
DELETE FROM dunning.suppression;
DELETE FROM dunning.reminder_event;
DELETE FROM dunning.reminder_archive;
DELETE FROM dunning.invoice_state;
DELETE FROM dunning.history;
DELETE FROM dunning.charge;
DELETE FROM dunning.token_key;
DELETE FROM dunning.run_log;
DELETE FROM dunning.step;
DELETE FROM dunning.policy;
SELECT dunning.revoke_all(r) FROM unnest(ARRAY['regress_sec_admin', 'regress_sec_mailer_a',
  'regress_sec_mailer_b', 'regress_sec_reader', 'regress_sec_app']) r;
DELETE FROM dunning.role_grant;
DROP TABLE public.sec_foreign_customers;
DROP SCHEMA sec CASCADE;
DROP ROLE regress_sec_app, regress_sec_other, regress_sec_admin, regress_sec_mailer_a,
  regress_sec_mailer_b, regress_sec_reader;
