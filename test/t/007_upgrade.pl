# ALTER EXTENSION dunning UPDATE: a database at the previous version (0.1,
# installed from the script it was released with, sql/upgrade/dunning--0.1.sql),
# with a bound ledger and customers, a campaign and roles given access,
# refuses passes under the new library until it is updated; updated, it has
# the catalogue of a fresh install of the new version set up the same way
# (tables, columns in order, indexes, constraints, triggers, functions,
# comments, privileges: test/lib/catalog.sql), and its passes do what the
# fresh database's do.
use strict;
use warnings;

use FindBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $previous = '0.1';

my $node = PostgreSQL::Test::Cluster->new('upgrade');
$node->init;
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'dunning'\ndunning.enabled = off");
$node->start;

my $current = $node->safe_psql('postgres',
	"SELECT default_version FROM pg_available_extensions WHERE name = 'dunning'");
isnt($current, $previous, "the new version ($current) is not the previous one ($previous)");

$node->safe_psql('postgres', q{
	CREATE DATABASE old;
	CREATE DATABASE fresh;
	CREATE ROLE regress_upgrade_reader;
	CREATE ROLE regress_upgrade_admin;
	CREATE ROLE regress_upgrade_mailer;
});

# the same ledger, campaign and grants in both databases
my $setup = q{
CREATE TABLE public.invoices (id bigint PRIMARY KEY, customer_id bigint NOT NULL,
                              due_date date NOT NULL, balance numeric(12,2) NOT NULL,
                              number text);
CREATE TABLE public.customers (id bigint PRIMARY KEY, email text, name text);
INSERT INTO public.customers VALUES (1, 'one@example.com', 'One'), (2, 'two@example.com', 'Two'),
                                    (3, 'three@example.com', 'Three');
INSERT INTO public.invoices VALUES (1, 1, '2026-10-01', 100.00, 'U-1'),
                                   (2, 2, '2026-10-20', 200.00, 'U-2'),
                                   (3, 3, '2026-10-25', 300.00, 'U-3');
SELECT dunning.bind_ledger('public.invoices', 'id', 'customer_id', 'due_date', 'balance',
                           reference => 'number');
SELECT dunning.bind_customers('public.customers', 'id', email => 'email', name => 'name');
INSERT INTO dunning.policy (name, currency, is_default, grace_days, send_days, send_from,
                            send_until, time_zone)
VALUES ('u', 'EUR', true, 0, '{1,2,3,4,5,6,7}', '00:00', '23:59', 'UTC');
INSERT INTO dunning.step (policy, level, days_overdue, channel, template) VALUES
  ('u', 1, 3, 'email', 'friendly'), ('u', 2, 20, 'email', 'firm');
INSERT INTO dunning.hold (invoice_id, reason) VALUES (3, 'dispute');
SELECT dunning.grant_reader('regress_upgrade_reader');
SELECT dunning.grant_admin('regress_upgrade_admin');
SELECT dunning.grant_mailer('regress_upgrade_mailer');
};

$node->safe_psql('old', "CREATE EXTENSION dunning VERSION '$previous'");
$node->safe_psql('old', $setup);
$node->safe_psql('fresh', 'CREATE EXTENSION dunning');
$node->safe_psql('fresh', $setup);

# under the new library, the old SQL refuses passes, saying what to do
my ($rc, $out, $err) = $node->psql('old', "SELECT * FROM dunning.run('2026-11-02 10:00+00')");
isnt($rc, 0, 'a pass refuses to run on the previous version\'s SQL');
like($err, qr/the dunning library is version \Q$current\E, but this database has the extension's SQL at version \Q$previous\E/,
	'and says which versions disagree');
like($err, qr/ALTER EXTENSION dunning UPDATE/, 'and how to update');

$node->safe_psql('old', 'ALTER EXTENSION dunning UPDATE');
is($node->safe_psql('old', "SELECT extversion FROM pg_extension WHERE extname = 'dunning'"),
	$current, "ALTER EXTENSION dunning UPDATE brings it to $current");

my $catalog_sql = slurp_file("$FindBin::RealBin/../lib/catalog.sql");
my $old_catalog = $node->safe_psql('old', $catalog_sql);
my $fresh_catalog = $node->safe_psql('fresh', $catalog_sql);
ok(length($fresh_catalog) > 10_000, 'the catalogue lists the extension (' . scalar(split /\n/, $fresh_catalog) . ' lines)');
is($old_catalog, $fresh_catalog,
	'the updated database has the catalogue of a fresh install (test/lib/catalog.sql)');
if ($old_catalog ne $fresh_catalog)
{
	my %fresh = map { $_ => 1 } split /\n/, $fresh_catalog;
	my %old = map { $_ => 1 } split /\n/, $old_catalog;
	diag("only after the update: $_") for grep { !$fresh{$_} } sort keys %old;
	diag("only in a fresh install: $_") for grep { !$old{$_} } sort keys %fresh;
}

# the reference data it ships is the new version's: templates, locale
# rules, currencies, reference rates, fee schedules and laws
for my $t (qw(template_default locale_default currency reference_rate fee_schedule fee_band law))
{
	my $sql = "SELECT string_agg(t::text, E'\n' ORDER BY t::text) FROM dunning.$t t";
	is($node->safe_psql('old', $sql), $node->safe_psql('fresh', $sql),
		"the updated database ships the rows of dunning.$t of a fresh install");
}

# the same passes, the same outcome
my $passes = q{
	SELECT string_agg(format('%s %s %s %s', r.examined, r.emitted, r.resolved, r.cancelled), '; '
	                  ORDER BY d)
	  FROM unnest(ARRAY['2026-11-02 10:00+00', '2026-11-20 10:00+00']::timestamptz[]) d,
	       LATERAL dunning.run(d) r};
my $rows = q{
	SELECT string_agg(x, E'\n' ORDER BY x) FROM (
	  SELECT format('%s %s %s %s %s %s', invoice_ids, level, channel, status, subject,
	                idempotency_key) AS x FROM dunning.all_reminders
	  UNION ALL
	  SELECT format('%s %s %s %s', invoice_id, level, status, waiting_for) FROM dunning.invoice_state) f};
my $fresh_passes = $node->safe_psql('fresh', $passes);
like($fresh_passes, qr/^\d+ [1-9]/, "the fresh database's first pass emits reminders ($fresh_passes)");
is($node->safe_psql('old', $passes), $fresh_passes, 'the updated database\'s passes do the same');
is($node->safe_psql('old', $rows), $node->safe_psql('fresh', $rows),
	'and leave the same reminders and states');
is($node->safe_psql('old', q{SELECT has_table_privilege('regress_upgrade_reader',
	'dunning.templates_in_effect', 'SELECT') AND has_function_privilege('regress_upgrade_admin',
	'dunning.rediscover()', 'EXECUTE')}), 't',
	'the roles given access keep it, on renamed views and new functions alike');

$node->stop;
done_testing();
