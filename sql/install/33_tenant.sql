/*-------------------------------------------------------------------------
 *
 * 33_tenant.sql
 *	  Tenants: the company each row of dunning belongs to, and the roles
 *	  given some companies only.
 *
 * bind_ledger(..., tenant => column) says which company (tenant) each
 * invoice belongs to.  A customer is then dunned per tenant: a customer
 * key that two tenants share is two customers, each with its own notice,
 * contact cap and reminders (src/pass_candidates.c, src/pass.c).  Invoice
 * keys stay unique across the ledger.  The state, the history, the queue,
 * the archive and the charges carry the tenant of their invoices; a hold
 * or an assignment may name one (NULL: every tenant).  A policy may belong to a tenant,
 * whose invoices take it before the shared default of their currency.  grant_mailer(role, tenants) gives a
 * mailer the reminders of those tenants only; grant_reader(role, tenants)
 * gives a reader what tells those tenants' rows apart, and only their rows:
 * invoice_status and all_reminders filter on the reader's tenants
 * (21_derived_views.sql), the history and the events by row-level
 * security.
 *
 * The columns are added here, after the tables, so that an update from
 * 0.1 and a fresh install give them the same place.
 *
 *-------------------------------------------------------------------------
 */

ALTER TABLE dunning.invoice_state ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.invoice_state.tenant IS
  'The tenant (company) the invoice belongs to, from the ledger binding''s tenant column; NULL when none is bound.';
ALTER TABLE dunning.history ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.history.tenant IS
  'The tenant of the invoice, when the ledger binds one.';
ALTER TABLE dunning.reminder ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.reminder.tenant IS
  'The tenant (company) whose customer the reminder is for, when the ledger binds one: a mailer given some tenants claims only theirs.';
ALTER TABLE dunning.reminder_archive ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.reminder_archive.tenant IS
  'The tenant whose customer the reminder was for, when the ledger binds one.';
ALTER TABLE dunning.reminder_event ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.reminder_event.tenant IS
  'The tenant of the reminder the event is about, when the ledger binds one.';
ALTER TABLE dunning.charge ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.charge.tenant IS
  'The tenant of the invoice charged, when the ledger binds one.';
ALTER TABLE dunning.run_log ADD COLUMN emitted_by_tenant jsonb;
COMMENT ON COLUMN dunning.run_log.emitted_by_tenant IS
  'With a tenant bound: the reminders the pass emitted, by tenant ({"acme": 12, "globex": 3}; "" for invoices of no tenant); NULL when it emitted none.';
ALTER TABLE dunning.assignment ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.assignment.tenant IS
  'The tenant in which the customer follows the policy (before an assignment of no tenant); NULL: in every tenant.';
-- a customer may be assigned a policy in each tenant, and one for all
ALTER TABLE dunning.assignment DROP CONSTRAINT assignment_pkey;
ALTER TABLE dunning.assignment ADD CONSTRAINT assignment_customer_tenant
  UNIQUE NULLS NOT DISTINCT (customer_id, tenant);
COMMENT ON CONSTRAINT assignment_customer_tenant ON dunning.assignment IS
  'One assignment per customer and tenant, and one for every tenant.';
ALTER TABLE dunning.hold ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.hold.tenant IS
  'For a hold on a customer: the tenant in which it holds the customer; NULL: in every tenant.';

-- a tenant's own policies; the shared ones (NULL) serve every tenant that
-- has no default of its own for a currency
ALTER TABLE dunning.policy ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.policy.tenant IS
  'The tenant whose policy it is: its invoices take it before a shared one, and no other tenant''s customer can be assigned it; NULL: shared by all tenants.';
-- the race guard behind the policy trigger's friendlier message
CREATE UNIQUE INDEX policy_one_default_per_currency
  ON dunning.policy (currency, tenant) NULLS NOT DISTINCT WHERE is_default;
COMMENT ON INDEX dunning.policy_one_default_per_currency IS
  'At most one default policy per currency and tenant (and one shared).';

ALTER TABLE dunning.role_grant ADD COLUMN tenants text[];
COMMENT ON COLUMN dunning.role_grant.tenants IS
  'The tenants the grant is for (grant_mailer(role, tenants)); NULL: every tenant.';

/*
 * The tenants a role is given for some kinds of access, through its own
 * grants and those of the roles it is a member of: NULL when it is given
 * every tenant (a grant without tenants, a superuser, or no grant of
 * these kinds at all, as for the extension's owner).
 */
