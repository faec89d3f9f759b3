package workloads

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// hostileSeeds are inputs that have broken YAML decoders and number parsers
// elsewhere: malformed YAML, absurd numbers, NaN and infinity, negative
// values, deep nesting, alias bombs, tabs, byte-order marks and binary junk.
func hostileSeeds() []string {
	return []string{
		"",
		"{",
		"[",
		"objects: {count: 1, size: 1",
		"objects:\n  count: 1\n size: [\n",
		":",
		"- - - -",
		"? [a]\n: b\n",
		"a: 1\n---\nb: 2\n",
		"---\n...\n---\n",
		"objects: {count: 1e999, size: 1}",
		"objects: {count: 1, size: 99999999999999999999999PiB}",
		"objects: {count: 1, size: 1e99999KiB}",
		"objects: {count: 1, size: 1}\nlifetime: 1e300y\n",
		"objects: {count: 1, size: 1}\nmonths: 99999999999999999999999\n",
		"objects: {count: .nan, size: .inf}",
		"objects: {count: NaN, size: Inf}",
		"objects: {count: 1, size: 1}\nreads: {per_month: -.inf, active_share: .NaN}\n",
		"objects: {count: -1, size: -1KiB}",
		"objects: {count: 1, size: 1}\nbudget: {monthly: -250}\n",
		"objects: {count: 0, total: 0}\nuploads: {per_month: 1}\n",
		"objects: {count: 1e18, total: 1}\n",
		"objects: {count: 1, sizes: [{size: 1, share: 0.1}, {size: 1, share: 0.9000000000000000000001}]}",
		strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("{a: ", 10000),
		strings.Repeat("- ", 10000),
		"objects:\n" + strings.Repeat("  ", 5000) + "count: 1\n",
		billionLaughs,
		"objects: &o {count: 1, size: 1}\nreads: *o\n",
		"objects:\n  <<: {count: 1, size: 1}\n",
		"objects: *unknown\n",
		"objects:\n\tcount: 1\n",
		"\tobjects: {count: 1, size: 1}",
		"\xef\xbb\xbfobjects: {count: 1, size: 1}\n",
		"\xff\xfeo\x00b\x00j\x00",
		"\x00\x01\x02\x03\xfe\xff",
		"objects: {count: \"\\x00\", size: \"\\u0000\"}",
		"name: \"a\\nb\"\nobjects: {count: 1, size: 1}\n",
		"objects: {count: 1, size: 1}\nclasses: [STANDARD, standard, Standard]\n",
		"objects: {count: 1, size: 1}\nclasses: [[STANDARD]]\n",
		"objects: {count: 1, size: 1}\nrequire: {first_byte: 0.0000000001ms}\n",
		"objects: {count: !!binary aGVsbG8=, size: !!float 1}\n",
		"#\n-\n{",
		"a:\n- b: *,",
		"objects: {count: '1_0_0_0', size: '1__KiB'}",
		"objects: {count: 1., size: .1KiB}",
		// Issue 12's keys: ages, profiles, a rule, archive tiers.
		"objects: {count: 1, size: 1, from: STANDARD, ages: steady}\nlifetime: 1e300y\n",
		"objects: {count: 1, size: 1, from: STANDARD, ages: [{until: forever, share: 1}, {until: forever, share: 0}]}\n",
		"objects: {count: 1, size: 1, from: STANDARD, ages: [{until: 1ms, share: 0.5}, {until: 200y, share: 0.5}]}\nlifetime: 1ms\n",
		"objects: {count: 1, size: 1}\nreads: {by_age: [{until: 1d, share: 0}, {until: 2d, share: 1e-30}, {until: forever, share: 1}]}\n",
		"objects: {count: 1, size: 1}\nrequire: {first_byte: 1s, first_byte_by_age: [{until: forever, first_byte: 1s}]}\n",
		"objects: {count: 1, size: 1}\nlifetime: 30d\nlifecycle: {start: EXPRESS_ONEZONE, transitions: [{after: 0.5d, class: STANDARD}, {after: 1e9y, class: TAPE}]}\n",
		"objects: {count: 1, size: 1}\nlifecycle: {name: \"\", size_greater_than: 1e99999, size_less_than: -1}\n",
		"objects: {count: 1, size: 1}\nintelligent_tiering: {archive_access: 730d, deep_archive_access: 2y}\n",
		"objects: {count: 1, size: 1}\nintelligent_tiering: {archive_access: 90.5d, deep_archive_access: .inf}\n",
	}
}

