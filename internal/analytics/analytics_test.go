package analytics

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/workloads"
)

// testdata/small.csv: three days (03-01 to 03-03-2025) of configuration
// "logs" (filter "logs/"), STANDARD, with four age groups and ALL. Its
// figures, summed over the three days:
//
//	group     GETs  DataRetrieved_MB  Storage_MB
//	000-014    180  60+70+50 = 180    100+110+90  = 300
//	015-029     60  20 x 3   =  60    200 x 3     = 600
//	030-044     30  5 x 3    =  15    300 x 3     = 900
//	180-364     10  0+0+10   =  10    400+400+410 = 1210
//	aged       280               265                3010
//	ALL        330  86+97+87 = 270    1010+1020+1010 = 3040
//
// so, by hand:
//   - GETs a day: 330 / 3 = 110; per_month = 110 x 365/12 = 3345.8333...
//     -> 3345.8333 (4 places).
//   - size = 270 x 1,048,576 / 330 = 283,115,520 / 330 = 857,925.82 ->
//     857926 bytes; / 1024 = 837.82 KiB.
//   - small objects: 330 - 280 = 50 GETs, 50/330 = 0.151515... ->
//     15.1515%.
//   - shares of the 280 aged GETs, rounded down to 6 places: 180/280 =
//     0.642857142 -> 0.642857; 60/280 = 0.214285714 -> 0.214285; 30/280 =
//     0.107142857 -> 0.107142; the last band with GETs (180-364, 10/280 =
//     0.0357142857) takes the rest: 1 - 0.964284 = 0.035716. 365-729 and
//     730+ have no GET: one band, forever, share 0.
//   - AWS's recommendation: the latest ALL row that has one, 03-03: 45
//     days (ObjectAgeForSIATransition 40).
const smallYAML = `# Reads from S3 Storage Class Analysis (s3cost analytics): paste this block
# into the workload file; docs/access-data.md goes from here to the rule.
# For a workload with a lifetime, run again with --lifetime (its value):
# the bands then end at it.
# Files: testdata/small.csv
# Dates: 2025-03-01 to 2025-03-03, 3 days (daily means over them)
# Configuration: "logs" (filter "logs/"), storage class STANDARD
# Objects under 128 KB: 15.1515% of the GETs (ALL less the age groups, which
# leave them out). per_month counts them; by_age shares out the GETs of
# objects of 128 KB and more, so theirs are taken to fall by age alike.
# AWS's RecommendedObjectAgeForSIATransition: 45 days (2025-03-03; ObjectAgeForSIATransition: 40 days):
# its analysis would move these objects from STANDARD to STANDARD_IA at 45 days.
# s3cost plan WORKLOAD.yaml, with this block in the workload, prices every
# lifecycle rule (STANDARD_IA, GLACIER_IR, ... at 30d to 730d) with these
# reads and finds the cheapest: compare its ages with AWS's.
reads:
  per_month: 3345.8333 # 110 GETs a day x 365/12
  size: 857926 # mean bytes per GET (837.82 KiB): ALL's DataRetrieved_MB x 2^20 / GetRequestCount
  by_age: # shares of the GETs on objects of 128 KB and more, by age group
    - { until: 15d, share: 0.642857 } # 000-014
    - { until: 30d, share: 0.214285 } # 015-029
    - { until: 45d, share: 0.107142 } # 030-044
    - { until: 60d, share: 0 } # 045-059
    - { until: 75d, share: 0 } # 060-074
    - { until: 90d, share: 0 } # 075-089
    - { until: 120d, share: 0 } # 090-119
    - { until: 150d, share: 0 } # 120-149
    - { until: 180d, share: 0 } # 150-179
    - { until: 365d, share: 0.035716 } # 180-364
    - { until: forever, share: 0 } # 365-729, 730+: no GET
`

