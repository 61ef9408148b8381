/*-------------------------------------------------------------------------
 *
 * locales.sql
 *	  Shipped locale rules for the seven languages of the shipped templates.
 *
 *-------------------------------------------------------------------------
 */

INSERT INTO dunning.locale_default (code, description, decimal_sep, group_sep, amount_format,
                                    date_format, month_names, first_day) VALUES
  ('en', 'English', '.', ',', '{symbol}{amount}', 'MMMM D, YYYY',
   '{January,February,March,April,May,June,July,August,September,October,November,December}', NULL),
  ('fr', 'Français', ',', U&'\00A0', U&'{amount}\00A0{symbol}', 'D MMMM YYYY',
   '{janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre}', '1er'),
  ('de', 'Deutsch', ',', '.', U&'{amount}\00A0{symbol}', 'D. MMMM YYYY',
   '{Januar,Februar,März,April,Mai,Juni,Juli,August,September,Oktober,November,Dezember}', NULL),
  ('it', 'Italiano', ',', '.', U&'{amount}\00A0{symbol}', 'D MMMM YYYY',
   '{gennaio,febbraio,marzo,aprile,maggio,giugno,luglio,agosto,settembre,ottobre,novembre,dicembre}', NULL),
  ('es', 'Español', ',', '.', U&'{amount}\00A0{symbol}', 'D "de" MMMM "de" YYYY',
   '{enero,febrero,marzo,abril,mayo,junio,julio,agosto,septiembre,octubre,noviembre,diciembre}', NULL),
  ('pt', 'Português', ',', '.', U&'{symbol}\00A0{amount}', 'D "de" MMMM "de" YYYY',
   '{janeiro,fevereiro,março,abril,maio,junho,julho,agosto,setembro,outubro,novembro,dezembro}', NULL),
  ('pt-PT', 'Português (Portugal)', ',', U&'\00A0', U&'{amount}\00A0{symbol}', 'D "de" MMMM "de" YYYY',
   '{janeiro,fevereiro,março,abril,maio,junho,julho,agosto,setembro,outubro,novembro,dezembro}', NULL),
  ('nl', 'Nederlands', ',', '.', U&'{symbol}\00A0{amount}', 'D MMMM YYYY',
   '{januari,februari,maart,april,mei,juni,juli,augustus,september,oktober,november,december}', NULL),
  ('en-GB', 'English (United Kingdom)', '.', ',', '{symbol}{amount}', 'D MMMM YYYY',
   '{January,February,March,April,May,June,July,August,September,October,November,December}', NULL);
