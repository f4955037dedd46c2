#!/usr/bin/env bash
# Benchmarks the convert command end to end against the machine's floor
# and its peers, all in one invocation. `make bench` runs it.
#
# It builds a corpus of BENCH_DOCS (1,000) and one of BENCH_BIG_DOCS
# (10,000) documents from ../shared/corpus/*.txt (or $DECLCONV_CORPUS),
# each copy made distinct by a final paragraph "附：副本 N", on disk (under
# TMPDIR) and on tmpfs (/dev/shm). Then, BENCH_ROUNDS (3) times, it runs
# `convert -j BENCH_JOBS (2) -to json,yaml,txt` on each of the four corpora,
# each run next to one of the floor (internal/floor: the same reads and
# writes of files of the same sizes, converting nothing; its order swapped
# every round), then -to pdf, one corpus xlsx workbook and all five formats
# on the 1,000, then pandoc and LibreOffice on the first BENCH_PEER_DOCS
# (200) documents when they are installed. The rounds are interleaved so
# that a change in the machine's load hits every row alike; medians are
# printed, with the load average at each round. Every timed run starts
# with an empty output folder and, on disk, after a sync.
#
# Printed: per row the median wall time, docs/s and peak RSS (from
# /usr/bin/time), the floor's, and the ratios ours/floor (wall and CPU),
# ours/pandoc, ours/LibreOffice (time per document); then the cold start of
# one `convert -to pdf` of fixtures/seed (a new process each time, median of
# BENCH_COLD_RUNS, 10). BENCH_HUGE_DOCS (0: skipped) times one json,yaml,txt
# run on that many documents on disk and prints its peak RSS. BENCH_BASE=REV
# also builds convert from git revision REV and times it beside ours in
# every row, for a before/after in one run.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

src=${DECLCONV_CORPUS:-../shared/corpus}
docs=${BENCH_DOCS:-1000}
big=${BENCH_BIG_DOCS:-10000}
huge=${BENCH_HUGE_DOCS:-0}
jobs=${BENCH_JOBS:-2}
rounds=${BENCH_ROUNDS:-3}
peer_docs=${BENCH_PEER_DOCS:-200}
cold_runs=${BENCH_COLD_RUNS:-10}
base=${BENCH_BASE:-}
if ! compgen -G "$src/*.txt" >/dev/null; then
	echo "bench: no $src/*.txt: set DECLCONV_CORPUS to a folder of documents" >&2
	exit 1
fi
[ -x /usr/bin/time ] || scripts/deps.sh bench
tmp=$(mktemp -d)
shm=
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/declconv-bench.XXXXXX)
fi
trap 'rm -rf "$tmp" ${shm:+"$shm"}' EXIT
mkdir -p "$tmp/s"
go build -o "$tmp/convert" ./cmd/convert
go build -o "$tmp/floor" ./internal/floor
bins=(ours)
if [ -n "$base" ]; then
	mkdir "$tmp/base-src"
	git archive "$base" | tar -x -C "$tmp/base-src"
	(cd "$tmp/base-src" && go build -o "$tmp/base" ./cmd/convert)
	bins+=(base)
fi
exe() { if [ "$1" = ours ]; then echo "$tmp/convert"; else echo "$tmp/base"; fi; }

