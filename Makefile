# libsmmod - top-level Makefile (GNU make).
#
#   make                 library, CLI and examples into $(BUILD) (default build/)
#   make check | test    every test (unit suites, header, symbols, ABI, rule
#                        tests, CLI, Python)
#   make sanitize        the same suites under AddressSanitizer + UBSan
#   make bench [CORPUS=file]   throughput benchmark
#   make install PREFIX=/usr/local DESTDIR=   |   make uninstall   |   make clean
#
# Sources are found by wildcard: lib/*.c is the library, examples/smmod/*.c
# the CLI, examples/*.c one program each, tests/unit/test_*.c one cmocka
# suite each (linked against the static library so it can reach internals).

BUILD    ?= build
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
PKG      ?= pkg-config

# The SONAME is versioned apart from the release: bump SOMAJOR only on an
# incompatible ABI change (see README.md, "ABI rules").
SOMAJOR  := 1
SOVER    := 1.0.0
VERSION  := $(shell sed -n 's/^\#define SMMOD_VERSION_STRING "\(.*\)"/\1/p' include/smmod.h)

LIB_PKGS := libpcre2-8 icu-uc icu-i18n libutf8proc
CLI_PKGS := jansson zlib

OPT      ?= -O2
SANFLAGS ?=
CFLAGS_BASE := -std=c11 -Wall -Wextra -Werror $(OPT) -g -D_GNU_SOURCE \
               -Iinclude -Ilib $(SANFLAGS)
LIB_CFLAGS  := $(CFLAGS_BASE) -fPIC -fvisibility=hidden \
               $(shell $(PKG) --cflags $(LIB_PKGS))
LIB_LIBS    := $(shell $(PKG) --libs $(LIB_PKGS)) -lpthread
CLI_CFLAGS  := $(CFLAGS_BASE) $(shell $(PKG) --cflags $(CLI_PKGS))
CLI_LIBS    := $(shell $(PKG) --libs $(CLI_PKGS)) -lcsv -lpthread
TEST_LIBS   := $(shell $(PKG) --libs cmocka) $(LIB_LIBS)

