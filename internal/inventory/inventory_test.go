package inventory

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/golden"
	"github.com/s3cost/s3cost/model"
	"github.com/s3cost/s3cost/pricing"
	"github.com/s3cost/s3cost/workloads"
	"github.com/shopspring/decimal"
)

func scan(t *testing.T, files []string, o Options) (*Histogram, Stats) {
	t.Helper()
	if o.Schema.Columns == 0 {
		o.Schema = defaultSchema(t)
	}
	h, s, err := Scan(context.Background(), files, o)
	if err != nil {
		t.Fatal(err)
	}
	return h, s
}

// The histogram holds exactly the generated objects: counts and byte sums
// per class and bucket, and the skipped rows by reason.
func TestScanCountsExactly(t *testing.T) {
	dir := t.TempDir()
	// Several chunks, several files, two workers.
	p1, t1 := writeGenerated(t, dir, "a.csv", defaultGen(1, 20000))
	p2, t2 := writeGenerated(t, dir, "b.csv.gz", defaultGen(2, 15000))
	for _, all := range []bool{false, true} {
		h, s := scan(t, []string{p1, p2}, Options{Workers: 2, AllVersions: all})
		want := NewHistogram()
		for _, tr := range []genTruth{t1, t2} {
			objs := tr.Current
			if all {
				objs = tr.All
			}
			for class, sizes := range objs {
				for _, size := range sizes {
					want.Add([]byte(class), size)
				}
			}
		}
		if !reflect.DeepEqual(h.Classes, want.Classes) {
			t.Errorf("all=%v: histogram differs from the generated objects", all)
		}
		if s.Rows != t1.Rows+t2.Rows || s.DeleteMarkers != t1.DeleteMarkers+t2.DeleteMarkers {
			t.Errorf("rows %d, delete markers %d; want %d, %d", s.Rows, s.DeleteMarkers, t1.Rows+t2.Rows, t1.DeleteMarkers+t2.DeleteMarkers)
		}
		wantNoncurrent := t1.Noncurrent + t2.Noncurrent
		if all {
			wantNoncurrent = 0
		}
		if s.Noncurrent != wantNoncurrent {
			t.Errorf("all=%v: %d non-current skipped, want %d", all, s.Noncurrent, wantNoncurrent)
		}
	}
}

// The same inventory as CSV and as CSV.gz gives the same histogram.
func TestCSVGzRoundTrip(t *testing.T) {
	dir := t.TempDir()
	plain, _ := writeGenerated(t, dir, "inv.csv", defaultGen(7, 5000))
	gz, _ := writeGenerated(t, dir, "inv.csv.gz", defaultGen(7, 5000))
	h1, s1 := scan(t, []string{plain}, Options{})
	h2, s2 := scan(t, []string{gz}, Options{})
	if !reflect.DeepEqual(h1, h2) || !reflect.DeepEqual(s1, s2) {
		t.Fatalf("CSV and CSV.gz differ:\n%+v\n%+v", s1, s2)
	}
}

// Every bucket becomes at most two whole-byte sizes inside its range with
// the bucket's exact count and byte sum.
func TestClassMixKeepsCountsAndBytes(t *testing.T) {
	var b [numBuckets]Bucket
	for _, size := range []uint64{0, 0, 1, 3, 5, 1000, 131071, 131072, 131073, 200000, 1 << 40} {
		b[bucketOf(size)].add(size)
	}
	m := ClassMix(&b)
	var count uint64
	sum := new(big.Int)
	for _, e := range m.Entries {
		lo, _ := BucketRange(e.LoBucket)
		_, hi := BucketRange(e.HiBucket)
		if e.SizeBytes < lo || e.SizeBytes > hi || (lo < 128<<10) != (e.SizeBytes < 128<<10) {
			t.Errorf("entry %+v lies outside its range %d..%d", e, lo, hi)
		}
		count += e.Count
		sum.Add(sum, new(big.Int).Mul(new(big.Int).SetUint64(e.SizeBytes), new(big.Int).SetUint64(e.Count)))
	}
	if count != 11 || sum.Cmp(m.Bytes) != 0 || m.Overstated != 0 {
		t.Errorf("count %d, bytes %s (mix %s), overstated %d", count, sum, m.Bytes, m.Overstated)
	}
	shares := m.Shares()
	total := decimal.Zero
	for _, s := range shares {
		total = total.Add(s)
	}
	if !total.Equal(decimal.NewFromInt(1)) {
		t.Errorf("shares add up to %s", total)
	}
}

