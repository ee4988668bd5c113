package transform_test

import (
	"strings"
	"testing"

	"github.com/jobmarket/jobmarket/data"
)

func TestLevels(t *testing.T) {
	c := testConfig().Classify
	tests := []struct {
		name, title, desc string
		openstack, python data.Level
	}{
		{"keyword in title", "Senior OpenStack Engineer", "", data.LevelCore, data.LevelNone},
		{"project in title, OpenStack in text", "Software Engineer, Neutron", "Work on OpenStack networking.", data.LevelCore, data.LevelNone},
		{"framework in title", "Django Developer", "Build our web shop.", data.LevelNone, data.LevelCore},
		{"operated in the opening", "Cloud Engineer", "You will operate our OpenStack private cloud.", data.LevelCore, data.LevelNone},
		{"projects at work", "Cloud Engineer", "You will run Nova, Neutron and Cinder and upgrade Keystone twice a year.", data.LevelCore, data.LevelNone},
		{"cloud list in requirements", "Java Developer",
			"You will build Spring Boot services. Requirements: experience with AWS, Azure, OpenStack or VMware.", data.LevelListed, data.LevelNone},
		{"language choice", "Software Engineer", "What you'll do: write services in Python, Go, or Java.", data.LevelNone, data.LevelListed},
		{"a plus", "Go Engineer", "You will write Go. Python for tooling is a plus.", data.LevelNone, data.LevelListed},
		{"nice-to-have section", "Platform Engineer", "You will run Kubernetes. Nice to have: OpenStack, Python.", data.LevelListed, data.LevelListed},
		{"glued to a word", "Full Stack Developer", "Projects such asPython back ends.", data.LevelNone, data.LevelListed},
		{"glued to Chinese", "后端开发工程师", "熟悉至少一种编程语言，如Python、Java、Go。", data.LevelNone, data.LevelListed},
		{"Chinese OpenStack operator", "运维工程师", "岗位职责：负责私有云平台（基于OpenStack）的运维；负责Nova、Neutron、Cinder等组件的故障排查。", data.LevelCore, data.LevelNone},
		{"Apple's Swift", "iOS Developer", "Swift and SwiftUI.", data.LevelNone, data.LevelNone},
		{"heat map is not Heat", "Data Engineer", "Python, heat maps and Glance dashboards.", data.LevelNone, data.LevelListed},
		{"Nova Scotia is a place", "Python Developer", "Office in Halifax, Nova Scotia; we build heat pumps.", data.LevelNone, data.LevelCore},
		{"hyphen does not make a list", "Cloud Engineer", "You will deploy OpenStack-Ansible and operate OpenStack.", data.LevelCore, data.LevelNone},
		{"versioned keyword", "Engineer", "Python3 and Go", data.LevelNone, data.LevelListed},
		{"keyword in a longer word", "Pythonista wanted", "", data.LevelNone, data.LevelNone},
		{"nothing", "Java Developer", "Spring Boot", data.LevelNone, data.LevelNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lv := c.Levels(tc.title, tc.desc)
			if lv.OpenStack != tc.openstack || lv.Python != tc.python {
				t.Errorf("Levels(%q, %q) = openstack %s, python %s, want %s, %s (%s)", tc.title, tc.desc, lv.OpenStack, lv.Python,
					tc.openstack, tc.python, lv.Evidence)
			}
		})
	}
}

// TestRoleUnderDefinition checks that role follows classify.definition:
// under core, a posting listing OpenStack is the Python role its title
// makes it; under mention, it is an OpenStack role.
func TestRoleUnderDefinition(t *testing.T) {
	c := testConfig().Classify
	const title, desc = "Python Developer", "You will build Django apps. We deploy to AWS, GCP or OpenStack."
	for def, want := range map[string]data.Role{data.DefinitionCore: data.RolePython, data.DefinitionMention: data.RoleOpenStack} {
		c.Definition = def
		if got := c.Classify(title, desc); got != want {
			t.Errorf("definition %s: Classify = %s, want %s", def, got, want)
		}
	}
	c.Definition = data.DefinitionCore
	if got := c.Classify("Data Engineer", "SQL, Spark and Python."); got != data.RoleOther {
		t.Errorf("Python listed under core: %s, want other", got)
	}
}

// TestMatchEvidence checks that role_evidence names the rule and the
// words for each technology, and what was ignored, so a classification
// can be audited.
func TestMatchEvidence(t *testing.T) {
	c := testConfig().Classify
	tests := []struct {
		name, title, desc string
		want              string
	}{
		{"title", "OpenStack Engineer", "", "openstack core: the title names openstack; python none"},
		{"score", "Cloud Engineer", "You will run Nova and Neutron.",
			"openstack core: score 2.25 ≥ 2 from nova (opening, project, verb) 1.13, neutron (opening, project, verb) 1.13; python none"},
		{"listed", "Engineer", "Requirements: Java, Python or Go.",
			"openstack none; python listed: score 0.19 < 2 from python (requirements, listed with 2) 0.19"},
		{"optional", "Engineer", "Python is a plus.", "openstack none; python listed: score 0 < 2 from python (opening, optional) 0"},
		{"exception", "Engineer", "Python; a heat map.",
			`openstack none; python listed: score 1.5 < 2 from python (opening) 1.5; ignored: heat (in "heat map")`},
		{"lone project", "iOS Developer", "Swift", "openstack none; python none; ignored: swift (no other project within 10 words)"},
		{"nothing", "Java Developer", "", "openstack none; python none"},
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

// TestSeniorityFromText checks that the text gives the level only when the
// title names none, and says so.
func TestSeniorityFromText(t *testing.T) {
	c := testConfig().Classify
	tests := []struct {
		name, title, desc, want, note string
	}{
		{"years", "Python Developer", "You have 5+ years of experience.", data.SenioritySenior, "seniority senior from the text: 5+ years"},
		{"range counts its low end", "Python Developer", "3-5 years of experience.", "", ""},
		{"too few years", "Python Developer", "2+ years of experience.", "", ""},
		{"lead a team", "Cloud Engineer", "You will lead a team of four.", data.SeniorityLead, `seniority lead from the text: "lead a team"`},
		{"title wins", "Junior Developer", "You will lead a team; 10+ years.", data.SeniorityJunior, ""},
		{"years of a company", "Engineer", "We were founded 12 years ago.", "", ""},
		{"years in", "Engineer", "8 years in DevOps.", data.SenioritySenior, "seniority senior from the text: 8+ years"},
		{"nothing", "Engineer", "Build things.", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, note := c.SeniorityFrom(tc.title, tc.desc)
			if got != tc.want || note != tc.note {
				t.Errorf("SeniorityFrom(%q, %q) = %q, %q; want %q, %q", tc.title, tc.desc, got, note, tc.want, tc.note)
			}
		})
	}
}

// TestHeadingNeedsCapitalOrColon checks that a heading word in prose does
// not open a section: "the requirements of customers" stays in the
// responsibilities.
func TestHeadingNeedsCapitalOrColon(t *testing.T) {
	c := testConfig().Classify
	desc := "Responsibilities: you will operate OpenStack to meet the requirements of our customers and operate OpenStack upgrades."
	if lv := c.Levels("Engineer", desc); lv.OpenStack != data.LevelCore || strings.Contains(lv.Evidence, "requirements)") {
		t.Errorf("Levels(%q) = %s: %s", desc, lv.OpenStack, lv.Evidence)
	}
}
