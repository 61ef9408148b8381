-- Benchmark ledger: :n invoices in bench.invoices, with disputes and promises
-- to pay, as of :as_of (default 2026-11-20).
--
--   psql -v n=1000000 -f test/bench/ledger.sql
--
-- Deterministic: every draw is a hash of the row's id (bench.u), so the same
-- n always gives the same rows, whatever the plan or the parallelism.
--
-- The shape of the ledger:
--   * ids grow with time: invoice 1 is the oldest, due two years before
--     :as_of, the last one is due on :as_of;
--   * about n/15 customers, with skewed volumes (the biggest has hundreds
--     of invoices, the smallest about ten), each billing in one currency:
--     EUR 50 %, USD 30 %, GBP 20 %;
--   * about 10 % of the invoices are open (balance > 0): an invoice is open
--     with a probability that decays with its age (55 % at the due date,
--     halving every month) over a long tail of bad debt (8 % whatever its
--     age), scaled by the customer's habits: 70 % pay well (x 0.5), 25 %
--     pay slowly (x 1.5), 5 % are bad payers (x 4) who pile up several open
--     invoices (the consolidated reminders);
--   * 20 % of the open invoices are partly paid;
--   * disputes on about 0.5 % of the open invoices (bench.disputes), and
--     promises to pay from about 0.1 % of the customers (bench.promises).
--
-- Re-running it drops and rebuilds schema bench.

\set ON_ERROR_STOP on
\if :{?n}
\else
\set n 100000
\endif
\if :{?as_of}
\else
\set as_of '2026-11-20'
\endif

SET client_min_messages = warning;

DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

-- A uniform draw in [0, 1) for (id, salt): 53 bits of a 64-bit hash.
CREATE FUNCTION bench.u(id bigint, salt bigint) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (hashint8extended(id, salt) & 9007199254740991)::float8 / 9007199254740992.0;

-- The customer of a draw: customer 1 is the biggest, volumes fall off slowly.
CREATE FUNCTION bench.customer_of(u float8, customers bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN 1 + least(floor(customers * power(u, 1.5))::bigint, customers - 1);

-- How much more often than average the customer leaves invoices open.
CREATE FUNCTION bench.habit(customer bigint) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE WHEN bench.u(customer, 1) < 0.70 THEN 0.5
            WHEN bench.u(customer, 1) < 0.95 THEN 1.5
            ELSE 4.0 END;

-- The currency the customer is billed in.
CREATE FUNCTION bench.currency_of(customer bigint) RETURNS char(3)
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE WHEN bench.u(customer, 2) < 0.5 THEN 'EUR'
            WHEN bench.u(customer, 2) < 0.8 THEN 'USD'
            ELSE 'GBP' END;

-- Is an invoice of this customer, this many days past due, still open?
CREATE FUNCTION bench.is_open(id bigint, customer bigint, age integer) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN bench.u(id, 11) < bench.habit(customer) * (0.55 * exp(-age / 45.0) + 0.08);

-- An invoice's amount: mostly small, a few large ones.
CREATE FUNCTION bench.amount_of(id bigint) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN round((20 + 4980 * power(bench.u(id, 12), 3))::numeric, 2);

-- What is left to pay on an open invoice: all of it, or part of it.
CREATE FUNCTION bench.balance_of(id bigint, amount numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE WHEN bench.u(id, 13) < 0.8 THEN amount
            ELSE round(amount * (0.1 + 0.8 * bench.u(id, 14))::numeric, 2) END;

CREATE TABLE bench.invoices (
  id          bigint NOT NULL,
  customer_id bigint NOT NULL,
  due_date    date NOT NULL,
  currency    char(3) NOT NULL,
  amount      numeric(12,2),
  balance     numeric(12,2) NOT NULL,
  number      text
);

SELECT greatest(:n / 15, 1) AS customers \gset

INSERT INTO bench.invoices (id, customer_id, due_date, currency, amount, balance, number)
SELECT i, c.customer_id, d.due_date, bench.currency_of(c.customer_id), a.amount,
       CASE WHEN bench.is_open(i, c.customer_id, d.age) THEN bench.balance_of(i, a.amount)
            ELSE 0 END,
       'INV-' || to_char(d.due_date - 30, 'YYYY') || '-' || lpad(i::text, 8, '0')
FROM generate_series(1, :n::bigint) AS i
CROSS JOIN LATERAL (SELECT bench.customer_of(bench.u(i, 10), :customers) AS customer_id) c
CROSS JOIN LATERAL (SELECT 729 - (730 * (i - 1) / :n)::integer AS age) g
CROSS JOIN LATERAL (SELECT :'as_of'::date - g.age AS due_date, g.age) d
CROSS JOIN LATERAL (SELECT bench.amount_of(i) AS amount) a;

ALTER TABLE bench.invoices ADD PRIMARY KEY (id);
CREATE INDEX invoices_customer_id ON bench.invoices (customer_id);
CREATE INDEX invoices_open_due_date ON bench.invoices (due_date) WHERE balance > 0;

-- Disputed invoices: held until the dispute is settled.
CREATE TABLE bench.disputes AS
SELECT id AS invoice_id FROM bench.invoices
WHERE balance > 0 AND bench.u(id, 20) < 0.005;

-- Customers who promised to pay within the next three weeks.
CREATE TABLE bench.promises AS
SELECT c AS customer_id, :'as_of'::date + 1 + floor(21 * bench.u(c, 21))::integer AS until
FROM generate_series(1, :customers::bigint) AS c
WHERE bench.u(c, 22) < 0.001;

VACUUM ANALYZE bench.invoices;
ANALYZE bench.disputes;
ANALYZE bench.promises;
