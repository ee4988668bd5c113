package data

import (
	"errors"
	"fmt"
)

// FieldError is a problem with one field of the pipeline config. Path is
// the field's place in pipeline.yaml ("sources[1].delay",
// "currency.rates.XYZ"), so the program that reads the config can add the
// file and line without parsing the message.
type FieldError struct {
	Path string
	Err  error
}

func (e *FieldError) Error() string {
	if e.Path == "" {
		return e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

func (e *FieldError) Unwrap() error { return e.Err }

// FieldErrorf is a FieldError at path whose cause is fmt.Errorf(format, args...).
func FieldErrorf(path, format string, args ...any) error {
	return &FieldError{Path: path, Err: fmt.Errorf(format, args...)}
}

// WithinField puts every FieldError in err (a single error or an
// errors.Join of them) under prefix: WithinField("scrape", err) turns
// "delay" into "scrape.delay", and "[2].name" into "scrape[2].name". An
// error that is not a FieldError becomes one at prefix itself. It returns
// nil for nil.
func WithinField(prefix string, err error) error {
	if err == nil {
		return nil
	}
	var out []error
	for _, e := range FieldErrors(err) {
		p := e.Path
		switch {
		case prefix == "":
		case p == "":
			p = prefix
		case p[0] == '[':
			p = prefix + p
		default:
			p = prefix + "." + p
		}
		out = append(out, &FieldError{Path: p, Err: e.Err})
	}
	return errors.Join(out...)
}

// FieldErrors flattens err, a FieldError or an errors.Join tree of them,
// into its field errors in order. An error of another kind in the tree is
// returned as a FieldError with an empty path.
func FieldErrors(err error) []*FieldError {
	if err == nil {
		return nil
	}
	if fe, ok := err.(*FieldError); ok {
		return []*FieldError{fe}
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*FieldError
		for _, e := range joined.Unwrap() {
			out = append(out, FieldErrors(e)...)
		}
		return out
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return []*FieldError{fe}
	}
	return []*FieldError{{Err: err}}
}
