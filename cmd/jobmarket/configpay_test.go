package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

// TestConfigSourcePay checks that a source's pay block reaches the
// transform stage under the source's name, and that a source without one
// has no entry.
func TestConfigSourcePay(t *testing.T) {
	const cfg = `output: o
sources:
  - name: board
    kind: file
    path: data/examples/listings.csv
    pay:
      ignore: ["65k-95k USD", "/^\\$?65k/"]
      prefer: text
  - {name: plain, kind: file, path: data/examples/listings.csv}
`
	p, err := parseConfig("pay", strings.NewReader(cfg))
	if err != nil {
		t.Fatal(err)
	}
	got := p.transformConfig().SourcePay
	want := map[string]data.PaySettings{"board": {Ignore: []string{"65k-95k USD", `/^\$?65k/`}, Prefer: data.PayPreferText}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SourcePay = %#v, want %#v", got, want)
	}
}
