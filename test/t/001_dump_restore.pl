# A database using dunning survives pg_dump and a restore, in the custom
# format (pg_restore --exit-on-error) and the plain one (psql with
# ON_ERROR_STOP): every object the extension keeps comes back (bindings of
# the ledger, the customers and the payments, policies, steps naming the user's templates,
# calendars and holidays, assignments, holds, the roles' grants, the state,
# the history, the queue, the archive, the delivery events, the pass log,
# the charges, and the user's own rates, fee schedules and laws),
# the extension's catalogue is the same (tables, columns in order, indexes,
# constraints, triggers, functions, privileges: test/lib/catalog.sql), and
# the next pass does in each restored database what it does in the source.
use strict;
use warnings;

use FindBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('main');
$node->init;
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'dunning'\ndunning.enabled = off");
$node->start;

$node->safe_psql('postgres', q{
	CREATE DATABASE source;
	CREATE ROLE regress_restore_reader;
	CREATE ROLE regress_restore_mailer;
});

$node->safe_psql('source', q{
CREATE EXTENSION dunning;

CREATE TABLE public.invoices (
    id          bigint PRIMARY KEY,
    customer_id bigint,
    due_date    date,
    balance     numeric(12,2),
    currency    char(3),
    number      text
);
CREATE TABLE public.customers (id bigint PRIMARY KEY, email text, name text, lang text);
INSERT INTO public.customers VALUES
    (7, 'seven@example.com', 'Seven SA', 'fr'), (8, 'eight@example.com', 'Eight', 'de'),
    (9, 'nine@example.com', 'Nine', 'en'), (10, 'ten@example.com', 'Ten', 'en');
INSERT INTO public.invoices VALUES
    (1, 7, '2024-03-01', 100.00, 'EUR', 'INV-1'),
    (2, 7, '2024-03-05', 250.50, 'EUR', 'INV-2'),
    (3, 8, '2024-03-01',  80.00, 'EUR', 'INV-3'),
    (4, 9, '2024-03-15',   0.00, 'EUR', 'INV-4'),
    (5, 9, '2024-03-10',  60.00, 'EUR', 'INV-5'),
    (6, 10, '2024-03-12', 75.00, 'EUR', 'INV-6'),
    (7, 8, '2024-04-15',  40.00, 'EUR', 'INV-7');   -- due after the dump

SELECT dunning.bind_ledger(source => 'public.invoices', invoice_id => 'id',
    customer_id => 'customer_id', due_on => 'due_date',
    open_amount => 'balance', currency => 'currency', reference => 'number');
SELECT dunning.bind_customers('public.customers', 'id', email => 'email', name => 'name',
                              locale => 'lang');
CREATE TABLE public.payments (id bigserial PRIMARY KEY, invoice bigint, paid_on date,
                              amount numeric);
INSERT INTO public.payments (invoice, paid_on, amount) VALUES (2, '2024-03-25', 50.50);
SELECT dunning.bind_payments('public.payments', 'invoice', 'paid_on', 'amount');

INSERT INTO dunning.calendar (name, description) VALUES ('fr', 'French public holidays');
INSERT INTO dunning.holiday (calendar, day, name) VALUES ('fr', '2024-04-01', 'Easter Monday');
-- money rules of the user's: a rate, a fee schedule, a law, and a policy
-- that charges interest and compensation under it
INSERT INTO dunning.reference_rate (basis, valid_from, rate, source)
    VALUES ('our_rate', '2024-01-01', 4.5, 'our terms of sale');
INSERT INTO dunning.fee_schedule (name, currency, minimum) VALUES ('our_fees', 'EUR', 10);
INSERT INTO dunning.fee_band (schedule, from_amount, percent)
    VALUES ('our_fees', 0, 5), ('our_fees', 1000, 2);
INSERT INTO dunning.law (name, description, basis, margin_business, compensation_business,
                         legal_basis)
    VALUES ('our_law', 'our terms of sale', 'our_rate', 4, 'our_fees', 'our terms, art. 9');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, min_days_between,
                            send_days, send_from, send_until, time_zone, calendar,
                            law, interest_from_level, compensation_from_level)
    VALUES ('standard', 'EUR', true, 0, 7, '{1,2,3,4,5}', '08:00', '18:00', 'UTC', 'fr',
            'our_law', 1, 1),
           ('gentle', 'EUR', false, 3, 10, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC', NULL,
            NULL, NULL, NULL);
INSERT INTO dunning.template (name, channel, locale, subject, body)
    VALUES ('friendly', 'email', 'en', 'Invoice reminder', 'Hello {{customer.name}}'),
           ('custom', 'email', 'en', 'Second reminder', 'Hello again');
-- a step naming a template of the user's: a restore loads steps first
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee)
    VALUES ('standard', 1, 3, 'email', NULL, 0),
           ('standard', 2, 14, 'email', 'custom', 5),
           ('gentle', 1, 5, 'email', 'friendly', 0);
INSERT INTO dunning.assignment (customer_id, policy) VALUES (10, 'gentle');
INSERT INTO dunning.hold (invoice_id, reason) VALUES (3, 'dispute');
SELECT dunning.grant_reader('regress_restore_reader');
SELECT dunning.grant_mailer('regress_restore_mailer');

-- passes, and a mailer: the queue, the archive, the events, the state, the history
SELECT emitted FROM dunning.run('2024-03-20 10:00+00', full_discovery => true);
SELECT dunning.ack('m', c.id, 'smtp-1') FROM dunning.claim('m', 1) c;
SELECT dunning.record_event(a.id, 'delivered', '2024-03-20 10:05+00')
  FROM dunning.reminder_archive a;