-- (SECURITY DEFINER: the views and the history's policy call it for
-- readers, who do not read dunning.role_grant)
CREATE FUNCTION dunning.granted_tenants(who name, kinds text[]) RETURNS text[]
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  WITH mine AS (
    SELECT g.tenants
      FROM dunning.role_grant g
      JOIN pg_catalog.pg_roles p ON p.rolname = g.role_name
     WHERE g.kind = ANY (kinds)
       AND pg_catalog.pg_has_role(who, p.oid, 'USAGE'))
  SELECT CASE
           WHEN (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = who) THEN NULL
           WHEN NOT EXISTS (SELECT 1 FROM mine) THEN NULL
           WHEN EXISTS (SELECT 1 FROM mine m WHERE m.tenants IS NULL) THEN NULL
           ELSE ARRAY(SELECT DISTINCT t FROM mine m, unnest(m.tenants) t ORDER BY t)
         END
$$;
COMMENT ON FUNCTION dunning.granted_tenants(name, text[]) IS
  'The tenants a role is given for these kinds of access (mailer, reader, admin), through its grants and those of the roles it belongs to; NULL when it is given every tenant.';

-- a tenant's own templates and calendars (a tenant's policy names them);
-- names stay unique across tenants
ALTER TABLE dunning.template ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.template.tenant IS
  'The tenant whose template it is: only that tenant''s administrators and readers see it; NULL: shared by all tenants.  Names are unique across tenants: give a tenant''s templates names of their own.';
ALTER TABLE dunning.calendar ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.calendar.tenant IS
  'The tenant whose calendar it is: only that tenant''s administrators see it and its holidays; NULL: shared by all tenants.';

/*
 * The templates in effect: the user's, then the shipped ones they do not
 * override; a role given some tenants sees the shared ones and those of
 * its tenants.  (Here rather than beside the templates: it shows their
 * tenant column.)
 */
CREATE OR REPLACE VIEW dunning.templates_in_effect AS
  SELECT t.name, t.channel, t.locale, t.subject, t.body, t.body_html, false AS shipped, t.tenant
    FROM dunning.template t
   WHERE (SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL
      OR t.tenant IS NULL
      OR t.tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[])
  UNION ALL
  SELECT d.name, d.channel, d.locale, d.subject, d.body, d.body_html, true, NULL::text
    FROM dunning.template_default d
   WHERE NOT EXISTS (SELECT 1 FROM dunning.template t
                      WHERE t.name = d.name AND t.channel = d.channel AND t.locale = d.locale);
COMMENT ON VIEW dunning.templates_in_effect IS
  'The templates in effect: the user''s (dunning.template), then the shipped ones they do not override; a role given some tenants sees the shared templates and its tenants'' own.';

-- Record and apply one kind of access for a role, for some tenants.
CREATE FUNCTION dunning.grant_to_tenants(role regrole, kind text, tenants text[]) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF tenants IS NOT NULL THEN
    IF NOT EXISTS (SELECT 1 FROM dunning.binding b
                    WHERE b.kind = 'ledger' AND b.columns ? 'tenant') THEN
      RAISE EXCEPTION 'the ledger binds no tenant'
        USING ERRCODE = 'object_not_in_prerequisite_state',
              DETAIL = 'Reminders belong to a tenant only when the ledger binding names the column of each invoice''s company.',
              HINT = 'Bind the ledger again with tenant => ''your_company_column'', or grant without tenants.';
    END IF;
    IF cardinality(tenants) = 0 OR array_position(tenants, NULL) IS NOT NULL THEN
      RAISE EXCEPTION 'tenants must list at least one tenant and no NULL'
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'Pass the tenants as they appear in the ledger''s tenant column, such as ''{acme}'', or NULL for every tenant.';
    END IF;
  END IF;
  PERFORM dunning.grant_to(role, kind);
  UPDATE dunning.role_grant g SET tenants = grant_to_tenants.tenants
   WHERE g.role_name = (SELECT p.rolname FROM pg_catalog.pg_roles p WHERE p.oid = role)
     AND g.kind = grant_to_tenants.kind;
  -- what the role held before goes, and what it is given now comes back
  PERFORM dunning.revoke_all((SELECT p.rolname FROM pg_catalog.pg_roles p WHERE p.oid = role));
  PERFORM dunning.apply_grants();
END
$$;
COMMENT ON FUNCTION dunning.grant_to_tenants(regrole, text, text[]) IS
  'Records and applies one kind of access for a role, for these tenants only (NULL: every tenant).';

CREATE FUNCTION dunning.grant_mailer(role regrole, tenants text[]) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to_tenants(role, 'mailer', tenants);
END;
COMMENT ON FUNCTION dunning.grant_mailer(regrole, text[]) IS
  'Lets a role claim, ack and nack the reminders of these tenants only (NULL: every tenant), and record their delivery events.';

