package main

import (
	"os"
	"path/filepath"
)

// Outputs that would destroy an input, and inputs given twice (issue 15
// item 8): one place for every command that writes a file or reads
// several.

// outputIsInput refuses an output file (flag: "--out", "-o", "--chart")
// that is one of the inputs: "check v.yaml --out v.yaml" would replace the
// workload with its report. A directory among the inputs stands for the
// workload files in it; the same file by another path or a link counts.
func outputIsInput(flag, out string, inputs []string) error {
	if out == "" || out == "-" {
		return nil
	}
	outAbs, _ := filepath.Abs(out)
	target, statErr := os.Stat(out)
	for _, p := range inputs {
		if p == "" || p == "-" {
			continue
		}
		names, err := expand(p)
		if err != nil {
			names = []string{p} // reported when the inputs are read
		}
		for _, n := range names {
			same := false
			if abs, _ := filepath.Abs(n); abs == outAbs {
				same = true
			} else if statErr == nil {
				info, err := os.Stat(n)
				same = err == nil && os.SameFile(info, target)
			}
			if same {
				return usageErrorf("%s %s is an input (%s): it would be overwritten; write elsewhere", flag, out, n)
			}
		}
	}
	return nil
}

// sameFileTwice finds two names of one file (os.SameFile: the same path, a
// link, or another path to it), comparing only files of the same size. A
// name that cannot be looked up is skipped: reading it reports why.
func sameFileTwice(names []string) (i, j int, found bool) {
	bySize := map[int64][]int{}
	infos := make([]os.FileInfo, len(names))
	for k, n := range names {
		info, err := os.Stat(n)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		infos[k] = info
		for _, prev := range bySize[info.Size()] {
			if os.SameFile(infos[prev], info) {
				return prev, k, true
			}
		}
		bySize[info.Size()] = append(bySize[info.Size()], k)
	}
	return 0, 0, false
}

// givenTwice refuses a file given twice among inputs that are summed
// (check's workloads, pricing import's price files): it would be counted
// twice.
func givenTwice(names []string) error {
	if i, j, ok := sameFileTwice(names); ok {
		return usageErrorf("%s and %s are the same file: it would be counted twice; give it once", names[i], names[j])
	}
	return nil
}
