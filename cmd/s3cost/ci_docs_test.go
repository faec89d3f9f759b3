package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/pricing"
)

// The CI examples in docs/examples must run scripts/s3cost-pr.sh, the script
// testdata/script/ci_script.txtar tests, so the commands the docs show are
// the ones that are tested.
func TestCIExamplesCallTheScript(t *testing.T) {
	for _, name := range []string{"github-actions.yml", "gitlab-ci.yml"} {
		data, err := os.ReadFile("../../docs/examples/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`(?m)^\s+(-\s+)?(bash\s+)?scripts/s3cost-pr\.sh\s`).Match(data) {
			t.Errorf("docs/examples/%s does not run scripts/s3cost-pr.sh", name)
		}
		if strings.Contains(string(data), "s3cost check ") || strings.Contains(string(data), "s3cost diff ") {
			t.Errorf("docs/examples/%s runs s3cost check or diff itself; call scripts/s3cost-pr.sh", name)
		}
	}
	gh, err := os.ReadFile("../../docs/examples/github-actions.yml")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^\s+fetch-depth:\s*0\s*$`).Match(gh) {
		t.Error("docs/examples/github-actions.yml: actions/checkout needs fetch-depth: 0 for the base branch")
	}
	gl, err := os.ReadFile("../../docs/examples/gitlab-ci.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`$CI_MERGE_REQUEST_DIFF_BASE_SHA`, `GIT_DEPTH: "0"`, `$S3COST_GITLAB_TOKEN`, `<!-- s3cost-pr -->`} {
		if !strings.Contains(string(gl), want) {
			t.Errorf("docs/examples/gitlab-ci.yml lacks %s", want)
		}
	}
	script, err := os.ReadFile("../../scripts/s3cost-pr.sh")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(script), `marker='<!-- s3cost-pr -->'`) {
		t.Error("scripts/s3cost-pr.sh no longer writes the <!-- s3cost-pr --> marker the GitLab job looks for")
	}
}

// docs/ci.md links every example and the script.
func TestCIDocLinksExamples(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{
		"(examples/github-actions.yml)",
		"(examples/gitlab-ci.yml)",
		"(examples/pre-commit)",
		"(../scripts/s3cost-pr.sh)",
	} {
		if !strings.Contains(string(doc), link) {
			t.Errorf("docs/ci.md does not link %s", link)
		}
		target := "../../docs/" + strings.Trim(link, "()")
		if _, err := os.Stat(target); err != nil {
			t.Errorf("docs/ci.md links %s: %v", link, err)
		}
	}
}

// The sample comment in docs/ci.md, both the fenced source under its
// "$ s3cost check ..." line and the rendered copy between the sample
// markers, is what that command prints now. After a deliberate change to
// the report, paste the new output into docs/ci.md (twice).
func TestCIDocSampleIsCurrent(t *testing.T) {
	data, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	const command = "$ s3cost check workloads/examples/team-buckets.yaml --max-overspend 25 --format markdown"

	var out, errOut bytes.Buffer
	app := &App{
		Out: &out, Err: &errOut, In: strings.NewReader(""),
		Getenv:     func(string) string { return "" },
		LoadSheets: func() (*pricing.Sheets, error) { return pricing.Load(pricing.Embedded()) },
	}
	args := strings.Fields(strings.TrimPrefix(command, "$ s3cost "))
	args[1] = "../../" + args[1]
	if code := app.Run(context.Background(), args); code != 1 {
		t.Fatalf("%s: exit %d, want 1 (app-logs over --max-overspend 25): %s", command, code, errOut.String())
	}
	want := out.String()

	_, fenced, ok := strings.Cut(doc, "```\n"+command+"\n")
	if !ok {
		t.Fatalf("docs/ci.md has no fenced block starting with %q", command)
	}
	fenced, _, ok = strings.Cut(fenced, "```")
	if !ok {
		t.Fatal("docs/ci.md: the sample's fenced block does not end")
	}
	if fenced != want {
		t.Errorf("docs/ci.md: the fenced sample is stale; s3cost now prints:\n%s", want)
	}

	_, rendered, ok := strings.Cut(doc, "<!-- sample:begin -->\n")
	if !ok {
		t.Fatal("docs/ci.md has no <!-- sample:begin --> marker")
	}
	rendered, _, ok = strings.Cut(rendered, "<!-- sample:end -->")
	if !ok {
		t.Fatal("docs/ci.md has no <!-- sample:end --> marker")
	}
	if rendered != want {
		t.Errorf("docs/ci.md: the rendered sample is stale; s3cost now prints:\n%s", want)
	}
}
