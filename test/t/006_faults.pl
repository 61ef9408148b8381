# Faults while everything runs: a ledger of 100,000 invoices bound through a
# view, the worker on (naptime 1 s), two dunning_mailer processes delivering
# to the SMTP server on loopback (test/lib/smtp_sink.py) under a supervisor
# that starts again whatever dies, and, each while work is in flight:
#
#   1. kill -9 of a backend in the middle of a claim (a session holding 100
#      reminders claimed in an open transaction): crash recovery;
#   2. kill -9 of a mailer in the middle of a batch;
#   3. kill -9 of the scheduler in the middle of a pass that has written the
#      reminders of 1,000 customers and not committed: crash recovery;
#   4. the bound ledger view starts raising errors, then stops again;
#   5. pg_ctl stop -m immediate in the middle of a pass of 1,000 customers,
#      then a start;
#   6. a bad row (open amount NaN) among the day's new invoices.
#
# Mid-run, invoices whose reminder waits in the queue, or whose pass is under
# way, are paid or held.  At the end: every invoice that was due and neither
# paid nor held is covered by exactly one reminder acknowledged as sent, none
# that was paid or held is, nothing is left in the queue or dead, and the
# SMTP server received every acknowledged reminder's message (duplicates,
# which a kill -9 may cause, are counted and reported).
#
# Waves of work come from customers held at the start whose holds are lifted
# one wave at a time: a lifted hold makes its invoices due for a look at the
# next pass, whatever the time of day.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use POSIX qw(WNOHANG);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use FindBin;
use lib "$FindBin::RealBin/../lib";
use DunningTest qw(spawn lines_of wait_for);
use Time::HiRes qw(time);

my $t_start = time();
my $python = '/usr/bin/python3';
my $sink_script = abs_path(dirname(__FILE__) . '/../lib/smtp_sink.py');

# The ledger: customer c (1..50,000) has invoices c and c + 50,000.
my $n_cust = 50_000;
my $n_inv = 100_000;
# Customers with an overdue invoice: W1 is reminded at once (customers 1 to
# 1,000 with two overdue invoices, in one consolidated reminder), W2, W3 and
# W4 are held until their wave; the day's new invoices come later.
my %wave = (
	W1 => [ 1,    2000 ],
	W2 => [ 2001, 3000 ],
	W3 => [ 3001, 4000 ],
	W4 => [ 4001, 4500 ]);
my ($paid_from, $paid_to) = (4501, 20000);    # overdue, paid before the test
my @day_cust = (20001, 20200);                 # the day's new invoices 100001..100200
my $nan_invoice = 100201;                      # customer 20001's bad row

my $node = PostgreSQL::Test::Cluster->new('faults');
$node->init;
$node->append_conf('postgresql.conf', qq{
shared_preload_libraries = 'dunning'
dunning.naptime = 1
restart_after_crash = on
log_line_prefix = '%m [%p] %q%a '
log_statement = none
});
$node->start;
my $dsn = $node->connstr('shop');
my $logdir = $PostgreSQL::Test::Utils::log_path;

# ------------------------------------------------------------- helpers

my (%paid, %held, %held_cust);    # what the test paid or held, by invoice or customer
my @faults;                       # one line per fault injected

# A query that may meet a server in crash recovery: its output, or undef.
sub try_sql
{
	my ($sql) = @_;
	my ($rc, $out) = $node->psql('shop', $sql);
	return $rc == 0 ? $out : undef;
}

sub sql { return $node->safe_psql('shop', $_[0]); }

# --- the mailers, under a supervisor that starts again whatever dies ------
my $smtp_port = PostgreSQL::Test::Cluster::get_free_port();
my $received = "$logdir/faults_smtp_received.txt";
my @common = ('dunning_mailer', '--dsn', $dsn, '--smtp-url', "smtp://127.0.0.1:$smtp_port",
	'--from', 'billing@example.com', '--lease', '3 seconds', '--poll', '1');
my %mailer = (
	a => { batch => 50, log => "$logdir/faults_mailer_a.log", starts => 0, deaths => 0 },
	b => { batch => 20, log => "$logdir/faults_mailer_b.log", starts => 0, deaths => 0 });

sub start_mailer
{
	my ($name) = @_;
	my $m = $mailer{$name};
	open(my $fh, '>>', $m->{log}) or die;
	print $fh "--- supervisor: start " . ++$m->{starts} . "\n";
	close($fh);
	$m->{pid} = spawn($m->{log}, {}, @common, '--consumer', "mailer-$name",
		'--batch', $m->{batch});
}