LIB_SRCS  := $(sort $(wildcard lib/*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
CLI_SRCS  := $(sort $(wildcard examples/smmod/*.c))
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/obj/%.o)
EX_SRCS   := $(sort $(wildcard examples/*.c))
EX_BINS   := $(EX_SRCS:examples/%.c=$(BUILD)/bin/%)
TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))
TEST_BINS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TEST_HELPERS := $(sort $(wildcard tests/unit/helper_*.c))
BENCH_SRCS := $(sort $(wildcard tests/bench/bench_*.c))
BENCH_HELPERS := $(sort $(wildcard tests/bench/helper_*.c))
BENCH_BINS := $(BENCH_SRCS:tests/bench/%.c=$(BUILD)/bench/%)

SO_REAL  := $(BUILD)/lib/libsmmod.so.$(SOVER)
SO_MAJOR := $(BUILD)/lib/libsmmod.so.$(SOMAJOR)
SO_DEV   := $(BUILD)/lib/libsmmod.so
ARCHIVE  := $(BUILD)/lib/libsmmod.a
CLI      := $(BUILD)/bin/smmod

.PHONY: all lib cli examples tests check test sanitize valgrind bench \
        install uninstall clean format fuzz
all: lib cli examples tests $(BUILD)/libsmmod.pc

lib: $(SO_REAL) $(SO_MAJOR) $(SO_DEV) $(ARCHIVE)
cli: $(CLI)
examples: $(EX_BINS)
tests: $(TEST_BINS) $(BENCH_BINS)

$(BUILD)/obj/lib/%.o: lib/%.c include/smmod.h $(wildcard lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -c $< -o $@

$(SO_REAL): $(LIB_OBJS) lib/libsmmod.map
	@mkdir -p $(dir $@)
	$(CC) -shared -Wl,-soname,libsmmod.so.$(SOMAJOR) \
	  -Wl,--version-script=lib/libsmmod.map -Wl,--no-undefined $(SANFLAGS) \
	  -o $@ $(LIB_OBJS) $(LIB_LIBS)
$(SO_MAJOR): $(SO_REAL)
	ln -sf libsmmod.so.$(SOVER) $@
$(SO_DEV): $(SO_MAJOR)
	ln -sf libsmmod.so.$(SOMAJOR) $@
$(ARCHIVE): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

$(BUILD)/obj/examples/%.o: examples/%.c include/smmod.h $(wildcard examples/smmod/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CLI_CFLAGS) -c $< -o $@

# Programs link the shared library like any other user of it; the rpath
# finds it both in the build tree and after `make install`.
RPATH := -Wl,-rpath,'$$ORIGIN/../lib'
$(CLI): $(CLI_OBJS) $(SO_DEV)
	@mkdir -p $(dir $@)
	$(CC) $(SANFLAGS) -o $@ $(CLI_OBJS) -L$(BUILD)/lib -lsmmod $(RPATH) $(CLI_LIBS)

$(BUILD)/bin/%: $(BUILD)/obj/examples/%.o $(SO_DEV)
	@mkdir -p $(dir $@)
	$(CC) $(SANFLAGS) -o $@ $< -L$(BUILD)/lib -lsmmod $(RPATH) $(CLI_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(TEST_HELPERS) $(ARCHIVE) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) -Itests/unit -o $@ $< $(TEST_HELPERS) $(ARCHIVE) $(TEST_LIBS)

$(BUILD)/bench/%: tests/bench/%.c $(BENCH_HELPERS) $(ARCHIVE) $(wildcard tests/bench/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) -Itests/bench -o $@ $< $(BENCH_HELPERS) $(ARCHIVE) $(LIB_LIBS)

$(BUILD)/libsmmod.pc: lib/libsmmod.pc.in include/smmod.h
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    -e 's|@REQUIRES@|$(LIB_PKGS)|g' $< > $@

# ---- tests ---------------------------------------------------------------
check: all
	BUILD=$(BUILD) bash tests/run_all.sh
test: check

sanitize:
	$(MAKE) BUILD=build-san OPT=-O1 \
	  SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" all
	BUILD=build-san SMMOD_SANITIZED=1 bash tests/run_all.sh

valgrind: all
	BUILD=$(BUILD) SMMOD_VALGRIND=1 bash tests/run_all.sh

CORPUS ?= ../shared/bench/peers/corpus/germeval.txt
bench: all
	bash tests/bench/run.sh "$(CORPUS)"

# libFuzzer targets (tests/fuzz/run.sh, clang-14) into build-fuzz, each run
# for FUZZ_SECONDS (default 60); fuzz-smoke runs each 12 s (for .ci/run).
fuzz:
	bash tests/fuzz/run.sh $(FUZZ_SECONDS)

format:
	clang-format -i include/*.h lib/*.c lib/*.h examples/*.c examples/smmod/*.c examples/smmod/*.h tests/unit/*.c

.PHONY: fuzz-smoke tsan
fuzz-smoke:
	bash tests/fuzz/run.sh --smoke

# The threaded suites (test_threads, test_reload) under ThreadSanitizer, in
# build-tsan.
tsan:
	bash tests/tsan/run.sh

# ---- install -------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/smmod/rules \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 include/smmod.h $(DESTDIR)$(PREFIX)/include/
	install -m 755 $(SO_REAL) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libsmmod.so.$(SOVER) $(DESTDIR)$(PREFIX)/lib/libsmmod.so.$(SOMAJOR)
	ln -sf libsmmod.so.$(SOMAJOR) $(DESTDIR)$(PREFIX)/lib/libsmmod.so
	install -m 644 $(ARCHIVE) $(DESTDIR)$(PREFIX)/lib/
	install -m 644 $(BUILD)/libsmmod.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/
	cp -R rules/. $(DESTDIR)$(PREFIX)/share/smmod/rules/
	if [ -f examples/smmod/smmod.1 ]; then \
	  install -m 644 examples/smmod/smmod.1 $(DESTDIR)$(PREFIX)/share/man/man1/; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/include/smmod.h \
	  $(DESTDIR)$(PREFIX)/lib/libsmmod.so.$(SOVER) \
	  $(DESTDIR)$(PREFIX)/lib/libsmmod.so.$(SOMAJOR) \
	  $(DESTDIR)$(PREFIX)/lib/libsmmod.so $(DESTDIR)$(PREFIX)/lib/libsmmod.a \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/libsmmod.pc \
	  $(DESTDIR)$(PREFIX)/bin/smmod $(DESTDIR)$(PREFIX)/share/man/man1/smmod.1
	rm -rf $(DESTDIR)$(PREFIX)/share/smmod

clean:
	rm -rf build build-san build-*
