-- The plans of a pass at :as_of, with their actual rows, times and buffers,
-- logged by auto_explain for every statement of the pass that takes at
-- least :min_ms: the pass itself with :what = run (in a transaction that is
-- rolled back), or its candidate query alone with :what = preview (nothing
-- written, so that the fresh ledger stays fresh for the cold start).

\set ON_ERROR_STOP on
SET client_min_messages = warning;

\if :{?what}
\else
\set what run
\endif
SELECT :'what' = 'preview' AS preview \gset

LOAD 'auto_explain';
SET auto_explain.log_min_duration = :min_ms;
SET auto_explain.log_analyze = on;
SET auto_explain.log_buffers = on;
SET auto_explain.log_timing = on;
SET auto_explain.log_nested_statements = on;

BEGIN;
\if :preview
SELECT count(*) FROM dunning.preview(:'as_of');
\else
SELECT * FROM dunning.run(:'as_of');
\endif
ROLLBACK;