-- the suppression list, and a collector's outcome on a call
INSERT INTO dunning.suppression (customer_id, contact, address, reason)
    VALUES (10, 'email', 'old@example.com', 'manual');
INSERT INTO dunning.outcome (reminder_id, customer_id, outcome, note)
    SELECT a.id, a.customer_id, 'no_answer', 'rang twice' FROM dunning.reminder_archive a;
SELECT dunning.nack('m', c.id, '451 later') FROM dunning.claim('m', 1) c;
SELECT emitted FROM dunning.run('2024-04-02 10:00+00');
});

# Runs a query; returns its output, or undef (with a diagnostic) on error.
sub query
{
	my ($db, $sql) = @_;
	my ($rc, $out, $err) = $node->psql($db, $sql);
	return $out if $rc == 0;
	diag("in database $db: $err");
	return undef;
}

my $catalog_sql = slurp_file("$FindBin::RealBin/../lib/catalog.sql");

# the tables of the extension, all of them, in the source
my @tables = split /\n/, $node->safe_psql('source', q{
	SELECT c.relname FROM pg_class c
	 WHERE c.relnamespace = 'dunning'::regnamespace AND c.relkind = 'r'
	   AND c.relname <> 'engine'
	 ORDER BY 1});
my %rows = map {
	$_ => $node->safe_psql('source', "SELECT count(*) FROM dunning.$_")
} @tables;
for my $t (qw(binding policy step template calendar holiday assignment hold role_grant
	invoice_state history reminder reminder_archive reminder_event run_log charge suppression
	outcome))
{
	ok($rows{$t} > 0, "the source has rows in dunning.$t ($rows{$t})");
}

# --- dump, and restore in both formats ---------------------------------------
my $dir = PostgreSQL::Test::Utils::tempdir();
$node->command_ok([ 'pg_dump', '-Fc', '-f', "$dir/source.dump", '-d', 'source' ],
	'pg_dump -Fc of the source database');
$node->command_ok([ 'pg_dump', '-Fp', '-f', "$dir/source.sql", '-d', 'source' ],
	'pg_dump -Fp of the source database');
$node->safe_psql('postgres', 'CREATE DATABASE restored');
$node->safe_psql('postgres', 'CREATE DATABASE restored_plain');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', 'restored', "$dir/source.dump" ],
	'pg_restore --exit-on-error of the custom format');
$node->command_ok(
	[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'restored_plain', '-f', "$dir/source.sql" ],
	'the plain format restores with ON_ERROR_STOP');

for my $db (qw(restored restored_plain))
{
	is(query($db, $catalog_sql), query('source', $catalog_sql),
		"$db: the extension's catalogue is the source's (test/lib/catalog.sql)");
	for my $t (@tables)
	{
		# whole rows, so that no column is forgotten
		my $sql = "SELECT t::text FROM dunning.$t t ORDER BY 1";
		is(query($db, $sql), query('source', $sql), "$db: dunning.$t has the source's rows");
	}
	is(query($db, 'SELECT count(*) FROM dunning.ledger'), '7',
		"$db: the bound ledger shows every invoice");
	is(query($db, 'SELECT count(*) FROM dunning.payment'), '1',
		"$db: the bound payments show the payment");
	is(query($db, q{SELECT count(*) FROM dunning.law WHERE NOT shipped}), '1',
		"$db: the user's law comes back once, the shipped ones with the extension");
	is(query($db, q{SELECT has_table_privilege('regress_restore_reader', 'dunning.invoice_status',
	                       'SELECT') AND has_function_privilege('regress_restore_mailer',
	                       'dunning.claim(text, integer, interval, text[])', 'EXECUTE')}),
		't', "$db: the roles keep what they were granted");
}

# --- the next pass, in each, does the same -----------------------------------
# (after a restore the discovery mark is gone and the next pass is a full
# one: so it is in the source too)
my $pass = q{SELECT examined, emitted, resolved, cancelled
               FROM dunning.run('2024-04-22 10:00+00', full_discovery => true)};
my $after = q{
	SELECT string_agg(x, E'\n' ORDER BY x) FROM (
	  SELECT format('reminder %s %s %s %s %s %s %s %s', id, invoice_ids, level, channel, status,
	                available_at, idempotency_key, payload) AS x FROM dunning.all_reminders
	  UNION ALL
	  SELECT format('state %s %s %s %s %s %s', invoice_id, level, status, waiting_for,
	                next_check_at, last_reminder_id) FROM dunning.invoice_state
	  UNION ALL
	  SELECT format('history %s %s %s %s %s %s', at, run_id, invoice_id, event, level, reminder_id)
	    FROM dunning.history) f};
my $src_pass = query('source', $pass);
like($src_pass, qr/^\d+\|[1-9]\d*\|/, 'the next pass emits reminders in the source');
my $src_after = query('source', $after);
for my $db (qw(restored restored_plain))
{
	is(query($db, $pass), $src_pass, "$db: the next pass examines, emits, resolves and cancels the same");
	is(query($db, $after), $src_after, "$db: and leaves the same reminders, states and history");
}

# sequences go on where the source left them
ok( defined query(
		'restored', q{
        INSERT INTO dunning.hold (invoice_id, reason) VALUES (2, 'manual');
        INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee)
            VALUES ('standard', 3, 30, 'email', NULL, 0);}),
	'new holds and steps can be added after the restore');

$node->stop;
done_testing();
