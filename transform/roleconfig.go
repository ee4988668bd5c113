package transform

import (
	"fmt"
	"slices"

	"github.com/jobmarket/jobmarket/data"
)

// Defaults of the core-or-listed rule (see Classify.Levels), gathered by
// DefaultConfig.
const (
	// DefaultDefinition: a role is a posting whose technology is core, not
	// one that merely mentions it.
	DefaultDefinition = data.DefinitionCore
	// DefaultCoreScore is the score at which a technology is core: one
	// mention in the responsibilities with a work verb before it (1.5 ×
	// 1.5), or two plain ones in the opening or responsibilities, or three
	// in the requirements.
	DefaultCoreScore = 2.0
	// DefaultVerbFactor multiplies a mention with a work verb ("operate",
	// "build") at most DefaultVerbWindow words before it in its clause.
	DefaultVerbFactor = 1.5
	DefaultVerbWindow = 4
	// DefaultPairFactor and DefaultListFactor multiply a mention listed
	// with one other technology ("OpenStack and VMware") or with two or
	// more ("AWS, Azure, OpenStack"): a list names what the job touches,
	// not what it is about.
	DefaultPairFactor = 0.5
	DefaultListFactor = 0.25
	// DefaultProjectWeight: an OpenStack project name (Nova, Neutron)
	// counts half a mention of OpenStack itself, and only where OpenStack
	// is named or the projects cluster.
	DefaultProjectWeight = 0.5
	// DefaultOpeningWords: the opening is the description's first 40
	// words before any heading, about two sentences.
	DefaultOpeningWords = 40
	// DefaultOptionalWindow: an optional marker counts for the mentions
	// within 8 words of it in its clause ("Python for tooling is a plus"),
	// not for a whole bullet list that reached us as one line.
	DefaultOptionalWindow = 8
	// DefaultSeniorYears: "5+ years" of experience asked for makes a
	// title that names no level senior.
	DefaultSeniorYears = 5
)

