# The background workers: a launcher per cluster, a scheduler per database
# that has the extension, started and stopped with CREATE and DROP
# EXTENSION, woken by dunning.wake(), surviving failures, crashes and stops
# without emitting any reminder twice.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $node = PostgreSQL::Test::Cluster->new('worker');
$node->init;
$node->append_conf('postgresql.conf', qq{
shared_preload_libraries = 'dunning'
dunning.naptime = 1
restart_after_crash = on
});
$node->start;

# A ledger of $n overdue invoices (one per customer), bound, with a policy
# that may send at any time of any day.
sub make_ledger
{
	my ($db, $n) = @_;
	$node->safe_psql($db, qq{
		BEGIN;
		CREATE EXTENSION IF NOT EXISTS dunning;
		CREATE TABLE inv (id int PRIMARY KEY, cust int NOT NULL, due date NOT NULL,
		                  bal numeric NOT NULL);
		INSERT INTO inv SELECT g, g, current_date - 10 - g % 30, 10 + g % 90
		  FROM generate_series(1, $n) g;
		CREATE INDEX ON inv (cust);
		CREATE INDEX ON inv (due) WHERE bal > 0;
		SELECT dunning.bind_ledger('inv', 'id', 'cust', 'due', 'bal');
		INSERT INTO dunning.policy (name, currency, is_default, send_days, send_from,
		                            send_until)
		VALUES ('p', 'EUR', true, '{1,2,3,4,5,6,7}', '00:00', '23:59');
		INSERT INTO dunning.step (policy, level, days_overdue, channel)
		VALUES ('p', 1, 3, 'email'), ('p', 2, 60, 'letter');
		COMMIT;
	});
}

sub scalar_query { my ($db, $sql) = @_; return $node->safe_psql($db, $sql); }

# --- two databases with the extension, one without ----------------------
$node->safe_psql('postgres', 'CREATE DATABASE a');
$node->safe_psql('postgres', 'CREATE DATABASE b');
$node->safe_psql('postgres', 'CREATE DATABASE plain');
make_ledger('a', 50);
make_ledger('b', 70);
$node->safe_psql('plain', 'CREATE TABLE inv (id int)');

ok($node->poll_query_until('a', 'SELECT count(*) = 50 FROM dunning.reminder'),
	'the scheduler of a emits its reminders');
ok($node->poll_query_until('b', 'SELECT count(*) = 70 FROM dunning.reminder'),
	'the scheduler of b emits its reminders');
is(scalar_query('a', "SELECT state FROM dunning.workers WHERE database = 'plain'"),
	'no extension', 'nothing runs in a database without the extension');
is(scalar_query('plain',
		"SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'dunning scheduler'"
		  . " AND datname = 'plain'"),
	'0', 'no scheduler is connected to it');
is(scalar_query('a',
		"SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'dunning launcher'"),
	'1', 'one launcher in pg_stat_activity');
is(scalar_query('a',
		"SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'dunning scheduler'"
		  . " AND datname IN ('a', 'b')"),
	'2', 'one scheduler per database with the extension in pg_stat_activity');
is(scalar_query('a', "SELECT wait_event FROM pg_stat_activity"
		  . " WHERE backend_type = 'dunning scheduler' AND datname = 'a' AND state = 'idle'"),
	'Extension', 'an idle scheduler waits on the extension wait event');

# --- DROP EXTENSION stops the scheduler; CREATE EXTENSION starts one ------
$node->safe_psql('b', 'DROP EXTENSION dunning CASCADE');
ok( $node->poll_query_until('a',
		"SELECT state = 'no extension' FROM dunning.workers WHERE database = 'b'"),
	'DROP EXTENSION stops the scheduler of b');
$node->safe_psql('postgres', 'CREATE DATABASE c');
my $t0 = time;
make_ledger('c', 10);
ok($node->poll_query_until('c', 'SELECT count(*) = 10 FROM dunning.reminder'),
	'CREATE EXTENSION in a new database starts a scheduler there');
cmp_ok(time - $t0, '<', 10, 'within a few seconds of the CREATE EXTENSION');

# --- dunning.wake() and dunning.naptime ----------------------------------
$node->safe_psql('postgres', 'ALTER SYSTEM SET dunning.naptime = 3600');
$node->reload;
sleep 2;
my $passes = scalar_query('a', 'SELECT count(*) FROM dunning.run_log');
sleep 2;
is(scalar_query('a', 'SELECT count(*) FROM dunning.run_log'), $passes,
	'with a naptime of an hour, no pass runs by itself');
