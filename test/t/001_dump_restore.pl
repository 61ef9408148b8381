# A database using dunning survives pg_dump -Fc / pg_restore: configuration,
# the ledger binding and the column types adapted to the bound ledger.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('main');
$node->init;
$node->append_conf('postgresql.conf', "shared_preload_libraries = 'dunning'\ndunning.enabled = off");
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE source');
$node->safe_psql('postgres', 'CREATE DATABASE restored');

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
INSERT INTO public.invoices VALUES
    (1, 7, '2024-01-10', 100.00, 'EUR', 'INV-1'),
    (2, 7, '2024-02-10', 250.50, 'EUR', 'INV-2'),
    (3, 8, '2024-03-01',  80.00, 'EUR', 'INV-3'),
    (4, 9, '2024-03-15',   0.00, 'EUR', 'INV-4');

SELECT dunning.bind_ledger(source => 'public.invoices', invoice_id => 'id',
    customer_id => 'customer_id', due_on => 'due_date',
    open_amount => 'balance', currency => 'currency', reference => 'number');

INSERT INTO dunning.policy (name, currency, is_default)
    VALUES ('standard', 'EUR', true);
INSERT INTO dunning.template (name, channel, locale, subject, body)
    VALUES ('friendly', 'email', 'en', 'Invoice reminder', 'Hello'),
           ('custom', 'email', 'en', 'Second reminder', 'Hello again');
-- a step naming a template of the user's: a restore loads steps first
INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee)
    VALUES ('standard', 1, 3, 'email', NULL, 0),
           ('standard', 2, 14, 'email', 'custom', 0);
INSERT INTO dunning.assignment (customer_id, policy) VALUES (7, 'standard');
INSERT INTO dunning.hold (invoice_id, reason) VALUES (3, 'dispute');
});

my $dump = PostgreSQL::Test::Utils::tempdir() . '/source.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', 'source' ],
    'pg_dump -Fc of the source database');
$node->command_ok(
    [ 'pg_restore', '--exit-on-error', '-d', 'restored', $dump ],
    'pg_restore into a new database');
# the plain format, through psql, stopping at the first error
my $plain = PostgreSQL::Test::Utils::tempdir() . '/source.sql';
$node->safe_psql('postgres', 'CREATE DATABASE restored_plain');
$node->command_ok([ 'pg_dump', '-Fp', '-f', $plain, '-d', 'source' ],
    'pg_dump -Fp of the source database');
$node->command_ok(
    [ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'restored_plain', '-f', $plain ],
    'the plain dump restores with ON_ERROR_STOP');
is($node->safe_psql('restored_plain', 'SELECT string_agg(t::text, \' \' ORDER BY level) FROM dunning.step t'),
    $node->safe_psql('source', 'SELECT string_agg(t::text, \' \' ORDER BY level) FROM dunning.step t'),
    'the plain restore has every step, with the template it names');

# Runs a query; returns its output, or undef (with a diagnostic) on error.
sub query
{
    my ($db, $sql) = @_;
    my ($rc, $out, $err) = $node->psql($db, $sql);
    return $out if $rc == 0;
    diag("in database $db: $err");
    return undef;
}

# Whole rows, so that no column is forgotten.
my @same = (
    [ 'policies'    => 'SELECT t::text FROM dunning.policy t ORDER BY 1' ],
    [ 'steps'       => 'SELECT t::text FROM dunning.step t ORDER BY 1' ],
    [ 'templates'   => 'SELECT t::text FROM dunning.template t ORDER BY 1' ],
    [ 'assignments' => 'SELECT t::text FROM dunning.assignment t ORDER BY 1' ],
    [ 'holds'       => 'SELECT t::text FROM dunning.hold t ORDER BY 1' ],
    [ 'the binding' => 'SELECT source, columns FROM dunning.binding ORDER BY 1, 2' ],
    [ 'the ledger row count' => 'SELECT count(*) FROM dunning.ledger' ],
);
for my $check (@same)
{
    my ($what, $sql) = @$check;
    my $src = query('source', $sql);
    my $dst = query('restored', $sql);
    ok(defined $src && defined $dst, "$what: readable in both databases");
    is($dst, $src, "$what: same after restore");
}

is(query('source', 'SELECT count(*) FROM dunning.policy'),
    '1', 'the source has the inserted policy');
is(query('restored', 'SELECT count(*) FROM dunning.ledger'),
    '4', 'the restored ledger shows every invoice');

my $hold_type = q{
    SELECT format_type(atttypid, atttypmod) FROM pg_attribute
     WHERE attrelid = 'dunning.hold'::regclass AND attname = 'invoice_id'};
is(query('source', $hold_type), 'bigint',
    'dunning.hold.invoice_id is bigint in the source');
is(query('restored', $hold_type), 'bigint',
    'dunning.hold.invoice_id is bigint after restore');

# Sequences continue where the source left them.
ok( defined query(
        'restored', q{
        INSERT INTO dunning.hold (invoice_id, reason) VALUES (2, 'manual');
        INSERT INTO dunning.step (policy, level, days_overdue, channel, template, fee)
            VALUES ('standard', 3, 30, 'email', NULL, 0);}),
    'new holds and steps can be added after restore');

$node->stop;
done_testing();
