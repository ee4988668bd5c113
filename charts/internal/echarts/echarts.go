// Package echarts carries Apache ECharts, the JavaScript charting library
// the report draws with, so that a report opened with no network (from a
// USB stick, on a plane) still draws its charts.
//
// The files are the ones the npm registry's package "echarts" ships, pinned
// to Version: dist/echarts.min.js as echarts.min.js, with the package's
// LICENSE, NOTICE and licenses/LICENSE-d3 beside it as Apache-2.0 asks of a
// redistribution. They are written by the fetch program, which downloads
// the tarball, checks it against TarballSHA512 and the script against
// ScriptSHA256, and refuses to write anything that does not match:
//
//	go generate ./charts/internal/echarts
//
// Nothing here is built from source; to move to another release, change
// Version and both hashes in the go:generate line and in the constants
// below, run go generate and read the diff of LICENSE and NOTICE.
//
// It is not for anything but embedding: the package has no logic.
package echarts

import _ "embed"

//go:generate go run ./fetch -version 5.4.3 -tarball-sha512 mYKxLxhzy6zyTi/FaEbJMOZU1ULGEQHaeIeuMR5L+JnJTpz+YR03mnnpBhbR4+UYJAgiXgpyTVLffPAjOTLkZA== -script-sha256 1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19 -out .

// Version is the ECharts release embedded; go-echarts v2.6.7 writes options
// for this release.
const Version = "5.4.3"

// TarballSHA512 is the npm registry's integrity string of
// echarts-5.4.3.tgz (dist.integrity in `npm view echarts@5.4.3`).
const TarballSHA512 = "sha512-mYKxLxhzy6zyTi/FaEbJMOZU1ULGEQHaeIeuMR5L+JnJTpz+YR03mnnpBhbR4+UYJAgiXgpyTVLffPAjOTLkZA=="

// ScriptSHA256 is the hex SHA-256 of dist/echarts.min.js in that tarball;
// a test checks the embedded Script against it.
const ScriptSHA256 = "1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19"

var (
	// Script is dist/echarts.min.js, about 1 MB. It contains no "</script"
	// and no "<!--" (a test checks), so it can be inlined into a <script>
	// element as it is.
	//
	//go:embed echarts.min.js
	Script string

	// License is the package's LICENSE (Apache-2.0, with the list of
	// subcomponents under other licenses).
	//
	//go:embed LICENSE
	License string

	// Notice is the package's NOTICE, which Apache-2.0 asks to pass on.
	//
	//go:embed NOTICE
	Notice string

	// LicenseD3 is licenses/LICENSE-d3 (BSD 3-Clause), which License refers
	// to for the parts of d3.js inside ECharts.
	//
	//go:embed LICENSE-d3
	LicenseD3 string
)
