# The report: dunning.report() draws the aging, the funnel and what each
# level achieved as one HTML page with SVG, and a real headless browser
# (Debian's chromium) renders it: the page loads without error, its
# drawings are there, and it shows the figures of the test ledger.  A
# customer's hostile text is written out, never read as markup.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $chromium = '/usr/bin/chromium';
plan skip_all => 'chromium is not installed (test/lib/deps.sh installs it)' unless -x $chromium;

my $node = PostgreSQL::Test::Cluster->new('report');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	CREATE EXTENSION dunning;
	CREATE TABLE inv (id int PRIMARY KEY, cust int NOT NULL, due date NOT NULL,
	                  open numeric NOT NULL, cur text NOT NULL);
	-- a currency code no one should see as markup
	INSERT INTO inv VALUES (1, 1, '2026-09-01', 300.00, 'EUR'), (2, 2, '2026-10-01', 120.00, 'EUR'),
	                       (3, 3, '2026-10-01', 75.50, 'GBP'), (4, 4, '2026-10-20', 10, '<b>X');
	SELECT dunning.bind_ledger('inv', 'id', 'cust', 'due', 'open', 'cur');
	INSERT INTO dunning.policy (name, currency, is_default, send_days, send_from, send_until)
	VALUES ('eur', 'EUR', true, '{1,2,3,4,5,6,7}', '00:00', '23:59'),
	       ('gbp', 'GBP', true, '{1,2,3,4,5,6,7}', '00:00', '23:59');
	INSERT INTO dunning.step (policy, level, days_overdue, channel, template)
	VALUES ('eur', 1, 1, 'email', 'friendly'), ('gbp', 1, 1, 'email', 'friendly');
	SELECT dunning.run('2026-10-02 10:00+00');
	SELECT count(*) FROM (SELECT dunning.ack('m', id) FROM dunning.claim('m', 10)) a;
	UPDATE inv SET open = 0 WHERE id = 2;
	SELECT dunning.run('2026-10-05 10:00+00', true);
});

my $dir = PostgreSQL::Test::Utils::tempdir();
my $page = $node->safe_psql('postgres', q{SELECT dunning.report('2026-10-25')});
open(my $fh, '>', "$dir/report.html") or die "cannot write the report: $!";
print $fh $page;
close $fh;

like($page, qr/<svg/, 'the report draws with SVG');
unlike($page, qr/<b>X/, 'a hostile currency code is not markup');
like($page, qr/&lt;b&gt;X/, 'but written out');

# render it: the DOM the browser built, and a screenshot of it
my ($stdout, $stderr);
my $ok = IPC::Run::run([ $chromium, '--headless', '--no-sandbox', '--disable-gpu',
	'--dump-dom', "file://$dir/report.html" ], '>', \$stdout, '2>', \$stderr);
ok($ok, 'chromium renders the report') or diag($stderr);
my $svgs = () = $stdout =~ /<svg/g;
cmp_ok($svgs, '>=', 4, "the rendered page has its drawings ($svgs)");
like($stdout, qr/Dunning report as of 2026-10-25/, 'with its title');
# the aging of 25 October: 300.00 (EUR) is 31-60 days overdue, 75.50 (GBP) 1-30
like($stdout, qr/31-60<\/text>.*?300\.00/s, 'the EUR aging shows 300.00 at 31-60 days');
like($stdout, qr/1-30<\/text>.*?75\.50/s, 'the GBP aging shows 75.50 at 1-30 days');
# the funnel: three e-mails sent, one paid (invoice 2, paid within 30 days)
like($stdout, qr/friendly \(email\).*?sent<\/text>.*?>3<\/text>.*?paid<\/text>.*?>1<\/text>/s,
	'the funnel shows 3 sent and 1 paid');
ok(IPC::Run::run([ $chromium, '--headless', '--no-sandbox', '--disable-gpu',
	"--screenshot=$dir/report.png", '--window-size=800,1200', "file://$dir/report.html" ],
	'>', \$stdout, '2>', \$stderr), 'chromium draws a screenshot of it') or diag($stderr);
cmp_ok(-s "$dir/report.png", '>', 5000, 'the screenshot is a picture (' . (-s "$dir/report.png") . ' bytes)');

$node->stop;
done_testing();
