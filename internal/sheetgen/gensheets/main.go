// Command gensheets writes the embedded price sheets from pricing/sources
// (`make sheets`, or `go generate ./pricing`). Run it after replacing a
// source file and review the diff of pricing/sheets/aws.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/s3cost/s3cost/internal/atomicfile"
	"github.com/s3cost/s3cost/internal/sheetgen"
)

func main() { os.Exit(run()) }

func run() int {
	sources := flag.String("sources", "pricing/sources", "the folder of the source files")
	out := flag.String("out", "pricing/sheets/aws", "the folder to write the sheets to")
	flag.Parse()
	in, err := sheetgen.ReadInputs(*sources)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensheets:", err)
		return 1
	}
	sheets, err := sheetgen.Generate(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensheets:", err)
		return 1
	}
	old, _ := filepath.Glob(filepath.Join(*out, "*.yaml"))
	keep := map[string]bool{}
	for _, s := range sheets {
		path := filepath.Join(*out, s.Region+".yaml")
		keep[path] = true
		if err := atomicfile.WriteFile(path, s.YAML); err != nil {
			fmt.Fprintln(os.Stderr, "gensheets:", err)
			return 1
		}
	}
	for _, path := range old {
		if !keep[path] {
			fmt.Fprintln(os.Stderr, "gensheets: removing", path, "(no region of the sources)")
			os.Remove(path)
		}
	}
	fmt.Printf("gensheets: %d sheets written to %s\n", len(sheets), *out)
	return 0
}