CREATE FUNCTION dunning.grant_reader(role regrole, tenants text[]) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to_tenants(role, 'reader', tenants);
END;
COMMENT ON FUNCTION dunning.grant_reader(regrole, text[]) IS
  'Lets a role read the rows of these tenants only (NULL: every tenant, as grant_reader(role)): invoice_status, all_reminders, step_effectiveness, funnel, contacts_per_customer, the history and the delivery events, and the settings no tenant owns; not the views, functions and tables that do not yet tell tenants apart.';

/*
 * The grants of a reader given some tenants: what shows those tenants'
 * rows only, and the settings shared by all (laws, rates, fee schedules,
 * templates and locale rules in effect, the workers), and the analysts'
 * views, which count its tenants' reminders only (30_analytics.sql).  Not
 * the analysts' functions, the charges, suppressions, outcomes or the pass
 * log, which do not tell tenants apart yet.  (Called by apply_grant.)
 */
CREATE FUNCTION dunning.apply_tenant_reader(role_name name) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  obj text;
BEGIN
  FOR obj IN
    SELECT v FROM unnest(ARRAY['invoice_status', 'workers', 'templates_in_effect', 'locales_in_effect',
                                'reference_rates_in_effect', 'step_effectiveness', 'funnel',
                                'contacts_per_customer']) v
     WHERE to_regclass('dunning.' || v) IS NOT NULL
  LOOP
    EXECUTE format('GRANT SELECT ON dunning.%I TO %I', obj, role_name);
  END LOOP;
  IF to_regclass('dunning.all_reminders') IS NOT NULL THEN
    EXECUTE format('GRANT SELECT (id, customer_id, invoice_ids, policy, level, channel, status,'
                   ' available_at, attempts, lease_owner, lease_until, as_of, run_id, created_at,'
                   ' updated_at, archived_at, sent_at, tenant) ON dunning.all_reminders TO %I', role_name);
  END IF;
  EXECUTE format('GRANT SELECT ON dunning.history, dunning.law, dunning.fee_schedule,'
                 ' dunning.fee_band, dunning.reference_rate TO %I', role_name);
  EXECUTE format('GRANT SELECT (id, reminder_id, kind, at, tenant) ON dunning.reminder_event TO %I',
                 role_name);
  EXECUTE format('GRANT EXECUTE ON FUNCTION dunning.worker_status(),'
                 ' dunning.granted_tenants(name, text[]) TO %I', role_name);
END
$$;
COMMENT ON FUNCTION dunning.apply_tenant_reader(name) IS
  'Grants a reader given some tenants what shows only those tenants'' rows, and the settings shared by all.';

-- The history and the delivery events by tenant: a role given some
-- tenants reads theirs; the extension's owner (passes, the protocol) is
-- not subject to it.
ALTER TABLE dunning.history ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON dunning.history
  USING ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL
         OR tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[]));
COMMENT ON POLICY tenant_rows ON dunning.history IS
  'A reader given some tenants (grant_reader(role, tenants)) reads the entries of those tenants only; every other role with access reads them all.';
ALTER TABLE dunning.reminder_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON dunning.reminder_event
  USING ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL
         OR tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[]));
COMMENT ON POLICY tenant_rows ON dunning.reminder_event IS
  'A reader given some tenants (grant_reader(role, tenants)) reads the events of those tenants'' reminders only; every other role with access reads them all.';

CREATE FUNCTION dunning.grant_admin(role regrole, tenants text[]) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to_tenants(role, 'admin', tenants);
END;
COMMENT ON FUNCTION dunning.grant_admin(regrole, text[]) IS
  'Lets a role manage the campaigns of these tenants only (NULL: every tenant, as grant_admin(role)): their policies, steps, templates, calendars, holds and assignments, reading the shared ones; and read what a reader of these tenants reads.';

/*
 * Narrows the grants of an administrator given some tenants (called by
 * apply_grant after the grants of every administrator): its tenants'
 * campaigns (policies, steps, templates, calendars and holidays, holds,
 * assignments), under row-level security; the shared settings to read;
 * what a reader of its tenants reads.  Not the suppression list, the
 * laws, rates and fee schedules to change, which concern every tenant;
 * not the passes, previews, cancels, charges, statements or the
 * analysts' functions, which do not tell tenants apart yet.
 */
