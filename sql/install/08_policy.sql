/*-------------------------------------------------------------------------
 *
 * 08_policy.sql
 *	  Policies and their checks.
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.policy (
  name             text PRIMARY KEY,
  currency         text NOT NULL REFERENCES dunning.currency (code),
  is_default       boolean NOT NULL DEFAULT false,
  min_open_amount  numeric NOT NULL DEFAULT 0,
  grace_days       integer NOT NULL DEFAULT 0,
  min_days_between integer NOT NULL DEFAULT 7,
  group_by         text NOT NULL DEFAULT 'invoice',
  max_reminders    integer,
  per_period       interval NOT NULL DEFAULT '30 days',
  send_days        integer[] NOT NULL DEFAULT '{1,2,3,4,5}',
  send_from        time NOT NULL DEFAULT '09:00',
  send_until       time NOT NULL DEFAULT '17:00',
  time_zone        text NOT NULL DEFAULT 'UTC',
  calendar         text REFERENCES dunning.calendar (name) ON UPDATE CASCADE,
  language         text NOT NULL DEFAULT 'en',
  sender_name      text,
  contact_email    text,
  contact_phone    text,
  payment_url      text,
  active_from      timestamptz NOT NULL DEFAULT '-infinity',
  active_until     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
  -- money (0.2)
  law              text REFERENCES dunning.law (name) ON UPDATE CASCADE,
  interest_from_level     integer,
  compensation_from_level integer,
  customer_kind    text NOT NULL DEFAULT 'business'
                     CHECK (customer_kind IN ('business', 'consumer')),
  waive_first_fee  boolean NOT NULL DEFAULT false,
  allocation       text NOT NULL DEFAULT 'costs_first'
                     CHECK (allocation IN ('costs_first', 'principal_first')),
  -- steering (0.2)
  status           text NOT NULL DEFAULT 'active'
                     CHECK (status IN ('active', 'paused', 'draft')),
  unsent_expiry    interval,
  first_contact    text NOT NULL DEFAULT 'gentlest'
                     CHECK (first_contact IN ('gentlest', 'by_age'))
);
COMMENT ON TABLE dunning.policy IS
  'Dunning policies: who is reminded, how often, when, and at most how many times.';
COMMENT ON COLUMN dunning.policy.currency IS
  'ISO 4217 code of the invoices the policy is for.';
COMMENT ON COLUMN dunning.policy.is_default IS
  'The policy of every customer of this currency without an assignment; at most one per currency.';
COMMENT ON COLUMN dunning.policy.min_open_amount IS
  'Open amounts below this are not reminded (with group_by = ''customer'': a notice whose invoices total less).';
COMMENT ON COLUMN dunning.policy.grace_days IS
  'Days after the due date during which nothing is sent.';
COMMENT ON COLUMN dunning.policy.min_days_between IS
  'Days that must pass after a reminder before the next level is sent.';
COMMENT ON COLUMN dunning.policy.group_by IS
  '''invoice'': one reminder per invoice; ''customer'': one consolidated reminder per customer and pass.';
COMMENT ON COLUMN dunning.policy.max_reminders IS
  'At most this many reminders per customer per per_period; NULL for no cap.';
COMMENT ON COLUMN dunning.policy.send_days IS
  'ISO weekdays (1 = Monday ... 7 = Sunday) on which reminders may go out.';
COMMENT ON COLUMN dunning.policy.send_from IS
  'Start of the daily send window, in the customer''s time zone (else the policy''s).';
COMMENT ON COLUMN dunning.policy.send_until IS
  'End of the daily send window, in the customer''s time zone (else the policy''s).';
COMMENT ON COLUMN dunning.policy.time_zone IS
  'Time zone of the send window for customers without one of their own.';
COMMENT ON COLUMN dunning.policy.calendar IS
  'Calendar whose holidays are skipped; NULL for none.';
COMMENT ON COLUMN dunning.policy.language IS
  'Language of the templates for customers whose locale has none.';
COMMENT ON COLUMN dunning.policy.sender_name IS
  'Who the reminders come from, as templates write it ({{contact.name}}).';
COMMENT ON COLUMN dunning.policy.contact_email IS
  'Where customers can write about their account ({{contact.email}}).';
COMMENT ON COLUMN dunning.policy.contact_phone IS
  'Where customers can call about their account ({{contact.phone}}).';
COMMENT ON COLUMN dunning.policy.payment_url IS
  'Where customers pay ({{payment_url}}): an http or https address.';
COMMENT ON COLUMN dunning.policy.active_from IS
  'The policy applies from this moment on; a future value schedules it.';
COMMENT ON COLUMN dunning.policy.active_until IS
  'The policy stops applying at this moment; NULL for never.';
COMMENT ON COLUMN dunning.policy.law IS
  'The late-payment law (dunning.law) whose interest and fixed compensation the policy charges; NULL for none.';
COMMENT ON COLUMN dunning.policy.interest_from_level IS
  'Statutory interest is charged on each reminder from this level on, for the days since the last charge; NULL: no interest.';
COMMENT ON COLUMN dunning.policy.compensation_from_level IS
  'The law''s fixed compensation is charged once per invoice, on its first reminder at this level or above; NULL: none.';
COMMENT ON COLUMN dunning.policy.customer_kind IS
  '''business'' or ''consumer'': which of the law''s rules apply to the policy''s customers, unless the customer binding says (its consumer column).';
COMMENT ON COLUMN dunning.policy.first_contact IS
  '''gentlest'': an invoice first seen past several steps gets the first step, then one step at a time; ''by_age'': it starts at the highest step its days overdue have reached (a backlog on the first day of a campaign).';
COMMENT ON COLUMN dunning.policy.status IS
  '''active''; ''paused'': its customers keep it and their levels, nothing is sent, and on resuming each invoice gets what is due then, one step; ''draft'': passes ignore it (an assignment to it too) and only preview() uses it, to try a campaign before switching it on.';
COMMENT ON COLUMN dunning.policy.unsent_expiry IS
  'A reminder of the policy still unsent this long after it was emitted (nobody claims its channel, or it keeps failing) is cancelled as expired by the first pass of a day, its charges withdrawn; its invoices keep their level and go on; NULL: never.  Until then an invoice''s next level waits for it (no stacking).';
COMMENT ON COLUMN dunning.policy.allocation IS
  'How statements allocate a payment: ''costs_first'' (fees and compensation, then interest, then the principal: § 367 BGB) or ''principal_first''.';
COMMENT ON COLUMN dunning.policy.waive_first_fee IS
  'Empathy first: a customer paying late for the first time in a year (no reminder about another invoice, no fee, in the 12 months before) gets the fees of that notice waived, and the notice says so.';

-- The race guard behind the trigger's friendlier message.
CREATE UNIQUE INDEX policy_one_default_per_currency
  ON dunning.policy (currency) WHERE is_default;
COMMENT ON INDEX dunning.policy_one_default_per_currency IS
  'At most one default policy per currency.';

-- Checks a policy row and normalises its currency code.
CREATE FUNCTION dunning.policy_check() RETURNS trigger
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
COMMENT ON FUNCTION dunning.policy_check() IS
  'Trigger: rejects a policy row that makes no sense, with a message that says why.';

CREATE TRIGGER policy_check BEFORE INSERT OR UPDATE ON dunning.policy
  FOR EACH ROW EXECUTE FUNCTION dunning.policy_check();
COMMENT ON TRIGGER policy_check ON dunning.policy IS
  'Rejects nonsense in policies.';