// Only empty objects: written as 1 byte each, and said so.
func TestClassMixAllEmpty(t *testing.T) {
	var b [numBuckets]Bucket
	b[0].add(0)
	b[0].add(0)
	m := ClassMix(&b)
	if len(m.Entries) != 1 || m.Entries[0].SizeBytes != 1 || m.Overstated != 2 {
		t.Fatalf("%+v", m)
	}
}

// Golden workload files from small generated inventories: data files with
// the default schema, and a manifest over CSV.gz files.
func TestGoldenWorkloads(t *testing.T) {
	dir := t.TempDir()
	csvPath, _ := writeGenerated(t, dir, "small.csv", defaultGen(42, 300))
	tiered := defaultGen(45, 300)
	tiered.Tiers = true
	tierPath, _ := writeGenerated(t, dir, "tiers.csv", tiered)
	ts, err := ParseSchema(tierSchema)
	if err != nil {
		t.Fatal(err)
	}
	gz1, _ := writeGenerated(t, dir, "part-1.csv.gz", defaultGen(43, 200))
	gz2, _ := writeGenerated(t, dir, "part-2.csv.gz", defaultGen(44, 200))
	_, _ = gz1, gz2
	manifest := `{"sourceBucket": "inventory-bucket", "destinationBucket": "arn:aws:s3:::inv",
"version": "2016-11-30", "creationTimestamp": "1795953600000", "fileFormat": "CSV",
"fileSchema": "` + DefaultSchema + `",
"files": [{"key": "inv/data/part-1.csv.gz", "size": 1, "MD5checksum": "x"},
          {"key": "inv/data/part-2.csv.gz", "size": 1, "MD5checksum": "y"}]}`
	mpath := filepath.Join(dir, "manifest.json")
	if err := os.WriteFile(mpath, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	m, ms, files, err := ReadManifest(mpath)
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.UnixMilli(genAsOf)
	cases := []struct {
		name  string
		files []string
		src   Source
		opts  Options
	}{
		{"csv", []string{csvPath}, Source{Names: []string{"small.csv"}, AsOf: genAsOf, AsOfFrom: "--as-of"}, Options{AsOf: asOf}},
		{"csv-all-versions", []string{csvPath}, Source{Names: []string{"small.csv"}, AsOf: genAsOf, AsOfFrom: "--as-of"}, Options{AllVersions: true, AsOf: asOf}},
		{"csv-no-ages", []string{csvPath}, Source{Names: []string{"small.csv"}, NoAges: "No ages (--ages=false)."}, Options{}},
		{"csv-tiers", []string{tierPath}, Source{Names: []string{"tiers.csv"}, AsOf: genAsOf, AsOfFrom: "--as-of"}, Options{Schema: ts, AsOf: asOf}},
		{"manifest", files, Source{Names: []string{"manifest.json"}, Bucket: m.SourceBucket, CreationTimestamp: m.CreationTimestamp,
			AsOf: genAsOf, AsOfFrom: "the manifest's creationTimestamp"}, Options{Schema: ms, AsOf: asOf}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, s := scan(t, c.files, c.opts)
			got := WriteWorkload(h, s, c.src)
			golden.Check(t, c.name+".yaml.golden", got)
			if _, err := workloads.DecodeFile(c.name+".yaml", got, workloads.Options{}); err != nil {
				t.Errorf("the workload does not decode: %v", err)
			}
		})
	}
}

