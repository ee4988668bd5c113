package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jobmarket/jobmarket/scrape"
	"github.com/jobmarket/jobmarket/scrape/tablefile"
)

// kindRSS is the init template of a board read through its RSS or Atom
// feed: not a kind of its own but a jsonld source with feeds.
const kindRSS = "rss"

// starter is what `jobmarket init --kind K` writes for one kind: the
// source, as a YAML list item with comments, and what to edit in it.
type starter struct {
	source string
	edit   string
}

// apiStarter is the starter of a kind that reads one API endpoint per
// board: the endpoint with its placeholder and how to find the value.
func apiStarter(kind, endpoint, placeholder, find string) starter {
	return starter{
		source: fmt.Sprintf(`  # %s
  - name: my-%s-board             # a short name of your choosing
    kind: %s
    start_urls: ["%s"]
`, find, kind, kind, endpoint),
		edit: fmt.Sprintf("replace %s in start_urls, and the source's name", placeholder),
	}
}

// starters holds a starter for every registered kind (a test keeps it so)
// and for rss.
var starters = map[string]starter{
	scrape.KindGreenhouse: apiStarter(scrape.KindGreenhouse, "https://boards-api.greenhouse.io/v1/boards/TOKEN/jobs?content=true", "TOKEN",
		"TOKEN is the board's: a job link on the company's careers page goes to\n  # boards.greenhouse.io/TOKEN/jobs/ID or job-boards.greenhouse.io/TOKEN/jobs/ID."),
	scrape.KindLever: apiStarter(scrape.KindLever, "https://api.lever.co/v0/postings/COMPANY?mode=json", "COMPANY",
		"COMPANY is the board's: a job link on the careers page goes to\n  # jobs.lever.co/COMPANY/ID."),
	scrape.KindAshby: apiStarter(scrape.KindAshby, "https://api.ashbyhq.com/posting-api/job-board/ORG?includeCompensation=true", "ORG",
		"ORG is the board's: a job link on the careers page goes to\n  # jobs.ashbyhq.com/ORG/ID."),
	scrape.KindWorkable: apiStarter(scrape.KindWorkable, "https://apply.workable.com/api/v1/widget/accounts/ACCOUNT?details=true", "ACCOUNT",
		"ACCOUNT is the board's: the careers page is apply.workable.com/ACCOUNT/."),
	scrape.KindSmartRecruiters: apiStarter(scrape.KindSmartRecruiters, "https://api.smartrecruiters.com/v1/companies/COMPANY/postings", "COMPANY",
		"COMPANY is the board's: a job link goes to jobs.smartrecruiters.com/COMPANY/ID."),
	scrape.KindRecruitee: apiStarter(scrape.KindRecruitee, "https://COMPANY.recruitee.com/api/offers/", "COMPANY",
		"COMPANY is the board's: the careers page is COMPANY.recruitee.com."),
	scrape.KindPersonio: apiStarter(scrape.KindPersonio, "https://COMPANY.jobs.personio.de/xml?language=en", "COMPANY",
		"COMPANY is the board's: the careers page is COMPANY.jobs.personio.de\n  # (or .com)."),
	scrape.KindTeamtailor: apiStarter(scrape.KindTeamtailor, "https://COMPANY.teamtailor.com/jobs.json", "COMPANY",
		"COMPANY is the board's: the careers page is COMPANY.teamtailor.com (a\n  # company's own careers domain serves /jobs.json too)."),
	scrape.KindRemoteOK: apiStarter(scrape.KindRemoteOK, "https://remoteok.com/api?tag=python", "the tag",
		"Remote OK's whole board; ?tag=python (or openstack) narrows it."),
	scrape.KindWorkday: apiStarter(scrape.KindWorkday, "https://TENANT.wd5.myworkdayjobs.com/wday/cxs/TENANT/SITE/jobs", "TENANT, wd5 and SITE",
		"The careers page https://TENANT.wdN.myworkdayjobs.com/en-US/SITE gives\n  # TENANT, the wdN number and SITE."),
	scrape.KindJSONLD: {
		source: `  # A board whose posting pages carry schema.org JobPosting JSON-LD (most
  # do: search engines ask for it). Open a posting, view its source and
  # look for "JobPosting" to check.
  - name: my-board                  # a short name of your choosing
    kind: jsonld
    start_urls: ["https://example.com/jobs"]   # the listing page
    links: "a.job-link"             # CSS selector of the links to postings
    next: "a[rel=next]"             # CSS selector of the next listing page
`,
		edit: "replace the listing page URL and the links and next selectors (your browser's inspector shows them), and the source's name",
	},
	scrape.KindHTML: {
		source: `  # A board whose posting pages have no structured data: each field is
  # read by a CSS selector (your browser's inspector shows them).
  - name: my-board                  # a short name of your choosing
    kind: html
    start_urls: ["https://example.com/jobs"]   # the listing page
    links: "a.job-link"             # CSS selector of the links to postings
    fields:                         # CSS selectors on a posting page
      title: "h1"
      company: ".company"
      location: ".location"
      pay: ".salary"
      date: "time"
      description: ".description"
`,
		edit: "replace the listing page URL and the selectors of the links and fields, and the source's name",
	},
	kindRSS: {
		source: `  # A board's RSS or Atom feed: each item's title, date and description
  # are kept, and the posting page is read for its schema.org JobPosting
  # JSON-LD (company, place, pay). For pages without JSON-LD use kind: html
  # with fields (see docs/config.md).
  - name: my-feed                   # a short name of your choosing
    kind: jsonld
    feeds: ["https://example.com/jobs/feed/rss/"]
    match: "^https://example\\.com/jobs/"   # only links that are postings
`,
		edit: "replace the feed URL and the match pattern of posting links, and the source's name",
	},
	scrape.KindFile: {
		source: `  # Your own table of postings: CSV, JSON Lines or Parquet. Map your
  # column names to ours under columns; a field left out is looked for
  # under its own name (title, company, location, country, pay_min, ...).
  - name: my-data                   # a short name of your choosing
    kind: file
    path: postings.csv              # relative to this file
    # columns: {title: Job Title, company: Employer, pay_text: Salary}
`,
		edit: "put your postings into postings.csv (or set path to your file) and map its columns",
	},
}

