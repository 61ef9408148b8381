"""An SMTP server on loopback for the tests.  It appends one line per message
it accepts to a log file: its Message-ID, its recipients, whether it has a
text and an HTML part, and its subject (decoded).

    /usr/bin/python3 test/lib/smtp_sink.py PORT LOGFILE [DELAY_SECONDS]
        [--json FILE] [--auth USER:PASSWORD]

DELAY_SECONDS slows each message down, so that a test can kill a mailer in
the middle of a batch, or make a batch outlast its lease.

Some recipients are refused, so that a test can see what a mailer does with
a refusal:
  - a local part that starts with "reject": 550 to RCPT TO (permanent);
  - one that starts with "tempfail": 451 to RCPT TO (try again later);
  - one that starts with "spam": 554 at the end of DATA (permanent).

--json FILE appends a JSON object per line for each RCPT TO the server
answers ({"kind": "rcpt", "address", "reply"}) and for each message it
accepts ({"kind": "message", "message_id", "mail_from", "rcpt_tos",
"header_names" (the raw header lines' names, in order, "?" for a line that
is no header), "subject", "to", "parts" (each leaf part's "type" and decoded
"content", its line ends as LF), "part_count"}).

--auth USER:PASSWORD makes the server require SMTP AUTH (PLAIN or LOGIN,
offered without TLS, on loopback only) with that user and password.

Needs Debian's python3-aiosmtpd.
"""
import argparse
import asyncio
import email
import email.header
import email.policy
import json
import re
import signal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def unfold(value):
    """A header value with its folding (CRLF before a space or tab) undone."""
    return re.sub(r"\r?\n(?=[ \t])", "", value)


def raw_header_names(content):
    """The names of the header lines of a raw message, in order."""
    head = re.split(rb"\r?\n\r?\n", content, maxsplit=1)[0]
    names = []
    for line in re.split(rb"\r?\n", head):
        if not line or line[:1] in (b" ", b"\t"):
            continue
        name, colon, _ = line.partition(b":")
        names.append(name.decode("ascii", "replace") if colon else "?")
    return names


def leaf_parts(msg):
    """Each part that is not a multipart: its type and decoded content."""
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        try:
            content = part.get_content()
        except (LookupError, ValueError) as e:
            content = "(undecodable: %s)" % e
        if isinstance(content, bytes):
            content = content.decode("utf-8", "replace")
        else:
            content = content.replace("\r\n", "\n")
        parts.append({"type": part.get_content_type(), "content": content})
    return parts


class Sink:
    def __init__(self, log, delay, json_log):
        self.log = log
        self.delay = delay
        self.json_log = json_log

    def record(self, obj):
        if self.json_log:
            with open(self.json_log, "a", encoding="utf-8") as f:
                f.write(json.dumps(obj, ensure_ascii=False) + "\n")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            reply = "550 5.1.1 <%s>: recipient address rejected: user unknown" % address
        elif local.startswith("tempfail"):
            reply = "451 4.7.1 <%s>: recipient address rejected: try again later" % address
        else:
            envelope.rcpt_tos.append(address)
            envelope.rcpt_options.extend(rcpt_options)
            reply = "250 OK"
        self.record({"kind": "rcpt", "address": address, "reply": reply})
        return reply

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if any(r.split("@")[0].lower().startswith("spam") for r in envelope.rcpt_tos):
            return "554 5.7.1 message refused: it looks like spam"
        content = envelope.content
        old = email.message_from_bytes(content)
        types = sorted({part.get_content_type() for part in old.walk()})
        parts = "+".join(t for t in types if t in ("text/plain", "text/html"))
        subject = str(email.header.make_header(email.header.decode_header(
            unfold(old.get("Subject", "")))))
        subject = subject.replace("\t", " ").replace("\r", " ").replace("\n", " ")
        with open(self.log, "a", encoding="utf-8") as f:
            f.write("%s\t%s\t%s\t%s\n" % (old.get("Message-ID", ""), ",".join(envelope.rcpt_tos),
                                            parts, subject))
        msg = email.message_from_bytes(content, policy=email.policy.default)
        leaves = leaf_parts(msg)
        self.record({"kind": "message", "message_id": old.get("Message-ID", ""),
                     "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                     "header_names": raw_header_names(content), "subject": subject,
                     "to": unfold(old.get("To", "")), "parts": leaves,
                     "part_count": len(leaves)})
        return "250 2.0.0 Ok: queued"


class Authenticator:
    """Accepts one user and password, for AUTH PLAIN and LOGIN."""

    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == self.user
              and auth_data.password == self.password)
        # handled=False: the server answers 535 to a refused login itself
        return AuthResult(success=ok, handled=False)


def main():
    parser = argparse.ArgumentParser(description="An SMTP server on loopback for the tests.")
    parser.add_argument("port", type=int)
    parser.add_argument("log")
    parser.add_argument("delay", type=float, nargs="?", default=0.0)
    parser.add_argument("--json", dest="json_log")
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    args = parser.parse_args()

    kwargs = {}
    if args.auth:
        user, _, password = args.auth.partition(":")
        kwargs = dict(authenticator=Authenticator(user, password), auth_required=True,
                      auth_require_tls=False)
    controller = Controller(Sink(args.log, args.delay, args.json_log), hostname="127.0.0.1",
                            port=args.port, **kwargs)
    controller.start()
    print("listening on 127.0.0.1:%d" % args.port, flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
