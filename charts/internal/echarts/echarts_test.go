package echarts_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/charts/internal/echarts"
)

// TestScript checks that the embedded library is the pinned release and can
// be inlined: a "</script" would end the element early and "<!--" could
// put the HTML parser into a state where the rest of the page is script.
func TestScript(t *testing.T) {
	sum := sha256.Sum256([]byte(echarts.Script))
	if got := hex.EncodeToString(sum[:]); got != echarts.ScriptSHA256 {
		t.Fatalf("echarts.min.js sha256 = %s, want %s: run go generate ./charts/internal/echarts", got, echarts.ScriptSHA256)
	}
	lower := strings.ToLower(echarts.Script)
	for _, bad := range []string{"</script", "<!--", "<script"} {
		if strings.Contains(lower, bad) {
			t.Errorf("echarts.min.js contains %q", bad)
		}
	}
	if !strings.Contains(echarts.Script, `version="`+echarts.Version+`"`) && !strings.Contains(echarts.Script, `"`+echarts.Version+`"`) {
		t.Errorf("echarts.min.js does not name version %s", echarts.Version)
	}
}

func TestLicenseFiles(t *testing.T) {
	for name, text := range map[string]string{
		"LICENSE": echarts.License, "NOTICE": echarts.Notice, "LICENSE-d3": echarts.LicenseD3,
	} {
		if len(text) < 100 {
			t.Errorf("%s is missing or truncated (%d bytes)", name, len(text))
		}
	}
	if !strings.Contains(echarts.License, "Apache License") || !strings.Contains(echarts.Notice, "Apache ECharts") {
		t.Error("LICENSE or NOTICE is not the one of Apache ECharts")
	}
}
