/*-------------------------------------------------------------------------
 *
 * fee_schedules.sql
 *	  Shipped data: the fixed compensation the late-payment laws grant.
 *
 * eu_fixed_40          €40 per invoice: Directive 2011/7/EU, art. 6, as
 *                      § 288(5) BGB and art. D441-5 of the French Code de
 *                      commerce put it;
 * uk_late_payment      £40, £70 or £100 by the size of the debt: Late
 *                      Payment of Commercial Debts (Interest) Act 1998,
 *                      s. 5A;
 * nl_collection_costs  the Dutch scale of collection costs (Besluit
 *                      vergoeding voor buitengerechtelijke incassokosten,
 *                      Stb. 2012, 141): 15 % of the first €2,500 (at
 *                      least €40), 10 % of the next €2,500, 5 % of the
 *                      next €5,000, 1 % of the next €190,000, 0.5 % of the
 *                      rest, at most €6,775; VAT, where the creditor cannot
 *                      deduct it, is not included.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.fee_schedule (name, currency, method, minimum, maximum, description, source, shipped) VALUES
  ('eu_fixed_40', 'EUR', 'banded', NULL, NULL,
   '€40 per invoice paid late, between businesses',
   'Directive 2011/7/EU, art. 6; § 288(5) BGB; Code de commerce, art. D441-5', true),
  ('uk_late_payment', 'GBP', 'banded', NULL, NULL,
   '£40 for a debt under £1,000, £70 under £10,000, £100 from £10,000',
   'Late Payment of Commercial Debts (Interest) Act 1998, s. 5A', true),
  ('nl_collection_costs', 'EUR', 'marginal', 40, 6775,
   'The Dutch scale of extrajudicial collection costs',
   'Besluit vergoeding voor buitengerechtelijke incassokosten (Stb. 2012, 141); art. 6:96 BW', true);

INSERT INTO dunning.fee_band (schedule, from_amount, fixed, percent, shipped) VALUES
  ('eu_fixed_40', 0, 40, 0, true),
  ('uk_late_payment', 0, 40, 0, true),
  ('uk_late_payment', 1000, 70, 0, true),
  ('uk_late_payment', 10000, 100, 0, true),
  ('nl_collection_costs', 0, 0, 15, true),
  ('nl_collection_costs', 2500, 0, 10, true),
  ('nl_collection_costs', 5000, 0, 5, true),
  ('nl_collection_costs', 10000, 0, 1, true),
  ('nl_collection_costs', 200000, 0, 0.5, true);
