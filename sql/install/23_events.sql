/*-------------------------------------------------------------------------
 *
 * 23_events.sql
 *	  Delivery feedback from mailers.
 *
 *-------------------------------------------------------------------------
 */

------------------------------------------------------------------------------
-- The mailer protocol: claim, ack, nack, delivery events
------------------------------------------------------------------------------

CREATE TABLE dunning.reminder_event (
  id          bigserial PRIMARY KEY,
  reminder_id bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('delivered', 'opened', 'clicked', 'bounced', 'complained')),
  at          timestamptz NOT NULL,
  detail      jsonb,
  recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX reminder_event_reminder ON dunning.reminder_event (reminder_id);
COMMENT ON TABLE dunning.reminder_event IS
  'Delivery feedback on reminders, as mailers report it with dunning.record_event().';
COMMENT ON COLUMN dunning.reminder_event.kind IS
  'delivered, opened, clicked, bounced or complained.';
COMMENT ON COLUMN dunning.reminder_event.at IS
  'When it happened, as the mailer or its provider says.';
COMMENT ON COLUMN dunning.reminder_event.detail IS
  'What the provider said about it (bounce reason, link clicked...).';
COMMENT ON INDEX dunning.reminder_event_reminder IS
  'Finds the events of a reminder.';
