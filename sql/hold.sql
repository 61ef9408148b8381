-- Holds, assignments and calendars.
\set SHOW_CONTEXT never
INSERT INTO dunning.policy (name, currency, is_default) VALUES ('standard', 'EUR', true);
INSERT INTO dunning.policy (name, currency) VALUES ('gentle', 'EUR');

-- holds on an invoice and on a customer
INSERT INTO dunning.hold (invoice_id, reason, note) VALUES ('1001', 'dispute', 'wrong quantity');
INSERT INTO dunning.hold (customer_id, reason, until) VALUES ('42', 'promise_to_pay', '2026-12-15');
INSERT INTO dunning.hold (customer_id, reason) VALUES ('43', 'manual');
SELECT invoice_id, customer_id, reason, until, note FROM dunning.hold ORDER BY id;

-- a hold naming neither an invoice nor a customer
INSERT INTO dunning.hold (reason) VALUES ('dispute');
-- a hold naming both
INSERT INTO dunning.hold (invoice_id, customer_id, reason) VALUES ('1001', '42', 'dispute');
-- an unknown reason
INSERT INTO dunning.hold (invoice_id, reason) VALUES ('1001', 'holiday');
-- a promise to pay without a date
INSERT INTO dunning.hold (customer_id, reason) VALUES ('42', 'promise_to_pay');
UPDATE dunning.hold SET until = NULL WHERE reason = 'promise_to_pay';

-- assignments
INSERT INTO dunning.assignment (customer_id, policy) VALUES ('42', 'gentle');
-- to a policy that does not exist
INSERT INTO dunning.assignment (customer_id, policy) VALUES ('43', 'vip');
-- twice for one customer
INSERT INTO dunning.assignment (customer_id, policy) VALUES ('42', 'standard');
-- a policy that customers follow cannot be deleted
DELETE FROM dunning.policy WHERE name = 'gentle';
-- renaming it carries the assignments along
UPDATE dunning.policy SET name = 'kind' WHERE name = 'gentle';
SELECT customer_id, policy FROM dunning.assignment;

-- calendars and their holidays
INSERT INTO dunning.calendar (name, description) VALUES ('fr', 'French public holidays');
INSERT INTO dunning.holiday (calendar, day, name) VALUES
  ('fr', '2026-12-25', 'Noël'), ('fr', '2027-01-01', 'Jour de l''an');
UPDATE dunning.policy SET calendar = 'fr' WHERE name = 'standard';
-- a holiday of a calendar that does not exist
INSERT INTO dunning.holiday (calendar, day) VALUES ('de', '2026-12-25');
-- a holiday listed twice
INSERT INTO dunning.holiday (calendar, day) VALUES ('fr', '2026-12-25');
-- an empty calendar name
INSERT INTO dunning.calendar (name) VALUES ('');
-- a calendar a policy uses cannot be deleted
DELETE FROM dunning.calendar WHERE name = 'fr';
SELECT p.name, h.day, h.name FROM dunning.policy p
  JOIN dunning.holiday h ON h.calendar = p.calendar ORDER BY 2;

DELETE FROM dunning.hold;
DELETE FROM dunning.assignment;
DELETE FROM dunning.policy;
DELETE FROM dunning.calendar;