$passes = scalar_query('a', 'SELECT count(*) FROM dunning.run_log');
$t0 = time;
is(scalar_query('a', 'SELECT dunning.wake()'), 't', 'wake() reaches the scheduler');
ok($node->poll_query_until('a', "SELECT count(*) > $passes FROM dunning.run_log"),
	'wake() runs a pass');
cmp_ok(time - $t0, '<', 1.5, 'within a second');
$node->safe_psql('postgres', 'ALTER SYSTEM SET dunning.naptime = 1');
$node->reload;
$passes = scalar_query('a', 'SELECT count(*) FROM dunning.run_log');
ok( $node->poll_query_until('a',
		"SELECT count(*) >= $passes + 3 FROM dunning.run_log"),
	'a naptime changed with pg_reload_conf() takes effect');
# those passes, on the same day as the first, found nothing to do: the
# server log has a line for each pass that did something, none for them
{
	my $log = slurp_file($node->logfile);
	my @busy = $log =~ /dunning pass in "a": \w+ discovery, [1-9]\d* examined/g;
	my @idle = $log =~ /dunning pass in "a": \w+ discovery, 0 examined, 0 emitted, 0 resolved, 0 cancelled/g;
	ok(@busy >= 1, 'a pass that did something writes a line to the server log (' . scalar(@busy) . ')');
	is(scalar(@idle), 0, 'passes that did nothing write nothing to the server log at LOG');
}

# --- SIGTERM: the scheduler exits within a second, the launcher restarts it
my $old_pid = scalar_query('a', "SELECT pid FROM dunning.workers WHERE database = 'a'");
$t0 = time;
$node->safe_psql('postgres', "SELECT pg_terminate_backend($old_pid)");
ok( $node->poll_query_until('postgres',
		"SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = $old_pid"),
	'a scheduler exits on SIGTERM');
cmp_ok(time - $t0, '<', 1.5, 'within a second');
ok( $node->poll_query_until('a',
		"SELECT state = 'idle' AND pid <> $old_pid FROM dunning.workers WHERE database = 'a'"),
	'the launcher starts a scheduler that died again');

# --- dunning.databases restricts the schedulers ---------------------------
$node->safe_psql('postgres', "ALTER SYSTEM SET dunning.databases = 'a'");
$node->reload;
ok( $node->poll_query_until('postgres',
		"SELECT count(*) = 0 FROM pg_stat_activity WHERE backend_type = 'dunning scheduler'"
		  . " AND datname = 'c'"),
	'a database left out of dunning.databases loses its scheduler');
is(scalar_query('a', "SELECT count(*) FROM dunning.workers WHERE database = 'c'"),
	'0', 'and is no longer listed');
$node->safe_psql('postgres', 'ALTER SYSTEM RESET dunning.databases');
$node->reload;
ok( $node->poll_query_until('a',
		"SELECT state = 'idle' FROM dunning.workers WHERE database = 'c'"),
	'and gets it back when the list is cleared');

# --- a ledger view that fails: logged, retried, others unaffected --------
$node->safe_psql('a', q{
	INSERT INTO inv VALUES (1001, 1001, current_date - 20, 500);
	CREATE VIEW broken AS SELECT id, cust, due, bal / (id - 1001) AS bal FROM inv;
	SELECT dunning.bind_ledger('broken', 'id', 'cust', 'due', 'bal');
});
ok( $node->poll_query_until('a',
		"SELECT count(*) > 0 FROM dunning.run_log WHERE error LIKE '%division by zero%'"),
	'a pass over a failing ledger view is logged with its error');
like(scalar_query('a', "SELECT last_error FROM dunning.workers WHERE database = 'a'"),
	qr/division by zero/, 'dunning.workers shows the last error');
$passes = scalar_query('c', 'SELECT count(*) FROM dunning.run_log');
ok($node->poll_query_until('c', "SELECT count(*) > $passes FROM dunning.run_log"),
	'the other databases keep working meanwhile');
is(scalar_query('a', "SELECT state FROM dunning.workers WHERE role = 'launcher'"),
	'running', 'the launcher keeps running');
$node->safe_psql('a', q{
	CREATE OR REPLACE VIEW broken AS
	  SELECT id, cust, due, bal / greatest(abs(id - 1001), 1) AS bal FROM inv;
});
ok( $node->poll_query_until('a',
		"SELECT error IS NULL FROM dunning.run_log ORDER BY id DESC LIMIT 1", 't'),
	'after the fix, the next pass succeeds');
$node->safe_psql('a', q{SELECT dunning.bind_ledger('inv', 'id', 'cust', 'due', 'bal')});