# Reap the mailers that died; start each again half a second after it died
# (one that cannot connect while the server is down dies again at once).
sub supervise
{
	foreach my $name (sort keys %mailer)
	{
		my $m = $mailer{$name};
		next if $m->{retired};
		if (defined $m->{pid} && waitpid($m->{pid}, WNOHANG) == $m->{pid})
		{
			$m->{deaths}++;
			$m->{pid} = undef;
			$m->{died_at} = time();
		}
		start_mailer($name) if !defined $m->{pid} && time() - $m->{died_at} >= 0.5;
	}
}

# Poll a query (that returns t or f) until it returns t, supervising the
# mailers meanwhile; whether it did within $timeout seconds.
sub await
{
	my ($sql, $timeout) = @_;
	return wait_for(
		sub {
			supervise();
			my $out = try_sql($sql);
			return defined $out && $out eq 't';
		},
		$timeout // 60);
}

# Wait while supervising; for a condition of the test's own.
sub await_perl
{
	my ($what, $timeout) = @_;
	return wait_for(sub { supervise(); $what->() }, $timeout);
}

# The "sent reminder" lines of a mailer's log since its latest start.
sub sent_since_start
{
	my @lines = lines_of($_[0]);
	my $n = 0;
	foreach (@lines)
	{
		$n = 0 if /^--- supervisor: start/;
		$n++ if /sent reminder \d+/;
	}
	return $n;
}

# A psql session of the test's own in the background (a lock holder, a
# claimer), named by its application_name; its process id.
sub session
{
	my ($name, $sql) = @_;
	return spawn("$logdir/faults_$name.log", { PGAPPNAME => $name }, 'psql', '-X', '-q', '-d', $dsn,
		'-c', $sql);
}

# The server log from an offset on.
sub log_since { return slurp_file($node->logfile, $_[0]); }

# The reminders (queue and archive) of a range of customers, created so far.
sub reminders_of
{
	my ($from, $to) = @_;
	return "(SELECT count(*) FROM (SELECT customer_id FROM dunning.reminder"
	  . " UNION ALL SELECT customer_id FROM dunning.reminder_archive) r"
	  . " WHERE customer_id BETWEEN $from AND $to)";
}

# Wait for the server to accept connections again after a crash or stop.
sub await_server { return await('SELECT true', $_[0] // 60); }

# Whether the scheduler of shop is in a pass, has written into the queue
# and waits for dunning.engine.
my $blocked_pass = q{
	SELECT w.state = 'running a pass'
	       AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = w.pid AND NOT l.granted
	                      AND l.relation = 'dunning.engine'::regclass)
	       AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = w.pid AND l.granted
	                      AND l.relation = 'dunning.reminder'::regclass
	                      AND l.mode = 'RowExclusiveLock')
	  FROM dunning.workers w WHERE w.role = 'scheduler' AND w.database = 'shop'};
my $scheduler_pid = q{
	SELECT pid FROM dunning.workers WHERE role = 'scheduler' AND database = 'shop'};
my $reminder_seq = 'SELECT last_value FROM dunning.reminder_id_seq';

# A pass stopped on purpose before it commits.  The scheduler is slowed to
# a naptime of an hour, so that no pass runs by itself; a session takes
# dunning.engine in SHARE mode (everything can read it; it is written only
# by the last statement of a pass); the holds of a wave are lifted and
# dunning.wake() starts a pass, which emits the wave's reminders and waits
# at its very end.  Then the naptime is 1 s again (the scheduler takes it
# when it is started again).  Returns the locker's process id.
sub stop_a_pass_with_a_wave
{
	my ($from, $to) = @_;
	sql('ALTER SYSTEM SET dunning.naptime = 3600; SELECT pg_reload_conf()');
	ok( await(q{
		SELECT state = 'idle' AND next_pass > now() + interval '30 minutes'
		  FROM dunning.workers WHERE role = 'scheduler' AND database = 'shop'}, 30),
		'the scheduler is idle with a naptime of an hour');
	my $pid = session('fault_locker',
		'BEGIN; LOCK TABLE dunning.engine IN SHARE MODE; SELECT pg_sleep(600)');
	ok( await(q{
		SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a USING (pid)
		                WHERE a.application_name = 'fault_locker' AND l.granted
		                  AND l.relation = 'dunning.engine'::regclass)}, 30),
		'a session holds dunning.engine, so that the next pass waits before it commits');
	sql("DELETE FROM dunning.hold WHERE customer_id BETWEEN $from AND $to");
	my $seq_before = sql($reminder_seq);
	sql('SELECT dunning.wake()');
	ok(await($blocked_pass, 30),
		'the lifted holds of ' . ($to - $from + 1) . ' customers and wake() start a pass, which waits');
	my $drawn = sql($reminder_seq) - $seq_before;
	cmp_ok($drawn, '>=', $to - $from + 1,
		"after it has built their reminders ($drawn reminder ids drawn) and inserted them"
		  . ' into the queue, uncommitted');
	sql('ALTER SYSTEM SET dunning.naptime = 1; SELECT pg_reload_conf()');
	return $pid;
}


