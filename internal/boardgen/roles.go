package main

import "strings"

// role is the class the pipeline puts a posting in.
type role string

const (
	roleOpenStack role = "openstack"
	rolePython    role = "python"
	roleOther     role = "other"
)

// job is a kind of position: its titles and the sentences that describe it.
// A posting uses one core sentence (which carries the role's keywords and
// makes its technology core: it names the work, "you will operate
// OpenStack") and maybe one extra sentence.
type job struct {
	role   role
	titles []string
	core   []string
	extra  []string
	// namesProject is set when the core already names one OpenStack project
	// word (iOS "Swift"), so no trap sentence may add another.
	namesProject bool
}

var openStackExtra = []string{
	"Most of our tooling is written in Python and Go.",
	"You know Linux networking, VLANs and Open vSwitch inside out.",
	"You will keep thousands of virtual machines healthy for internal teams.",
	"Familiarity with Ceph, RabbitMQ and MySQL Galera helps.",
}

// jobOpenStack names OpenStack outright; jobOpenStackProjects names only
// OpenStack projects (at least two distinct ones per core sentence).
var (
	jobOpenStack = job{role: roleOpenStack,
		titles: []string{"OpenStack Engineer", "OpenStack Cloud Engineer", "OpenStack Developer",
			"OpenStack Operations Engineer", "Site Reliability Engineer (OpenStack)",
			"OpenStack Python Developer", "Cloud Infrastructure Engineer", "Private Cloud Engineer",
			"Cloud Platform Engineer", "Cloud & Virtualization Engineer"},
		core: []string{
			"You will run our OpenStack private cloud across {n} data centers.",
			"Day to day you will upgrade, patch and troubleshoot OpenStack services.",
			"You will automate OpenStack operations with Ansible and Python.",
			"Hands-on experience operating OpenStack in production is essential.",
			"You will contribute fixes to upstream OpenStack projects and review patches from the community.",
			"We run one of the larger OpenStack deployments in {country}, with Ceph for storage.",
		},
		extra: openStackExtra,
	}
	jobOpenStackProjects = job{role: roleOpenStack,
		titles: []string{"Cloud Infrastructure Engineer", "Private Cloud Engineer", "Compute Platform Engineer",
			"Cloud Platform Engineer", "Cloud Networking Engineer", "Virtualization Engineer"},
		core: []string{
			"You will operate Nova, Neutron and Keystone at scale.",
			"Our private cloud runs on Nova and Cinder and is deployed with Kolla.",
			"You will run and automate Ironic, Neutron and Nova for bare-metal provisioning.",
			"You will tune Octavia load balancers and Neutron networking for our tenants.",
			"You will maintain Glance images and Cinder volumes for thousands of virtual machines.",
			"You will write Heat templates and keep Keystone federation healthy.",
		},
		extra: openStackExtra,
	}
	jobPython = job{role: rolePython,
		titles: []string{"Python Engineer", "Python Developer", "Backend Engineer (Python)", "Django Developer",
			"Python Backend Developer", "Data Engineer", "Machine Learning Engineer",
			"Python Automation Engineer", "Full Stack Developer (Django)", "Software Engineer (Python)",
			"API Engineer (FastAPI)"},
		core: []string{
			"You will build backend services in Python with Django and PostgreSQL.",
			"Our public APIs are written in Python using FastAPI.",
			"You will maintain Flask services and the Python libraries behind them.",
			"You will write Python every day, and a habit of writing tests is required.",
			"You will write data pipelines in Python with pandas and Airflow.",
			"You will help split our Django monolith and build new Django services.",
		},
		extra: []string{
			"We deploy to AWS with Docker and Terraform.",
			"You will review code and mentor other engineers.",
			"Our stack also includes Redis, Celery and PostgreSQL.",
			"You care about clean APIs and good documentation.",
		},
	}
	otherJobs = []job{
		{role: roleOther, titles: []string{"Java Engineer", "Java Backend Developer", "Software Engineer (Java)"},
			core:  []string{"You will build services in Java and Spring Boot."},
			extra: []string{"Experience with Kafka and PostgreSQL is a plus."}},
		{role: roleOther, titles: []string{"Go Developer", "Backend Engineer (Go)"},
			core:  []string{"You will write high-throughput services in Go."},
			extra: []string{"We use gRPC, Kafka and PostgreSQL."}},
		{role: roleOther, titles: []string{"iOS Engineer", "iOS Developer"},
			core:  []string{"You will build our iOS app in Swift."},
			extra: []string{"You care about accessibility and smooth animations."}, namesProject: true},
		{role: roleOther, titles: []string{"Frontend Engineer", "Frontend Developer (React)", "UI Engineer"},
			core:  []string{"You will build user interfaces in TypeScript and React."},
			extra: []string{"You care about accessibility and fast page loads."}},
		{role: roleOther, titles: []string{"Site Reliability Engineer", "DevOps Engineer", "Platform Engineer (Kubernetes)"},
			core:  []string{"You will run Kubernetes clusters with Terraform and Prometheus."},
			extra: []string{"You will improve our incident response and on-call tooling."}},
		{role: roleOther, titles: []string{"Data Analyst", "BI Analyst"},
			core:  []string{"You will write SQL and build dashboards in Looker."},
			extra: []string{"You will work closely with finance and product teams."}},
		{role: roleOther, titles: []string{"Android Engineer", "Android Developer"},
			core:  []string{"You will build our Android app in Kotlin."},
			extra: []string{"You care about accessibility and smooth animations."}},
	}
)

