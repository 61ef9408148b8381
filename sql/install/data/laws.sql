/*-------------------------------------------------------------------------
 *
 * laws.sql
 *	  Shipped data: the late-payment laws of the EU directive, Germany,
 *	  France, the United Kingdom and the Netherlands.
 *
 * eu_b2b  Directive 2011/7/EU: the ECB rate of the half-year + 8 points
 *         from the day after the due date, €40 per invoice; businesses.
 * de      § 288 BGB: the base rate (§ 247 BGB) + 9 points between
 *         businesses, + 5 points for consumers; €40 from businesses
 *         (§ 288(5) BGB).
 * fr      Code de commerce, art. L441-10 and D441-5: the ECB rate of the
 *         half-year + 10 points, €40; businesses.  (Consumers owe the
 *         taux légal, which is not built on the ECB rate: not shipped.)
 * uk      Late Payment of Commercial Debts (Interest) Act 1998: the Bank of
 *         England rate in force on 31 December or 30 June before interest
 *         starts to run + 8 points, for the whole debt; £40, £70 or £100;
 *         businesses.
 * nl      art. 6:119a BW: the wettelijke handelsrente, the ECB rate of the
 *         half-year + 8 points, between businesses; the collection costs of
 *         the Besluit (art. 6:96 BW) for businesses and consumers.
 *         (Consumers owe the wettelijke rente of art. 6:119 BW, set by
 *         decree: not shipped.)
 *
 * Days are counted act/365 in all of them.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.law (name, description, basis, margin_business, margin_consumer, rate_rule,
                         day_count, interest_from_day, compensation_business,
                         compensation_consumer, legal_basis, shipped) VALUES
  ('eu_b2b', 'EU late payment directive, between businesses', 'ecb_mro', 8, NULL,
   'half_year', 'act/365', 1, 'eu_fixed_40', NULL, 'Directive 2011/7/EU', true),
  ('de', 'Germany, § 288 BGB', 'de_base_rate', 9, 5,
   'half_year', 'act/365', 1, 'eu_fixed_40', NULL, '§§ 286, 288 BGB', true),
  ('fr', 'France, Code de commerce, between businesses', 'ecb_mro', 10, NULL,
   'half_year', 'act/365', 1, 'eu_fixed_40', NULL,
   'articles L441-10 et D441-5 du Code de commerce', true),
  ('uk', 'United Kingdom, Late Payment of Commercial Debts (Interest) Act 1998', 'boe_bank_rate', 8, NULL,
   'fixed_at_start', 'act/365', 1, 'uk_late_payment', NULL,
   'Late Payment of Commercial Debts (Interest) Act 1998', true),
  ('nl', 'Netherlands, wettelijke handelsrente and incassokosten', 'ecb_mro', 8, NULL,
   'half_year', 'act/365', 1, 'nl_collection_costs', 'nl_collection_costs',
   'artikelen 6:96 en 6:119a BW', true);