# --- the SMTP server --------------------------------------------------------
my $sink = spawn("$logdir/faults_smtp_sink.log", {}, $python, $sink_script, $smtp_port, $received,
	'0.02');
ok(wait_for(sub { (grep { /listening/ } lines_of("$logdir/faults_smtp_sink.log")) > 0 }, 30),
	'the SMTP server listens on loopback');

# --- the ledger ---------------------------------------------------------------
# Days are counted in the policy's zone: pick one far from midnight, so that
# the day does not change and the send window (00:00 to 23:59) stays open.
my $hour = (gmtime())[2];
my $zone = ($hour >= 21 || $hour < 1) ? 'Etc/GMT-6' : 'UTC';
$node->safe_psql('postgres', 'CREATE DATABASE shop');
my $today = sql("SELECT (now() AT TIME ZONE '$zone')::date");
my ($w1a, $w1b) = @{ $wave{W1} };
my ($h_from, $h_to) = ($wave{W2}[0], $wave{W4}[1]);
sql(qq{
	CREATE EXTENSION dunning;
	CREATE TABLE cust (id int PRIMARY KEY, email text NOT NULL, lang text);
	INSERT INTO cust SELECT g, 'customer' || g || '\@example.com',
	                        (ARRAY['fr', 'de-AT', 'en'])[g % 3 + 1]
	  FROM generate_series(1, $n_cust + 1000) g;
	CREATE TABLE inv (id int PRIMARY KEY, cust int NOT NULL, due date NOT NULL,
	                  bal numeric NOT NULL, ref text NOT NULL);
	INSERT INTO inv
	SELECT g, c,
	       CASE WHEN c <= $h_to AND (g <= $n_cust OR c <= 1000) THEN date '$today' - 10 - g % 5
	            WHEN c BETWEEN $paid_from AND $paid_to AND g <= $n_cust THEN date '$today' - 15
	            ELSE date '$today' + 1 + g % 60 END,
	       CASE WHEN c BETWEEN $paid_from AND $paid_to AND g <= $n_cust THEN 0
	            ELSE 10 + g % 90 END,
	       'INV-' || g
	  FROM generate_series(1, $n_inv) g, LATERAL (SELECT (g - 1) % $n_cust + 1 AS c) x;
	CREATE INDEX ON inv (cust);
	CREATE INDEX ON inv (due) WHERE bal > 0;
	ANALYZE inv;
	-- the fault switch of the ledger view (fault 4)
	CREATE TABLE fault_flag (what text PRIMARY KEY);
	CREATE FUNCTION ledger_guard() RETURNS boolean LANGUAGE plpgsql STABLE AS \$\$
	BEGIN
	  IF EXISTS (SELECT 1 FROM public.fault_flag WHERE what = 'ledger') THEN
	    RAISE EXCEPTION 'ledger unavailable (fault injected)';
	  END IF;
	  RETURN true;
	END \$\$;
	CREATE VIEW ledger_v AS SELECT id, cust, due, bal, ref FROM inv;
	SELECT dunning.bind_ledger('ledger_v', 'id', 'cust', 'due', 'bal', reference => 'ref');
	SELECT dunning.bind_customers('cust', 'id', email => 'email', locale => 'lang');
	-- W2 to W4 wait for their wave
	INSERT INTO dunning.hold (customer_id, reason)
	SELECT g, 'manual' FROM generate_series($h_from, $h_to) g;
});
is(sql('SELECT count(*) FROM ledger_v'), $n_inv, "the ledger view shows $n_inv invoices");

