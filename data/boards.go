package data

import "embed"

//go:generate go run ../internal/boardgen -seed 1 -out boards

// Boards is the bundled SYNTHETIC job-board snapshot the demo pipeline
// scrapes: three invented boards in three real formats, laid out as
// HOST/PATH (cloudjobs.example, api.lever.example, pyjobs.example), plus
// README.md and truth.json with the ground truth the pipeline's estimates
// are checked against. None of it is real job-market data.
//
// It is embedded so that an installed binary runs the demo anywhere,
// offline and without a checkout of the repository; the scrape stage reads
// it through bundled://HOST/PATH URLs. The files are written by
// internal/boardgen (go generate ./data); a test there fails if they are
// edited by hand.
//
//go:embed all:boards
var Boards embed.FS
