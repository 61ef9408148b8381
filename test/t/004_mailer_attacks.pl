# The reference mailer against hostile data and hostile conditions.  Each
# part plays an attack, or a failure, that did harm once, and checks that it
# does none now:
#
#   - a recipient that speaks SMTP (CRLF, a bare LF, a Bcc header, a comma):
#     nothing goes out for it, nothing reaches mallory, and the reminder is
#     dead at once with a clear error;
#   - a subject and a body holding the old fixed MIME boundary, CRLF and a
#     Bcc header: one text and one HTML part, their content intact, no other
#     header, no other recipient;
#   - passwords: refused on the command line (--dsn in both forms,
#     --smtp-url), taken from the environment and from files, never logged;
#   - SMTP refusals: 550 to RCPT TO and 554 after DATA are dead after one
#     attempt, with a 'bounced' event; 451 is retried; a refused login too;
#   - a batch that outlasts its lease (2 s a message, batches of 10, a
#     lease of 10 s, two mailers): each of 40 reminders delivered once;
#     and a reminder whose lease is taken away is not sent.
#
# Reminders with hostile fields are written into dunning.reminder directly
# (passes may refuse them before emission: the mailer must not count on it).
# The SMTP server is test/lib/smtp_sink.py on loopback (python3-aiosmtpd).
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use JSON::PP;
use POSIX qw(WNOHANG);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib "$FindBin::RealBin/../lib";
use DunningTest qw(spawn lines_of wait_for);
use Time::HiRes qw(time usleep);

my $python = '/usr/bin/python3';
my $sink_script = abs_path(dirname(__FILE__) . '/../lib/smtp_sink.py');
my $old_boundary = '=_dunning_boundary_7f3a';
my @plain_headers = qw(Date From To Message-ID Subject MIME-Version Content-Type);

my $node = PostgreSQL::Test::Cluster->new('attacks');
$node->init;
$node->append_conf('postgresql.conf', qq{
shared_preload_libraries = 'dunning'
dunning.enabled = off
});
$node->start;
my $dsn = $node->connstr('shop');
my $logdir = $PostgreSQL::Test::Utils::log_path;

# ------------------------------------------------------------- helpers

# Wait for a process to leave, at most $timeout seconds (then kill it);
# its exit status, or -1 when it had to be killed.
sub wait_exit
{
	my ($pid, $timeout) = @_;
	my $status;
	return $status
	  if wait_for(sub { my $r = waitpid($pid, WNOHANG); $status = $?; $r == $pid }, $timeout);
	kill 'KILL', $pid;
	waitpid($pid, 0);
	return -1;
}

# An SMTP server on loopback: its pid, its URL and the JSON log of what it
# received (see smtp_sink.py).
sub start_sink
{
	my ($name, @args) = @_;
	my $port = PostgreSQL::Test::Cluster::get_free_port();
	my $out = "$logdir/sink_$name.log";
	my $json = "$logdir/sink_$name.json";
	my $pid = spawn($out, {}, $python, $sink_script, $port, "$logdir/sink_$name.txt",
		@args, '--json', $json);
	wait_for(sub { (grep { /listening/ } lines_of($out)) > 0 }, 30)
	  or die "the SMTP server $name did not start: " . join("\n", lines_of($out));
	return ($pid, "smtp://127.0.0.1:$port", $json);
}

# What a sink logged: its records of one kind ('rcpt' or 'message').
sub records
{
	my ($json, $kind) = @_;
	return grep { $_->{kind} eq $kind } map { JSON::PP->new->decode($_) } lines_of($json);
}

# Run a mailer until the queue is empty (--idle-exit 1); its exit status
# and its log.  $env sets or unsets environment variables.
sub run_mailer
{
	my ($name, $env, @args) = @_;
	my $log = "$logdir/mailer_$name.log";
	my $pid = spawn($log, $env, 'dunning_mailer', '--consumer', $name,
		'--from', 'billing@example.com', '--poll', '1', '--idle-exit', '1', @args);
	my $status = wait_exit($pid, 90);
	return ($status, join("\n", lines_of($log)));
}

