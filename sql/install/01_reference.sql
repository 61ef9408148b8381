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