# make_corpus DIR N writes N distinct documents into DIR.
make_corpus() {
	local dir=$1 n=$2 i k=0 f
	mkdir -p "$dir"
	local -a texts=() names=()
	for f in "$src"/*.txt; do
		texts+=("$(cat "$f")")
		names+=("$(basename "$f" .txt)")
	done
	for ((i = 0; i < n; i++)); do
		k=$((i % ${#texts[@]}))
		printf '%s\n\n附：副本 %d\n' "${texts[k]}" "$i" >"$dir/$(printf %05d "$i")-${names[k]}.txt"
	done
}

# timed KEY CMD... runs CMD once and appends "wall user sys rss" (seconds,
# seconds, seconds, MB) to the samples of KEY.
timed() {
	local key=$1 t0 t1
	shift
	t0=$EPOCHREALTIME
	if ! /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"; then
		echo "bench: $key: failed:" >&2
		head -5 "$tmp/err" >&2
	fi
	t1=$EPOCHREALTIME
	tail -1 "$tmp/time" | awk -v w="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" \
		'{printf "%.4f %.2f %.2f %.1f\n", w, $1, $2, $3 / 1024}' >>"$tmp/s/$key"
}

# median KEY FIELD prints the median of one field (1 wall, 2 user, 3 sys,
# 4 rss, 5 user+sys) of KEY's samples, or nothing without samples.
median() {
	[ -n "$1" ] && [ -s "$tmp/s/$1" ] || return 0
	awk -v f="$2" '{print f == 5 ? $2 + $3 : $f}' "$tmp/s/$1" | sort -g |
		awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
# spread KEY prints the range of KEY's wall times.
spread() { [ -n "$1" ] && [ -s "$tmp/s/$1" ] && sort -g "$tmp/s/$1" | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.2f–%.2f", lo, hi}'; }

# fresh PLACE sets $out to an empty output folder on disk or on tmpfs.
# On disk it is a new one, after a sync so that the writing back of the
# previous run is not charged to the next; the folders of earlier runs are
# only deleted at the end, because ext4 skips recently deleted inodes when
# it allocates new ones (recently_deleted, in find_inode_bit), and a run
# started just after 30,000 files were deleted spent up to ten times the
# system time of one that was not. On tmpfs, which has no such cost, the
# one folder is emptied instead, to give its memory back.
seq=0
fresh() {
	seq=$((seq + 1))
	if [ "$1" = disk ]; then
		out=$tmp/out-$seq
		sync
	else
		rm -rf "$shm/out"
		out=$shm/out
	fi
}

echo "bench: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); making the corpora..."
make_corpus "$tmp/disk-$big" "$big"
# first_docs N FROM TO copies the first N documents of FROM into TO.
first_docs() {
	local -a files=("$2"/*)
	mkdir -p "$3"
	cp -t "$3" "${files[@]:0:$1}"
}
first_docs "$docs" "$tmp/disk-$big" "$tmp/disk-$docs"
places=(disk)
if [ -n "$shm" ]; then
	cp -r "$tmp/disk-$docs" "$tmp/disk-$big" "$shm/"
	mv "$shm/disk-$docs" "$shm/tmpfs-$docs"
	mv "$shm/disk-$big" "$shm/tmpfs-$big"
	places+=(tmpfs)
fi
corpus() { if [ "$1" = disk ]; then echo "$tmp/disk-$2"; else echo "$shm/tmpfs-$2"; fi; }

# The floor's plan of each corpus, from the manifest of one untimed run
# (which also warms the caches).
for place in "${places[@]}"; do
	for n in "$docs" "$big"; do
		fresh "$place"
		"$tmp/convert" -q -j "$jobs" -to json,yaml,txt -o "$out" -manifest "$tmp/manifest.json" "$(corpus "$place" "$n")"
		"$tmp/floor" plan "$tmp/manifest.json" "$out" >"$tmp/plan-$place-$n"
	done
done
have_pandoc=false have_lo=false
command -v pandoc >/dev/null && have_pandoc=true
if command -v soffice >/dev/null && compgen -G "/usr/lib/libreoffice/program/libsw*.so" >/dev/null; then
	have_lo=true
fi
first_docs "$peer_docs" "$tmp/disk-$docs" "$tmp/peers"
pandoc_run() { (cd "$tmp/peers" && ls | xargs -P2 -I{} pandoc -f markdown -t json -o "$tmp/pandoc/{}.json" {}); }
lo_run() {
	# two calls at a time, each converting half the documents, each with
	# its own profile (one profile cannot be shared by two processes)
	ls "$tmp/peers" >"$tmp/lo-list"
	split -n l/2 "$tmp/lo-list" "$tmp/lo-batch."
	ls "$tmp"/lo-batch.* | xargs -P2 -I{} sh -c \
		'cd "$1" && soffice -env:UserInstallation=file://$2/profile-$(basename "$3") --headless --convert-to pdf --outdir "$2/lo" $(cat "$3") >/dev/null 2>&1' \
		_ "$tmp/peers" "$tmp" {}
	rm -f "$tmp"/lo-batch.*
}
export tmp
export -f pandoc_run lo_run
# one untimed call each, so that LibreOffice's profiles are made first
if $have_lo; then lo_run; mv "$tmp/lo" "$tmp/lo-0"; fi

for ((r = 1; r <= rounds; r++)); do
	echo "round $r of $rounds: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$tmp/loads"
	for n in "$docs" "$big"; do
		for place in "${places[@]}"; do
			in=$(corpus "$place" "$n")
			order=(convert floor)
			((r % 2)) || order=(floor convert)
			for what in "${order[@]}"; do
				if [ "$what" = floor ]; then
					fresh "$place"
					timed "floor-$place-$n" "$tmp/floor" run -j "$jobs" -o "$out" "$tmp/plan-$place-$n"
					continue
				fi
				for b in "${bins[@]}"; do
					fresh "$place"
					timed "$b-text-$place-$n" "$(exe "$b")" -q -j "$jobs" -to json,yaml,txt -o "$out" "$in"
				done
			done
		done
	done
	for b in "${bins[@]}"; do
		fresh disk
		timed "$b-pdf" "$(exe "$b")" -q -j "$jobs" -to pdf -o "$out" "$tmp/disk-$docs"
		fresh disk
		timed "$b-xlsx" "$(exe "$b")" -q -j "$jobs" -to xlsx -o "$out/corpus.xlsx" "$tmp/disk-$docs"
		fresh disk
		timed "$b-all" "$(exe "$b")" -q -j "$jobs" -to yaml,json,txt,pdf,xlsx -o "$out" "$tmp/disk-$docs"
		fresh disk
		timed "$b-text-peers" "$(exe "$b")" -q -j "$jobs" -to json,yaml,txt -o "$out" "$tmp/peers"
		fresh disk
		timed "$b-pdf-peers" "$(exe "$b")" -q -j "$jobs" -to pdf -o "$out" "$tmp/peers"
	done
	if $have_pandoc; then
		[ -d "$tmp/pandoc" ] && mv "$tmp/pandoc" "$tmp/pandoc-$r"
		mkdir "$tmp/pandoc"
		sync
		timed pandoc bash -c pandoc_run
	fi
	if $have_lo; then
		[ -d "$tmp/lo" ] && mv "$tmp/lo" "$tmp/lo-$r"
		sync
		timed libreoffice bash -c lo_run
		made=$(find "$tmp/lo" -name '*.pdf' | wc -l)
		[ "$made" -eq "$peer_docs" ] || echo "bench: LibreOffice made $made of $peer_docs PDFs" >&2
	fi
done
[ -n "$shm" ] && rm -rf "$shm/out"
echo "after the rounds: load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$tmp/loads"

# cold start: one input (so its output is fsynced), a new process each time
for b in "${bins[@]}"; do
	for ((i = 0; i < cold_runs; i++)); do
		timed "$b-cold" "$(exe "$b")" -q -to pdf -o "$tmp/seed.pdf" fixtures/seed/input.txt
	done
done

if [ "$huge" -gt 0 ]; then
	[ -n "$shm" ] && rm -rf "$shm/tmpfs-$big"
	make_corpus "$tmp/disk-$huge" "$huge"
	for b in "${bins[@]}"; do
		fresh disk
		timed "$b-text-disk-$huge" "$(exe "$b")" -q -j "$jobs" -to json,yaml,txt -o "$out" "$tmp/disk-$huge"
	done
fi

# row LABEL N KEY [FLOORKEY] prints one row of the table.
row() {
	local label=$1 n=$2 key=$3 fkey=${4:-}
	[ -s "$tmp/s/$key" ] || return 0
	awk -v l="$label" -v n="$n" -v w="$(median "$key" 1)" -v sp="$(spread "$key")" -v c="$(median "$key" 5)" \
		-v rss="$(median "$key" 4)" -v fw="$(median "$fkey" 1)" -v fc="$(median "$fkey" 5)" 'BEGIN {
		printf "%-30s %6d %7.2f %-11s %7.0f %6.2f %6.0f", l, n, w, "(" sp ")", n / w, c, rss
		if (fw != "") {
			printf " %7.2f %6.2f %7.1fx", fw, fc, w / fw
			if (fc > 0) printf " %6.1fx", c / fc; else printf " %7s", "-"
		}
		printf "\n"
	}'
}
echo
echo "convert -j $jobs, medians of $rounds interleaved runs ($(nproc) CPUs)"
printf '%-30s %6s %7s %-11s %7s %6s %6s %7s %6s %8s %7s\n' run docs wall_s "(range)" docs/s CPU_s RSS_MB floor_s fl_CPU "wall o/f" "CPU o/f"
for b in "${bins[@]}"; do
	[ "$b" = base ] && echo "base: convert built from $base"
	for n in "$docs" "$big"; do
		for place in "${places[@]}"; do
			row "-to json,yaml,txt, $place" "$n" "$b-text-$place-$n" "floor-$place-$n"
		done
	done
	row "-to pdf, disk" "$docs" "$b-pdf"
	row "-to xlsx (workbook), disk" "$docs" "$b-xlsx"
	row "-to all five, disk" "$docs" "$b-all"
	[ "$huge" -gt 0 ] && row "-to json,yaml,txt, disk, once" "$huge" "$b-text-disk-$huge"
done
echo
# peer LABEL KEY OURS OURS_FULL prints a peer's median and the ratio of
# times per document, ours/peer: against ours on the same documents
# (OURS), and against ours' run on all BENCH_DOCS (OURS_FULL), which is
# longer and so less shaken by the load.
peer() {
	local label=$1 key=$2 ours=$3 full=$4
	[ -s "$tmp/s/$key" ] || return 0
	awk -v l="$label" -v n="$peer_docs" -v p="$(median "$key" 1)" -v sp="$(spread "$key")" -v o="$(median "$ours" 1)" \
		-v osp="$(spread "$ours")" -v N="$docs" -v f="$(median "$full" 1)" 'BEGIN {
		name = substr(l, 1, index(l, " ") - 1)
		printf "%s: %.2f s (%s), %.1f docs/s\n", l, p, sp, n / p
		printf "  ours/%s %.3f (%.0fx faster) against ours on the same %d (%.2f s, %s); %.3f (%.0fx) per document against ours on %d\n",
			name, o / p, p / o, n, o, osp, (f / N) / (p / n), (p / n) / (f / N), N
	}'
}
echo "peers on the first $peer_docs documents (on disk), medians of $rounds:"
if $have_pandoc; then
	peer "pandoc markdown->json, 2 at a time" pandoc ours-text-peers "ours-text-disk-$docs"
else
	echo "pandoc not installed: no comparison (apt-get install pandoc)"
fi
if $have_lo; then
	peer "LibreOffice txt->pdf, 2 calls of $((peer_docs / 2)) at a time" libreoffice ours-pdf-peers ours-pdf
else
	echo "LibreOffice Writer not installed: no comparison (apt-get install libreoffice-writer-nogui)"
fi
echo
for b in "${bins[@]}"; do
	awk -v b="$b" -v n="$cold_runs" -v w="$(median "$b-cold" 1)" -v u="$(median "$b-cold" 2)" -v s="$(median "$b-cold" 3)" \
		-v sp="$(spread "$b-cold")" -v rss="$(median "$b-cold" 4)" \
		'BEGIN {printf "cold convert -to pdf of fixtures/seed (%s), median of %d: %.0f ms (%s s), user %.2f s, sys %.2f s, %.0f MB\n", b, n, w * 1000, sp, u, s, rss}'
done
echo "load averages (1, 5, 15 min):"
cat "$tmp/loads"
