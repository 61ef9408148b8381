-- Steps: levels, days overdue, channels, templates, fees.
\set SHOW_CONTEXT never
INSERT INTO dunning.policy (name, currency, is_default) VALUES ('standard', 'EUR', true);
INSERT INTO dunning.template (name, channel, locale, subject, body) VALUES
  ('friendly', 'email',  'en', 'A friendly reminder', 'Hello'),
  ('firm',     'email',  'en', 'Payment overdue',     'Please pay'),
  ('notice',   'letter', 'en', NULL,                  'Final notice');

-- the four steps of the README
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee)
VALUES ('standard', 1,  3, 'email',   'friendly', 0),
       ('standard', 2, 14, 'email',   'firm',     0),
       ('standard', 3, 30, 'letter',  'notice',   40.00),
       ('standard', 4, 45, 'handoff', NULL,       0);
SELECT * FROM dunning.step ORDER BY level;

-- a policy that does not exist
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('gold', 1, 3, 'email');
-- level 0
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('standard', 0, 1, 'email');
-- negative days overdue
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('standard', 5, -1, 'email');
-- a negative fee
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee)
VALUES ('standard', 5, 60, 'letter', -5);
-- an unknown channel
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('standard', 5, 60, 'pigeon');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('standard', 5, 60, 'Email');
-- a template that does not exist, or not for this channel
INSERT INTO dunning.step (policy, level, days_overdue, channel, template)
VALUES ('standard', 5, 60, 'email', 'furious');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template)
VALUES ('standard', 5, 60, 'sms', 'friendly');
-- days overdue that do not rise with the level
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('standard', 5, 45, 'email');
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('standard', 5, 40, 'email');
UPDATE dunning.step SET days_overdue = 50 WHERE policy = 'standard' AND level = 3;
-- a level slipped in between must fit between its neighbours
INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('standard', 0, 0, 'email');
SELECT level, days_overdue FROM dunning.step ORDER BY level;

-- several steps moved in one statement are checked once the statement is done
UPDATE dunning.step SET days_overdue = days_overdue * 2 WHERE policy = 'standard';
UPDATE dunning.step SET level = level + 10 WHERE policy = 'standard';
SELECT level, days_overdue FROM dunning.step ORDER BY level;

-- a template still used by a step cannot be deleted or renamed
DELETE FROM dunning.template WHERE name = 'notice';
UPDATE dunning.template SET name = 'last' WHERE name = 'notice';
-- one that overrides a shipped template can: the shipped one takes over
UPDATE dunning.step SET template = 'final' WHERE level = 13;
DELETE FROM dunning.template WHERE name = 'notice';
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('final', 'letter', 'en', NULL, 'Our own final notice');
DELETE FROM dunning.template WHERE name = 'final';
SELECT name, channel, locale, shipped FROM dunning.templates_in_effect
 WHERE name = 'final' AND channel = 'letter' AND locale = 'en';
-- but a second locale of it can go, as long as one remains
INSERT INTO dunning.template (name, channel, locale, subject, body)
VALUES ('friendly', 'email', 'fr', 'Un petit rappel', 'Bonjour');
DELETE FROM dunning.template WHERE name = 'friendly' AND locale = 'en';
SELECT name, locale FROM dunning.template WHERE name = 'friendly';

-- settings accepted once would stop every later pass: refused at once
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee)
VALUES ('standard', 9, 2147483647, 'email', 0);
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee)
VALUES ('standard', 9, 400, 'email', 'NaN');
INSERT INTO dunning.step (policy, level, days_overdue, channel, fee)
VALUES ('standard', 9, 400, 'email', 'Infinity');
SELECT count(*) FROM dunning.step WHERE level = 9;

-- deleting a policy deletes its steps
DELETE FROM dunning.policy WHERE name = 'standard';
SELECT count(*) FROM dunning.step;
DELETE FROM dunning.template;
