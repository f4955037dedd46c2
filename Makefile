# declconv — see README.md. `make demo` converts the bundled fixtures into
# out/ (installing a CJK font first); `make deps` installs what the tests
# read our output with, `make test` runs every test (it installs nothing).

GO       ?= go
BIN      := bin/convert
FORMATS  ?= yaml,json,txt,pdf,xlsx,html,akn
FUZZTIME ?= 20s

.PHONY: all build demo test race golden bench probe fuzz lint cov deps clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/convert

# deps installs the Debian packages the tests use (fonts, poppler-utils,
# qpdf, Python readers, LibreOffice): a no-op when they are present.
deps:
	@scripts/deps.sh

# demo converts every fixture into out/NAME/; the inputs that are bad on
# purpose (fixtures/bad-*, fixtures/empty) show their error messages.
demo: build
	@scripts/deps.sh demo
	@rm -rf out && mkdir -p out
	@for dir in fixtures/*/; do \
		name=$$(basename $$dir); \
		if $(BIN) -to $(FORMATS) -o out/$$name/ fixtures/$$name/input.txt; then \
			echo "converted $$name -> out/$$name/"; \
		else \
			case $$name in bad-*|empty) echo "  (expected: $$name is a bad input)";; *) exit 1;; esac; \
		fi; \
	done
	@echo "outputs in out/ (e.g. out/seed/input.yaml, out/seed/input.pdf, out/seed/input.xlsx, out/seed/input.html)"

# test prints each package's result, every failure, and every test that
# was skipped with its reason (a corpus or reader that is absent): go
# test alone shows skips only under -v.
test:
	$(GO) vet ./...
	@bash -o pipefail -c '$(GO) test -json ./... | $(GO) run scripts/testreport.go'
	@# The patched PDF library is a module of its own, which ./... leaves out.
	cd third_party/fpdf && $(GO) vet . && $(GO) test .

# race runs the tests of the packages that run goroutines or share state
# between them (the batch runner, the command, the model's and the font
# reader's caches, the PDF writer's pooled width tables and face metrics)
# under the race detector.
race:
	$(GO) test -race -count=1 ./convert ./cmd/convert ./declaration ./output/pdf/font ./output/pdf

# golden rewrites the expected outputs; read every diff before committing.
golden:
	$(GO) test ./parse -update
	$(GO) test ./declaration ./output/text ./output/xlsx ./output/pdf ./output/akn ./output/html -update
	@git status --short -- fixtures internal output declaration

# bench runs the Go benchmarks, then times the command end to end on
# corpora of 1,000 and 10,000 documents, on disk and on tmpfs, beside the
# I/O floor (internal/floor) and, when installed, pandoc and LibreOffice
# (scripts/bench.sh; BENCH_* variables described there).
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@scripts/bench.sh

# probe scores the parser on the corpus laid out in other ways (CRLF, indents,
# blank lines, hard wraps, no archive header ...): rules true of documents score
# alike on every layout.
probe: build
	@scripts/layout-probe.py bin/convert

# fuzz runs every fuzz target for FUZZTIME each (make fuzz FUZZTIME=5m);
# go test -fuzz takes one target at a time, so each is listed here (a
# test in convert checks that none is missing). Each new input is
# minimized for 1 s, not the default 60 s, which would spend the whole
# FUZZTIME of a slow target on a few dozen executions.
FUZZ_TARGETS := \
	./parse:FuzzParse \
	./declaration:FuzzDecode \
	./declaration:FuzzJSONString \
	./declaration:FuzzSameTitle \
	./convert:FuzzSniff \
	./convert:FuzzReadManifest \
	./convert:FuzzReadFileList \
	./convert:FuzzWriters \
	./output/linebreak:FuzzLines \
	./output/pdf/font:FuzzParseFont \
	./output/pdf/font:FuzzLoad \
	./output/pdf:FuzzWrite \
	./output/pdf:FuzzPlain \
	./output/akn:FuzzWrite \
	./output/html:FuzzWrite \
	./output/text:FuzzWrite \
	./output/text:FuzzStrip \
	./output/xlsx:FuzzWorkbook

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
		$(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1s; \
	done

lint:
	@test -z "$$(gofmt -l .)" || (gofmt -l . && exit 1)
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

cov:
	$(GO) test -coverprofile=cover.out ./... && $(GO) tool cover -func=cover.out | tail -1

clean:
	rm -rf bin out cover.out
