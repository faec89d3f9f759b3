package lifecycle

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
)

const day = model.Day

func dec(n int64) decimal.Decimal { return decimal.NewFromInt(n) }

// sameRule reports how got differs from want ("" when it does not).
// Decimals compare by value, which reflect.DeepEqual does not do.
func sameRule(got, want Rule) string {
	var diffs []string
	add := func(field string, g, w any) {
		diffs = append(diffs, fmt.Sprintf("%s: got %v, want %v", field, g, w))
	}
	if got.ID != want.ID {
		add("ID", got.ID, want.ID)
	}
	if got.Index != want.Index {
		add("Index", got.Index, want.Index)
	}
	if got.Expiration != want.Expiration {
		add("Expiration", got.Expiration, want.Expiration)
	}
	gl, wl := got.Lifecycle, want.Lifecycle
	if gl.Name != wl.Name || gl.Start != wl.Start || gl.MinimumObjectSize != wl.MinimumObjectSize {
		add("Lifecycle", fmt.Sprintf("%q %s %s", gl.Name, gl.Start, gl.MinimumObjectSize), fmt.Sprintf("%q %s %s", wl.Name, wl.Start, wl.MinimumObjectSize))
	}
	if fmt.Sprint(gl.Transitions) != fmt.Sprint(wl.Transitions) {
		add("Transitions", gl.Transitions, wl.Transitions)
	}
	if !gl.SizeGreaterThan.Equal(wl.SizeGreaterThan) || !gl.SizeLessThan.Equal(wl.SizeLessThan) {
		add("size filter", gl.SizeGreaterThan.String()+"<size<"+gl.SizeLessThan.String(), wl.SizeGreaterThan.String()+"<size<"+wl.SizeLessThan.String())
	}
	if strings.Join(got.Notes, "\n") != strings.Join(want.Notes, "\n") {
		add("Notes", fmt.Sprintf("%q", got.Notes), fmt.Sprintf("%q", want.Notes))
	}
	return strings.Join(diffs, "; ")
}

// TestParseGetOutput reads a get-bucket-lifecycle-configuration output as
// the AWS CLI prints it, with rules shaped on the AWS documentation's
// examples: each kind of filter, a legacy Prefix, Days 0, transitions out of
// order, a disabled rule with a Date, a rule acting only on noncurrent
// versions.
func TestParseGetOutput(t *testing.T) {
	cfg, err := ReadFile(filepath.Join("testdata", "get-bucket-lifecycle-configuration.json"))
	if err != nil {
		t.Fatal(err)
	}
	const varies = model.VariesByStorageClass
	const everywhere = "; s3cost prices the rule as if it applied to the whole dataset"
	want := []Rule{
		{
			ID: "archive-then-expire", Index: 0, Expiration: 3650 * day,
			Lifecycle: model.Lifecycle{
				Name: "archive-then-expire", Start: model.Standard, MinimumObjectSize: varies,
				Transitions: []model.Transition{{After: 30 * day, Class: model.StandardIA}, {After: 90 * day, Class: model.Glacier}},
			},
		},
		{
			ID: "large-media-to-glacier-ir", Index: 1,
			Lifecycle: model.Lifecycle{
				Name: "large-media-to-glacier-ir", Start: model.Standard, MinimumObjectSize: varies,
				Transitions:     []model.Transition{{After: 60 * day, Class: model.GlacierIR}},
				SizeGreaterThan: dec(1048576), SizeLessThan: dec(5368709120),
			},
			Notes: []string{`Filter.And.Prefix "media/": the rule applies only to keys that begin with it` + everywhere},
		},
		{
			ID: "expire-temp", Index: 2, Expiration: 7 * day,
			Lifecycle: model.Lifecycle{Name: "expire-temp", Start: model.Standard, MinimumObjectSize: varies},
			Notes:     []string{"Filter.Tag: the rule applies only to objects tagged retention=temp" + everywhere},
		},
		{
			ID: "Move rotated logs to Intelligent-Tiering", Index: 5,
			Lifecycle: model.Lifecycle{
				Name: "Move rotated logs to Intelligent-Tiering", Start: model.Standard, MinimumObjectSize: varies,
				Transitions: []model.Transition{{After: 1 * day, Class: model.IntelligentTiering}},
			},
			Notes: []string{
				`Prefix "rotated/": the rule applies only to keys that begin with it` + everywhere,
				"Transitions[0].Days 0: AWS moves objects at the first midnight UTC after their creation; s3cost prices the move at 1 day",
				"AbortIncompleteMultipartUpload: incomplete multipart uploads are not priced; left aside",
			},
		},
	}
	if cfg.MinimumObjectSize != varies {
		t.Errorf("MinimumObjectSize %q, want %q", cfg.MinimumObjectSize, varies)
	}
	if len(cfg.Rules) != len(want) {
		t.Fatalf("%d rules, want %d: %+v", len(cfg.Rules), len(want), cfg.Rules)
	}
	for i := range want {
		if d := sameRule(cfg.Rules[i], want[i]); d != "" {
			t.Errorf("rule %d: %s", i, d)
		}
	}
	wantNotes := []string{
		`rule "old-versions" (Rules[3]): skipped: it neither transitions nor expires current objects (NoncurrentVersionTransitions, NoncurrentVersionExpiration, AbortIncompleteMultipartUpload: not priced)`,
		`rule "small-objects-to-deep-archive" (Rules[4]): skipped: Status is Disabled`,
	}
	if got := strings.Join(cfg.Notes, "\n"); got != strings.Join(wantNotes, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", got, strings.Join(wantNotes, "\n"))
	}
	if got := cfg.Rules[3].Label(); got != `rule "Move rotated logs to Intelligent-Tiering" (Rules[5])` {
		t.Errorf("Label() = %s", got)
	}
}