# A string as an SQL literal, control characters escaped.
sub lit
{
	my ($s) = @_;
	return 'NULL' unless defined $s;
	$s =~ s/\\/\\\\/g;
	$s =~ s/'/\\'/g;
	$s =~ s/\r/\\r/g;
	$s =~ s/\n/\\n/g;
	$s =~ s/\t/\\t/g;
	return "E'$s'";
}

# Put a reminder in the queue, ready now, for an open invoice of its own;
# returns its id.
my $next_invoice = 0;

sub queue_reminder
{
	my (%r) = @_;
	my $inv = ++$next_invoice;
	return $node->safe_psql(
		'shop', sprintf(
			q{INSERT INTO dunning.reminder (customer_id, invoice_ids, policy, level, channel,
			    recipient, subject, body, body_html, payload, available_at, idempotency_key, as_of)
			  VALUES (%d, ARRAY[%d], 'p', 1, 'email', %s, %s, %s, %s,
			    jsonb_build_object('total_open', 100, 'currency', 'EUR',
			      'invoices', jsonb_build_array(jsonb_build_object('invoice_id', %d,
			        'reference', 'INV-%d', 'open_amount', 100))),
			    now(), 'attack-%d', now())
			  RETURNING id},
			$inv, $inv, lit($r{recipient}), lit($r{subject} // 'Payment reminder'),
			lit($r{body} // "Please pay INV-$inv.\n"), lit($r{html}), $inv, $inv, $inv));
}

# A reminder's status, attempts and last error, as dunning.all_reminders has them.
sub state_of
{
	my ($id) = @_;
	my ($status, $attempts, $error) = split /\|/,
	  $node->safe_psql('shop',
		"SELECT status, attempts, coalesce(last_error, '') FROM dunning.all_reminders WHERE id = $id"),
	  3;
	return ($status // '', $attempts // '', $error // '');
}

sub message_id_of
{
	my ($id) = @_;
	return $node->safe_psql('shop', qq{
		SELECT '<dunning.' || encode(convert_to(idempotency_key, 'UTF8'), 'hex') || '\@dunning.invalid>'
		  FROM dunning.all_reminders WHERE id = $id});
}

# Line ends as the sink reports decoded parts: LF.
sub lf
{
	my ($s) = @_;
	$s =~ s/\r\n/\n/g;
	$s =~ s/\r/\n/g;
	return $s;
}

# --------------------------------------------------------- the database

$node->safe_psql('postgres', 'CREATE DATABASE shop');
$node->safe_psql('shop', q{
	CREATE EXTENSION dunning;
	CREATE TABLE inv (id int PRIMARY KEY, cust int NOT NULL, due date NOT NULL,
	                  bal numeric NOT NULL, ref text NOT NULL);
	INSERT INTO inv SELECT g, g, current_date - 10, 100, 'INV-' || g FROM generate_series(1, 500) g;
	SELECT dunning.bind_ledger('inv', 'id', 'cust', 'due', 'bal', reference => 'ref');
	INSERT INTO dunning.policy (name, currency, is_default) VALUES ('p', 'EUR', true);
});

my ($sink, $smtp_url, $received) = start_sink('plain');

# ------------------------------------- 1. SMTP injection by the recipient

my $forged = "victim\@bank.example>\r\nDATA\r\nFrom: boss\@bank.example\r\nSubject: forged\r\n\r\n"
  . "Pay mallory\r\n.\r\nMAIL FROM:<boss\@bank.example>\r\nRCPT TO:<mallory\@example.com";
my %hostile = (
	'CRLF: a second, forged message' => [ $forged, qr/control character|contains ">"/ ],
	'a bare LF and RCPT TO' =>
	  [ "victim\@bank.example>\nRCPT TO:<mallory\@example.com", qr/control character|contains ">"/ ],
	'a bare LF and a Bcc header' =>
	  [ "victim\@bank.example\nBcc: mallory\@example.com", qr/control character, LF/ ],
	'CRLF and a Bcc header' =>
	  [ "victim\@bank.example\r\nBcc: mallory\@example.com", qr/control character, CR/ ],
	'a comma: a second recipient' =>
	  [ 'victim@bank.example,mallory@example.com', qr/contains ","/ ],
	'a space' => [ 'victim@bank.example mallory@example.com', qr/contains a space/ ],
	'angle brackets' => [ '<mallory@example.com>', qr/contains "</ ],
	'a quoted local part' => [ '"mallory"@example.com', qr/contains """/ ],
	'a local part of 65 characters' =>
	  [ ('m' x 65) . '@example.com', qr/local part is longer than 64/ ],
	'an address of 255 characters' =>
	  [ 'malo@' . join('.', ('a' x 61) x 4) . '.ex', qr/longer than 254/ ],
	'an empty label' => [ 'mallory@example..com', qr/empty label/ ],
	'no @' => [ 'mallory.example.com', qr/no @/ ],
	'no address at all' => [ undef, qr/no address/ ],);
my %valid = (
	'dot-atom with + and \'' => "o'brien+dunning.tag\@mail.example.co.uk",
	'a local part of 64 characters' => ('v' x 64) . '@example.com',
	'an address of 254 characters' => 'val@' . join('.', ('b' x 61) x 4) . '.ex',);
is(length($valid{'an address of 254 characters'}) . ' ' . length($hostile{'an address of 255 characters'}[0]),
	'254 255', 'the addresses at the limit are as long as they say');

my %id_of;
$id_of{$_} = queue_reminder(recipient => $hostile{$_}[0]) for sort keys %hostile;
$id_of{$_} = queue_reminder(recipient => $valid{$_}) for sort keys %valid;

my ($status, $log) = run_mailer('injection', {}, '--dsn', $dsn, '--smtp-url', $smtp_url);
is($status, 0, 'the mailer delivers the batch and leaves');
foreach my $case (sort keys %hostile)
{
	my ($st, $attempts, $error) = state_of($id_of{$case});
	is("$st $attempts", 'dead 1', "$case: dead after one attempt, never retried");
	like($error, qr/^invalid recipient address, not sent: /, "$case: the error says why");
	like($error, $hostile{$case}[1], "$case: and what is wrong with the address");
}
foreach my $case (sort keys %valid)
{
	my ($st) = state_of($id_of{$case});
	is($st, 'sent', "valid address, $case: sent");
}
my @rcpts = records($received, 'rcpt');
my @messages = records($received, 'message');
is_deeply([ sort map { $_->{address} } @rcpts ], [ sort values %valid ],
	'the server was given the valid addresses as recipients, and no other');
is(scalar(grep { join(',', @{ $_->{rcpt_tos} }, $_->{to}) =~ /mallory|victim/ } @messages),
	0, 'nothing went to mallory, nor to the victim of a forged message');
is(scalar(@messages), scalar(keys %valid), 'one message for each valid address, no forged one');
is(scalar(grep { join(' ', @{ $_->{header_names} }) ne "@plain_headers" } @messages),
	0, 'every message has the usual headers and no other');
is(scalar(grep { /^refused reminder \d+ to / } map { s/^\S+ \S+ dunning_mailer: //r } split /\n/, $log),
	scalar(keys %hostile), 'the log has one line for each address refused');
is(scalar(grep { !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d dunning_mailer: / } split /\n/, $log),
	0, 'and no line that an address broke in two');

# ---------------------------------------------- 2. MIME part injection

my $bcc_subject = "Reminder for $old_boundary\r\nBcc: x\@y.example\r\nX-Injected: yes";
my $body = "Dear \r\n--$old_boundary\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
  . "<h1>Pay to mallory's IBAN instead</h1>\r\n--$old_boundary--\r\n,\n\n"
  . "please pay INV-1.\n.\n..two dots\nA line with a trailing space \nA lone CR\rthen "
  . ('x' x 300) . "\n=?UTF-8?B?bWFsbG9yeQ==?= stays as it is\n";
my $html = "<p>Gr\xc3\xbc\xc3\x9fe --$old_boundary</p>\r\n--$old_boundary\r\nContent-Type: text/plain\r\n\r\nforged\r\n";
my $mime_id = queue_reminder(recipient => 'mime@example.com', subject => $bcc_subject,
	body => $body, html => $html);
my $long_subject = "Zahlungserinnerung f\xc3\xbcr J\xc3\xbcrgen M\xc3\xbcller \xe2\x80\x93 Rechnung "
  . "\xc3\xbcber 100,00 \xe2\x82\xac ist \xc3\xbcberf\xc3\xa4llig \xf0\x9f\x98\x80 =?UTF-8?Q?x?=\nBcc: x\@y.example";
my $text_id = queue_reminder(recipient => 'mime-text@example.com', subject => $long_subject,
	body => "Sehr geehrter Herr --$old_boundary\r\nBcc: x\@y.example\n");

($status, $log) = run_mailer('mime', {}, '--dsn', $dsn, '--smtp-url', $smtp_url);
is(join(' ', (state_of($mime_id))[0], (state_of($text_id))[0]), 'sent sent',
	'the reminders with the old boundary in their texts are sent');
my %message_of;
foreach my $m (grep { $_->{message_id} ne '' } records($received, 'message'))
{
	push @{ $message_of{ $m->{message_id} } }, $m;
}
my $mime = $message_of{ message_id_of($mime_id) } // [];
is(scalar(@$mime), 1, 'the server received one message for it');
$mime = $mime->[0] // { parts => [], rcpt_tos => [], header_names => [] };
is_deeply($mime->{rcpt_tos}, ['mime@example.com'], 'for its recipient alone (no Bcc)');
is_deeply($mime->{header_names}, \@plain_headers, 'with the usual headers and no other');
is($mime->{subject}, "Reminder for $old_boundary Bcc: x\@y.example X-Injected: yes",
	'the subject is one line, its CR and LF turned into spaces');
is($mime->{part_count}, 2, 'it has two parts');
is_deeply([ map { $_->{type} } @{ $mime->{parts} } ], [ 'text/plain', 'text/html' ],
	'one text/plain part and one text/html part');
is($mime->{parts}[0]{content}, lf($body), 'the text part holds the body, intact (dots, spaces, long lines)');
is($mime->{parts}[1]{content}, lf($html), 'the HTML part holds the HTML body, intact');

my $text = ($message_of{ message_id_of($text_id) } // [])->[0]
  // { parts => [], rcpt_tos => [], header_names => [] };
is_deeply($text->{rcpt_tos}, ['mime-text@example.com'], 'a long non-ASCII subject: one recipient');
is_deeply($text->{header_names}, \@plain_headers, 'the usual headers');
(my $long_subject_line = $long_subject) =~ s/\n/ /;
is($text->{subject}, $long_subject_line, 'its subject decodes to the original, in one line');
is_deeply([ map { $_->{type} } @{ $text->{parts} } ], [ 'text/plain', 'text/html' ],
	'a reminder without HTML has a text part and an HTML part made of it');
is($text->{parts}[0]{content}, lf("Sehr geehrter Herr --$old_boundary\r\nBcc: x\@y.example\n"),
	'its text intact');
like($text->{parts}[1]{content}, qr/^<html><body><pre[^>]*>Sehr geehrter Herr --\Q$old_boundary\E\nBcc: x\@y.example\n<\/pre>/,
	'and its HTML is that text, escaped');
is(scalar(grep { join(',', @{ $_->{rcpt_tos} }) =~ /y\.example/ } records($received, 'message')),
	0, 'x@y.example received nothing');

# ------------------------------------------------------------- 3. secrets

my $pg_password = 'pg-Secret-4711';
my $smtp_password = 'smtp-Secret-0815';

($status, $log) = run_mailer('dsn_password', {}, '--dsn', "$dsn password=$pg_password",
	'--smtp-url', $smtp_url);
isnt($status, 0, 'a password in --dsn: the mailer refuses to start');
like($log, qr/--dsn must not hold a password: .*PGPASSWORD/, 'saying where to put it instead');
unlike($log, qr/\Q$pg_password\E/, 'without repeating it');

my $uri = 'postgresql://dunning_mail:' . $pg_password . '@/shop?host=' . $node->host . '&port=' . $node->port;
($status, $log) = run_mailer('dsn_uri_password', {}, '--dsn', $uri, '--smtp-url', $smtp_url);
isnt($status, 0, 'a password in a --dsn URI: refused too');
like($log, qr/--dsn must not hold a password/, 'with the same message');

($status, $log) = run_mailer('dsn_query_password', {}, '--dsn',
	"postgresql:///shop?host=" . $node->host . "&password=$pg_password", '--smtp-url', $smtp_url);
isnt($status, 0, 'a password in the query of a --dsn URI: refused too');

(my $url_with_password = $smtp_url) =~ s{//}{//mailer:$smtp_password\@};
($status, $log) = run_mailer('url_password', {}, '--dsn', $dsn, '--smtp-url', $url_with_password);
isnt($status, 0, 'a password in --smtp-url: the mailer refuses to start');
like($log, qr/--smtp-url must not hold a password: .*DUNNING_SMTP_URL.*--netrc-file.*--smtp-password-file/,
	'saying where to put it instead');
unlike($log, qr/\Q$smtp_password\E/, 'without repeating it');

# a role that logs in with a password, and an SMTP server that wants one
$node->safe_psql('shop', qq{
	CREATE ROLE dunning_mail LOGIN PASSWORD '$pg_password';
	SELECT dunning.grant_mailer('dunning_mail');
});
my $hba = $node->data_dir . '/pg_hba.conf';
my $hba_text = PostgreSQL::Test::Utils::slurp_file($hba);
open(my $hba_fh, '>', $hba) or die;
print $hba_fh "local all dunning_mail scram-sha-256\n$hba_text";
close($hba_fh);
$node->reload;
my $mail_dsn = "$dsn user=dunning_mail";
my ($auth_sink, $auth_url, $auth_received) = start_sink('auth', '--auth', "smtpuser:$smtp_password");
(my $auth_url_user = $auth_url) =~ s{//}{//smtpuser\@};
(my $auth_url_password = $auth_url) =~ s{//}{//smtpuser:$smtp_password\@};

($status, $log) = run_mailer('no_password', {}, '--dsn', $mail_dsn, '--smtp-url', $auth_url);
isnt($status, 0, 'the role needs its password: without one the mailer cannot connect');

my $env_id = queue_reminder(recipient => 'env@example.com');
($status, $log) = run_mailer('env_password',
	{ PGPASSWORD => $pg_password, DUNNING_SMTP_URL => $auth_url_password },
	'--dsn', $mail_dsn);
is($status, 0, 'passwords in PGPASSWORD and DUNNING_SMTP_URL: the mailer runs');
is((state_of($env_id))[0], 'sent', 'and delivers, logged in to both');
like($log, qr{delivering through smtp://smtpuser:\*\*\*\@127\.0\.0\.1:\d+}, 'it logs the URL with *** for the password');
unlike($log, qr/\Q$pg_password\E|\Q$smtp_password\E/, 'and neither password');

my $pgpass = "$logdir/pgpass";
my $smtp_pass_file = "$logdir/smtp_password";
my $netrc = "$logdir/netrc";
PostgreSQL::Test::Utils::append_to_file($pgpass, "*:*:*:dunning_mail:$pg_password\n");
PostgreSQL::Test::Utils::append_to_file($smtp_pass_file, "$smtp_password\n");
PostgreSQL::Test::Utils::append_to_file($netrc, "machine 127.0.0.1 login smtpuser password $smtp_password\n");
chmod 0600, $pgpass, $smtp_pass_file, $netrc;

my $file_id = queue_reminder(recipient => 'file@example.com');
($status, $log) = run_mailer('password_file', { PGPASSFILE => $pgpass },
	'--dsn', $mail_dsn, '--smtp-url', $auth_url_user, '--smtp-password-file', $smtp_pass_file);
is($status, 0, 'passwords in PGPASSFILE and --smtp-password-file: the mailer runs');
is((state_of($file_id))[0], 'sent', 'and delivers');
unlike($log, qr/\Q$pg_password\E|\Q$smtp_password\E/, 'logging neither password');

my $netrc_id = queue_reminder(recipient => 'netrc@example.com');
($status, $log) = run_mailer('netrc', { PGPASSFILE => $pgpass, DUNNING_NETRC_FILE => $netrc },
	'--dsn', $mail_dsn, '--smtp-url', $auth_url);
is($status, 0, 'the SMTP password in a netrc file (DUNNING_NETRC_FILE): the mailer runs');
is((state_of($netrc_id))[0], 'sent', 'and delivers');
unlike($log, qr/\Q$smtp_password\E/, 'without logging the password');

chmod 0644, $smtp_pass_file;
($status, $log) = run_mailer('open_password_file', { PGPASSFILE => $pgpass },
	'--dsn', $mail_dsn, '--smtp-url', $auth_url_user, '--smtp-password-file', $smtp_pass_file);
isnt($status, 0, 'a password file others may read: refused');
like($log, qr/may be read or written by others; make it readable by its owner only \(chmod 600\)/,
	'saying how to mend it');

(my $auth_url_wrong = $auth_url) =~ s{//}{//smtpuser:wrong-password\@};
my $denied_id = queue_reminder(recipient => 'denied@example.com');
($status, $log) = run_mailer('wrong_password',
	{ PGPASSFILE => $pgpass, DUNNING_SMTP_URL => $auth_url_wrong }, '--dsn', $mail_dsn);
my ($denied_status, $denied_attempts, $denied_error) = state_of($denied_id);
is("$denied_status $denied_attempts", 'failed 1',
	'a refused SMTP login is retried later: the reminder is not dead');
like($denied_error, qr/^AUTH refused: 535 /, 'with the server\'s refusal as its error');
unlike($log, qr/wrong-password/, 'and the wrong password is not logged either');

# ------------------------------------------------------- 4. SMTP refusals

my $reject_id = queue_reminder(recipient => 'reject-me@example.com');
my $spam_id = queue_reminder(recipient => 'spam-me@example.com');
my $tempfail_id = queue_reminder(recipient => 'tempfail-me@example.com');
($status, $log) = run_mailer('refusals', {}, '--dsn', $dsn, '--smtp-url', $smtp_url);

my ($st, $attempts, $error) = state_of($reject_id);
is("$st $attempts", 'dead 1', '550 to RCPT TO: dead after one attempt');
like($error, qr/^RCPT TO refused: 550 5\.1\.1 /, 'with the reply as its error');
is( $node->safe_psql('shop', qq{
		SELECT count(*) || ' ' || string_agg(detail->>'smtp_code' || ' ' || (detail->>'smtp_command')
		                                     || ' ' || (detail->>'smtp_reply' LIKE '550 5.1.1 %')::text, ',')
		  FROM dunning.reminder_event WHERE reminder_id = $reject_id AND kind = 'bounced'}),
	'1 550 RCPT true', 'and one bounced event with the SMTP code, command and reply');

($st, $attempts, $error) = state_of($spam_id);
is("$st $attempts", 'dead 1', '554 at the end of DATA: dead after one attempt');
like($error, qr/^DATA refused: 554 /, 'with the reply as its error');
is( $node->safe_psql('shop',
		"SELECT string_agg(detail->>'smtp_code', ',') FROM dunning.reminder_event WHERE reminder_id = $spam_id AND kind = 'bounced'"),
	'554', 'and a bounced event');

($st, $attempts, $error) = state_of($tempfail_id);
is("$st $attempts", 'failed 1', '451 to RCPT TO: failed, to be retried');
like($error, qr/^RCPT TO refused: 451 /, 'with the reply as its error');
$node->safe_psql('shop', "UPDATE dunning.reminder SET available_at = now() WHERE id = $tempfail_id");
($status, $log) = run_mailer('refusals_again', {}, '--dsn', $dsn, '--smtp-url', $smtp_url);
($st, $attempts) = state_of($tempfail_id);
is("$st $attempts", 'failed 2', 'once it is due again it is retried: attempts grows');
is( $node->safe_psql('shop', "SELECT count(*) FROM dunning.reminder_event WHERE reminder_id = $tempfail_id"),
	'0', 'and a temporary failure records no bounce');
is(scalar(grep { $_->{rcpt_tos}[0] =~ /^(reject|spam|tempfail)-me@/ } records($received, 'message')),
	0, 'the server accepted no message for the refused recipients');

# ---------------------------------------- 5. a batch that outlasts its lease

# what the earlier parts left to retry later is put out of the way
$node->safe_psql('shop', q{
	SELECT dunning.cancel(array_agg(id), 'out of the way of the lease test')
	  FROM dunning.reminder HAVING count(*) > 0});
my ($slow_sink, $slow_url, $slow_received) = start_sink('slow', '2');
my @slow_ids = map { queue_reminder(recipient => "slow$_\@example.com") } 1 .. 40;
my $slow_list = join(',', @slow_ids);
my @slow_logs = map { "$logdir/mailer_slow_$_.log" } qw(a b);
my $t0 = time();
my @slow_pids = map {
	spawn($slow_logs[$_], {}, 'dunning_mailer', '--dsn', $dsn, '--smtp-url', $slow_url,
		'--consumer', "slow-$_", '--batch', '10', '--lease', '10 seconds', '--poll', '1',
		'--idle-exit', '4')
} 0, 1;
my @slow_status = map { wait_exit($_, 150) } @slow_pids;
my $slow_time = time() - $t0;
is_deeply(\@slow_status, [ 0, 0 ], 'two mailers deliver 40 reminders at 2 s each, batches of 10, leases of 10 s');
is( $node->safe_psql('shop',
		"SELECT count(*) FILTER (WHERE status = 'sent') || ' ' || count(*) FILTER (WHERE attempts = 1)"
		  . " FROM dunning.all_reminders WHERE id IN ($slow_list)"),
	'40 40', 'all 40 are acknowledged, each claimed once: no lease ran out');
my %slow_count;
$slow_count{ $_->{message_id} }++ foreach records($slow_received, 'message');
my @slow_msgids = map { message_id_of($_) } @slow_ids;
is(scalar(records($slow_received, 'message')), 40, 'the server received exactly 40 messages');
is(scalar(grep { ($slow_count{$_} // 0) == 1 } @slow_msgids), 40, 'each Message-ID once');
my @slow_lines = map { lines_of($_) } @slow_logs;
cmp_ok(scalar(grep { /renewed the lease of \d+ reminders?/ } @slow_lines), '>', 0,
	'the mailers renewed their leases while they worked');
is(scalar(grep { /statement failed/ } @slow_lines), 0, 'no answer was refused');
diag(sprintf('40 reminders at 2 s each by two mailers in %.0f s', $slow_time));

# a reminder whose lease is taken away while the batch is under way is not sent
my @drop_ids = map { queue_reminder(recipient => "drop$_\@example.com") } 1 .. 4;
my $drop_list = join(',', @drop_ids);
my $drop_log = "$logdir/mailer_drop.log";
my $drop_pid = spawn($drop_log, {}, 'dunning_mailer', '--dsn', $dsn, '--smtp-url', $slow_url,
	'--consumer', 'drop', '--batch', '4', '--lease', '6 seconds', '--poll', '1', '--idle-exit', '2');
ok( wait_for(
		sub {
			$node->safe_psql('shop',
				"SELECT count(*) FROM dunning.reminder WHERE id IN ($drop_list) AND lease_owner = 'drop'"
			) == 4;
		},
		30),
	'a mailer claims a batch of 4 (2 s a message, a lease of 6 s)');
$node->safe_psql('shop', qq{
	UPDATE dunning.reminder SET lease_owner = 'someone-else', lease_until = now() + interval '10 minutes'
	 WHERE id = $drop_ids[-1]});
is(wait_exit($drop_pid, 60), 0, 'another consumer takes the last one over; the mailer goes on');
is( $node->safe_psql('shop',
		"SELECT string_agg(status || ' ' || lease_owner, ',' ORDER BY id) FROM dunning.all_reminders WHERE id IN ($drop_list)"),
	'sent drop,sent drop,sent drop,claimed someone-else',
	'it delivers the three it still holds, and leaves the fourth alone');
my $dropped_msgid = message_id_of($drop_ids[-1]);
is(scalar(grep { $_->{message_id} eq $dropped_msgid } records($slow_received, 'message')), 0,
	'the server never received the fourth');
like(join("\n", lines_of($drop_log)), qr/reminder $drop_ids[-1] is no longer leased to drop .*: not sent/,
	'and the log says why it was not sent');

# --------------------------------------------------- settings refused

($status, $log) = run_mailer('lease_long', {}, '--dsn', $dsn, '--smtp-url', $smtp_url,
	'--lease', '2 hours');
isnt($status, 0, 'a lease of 2 hours is refused');
like($log, qr/--lease must be between 1 second and 1 hour/, 'saying what is allowed');
($status, $log) = run_mailer('bad_from', {}, '--dsn', $dsn, '--smtp-url', $smtp_url,
	'--from', "billing\@example.com\r\nBcc: mallory\@example.com");
isnt($status, 0, 'a sender address that is not plain is refused');
like($log, qr/--from ".*" is not a plain e-mail address/, 'saying so');

kill 'TERM', $_ foreach ($sink, $auth_sink, $slow_sink);
waitpid($_, 0) foreach ($sink, $auth_sink, $slow_sink);
$node->stop;
done_testing();