func profileOf(t *testing.T, opts Options, files ...string) *Profile {
	t.Helper()
	r := NewReader()
	for _, f := range files {
		if err := r.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	p, err := r.Profile(opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func render(t *testing.T, format string, p *Profile) string {
	t.Helper()
	var b bytes.Buffer
	if err := Formats.Render(&b, format, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSmallExport(t *testing.T) {
	p := profileOf(t, Options{}, "testdata/small.csv")
	if got := render(t, "yaml", p); got != smallYAML {
		t.Errorf("yaml:\n%s\nwant:\n%s", got, smallYAML)
	}
}

// decodeReads pastes a reads block into a workload and decodes it, as a
// user would after `s3cost analytics -o reads.yaml`.
func decodeReads(t *testing.T, block, lifetime string) model.Reads {
	t.Helper()
	doc := "version: 1\nregion: us-east-1\nobjects: {count: 1000, size: 1MiB, from: STANDARD}\n"
	if lifetime != "" {
		doc += "lifetime: " + lifetime + "\n"
	}
	f, err := workloads.DecodeFile("w.yaml", []byte(doc+block), workloads.Options{})
	if err != nil {
		t.Fatalf("the block does not decode: %v\n%s", err, block)
	}
	return f.Datasets[0].Reads
}

// The block decodes, in a workload, to the figures worked out by hand
// above.
func TestSmallExportDecodes(t *testing.T) {
	reads := decodeReads(t, smallYAML, "")
	if want := decimal.RequireFromString("3345.8333"); !reads.PerMonth.Equal(want) {
		t.Errorf("per_month %s, want %s", reads.PerMonth, want)
	}
	if reads.Full || !reads.Bytes.Equal(decimal.NewFromInt(857926)) {
		t.Errorf("size %s (full %v), want 857926", reads.Bytes, reads.Full)
	}
	want := []model.AgeBand{
		{Until: 15 * model.Day, Share: decimal.RequireFromString("0.642857")},
		{Until: 30 * model.Day, Share: decimal.RequireFromString("0.214285")},
		{Until: 45 * model.Day, Share: decimal.RequireFromString("0.107142")},
		{Until: 60 * model.Day}, {Until: 75 * model.Day}, {Until: 90 * model.Day},
		{Until: 120 * model.Day}, {Until: 150 * model.Day}, {Until: 180 * model.Day},
		{Until: 365 * model.Day, Share: decimal.RequireFromString("0.035716")},
		{Until: 0},
	}
	checkBands(t, reads.ByAge, want)
}

func checkBands(t *testing.T, got, want []model.AgeBand) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d bands %v, want %d %v", len(got), got, len(want), want)
	}
	for i := range want {
		if got[i].Until != want[i].Until || !got[i].Share.Equal(want[i].Share) {
			t.Errorf("band %d: until %v share %s, want until %v share %s", i, got[i].Until, got[i].Share, want[i].Until, want[i].Share)
		}
	}
}

// --lifetime folds the bands that reach it into the last: with 30 days,
// 000-014 (until 15d) stays, and 015-029 (until 30d, which reaches the
// lifetime) and every older group make the last band, forever: 1 -
// 0.642857 = 0.357143. The groups starting at 30 days or later (030-044:
// 30 GETs, 180-364: 10) have 40 of the 280 aged GETs: 0.142857.
func TestLifetimeFoldsBands(t *testing.T) {
	p := profileOf(t, Options{Lifetime: 30 * model.Day}, "testdata/small.csv")
	out := render(t, "yaml", p)
	for _, line := range []string{
		"# Lifetime 30d (--lifetime): the age group reaching it and the older ones make\n",
		"# one last band, which ends at the lifetime (no object is older).\n",
		"# 14.2857% of these GETs are on objects older than the lifetime: is it right?\n",
		"    - { until: 15d, share: 0.642857 } # 000-014\n" +
			"    - { until: forever, share: 0.357143 } # 015-029, 030-044, 045-059, 060-074, 075-089, 090-119, 120-149, 150-179, 180-364, 365-729, 730+\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("missing %q in\n%s", line, out)
		}
	}
	block := out[strings.Index(out, "reads:"):]
	checkBands(t, decodeReads(t, block, "30d").ByAge, []model.AgeBand{
		{Until: 15 * model.Day, Share: decimal.RequireFromString("0.642857")},
		{Until: 0, Share: decimal.RequireFromString("0.357143")},
	})

	// A lifetime of a year: the 180-364 group ends at 365 days, so it is
	// the last band, forever, with the rest (0.035716); nothing is older
	// than a year in these reads. It decodes with lifetime: 1y, where the
	// block without --lifetime does not (a band ending at the lifetime
	// and then forever).
	p = profileOf(t, Options{Lifetime: model.Year}, "testdata/small.csv")
	out = render(t, "yaml", p)
	if strings.Contains(out, "older than the lifetime") {
		t.Errorf("no GET is older than a year:\n%s", out)
	}
	reads := decodeReads(t, out[strings.Index(out, "reads:"):], "1y")
	if last := reads.ByAge[len(reads.ByAge)-1]; last.Until != 0 || !last.Share.Equal(decimal.RequireFromString("0.035716")) {
		t.Errorf("last band %v, want forever 0.035716", last)
	}
	if _, err := workloads.DecodeFile("w.yaml", []byte("objects: {count: 1, size: 1MiB}\nlifetime: 1y\n"+smallYAML), workloads.Options{}); err == nil {
		t.Error("the block without --lifetime decodes with lifetime 1y; the test above proves nothing")
	}
}

// The JSON profile, per group, by hand from the sums above (3 days; a
// month is 365/12 days):
//   - 000-014: storage 300 MB / 3 = 100 MiB = 104857600 bytes; GETs 180 /
//     3 x 365/12 = 1825; bytes read 180 MiB / 3 x 365/12 = 62914560 x
//     365/12 = 1913651200; share 180/280 = 0.642857 (half up).
//   - 180-364: storage 1210 MiB / 3 = 422925653.33 -> 422925653; share
//     10/280 = 0.0357142 -> 0.035714.
//   - small objects: storage (3040 - 3010) MB / 3 = 10 MiB = 10485760;
//     GETs 50 / 3 x 365/12 = 506.9444; bytes read (270 - 265) MiB / 3 x
//     365/12 = 5242880 x 365/36 = 53157546.67 -> 53157547.
//   - ALL: objects (1000 + 1100 + 1200) / 3 = 1100.
func TestJSONProfile(t *testing.T) {
	p := profileOf(t, Options{}, "testdata/small.csv")
	var doc struct {
		Days   int `json:"days"`
		Groups []struct {
			Age, Until, Share string
			Days              int
			StorageBytes      string `json:"storage_bytes"`
			GetsPerMonth      string `json:"gets_per_month"`
			BytesReadPerMonth string `json:"bytes_read_per_month"`
		} `json:"groups"`
		Small struct {
			StorageBytes      string `json:"storage_bytes"`
			GetsPerMonth      string `json:"gets_per_month"`
			BytesReadPerMonth string `json:"bytes_read_per_month"`
		} `json:"small_objects"`
		SmallShare string `json:"small_objects_share_of_gets"`
		Objects    string `json:"objects"`
		Rec        struct {
			Date        string `json:"date"`
			Recommended int    `json:"recommended_object_age_for_sia_transition"`
			Observed    int    `json:"object_age_for_sia_transition"`
		} `json:"aws_recommendation"`
		Reads struct {
			PerMonth string                          `json:"per_month"`
			Size     string                          `json:"size"`
			ByAge    []struct{ Until, Share string } `json:"by_age"`
		} `json:"reads"`
	}
	if err := json.Unmarshal([]byte(render(t, "json", p)), &doc); err != nil {
		t.Fatal(err)
	}
	g0, g9 := doc.Groups[0], doc.Groups[9]
	for _, c := range []struct{ name, got, want string }{
		{"000-014 age", g0.Age, "000-014"},
		{"000-014 until", g0.Until, "15d"},
		{"000-014 storage", g0.StorageBytes, "104857600"},
		{"000-014 GETs", g0.GetsPerMonth, "1825"},
		{"000-014 bytes read", g0.BytesReadPerMonth, "1913651200"},
		{"000-014 share", g0.Share, "0.642857"},
		{"180-364 until", g9.Until, "365d"},
		{"180-364 storage", g9.StorageBytes, "422925653"},
		{"180-364 share", g9.Share, "0.035714"},
		{"730+ until", doc.Groups[11].Until, "forever"},
		{"small storage", doc.Small.StorageBytes, "10485760"},
		{"small GETs", doc.Small.GetsPerMonth, "506.9444"},
		{"small bytes read", doc.Small.BytesReadPerMonth, "53156978"},
		{"small share", doc.SmallShare, "0.151515"},
		{"objects", doc.Objects, "1100"},
		{"recommendation date", doc.Rec.Date, "2025-03-03"},
		{"per_month", doc.Reads.PerMonth, "3345.8333"},
		{"size", doc.Reads.Size, "857926"},
		{"last band", doc.Reads.ByAge[len(doc.Reads.ByAge)-1].Until, "forever"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
	if doc.Days != 3 || g0.Days != 3 || doc.Groups[3].Days != 0 || len(doc.Groups) != 12 {
		t.Errorf("days %d, 000-014 %d, 045-059 %d, groups %d; want 3, 3, 0, 12", doc.Days, g0.Days, doc.Groups[3].Days, len(doc.Groups))
	}
	if doc.Rec.Recommended != 45 || doc.Rec.Observed != 40 {
		t.Errorf("recommendation %d (observed %d), want 45 (40)", doc.Rec.Recommended, doc.Rec.Observed)
	}
}

// splitDays writes small.csv's header and the rows of the given dates to
// a file.
func splitDays(t *testing.T, name string, dates ...string) string {
	t.Helper()
	data, err := os.ReadFile("testdata/small.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	out := lines[0]
	for _, l := range lines[1:] {
		for _, d := range dates {
			if strings.HasPrefix(l, d) {
				out += l
			}
		}
	}
	return writeTemp(t, name, out)
}

func writeTemp(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Days in several files average as in one file; a day in two files
// (downloads of the growing export overlap) counts once.
func TestSeveralFiles(t *testing.T) {
	want := profileOf(t, Options{}, "testdata/small.csv").Reads
	a := splitDays(t, "a.csv", "03-01-2025", "03-02-2025")
	b := splitDays(t, "b.csv", "03-03-2025")
	overlap := splitDays(t, "c.csv", "03-02-2025", "03-03-2025")
	for _, files := range [][]string{{a, b}, {b, a}, {a, overlap}, {"testdata/small.csv", "testdata/small.csv"}} {
		p := profileOf(t, Options{}, files...)
		if !p.Reads.PerMonth.Equal(want.PerMonth) || !p.Reads.SizeBytes.Equal(want.SizeBytes) || len(p.Reads.ByAge) != len(want.ByAge) {
			t.Errorf("%v: reads %+v, want %+v", files, p.Reads, want)
		}
		for i := range want.ByAge {
			if !p.Reads.ByAge[i].Share.Equal(want.ByAge[i].Share) {
				t.Errorf("%v: band %d share %s, want %s", files, i, p.Reads.ByAge[i].Share, want.ByAge[i].Share)
			}
		}
		if p.Days != 3 {
			t.Errorf("%v: %d days, want 3", files, p.Days)
		}
	}
	// a and c share 03-02-2025: its 5 rows (four groups and ALL) once.
	p := profileOf(t, Options{}, a, overlap)
	if p.Duplicates != 5 {
		t.Errorf("%d duplicate rows, want 5", p.Duplicates)
	}
	if out := render(t, "yaml", p); !strings.Contains(out, "# Counted once: 5 rows found in more than one file\n") {
		t.Errorf("no word of the duplicates:\n%s", out)
	}
	// A gap: 03-01 and 03-03 only. 2 days; 03-02 missing.
	p = profileOf(t, Options{}, splitDays(t, "gap.csv", "03-01-2025", "03-03-2025"))
	if out := render(t, "yaml", p); !strings.Contains(out, "# Dates: 2025-03-01 to 2025-03-03, 2 days (daily means over them); 1 day in between missing\n") {
		t.Errorf("dates:\n%s", out)
	}
	// (100 + 110) GETs / 2 days x 365/12 = 105 x 30.41666 = 3193.75.
	if !p.Reads.PerMonth.Equal(decimal.RequireFromString("3193.75")) {
		t.Errorf("per_month %s, want 3193.75", p.Reads.PerMonth)
	}
}

const header = "Date,ConfigId,Filter,StorageClass,ObjectAge,ObjectCount,DataUploaded_MB,Storage_MB,DataRetrieved_MB,GetRequestCount,CumulativeAccessRatio,ObjectAgeForSIATransition,RecommendedObjectAgeForSIATransition\n"

// Two configurations: refused without --filter, naming both; with it, the
// other is named as not used. Their reads are never summed: "img" alone
// has 40 GETs a day, 30 of them on 000-014 and 10 on 730+: per_month = 40
// x 365/12 = 1216.6667; shares 0.75 and 0.25; size 40 MiB / 40 = 1 MiB.
func TestMixedFilters(t *testing.T) {
	f := writeTemp(t, "mixed.csv", header+
		"03-01-2025,img,images/,STANDARD,000-014,,,10,30,30,,,\n"+
		"03-01-2025,img,images/,STANDARD,730+,,,10,10,10,,,\n"+
		"03-01-2025,img,images/,STANDARD,ALL,5,0,20,40,40,,,\n"+
		"03-01-2025,logs,,STANDARD,000-014,,,10,1,1,,,\n"+
		"03-01-2025,logs,,STANDARD,ALL,5,0,10,1,1,,,\n")
	r := NewReader()
	if err := r.ReadFile(f); err != nil {
		t.Fatal(err)
	}
	_, err := r.Profile(Options{})
	want := f + `: 2 analysis configurations: "img" (filter "images/"), "logs"; choose one with --filter CONFIG_ID (each counts other objects: their reads are not summed)`
	if err == nil || err.Error() != want || exit.Code(err) != exit.CodeInput {
		t.Fatalf("error %v, want %q (exit 2)", err, want)
	}
	_, err = r.Profile(Options{ConfigID: "docs"})
	want = `--filter "docs": no such ConfigId in ` + f + ` (it has "img" (filter "images/"), "logs")`
	if err == nil || err.Error() != want || exit.Code(err) != exit.CodeInput {
		t.Fatalf("error %v, want %q (exit 2)", err, want)
	}
	p, err := r.Profile(Options{ConfigID: "img"})
	if err != nil {
		t.Fatal(err)
	}
	out := render(t, "yaml", p)
	for _, line := range []string{
		"# Not used: 1 other configuration in the files (\"logs\")\n",
		"  per_month: 1216.6667 # 40 GETs a day x 365/12\n",
		"  size: 1048576 # mean bytes per GET (1 MiB)",
		"    - { until: 15d, share: 0.75 } # 000-014\n",
		"    - { until: 30d, share: 0 } # 015-029\n",
		"    - { until: forever, share: 0.25 } # 730+\n",
		"# Objects under 128 KB: 0% of the GETs",
		"# AWS: no RecommendedObjectAgeForSIATransition in these rows",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("missing %q in\n%s", line, out)
		}
	}
	decodeReads(t, out, "")
}

// Rows of another class of the same configuration are named, not used;
// --class picks them.
func TestOtherClass(t *testing.T) {
	f := writeTemp(t, "classes.csv", header+
		"03-01-2025,c,,STANDARD,000-014,,,1,2,2,,,\n"+
		"03-01-2025,c,,STANDARD,ALL,,,1,2,2,,,\n"+
		"03-01-2025,c,,STANDARD_IA,090-119,,,1,3,3,,,\n"+
		"03-01-2025,c,,STANDARD_IA,ALL,,,1,6,6,,,\n")
	p := profileOf(t, Options{}, f)
	if out := render(t, "yaml", p); !strings.Contains(out, "# Not used: the configuration's rows of STANDARD_IA (--class picks another class)\n") {
		t.Errorf("no word of STANDARD_IA:\n%s", out)
	}
	// STANDARD_IA: 6 GETs, 3 of them aged (090-119): small share 0.5;
	// by_age 090-119 takes all of it; 6 GETs x 365/12 = 182.5.
	p = profileOf(t, Options{Class: "STANDARD_IA"}, f)
	out := render(t, "yaml", p)
	for _, line := range []string{
		"# Objects under 128 KB: 50% of the GETs",
		"  per_month: 182.5 # 6 GETs a day x 365/12\n",
		"    - { until: 90d, share: 0 } # 075-089\n",
		"    - { until: 120d, share: 1 } # 090-119\n",
		"    - { until: forever, share: 0 } # 120-149, 150-179, 180-364, 365-729, 730+: no GET\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("missing %q in\n%s", line, out)
		}
	}
	decodeReads(t, out, "")
	r := NewReader()
	if err := r.ReadFile(f); err != nil {
		t.Fatal(err)
	}
	_, err := r.Profile(Options{Class: "GLACIER"})
	want := f + `: no rows of storage class GLACIER for "c" (it has STANDARD, STANDARD_IA): choose one with --class`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

// Edge cases of the figures: no GET at all; GETs only on small objects;
// GETs that returned no byte. Each block still decodes.
func TestFewReads(t *testing.T) {
	for _, c := range []struct {
		name, rows string
		want       []string
	}{
		{"no GET", "03-01-2025,c,,STANDARD,000-014,,,5,0,0,,,\n03-01-2025,c,,STANDARD,ALL,,,5,0,0,,,\n",
			[]string{"  per_month: 0 # 0 GETs a day x 365/12\n  # no GET in these days: no size, no by_age\n"}},
		{"small objects only", "03-01-2025,c,,STANDARD,000-014,,,5,0,0,,,\n03-01-2025,c,,STANDARD,ALL,,,6,1,4,,,\n",
			[]string{"# Objects under 128 KB: 100% of the GETs", "  size: 262144 # mean bytes per GET (256 KiB)", "  # no by_age: no GET on objects of 128 KB and more"}},
		{"no byte", "03-01-2025,c,,STANDARD,ALL,,,6,0,4,,,\n",
			[]string{"  size: 1 # the GETs returned no byte (DataRetrieved_MB 0); 1 byte is the least a size can be\n"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := profileOf(t, Options{}, writeTemp(t, "e.csv", header+c.rows))
			out := render(t, "yaml", p)
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in\n%s", w, out)
				}
			}
			reads := decodeReads(t, out, "")
			if reads.ByAge != nil {
				t.Errorf("by_age %v, want none", reads.ByAge)
			}
		})
	}
}

// Every refusal: one line, the exact words, exit 2 (3 for a file that
// cannot be read).
func TestErrors(t *testing.T) {
	row := func(age, figures string) string { return "03-01-2025,c,f,STANDARD," + age + "," + figures + "\n" }
	ok := row("000-014", ",,1,1,1,,,") + row("ALL", "1,1,1,1,1,0.5,,")
	for _, c := range []struct {
		name, data, want string
	}{
		{"empty", "", "F: empty: no header row (not a Storage Class Analysis export)"},
		{"header only", header, "F: no rows after the header"},
		{"unknown unit", strings.Replace(header, "Storage_MB", "Storage_GB", 1) + ok,
			`F:1: header: unknown column "Storage_GB"; missing column Storage_MB (a Storage Class Analysis export has ` + strings.Join(Header, ",") + ")"},
		{"missing columns", strings.Replace(header, ",CumulativeAccessRatio,ObjectAgeForSIATransition", "", 1) + ok,
			`F:1: header: missing columns CumulativeAccessRatio, ObjectAgeForSIATransition (a Storage Class Analysis export has ` + strings.Join(Header, ",") + ")"},
		{"column twice", strings.Replace(header, "Filter", "Date", 1),
			`F:1: header: missing column Filter; column given twice: Date (a Storage Class Analysis export has ` + strings.Join(Header, ",") + ")"},
		{"order", strings.Replace(header, "ConfigId,Filter", "Filter,ConfigId", 1) + ok,
			"F:1: header: the columns are in another order than AWS writes them: " + strings.Join(Header, ",")},
		{"short row", header + "03-01-2025,c,f,STANDARD,ALL,1,1\n", "F:2: 7 columns, want 13"},
		{"bare quote", header + `03-01-2025,c,f"x,STANDARD,ALL,,,1,1,1,,,` + "\n", `F:2: bare " in non-quoted-field (malformed CSV)`},
		{"date order", header + "2025-03-01,c,f,STANDARD,ALL,,,1,1,1,,,\n", `F:2: Date: "2025-03-01" is not a date MM-DD-YYYY`},
		{"no such date", header + "02-30-2025,c,f,STANDARD,ALL,,,1,1,1,,,\n", `F:2: Date: "02-30-2025" is not a date MM-DD-YYYY`},
		{"no config", header + "03-01-2025,,f,STANDARD,ALL,,,1,1,1,,,\n", "F:2: ConfigId: empty: every row names its analysis configuration"},
		{"class", header + "03-01-2025,c,f,Standard,ALL,,,1,1,1,,,\n",
			`F:2: StorageClass: unknown storage class "Standard" (AWS's are ` + strings.Join(StorageClasses, ", ") + ")"},
		{"age group", header + row("000-015", ",,1,1,1,,,"),
			`F:2: ObjectAge: unknown age group "000-015" (AWS's are 000-014, 015-029, 030-044, 045-059, 060-074, 075-089, 090-119, 120-149, 150-179, 180-364, 365-729, 730+ and ALL)`},
		{"number", header + row("ALL", ",,1.2.3,1,1,,,"), `F:2: Storage_MB: "1.2.3" is not a number (MB)`},
		{"negative", header + row("ALL", ",,1,-1,1,,,"), `F:2: DataRetrieved_MB: "-1" is not a number (MB)`},
		{"exponent", header + row("ALL", ",1e3,1,1,1,,,"), `F:2: DataUploaded_MB: "1e3" is not a number (MB)`},
		{"thousands", header + row("ALL", ",,\"1,000\",1,1,,,"), `F:2: Storage_MB: "1,000" is not a number (MB)`},
		{"empty figure", header + row("ALL", ",,,1,1,,,"), "F:2: Storage_MB: empty: AWS gives it on every row"},
		{"digits", header + row("ALL", ",,1234567890123456789012345678901,1,1,,,"), `F:2: Storage_MB: "1234567890123456789012345678901" has more than 30 digits`},
		{"whole", header + row("ALL", ",,1,1,1.5,,,"), `F:2: GetRequestCount: "1.5" is not a whole number`},
		{"count", header + row("ALL", "x,,1,1,1,,,"), `F:2: ObjectCount: "x" is not a whole number`},
		{"huge", header + row("ALL", ",,1,1,10000000000000001,,,"), `F:2: GetRequestCount: "10000000000000001" is more than 10^16 (GETs a day)`},
		{"many objects", header + row("ALL", "1000000000000000001,,1,1,1,,,"), `F:2: ObjectCount: "1000000000000000001" is more than 10^18`},
		// 5 TiB = 5242880 MiB; one MiB more: 5242881 x 1048576 = 5497559187456 bytes.
		{"bytes per GET", header + row("ALL", ",,1,5242881,1,,,"),
			`F: "c" (filter "f") STANDARD: 5242881 MB retrieved by 1 GETs is 5497559187456 bytes a GET, more than S3's largest object (5 TiB): DataRetrieved_MB and GetRequestCount of the ALL rows do not fit together`},
		{"ratio", header + row("ALL", ",,1,1,1,n/a,,"), `F:2: CumulativeAccessRatio: "n/a" is not a number (ratio)`},
		{"days", header + row("ALL", ",,1,1,1,,30.5,"), `F:2: ObjectAgeForSIATransition: "30.5" is not a whole number`},
		{"advice on an age group", header + row("000-014", ",,1,1,1,,,30"),
			"F:2: RecommendedObjectAgeForSIATransition: given on a STANDARD 000-014 row: AWS gives it on ALL rows of STANDARD only"},
		{"advice on another class", header + "03-01-2025,c,f,GLACIER,ALL,,,1,1,1,,30,\n",
			"F:2: ObjectAgeForSIATransition: given on a GLACIER ALL row: AWS gives it on ALL rows of STANDARD only"},
		{"differing duplicate", header + ok + row("000-014", ",,1,1,2,,,"),
			`F:4: 03-01-2025 "c" STANDARD 000-014: a second row for this day and age group, with other figures than F:2`},
		{"no ALL row", header + row("000-014", ",,1,1,1,,,") + "03-02-2025,c,f,STANDARD,ALL,,,1,1,1,,,\n",
			`F:2: 03-01-2025 "c" STANDARD: no ALL row for this day (it counts every GET)`},
		{"ALL fewer", header + row("000-014", ",,1,1,5,,,") + row("015-029", ",,1,1,5,,,") + row("ALL", ",,1,1,9,,,"),
			`F:4: GetRequestCount: 03-01-2025 "c" STANDARD: ALL counts 9 GETs, fewer than its age groups' 10`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := NewReader()
			err := r.Read("F", strings.NewReader(c.data))
			if err == nil {
				_, err = r.Profile(Options{})
			}
			if err == nil || err.Error() != c.want || exit.Code(err) != exit.CodeInput {
				t.Errorf("error %v (exit %d), want %q (exit 2)", err, exit.Code(err), c.want)
			}
		})
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileBytes + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	for _, c := range []struct {
		path, want string
		code       int
	}{
		{dir, dir + ": not a regular file (a directory): s3cost reads files, not pipes, devices or directories", exit.CodeFailure},
		{big, big + ": 1073741825 bytes, more than the 1073741824 (1 GiB) read: not one Storage Class Analysis export", exit.CodeInput},
		{filepath.Join(dir, "missing.csv"), "open " + filepath.Join(dir, "missing.csv") + ": no such file or directory", exit.CodeFailure},
	} {
		err := NewReader().ReadFile(c.path)
		if err == nil || err.Error() != c.want || exit.Code(err) != c.code {
			t.Errorf("%s: error %v (exit %d), want %q (exit %d)", c.path, err, exit.Code(err), c.want, c.code)
		}
	}
}

// A failing read is I/O (exit 3), named by file; a byte-order mark before
// the header is skipped.
func TestReadFailureAndBOM(t *testing.T) {
	err := NewReader().Read("F", &failing{data: header})
	if err == nil || err.Error() != "F: disk on fire" || exit.Code(err) != exit.CodeFailure {
		t.Errorf("error %v (exit %d), want %q (exit 3)", err, exit.Code(err), "F: disk on fire")
	}
	data, err := os.ReadFile("testdata/small.csv")
	if err != nil {
		t.Fatal(err)
	}
	p := profileOf(t, Options{}, writeTemp(t, "bom.csv", "\xEF\xBB\xBF"+string(data)))
	if !p.Reads.PerMonth.Equal(decimal.RequireFromString("3345.8333")) {
		t.Errorf("per_month %s, want 3345.8333", p.Reads.PerMonth)
	}
}

type failing struct{ data string }

func (f *failing) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, errDisk
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

var errDisk = &diskError{}

type diskError struct{}

func (*diskError) Error() string { return "disk on fire" }

// Dates parse as MM-DD-YYYY in UTC.
func TestDates(t *testing.T) {
	p := profileOf(t, Options{}, writeTemp(t, "d.csv", header+"12-31-2024,c,,STANDARD,ALL,,,1,1,1,,,\n01-01-2025,c,,STANDARD,ALL,,,1,1,1,,,\n"))
	if want := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC); !p.First.Equal(want) || p.Days != 2 {
		t.Errorf("first %v, %d days; want %v, 2", p.First, p.Days, want)
	}
}

// exactSum adds exactly across its int64 and decimal parts: figures of
// different places, sums past 2^63, figures of more than 18 digits. The
// expected sums are decimal additions of the same strings.
func TestExactSum(t *testing.T) {
	for _, figures := range [][]string{
		{"1", "0.5", "0.000001", "123456.123456"},
		{"999999999999999999", "999999999999999999", "999999999999999999", "0.1"},
		{"0.999999999999999999", "999999999999999999", "1"},
		{"123456789012345678901234567890", "1", "0.5"},
		{"900000000000000000", "0.000000000000000001", "900000000000000000", "9.5"},
	} {
		var s exactSum
		want := decimal.Zero
		for _, f := range figures {
			fig, ierr := parseNumber(f, colStorage, "MB")
			if ierr != nil {
				t.Fatal(ierr)
			}
			s.add(fig)
			want = want.Add(decimal.RequireFromString(f))
		}
		if got := s.value(); !got.Equal(want) {
			t.Errorf("%v: sum %s, want %s", figures, got, want)
		}
	}
}

// docs/access-data.md shows the block of small.csv (the hand-worked one
// above, as export.csv), and a workload holding the --lifetime 1y block
// that decodes to the same reads.
func TestDocsAreCurrent(t *testing.T) {
	data, err := os.ReadFile("../../docs/access-data.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	if want := strings.Replace(smallYAML, "# Files: testdata/small.csv", "# Files: export.csv", 1); !strings.Contains(doc, "```yaml\n"+want+"```") {
		t.Errorf("docs/access-data.md does not show the block of small.csv:\n%s", want)
	}
	_, rest, ok := strings.Cut(doc, "A single-dataset workload looks like:\n\n```yaml\n")
	workload, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no example workload in docs/access-data.md")
	}
	f, err := workloads.DecodeFile("access-data.md", []byte(workload), workloads.Options{})
	if err != nil {
		t.Fatalf("the example workload does not decode: %v", err)
	}
	got := f.Datasets[0].Reads
	p := profileOf(t, Options{Lifetime: model.Year}, "testdata/small.csv")
	if !got.PerMonth.Equal(p.Reads.PerMonth) || !got.Bytes.Equal(p.Reads.SizeBytes) || len(got.ByAge) != len(p.Reads.ByAge) {
		t.Fatalf("the example's reads %+v are not those of --lifetime 1y: %+v", got, p.Reads)
	}
	for i, b := range p.Reads.ByAge {
		if got.ByAge[i].Until != b.Until || !got.ByAge[i].Share.Equal(b.Share) {
			t.Errorf("example band %d: %v, want until %v share %s", i, got.ByAge[i], b.Until, b.Share)
		}
	}
}
