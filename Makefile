# declconv — see README.md. `make demo` converts the bundled fixtures into
# out/; `make test` runs every test. Both install what they need first.

GO       ?= go
BIN      := bin/convert
FORMATS  ?= yaml,json,txt,pdf,xlsx,html,akn
FUZZTIME ?= 20s

.PHONY: all build demo test golden bench fuzz lint cov deps clean

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

test: deps
	$(GO) vet ./...
	$(GO) test ./...

# golden rewrites the expected outputs; read every diff before committing.
golden:
	$(GO) test ./parse -update
	$(GO) test ./declaration ./output/text ./output/xlsx ./output/pdf ./output/akn ./output/html -update
	@git status --short -- fixtures internal output declaration

# bench runs the Go benchmarks, then times the command end to end on a
# corpus of 1,000 documents (scripts/bench.sh; pandoc and LibreOffice
# beside it when installed).
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@scripts/bench.sh

# fuzz: FuzzWrite minimizes each new input for 1 s, not the default 60 s,
# which would spend the whole FUZZTIME on a few dozen executions.
fuzz:
	$(GO) test ./parse -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./declaration -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME)
	$(GO) test ./output/akn -run '^$$' -fuzz FuzzWrite -fuzztime $(FUZZTIME) -fuzzminimizetime 1s
	$(GO) test ./output/html -run '^$$' -fuzz FuzzWrite -fuzztime $(FUZZTIME) -fuzzminimizetime 1s

lint:
	@test -z "$$(gofmt -l .)" || (gofmt -l . && exit 1)
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

cov:
	$(GO) test -coverprofile=cover.out ./... && $(GO) tool cover -func=cover.out | tail -1

clean:
	rm -rf bin out cover.out
