/*-------------------------------------------------------------------------
 *
 * 25_outcome.sql
 *	  What came of a reminder: a collector's call or task, or the customer's
 *	  own answer through a self-service token.
 *
 * phone and task steps are a worklist: a collector's tool claims them with
 * dunning.claim(consumer, n, lease, '{phone,task}') like any consumer, and
 * says what came of each with dunning.record_outcome().  A promise to pay
 * or a dispute becomes the matching hold on the reminder's invoices; a
 * wrong number lists the number on the suppression list; paid, no answer
 * and a message left are kept for the people who follow up.
 *
 * Every reminder's payload carries a signed token (src/token.c).  The
 * team's own web page passes it to dunning.accept_promise() or
 * dunning.open_dispute(), which place the same holds; a tampered or
 * expired token is refused.
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.outcome (
  id           bigserial PRIMARY KEY,
  reminder_id  bigint NOT NULL,
  customer_id  text NOT NULL,
  outcome      text NOT NULL
               CHECK (outcome IN ('promised', 'disputed', 'paid', 'wrong_number', 'no_answer', 'left_message')),
  promised_until date,
  promised_amount numeric,
  reason       text,
  note         text,
  hold_ids     bigint[],
  recorded_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
  recorded_by  name NOT NULL DEFAULT session_user,
  CHECK (outcome <> 'promised' OR promised_until IS NOT NULL),
  CHECK (outcome <> 'disputed' OR reason IS NOT NULL)
);
CREATE INDEX outcome_reminder ON dunning.outcome (reminder_id);
CREATE INDEX outcome_customer ON dunning.outcome (customer_id);
COMMENT ON TABLE dunning.outcome IS
  'What came of a collector''s call or task, as dunning.record_outcome() recorded it, with the holds it placed.';
COMMENT ON COLUMN dunning.outcome.customer_id IS
  'The reminder''s customer, in the ledger''s own customer key type.';
COMMENT ON COLUMN dunning.outcome.outcome IS
  'promised (to pay by promised_until), disputed (reason), paid (the customer says so: the ledger will tell), wrong_number, no_answer or left_message.';
COMMENT ON COLUMN dunning.outcome.promised_amount IS
  'The amount the customer promised, if they said; the hold lasts until promised_until either way.';
COMMENT ON COLUMN dunning.outcome.reason IS
  'Why the customer disputes the invoices.';
COMMENT ON COLUMN dunning.outcome.note IS
  'The collector''s own words.';
COMMENT ON COLUMN dunning.outcome.hold_ids IS
  'The holds a promise or a dispute placed on the reminder''s invoices (dunning.hold).';
COMMENT ON SEQUENCE dunning.outcome_id_seq IS 'Identifiers of outcomes.';
COMMENT ON INDEX dunning.outcome_reminder IS 'Finds the outcomes of a reminder.';
COMMENT ON INDEX dunning.outcome_customer IS 'Finds the outcomes of a customer.';

INSERT INTO dunning.key_column (relation, column_name, role, is_array) VALUES
  ('dunning.outcome', 'customer_id', 'customer', false);

/*
 * Keep an outcome of a reminder, and place the hold it calls for on each
 * of the reminder's invoices: a promise until its day, a dispute until the
 * hold is deleted; a promised amount must be one.  Returns the outcome's
 * id.
 */
CREATE FUNCTION dunning.keep_outcome(r dunning.reminder, outcome text, until date,
                                     amount numeric, reason text, note text)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  holds bigint[];
  outcome_id bigint;
