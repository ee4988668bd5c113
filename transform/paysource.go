package transform

import (
	"regexp"
	"strings"

	"github.com/jobmarket/jobmarket/data"
)

// sourcePay is a source's pay settings (data.PaySettings), compiled.
type sourcePay struct {
	exact      map[string]bool // ignored values, trimmed, lower case
	patterns   []*regexp.Regexp
	preferText bool
}

// compileSourcePay compiles the pay settings of each source; a source
// without settings has no entry. The patterns are valid: Config.Validate
// has checked them.
func compileSourcePay(settings map[string]data.PaySettings) map[string]*sourcePay {
	out := map[string]*sourcePay{}
	for name, ps := range settings {
		if ps.IsZero() {
			continue
		}
		sp := &sourcePay{exact: map[string]bool{}, preferText: ps.Prefer == data.PayPreferText}
		for _, v := range ps.Ignore {
			if pattern, ok := data.PayIgnorePattern(v); ok {
				sp.patterns = append(sp.patterns, regexp.MustCompile(pattern))
				continue
			}
			sp.exact[strings.ToLower(strings.TrimSpace(v))] = true
		}
		out[name] = sp
	}
	return out
}

// ignores reports whether the source's settings name the pay field value.
func (sp *sourcePay) ignores(field string) bool {
	f := strings.TrimSpace(field)
	if sp.exact[strings.ToLower(f)] {
		return true
	}
	for _, re := range sp.patterns {
		if re.MatchString(f) {
			return true
		}
	}
	return false
}
