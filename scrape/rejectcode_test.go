package scrape_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryRejectHasCode reads the package's source: wherever a reject
// reason is set (a RawRecord literal with RejectReason, or an assignment
// to .RejectReason), a RejectCode must be set in the same place, so no
// scrape reject reaches transform without a code. (reject and
// crawler.reject take the code as an argument; the compiler sees to them.)
func TestEveryRejectHasCode(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob("tablefile/*.go")
	fset := token.NewFileSet()
	checked := 0
	for _, name := range append(files, more...) {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var keys []string
			switch n := n.(type) {
			case *ast.CompositeLit:
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok {
							keys = append(keys, id.Name)
						}
					}
				}
			case *ast.AssignStmt:
				for _, e := range n.Lhs {
					if sel, ok := e.(*ast.SelectorExpr); ok {
						keys = append(keys, sel.Sel.Name)
					}
				}
			default:
				return true
			}
			has := func(k string) bool {
				for _, key := range keys {
					if key == k {
						return true
					}
				}
				return false
			}
			if has("RejectReason") {
				checked++
				if !has("RejectCode") {
					t.Errorf("%s: a reject reason is set without a RejectCode", fset.Position(n.Pos()))
				}
			}
			return true
		})
	}
	if checked < 5 {
		t.Errorf("found only %d places setting a reject reason; is the test still reading the right files?", checked)
	}
}