BEGIN
  IF amount IS NOT NULL AND NOT (amount > 0 AND amount < 'Infinity') THEN
    RAISE EXCEPTION 'a promised amount must be positive'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('It was %s.', amount),
            HINT = 'Pass the amount the customer promised, or NULL if they did not say.';
  END IF;
  IF outcome IN ('promised', 'disputed') THEN
    WITH placed AS (
      INSERT INTO dunning.hold (invoice_id, reason, until, note)
      SELECT i, CASE outcome WHEN 'promised' THEN 'promise_to_pay' ELSE 'dispute' END,
             CASE outcome WHEN 'promised' THEN until END,
             concat_ws(': ', format('reminder %s', r.id),
                       CASE WHEN outcome = 'promised' AND amount IS NOT NULL
                            THEN format('promised %s', amount) END,
                       reason, note)
        FROM unnest(r.invoice_ids) AS i
      RETURNING id)
    SELECT pg_catalog.array_agg(p.id ORDER BY p.id) INTO holds FROM placed p;
  END IF;
  INSERT INTO dunning.outcome (reminder_id, customer_id, outcome, promised_until,
                               promised_amount, reason, note, hold_ids)
  VALUES (r.id, r.customer_id, outcome, CASE outcome WHEN 'promised' THEN until END,
          CASE outcome WHEN 'promised' THEN amount END, reason, note, holds)
  RETURNING id INTO outcome_id;
  RETURN outcome_id;
END
$$;
COMMENT ON FUNCTION dunning.keep_outcome(dunning.reminder, text, date, numeric, text, text) IS
  'Keeps an outcome of a reminder in dunning.outcome, with the holds a promise (until its day) or a dispute (until deleted) places on its invoices; returns its id.';

/*
 * Record what came of a phone or task reminder, claimed by the session's
 * role.  A promise (until, and the amount if said) holds each invoice of
 * the reminder until that day; a dispute (reason) holds them until the
 * hold is deleted; a wrong number lists the number it was called on.
 */
