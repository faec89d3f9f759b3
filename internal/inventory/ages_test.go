package inventory

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/workloads"
	"github.com/shopspring/decimal"
)

// LastModifiedDate as S3 writes it in CSV reports, read to the millisecond;
// the values are worked out by hand.
func TestParseModified(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"1970-01-01T00:00:00.000Z", 0},
		{"1970-01-02T00:00:00Z", 86_400_000},
		// 2026-01-01 is day 56 x 365 + 14 leap days (1972 to 2024) =
		// 20454; November 29 is day 31+28+31+30+31+30+31+31+30+31 + 29 =
		// 333 of the year, so 20454 + 332 = 20786 days, plus 12 h:
		// 20786 x 86,400,000 + 43,200,000 (the test manifests'
		// creationTimestamp).
		{"2026-11-29T12:00:00.000Z", 1_795_953_600_000},
		// 2024-01-01 is day 54 x 365 + 13 = 19723; February 29 is day
		// 31 + 29 = 60 of the year: 19782 days, and a day less 1 ms.
		{"2024-02-29T23:59:59.999Z", 19782*86_400_000 + 86_399_999},
		{"2025-10-01T12:34:56.789Z", time.Date(2025, 10, 1, 12, 34, 56, 789e6, time.UTC).UnixMilli()},
	} {
		got, err := ParseModified([]byte(c.in))
		if err != nil || got != c.want {
			t.Errorf("%s: %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{
		"2026-11-29",                     // a date without a time
		"2026-11-29T12:00:00+00:00",      // another form of UTC
		"2026-11-29 12:00:00.000Z",       // a space for the T
		"2026-11-29T12:00:00.0Z",         // one decimal
		"2026-11-29T12:00:00.000000Z",    // microseconds
		"2023-02-29T00:00:00.000Z",       // not a leap year
		"2026-13-01T00:00:00.000Z",       // month 13
		"2026-11-31T00:00:00.000Z",       // November 31
		"2026-11-29T24:00:00.000Z",       // hour 24
		"2026-11-29T12:60:00.000Z",       // minute 60
		"2026-11-29T12:00:60.000Z",       // second 60
		"0000-01-01T00:00:00.000Z",       // year 0
		"2026-11-29T12:00:00.00xZ",       // not a digit
		"1795953600000",                  // milliseconds, as Parquet writes them
		"\"2026-11-29T12:00:00.000Z\"",   // still quoted
		"2026-11-29T12:00:00.000Z extra", // trailing text
	} {
		if _, err := ParseModified([]byte(bad)); err == nil || !strings.Contains(err.Error(), "is not a date as S3 Inventory writes it") {
			t.Errorf("%q: %v, want an error", bad, err)
		}
	}
	if _, err := ParseModified(nil); err == nil || err.Error() != "empty LastModifiedDate" {
		t.Errorf("empty: %v", err)
	}
}

// Band edges: a band holds the ages from its start up to, not including,
// its end, so an object exactly 30 days old is in the band that starts at
// 30 days (until: 45d), one a millisecond younger in the one that ends
// there (until: 30d).
func TestAgeBandEdges(t *testing.T) {
	for _, c := range []struct {
		age  int64
		want int
	}{
		{-3_600_000, 0}, // modified after the inventory date: new
		{0, 0},
		{15*dayMs - 1, 0},
		{15 * dayMs, 1},
		{30*dayMs - 1, 1},
		{30 * dayMs, 2},
		{365 * dayMs, 10}, // until: 545d
		{730*dayMs - 1, 11},
		{730 * dayMs, 12},
		{36500*dayMs - 1, NumAgeBands - 1},
		{36500 * dayMs, -1}, // 100 years: not a date S3 wrote
	} {
		if got := ageBand(c.age); got != c.want {
			t.Errorf("age %d ms (%.3f days): band %d, want %d", c.age, float64(c.age)/dayMs, got, c.want)
		}
	}
	if AgeUntil(2) != "45d" || ageBandOf("45d") != 2 || ageBandOf("forever") != -1 || ageBandOf("1mo") != -1 {
		t.Error("AgeUntil and ageBandOf disagree")
	}
	// The edges the issue asks for, and every age the lifecycle planner
	// tries a transition at, are edges.
	for _, d := range []int64{30, 45, 60, 90, 120, 150, 180, 270, 365, 545, 730} {
		if !contains(AgeEdges[:], d) {
			t.Errorf("%d days is not an edge", d)
		}
	}
}

func contains(s []int64, v int64) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// smallCSV is an inventory whose ages are worked out by hand, as of
// 2026-11-29T12:00:00Z (genAsOf). STANDARD, 8 current objects:
//
//	a  2026-11-29T12:00:00.001Z  1 ms after the date: new     under 15d
//	b  2026-11-20T00:00:00.000Z  9.5 days                     under 15d
//	h  2026-11-29T00:00:00.000Z  0.5 days                     under 15d
//	d  2026-10-30T12:00:00.001Z  30 days less 1 ms            15d to 30d
//	c  2026-10-30T12:00:00.000Z  exactly 30 days              30d to 45d
//	e  2026-06-01T00:00:00.000Z  day 20605 (151 days into 2026): 181.5 days  180d to 270d
//	f  2025-11-29T12:00:00.000Z  exactly 365 days             365d to 545d
//	g  2020-01-01T00:00:00.000Z  day 18262: 2524.5 days       1825d to 3650d
//
// so shares 3/8 = 0.375, then 1/8 = 0.125 each; 45d to 180d, 270d to 365d
// and 545d to 1825d hold none and merge into the band after them. A
// non-current version and a delete marker are skipped (their dates never
// read). GLACIER, 3 objects 1, 20 and 100 days old: 1/3 each, which has no
// exact decimal: 0.333... to 30 places, the last 1 minus the others.
const smallCSV = `"b","a","v","true","false","100","2026-11-29T12:00:00.001Z","e","STANDARD"
"b","b","v","true","false","100","2026-11-20T00:00:00.000Z","e","STANDARD"
"b","h","v","true","false","100","2026-11-29T00:00:00.000Z","e","STANDARD"
"b","d","v","true","false","100","2026-10-30T12:00:00.001Z","e","STANDARD"
"b","c","v","true","false","100","2026-10-30T12:00:00.000Z","e","STANDARD"
"b","e","v","true","false","100","2026-06-01T00:00:00.000Z","e","STANDARD"
"b","f","v","true","false","100","2025-11-29T12:00:00.000Z","e","STANDARD"
"b","g","v","true","false","100","2020-01-01T00:00:00.000Z","e","STANDARD"
"b","g","v0","false","false","100","not read: non-current","e","STANDARD"
"b","x","v","true","true","","not read: a delete marker","",""
"b","k1","v","true","false","100","2026-11-28T12:00:00Z","e","GLACIER"
"b","k2","v","true","false","100","2026-11-09T12:00:00Z","e","GLACIER"
"b","k3","v","true","false","100","2026-08-21T12:00:00Z","e","GLACIER"
`

const smallAges = `      ages:
        - { until: 15d, share: 0.375 }  # 3 objects under 15 days old
        - { until: 30d, share: 0.125 }  # 1 object 15 to under 30 days old
        - { until: 45d, share: 0.125 }  # 1 object 30 to under 45 days old
        - { until: 270d, share: 0.125 }  # 1 object 180 to under 270 days old; none 45 to 180
        - { until: 545d, share: 0.125 }  # 1 object 365 to under 545 days old; none 270 to 365
        - { until: 3650d, share: 0.125 }  # 1 object 1825 to under 3650 days old; none 545 to 1825
`

// 2026-08-21 is 100 days before 2026-11-29 (10 + 30 + 31 + 29).
const smallGlacierAges = `      ages:
        - { until: 15d, share: 0.333333333333333333333333333333 }  # 1 object under 15 days old
        - { until: 30d, share: 0.333333333333333333333333333333 }  # 1 object 15 to under 30 days old
        - { until: 120d, share: 0.333333333333333333333333333334 }  # 1 object 90 to under 120 days old; none 30 to 90
`

func writeFile(t testing.TB, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A small inventory with known ages gives the exact ages block, which the
// workload decoder accepts with the same bands and shares.
func TestSmallInventoryAges(t *testing.T) {
	p := writeFile(t, t.TempDir(), "small.csv", smallCSV)
	h, s := scan(t, []string{p}, Options{AsOf: time.UnixMilli(genAsOf)})
	if s.Objects != 11 || s.Dated != 11 || s.Future != 1 || s.Noncurrent != 1 || s.DeleteMarkers != 1 {
		t.Fatalf("stats %+v", s)
	}
	want := [NumAgeBands]uint64{3, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1}
	if got := h.Classes["STANDARD"].Ages; got != want {
		t.Errorf("STANDARD ages %v, want %v", got, want)
	}
	w := WriteWorkload(h, s, Source{Names: []string{"small.csv"}, AsOf: genAsOf, AsOfFrom: "--as-of"})
	for _, part := range []string{smallAges, smallGlacierAges,
		"# Ages as of 2026-11-29T12:00:00Z (--as-of):\n",
		"# 1 object modified after that date (written while the inventory\n"} {
		if !strings.Contains(string(w), part) {
			t.Errorf("workload lacks\n%s\nin\n%s", part, w)
		}
	}
	file, err := workloads.DecodeFile("small.yaml", w, workloads.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, w)
	}
	days := func(d int64) time.Duration { return time.Duration(d) * 24 * time.Hour }
	eighth := decimal.RequireFromString("0.125")
	wantBands := []model.AgeBand{{Until: days(15), Share: decimal.RequireFromString("0.375")},
		{Until: days(30), Share: eighth}, {Until: days(45), Share: eighth}, {Until: days(270), Share: eighth},
		{Until: days(545), Share: eighth}, {Until: days(3650), Share: eighth}}
	for _, d := range file.Datasets {
		if d.Name != "standard" {
			continue
		}
		if len(d.Objects.Ages) != len(wantBands) {
			t.Fatalf("decoded ages %v", d.Objects.Ages)
		}
		for i, b := range d.Objects.Ages {
			if b.Until != wantBands[i].Until || !b.Share.Equal(wantBands[i].Share) {
				t.Errorf("band %d: %v %s, want %v %s", i, b.Until, b.Share, wantBands[i].Until, wantBands[i].Share)
			}
		}
	}
}

// Intelligent-Tiering access tiers are counted as the inventory writes
// them and reported in a comment. INTELLIGENT_TIERING: 2 FREQUENT objects
// of 100 and 200 bytes, 1 ARCHIVE_INSTANT_ACCESS of 700, 1 without a tier
// of 0 bytes: 4 objects, 1000 bytes; 2/4 = 50%, 300/1000 = 30%; 1/4 = 25%,
// 700/1000 = 70%; 25%, 0%. STANDARD has no tier: no comment.
func TestTiers(t *testing.T) {
	dir := t.TempDir()
	s, err := ParseSchema("Key, Size, LastModifiedDate, StorageClass, IntelligentTieringAccessTier")
	if err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, dir, "it.csv", `"a","100","2026-11-01T00:00:00.000Z","INTELLIGENT_TIERING","FREQUENT"
"b","200","2026-11-01T00:00:00.000Z","INTELLIGENT_TIERING","FREQUENT"
"c","700","2026-11-01T00:00:00.000Z","INTELLIGENT_TIERING","ARCHIVE_INSTANT_ACCESS"
"d","0","2026-11-01T00:00:00.000Z","INTELLIGENT_TIERING",""
"e","5","2026-11-01T00:00:00.000Z","STANDARD",""
`)
	h, st := scan(t, []string{p}, Options{Schema: s, AsOf: time.UnixMilli(genAsOf)})
	w := string(WriteWorkload(h, st, Source{Names: []string{"it.csv"}, AsOf: genAsOf, AsOfFrom: "--as-of"}))
	const want = `    # INTELLIGENT_TIERING: 4 objects, 1000 bytes (1000 B).
    # Access tiers today (IntelligentTieringAccessTier as the inventory writes it;
    # no workload key holds them: reported, not priced):
    #   ARCHIVE_INSTANT_ACCESS: 1 object (25.00%), 700 bytes (70.00%)
    #   FREQUENT: 2 objects (50.00%), 300 bytes (30.00%)
    #   (none given): 1 object (25.00%), 0 bytes (0.00%)
    objects:
`
	if !strings.Contains(w, want) || strings.Count(w, "Access tiers today") != 1 || strings.Contains(w, "no\n# IntelligentTieringAccessTier column") {
		t.Errorf("workload lacks\n%s\nin\n%s", want, w)
	}
	// Without the column, the workload says so once, at the top.
	p2 := writeFile(t, dir, "noit.csv", `"a","100","2026-11-01T00:00:00.000Z","INTELLIGENT_TIERING"`+"\n")
	s2, _ := ParseSchema("Key, Size, LastModifiedDate, StorageClass")
	h, st = scan(t, []string{p2}, Options{Schema: s2, AsOf: time.UnixMilli(genAsOf)})
	w = string(WriteWorkload(h, st, Source{}))
	if !strings.Contains(w, "# Intelligent-Tiering access tiers: the inventory has no\n# IntelligentTieringAccessTier column.\n") || strings.Contains(w, "Access tiers today") {
		t.Errorf("no tier column:\n%s", w)
	}
	// A tier that is not an upper-case name is a malformed row.
	p3 := writeFile(t, dir, "bad.csv", `"a","100","2026-11-01T00:00:00.000Z","INTELLIGENT_TIERING","frequent"`+"\n")
	if _, _, err := Scan(context.Background(), []string{p3}, Options{Schema: s}); err == nil ||
		err.Error() != p3+`: row 1: IntelligentTieringAccessTier "frequent" is not an access tier` {
		t.Errorf("bad tier: %v", err)
	}
}

