/*-------------------------------------------------------------------------
 *
 * 30_columns.sql
 *	  0.1 to 0.2: what policies and steps charge.
 *
 *-------------------------------------------------------------------------
 */

-- what a policy charges
ALTER TABLE dunning.policy
  ADD COLUMN law text REFERENCES dunning.law (name) ON UPDATE CASCADE,
  ADD COLUMN interest_from_level integer,
  ADD COLUMN compensation_from_level integer,
  ADD COLUMN customer_kind text NOT NULL DEFAULT 'business'
    CHECK (customer_kind IN ('business', 'consumer')),
  ADD COLUMN waive_first_fee boolean NOT NULL DEFAULT false,
  ADD COLUMN allocation text NOT NULL DEFAULT 'costs_first'
    CHECK (allocation IN ('costs_first', 'principal_first')),
  ADD COLUMN status text NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'paused', 'draft')),
  ADD COLUMN unsent_expiry interval;
COMMENT ON COLUMN dunning.policy.law IS
  'The late-payment law (dunning.law) whose interest and fixed compensation the policy charges; NULL for none.';
COMMENT ON COLUMN dunning.policy.interest_from_level IS
  'Statutory interest is charged on each reminder from this level on, for the days since the last charge; NULL: no interest.';
COMMENT ON COLUMN dunning.policy.compensation_from_level IS
  'The law''s fixed compensation is charged once per invoice, on its first reminder at this level or above; NULL: none.';
COMMENT ON COLUMN dunning.policy.customer_kind IS
  '''business'' or ''consumer'': which of the law''s rules apply to the policy''s customers, unless the customer binding says (its consumer column).';
COMMENT ON COLUMN dunning.policy.status IS
  '''active''; ''paused'': its customers keep it and their levels, nothing is sent, and on resuming each invoice gets what is due then, one step; ''draft'': passes ignore it (an assignment to it too) and only preview() uses it, to try a campaign before switching it on.';
COMMENT ON COLUMN dunning.policy.unsent_expiry IS
  'A reminder of the policy still unsent this long after it was emitted (nobody claims its channel, or it keeps failing) is cancelled as expired by the first pass of a day, its charges withdrawn; its invoices keep their level and go on; NULL: never.  Until then an invoice''s next level waits for it (no stacking).';
COMMENT ON COLUMN dunning.policy.allocation IS
  'How statements allocate a payment: ''costs_first'' (fees and compensation, then interest, then the principal: § 367 BGB) or ''principal_first''.';
COMMENT ON COLUMN dunning.policy.waive_first_fee IS
  'Empathy first: a customer paying late for the first time in a year (no reminder about another invoice, no fee, in the 12 months before) gets the fees of that notice waived, and the notice says so.';
CREATE OR REPLACE FUNCTION dunning.policy_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  what  text := format('policy "%s"', NEW.name);
  other text;
