package lifecycle

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/golden"
	"github.com/s3cost/s3cost/model"
)

// Rules to emit: every filter shape, both minimum-size settings, with and
// without expiration, an ID from the Rule, from the Lifecycle, or made up.
func tiered() Rule {
	return Rule{
		ID:         "logs-tiering",
		Expiration: 365 * day,
		Lifecycle: model.Lifecycle{
			Start: model.Standard, MinimumObjectSize: model.AllStorageClasses128K,
			Transitions: []model.Transition{{After: 30 * day, Class: model.StandardIA}, {After: 120 * day, Class: model.Glacier}},
		},
	}
}

func sized() Rule {
	return Rule{
		Lifecycle: model.Lifecycle{
			Start: model.Standard, MinimumObjectSize: model.VariesByStorageClass,
			Transitions:     []model.Transition{{After: 90 * day, Class: model.GlacierIR}, {After: 180 * day, Class: model.DeepArchive}},
			SizeGreaterThan: dec(128 * 1024), SizeLessThan: dec(1 << 30),
		},
	}
}

func expireOnly() Rule {
	return Rule{
		Expiration: 30 * day,
		Lifecycle: model.Lifecycle{
			Name: "tmp-cleanup", Start: model.IntelligentTiering,
			SizeLessThan: dec(1 << 20),
		},
	}
}

// The emitted JSON and Terraform match testdata/<case>.json and .tf, written
// by hand from the AWS CLI Command Reference and the Terraform AWS
// provider's documentation (-update rewrites them only after a deliberate
// change).
func TestGolden(t *testing.T) {
	cases := []struct {
		file, resource string
		r              Rule
	}{
		{"tiered", "logs", tiered()},
		{"sized", "", sized()},
		{"expire", "tmp", expireOnly()},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			js, err := c.r.PutJSON()
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, c.file+".json", js)
			tf, err := c.r.Terraform(c.resource)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, c.file+".tf", tf)
		})
	}
}

