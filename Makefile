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

# every sql/dunning--*.sql is an install or upgrade script
DATA       = $(wildcard sql/dunning--*.sql)

# pg_regress topics: every sql/<topic>.sql that is not an extension script
REGRESS      = $(sort $(basename $(notdir $(filter-out $(DATA),$(wildcard sql/*.sql)))))
REGRESS_OPTS = --inputdir=. --load-extension=dunning

# isolation specs live in test/isolation/specs
ISOLATION_SPECS = $(sort $(basename $(notdir $(wildcard test/isolation/specs/*.spec))))

PG_CONFIG ?= pg_config
PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# every object is rebuilt when a header changes (PGXS tracks no dependencies)
$(OBJS): $(wildcard src/*.h)

# the reference mailer, a program of its own (libpq, libcurl)
MAILER = src/mailer/dunning_mailer
MAILER_CFLAGS = -O2 -g -Wall -Wextra -Werror -I$(shell $(PG_CONFIG) --includedir)
MAILER_LIBS = -L$(shell $(PG_CONFIG) --libdir) -lpq $(shell curl-config --libs 2>/dev/null || echo -lcurl)

all: $(MAILER)

$(MAILER): $(MAILER).c
	$(CC) $(MAILER_CFLAGS) -o $@ $< $(MAILER_LIBS)

install: install-mailer

.PHONY: install-mailer
install-mailer: $(MAILER)
	$(INSTALL_PROGRAM) $(MAILER) '$(DESTDIR)$(bindir)/dunning_mailer'

clean: clean-mailer

.PHONY: clean-mailer
clean-mailer:
	rm -f $(MAILER)

.PHONY: test demo bench deps fuzz

# Install the Debian packages the suites need (root only; a no-op when present).
deps:
	bash test/lib/deps.sh

test:
	bash test/run.sh

demo:
	bash test/demo/run.sh

bench:
	bash test/bench/run.sh

FUZZ_TIME ?= 600
fuzz:
	bash test/lib/deps.sh
	bash test/fuzz/run.sh $(FUZZ_TIME)