// A malformed or impossible LastModifiedDate names the file and the row;
// --skip-bad-rows skips and counts the row.
func TestAgeBadInput(t *testing.T) {
	dir := t.TempDir()
	good := `"b","k","v","true","false","100","2026-11-01T00:00:00.000Z","e","STANDARD"` + "\n"
	for _, c := range []struct{ name, row, want string }{
		{"date.csv", `"b","k","v","true","false","100","2026-11-01","e","STANDARD"`, `row 3: LastModifiedDate "2026-11-01" is not a date as S3 Inventory writes it (2025-10-01T12:34:56.000Z)`},
		{"empty.csv", `"b","k","v","true","false","100","","e","STANDARD"`, "row 3: empty LastModifiedDate"},
		{"old.csv", `"b","k","v","true","false","100","1926-11-01T00:00:00.000Z","e","STANDARD"`, "row 3: LastModifiedDate 1926-11-01T00:00:00Z is 100 years or more before the inventory date 2026-11-29T12:00:00Z"},
	} {
		p := writeFile(t, dir, c.name, good+good+c.row+"\n"+good)
		opts := Options{Schema: defaultSchema(t), AsOf: time.UnixMilli(genAsOf)}
		_, _, err := Scan(context.Background(), []string{p}, opts)
		var bad *InputError
		if !errors.As(err, &bad) || err.Error() != p+": "+c.want || !errors.Is(err, exit.ErrInput) {
			t.Errorf("%s: %v, want %s", c.name, err, c.want)
		}
		opts.SkipBadRows = true
		h, s, err := Scan(context.Background(), []string{p}, opts)
		if err != nil || s.BadRows != 1 || s.Objects != 3 || s.Dated != 3 || h.Classes["STANDARD"].Dated() != 3 {
			t.Errorf("%s skipping: %v %+v", c.name, err, s)
		}
		// Without an inventory date the column is not read.
		if _, s, err := Scan(context.Background(), []string{p}, Options{Schema: defaultSchema(t)}); err != nil || s.Dated != 0 || !s.ModifiedColumn {
			t.Errorf("%s without ages: %v %+v", c.name, err, s)
		}
	}
	for _, ts := range []string{"", "17959536OO000", "-1", "+1"} {
		m := fmt.Sprintf(`{"fileFormat":"CSV","fileSchema":"Size, StorageClass","creationTimestamp":%q,"files":[{"key":"a"}]}`, ts)
		_, _, err := ParseManifest([]byte(m))
		if ts == "" {
			if err != nil {
				t.Errorf("no creationTimestamp: %v", err)
			}
			continue
		}
		if !errors.Is(err, exit.ErrInput) || !strings.Contains(err.Error(), "is not milliseconds since the epoch") {
			t.Errorf("creationTimestamp %q: %v", ts, err)
		}
	}
	for _, s := range []string{"2026-11-29", "2026-11-29T01:00:00Z", "2026-11-29T01:00:00.5+01:00"} {
		if _, err := ParseAsOf(s); err != nil {
			t.Errorf("--as-of %s: %v", s, err)
		}
	}
	for _, s := range []string{"29/11/2026", "2026-11-29 01:00", "1795953600000", "2026-11-29T01:00"} {
		if _, err := ParseAsOf(s); err == nil {
			t.Errorf("--as-of %s accepted", s)
		}
	}
	if ms, _ := ParseAsOf("2026-11-29"); ms != 1_795_910_400_000 {
		t.Errorf("--as-of 2026-11-29: %d, want midnight UTC, 20786 days", ms)
	}
}

