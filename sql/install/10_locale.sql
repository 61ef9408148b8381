/*-------------------------------------------------------------------------
 *
 * 10_locale.sql
 *	  How a language writes amounts and dates (the user's rules and the shipped ones), and their checks.
 *
 *-------------------------------------------------------------------------
 */

-- How a language writes amounts and dates.
CREATE TABLE dunning.locale (
  code          text PRIMARY KEY,
  description   text,
  decimal_sep   text NOT NULL,
  group_sep     text NOT NULL,
  amount_format text NOT NULL,
  date_format   text NOT NULL,
  month_names   text[] NOT NULL,
  first_day     text
);
COMMENT ON TABLE dunning.locale IS
  'Your rules for writing amounts and dates in a language; they override the shipped ones (dunning.locale_default) of the same code.';
COMMENT ON COLUMN dunning.locale.code IS
  'Language tag: a language (fr) or a language and region (fr-CH).';
COMMENT ON COLUMN dunning.locale.decimal_sep IS
  'Between units and minor units: ''.'' in English, '','' in French.';
COMMENT ON COLUMN dunning.locale.group_sep IS
  'Between groups of three digits: '','' in English, a no-break space in French; may be empty.';
COMMENT ON COLUMN dunning.locale.amount_format IS
  'Where the number and the currency sign go: ''{symbol}{amount}'' (€1,234.56) or ''{amount} {symbol}'' (1 234,56 €).';
COMMENT ON COLUMN dunning.locale.date_format IS
  'How a date is written: YYYY, MMMM (month name), MM, M, DD and D stand for its parts; anything else is kept.';
COMMENT ON COLUMN dunning.locale.first_day IS
  'How D writes the first day of a month where the language writes it apart (''1er'' in French); NULL: as the other days.';
COMMENT ON COLUMN dunning.locale.month_names IS
  'The twelve month names, January first, as written inside a date.';

CREATE TABLE dunning.locale_default (LIKE dunning.locale INCLUDING ALL);
COMMENT ON TABLE dunning.locale_default IS
  'Reference data: the locale rules shipped with the extension; dunning.locale overrides them.';

CREATE VIEW dunning.locales_in_effect AS
  SELECT l.*, false AS shipped FROM dunning.locale l
  UNION ALL
  SELECT d.*, true FROM dunning.locale_default d
   WHERE NOT EXISTS (SELECT 1 FROM dunning.locale l WHERE l.code = d.code);
COMMENT ON VIEW dunning.locales_in_effect IS
  'The locale rules in effect: the user''s (dunning.locale), then the shipped ones they do not override.';

-- Checks a locale row (yours or a shipped one).
CREATE FUNCTION dunning.locale_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NEW.code !~ '^[a-z]{2,3}(-[A-Z]{2}|-[0-9]{3})?$' THEN
    RAISE EXCEPTION 'locale "%" is not a language tag', NEW.code
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use a language in lower case, optionally with a region in capitals: fr, fr-CH, en-GB.';
  END IF;
  PERFORM dunning.require_short(format('locale "%s"', NEW.code), 'description',
    NEW.description, 200, 'Describe the rules in a line.');
  PERFORM dunning.require_short(format('locale "%s"', NEW.code), 'decimal_sep',
    NEW.decimal_sep, 4, 'Use one character, such as a comma.');
  PERFORM dunning.require_short(format('locale "%s"', NEW.code), 'group_sep',
    NEW.group_sep, 4, 'Use one character, such as a space or a dot, or none.');
  PERFORM dunning.require_short(format('locale "%s"', NEW.code), 'amount_format',
    NEW.amount_format, 100, 'Write where the amount and the sign go, such as ''{amount} {symbol}''.');
  PERFORM dunning.require_short(format('locale "%s"', NEW.code), 'date_format',
    NEW.date_format, 100, 'Write the order of day, month and year, such as ''D MMMM YYYY''.');
  IF EXISTS (SELECT 1 FROM unnest(NEW.month_names) m WHERE length(m) > 50) THEN
    RAISE EXCEPTION 'locale "%" has a month name longer than 50 characters', NEW.code
      USING ERRCODE = 'string_data_right_truncation',
            HINT = 'Give the twelve month names as the language writes them.';
  END IF;
  IF NEW.decimal_sep = '' OR NEW.decimal_sep ~ '[0-9]' OR NEW.group_sep ~ '[0-9]'
     OR NEW.decimal_sep = NEW.group_sep THEN
    RAISE EXCEPTION 'locale "%" has unusable separators', NEW.code
      USING ERRCODE = 'check_violation',
            DETAIL = format('The decimal separator is "%s" and the group separator "%s".',
                            NEW.decimal_sep, NEW.group_sep),
            HINT = 'Use a decimal separator such as "." or "," and a different group separator (or an empty one); neither may be a digit.';
  END IF;
  IF position('{amount}' IN NEW.amount_format) = 0 THEN
    RAISE EXCEPTION 'amount format of locale "%" has no {amount}', NEW.code
      USING ERRCODE = 'check_violation',
            HINT = 'Write where the number goes, and the currency sign: ''{amount} {symbol}'' or ''{symbol}{amount}''.';
  END IF;
  IF NEW.date_format !~ '[DMY]' THEN
    RAISE EXCEPTION 'date format of locale "%" writes no part of the date', NEW.code
      USING ERRCODE = 'check_violation',
            HINT = 'Use YYYY, MMMM, MM, M, DD and D, for example ''D MMMM YYYY''.';
  END IF;
  IF cardinality(NEW.month_names) <> 12 OR array_ndims(NEW.month_names) <> 1
     OR array_position(NEW.month_names, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'locale "%" needs twelve month names', NEW.code
      USING ERRCODE = 'check_violation',
            DETAIL = format('It has %s.', coalesce(cardinality(NEW.month_names), 0)),
            HINT = 'List them in order, January first.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.locale_check() IS
  'Trigger: rejects locale rules that cannot write an amount or a date.';

CREATE TRIGGER locale_check BEFORE INSERT OR UPDATE ON dunning.locale
  FOR EACH ROW EXECUTE FUNCTION dunning.locale_check();
COMMENT ON TRIGGER locale_check ON dunning.locale IS
  'Rejects nonsense in locale rules.';