BEGIN
  IF NEW.name IS NULL OR btrim(NEW.name) = '' THEN
    RAISE EXCEPTION 'policy name must not be empty'
      USING ERRCODE = 'check_violation',
            HINT = 'Name the policy, for example ''standard''.';
  END IF;
  NEW.currency := upper(NEW.currency);
  IF NOT EXISTS (SELECT 1 FROM dunning.currency c WHERE c.code = NEW.currency) THEN
    RAISE EXCEPTION 'currency "%" is not an ISO 4217 code', NEW.currency
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use an active three-letter code such as EUR, USD or GBP; the table dunning.currency lists them.';
  END IF;
  PERFORM dunning.require_not_negative(what, 'min_open_amount', NEW.min_open_amount,
    'Use 0 to remind about every open amount.');
  PERFORM dunning.require_not_negative(what, 'grace_days', NEW.grace_days,
    'Use 0 to start as soon as the invoice is due.');
  PERFORM dunning.require_not_negative(what, 'min_days_between', NEW.min_days_between,
    'Give the number of days to wait between two reminders, such as 7.');
  PERFORM dunning.require_within(what, 'min_open_amount', NEW.min_open_amount, 0, 1e12,
    'Give the smallest amount worth a reminder, such as 5.00, or 0.');
  PERFORM dunning.require_within(what, 'grace_days', NEW.grace_days, 0, 3650,
    'Give a number of days of at most ten years.');
  PERFORM dunning.require_within(what, 'min_days_between', NEW.min_days_between, 0, 3650,
    'Give a number of days of at most ten years.');
  PERFORM dunning.require_within(what, 'max_reminders', NEW.max_reminders, 1, 1000,
    'Give the most contacts allowed in a period, such as 3, or NULL for no cap.');
  IF NEW.per_period > interval '366 days' THEN
    RAISE EXCEPTION 'per_period must be at most 366 days'
      USING ERRCODE = 'numeric_value_out_of_range',
            DETAIL = format('The %s has per_period %s.', what, NEW.per_period),
            HINT = 'Give the length of the contact cap''s period, such as ''30 days''.';
  END IF;
  PERFORM dunning.require_short(what, 'sender_name', NEW.sender_name, 200,
    'Give the name reminders come from, such as ''Accounts, Example SA''.');
  PERFORM dunning.require_short(what, 'contact_email', NEW.contact_email, 254,
    'Give one e-mail address.');
  PERFORM dunning.require_short(what, 'contact_phone', NEW.contact_phone, 50,
    'Give one phone number.');
  PERFORM dunning.require_short(what, 'payment_url', NEW.payment_url, 2000,
    'Give one web address.');
  IF NEW.max_reminders IS NOT NULL AND NEW.max_reminders < 1 THEN
    RAISE EXCEPTION 'max_reminders must be at least 1'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has max_reminders %s.', what, NEW.max_reminders),
            HINT = 'Use NULL for no cap on contacts.';
  END IF;
  IF NEW.per_period <= interval '0' THEN
    RAISE EXCEPTION 'per_period must be positive'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has per_period %s.', what, NEW.per_period),
            HINT = 'Give the length of the contact cap''s period, such as ''30 days''.';
  END IF;
  IF NEW.unsent_expiry IS NOT NULL
     AND (NEW.unsent_expiry < interval '1 day' OR NEW.unsent_expiry > interval '366 days') THEN
    RAISE EXCEPTION 'unsent_expiry must be between 1 and 366 days'
      USING ERRCODE = 'numeric_value_out_of_range',
            DETAIL = format('The %s has unsent_expiry %s.', what, NEW.unsent_expiry),
            HINT = 'Give how long an unsent reminder may wait, such as ''14 days'', or NULL for never.';
  END IF;
  IF NEW.status IS NULL OR NEW.status NOT IN ('active', 'paused', 'draft') THEN
    RAISE EXCEPTION 'unknown policy status "%"', NEW.status
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use ''active'', ''paused'' (nothing is sent; its customers keep it) or ''draft'' (only preview() uses it).';
  END IF;
  IF NEW.first_contact IS NULL OR NEW.first_contact NOT IN ('gentlest', 'by_age') THEN
    RAISE EXCEPTION 'unknown first_contact "%"', NEW.first_contact
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use ''gentlest'' (every invoice starts at the first step) or ''by_age'' (an invoice first seen starts at the step its days overdue have reached).';
  END IF;
  IF NEW.group_by NOT IN ('invoice', 'customer') THEN
    RAISE EXCEPTION 'unknown group_by "%"', NEW.group_by
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use ''invoice'' for one reminder per invoice or ''customer'' for one consolidated reminder per customer.';
  END IF;
  IF cardinality(NEW.send_days) = 0
     OR EXISTS (SELECT 1 FROM unnest(NEW.send_days) d WHERE d IS NULL OR d NOT BETWEEN 1 AND 7) THEN
    RAISE EXCEPTION 'send_days must list ISO weekdays from 1 to 7'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has send_days %s.', what, NEW.send_days),
            HINT = 'Use 1 for Monday through 7 for Sunday, such as ''{1,2,3,4,5}''.';
  END IF;
  IF NEW.send_from >= NEW.send_until THEN
    RAISE EXCEPTION 'send_from must be earlier than send_until'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has send_from %s and send_until %s.',
                            what, NEW.send_from, NEW.send_until),
            HINT = 'Give a window within one day, such as 09:00 to 17:00.';
  END IF;
  IF NOT dunning.time_zone_is_valid(NEW.time_zone) THEN
    RAISE EXCEPTION 'time zone "%" is not recognized', NEW.time_zone
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use a name from pg_timezone_names, such as Europe/Paris.';
  END IF;
  IF NEW.calendar IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM dunning.calendar c WHERE c.name = NEW.calendar) THEN
    RAISE EXCEPTION 'calendar "%" does not exist', NEW.calendar
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Create it in dunning.calendar first, or use NULL for no holidays.';
  END IF;
  IF NEW.language !~ '^[a-z]{2,3}$' THEN
    RAISE EXCEPTION 'language "%" is not a language code', NEW.language
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use a two-letter code in lower case, such as en, fr or de.';
  END IF;
  IF NEW.payment_url !~ '^https?://[^[:space:]]+$' THEN
    RAISE EXCEPTION 'payment_url "%" is not a web address', NEW.payment_url
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('The %s gives it to customers as the place to pay.', what),
            HINT = 'Use an address that starts with https:// (or http://), without spaces.';
  END IF;
  IF NEW.contact_email !~ '^[^@[:space:]]+@[^@[:space:]]+$' THEN
    RAISE EXCEPTION 'contact_email "%" is not an e-mail address', NEW.contact_email
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use an address such as accounts@example.com, or NULL.';
  END IF;
  PERFORM dunning.require_within(what, 'interest_from_level', NEW.interest_from_level, 1, 1000,
    'Give the level of the first reminder that charges interest, such as 2, or NULL.');
  PERFORM dunning.require_within(what, 'compensation_from_level', NEW.compensation_from_level, 1, 1000,
    'Give the level of the reminder that charges the fixed compensation, such as 2, or NULL.');
  IF (NEW.interest_from_level IS NOT NULL OR NEW.compensation_from_level IS NOT NULL)
     AND NEW.law IS NULL THEN
    RAISE EXCEPTION 'the % charges interest or compensation but names no law', what
      USING ERRCODE = 'check_violation',
            HINT = 'Name a law in law (dunning.law lists them: eu_b2b, de, fr, uk, nl), or set interest_from_level and compensation_from_level to NULL.';
  END IF;
  SELECT f.name INTO other
    FROM dunning.law l
    JOIN dunning.fee_schedule f
      ON f.name = CASE NEW.customer_kind WHEN 'consumer' THEN l.compensation_consumer
                                         ELSE l.compensation_business END
   WHERE l.name = NEW.law AND f.currency <> NEW.currency
     AND NEW.compensation_from_level IS NOT NULL;
  IF FOUND THEN
    RAISE EXCEPTION 'the compensation of law "%" is not in the currency of the %', NEW.law, what
      USING ERRCODE = 'check_violation',
            DETAIL = format('Its fee schedule "%s" is not in %s.', other, NEW.currency),
            HINT = 'Use a law whose compensation is in the policy''s currency, or a law of your own with a schedule in it.';
  END IF;
  IF NEW.active_until IS NOT NULL AND NEW.active_until <= NEW.active_from THEN
    RAISE EXCEPTION 'active_until must be later than active_from'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has active_from %s and active_until %s.',
                            what, NEW.active_from, NEW.active_until),
            HINT = 'Use NULL for a policy that never ends.';
  END IF;
  IF NEW.is_default THEN
    SELECT p.name INTO other FROM dunning.policy p
     WHERE p.currency = NEW.currency AND p.is_default AND p.name <> NEW.name
       AND (TG_OP = 'INSERT' OR p.name <> OLD.name);
    IF FOUND THEN
      RAISE EXCEPTION 'currency "%" already has a default policy', NEW.currency
        USING ERRCODE = 'unique_violation',
              DETAIL = format('The policy "%s" is the default for %s.', other, NEW.currency),
              HINT = 'Set is_default to false on one of the two policies.';
    END IF;
  END IF;
  RETURN NEW;
