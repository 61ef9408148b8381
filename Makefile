# Makefile for the dunning extension (PGXS)
#
#   make            build the shared library and the reference mailer
#   make install    install it (and dunning_mailer) into the server found by pg_config
#   make test       install what is missing, build, install, run every suite
#   make demo       run the end-to-end demo on a throwaway cluster
#   make bench      run the benchmarks (on demand, not a timed test)
#   make fuzz       fuzz the template language for FUZZ_TIME seconds (default 600)

EXTENSION  = dunning
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" dunning.control)

MODULE_big = dunning
OBJS       = $(patsubst %.c,%.o,$(wildcard src/*.c))

# The install script is built from one file per concern in sql/install/,
# with the shipped data apart in sql/install/data/, in this order (each
# file's objects need only those of the files before it):
INSTALL_SQL = \
	sql/install/00_schema.sql \
	sql/install/01_reference.sql \
	sql/install/data/currencies.sql \
	sql/install/02_binding.sql \
	sql/install/03_checks.sql \
	sql/install/04_calendar.sql \
	sql/install/05_reference_rate.sql \
	sql/install/data/reference_rates.sql \
	sql/install/06_fee_schedule.sql \
	sql/install/data/fee_schedules.sql \
	sql/install/07_law.sql \
	sql/install/data/laws.sql \
	sql/install/08_policy.sql \
	sql/install/09_template.sql \
	sql/install/data/templates/en.sql \
	sql/install/data/templates/fr.sql \
	sql/install/data/templates/de.sql \
	sql/install/data/templates/it.sql \
	sql/install/data/templates/es.sql \
	sql/install/data/templates/pt.sql \
	sql/install/data/templates/nl.sql \
	sql/install/data/templates/letter.sql \
	sql/install/10_locale.sql \
	sql/install/data/locales.sql \
	sql/install/11_render.sql \
	sql/install/12_step.sql \
	sql/install/13_assignment.sql \
	sql/install/14_hold.sql \
	sql/install/15_queue.sql \
	sql/install/16_state.sql \
	sql/install/17_charge.sql \
	sql/install/18_statement.sql \
	sql/install/19_pass.sql \
	sql/install/20_look_again.sql \
	sql/install/21_derived_views.sql \
	sql/install/22_workers.sql \
	sql/install/23_events.sql \
	sql/install/24_suppression.sql \
	sql/install/25_outcome.sql \
	sql/install/26_settle.sql \
	sql/install/27_claim.sql \
	sql/install/28_answer.sql \
	sql/install/29_cancel.sql \
	sql/install/30_analytics.sql \
	sql/install/31_prune.sql \
	sql/install/32_privileges.sql \
	sql/install/33_tenant.sql \
	sql/install/34_dump.sql
BUILT_SCRIPT = $(EXTENSION)--$(EXTVERSION).sql
# the update from 0.1, built the same way: its own pieces, and the install
# files of what 0.2 adds or changes (so that each object is written once;
# the files of functions alone say CREATE OR REPLACE, and serve both)
UPGRADE_0_2 = \
	sql/upgrade/0.1--0.2/10_head.sql \
	sql/install/03_checks.sql \
	sql/install/20_look_again.sql \
	sql/install/05_reference_rate.sql \
	sql/install/data/reference_rates.sql \
	sql/install/06_fee_schedule.sql \
	sql/install/data/fee_schedules.sql \
	sql/install/07_law.sql \
	sql/install/data/laws.sql \
	sql/upgrade/0.1--0.2/30_columns.sql \
	sql/upgrade/0.1--0.2/32_feedback.sql \
	sql/install/24_suppression.sql \
	sql/install/25_outcome.sql \
	sql/install/30_analytics.sql \
	sql/upgrade/0.1--0.2/35_payments.sql \
	sql/install/02_binding.sql \
	sql/install/32_privileges.sql \
	sql/install/17_charge.sql \
	sql/upgrade/0.1--0.2/47_tenants.sql \
	sql/install/33_tenant.sql \
	sql/upgrade/0.1--0.2/40_charges.sql \
	sql/install/18_statement.sql \
	sql/install/26_settle.sql \
	sql/install/27_claim.sql \
	sql/install/28_answer.sql \
	sql/install/29_cancel.sql \
	sql/install/31_prune.sql \
	sql/upgrade/0.1--0.2/45_templates.sql \
	sql/install/data/templates/en.sql \
	sql/install/data/templates/fr.sql \
	sql/install/data/templates/de.sql \
	sql/install/data/templates/it.sql \
	sql/install/data/templates/es.sql \
	sql/install/data/templates/pt.sql \
	sql/install/data/templates/nl.sql \
	sql/install/data/templates/letter.sql \
	sql/upgrade/0.1--0.2/50_tail.sql
BUILT_UPGRADES = $(EXTENSION)--0.1--0.2.sql
DATA_built = $(BUILT_SCRIPT) $(BUILT_UPGRADES)
# the install script of the oldest version the updates start from, kept as
# it was released so that test/t/007_upgrade.pl can install it and update it
DATA       = $(wildcard sql/upgrade/$(EXTENSION)--*.sql)

# pg_regress topics: every sql/<topic>.sql
REGRESS      = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=dunning

# isolation specs live in test/isolation/specs
ISOLATION_SPECS = $(sort $(basename $(notdir $(wildcard test/isolation/specs/*.spec))))

PG_CONFIG ?= pg_config
PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror
PG_CPPFLAGS += -DDUNNING_VERSION='"$(EXTVERSION)"'


PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# every object is rebuilt when a header changes (PGXS tracks no dependencies)
$(OBJS): $(wildcard src/*.h)

# the library's version is compiled into it (src/version.c)
src/version.o: dunning.control

$(EXTENSION)--0.1--0.2.sql: $(UPGRADE_0_2) Makefile
	cat $(UPGRADE_0_2) > $@

$(BUILT_SCRIPT): $(INSTALL_SQL) Makefile
	@for f in $(filter-out $(INSTALL_SQL) Makefile,$(wildcard sql/install/*.sql sql/install/data/*.sql sql/install/data/*/*.sql)); do \
		echo "$$f is not in INSTALL_SQL of the Makefile" >&2; exit 1; done
	cat $(INSTALL_SQL) > $@

