package pricing

import (
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// A small sheet with provenance: STANDARD from the sheet's own source, its
// GET price from a declared second source, DEEP_ARCHIVE storage derived.
const provenanceSheet = `sheet: test/eu-test-1
region: eu-test-1
currency: USD
as_of: "2025-10-22"
source: the feed
sources:
  other: { as_of: "2024-09-25", source: another table }
not_offered: [EXPRESS_ONEZONE]
classes:
  STANDARD:
    storage: [{ price: "0.023" }]
    put_per_1k: "0.005"
    get_per_1k: { price: "0.0004", from: other }
  DEEP_ARCHIVE:
    storage: [{ price: "0.002", derived: "equal to INTELLIGENT_TIERING tiers.DEEP_ARCHIVE" }]
    put_per_1k: "0.06"
    get_per_1k: "0.0004"
    transition_per_1k: "0.06"
    restore:
      standard: { request_per_1k: "0.12", per_gb: "0.024" }
      bulk: { request_per_1k: "0.03", per_gb: "0.005" }
`

func TestProvenance(t *testing.T) {
	s, err := ParseSheet([]byte(provenanceSheet))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		key  string
		want Provenance
	}{
		{"classes.STANDARD.put_per_1k", Provenance{Source: "the feed", AsOf: "2025-10-22"}},
		{"classes.STANDARD.get_per_1k", Provenance{From: "other", Source: "another table", AsOf: "2024-09-25"}},
		{"classes.DEEP_ARCHIVE.storage[0]", Provenance{Source: "the feed", AsOf: "2025-10-22", Rule: "equal to INTELLIGENT_TIERING tiers.DEEP_ARCHIVE"}},
	}
	for _, c := range cases {
		if got := s.ProvenanceOf(c.key); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.key, got, c.want)
		}
	}
	// pricing show carries the same.
	derived := 0
	for _, it := range s.Items() {
		if it.Derived != "" {
			derived++
			if it.Key != "classes.DEEP_ARCHIVE.storage[0]" {
				t.Errorf("%s shown as derived", it.Key)
			}
		}
		if it.Source == "" || it.AsOf == "" {
			t.Errorf("%s: no source or date", it.Key)
		}
	}
	if derived != 1 {
		t.Errorf("%d derived items shown, want 1", derived)
	}

	// An estimate that uses the derived price says so; one that does not,
	// does not. One GiB in DEEP_ARCHIVE for a month: 1 x 0.002 storage.
	w := baseWorkload()
	w.Region = "eu-test-1"
	w.Classes = []model.ClassID{model.Standard, model.DeepArchive, model.ExpressOneZone}
	c := Compare(w, s)
	notes := func(id model.ClassID) string { return strings.Join(byClassOf(c, id).Notes, "\n") }
	if !strings.Contains(notes(model.DeepArchive), "uses a derived price in eu-test-1: classes.DEEP_ARCHIVE.storage, equal to INTELLIGENT_TIERING tiers.DEEP_ARCHIVE") {
		t.Errorf("DEEP_ARCHIVE notes: %q", notes(model.DeepArchive))
	}
	if strings.Contains(notes(model.Standard), "derived") {
		t.Errorf("STANDARD notes: %q", notes(model.Standard))
	}

	// Not offered: no amounts, ranked last, never "not priced", and its
	// prices are not missing from the sheet.
	x := byClassOf(c, model.ExpressOneZone)
	if !x.NotOffered || x.Priced() || x.Eligible || len(x.Unpriced) != 0 || strings.Join(x.Violations, "") != "not offered in eu-test-1" {
		t.Errorf("EXPRESS_ONEZONE: %+v", x)
	}
	if last := c.Results[len(c.Results)-1]; last.Class != model.ExpressOneZone {
		t.Errorf("ranked last: %s", last.Class)
	}
	for _, k := range s.Missing() {
		if strings.Contains(k, "EXPRESS_ONEZONE") {
			t.Errorf("missing lists %s of a class not offered", k)
		}
	}
	// A class without amounts still says which requirements it misses:
	// Express One Zone keeps data in one zone.
	w.Require.Zones = 3
	x = byClassOf(Compare(w, s), model.ExpressOneZone)
	if len(x.Requirements) != 1 || !strings.Contains(x.Requirements[0], "fewer than the required 3") ||
		len(x.Violations) != 2 || x.Violations[0] != "not offered in eu-test-1" {
		t.Errorf("EXPRESS_ONEZONE requirements %v, violations %v", x.Requirements, x.Violations)
	}
	if d := byClassOf(Compare(w, s), model.DeepArchive); strings.Join(d.Derived, ",") != "classes.DEEP_ARCHIVE.storage" {
		t.Errorf("DEEP_ARCHIVE derived keys %v", d.Derived)
	}
}

