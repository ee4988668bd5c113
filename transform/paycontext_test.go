package transform_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/transform"
)

// TestPayContext checks the context a refused figure is given, and the
// rule a taken one is found by, for each class of money that is not pay.
func TestPayContext(t *testing.T) {
	tests := []struct {
		text     string
		context  string // want a refusal with this context; "" with rule set: want pay
		rule     string // in Pay.Rule
		location string
	}{
		{"We've processed $5 billion in payouts to creators.", transform.ContextFunding, "", ""},
		{"We raised a $15M seed round.", transform.ContextFunding, "", ""},
		{"Join a team of 22k employees.", "", "", ""},
		{"We match 100% of your 401k contributions up to $6,000 per year.", transform.Context401k, "", ""},
		{"We offer a $1,500 home-office stipend.", transform.ContextStipend, "", ""},
		{"100€/kid/month childcare allowance.", transform.ContextStipend, "", ""},
		{"Life insurance at 2x your salary, up to $500,000.", transform.ContextInsurance, "", ""},
		{"New hires receive an RSU grant of $120,000.", transform.ContextEquity, "", ""},
		{"Referral bonus of $3,000 for every hire you bring.", transform.ContextBonus, "", ""},
		{"OTE $200,000 (50/50 split), uncapped commission.", transform.ContextCommission, "", ""},
		{"Summer interns earn $45/hour.", transform.ContextOtherRole, "", ""},
		{"Must be able to lift up to 10 pounds.", transform.ContextMeasure, "", ""},
		{"Relocation package available: $10,000.", transform.ContextStipend, "", ""},
		{"The base salary range for this role is $150,000 - $185,000.", "", `introduced by "this role"`, ""},
		{"Package: £90k base + 15% bonus.", "", `named by "base" after it`, ""},
		{"$140,000 - $180,000 a year", "", "a range in a currency", ""},
		{"Zone A: $163,600 - $245,400\nZone B: $147,200 - $220,900", "", `kept the widest, "Zone A"`, "Remote"},
		{"San Francisco: $180,000 - $230,000\nNew York City: $175,000 - $215,000", "", `own zone "New York City"`, "New York, NY"},
		{"Our office has 40 desks and a $20 lunch budget... We pay $25 for the 1st referral.", transform.ContextStipend, "", ""},
	}
	for _, tc := range tests {
		p, err := transform.ParsePayText(tc.text, transform.PayOptions{Country: "US", Location: tc.location, Description: true})
		var pe *transform.PayError
		switch {
		case tc.rule != "":
			if err != nil || !strings.Contains(p.Rule, tc.rule) {
				t.Errorf("ParsePayText(%q) = rule %q, %v; want pay with rule containing %q", tc.text, p.Rule, err, tc.rule)
			}
		case tc.context == "":
			if !errors.Is(err, transform.ErrNoPay) {
				t.Errorf("ParsePayText(%q) = %+v, %v; want no pay", tc.text, p, err)
			}
		case !errors.As(err, &pe) || !errors.Is(err, transform.ErrNotPayContext) || pe.Context != tc.context:
			t.Errorf("ParsePayText(%q) = %+v, %v; want a refusal as %s", tc.text, p, err, tc.context)
		case !errors.Is(err, transform.ErrNoPay):
			t.Errorf("ParsePayText(%q): %v does not also wrap ErrNoPay", tc.text, err)
		}
	}
}

// TestExplainPay checks that every figure judged is listed, taken with its
// rule or refused with its reason.
func TestExplainPay(t *testing.T) {
	text := "We raised $40M. The salary range for this role is $140k-$170k, plus a $5,000 signing bonus."
	figs, p, err := transform.ExplainPay(text, transform.PayOptions{Country: "US", Description: true})
	if err != nil || p.Min != 140000 || p.Max != 170000 {
		t.Fatalf("ExplainPay = %+v, %v; want 140000-170000", p, err)
	}
	var got []string
	for _, f := range figs {
		if f.Taken {
			got = append(got, f.Text+" taken: "+f.Rule)
		} else {
			got = append(got, f.Text+" refused: "+f.Context)
		}
	}
	want := []string{"$40M refused: funding", `$140k-$170k taken: introduced by "this role"`, "$5,000 refused: bonus"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ExplainPay listed\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
