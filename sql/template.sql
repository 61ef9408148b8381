-- Templates: channel, locale, subject, body.
\set SHOW_CONTEXT never
INSERT INTO dunning.template (name, channel, locale, subject, body) VALUES
  ('friendly', 'email', 'en',    'A friendly reminder', 'Hello'),
  ('friendly', 'email', 'fr-CA', 'Un petit rappel',     'Bonjour'),
  ('friendly', 'sms',   'de',    NULL,                  'Hallo'),
  ('final',    'letter','pt-BR', NULL,                  'Aviso final'),
  ('friendly', 'email', 'es-419','Recordatorio',        'Hola');
SELECT name, channel, locale FROM dunning.template ORDER BY 1, 2, 3;

-- an unknown channel
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('friendly', 'fax', 'en', 'x', 'y');
-- a locale that is not a language tag
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('friendly', 'email', 'french', 'x', 'y');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('friendly', 'email', 'fr_FR', 'x', 'y');
-- an e-mail without a subject
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('friendly', 'email', 'it', NULL, 'Ciao');
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('friendly', 'email', 'it', '   ', 'Ciao');
-- an empty body
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('friendly', 'email', 'it', 'Promemoria', '  ');
-- an empty name
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('', 'email', 'it', 'Promemoria', 'Ciao');
-- a template no pass could afford to render for every reminder
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('huge', 'email', 'it', 'Promemoria', repeat('Ciao {{customer.name}} ', 50000));
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('huge', 'email', 'it', repeat('Promemoria ', 1000), 'Ciao');
-- a second template for the same name, channel and locale
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('friendly', 'email', 'en', 'Again', 'Hello again');

DELETE FROM dunning.template;
