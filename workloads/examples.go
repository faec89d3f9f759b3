package workloads

import (
	"embed"
	"io/fs"
)

// exampleFiles holds the example workloads that ship in the binary, for
// `s3cost` to list and copy and for tests to decode.
//
//go:embed examples/*.yaml
var exampleFiles embed.FS

// ExampleFS returns the example workloads (product-images.yaml,
// db-backups.yaml, ...) at the root of a read-only file system.
func ExampleFS() fs.FS {
	sub, err := fs.Sub(exampleFiles, "examples")
	if err != nil {
		// fs.Sub fails only for an invalid directory name, and "examples"
		// is a valid one; serve the embedded tree as it is rather than fail.
		return exampleFiles
	}
	return sub
}
