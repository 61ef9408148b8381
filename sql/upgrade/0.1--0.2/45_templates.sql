/*-------------------------------------------------------------------------
 *
 * 45_templates.sql
 *	  0.1 to 0.2: the shipped templates of 0.2 (the charges in every
 *	  notice, and the statement of account), loaded anew from their files.
 *
 * The shipped templates are reference data: yours (dunning.template) are
 * kept and still override them.
 *
 *-------------------------------------------------------------------------
 */

DELETE FROM dunning.template_default;
COMMENT ON TABLE dunning.template_default IS
  'Reference data: the templates shipped with the extension (friendly, firm, final, handoff and statement in en, fr, de, it, es, pt, nl); dunning.template overrides them.';