# --- two mailers, then the campaign ------------------------------------------
start_mailer($_) foreach sort keys %mailer;
ok( await_perl(
		sub {
			(grep { /delivering through/ } (lines_of($mailer{a}{log}), lines_of($mailer{b}{log})))
			  == 2;
		},
		30),
	'both mailers are connected and listening');
sql(qq{
	INSERT INTO dunning.policy (name, currency, is_default, send_days, send_from, send_until,
	                            time_zone, group_by)
	VALUES ('p', 'EUR', true, '{1,2,3,4,5,6,7}', '00:00', '23:59', '$zone', 'customer');
	INSERT INTO dunning.step (policy, level, days_overdue, channel, template)
	VALUES ('p', 1, 3, 'email', 'friendly');
});
ok(await("SELECT " . reminders_of($w1a, $w1b) . " = " . ($w1b - $w1a + 1), 60),
	'the worker emits the reminders of the first wave (2,000 customers, 3,000 invoices)');
is(sql("SELECT " . reminders_of($h_from, $h_to)), '0', 'and none for the customers held');

# --- mid-run: pay and hold invoices whose reminder waits in the queue ------
# The reminders are locked (FOR UPDATE SKIP LOCKED): no claim can take them
# before the payment or hold commits, and none has ever been handed out.
my $picked = sql(q{
	BEGIN;
	CREATE TEMP TABLE pick ON COMMIT DROP AS
	SELECT id, customer_id AS c, invoice_ids AS i, cardinality(invoice_ids) AS n,
	       row_number() OVER (PARTITION BY cardinality(invoice_ids) ORDER BY id DESC) AS k
	  FROM (SELECT id, customer_id, invoice_ids FROM dunning.reminder
	         WHERE status = 'pending' AND attempts = 0
	         ORDER BY id DESC LIMIT 1200 FOR UPDATE SKIP LOCKED) r;
	CREATE TEMP TABLE act ON COMMIT DROP AS
	SELECT 'paid' AS kind, i[1] AS key FROM pick WHERE k <= 15            -- whole or part
	UNION ALL SELECT 'held', i[1] FROM pick WHERE n = 1 AND k BETWEEN 16 AND 30
	UNION ALL SELECT 'held', i[2] FROM pick WHERE n = 2 AND k BETWEEN 16 AND 25
	UNION ALL SELECT 'held_customer', c FROM pick
	           WHERE (n = 1 AND k BETWEEN 31 AND 40) OR (n = 2 AND k BETWEEN 26 AND 30);
	UPDATE inv SET bal = 0 WHERE id IN (SELECT key FROM act WHERE kind = 'paid');
	INSERT INTO dunning.hold (invoice_id, reason)
	SELECT key, 'dispute' FROM act WHERE kind = 'held';
	INSERT INTO dunning.hold (customer_id, reason)
	SELECT key, 'manual' FROM act WHERE kind = 'held_customer';
	SELECT kind || ' ' || key FROM act ORDER BY 1;
	COMMIT;
});
foreach (split /\n/, $picked)
{
	my ($kind, $key) = split / /;
	$paid{$key} = 1 if $kind eq 'paid';
	$held{$key} = 1 if $kind eq 'held';
	$held_cust{$key} = 1 if $kind eq 'held_customer';
}
is(scalar(keys %paid) . ' ' . scalar(keys %held) . ' ' . scalar(keys %held_cust),
	'30 25 15',
	'30 invoices paid (15 of them half of a consolidated reminder), 25 held and 15 customers'
	  . ' held while their reminders waited in the queue, never handed out');

# --- fault 1: kill -9 of a backend in the middle of a claim ----------------
my $off = -s $node->logfile;
my $claimer = session('fault_claimer',
	"BEGIN; SELECT count(*) FROM dunning.claim('intruder', 100, '1 hour', '{email}');"
	  . " SELECT pg_sleep(600)");
# the rows its claim changed (and locked) carry its transaction id in xmax
my $claim_in_flight = q{
	SELECT a.pid || ' ' || count(r.id) || ' ' || coalesce(string_agg(r.id::text, ','), '')
	  FROM pg_stat_activity a
	  LEFT JOIN dunning.reminder r ON r.xmax::text = a.backend_xid::text
	 WHERE a.application_name = 'fault_claimer' AND a.wait_event = 'PgSleep'
	   AND a.backend_xid IS NOT NULL
	 GROUP BY a.pid};
