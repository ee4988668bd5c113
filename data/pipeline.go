package data

import _ "embed"

// DefaultPipeline is the default pipeline.yaml, built in so that an
// installed binary with no config at hand runs the bundled demo. It must
// equal the repository's pipeline.yaml; a test of cmd/jobmarket checks.
//
//go:embed pipeline.yaml
var DefaultPipeline []byte
