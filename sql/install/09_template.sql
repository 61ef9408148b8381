/*-------------------------------------------------------------------------
 *
 * 09_template.sql
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
  'Reference data: the templates shipped with the extension (friendly, firm, final, handoff and statement in en, fr, de, it, es, pt, nl); dunning.template overrides them.';

-- (the view of the templates in effect, dunning.templates_in_effect, is
-- made with the templates' tenant column, in 33_tenant.sql)

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
