/*-------------------------------------------------------------------------
 *
 * 00_schema.sql
 *	  The schema, and the guard against loading the script by hand.
 *
 *-------------------------------------------------------------------------
 */


\echo Use "CREATE EXTENSION dunning" to load this file. \quit

COMMENT ON SCHEMA dunning IS
  'Payment-reminder campaigns (dunning) evaluated in place over the bound ledger.';
/*-------------------------------------------------------------------------
 *
 * 01_reference.sql
 *	  Reference data: currencies, channels, what an address or a time zone is.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Reference data
------------------------------------------------------------------------------

CREATE TABLE dunning.currency (
  code        text PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
  minor_units integer NOT NULL CHECK (minor_units BETWEEN 0 AND 4),
  name        text NOT NULL,
  symbol      text
);
COMMENT ON TABLE dunning.currency IS
  'Reference data: the active ISO 4217 currencies and their minor units.';
COMMENT ON COLUMN dunning.currency.symbol IS
  'The sign templates write amounts with (€, $, £); NULL: the code itself.';
COMMENT ON COLUMN dunning.currency.minor_units IS
  'Digits after the decimal separator (2 for EUR, 0 for JPY, 3 for KWD).';

-- The channels a step may use, in one place for checks and hints.
CREATE FUNCTION dunning.channels() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY['email', 'sms', 'letter', 'phone', 'handoff', 'suspend'];
COMMENT ON FUNCTION dunning.channels() IS
  'Lists the channels a step or a template may name: email, sms, letter, phone, handoff (collections) and suspend (tell the billing system).';

CREATE FUNCTION dunning.email_is_valid(address text) RETURNS boolean
AS 'MODULE_PATHNAME', 'dunning_email_is_valid_sql'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dunning.email_is_valid(text) IS
  'Tells whether a pass would send e-mail to this address: an RFC 5321 mailbox in plain ASCII (dot-atom local part, a domain of two or more labels), at most 254 characters, with nothing SMTP or a header could read as syntax.';

CREATE FUNCTION dunning.time_zone_is_valid(time_zone text) RETURNS boolean
AS 'MODULE_PATHNAME', 'dunning_time_zone_is_valid'
LANGUAGE C STRICT STABLE PARALLEL SAFE;
COMMENT ON FUNCTION dunning.time_zone_is_valid(text) IS
  'Tells whether PostgreSQL knows the time zone name (as in pg_timezone_names).';
/*-------------------------------------------------------------------------
 *
 * currencies.sql
 *	  Shipped data: the ISO 4217 currencies, their minor units and signs.
 *
 *-------------------------------------------------------------------------
 */


INSERT INTO dunning.currency (code, minor_units, name) VALUES
    ('AED', 2, 'UAE Dirham'),
    ('AFN', 2, 'Afghani'),
    ('ALL', 2, 'Lek'),
    ('AMD', 2, 'Armenian Dram'),
    ('ANG', 2, 'Netherlands Antillean Guilder'),
    ('AOA', 2, 'Kwanza'),
    ('ARS', 2, 'Argentine Peso'),
    ('AUD', 2, 'Australian Dollar'),
    ('AWG', 2, 'Aruban Florin'),
    ('AZN', 2, 'Azerbaijan Manat'),
    ('BAM', 2, 'Convertible Mark'),
    ('BBD', 2, 'Barbados Dollar'),
    ('BDT', 2, 'Taka'),
    ('BGN', 2, 'Bulgarian Lev'),
    ('BHD', 3, 'Bahraini Dinar'),
    ('BIF', 0, 'Burundi Franc'),
    ('BMD', 2, 'Bermudian Dollar'),
    ('BND', 2, 'Brunei Dollar'),
    ('BOB', 2, 'Boliviano'),
    ('BRL', 2, 'Brazilian Real'),
    ('BSD', 2, 'Bahamian Dollar'),
    ('BTN', 2, 'Ngultrum'),
    ('BWP', 2, 'Pula'),
    ('BYN', 2, 'Belarusian Ruble'),
    ('BZD', 2, 'Belize Dollar'),
    ('CAD', 2, 'Canadian Dollar'),
    ('CDF', 2, 'Congolese Franc'),
    ('CHF', 2, 'Swiss Franc'),
    ('CLP', 0, 'Chilean Peso'),
    ('CNY', 2, 'Yuan Renminbi'),
    ('COP', 2, 'Colombian Peso'),
    ('CRC', 2, 'Costa Rican Colon'),
    ('CUP', 2, 'Cuban Peso'),
    ('CVE', 2, 'Cabo Verde Escudo'),
    ('CZK', 2, 'Czech Koruna'),
    ('DJF', 0, 'Djibouti Franc'),
    ('DKK', 2, 'Danish Krone'),
    ('DOP', 2, 'Dominican Peso'),
    ('DZD', 2, 'Algerian Dinar'),
    ('EGP', 2, 'Egyptian Pound'),
    ('ERN', 2, 'Nakfa'),
    ('ETB', 2, 'Ethiopian Birr'),
    ('EUR', 2, 'Euro'),
    ('FJD', 2, 'Fiji Dollar'),
    ('FKP', 2, 'Falkland Islands Pound'),
    ('GBP', 2, 'Pound Sterling'),
    ('GEL', 2, 'Lari'),
    ('GHS', 2, 'Ghana Cedi'),
    ('GIP', 2, 'Gibraltar Pound'),
    ('GMD', 2, 'Dalasi'),
    ('GNF', 0, 'Guinean Franc'),
    ('GTQ', 2, 'Quetzal'),
    ('GYD', 2, 'Guyana Dollar'),
    ('HKD', 2, 'Hong Kong Dollar'),
    ('HNL', 2, 'Lempira'),
    ('HTG', 2, 'Gourde'),
    ('HUF', 2, 'Forint'),
    ('IDR', 2, 'Rupiah'),
    ('ILS', 2, 'New Israeli Sheqel'),
    ('INR', 2, 'Indian Rupee'),
    ('IQD', 3, 'Iraqi Dinar'),
    ('IRR', 2, 'Iranian Rial'),
    ('ISK', 0, 'Iceland Krona'),
    ('JMD', 2, 'Jamaican Dollar'),
    ('JOD', 3, 'Jordanian Dinar'),
    ('JPY', 0, 'Yen'),
    ('KES', 2, 'Kenyan Shilling'),
    ('KGS', 2, 'Som'),
    ('KHR', 2, 'Riel'),
    ('KMF', 0, 'Comorian Franc'),
    ('KPW', 2, 'North Korean Won'),
    ('KRW', 0, 'Won'),
    ('KWD', 3, 'Kuwaiti Dinar'),
    ('KYD', 2, 'Cayman Islands Dollar'),
    ('KZT', 2, 'Tenge'),
    ('LAK', 2, 'Lao Kip'),
    ('LBP', 2, 'Lebanese Pound'),
    ('LKR', 2, 'Sri Lanka Rupee'),
    ('LRD', 2, 'Liberian Dollar'),
    ('LSL', 2, 'Loti'),
    ('LYD', 3, 'Libyan Dinar'),
    ('MAD', 2, 'Moroccan Dirham'),
    ('MDL', 2, 'Moldovan Leu'),
    ('MGA', 2, 'Malagasy Ariary'),
    ('MKD', 2, 'Denar'),
    ('MMK', 2, 'Kyat'),
    ('MNT', 2, 'Tugrik'),
    ('MOP', 2, 'Pataca'),
    ('MRU', 2, 'Ouguiya'),
    ('MUR', 2, 'Mauritius Rupee'),
    ('MVR', 2, 'Rufiyaa'),
    ('MWK', 2, 'Malawi Kwacha'),
    ('MXN', 2, 'Mexican Peso'),
    ('MYR', 2, 'Malaysian Ringgit'),
    ('MZN', 2, 'Mozambique Metical'),
    ('NAD', 2, 'Namibia Dollar'),
    ('NGN', 2, 'Naira'),
    ('NIO', 2, 'Cordoba Oro'),
    ('NOK', 2, 'Norwegian Krone'),
    ('NPR', 2, 'Nepalese Rupee'),
    ('NZD', 2, 'New Zealand Dollar'),
    ('OMR', 3, 'Rial Omani'),
    ('PAB', 2, 'Balboa'),
    ('PEN', 2, 'Sol'),
    ('PGK', 2, 'Kina'),
    ('PHP', 2, 'Philippine Peso'),
    ('PKR', 2, 'Pakistan Rupee'),
    ('PLN', 2, 'Zloty'),
    ('PYG', 0, 'Guarani'),
    ('QAR', 2, 'Qatari Rial'),
    ('RON', 2, 'Romanian Leu'),
    ('RSD', 2, 'Serbian Dinar'),
    ('RUB', 2, 'Russian Ruble'),
    ('RWF', 0, 'Rwanda Franc'),
    ('SAR', 2, 'Saudi Riyal'),
    ('SBD', 2, 'Solomon Islands Dollar'),
    ('SCR', 2, 'Seychelles Rupee'),
    ('SDG', 2, 'Sudanese Pound'),
    ('SEK', 2, 'Swedish Krona'),
    ('SGD', 2, 'Singapore Dollar'),
    ('SHP', 2, 'Saint Helena Pound'),
    ('SLE', 2, 'Leone'),
    ('SOS', 2, 'Somali Shilling'),
    ('SRD', 2, 'Surinam Dollar'),
    ('SSP', 2, 'South Sudanese Pound'),
    ('STN', 2, 'Dobra'),
    ('SVC', 2, 'El Salvador Colon'),
    ('SYP', 2, 'Syrian Pound'),
    ('SZL', 2, 'Lilangeni'),
    ('THB', 2, 'Baht'),
    ('TJS', 2, 'Somoni'),
    ('TMT', 2, 'Turkmenistan New Manat'),
    ('TND', 3, 'Tunisian Dinar'),
    ('TOP', 2, 'Pa’anga'),
    ('TRY', 2, 'Turkish Lira'),
    ('TTD', 2, 'Trinidad and Tobago Dollar'),
    ('TWD', 2, 'New Taiwan Dollar'),
    ('TZS', 2, 'Tanzanian Shilling'),
    ('UAH', 2, 'Hryvnia'),
    ('UGX', 0, 'Uganda Shilling'),
    ('USD', 2, 'US Dollar'),
    ('UYU', 2, 'Peso Uruguayo'),
    ('UZS', 2, 'Uzbekistan Sum'),
    ('VED', 2, 'Bolívar Soberano'),
    ('VES', 2, 'Bolívar Soberano'),
    ('VND', 0, 'Dong'),
    ('VUV', 0, 'Vatu'),
    ('WST', 2, 'Tala'),
    ('XAF', 0, 'CFA Franc BEAC'),
    ('XCD', 2, 'East Caribbean Dollar'),
    ('XOF', 0, 'CFA Franc BCEAO'),
    ('XPF', 0, 'CFP Franc'),
    ('YER', 2, 'Yemeni Rial'),
    ('ZAR', 2, 'Rand'),
    ('ZMW', 2, 'Zambian Kwacha'),
    ('ZWG', 2, 'Zimbabwe Gold');

UPDATE dunning.currency c SET symbol = v.symbol
  FROM (VALUES ('EUR', '€'), ('USD', '$'), ('GBP', '£'), ('JPY', '¥'),
               ('CNY', 'CN¥'), ('INR', '₹'), ('KRW', '₩'), ('BRL', 'R$'),
               ('CAD', 'CA$'), ('AUD', 'A$'), ('NZD', 'NZ$'), ('MXN', 'MX$'),
               ('HKD', 'HK$'), ('SEK', 'kr'), ('NOK', 'kr'), ('DKK', 'kr'),
               ('PLN', 'zł'), ('CZK', 'Kč'), ('HUF', 'Ft'), ('ILS', '₪'),
               ('TRY', '₺'), ('UAH', '₴'), ('ZAR', 'R')) v (code, symbol)
 WHERE c.code = v.code;
/*-------------------------------------------------------------------------
 *
 * 02_binding.sql
 *	  Binding the user's ledger and customers in place, and reading them as their owner.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Ledger binding: which of the user's relations and columns hold what
------------------------------------------------------------------------------

CREATE TABLE dunning.binding (
  kind              text PRIMARY KEY CHECK (kind IN ('ledger', 'customers')),
  source            text NOT NULL,
  columns           jsonb NOT NULL,
  invoice_key_type  text,
  customer_key_type text NOT NULL,
  bound_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
  bound_by          name NOT NULL DEFAULT current_user,
  owner             name NOT NULL
);
COMMENT ON TABLE dunning.binding IS
  'The bound ledger and customer relations; written by bind_ledger() and bind_customers(), which (re)create the views dunning.ledger and dunning.customer.';
COMMENT ON COLUMN dunning.binding.source IS
  'The user''s table or view, schema-qualified.';
COMMENT ON COLUMN dunning.binding.columns IS
  'Which column of the source plays which role, as {"role": "column"}.';
COMMENT ON COLUMN dunning.binding.invoice_key_type IS
  'The type invoice keys keep in the extension''s tables (the ledger''s own type).';
COMMENT ON COLUMN dunning.binding.customer_key_type IS
  'The type customer keys keep in the extension''s tables (the ledger''s own type).';
COMMENT ON COLUMN dunning.binding.owner IS
  'The pass role: the owner of the source when it was bound, as which passes read it; a pass refuses to run once the source belongs to another role.';

-- Every column of the extension's tables that holds a ledger key: bind_ledger
-- gives them the ledger's own key type, so joins use the ledger's indexes.
CREATE TABLE dunning.key_column (
  relation    regclass NOT NULL,
  column_name name NOT NULL,
  role        text NOT NULL CHECK (role IN ('invoice', 'customer')),
  is_array    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (relation, column_name)
);
COMMENT ON TABLE dunning.key_column IS
  'Reference data: the columns of the extension''s tables that hold invoice or customer keys, retyped by bind_ledger() to the ledger''s key types.';

-- Used before a key type change, to name a stored key that cannot follow.
CREATE FUNCTION dunning.key_converts(value text, type regtype) RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  EXECUTE format('SELECT %L::%s', value, type);
  RETURN true;
EXCEPTION WHEN data_exception THEN
  RETURN false;
END
$$;
COMMENT ON FUNCTION dunning.key_converts(text, regtype) IS
  'Tells whether a stored key converts to the given key type (checked before a binding changes key types).';

CREATE FUNCTION dunning.bind_ledger(
  source      text,
  invoice_id  text,
  customer_id text,
  due_on      text,
  open_amount text,
  currency    text DEFAULT NULL,
  reference   text DEFAULT NULL,
  run_as      regrole DEFAULT NULL)
RETURNS regclass
AS 'MODULE_PATHNAME', 'dunning_bind_ledger'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION dunning.bind_ledger(text, text, text, text, text, text, text, regrole) IS
  'Binds the user''s invoice table or view without copying it: checks every column and (re)creates the view dunning.ledger; passes read it as its owner, whom run_as must name when it is not the caller.';

CREATE FUNCTION dunning.bind_customers(
  source      text,
  customer_id text,
  email       text DEFAULT NULL,
  name        text DEFAULT NULL,
  locale      text DEFAULT NULL,
  time_zone   text DEFAULT NULL,
  phone       text DEFAULT NULL,
  run_as      regrole DEFAULT NULL)
RETURNS regclass
AS 'MODULE_PATHNAME', 'dunning_bind_customers'
LANGUAGE C CALLED ON NULL INPUT VOLATILE;
COMMENT ON FUNCTION dunning.bind_customers(text, text, text, text, text, text, text, regrole) IS
  'Binds the user''s customer table or view (contact data) without copying it: checks every column and (re)creates the view dunning.customer; it must belong to the ledger''s owner, whom run_as must name when it is not the caller.';

-- The live ledger for some keys, read as the pass role (src/owner.c).
CREATE FUNCTION dunning.ledger_open_amounts(invoice_ids anyarray)
RETURNS TABLE (invoice_id anyelement, open_amount numeric)
AS 'MODULE_PATHNAME', 'dunning_ledger_open_amounts'
LANGUAGE C STRICT VOLATILE
ROWS 100;
COMMENT ON FUNCTION dunning.ledger_open_amounts(anyarray) IS
  'The bound ledger''s rows for these invoice keys (key and open amount; none for an invoice gone from it), read with the rights of the ledger''s owner under a security-restricted operation; what the pass''s sweep and the claim''s re-check know of the live ledger.';

CREATE FUNCTION dunning.binding_apply() RETURNS trigger
AS 'MODULE_PATHNAME', 'dunning_binding_apply'
LANGUAGE C;
COMMENT ON FUNCTION dunning.binding_apply() IS
  'Trigger: checks a binding row again and (re)creates its view and key column types; also restores bindings after pg_restore.';

CREATE TRIGGER binding_apply AFTER INSERT OR UPDATE ON dunning.binding
  FOR EACH ROW EXECUTE FUNCTION dunning.binding_apply();
COMMENT ON TRIGGER binding_apply ON dunning.binding IS
  'Applies a binding: creates its view and retypes the key columns.';

-- Removes a binding and its view; the key columns keep their types.
CREATE FUNCTION dunning.unbind(kind text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  view_name text;
  pending bigint;
BEGIN
  IF kind IS NULL OR kind NOT IN ('ledger', 'customers') THEN
    RAISE EXCEPTION 'unknown binding kind "%"', kind
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use ''ledger'' or ''customers''.';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM dunning.binding b WHERE b.kind = unbind.kind) THEN
    RAISE EXCEPTION 'no % binding exists', kind
      USING ERRCODE = 'undefined_object',
            HINT = 'SELECT kind, source FROM dunning.binding lists what is bound.';
  END IF;
  IF kind = 'ledger' THEN
    SELECT count(*) INTO pending FROM dunning.reminder r
     WHERE r.status IN ('pending', 'claimed');
    IF pending > 0 THEN
      RAISE EXCEPTION 'cannot unbind the ledger while reminders are pending'
        USING ERRCODE = 'object_in_use',
              DETAIL = CASE WHEN pending = 1 THEN '1 reminder is pending or claimed.'
                            ELSE format('%s reminders are pending or claimed.', pending) END,
              HINT = 'Let the mailer deliver them, or cancel them, then unbind.';
    END IF;
  END IF;
  FOR view_name IN
    SELECT d.name FROM dunning.derived_view d WHERE kind = 'ledger'
     ORDER BY d.position DESC
  LOOP
    IF to_regclass('dunning.' || quote_ident(view_name)) IS NOT NULL THEN
      EXECUTE format('ALTER EXTENSION dunning DROP VIEW dunning.%I', view_name);
      EXECUTE format('DROP VIEW dunning.%I', view_name);
    END IF;
  END LOOP;
  view_name := CASE kind WHEN 'ledger' THEN 'ledger' ELSE 'customer' END;
  IF to_regclass('dunning.' || view_name) IS NOT NULL THEN
    EXECUTE format('ALTER EXTENSION dunning DROP VIEW dunning.%I', view_name);
    EXECUTE format('DROP VIEW dunning.%I', view_name);
  END IF;
  DELETE FROM dunning.binding b WHERE b.kind = unbind.kind;
  -- the owner of what is no longer bound loses what passes needed of it
  PERFORM dunning.apply_grants();
END
$$;
COMMENT ON FUNCTION dunning.unbind(text) IS
  'Removes the ledger or customers binding and its view; the user''s relation is untouched.';
/*-------------------------------------------------------------------------
 *
 * 03_checks.sql
 *	  The checks every campaign table shares (a policy, a channel, a number).
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Checks: every table rejects nonsense with a clear message
------------------------------------------------------------------------------

-- Raises the error for a policy that does not exist.
CREATE FUNCTION dunning.require_policy(policy text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM dunning.policy p WHERE p.name = policy) THEN
    RAISE EXCEPTION 'policy "%" does not exist', policy
      USING ERRCODE = 'foreign_key_violation',
            HINT = 'Create it in dunning.policy first; SELECT name FROM dunning.policy lists the policies.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_policy(text) IS
  'Raises a clear error unless the policy exists (used by the checks).';

-- Raises the error for an unknown channel.
CREATE FUNCTION dunning.require_channel(channel text) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF channel IS NULL OR NOT channel = ANY (dunning.channels()) THEN
    RAISE EXCEPTION 'unknown channel "%"', channel
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('The channels are %s.', array_to_string(dunning.channels(), ', ')),
            HINT = 'Use one of them, in lower case.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_channel(text) IS
  'Raises a clear error unless the channel is one of dunning.channels().';

-- Raises the error for a negative number in a column.
CREATE FUNCTION dunning.require_not_negative(tbl text, col text, val numeric, hint text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF val < 0 THEN
    RAISE EXCEPTION '% must not be negative', col
      USING ERRCODE = 'check_violation',
            DETAIL = format('The %s has %s %s.', tbl, col, val),
            HINT = hint;
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_not_negative(text, text, numeric, text) IS
  'Raises a clear error when a count or amount is negative (used by the checks).';

/*
 * Settings a pass must be able to work with: a number within bounds
 * (which NaN and Infinity never are), a text of a sane length.  A value
 * accepted at INSERT must never stop a pass later.
 */