// listedOpenStack and listedPython name a technology among others or as
// optional, the way most postings that mention OpenStack or Python do:
// the technology is listed, not core, and the posting keeps its role.
var (
	listedOpenStack = []string{
		"We deploy to AWS, GCP and OpenStack, so cloud experience helps.",
		"Experience with OpenStack is a plus.",
		"Our services run on VMware, OpenStack and Kubernetes.",
	}
	listedPython = []string{
		"Scripting in Python, Bash or Go is a plus.",
		"You know at least one of Java, Python or Go well.",
	}
)

// trapSentences each name exactly one OpenStack project word in its plain
// English sense; a Python or other posting gets at most one of them.
var trapSentences = []string{
	"You will build a heat map of customer activity for the product team.",
	"Customers expect swift answers, so you will keep our internal tools fast.",
	"Our status page gives customers a quick glance at every service.",
}

// teams are title suffixes that keep (company, title, country) unique.
var teams = []string{
	"Payments", "Platform", "Core Infrastructure", "Compute", "Storage",
	"Networking", "Data Platform", "Developer Experience", "Billing", "Search",
	"Growth", "Identity", "Observability", "Edge", "R&D", "Trust & Safety",
	"Payments & Billing", "Research", "Mobile", "Analytics", "Security",
	"Internal Tools", "Customer Platform", "Telecom Cloud", "Public Sector",
	"Reliability", "Marketplace", "Logistics", "Health",
}

// Keyword sets of the role rule the pipeline applies, case-insensitive on
// whole words.
var (
	pythonWords  = []string{"python", "django", "flask", "fastapi"}
	projectWords = []string{"nova", "neutron", "cinder", "keystone", "glance",
		"swift", "heat", "ironic", "octavia", "kolla"}
)

// wordSet returns the lower-cased ASCII words of text, splitting where a
// regular expression's \b would.
func wordSet(text string) map[string]bool {
	words := make(map[string]bool)
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(c rune) bool {
		return !(c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')
	}) {
		words[w] = true
	}
	return words
}

// countProjectWords counts the distinct OpenStack project words in text.
func countProjectWords(words map[string]bool) int {
	n := 0
	for _, w := range projectWords {
		if words[w] {
			n++
		}
	}
	return n
}

// mentionRole applies the role rule of classify.definition "mention" to a
// posting's text: OpenStack if it says "OpenStack" or names two distinct
// OpenStack projects, else Python if it names Python, Django, Flask or
// FastAPI, else other. The generator checks every posting against it: a
// posting's core sentences and the sentences that list a technology must
// be all that mention one.
func mentionRole(text string) role {
	words := wordSet(text)
	if words["openstack"] || countProjectWords(words) >= 2 {
		return roleOpenStack
	}
	for _, w := range pythonWords {
		if words[w] {
			return rolePython
		}
	}
	return roleOther
}
