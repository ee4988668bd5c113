package main

import (
	"fmt"
	"strings"
)

// readme writes README.md for the snapshot from the truth it describes.
func readme(t truthFile) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# %s — NOT REAL JOB POSTINGS\n\n", marker)
	w("**Everything in this folder is SYNTHETIC.** Every company, posting, person-facing text and\n")
	w("pay figure was invented by a random generator. The boards `cloudjobs.example`,\n")
	w("`api.lever.example` and `pyjobs.example` do not exist. Do not cite any number here as a\n")
	w("fact about the job market; it exists so the pipeline can be run and checked offline.\n\n")

	w("## How it is made\n\n")
	w("    cd data && go run ../internal/boardgen -seed %d -out boards    # or: go generate ./data\n\n", t.Seed)
	w("The generator (`internal/boardgen`: the standard library and the project's one\n")
	w("exchange-rate table, `data.DefaultRates`) draws everything from one PCG random source\n")
	w("seeded with `-seed`, so the same seed gives byte-identical files.\n")
	w("Do not edit these files by hand: a test in `internal/boardgen` fails when this folder\n")
	w("differs from a fresh generation with seed %d. The folder is embedded in the binary\n", t.Seed)
	w("(`data.Boards`) and read through URLs `bundled://HOST/PATH` → `HOST/PATH` here (a path\n")
	w("ending in `/` → its `index.html`; the query string is ignored).\n\n")

	w("## The model\n\n")
	w("Each posting is hired in one country (remote ones too, about 15%%), posted on a day drawn\n")
	w("uniformly from 2025-10-01 to 2026-09-30 (quarters 2025Q4..2026Q3), and is an OpenStack\n")
	w("role (~35%%), a Python role (~45%%) or another role (~20%%): the technology at its core,\n")
	w("named by the title or by the work (\"you will operate our OpenStack cloud\"). About 35%% of\n")
	w("the Python and other roles also list OpenStack among other technologies or as optional\n")
	w("(\"AWS, GCP and OpenStack\", \"a plus\"), and 30%% of the other roles list Python: listed,\n")
	w("not core, so they keep their role and their pay, and count as OpenStack (Python) roles\n")
	w("only under `classify.definition: mention` (`counts.listed_openstack`, `listed_python`).\n")
	w("Its latent pay is\n\n")
	w("    ln(annual USD) = ln(base[country]) + seniority + premium[region]·isOpenStack + Normal(0, %.2f)\n\n", payNoiseSD)
	w("with seniority −0.25 (Junior), 0 (mid), +0.25 (Senior), +0.45 (Lead, Principal);\n")
	w("OpenStack roles skew more senior, so a raw premium is partly seniority. About 25%% of\n")
	w("postings state no pay. Stated pay is converted to the local currency per period, spread\n")
	w("into a ±5–15%% range and rounded (YEAR to 1,000, or 100,000 for JPY/INR; MONTH to 100,\n")
	w("or 10,000 for JPY/INR; WEEK and DAY to 10; HOUR to 1). ~10%% of paid postings state one\n")
	w("value, ~3%% only a maximum (\"Up to\"), ~3%% only a minimum (\"From\"); Lever always states\n")
	w("both bounds.\n\n")
	w("| Region | Countries | True premium | Log points |\n|---|---|---|---|\n")
	for i, r := range t.TrueLogPremium {
		w("| %s | %s | %.0f%% | %.4f |\n", r.Region, strings.Join(t.Regions[i].Countries, ", "), 100*r.Premium, r.LogPoints)
	}
	w("\nRates (USD per unit, as of %s) and annualization factors are in `truth.json`.\n\n", t.RatesAsOf)

	w("## Boards\n\n")
	w("- `cloudjobs.example/` — HTML board with schema.org JobPosting JSON-LD. Listing pages\n")
	w("  `jobs/index.html`, `jobs/page-N.html` (50 postings, `a.job-link`, `a[rel=next]`), posting\n")
	w("  pages `jobs/p/ID.html`. Page 1 links `/admin/p/hidden.html`, which robots.txt disallows\n")
	w("  and which does not exist. About 10%% of pages wrap the posting in `@graph`; some numbers\n")
	w("  are strings (\"120,000\"); `unitText` casing varies; a few titles hold HTML entities.\n")
	w("  %d pages are broken on purpose (JSON-LD with a trailing comma or cut short, or none).\n", t.Counts.BrokenPages)
	w("- `api.lever.example/` — Lever postings API: `v0/postings/<slug>` (a JSON array, no\n")
	w("  extension) per company, slugs listed in `v0/postings/index.txt`. The company name is the\n")
	w("  title-cased slug. `salaryRange.interval` is per-year-salary, per-month-salary,\n")
	w("  per-week-salary, per-day-wage, per-hour-wage, or (%d postings) one-time.\n", numOneTime)
	w("- `pyjobs.example/` — HTML board modelled on python.org/jobs, no structured data: listing\n")
	w("  pages `jobs/index.html`, `jobs/page-N.html` (25 postings), posting pages\n")
	w("  `jobs/ID/index.html`. Pay is a sentence of the description (\"Compensation: €60k–70k.\").\n")
	w("  %d postings are in places no gazetteer knows (\"Atlantis\").\n\n", t.Counts.UnknownPlace)
	w("About 5%% of postings are cross-posted to a later board (order: cloudjobs, lever,\n")
	w("pyjobs) with the same company, title, country, date and stated pay; the later copy is\n")
	w("the duplicate. (company, title, country) is unique among distinct postings.\n\n")

	w("## Ground truth (`truth.json`)\n\n")
	c := t.Counts
	w("- distinct readable postings: %d; published records including cross-posted copies: %d\n", c.Postings, c.PublishedRecords)
	w("- per board (pages or records, broken pages included): cloudjobs %d, lever %d, pyjobs %d\n", c.PerBoard.Cloudjobs, c.PerBoard.Lever, c.PerBoard.Pyjobs)
	w("- broken pages %d, duplicates %d, without pay %d, outliers %d, unknown place %d, one-time pay %d\n\n",
		c.BrokenPages, c.Duplicates, c.WithoutPay, c.Outliers, c.UnknownPlace, numOneTime)
	w("`sample` is the realized raw premium of the generated postings, exp(mean ln pay | OpenStack −\n")
	w("mean ln pay | Python) − 1, over distinct postings, leaving out broken pages, unknown places,\n")
	w("no pay, one-time pay and outliers (annual pay below 5,000 or above 1,000,000 USD). Annual\n")
	w("pay is computed from the stated, rounded numbers: midpoint (or the one stated bound) ×\n")
	w("periods per year × USD rate. Over all quarters:\n\n")
	w("| Region | OpenStack n | Python n | Raw premium |\n|---|---|---|---|\n")
	for _, row := range t.Sample {
		if row.Quarter != "all" {
			continue
		}
		premium := "–"
		if row.Premium != nil {
			premium = fmt.Sprintf("%.1f%%", 100**row.Premium)
		}
		w("| %s | %d | %d | %s |\n", row.Region, row.NOpenStack, row.NPython, premium)
	}
	w("\nThe raw premium differs from the true structural one because OpenStack roles skew\n")
	w("senior and because of sampling noise; rows per quarter are in `truth.json`.\n")
	return []byte(b.String())
}
