#!/bin/sh
# How cost grows with input size: for each size, `jobmarket synth` draws
# that many synthetic raw records (a Parquet file read as a file source),
# then each stage runs as its own process, measured by bench/runstat:
# wall time, CPU time and peak RSS per stage. One run per size (the 10M
# stages take minutes); bench/end_to_end.sh repeats the 1M run for a median.
#
#   bench/scaling.sh                                   # 1k 10k 100k 1M 10M
#   SIZES="1000 100000" bench/scaling.sh
#   KEEP=1 bench/scaling.sh                            # keep the outputs in $WORK
#
# Needs Go only. The 10M size writes about 25 GB of intermediate files
# (raw.arrow and listings.arrow are uncompressed) under WORK (default a
# temporary folder). Output: one line per size and stage, then a table.
set -eu
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 100000 1000000 10000000"}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT INT TERM

go build -o "$work/jobmarket" ./cmd/jobmarket
go build -o "$work/runstat" ./bench/runstat
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$work/results.txt"
for n in $SIZES; do
	dir="$work/n$n"
	rm -rf "$dir"
	"$work/runstat" -label "$n synth" -- "$work/jobmarket" synth -n "$n" -o "$dir" --seed 1 2>/dev/null | tee -a "$work/results.txt"
	for stage in scrape transform analyze report; do
		"$work/runstat" -label "$n $stage" -- "$work/jobmarket" "$stage" -q -c "$dir/pipeline.yaml" -o "$dir/out" 2>"$dir/$stage.log" |
			tee -a "$work/results.txt"
	done
	[ -n "${KEEP:-}" ] || rm -rf "$dir"
done

awk '
	/^machine:/ || $2 == "synth" { next }
	{
		n = $1; st = $2
		for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		if (v["exit"] != 0) bad = bad " " n "/" st
		wall[n] += v["wall_s"]; cpu[n] += v["cpu_s"]
		if (v["maxrss_mib"] > rss[n]) rss[n] = v["maxrss_mib"]
		line[n] = line[n] sprintf(" %9.2f %7.0f |", v["wall_s"], v["maxrss_mib"])
		if (!(n in seen)) { seen[n] = 1; order[++k] = n }
	}
	END {
		printf "\n%10s |%18s |%18s |%18s |%18s | %9s %8s %9s\n", "records", "scrape s  MiB", "transform s  MiB", "analyze s  MiB", "report s  MiB", "total s", "peak MiB", "rec/s"
		for (i = 1; i <= k; i++) { n = order[i]; printf "%10d |%s %9.2f %8.0f %9.0f\n", n, line[n], wall[n], rss[n], n / wall[n] }
		if (bad != "") print "FAILED:" bad
	}
' "$work/results.txt"
