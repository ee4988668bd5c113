package synth

import "testing"

// TestPayTextsUnscaled checks that at a factor of 1 every format writes
// the pay text real boards use, figure for figure.
func TestPayTextsUnscaled(t *testing.T) {
	want := []string{"$120K - $150K a year", "USD 142,000 - 174,000 per year", "£45,000 - £55,000 per annum",
		"€60k–70k", "60.000 - 70.000 EUR", "CHF 120'000", "₹12,00,000 - ₹18,00,000 a year", "$55 - $65 an hour",
		"$9,500/month", "Up to $180,000", "From €50k", "Competitive", "DOE", "R$ 8.000 - R$ 12.000 por mês",
		"600万円～800万円", "15 000 - 20 000 PLN brutto/mies.", "Estimated $95.3K - $121K a year", "12-16 Lacs P.A."}
	if len(payTexts) != len(want) {
		t.Fatalf("%d formats, want %d", len(payTexts), len(want))
	}
	for i, p := range payTexts {
		if got := string(p.appendTo(nil, 1000)); got != want[i] {
			t.Errorf("format %d = %q, want %q", i, got, want[i])
		}
	}
}

func TestPayTextScaled(t *testing.T) {
	tests := []struct {
		name   string
		format int
		factor int64
		want   string
	}{
		{"OpenStack premium", 0, openStackFactor, "$138K - $173K a year"},
		{"rounded to thousands", 1, 1150, "USD 163,000 - 200,000 per year"},
		{"Indian grouping", 6, 1600, "₹19,20,000 - ₹28,80,000 a year"},
		{"tenths", 16, 1150, "Estimated $109.6K - $139K a year"},
		{"never below one step", 17, 10, "1-1 Lacs P.A."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(payTexts[tc.format].appendTo(nil, tc.factor)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAppendGrouped(t *testing.T) {
	tests := []struct {
		v      int64
		sep    byte
		indian bool
		want   string
	}{
		{7, ',', false, "7"}, {999, ',', false, "999"}, {1000, ',', false, "1,000"}, {1234567, '.', false, "1.234.567"},
		{120000, '\'', false, "120'000"}, {15000, ' ', false, "15 000"}, {999, ',', true, "999"}, {1000, ',', true, "1,000"},
		{100000, ',', true, "1,00,000"}, {12345678, ',', true, "1,23,45,678"},
	}
	for _, tc := range tests {
		if got := string(appendGrouped(nil, tc.v, tc.sep, tc.indian)); got != tc.want {
			t.Errorf("appendGrouped(%d, %q, %v) = %q, want %q", tc.v, tc.sep, tc.indian, got, tc.want)
		}
	}
}
