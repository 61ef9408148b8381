/*-------------------------------------------------------------------------
 *
 * 18_statement.sql
 *	  Statements of account: what a customer owes, invoice by invoice, and
 *	  how their payments are allocated.
 *
 * For each invoice of the customer still open in the ledger or owing a
 * charge: the principal, the charges by kind (not waived, raised by then),
 * the payments (with a payments binding) and their allocation by the
 * policy's rule, and the total due.  The ledger applies a payment to the
 * principal; under 'costs_first' (§ 367 BGB) the same payments pay the
 * fees and compensation first, then interest, then the principal, so the
 * principal still owed is higher and the charges lower by as much: the
 * total due is the same.  Read with the caller's rights, like any query of
 * the ledger.
 *
 *-------------------------------------------------------------------------
 */

CREATE OR REPLACE FUNCTION dunning.statement(customer_id text, as_of date DEFAULT CURRENT_DATE)
RETURNS TABLE (invoice_id text, reference text, currency text, due_on date,
               principal numeric, fees numeric, interest numeric, compensation numeric,
               paid numeric, paid_to_costs numeric, paid_to_interest numeric,
               paid_to_principal numeric, total_due numeric, allocation text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  key_type text;
  payments boolean;
BEGIN
  SELECT b.customer_key_type INTO key_type FROM dunning.binding b WHERE b.kind = 'ledger';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no ledger is bound'
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'Bind your invoice table with dunning.bind_ledger() first.';
  END IF;
  IF customer_id IS NULL OR as_of IS NULL THEN
    RAISE EXCEPTION 'customer_id and as_of must not be null'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Give the customer''s key and the day of the statement.';
  END IF;
  payments := EXISTS (SELECT 1 FROM dunning.binding b WHERE b.kind = 'payments');
  RETURN QUERY EXECUTE format($q$
    -- the ledger's rows are read apart from dunning's own tables (a query
    -- that joins them is one Citus cannot plan when the ledger is
    -- distributed), then each gets its allocation rule
    WITH ledger AS MATERIALIZED (
      SELECT l.invoice_id, l.customer_id, l.reference::text AS reference, l.currency,
             l.due_on::date AS due_on, l.open_amount::numeric AS open_amount, l.tenant
        FROM dunning.ledger l
       WHERE l.customer_id = $1::%1$s),
    inv AS (
      SELECT l.invoice_id, l.reference, l.currency, l.due_on, l.open_amount,
             -- the rule of the policy that raised its last charge, else of
             -- the one that applies to it
             coalesce((SELECT p.allocation FROM dunning.charge c
                         JOIN dunning.policy p ON p.name = c.policy
                        WHERE c.invoice_id = l.invoice_id ORDER BY c.id DESC LIMIT 1),
                      (SELECT p.allocation FROM dunning.invoice_state s
                         JOIN dunning.policy p ON p.name = s.policy
                        WHERE s.invoice_id = l.invoice_id),
                      -- (with tenants: the invoice's tenant's, before the shared)
                      (SELECT p.allocation FROM dunning.assignment a
                         JOIN dunning.policy p ON p.name = a.policy
                        WHERE a.customer_id = l.customer_id
                          AND (a.tenant IS NULL OR a.tenant = l.tenant)
                        ORDER BY a.tenant NULLS LAST LIMIT 1),
                      (SELECT p.allocation FROM dunning.policy p
                        WHERE p.is_default AND (l.currency IS NULL OR p.currency = upper(l.currency))
                          AND (p.tenant IS NULL OR p.tenant = l.tenant)
                        ORDER BY p.tenant NULLS LAST, p.name LIMIT 1),
                      'costs_first') AS allocation
        FROM ledger l),
    charged AS (
      SELECT c.invoice_id,
             coalesce(sum(c.amount) FILTER (WHERE c.kind = 'fee'), 0) AS fees,
             coalesce(sum(c.amount) FILTER (WHERE c.kind = 'interest'), 0) AS interest,
             coalesce(sum(c.amount) FILTER (WHERE c.kind = 'compensation'), 0) AS compensation
        FROM dunning.charge c
       WHERE c.customer_id = $1::%1$s
         AND c.raised_at < ($2 + 1)::timestamptz
         AND (c.waived_at IS NULL OR c.waived_at >= ($2 + 1)::timestamptz)
       GROUP BY c.invoice_id),
    paid AS (%2$s),
    rows AS (
      SELECT i.invoice_id, i.reference, i.currency, i.due_on, i.allocation,
             -- the ledger's open amount now, and what was paid after the day
             i.open_amount + coalesce(p.after, 0) AS open_then,
             coalesce(c.fees, 0) AS fees, coalesce(c.interest, 0) AS interest,
             coalesce(c.compensation, 0) AS compensation, p.paid
        FROM inv i
        LEFT JOIN charged c ON c.invoice_id = i.invoice_id
        LEFT JOIN paid p ON p.invoice_id = i.invoice_id),
    split AS (
      SELECT r.*,
             CASE WHEN r.allocation = 'costs_first'
                  THEN least(coalesce(r.paid, 0), r.fees + r.compensation) ELSE 0 END AS to_costs
        FROM rows r),
    split2 AS (
      SELECT s.*,
             CASE WHEN s.allocation = 'costs_first'
                  THEN least(coalesce(s.paid, 0) - s.to_costs, s.interest) ELSE 0 END AS to_interest
        FROM split s)
    SELECT x.invoice_id::text, x.reference, x.currency, x.due_on,
           x.open_then + x.to_costs + x.to_interest,
           x.fees, x.interest, x.compensation, x.paid,
           CASE WHEN x.paid IS NOT NULL THEN x.to_costs END,
           CASE WHEN x.paid IS NOT NULL THEN x.to_interest END,
           CASE WHEN x.paid IS NOT NULL THEN x.paid - x.to_costs - x.to_interest END,
           x.open_then + x.fees + x.interest + x.compensation,
           x.allocation
      FROM split2 x
     WHERE x.open_then > 0 OR x.fees + x.interest + x.compensation > 0
     ORDER BY x.due_on, x.invoice_id::text
    $q$, key_type,
    CASE WHEN payments
         THEN 'SELECT p.invoice_id, sum(p.amount::numeric) FILTER (WHERE p.paid_on::date <= $2) AS paid,'
              '       sum(p.amount::numeric) FILTER (WHERE p.paid_on::date > $2) AS after'
              '  FROM dunning.payment p WHERE p.invoice_id IN (SELECT i.invoice_id FROM inv i)'
              ' GROUP BY p.invoice_id'
         ELSE 'SELECT NULL::' || (SELECT b.invoice_key_type FROM dunning.binding b WHERE b.kind = 'ledger')
              || ' AS invoice_id, NULL::numeric AS paid, NULL::numeric AS after WHERE false' END)
  USING customer_id, as_of;
END
$$;
COMMENT ON FUNCTION dunning.statement(text, date) IS
  'A statement of account as of a day: each invoice of the customer still open or owing a charge, with its principal, fees, interest and compensation (not waived), its payments (with a payments binding) allocated by the policy''s rule (costs first, § 367 BGB, or principal first), and the total due; read with the caller''s rights.';

/*
 * A statement as a payload: the fields of a reminder's payload
 * (src/payload.h) that a statement has, so that a template renders it like
 * a reminder (the shipped one is named 'statement'):
 *
 *	SELECT * FROM dunning.render_reminder(dunning.statement_payload('C7'));
 *
 * The invoices are those of the statement in the currency of the policy
 * that applies to the customer (their assignment, else the default policy
 * of that currency, else the only default); open_amount is the principal
 * still owed under the allocation, and fees, interest and compensation
 * what is still owed of each.
 */
CREATE OR REPLACE FUNCTION dunning.statement_payload(customer_id text,
                                                     as_of date DEFAULT CURRENT_DATE)
RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  pol dunning.policy;
  cust jsonb;
  key_type text;
  body jsonb;
BEGIN
  SELECT p.* INTO pol FROM dunning.assignment a JOIN dunning.policy p ON p.name = a.policy
   WHERE a.customer_id::text = statement_payload.customer_id
   ORDER BY a.tenant NULLS LAST LIMIT 1;
  IF NOT FOUND THEN
    SELECT p.* INTO pol FROM dunning.policy p
     WHERE p.is_default
       AND p.currency IN (SELECT upper(s.currency) FROM dunning.statement(statement_payload.customer_id,
                                                                          statement_payload.as_of) s)
     ORDER BY p.name LIMIT 1;
  END IF;
  IF NOT FOUND THEN
    SELECT p.* INTO pol FROM dunning.policy p WHERE p.is_default ORDER BY p.name LIMIT 1;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no policy applies to customer %', customer_id
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'Assign the customer a policy, or make one policy the default of its currency: a statement takes its contact data and language from it.';
  END IF;
  -- a company unless the binding, or else the policy, says a consumer
  cust := jsonb_build_object('id', customer_id, 'name', NULL, 'email', NULL, 'phone', NULL,
                             'locale', NULL, 'time_zone', NULL,
                             'company', pol.customer_kind = 'business');
  SELECT b.customer_key_type INTO key_type FROM dunning.binding b WHERE b.kind = 'customers';
  IF FOUND THEN
    EXECUTE format('SELECT jsonb_build_object(''id'', $1, ''name'', c.name, ''email'', c.email,'
                   ' ''phone'', c.phone, ''locale'', c.locale, ''time_zone'', c.time_zone,'
                   ' ''company'', coalesce(NOT c.consumer, $2))'
                   ' FROM dunning.customer c WHERE c.customer_id = $1::%s LIMIT 1', key_type)
      INTO cust USING customer_id, pol.customer_kind = 'business';
    cust := coalesce(cust, jsonb_build_object('id', customer_id,
                                              'company', pol.customer_kind = 'business'));
  END IF;
  SELECT jsonb_build_object(
           'invoices', coalesce(jsonb_agg(jsonb_build_object(
              'invoice_id', s.invoice_id, 'reference', s.reference, 'due_on', s.due_on,
              'days_overdue', greatest(statement_payload.as_of - s.due_on, 0), 'level', NULL,
              'open_amount', s.principal,
              -- what is still owed of each: the payments allocated to them
              -- paid the fees, then the compensation, and the interest
              'fees', o.fees, 'interest', o.interest, 'compensation', o.compensation,
              'total_due', s.total_due) ORDER BY s.due_on, s.invoice_id), '[]'::jsonb),
           'total_open', coalesce(sum(s.principal), 0),
           'total_due', coalesce(sum(s.total_due), 0))
    INTO body
    FROM dunning.statement(statement_payload.customer_id, statement_payload.as_of) s
   CROSS JOIN LATERAL (
     SELECT greatest(s.fees - coalesce(s.paid_to_costs, 0), 0) AS fees,
            s.fees + s.compensation - coalesce(s.paid_to_costs, 0)
              - greatest(s.fees - coalesce(s.paid_to_costs, 0), 0) AS compensation,
            s.interest - coalesce(s.paid_to_interest, 0) AS interest) o
   WHERE s.currency IS NULL OR upper(s.currency) = pol.currency;
  RETURN body || jsonb_build_object(
    'policy', pol.name, 'level', NULL, 'channel', 'email', 'template', 'statement',
    'fee', 0, 'fee_waived', 0, 'currency', pol.currency, 'customer', cust,
    'total_fees', (SELECT coalesce(sum((e->>'fees')::numeric), 0) FROM jsonb_array_elements(body->'invoices') e),
    'total_interest', (SELECT coalesce(sum((e->>'interest')::numeric), 0) FROM jsonb_array_elements(body->'invoices') e),
    'total_compensation', (SELECT coalesce(sum((e->>'compensation')::numeric), 0) FROM jsonb_array_elements(body->'invoices') e),
    'total_charges', (SELECT coalesce(sum((e->>'fees')::numeric + (e->>'interest')::numeric
                                          + (e->>'compensation')::numeric), 0)
                        FROM jsonb_array_elements(body->'invoices') e),
    'interest_rate', NULL,
    'legal_basis', (SELECT l.legal_basis FROM dunning.law l WHERE l.name = pol.law
                     AND EXISTS (SELECT 1 FROM jsonb_array_elements(body->'invoices') e
                                  WHERE (e->>'interest')::numeric + (e->>'compensation')::numeric > 0)),
    'as_of', as_of, 'payment_url', pol.payment_url,
    'contact', jsonb_build_object('name', pol.sender_name, 'email', pol.contact_email,
                                  'phone', pol.contact_phone),
    'next_step', NULL);
END
$$;
COMMENT ON FUNCTION dunning.statement_payload(text, date) IS
  'A statement of account as a reminder''s payload (the fields of dunning.payload_fields() a statement has), for a template: dunning.render_reminder(dunning.statement_payload(customer_id)) renders the shipped template ''statement''.';
