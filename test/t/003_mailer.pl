# The reference mailer end to end: the worker emits reminders, two
# dunning_mailer processes deliver them to an SMTP server on loopback
# (test/lib/smtp_sink.py, Debian's python3-aiosmtpd), one of them is killed
# with kill -9 in the middle of a batch.  At the end every reminder was
# delivered and acknowledged once, and the SMTP server received each
# Message-ID at least once (the kill may cause duplicates: they are counted).
# Then SIGTERM stops the other mailer cleanly, and a mailer that cannot reach
# its SMTP server rejects what it claimed.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib "$FindBin::RealBin/../lib";
use DunningTest qw(spawn lines_of wait_for);
use Time::HiRes qw(time usleep);

my $python = '/usr/bin/python3';
my $sink_script = abs_path(dirname(__FILE__) . '/../lib/smtp_sink.py');
my $n = 300;

my $node = PostgreSQL::Test::Cluster->new('mailer');
$node->init;
$node->append_conf('postgresql.conf', qq{
shared_preload_libraries = 'dunning'
dunning.naptime = 1
});
$node->start;
my $dsn = $node->connstr('shop');
my $logdir = $PostgreSQL::Test::Utils::log_path;

# --- an SMTP server that takes 20 ms a message ------------------------------
my $smtp_port = PostgreSQL::Test::Cluster::get_free_port();
my $received = "$logdir/smtp_received.txt";
my $sink = spawn("$logdir/smtp_sink.log", {}, $python, $sink_script, $smtp_port, $received, '0.02');
ok(wait_for(sub { (grep { /listening/ } lines_of("$logdir/smtp_sink.log")) > 0 }, 30),
	'the SMTP server listens on loopback');
my $smtp_url = "smtp://127.0.0.1:$smtp_port";

# --- a ledger whose customers have e-mail addresses -------------------------
# days are counted in the policy's zone: pick one far from midnight, so that
# the send window (00:00 to 23:59) is open while the test runs
my $hour = (gmtime())[2];
my $zone = ($hour >= 22 || $hour < 1) ? 'Etc/GMT-6' : 'UTC';
$node->safe_psql('postgres', 'CREATE DATABASE shop');
$node->safe_psql('shop', qq{
	CREATE EXTENSION dunning;
	CREATE TABLE inv (id int PRIMARY KEY, cust int NOT NULL, due date NOT NULL,
	                  bal numeric NOT NULL, ref text NOT NULL);
	CREATE TABLE cust (id int PRIMARY KEY, email text, lang text);
	INSERT INTO cust SELECT g, 'customer' || g || '\@example.com',
	                        CASE WHEN g % 2 = 0 THEN 'fr' ELSE 'de-AT' END
	  FROM generate_series(1, $n) g;
	INSERT INTO inv SELECT g, g, current_date - 10, 10 + g, 'INV-' || g
	  FROM generate_series(1, $n) g;
	SELECT dunning.bind_ledger('inv', 'id', 'cust', 'due', 'bal', reference => 'ref');
	SELECT dunning.bind_customers('cust', 'id', email => 'email', locale => 'lang');
});

# --- two mailers listen before anything is emitted --------------------------
my $log_a = "$logdir/mailer_a.log";
my $log_b = "$logdir/mailer_b.log";
my @common = ('dunning_mailer', '--dsn', $dsn, '--smtp-url', $smtp_url,
	'--from', 'billing@example.com', '--lease', '3 seconds', '--poll', '1');
my $mailer_a = spawn($log_a, {}, @common, '--consumer', 'mailer-a', '--batch', '50');
my $mailer_b = spawn($log_b, {}, @common, '--consumer', 'mailer-b', '--batch', '20');
ok( wait_for(
		sub {
			(grep { /delivering through/ } (lines_of($log_a), lines_of($log_b))) == 2;
		},
		30),
	'both mailers are connected and listening');

