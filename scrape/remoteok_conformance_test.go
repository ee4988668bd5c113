package scrape_test

import (
	"github.com/jobmarket/jobmarket/scrape"
)

// The legal notice that opens the answer is neither a posting nor a
// reject: the records are the three postings and the wrong answer.
var _ = conformanceCase(scrape.KindRemoteOK, kindCase{
	name: "remoteok",
	src: func(base string) scrape.Source {
		return scrape.Source{Name: "s", Kind: scrape.KindRemoteOK, StartURLs: []string{base + "/remoteok/api", base + "/remoteok/greenhouse-answer"}}
	},
	postings: map[string]string{
		"https://remoteok.com/remote-jobs/remote-senior-openstack-engineer-stackhaus-1093001": "Senior OpenStack Engineer",
		"https://remoteok.com/remote-jobs/remote-python-developer-pylab-1093002":              "Python Developer",
		"https://remoteok.com/remote-jobs/remote-backend-engineer-lowbound-1093003":           "Backend Engineer",
	},
	rejects: map[string]string{
		"/remoteok/greenhouse-answer": "remoteok response is not an array of postings: json: cannot unmarshal object",
	},
})