# the reference mailer, a program of its own (libpq, libcurl)
MAILER = src/mailer/dunning_mailer
MAILER_CFLAGS = -O2 -g -Wall -Wextra -Werror -I$(shell $(PG_CONFIG) --includedir)
MAILER_LIBS = -L$(shell $(PG_CONFIG) --libdir) -lpq $(shell curl-config --libs 2>/dev/null || echo -lcurl)

all: $(MAILER)

$(MAILER): $(wildcard src/mailer/*.c src/mailer/*.h)
	$(CC) $(MAILER_CFLAGS) -o $@ $(filter %.c,$^) $(MAILER_LIBS)

install: install-mailer

.PHONY: install-mailer
install-mailer: $(MAILER)
	$(INSTALL_PROGRAM) $(MAILER) '$(DESTDIR)$(bindir)/dunning_mailer'

clean: clean-mailer

.PHONY: clean-mailer
clean-mailer:
	rm -f $(MAILER)

.PHONY: test test-citus demo bench bench-citus deps fuzz

# Install the Debian packages the suites need (root only; a no-op when present).
deps:
	bash test/lib/deps.sh

test:
	bash test/run.sh

# dunning on a Citus cluster of this machine (run by make test when Citus is installed)
test-citus:
	bash test/citus/run.sh

demo:
	bash test/demo/run.sh

bench:
	bash test/bench/run.sh

# a pass over one ledger on one node and distributed over two Citus workers
bench-citus:
	bash test/bench/citus.sh

FUZZ_TIME ?= 600
fuzz:
	bash test/lib/deps.sh
	bash test/fuzz/run.sh $(FUZZ_TIME)