// Manifests of different dates: each file's ages are counted from its own
// manifest's date (FileAsOf); a file without one has no ages.
func TestFileAsOf(t *testing.T) {
	dir := t.TempDir()
	row := `"b","k","v","true","false","100","2026-11-01T00:00:00.000Z","e","STANDARD"` + "\n"
	p1, p2, p3 := writeFile(t, dir, "1.csv", row), writeFile(t, dir, "2.csv", row), writeFile(t, dir, "3.csv", row)
	// 2026-11-01 is 28.5 days before genAsOf (band 15d-30d), 1 day before
	// 2026-11-02 (under 15d).
	nov2 := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	h, s := scan(t, []string{p1, p2, p3}, Options{FileAsOf: []time.Time{time.UnixMilli(genAsOf), nov2, {}}})
	if got := h.Classes["STANDARD"].Ages; got[0] != 1 || got[1] != 1 || s.Dated != 2 || s.Objects != 3 {
		t.Errorf("ages %v, stats %+v", got, s)
	}
	w := string(WriteWorkload(h, s, Source{}))
	if !strings.Contains(w, "# ages: not written: only 2 of the 3 objects have a LastModifiedDate.") {
		t.Errorf("partly dated:\n%s", w)
	}
}

// The scan counts every generated object in its age band, on several
// workers and files; CSV and Parquet agree.
func TestScanAgesExactly(t *testing.T) {
	dir := t.TempDir()
	c1, q1, t1 := writeGeneratedParquet(t, dir, "a", defaultGen(21, 20000), 3000)
	c2, q2, t2 := writeGeneratedParquet(t, dir, "b", defaultGen(22, 7000), 1<<20)
	for _, all := range []bool{false, true} {
		opts := Options{Workers: 2, AllVersions: all, AsOf: time.UnixMilli(genAsOf)}
		h, s := scan(t, []string{c1, c2}, opts)
		want := NewHistogram()
		var future int64
		for _, tr := range []genTruth{t1, t2} {
			sizes, ages := tr.Current, tr.CurrentAges
			if all {
				sizes, ages = tr.All, tr.AllAges
			}
			for class := range sizes {
				for i, size := range sizes[class] {
					want.AddAged([]byte(class), size, ageBand(ages[class][i]))
					if ages[class][i] < 0 {
						future++
					}
				}
			}
		}
		if !reflect.DeepEqual(h.Classes, want.Classes) {
			t.Errorf("all=%v: histogram and ages differ from the generated objects", all)
		}
		if s.Dated != s.Objects || s.Future != future || future == 0 {
			t.Errorf("all=%v: %d of %d dated, %d future (want %d)", all, s.Dated, s.Objects, s.Future, future)
		}
		hp, sp := scan(t, []string{q1, q2}, Options{Workers: 2, AllVersions: all, AsOf: time.UnixMilli(genAsOf), Schema: noColumnsParquet()})
		if !reflect.DeepEqual(hp.Classes, h.Classes) || sp.Dated != s.Dated || sp.Future != s.Future {
			t.Errorf("all=%v: Parquet differs from CSV: %+v %+v", all, sp, s)
		}
	}
}

