#!/bin/sh
# Compares analyze's bootstrap with scipy.stats.bootstrap on the same data,
# in one run, and prints the speed ratio.
#
#   bench/bootstrap_vs_scipy.sh            # percentile in both; BCa in Go only
#   BCA_RESAMPLES=1000 bench/bootstrap_vs_scipy.sh   # also time scipy's BCa
#   RUNS=3 bench/bootstrap_vs_scipy.sh     # timings per side (default 5; the median is reported)
#
# Needs Go and Debian's python3-scipy (/usr/bin/python3). The data are
# log-normal pay rounded to $1,000: 10,000 OpenStack + 100,000 Python
# values, and 100,000 + 1,000,000 for BCa, which scipy cannot finish in
# reasonable time (its jackknife is quadratic). Go reads the files
# bench/bootstrap_scipy.py writes, so both time the same numbers, from
# the pay values to the interval, 10,000 resamples.
set -eu
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM

/usr/bin/python3 bench/bootstrap_scipy.py --data "$dir" --runs "${RUNS:-5}" --bca-resamples "${BCA_RESAMPLES:-0}" | tee "$dir/scipy.txt"
BOOTSTRAP_BENCH_DATA="$dir" go test ./analyze -run '^$' -bench BootstrapFiles -benchtime 1x -count "${RUNS:-5}" | tee "$dir/go.txt"

# The median of RUNS timings per case and side, in seconds.
awk '
	function median(list,    v, n, i, j, t) {
		n = split(list, v, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
		return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	FILENAME ~ /scipy/ && $1 == "scipy" { scipy[$2 "/" $3] = scipy[$2 "/" $3] " " $5; n[$2 "/" $3] = $4 }
	FILENAME ~ /go/ && $1 ~ /^BenchmarkBootstrapFiles\// {
		split($1, parts, "/"); sub(/-[0-9]+$/, "", parts[3]); key = parts[2] "/" parts[3]
		goruns[key] = goruns[key] " " $3 / 1e9
	}
	END {
		printf "\n%-18s %16s %16s %10s\n", "case", "scipy median s", "Go median s", "ratio"
		for (key in goruns) {
			g = median(goruns[key])
			if (key in scipy)
				printf "%-18s %16.3f %16.3f %9.0fx\n", key, median(scipy[key]), g, median(scipy[key]) / g
			else
				printf "%-18s %16s %16.3f %10s\n", key, "-", g, "-"
		}
		for (key in scipy) if (n[key] != 10000) printf "(scipy %s ran %s resamples, not 10,000)\n", key, n[key]
	}
' "$dir/scipy.txt" "$dir/go.txt"