// Default word lists of the core-or-listed rule.
var (
	// DefaultTechnologies are other technologies a posting lists beside
	// OpenStack or Python; a mention listed with them is a listed one.
	DefaultTechnologies = []string{"aws", "amazon web services", "azure", "gcp", "google cloud", "alibaba cloud", "oracle cloud",
		"ibm cloud", "digitalocean", "vmware", "vsphere", "esxi", "nsx", "hyper v", "proxmox", "kvm", "xen", "nutanix",
		"cloudstack", "opennebula", "openshift", "rancher", "kubernetes", "k8s", "docker", "podman", "helm", "terraform",
		"pulumi", "cloudformation", "ansible", "puppet", "chef", "saltstack", "jenkins", "gitlab", "prometheus", "grafana",
		"elasticsearch", "kafka", "rabbitmq", "redis", "postgresql", "postgres", "mysql", "mariadb", "mongodb", "oracle",
		"sql", "ceph", "linux", "windows", "java", "kotlin", "scala", "go", "golang", "rust", "c", "c#", "dotnet", "net",
		"ruby", "rails", "php", "perl", "bash", "shell", "powershell", "groovy", "javascript", "typescript", "node",
		"nodejs", "react", "angular", "vue", "spring", "r", "matlab", "lua", "haskell", "elixir", "erlang", "spark"}
	// DefaultOptionalMarkers make the mentions of their clause optional,
	// and so listed: "Python is a plus".
	DefaultOptionalMarkers = []string{"a plus", "nice to have", "bonus", "familiarity with", "exposure to", "preferred",
		"desirable", "an advantage", "advantageous", "ideally", "would be great", "would be nice", "not required",
		"not a must", "helpful", "beneficial", "welcome", "appreciated", "is a merit", "basic knowledge", "some knowledge",
		"apprécié", "优先", "加分"}
	// DefaultListWords may stand between the items of a list.
	DefaultListWords = []string{"and", "or", "as", "well", "such", "like", "including", "e", "g", "eg", "i", "ie", "etc",
		"similar", "other", "either", "one", "of", "the", "und", "oder", "et", "ou", "等", "或"}
	// DefaultWorkVerbs mark the work itself: a mention right after one is
	// what the job does.
	DefaultWorkVerbs = []string{"build", "building", "develop", "developing", "operate", "operating", "run", "running",
		"maintain", "maintaining", "support", "supporting", "deploy", "deploying", "upgrade", "upgrading", "troubleshoot",
		"troubleshooting", "debug", "debugging", "contribute", "contributing", "design", "designing", "automate",
		"automating", "administer", "administering", "manage", "managing", "scale", "scaling", "write", "writing", "own",
		"extend", "install", "configure", "keep", "improve", "tune", "evolve", "migrate", "implement", "code", "program",
		"work on", "working on", "responsible for", "in charge of", "focus on", "specialise in", "specialize in"}
	// DefaultHeadings are the section headings postings use, by section.
	DefaultHeadings = Headings{
		Responsibilities: []string{"responsibilities", "what you'll do", "what you will do", "what you'll be doing",
			"what you will be doing", "your role", "the role", "about the role", "about the team", "your responsibilities",
			"key responsibilities", "your tasks", "tasks", "duties", "day to day", "in this role", "your mission",
			"job description", "your impact", "the job", "ihre aufgaben", "deine aufgaben", "missions", "岗位职责", "工作职责",
			"工作内容"},
		Requirements: []string{"requirements", "qualifications", "what you'll need", "what you need", "what you bring",
			"what we're looking for", "what we are looking for", "about you", "who you are", "you have", "your profile",
			"profile", "profil", "must have", "must haves", "skills", "minimum qualifications", "basic qualifications",
			"required skills", "your skills", "ihr profil", "dein profil", "任职要求", "岗位要求", "任职资格"},
		NiceToHave: []string{"nice to have", "nice to haves", "bonus points", "bonus", "preferred qualifications",
			"pluses", "it would be great if", "good to have", "desirable", "extra credit", "even better", "加分项"},
		Benefits: []string{"benefits", "what we offer", "we offer", "perks", "why join us", "what's in it for you",
			"compensation", "our offer", "additional information", "wir bieten", "avantages", "福利", "福利待遇"},
		Company: []string{"about us", "who we are", "about the company", "company description", "our company"},
	}
	// DefaultWeights weigh a mention by the section it stands in.
	DefaultWeights = Weights{Opening: 1.5, Responsibilities: 1.5, Body: 1, Requirements: 0.75, NiceToHave: 0,
		Benefits: 0, Company: 0.5}
	// DefaultLeadPhrases make a title that names no level lead.
	DefaultLeadPhrases = []string{"lead a team", "lead the team", "manage a team", "manage the team", "lead a group",
		"line management", "people management", "direct reports"}
	// DefaultExperienceWords follow "years" where a posting asks for
	// experience ("5+ years of", "5 years in", "5 years experience"), and
	// not where it tells its own age ("founded 12 years ago").
	DefaultExperienceWords = []string{"of", "in", "experience", "exp", "professional", "working", "building", "developing",
		"as", "with", "hands"}
)

// Headings are the heading phrases of each section of a posting. A heading
// counts where it starts with a capital letter or a colon or line end
// follows it ("Requirements", "what you'll do:"): boards' HTML reaches us
// as one line, so headings are seldom on lines of their own.
type Headings struct {
	Responsibilities []string `yaml:"responsibilities"`
	Requirements     []string `yaml:"requirements"`
	NiceToHave       []string `yaml:"nice_to_have"`
	Benefits         []string `yaml:"benefits"`
	Company          []string `yaml:"company"`
}

// Weights weigh a mention by where it stands: in the opening (the first
// OpeningWords words before any heading), in a section, or in the body
// (neither). The title has no weight: a title naming the technology makes
// it core outright.
type Weights struct {
	Opening          float64 `yaml:"opening"`
	Responsibilities float64 `yaml:"responsibilities"`
	Body             float64 `yaml:"body"`
	Requirements     float64 `yaml:"requirements"`
	NiceToHave       float64 `yaml:"nice_to_have"`
	Benefits         float64 `yaml:"benefits"`
	Company          float64 `yaml:"company"`
}