func noColumnsParquet() Schema {
	s := noColumns()
	s.Parquet = true
	s.Columns = 1 // not the zero Schema scan() replaces
	return s
}

// The histogram of the Athena query, with ages, gives the workload the
// report gives: here the query's result is made from the generated objects
// themselves (one row per class, size bucket and age band, as the SQL
// groups them), so that this holds without DuckDB too.
func TestHistogramPathEqualsScan(t *testing.T) {
	dir := t.TempDir()
	p, truth := writeGenerated(t, dir, "inv.csv", defaultGen(31, 5000))
	h, s := scan(t, []string{p}, Options{AsOf: time.UnixMilli(genAsOf)})
	type key struct {
		class       string
		bucket, age int
	}
	groups := map[key]*Bucket{}
	for class, sizes := range truth.Current {
		for i, size := range sizes {
			k := key{class, bucketOf(size), ageBand(truth.CurrentAges[class][i])}
			if groups[k] == nil {
				groups[k] = new(Bucket)
			}
			groups[k].add(size)
		}
	}
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.class != b.class {
			return a.class < b.class
		}
		if a.bucket != b.bucket {
			return a.bucket < b.bucket
		}
		return a.age < b.age
	})
	var csv bytes.Buffer
	csv.WriteString(`"storage_class","bucket","age_until","objects","bytes"` + "\n")
	for _, k := range keys {
		fmt.Fprintf(&csv, "%q,\"%d\",%q,\"%d\",\"%s\"\n", k.class, k.bucket, AgeUntil(k.age), groups[k].Count, groups[k].Sum())
	}
	got, rows, err := ReadHistogram(&csv, "result.csv")
	if err != nil {
		t.Fatal(err)
	}
	if rows != int64(len(keys)) {
		t.Errorf("%d rows, want %d", rows, len(keys))
	}
	sameHistogram(t, got, h)
	gw := WriteHistogramWorkload(got, rows, Source{Names: []string{"result.csv"}})
	sw := WriteWorkload(h, s, Source{Names: []string{"inv.csv"}, AsOf: genAsOf, AsOfFrom: "--as-of"})
	if g, w := datasets(gw), datasets(sw); g != w {
		t.Errorf("datasets differ:\n%s\nwant\n%s", g, w)
	}
	if !strings.Contains(string(gw), "# Ages as of the query's inventory date (dt):\n") {
		t.Errorf("histogram workload's comments:\n%s", gw)
	}
	if _, err := workloads.DecodeFile("hist.yaml", gw, workloads.Options{}); err != nil {
		t.Errorf("does not decode: %v", err)
	}
}

