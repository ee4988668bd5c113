package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/jobmarket/jobmarket/data"
	"github.com/jobmarket/jobmarket/transform"
	"github.com/spf13/cobra"
)

const payLong = `Show how jobmarket reads pay: one JSON object per TEXT with text, min, max
(null when not stated), currency (ISO 4217), period (HOUR, DAY, WEEK, MONTH,
YEAR), annual_usd, and reason when no pay was found. With no TEXT it reads
standard input, one TEXT or COUNTRY<TAB>TEXT per line (COUNTRY may be empty),
and writes exactly one line per input line. Rates and annualization come from
the config: currency.rates, or with --quarter the rates currency.rates_by_quarter
gives that quarter (currency.rates for a currency it does not list).

With --description each TEXT is read as a whole description, as the
transform stage reads one when a posting has no pay field: a figure is pay
only where the text introduces it as the role's pay. With --explain each
line also lists every figure judged, taken with the rule that found it or
refused with the reason (context: funding, headcount, 401k, stipend,
insurance, equity, bonus, commission, other_role, measure).`

// payLine is what the pay command prints for one text.
type payLine struct {
	Text      string   `json:"text"`
	Country   string   `json:"country,omitempty"` // the country used to read "$" and bare figures
	Min       *float64 `json:"min"`
	Max       *float64 `json:"max"`
	Currency  string   `json:"currency,omitempty"`
	Period    string   `json:"period,omitempty"`
	AnnualUSD *float64 `json:"annual_usd"`
	Source    string   `json:"source,omitempty"`  // employer or board_estimate
	Guessed   []string `json:"guessed,omitempty"` // "currency", "period": read from the country or the size of the figure
	Note      string   `json:"note,omitempty"`    // why annual_usd is null or left out of estimates
	Code      string   `json:"code,omitempty"`    // salary_code: no_pay, not_pay_context, unparsed_pay, no_currency, no_rate, outlier
	Reason    string   `json:"reason,omitempty"`  // why no pay was found
	Context   string   `json:"context,omitempty"` // with not_pay_context: what the refused figure is
	Rule      string   `json:"rule,omitempty"`    // with --explain: how the figure taken was found
	// Figures, with --explain, are every figure judged, in order.
	Figures []transform.PayFigure `json:"figures,omitempty"`
}

// payFlags are how the pay command reads each text.
type payFlags struct {
	country     string
	description bool   // read each text as a whole description
	explain     bool   // list every figure judged
	quarter     string // convert at this quarter's currency.rates_by_quarter, "" for currency.rates
}