my ($claim_pid, $claimed, $claimed_ids) = (undef, 0, '');
await_perl(
	sub {
		my $out = try_sql($claim_in_flight) // '';
		($claim_pid, $claimed, $claimed_ids) = split / /, $out;
		return defined $claimed && $claimed > 0;
	},
	30);
is($claimed, 100,
	'a backend has claimed 100 reminders in a transaction it has not committed');
kill 'KILL', $claim_pid if defined $claim_pid && $claim_pid =~ /^\d+$/;
push @faults, "kill -9 of a backend holding 100 reminders claimed, uncommitted";
waitpid($claimer, 0);
ok(await_server(), 'the server is back after the crash recovery');
ok(log_since($off) =~ qr/server process \(PID $claim_pid\) was terminated by signal 9.*terminating any other active server processes.*all server processes terminated; reinitializing/s,
	'the postmaster went through crash recovery');
is(sql(q{SELECT count(*) FROM dunning.reminder WHERE lease_owner = 'intruder'})
	  + sql(q{SELECT count(*) FROM dunning.reminder_archive WHERE lease_owner = 'intruder'}),
	0, 'the claim left nothing behind: its reminders are ready for the mailers again');

# --- fault 2: kill -9 of a mailer in the middle of a batch ------------------
my $orphans = 0;
ok( await_perl(
		sub {
			return 0 if sent_since_start($mailer{a}{log}) < 10 || !defined $mailer{a}{pid};
			my $holding = try_sql(q{
				SELECT count(*) FROM dunning.reminder
				 WHERE status = 'claimed' AND lease_owner = 'mailer-a' AND lease_until > now()});
			return defined $holding && $holding >= 5;
		},
		60),
	'mailer-a, started again after the crash, is delivering a batch');
kill 'KILL', $mailer{a}{pid};
waitpid($mailer{a}{pid}, 0);
$mailer{a}{pid} = undef;
$mailer{a}{died_at} = time();
$mailer{a}{deaths}++;
push @faults, 'kill -9 of mailer-a in the middle of a batch';
# its batch: the leases still running (3 s; those of a mailer-a before the
# crash have run out)
my $orphan_ids = sql(q{
	SELECT string_agg(id::text, ',') FROM dunning.reminder
	 WHERE status = 'claimed' AND lease_owner = 'mailer-a' AND lease_until > now()}) // '';
my @orphan_ids = split /,/, $orphan_ids;
$orphans = scalar @orphan_ids;
cmp_ok($orphans, '>', 0, "mailer-a died holding $orphans claimed reminders, unacknowledged");

# --- fault 3: kill -9 of the scheduler in the middle of a pass --------------
my ($w2a, $w2b) = @{ $wave{W2} };
my $locker = stop_a_pass_with_a_wave($w2a, $w2b);
my $pid = sql($scheduler_pid);
like(sql("SELECT query FROM pg_stat_activity WHERE pid = $pid"), qr/dunning\.run\(\)/,
	'pg_stat_activity shows the scheduler in dunning.run()');
# pay 10 of the wave and hold 10 while the pass has not committed
sql("UPDATE inv SET bal = 0 WHERE id BETWEEN $w2a AND $w2a + 9;"
	  . " INSERT INTO dunning.hold (invoice_id, reason)"
	  . " SELECT g, 'dispute' FROM generate_series($w2a + 10, $w2a + 19) g");
$paid{$_} = 1 foreach ($w2a .. $w2a + 9);
$held{$_} = 1 foreach ($w2a + 10 .. $w2a + 19);
$off = -s $node->logfile;
kill 'KILL', $pid;
push @faults, 'kill -9 of the scheduler in the middle of a pass of 1,000 customers';
waitpid($locker, 0);
ok(await_server(), 'the server is back after the crash recovery');
ok(log_since($off) =~ qr/background worker "dunning scheduler" \(PID $pid\) was terminated by signal 9.*all server processes terminated; reinitializing/s,
	'the postmaster went through crash recovery');
ok( await(
		"SELECT pid IS NOT NULL AND pid <> $pid FROM dunning.workers"
		  . " WHERE role = 'scheduler' AND database = 'shop'", 60),
	'a new scheduler runs');
my $w2_expected = ($w2b - $w2a + 1) - 20;
ok(await("SELECT " . reminders_of($w2a, $w2b) . " >= $w2_expected", 60),
	'the interrupted pass is done again');
is(sql("SELECT " . reminders_of($w2a, $w2b)), $w2_expected,
	"$w2_expected reminders of the wave: none for the 20 paid or held while it was interrupted,"
	  . ' none twice');

