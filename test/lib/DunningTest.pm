# Helpers the TAP tests of dunning share: starting a program in the
# background, reading a log, waiting for a condition.
package DunningTest;

use strict;
use warnings;
use Exporter 'import';
use Time::HiRes qw(time usleep);

our @EXPORT_OK = qw(spawn lines_of wait_for);

# Start a command in the background, with some environment variables set
# (or, given undef, unset), its output appended to a log file; its pid.
sub spawn
{
	my ($log, $env, @cmd) = @_;
	my $pid = fork();
	die "fork failed: $!" unless defined $pid;
	if ($pid == 0)
	{
		foreach my $k (keys %$env)
		{
			if (defined $env->{$k}) { $ENV{$k} = $env->{$k}; }
			else { delete $ENV{$k}; }
		}
		open(STDOUT, '>>', $log) or die;
		open(STDERR, '>>', $log) or die;
		exec(@cmd) or die "exec @cmd failed: $!";
	}
	return $pid;
}

# The lines of a file, without their line ends (none if it does not exist).
sub lines_of
{
	my ($file) = @_;
	return () unless -e $file;
	open(my $fh, '<', $file) or die;
	my @lines = <$fh>;
	close($fh);
	chomp @lines;
	return @lines;
}

# Poll a condition every 50 ms for at most $timeout seconds; whether it held.
sub wait_for
{
	my ($what, $timeout) = @_;
	my $until = time() + $timeout;
	while (time() < $until)
	{
		return 1 if $what->();
		usleep(50_000);
	}
	return 0;
}

1;