// section is where in a posting a word stands, an index into sectionNames.
type section uint8

const (
	sectionTitle section = iota
	sectionOpening
	sectionResponsibilities
	sectionBody
	sectionRequirements
	sectionNiceToHave
	sectionBenefits
	sectionCompany
)

var sectionNames = [...]string{"title", "opening", "responsibilities", "body", "requirements", "nice_to_have", "benefits", "company"}

func (s section) String() string { return sectionNames[s] }

// bySection returns the weights indexed by section.
func (w Weights) bySection() [len(sectionNames)]float64 {
	return [...]float64{0, w.Opening, w.Responsibilities, w.Body, w.Requirements, w.NiceToHave, w.Benefits, w.Company}
}

// bySection returns the heading lists indexed by section.
func (h Headings) bySection() map[section][]string {
	return map[section][]string{sectionResponsibilities: h.Responsibilities, sectionRequirements: h.Requirements,
		sectionNiceToHave: h.NiceToHave, sectionBenefits: h.Benefits, sectionCompany: h.Company}
}

// defaultHeadings is a deep copy of DefaultHeadings.
func defaultHeadings() Headings {
	h := DefaultHeadings
	h.Responsibilities, h.Requirements = slices.Clone(h.Responsibilities), slices.Clone(h.Requirements)
	h.NiceToHave, h.Benefits, h.Company = slices.Clone(h.NiceToHave), slices.Clone(h.Benefits), slices.Clone(h.Company)
	return h
}

// validateLevels reports the problems of the core-or-listed settings.
func (cl Classify) validateLevels() []error {
	var errs []error
	if !slices.Contains(data.Definitions, cl.Definition) {
		errs = append(errs, data.FieldErrorf("classify.definition", "%q is not a definition (want core or mention)", cl.Definition))
	}
	lists := []struct {
		key   string
		words []string
	}{{"technologies", cl.Technologies}, {"optional_markers", cl.OptionalMarkers}, {"work_verbs", cl.WorkVerbs},
		{"lead_phrases", cl.LeadPhrases}, {"list_words", cl.ListWords}, {"experience_words", cl.ExperienceWords}, {"headings.responsibilities", cl.Headings.Responsibilities},
		{"headings.requirements", cl.Headings.Requirements}, {"headings.nice_to_have", cl.Headings.NiceToHave},
		{"headings.benefits", cl.Headings.Benefits}, {"headings.company", cl.Headings.Company}}
	for _, list := range lists {
		for i, w := range list.words {
			if len(phraseHashes(w)) == 0 {
				errs = append(errs, data.FieldErrorf(fmt.Sprintf("classify.%s[%d]", list.key, i), "%q has no letters or digits", w))
			}
		}
	}
	if !(cl.CoreScore > 0) {
		errs = append(errs, data.FieldErrorf("classify.core_score", "%v is not positive", cl.CoreScore))
	}
	w := cl.Weights
	for _, f := range []struct {
		key string
		v   float64
	}{{"weights.opening", w.Opening}, {"weights.responsibilities", w.Responsibilities}, {"weights.body", w.Body},
		{"weights.requirements", w.Requirements}, {"weights.nice_to_have", w.NiceToHave}, {"weights.benefits", w.Benefits},
		{"weights.company", w.Company}, {"verb_factor", cl.VerbFactor}, {"pair_factor", cl.PairFactor},
		{"list_factor", cl.ListFactor}, {"project_weight", cl.ProjectWeight}} {
		if !(f.v >= 0) {
			errs = append(errs, data.FieldErrorf("classify."+f.key, "%v is negative", f.v))
		}
	}
	for _, f := range []struct {
		key string
		v   int
	}{{"verb_window", cl.VerbWindow}, {"optional_window", cl.OptionalWindow}, {"opening_words", cl.OpeningWords}, {"senior_years", cl.SeniorYears}} {
		if f.v < 0 {
			errs = append(errs, data.FieldErrorf("classify."+f.key, "%d is negative", f.v))
		}
	}
	return errs
}
