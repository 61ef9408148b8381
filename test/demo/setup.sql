-- A tour of dunning over an existing ledger: public.invoices and
-- public.customers stay where they are, dunning reads them in place.

-- 1. Tell dunning where the invoices are and which column plays which role.
--    Nothing is copied: dunning.ledger becomes a view over public.invoices.
SELECT dunning.bind_ledger(
  source      => 'public.invoices',
  invoice_id  => 'id',
  customer_id => 'customer_id',
  due_on      => 'due_date',
  open_amount => 'balance',
  currency    => 'currency',
  reference   => 'number',
  issued_on   => 'issued_on',   -- the issue dates and amounts invoiced serve the
  amount      => 'amount');     -- collection metrics (DSO, CEI)

-- 2. The same for the customers' contact data: dunning.customer.
SELECT dunning.bind_customers(
  source      => 'public.customers',
  customer_id => 'id',
  email       => 'email',
  name        => 'name',
  locale      => 'locale',
  time_zone   => 'time_zone',
  phone       => 'phone');

-- 3. A calendar of days on which no reminder goes out.
INSERT INTO dunning.calendar (name, description)
VALUES ('eu-holidays', 'Public holidays common to most of the EU and the UK');

INSERT INTO dunning.holiday (calendar, day, name) VALUES
  ('eu-holidays', '2026-12-25', 'Christmas Day'),
  ('eu-holidays', '2026-12-26', 'St Stephen''s Day / Boxing Day'),
  ('eu-holidays', '2027-01-01', 'New Year''s Day'),
  ('eu-holidays', '2027-03-26', 'Good Friday'),
  ('eu-holidays', '2027-03-29', 'Easter Monday'),
  ('eu-holidays', '2027-05-01', 'Labour Day'),
  ('eu-holidays', '2027-12-25', 'Christmas Day'),
  ('eu-holidays', '2027-12-26', 'St Stephen''s Day / Boxing Day');

-- 4. The texts.  friendly, firm, final and handoff ship with the extension
--    in seven languages (dunning.templates_in_effect lists them); each customer gets
--    them in their own locale, else the policy's language.  A row of our own
--    in dunning.template would replace one; the shipped ones will do here.

-- 5. One default policy per currency: every customer who is not assigned
--    another policy follows the default of their invoices' currency.
--    Reminders start 3 days after the due date, at least 7 days apart, one
--    consolidated message per customer, at most 3 per 30 days, on weekdays
--    from 09:00 to 17:00 in the customer's time zone (else the policy's).
INSERT INTO dunning.policy
  (name, currency, is_default, min_open_amount, grace_days, min_days_between,
   group_by, max_reminders, per_period, send_days, send_from, send_until,
   time_zone, calendar, sender_name, contact_email, contact_phone, payment_url)
VALUES
  ('standard-eur', 'EUR', true, 5, 3, 7, 'customer', 3, '30 days', '{1,2,3,4,5}',
   '09:00', '17:00', 'Europe/Paris', 'eu-holidays', 'Accounts, Example Trading SA',
   'accounts@example.com', '+33 1 84 88 00 00', 'https://pay.example.com/account'),
  ('standard-usd', 'USD', true, 5, 3, 7, 'customer', 3, '30 days', '{1,2,3,4,5}',
   '09:00', '17:00', 'America/New_York', NULL, 'Accounts, Example Trading Inc.',
   'accounts@example.com', '+1 212 555 0100', 'https://pay.example.com/account'),
  ('standard-gbp', 'GBP', true, 5, 3, 7, 'customer', 3, '30 days', '{1,2,3,4,5}',
   '09:00', '17:00', 'Europe/London', 'eu-holidays', 'Accounts, Example Trading Ltd',
   'accounts@example.com', '+44 20 7946 0000', 'https://pay.example.com/account');

-- 6. Their steps: a friendly email, a firm one, a letter with a 40 fee,
--    then the hand-off to collections.
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee)
SELECT p.name, s.level, s.days_overdue, s.channel, s.template, s.fee
FROM dunning.policy p
CROSS JOIN (VALUES
  (1,  3, 'email',   'friendly', 0),
  (2, 14, 'email',   'firm',     0),
  (3, 30, 'letter',  'final',    40),
  (4, 45, 'handoff', 'handoff',  0)
) AS s (level, days_overdue, channel, template, fee)
WHERE p.is_default;

-- 7. A gentler policy for the best customers: a week of grace, two weeks
--    between reminders, at most 2 a month, and no fee.
INSERT INTO dunning.policy
  (name, currency, is_default, min_open_amount, grace_days, min_days_between,
   group_by, max_reminders, per_period, time_zone, calendar, sender_name,
   contact_email, payment_url)
VALUES
  ('gentle-eur', 'EUR', false, 5, 7, 14, 'customer', 2, '30 days',
   'Europe/Paris', 'eu-holidays', 'Your account manager at Example Trading SA',
   'accounts@example.com', 'https://pay.example.com/account');

INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee) VALUES
  ('gentle-eur', 1, 10, 'email',   'friendly', 0),
  ('gentle-eur', 2, 30, 'email',   'firm',     0),
  ('gentle-eur', 3, 60, 'letter',  'final',    0),
  ('gentle-eur', 4, 90, 'handoff', 'handoff',  0);

-- ... assigned to the 20 EUR customers who have paid the most.
INSERT INTO dunning.assignment (customer_id, policy)
SELECT customer_id, 'gentle-eur'
FROM public.invoices
WHERE currency = 'EUR'
GROUP BY customer_id
ORDER BY sum(paid) DESC, customer_id
LIMIT 20;

-- 8. Holds pause dunning.  A disputed invoice is held until the dispute is
--    settled (no end date: delete the hold then) ...
INSERT INTO dunning.hold (invoice_id, reason, note)
SELECT invoice_id, 'dispute', 'Disputed by the customer'
FROM public.disputes;

-- ... and a customer who promised to pay is left alone until that day.
INSERT INTO dunning.hold (customer_id, reason, until, note)
SELECT customer_id, 'promise_to_pay', until, 'Promised to pay by ' || until
FROM public.promises;