// Line and column counted by hand: get_per_1k is on line 13, its "from:"
// value after 4 + 12 + 25 characters; DEEP_ARCHIVE.put_per_1k on line 16.
func TestParseSheetErrorsArePlaced(t *testing.T) {
	cases := []struct{ name, from, to, want string }{
		{"undeclared source", "from: other", "from: elsewhere", `line 13, column 42: classes.STANDARD.get_per_1k.from: "elsewhere" is not declared under sources`},
		{"empty rule", `derived: "equal to INTELLIGENT_TIERING tiers.DEEP_ARCHIVE"`, `derived: ""`, "classes.DEEP_ARCHIVE.storage[0].derived: the rule is missing"},
		{"unknown item", "put_per_1k: \"0.06\"", "put_per_gb: \"0.06\"", "line 16, column 5: classes.DEEP_ARCHIVE.put_per_gb: not an item of the sheet format"},
		{"restore tier not offered", "bulk: {", "expedited: {", "classes.DEEP_ARCHIVE.restore.expedited: not an item"},
		{"not offered but priced", "not_offered: [EXPRESS_ONEZONE]", "not_offered: [STANDARD]", "not_offered: STANDARD has prices under classes"},
		{"unknown key in a price", `{ price: "0.0004", from: other }`, `{ price: "0.0004", form: other }`, `unknown key "form"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(provenanceSheet, c.from) {
				t.Fatalf("%q not in the sheet", c.from)
			}
			_, err := ParseSheet([]byte(strings.Replace(provenanceSheet, c.from, c.to, 1)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
	// KMS prices come as a block.
	_, err := ParseSheet([]byte(provenanceSheet + "kms:\n  requests_per_10k: \"0.03\"\n"))
	if err == nil || !strings.Contains(err.Error(), "kms.customer_key_per_month: price missing") {
		t.Errorf("partial KMS block: %v", err)
	}
}

// Every price pricing show lists is an item of the table, the discount
// lowers every one of them (7% off: x 0.93) and leaves the count of free KMS
// requests alone: the table is the single definition the three share.
func TestDiscountCoversEveryItem(t *testing.T) {
	s := usEast1(t)
	orig := s.Items()
	disc := s.discounted(d("7")).Items()
	if len(orig) != len(disc) {
		t.Fatalf("%d items, %d after the discount", len(orig), len(disc))
	}
	for i, it := range orig {
		key := it.Key
		if j := strings.IndexByte(key, '['); j >= 0 {
			key = key[:j]
		}
		if _, ok := LookupItem(key); !ok && !strings.HasPrefix(key, "transfer.inter_region_to.") {
			t.Errorf("%s is not an item of the table", it.Key)
		}
		want := d(it.Price).Mul(d("0.93"))
		if it.Key == "kms.free_requests_per_month" {
			want = d(it.Price)
		}
		if got := d(disc[i].Price); disc[i].Key != it.Key || !got.Equal(want) {
			t.Errorf("%s: %s after 7%% off, want %s", it.Key, disc[i].Price, want)
		}
	}
	// The original is untouched.
	if got := s.Classes[model.Glacier].Restore[model.RestoreExpedited].RequestPer1K.Decimal; !got.Equal(d("10")) {
		t.Errorf("discount changed the original sheet: %s", got)
	}
}

// completeExceptKnownGaps fails for every price a complete sheet has that s
// lacks, except those the region is known to lack (gaps: item keys).
func completeExceptKnownGaps(s *Sheet, gaps map[string]bool) []string {
	var bad []string
	for _, k := range s.Missing() {
		if !gaps[k] {
			bad = append(bad, k)
		}
	}
	return bad
}

// The completeness check the embedded-sheet test relies on fails when a
// class's prices are removed from a sheet, or the class is left out.
func TestCompletenessCheckCanFail(t *testing.T) {
	data, err := fs.ReadFile(Embedded(), "sheets/aws/us-east-1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	whole, err := ParseSheet(data)
	if err != nil {
		t.Fatal(err)
	}
	if bad := completeExceptKnownGaps(whole, nil); len(bad) != 0 {
		t.Fatalf("us-east-1 is incomplete: %v", bad)
	}
	src := string(data)
	i := strings.Index(src, "\n  ONEZONE_IA:")
	j := strings.Index(src, "\n  GLACIER_IR:")
	if i < 0 || j < i {
		t.Fatal("ONEZONE_IA not found in the sheet")
	}
	cut, err := ParseSheet([]byte(src[:i] + src[j:]))
	if err != nil {
		t.Fatal(err)
	}
	bad := completeExceptKnownGaps(cut, nil)
	if !strings.Contains(strings.Join(bad, " "), "classes.ONEZONE_IA.put_per_1k") {
		t.Errorf("a sheet without ONEZONE_IA passed the check: %v", bad)
	}
}

// Format writes what ParseSheet reads: the same prices, in the same order,
// with the same provenance and the same classes not offered.
func TestFormatRoundTrip(t *testing.T) {
	usEast, err := fs.ReadFile(Embedded(), "sheets/aws/us-east-1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{"us-east-1": string(usEast), "provenance": provenanceSheet} {
		t.Run(name, func(t *testing.T) {
			a, err := ParseSheet([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			out := Format(a, FormatOptions{Header: []string{"a test"}, Comments: map[string]string{"classes.STANDARD.put_per_1k": "from somewhere"}})
			b, err := ParseSheet(out)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			ia, ib := a.Items(), b.Items()
			if len(ia) != len(ib) {
				t.Fatalf("%d items, %d after the round trip\n%s", len(ia), len(ib), out)
			}
			for i := range ia {
				if ia[i] != ib[i] {
					t.Errorf("%+v became %+v", ia[i], ib[i])
				}
			}
			if strings.Join(a.Missing(), ",") != strings.Join(b.Missing(), ",") || len(a.NotOffered) != len(b.NotOffered) {
				t.Errorf("missing %v / %v, not offered %v / %v", a.Missing(), b.Missing(), a.NotOffered, b.NotOffered)
			}
			if !strings.Contains(string(out), `put_per_1k: "0.005"   # from somewhere`) {
				t.Errorf("comment not written:\n%s", out)
			}
		})
	}
}