# --- fault 4: the ledger view raises errors, then stops ---------------------
my ($w4a, $w4b) = @{ $wave{W4} };
my $last_run = sql('SELECT coalesce(max(id), 0) FROM dunning.run_log');
sql(q{
	INSERT INTO fault_flag VALUES ('ledger');
	CREATE OR REPLACE VIEW ledger_v AS SELECT id, cust, due, bal, ref FROM inv WHERE ledger_guard();
});
sql("DELETE FROM dunning.hold WHERE customer_id BETWEEN $w4a AND $w4b");
push @faults, 'the ledger view raises errors, then stops';
ok( await(
		"SELECT count(*) >= 2 FROM dunning.run_log WHERE id > $last_run"
		  . " AND error LIKE '%ledger unavailable (fault injected)%'", 60),
	'passes fail on the ledger view, each logged in dunning.run_log with its error');
like(sql(q{SELECT failures || ' ' || last_error FROM dunning.workers
            WHERE role = 'scheduler' AND database = 'shop'}),
	qr/^[1-9]\d* .*ledger unavailable \(fault injected\)/,
	'dunning.workers counts the failures in a row and shows the error');
ok(log_since(0) =~ qr/dunning pass in "shop" failed: ledger unavailable \(fault injected\)/,
	'the server log says so');
is(sql("SELECT " . reminders_of($w4a, $w4b)), '0',
	'meanwhile the 500 customers whose holds were lifted get nothing');
my $failed_passes = sql("SELECT count(*) FROM dunning.run_log WHERE id > $last_run AND error IS NOT NULL");
sql(q{DELETE FROM fault_flag});
ok(await("SELECT " . reminders_of($w4a, $w4b) . ' = ' . ($w4b - $w4a + 1), 90),
	'once the view works again, the next pass reminds them');
is(sql(q{SELECT failures FROM dunning.workers WHERE role = 'scheduler' AND database = 'shop'}),
	'0', 'and the scheduler has no failure in a row');
sql(q{CREATE OR REPLACE VIEW ledger_v AS SELECT id, cust, due, bal, ref FROM inv});

# --- fault 5: pg_ctl stop -m immediate in the middle of a pass --------------
my ($w3a, $w3b) = @{ $wave{W3} };
$locker = stop_a_pass_with_a_wave($w3a, $w3b);
sql("UPDATE inv SET bal = 0 WHERE id BETWEEN $w3a AND $w3a + 4;"
	  . " INSERT INTO dunning.hold (customer_id, reason)"
	  . " SELECT g, 'manual' FROM generate_series($w3a + 5, $w3a + 9) g");
$paid{$_} = 1 foreach ($w3a .. $w3a + 4);
$held_cust{$_} = 1 foreach ($w3a + 5 .. $w3a + 9);
$off = -s $node->logfile;
$node->stop('immediate');
push @faults, 'pg_ctl stop -m immediate in the middle of a pass of 1,000 customers';
waitpid($locker, 0);
$node->start;
ok(await_server(), 'the server starts again');
ok(log_since($off) =~ qr/received immediate shutdown request.*database system was not properly shut down; automatic recovery in progress/s,
	'it recovers from the immediate stop');
my $w3_expected = ($w3b - $w3a + 1) - 10;
ok(await("SELECT " . reminders_of($w3a, $w3b) . " >= $w3_expected", 60),
	'the interrupted pass is done again');
is(sql("SELECT " . reminders_of($w3a, $w3b)), $w3_expected,
	"$w3_expected reminders of the wave: none for the 10 paid or held meanwhile, none twice");

# --- fault 6: a bad row among the day's new invoices ------------------------
my ($da, $db) = @day_cust;
my $first_day_inv = $n_inv + 1;
sql(qq{
	INSERT INTO inv SELECT $n_inv + g - $da + 1, g, date '$today' - 3, 25, 'NEW-' || g
	  FROM generate_series($da, $db) g;
	INSERT INTO inv VALUES ($nan_invoice, $da, date '$today' - 3, 'NaN', 'BAD-1');
});
push @faults, "a bad row (open amount NaN) among the day's 201 new invoices";
my $runs_before_day = sql('SELECT coalesce(max(id), 0) FROM dunning.run_log');
# Invoices entered after their due date are found by the day's full
# discovery, or at once after dunning.rediscover(), as after an import
# (README, How a pass decides)
sql('SELECT dunning.rediscover(); SELECT dunning.wake();');
my $day_found = await(
	"SELECT count(*) = " . ($db - $da + 2) . " FROM dunning.invoice_state"
	  . " WHERE invoice_id BETWEEN $first_day_inv AND $nan_invoice",
	15);