// The proof of exactness: a random inventory priced from the written
// workload file and object by object gives the same total in every class
// for every dataset, to within 1e-9 USD.
func TestHistogramPricingIsExact(t *testing.T) {
	sheets, err := pricing.Load(pricing.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range []uint64{1, 2, 3} {
		dir := t.TempDir()
		o := defaultGen(seed, 4000)
		path, truth := writeGenerated(t, dir, "inv.csv", o)
		// With ages, as the command writes them: the proof holds for the
		// size mix whatever the age profile, and the engine prices every
		// band the inventory writes.
		h, s := scan(t, []string{path}, Options{AsOf: time.UnixMilli(genAsOf)})
		yaml := WriteWorkload(h, s, Source{Names: []string{"inv.csv"}, AsOf: genAsOf, AsOfFrom: "--as-of"})
		file, err := workloads.DecodeFile("inv.yaml", yaml, workloads.Options{})
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, yaml)
		}
		if len(file.Datasets) != len(truth.Current) {
			t.Fatalf("seed %d: %d datasets, want %d", seed, len(file.Datasets), len(truth.Current))
		}
		for _, w := range file.Datasets {
			class := strings.ToUpper(w.Name)
			w.Reads.PerMonth = decimal.NewFromInt(20000)
			w.Reads.Full = true
			w.UploadsPerMonth = decimal.NewFromInt(100)
			if class != "REDUCED_REDUNDANCY" && len(w.Objects.Ages) < 10 {
				t.Fatalf("%s: %d age bands", class, len(w.Objects.Ages))
			}
			exact := w
			exact.Objects.Mix = objectByObject(truth.Current[class])
			if !exact.Objects.Count.Equal(decimal.NewFromInt(int64(len(truth.Current[class])))) {
				t.Fatalf("%s: count %s, want %d", class, exact.Objects.Count, len(truth.Current[class]))
			}
			sheet, err := sheets.Region(w.Region)
			if err != nil {
				t.Fatal(err)
			}
			got, want := totals(pricing.Compare(w, sheet)), totals(pricing.Compare(exact, sheet))
			if len(got) != len(want) || len(got) < 8 {
				t.Fatalf("%s: %d and %d classes priced", class, len(got), len(want))
			}
			for c, total := range want {
				if diff := got[c].Sub(total).Abs(); diff.GreaterThan(decimal.RequireFromString("1e-9")) {
					t.Errorf("seed %d, dataset %s priced in %s: histogram %s, object by object %s (off by %s)", seed, w.Name, c, got[c], total, diff)
				}
			}
		}
	}
}

// objectByObject is a size mix with one entry per distinct size: share
// count / total to 40 places, the last 1 minus the others.
func objectByObject(sizes []uint64) []model.SizeShare {
	counts := map[uint64]int64{}
	var order []uint64
	for _, s := range sizes {
		if counts[s] == 0 {
			order = append(order, s)
		}
		counts[s]++
	}
	total := decimal.NewFromInt(int64(len(sizes)))
	var mix []model.SizeShare
	sum := decimal.Zero
	for i, s := range order {
		share := decimal.NewFromInt(counts[s]).DivRound(total, 40)
		if i == len(order)-1 {
			share = decimal.NewFromInt(1).Sub(sum)
		}
		sum = sum.Add(share)
		mix = append(mix, model.SizeShare{Bytes: decimal.NewFromUint64(s), Share: share})
	}
	return mix
}

func totals(c model.Comparison) map[model.ClassID]decimal.Decimal {
	m := map[model.ClassID]decimal.Decimal{}
	for _, e := range c.Results {
		m[e.Class] = e.Total
	}
	return m
}

