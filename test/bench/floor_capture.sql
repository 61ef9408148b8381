-- Inside the transaction of a pass, after it: the rows it wrote (reminders,
-- archived reminders, states, history, charges), saved by the server to files under
-- :floor_dir for floor_write.sql.

SELECT format('COPY (SELECT * FROM %s WHERE xmin = pg_current_xact_id()::xid) TO %L',
              t, :'floor_dir' || '/' || t || '.copy')
  FROM unnest(ARRAY['dunning.reminder', 'dunning.reminder_archive', 'dunning.invoice_state',
                    'dunning.history', 'dunning.charge']) t \gexec