# --- kill -9 in the middle of a large pass -------------------------------
# A fresh database with a large ledger: the first pass takes a while.
$node->safe_psql('postgres', 'ALTER SYSTEM SET dunning.naptime = 3600');
$node->reload;
$node->safe_psql('postgres', 'CREATE DATABASE big');
make_ledger('big', 150000);
ok( $node->poll_query_until('big',
		"SELECT state = 'running a pass' FROM dunning.workers WHERE database = 'big'"),
	'the scheduler of big starts its first pass');
my $pid = scalar_query('big',
	"SELECT pid FROM dunning.workers WHERE database = 'big'");
like(scalar_query('big', "SELECT query FROM pg_stat_activity WHERE pid = '$pid'"),
	qr/dunning\.run\(\)/, 'pg_stat_activity shows the pass the scheduler runs');
like($pid, qr/^\d+$/, 'the scheduler of big has a pid');
kill 'KILL', $pid if $pid =~ /^\d+$/;
ok( $node->poll_query_until('big',
		"SELECT count(*) = 150000 FROM dunning.reminder", 't'),
	'after kill -9 and the restart, the pass is done again');
is( scalar_query('big',
		'SELECT count(*) - count(DISTINCT idempotency_key) FROM dunning.reminder'),
	'0', 'no reminder is doubled after kill -9');
is( scalar_query('big',
		'SELECT count(*) FROM (SELECT id FROM inv'
		  . ' EXCEPT SELECT unnest(invoice_ids) FROM dunning.reminder) lost'),
	'0', 'none is lost');

# --- a server stop during a pass, then a start ---------------------------
$node->safe_psql('big', q{
	DELETE FROM dunning.reminder; DELETE FROM dunning.invoice_state;
	DELETE FROM dunning.history; UPDATE dunning.engine SET last_as_of = NULL;
});
is(scalar_query('big', 'SELECT dunning.wake()'), 't', 'another large pass is started');
ok( $node->poll_query_until('big',
		"SELECT state = 'running a pass' FROM dunning.workers WHERE database = 'big'"),
	'the pass runs');
$node->stop('fast');
$node->start;
ok( $node->poll_query_until('big',
		"SELECT count(*) = 150000 FROM dunning.reminder", 't'),
	'after the stop and start, the pass is done again');
is( scalar_query('big',
		'SELECT count(*) - count(DISTINCT idempotency_key) FROM dunning.reminder'),
	'0', 'no reminder is doubled after a stop during a pass');

# --- dunning.enabled pauses everything without a restart -----------------
$node->safe_psql('postgres', 'ALTER SYSTEM SET dunning.enabled = off');
$node->safe_psql('postgres', 'ALTER SYSTEM SET dunning.naptime = 1');
$node->reload;
sleep 2;
$passes = scalar_query('c', 'SELECT count(*) FROM dunning.run_log');
sleep 3;
is(scalar_query('c', 'SELECT count(*) FROM dunning.run_log'), $passes,
	'dunning.enabled = off pauses the schedulers');
is(scalar_query('c', "SELECT state FROM dunning.workers WHERE database = 'c'"),
	'paused', 'dunning.workers says they are paused');
$node->safe_psql('postgres', 'DROP DATABASE c');
pass('a paused database can be dropped: no scheduler holds it');
$node->safe_psql('postgres', 'ALTER SYSTEM SET dunning.enabled = on');
$node->reload;
ok( $node->poll_query_until('a',
		"SELECT state = 'idle' FROM dunning.workers WHERE database = 'a'"),
	'dunning.enabled = on starts them again');

# --- without preloading: a NOTICE, and run() by hand ----------------------
my $bare = PostgreSQL::Test::Cluster->new('bare');
$bare->init;
$bare->start;
$bare->safe_psql('postgres', q{
	CREATE EXTENSION dunning;
	CREATE TABLE inv (id int PRIMARY KEY, cust int, due date, bal numeric);
	INSERT INTO inv VALUES (1, 1, '2026-10-01', 10);
	SELECT dunning.bind_ledger('inv', 'id', 'cust', 'due', 'bal');
	INSERT INTO dunning.policy (name, currency, is_default) VALUES ('p', 'EUR', true);
	INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('p', 1, 3, 'email');
});
my ($ret, $out, $err) = $bare->psql('postgres',
	"SELECT emitted FROM dunning.run('2026-11-02 10:00+00')");
is($out, '1', 'dunning.run() works by hand without the workers');
like($err, qr/scheduling is off.*\n.*HINT:.*shared_preload_libraries/s,
	'without preloading, dunning.run() says scheduling is off and how to turn it on');
is($bare->safe_psql('postgres', 'SELECT dunning.wake()'), 'f',
	'wake() says no scheduler runs');
$bare->stop;

$node->stop;
done_testing();
