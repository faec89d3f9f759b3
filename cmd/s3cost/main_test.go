package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

// TestMain lets the test binary act as the s3cost binary inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"s3cost": func() { os.Exit(Main()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: the real
// command line, its output and its exit code. $EXAMPLES is the folder of
// shipped example workloads; $SCRIPTS and $DOCS hold the CI script and
// the pre-commit hook that ci_script.txtar runs.
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs("../../workloads/examples")
	if err != nil {
		t.Fatal(err)
	}
	scripts, err := filepath.Abs("../../scripts")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := filepath.Abs("../../docs")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", examples)
			// Price List fixtures of the importer's tests.
			offers, err := filepath.Abs("../../internal/priceimport/testdata/eu-west-1")
			if err != nil {
				return err
			}
			env.Setenv("OFFERS", offers)
			env.Setenv("FEED", filepath.Join(offers, "..", "..", "..", "..", "pricing", "sources", "aws-s3-pricing-feed-2025-10-22.json"))
			env.Setenv("SCRIPTS", scripts) // scripts/s3cost-pr.sh, for ci_script.txtar
			env.Setenv("DOCS", docs)       // docs/examples/pre-commit, likewise
			// No config or region from the developer's own machine.
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
			env.Setenv("S3COST_REGION", "")
			// A binary built with -race sleeps a second when it exits
			// (the race runtime's atexit_sleep_ms defaults to 1000); every
			// script runs s3cost many times, so that second is most of the
			// suite's time. Races are still reported.
			env.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
			env.Setenv("S3COST_FORMAT", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
		},
	})
}

// cmdExitCode runs a program and checks its exit code:
//
//	exitcode 2 s3cost compare bad.yaml
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = exitErr.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
