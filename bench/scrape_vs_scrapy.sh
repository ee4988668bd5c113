#!/bin/sh
# Compares jobmarket's scraper with Scrapy on the same loopback board, both
# measured in this one run.
#
#   bench/scrape_vs_scrapy.sh            # 4,900 postings + 98 listing pages
#   POSTINGS=1000 RUNS=3 bench/scrape_vs_scrapy.sh
#
# Needs Go and Debian's python3-scrapy (apt-get install python3-scrapy).
# Politeness delays are off for both; robots.txt is honoured by both; 16
# requests in flight for both. jobmarket stores every page (WARC) before
# reading it; Scrapy is measured as shipped and with its HTTP cache on
# (which also stores every page).
#
# A jobmarket run lasts a second or two, so on a shared machine one run can
# land in another job's burst: every crawler is run RUNS times and the
# median reported. CPU seconds per page, which load hardly changes, are reported
# too (the board server's own CPU is not counted for either crawler).
set -eu
cd "$(dirname "$0")/.."
POSTINGS=${POSTINGS:-4900}
RUNS=${RUNS:-5}
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT

go build -o "$work/scrapebench" ./bench/scrapebench
"$work/scrapebench" serve -postings "$POSTINGS" > "$work/url" &
server=$!
while [ ! -s "$work/url" ]; do sleep 0.1; done
url=$(cat "$work/url")
echo "board: $url ($POSTINGS postings), load: $(cut -d' ' -f1-3 /proc/loadavg)"

# measure NAME COMMAND...: appends '{"name":..., <the command's JSON>, "cpu_s":...}' to results.
measure() {
	name=$1
	shift
	/usr/bin/time -f '%U %S' -o "$work/time" "$@" > "$work/out"
	cpu=$(awk '{print $1 + $2}' "$work/time")
	printf '{"name":"%s","cpu_s":%s,"run":%s}\n' "$name" "$cpu" "$(cat "$work/out")" | tee -a "$work/results"
}

i=0
while [ $i -lt "$RUNS" ]; do
	rm -rf "$work/store"
	measure jobmarket-crawl "$work/scrapebench" crawl -url "$url" -store "$work/store"
	i=$((i + 1))
done
i=0
while [ $i -lt "$RUNS" ]; do
	measure jobmarket-reread "$work/scrapebench" reparse -url "$url" -store "$work/store"
	i=$((i + 1))
done
i=0
while [ $i -lt "$RUNS" ]; do
	measure scrapy /usr/bin/python3 bench/scrape_scrapy.py "$url"
	rm -rf "$work/scrapy-cache"
	measure scrapy-cache /usr/bin/python3 bench/scrape_scrapy.py "$url" --store "$work/scrapy-cache"
	i=$((i + 1))
done

/usr/bin/python3 - "$work/results" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs.setdefault(r["name"], []).append(r)
def rate(name):
    return statistics.median(r["run"]["pages_per_s"] for r in runs[name])
def cpu_per_page(name):
    return statistics.median(r["cpu_s"] / r["run"]["pages"] for r in runs[name])
go, rr, sc, scc = rate("jobmarket-crawl"), rate("jobmarket-reread"), rate("scrapy"), rate("scrapy-cache")
print()
print(f"crawl, pages/s (median):   jobmarket {go:,.0f}   Scrapy {sc:,.0f}   Scrapy+cache {scc:,.0f}")
print(f"  jobmarket / Scrapy: {go / sc:.1f}x wall clock (target 20x), {cpu_per_page('scrapy') / cpu_per_page('jobmarket-crawl'):.1f}x per CPU second")
print(f"  jobmarket / Scrapy with cache: {go / scc:.1f}x wall clock")
print(f"  CPU per page: jobmarket {cpu_per_page('jobmarket-crawl') * 1e6:,.0f} µs, Scrapy {cpu_per_page('scrapy') * 1e6:,.0f} µs")
print(f"re-read of the stored crawl: {rr:,.0f} pages/s median, best {max(r['run']['pages_per_s'] for r in runs['jobmarket-reread']):,.0f} (target 10,000); "
      f"CPU per page {cpu_per_page('jobmarket-reread') * 1e6:,.0f} µs")
PY