// Bad input: one error naming the file and row; --skip-bad-rows counts.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := `"b","k1","v","true","false","100","2026-01-01","e","STANDARD"` + "\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	for range 2000 {
		zw.Write([]byte(good))
	}
	zw.Close()
	truncated := write("trunc.csv.gz", string(gz.Bytes()[:gz.Len()/2]))
	cases := []struct {
		name, data, want string
		skipped          int64
	}{
		{"columns.csv", good + `"b","k2","v","true","false","100"` + "\n" + good, "columns.csv: row 2: 6 columns, want 9", 1},
		{"size.csv", good + good + `"b","k3","v","true","false","12kb","2026-01-01","e","STANDARD"` + "\n", `size.csv: row 3: size "12kb" is not a number of bytes`, 1},
		{"quote.csv", `"b","k"x,"v"` + "\n", "quote.csv: row 1: text after a closing quote", 1},
	}
	for _, c := range cases {
		p := write(c.name, c.data)
		_, _, err := Scan(context.Background(), []string{p}, Options{Schema: defaultSchema(t)})
		var bad *InputError
		if !errors.As(err, &bad) || err.Error() != filepath.Join(dir, c.want) {
			t.Errorf("%s: got %v, want %s", c.name, err, c.want)
		}
		if !errors.Is(err, exit.ErrInput) || errors.Is(err, exit.ErrIO) {
			t.Errorf("%s: %v is not bad input (exit code 2)", c.name, err)
		}
		_, s, err := Scan(context.Background(), []string{p}, Options{Schema: defaultSchema(t), SkipBadRows: true})
		if err != nil || s.BadRows != c.skipped || len(s.BadSamples) != 1 {
			t.Errorf("%s skipping: %v, %+v", c.name, err, s)
		}
	}
	for _, skip := range []bool{false, true} {
		_, _, err := Scan(context.Background(), []string{truncated}, Options{Schema: defaultSchema(t), SkipBadRows: skip})
		var bad *InputError
		if !errors.As(err, &bad) || !strings.Contains(err.Error(), "trunc.csv.gz: row ") || !strings.HasSuffix(err.Error(), "truncated gzip stream") {
			t.Errorf("truncated gzip (skip %v): %v", skip, err)
		}
	}

	// Manifests.
	write("part.csv", good)
	manifest := func(key string) string {
		return fmt.Sprintf(`{"fileFormat":"CSV","fileSchema":%q,"files":[{"key":%q}]}`, DefaultSchema, key)
	}
	for _, c := range []struct{ key, want string }{
		{"inv/data/missing.csv.gz", "files[0]: data file " + filepath.Join(dir, "missing.csv.gz") + ": not found"},
		{"../part.csv", `files[0]: key "../part.csv" leads outside the manifest's folder`},
		{"inv/../../part.csv", `files[0]: key "inv/../../part.csv" leads outside the manifest's folder`},
	} {
		mp := write("manifest.json", manifest(c.key))
		_, _, _, err := ReadManifest(mp)
		var bad *InputError
		if !errors.As(err, &bad) || err.Error() != mp+": "+c.want || !errors.Is(err, exit.ErrInput) {
			t.Errorf("key %s: got %v, want bad input %s", c.key, err, c.want)
		}
	}
	mp := write("manifest.json", manifest("inv/data/part.csv"))
	if _, _, files, err := ReadManifest(mp); err != nil || len(files) != 1 || files[0] != filepath.Join(dir, "part.csv") {
		t.Errorf("good manifest: %v %v", files, err)
	}
}

// Row numbers stay right across chunks and files read in parallel.
func TestBadRowNumberAcrossChunks(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	good := `"b","k1","v","true","false","100","2026-01-01","e","STANDARD"` + "\n"
	const badRow = 60000 // past the first 1 MiB chunk
	for i := 1; i <= 70000; i++ {
		if i == badRow {
			buf.WriteString(`"b","k1","v","true","false","x","2026-01-01","e","STANDARD"` + "\n")
			continue
		}
		buf.WriteString(good)
	}
	p := filepath.Join(dir, "big.csv")
	os.WriteFile(p, buf.Bytes(), 0o644)
	_, _, err := Scan(context.Background(), []string{p}, Options{Schema: defaultSchema(t), Workers: 4})
	want := fmt.Sprintf("%s: row %d: size \"x\" is not a number of bytes", p, badRow)
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

// A file that cannot be read is an I/O error (exit code 3); what a file
// or flag says wrong is bad input (exit code 2). The command passes both on
// as they are.
func TestErrorClasses(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.csv")
	if _, _, err := Scan(context.Background(), []string{missing}, Options{Schema: defaultSchema(t)}); !errors.Is(err, exit.ErrIO) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Scan of a missing file: %v, want exit.ErrIO", err)
	}
	if _, _, _, err := ReadManifest(filepath.Join(dir, "manifest.json")); !errors.Is(err, exit.ErrIO) || errors.Is(err, exit.ErrInput) {
		t.Errorf("ReadManifest of a missing file: %v, want exit.ErrIO", err)
	}
	for _, bad := range []string{"Key, StorageClass", "Size", "Size,,StorageClass", "Size, StorageClass, size"} {
		if _, err := ParseSchema(bad); !errors.Is(err, exit.ErrInput) {
			t.Errorf("ParseSchema(%q) = %v, want bad input", bad, err)
		}
	}
	for _, bad := range []string{"{", `{"fileFormat":"ORC","files":[{"key":"a"}]}`, `{"fileFormat":"CSV","fileSchema":"Size, StorageClass"}`} {
		if _, _, err := ParseManifest([]byte(bad)); !errors.Is(err, exit.ErrInput) {
			t.Errorf("ParseManifest(%s) = %v, want bad input", bad, err)
		}
	}
	if _, _, err := ReadHistogram(iotest.ErrReader(errors.New("disk gone")), "r.csv"); !errors.Is(err, exit.ErrIO) {
		t.Errorf("ReadHistogram of a failing reader: %v, want exit.ErrIO", err)
	}
}
