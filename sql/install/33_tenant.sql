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
 * may name one (NULL: every tenant).  A policy may belong to a tenant,
 * whose invoices take it before the shared default of their currency.  grant_mailer(role, tenants) gives a
 * mailer the reminders of those tenants only; grant_reader(role, tenants)
 * gives a reader what tells those tenants' rows apart, and only their rows:
 * invoice_status and all_reminders filter on the reader's tenants
 * (21_derived_views.sql), the history by row-level security.
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
ALTER TABLE dunning.charge ADD COLUMN tenant text;
COMMENT ON COLUMN dunning.charge.tenant IS
  'The tenant of the invoice charged, when the ledger binds one.';
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
  'Lets a role read the rows of these tenants only (NULL: every tenant, as grant_reader(role)): invoice_status, all_reminders and the history, and the settings no tenant owns; not the views and tables that do not yet tell tenants apart.';

/*
 * The grants of a reader given some tenants: what shows those tenants'
 * rows only, and the settings shared by all (laws, rates, fee schedules,
 * templates and locale rules in effect, the workers).  Not the analysts'
 * views and functions, the charges, events, suppressions, outcomes or the
 * pass log, which do not tell tenants apart yet.  (Called by apply_grant.)
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
                                'reference_rates_in_effect']) v
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
  EXECUTE format('GRANT EXECUTE ON FUNCTION dunning.worker_status(),'
                 ' dunning.granted_tenants(name, text[]) TO %I', role_name);
END
$$;
COMMENT ON FUNCTION dunning.apply_tenant_reader(name) IS
  'Grants a reader given some tenants what shows only those tenants'' rows, and the settings shared by all.';

-- The history by tenant: a role given some tenants reads their entries;
-- the extension's owner (passes, the protocol) is not subject to it.
ALTER TABLE dunning.history ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON dunning.history
  USING ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}')) IS NULL
         OR tenant = ANY ((SELECT dunning.granted_tenants(CURRENT_USER, '{reader,admin}'))::text[]));
COMMENT ON POLICY tenant_rows ON dunning.history IS
  'A reader given some tenants (grant_reader(role, tenants)) reads the entries of those tenants only; every other role with access reads them all.';