// FuzzDecode: Decode never panics, every error is a one-line *Error, and
// every workload it returns satisfies the invariants the engine relies on.
func FuzzDecode(f *testing.F) {
	names, _ := fs.Glob(ExampleFS(), "*.yaml")
	for _, name := range names {
		data, err := fs.ReadFile(ExampleFS(), name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range hostileSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := DecodeFile("fuzz.yaml", data, Options{})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error: %v", err, err)
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error spans lines: %q", msg)
			}
			// A position must lie in the file: YAML breaks lines at LF,
			// CR and CRLF (and a BOM-marked UTF-16 file has fewer bytes per
			// line break, never more lines).
			lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r"))
			if e.Line < 1 || e.Line > lines || e.Column < 1 || !strings.HasPrefix(msg, "fuzz.yaml:") {
				t.Fatalf("bad position (file has at most %d lines): %q", lines, msg)
			}
			return
		}
		if len(file.Datasets) == 0 {
			t.Fatalf("decoded a file with no datasets")
		}
		for _, w := range file.Datasets {
			if err := checkInvariants(w); err != nil {
				t.Fatalf("decoded workload breaks invariants: %v\n%+v", err, w)
			}
		}
	})
}

// FuzzParseUnits: the model's unit parsers never panic and return values in
// their documented ranges.
func FuzzParseUnits(f *testing.F) {
	for _, s := range []string{
		"1.5MiB", "16KB", "3 TiB", "1_000_000", "1e6", "99.9%", "0.999", "30d", "6mo", "1y", "100ms",
		"1e999", "1e-999", "99999999999999999999999PiB", "1e99999", "NaN", ".nan", "Inf", "-Inf", ".inf",
		"-1", "-1KiB", "-0", "+0", "1e", "e", ".", "..", "%", "1%%", "0x10", "1_", "_", "--1", "+-1",
		"\x00", "\xff\xfe", "\t1\t", " ", "1.5.5", "1e1e1", "1 e6", "9223372036854775807", "9223372036854775808ns",
		strings.Repeat("9", 10000), strings.Repeat("1_", 5000), "0." + strings.Repeat("0", 5000) + "1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := model.ParseSize(s); err == nil && (d.IsNegative() || !d.IsInteger()) {
			t.Fatalf("ParseSize(%q) = %s", s, d)
		}
		if d, err := model.ParseDuration(s); err == nil && d < 0 {
			t.Fatalf("ParseDuration(%q) = %v", s, d)
		}
		if d, err := model.ParseCount(s); err == nil && d.IsNegative() {
			t.Fatalf("ParseCount(%q) = %s", s, d)
		}
		if d, err := model.ParseFraction(s); err == nil && (d.IsNegative() || d.GreaterThan(oneDecimal())) {
			t.Fatalf("ParseFraction(%q) = %s", s, d)
		}
		_, _ = model.ParseClassID(s)
	})
}

func oneDecimal() decimal.Decimal { return decimal.NewFromInt(1) }

// FuzzOverrides: an override (--set, or a flag made into one) on any file
// never panics; an error is a one-line *Error, and a workload decoded with
// it satisfies the engine's invariants, whichever datasets it reached and
// whichever keys it dropped.
func FuzzOverrides(f *testing.F) {
	const team = "months: 1\ndatasets:\n  - name: a\n    objects: {count: 1, size: 1}\n    class: GLACIER\n" +
		"    encryption: {type: sse-kms, key: customer-managed, rotation: true, key_age: 1y, bucket_key: true, requesters: 2}\n" +
		"  - name: b\n    objects: {count: 2, size: 1}\n"
	const single = "name: s\nobjects: {count: 1, size: 1}\nclass: standard-ia\nencryption: {type: sse-kms, bucket_key: true}\n"
	for _, src := range []string{team, single, "datasets: [x, {name: a}]\n", "datasets:\n", "objects: 1\n"} {
		for _, set := range []string{
			"classes=[STANDARD]", "classes=[[x]]", "classes=[]", "classes[0]=GLACIER", "encryption.type=sse-s3",
			"encryption.type=dsse-kms", "encryption.key=aws-managed", "encryption.bucket_key=false", "encryption={}",
			"encryption.type=[x]", "months=2", "region=eu-west-1", "datasets.a.classes=[STANDARD]", "datasets.s.lifetime=1d",
			"datasets.s=1", "datasets[1].encryption.requesters=3", "reads.per_month=5", "class=", "objects.size=1KiB",
		} {
			f.Add([]byte(src), set)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, set string) {
		file, err := DecodeFile("fuzz.yaml", data, Options{Set: []string{set, set}})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error: %v", err, err)
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error spans lines: %q", err.Error())
			}
			return
		}
		for _, w := range file.Datasets {
			if err := checkInvariants(w); err != nil {
				t.Fatalf("--set %s: decoded workload breaks invariants: %v\n%+v", set, err, w)
			}
		}
	})
}
