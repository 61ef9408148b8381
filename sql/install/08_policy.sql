/*-------------------------------------------------------------------------
 *
 * 08_policy.sql
 *	  Policies (their row check: 03_checks.sql).
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
  created_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
  -- money (0.2)
  law              text REFERENCES dunning.law (name) ON UPDATE CASCADE,
  interest_from_level     integer,
  compensation_from_level integer,
  customer_kind    text NOT NULL DEFAULT 'business'
                     CHECK (customer_kind IN ('business', 'consumer')),
  waive_first_fee  boolean NOT NULL DEFAULT false,
  allocation       text NOT NULL DEFAULT 'costs_first'
                     CHECK (allocation IN ('costs_first', 'principal_first')),
  -- steering (0.2)
  status           text NOT NULL DEFAULT 'active'
                     CHECK (status IN ('active', 'paused', 'draft')),
  unsent_expiry    interval,
  first_contact    text NOT NULL DEFAULT 'gentlest'
                     CHECK (first_contact IN ('gentlest', 'by_age'))
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
COMMENT ON COLUMN dunning.policy.law IS
  'The late-payment law (dunning.law) whose interest and fixed compensation the policy charges; NULL for none.';
COMMENT ON COLUMN dunning.policy.interest_from_level IS
  'Statutory interest is charged on each reminder from this level on, for the days since the last charge; NULL: no interest.';
COMMENT ON COLUMN dunning.policy.compensation_from_level IS
  'The law''s fixed compensation is charged once per invoice, on its first reminder at this level or above; NULL: none.';
COMMENT ON COLUMN dunning.policy.customer_kind IS
  '''business'' or ''consumer'': which of the law''s rules apply to the policy''s customers, unless the customer binding says (its consumer column).';
COMMENT ON COLUMN dunning.policy.first_contact IS
  '''gentlest'': an invoice first seen past several steps gets the first step, then one step at a time; ''by_age'': it starts at the highest step its days overdue have reached (a backlog on the first day of a campaign).';
COMMENT ON COLUMN dunning.policy.status IS
  '''active''; ''paused'': its customers keep it and their levels, nothing is sent, and on resuming each invoice gets what is due then, one step; ''draft'': passes ignore it (an assignment to it too) and only preview() uses it, to try a campaign before switching it on.';
COMMENT ON COLUMN dunning.policy.unsent_expiry IS
  'A reminder of the policy still unsent this long after it was emitted (nobody claims its channel, or it keeps failing) is cancelled as expired by the first pass of a day, its charges withdrawn; its invoices keep their level and go on; NULL: never.  Until then an invoice''s next level waits for it (no stacking).';
COMMENT ON COLUMN dunning.policy.allocation IS
  'How statements allocate a payment: ''costs_first'' (fees and compensation, then interest, then the principal: § 367 BGB) or ''principal_first''.';
COMMENT ON COLUMN dunning.policy.waive_first_fee IS
  'Empathy first: a customer paying late for the first time in a year (no reminder about another invoice, no fee, in the 12 months before) gets the fees of that notice waived, and the notice says so.';

-- (one default per currency and tenant: the index is made with the tenant
-- column, in 33_tenant.sql)


CREATE TRIGGER policy_check BEFORE INSERT OR UPDATE ON dunning.policy
  FOR EACH ROW EXECUTE FUNCTION dunning.policy_check();
COMMENT ON TRIGGER policy_check ON dunning.policy IS
  'Rejects nonsense in policies.';
