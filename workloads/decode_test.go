package workloads

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// testRegions are the regions the example workloads use; the CLI passes the
// regions of its price sheets instead.
var testRegions = []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1"}

func readExample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(ExampleFS(), name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func exampleNames(t testing.TB) []string {
	t.Helper()
	names, err := fs.Glob(ExampleFS(), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestExamplesDecode(t *testing.T) {
	names := exampleNames(t)
	want := []string{"cold-objects.yaml", "compliance-archive.yaml", "db-backups.yaml", "full.yaml", "kms-events.yaml", "log-lake.yaml", "media-library.yaml", "product-images.yaml", "service-logs.yaml", "team-buckets.yaml"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("examples = %v, want %v", names, want)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			f, err := DecodeFile("examples/"+name, readExample(t, name), Options{KnownRegions: testRegions})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range f.Datasets {
				if err := checkInvariants(w); err != nil {
					t.Error(err)
				}
			}
			if name != "full.yaml" && name != "team-buckets.yaml" && f.Name+".yaml" != name {
				t.Errorf("name = %q, want the file's base name", f.Name)
			}
		})
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestFullExample checks every key of full.yaml lands in its field.
func TestFullExample(t *testing.T) {
	w, err := Decode("full.yaml", readExample(t, "full.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"name", w.Name, "full-example"},
		{"region", w.Region, "us-east-1"},
		{"months", w.Months, 36},
		{"objects.count", w.Objects.Count.String(), "1000000"},
		{"objects.sizes", len(w.Objects.Mix), 2},
		// 16KiB = 16 x 1024 = 16384; 40% = 0.4; 4MiB = 4 x 2^20 = 4194304.
		{"objects.sizes[0].size", w.Objects.Mix[0].Bytes.String(), "16384"},
		{"objects.sizes[0].share", w.Objects.Mix[0].Share.String(), "0.4"},
		{"objects.sizes[1].size", w.Objects.Mix[1].Bytes.String(), "4194304"},
		{"objects.sizes[1].share", w.Objects.Mix[1].Share.String(), "0.6"},
		{"objects.from", w.Objects.From, model.GlacierIR},
		{"uploads.per_month", w.UploadsPerMonth.String(), "12500"},
		{"lifetime", w.Lifetime, 2 * model.Year},
		{"reads.per_month", w.Reads.PerMonth.String(), "300000"},
		{"reads.size full", w.Reads.Full, false},
		{"reads.size", w.Reads.Bytes.String(), "262144"},
		{"reads.active_share", w.Reads.ActiveShare.String(), "0.1"},
		{"reads.restore", w.Reads.Restore, model.RestoreExpedited},
		{"reads.restore_days", w.Reads.RestoreDays.String(), "3"},
		{"lists_per_month", w.ListsPerMonth.String(), "1000"},
		{"transfer.internet", w.Transfer.InternetBytes.String(), "214748364800"},
		// 1.5TB = 1.5 x 2^40 = 1649267441664.
		{"transfer.inter_region", w.Transfer.InterRegionBytes.String(), "1649267441664"},
		{"require.first_byte", w.Require.FirstByte, 5 * time.Minute},
		{"require.availability", w.Require.Availability.String(), "0.999"},
		{"require.zones", w.Require.Zones, 1},
		{"classes", strings.Join(classStrings(w.Classes), ","), "STANDARD,STANDARD_IA,GLACIER_IR,GLACIER,DEEP_ARCHIVE"},
		{"budget.monthly", w.Budget.Monthly.String(), "250.5"},
		{"budget.total", w.Budget.Total.String(), "9000"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func classStrings(ids []model.ClassID) []string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return s
}

func TestDefaults(t *testing.T) {
	const minimal = "objects:\n  count: 10\n  size: 1KiB\n"
	tests := []struct {
		name       string
		file       string
		opts       Options
		wantName   string
		wantRegion string
	}{
		{"no options", "dir/my-data.yaml", Options{}, "my-data", "us-east-1"},
		{"default region", "my-data.yml", Options{DefaultRegion: "eu-west-1"}, "my-data", "eu-west-1"},
		{"known default region", "w.yaml", Options{DefaultRegion: "eu-west-1", KnownRegions: testRegions}, "w", "eu-west-1"},
		{"stdin", "-", Options{}, "workload", "us-east-1"},
		{"no file name", "", Options{}, "workload", "us-east-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Decode(tt.file, []byte(minimal), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if w.Name != tt.wantName || w.Region != tt.wantRegion {
				t.Errorf("name, region = %q, %q; want %q, %q", w.Name, w.Region, tt.wantName, tt.wantRegion)
			}
			if w.Months != 12 {
				t.Errorf("months = %d, want 12", w.Months)
			}
			if !w.Reads.Full || !w.Reads.Bytes.IsZero() {
				t.Errorf("reads.size: Full = %v, Bytes = %s; want full", w.Reads.Full, w.Reads.Bytes)
			}
			if w.Reads.Restore != model.RestoreStandard || !w.Reads.RestoreDays.Equal(decimal.NewFromInt(1)) {
				t.Errorf("restore = %s for %s days, want standard for 1", w.Reads.Restore, w.Reads.RestoreDays)
			}
			if w.Reads.ActiveShare != nil || w.Budget.Monthly != nil || w.Budget.Total != nil || w.Classes != nil {
				t.Errorf("optional values set: %+v", w)
			}
			if w.Lifetime != 0 || w.Objects.From != "" || !w.UploadsPerMonth.IsZero() || !w.Reads.PerMonth.IsZero() {
				t.Errorf("zero values not zero: %+v", w)
			}
			if len(w.Objects.Mix) != 1 || w.Objects.Mix[0].Bytes.String() != "1024" || w.Objects.Mix[0].Share.String() != "1" {
				t.Errorf("mix = %+v, want one entry of 1024 bytes, share 1", w.Objects.Mix)
			}
		})
	}
}

// TestEmptySections: a section whose keys are all commented out is empty.
func TestEmptySections(t *testing.T) {
	w, err := Decode("w.yaml", []byte("objects: {count: 1, size: 1}\nreads:\n  # per_month: 5\ntransfer:\nrequire:\nbudget:\nuploads:\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !w.Reads.Full || w.Budget.Monthly != nil {
		t.Errorf("empty sections changed defaults: %+v", w)
	}
}

func TestMeanSizeFromTotal(t *testing.T) {
	tests := []struct {
		count, total string
		want         string
	}{
		// 3TiB = 3 x 2^40 = 3298534883328 bytes; / 2,000,000 = 1649267.441664
		// exactly (about 1.57 MiB).
		{"2_000_000", "3TiB", "1649267.441664"},
		// 10 / 3 = 3.333..., kept to 16 places.
		{"3", "10", "3.3333333333333333"},
		// 38TiB / 4.2e6 (the compliance archive): 41781441855488 / 4200000
		// = 9947962.346544761904761904...
		{"4.2e6", "38TiB", "9947962.3465447619047619"},
	}
	for _, tt := range tests {
		src := "objects:\n  count: " + tt.count + "\n  total: " + tt.total + "\n"
		w, err := Decode("w.yaml", []byte(src), Options{})
		if err != nil {
			t.Fatalf("%s / %s: %v", tt.total, tt.count, err)
		}
		if got := w.Objects.Mix[0].Bytes.String(); got != tt.want {
			t.Errorf("%s / %s = %s, want %s", tt.total, tt.count, got, tt.want)
		}
		if !w.Objects.Mix[0].Share.Equal(decimal.NewFromInt(1)) {
			t.Errorf("share = %s, want 1", w.Objects.Mix[0].Share)
		}
		// The total itself is kept, exact, for the engine (docs/json.md,
		// Precision).
		if want, _ := model.ParseSize(tt.total); !w.Objects.TotalBytes.Equal(want) {
			t.Errorf("%s / %s: TotalBytes = %s, want %s", tt.total, tt.count, w.Objects.TotalBytes, want)
		}
	}
}

// TestNumberForms: the same value in every spelling the format allows.
func TestNumberForms(t *testing.T) {
	for _, count := range []string{"1000000", "1_000_000", "1e6", "1E6", "'1e6'", `"1_000_000"`, "1000000.0", "+1e6"} {
		w, err := Decode("w.yaml", []byte("objects: {count: "+count+", size: 1}"), Options{})
		if err != nil {
			t.Errorf("count %s: %v", count, err)
			continue
		}
		if !w.Objects.Count.Equal(decimal.NewFromInt(1_000_000)) {
			t.Errorf("count %s = %s", count, w.Objects.Count)
		}
	}
	for _, avail := range []string{"0.999", "99.9%", `"99.9%"`, ".999"} {
		w, err := Decode("w.yaml", []byte("objects: {count: 1, size: 1}\nrequire: {availability: "+avail+"}"), Options{})
		if err != nil {
			t.Errorf("availability %s: %v", avail, err)
			continue
		}
		if !w.Require.Availability.Equal(dec("0.999")) {
			t.Errorf("availability %s = %s", avail, w.Require.Availability)
		}
	}
}

func TestErrors(t *testing.T) {
	const objs = "objects:\n  count: 10\n  size: 1KiB\n" // lines 1-3
	tests := []struct {
		name string
		src  string
		opts Options
		// want is the error's exact prefix, FILE:LINE:COL: FIELD:, and
		// msg a part of its message.
		want, msg string
	}{
		{"unknown key", "objects:\n  count: 1\n  size: 1\n  colour: red\n", Options{},
			"w.yaml:4:3: objects.colour:", "unknown key (known: count, size, total, sizes, from, ages)"},
		{"unknown key suggestion", objs + "reads:\n  per_mont: 5\n", Options{},
			"w.yaml:5:3: reads.per_mont:", `did you mean "per_month"?`},
		{"unknown top-level key", objs + "lifetme: 3d\n", Options{},
			"w.yaml:4:1: lifetme:", `did you mean "lifetime"?`},
		{"wrong kind: list for mapping", "objects:\n  - count: 1\n", Options{},
			"w.yaml:1:1: objects:", "must be a mapping of keys (count, size, total, sizes, from, ages), got a list"},
		{"wrong kind: mapping for value", objs + "months: {n: 3}\n", Options{},
			"w.yaml:4:1: months:", "must be a single value, got a mapping"},
		{"wrong kind: scalar for list", objs + "classes: STANDARD\n", Options{},
			"w.yaml:4:1: classes:", "must be a list"},
		{"wrong kind: root", "- a\n- b\n", Options{},
			"w.yaml:1:1: ", "must be a mapping of keys"},
		{"bad number", objs + "reads:\n  per_month: lots\n", Options{},
			"w.yaml:5:3: reads.per_month:", `must be a non-negative number, got "lots"`},
		{"NaN", objs + "reads:\n  per_month: .nan\n", Options{},
			"w.yaml:5:3: reads.per_month:", `must be a finite number, got ".nan"`},
		{"NaN quoted", objs + "lists_per_month: 'NaN'\n", Options{},
			"w.yaml:4:1: lists_per_month:", `must be a finite number, got "NaN"`},
		{"Inf", objs + "uploads: {per_month: .inf}\n", Options{},
			"w.yaml:4:11: uploads.per_month:", `must be a finite number, got ".inf"`},
		{"Inf size", "objects: {count: 1, size: -.Inf}\n", Options{},
			"w.yaml:1:21: objects.size:", `must be a finite number`},
		{"negative count", "objects:\n  count: -5\n  size: 1\n", Options{},
			"w.yaml:2:3: objects.count:", `must not be negative, got "-5"`},
		{"negative transfer", objs + "transfer:\n  internet: -1GiB\n", Options{},
			"w.yaml:5:3: transfer.internet:", `must not be negative, got "-1GiB"`},
		{"fractional count", "objects:\n  count: 2.5\n  size: 1\n", Options{},
			"w.yaml:2:3: objects.count:", `must be a whole number, got "2.5"`},
		{"huge count", "objects:\n  count: 1e30\n  size: 1\n", Options{},
			"w.yaml:2:3: objects.count:", "too large"},
		{"huge exponent", "objects:\n  count: 1e999\n  size: 1\n", Options{},
			"w.yaml:2:3: objects.count:", "1e999 is too large"},
		{"huger exponent", "objects:\n  count: 1e99999\n  size: 1\n", Options{},
			"w.yaml:2:3: objects.count:", "out of range"},
		{"huge size", "objects:\n  count: 1\n  size: 99999999999999999999999PiB\n", Options{},
			"w.yaml:3:3: objects.size:", "too large"},
		{"zero size", "objects:\n  count: 1\n  size: 0\n", Options{},
			"w.yaml:3:3: objects.size:", `must be greater than 0, got "0"`},
		{"bad size unit", "objects:\n  count: 1\n  size: 3XB\n", Options{},
			"w.yaml:3:3: objects.size:", `unknown size unit "XB"`},
		{"shares do not add up", "objects:\n  count: 1\n  sizes:\n    - {size: 1KiB, share: 0.5}\n    - {size: 2KiB, share: 0.4}\n", Options{},
			"w.yaml:3:3: objects.sizes:", "shares add up to 0.9, not 1"},
		{"share above 1", "objects:\n  count: 1\n  sizes:\n    - {size: 1KiB, share: 1.5}\n", Options{},
			"w.yaml:4:20: objects.sizes[0].share:", "must be a fraction from 0 to 1"},
		{"share zero", "objects:\n  count: 1\n  sizes:\n    - {size: 1KiB, share: 1}\n    - {size: 1KiB, share: 0%}\n", Options{},
			"w.yaml:5:20: objects.sizes[1].share:", "must be greater than 0"},
		{"share missing", "objects:\n  count: 1\n  sizes:\n    - size: 1KiB\n", Options{},
			"w.yaml:4:7: objects.sizes[0].share:", "missing; it is required"},
		{"empty size list", "objects:\n  count: 1\n  sizes: []\n", Options{},
			"w.yaml:3:3: objects.sizes:", "must not be an empty list"},
		// What to do, not only what is missing (a user review).
		{"total without count", "objects: {total: 1TiB}\n", Options{},
			"w.yaml:1:1: objects.count:", "objects.total needs objects.count (each object is then total / count), or objects.size"},
		{"a tab", "objects:\n\tcount: 1\n", Options{},
			"w.yaml:", "(a tab? YAML indents with spaces only)"},
		{"size and total", "objects:\n  count: 1\n  size: 1KiB\n  total: 1KiB\n", Options{},
			"w.yaml:4:3: objects.total:", "give only one of size, total, sizes (size is given at line 3)"},
		{"sizes before size", "objects:\n  count: 1\n  sizes: [{size: 1, share: 1}]\n  size: 1KiB\n", Options{},
			"w.yaml:4:3: objects.size:", "(sizes is given at line 3)"},
		{"neither size nor total", "objects:\n  count: 1\n", Options{},
			"w.yaml:1:1: objects:", "give one of size, total, sizes"},
		{"count missing", "objects:\n  size: 1\n", Options{},
			"w.yaml:1:1: objects.count:", "missing; it is required"},
		{"objects missing", "months: 3\n", Options{},
			"w.yaml:1:1:", "give one of objects, datasets"},
		{"total with no objects", "objects: {count: 0, total: 1TiB}\nuploads: {per_month: 5}\n", Options{},
			"w.yaml:1:21: objects.total:", "needs objects.count above 0"},
		{"total below a byte an object", "objects: {count: 1000, total: 10}\n", Options{},
			"w.yaml:1:24: objects.total:", "below 1 byte an object"},
		{"nothing stored", "objects:\n  count: 0\n  size: 1\n", Options{},
			"w.yaml:2:3: objects.count:", "nothing stored"},
		{"nothing stored, zero uploads", "objects:\n  count: 0\n  size: 1\nuploads:\n  per_month: 0\n", Options{},
			"w.yaml:2:3: objects.count:", "nothing stored"},
		{"unknown class in classes", objs + "classes: [STANDARD, GLACIER_XL]\n", Options{},
			"w.yaml:4:21: classes[1]:", `unknown storage class "GLACIER_XL"`},
		{"class typo", objs + "classes:\n  - STANDARD\n  - GLACER\n", Options{},
			"w.yaml:6:5: classes[1]:", `did you mean "GLACIER"?`},
		{"duplicate class", objs + "classes: [STANDARD, standard]\n", Options{},
			"w.yaml:4:21: classes[1]:", "STANDARD is listed twice (first at line 4)"},
		{"unknown class in from", "objects:\n  count: 1\n  size: 1\n  from: TAPE\n", Options{},
			"w.yaml:4:3: objects.from:", `unknown storage class "TAPE"`},
		{"unknown region", objs + "region: us-east-9\n", Options{KnownRegions: testRegions},
			"w.yaml:4:1: region:", `unknown region "us-east-9", did you mean "us-east-1"?`},
		{"malformed region", objs + "region: US East\n", Options{},
			"w.yaml:4:1: region:", "must be an AWS region code"},
		{"unknown default region", objs, Options{DefaultRegion: "mars-1", KnownRegions: testRegions},
			"w.yaml:1:1: region:", `the default region "mars-1" is not one s3cost has prices for`},
		{"bad duration unit", objs + "lifetime: 3 fortnights\n", Options{},
			"w.yaml:4:1: lifetime:", `unknown duration unit "fortnights"`},
		{"duration without unit", objs + "lifetime: 30\n", Options{},
			"w.yaml:4:1: lifetime:", "needs a unit"},
		{"zero lifetime", objs + "lifetime: 0d\n", Options{},
			"w.yaml:4:1: lifetime:", "must be longer than 0"},
		{"months 0", objs + "months: 0\n", Options{},
			"w.yaml:4:1: months:", `must be a whole number from 1 to 1200, got "0"`},
		{"months huge", objs + "months: 1e9\n", Options{},
			"w.yaml:4:1: months:", `must be a whole number from 1 to 1200, got "1e9"`},
		{"months fractional", objs + "months: 1.5\n", Options{},
			"w.yaml:4:1: months:", "must be a whole number from 1 to 1200"},
		{"zones 4", objs + "require: {zones: 4}\n", Options{},
			"w.yaml:4:11: require.zones:", "must be a whole number from 1 to 3"},
		{"restore_days 0", objs + "reads: {restore_days: 0}\n", Options{},
			"w.yaml:4:9: reads.restore_days:", "must be a whole number of at least 1"},
		{"restore tier", objs + "reads: {restore: Bulk}\n", Options{},
			"w.yaml:4:9: reads.restore:", `unknown restore tier "Bulk", did you mean "bulk"?`},
		{"reads size", objs + "reads: {size: most}\n", Options{},
			"w.yaml:4:9: reads.size:", `must be "full" or a size such as 256KiB, got "most"`},
		{"version 2", "version: 2\n" + objs, Options{},
			"w.yaml:1:1: version:", `must be 1, got "2"`},
		{"money with unit", objs + "budget: {monthly: $250}\n", Options{},
			"w.yaml:4:10: budget.monthly:", "must be a non-negative amount in USD, without a unit"},
		{"empty name", objs + "name: ''\n", Options{},
			"w.yaml:4:1: name:", "must not be empty"},
		{"null value", objs + "months:\n", Options{},
			"w.yaml:4:1: months:", "has no value"},
		{"duplicate key", "objects:\n  count: 1\n  size: 1\n  count: 2\n", Options{},
			"w.yaml:4:3: objects.count:", "duplicate key (first at line 2)"},
		{"duplicate section", objs + "reads: {per_month: 1}\nreads: {per_month: 2}\n", Options{},
			"w.yaml:5:1: reads:", "duplicate key (first at line 4)"},
		{"alias", "objects: &o {count: 1, size: 1}\nreads: *o\n", Options{},
			"w.yaml:2:8: reads:", "YAML aliases (*o) are not supported"},
		{"merge key", "objects:\n  <<: {count: 1}\n  size: 1\n", Options{},
			"w.yaml:2:3: objects.<<:", "merge keys (<<) are not supported"},
		{"complex key", "? [a]\n: 1\n", Options{},
			"w.yaml:1:3: ", "keys must be plain names"},
		{"syntax error", "objects:\n  count: 1\n size: [\n", Options{},
			// The parser blames the mapping that line 3 breaks.
			"w.yaml:2:1: ", "invalid YAML: did not find expected key"},
		{"tab indentation", "objects:\n\tcount: 1\n", Options{},
			"w.yaml:2:1: ", "invalid YAML: found character that cannot start any token"},
		{"empty file", "", Options{},
			"w.yaml:1:1: ", "empty workload"},
		{"only comments", "# nothing yet\n", Options{},
			"w.yaml:1:1: ", "empty workload"},
		{"null document", "---\n~\n", Options{},
			"w.yaml:1:1: ", "empty workload"},
		{"bare document marker", "---", Options{},
			"w.yaml:1:1: ", "empty workload"},
		{"multiple documents", objs + "---\n" + objs, Options{},
			"w.yaml:4:1: ", "one YAML document"},
		{"unknown anchor", objs + "months: *m\n", Options{},
			"w.yaml:1:1: ", "invalid YAML: unknown anchor 'm' referenced"},
		{"billion laughs", billionLaughs, Options{},
			"w.yaml:1:1: a:", "unknown key"},
		{"billion laughs in a value", "objects: {count: 1, size: 1}\nname: &a x\nreads: {per_month: *a}\n", Options{},
			"w.yaml:3:20: reads.per_month:", "YAML aliases"},
		{"deep nesting", strings.Repeat("[", 20000), Options{},
			"w.yaml:1:1: ", "invalid YAML: exceeded max depth of 10000"},
		{"deep mapping nesting", "x: " + strings.Repeat("{", 20000), Options{},
			"w.yaml:1:1: ", "invalid YAML: exceeded max depth of 10000"},
		{"binary junk", "\x00\x01\xfe\xff", Options{},
			"w.yaml:1:1: ", "invalid YAML"},
		{"no file name", "objects: 1", Options{},
			"<input>:1:1: objects:", "must be a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := "w.yaml"
			if tt.name == "no file name" {
				file = ""
			}
			_, err := Decode(file, []byte(tt.src), tt.opts)
			if err == nil {
				t.Fatalf("no error, want %s ... %s", tt.want, tt.msg)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			// Every decode error is bad input (exit code 2), also when a
			// caller wraps it.
			if !errors.Is(err, exit.ErrInput) || !errors.Is(fmt.Errorf("--vary x: %w", err), exit.ErrInput) {
				t.Errorf("error %v is not exit.ErrInput", err)
			}
			got := err.Error()
			if !strings.HasPrefix(got, tt.want) || !strings.Contains(got, tt.msg) {
				t.Errorf("error\n  %s\nwant prefix %q and %q", got, tt.want, tt.msg)
			}
			if strings.ContainsAny(got, "\r\n") {
				t.Errorf("error spans lines: %q", got)
			}
		})
	}
}

// billionLaughs defines ever larger anchors; expanding *i would build 10^9
// strings. The decoder must answer fast without expanding anything.
var billionLaughs = func() string {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(name + ": &" + name + " [")
		for j := range 9 {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	return b.String()
}()

func TestErrorFormat(t *testing.T) {
	e := &Error{File: "w.yaml", Line: 7, Column: 3, Field: "reads.per_month", Msg: `must be a non-negative number, got "lots"`}
	if got, want := e.Error(), `w.yaml:7:3: reads.per_month: must be a non-negative number, got "lots"`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	e = &Error{File: "w.yaml", Line: 2, Column: 1, Msg: "invalid YAML: x"}
	if got, want := e.Error(), "w.yaml:2:1: invalid YAML: x"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"count", "size", "total", "sizes", "from"}
	for _, tt := range []struct{ in, want string }{
		{"cout", "count"}, {"Count", "count"}, {"sise", "size"}, {"colour", ""}, {"x", ""}, {"frm", "from"},
		// A key cut short suggests the one key it begins; "siz" begins
		// two (size, sizes) but is a typo of one; "fr" is too short.
		{"tot", "total"}, {"siz", "size"}, {"fr", ""},
	} {
		if got := suggest(tt.in, known); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	peak := []string{"monthly", "peak_month", "total"}
	if got := suggest("peak", peak); got != "peak_month" {
		t.Errorf(`suggest("peak") = %q, want "peak_month"`, got)
	}
}

// checkInvariants holds for every workload Decode returns, whatever the
// input: the engine relies on it.
func checkInvariants(w model.Workload) error {
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if w.Months < 1 || w.Months > 1200 {
		fail("months %d out of range", w.Months)
	}
	if w.Name == "" || w.Region == "" {
		fail("empty name %q or region %q", w.Name, w.Region)
	}
	if len(w.Objects.Mix) == 0 {
		fail("empty size mix")
	}
	sum := decimal.Zero
	for _, s := range w.Objects.Mix {
		if !s.Bytes.IsPositive() || !s.Share.IsPositive() || s.Share.GreaterThan(decimal.NewFromInt(1)) {
			fail("bad mix entry %+v", s)
		}
		sum = sum.Add(s.Share)
	}
	if !sum.Equal(decimal.NewFromInt(1)) {
		fail("shares add up to %s", sum)
	}
	if !w.Objects.Count.IsInteger() {
		fail("fractional count %s", w.Objects.Count)
	}
	if w.Objects.Count.IsZero() && !w.UploadsPerMonth.IsPositive() {
		fail("nothing stored")
	}
	for name, d := range map[string]decimal.Decimal{
		"count": w.Objects.Count, "uploads": w.UploadsPerMonth, "reads": w.Reads.PerMonth,
		"read bytes": w.Reads.Bytes, "lists": w.ListsPerMonth, "internet": w.Transfer.InternetBytes,
		"inter_region": w.Transfer.InterRegionBytes, "availability": w.Require.Availability,
	} {
		if d.IsNegative() {
			fail("%s negative: %s", name, d)
		}
	}
	if w.Reads.Full != w.Reads.Bytes.IsZero() {
		fail("reads: Full = %v with Bytes = %s", w.Reads.Full, w.Reads.Bytes)
	}
	if w.Reads.RestoreDays.LessThan(decimal.NewFromInt(1)) {
		fail("restore days %s", w.Reads.RestoreDays)
	}
	if a := w.Reads.ActiveShare; a != nil && (a.IsNegative() || a.GreaterThan(decimal.NewFromInt(1))) {
		fail("active share %s", a)
	}
	if w.Lifetime < 0 || w.Require.FirstByte < 0 || w.Require.Zones < 0 || w.Require.Zones > 3 {
		fail("negative duration or bad zones: %v %v %d", w.Lifetime, w.Require.FirstByte, w.Require.Zones)
	}
	for _, b := range []*decimal.Decimal{w.Budget.Monthly, w.Budget.Total} {
		if b != nil && b.IsNegative() {
			fail("negative budget %s", b)
		}
	}
	for _, c := range append(w.Classes, w.Objects.From) {
		if _, ok := model.LookupClass(c); c != "" && !ok {
			fail("unknown class %q", c)
		}
	}
	switch w.Reads.Restore {
	case model.RestoreExpedited, model.RestoreStandard, model.RestoreBulk:
	default:
		fail("restore tier %q", w.Reads.Restore)
	}
	// Age profiles and limits (docs/cost-rules.md, "Ages").
	checkEnds := func(what string, ends []time.Duration) {
		for i, end := range ends {
			switch {
			case end < 0:
				fail("%s[%d] ends at %v", what, i, end)
			case end == 0 && i < len(ends)-1:
				fail("%s[%d] is forever but not last", what, i)
			case end != 0 && i > 0 && end <= ends[i-1]:
				fail("%s[%d] ends at %v, not after %v", what, i, end, ends[i-1])
			case w.Lifetime > 0 && end > w.Lifetime:
				fail("%s[%d] ends at %v, beyond the lifetime %v", what, i, end, w.Lifetime)
			}
		}
	}
	checkBands := func(what string, bands []model.AgeBand, positive bool) {
		ends := make([]time.Duration, len(bands))
		sum := decimal.Zero
		for i, b := range bands {
			ends[i] = b.Until
			if b.Share.IsNegative() || (positive && b.Share.IsZero()) || b.Share.GreaterThan(decimal.NewFromInt(1)) {
				fail("%s[%d] share %s", what, i, b.Share)
			}
			sum = sum.Add(b.Share)
		}
		checkEnds(what, ends)
		if bands != nil && !sum.Equal(decimal.NewFromInt(1)) {
			fail("%s shares add up to %s", what, sum)
		}
	}
	checkBands("objects.ages", w.Objects.Ages, true)
	checkBands("reads.by_age", w.Reads.ByAge, false)
	if w.Objects.Ages != nil && w.Objects.From == "" {
		fail("ages without from")
	}
	if w.Objects.AgesSteady && (len(w.Objects.Ages) != 1 || w.Lifetime == 0 || w.Objects.Ages[0].Until != w.Lifetime) {
		fail("steady ages %v with lifetime %v", w.Objects.Ages, w.Lifetime)
	}
	var limitEnds []time.Duration
	for i, l := range w.Require.FirstByteByAge {
		limitEnds = append(limitEnds, l.Until)
		if l.FirstByte <= 0 {
			fail("first_byte_by_age[%d] first byte %v", i, l.FirstByte)
		}
	}
	checkEnds("first_byte_by_age", limitEnds)
	if w.Require.FirstByteByAge != nil && w.Require.FirstByte != 0 {
		fail("first_byte and first_byte_by_age both set")
	}
	if len(w.Lifecycles) > 1 {
		fail("%d lifecycle rules", len(w.Lifecycles))
	}
	for _, rule := range w.Lifecycles {
		if err := rule.Validate(w.Lifetime); err != nil || rule.MinimumObjectSize == "" {
			fail("lifecycle rule %+v: %v", rule, err)
		}
	}
	if a, deep := w.ITArchive.ArchiveAfter, w.ITArchive.DeepArchiveAfter; a%model.Day != 0 || deep%model.Day != 0 ||
		(a != 0 && (a < 90*model.Day || a > 730*model.Day)) || (deep != 0 && (deep < 180*model.Day || deep > 730*model.Day)) ||
		(a != 0 && deep != 0 && deep <= a) {
		fail("intelligent_tiering %+v", w.ITArchive)
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func BenchmarkDecodeExamples(b *testing.B) {
	names := exampleNames(b)
	files := make([][]byte, len(names))
	for i, name := range names {
		files[i] = readExample(b, name)
	}
	b.ResetTimer()
	for b.Loop() {
		for i, data := range files {
			// DecodeFile: team-buckets.yaml holds several datasets.
			if _, err := DecodeFile(path.Join("examples", names[i]), data, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
