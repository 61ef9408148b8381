"""An SMTP server on loopback for the tests: it accepts every message and
appends one line per message to a log file: its Message-ID, its recipients,
whether it has a text and an HTML part, and its subject (decoded).

    /usr/bin/python3 test/lib/smtp_sink.py PORT LOGFILE [DELAY_SECONDS]

DELAY_SECONDS slows each message down, so that a test can kill a mailer in
the middle of a batch.  Needs Debian's python3-aiosmtpd.
"""
import asyncio
import email
import email.header
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, log, delay):
        self.log = log
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        msg = email.message_from_bytes(envelope.content)
        types = sorted({part.get_content_type() for part in msg.walk()})
        parts = "+".join(t for t in types if t in ("text/plain", "text/html"))
        subject = str(email.header.make_header(email.header.decode_header(msg.get("Subject", ""))))
        subject = subject.replace("\t", " ").replace("\n", " ")
        with open(self.log, "a", encoding="utf-8") as f:
            f.write("%s\t%s\t%s\t%s\n" % (msg.get("Message-ID", ""), ",".join(envelope.rcpt_tos),
                                            parts, subject))
        return "250 2.0.0 Ok: queued"


def main():
    port, log = int(sys.argv[1]), sys.argv[2]
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    controller = Controller(Sink(log, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print("listening on 127.0.0.1:%d" % port, flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
