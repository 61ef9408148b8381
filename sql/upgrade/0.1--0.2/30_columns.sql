/*-------------------------------------------------------------------------
 *
 * 30_columns.sql
 *	  0.1 to 0.2: what policies and steps charge.
 *
 *-------------------------------------------------------------------------
 */

-- what a policy charges
ALTER TABLE dunning.policy
  ADD COLUMN law text REFERENCES dunning.law (name) ON UPDATE CASCADE,
  ADD COLUMN interest_from_level integer,
  ADD COLUMN compensation_from_level integer,
  ADD COLUMN customer_kind text NOT NULL DEFAULT 'business'
    CHECK (customer_kind IN ('business', 'consumer')),
  ADD COLUMN waive_first_fee boolean NOT NULL DEFAULT false,
  ADD COLUMN allocation text NOT NULL DEFAULT 'costs_first'
    CHECK (allocation IN ('costs_first', 'principal_first')),
  ADD COLUMN status text NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'paused', 'draft')),
  ADD COLUMN unsent_expiry interval;
COMMENT ON COLUMN dunning.policy.law IS
  'The late-payment law (dunning.law) whose interest and fixed compensation the policy charges; NULL for none.';
COMMENT ON COLUMN dunning.policy.interest_from_level IS
  'Statutory interest is charged on each reminder from this level on, for the days since the last charge; NULL: no interest.';
COMMENT ON COLUMN dunning.policy.compensation_from_level IS
  'The law''s fixed compensation is charged once per invoice, on its first reminder at this level or above; NULL: none.';
COMMENT ON COLUMN dunning.policy.customer_kind IS
  '''business'' or ''consumer'': which of the law''s rules apply to the policy''s customers, unless the customer binding says (its consumer column).';
COMMENT ON COLUMN dunning.policy.status IS
  '''active''; ''paused'': its customers keep it and their levels, nothing is sent, and on resuming each invoice gets what is due then, one step; ''draft'': passes ignore it (an assignment to it too) and only preview() uses it, to try a campaign before switching it on.';
COMMENT ON COLUMN dunning.policy.unsent_expiry IS
  'A reminder of the policy still unsent this long after it was emitted (nobody claims its channel, or it keeps failing) is cancelled as expired by the first pass of a day, its charges withdrawn; its invoices keep their level and go on; NULL: never.  Until then an invoice''s next level waits for it (no stacking).';
COMMENT ON COLUMN dunning.policy.allocation IS
  'How statements allocate a payment: ''costs_first'' (fees and compensation, then interest, then the principal: § 367 BGB) or ''principal_first''.';
COMMENT ON COLUMN dunning.policy.waive_first_fee IS
  'Empathy first: a customer paying late for the first time in a year (no reminder about another invoice, no fee, in the 12 months before) gets the fees of that notice waived, and the notice says so.';

-- an invoice whose policy is paused waits for it
COMMENT ON COLUMN dunning.invoice_state.waiting_for IS
  'Why nothing was sent at the last look: grace, hold, min_open_amount, interval, next_step, last_step, contact_cap, send_cap, no_policy, paused (its policy is paused), previous_unsent (its last reminder is still in the queue: no stacking), invalid_recipient (the customer''s address or phone number for the step''s channel is not one), no_recipient (the customer binding binds that address or number, and the customer has none), undeliverable (it is on dunning.suppression), bad_data (the ledger''s or the customer''s row holds a value no pass can use); those four are looked at again the next day, and problem says why. A step''s fallback channel is used before an invoice waits for its recipient.';

-- a step's fee, from a schedule
ALTER TABLE dunning.step
  ADD COLUMN fee_schedule text REFERENCES dunning.fee_schedule (name) ON UPDATE CASCADE;
COMMENT ON COLUMN dunning.step.fee IS
  'Fee charged on each invoice this step reminds, once per invoice and level, in the policy''s currency: a row of dunning.charge, never a change to the ledger.';
COMMENT ON COLUMN dunning.step.fee_schedule IS
  'A fee schedule (dunning.fee_schedule) that gives the fee by the invoice''s open amount, instead of the fixed fee; NULL: the fixed fee.';