// An estimate that uses a price from another source than the sheet's says
// so in the comparison's notes, with that source's date; tiers of one item
// read as a range.
func TestSourceNotes(t *testing.T) {
	s, err := ParseSheet([]byte(provenanceSheet + `transfer:
  internet:
    - { upto_gb: 10240, price: "0.09", from: other }
    - { upto_gb: 51200, price: "0.085", from: other }
    - { price: "0.07" }
`))
	if err != nil {
		t.Fatal(err)
	}
	w := baseWorkload()
	w.Region = "eu-test-1"
	w.Classes = []model.ClassID{model.Standard}
	notes := strings.Join(Compare(w, s).Notes, "\n")
	if strings.Contains(notes, "own source") {
		t.Errorf("nothing read, no GET price used, yet: %s", notes)
	}
	w.Reads.PerMonth = d("10")
	w.Transfer.InternetBytes = decimal.NewFromInt(model.GiB)
	notes = strings.Join(Compare(w, s).Notes, "\n")
	want := "prices not from the test/eu-test-1 sheet's own source (as of 2025-10-22): classes.STANDARD.get_per_1k, transfer.internet[0-1] from other (as of 2024-09-25); see s3cost pricing show eu-test-1"
	if !strings.Contains(notes, want) {
		t.Errorf("notes:\n%s\nwant %q", notes, want)
	}
}