// newPayCommand is `jobmarket pay`, for researchers auditing a figure and
// for tests: it reads pay exactly as the transform stage does and converts
// it with the config's rates.
func newPayCommand(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var flags payFlags
	var configPath string
	cmd := &cobra.Command{
		Use:   "pay [TEXT...]",
		Short: "Show how pay text is read, one JSON line per input",
		Long:  payLong,
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if code := readPay(cmd.Context(), flags, configPath, cmd.Flags().Changed("config"), args, stdin, stdout, stderr); code != exitOK {
				return codeError(code)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&flags.country, "country", "", "read figures as posted in country `CC` (ISO code or name)")
	cmd.Flags().BoolVar(&flags.description, "description", false, "read each text as a whole description: figures count only where introduced as pay")
	cmd.Flags().BoolVar(&flags.explain, "explain", false, "list every figure judged, with the rule that took it or why it was refused")
	cmd.Flags().StringVar(&flags.quarter, "quarter", "", "convert at the rates currency.rates_by_quarter gives quarter `YYYYQn`, as for a posting of that quarter")
	cmd.Flags().StringVarP(&configPath, "config", "c", DefaultConfigFile, "pipeline config `FILE` with the rates")
	return cmd
}

// readPay reads each text, or standard input when there is none, and
// returns the exit code.
func readPay(ctx context.Context, flags payFlags, configPath string, explicit bool, texts []string, stdin io.Reader, stdout, stderr io.Writer) int {
	p, _, err := loadConfig(configPath, explicit)
	if err != nil {
		fmt.Fprintf(stderr, "jobmarket pay: %v\n", err)
		return exitUsage
	}
	cfg := p.transformConfig()
	if flags.quarter != "" {
		if _, err := data.ParseQuarter(flags.quarter); err != nil {
			fmt.Fprintf(stderr, "jobmarket pay: --quarter %q is not a quarter (want YYYYQn, such as 2026Q3)\n", flags.quarter)
			return exitUsage
		}
	}
	defaultCC := ""
	if flags.country != "" {
		var ok bool
		if defaultCC, ok = transform.LookupCountry(flags.country); !ok {
			fmt.Fprintf(stderr, "jobmarket pay: --country %q is not a country (want an ISO 3166-1 code such as DE)\n", flags.country)
			return exitUsage
		}
	}
	out := bufio.NewWriter(stdout)
	// done flushes what is buffered: a write error (full disk, closed pipe)
	// must fail the command, not vanish in a deferred Flush.
	done := func() int {
		if err := out.Flush(); err != nil {
			fmt.Fprintf(stderr, "jobmarket pay: write output: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	write := func(text, cc string) error { return enc.Encode(readPayLine(cfg, flags, text, cc)) }

	if len(texts) > 0 {
		for _, text := range texts {
			if err := write(text, defaultCC); err != nil {
				fmt.Fprintf(stderr, "jobmarket pay: %v\n", err)
				return exitFailed
			}
		}
		return done()
	}
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	in := bufio.NewReader(stdin)
	for {
		if ctx.Err() != nil {
			return exitCanceled
		}
		line, err := in.ReadString('\n')
		if line == "" && err != nil {
			if errors.Is(err, io.EOF) {
				return done()
			}
			fmt.Fprintf(stderr, "jobmarket pay: read input: %v\n", err)
			return exitFailed
		}
		text, cc := splitPayLine(strings.TrimRight(line, "\r\n"), defaultCC)
		if err := write(text, cc); err != nil {
			fmt.Fprintf(stderr, "jobmarket pay: %v\n", err)
			return exitFailed
		}
	}
}

// splitPayLine reads "COUNTRY<TAB>TEXT" or "TEXT". The part before the
// first tab is a country only when it is empty or names one; an empty
// country falls back to --country.
func splitPayLine(line, defaultCC string) (text, cc string) {
	before, after, found := strings.Cut(line, "\t")
	if !found {
		return line, defaultCC
	}
	if strings.TrimSpace(before) == "" {
		return after, defaultCC
	}
	if c, ok := transform.LookupCountry(before); ok {
		return after, c
	}
	return line, defaultCC
}

// readPayLine reads one text the way the transform stage reads pay text.
func readPayLine(cfg transform.Config, flags payFlags, text, cc string) payLine {
	pl := payLine{Text: text, Country: cc}
	figures, p, err := transform.ExplainPay(text, transform.PayOptions{Country: cc, Description: flags.description})
	if flags.explain {
		pl.Figures, pl.Rule = figures, p.Rule
	}
	if err != nil {
		var pe *transform.PayError
		pl.Reason = err.Error()
		if errors.As(err, &pe) {
			pl.Reason, pl.Context = pe.Reason, pe.Context
		}
		switch {
		case errors.Is(err, transform.ErrNotPayContext):
			pl.Code = data.SalaryCodeNotPayContext
		case errors.Is(err, transform.ErrNoPay):
			pl.Code = data.SalaryCodeNoPay
		case errors.Is(err, transform.ErrNoCurrency):
			pl.Code = data.SalaryCodeNoCurrency
		default:
			pl.Code = data.SalaryCodeUnparsed
		}
		return pl
	}
	num := func(v float64) *float64 {
		if math.IsNaN(v) {
			return nil
		}
		return &v
	}
	pl.Min, pl.Max, pl.Currency, pl.Period, pl.Source = num(p.Min), num(p.Max), p.Currency, string(p.Period), p.Source
	if p.CurrencyGuessed {
		pl.Guessed = append(pl.Guessed, "currency")
	}
	if p.PeriodGuessed {
		pl.Guessed = append(pl.Guessed, "period")
	}
	annual, err := cfg.AnnualUSD(p.Salary, flags.quarter)
	switch {
	case err != nil:
		pl.Code, pl.Note = data.SalaryCodeNoRate, err.Error()
	case cfg.Outlier(annual):
		pl.AnnualUSD, pl.Code, pl.Note = num(annual), data.SalaryCodeOutlier, "outside pay.min_annual_usd..max_annual_usd: left out of estimates"
	default:
		pl.AnnualUSD = num(annual)
	}
	return pl
}