# the campaign: the scheduler emits at its next pass, the mailers are notified
$node->safe_psql('shop', qq{
	INSERT INTO dunning.policy (name, currency, is_default, send_days, send_from,
	                            send_until, time_zone)
	VALUES ('p', 'EUR', true, '{1,2,3,4,5,6,7}', '00:00', '23:59', '$zone');
	INSERT INTO dunning.step (policy, level, days_overdue, channel, template)
	VALUES ('p', 1, 3, 'email', 'friendly');
});
ok($node->poll_query_until('shop', "SELECT count(*) = $n FROM dunning.all_reminders"),
	"the worker emits $n reminders");

# --- kill -9 mailer-a in the middle of a batch -------------------------------
ok( wait_for(sub { (grep { /sent reminder/ } lines_of($log_a)) >= 20 }, 60),
	'mailer-a is delivering');
kill 'KILL', $mailer_a;
waitpid($mailer_a, 0);
my $orphans = $node->safe_psql('shop',
	"SELECT count(*) FROM dunning.all_reminders WHERE status = 'claimed' AND lease_owner = 'mailer-a'");
cmp_ok($orphans, '>', 0, "mailer-a died holding $orphans claimed reminders, unacknowledged");

# --- mailer-b delivers the rest, taking over what mailer-a held --------------
ok( $node->poll_query_until('shop',
		"SELECT count(*) = $n FROM dunning.all_reminders WHERE status = 'sent'"),
	'every reminder is delivered and acknowledged in the end');
is( $node->safe_psql('shop',
		"SELECT count(*) FROM dunning.all_reminders WHERE lease_owner = 'mailer-b' AND attempts = 2"),
	$orphans, 'mailer-b took over exactly the reminders mailer-a held, once their lease ran out');
is( $node->safe_psql('shop', q{
		SELECT count(*) FROM dunning.all_reminders
		WHERE provider_ref = '<dunning.' || encode(convert_to(idempotency_key, 'UTF8'), 'hex')
		                     || '@dunning.invalid>'}),
	$n, 'each acknowledgement carries the Message-ID derived from the idempotency key');

my @acks = map { /sent reminder (\d+)/ ? $1 : () } (lines_of($log_a), lines_of($log_b));
my %acked;
$acked{$_}++ for @acks;
# The database (above) is the record of acknowledgements.  A mailer logs
# each one after it commits, so the kill -9 may fall between the two: the
# logs may miss mailer-a's last line, never more, and never show an extra.
cmp_ok(scalar(@acks), '>=', $n - 1, "the logs show the $n acknowledgements (mailer-a's last may be cut)");
cmp_ok(scalar(@acks), '<=', $n, "and no more than $n");
is(scalar(grep { $acked{$_} > 1 } keys %acked), 0, 'none was acknowledged twice');
is((grep { /statement failed/ } (lines_of($log_a), lines_of($log_b))), 0,
	'no acknowledgement was refused');

my @messages = lines_of($received);
my %ids;
$ids{ (split /\t/)[0] }++ for @messages;
my $expected = $node->safe_psql('shop', q{
	SELECT string_agg('<dunning.' || encode(convert_to(idempotency_key, 'UTF8'), 'hex')
	                  || '@dunning.invalid>', ',' ORDER BY id) FROM dunning.all_reminders});
my @missing = grep { !$ids{$_} } split(/,/, $expected);
is(scalar(@missing), 0, 'the SMTP server received every Message-ID at least once');
is(scalar(keys %ids), $n, 'and no other');
my $duplicates = scalar(@messages) - scalar(keys %ids);
cmp_ok($duplicates, '<=', $orphans,
	"duplicates ($duplicates) come only from what mailer-a sent but could not acknowledge");
diag("kill -9 in the middle of a batch: $orphans reminders taken over, "
	  . "$duplicates delivered twice, " . scalar(@messages) . " messages for $n reminders");
is((grep { (split /\t/)[2] ne 'text/html+text/plain' } @messages), 0,
	'every message has a plain text and an HTML part');
