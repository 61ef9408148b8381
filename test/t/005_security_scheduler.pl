# The scheduler with no superuser, and the ledger owner's attack on it: a
# role that owns the bound view (and nothing in schema dunning) replaces it
# with one that calls its own function, which tries to make the role
# superuser whenever it runs as one.  Within a few naptimes the scheduler
# has run passes through that view: the function ran as its owner, the
# owner is no superuser, and the scheduler connected as the role named by
# dunning.scheduler_role, which is no superuser either.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('security');
$node->init;
$node->append_conf('postgresql.conf', qq{
shared_preload_libraries = 'dunning'
dunning.naptime = 1
dunning.scheduler_role = 'regress_scheduler'
dunning.discovery_lookback = '7d'
});
$node->start;

# until the role exists, no scheduler starts, rather than run as another
$node->safe_psql('postgres', 'CREATE DATABASE shop');
$node->safe_psql('shop', 'CREATE EXTENSION dunning');
ok( $node->wait_for_log(qr/role "regress_scheduler" named by dunning.scheduler_role does not exist/),
	'a scheduler role that does not exist is reported');
is($node->safe_psql('shop',
		"SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'dunning scheduler'"),
	'0', 'and no scheduler starts as another role meanwhile');

$node->safe_psql('shop', q{
	CREATE ROLE regress_scheduler LOGIN;
	CREATE ROLE regress_app;
	SELECT dunning.grant_scheduler('regress_scheduler');
	CREATE SCHEMA app AUTHORIZATION regress_app;
	SET SESSION AUTHORIZATION regress_app;
	CREATE TABLE app.invoices (id int PRIMARY KEY, cust int NOT NULL, due date NOT NULL,
	                           bal numeric NOT NULL);
	INSERT INTO app.invoices SELECT g, g, current_date - 10, 100 FROM generate_series(1, 20) g;
	CREATE VIEW app.invoices_v AS SELECT * FROM app.invoices;
	CREATE TABLE app.seen (who name, superuser boolean, at timestamptz DEFAULT clock_timestamp());
	CREATE FUNCTION app.pwn() RETURNS boolean LANGUAGE plpgsql AS $$
	BEGIN
	  INSERT INTO app.seen (who, superuser)
	  SELECT current_user, r.rolsuper FROM pg_roles r WHERE r.rolname = current_user;
	  IF (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = current_user) THEN
	    ALTER ROLE regress_app SUPERUSER;
	  END IF;
	  RETURN true;
	END
	$$;
	RESET SESSION AUTHORIZATION;
	SELECT dunning.bind_ledger('app.invoices_v', 'id', 'cust', 'due', 'bal',
	                           run_as => 'regress_app');
	INSERT INTO dunning.policy (name, currency, is_default, send_days, send_from, send_until)
	VALUES ('p', 'EUR', true, '{1,2,3,4,5,6,7}', '00:00', '23:59');
	INSERT INTO dunning.step (policy, level, days_overdue, channel) VALUES ('p', 1, 3, 'letter');
});

ok($node->poll_query_until('shop', 'SELECT count(*) = 20 FROM dunning.reminder'),
	'the scheduler, connected as a role that is no superuser, emits the reminders');
is($node->safe_psql('shop',
		"SELECT usename || ' ' || (SELECT rolsuper FROM pg_roles WHERE rolname = usename)"
		  . " FROM pg_stat_activity WHERE backend_type = 'dunning scheduler'"),
	'regress_scheduler false', 'pg_stat_activity shows the scheduler as regress_scheduler');

# the owner of the view puts its function in it, as it may at any time
$node->safe_psql('shop', q{
	SET SESSION AUTHORIZATION regress_app;
	CREATE OR REPLACE VIEW app.invoices_v AS SELECT * FROM app.invoices WHERE app.pwn();
	RESET SESSION AUTHORIZATION;
	INSERT INTO app.invoices VALUES (21, 21, current_date - 5, 100);
	-- entered after its due date: the next pass looks for it
	SELECT dunning.rediscover();
});
ok($node->poll_query_until('shop', 'SELECT count(*) = 21 FROM dunning.reminder'),
	'the next passes read the view, calling its function');
ok($node->poll_query_until('shop', 'SELECT count(*) > 0 FROM app.seen'),
	'the function ran in the scheduler\'s passes');
is($node->safe_psql('shop', 'SELECT DISTINCT who || \' \' || superuser FROM app.seen'),
	'regress_app false', 'it ran as its owner, who is no superuser');
is($node->safe_psql('shop', "SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_app'"),
	'f', 'the owner of the view did not become superuser');
is($node->safe_psql('shop', "SELECT count(*) FROM dunning.run_log WHERE error IS NOT NULL"),
	'0', 'no pass failed');

$node->stop;
done_testing();