CREATE FUNCTION dunning.apply_tenant_admin(role_name name) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA dunning FROM %I', role_name);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON dunning.policy, dunning.step,'
                 ' dunning.template, dunning.calendar, dunning.holiday, dunning.hold,'
                 ' dunning.assignment TO %I', role_name);
  EXECUTE format('GRANT SELECT ON dunning.law, dunning.fee_schedule, dunning.fee_band,'
                 ' dunning.reference_rate, dunning.locale, dunning.locale_default,'
                 ' dunning.template_default, dunning.currency, dunning.templates_in_effect,'
                 ' dunning.locales_in_effect TO %I', role_name);
  PERFORM dunning.apply_tenant_reader(role_name);
  EXECUTE format('REVOKE EXECUTE ON FUNCTION dunning.run(timestamptz, boolean),'
                 ' dunning.preview(timestamptz, boolean, boolean), dunning.rediscover(),'
                 ' dunning.wake(), dunning.cancel(bigint[], text), dunning.cancel(bigint, text),'
                 ' dunning.waive(bigint, text), dunning.mark_posted(bigint[], text),'
                 ' dunning.prune(timestamptz), dunning.statement(text, date),'
                 ' dunning.statement_payload(text, date), dunning.ledger_as_of(date),'
                 ' dunning.aging(date, integer[]), dunning.collection_metrics(date, date),'
                 ' dunning.report(date), dunning.simulate(text, date, date),'
                 ' dunning.simulate_at(text, timestamptz[]) FROM %I', role_name);
END
$$;
COMMENT ON FUNCTION dunning.apply_tenant_admin(name) IS
  'Narrows an administrator''s grants to the campaigns of its tenants, under row-level security, and what a reader of those tenants reads.';

/*
 * Row-level security of the campaign tables: an administrator given some
 * tenants (grant_admin(role, tenants)) reads the shared rows and its
 * tenants' own, and changes only its tenants' own; every other role with
 * access, and the pass role, reads and changes them all.  The extension's
 * owner (passes, the protocol) is not subject to it.  Steps and holidays
 * belong to the tenant of their policy and calendar; a hold is read and
 * changed by its tenant's administrators only, and so is an assignment.
 */
DO $$
DECLARE
  g constant text := '(SELECT dunning.granted_tenants(CURRENT_USER, ''{admin}''))';
  own text;
  shared text;
  rel text;
BEGIN
  FOR rel, own, shared IN VALUES
    ('policy', 'tenant', 'tenant IS NULL'),
    ('template', 'tenant', 'tenant IS NULL'),
    ('calendar', 'tenant', 'tenant IS NULL'),
    ('hold', 'tenant', 'false'),
    ('assignment', 'tenant', 'false'),
    ('step', '(SELECT p.tenant FROM dunning.policy p WHERE p.name = step.policy)',
     'EXISTS (SELECT 1 FROM dunning.policy p WHERE p.name = step.policy)'),
    ('holiday', '(SELECT c.tenant FROM dunning.calendar c WHERE c.name = holiday.calendar)',
     'EXISTS (SELECT 1 FROM dunning.calendar c WHERE c.name = holiday.calendar)')
  LOOP
    EXECUTE format('ALTER TABLE dunning.%I ENABLE ROW LEVEL SECURITY', rel);
    EXECUTE format('CREATE POLICY tenant_read ON dunning.%I FOR SELECT'
                   ' USING (%s IS NULL OR %s OR %s = ANY (%s::text[]))', rel, g, shared, own, g);
    EXECUTE format('CREATE POLICY tenant_insert ON dunning.%I FOR INSERT'
                   ' WITH CHECK (%s IS NULL OR %s = ANY (%s::text[]))', rel, g, own, g);
    EXECUTE format('CREATE POLICY tenant_update ON dunning.%I FOR UPDATE'
                   ' USING (%s IS NULL OR %s = ANY (%s::text[]))'
                   ' WITH CHECK (%s IS NULL OR %s = ANY (%s::text[]))', rel, g, own, g, g, own, g);
    EXECUTE format('CREATE POLICY tenant_delete ON dunning.%I FOR DELETE'
                   ' USING (%s IS NULL OR %s = ANY (%s::text[]))', rel, g, own, g);
    EXECUTE format('COMMENT ON POLICY tenant_read ON dunning.%I IS %L', rel,
                   'An administrator given some tenants reads the shared rows and its tenants'' own; every other role with access reads them all.');
    EXECUTE format('COMMENT ON POLICY tenant_insert ON dunning.%I IS %L', rel,
                   'An administrator given some tenants adds rows of its tenants only.');
    EXECUTE format('COMMENT ON POLICY tenant_update ON dunning.%I IS %L', rel,
                   'An administrator given some tenants changes its tenants'' rows only, and keeps them theirs.');
    EXECUTE format('COMMENT ON POLICY tenant_delete ON dunning.%I IS %L', rel,
                   'An administrator given some tenants deletes its tenants'' rows only.');
  END LOOP;
END
$$;