CREATE FUNCTION dunning.require_within(tbl text, col text, val numeric, lo numeric,
                                       hi numeric, hint text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF val IS NOT NULL AND NOT (val >= lo AND val <= hi) THEN
    RAISE EXCEPTION '% must be between % and %', col, lo, hi
      USING ERRCODE = 'numeric_value_out_of_range',
            DETAIL = format('The %s has %s %s.', tbl, col, val),
            HINT = hint;
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_within(text, text, numeric, numeric, numeric, text) IS
  'Raises a clear error for a number outside its bounds, NaN and Infinity included.';

CREATE FUNCTION dunning.require_short(tbl text, col text, val text, most integer, hint text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF length(val) > most THEN
    RAISE EXCEPTION '% is longer than % characters', col, most
      USING ERRCODE = 'string_data_right_truncation',
            DETAIL = format('The %s has %s characters in %s.', tbl, length(val), col),
            HINT = hint;
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_short(text, text, text, integer, text) IS
  'Raises a clear error for a text longer than a setting may be.';

/*-------------------------------------------------------------------------
 *
 * 04_calendar.sql
 *	  Calendars and their holidays.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Campaigns: calendars, policies, steps, templates, assignments, holds
------------------------------------------------------------------------------

CREATE TABLE dunning.calendar (
  name        text PRIMARY KEY CHECK (pg_catalog.btrim(name) <> ''),
  description text
);
COMMENT ON TABLE dunning.calendar IS
  'Calendars of days on which no reminder is sent (public holidays).';

-- Checks a calendar row.
CREATE FUNCTION dunning.calendar_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF btrim(NEW.name) = '' THEN
    RAISE EXCEPTION 'calendar name must not be empty'
      USING ERRCODE = 'check_violation',
            HINT = 'Name the calendar, for example ''fr-public''; policies refer to it by that name.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.calendar_check() IS
  'Trigger: rejects a calendar without a name.';

CREATE TRIGGER calendar_check BEFORE INSERT OR UPDATE ON dunning.calendar
  FOR EACH ROW EXECUTE FUNCTION dunning.calendar_check();
COMMENT ON TRIGGER calendar_check ON dunning.calendar IS
  'Rejects calendars without a name.';

CREATE TABLE dunning.holiday (
  calendar text NOT NULL REFERENCES dunning.calendar (name)
           ON UPDATE CASCADE ON DELETE CASCADE,
  day      date NOT NULL,
  name     text,
  PRIMARY KEY (calendar, day)
);
COMMENT ON TABLE dunning.holiday IS
  'The holidays of each calendar: no reminder becomes available on these days.';
/*-------------------------------------------------------------------------
 *
 * 05_policy.sql
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
  created_at       timestamptz NOT NULL DEFAULT pg_catalog.now()
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
/*-------------------------------------------------------------------------
 *
 * 06_template.sql
 *	  Templates (the user's and the shipped ones) and their checks.
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.template (
  name    text NOT NULL CHECK (pg_catalog.btrim(name) <> ''),
  channel text NOT NULL,
  locale  text NOT NULL,
  subject text,
  body    text NOT NULL,
  body_html text,
  PRIMARY KEY (name, channel, locale)
);
COMMENT ON TABLE dunning.template IS
  'Reminder texts, one per name, channel and locale (a language such as fr, or fr-CA).';
COMMENT ON COLUMN dunning.template.subject IS
  'Subject line (a template; required for email).';
COMMENT ON COLUMN dunning.template.body IS
  'Plain-text body (a template).';
COMMENT ON COLUMN dunning.template.body_html IS
  'HTML body (a template whose values are HTML-escaped); NULL for plain text only.';
COMMENT ON COLUMN dunning.template.locale IS
  'Language tag: a language (fr) or a language and region (fr-CA).';

-- The templates that ship with the extension.  They are not the user's
-- data (pg_dump leaves them to CREATE EXTENSION); a row of dunning.template
-- with the same name, channel and locale takes precedence.
CREATE TABLE dunning.template_default (LIKE dunning.template INCLUDING ALL);
COMMENT ON TABLE dunning.template_default IS
  'Reference data: the templates shipped with the extension (friendly, firm, final, handoff in en, fr, de, it, es, pt, nl); dunning.template overrides them.';

CREATE VIEW dunning.templates AS
  SELECT t.name, t.channel, t.locale, t.subject, t.body, t.body_html, false AS shipped
    FROM dunning.template t
  UNION ALL
  SELECT d.name, d.channel, d.locale, d.subject, d.body, d.body_html, true
    FROM dunning.template_default d
   WHERE NOT EXISTS (SELECT 1 FROM dunning.template t
                      WHERE t.name = d.name AND t.channel = d.channel AND t.locale = d.locale);
COMMENT ON VIEW dunning.templates IS
  'The templates in effect: the user''s (dunning.template), then the shipped ones they do not override.';

-- The shipped templates: a friendly first reminder, a firm second, a final
-- notice (e-mail and letter) that names the fee and what happens next, and
-- the hand-off to collections, in seven languages.  Short, kind, exact: the
-- amounts and dates, one action (the payment link), a real contact.
-- Their rows are in sql/install/data/templates/, one file per language.

-- Checks a template row.
CREATE FUNCTION dunning.template_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF btrim(NEW.name) = '' THEN
    RAISE EXCEPTION 'template name must not be empty'
      USING ERRCODE = 'check_violation',
            HINT = 'Name the template, for example ''friendly''; steps refer to it by that name.';
  END IF;
  PERFORM dunning.require_channel(NEW.channel);
  IF NEW.locale !~ '^[a-z]{2,3}(-[A-Z]{2}|-[0-9]{3})?$' THEN
    RAISE EXCEPTION 'locale "%" is not a language tag', NEW.locale
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use a language in lower case, optionally with a region in capitals: fr, fr-CA, en-GB.';
  END IF;
  IF NEW.channel = 'email' AND (NEW.subject IS NULL OR btrim(NEW.subject) = '') THEN
    RAISE EXCEPTION 'an email template needs a subject'
      USING ERRCODE = 'not_null_violation',
            DETAIL = format('The template "%s" (%s) has none.', NEW.name, NEW.locale),
            HINT = 'Give the subject line of the message.';
  END IF;
  IF btrim(NEW.body) = '' THEN
    RAISE EXCEPTION 'template body must not be empty'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The template "%s" (%s) has an empty body.', NEW.name, NEW.locale);
  END IF;
  -- a template renders for every reminder of its step: a size a pass can
  -- afford, well under dunning.max_render_size
  PERFORM dunning.require_short(format('template "%s" (%s)', NEW.name, NEW.locale), 'subject',
    NEW.subject, 1000, 'Keep the subject to a line.');
  PERFORM dunning.require_short(format('template "%s" (%s)', NEW.name, NEW.locale), 'body',
    NEW.body, 65536, 'Keep a template under 64 kB; link to longer terms instead of including them.');
  PERFORM dunning.require_short(format('template "%s" (%s)', NEW.name, NEW.locale), 'body_html',
    NEW.body_html, 65536, 'Keep a template under 64 kB; link to longer terms instead of including them.');
  PERFORM dunning.template_validate(NEW.name, NEW.channel, NEW.locale,
                                    NEW.subject, NEW.body, NEW.body_html);
  IF TG_OP = 'UPDATE' AND (NEW.name, NEW.channel) IS DISTINCT FROM (OLD.name, OLD.channel) THEN
    PERFORM dunning.template_still_used(OLD.name, OLD.channel);
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.template_check() IS
  'Trigger: rejects a template row that makes no sense, with a message that says why.';

-- Raises an error when the last template of a name and channel that a step
-- uses would go away.
CREATE FUNCTION dunning.template_still_used(tname text, tchannel text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  s record;
BEGIN
  IF EXISTS (SELECT 1 FROM dunning.templates t WHERE t.name = tname AND t.channel = tchannel) THEN
    RETURN;
  END IF;
  SELECT st.policy, st.level INTO s FROM dunning.step st
   WHERE st.template = tname AND st.channel = tchannel LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'template "%" is still used by a step', tname
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('Step %s of policy "%s" sends it by %s.', s.level, s.policy, tchannel),
            HINT = 'Point the step at another template first, or keep a version of this one.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.template_still_used(text, text) IS
  'Raises a clear error when a step still names a template that is going away.';

CREATE TRIGGER template_check BEFORE INSERT OR UPDATE ON dunning.template
  FOR EACH ROW EXECUTE FUNCTION dunning.template_check();
COMMENT ON TRIGGER template_check ON dunning.template IS
  'Rejects nonsense in templates.';

-- After a template is deleted or renamed, checks no step is left without it.
CREATE FUNCTION dunning.template_gone_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM dunning.template_still_used(OLD.name, OLD.channel);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.template_gone_check() IS
  'Trigger: keeps a template that a step still uses.';

CREATE CONSTRAINT TRIGGER template_gone_check AFTER DELETE OR UPDATE ON dunning.template
  FOR EACH ROW EXECUTE FUNCTION dunning.template_gone_check();
COMMENT ON TRIGGER template_gone_check ON dunning.template IS
  'Keeps a template that a step still uses.';
/*-------------------------------------------------------------------------
 *
 * en.sql
 *	  Shipped templates in English: friendly, firm, final, hand-off.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'en',
   $t$A friendly reminder: {{total_open}} is overdue$t$,
   $t${{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}

We are writing to let you know that the following payment is now past due. It may simply have been overlooked:

{{#invoices}}- Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}
{{/invoices}}
Total due: {{total_open}}

{{#payment_url}}You can pay online here: {{payment_url}}{{/payment_url}}{{^payment_url}}If you need our bank details, please contact us.{{/payment_url}}

If you have already paid, thank you, and please disregard this message.

If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.

Kind regards,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Email: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Phone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}</p>
<p>We are writing to let you know that the following payment is now past due. It may simply have been overlooked:</p>
<ul>
{{#invoices}}<li>Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total due: {{total_open}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pay now</a></p>{{/payment_url}}{{^payment_url}}<p>If you need our bank details, please contact us.</p>{{/payment_url}}
<p>If you have already paid, thank you, and please disregard this message.</p>
<p>If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.</p>
<p>Kind regards,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Email: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Phone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'en',
   $t$Second reminder: {{total_open}} is still unpaid$t$,
   $t${{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}

We have not yet received the following payment, despite our earlier reminder:

{{#invoices}}- Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}
{{/invoices}}
Total due: {{total_open}}

{{#next_step}}Please settle the balance by {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}You can pay online here: {{payment_url}}{{/payment_url}}{{^payment_url}}If you need our bank details, please contact us.{{/payment_url}}

If you have already paid, thank you, and please disregard this message.

If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.

Kind regards,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Email: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Phone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}</p>
<p>We have not yet received the following payment, despite our earlier reminder:</p>
<ul>
{{#invoices}}<li>Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total due: {{total_open}}</strong></p>
{{#next_step}}<p>Please settle the balance by {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pay now</a></p>{{/payment_url}}{{^payment_url}}<p>If you need our bank details, please contact us.</p>{{/payment_url}}
<p>If you have already paid, thank you, and please disregard this message.</p>
<p>If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.</p>
<p>Kind regards,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Email: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Phone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'en',
   $t$Final notice: {{total_open}} overdue$t$,
   $t${{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}

This is our final notice about the following amount, which remains unpaid:

{{#invoices}}- Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}
{{/invoices}}
Total due: {{total_open}}

{{#fee}}A late-payment fee of {{fee}} applies.

{{/fee}}{{#next_step}}{{#next_step.handoff}}If we have not received payment by {{next_step.due_on}}, we will pass the account to our collections partner.

{{/next_step.handoff}}{{#next_step.suspend}}If we have not received payment by {{next_step.due_on}}, we will have to suspend your service.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}You can pay online here: {{payment_url}}{{/payment_url}}{{^payment_url}}If you need our bank details, please contact us.{{/payment_url}}

If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.

Kind regards,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Email: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Phone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}</p>
<p>This is our final notice about the following amount, which remains unpaid:</p>
<ul>
{{#invoices}}<li>Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total due: {{total_open}}</strong></p>
{{#fee}}<p>A late-payment fee of {{fee}} applies.</p>{{/fee}}
{{#next_step}}{{#next_step.handoff}}<p>If we have not received payment by {{next_step.due_on}}, we will pass the account to our collections partner.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>If we have not received payment by {{next_step.due_on}}, we will have to suspend your service.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pay now</a></p>{{/payment_url}}{{^payment_url}}<p>If you need our bank details, please contact us.</p>{{/payment_url}}
<p>If something is wrong with the invoice, or you need more time, please contact us: we will find a solution together.</p>
<p>Kind regards,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Email: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Phone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'en',
   $t$Your account has been passed to collections$t$,
   $t${{#customer.name}}Dear {{customer.name}},{{/customer.name}}{{^customer.name}}Hello,{{/customer.name}}

Despite our reminders, the following amount is still unpaid, so we have passed your account to our collections partner:

{{#invoices}}- Invoice {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, due {{due_on}}: {{open_amount}}
{{/invoices}}
Total due: {{total_open}}

Our partner will contact you shortly. If you settle the balance now, the matter will be closed.

{{#payment_url}}You can pay online here: {{payment_url}}{{/payment_url}}{{^payment_url}}If you need our bank details, please contact us.{{/payment_url}}

Kind regards,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Email: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Phone: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL);
/*-------------------------------------------------------------------------
 *
 * fr.sql
 *	  Shipped templates in French: friendly, firm, final, hand-off.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'fr',
   $t$Petit rappel : {{total_open}} en attente de paiement$t$,
   $t${{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}

Sauf erreur de notre part, le règlement suivant est arrivé à échéance. Il s'agit peut-être d'un simple oubli :

{{#invoices}}- Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}
{{/invoices}}
Total dû : {{total_open}}

{{#payment_url}}Vous pouvez régler en ligne ici : {{payment_url}}{{/payment_url}}{{^payment_url}}Pour obtenir nos coordonnées bancaires, contactez-nous.{{/payment_url}}

Si vous avez déjà effectué le paiement, merci, et veuillez ne pas tenir compte de ce message.

Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.

Cordialement,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail : {{contact.email}}
{{/contact.email}}{{#contact.phone}}Téléphone : {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}</p>
<p>Sauf erreur de notre part, le règlement suivant est arrivé à échéance. Il s'agit peut-être d'un simple oubli :</p>
<ul>
{{#invoices}}<li>Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total dû : {{total_open}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Payer maintenant</a></p>{{/payment_url}}{{^payment_url}}<p>Pour obtenir nos coordonnées bancaires, contactez-nous.</p>{{/payment_url}}
<p>Si vous avez déjà effectué le paiement, merci, et veuillez ne pas tenir compte de ce message.</p>
<p>Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.</p>
<p>Cordialement,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail : <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Téléphone : {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'fr',
   $t$Deuxième rappel : {{total_open}} toujours impayé$t$,
   $t${{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}

Malgré notre précédent rappel, nous n'avons pas encore reçu le règlement suivant :

{{#invoices}}- Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}
{{/invoices}}
Total dû : {{total_open}}

{{#next_step}}Merci de régler ce montant avant le {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}Vous pouvez régler en ligne ici : {{payment_url}}{{/payment_url}}{{^payment_url}}Pour obtenir nos coordonnées bancaires, contactez-nous.{{/payment_url}}

Si vous avez déjà effectué le paiement, merci, et veuillez ne pas tenir compte de ce message.

Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.

Cordialement,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail : {{contact.email}}
{{/contact.email}}{{#contact.phone}}Téléphone : {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}</p>
<p>Malgré notre précédent rappel, nous n'avons pas encore reçu le règlement suivant :</p>
<ul>
{{#invoices}}<li>Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total dû : {{total_open}}</strong></p>
{{#next_step}}<p>Merci de régler ce montant avant le {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Payer maintenant</a></p>{{/payment_url}}{{^payment_url}}<p>Pour obtenir nos coordonnées bancaires, contactez-nous.</p>{{/payment_url}}
<p>Si vous avez déjà effectué le paiement, merci, et veuillez ne pas tenir compte de ce message.</p>
<p>Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.</p>
<p>Cordialement,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail : <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Téléphone : {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'fr',
   $t$Dernier avis : {{total_open}} impayé$t$,
   $t${{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}

Ceci est notre dernier avis concernant le montant suivant, qui reste impayé :

{{#invoices}}- Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}
{{/invoices}}
Total dû : {{total_open}}

{{#fee}}Des frais de retard de {{fee}} s'appliquent.

{{/fee}}{{#next_step}}{{#next_step.handoff}}Sans règlement de votre part avant le {{next_step.due_on}}, nous transmettrons le dossier à notre partenaire de recouvrement.

{{/next_step.handoff}}{{#next_step.suspend}}Sans règlement de votre part avant le {{next_step.due_on}}, nous devrons suspendre votre service.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}Vous pouvez régler en ligne ici : {{payment_url}}{{/payment_url}}{{^payment_url}}Pour obtenir nos coordonnées bancaires, contactez-nous.{{/payment_url}}

Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.

Cordialement,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail : {{contact.email}}
{{/contact.email}}{{#contact.phone}}Téléphone : {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}</p>
<p>Ceci est notre dernier avis concernant le montant suivant, qui reste impayé :</p>
<ul>
{{#invoices}}<li>Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total dû : {{total_open}}</strong></p>
{{#fee}}<p>Des frais de retard de {{fee}} s'appliquent.</p>{{/fee}}
{{#next_step}}{{#next_step.handoff}}<p>Sans règlement de votre part avant le {{next_step.due_on}}, nous transmettrons le dossier à notre partenaire de recouvrement.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Sans règlement de votre part avant le {{next_step.due_on}}, nous devrons suspendre votre service.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Payer maintenant</a></p>{{/payment_url}}{{^payment_url}}<p>Pour obtenir nos coordonnées bancaires, contactez-nous.</p>{{/payment_url}}
<p>Si la facture pose problème ou si vous avez besoin d'un délai, contactez-nous : nous trouverons une solution ensemble.</p>
<p>Cordialement,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail : <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Téléphone : {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'fr',
   $t$Votre dossier a été transmis à notre service de recouvrement$t$,
   $t${{#customer.name}}Bonjour {{customer.name}},{{/customer.name}}{{^customer.name}}Bonjour,{{/customer.name}}

Malgré nos rappels, le montant suivant reste impayé ; nous avons donc transmis votre dossier à notre partenaire de recouvrement :

{{#invoices}}- Facture {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, échue le {{due_on}} : {{open_amount}}
{{/invoices}}
Total dû : {{total_open}}

Notre partenaire prendra contact avec vous prochainement. Si vous réglez le montant dès maintenant, le dossier sera clos.

{{#payment_url}}Vous pouvez régler en ligne ici : {{payment_url}}{{/payment_url}}{{^payment_url}}Pour obtenir nos coordonnées bancaires, contactez-nous.{{/payment_url}}

Cordialement,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail : {{contact.email}}
{{/contact.email}}{{#contact.phone}}Téléphone : {{contact.phone}}
{{/contact.phone}}$t$,
   NULL);
/*-------------------------------------------------------------------------
 *
 * de.sql
 *	  Shipped templates in German: friendly, firm, final, hand-off.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'de',
   $t$Freundliche Zahlungserinnerung: {{total_open}} offen$t$,
   $t${{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}

vielleicht ist es Ihnen entgangen: Die folgende Zahlung ist inzwischen fällig:

{{#invoices}}- Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}
{{/invoices}}
Offener Gesamtbetrag: {{total_open}}

{{#payment_url}}Sie können hier online bezahlen: {{payment_url}}{{/payment_url}}{{^payment_url}}Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.{{/payment_url}}

Falls Sie bereits gezahlt haben, danken wir Ihnen und bitten Sie, diese Nachricht als gegenstandslos zu betrachten.

Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.

Mit freundlichen Grüßen
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-Mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}</p>
<p>vielleicht ist es Ihnen entgangen: Die folgende Zahlung ist inzwischen fällig:</p>
<ul>
{{#invoices}}<li>Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Offener Gesamtbetrag: {{total_open}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Jetzt bezahlen</a></p>{{/payment_url}}{{^payment_url}}<p>Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.</p>{{/payment_url}}
<p>Falls Sie bereits gezahlt haben, danken wir Ihnen und bitten Sie, diese Nachricht als gegenstandslos zu betrachten.</p>
<p>Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.</p>
<p>Mit freundlichen Grüßen{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-Mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'de',
   $t$Zweite Zahlungserinnerung: {{total_open}} weiterhin offen$t$,
   $t${{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}

trotz unserer letzten Erinnerung haben wir die folgende Zahlung noch nicht erhalten:

{{#invoices}}- Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}
{{/invoices}}
Offener Gesamtbetrag: {{total_open}}

{{#next_step}}Bitte begleichen Sie den Betrag bis zum {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}Sie können hier online bezahlen: {{payment_url}}{{/payment_url}}{{^payment_url}}Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.{{/payment_url}}

Falls Sie bereits gezahlt haben, danken wir Ihnen und bitten Sie, diese Nachricht als gegenstandslos zu betrachten.

Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.

Mit freundlichen Grüßen
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-Mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}</p>
<p>trotz unserer letzten Erinnerung haben wir die folgende Zahlung noch nicht erhalten:</p>
<ul>
{{#invoices}}<li>Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Offener Gesamtbetrag: {{total_open}}</strong></p>
{{#next_step}}<p>Bitte begleichen Sie den Betrag bis zum {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Jetzt bezahlen</a></p>{{/payment_url}}{{^payment_url}}<p>Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.</p>{{/payment_url}}
<p>Falls Sie bereits gezahlt haben, danken wir Ihnen und bitten Sie, diese Nachricht als gegenstandslos zu betrachten.</p>
<p>Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.</p>
<p>Mit freundlichen Grüßen{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-Mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'de',
   $t$Letzte Mahnung: {{total_open}} offen$t$,
   $t${{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}

dies ist unsere letzte Mahnung zu folgendem offenen Betrag:

{{#invoices}}- Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}
{{/invoices}}
Offener Gesamtbetrag: {{total_open}}

{{#fee}}Es fällt eine Mahngebühr von {{fee}} an.

{{/fee}}{{#next_step}}{{#next_step.handoff}}Sollte die Zahlung nicht bis zum {{next_step.due_on}} bei uns eingehen, übergeben wir die Forderung an unseren Inkassopartner.

{{/next_step.handoff}}{{#next_step.suspend}}Sollte die Zahlung nicht bis zum {{next_step.due_on}} bei uns eingehen, müssen wir Ihren Dienst sperren.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}Sie können hier online bezahlen: {{payment_url}}{{/payment_url}}{{^payment_url}}Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.{{/payment_url}}

Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.

Mit freundlichen Grüßen
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-Mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}</p>
<p>dies ist unsere letzte Mahnung zu folgendem offenen Betrag:</p>
<ul>
{{#invoices}}<li>Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Offener Gesamtbetrag: {{total_open}}</strong></p>
{{#fee}}<p>Es fällt eine Mahngebühr von {{fee}} an.</p>{{/fee}}
{{#next_step}}{{#next_step.handoff}}<p>Sollte die Zahlung nicht bis zum {{next_step.due_on}} bei uns eingehen, übergeben wir die Forderung an unseren Inkassopartner.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Sollte die Zahlung nicht bis zum {{next_step.due_on}} bei uns eingehen, müssen wir Ihren Dienst sperren.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Jetzt bezahlen</a></p>{{/payment_url}}{{^payment_url}}<p>Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.</p>{{/payment_url}}
<p>Stimmt etwas mit der Rechnung nicht oder brauchen Sie mehr Zeit? Sprechen Sie uns an – wir finden gemeinsam eine Lösung.</p>
<p>Mit freundlichen Grüßen{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-Mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'de',
   $t$Ihr Konto wurde an unseren Inkassopartner übergeben$t$,
   $t${{#customer.name}}Guten Tag {{customer.name}},{{/customer.name}}{{^customer.name}}Guten Tag,{{/customer.name}}

trotz unserer Erinnerungen ist der folgende Betrag weiterhin offen. Wir haben Ihr Konto daher an unseren Inkassopartner übergeben:

{{#invoices}}- Rechnung {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, fällig am {{due_on}}: {{open_amount}}
{{/invoices}}
Offener Gesamtbetrag: {{total_open}}

Unser Inkassopartner wird sich in Kürze bei Ihnen melden. Wenn Sie den Betrag jetzt begleichen, wird der Vorgang abgeschlossen.

{{#payment_url}}Sie können hier online bezahlen: {{payment_url}}{{/payment_url}}{{^payment_url}}Unsere Bankverbindung teilen wir Ihnen gern mit – sprechen Sie uns an.{{/payment_url}}

Mit freundlichen Grüßen
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-Mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefon: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL);
/*-------------------------------------------------------------------------
 *
 * it.sql
 *	  Shipped templates in Italian: friendly, firm, final, hand-off.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'it',
   $t$Promemoria: pagamento di {{total_open}} scaduto$t$,
   $t${{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}

le ricordiamo che il seguente pagamento è scaduto. Potrebbe trattarsi di una semplice svista:

{{#invoices}}- Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}
{{/invoices}}
Totale dovuto: {{total_open}}

{{#payment_url}}Può pagare online qui: {{payment_url}}{{/payment_url}}{{^payment_url}}Per le nostre coordinate bancarie, ci contatti.{{/payment_url}}

Se ha già effettuato il pagamento, la ringraziamo e la preghiamo di ignorare questo messaggio.

Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.

Cordiali saluti,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}</p>
<p>le ricordiamo che il seguente pagamento è scaduto. Potrebbe trattarsi di una semplice svista:</p>
<ul>
{{#invoices}}<li>Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Totale dovuto: {{total_open}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Paga ora</a></p>{{/payment_url}}{{^payment_url}}<p>Per le nostre coordinate bancarie, ci contatti.</p>{{/payment_url}}
<p>Se ha già effettuato il pagamento, la ringraziamo e la preghiamo di ignorare questo messaggio.</p>
<p>Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.</p>
<p>Cordiali saluti,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'it',
   $t$Secondo sollecito: {{total_open}} ancora da pagare$t$,
   $t${{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}

nonostante il nostro precedente promemoria, non abbiamo ancora ricevuto il seguente pagamento:

{{#invoices}}- Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}
{{/invoices}}
Totale dovuto: {{total_open}}

{{#next_step}}La preghiamo di saldare l'importo entro il {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}Può pagare online qui: {{payment_url}}{{/payment_url}}{{^payment_url}}Per le nostre coordinate bancarie, ci contatti.{{/payment_url}}

Se ha già effettuato il pagamento, la ringraziamo e la preghiamo di ignorare questo messaggio.

Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.

Cordiali saluti,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}</p>
<p>nonostante il nostro precedente promemoria, non abbiamo ancora ricevuto il seguente pagamento:</p>
<ul>
{{#invoices}}<li>Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Totale dovuto: {{total_open}}</strong></p>
{{#next_step}}<p>La preghiamo di saldare l'importo entro il {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Paga ora</a></p>{{/payment_url}}{{^payment_url}}<p>Per le nostre coordinate bancarie, ci contatti.</p>{{/payment_url}}
<p>Se ha già effettuato il pagamento, la ringraziamo e la preghiamo di ignorare questo messaggio.</p>
<p>Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.</p>
<p>Cordiali saluti,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'it',
   $t$Ultimo avviso: {{total_open}} non pagato$t$,
   $t${{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}

questo è il nostro ultimo avviso relativo al seguente importo, che risulta ancora non pagato:

{{#invoices}}- Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}
{{/invoices}}
Totale dovuto: {{total_open}}

{{#fee}}Si applicano spese di sollecito di {{fee}}.

{{/fee}}{{#next_step}}{{#next_step.handoff}}Se non riceveremo il pagamento entro il {{next_step.due_on}}, affideremo la pratica al nostro partner per il recupero crediti.

{{/next_step.handoff}}{{#next_step.suspend}}Se non riceveremo il pagamento entro il {{next_step.due_on}}, dovremo sospendere il servizio.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}Può pagare online qui: {{payment_url}}{{/payment_url}}{{^payment_url}}Per le nostre coordinate bancarie, ci contatti.{{/payment_url}}

Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.

Cordiali saluti,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}</p>
<p>questo è il nostro ultimo avviso relativo al seguente importo, che risulta ancora non pagato:</p>
<ul>
{{#invoices}}<li>Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Totale dovuto: {{total_open}}</strong></p>
{{#fee}}<p>Si applicano spese di sollecito di {{fee}}.</p>{{/fee}}
{{#next_step}}{{#next_step.handoff}}<p>Se non riceveremo il pagamento entro il {{next_step.due_on}}, affideremo la pratica al nostro partner per il recupero crediti.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Se non riceveremo il pagamento entro il {{next_step.due_on}}, dovremo sospendere il servizio.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Paga ora</a></p>{{/payment_url}}{{^payment_url}}<p>Per le nostre coordinate bancarie, ci contatti.</p>{{/payment_url}}
<p>Se la fattura presenta un problema o le serve più tempo, ci contatti: troveremo insieme una soluzione.</p>
<p>Cordiali saluti,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'it',
   $t$La sua pratica è stata affidata al recupero crediti$t$,
   $t${{#customer.name}}Gentile {{customer.name}},{{/customer.name}}{{^customer.name}}Gentile cliente,{{/customer.name}}

nonostante i nostri solleciti, il seguente importo risulta ancora non pagato; abbiamo quindi affidato la pratica al nostro partner per il recupero crediti:

{{#invoices}}- Fattura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, scaduta il {{due_on}}: {{open_amount}}
{{/invoices}}
Totale dovuto: {{total_open}}

Il nostro partner la contatterà a breve. Se salda ora l'importo, la pratica verrà chiusa.

{{#payment_url}}Può pagare online qui: {{payment_url}}{{/payment_url}}{{^payment_url}}Per le nostre coordinate bancarie, ci contatti.{{/payment_url}}

Cordiali saluti,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefono: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL);
/*-------------------------------------------------------------------------
 *
 * es.sql
 *	  Shipped templates in Spanish: friendly, firm, final, hand-off.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'es',
   $t$Recordatorio: pago de {{total_open}} vencido$t$,
   $t${{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}

Le escribimos para recordarle que el siguiente pago ha vencido. Puede que se trate de un simple descuido:

{{#invoices}}- Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}
{{/invoices}}
Total pendiente: {{total_open}}

{{#payment_url}}Puede pagar en línea aquí: {{payment_url}}{{/payment_url}}{{^payment_url}}Si necesita nuestros datos bancarios, póngase en contacto con nosotros.{{/payment_url}}

Si ya ha realizado el pago, se lo agradecemos; por favor, ignore este mensaje.

Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.

Atentamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Correo: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Teléfono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}</p>
<p>Le escribimos para recordarle que el siguiente pago ha vencido. Puede que se trate de un simple descuido:</p>
<ul>
{{#invoices}}<li>Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total pendiente: {{total_open}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar ahora</a></p>{{/payment_url}}{{^payment_url}}<p>Si necesita nuestros datos bancarios, póngase en contacto con nosotros.</p>{{/payment_url}}
<p>Si ya ha realizado el pago, se lo agradecemos; por favor, ignore este mensaje.</p>
<p>Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.</p>
<p>Atentamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Correo: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Teléfono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'es',
   $t$Segundo aviso: {{total_open}} sigue pendiente$t$,
   $t${{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}

Pese a nuestro recordatorio anterior, aún no hemos recibido el siguiente pago:

{{#invoices}}- Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}
{{/invoices}}
Total pendiente: {{total_open}}

{{#next_step}}Le rogamos que abone el importe antes del {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}Puede pagar en línea aquí: {{payment_url}}{{/payment_url}}{{^payment_url}}Si necesita nuestros datos bancarios, póngase en contacto con nosotros.{{/payment_url}}

Si ya ha realizado el pago, se lo agradecemos; por favor, ignore este mensaje.

Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.

Atentamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Correo: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Teléfono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}</p>
<p>Pese a nuestro recordatorio anterior, aún no hemos recibido el siguiente pago:</p>
<ul>
{{#invoices}}<li>Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total pendiente: {{total_open}}</strong></p>
{{#next_step}}<p>Le rogamos que abone el importe antes del {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar ahora</a></p>{{/payment_url}}{{^payment_url}}<p>Si necesita nuestros datos bancarios, póngase en contacto con nosotros.</p>{{/payment_url}}
<p>Si ya ha realizado el pago, se lo agradecemos; por favor, ignore este mensaje.</p>
<p>Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.</p>
<p>Atentamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Correo: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Teléfono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'es',
   $t$Último aviso: {{total_open}} pendiente de pago$t$,
   $t${{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}

Este es nuestro último aviso sobre el siguiente importe, que sigue pendiente de pago:

{{#invoices}}- Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}
{{/invoices}}
Total pendiente: {{total_open}}

{{#fee}}Se aplica un recargo por demora de {{fee}}.

{{/fee}}{{#next_step}}{{#next_step.handoff}}Si no recibimos el pago antes del {{next_step.due_on}}, trasladaremos la deuda a nuestra agencia de cobros.

{{/next_step.handoff}}{{#next_step.suspend}}Si no recibimos el pago antes del {{next_step.due_on}}, tendremos que suspender su servicio.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}Puede pagar en línea aquí: {{payment_url}}{{/payment_url}}{{^payment_url}}Si necesita nuestros datos bancarios, póngase en contacto con nosotros.{{/payment_url}}

Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.

Atentamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Correo: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Teléfono: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}</p>
<p>Este es nuestro último aviso sobre el siguiente importe, que sigue pendiente de pago:</p>
<ul>
{{#invoices}}<li>Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total pendiente: {{total_open}}</strong></p>
{{#fee}}<p>Se aplica un recargo por demora de {{fee}}.</p>{{/fee}}
{{#next_step}}{{#next_step.handoff}}<p>Si no recibimos el pago antes del {{next_step.due_on}}, trasladaremos la deuda a nuestra agencia de cobros.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Si no recibimos el pago antes del {{next_step.due_on}}, tendremos que suspender su servicio.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar ahora</a></p>{{/payment_url}}{{^payment_url}}<p>Si necesita nuestros datos bancarios, póngase en contacto con nosotros.</p>{{/payment_url}}
<p>Si hay algún problema con la factura o necesita más tiempo, contáctenos: buscaremos juntos una solución.</p>
<p>Atentamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>Correo: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Teléfono: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'es',
   $t$Su cuenta ha pasado a nuestra agencia de cobros$t$,
   $t${{#customer.name}}Buenos días, {{customer.name}}:{{/customer.name}}{{^customer.name}}Buenos días:{{/customer.name}}

Pese a nuestros recordatorios, el siguiente importe sigue pendiente, por lo que hemos trasladado su cuenta a nuestra agencia de cobros:

{{#invoices}}- Factura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida el {{due_on}}: {{open_amount}}
{{/invoices}}
Total pendiente: {{total_open}}

La agencia se pondrá en contacto con usted en breve. Si abona ahora el importe, el expediente quedará cerrado.

{{#payment_url}}Puede pagar en línea aquí: {{payment_url}}{{/payment_url}}{{^payment_url}}Si necesita nuestros datos bancarios, póngase en contacto con nosotros.{{/payment_url}}

Atentamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}Correo: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Teléfono: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL);
/*-------------------------------------------------------------------------
 *
 * pt.sql
 *	  Shipped templates in Portuguese: friendly, firm, final, hand-off.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'pt',
   $t$Lembrete: pagamento de {{total_open}} em atraso$t$,
   $t${{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}

Gostaríamos de lembrar que o seguinte pagamento já venceu. Pode tratar-se de um simples esquecimento:

{{#invoices}}- Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}
{{/invoices}}
Total em aberto: {{total_open}}

{{#payment_url}}Você pode pagar online aqui: {{payment_url}}{{/payment_url}}{{^payment_url}}Se precisar dos nossos dados bancários, entre em contato conosco.{{/payment_url}}

Se já efetuou o pagamento, agradecemos e pedimos que desconsidere esta mensagem.

Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.

Atenciosamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}</p>
<p>Gostaríamos de lembrar que o seguinte pagamento já venceu. Pode tratar-se de um simples esquecimento:</p>
<ul>
{{#invoices}}<li>Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total em aberto: {{total_open}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar agora</a></p>{{/payment_url}}{{^payment_url}}<p>Se precisar dos nossos dados bancários, entre em contato conosco.</p>{{/payment_url}}
<p>Se já efetuou o pagamento, agradecemos e pedimos que desconsidere esta mensagem.</p>
<p>Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.</p>
<p>Atenciosamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'pt',
   $t$Segundo aviso: {{total_open}} continua em aberto$t$,
   $t${{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}

Apesar do nosso lembrete anterior, ainda não recebemos o seguinte pagamento:

{{#invoices}}- Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}
{{/invoices}}
Total em aberto: {{total_open}}

{{#next_step}}Pedimos que quite o valor até {{next_step.due_on}}.

{{/next_step}}{{#payment_url}}Você pode pagar online aqui: {{payment_url}}{{/payment_url}}{{^payment_url}}Se precisar dos nossos dados bancários, entre em contato conosco.{{/payment_url}}

Se já efetuou o pagamento, agradecemos e pedimos que desconsidere esta mensagem.

Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.

Atenciosamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}</p>
<p>Apesar do nosso lembrete anterior, ainda não recebemos o seguinte pagamento:</p>
<ul>
{{#invoices}}<li>Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total em aberto: {{total_open}}</strong></p>
{{#next_step}}<p>Pedimos que quite o valor até {{next_step.due_on}}.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar agora</a></p>{{/payment_url}}{{^payment_url}}<p>Se precisar dos nossos dados bancários, entre em contato conosco.</p>{{/payment_url}}
<p>Se já efetuou o pagamento, agradecemos e pedimos que desconsidere esta mensagem.</p>
<p>Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.</p>
<p>Atenciosamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'pt',
   $t$Último aviso: {{total_open}} em atraso$t$,
   $t${{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}

Este é o nosso último aviso relativo ao seguinte valor, que continua em aberto:

{{#invoices}}- Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}
{{/invoices}}
Total em aberto: {{total_open}}

{{#fee}}É aplicada uma taxa de atraso de {{fee}}.

{{/fee}}{{#next_step}}{{#next_step.handoff}}Caso não recebamos o pagamento até {{next_step.due_on}}, encaminharemos a dívida ao nosso parceiro de cobrança.

{{/next_step.handoff}}{{#next_step.suspend}}Caso não recebamos o pagamento até {{next_step.due_on}}, teremos de suspender o seu serviço.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}Você pode pagar online aqui: {{payment_url}}{{/payment_url}}{{^payment_url}}Se precisar dos nossos dados bancários, entre em contato conosco.{{/payment_url}}

Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.

Atenciosamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefone: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}</p>
<p>Este é o nosso último aviso relativo ao seguinte valor, que continua em aberto:</p>
<ul>
{{#invoices}}<li>Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Total em aberto: {{total_open}}</strong></p>
{{#fee}}<p>É aplicada uma taxa de atraso de {{fee}}.</p>{{/fee}}
{{#next_step}}{{#next_step.handoff}}<p>Caso não recebamos o pagamento até {{next_step.due_on}}, encaminharemos a dívida ao nosso parceiro de cobrança.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Caso não recebamos o pagamento até {{next_step.due_on}}, teremos de suspender o seu serviço.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Pagar agora</a></p>{{/payment_url}}{{^payment_url}}<p>Se precisar dos nossos dados bancários, entre em contato conosco.</p>{{/payment_url}}
<p>Se houver algum problema com a fatura ou se precisar de mais prazo, entre em contato conosco: encontraremos juntos uma solução.</p>
<p>Atenciosamente,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefone: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'pt',
   $t$A sua conta foi encaminhada para cobrança$t$,
   $t${{#customer.name}}Olá, {{customer.name}},{{/customer.name}}{{^customer.name}}Olá,{{/customer.name}}

Apesar dos nossos lembretes, o seguinte valor continua em aberto, por isso encaminhamos a sua conta ao nosso parceiro de cobrança:

{{#invoices}}- Fatura {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vencida em {{due_on}}: {{open_amount}}
{{/invoices}}
Total em aberto: {{total_open}}

O nosso parceiro entrará em contato em breve. Se quitar o valor agora, o processo será encerrado.

{{#payment_url}}Você pode pagar online aqui: {{payment_url}}{{/payment_url}}{{^payment_url}}Se precisar dos nossos dados bancários, entre em contato conosco.{{/payment_url}}

Atenciosamente,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefone: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL);
/*-------------------------------------------------------------------------
 *
 * nl.sql
 *	  Shipped templates in Dutch: friendly, firm, final, hand-off.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.template_default (name, channel, locale, subject, body, body_html) VALUES
  ('friendly', 'email', 'nl',
   $t$Vriendelijke herinnering: {{total_open}} staat open$t$,
   $t${{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}

Misschien is het u ontgaan: de volgende betaling is inmiddels vervallen:

{{#invoices}}- Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}
{{/invoices}}
Totaal openstaand: {{total_open}}

{{#payment_url}}U kunt hier online betalen: {{payment_url}}{{/payment_url}}{{^payment_url}}Neem contact met ons op als u onze betaalgegevens nodig hebt.{{/payment_url}}

Heeft u al betaald? Dank u wel, dan kunt u dit bericht als niet verzonden beschouwen.

Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.

Met vriendelijke groet,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefoon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}</p>
<p>Misschien is het u ontgaan: de volgende betaling is inmiddels vervallen:</p>
<ul>
{{#invoices}}<li>Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Totaal openstaand: {{total_open}}</strong></p>
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Nu betalen</a></p>{{/payment_url}}{{^payment_url}}<p>Neem contact met ons op als u onze betaalgegevens nodig hebt.</p>{{/payment_url}}
<p>Heeft u al betaald? Dank u wel, dan kunt u dit bericht als niet verzonden beschouwen.</p>
<p>Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.</p>
<p>Met vriendelijke groet,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefoon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('firm', 'email', 'nl',
   $t$Tweede herinnering: {{total_open}} is nog niet betaald$t$,
   $t${{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}

Ondanks onze eerdere herinnering hebben we de volgende betaling nog niet ontvangen:

{{#invoices}}- Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}
{{/invoices}}
Totaal openstaand: {{total_open}}

{{#next_step}}Wij verzoeken u het bedrag vóór {{next_step.due_on}} te voldoen.

{{/next_step}}{{#payment_url}}U kunt hier online betalen: {{payment_url}}{{/payment_url}}{{^payment_url}}Neem contact met ons op als u onze betaalgegevens nodig hebt.{{/payment_url}}

Heeft u al betaald? Dank u wel, dan kunt u dit bericht als niet verzonden beschouwen.

Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.

Met vriendelijke groet,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefoon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}</p>
<p>Ondanks onze eerdere herinnering hebben we de volgende betaling nog niet ontvangen:</p>
<ul>
{{#invoices}}<li>Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Totaal openstaand: {{total_open}}</strong></p>
{{#next_step}}<p>Wij verzoeken u het bedrag vóór {{next_step.due_on}} te voldoen.</p>{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Nu betalen</a></p>{{/payment_url}}{{^payment_url}}<p>Neem contact met ons op als u onze betaalgegevens nodig hebt.</p>{{/payment_url}}
<p>Heeft u al betaald? Dank u wel, dan kunt u dit bericht als niet verzonden beschouwen.</p>
<p>Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.</p>
<p>Met vriendelijke groet,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefoon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('final', 'email', 'nl',
   $t$Laatste aanmaning: {{total_open}} onbetaald$t$,
   $t${{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}

Dit is onze laatste aanmaning voor het volgende bedrag, dat nog steeds openstaat:

{{#invoices}}- Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}
{{/invoices}}
Totaal openstaand: {{total_open}}

{{#fee}}Er worden administratiekosten van {{fee}} in rekening gebracht.

{{/fee}}{{#next_step}}{{#next_step.handoff}}Als we de betaling niet vóór {{next_step.due_on}} ontvangen, dragen we de vordering over aan onze incassopartner.

{{/next_step.handoff}}{{#next_step.suspend}}Als we de betaling niet vóór {{next_step.due_on}} ontvangen, moeten we uw dienst opschorten.

{{/next_step.suspend}}{{/next_step}}{{#payment_url}}U kunt hier online betalen: {{payment_url}}{{/payment_url}}{{^payment_url}}Neem contact met ons op als u onze betaalgegevens nodig hebt.{{/payment_url}}

Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.

Met vriendelijke groet,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefoon: {{contact.phone}}
{{/contact.phone}}$t$,
   $t$<!DOCTYPE html>
<html><body style="font-family: sans-serif; line-height: 1.5;">
<p>{{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}</p>
<p>Dit is onze laatste aanmaning voor het volgende bedrag, dat nog steeds openstaat:</p>
<ul>
{{#invoices}}<li>Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}</li>
{{/invoices}}</ul>
<p><strong>Totaal openstaand: {{total_open}}</strong></p>
{{#fee}}<p>Er worden administratiekosten van {{fee}} in rekening gebracht.</p>{{/fee}}
{{#next_step}}{{#next_step.handoff}}<p>Als we de betaling niet vóór {{next_step.due_on}} ontvangen, dragen we de vordering over aan onze incassopartner.</p>{{/next_step.handoff}}{{#next_step.suspend}}<p>Als we de betaling niet vóór {{next_step.due_on}} ontvangen, moeten we uw dienst opschorten.</p>{{/next_step.suspend}}{{/next_step}}
{{#payment_url}}<p><a href="{{payment_url}}" style="display: inline-block; padding: 10px 18px; background: #1a56db; color: #ffffff; text-decoration: none; border-radius: 4px;">Nu betalen</a></p>{{/payment_url}}{{^payment_url}}<p>Neem contact met ons op als u onze betaalgegevens nodig hebt.</p>{{/payment_url}}
<p>Klopt er iets niet aan de factuur of heeft u meer tijd nodig? Neem contact met ons op, dan zoeken we samen naar een oplossing.</p>
<p>Met vriendelijke groet,{{#contact.name}}<br>{{contact.name}}{{/contact.name}}{{#contact.email}}<br>E-mail: <a href="mailto:{{contact.email}}">{{contact.email}}</a>{{/contact.email}}{{#contact.phone}}<br>Telefoon: {{contact.phone}}{{/contact.phone}}</p>
</body></html>
$t$),
  ('handoff', 'handoff', 'nl',
   $t$Uw dossier is overgedragen aan onze incassopartner$t$,
   $t${{#customer.name}}Beste {{customer.name}},{{/customer.name}}{{^customer.name}}Beste klant,{{/customer.name}}

Ondanks onze herinneringen staat het volgende bedrag nog open. We hebben uw dossier daarom overgedragen aan onze incassopartner:

{{#invoices}}- Factuur {{#reference}}{{reference}}{{/reference}}{{^reference}}{{invoice_id}}{{/reference}}, vervallen op {{due_on}}: {{open_amount}}
{{/invoices}}
Totaal openstaand: {{total_open}}

Onze incassopartner neemt binnenkort contact met u op. Als u het bedrag nu voldoet, wordt het dossier gesloten.

{{#payment_url}}U kunt hier online betalen: {{payment_url}}{{/payment_url}}{{^payment_url}}Neem contact met ons op als u onze betaalgegevens nodig hebt.{{/payment_url}}

Met vriendelijke groet,
{{#contact.name}}{{contact.name}}
{{/contact.name}}{{#contact.email}}E-mail: {{contact.email}}
{{/contact.email}}{{#contact.phone}}Telefoon: {{contact.phone}}
{{/contact.phone}}$t$,
   NULL);
/*-------------------------------------------------------------------------
 *
 * letter.sql
 *	  Shipped templates: the final notice by letter, in the words of the e-mail.
 *
 *-------------------------------------------------------------------------
 */

-- the final notice goes by letter too, with the same words
INSERT INTO dunning.template_default (name, channel, locale, subject, body)
SELECT name, 'letter', locale, subject, body FROM dunning.template_default
 WHERE name = 'final' AND channel = 'email';
/*-------------------------------------------------------------------------
 *
 * 07_locale.sql
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
  month_names   text[] NOT NULL
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
COMMENT ON COLUMN dunning.locale.month_names IS
  'The twelve month names, January first, as written inside a date.';

CREATE TABLE dunning.locale_default (LIKE dunning.locale INCLUDING ALL);
COMMENT ON TABLE dunning.locale_default IS
  'Reference data: the locale rules shipped with the extension; dunning.locale overrides them.';

CREATE VIEW dunning.locales AS
  SELECT l.*, false AS shipped FROM dunning.locale l
  UNION ALL
  SELECT d.*, true FROM dunning.locale_default d
   WHERE NOT EXISTS (SELECT 1 FROM dunning.locale l WHERE l.code = d.code);
COMMENT ON VIEW dunning.locales IS
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
/*-------------------------------------------------------------------------
 *
 * locales.sql
 *	  Shipped locale rules for the seven languages of the shipped templates.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.locale_default (code, description, decimal_sep, group_sep, amount_format,
                                    date_format, month_names) VALUES
  ('en', 'English', '.', ',', '{symbol}{amount}', 'MMMM D, YYYY',
   '{January,February,March,April,May,June,July,August,September,October,November,December}'),
  ('fr', 'Français', ',', U&'\00A0', U&'{amount}\00A0{symbol}', 'D MMMM YYYY',
   '{janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre}'),
  ('de', 'Deutsch', ',', '.', U&'{amount}\00A0{symbol}', 'D. MMMM YYYY',
   '{Januar,Februar,März,April,Mai,Juni,Juli,August,September,Oktober,November,Dezember}'),
  ('it', 'Italiano', ',', '.', U&'{amount}\00A0{symbol}', 'D MMMM YYYY',
   '{gennaio,febbraio,marzo,aprile,maggio,giugno,luglio,agosto,settembre,ottobre,novembre,dicembre}'),
  ('es', 'Español', ',', '.', U&'{amount}\00A0{symbol}', 'D "de" MMMM "de" YYYY',
   '{enero,febrero,marzo,abril,mayo,junio,julio,agosto,septiembre,octubre,noviembre,diciembre}'),
  ('pt', 'Português', ',', '.', U&'{symbol}\00A0{amount}', 'D "de" MMMM "de" YYYY',
   '{janeiro,fevereiro,março,abril,maio,junho,julho,agosto,setembro,outubro,novembro,dezembro}'),
  ('pt-PT', 'Português (Portugal)', ',', U&'\00A0', U&'{amount}\00A0{symbol}', 'D "de" MMMM "de" YYYY',
   '{janeiro,fevereiro,março,abril,maio,junho,julho,agosto,setembro,outubro,novembro,dezembro}'),
  ('nl', 'Nederlands', ',', '.', U&'{symbol}\00A0{amount}', 'D MMMM YYYY',
   '{januari,februari,maart,april,mei,juni,juli,augustus,september,oktober,november,december}'),
  ('en-GB', 'English (United Kingdom)', '.', ',', '{symbol}{amount}', 'D MMMM YYYY',
   '{January,February,March,April,May,June,July,August,September,October,November,December}');
/*-------------------------------------------------------------------------
 *
 * 08_render.sql
 *	  Rendering a reminder's texts (src/render.c, src/template.c).
 *
 *-------------------------------------------------------------------------
 */

-- The texts of a reminder, as dunning.render() and the passes produce them.
CREATE TYPE dunning.rendered AS (subject text, body text, body_html text, locale text);
COMMENT ON TYPE dunning.rendered IS
  'A rendered reminder: subject, plain-text body, HTML body, and the locale of the template used.';

CREATE FUNCTION dunning.render(template_name text, locale text, payload jsonb,
                               channel text DEFAULT 'email')
RETURNS dunning.rendered
LANGUAGE c STABLE
AS 'MODULE_PATHNAME', 'dunning_render';
COMMENT ON FUNCTION dunning.render(text, text, jsonb, text) IS
  'Renders one template by hand for a payload, in the locale given (with its fallbacks): for previews and tests.';

CREATE FUNCTION dunning.render_reminder(payload jsonb) RETURNS dunning.rendered
LANGUAGE c STABLE
AS 'MODULE_PATHNAME', 'dunning_render_reminder';
COMMENT ON FUNCTION dunning.render_reminder(jsonb) IS
  'Renders a reminder from its payload the way a pass does (its template, channel and customer locale).';

CREATE FUNCTION dunning.template_validate(name text, channel text, locale text,
                                          subject text, body text, body_html text)
RETURNS void
LANGUAGE c IMMUTABLE
AS 'MODULE_PATHNAME', 'dunning_template_validate';
COMMENT ON FUNCTION dunning.template_validate(text, text, text, text, text, text) IS
  'Raises an error, with line and column, when a subject or body is not a valid template.';

CREATE FUNCTION dunning.payload_fields()
RETURNS TABLE (path text, kind text)
AS 'MODULE_PATHNAME', 'dunning_payload_fields'
LANGUAGE C STRICT IMMUTABLE;
COMMENT ON FUNCTION dunning.payload_fields() IS
  'Every field of a reminder''s payload (src/payload.h, the one definition the placeholders are made from): its path (customer.name; invoices[].open_amount for each invoice) and kind (text, number, boolean, amount, date, object, list).';
/*-------------------------------------------------------------------------
 *
 * 09_step.sql
 *	  Steps: the escalation of a policy, and their checks.
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.step (
  policy       text NOT NULL REFERENCES dunning.policy (name)
               ON UPDATE CASCADE ON DELETE CASCADE,
  level        integer NOT NULL,
  days_overdue integer NOT NULL,
  channel      text NOT NULL,
  template     text,
  fee          numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (policy, level)
);
COMMENT ON TABLE dunning.step IS
  'The steps of each policy''s campaign: a higher level is sent more days overdue.';
COMMENT ON COLUMN dunning.step.days_overdue IS
  'The step is due once the invoice is this many days past its due date.';
COMMENT ON COLUMN dunning.step.template IS
  'Name of the template rendered for this step; NULL leaves rendering to the consumer.';
COMMENT ON COLUMN dunning.step.fee IS
  'Fee charged when this step is sent, in the policy''s currency (kept in dunning, never in the ledger).';

-- Checks one step row on its own.
CREATE FUNCTION dunning.step_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  what text := format('step %s of policy "%s"', NEW.level, NEW.policy);
BEGIN
  PERFORM dunning.require_policy(NEW.policy);
  IF NEW.level < 1 THEN
    RAISE EXCEPTION 'step level must be at least 1'
      USING ERRCODE = 'check_violation',
            DETAIL = format('The policy "%s" has a step at level %s.', NEW.policy, NEW.level),
            HINT = 'Number the steps 1, 2, 3 ... from the gentlest on.';
  END IF;
  PERFORM dunning.require_not_negative(what, 'days_overdue', NEW.days_overdue,
    'Count days after the due date; use grace_days on the policy to wait longer.');
  PERFORM dunning.require_not_negative(what, 'fee', NEW.fee, 'Use 0 for no fee.');
  PERFORM dunning.require_within(what, 'days_overdue', NEW.days_overdue, 0, 3650,
    'Give a number of days of at most ten years.');
  PERFORM dunning.require_within(what, 'fee', NEW.fee, 0, 1e9,
    'Give the fee as an amount in the policy''s currency, such as 40.00, or 0.');
  PERFORM dunning.require_channel(NEW.channel);
  -- a restore loads the steps before the templates they name: pg_dump's
  -- scripts turn check_function_bodies off for the same reason, and so
  -- this check waits for the templates then
  IF NEW.template IS NOT NULL
     AND current_setting('check_function_bodies') = 'on'
     AND NOT EXISTS
     (SELECT 1 FROM dunning.templates t
       WHERE t.name = NEW.template AND t.channel = NEW.channel) THEN
    RAISE EXCEPTION 'template "%" does not exist for channel "%"', NEW.template, NEW.channel
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('The %s names it.', what),
            HINT = 'Insert the template into dunning.template first (dunning.templates lists those in effect), or use NULL to leave rendering to the consumer.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.step_check() IS
  'Trigger: rejects a step row that makes no sense, with a message that says why.';

CREATE TRIGGER step_check BEFORE INSERT OR UPDATE ON dunning.step
  FOR EACH ROW EXECUTE FUNCTION dunning.step_check();
COMMENT ON TRIGGER step_check ON dunning.step IS
  'Rejects nonsense in a step.';

-- Checks that days_overdue rises with level across a policy's steps.
-- Runs after the statement's rows are in, so that several steps can be
-- renumbered in one UPDATE; locks the policy so concurrent changes queue.
CREATE FUNCTION dunning.step_order_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  bad record;
BEGIN
  PERFORM 1 FROM dunning.policy p WHERE p.name = NEW.policy FOR NO KEY UPDATE;
  SELECT s.level, s.days_overdue, s.next_level, s.next_days INTO bad
    FROM (SELECT level, days_overdue,
                 lead(level) OVER w AS next_level,
                 lead(days_overdue) OVER w AS next_days
            FROM dunning.step WHERE policy = NEW.policy
          WINDOW w AS (ORDER BY level)) s
   WHERE s.next_days <= s.days_overdue
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'days_overdue must rise with level'
      USING ERRCODE = 'check_violation',
            DETAIL = format('In policy "%s", level %s is sent at %s days overdue and level %s at %s.',
                            NEW.policy, bad.level, bad.days_overdue, bad.next_level, bad.next_days),
            HINT = 'Give each level more days overdue than the level before it.';
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.step_order_check() IS
  'Trigger: rejects steps whose days_overdue do not rise with their level.';

CREATE CONSTRAINT TRIGGER step_order_check AFTER INSERT OR UPDATE ON dunning.step
  FOR EACH ROW EXECUTE FUNCTION dunning.step_order_check();
COMMENT ON TRIGGER step_order_check ON dunning.step IS
  'Rejects steps whose days_overdue do not rise with their level.';
/*-------------------------------------------------------------------------
 *
 * 10_assignment.sql
 *	  Assignments of customers to policies, and their checks.
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.assignment (
  customer_id text PRIMARY KEY,
  policy      text NOT NULL REFERENCES dunning.policy (name) ON UPDATE CASCADE,
  assigned_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE dunning.assignment IS
  'Customers who follow a policy other than their currency''s default.';
COMMENT ON COLUMN dunning.assignment.customer_id IS
  'Customer key, in the ledger''s own customer key type once a ledger is bound.';

-- Checks an assignment row.
CREATE FUNCTION dunning.assignment_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM dunning.require_policy(NEW.policy);
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.assignment_check() IS
  'Trigger: rejects an assignment to a policy that does not exist.';

CREATE TRIGGER assignment_check BEFORE INSERT OR UPDATE ON dunning.assignment
  FOR EACH ROW EXECUTE FUNCTION dunning.assignment_check();
COMMENT ON TRIGGER assignment_check ON dunning.assignment IS
  'Rejects assignments to unknown policies.';
/*-------------------------------------------------------------------------
 *
 * 11_hold.sql
 *	  Holds: disputes, promises to pay, manual pauses, and their checks.
 *
 *-------------------------------------------------------------------------
 */

CREATE TABLE dunning.hold (
  id          bigserial PRIMARY KEY,
  invoice_id  text,
  customer_id text,
  reason      text NOT NULL,
  until       date,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
  created_by  name NOT NULL DEFAULT current_user
);
COMMENT ON TABLE dunning.hold IS
  'Pauses dunning for one invoice or for all of a customer''s invoices (a dispute, a promise to pay, a manual hold).';
COMMENT ON COLUMN dunning.hold.invoice_id IS
  'The invoice held (else customer_id); in the ledger''s own invoice key type.';
COMMENT ON COLUMN dunning.hold.customer_id IS
  'The customer held (else invoice_id); in the ledger''s own customer key type.';
COMMENT ON COLUMN dunning.hold.reason IS
  'dispute, promise_to_pay or manual.';
COMMENT ON COLUMN dunning.hold.until IS
  'Last day the hold is in force (inclusive); NULL until it is deleted.';
COMMENT ON SEQUENCE dunning.hold_id_seq IS 'Identifiers of holds.';
CREATE INDEX hold_invoice_id ON dunning.hold (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX hold_customer_id ON dunning.hold (customer_id) WHERE customer_id IS NOT NULL;
COMMENT ON INDEX dunning.hold_invoice_id IS 'Finds the holds of an invoice.';
COMMENT ON INDEX dunning.hold_customer_id IS 'Finds the holds of a customer.';

-- Checks a hold row.
CREATE FUNCTION dunning.hold_check() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  -- the key columns change type when a ledger is bound: read them through
  -- jsonb so that no cached plan depends on their type
  row_json  jsonb := to_jsonb(NEW);
  invoice   boolean := (row_json ->> 'invoice_id') IS NOT NULL;
  customer  boolean := (row_json ->> 'customer_id') IS NOT NULL;
BEGIN
  IF invoice = customer THEN
    RAISE EXCEPTION 'a hold must name either an invoice or a customer'
      USING ERRCODE = 'check_violation',
            DETAIL = CASE WHEN NOT invoice
                          THEN 'This hold names neither invoice_id nor customer_id.'
                          ELSE 'This hold names both invoice_id and customer_id.' END,
            HINT = 'Give invoice_id to hold one invoice, or customer_id to hold all of a customer''s invoices.';
  END IF;
  IF NEW.reason IS NULL OR NEW.reason NOT IN ('dispute', 'promise_to_pay', 'manual') THEN
    RAISE EXCEPTION 'unknown hold reason "%"', NEW.reason
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use dispute, promise_to_pay or manual.';
  END IF;
  IF NEW.reason = 'promise_to_pay' AND NEW.until IS NULL THEN
    RAISE EXCEPTION 'a promise to pay needs a date'
      USING ERRCODE = 'not_null_violation',
            DETAIL = 'The hold has reason promise_to_pay and no until.',
            HINT = 'Set until to the last day of the promise; dunning resumes after it if the invoice is still open.';
  END IF;
  RETURN NEW;
END
$$;
COMMENT ON FUNCTION dunning.hold_check() IS
  'Trigger: rejects a hold that makes no sense, with a message that says why.';

CREATE TRIGGER hold_check BEFORE INSERT OR UPDATE ON dunning.hold
  FOR EACH ROW EXECUTE FUNCTION dunning.hold_check();
COMMENT ON TRIGGER hold_check ON dunning.hold IS
  'Rejects nonsense in holds.';
/*-------------------------------------------------------------------------
 *
 * 12_queue.sql
 *	  The queue and its archive: reminders in flight, and those that are done.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- The queue (filled by the evaluation, consumed by mailers)
------------------------------------------------------------------------------

CREATE TABLE dunning.reminder (
  id              bigserial PRIMARY KEY,
  customer_id     text NOT NULL,
  invoice_ids     text[] NOT NULL,
  policy          text NOT NULL,
  level           integer NOT NULL,
  channel         text NOT NULL,
  recipient       text,
  subject         text,
  body            text,
  body_html       text,
  payload         jsonb NOT NULL DEFAULT '{}',
  status          text NOT NULL DEFAULT 'pending'
                  CONSTRAINT reminder_in_flight
                  CHECK (status IN ('pending', 'claimed', 'failed')),
  available_at    timestamptz NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  lease_owner     text,
  lease_until     timestamptz,
  lease_role      name,
  idempotency_key text NOT NULL UNIQUE,
  provider_ref    text,
  last_error      text,
  as_of           timestamptz NOT NULL,
  run_id          bigint,
  created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
  updated_at      timestamptz NOT NULL DEFAULT pg_catalog.now()
)
-- Claiming changes no indexed column (status, lease and attempts are in
-- no index): with room left on each page the claim is a HOT update, which
-- writes no index entry.
WITH (fillfactor = 50);
CREATE INDEX reminder_customer ON dunning.reminder (customer_id, as_of);
CREATE INDEX reminder_ready ON dunning.reminder (available_at, id);
COMMENT ON INDEX dunning.reminder_customer IS
  'Finds a customer''s recent reminders (the contact cap).';
COMMENT ON INDEX dunning.reminder_ready IS
  'Finds the reminders ready to be claimed, oldest first; claimed ones whose lease is still running are passed over.';
COMMENT ON CONSTRAINT reminder_in_flight ON dunning.reminder IS
  'The queue holds only reminders in flight: those that are done (sent, cancelled, dead) move to dunning.reminder_archive at once; dunning.cancel() finishes one by hand.';
COMMENT ON COLUMN dunning.reminder.as_of IS
  'The as_of of the pass that emitted the reminder (the contact cap counts these).';
COMMENT ON TABLE dunning.reminder IS
  'The queue: one row per reminder in flight (pending, claimed or failed); dunning.reminders adds those that are done.';
COMMENT ON COLUMN dunning.reminder.invoice_ids IS
  'The invoices the reminder is about, in the ledger''s own invoice key type.';
COMMENT ON COLUMN dunning.reminder.subject IS
  'Rendered subject line; NULL when the step names no template or dunning.render is off.';
COMMENT ON COLUMN dunning.reminder.body IS
  'Rendered plain-text body.';
COMMENT ON COLUMN dunning.reminder.body_html IS
  'Rendered HTML body, when the template has one.';
COMMENT ON COLUMN dunning.reminder.payload IS
  'Every field a mailer that renders the message itself needs.';
COMMENT ON COLUMN dunning.reminder.status IS
  'pending, claimed or failed here; sent, cancelled or dead in the archive.';
COMMENT ON COLUMN dunning.reminder.lease_role IS
  'The database role that claimed the reminder (session_user): only that role may extend, acknowledge or reject it and record its events.';
COMMENT ON COLUMN dunning.reminder.available_at IS
  'The reminder may not be handed out before this moment (the send window''s next opening).';
COMMENT ON COLUMN dunning.reminder.idempotency_key IS
  'Unique per reminder due: a second pass cannot emit the same reminder twice.';
COMMENT ON SEQUENCE dunning.reminder_id_seq IS 'Identifiers of reminders.';

-- Reminders that are done (sent, cancelled, dead) leave the hot queue for
-- the archive in the statement that finishes them (ack, nack, claim's
-- re-check, a pass's sweep), so that claiming stays fast.
CREATE TABLE dunning.reminder_archive (LIKE dunning.reminder);
ALTER TABLE dunning.reminder_archive
  ADD COLUMN archived_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  ADD PRIMARY KEY (id),
  ADD UNIQUE (idempotency_key),
  ADD CHECK (status IN ('sent', 'cancelled', 'dead'));
CREATE INDEX reminder_archive_customer ON dunning.reminder_archive (customer_id, as_of);
COMMENT ON TABLE dunning.reminder_archive IS
  'Reminders that are done (sent, cancelled, dead), moved out of the queue when they were finished; dunning.reminders shows both.';
COMMENT ON COLUMN dunning.reminder_archive.archived_at IS
  'When the reminder left the queue.';
COMMENT ON INDEX dunning.reminder_archive_customer IS
  'Finds a customer''s recent reminders (the contact cap).';

/*
 * The archive row of a reminder that is done: every column as it stands in
 * the queue but the status it ends in, the error that ended it (NULL for
 * sent), the provider's reference, and the times.  Columns are matched by
 * name (src/archive.c).  Call it in FROM, not as (dunning.archived(...)).*,
 * which would call it once per column.
 */
CREATE FUNCTION dunning.archived(r dunning.reminder, status text, last_error text,
                                 provider_ref text)
RETURNS dunning.reminder_archive
AS 'MODULE_PATHNAME', 'dunning_archived'
LANGUAGE C STABLE;
COMMENT ON FUNCTION dunning.archived(dunning.reminder, text, text, text) IS
  'The archive row of a reminder taken out of the queue, with the status and error it ends with and the provider''s reference.';

-- The level a reminder's payload lists one of its invoices at (a
-- consolidated reminder lists each at its own), for the history.
CREATE FUNCTION dunning.payload_level(payload jsonb, invoice_id text) RETURNS integer
LANGUAGE sql IMMUTABLE
AS $$
  SELECT (p.e->>'level')::integer
    FROM pg_catalog.jsonb_array_elements(payload->'invoices') AS p (e)
   WHERE p.e->>'invoice_id' = invoice_id
   LIMIT 1
$$;
COMMENT ON FUNCTION dunning.payload_level(jsonb, text) IS
  'The level at which a reminder''s payload lists one of its invoices; NULL when it does not list it.';
/*-------------------------------------------------------------------------
 *
 * 13_state.sql
 *	  What passes know of each overdue invoice, what they did, and where discovery resumes.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Evaluation state: what the passes know about each overdue invoice
------------------------------------------------------------------------------

CREATE TABLE dunning.invoice_state (
  invoice_id       text PRIMARY KEY,
  customer_id      text NOT NULL,
  policy           text,
  level            integer NOT NULL DEFAULT 0,
  last_reminder_at timestamptz,
  last_reminder_id bigint,
  next_check_at    timestamptz NOT NULL,
  waiting_for      text,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_reason    text,
  problem          text,
  first_seen       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX invoice_state_next_check ON dunning.invoice_state (next_check_at)
  WHERE status = 'open';
CREATE INDEX invoice_state_customer ON dunning.invoice_state (customer_id);
COMMENT ON TABLE dunning.invoice_state IS
  'One row per overdue invoice the passes have seen: its level, its last reminder and when to look at it again.';
COMMENT ON COLUMN dunning.invoice_state.invoice_id IS
  'Invoice key, in the ledger''s own invoice key type.';
COMMENT ON COLUMN dunning.invoice_state.customer_id IS
  'Customer key, in the ledger''s own customer key type.';
COMMENT ON COLUMN dunning.invoice_state.policy IS
  'The policy that applied at the last look.';
COMMENT ON COLUMN dunning.invoice_state.level IS
  'The level of the last reminder emitted (0: none yet).';
COMMENT ON COLUMN dunning.invoice_state.last_reminder_at IS
  'The as_of of the pass that emitted the last reminder.';
COMMENT ON COLUMN dunning.invoice_state.next_check_at IS
  'When a pass looks at the invoice again: the start of that day in the customer''s time zone, or the very instant the contact cap allows; -infinity after a campaign change; infinity once closed.';
COMMENT ON COLUMN dunning.invoice_state.problem IS
  'What a person must mend before the invoice can be reminded, with the offending value: data of the ledger or the customers no pass can use (waiting_for bad_data), or a recipient that is not one (invalid_recipient).';
COMMENT ON COLUMN dunning.invoice_state.waiting_for IS
  'Why nothing was sent at the last look: grace, hold, min_open_amount, interval, next_step, last_step, contact_cap, send_cap, no_policy, invalid_recipient (the customer''s address or phone number for the step''s channel is not one), bad_data (the ledger''s or the customer''s row holds a value no pass can use); those two are looked at again the next day, and problem says why.';
COMMENT ON COLUMN dunning.invoice_state.closed_reason IS
  'paid (open amount 0 or less) or vanished (no longer in the ledger).';
COMMENT ON INDEX dunning.invoice_state_next_check IS
  'The rows a pass must look at today.';
COMMENT ON INDEX dunning.invoice_state_customer IS
  'The rows of a customer.';

CREATE TABLE dunning.history (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  run_id      bigint,
  invoice_id  text,
  customer_id text,
  event       text NOT NULL CHECK (event IN ('emitted', 'resolved', 'cancelled', 'reopened')),
  level       integer,
  reminder_id bigint,
  reason      text
);
CREATE INDEX history_invoice ON dunning.history (invoice_id);
COMMENT ON TABLE dunning.history IS
  'Append-only log of what the passes did: every emission (a level change), resolution, cancellation and reopening, with the reason.';
COMMENT ON COLUMN dunning.history.at IS 'The as_of of the pass.';
COMMENT ON COLUMN dunning.history.event IS
  'emitted (the invoice reached level), resolved (paid or vanished), cancelled (a reminder not yet sent), reopened.';
COMMENT ON SEQUENCE dunning.history_id_seq IS 'Identifiers of history entries.';
COMMENT ON INDEX dunning.history_invoice IS 'The history of an invoice.';

-- History is append-only.
CREATE FUNCTION dunning.history_append_only() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION 'dunning.history is append-only'
    USING ERRCODE = 'object_not_in_prerequisite_state',
          HINT = 'Delete old entries to prune the history; entries are never changed.';
END
$$;
COMMENT ON FUNCTION dunning.history_append_only() IS
  'Trigger: refuses to change a history entry.';
CREATE TRIGGER history_append_only BEFORE UPDATE ON dunning.history
  FOR EACH ROW EXECUTE FUNCTION dunning.history_append_only();
COMMENT ON TRIGGER history_append_only ON dunning.history IS
  'History entries are never changed.';

CREATE TABLE dunning.run_log (
  id         bigserial PRIMARY KEY,
  as_of      timestamptz NOT NULL,
  started_at timestamptz NOT NULL,
  duration   interval,
  discovery  text NOT NULL,
  examined   bigint NOT NULL DEFAULT 0,
  emitted    bigint NOT NULL DEFAULT 0,
  resolved   bigint NOT NULL DEFAULT 0,
  cancelled  bigint NOT NULL DEFAULT 0,
  quarantined bigint NOT NULL DEFAULT 0,
  error      text,
  run_by     name NOT NULL DEFAULT current_user
);
COMMENT ON TABLE dunning.run_log IS 'One row per evaluation pass.';
COMMENT ON COLUMN dunning.run_log.quarantined IS
  'Invoices the pass could not use the data of (waiting_for bad_data): dunning.problems says why.';
COMMENT ON COLUMN dunning.run_log.discovery IS
  'full (every open overdue invoice examined), incremental (those newly due, and the state rows due for a look), or none (the pass failed: see error).';
COMMENT ON COLUMN dunning.run_log.examined IS 'Invoices looked at.';
COMMENT ON COLUMN dunning.run_log.emitted IS 'Reminders written to the queue.';
COMMENT ON COLUMN dunning.run_log.resolved IS 'Invoices found paid or gone.';
COMMENT ON COLUMN dunning.run_log.cancelled IS 'Reminders cancelled before they were sent.';
COMMENT ON SEQUENCE dunning.run_log_id_seq IS 'Identifiers of passes.';

-- Where incremental discovery resumes: the as_of of the last pass.
CREATE TABLE dunning.engine (
  id         integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  last_as_of timestamptz,
  last_full_as_of timestamptz
);
INSERT INTO dunning.engine DEFAULT VALUES;
COMMENT ON TABLE dunning.engine IS
  'The evaluation''s bookkeeping: the as_of of the last pass (NULL: the next pass discovers every overdue invoice), and of the last full discovery (passes make one at least once a day).';
/*-------------------------------------------------------------------------
 *
 * 14_pass.sql
 *	  Passes: dunning.run() and dunning.preview() (src/pass.c).
 *
 *-------------------------------------------------------------------------
 */

CREATE TYPE dunning.run_result AS (
  run_id    bigint,
  as_of     timestamptz,
  discovery text,
  examined  bigint,
  emitted   bigint,
  resolved  bigint,
  cancelled bigint,
  duration  interval
);
COMMENT ON TYPE dunning.run_result IS 'What one evaluation pass did.';

CREATE FUNCTION dunning.run(as_of timestamptz DEFAULT pg_catalog.now(),
                            full_discovery boolean DEFAULT false)
RETURNS dunning.run_result
AS 'MODULE_PATHNAME', 'dunning_run'
LANGUAGE C STRICT VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off;
COMMENT ON FUNCTION dunning.run(timestamptz, boolean) IS
  'Runs one evaluation pass at as_of in the caller''s transaction: emits the reminders that are due, resolves paid invoices and cancels their unsent reminders.';

CREATE FUNCTION dunning.preview(as_of timestamptz DEFAULT pg_catalog.now(),
                                full_discovery boolean DEFAULT false)
RETURNS SETOF dunning.reminder
AS 'MODULE_PATHNAME', 'dunning_preview'
LANGUAGE C STRICT VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off;
COMMENT ON FUNCTION dunning.preview(timestamptz, boolean) IS
  'The reminders a pass at as_of would emit, computed the same way, writing nothing.';
/*-------------------------------------------------------------------------
 *
 * 15_look_again.sql
 *	  Triggers that mark invoices for a look at the next pass after a campaign change or a new binding.
 *
 *-------------------------------------------------------------------------
 */

-- A campaign change: the open invoices concerned get a look at the next pass.
-- The triggers below take the lock that passes take (dunning.wait_for_pass()): a change
-- made while a pass runs waits for it, then marks the rows that pass wrote.
-- The lock that serialises passes, taken until the end of the transaction.
CREATE FUNCTION dunning.wait_for_pass() RETURNS void
AS 'MODULE_PATHNAME', 'dunning_wait_for_pass'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION dunning.wait_for_pass() IS
  'Takes the transaction-level advisory lock that passes take (src/pass.h), waiting for a pass under way to commit.';

CREATE FUNCTION dunning.look_again_all() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- wait for a pass under way: it may be writing rows this change concerns
  PERFORM dunning.wait_for_pass();
  UPDATE dunning.invoice_state SET next_check_at = '-infinity'
   WHERE status = 'open' AND next_check_at > '-infinity';
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.look_again_all() IS
  'Trigger: after a change to policies, steps or calendars, every open invoice is looked at by the next pass.';

CREATE TRIGGER policy_look_again AFTER INSERT OR UPDATE OR DELETE ON dunning.policy
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_all();
CREATE TRIGGER step_look_again AFTER INSERT OR UPDATE OR DELETE ON dunning.step
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_all();
CREATE TRIGGER holiday_look_again AFTER INSERT OR UPDATE OR DELETE ON dunning.holiday
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_all();
COMMENT ON TRIGGER policy_look_again ON dunning.policy IS 'Open invoices are looked at again.';
COMMENT ON TRIGGER step_look_again ON dunning.step IS 'Open invoices are looked at again.';
COMMENT ON TRIGGER holiday_look_again ON dunning.holiday IS 'Open invoices are looked at again.';

-- A customer's assignment changed: their invoices get a look at the next pass.
CREATE FUNCTION dunning.look_again_customers() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- wait for a pass under way: it may be writing rows this change concerns
  PERFORM dunning.wait_for_pass();
  UPDATE dunning.invoice_state s SET next_check_at = '-infinity'
   WHERE s.status = 'open'
     AND s.customer_id IN (SELECT c.customer_id FROM changed c WHERE c.customer_id IS NOT NULL);
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.look_again_customers() IS
  'Trigger: the open invoices of the customers in the transition table "changed" are looked at by the next pass.';

-- A hold was lifted or changed: its invoices get a look at the next pass.
CREATE FUNCTION dunning.look_again_holds() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- wait for a pass under way: it may be writing rows this change concerns
  PERFORM dunning.wait_for_pass();
  UPDATE dunning.invoice_state s SET next_check_at = '-infinity'
   WHERE s.status = 'open'
     AND (s.invoice_id IN (SELECT c.invoice_id FROM changed c WHERE c.invoice_id IS NOT NULL)
          OR s.customer_id IN (SELECT c.customer_id FROM changed c WHERE c.customer_id IS NOT NULL));
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.look_again_holds() IS
  'Trigger: the open invoices under the holds in the transition table "changed" are looked at by the next pass.';

CREATE TRIGGER assignment_look_again_insert AFTER INSERT ON dunning.assignment
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_customers();
CREATE TRIGGER assignment_look_again_update AFTER UPDATE ON dunning.assignment
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_customers();
CREATE TRIGGER assignment_look_again_delete AFTER DELETE ON dunning.assignment
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_customers();
CREATE TRIGGER hold_look_again_update AFTER UPDATE ON dunning.hold
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_holds();
CREATE TRIGGER hold_look_again_delete AFTER DELETE ON dunning.hold
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.look_again_holds();
COMMENT ON TRIGGER assignment_look_again_insert ON dunning.assignment IS 'The customer''s invoices are looked at again.';
COMMENT ON TRIGGER assignment_look_again_update ON dunning.assignment IS 'The customer''s invoices are looked at again.';
COMMENT ON TRIGGER assignment_look_again_delete ON dunning.assignment IS 'The customer''s invoices are looked at again.';
COMMENT ON TRIGGER hold_look_again_update ON dunning.hold IS 'The held invoices are looked at again.';
COMMENT ON TRIGGER hold_look_again_delete ON dunning.hold IS 'The held invoices are looked at again.';

-- A new binding: the next pass discovers every overdue invoice.
CREATE FUNCTION dunning.binding_rediscover() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- wait for a pass under way: it may be writing rows this change concerns
  PERFORM dunning.wait_for_pass();
  UPDATE dunning.engine SET last_as_of = NULL;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION dunning.binding_rediscover() IS
  'Trigger: after a (re)binding, the next pass discovers every overdue invoice.';
CREATE TRIGGER binding_rediscover AFTER INSERT OR UPDATE OR DELETE ON dunning.binding
  FOR EACH STATEMENT EXECUTE FUNCTION dunning.binding_rediscover();
COMMENT ON TRIGGER binding_rediscover ON dunning.binding IS
  'The next pass discovers every overdue invoice.';
/*-------------------------------------------------------------------------
 *
 * 16_derived_views.sql
 *	  The views binding makes over the ledger, and the key columns it retypes.
 *
 *-------------------------------------------------------------------------
 */

-- Views over the bound ledger: binding creates them after dunning.ledger.
CREATE TABLE dunning.derived_view (
  name       text PRIMARY KEY,
  position   integer NOT NULL UNIQUE,
  definition text NOT NULL,
  comment    text NOT NULL
);
COMMENT ON TABLE dunning.derived_view IS
  'Reference data: the extension''s views over the bound ledger, (re)created by bind_ledger() after dunning.ledger.';

INSERT INTO dunning.derived_view (name, position, definition, comment) VALUES
('invoice_status', 1, $view$
SELECT s.invoice_id, s.customer_id, l.reference, l.currency, l.due_on,
       l.open_amount, s.policy, s.level, s.last_reminder_at,
       nxt.level AS next_level, nxt.channel AS next_channel,
       s.next_check_at, s.waiting_for,
       (SELECT h.reason FROM dunning.hold h
         WHERE (h.invoice_id = s.invoice_id OR h.customer_id = s.customer_id)
           AND (h.until IS NULL OR h.until >= CURRENT_DATE)
         ORDER BY h.id LIMIT 1) AS hold,
       s.first_seen, s.updated_at
  FROM dunning.invoice_state s
  LEFT JOIN dunning.ledger l ON l.invoice_id = s.invoice_id
  LEFT JOIN LATERAL (SELECT st.level, st.channel FROM dunning.step st
                      WHERE st.policy = s.policy AND st.level > s.level
                      ORDER BY st.level LIMIT 1) nxt ON true
 WHERE s.status = 'open' AND l.open_amount > 0
$view$, 'Each open invoice under dunning: its live open amount, level, last reminder, next step and when it is looked at again, and the hold in force today.'),
('reminders', 2, $view$
SELECT r.id, r.customer_id, r.invoice_ids, r.policy, r.level, r.channel, r.recipient,
       r.subject, r.body, r.body_html, r.payload, r.status, r.available_at, r.attempts,
       r.lease_owner, r.lease_until, r.lease_role, r.idempotency_key, r.provider_ref,
       r.last_error, r.as_of, r.run_id, r.created_at, r.updated_at,
       NULL::timestamptz AS archived_at
  FROM dunning.reminder r
UNION ALL
SELECT a.id, a.customer_id, a.invoice_ids, a.policy, a.level, a.channel, a.recipient,
       a.subject, a.body, a.body_html, a.payload, a.status, a.available_at, a.attempts,
       a.lease_owner, a.lease_until, a.lease_role, a.idempotency_key, a.provider_ref,
       a.last_error, a.as_of, a.run_id, a.created_at, a.updated_at, a.archived_at
  FROM dunning.reminder_archive a
$view$, 'Every reminder, in the queue or in the archive.'),
('problems', 3, $view$
SELECT s.invoice_id, s.customer_id, s.waiting_for AS kind, s.problem,
       s.updated_at AS seen_at, s.next_check_at AS looked_at_again
  FROM dunning.invoice_state s
 WHERE s.status = 'open' AND s.waiting_for IN ('bad_data', 'invalid_recipient')
$view$, 'What a person must mend: open invoices whose ledger or customer data no pass can use (bad_data), or whose recipient is not one (invalid_recipient), with the reason and the offending value; each is looked at again the next day.');

INSERT INTO dunning.key_column (relation, column_name, role, is_array) VALUES
  ('dunning.assignment', 'customer_id', 'customer', false),
  ('dunning.hold',       'invoice_id',  'invoice',  false),
  ('dunning.hold',       'customer_id', 'customer', false),
  ('dunning.reminder',   'customer_id', 'customer', false),
  ('dunning.reminder',   'invoice_ids', 'invoice',  true),
  ('dunning.reminder_archive', 'customer_id', 'customer', false),
  ('dunning.reminder_archive', 'invoice_ids', 'invoice',  true),
  ('dunning.invoice_state', 'invoice_id',  'invoice',  false),
  ('dunning.invoice_state', 'customer_id', 'customer', false),
  ('dunning.history',    'invoice_id',  'invoice',  false),
  ('dunning.history',    'customer_id', 'customer', false);
/*-------------------------------------------------------------------------
 *
 * 17_workers.sql
 *	  The background workers as SQL sees them (src/worker.c).
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- The background workers
------------------------------------------------------------------------------

CREATE FUNCTION dunning.wake() RETURNS boolean
AS 'MODULE_PATHNAME', 'dunning_wake'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION dunning.wake() IS
  'Asks this database''s scheduler to run a pass now; false when no scheduler runs here.';

CREATE FUNCTION dunning.worker_hello() RETURNS void
AS 'MODULE_PATHNAME', 'dunning_worker_hello'
LANGUAGE C VOLATILE;
COMMENT ON FUNCTION dunning.worker_hello() IS
  'Tells the launcher that this database has the extension (called by CREATE EXTENSION).';

CREATE FUNCTION dunning.worker_status(
  OUT role text, OUT pid integer, OUT database text, OUT state text,
  OUT last_pass_started timestamptz, OUT last_pass_ended timestamptz,
  OUT next_pass timestamptz, OUT passes bigint, OUT failures integer,
  OUT last_error text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'dunning_worker_status'
LANGUAGE C STRICT VOLATILE;
COMMENT ON FUNCTION dunning.worker_status() IS
  'The launcher and the schedulers of the cluster, from shared memory (see dunning.workers).';

CREATE VIEW dunning.workers AS SELECT * FROM dunning.worker_status();
COMMENT ON VIEW dunning.workers IS
  'The live background workers: the launcher, and one scheduler per database with its state, last and next pass, failures in a row and last error.';

CREATE FUNCTION dunning.library_version() RETURNS text
AS 'MODULE_PATHNAME', 'dunning_library_version'
LANGUAGE C STRICT IMMUTABLE;
COMMENT ON FUNCTION dunning.library_version() IS
  'The version of the loaded dunning library; passes refuse to run while the extension''s SQL installed in the database (pg_extension.extversion) is another.';
/*-------------------------------------------------------------------------
 *
 * 18_events.sql
 *	  Delivery feedback from mailers.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- The mailer protocol: claim, ack, nack, delivery events
------------------------------------------------------------------------------

CREATE TABLE dunning.reminder_event (
  id          bigserial PRIMARY KEY,
  reminder_id bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('delivered', 'opened', 'clicked', 'bounced', 'complained')),
  at          timestamptz NOT NULL,
  detail      jsonb,
  recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX reminder_event_reminder ON dunning.reminder_event (reminder_id);
COMMENT ON TABLE dunning.reminder_event IS
  'Delivery feedback on reminders, as mailers report it with dunning.record_event().';
COMMENT ON COLUMN dunning.reminder_event.kind IS
  'delivered, opened, clicked, bounced or complained.';
COMMENT ON COLUMN dunning.reminder_event.at IS
  'When it happened, as the mailer or its provider says.';
COMMENT ON COLUMN dunning.reminder_event.detail IS
  'What the provider said about it (bounce reason, link clicked...).';
COMMENT ON INDEX dunning.reminder_event_reminder IS
  'Finds the events of a reminder.';
/*-------------------------------------------------------------------------
 *
 * 19_settle.sql
 *	  The settle rule: what becomes of an unsent reminder whose invoices the
 *	  ledger no longer agrees with.
 *
 * One rule, whoever sees the payment first: the pass's sweep
 * (dunning.sweep_unsent(), from src/pass.c) or the claim's re-check
 * (dunning.claim()).  Both lock the reminders, ask dunning.unsent_changed()
 * which of them changed, and hand those to dunning.settle_unsent():
 *
 *	- an invoice is dropped from it when it is settled (paid, or gone from
 *	  the ledger) or held (a hold on it or its customer in force, placed
 *	  after the reminder was queued: a dispute, a promise to pay);
 *	- every invoice dropped: the reminder is cancelled and moves to the
 *	  archive;
 *	- some dropped: the reminder keeps its id and idempotency key and lists
 *	  only the invoices still due, at the highest level among them, with
 *	  that step's channel, template and fee, the live open amounts and
 *	  total, and its texts rendered again;
 *	- none settled but an amount changed (a partial payment): the same, with
 *	  the amounts brought up to date;
 *	- the settled invoices' state is closed, a held invoice's waits for its
 *	  hold (it keeps its level, as after dunning.cancel()), and the history
 *	  says so.
 *
 *-------------------------------------------------------------------------
 */

/*
 * The hold in force on an invoice or its customer on the day of an
 * instant in a time zone (until is that day or later, or none), if any:
 * its reason.
 */
CREATE FUNCTION dunning.hold_in_force(invoice_id anyelement, customer_id anycompatible,
                                      at timestamptz, time_zone text)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT h.reason FROM dunning.hold h
   WHERE (h.invoice_id = $1 OR h.customer_id = $2)
     AND (h.until IS NULL OR h.until >= ($3 AT TIME ZONE $4)::date)
   ORDER BY h.id LIMIT 1
$$;
COMMENT ON FUNCTION dunning.hold_in_force(anyelement, anycompatible, timestamptz, text) IS
  'The reason of the hold in force on an invoice or its customer on the day of an instant in a time zone, or NULL: what stops an unsent reminder for it.';

/*
 * Which of these reminders the live ledger and the holds no longer agree
 * with, at an instant: an invoice no longer open, another total, or a hold
 * in force.  The ledger is read as its
 * owner (dunning.ledger_open_amounts), with one index scan for all.
 */
-- (plpgsql: its plan is kept for the session, as a claim calls it each time)
CREATE FUNCTION dunning.unsent_changed(ids bigint[], as_of timestamptz) RETURNS bigint[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN (
    WITH listed AS MATERIALIZED (
           SELECT r.id, r.customer_id, r.invoice_ids,
                  (r.payload->>'total_open')::numeric AS total, p.time_zone
             FROM dunning.reminder r
             JOIN dunning.policy p ON p.name = r.policy
            WHERE r.id = ANY (ids)),
         items AS MATERIALIZED (
           SELECT k.id, x.i, k.customer_id, k.time_zone
             FROM listed k, unnest(k.invoice_ids) x (i)),
         live AS MATERIALIZED (
           SELECT l.invoice_id, l.open_amount
             FROM dunning.ledger_open_amounts(ARRAY(SELECT t.i FROM items t)) l),
         -- holds are few: joined, not looked up per invoice
         held AS (
           SELECT t.id FROM items t
             JOIN dunning.hold h ON h.invoice_id = t.i
            WHERE h.until IS NULL OR h.until >= (unsent_changed.as_of AT TIME ZONE t.time_zone)::date
           UNION
           SELECT t.id FROM items t
             JOIN dunning.hold h ON h.customer_id = t.customer_id
            WHERE h.until IS NULL OR h.until >= (unsent_changed.as_of AT TIME ZONE t.time_zone)::date),
         per_reminder AS (
           SELECT t.id, count(*) FILTER (WHERE l.open_amount > 0) AS still_open,
                  sum(l.open_amount) FILTER (WHERE l.open_amount > 0) AS total
             FROM items t LEFT JOIN live l ON l.invoice_id = t.i
            GROUP BY t.id)
    SELECT coalesce(array_agg(k.id ORDER BY k.id), '{}')
      FROM listed k JOIN per_reminder p ON p.id = k.id
     WHERE NOT (p.still_open = cardinality(k.invoice_ids) AND p.total = k.total)
        OR p.total IS NULL
        OR k.id IN (SELECT h.id FROM held h));
END
$$;
COMMENT ON FUNCTION dunning.unsent_changed(bigint[], timestamptz) IS
  'Of these reminders, those the live ledger and the holds no longer agree with at as_of: an invoice no longer open, another total (the ledger read as its owner), or a hold in force.';

/*
 * The settle rule (see the top of this file), for reminders the caller has
 * locked and found changed.  run_id is the pass's, or NULL from a claim.
 * Returns how many reminders were cancelled and trimmed, and how many
 * invoices resolved.
 */
CREATE FUNCTION dunning.settle_unsent(ids bigint[], as_of timestamptz, run_id bigint,
                                      OUT cancelled bigint, OUT trimmed bigint,
                                      OUT resolved bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  WITH live AS MATERIALIZED (
    SELECT l.invoice_id, l.open_amount
      FROM dunning.ledger_open_amounts(ARRAY(SELECT x.i FROM dunning.reminder r,
                                                unnest(r.invoice_ids) x (i)
                                          WHERE r.id = ANY (ids))) l),
  listed AS (
    SELECT r.id, r.customer_id, r.level, x.i AS invoice_id, x.o,
           e.entry, l.invoice_id IS NOT NULL AS present, l.open_amount,
           h.held, l.open_amount > 0 AND h.held IS NULL AS due
      FROM dunning.reminder r
      JOIN dunning.policy pol ON pol.name = r.policy
     CROSS JOIN LATERAL unnest(r.invoice_ids) WITH ORDINALITY AS x (i, o)
     CROSS JOIN LATERAL (SELECT dunning.hold_in_force(x.i, r.customer_id, settle_unsent.as_of,
                                                      pol.time_zone) AS held) h
      LEFT JOIN LATERAL (SELECT p.e AS entry
                           FROM jsonb_array_elements(r.payload->'invoices') AS p (e)
                          WHERE p.e->>'invoice_id' = x.i::text LIMIT 1) e ON true
      LEFT JOIN live l ON l.invoice_id = x.i
     WHERE r.id = ANY (ids)),
  per_reminder AS (
    SELECT id,
           array_agg(invoice_id ORDER BY o) FILTER (WHERE due) AS still_open,
           jsonb_agg(entry || jsonb_build_object('open_amount', open_amount) ORDER BY o)
             FILTER (WHERE due) AS entries,
           sum(open_amount) FILTER (WHERE due) AS total,
           max(coalesce((entry->>'level')::int, level)) FILTER (WHERE due) AS level,
           bool_or(held IS NOT NULL) AS any_held,
           bool_or(open_amount IS NULL OR NOT open_amount > 0) AS any_settled
      FROM listed GROUP BY id),
  done AS (
    DELETE FROM dunning.reminder r
     USING per_reminder p
     WHERE r.id = p.id AND p.still_open IS NULL
    RETURNING r, p.any_held, p.any_settled),
  archived AS (
    INSERT INTO dunning.reminder_archive
    SELECT x.*
      FROM done d
     CROSS JOIN LATERAL dunning.archived(d.r, 'cancelled',
                          CASE WHEN d.any_held AND d.any_settled
                                 THEN 'invoices paid or held before it was sent'
                               WHEN d.any_held THEN 'invoices held before it was sent'
                               ELSE 'invoices paid before it was sent' END,
                          (d.r).provider_ref) x
    RETURNING id),
  -- what a trimmed reminder becomes: the step of the highest level it still
  -- lists (its channel, template and fee), the live amounts and total
  rebuilt AS (
    SELECT r.id, p.still_open, p.level, coalesce(st.channel, r.channel) AS channel,
           r.payload || jsonb_build_object(
             'invoices', p.entries, 'total_open', p.total, 'level', p.level,
             'channel', coalesce(st.channel, r.channel),
             'template', CASE WHEN st.level IS NULL THEN r.payload->'template'
                              ELSE to_jsonb(st.template) END,
             'fee', coalesce(st.fee, (r.payload->>'fee')::numeric)) AS payload
      FROM per_reminder p
      JOIN dunning.reminder r ON r.id = p.id
      LEFT JOIN dunning.step st ON st.policy = r.policy AND st.level = p.level
     WHERE p.still_open IS NOT NULL),
  kept AS (
    UPDATE dunning.reminder r
       SET invoice_ids = b.still_open, level = b.level, channel = b.channel,
           payload = b.payload, subject = t.subject, body = t.body, body_html = t.body_html,
           updated_at = now()
      FROM rebuilt b
     CROSS JOIN LATERAL dunning.render_reminder(b.payload) t
     WHERE r.id = b.id
    RETURNING r.id),
  settled AS (
    SELECT id, customer_id, invoice_id, coalesce((entry->>'level')::int, level) AS level,
           CASE WHEN present THEN 'paid' ELSE 'vanished' END AS reason
      FROM listed WHERE open_amount IS NULL OR NOT open_amount > 0),
  -- a held invoice keeps its level and waits for its hold
  held AS (
    SELECT id, customer_id, invoice_id, coalesce((entry->>'level')::int, level) AS level,
           held AS reason
      FROM listed WHERE held IS NOT NULL AND open_amount > 0),
  waiting AS (
    UPDATE dunning.invoice_state s
       SET waiting_for = 'hold', updated_at = settle_unsent.as_of
      FROM held t
     WHERE s.invoice_id = t.invoice_id AND s.status = 'open'
    RETURNING 1),
  closed AS (
    UPDATE dunning.invoice_state s
       SET status = 'closed', closed_reason = t.reason, next_check_at = 'infinity',
           updated_at = settle_unsent.as_of
      FROM settled t
     WHERE s.invoice_id = t.invoice_id AND s.status = 'open'
    RETURNING s.invoice_id, s.customer_id, s.level, t.reason),
  logged AS (
    -- in a fixed order: each reminder's cancellations, then the resolutions
    INSERT INTO dunning.history (at, run_id, invoice_id, customer_id, event, level,
                                 reminder_id, reason)
    SELECT settle_unsent.as_of, settle_unsent.run_id, u.invoice_id, u.customer_id,
           u.event, u.level, u.reminder_id, u.reason
      FROM (SELECT t.invoice_id, t.customer_id, 'cancelled' AS event, t.level,
                   t.id AS reminder_id,
                   CASE WHEN t.id IN (SELECT a.id FROM archived a) THEN 'paid before it was sent'
                        ELSE 'paid before it was sent: taken out of its consolidated reminder'
                   END AS reason
              FROM settled t
            UNION ALL
            SELECT t.invoice_id, t.customer_id, 'cancelled', t.level, t.id,
                   CASE WHEN t.id IN (SELECT a.id FROM archived a)
                        THEN 'held before it was sent: ' || t.reason
                        ELSE 'held before it was sent: ' || t.reason
                             || ': taken out of its consolidated reminder' END
              FROM held t
            UNION ALL
            SELECT c.invoice_id, c.customer_id, 'resolved', c.level, NULL, c.reason
              FROM closed c) u
     ORDER BY u.event, u.reminder_id, u.invoice_id
    RETURNING 1)
  SELECT (SELECT count(*) FROM archived), (SELECT count(*) FROM kept),
         (SELECT count(*) FROM closed)
    INTO cancelled, trimmed, resolved;
END
$$;
COMMENT ON FUNCTION dunning.settle_unsent(bigint[], timestamptz, bigint) IS
  'The settle rule, for locked reminders the ledger no longer agrees with: all invoices settled, cancelled (to the archive); else trimmed in place to the invoices still open, at the highest level among them with that step''s channel, template and fee, live amounts, texts rendered again; settled invoices closed; the history told.';

/*
 * The pass's sweep: the unsent reminders not being claimed right now, those
 * the ledger no longer agrees with settled by the rule above.
 */
CREATE FUNCTION dunning.sweep_unsent(as_of timestamptz, run_id bigint,
                                     OUT cancelled bigint, OUT trimmed bigint,
                                     OUT resolved bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  changed bigint[];
  locked bigint[];
BEGIN
  -- which changed, read without locks (most often none); then only those
  -- are locked, passing over any a claim holds (that claim settles it),
  -- and looked at again under the lock
  changed := dunning.unsent_changed(ARRAY(SELECT q.id FROM dunning.reminder q
                                           WHERE q.status IN ('pending', 'failed')),
                                     sweep_unsent.as_of);
  cancelled := 0;
  trimmed := 0;
  resolved := 0;
  IF cardinality(changed) = 0 THEN
    RETURN;
  END IF;
  SELECT array_agg(r.id) INTO locked
    FROM (SELECT q.id FROM dunning.reminder q
           WHERE q.id = ANY (changed) AND q.status IN ('pending', 'failed')
           FOR UPDATE SKIP LOCKED) r;
  SELECT s.cancelled, s.trimmed, s.resolved INTO cancelled, trimmed, resolved
    FROM dunning.settle_unsent(dunning.unsent_changed(coalesce(locked, '{}'), sweep_unsent.as_of),
                               sweep_unsent.as_of, sweep_unsent.run_id) s;
END
$$;
COMMENT ON FUNCTION dunning.sweep_unsent(timestamptz, bigint) IS
  'The pass''s sweep: settles the unsent reminders (not being claimed) that the live ledger no longer agrees with; returns how many were cancelled and trimmed, and how many invoices resolved.';
/*-------------------------------------------------------------------------
 *
 * 20_claim.sql
 *	  The claim: handing reminders out, with its re-check of the live ledger, and the checks the protocol shares.
 *
 *-------------------------------------------------------------------------
 */

-- Checks shared by claim, ack and nack.
CREATE FUNCTION dunning.require_consumer(consumer text) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF consumer IS NULL OR btrim(consumer) = '' THEN
    RAISE EXCEPTION 'consumer must not be empty'
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Name the mailer process that calls, for example its host name and process id; the same name must claim and then acknowledge.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_consumer(text) IS
  'Raises a clear error for an empty consumer name.';

/*
 * A reminder by its id: locked if it is still in the queue, else as the
 * archive keeps it (its updated_at is when it was archived); an id of no
 * reminder is an error with the hint given.
 */
CREATE FUNCTION dunning.locked_reminder(reminder_id bigint, hint text)
RETURNS dunning.reminder
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r dunning.reminder;
BEGIN
  SELECT * INTO r FROM dunning.reminder q WHERE q.id = reminder_id FOR UPDATE;
  IF NOT FOUND THEN
    -- by name: the archive has archived_at besides the queue's columns
    SELECT (pg_catalog.jsonb_populate_record(NULL::dunning.reminder, pg_catalog.to_jsonb(a))).*
      INTO r FROM dunning.reminder_archive a WHERE a.id = reminder_id;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'reminder % does not exist', coalesce(reminder_id::text, 'NULL')
      USING ERRCODE = 'no_data_found', HINT = hint;
  END IF;
  RETURN r;
END
$$;
COMMENT ON FUNCTION dunning.locked_reminder(bigint, text) IS
  'Locks and returns a reminder of the queue, or returns it as the archive keeps it; raises a clear error, with the hint given, for an id of no reminder.';

/*
 * Consumers are tied to the database role they log in as: a reminder
 * claimed by one role is answered for by that role only, whatever consumer
 * name another role gives.
 */
CREATE FUNCTION dunning.require_lease_role(r dunning.reminder) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF r.lease_role IS DISTINCT FROM session_user THEN
    RAISE EXCEPTION 'reminder % was not claimed by role "%"', r.id, session_user
      USING ERRCODE = 'insufficient_privilege',
            DETAIL = CASE WHEN r.lease_role IS NULL THEN 'No role has claimed it.'
                          ELSE format('Role "%s" claimed it.', r.lease_role) END,
            HINT = 'Answer for a reminder, and record its events, from the role that claimed it.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_lease_role(dunning.reminder) IS
  'Raises a clear error unless the session''s role is the one that claimed the reminder.';

-- A lease is between a second and an hour: dunning.extend() renews it.
CREATE FUNCTION dunning.require_lease(lease interval) RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF lease IS NULL OR lease < interval '1 second' OR lease > interval '1 hour' THEN
    RAISE EXCEPTION 'lease must be between 1 second and 1 hour'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('It was %s.', coalesce(lease::text, 'NULL')),
            HINT = 'Give the time a batch takes to deliver, with room to spare, such as ''5 minutes'', and renew it with dunning.extend() while the batch is under way.';
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.require_lease(interval) IS
  'Raises a clear error for a lease that is not between 1 second and 1 hour.';

/*
 * The reminder a consumer answers for, locked: it must exist and be leased
 * to that consumer, claimed by the session's role.
 */
CREATE FUNCTION dunning.leased_reminder(consumer text, reminder_id bigint, verb text)
RETURNS dunning.reminder
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r dunning.reminder;
BEGIN
  PERFORM dunning.require_consumer(consumer);
  -- if it is done and archived meanwhile, the checks below say what
  -- became of it
  r := dunning.locked_reminder(reminder_id,
         format('Pass the id of a reminder that dunning.claim() handed out before you %s it.', verb));
  IF r.status = 'sent' THEN
    RAISE EXCEPTION 'reminder % was already acknowledged', reminder_id
      USING ERRCODE = 'object_not_in_prerequisite_state',
            DETAIL = format('Consumer "%s" acknowledged it%s.', r.lease_owner,
                            CASE WHEN r.provider_ref IS NULL THEN ''
                                 ELSE format(' (provider reference %s)', r.provider_ref) END),
            HINT = 'Acknowledge or reject each reminder once.';
  END IF;
  IF r.status <> 'claimed' THEN
    RAISE EXCEPTION 'reminder % is not claimed', reminder_id
      USING ERRCODE = 'object_not_in_prerequisite_state',
            DETAIL = format('Its status is %s.', r.status),
            HINT = format('Only a reminder handed out by dunning.claim() can be %s.',
                          CASE verb WHEN 'ack' THEN 'acknowledged' ELSE 'rejected' END);
  END IF;
  IF r.lease_owner IS DISTINCT FROM consumer THEN
    RAISE EXCEPTION 'reminder % is leased to another consumer', reminder_id
      USING ERRCODE = 'object_not_in_prerequisite_state',
            DETAIL = CASE WHEN r.lease_until > pg_catalog.now()
                          THEN format('Consumer "%s" holds its lease.', r.lease_owner)
                          ELSE format('Consumer "%s" claimed it last; its lease has run out.', r.lease_owner) END,
            HINT = 'Your lease ran out before you answered and another consumer claimed it again: leave it to that consumer, and take longer leases.';
  END IF;
  PERFORM dunning.require_lease_role(r);
  RETURN r;
END
$$;
COMMENT ON FUNCTION dunning.leased_reminder(text, bigint, text) IS
  'Locks and returns a reminder leased to the consumer, or raises a clear error saying why not.';

CREATE FUNCTION dunning.claim(consumer text, max integer DEFAULT 100,
                              lease interval DEFAULT '5 minutes', channels text[] DEFAULT NULL)
RETURNS SETOF dunning.reminder
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- planned once per session: a custom plan of the ready scan would be
-- planned again at every call, each time probing the ends of the queue's
-- indexes, which are where the entries of claimed and done reminders are;
-- and never compiled: the generic plan's estimate (the whole queue, a
-- ledger look-up per row) is far above what a claim reads, and JIT would
-- take longer than the claim
SET plan_cache_mode = force_generic_plan
SET jit = off
AS $$
DECLARE
  ids bigint[];
  changed bigint[];
  ch text;
BEGIN
  PERFORM dunning.require_consumer(consumer);
  IF max IS NULL OR max < 1 OR max > 10000 THEN
    RAISE EXCEPTION 'max must be between 1 and 10000'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('It was %s.', coalesce(max::text, 'NULL')),
            HINT = 'Claim in batches of tens to a few hundred reminders.';
  END IF;
  PERFORM dunning.require_lease(lease);
  FOREACH ch IN ARRAY coalesce(channels, '{}') LOOP
    PERFORM dunning.require_channel(ch);
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM dunning.binding b WHERE b.kind = 'ledger') THEN
    RAISE EXCEPTION 'no ledger is bound'
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'Bind your invoice table with dunning.bind_ledger() first.';
  END IF;

  -- the oldest ready reminders, passing over those whose lease is running
  SELECT pg_catalog.array_agg(q.id ORDER BY q.id) INTO ids
    FROM (SELECT r.id
            FROM dunning.reminder r
           WHERE r.available_at <= pg_catalog.now()
             AND (r.status <> 'claimed' OR r.lease_until <= pg_catalog.now())
             AND (channels IS NULL OR r.channel = ANY (channels))
           ORDER BY r.available_at, r.id
           LIMIT max
           FOR UPDATE OF r SKIP LOCKED) q;
  IF ids IS NULL THEN
    RETURN;
  END IF;

  -- those the live ledger or a hold no longer agrees with (most often none) are
  -- settled by the rule a pass follows too (19_settle.sql): those it
  -- cancels move to the archive, and are not handed out
  changed := dunning.unsent_changed(ids, pg_catalog.now());
  IF cardinality(changed) > 0 THEN
    PERFORM dunning.settle_unsent(changed, pg_catalog.now(), NULL);
  END IF;

  -- no indexed column changes: a HOT update
  RETURN QUERY
  UPDATE dunning.reminder r
     SET status = 'claimed', lease_owner = consumer, lease_role = session_user,
         lease_until = pg_catalog.now() + lease, attempts = r.attempts + 1,
         updated_at = pg_catalog.now()
   WHERE r.id = ANY (ids)
  RETURNING r.*;
END
$$;
COMMENT ON FUNCTION dunning.claim(text, integer, interval, text[]) IS
  'Hands out up to max ready reminders (oldest first, of the given channels) to a consumer for the lease; those whose invoices are all paid meanwhile are cancelled instead, consolidated ones keep only their invoices still open.';
/*-------------------------------------------------------------------------
 *
 * 21_answer.sql
 *	  Answers of a consumer: ack, nack, extend, record_event.
 *
 *-------------------------------------------------------------------------
 */

CREATE FUNCTION dunning.ack(consumer text, reminder_id bigint, provider_ref text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- the batch form; it says, in the reminder's own words, why one it
  -- cannot acknowledge is refused
  PERFORM dunning.ack(consumer, ARRAY[reminder_id], ARRAY[provider_ref]);
END
$$;
COMMENT ON FUNCTION dunning.ack(text, bigint, text) IS
  'Records that the consumer holding its lease delivered the reminder (status sent, moved to the archive), with the provider''s reference.';

CREATE FUNCTION dunning.ack(consumer text, reminder_ids bigint[], provider_refs text[] DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  done bigint;
  culprit bigint;
BEGIN
  IF provider_refs IS NOT NULL
     AND cardinality(provider_refs) <> cardinality(reminder_ids) THEN
    RAISE EXCEPTION 'provider_refs must have one entry per reminder'
      USING ERRCODE = 'array_subscript_error',
            DETAIL = format('%s reminder ids, %s provider references.',
                            cardinality(reminder_ids), cardinality(provider_refs)),
            HINT = 'Pass NULL entries for reminders without a reference, or no array at all.';
  END IF;
  IF coalesce(cardinality(reminder_ids), 0) = 0 THEN
    RETURN 0;
  END IF;
  PERFORM dunning.require_consumer(consumer);
  -- one move to the archive of those leased to this consumer; if that is
  -- not all of them, the first that is not says why (and the move is undone)
  WITH acked AS (
    DELETE FROM dunning.reminder r
     USING unnest(reminder_ids,
                  coalesce(provider_refs, array_fill(NULL::text, ARRAY[cardinality(reminder_ids)])))
           AS x (id, ref)
     WHERE r.id = x.id AND r.status = 'claimed' AND r.lease_owner = consumer
       AND r.lease_role = session_user
    RETURNING r, x.ref)
  INSERT INTO dunning.reminder_archive
  SELECT x.* FROM acked a CROSS JOIN LATERAL dunning.archived(a.r, 'sent', NULL, a.ref) x;
  GET DIAGNOSTICS done = ROW_COUNT;
  IF done <> cardinality(reminder_ids) THEN
    -- the first one left untouched says why, in its own words; else an id
    -- given twice was acknowledged already
    SELECT x.id INTO culprit
      FROM unnest(reminder_ids) WITH ORDINALITY AS x (id, o)
     WHERE NOT EXISTS (SELECT 1 FROM dunning.reminder_archive a
                        WHERE a.id = x.id AND a.status = 'sent' AND a.lease_owner = consumer
                          AND a.archived_at = pg_catalog.now())
     ORDER BY x.o LIMIT 1;
    IF NOT FOUND THEN
      SELECT x.id INTO culprit FROM unnest(reminder_ids) AS x (id)
       GROUP BY x.id HAVING count(*) > 1 LIMIT 1;
    END IF;
    PERFORM dunning.leased_reminder(consumer, culprit, 'ack');
    RAISE EXCEPTION 'reminder % could not be acknowledged', culprit
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'Acknowledge it alone to see why.';
  END IF;
  RETURN done;
END
$$;
COMMENT ON FUNCTION dunning.ack(text, bigint[], text[]) IS
  'Acknowledges a batch of reminders, all or none, moving them to the archive; returns how many.';

-- How long a rejected reminder waits before it is claimed again (src/backoff.c).
CREATE FUNCTION dunning.delivery_retry_delay(attempts integer) RETURNS interval
AS 'MODULE_PATHNAME', 'dunning_delivery_retry_delay'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION dunning.delivery_retry_delay(integer) IS
  'How long a reminder rejected by a mailer waits before it can be claimed again, after that many attempts: 1 minute, doubled with each attempt, at most 6 hours.';

CREATE FUNCTION dunning.nack(consumer text, reminder_id bigint, error text,
                             retry_in interval DEFAULT NULL, permanent boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  r dunning.reminder;
  max_attempts integer := coalesce(nullif(current_setting('dunning.max_attempts', true), ''), '5')::integer;
BEGIN
  IF retry_in IS NOT NULL AND retry_in < interval '0' THEN
    RAISE EXCEPTION 'retry_in must not be negative'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = format('It was %s.', retry_in),
            HINT = 'Pass NULL for the default backoff, or the delay the provider asked for.';
  END IF;
  r := dunning.leased_reminder(consumer, reminder_id, 'nack');
  IF r.attempts < max_attempts AND NOT coalesce(permanent, false) THEN
    UPDATE dunning.reminder q
       SET status = 'failed',
           available_at = pg_catalog.now()
             + coalesce(retry_in, dunning.delivery_retry_delay(r.attempts)),
           lease_until = NULL, last_error = error, updated_at = pg_catalog.now()
     WHERE q.id = reminder_id;
    RETURN 'failed';
  END IF;
  -- out of attempts, or a failure that no retry mends: dead, and done
  DELETE FROM dunning.reminder q WHERE q.id = reminder_id;
  INSERT INTO dunning.reminder_archive
  SELECT x.* FROM dunning.archived(r, 'dead', error, r.provider_ref) x;
  RETURN 'dead';
END
$$;
COMMENT ON FUNCTION dunning.nack(text, bigint, text, interval, boolean) IS
  'Records a failed delivery: the reminder is retried after retry_in (default: 1, 2, 4... minutes, at most 6 hours), or dead (moved to the archive) after dunning.max_attempts attempts or at once when permanent; returns failed or dead.';

CREATE FUNCTION dunning.nack(consumer text, reminder_ids bigint[], error text,
                             retry_in interval DEFAULT NULL, permanent boolean DEFAULT false)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  FOR i IN 1 .. coalesce(cardinality(reminder_ids), 0) LOOP
    PERFORM dunning.nack(consumer, reminder_ids[i], error, retry_in, permanent);
  END LOOP;
  RETURN coalesce(cardinality(reminder_ids), 0);
END
$$;
COMMENT ON FUNCTION dunning.nack(text, bigint[], text, interval, boolean) IS
  'Rejects a batch of reminders with one error, all or none; returns how many.';

/*
 * A consumer whose batch takes longer than it thought renews its leases
 * before they run out, so that no other consumer claims what it is still
 * delivering.  Only leases still running, held under that consumer's name
 * by the session's role, are renewed; the others are no longer its own.
 */
CREATE FUNCTION dunning.extend(consumer text, reminder_ids bigint[], lease interval)
RETURNS bigint[]
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  renewed bigint[];
BEGIN
  PERFORM dunning.require_consumer(consumer);
  PERFORM dunning.require_lease(lease);
  WITH done AS (
    UPDATE dunning.reminder r
       SET lease_until = pg_catalog.now() + lease, updated_at = pg_catalog.now()
     WHERE r.id = ANY (reminder_ids) AND r.status = 'claimed'
       AND r.lease_owner = consumer AND r.lease_role = session_user
       AND r.lease_until > pg_catalog.now()
    RETURNING r.id)
  SELECT coalesce(pg_catalog.array_agg(d.id ORDER BY d.id), '{}') INTO renewed FROM done d;
  RETURN renewed;
END
$$;
COMMENT ON FUNCTION dunning.extend(text, bigint[], interval) IS
  'Renews, for the lease given from now, the running leases the consumer holds (claimed by the session''s role) on these reminders; returns the ids renewed: the others are no longer the consumer''s to deliver.';

CREATE FUNCTION dunning.record_event(reminder_id bigint, kind text,
                                     at timestamptz DEFAULT pg_catalog.now(),
                                     detail jsonb DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  event_id bigint;
BEGIN
  IF kind IS NULL OR kind NOT IN ('delivered', 'opened', 'clicked', 'bounced', 'complained') THEN
    RAISE EXCEPTION 'unknown delivery event "%"', kind
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use delivered, opened, clicked, bounced or complained.';
  END IF;
  IF at IS NULL THEN
    RAISE EXCEPTION 'at must not be null'
      USING ERRCODE = 'null_value_not_allowed',
            HINT = 'Pass when the event happened, or leave it out for now().';
  END IF;
  -- a reminder of the queue or the archive, claimed by this role
  PERFORM dunning.require_lease_role(
    dunning.locked_reminder(reminder_id, 'Pass the id of a reminder that dunning.claim() handed out.'));
  INSERT INTO dunning.reminder_event (reminder_id, kind, at, detail)
  VALUES (reminder_id, kind, at, detail)
  RETURNING id INTO event_id;
  RETURN event_id;
END
$$;
COMMENT ON FUNCTION dunning.record_event(bigint, text, timestamptz, jsonb) IS
  'Records delivery feedback on a reminder (delivered, opened, clicked, bounced, complained); returns the event''s id.';
/*-------------------------------------------------------------------------
 *
 * 22_cancel.sql
 *	  Cancelling reminders by hand.
 *
 *-------------------------------------------------------------------------
 */


/*
 * Cancels reminders still in the queue, by hand (one a campaign should not
 * have emitted, or one about invoices settled outside the ledger): all or
 * none, each moved to the archive as cancelled with the reason, and the
 * history told for each of its invoices.  A reminder a consumer holds a
 * running lease on is refused: it may be on its way.  The invoices keep
 * their level; a hold, not a cancellation, stops their dunning.
 */
CREATE FUNCTION dunning.cancel(reminder_ids bigint[], reason text)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  wanted bigint[];
  rid bigint;
  r dunning.reminder;
BEGIN
  IF reason IS NULL OR btrim(reason) = '' THEN
    RAISE EXCEPTION 'a cancellation needs a reason'
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Say why the reminder must not be sent, such as ''settled by phone''; the history keeps it.';
  END IF;
  SELECT array_agg(DISTINCT x.id ORDER BY x.id) INTO wanted
    FROM unnest(reminder_ids) AS x (id);
  IF wanted IS NULL THEN
    RETURN 0;
  END IF;
  -- lock them in id order, and refuse the batch for the first that cannot go
  FOREACH rid IN ARRAY wanted LOOP
    r := dunning.locked_reminder(rid, 'Pass the id of a reminder in dunning.reminder.');
    IF r.status NOT IN ('pending', 'claimed', 'failed') THEN
      RAISE EXCEPTION 'reminder % is done already', r.id
        USING ERRCODE = 'object_not_in_prerequisite_state',
              DETAIL = format('It is %s, and in the archive since %s.', r.status, r.updated_at),
              HINT = 'Only a reminder still in the queue (pending, claimed or failed) can be cancelled.';
    END IF;
    IF r.status = 'claimed' AND r.lease_until > pg_catalog.now() THEN
      RAISE EXCEPTION 'reminder % is being delivered', r.id
        USING ERRCODE = 'object_not_in_prerequisite_state',
              DETAIL = format('Consumer "%s" holds its lease until %s.', r.lease_owner, r.lease_until),
              HINT = 'Wait until the consumer acknowledges or rejects it, or its lease runs out, then cancel it if it is still in the queue.';
    END IF;
  END LOOP;

  WITH gone AS (
    DELETE FROM dunning.reminder q WHERE q.id = ANY (wanted)
    RETURNING q),
  moved AS (
    INSERT INTO dunning.reminder_archive
    SELECT x.*
      FROM gone g
     CROSS JOIN LATERAL dunning.archived(g.q, 'cancelled', 'cancelled by hand: ' || reason,
                                         (g.q).provider_ref) x
    RETURNING id, customer_id, invoice_ids, level, payload)
  INSERT INTO dunning.history (at, invoice_id, customer_id, event, level, reminder_id, reason)
  SELECT pg_catalog.now(), x.i, m.customer_id, 'cancelled',
         coalesce(dunning.payload_level(m.payload, x.i::text), m.level),
         m.id, 'cancelled by hand: ' || reason
    FROM moved m CROSS JOIN LATERAL unnest(m.invoice_ids) AS x (i);
  RETURN cardinality(wanted);
END
$$;
COMMENT ON FUNCTION dunning.cancel(bigint[], text) IS
  'Cancels reminders still in the queue, all or none, with a reason: they move to the archive as cancelled and the history says so; one whose lease is running is refused; returns how many.';

CREATE FUNCTION dunning.cancel(reminder_id bigint, reason text)
RETURNS integer
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT dunning.cancel(ARRAY[reminder_id], reason)
$$;
COMMENT ON FUNCTION dunning.cancel(bigint, text) IS
  'Cancels one reminder still in the queue, with a reason (see the batch form).';
/*-------------------------------------------------------------------------
 *
 * 23_privileges.sql
 *	  Privileges: mailers, readers, campaign administrators, the scheduler and the pass role.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- Privileges: mailers, readers and campaign administrators
------------------------------------------------------------------------------

CREATE TABLE dunning.role_grant (
  role_name  name NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('admin', 'reader', 'mailer', 'scheduler', 'pass')),
  granted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (role_name, kind)
);
COMMENT ON TABLE dunning.role_grant IS
  'The roles given access with dunning.grant_mailer(), grant_reader() and grant_admin(); applied again when a binding recreates its views.';
COMMENT ON COLUMN dunning.role_grant.kind IS
  'admin (campaigns), reader (the views), mailer (the queue protocol), scheduler (the role of dunning.scheduler_role), or pass (the owner of a bound relation, as which passes read it: kept by binding, not granted by hand).';

-- The grants of one role and kind.
CREATE FUNCTION dunning.apply_grant(role_name name, kind text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  obj text;
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA dunning TO %I', role_name);
  IF kind IN ('reader', 'admin') THEN
    -- states, levels, amounts, counts and events: an allowlist, so that a
    -- view added later is not given away; never the user's own relations
    -- (dunning.ledger, dunning.customer), a recipient, a rendered text, a
    -- payload, an error or an event's detail, which may name a person
    FOR obj IN
      SELECT v FROM unnest(ARRAY['invoice_status', 'workers', 'templates', 'locales']) v
       WHERE to_regclass('dunning.' || v) IS NOT NULL
    LOOP
      EXECUTE format('GRANT SELECT ON dunning.%I TO %I', obj, role_name);
    END LOOP;
    IF to_regclass('dunning.reminders') IS NOT NULL THEN
      EXECUTE format('GRANT SELECT (id, customer_id, invoice_ids, policy, level, channel, status,'
                     ' available_at, attempts, lease_owner, lease_until, as_of, run_id, created_at,'
                     ' updated_at, archived_at) ON dunning.reminders TO %I', role_name);
    END IF;
    EXECUTE format('GRANT SELECT ON dunning.history, dunning.run_log TO %I', role_name);
    EXECUTE format('GRANT SELECT (id, reminder_id, kind, at) ON dunning.reminder_event TO %I',
                   role_name);
    EXECUTE format('GRANT EXECUTE ON FUNCTION dunning.worker_status() TO %I', role_name);
  END IF;
  IF kind = 'admin' THEN
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA dunning TO %I', role_name);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON dunning.policy, dunning.step, dunning.template,'
                   ' dunning.assignment, dunning.hold, dunning.calendar, dunning.holiday, dunning.locale TO %I',
                   role_name);
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA dunning TO %I', role_name);
    -- the checks and passes, not the binding, the grants or the mailer protocol
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA dunning TO %I', role_name);
    EXECUTE format('REVOKE EXECUTE ON FUNCTION dunning.bind_ledger(text, text, text, text, text, text, text, regrole),'
                   ' dunning.bind_customers(text, text, text, text, text, text, text, regrole),'
                   ' dunning.unbind(text), dunning.grant_admin(regrole), dunning.grant_reader(regrole),'
                   ' dunning.grant_mailer(regrole), dunning.grant_scheduler(regrole),'
                   ' dunning.apply_grants(), dunning.apply_grant(name, text),'
                   ' dunning.revoke_all(name), dunning.ledger_open_amounts(anyarray),'
                   ' dunning.claim(text, integer, interval, text[]), dunning.ack(text, bigint, text),'
                   ' dunning.ack(text, bigint[], text[]), dunning.nack(text, bigint, text, interval, boolean),'
                   ' dunning.nack(text, bigint[], text, interval, boolean),'
                   ' dunning.extend(text, bigint[], interval),'
                   ' dunning.record_event(bigint, text, timestamptz, jsonb) FROM %I', role_name);
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
    EXECUTE format('GRANT SELECT (invoice_id, customer_id, status, level, last_reminder_at,'
                   ' next_check_at) ON dunning.invoice_state TO %I', role_name);
    EXECUTE format('GRANT SELECT (customer_id, policy) ON dunning.assignment TO %I', role_name);
    EXECUTE format('GRANT SELECT (invoice_id, customer_id, until) ON dunning.hold TO %I', role_name);
    EXECUTE format('GRANT SELECT (customer_id, status, as_of) ON dunning.reminder,'
                   ' dunning.reminder_archive TO %I', role_name);
  END IF;
  IF kind = 'mailer' THEN
    EXECUTE format('GRANT EXECUTE ON FUNCTION dunning.claim(text, integer, interval, text[]),'
                   ' dunning.ack(text, bigint, text), dunning.ack(text, bigint[], text[]),'
                   ' dunning.nack(text, bigint, text, interval, boolean), dunning.nack(text, bigint[], text, interval, boolean),'
                   ' dunning.extend(text, bigint[], interval),'
                   ' dunning.record_event(bigint, text, timestamptz, jsonb) TO %I', role_name);
  END IF;
END
$$;
COMMENT ON FUNCTION dunning.apply_grant(name, text) IS
  'Grants one role what one kind of access (admin, reader, mailer) needs.';

-- Takes back every privilege a role holds in schema dunning.
CREATE FUNCTION dunning.revoke_all(role_name name) RETURNS void
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

CREATE FUNCTION dunning.apply_grants() RETURNS void
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
CREATE FUNCTION dunning.grant_to(role regrole, kind text) RETURNS void
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

CREATE FUNCTION dunning.grant_mailer(role regrole) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to(role, 'mailer');
END;
COMMENT ON FUNCTION dunning.grant_mailer(regrole) IS
  'Lets a role claim, ack and nack reminders and record delivery events, and nothing more.';

CREATE FUNCTION dunning.grant_reader(role regrole) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to(role, 'reader');
END;
COMMENT ON FUNCTION dunning.grant_reader(regrole) IS
  'Lets a role read the analysts'' views (invoice_status, workers...), the history, the pass log and delivery events.';

CREATE FUNCTION dunning.grant_scheduler(role regrole) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to(role, 'scheduler');
END;
COMMENT ON FUNCTION dunning.grant_scheduler(regrole) IS
  'Lets the role named by dunning.scheduler_role run this database''s scheduler: read the binding, call run(), log a failed pass; nothing more.';

CREATE FUNCTION dunning.grant_admin(role regrole) RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT dunning.grant_to(role, 'admin');
END;
COMMENT ON FUNCTION dunning.grant_admin(regrole) IS
  'Lets a role manage campaigns (policies, steps, templates, assignments, holds, calendars), read everything and run or preview passes; not bind ledgers or grant.';
/*-------------------------------------------------------------------------
 *
 * 24_dump.sql
 *	  What pg_dump keeps, and nothing for PUBLIC; the launcher is told last.
 *
 *-------------------------------------------------------------------------
 */

SELECT dunning.worker_hello();

------------------------------------------------------------------------------
-- pg_dump keeps the user's data; nothing is granted to PUBLIC
------------------------------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('dunning.binding', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.calendar', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.holiday', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.policy', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.template', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.locale', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.step', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.assignment', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.hold', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.hold_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reminder', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reminder_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reminder_archive', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.invoice_state', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.history', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.history_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.run_log', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.run_log_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reminder_event', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.role_grant', '');
SELECT pg_catalog.pg_extension_config_dump('dunning.reminder_event_id_seq', '');
-- the bookkeeping row is not dumped: after a restore, the next pass
-- discovers every overdue invoice again
SELECT pg_catalog.pg_extension_config_dump('dunning.engine', 'WHERE false');

REVOKE ALL ON ALL TABLES IN SCHEMA dunning FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA dunning FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA dunning FROM PUBLIC;