// A hand-made result with ages: the class's ages are the rows' counts.
func TestReadHistogramAges(t *testing.T) {
	const in = `"storage_class","bucket","age_until","objects","bytes"
"STANDARD","7","15d","2","200"
"STANDARD","7","45d","1","100"
"STANDARD","18","45d","1","131072"
"STANDARD","18","36500d","1","131072"
`
	h, rows, err := ReadHistogram(strings.NewReader(in), "r.csv")
	if err != nil || rows != 4 {
		t.Fatal(rows, err)
	}
	c := h.Classes["STANDARD"]
	if c.Ages[0] != 2 || c.Ages[2] != 2 || c.Ages[NumAgeBands-1] != 1 || c.Dated() != 5 || c.Count() != 5 {
		t.Errorf("ages %v", c.Ages)
	}
	if c.Buckets[7].Count != 3 || c.Buckets[7].Sum().Cmp(big.NewInt(300)) != 0 || c.Buckets[18].Count != 2 {
		t.Errorf("buckets %+v %+v", c.Buckets[7], c.Buckets[18])
	}
}

// A file name or bucket holding a line break is written quoted in the
// workload's comments, so that it cannot write a key of its own: before,
// "x\nregion: eu-west-1" became a live region line, and a name with
// "foo: 1" made the written workload one compare refused (issue 15 item 7).
func TestSourceNamesCannotInjectKeys(t *testing.T) {
	p := writeFile(t, t.TempDir(), "small.csv", smallCSV)
	h, s := scan(t, []string{p}, Options{AsOf: time.UnixMilli(genAsOf)})
	w := WriteWorkload(h, s, Source{Names: []string{"nl\nregion: eu-west-1\nfoo: 1.csv"}, Bucket: "photos\nregion: eu-west-1\n#",
		AsOf: genAsOf, AsOfFrom: "--as-of"})
	file, err := workloads.DecodeFile("small.yaml", w, workloads.Options{})
	if err != nil {
		t.Fatalf("the written workload does not read back: %v\n%s", err, w)
	}
	for _, d := range file.Datasets {
		if d.Region != "us-east-1" {
			t.Errorf("%s: region %s, want the default us-east-1 (a name wrote a key)", d.Name, d.Region)
		}
	}
	for _, part := range []string{`# Source: "nl\nregion: eu-west-1\nfoo: 1.csv"` + "\n", `# Bucket: "photos\nregion: eu-west-1\n#"` + "\n"} {
		if !strings.Contains(string(w), part) {
			t.Errorf("workload lacks %q", part)
		}
	}
}
