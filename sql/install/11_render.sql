/*-------------------------------------------------------------------------
 *
 * 11_render.sql
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
