/*-------------------------------------------------------------------------
 *
 * 32_privileges.sql
 *	  Privileges: mailers, readers, campaign administrators, the scheduler and the pass role.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Privileges: mailers, readers and campaign administrators
------------------------------------------------------------------------------

-- (the update from 0.1 runs this file too: the table is kept, the
-- functions replaced)
CREATE TABLE IF NOT EXISTS dunning.role_grant (
  role_name  name NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('admin', 'reader', 'mailer', 'scheduler', 'pass', 'names')),
  granted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (role_name, kind)
);
COMMENT ON TABLE dunning.role_grant IS
  'The roles given access with dunning.grant_mailer(), grant_reader() and grant_admin(); applied again when a binding recreates its views.';
COMMENT ON COLUMN dunning.role_grant.kind IS
  'admin (campaigns), reader (the views), names (the customers'' names, with dunning.grant_names()), mailer (the queue protocol), scheduler (the role of dunning.scheduler_role), or pass (the owner of a bound relation, as which passes read it: kept by binding, not granted by hand).';

-- The grants of one role and kind.
CREATE OR REPLACE FUNCTION dunning.apply_grant(role_name name, kind text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  obj text;
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA dunning TO %I', role_name);
  IF kind = 'reader' AND EXISTS (SELECT 1 FROM dunning.role_grant g
                                  WHERE g.role_name = apply_grant.role_name
                                    AND g.kind = 'reader' AND g.tenants IS NOT NULL) THEN
    -- a reader given some tenants (33_tenant.sql)
    PERFORM dunning.apply_tenant_reader(role_name);
  ELSIF kind IN ('reader', 'admin') THEN
    -- states, levels, amounts, counts and events: an allowlist, so that a
    -- view added later is not given away; never the user's own relations
    -- (dunning.ledger, dunning.customer), a recipient, a rendered text, a
    -- payload, an error or an event's detail, which may name a person
    FOR obj IN
      SELECT v FROM unnest(ARRAY['invoice_status', 'workers', 'templates_in_effect', 'locales_in_effect',
                                  'charges_to_post', 'reference_rates_in_effect',
                                  'step_effectiveness', 'funnel', 'contacts_per_customer']) v
       WHERE to_regclass('dunning.' || v) IS NOT NULL
    LOOP
      EXECUTE format('GRANT SELECT ON dunning.%I TO %I', obj, role_name);
    END LOOP;
    IF to_regclass('dunning.all_reminders') IS NOT NULL THEN
      EXECUTE format('GRANT SELECT (id, customer_id, invoice_ids, policy, level, channel, status,'
                     ' available_at, attempts, lease_owner, lease_until, as_of, run_id, created_at,'
                     ' updated_at, archived_at, sent_at, tenant) ON dunning.all_reminders TO %I', role_name);
    END IF;
    EXECUTE format('GRANT SELECT ON dunning.history, dunning.run_log,'
                   ' dunning.law, dunning.fee_schedule, dunning.fee_band, dunning.reference_rate TO %I',
                   role_name);
    -- a charge's amounts and dates, not how it was found or why it was
    -- waived, which may name a person
    EXECUTE format('GRANT SELECT (id, invoice_id, customer_id, kind, amount, currency, level,'
                   ' period_from, period_to, policy, reminder_id, run_id, raised_at, waived_at,'
                   ' posted_at, posted_ref) ON dunning.charge TO %I', role_name);
    EXECUTE format('GRANT SELECT (id, reminder_id, kind, at, tenant) ON dunning.reminder_event TO %I',
                   role_name);
    -- which contacts are suppressed and why, not the address; what came
    -- of calls, not what was said
    EXECUTE format('GRANT SELECT (id, customer_id, contact, reason, reminder_id, since)'
                   ' ON dunning.suppression TO %I', role_name);
    EXECUTE format('GRANT SELECT (id, reminder_id, customer_id, outcome, promised_until,'
                   ' promised_amount, hold_ids, recorded_at) ON dunning.outcome TO %I', role_name);
    EXECUTE format('GRANT EXECUTE ON FUNCTION dunning.worker_status() TO %I', role_name);
    -- the views and the history ask which tenants the reader is given
    IF to_regprocedure('dunning.granted_tenants(name, text[])') IS NOT NULL THEN
      EXECUTE format('GRANT EXECUTE ON FUNCTION dunning.granted_tenants(name, text[]) TO %I',
                     role_name);
    END IF;
    IF to_regprocedure('dunning.aging(date, integer[])') IS NOT NULL THEN
      EXECUTE format('GRANT EXECUTE ON FUNCTION dunning.aging(date, integer[]),'
                     ' dunning.collection_metrics(date, date), dunning.report(date),'
                     ' dunning.simulate(text, date, date),'
                     ' dunning.html_text(text), dunning.svg_bars(text, text[], numeric[], integer) TO %I',
                     role_name);
    END IF;
  END IF;
  IF kind = 'names' AND to_regclass('dunning.customer') IS NOT NULL THEN
    -- the names of the customers, and nothing else of them
    EXECUTE format('GRANT USAGE ON SCHEMA dunning TO %I', role_name);
    EXECUTE format('GRANT SELECT (customer_id, name) ON dunning.customer TO %I', role_name);
  END IF;
  IF kind = 'admin' THEN
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA dunning TO %I', role_name);
    -- not the key that signs self-service tokens
    IF to_regclass('dunning.token_key') IS NOT NULL THEN
      EXECUTE format('REVOKE SELECT ON dunning.token_key FROM %I', role_name);
    END IF;
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON dunning.policy, dunning.step, dunning.template,'
                   ' dunning.assignment, dunning.hold, dunning.calendar, dunning.holiday, dunning.locale,'
                   ' dunning.law, dunning.fee_schedule, dunning.fee_band, dunning.reference_rate,'
                   ' dunning.suppression TO %I',
                   role_name);
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA dunning TO %I', role_name);
    -- the checks and passes, not the binding, the grants or the mailer protocol
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA dunning TO %I', role_name);
    EXECUTE format('REVOKE EXECUTE ON FUNCTION dunning.bind_ledger(text, text, text, text, text, text, text, regrole, text, text, text, text),'
                   ' dunning.bind_customers(text, text, text, text, text, text, text, regrole, text,'
                   '   text, text, text, text, text, text, text),'
                   ' dunning.bind_payments(text, text, text, text, text, regrole, text),'
                   ' dunning.unbind(text), dunning.grant_admin(regrole), dunning.grant_reader(regrole),'
                   ' dunning.grant_mailer(regrole), dunning.grant_scheduler(regrole), dunning.grant_names(regrole),'
                   ' dunning.grant_admin(regrole, text[]), dunning.grant_reader(regrole, text[]),'
                   ' dunning.grant_mailer(regrole, text[]), dunning.grant_to_tenants(regrole, text, text[]),'
                   ' dunning.apply_tenant_reader(name), dunning.apply_tenant_admin(name),'
                   ' dunning.apply_grants(), dunning.apply_grant(name, text),'
                   ' dunning.revoke_all(name), dunning.ledger_open_amounts(anyarray),'
                   ' dunning.claim(text, integer, interval, text[]), dunning.ack(text, bigint, text),'
                   ' dunning.ack(text, bigint[], text[]), dunning.nack(text, bigint, text, interval, boolean),'
                   ' dunning.nack(text, bigint[], text, interval, boolean),'
                   ' dunning.extend(text, bigint[], interval),'
                   ' dunning.record_event(bigint, text, timestamptz, jsonb),'
                   ' dunning.record_outcome(bigint, text, date, numeric, text, text),'
                   ' dunning.token_for(bigint, date) FROM %I', role_name);
  END IF;
  IF kind = 'admin' AND EXISTS (SELECT 1 FROM dunning.role_grant g
                                 WHERE g.role_name = apply_grant.role_name
                                   AND g.kind = 'admin' AND g.tenants IS NOT NULL) THEN
    -- an administrator of some tenants (33_tenant.sql)
    PERFORM dunning.apply_tenant_admin(role_name);
  END IF;
  IF kind = 'scheduler' THEN
    -- what a scheduler does itself: find the binding, call run() (which
    -- runs with the extension's rights), log a pass that failed
    EXECUTE format('GRANT SELECT ON dunning.binding TO %I', role_name);
    EXECUTE format('GRANT INSERT ON dunning.run_log TO %I', role_name);
    EXECUTE format('GRANT USAGE ON SEQUENCE dunning.run_log_id_seq TO %I', role_name);
    EXECUTE format('GRANT EXECUTE ON FUNCTION dunning.run(timestamptz, boolean) TO %I', role_name);
  END IF;
  IF kind = 'pass' THEN
    -- what the candidate query of a pass reads besides the bound relations
    -- (src/pass.c): keys, levels, holds' dates and contact times, never a
    -- recipient, a text or a payload; nothing to write
    IF to_regclass('dunning.ledger') IS NOT NULL THEN
      EXECUTE format('GRANT SELECT ON dunning.ledger TO %I', role_name);
    END IF;
    IF to_regclass('dunning.customer') IS NOT NULL THEN
      EXECUTE format('GRANT SELECT ON dunning.customer TO %I', role_name);
    END IF;
    IF to_regclass('dunning.payment') IS NOT NULL THEN
      EXECUTE format('GRANT SELECT ON dunning.payment TO %I', role_name);
    END IF;
    EXECUTE format('GRANT SELECT (invoice_id, customer_id, status, level, last_reminder_at,'
                   ' last_reminder_id, next_check_at, tenant) ON dunning.invoice_state TO %I', role_name);
    EXECUTE format('GRANT SELECT (customer_id, policy, tenant) ON dunning.assignment TO %I', role_name);
    EXECUTE format('GRANT SELECT (invoice_id, customer_id, until, tenant) ON dunning.hold TO %I', role_name);
    -- which the holds' row-level security asks (33_tenant.sql): a pass role
    -- is given every tenant
    IF to_regprocedure('dunning.granted_tenants(name, text[])') IS NOT NULL THEN
      EXECUTE format('GRANT EXECUTE ON FUNCTION dunning.granted_tenants(name, text[]) TO %I',
                     role_name);
    END IF;
    EXECUTE format('GRANT SELECT (id, customer_id, status, as_of, tenant) ON dunning.reminder,'
                   ' dunning.reminder_archive TO %I', role_name);
    EXECUTE format('GRANT SELECT (invoice_id, kind, amount, level, period_to, waived_at)'
                   ' ON dunning.charge TO %I', role_name);
    -- its own customers' addresses, to know which are suppressed
    EXECUTE format('GRANT SELECT (id, customer_id, contact, address, reason)'
                   ' ON dunning.suppression TO %I', role_name);
  END IF;
  IF kind = 'mailer' THEN
    EXECUTE format('GRANT EXECUTE ON FUNCTION dunning.claim(text, integer, interval, text[]),'
                   ' dunning.ack(text, bigint, text), dunning.ack(text, bigint[], text[]),'
                   ' dunning.nack(text, bigint, text, interval, boolean), dunning.nack(text, bigint[], text, interval, boolean),'
                   ' dunning.extend(text, bigint[], interval),'
                   ' dunning.record_event(bigint, text, timestamptz, jsonb),'
                   ' dunning.record_outcome(bigint, text, date, numeric, text, text),'
                   ' dunning.accept_promise(text, date, numeric), dunning.open_dispute(text, text) TO %I',
                   role_name);
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.apply_grant(name, text) IS
  'Grants one role what one kind of access (admin, reader, mailer) needs.';

-- Takes back every privilege a role holds in schema dunning.
CREATE OR REPLACE FUNCTION dunning.revoke_all(role_name name) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- column privileges go with the table's
  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA dunning FROM %I', role_name);
  EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA dunning FROM %I', role_name);
  EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dunning FROM %I', role_name);
  EXECUTE format('REVOKE ALL ON SCHEMA dunning FROM %I', role_name);
END
$$;
COMMENT ON FUNCTION dunning.revoke_all(name) IS
  'Takes back every privilege a role holds in schema dunning (before the grants it keeps are applied again).';

CREATE OR REPLACE FUNCTION dunning.apply_grants() RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  g record;
BEGIN
  -- the pass role follows the bindings: a role that no longer owns a bound
  -- relation loses what passes needed of it (its other grants come back below)
  FOR g IN
    SELECT r.role_name FROM dunning.role_grant r
     WHERE r.kind = 'pass'
       AND r.role_name NOT IN (SELECT b.owner FROM dunning.binding b)
  LOOP
    DELETE FROM dunning.role_grant r WHERE r.role_name = g.role_name AND r.kind = 'pass';
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles p WHERE p.rolname = g.role_name) THEN
      PERFORM dunning.revoke_all(g.role_name);
    END IF;
  END LOOP;
  INSERT INTO dunning.role_grant (role_name, kind)
  SELECT DISTINCT b.owner, 'pass' FROM dunning.binding b
    JOIN pg_catalog.pg_roles p ON p.rolname = b.owner AND NOT p.rolsuper
  ON CONFLICT DO NOTHING;

  FOR g IN
    SELECT r.role_name, r.kind FROM dunning.role_grant r
     WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_roles p WHERE p.rolname = r.role_name)
     ORDER BY r.role_name, array_position(ARRAY['admin', 'reader', 'mailer', 'scheduler', 'pass'], r.kind)
  LOOP
    PERFORM dunning.apply_grant(g.role_name, g.kind);
  END LOOP;
END
$$;
COMMENT ON FUNCTION dunning.apply_grants() IS
  'Applies every grant of dunning.role_grant again (after a binding recreates its views, or a restore).';

-- Record and apply one kind of access for a role.
CREATE OR REPLACE FUNCTION dunning.grant_to(role regrole, kind text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  name_of name;
BEGIN
  IF role IS NULL THEN
    RAISE EXCEPTION 'role must not be null'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = format('Pass the role to grant to, as in SELECT dunning.grant_%s(''mailer'').', kind);
  END IF;
  SELECT p.rolname INTO name_of FROM pg_catalog.pg_roles p WHERE p.oid = role;
  IF name_of = current_user OR EXISTS (SELECT 1 FROM pg_catalog.pg_roles p
                                        WHERE p.oid = role AND p.rolsuper) THEN
    RAISE EXCEPTION 'role "%" has every privilege already', name_of
      USING ERRCODE = 'invalid_grant_operation',
            HINT = 'Grant to a role of its own that the mailer, the analysts or the campaign managers log in as.';
  END IF;
  INSERT INTO dunning.role_grant (role_name, kind) VALUES (name_of, kind)
  ON CONFLICT DO NOTHING;
  PERFORM dunning.apply_grants();
END
$$;
COMMENT ON FUNCTION dunning.grant_to(regrole, text) IS
  'Records and applies one kind of access for a role.';

CREATE OR REPLACE FUNCTION dunning.grant_mailer(role regrole) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to(role, 'mailer');
END;
COMMENT ON FUNCTION dunning.grant_mailer(regrole) IS
  'Lets a role claim, ack and nack reminders and record delivery events, and nothing more.';

CREATE OR REPLACE FUNCTION dunning.grant_reader(role regrole) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to(role, 'reader');
END;
COMMENT ON FUNCTION dunning.grant_reader(regrole) IS
  'Lets a role read the analysts'' views (invoice_status, workers...), the history, the pass log and delivery events.';

CREATE OR REPLACE FUNCTION dunning.grant_scheduler(role regrole) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to(role, 'scheduler');
END;
COMMENT ON FUNCTION dunning.grant_scheduler(regrole) IS
  'Lets the role named by dunning.scheduler_role run this database''s scheduler: read the binding, call run(), log a failed pass; nothing more.';

CREATE OR REPLACE FUNCTION dunning.grant_admin(role regrole) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to(role, 'admin');
END;
COMMENT ON FUNCTION dunning.grant_admin(regrole) IS
  'Lets a role manage campaigns (policies, steps, templates, assignments, holds, calendars), read everything and run or preview passes; not bind ledgers or grant.';