ok($day_found, "after rediscover(), the worker's next pass finds the day's new invoices, due 3 days ago, the bad one included");
cmp_ok(sql("SELECT sum(quarantined) FROM dunning.run_log WHERE id > $runs_before_day"), '>=', 1,
	'dunning.run_log counts the bad row as quarantined');
is(sql("SELECT waiting_for FROM dunning.invoice_state WHERE invoice_id = $nan_invoice"),
	'bad_data', 'the NaN invoice waits with waiting_for = bad_data');
like(sql("SELECT kind || ': ' || problem FROM dunning.problems WHERE invoice_id = $nan_invoice"),
	qr/^bad_data: .*NaN/i, 'dunning.problems lists it with the offending value');
ok(await("SELECT " . reminders_of($da, $db) . ' = ' . ($db - $da + 1), 60),
	"everyone else of the day is reminded, its customer's other invoice included");

# --- the end: everything is delivered ------------------------------------
ok(await('SELECT count(*) = 0 FROM dunning.reminder', 120),
	'the queue empties: nothing pending, claimed or failed is left');
foreach my $name (sort keys %mailer)
{
	my $m = $mailer{$name};
	$m->{retired} = 1;
	next unless defined $m->{pid};
	kill 'TERM', $m->{pid};
	waitpid($m->{pid}, 0);
}
kill 'TERM', $sink;
waitpid($sink, 0);

# The expectation, from the test's own bookkeeping: the invoices due for a
# reminder, less those paid or held.
my @due;
foreach my $w (sort keys %wave)
{
	my ($from, $to) = @{ $wave{$w} };
	push @due, map { [ $_, $_ ] } ($from .. $to);
	push @due, map { [ $_ + $n_cust, $_ ] } ($from .. ($to < 1000 ? $to : 1000)) if $from <= 1000;
}
push @due, map { [ $n_inv + $_ - $da + 1, $_ ] } ($da .. $db);
my @expected = map { $_->[0] } grep { !$paid{ $_->[0] } && !$held{ $_->[0] } && !$held_cust{ $_->[1] } } @due;
my @not_expected = ((keys %paid), (keys %held), $nan_invoice,
	map { $_->[0] } grep { $held_cust{ $_->[1] } } @due);
my %cust_of = map { $_->[0] => $_->[1] } @due;
my %expected_cust = map { $cust_of{$_} => 1 } @expected;
sql('CREATE TABLE expect_sent (inv int PRIMARY KEY); CREATE TABLE expect_none (inv int PRIMARY KEY)');
sql('INSERT INTO expect_sent VALUES (' . join('), (', @expected) . ')');
sql('INSERT INTO expect_none VALUES (' . join('), (', @not_expected) . ')');
my $sent = q{(SELECT id, unnest(invoice_ids) AS inv FROM dunning.reminder_archive WHERE status = 'sent'
              UNION ALL
              SELECT id, unnest(invoice_ids) FROM dunning.reminder WHERE status = 'sent')};
my $none = sql("SELECT count(*) FROM expect_sent e WHERE NOT EXISTS (SELECT 1 FROM $sent s WHERE s.inv = e.inv)");
my $twice = sql("SELECT count(*) FROM (SELECT inv FROM $sent s GROUP BY inv HAVING count(*) > 1) d");
is($none, 0, scalar(@expected) . ' invoices were due and neither paid nor held: each is covered by a reminder acknowledged as sent');
is($twice, 0, 'no invoice is covered by two reminders acknowledged as sent');
is(sql("SELECT count(*) FROM $sent s WHERE s.inv IN (SELECT inv FROM expect_none)"), 0,
	'no reminder acknowledged as sent covers an invoice paid, held or quarantined ('
	  . scalar(@not_expected) . ')');
is(sql("SELECT count(*) FROM $sent s WHERE s.inv NOT IN (SELECT inv FROM expect_sent)"), 0,
	'nor any invoice that was not due');
my $n_sent = sql("SELECT count(DISTINCT id) FROM $sent s");
is($n_sent, scalar(keys %expected_cust), 'one reminder sent per customer reminded');
is(sql(q{SELECT count(*) FROM dunning.reminder_archive WHERE status = 'dead'}), 0,
	'no reminder is dead');
