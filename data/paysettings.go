package data

import (
	"fmt"
	"regexp"
	"strings"
)

// Values of PaySettings.Prefer.
const (
	PayPreferField = "field" // the board's pay field is read first; the description when it states none
	PayPreferText  = "text"  // the description is read first; the pay field when it states none
)

// PaySettings are a source's own pay conventions (sources[].pay in
// pipeline.yaml), which the scrape stage carries and the transform stage
// applies to the source's records.
type PaySettings struct {
	// Ignore lists pay field values the board fills in by default and the
	// employer never wrote ("65k-95k USD" on every posting): each an exact
	// string, compared without surrounding spaces and in any case, or a
	// regular expression between slashes ("/^\$?65k-95k/"). An ignored
	// field counts as absent, and pay is read from the description; a
	// posting with no pay there is counted as ignored_by_source. Default
	// none.
	Ignore []string `yaml:"ignore,omitempty"`
	// Prefer is which statement of pay is read first: field (the default)
	// or text (the description). The other is read when the first states
	// no pay.
	Prefer string `yaml:"prefer,omitempty"`
}

// IsZero reports whether no setting is given.
func (p PaySettings) IsZero() bool { return len(p.Ignore) == 0 && p.Prefer == "" }

// Validate checks the settings; paths are relative to the pay block
// ("ignore[1]", "prefer").
func (p PaySettings) Validate() []error {
	var errs []error
	for i, v := range p.Ignore {
		path := fmt.Sprintf("ignore[%d]", i)
		if strings.TrimSpace(v) == "" {
			errs = append(errs, FieldErrorf(path, "empty (give the pay text to ignore, or /a regular expression/)"))
			continue
		}
		if pattern, ok := PayIgnorePattern(v); ok {
			if _, err := regexp.Compile(pattern); err != nil {
				errs = append(errs, FieldErrorf(path, "%q is not a regular expression: %v", v, err))
			}
		}
	}
	if p.Prefer != "" && p.Prefer != PayPreferField && p.Prefer != PayPreferText {
		errs = append(errs, FieldErrorf("prefer", "%q is neither %s nor %s", p.Prefer, PayPreferField, PayPreferText))
	}
	return errs
}

// PayIgnorePattern returns the regular expression an ignore entry holds
// between slashes; ok is false for an exact string.
func PayIgnorePattern(entry string) (pattern string, ok bool) {
	e := strings.TrimSpace(entry)
	if len(e) >= 2 && e[0] == '/' && e[len(e)-1] == '/' {
		return e[1 : len(e)-1], true
	}
	return "", false
}
