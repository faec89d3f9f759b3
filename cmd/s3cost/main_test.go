package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/report"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

// TestMain lets the test binary act as the s3cost binary inside scripts.
func TestMain(m *testing.M) {
	if os.Getenv("S3COST_TEST_HELPER") == "blocked-write" {
		blockedWrite() // signal_test.go
	}
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
		// [root]: permissions do not stop root, so a test of an unreadable
		// folder runs as another user only.
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
			"jsonget":  cmdJSONGet,
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

// cmdJSONGet reads one value of a JSON file (testscript has no jq), to
// hold one command's figure against another's:
//
//	jsonget FILE PATH WANT        fails unless the value is WANT (with !, unless it is not)
//	jsonget -set VAR FILE PATH    sets $VAR to the value
//
// With -money first, the value (an amount) is rounded as the tables show
// it: "$1,234.57". PATH is dot-separated: a key, an index, [KEY] (the one
// element of an array whose KEY is neither null nor false) or [KEY=VALUE]
// (the one whose KEY is the string VALUE). A string value is itself, any
// other its JSON text (numbers as written).
func cmdJSONGet(ts *testscript.TestScript, neg bool, args []string) {
	money := len(args) > 0 && args[0] == "-money"
	if money {
		args = args[1:]
	}
	setVar := ""
	if len(args) == 4 && args[0] == "-set" {
		setVar, args = args[1], args[2:]
		if neg {
			ts.Fatalf("jsonget -set: no !")
		}
	} else if len(args) != 3 {
		ts.Fatalf("usage: jsonget [-money] FILE PATH WANT | jsonget [-money] -set VAR FILE PATH")
	}
	dec := json.NewDecoder(strings.NewReader(ts.ReadFile(args[0])))
	dec.UseNumber()
	var v any
	ts.Check(dec.Decode(&v))
	got, err := jsonPath(v, args[1])
	if err != nil {
		ts.Fatalf("jsonget %s %s: %v", args[0], args[1], err)
	}
	if money {
		d, err := decimal.NewFromString(got)
		ts.Check(err)
		got = report.Money(d)
	}
	if setVar != "" {
		ts.Setenv(setVar, got)
		return
	}
	if (got == args[2]) == neg {
		ts.Fatalf("jsonget %s %s: %q, want %s%q", args[0], args[1], got, map[bool]string{true: "not ", false: ""}[neg], args[2])
	}
}

// jsonPath is the value at path in v (see cmdJSONGet).
func jsonPath(v any, path string) (string, error) {
	var parts []string
	depth, start := 0, 0
	for i, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case r == '.' && depth == 0:
			parts = append(parts, path[start:i])
			start = i + 1
		}
	}
	parts = append(parts, path[start:])
	for _, p := range parts {
		switch node := v.(type) {
		case map[string]any:
			next, ok := node[p]
			if !ok {
				return "", fmt.Errorf("no key %q", p)
			}
			v = next
		case []any:
			if sel, ok := strings.CutPrefix(p, "["); ok {
				sel = strings.TrimSuffix(sel, "]")
				key, want, byValue := strings.Cut(sel, "=")
				var found []any
				for _, e := range node {
					m, _ := e.(map[string]any)
					val, has := m[key]
					if byValue && val == want || !byValue && has && val != nil && val != false {
						found = append(found, e)
					}
				}
				if len(found) != 1 {
					return "", fmt.Errorf("%s: %d elements match, want 1", p, len(found))
				}
				v = found[0]
				continue
			}
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(node) {
				return "", fmt.Errorf("no element %q of %d", p, len(node))
			}
			v = node[i]
		default:
			return "", fmt.Errorf("%q: not an object or an array", p)
		}
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