is(sql(q{SELECT count(*) FROM dunning.reminder_archive WHERE status = 'cancelled'
           AND NOT (invoice_ids && ARRAY(SELECT inv FROM expect_none))}), 0,
	'only reminders of paid or held invoices were cancelled');
is(sql("SELECT count(*) FROM dunning.reminder_archive WHERE status = 'sent' AND id IN ("
		  . (join(',', @orphan_ids) || 0) . ')'), $orphans,
	"the $orphans reminders mailer-a held when it was killed are sent");
is(sql("SELECT count(*) FROM dunning.reminder_archive WHERE status IN ('sent', 'cancelled')"
		  . ' AND id IN (' . ($claimed_ids || 0) . ')'), $claimed,
	"the $claimed reminders the killed backend had claimed are sent (or cancelled, paid or held)");
is( sql('SELECT count(*) FROM dunning.invoice_state WHERE status = \'closed\''
		  . " AND closed_reason = 'paid' AND invoice_id IN (" . join(',', keys %paid) . ')'),
	scalar(keys %paid), 'the ' . scalar(keys %paid) . ' invoices paid mid-run are closed as paid');
is( sql(q{SELECT count(*) FROM dunning.reminder_archive WHERE status = 'sent'
           AND provider_ref IS DISTINCT FROM
               '<dunning.' || encode(convert_to(idempotency_key, 'UTF8'), 'hex') || '@dunning.invalid>'}),
	0, 'each acknowledgement carries the Message-ID derived from the idempotency key');

# The SMTP side: every acknowledged message arrived, duplicates are counted.
my @messages = lines_of($received);
my %got;
$got{ (split /\t/)[0] }++ foreach @messages;
my %acked = map { $_ => 1 } split /\n/, sql(q{
	SELECT '<dunning.' || encode(convert_to(idempotency_key, 'UTF8'), 'hex') || '@dunning.invalid>'
	  FROM dunning.reminder_archive WHERE status = 'sent'});
is(scalar(grep { !$got{$_} } keys %acked), 0,
	'the SMTP server received the message of every reminder acknowledged as sent');
is(scalar(grep { !$acked{$_} } keys %got), 0,
	'and no message of a reminder that was not acknowledged as sent');
my $duplicates = scalar(@messages) - scalar(keys %got);
my $dup_ids = scalar(grep { $got{$_} > 1 } keys %got);
diag("SMTP duplicates: $duplicates extra messages for $dup_ids reminders"
	  . " (mailers killed or cut off mid-batch); " . scalar(@messages) . " messages in all");
# A mailer that dies leaves unacknowledged at most the message it was
# sending: the kill -9, and each time its database connection was lost.
my @mailer_lines = (lines_of($mailer{a}{log}), lines_of($mailer{b}{log}));
my $deaths = 1 + grep { /lost the database connection/ } @mailer_lines;
my $went_on = grep { /statement failed: server closed the connection/ } @mailer_lines;
diag("$went_on times a mailer took its lost database connection for a failed statement"
	  . ' and went on with its batch');
cmp_ok($duplicates, '<=', $deaths,
	"each mailer that died left at most the message it was sending unacknowledged"
	  . " ($duplicates duplicates, $deaths deaths with a batch in hand at most)");
my $lost = $none + sql('SELECT count(*) FROM dunning.reminder')
  + sql(q{SELECT count(*) FROM dunning.reminder_archive WHERE status = 'dead'});
is($lost, 0, 'lost: 0');
my $claims_refused = grep { /statement failed: .*ledger unavailable/ }
  (lines_of($mailer{a}{log}), lines_of($mailer{b}{log}));
diag("claims refused while the ledger view raised errors: $claims_refused");
diag("mailer restarts by the supervisor: "
	  . join(', ', map { "mailer-$_ $mailer{$_}{deaths}" } sort keys %mailer)
	  . "; failed passes on the ledger view: $failed_passes");
diag("fault: $_") foreach @faults;
diag(sprintf('FIGURES: faults injected %d, reminders sent %d (covering %d invoices), '
	  . 'SMTP duplicates %d, lost %d, %d invoices in the ledger, wall time %.0f s',
	scalar(@faults), $n_sent, scalar(@expected), $duplicates, $lost,
	sql('SELECT count(*) FROM inv'), time() - $t_start));

$node->stop;
done_testing();