// Volume tiers apply to the month's total at one price: object data and the
// minimum-size padding share the ladder. 100,000 objects of 64 KiB in
// STANDARD_IA for a month: data 100,000 x 64 KiB = 6.103515625 GB, padding
// to 128 KiB the same again: 12.20703125 GB. With 1.00 for the first 10 GB
// and 0.50 beyond: 10 x 1 + 2.20703125 x 0.5 = 11.103515625 (not 6.10... x 1
// twice, as pricing each line from tier 0 would give). With only the first
// 10 GB known, the month's 12.2 GB is not priced.
func TestTiersOnTheMonthsTotal(t *testing.T) {
	sheet := func(tiers string) *Sheet {
		s, err := ParseSheet([]byte(`sheet: t/eu-test-1
region: eu-test-1
currency: USD
as_of: "2026-01-01"
source: test
classes:
  STANDARD_IA:
    storage: ` + tiers + `
    put_per_1k: "0"
`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	w := baseWorkload()
	w.Region = "eu-test-1"
	w.Objects.Count = d("100000")
	w.Objects.Mix = mixOf(64 * model.KiB)
	w.Classes = []model.ClassID{model.StandardIA}
	w.Lifetime = 0
	e := byClassOf(Compare(w, sheet(`[{ upto_gb: 10, price: "1" }, { price: "0.5" }]`)), model.StandardIA)
	if !e.Priced() || !e.Total.Equal(d("11.103515625")) {
		t.Errorf("total %s (unpriced %v), want 11.103515625", e.Total, e.Unpriced)
	}
	e = byClassOf(Compare(w, sheet(`[{ upto_gb: 10, price: "1" }]`)), model.StandardIA)
	if strings.Join(e.Unpriced, "") != "classes.STANDARD_IA.storage (beyond 10 GB a month)" {
		t.Errorf("bounded tiers: %v", e.Unpriced)
	}
}

// A KMS block set a price at a time is absent where a price is not set,
// never a free 0, and Format does not write it; a derived KMS price is noted
// by the estimates that use it.
func TestKMSBlock(t *testing.T) {
	s := NewSheet("t/eu-test-1", "eu-test-1", "USD", "2026-01-01", "test")
	for _, key := range []string{"kms.requests_per_10k", "kms.customer_key_per_month", "kms.rotation_per_month"} {
		if err := s.SetPrice(key, Flat(d("1")), "", ""); err != nil {
			t.Fatal(err)
		}
	}
	if s.KMS.Known || s.Price("kms.dsse_per_gb") != nil || !slices.Contains(s.Missing(), "kms.dsse_per_gb") {
		t.Errorf("partial block: known %v, dsse %v, missing %v", s.KMS.Known, s.Price("kms.dsse_per_gb"), s.Missing())
	}
	if strings.Contains(string(Format(s, FormatOptions{})), "\n  dsse_per_gb:") {
		t.Error("Format wrote a DSSE price nobody set")
	}

	derived, err := ParseSheet([]byte(provenanceSheet + `kms:
  requests_per_10k: { price: "0.03", derived: "the same in every region" }
  customer_key_per_month: "1"
  rotation_per_month: "1"
  dsse_per_gb: "0.003"
`))
	if err != nil {
		t.Fatal(err)
	}
	w := baseWorkload()
	w.Region = "eu-test-1"
	w.Classes = []model.ClassID{model.Standard}
	w.Encryption = model.DefaultEncryption()
	w.Encryption.Type = model.SSEKMS
	e := byClassOf(Compare(w, derived), model.Standard)
	if !slices.Contains(e.Derived, "kms.requests_per_10k") ||
		!strings.Contains(strings.Join(e.Notes, "\n"), "uses a derived price in eu-test-1: kms.requests_per_10k, the same in every region") {
		t.Errorf("derived %v, notes %v", e.Derived, e.Notes)
	}
}

// A stock said to sit in a class the region does not sell is the
// workload's fault, said as such, not a price the sheet lacks.
func TestStockInAClassNotOffered(t *testing.T) {
	s, err := ParseSheet([]byte(provenanceSheet))
	if err != nil {
		t.Fatal(err)
	}
	w := baseWorkload()
	w.Region = "eu-test-1"
	w.Classes = []model.ClassID{model.Standard}
	w.Objects.From = model.ExpressOneZone
	e := byClassOf(Compare(w, s), model.Standard)
	want := "not priced in eu-test-1 (objects.from: EXPRESS_ONEZONE is not offered in eu-test-1)"
	if e.Priced() || len(e.Violations) == 0 || e.Violations[0] != want {
		t.Errorf("violations %v, want %q", e.Violations, want)
	}
}

// What the parser refuses besides unknown keys: what YAML would otherwise
// merge, ignore or turn into a literal.
func TestParseSheetRefusesAmbiguity(t *testing.T) {
	cases := map[string]struct {
		edit func(string) string
		want string
	}{
		"a class twice": {func(s string) string {
			return s + "  STANDARD:\n    put_per_1k: \"2\"\n"
		}, "classes.STANDARD: given twice"},
		"a second document": {func(s string) string { return s + "---\nsheet: other\n" }, "one YAML document"},
		"a source twice": {func(s string) string {
			return strings.Replace(s, "sources:\n", "sources:\n  other: { as_of: \"2020-01-01\", source: x }\n", 1)
		}, "sources.other: given twice"},
		"a source name YAML would misread": {func(s string) string {
			return strings.Replace(s, "sources:\n", "sources:\n  \"a: b\": { as_of: \"2020-01-01\", source: x }\n", 1)
		}, `"a: b" is not a source name`},
		"a null field": {func(s string) string { return strings.Replace(s, "currency: USD", "currency: ~", 1) }, "currency: missing"},
		"a region twice": {func(s string) string {
			return s + "transfer:\n  inter_region_to:\n    us-east-2: \"0.01\"\n    us-east-2: \"0.02\"\n"
		}, "transfer.inter_region_to.us-east-2: given twice"},
		"a free-request count alone": {func(s string) string {
			return s + "kms:\n  free_requests_per_month: 20000\n"
		}, "kms.requests_per_10k: price missing (KMS prices come as a block)"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ParseSheet([]byte(c.edit(provenanceSheet)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// SetPrice makes the parser's checks, so a program cannot build a sheet
// that does not read back.
func TestSetPriceChecks(t *testing.T) {
	s := NewSheet("t/eu-test-1", "eu-test-1", "USD", "2026-01-01", "test")
	for name, tiers := range map[string]Tiers{
		"negative":      Flat(d("-0.01")),
		"out of order":  {{UpTo: d("100"), Price: d("1")}, {UpTo: d("50"), Price: d("2")}, {Unbounded: true, Price: d("3")}},
		"open in front": {{Unbounded: true, Price: d("1")}, {UpTo: d("50"), Price: d("2")}},
	} {
		if err := s.SetPrice("classes.STANDARD.storage", tiers, "", ""); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
