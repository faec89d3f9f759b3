package whatif

import (
	"io/fs"

	"github.com/s3cost/s3cost/workloads"
)

func workloadsExample(name string) ([]byte, error) { return fs.ReadFile(workloads.ExampleFS(), name) }
