#!/bin/sh
# End-to-end runs, median of RUNS (default 5), each a fresh process on a
# fresh output folder, measured by bench/runstat:
#   1. the default job (`jobmarket` with no arguments: the bundled
#      synthetic snapshot, all stages, report and slides), target < 60 s;
#   2. every stage on 1,000,000 synthetic stored records (`jobmarket synth
#      -n 1000000`, read as a file source), target < 60 s.
# Prints each run, then the medians and their ratio to the target.
#
#   bench/end_to_end.sh
#   RUNS=3 N=200000 bench/end_to_end.sh
#
# Needs Go only.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
N=${N:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

go build -o "$work/jobmarket" ./cmd/jobmarket
go build -o "$work/runstat" ./bench/runstat
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$work/jobmarket" synth -n "$N" -o "$work/synth" >/dev/null
mkdir -p "$work/default"
for i in $(seq "$RUNS"); do
	# The default job, from its own folder so its page store starts empty.
	rm -rf "$work/default/out" "$work/default/.jobmarket"
	(cd "$work/default" && "$work/runstat" -label default -- "$work/jobmarket" -q) | tee -a "$work/results.txt"
	rm -rf "$work/synth/out"
	"$work/runstat" -label "synthetic-$N" -- "$work/jobmarket" run -q -c "$work/synth/pipeline.yaml" 2>/dev/null | tee -a "$work/results.txt"
done
awk '
	{ split($2, w, "="); split($4, r, "="); walls[$1] = walls[$1] " " w[2]; rss[$1] = (r[2] > rss[$1] ? r[2] : rss[$1]) }
	END {
		printf "\n%-20s %10s %10s %10s %12s\n", "job", "median s", "target s", "ratio", "peak MiB"
		for (job in walls) {
			n = split(walls[job], v, " ")
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
			med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
			printf "%-20s %10.2f %10d %9.1fx %12.0f\n", job, med, 60, 60 / med, rss[job]
		}
	}
' "$work/results.txt"