// withMinimumSize adds TransitionDefaultMinimumObjectSize to a put
// document, as get-bucket-lifecycle-configuration prints the configuration
// once the document is applied with --transition-default-minimum-object-size.
func withMinimumSize(t testing.TB, doc []byte, size string) []byte {
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	m["TransitionDefaultMinimumObjectSize"] = size
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRoundTrip: what PutJSON writes, applied with the command PutCommand
// gives and read back, is the rule that was written.
func TestRoundTrip(t *testing.T) {
	rules := []Rule{
		tiered(),
		sized(),
		{ // a size floor only, ONEZONE_IA then GLACIER, expiring
			ID: "floor", Expiration: 400 * day,
			Lifecycle: model.Lifecycle{
				Start: model.Standard, MinimumObjectSize: model.AllStorageClasses128K,
				Transitions:     []model.Transition{{After: 30 * day, Class: model.OneZoneIA}, {After: 60 * day, Class: model.Glacier}},
				SizeGreaterThan: dec(1),
			},
		},
		{ // a size ceiling only, expiring without transition
			ID: "ceiling", Expiration: 30 * day,
			Lifecycle: model.Lifecycle{Start: model.Standard, MinimumObjectSize: model.VariesByStorageClass, SizeLessThan: dec(1 << 20)},
		},
		{ // the whole waterfall from day 1
			ID: "waterfall <&> \"quoted\"", Expiration: 3650 * day,
			Lifecycle: model.Lifecycle{
				Start: model.Standard, MinimumObjectSize: model.VariesByStorageClass,
				Transitions: []model.Transition{
					{After: 1 * day, Class: model.IntelligentTiering}, {After: 2 * day, Class: model.GlacierIR},
					{After: 92 * day, Class: model.Glacier}, {After: 365 * day, Class: model.DeepArchive},
				},
			},
		},
	}
	for _, r := range rules {
		want := r
		want.ID = r.emitID()
		want.Lifecycle.Name = want.ID
		t.Run(want.ID, func(t *testing.T) {
			doc, err := r.PutJSON()
			if err != nil {
				t.Fatal(err)
			}
			cmd := r.PutCommand("my-bucket", "rule.json")
			flagged := strings.Contains(cmd, " --transition-default-minimum-object-size varies_by_storage_class")
			if flagged != (r.Lifecycle.MinimumObjectSize == model.VariesByStorageClass) {
				t.Errorf("command %s for %s", cmd, r.Lifecycle.MinimumObjectSize)
			}
			// The document alone carries no minimum size: it reads back
			// with AWS's default, and says so.
			cfg, err := Parse("rule.json", doc)
			if err != nil {
				t.Fatal(err)
			}
			alone := want
			alone.Lifecycle.MinimumObjectSize = model.AllStorageClasses128K
			if len(cfg.Rules) != 1 || len(cfg.Notes) != 1 {
				t.Fatalf("rules %+v, notes %q", cfg.Rules, cfg.Notes)
			}
			if d := sameRule(cfg.Rules[0], alone); d != "" {
				t.Errorf("document alone: %s", d)
			}
			// With the setting the command applies, as get prints it: the
			// same rule.
			size := model.AllStorageClasses128K
			if flagged {
				size = model.VariesByStorageClass
			}
			cfg, err = Parse("current.json", withMinimumSize(t, doc, size))
			if err != nil {
				t.Fatal(err)
			}
			if d := sameRule(cfg.Rules[0], want); d != "" {
				t.Errorf("applied: %s", d)
			}
			if len(cfg.Notes) != 0 {
				t.Errorf("notes %q", cfg.Notes)
			}
		})
	}
}

func TestEmitErrors(t *testing.T) {
	halfDay := tiered()
	halfDay.Expiration = 365*day + 12*time.Hour
	hourly := tiered()
	hourly.Lifecycle.Transitions[0].After = 30*day + time.Hour
	backwards := tiered()
	backwards.Lifecycle.Transitions[0].Class = model.DeepArchive
	idle := Rule{ID: "idle", Lifecycle: model.Lifecycle{Start: model.Standard}}
	longID := tiered()
	longID.ID = strings.Repeat("x", 256)
	fraction := sized()
	fraction.Lifecycle.SizeGreaterThan = dec(1).Div(dec(2)).Add(dec(1000))
	forever := tiered()
	forever.Expiration = 201 * model.Year
	cases := []struct {
		name string
		r    Rule
		want string
	}{
		{"beyond 200 years", forever, `lifecycle rule "logs-tiering": 201y is longer than the 200 years s3cost reads back`},
		{"expiration not in days", halfDay, `lifecycle rule "logs-tiering": expiration after 8772h: lifecycle expires objects after whole days`},
		{"transition not in days", hourly, `lifecycle rule "logs-tiering": transition 1 (STANDARD_IA@721h): lifecycle counts whole days`},
		{"unreachable", backwards, `lifecycle rule "logs-tiering": transition 2 (GLACIER@120d): lifecycle cannot move objects from DEEP_ARCHIVE to GLACIER (transitions go down the waterfall only)`},
		{"nothing to do", idle, `lifecycle rule "idle": it neither transitions nor expires objects: nothing to apply`},
		{"ID too long", longID, `lifecycle rule "` + strings.Repeat("x", 64) + `…": the ID is longer than AWS's 255 characters`},
		{"fraction of a byte", fraction, `lifecycle rule "s3cost-GLACIER_IR-90d-DEEP_ARCHIVE-180d": ObjectSizeGreaterThan: 1000.5 is not a whole number of bytes AWS takes`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.r.PutJSON()
			if err == nil || err.Error() != c.want {
				t.Errorf("PutJSON: got  %v\nwant %s", err, c.want)
			}
			_, err2 := c.r.Terraform("x")
			if err2 == nil || err2.Error() != c.want {
				t.Errorf("Terraform: got %v", err2)
			}
			if exit.Code(err) != exit.CodeInput {
				t.Errorf("exit code %d", exit.Code(err))
			}
		})
	}
	_, err := tiered().Terraform("9lives")
	if err == nil || err.Error() != `"9lives" is not a Terraform resource name (letters, digits, _ and -, starting with a letter or _)` {
		t.Errorf("resource name: %v", err)
	}
}

func TestPutCommand(t *testing.T) {
	cases := []struct {
		r            Rule
		bucket, file string
		want         string
	}{
		{tiered(), "my-bucket", "rule.json",
			"aws s3api put-bucket-lifecycle-configuration --bucket my-bucket --lifecycle-configuration file://rule.json"},
		{sized(), "my-bucket", "out/my rule's.json",
			`aws s3api put-bucket-lifecycle-configuration --bucket my-bucket --lifecycle-configuration 'file://out/my rule'\''s.json' --transition-default-minimum-object-size varies_by_storage_class`},
	}
	for _, c := range cases {
		if got := c.r.PutCommand(c.bucket, c.file); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}

func TestHCLString(t *testing.T) {
	cases := map[string]string{
		"plain":              `"plain"`,
		`a"b\c`:              `"a\"b\\c"`,
		"line\nbreak\ttab\r": `"line\nbreak\ttab\r"`,
		"${var} %{if} $ % {": `"$${var} %%{if} $ % {"`,
		"bell\x07 del\x7f":   `"bell\u0007 del\u007F"`,
		"→ é":                `"→ é"`,
	}
	for in, want := range cases {
		if got := hclString(in); got != want {
			t.Errorf("hclString(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestDocExamples: the examples in docs/lifecycle-aws.md are what the
// emitters write.
func TestDocExamples(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "lifecycle-aws.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"tiered.json", "sized.tf"} {
		want, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(doc, want) {
			t.Errorf("docs/lifecycle-aws.md does not show testdata/%s as it is", name)
		}
	}
}
