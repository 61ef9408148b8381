/*-------------------------------------------------------------------------
 *
 * 00_schema.sql
 *	  The schema, and the guard against loading the script by hand.
 *
 *-------------------------------------------------------------------------
 */


\echo Use "CREATE EXTENSION dunning" to load this file. \quit

COMMENT ON SCHEMA dunning IS
  'Payment-reminder campaigns (dunning) evaluated in place over the bound ledger.';
