package transform_test

import (
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

func TestClassify(t *testing.T) {
	c := testConfig().Classify
	tests := []struct {
		name, title, desc string
		want              data.Role
	}{
		{"keyword in title", "Senior OpenStack Engineer", "", data.RoleOpenStack},
		{"two projects together", "Cloud Engineer", "Operate Nova and Neutron at scale.", data.RoleOpenStack},
		{"projects in a list", "Cloud Engineer", "Skills: Linux; Nova, Cinder; Ansible.", data.RoleOpenStack},
		{"Apple's Swift", "iOS Developer", "Swift and SwiftUI.", data.RoleOther},
		{"Swift and a heat map far apart", "iOS Developer", "You will write our app in Swift. " + strings.Repeat("We care about quality. ", 5) + "You will build a heat map.", data.RoleOther},
		{"heat map is not Heat", "Data Engineer", "Python, heat maps and Glance dashboards.", data.RolePython},
		{"Nova Scotia is a place", "Python Developer", "Office in Halifax, Nova Scotia; we build heat pumps.", data.RolePython},
		{"heat pump", "Firmware Engineer", "Heat pump controllers with Swift telemetry.", data.RoleOther},
		{"OpenStack wins over Python", "Python Developer", "Deploys to OpenStack.", data.RoleOpenStack},
		{"FastAPI", "Backend Engineer", "FastAPI services", data.RolePython},
		{"versioned keyword", "Engineer", "Python3 and Go", data.RolePython},
		{"hyphenated keyword", "Engineer", "python-based tooling", data.RolePython},
		{"keyword in a longer word", "Pythonista wanted", "", data.RoleOther},
		{"nothing", "Java Developer", "Spring Boot", data.RoleOther},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.Classify(tc.title, tc.desc); got != tc.want {
				t.Errorf("Classify(%q, %q) = %s, want %s", tc.title, tc.desc, got, tc.want)
			}
		})
	}
}

// TestMatchEvidence checks that role_evidence names the rule and the
// words, and what was ignored, so a classification can be audited.
func TestMatchEvidence(t *testing.T) {
	c := testConfig().Classify
	tests := []struct {
		name, title, desc string
		want              string
	}{
		{"keyword", "OpenStack Engineer", "", "openstack: openstack (title)"},
		{"projects", "Cloud Engineer", "You will run Nova and Neutron.", "openstack_projects: nova, neutron (description)"},
		{"python", "Engineer", "Django apps", "python: django (description)"},
		{"exception", "Engineer", "Python; a heat map.", `python: python (description); ignored: heat (in "heat map")`},
		{"lone project", "iOS Developer", "Swift", "other; ignored: swift (no other project within 10 words)"},
		{"nothing", "Java Developer", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, got := c.Match(tc.title, tc.desc); got != tc.want {
				t.Errorf("Match(%q, %q) evidence = %q, want %q", tc.title, tc.desc, got, tc.want)
			}
		})
	}
}

func TestSeniority(t *testing.T) {
	c := testConfig().Classify
	tests := []struct{ title, want string }{
		{"Junior Python Developer", data.SeniorityJunior},
		{"Jr. Python Developer", data.SeniorityJunior},
		{"Entry-Level Data Engineer", data.SeniorityJunior},
		{"Mid-Level Engineer", data.SeniorityMid},
		{"Python Developer", ""},
		{"Senior OpenStack Engineer, Payments", data.SenioritySenior},
		{"Sr Cloud Engineer", data.SenioritySenior},
		{"Lead Engineer (OpenStack)", data.SeniorityLead},
		{"Senior Staff Engineer", data.SeniorityLead},
		{"Tech Lead, Platform", data.SeniorityLead},
		{"Principal Python Engineer", data.SeniorityPrincipal},
		{"Leading Python Developer", ""},
	}
	for _, tc := range tests {
		if got := c.SeniorityOf(tc.title); got != tc.want {
			t.Errorf("Seniority(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
	custom := c
	custom.Seniority = map[string][]string{data.SeniorityLead: {"lead", "head"}}
	if got := custom.SeniorityOf("Head of Cloud"); got != data.SeniorityLead {
		t.Errorf("with custom words, Seniority(%q) = %q, want lead", "Head of Cloud", got)
	}
	if got := custom.SeniorityOf("Senior Engineer"); got != data.SenioritySenior {
		t.Errorf("levels not named keep their defaults: Seniority(%q) = %q", "Senior Engineer", got)
	}
}