my %subject_of = map { split /\|/, $_, 2 } split /\n/, $node->safe_psql('shop', q{
	SELECT '<dunning.' || encode(convert_to(idempotency_key, 'UTF8'), 'hex') || '@dunning.invalid>',
	       subject
	  FROM dunning.all_reminders});
is((grep { my @f = split /\t/; ($subject_of{ $f[0] } // '') ne ($f[3] // '') } @messages), 0,
	"each message carries its reminder's subject, rendered in the customer's language");
is((grep { /^(Petit rappel|Freundliche Zahlungserinnerung)/ } values %subject_of), $n,
	'in French and German, with non-ASCII characters intact');
my ($one) = grep { /customer7\@example.com/ } @messages;
ok(defined $one, 'each message goes to its customer\'s address');

# --- SIGTERM: mailer-b finishes and leaves ----------------------------------
kill 'TERM', $mailer_b;
my $t0 = time();
my $status;
wait_for(sub { my $r = waitpid($mailer_b, 1); $status = $?; $r == $mailer_b }, 15);
ok(time() - $t0 < 10, 'mailer-b stops within seconds of SIGTERM');
is($status, 0, 'and exits cleanly');
like((lines_of($log_b))[-1], qr/consumer mailer-b stopping/, 'saying so in its log');

# --- SIGTERM in the middle of a batch: the batch is finished first ---------
$node->safe_psql('shop', q{
	INSERT INTO cust SELECT g, 'later' || g || '@example.com' FROM generate_series(2001, 2100) g;
	-- due 3 days ago, entered late: the next pass looks for them
	INSERT INTO inv SELECT g, g, current_date - 3, 20, 'INV-' || g FROM generate_series(2001, 2100) g;
	SELECT dunning.rediscover();
});
ok($node->poll_query_until('shop', "SELECT count(*) = $n + 100 FROM dunning.all_reminders"),
	'the worker emits 100 more reminders');
my $log_e = "$logdir/mailer_e.log";
my $mailer_e = spawn($log_e, {}, @common, '--consumer', 'mailer-e', '--batch', '50');
ok(wait_for(sub { (grep { /sent reminder/ } lines_of($log_e)) >= 5 }, 60),
	'mailer-e is delivering its first batch of 50');
kill 'TERM', $mailer_e;
waitpid($mailer_e, 0);
is($?, 0, 'mailer-e exits cleanly on SIGTERM');
is( $node->safe_psql('shop',
		"SELECT count(*) FROM dunning.all_reminders WHERE status = 'claimed' AND lease_owner = 'mailer-e'"),
	'0', 'after acknowledging every reminder of the batch it was delivering');
is( $node->safe_psql('shop',
		"SELECT count(*) FROM dunning.all_reminders WHERE status = 'sent' AND lease_owner = 'mailer-e'"),
	'50', 'that whole batch, and no further batch');

# --- an unreachable SMTP server: what was claimed is rejected, not lost ------
kill 'TERM', $sink;
waitpid($sink, 0);
$node->safe_psql('shop', q{
	INSERT INTO cust VALUES (1001, 'late@example.com');
	INSERT INTO inv VALUES (1001, 1001, current_date - 10, 50, 'INV-1001');
	SELECT dunning.run(full_discovery => true);
});
my $log_c = "$logdir/mailer_c.log";
my $mailer_c = spawn($log_c, {}, 'dunning_mailer', '--dsn', $dsn, '--smtp-url', $smtp_url,
	'--consumer', 'mailer-c', '--idle-exit', '1', '--poll', '1');
waitpid($mailer_c, 0);
is($?, 0, 'a mailer with an --idle-exit leaves once the queue is empty');
is( $node->safe_psql('shop',
		"SELECT status || ' ' || attempts || ' ' || (last_error IS NOT NULL)"
		  . " FROM dunning.all_reminders WHERE invoice_ids = '{1001}'"),
	'failed 1 true', 'the reminder it could not deliver is failed, with the error, to be retried');
like(join("\n", lines_of($log_c)), qr/could not send reminder \d+ to late\@example.com: .* \(now failed\)/,
	'and the log says why');

$node->stop;
done_testing();