// TestParsePutDocument: the document put-bucket-lifecycle-configuration
// takes has no TransitionDefaultMinimumObjectSize; the rule carries the
// default AWS then applies, and a note says so.
func TestParsePutDocument(t *testing.T) {
	cfg, err := Parse("rule.json", []byte(`{"Rules": [{"ID": "x", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 30}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MinimumObjectSize != "" || cfg.Rules[0].Lifecycle.MinimumObjectSize != model.AllStorageClasses128K {
		t.Errorf("minimum object size: file %q, rule %q", cfg.MinimumObjectSize, cfg.Rules[0].Lifecycle.MinimumObjectSize)
	}
	want := "TransitionDefaultMinimumObjectSize absent: taken as all_storage_classes_128K, the default put-bucket-lifecycle-configuration applies without --transition-default-minimum-object-size"
	if len(cfg.Notes) != 1 || cfg.Notes[0] != want {
		t.Errorf("notes %q", cfg.Notes)
	}
}

// rule wraps one rule's JSON members in a configuration.
func rule(members string) string {
	return `{"Rules": [{"ID": "a", "Status": "Enabled", ` + members + `}], "TransitionDefaultMinimumObjectSize": "all_storage_classes_128K"}`
}

// TestParseErrors: each refusal, its exact message, bad input (exit code 2).
func TestParseErrors(t *testing.T) {
	const ruleFields = "AbortIncompleteMultipartUpload, Expiration, Filter, ID, NoncurrentVersionExpiration, NoncurrentVersionTransitions, Prefix, Status, Transitions"
	const a = `f.json: rule "a" (Rules[0]): `
	many := `{"Rules": [` + strings.Repeat(`{"Status": "Disabled"},`, 1000) + `{"Status": "Disabled"}]}`
	cases := []struct{ name, in, want string }{
		{"invalid JSON", "{\n  \"Rules\": [\n    {\"ID\": \"a\",}\n  ]\n}",
			`f.json:3:16: invalid JSON: invalid character '}' looking for beginning of object key string`},
		{"truncated", `{"Rules": [`, `f.json:1:12: invalid JSON: unexpected end of JSON input`},
		{"trailing text", `{"Rules": []} x`, `f.json:1:15: invalid JSON: invalid character 'x' after top-level value`},
		{"empty", " \n", `f.json: empty: expected the JSON that aws s3api get-bucket-lifecycle-configuration prints`},
		{"UTF-16", "\xFF\xFE{\x00", `f.json: UTF-16 text (Windows PowerShell's > writes it): save the JSON as UTF-8, e.g. with | Out-File -Encoding utf8`},
		{"too large", `{"Rules": [], "x": "` + strings.Repeat("x", MaxInputBytes) + `"}`,
			`f.json: larger than 1 MiB: not a lifecycle configuration (AWS allows at most 1,000 rules)`},
		{"not an object", `[]`, `f.json: expected a JSON object with Rules (as aws s3api get-bucket-lifecycle-configuration prints), found an array`},
		{"unknown top field", `{"Rules": [], "Foo": 1}`, `f.json: unknown field "Foo" (known: Rules, TransitionDefaultMinimumObjectSize)`},
		{"bad minimum size", `{"Rules": [], "TransitionDefaultMinimumObjectSize": "all_storage_classes_128KB"}`,
			`f.json: TransitionDefaultMinimumObjectSize: "all_storage_classes_128KB" is not a value AWS knows (all_storage_classes_128K or varies_by_storage_class)`},
		{"no Rules", `{}`, `f.json: no Rules: expected the JSON that aws s3api get-bucket-lifecycle-configuration prints`},
		{"Rules not a list", `{"Rules": {}}`, `f.json: Rules: expected a JSON array, found an object`},
		{"Rules empty", `{"Rules": []}`, `f.json: Rules is empty: no lifecycle rule to price`},
		{"too many rules", many, `f.json: Rules: 1001 rules: AWS allows at most 1,000`},
		{"rule not an object", `{"Rules": [1]}`, `f.json: Rules[0]: expected a JSON object, found a number`},
		{"wrong case", rule(`"Transitions": [{"days": 30, "StorageClass": "GLACIER"}]`),
			a + `Transitions[0]: unknown field "days" (AWS spells it "Days")`},
		{"typo", rule(`"Filtr": {}`), a + `unknown field "Filtr" (known: ` + ruleFields + `)`},
		{"typo deep", rule(`"Filter": {"And": {"Tags": [{"Key": "k", "Valeu": "v"}]}}`),
			a + `Filter.And.Tags[0]: unknown field "Valeu" (known: Key, Value)`},
		{"typo in an action not priced", rule(`"Expiration": {"Days": 9}, "AbortIncompleteMultipartUpload": {"Days": 7}`),
			a + `AbortIncompleteMultipartUpload: unknown field "Days" (known: DaysAfterInitiation)`},
		{"typo in a disabled rule", `{"Rules": [{"ID": "d", "Status": "Disabled", "Expiraton": {}}, {"ID": "a", "Status": "Enabled", "Expiration": {"Days": 1}}]}`,
			`f.json: rule "d" (Rules[0]): unknown field "Expiraton" (known: ` + ruleFields + `)`},
		{"deprecated API's shape", rule(`"Prefix": "", "Transition": {"Days": 60, "StorageClass": "GLACIER"}`),
			a + `unknown field "Transition" (known: ` + ruleFields + `); that is the shape of the deprecated get-bucket-lifecycle: use get-bucket-lifecycle-configuration`},
		{"null", rule(`"Filter": null`), a + `Filter: expected a JSON object, found null`},
		{"scalar expected", rule(`"Expiration": {"Days": [30]}`), a + `Expiration.Days: expected a string, number or boolean, found an array`},
		{"Status missing", `{"Rules": [{"ID": "a"}]}`, a + `Status missing (Enabled or Disabled)`},
		{"Status wrong", `{"Rules": [{"Status": "On"}]}`, `f.json: Rules[0]: Status: "On": AWS knows Enabled and Disabled`},
		{"ID not a string", `{"Rules": [{"ID": 5, "Status": "Enabled"}]}`, `f.json: Rules[0]: ID: expected a string, found a number`},
		{"unknown class", rule(`"Transitions": [{"Days": 90, "StorageClass": "GLACIER_FLEXIBLE"}]`),
			a + `Transitions[0].StorageClass: "GLACIER_FLEXIBLE" is not a class lifecycle transitions to (AWS names: STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE)`},
		{"to STANDARD", rule(`"Transitions": [{"Days": 90, "StorageClass": "STANDARD"}]`),
			a + `Transitions[0].StorageClass: "STANDARD" is not a class lifecycle transitions to (AWS names: STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE)`},
		{"class missing", rule(`"Transitions": [{"Days": 90}]`), a + `Transitions[0]: StorageClass missing`},
		{"Days missing", rule(`"Transitions": [{"StorageClass": "GLACIER"}]`), a + `Transitions[0]: Days missing`},
		{"transition Date", rule(`"Transitions": [{"Date": "2025-11-10T00:00:00.000Z", "StorageClass": "GLACIER"}]`),
			a + `Transitions[0].Date: s3cost prices objects by age, not by date: use Days`},
		{"expiration Date", rule(`"Expiration": {"Date": "2026-01-01T00:00:00.000Z"}`),
			a + `Expiration.Date: s3cost prices objects by age, not by date: use Days`},
		{"delete markers", rule(`"Expiration": {"ExpiredObjectDeleteMarker": true}, "NoncurrentVersionExpiration": {"NoncurrentDays": 30}`),
			a + `Expiration.ExpiredObjectDeleteMarker: s3cost prices current objects, not delete markers: remove the field (or the rule) to price the rest`},
		{"expiration without Days", rule(`"Expiration": {}`), a + `Expiration: Days missing`},
		{"fractional Days", rule(`"Transitions": [{"Days": 30.5, "StorageClass": "GLACIER"}]`), a + `Transitions[0].Days: expected a whole number, found 30.5`},
		{"Days in words", rule(`"Transitions": [{"Days": "30", "StorageClass": "GLACIER"}]`), a + `Transitions[0].Days: expected a whole number, found a string`},
		{"negative Days", rule(`"Transitions": [{"Days": -1, "StorageClass": "GLACIER"}]`), a + `Transitions[0].Days: -1 is out of range (0 to 73000)`},
		{"huge Days", rule(`"Transitions": [{"Days": 99999999999999999999, "StorageClass": "GLACIER"}]`),
			a + `Transitions[0].Days: 99999999999999999999 is out of range (0 to 73000)`},
		{"expire at 0", rule(`"Expiration": {"Days": 0}`), a + `Expiration.Days: 0 is out of range (1 to 73000)`},
		{"backwards", rule(`"Transitions": [{"Days": 30, "StorageClass": "GLACIER"}, {"Days": 60, "StorageClass": "STANDARD_IA"}]`),
			a + `Transitions: transition 2 (STANDARD_IA@60d): lifecycle cannot move objects from GLACIER to STANDARD_IA (transitions go down the waterfall only)`},
		{"unreachable", rule(`"Transitions": [{"Days": 30, "StorageClass": "ONEZONE_IA"}, {"Days": 90, "StorageClass": "GLACIER_IR"}]`),
			a + `Transitions: transition 2 (GLACIER_IR@90d): lifecycle cannot move objects from ONEZONE_IA to GLACIER_IR (transitions go down the waterfall only)`},
		{"IA too soon", rule(`"Transitions": [{"Days": 10, "StorageClass": "STANDARD_IA"}]`),
			a + `Transitions: transition 1 (STANDARD_IA@10d): objects must be at least 30 days old before a transition to STANDARD_IA`},
		{"Days 0 to IA", rule(`"Transitions": [{"Days": 0, "StorageClass": "STANDARD_IA"}]`),
			a + `Transitions: transition 1 (STANDARD_IA@1d): objects must be at least 30 days old before a transition to STANDARD_IA`},
		{"archive too soon after IA", rule(`"Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 45, "StorageClass": "GLACIER"}]`),
			a + `Transitions: transition 2 (GLACIER@45d): a transition to GLACIER must come at least 30 days after the one to STANDARD_IA`},
		{"same age twice", rule(`"Transitions": [{"Days": 90, "StorageClass": "GLACIER_IR"}, {"Days": 90, "StorageClass": "GLACIER"}]`),
			a + `Transitions: transition 2 (GLACIER@90d): ages must increase from one transition to the next`},
		{"expire first", rule(`"Transitions": [{"Days": 90, "StorageClass": "GLACIER"}], "Expiration": {"Days": 60}`),
			a + `Expiration.Days: STANDARD → GLACIER@90d → expire@60d: objects expire before the last transition`},
		{"Filter and Prefix", rule(`"Prefix": "", "Filter": {}, "Expiration": {"Days": 1}`), a + `Prefix: give Filter or the legacy Prefix, not both`},
		{"two predicates", rule(`"Filter": {"Prefix": "a/", "ObjectSizeGreaterThan": 5}, "Expiration": {"Days": 1}`),
			a + `Filter: has ObjectSizeGreaterThan and Prefix: give one of Prefix, Tag, ObjectSizeGreaterThan, ObjectSizeLessThan, And (combine them in And)`},
		{"sizes inverted", rule(`"Filter": {"And": {"ObjectSizeGreaterThan": 100, "ObjectSizeLessThan": 50}}, "Expiration": {"Days": 1}`),
			a + `Filter.And: ObjectSizeGreaterThan 100 must be less than ObjectSizeLessThan 50`},
		{"less than 0", rule(`"Filter": {"ObjectSizeLessThan": 0}, "Expiration": {"Days": 1}`), a + `Filter.ObjectSizeLessThan: 0 is out of range (1 to 9223372036854775807)`},
		{"negative size", rule(`"Filter": {"ObjectSizeGreaterThan": -5}, "Expiration": {"Days": 1}`), a + `Filter.ObjectSizeGreaterThan: -5 is out of range (0 to 9223372036854775807)`},
		{"tag without key", rule(`"Filter": {"Tag": {"Value": "v"}}, "Expiration": {"Days": 1}`), a + `Filter.Tag: Key missing`},
		{"nothing to price", `{"Rules": [{"Status": "Disabled"}, {"ID": "v", "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}, {"Status": "Disabled", "Expiration": {"Date": "2026-01-01T00:00:00Z"}}]}`,
			`f.json: no rule to price: of 3 rules, 2 are Disabled and 1 neither transition nor expire current objects`},
		{"long ID", `{"Rules": [{"ID": "` + strings.Repeat("é", 100) + `", "Status": "On"}]}`,
			`f.json: rule "` + strings.Repeat("é", 64) + `…" (Rules[0]): Status: "On": AWS knows Enabled and Disabled`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse("f.json", []byte(c.in))
			if err == nil {
				t.Fatalf("accepted: %+v", cfg)
			}
			if err.Error() != c.want {
				t.Errorf("got  %s\nwant %s", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message spans lines")
			}
			if exit.Code(err) != exit.CodeInput {
				t.Errorf("exit code %d, want %d", exit.Code(err), exit.CodeInput)
			}
		})
	}
}

// TestParseAccepts: what AWS prints or takes that s3cost reads without
// complaint (beyond notes).
func TestParseAccepts(t *testing.T) {
	cases := []struct {
		name, in string
		check    func(Rule) string
	}{
		{"UTF-8 byte-order mark", "\xEF\xBB\xBF" + rule(`"Expiration": {"Days": 5}`), func(r Rule) string {
			return fmt.Sprint(r.Expiration == 5*day)
		}},
		{"Filter with an empty prefix", rule(`"Filter": {"Prefix": ""}, "Expiration": {"Days": 5}`), func(r Rule) string {
			return fmt.Sprint(len(r.Notes) == 0)
		}},
		{"no Filter, no Prefix", rule(`"Expiration": {"Days": 5}`), func(r Rule) string {
			return fmt.Sprint(len(r.Notes) == 0)
		}},
		{"greater than 0 is no filter", rule(`"Filter": {"ObjectSizeGreaterThan": 0}, "Expiration": {"Days": 5}`), func(r Rule) string {
			return fmt.Sprint(r.Lifecycle.SizeGreaterThan.IsZero())
		}},
		{"And with prefix and tags", rule(`"Filter": {"And": {"Prefix": "p/", "Tags": [{"Key": "a", "Value": "1"}, {"Key": "b"}], "ObjectSizeGreaterThan": 10}}, "Expiration": {"Days": 5}`),
			func(r Rule) string {
				return strings.Join(r.Notes, "|") + fmt.Sprint(r.Lifecycle.SizeGreaterThan)
			}},
		{"tags that do not print plainly", rule(`"Filter": {"Tag": {"Key": "a b", "Value": "x\ny"}}, "Expiration": {"Days": 5}`), func(r Rule) string {
			return strings.Join(r.Notes, "|")
		}},
		{"noncurrent actions beside a transition", rule(`"Transitions": [{"Days": 30, "StorageClass": "ONEZONE_IA"}], "NoncurrentVersionTransitions": [], "NoncurrentVersionExpiration": {"NoncurrentDays": 1}`),
			func(r Rule) string { return strings.Join(r.Notes, "|") }},
		{"ExpiredObjectDeleteMarker in a disabled rule", `{"Rules": [{"Status": "Disabled", "Expiration": {"ExpiredObjectDeleteMarker": true}}, {"Status": "Enabled", "Expiration": {"Days": 2}}]}`,
			func(r Rule) string { return fmt.Sprintf("%d %s", r.Index, r.Label()) }},
	}
	want := []string{
		"true", "true", "true", "true",
		`Filter.And.Prefix "p/": the rule applies only to keys that begin with it; s3cost prices the rule as if it applied to the whole dataset|` +
			`Filter.And.Tags: the rule applies only to objects tagged a=1 and b=; s3cost prices the rule as if it applied to the whole dataset10`,
		`Filter.Tag: the rule applies only to objects tagged "a b"="x\ny"; s3cost prices the rule as if it applied to the whole dataset`,
		"NoncurrentVersionTransitions: acts on noncurrent versions, which s3cost does not price; left aside|" +
			"NoncurrentVersionExpiration: acts on noncurrent versions, which s3cost does not price; left aside",
		"1 Rules[1]",
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse("f.json", []byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.check(cfg.Rules[0]); got != want[i] {
				t.Errorf("got  %s\nwant %s", got, want[i])
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "missing.json"))
	if !errors.Is(err, exit.ErrIO) || errors.Is(err, exit.ErrInput) {
		t.Errorf("missing file: %v (code %d)", err, exit.Code(err))
	}
	_, err = Read("r", iotestErr{})
	if !errors.Is(err, exit.ErrIO) || err.Error() != "r: read failed" {
		t.Errorf("failing reader: %v", err)
	}
	// Read stops after MaxInputBytes+1 bytes, whatever the reader holds.
	big := &countingReader{}
	_, err = Read("big", big)
	if exit.Code(err) != exit.CodeInput || big.n > MaxInputBytes+1 {
		t.Errorf("read %d bytes: %v", big.n, err)
	}
	p := filepath.Join(t.TempDir(), "ok.json")
	if err := os.WriteFile(p, []byte(rule(`"Expiration": {"Days": 5}`)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p); err != nil {
		t.Error(err)
	}
}

type iotestErr struct{}

func (iotestErr) Read([]byte) (int, error) { return 0, errors.New("read failed") }

// countingReader yields spaces forever and counts them.
type countingReader struct{ n int }

func (c *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	c.n += len(p)
	return len(p), nil
}
