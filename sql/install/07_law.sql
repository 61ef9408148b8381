/*-------------------------------------------------------------------------
 *
 * 07_law.sql
 *	  Late-payment laws: the statutory interest and the fixed compensation
 *	  a policy charges.
 *
 * A law says on which reference rate interest is built (05_reference_rate
 * .sql), how many points are added for a business and for a consumer, which
 * rate applies to which day, how days are counted, from which day after the
 * due date interest runs, and which fee schedule (06_fee_schedule.sql)
 * gives the fixed compensation for a business and for a consumer.  The
 * extension ships the laws of the EU directive, Germany, France, the UK
 * and the Netherlands (data/laws.sql); a law of your own is a row of your
 * own.  A policy names its law (dunning.policy.law).
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.law (
  name                  text PRIMARY KEY,
  description           text NOT NULL,
  basis                 text,
  margin_business       numeric,
  margin_consumer       numeric,
  rate_rule             text NOT NULL DEFAULT 'half_year'
                          CHECK (rate_rule IN ('half_year', 'fixed_at_start', 'daily')),
  day_count             text NOT NULL DEFAULT 'act/365'
                          CHECK (day_count IN ('act/365', 'act/360', 'act/act')),
  interest_from_day     integer NOT NULL DEFAULT 1,
  compensation_business text REFERENCES dunning.fee_schedule (name) ON UPDATE CASCADE,
  compensation_consumer text REFERENCES dunning.fee_schedule (name) ON UPDATE CASCADE,
  legal_basis           text NOT NULL,
  shipped               boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE dunning.law IS
  'Late-payment laws: the statutory interest (reference rate, points added, which rate applies to which day, day count) and the fixed compensation a policy that names the law charges, for businesses and consumers.';
COMMENT ON COLUMN dunning.law.basis IS
  'The reference rate interest is built on (dunning.reference_rate.basis); NULL: no interest.';
COMMENT ON COLUMN dunning.law.margin_business IS
  'Points added to the reference rate when the customer is a business; NULL: no interest for businesses.';
COMMENT ON COLUMN dunning.law.margin_consumer IS
  'Points added to the reference rate when the customer is a consumer; NULL: no interest for consumers.';
COMMENT ON COLUMN dunning.law.rate_rule IS
  '''half_year'': the reference rate in force on 1 January applies to the whole first half of the year, the one on 1 July to the second; ''fixed_at_start'': the rate of the half-year in which interest starts to run applies to the whole debt; ''daily'': each day the rate in force that day.';
COMMENT ON COLUMN dunning.law.day_count IS
  '''act/365'': a day''s interest is a 365th of the yearly rate; ''act/360'': a 360th; ''act/act'': a 365th, or a 366th in a leap year.';
COMMENT ON COLUMN dunning.law.interest_from_day IS
  'Interest runs from this many days after the due date (1: the day after).';
COMMENT ON COLUMN dunning.law.compensation_business IS
  'The fee schedule of the fixed compensation for recovery costs when the customer is a business; NULL: none.';
COMMENT ON COLUMN dunning.law.compensation_consumer IS
  'The fee schedule of the fixed compensation when the customer is a consumer; NULL: none.';
COMMENT ON COLUMN dunning.law.legal_basis IS
  'The citation notices give for interest and compensation ({{legal_basis}}), as the law is officially cited.';
COMMENT ON COLUMN dunning.law.shipped IS
  'True for the laws the extension ships (not dumped, not to be changed); false for yours.';

-- Checks a law; shipped laws are the extension's.
CREATE FUNCTION dunning.law_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  what text;
BEGIN
  PERFORM dunning.require_not_shipped(TG_OP,
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.shipped END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.shipped END,
    format('law "%s"', coalesce(OLD.name, NEW.name)),
    'Insert a law of your own under another name, and name it in your policies.');
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  what := format('law "%s"', NEW.name);
  IF NEW.name IS NULL OR NEW.name !~ '^[a-z][a-z0-9_]{0,62}$' THEN
    RAISE EXCEPTION 'law name "%" is not a valid name', NEW.name
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use lowercase letters, digits and underscores, such as de_b2b.';
  END IF;
  PERFORM dunning.require_within(what, 'margin_business', NEW.margin_business, -100, 100,
    'Give the points added to the reference rate, such as 9, or NULL.');
  PERFORM dunning.require_within(what, 'margin_consumer', NEW.margin_consumer, -100, 100,
    'Give the points added to the reference rate, such as 5, or NULL.');
  PERFORM dunning.require_within(what, 'interest_from_day', NEW.interest_from_day, 0, 365,
    'Give the days after the due date interest runs from, such as 1.');
  PERFORM dunning.require_short(what, 'legal_basis', NEW.legal_basis, 300,
    'Give the citation of the law, such as ''§§ 286, 288 BGB''.');
  IF NEW.basis IS NOT NULL AND NOT dunning.restoring()
     AND NOT EXISTS (SELECT 1 FROM dunning.reference_rate r WHERE r.basis = NEW.basis) THEN
    RAISE EXCEPTION 'no reference rate of basis "%" exists', NEW.basis
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('The %s builds interest on it.', what),
            HINT = 'Insert its rates into dunning.reference_rate first, or use a shipped basis: ecb_mro, de_base_rate, boe_bank_rate.';
  END IF;
  IF NEW.basis IS NOT NULL AND NEW.margin_business IS NULL AND NEW.margin_consumer IS NULL THEN
    RAISE EXCEPTION 'the % names a basis but no margin', what
      USING ERRCODE = 'check_violation',
            HINT = 'Give margin_business, margin_consumer or both: the points added to the reference rate.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.law_check() IS
  'Trigger: checks a law (its rate basis exists, its settings are in range) and keeps the shipped ones as shipped.';

CREATE TRIGGER law_check BEFORE INSERT OR UPDATE OR DELETE ON dunning.law
  FOR EACH ROW EXECUTE FUNCTION dunning.law_check();
COMMENT ON TRIGGER law_check ON dunning.law IS
  'Checks each law; shipped ones cannot be changed by users.';

-- src/interest.c
CREATE FUNCTION dunning.statutory_interest(law text, principal numeric, from_day date,
                                           through_day date, consumer boolean DEFAULT false)
RETURNS TABLE (period_from date, period_to date, days integer, rate numeric, amount numeric)
AS 'MODULE_PATHNAME', 'dunning_statutory_interest'
LANGUAGE C STABLE;
COMMENT ON FUNCTION dunning.statutory_interest(text, numeric, date, date, boolean) IS
  'The interest a law grants on a principal for the days from from_day through through_day, one row per stretch of one rate (the yearly rate, reference rate plus points, and the amount rounded to cents): what a pass charges.';
