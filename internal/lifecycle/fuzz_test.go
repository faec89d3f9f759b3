package lifecycle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
)

// FuzzParse: Parse never panics and refuses only as bad input, in one
// line; a configuration it accepts holds rules AWS accepts, in whole days;
// and each rule, emitted as JSON (and applied with its minimum object
// size) and as Terraform, reads back as the same rule.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"get-bucket-lifecycle-configuration.json", "tiered.json", "sized.json", "expire.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(rule(`"Transitions": [{"Days": 0, "StorageClass": "GLACIER"}, {"Days": 1, "StorageClass": "DEEP_ARCHIVE"}]`)))
	f.Add([]byte(rule(`"Filter": {"And": {"Prefix": "${x}\n", "Tags": [{"Key": "%{", "Value": "\""}], "ObjectSizeLessThan": 2}}, "Expiration": {"Days": 73000}`)))
	f.Add([]byte(`{"Rules": [{"Status": "Enabled", "Expiration": {"Days": 1e2}}]}`))
	f.Add([]byte(`{"Rules": [{"ID": "\u0000\ud800", "Status": "Enabled", "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.json", data)
		if err != nil {
			if exit.Code(err) != exit.CodeInput || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q (code %d)", err, exit.Code(err))
			}
			return
		}
		if len(cfg.Rules) == 0 {
			t.Fatal("accepted with no rule")
		}
		for _, n := range cfg.Notes {
			if strings.Contains(n, "\n") {
				t.Fatalf("note spans lines: %q", n)
			}
		}
		for _, r := range cfg.Rules {
			for _, n := range r.Notes {
				if strings.Contains(n, "\n") {
					t.Fatalf("note spans lines: %q", n)
				}
			}
			l := r.Lifecycle
			if err := l.Validate(r.Expiration); err != nil {
				t.Fatalf("%s: accepted a rule AWS refuses: %v", r.Label(), err)
			}
			if r.Expiration%model.Day != 0 || l.Start != model.Standard {
				t.Fatalf("%s: expiration %v, start %s", r.Label(), r.Expiration, l.Start)
			}
			if utf8.RuneCountInString(r.ID) > maxIDLen {
				continue // AWS would not have printed it; emitting refuses it
			}
			doc, err := r.PutJSON()
			if err != nil {
				t.Fatalf("%s: PutJSON: %v", r.Label(), err)
			}
			if _, err := r.Terraform(""); err != nil {
				t.Fatalf("%s: Terraform: %v", r.Label(), err)
			}
			back, err := Parse("rule.json", withMinimumSize(t, doc, l.MinimumObjectSize))
			if err != nil {
				t.Fatalf("%s: emitted %s, read back: %v", r.Label(), doc, err)
			}
			want := r
			want.ID, want.Index, want.Notes = r.emitID(), 0, nil
			want.Lifecycle.Name = want.ID
			if d := sameRule(back.Rules[0], want); d != "" {
				t.Fatalf("%s: emitted %s, read back: %s", r.Label(), doc, d)
			}
		}
	})
}
