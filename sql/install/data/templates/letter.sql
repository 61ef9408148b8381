/*-------------------------------------------------------------------------
 *
 * letter.sql
 *	  Shipped templates: the final notice by letter, in the words of the e-mail.
 *
 *-------------------------------------------------------------------------
 */

-- the final notice goes by letter too, with the same words
INSERT INTO dunning.template_default (name, channel, locale, subject, body)
SELECT name, 'letter', locale, subject, body FROM dunning.template_default
 WHERE name = 'final' AND channel = 'email';
