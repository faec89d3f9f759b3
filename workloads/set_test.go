package workloads

import (
	"errors"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
)

func TestOverrides(t *testing.T) {
	base := "objects:\n  count: 10\n  sizes:\n    - {size: 1KiB, share: 1}\nreads:\n  per_month: 5\n"
	w, err := Decode("w.yaml", []byte(base), Options{Set: []string{
		"reads.per_month=5e6",         // replaces a value
		"lifetime=30d",                // adds a key
		"transfer.internet=200GiB",    // adds a section
		"objects.size=1.5MiB",         // replaces the choice: sizes goes
		"classes=[standard, GLACIER]", // a list
		"encryption.type=sse-kms",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if w.Reads.PerMonth.String() != "5000000" || w.Lifetime != 30*model.Day || w.Transfer.InternetBytes.String() != "214748364800" {
		t.Errorf("overrides not applied: %+v", w)
	}
	if len(w.Objects.Mix) != 1 || w.Objects.Mix[0].Bytes.String() != "1572864" {
		t.Errorf("objects.size did not replace sizes: %+v", w.Objects.Mix)
	}
	if len(w.Classes) != 2 || w.Classes[1] != model.Glacier || w.Encryption.Type != model.SSEKMS {
		t.Errorf("classes %v, encryption %s", w.Classes, w.Encryption.Type)
	}

	// Datasets by name and by index.
	ds := "datasets:\n  - name: a\n    objects: {count: 1, size: 1}\n  - name: b\n    objects: {count: 2, size: 1}\n"
	f, err := DecodeFile("w.yaml", []byte(ds), Options{Set: []string{"datasets.b.reads.per_month=7", "datasets[0].class=GLACIER"}})
	if err != nil {
		t.Fatal(err)
	}
	if f.Datasets[1].Reads.PerMonth.String() != "7" || f.Datasets[0].Class != model.Glacier || !f.Datasets[0].Reads.PerMonth.IsZero() {
		t.Errorf("dataset overrides: %+v", f.Datasets)
	}
}

func TestOverrideErrors(t *testing.T) {
	base := "objects:\n  count: 10\n  size: 1KiB\n"
	ds := "datasets:\n  - name: a\n    objects: {count: 1, size: 1}\n"
	for _, tc := range []struct {
		src, set, want string
	}{
		// The value meets the file's rules, and the error names the flag.
		{base, "reads.per_month=lots", `--set reads.per_month=lots: reads.per_month: must be a non-negative number, got "lots"`},
		{base, "objects.count=-1", `--set objects.count=-1: objects.count: must not be negative`},
		// An unknown path lists the closest known ones.
		{base, "reads.per_mnth=5", `--set reads.per_mnth=5: reads.per_mnth: unknown key path "reads.per_mnth" (closest: reads.per_month`},
		{base, "colour=blue", `--set colour=blue: colour: unknown key path`},
		{base, "reads.per_month", "--set reads.per_month: want PATH=VALUE"},
		{ds, "datasets.zz.class=GLACIER", `datasets: the file has no dataset named "zz"`},
		{ds, "datasets[3].class=GLACIER", "datasets: has no entry [3]"},
		{base, "encryption.type=aes", `--set encryption.type=aes: encryption.type: unknown value "aes"`},
	} {
		_, err := DecodeFile("w.yaml", []byte(tc.src), Options{Set: []string{tc.set}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("--set %s: got %v, want %q", tc.set, err, tc.want)
		}
		if !errors.Is(err, exit.ErrInput) {
			t.Errorf("--set %s: %v is not bad input", tc.set, err)
		}
	}
	// An error in the file itself still points into the file.
	_, err := DecodeFile("w.yaml", []byte(base+"lifetime: forever\n"), Options{Set: []string{"reads.per_month=5"}})
	if err == nil || !strings.HasPrefix(err.Error(), "w.yaml:4:1: lifetime:") {
		t.Errorf("file error with --set: %v", err)
	}
}

func TestValueKind(t *testing.T) {
	for path, want := range map[string]string{
		"objects.size": "size", "reads.size": "size", "transfer.internet": "size",
		"reads.per_month": "number", "objects.count": "number", "months": "number",
		"lifetime": "duration", "reads.active_share": "fraction",
		"datasets.logs.objects.size": "size", "objects.sizes[0].share": "fraction",
	} {
		if got, err := ValueKind(path); got != want || err != nil {
			t.Errorf("ValueKind(%s) = %q, %v; want %q", path, got, err, want)
		}
	}
	for _, path := range []string{"objects.from", "classes", "reads", "colour", "encryption.type"} {
		if _, err := ValueKind(path); !errors.Is(err, exit.ErrInput) {
			t.Errorf("ValueKind(%s) = %v, want bad input", path, err)
		}
	}
	if !IsWhole("objects.count") || !IsWhole("datasets.a.objects.count") || IsWhole("reads.per_month") || IsWhole("objects.size") {
		t.Error("IsWhole")
	}
}