END
$$;

-- an invoice whose policy is paused waits for it
COMMENT ON COLUMN dunning.invoice_state.waiting_for IS
  'Why nothing was sent at the last look: grace, hold, min_open_amount, interval, next_step, last_step, contact_cap, send_cap, no_policy, paused (its policy is paused), previous_unsent (its last reminder is still in the queue: no stacking), invalid_recipient (the customer''s address or phone number for the step''s channel is not one), no_recipient (the customer binding binds that address or number, and the customer has none), undeliverable (it is on dunning.suppression), bad_data (the ledger''s or the customer''s row holds a value no pass can use); those four are looked at again the next day, and problem says why. A step''s fallback channel is used before an invoice waits for its recipient.';

-- a step's fee, from a schedule
ALTER TABLE dunning.step
  ADD COLUMN fee_schedule text REFERENCES dunning.fee_schedule (name) ON UPDATE CASCADE;
COMMENT ON COLUMN dunning.step.fee IS
  'Fee charged on each invoice this step reminds, once per invoice and level, in the policy''s currency: a row of dunning.charge, never a change to the ledger.';
COMMENT ON COLUMN dunning.step.fee_schedule IS
  'A fee schedule (dunning.fee_schedule) that gives the fee by the invoice''s open amount, instead of the fixed fee; NULL: the fixed fee.';