// initKinds are the kinds init offers, sorted.
func initKinds() []string { return slices.Sorted(maps.Keys(starters)) }

// starterConfig is the config init writes for kind: the output folder
// and one source, nothing the defaults already say.
func starterConfig(kind string) (string, error) {
	s, ok := starters[kind]
	if !ok {
		return "", fmt.Errorf("--kind: %q is not one of %s: %w", kind, strings.Join(initKinds(), ", "), errUsage)
	}
	return `# jobmarket config: only what differs from the defaults is written here.
# "jobmarket config -c FILE" prints every setting with its default, and
# docs/config.md documents each one.

output: out                       # the output folder (-o overrides it)

sources:
` + s.source + `
# Next: jobmarket validate --online -c FILE, then jobmarket run -c FILE.
`, nil
}

// fileTable is the header-only CSV init writes beside a file source's
// config, so the config validates and shows the columns to fill.
const fileTable = "postings.csv"

// runInit writes the starter config for kind to path (and, for a file
// source, an empty table beside it), refusing to replace a file unless
// force, and says what to edit.
func runInit(kind, path string, force bool, stdout io.Writer) error {
	text, err := starterConfig(kind)
	if err != nil {
		return err
	}
	if !force {
		if _, err := os.Stat(path); err == nil {
			return fmt.Errorf("%s exists: give --force to replace it, or -o another file: %w", path, errUsage)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	if kind == scrape.KindFile {
		table := filepath.Join(filepath.Dir(path), fileTable)
		if _, err := os.Stat(table); errors.Is(err, fs.ErrNotExist) {
			header := strings.Join(tablefile.Fields, ",") + "\n"
			if err := os.WriteFile(table, []byte(header), 0o644); err != nil {
				return fmt.Errorf("write %s: %w", table, err)
			}
			fmt.Fprintf(stdout, "wrote %s (the columns only: add your rows)\n", table)
		}
	}
	_, err = fmt.Fprintf(stdout, "Edit %s: %s.\nThen: jobmarket validate --online -c %s && jobmarket run -c %s\n",
		path, starters[kind].edit, path, path)
	return err
}

// newInitCommand is `jobmarket init`.
func newInitCommand(stdout io.Writer) *cobra.Command {
	var kind, path string
	var force bool
	cmd := &cobra.Command{
		Use:   "init [--kind KIND] [-o FILE] [--force]",
		Short: "Write a short commented config for one source to start from",
		Long: `Write a config holding only what differs from the defaults: the output
folder and one source of the kind given, with placeholders and comments
saying what to edit. It will not replace an existing file without --force.
Kinds: ` + strings.Join(initKinds(), ", ") + ` (rss is a jsonld source read through its feed).`,
		Args: maxArgs(0),
		RunE: func(*cobra.Command, []string) error {
			return runInit(kind, path, force, stdout)
		},
	}
	cmd.Flags().StringVar(&kind, "kind", scrape.KindGreenhouse, "the source's `KIND`")
	cmd.Flags().StringVarP(&path, "out", "o", DefaultConfigFile, "the config `FILE` to write")
	cmd.Flags().BoolVar(&force, "force", false, "replace the file if it exists")
	return cmd
}
