# The README's SQL runs as pasted.  On a fresh database of a server that
# preloads the library (its scheduler passing every second), the blocks of
# "Installing into an existing server" and "A five-minute tour" run in
# order, each as a reader would paste it into psql; the tour's draft keeps
# the scheduler from sending anything before the reader has previewed.
# Then every other SQL block of the README that stands alone (not marked
# "<!-- not standalone: ... -->") runs after the tour, each in a
# transaction rolled back.  A block that fails fails the test.
use strict;
use warnings;
use FindBin;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my @lines = split /\n/, slurp_file("$FindBin::RealBin/../../README.md");

# The ```sql blocks: where each is, in which section, and whether it is
# marked as needing ids or relations of the reader's own.
my (@blocks, $section, $in, $marked);
for my $n (0 .. $#lines)
{
	my $line = $lines[$n];
	if (!$in && $line =~ /^## (.*)/) { $section = $1; next; }
	if (!$in && $line =~ /^```sql\s*$/)
	{
		$in = { line => $n + 1, section => $section, sql => '',
			standalone => !($n > 0 && $lines[ $n - 1 ] =~ /^<!-- not standalone/) };
		next;
	}
	if ($in && $line =~ /^```\s*$/) { push @blocks, $in; undef $in; next; }
	$in->{sql} .= "$line\n" if $in;
}
my @tour = grep { $_->{section} =~ /^(Installing into an existing server|A five-minute tour)$/ } @blocks;
my @others = grep { my $b = $_; $b->{standalone} && !grep { $_ == $b } @tour } @blocks;
cmp_ok(scalar @tour, '>=', 8, 'the tour has its blocks (' . scalar(@tour) . ')');
cmp_ok(scalar @others, '>=', 5, 'the README has other blocks that stand alone (' . scalar(@others) . ')');

my $node = PostgreSQL::Test::Cluster->new('readme');
$node->init;
$node->append_conf('postgresql.conf', qq{
shared_preload_libraries = 'dunning'
dunning.naptime = 1
});
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE tour');

# Runs one block as pasted; true when psql ran it all without an error.
sub run_block
{
	my ($block, $sql, $what) = @_;
	my ($rc, $out, $err) = $node->psql('tour', $sql, on_error_stop => 1);
	ok($rc == 0, "$what (README line $block->{line}, $block->{section}) runs as pasted")
	  or diag($err);
	return $rc == 0;
}

for my $block (@tour)
{
	if ($block->{sql} =~ /SET status = 'active'/)
	{
		# the scheduler has had time for passes: the drafts held it back,
		# while a preview sees what would go
		sleep 3;
		is($node->safe_psql('tour', 'SELECT count(*) FROM dunning.reminder'), '0',
			'before the campaign is switched on, the scheduler has sent nothing');
		cmp_ok($node->safe_psql('tour', 'SELECT count(*) FROM dunning.preview()'), '>', 0,
			'while a preview shows what would go');
	}
	run_block($block, $block->{sql}, 'a block of the tour');
}
cmp_ok($node->safe_psql('tour', 'SELECT count(*) FROM dunning.all_reminders'), '>', 0,
	'after the tour, reminders are in the queue');

for my $block (@others)
{
	run_block($block, "BEGIN;\n$block->{sql}\nROLLBACK;\n", 'a block that stands alone');
}

$node->stop;
done_testing();
