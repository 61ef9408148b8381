/*-------------------------------------------------------------------------
 *
 * 05_reference_rate.sql
 *	  Reference interest rates, dated: what statutory interest is built on.
 *
 * One row per change of a rate: the rate of a basis (the ECB's main
 * refinancing rate, the German base rate, the Bank of England's Bank Rate)
 * from a day on, with its public source.  The extension ships the rates
 * known when it was released (data/reference_rates.sql); users add a row
 * when a rate changes.  A user's row for a basis and day takes precedence
 * over a shipped one, so that a shipped rate can be corrected without
 * changing the extension's data.  Interest is computed in C
 * (src/interest.c), from these rows and the laws (07_law.sql).
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.reference_rate (
  basis      text NOT NULL,
  valid_from date NOT NULL,
  rate       numeric NOT NULL,
  source     text NOT NULL,
  shipped    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (basis, valid_from, shipped)
);
COMMENT ON TABLE dunning.reference_rate IS
  'Reference interest rates by basis and the day they apply from (percent a year), each with its public source; a row of yours for a basis and day takes precedence over a shipped one.';
COMMENT ON COLUMN dunning.reference_rate.basis IS
  'The rate''s name: ecb_mro (ECB main refinancing operations), de_base_rate (Basiszinssatz, § 247 BGB), boe_bank_rate (Bank of England Bank Rate), or one of your own.';
COMMENT ON COLUMN dunning.reference_rate.valid_from IS
  'The day the rate applies from, until the next row of the basis.';
COMMENT ON COLUMN dunning.reference_rate.rate IS
  'Percent a year, such as 3.62; may be negative.';
COMMENT ON COLUMN dunning.reference_rate.source IS
  'Where the rate is published: an address or a reference to the official text.';
COMMENT ON COLUMN dunning.reference_rate.shipped IS
  'True for the rows the extension ships (not dumped, not to be changed); false for yours.';

-- Checks a rate row; shipped rows are the extension's.
CREATE FUNCTION dunning.reference_rate_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM dunning.require_not_shipped(TG_OP,
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.shipped END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.shipped END,
    format('rate of %s from %s', coalesce(OLD.basis, NEW.basis), coalesce(OLD.valid_from, NEW.valid_from)),
    'Insert a row of your own for that basis and day: it takes precedence over the shipped one.');
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.basis !~ '^[a-z][a-z0-9_]{0,62}$' THEN
    RAISE EXCEPTION 'rate basis "%" is not a valid name', NEW.basis
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use lowercase letters, digits and underscores, such as ecb_mro.';
  END IF;
  PERFORM dunning.require_within('reference rate', 'rate', NEW.rate, -100, 100,
    'Give the rate in percent a year, such as 3.62.');
  IF NEW.valid_from NOT BETWEEN DATE '1900-01-01' AND DATE '2200-01-01' THEN
    RAISE EXCEPTION 'valid_from % is out of range', NEW.valid_from
      USING ERRCODE = 'datetime_field_overflow',
            HINT = 'Give the day the rate applies from, such as 2025-07-01.';
  END IF;
  PERFORM dunning.require_short('reference rate', 'source', NEW.source, 500,
    'Give the address where the rate is published.');
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.reference_rate_check() IS
  'Trigger: checks a reference rate and keeps the shipped rows as shipped.';

CREATE TRIGGER reference_rate_check BEFORE INSERT OR UPDATE OR DELETE ON dunning.reference_rate
  FOR EACH ROW EXECUTE FUNCTION dunning.reference_rate_check();
COMMENT ON TRIGGER reference_rate_check ON dunning.reference_rate IS
  'Checks each rate; shipped rows cannot be changed by users.';

CREATE VIEW dunning.reference_rates_in_effect AS
  SELECT DISTINCT ON (r.basis, r.valid_from) r.basis, r.valid_from, r.rate, r.source, r.shipped
    FROM dunning.reference_rate r
   ORDER BY r.basis, r.valid_from, r.shipped;
COMMENT ON VIEW dunning.reference_rates_in_effect IS
  'The reference rates interest is computed with: per basis and day, your row if there is one, else the shipped one.';