CREATE FUNCTION dunning.record_outcome(reminder_id bigint, outcome text,
                                       until date DEFAULT NULL, amount numeric DEFAULT NULL,
                                       reason text DEFAULT NULL, note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r dunning.reminder;
BEGIN
  IF outcome IS NULL OR outcome NOT IN ('promised', 'disputed', 'paid', 'wrong_number',
                                        'no_answer', 'left_message') THEN
    RAISE EXCEPTION 'unknown outcome "%"', outcome
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use promised, disputed, paid, wrong_number, no_answer or left_message.';
  END IF;
  IF outcome = 'promised' AND until IS NULL THEN
    RAISE EXCEPTION 'a promise to pay needs the day it is due'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Pass until => the day the customer promised to pay by.';
  END IF;
  IF outcome = 'disputed' AND coalesce(btrim(reason), '') = '' THEN
    RAISE EXCEPTION 'a dispute needs a reason'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Pass reason => what the customer disputes, in a few words.';
  END IF;
  r := dunning.locked_reminder(reminder_id,
         'Pass the id of a phone or task reminder that dunning.claim() handed out.');
  PERFORM dunning.require_lease_role(r);
  IF r.channel NOT IN ('phone', 'task') THEN
    RAISE EXCEPTION 'reminder % is not a call or a task', reminder_id
      USING ERRCODE = 'wrong_object_type',
            DETAIL = format('Its channel is %s.', r.channel),
            HINT = 'Record delivery feedback on other reminders with dunning.record_event().';
  END IF;

  IF outcome = 'wrong_number' THEN
    PERFORM dunning.suppress_recipient(r.id, 'wrong_number', note);
  END IF;
  RETURN dunning.keep_outcome(r, outcome, until, amount, reason, note);
END
$$;
COMMENT ON FUNCTION dunning.record_outcome(bigint, text, date, numeric, text, text) IS
  'Records what came of a phone or task reminder claimed by the session''s role: promised (until, amount) and disputed (reason) hold its invoices, wrong_number lists the number as undeliverable; returns the outcome''s id.';

------------------------------------------------------------------------------
-- Self-service: the customer answers a reminder through its token
------------------------------------------------------------------------------

CREATE TABLE dunning.token_key (
  id         integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  key        bytea NOT NULL CHECK (octet_length(key) >= 32),
  created_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE dunning.token_key IS
  'The key that signs the self-service tokens of reminders (src/token.c), made by the first pass that mints one (pg_dump keeps it, so links already sent still work after a restore); replace it with dunning.new_token_key() to revoke every token minted before. Only the extension''s owner reads it.';

-- 32 bytes from the server's strong random source.
CREATE FUNCTION dunning.new_token_key() RETURNS bytea
AS 'MODULE_PATHNAME', 'dunning_new_token_key'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION dunning.new_token_key() IS
  'A new key for self-service tokens: 32 bytes from the server''s strong random source.';

-- for a test or a page that must hand out a link of its own: the token of a
-- reminder, valid through that day; granted to no one
CREATE FUNCTION dunning.token_for(reminder_id bigint, last_day date) RETURNS text
AS 'MODULE_PATHNAME', 'dunning_token_for'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION dunning.token_for(bigint, date) IS
  'The self-service token of a reminder, valid through that day, as a pass mints it (making the database''s key if it has none yet).';

-- The reminder a token names; an error for a malformed, tampered or expired one.
CREATE FUNCTION dunning.token_reminder(token text, today date) RETURNS bigint
AS 'MODULE_PATHNAME', 'dunning_token_reminder'
LANGUAGE C STRICT STABLE;
COMMENT ON FUNCTION dunning.token_reminder(text, date) IS
  'The id of the reminder a self-service token was minted for; raises an error, without saying more, for a token that is malformed, whose signature does not match, or whose last day is before today.';

/*
 * The reminder of a token, as the queue or the archive keeps it, and
 * checks that a customer's answer through it can still be taken.
 */
CREATE FUNCTION dunning.token_answer(token text) RETURNS dunning.reminder
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r dunning.reminder;
BEGIN
  IF token IS NULL THEN
    RAISE EXCEPTION 'the token is not valid'
      USING ERRCODE = 'invalid_authorization_specification',
            DETAIL = 'No token was given.',
            HINT = 'Pass the token of a reminder exactly as its payload carries it.';
  END IF;
  r := dunning.locked_reminder(dunning.token_reminder(token, current_date),
         'The reminder of this token no longer exists: ask the customer to use the link of their latest reminder.');
  RETURN r;
END
$$;
COMMENT ON FUNCTION dunning.token_answer(text) IS
  'The reminder a self-service token names, locked in the queue or read from the archive; an error for a token that is not valid.';

CREATE FUNCTION dunning.accept_promise(token text, until date, amount numeric DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r dunning.reminder := dunning.token_answer(token);
  longest integer := coalesce(nullif(current_setting('dunning.max_promise_days', true), ''),
                              '30')::integer;
BEGIN
  IF until IS NULL OR until < current_date OR until > current_date + longest THEN
    RAISE EXCEPTION 'a promise to pay must fall within % days', longest
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = CASE WHEN until IS NULL THEN 'No day was given.'
                          WHEN until < current_date THEN 'It was for a day before today.'
                          ELSE format('It was for %s days from today.', until - current_date) END,
            HINT = 'Offer the customer a day from today on, within the days dunning.max_promise_days allows.';
  END IF;
  RETURN dunning.keep_outcome(r, 'promised', until, amount, NULL, 'self-service');
END
$$;
COMMENT ON FUNCTION dunning.accept_promise(text, date, numeric) IS
  'The customer''s promise to pay by a day (within dunning.max_promise_days), through the self-service token of a reminder: holds its invoices until that day, kept in dunning.outcome; returns the outcome''s id.';

CREATE FUNCTION dunning.open_dispute(token text, reason text)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r dunning.reminder := dunning.token_answer(token);
BEGIN
  IF coalesce(btrim(reason), '') = '' OR length(reason) > 2000 THEN
    RAISE EXCEPTION 'a dispute needs a reason of at most 2000 characters'
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Pass what the customer disputes, in their words.';
  END IF;
  RETURN dunning.keep_outcome(r, 'disputed', NULL, NULL, reason, 'self-service');
END
$$;
COMMENT ON FUNCTION dunning.open_dispute(text, text) IS
  'The customer''s dispute, through the self-service token of a reminder: holds its invoices until the hold is deleted, kept in dunning.outcome; returns the outcome''s id.';
