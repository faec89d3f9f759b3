package inventory

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

// pqRow is a row of an S3 Inventory Parquet report, with the column names
// and types S3 writes (the optional columns are pointers; storage_class
// dictionary-encoded).
type pqRow struct {
	Bucket         string  `parquet:"bucket"`
	Key            string  `parquet:"key"`
	VersionID      *string `parquet:"version_id"`
	IsLatest       *bool   `parquet:"is_latest"`
	IsDeleteMarker *bool   `parquet:"is_delete_marker"`
	Size           *int64  `parquet:"size"`
	LastModified   *int64  `parquet:"last_modified_date,timestamp(millisecond)"`
	ETag           *string `parquet:"e_tag"`
	StorageClass   *string `parquet:"storage_class,dict"`
}

// pqRows turns a generated CSV inventory (DefaultSchema order) into
// Parquet rows; an empty size or class is null, as in S3's reports, and
// LastModifiedDate is milliseconds since the epoch, as S3 writes it
// ("optional int64 last_modified_date (TIMESTAMP_MILLIS)").
func pqRows(t testing.TB, csv []byte) []pqRow {
	t.Helper()
	var rows []pqRow
	fields := make([][]byte, 9)
	str := func(b []byte) *string {
		if len(b) == 0 {
			return nil
		}
		s := string(b)
		return &s
	}
	for _, line := range bytes.Split(bytes.TrimSuffix(csv, []byte("\n")), []byte("\n")) {
		if _, err := rowFields(line, fields, 9); err != nil {
			t.Fatal(err)
		}
		latest, marker := string(fields[3]) == "true", string(fields[4]) == "true"
		r := pqRow{Bucket: string(fields[0]), Key: string(fields[1]), VersionID: str(fields[2]),
			IsLatest: &latest, IsDeleteMarker: &marker,
			ETag: str(fields[7]), StorageClass: str(fields[8])}
		if len(fields[6]) > 0 {
			ms, err := ParseModified(fields[6])
			if err != nil {
				t.Fatal(err)
			}
			r.LastModified = &ms
		}
		if len(fields[5]) > 0 {
			n, err := strconv.ParseInt(string(fields[5]), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			r.Size = &n
		}
		rows = append(rows, r)
	}
	return rows
}

// writeParquet writes rows as a Snappy-compressed Parquet file of row
// groups of at most perGroup rows.
func writeParquet[T any](t testing.TB, path string, rows []T, perGroup int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[T](f, parquet.MaxRowsPerRowGroup(perGroup), parquet.Compression(&parquet.Snappy))
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeGeneratedParquet writes the same generated inventory as CSV
// (dir/name.csv) and as Parquet (dir/name.parquet).
func writeGeneratedParquet(t testing.TB, dir, name string, o genOptions, perGroup int64) (csvPath, pqPath string, truth genTruth) {
	t.Helper()
	csvPath, truth = writeGenerated(t, dir, name+".csv", o)
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	pqPath = filepath.Join(dir, name+".parquet")
	writeParquet(t, pqPath, pqRows(t, data), perGroup)
	return csvPath, pqPath, truth
}

// The same rows as CSV and as Parquet give the same histogram and counts,
// exactly: several row groups on two workers, one file or several.
func TestParquetRoundTrip(t *testing.T) {
	dir := t.TempDir()
	c1, p1, _ := writeGeneratedParquet(t, dir, "a", defaultGen(11, 20000), 3000)
	c2, p2, _ := writeGeneratedParquet(t, dir, "b", defaultGen(12, 5000), 1<<20)
	for _, all := range []bool{false, true} {
		hc, sc := scan(t, []string{c1, c2}, Options{Workers: 2, AllVersions: all})
		hp, sp := scan(t, []string{p1, p2}, Options{Workers: 2, AllVersions: all})
		if !reflect.DeepEqual(hc.Classes, hp.Classes) {
			t.Errorf("all=%v: Parquet histogram differs from CSV's", all)
		}
		if !reflect.DeepEqual(sc, sp) {
			t.Errorf("all=%v: stats differ:\nCSV     %+v\nParquet %+v", all, sc, sp)
		}
		if sp.Objects == 0 || sp.DeleteMarkers == 0 {
			t.Errorf("nothing read: %+v", sp)
		}
	}
	// A Parquet manifest: files found next to it, read as Parquet.
	m := `{"sourceBucket":"inventory-bucket","fileFormat":"Parquet",
"fileSchema":"message s3.inventory { required binary bucket (STRING); optional int64 size; optional binary storage_class (STRING); }",
"files":[{"key":"x/data/a.parquet"},{"key":"x/data/b.parquet"}]}`
	mp := filepath.Join(dir, "manifest.json")
	if err := os.WriteFile(mp, []byte(m), 0o644); err != nil {
		t.Fatal(err)
	}
	_, s, files, err := ReadManifest(mp)
	if err != nil {
		t.Fatal(err)
	}
	hm, _ := scan(t, files, Options{Schema: s})
	hc, _ := scan(t, []string{c1, c2}, Options{})
	if !reflect.DeepEqual(hc.Classes, hm.Classes) {
		t.Errorf("Parquet manifest's histogram differs from CSV's")
	}
}

// Bad Parquet input is one line naming the file (and the row for a bad
// row), as an *InputError.
func TestParquetBadInput(t *testing.T) {
	dir := t.TempDir()
	_, good, _ := writeGeneratedParquet(t, dir, "good", defaultGen(3, 2000), 500)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	type noClass struct {
		Key  string `parquet:"key"`
		Size int64  `parquet:"size"`
	}
	type textSize struct {
		Size         string `parquet:"size"`
		StorageClass string `parquet:"storage_class"`
	}
	type minimal struct {
		Size         *int64 `parquet:"size"`
		StorageClass string `parquet:"storage_class"`
	}
	noClassPath := filepath.Join(dir, "noclass.parquet")
	writeParquet(t, noClassPath, []noClass{{"a", 1}}, 10)
	textPath := filepath.Join(dir, "text.parquet")
	writeParquet(t, textPath, []textSize{{"12kb", "STANDARD"}}, 10)
	ten := int64(10)
	nullPath := filepath.Join(dir, "null.parquet")
	writeParquet(t, nullPath, []minimal{{&ten, "STANDARD"}, {&ten, "STANDARD"}, {nil, "STANDARD"}}, 2)

	for _, c := range []struct {
		path, want string
		row        int64
	}{
		{write("truncated.parquet", data[:len(data)/2]), "not a valid Parquet file", 0},
		{write("notparquet.parquet", []byte("\"b\",\"k\",\"1\",\"STANDARD\"\n")), "not a valid Parquet file", 0},
		{write("cut-footer.parquet", data[:len(data)-3]), "not a valid Parquet file", 0},
		{noClassPath, "Parquet schema: no storage_class column", 0},
		{textPath, "Parquet schema: column size is", 0},
		{nullPath, "size is null", 3},
	} {
		_, _, err := Scan(context.Background(), []string{c.path}, Options{Schema: defaultSchema(t)})
		var bad *InputError
		if !errors.As(err, &bad) {
			t.Errorf("%s: %v, want an *InputError", c.path, err)
			continue
		}
		if bad.File != c.path || bad.Row != c.row || !strings.Contains(bad.Msg, c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %q (row %d), want %q at row %d", c.path, err, bad.Row, c.want, c.row)
		}
	}
	// --skip-bad-rows counts the null size and reads the rest.
	h, s, err := Scan(context.Background(), []string{nullPath}, Options{SkipBadRows: true})
	if err != nil || s.BadRows != 1 || s.Objects != 2 || h.Classes["STANDARD"].Buckets[bucketOf(10)].Count != 2 {
		t.Errorf("skip bad rows: %v, %+v", err, s)
	}
	if len(s.BadSamples) != 1 || !strings.HasSuffix(s.BadSamples[0], "null.parquet: row 3: size is null") {
		t.Errorf("bad samples %q", s.BadSamples)
	}
}

// last_modified_date in Parquet: milliseconds as S3 writes them, optional
// with nulls, required, dictionary-encoded, in microseconds (rounded up to
// the millisecond), across pages and row groups; and the columns refused.
// genAsOf is 2026-11-29T12:00:00Z: 1 ms before it is under 15 days old,
// exactly 30 days before it is 30 to 45 days, 30 days less 1 µs before it
// rounds up to 30 days less 1 ms: 15 to 30 days.
func TestParquetAges(t *testing.T) {
	dir := t.TempDir()
	asOf := time.UnixMilli(genAsOf)
	thirty := int64(genAsOf - 30*dayMs)
	type optionalMs struct {
		Size         int64  `parquet:"size"`
		StorageClass string `parquet:"storage_class"`
		Modified     *int64 `parquet:"last_modified_date,timestamp(millisecond)"`
	}
	type requiredMs struct {
		Size         int64  `parquet:"size"`
		StorageClass string `parquet:"storage_class"`
		Modified     int64  `parquet:"last_modified_date,timestamp(millisecond)"`
	}
	type dictMs struct {
		Size         int64  `parquet:"size"`
		StorageClass string `parquet:"storage_class"`
		Modified     int64  `parquet:"last_modified_date,timestamp(millisecond),dict"`
	}
	type micros struct {
		Size         int64  `parquet:"size"`
		StorageClass string `parquet:"storage_class"`
		Modified     int64  `parquet:"last_modified_date,timestamp(microsecond)"`
	}
	type plainInt struct {
		Size         int64  `parquet:"size"`
		StorageClass string `parquet:"storage_class"`
		Modified     int64  `parquet:"last_modified_date"`
	}
	ms := func(v int64) *int64 { return &v }
	// 3 under 15 days, 1 at 30 days (band 2); 5 rows over pages of 2.
	opt := []optionalMs{{1, "S", ms(genAsOf - 1)}, {1, "S", ms(thirty)}, {1, "S", ms(genAsOf)}, {1, "S", ms(genAsOf - dayMs)}}
	req := []requiredMs{{1, "S", genAsOf - 1}, {1, "S", thirty}, {1, "S", genAsOf}, {1, "S", genAsOf - dayMs}}
	dict := []dictMs{{1, "S", genAsOf - 1}, {1, "S", thirty}, {1, "S", genAsOf - 1}, {1, "S", genAsOf - 1}}
	want := [NumAgeBands]uint64{3, 0, 1}
	for name, write := range map[string]func(string){
		"optional": func(p string) { writeParquet(t, p, opt, 3) },
		"required": func(p string) { writeParquet(t, p, req, 2) },
		"dict":     func(p string) { writeParquet(t, p, dict, 10) },
	} {
		p := filepath.Join(dir, name+".parquet")
		write(p)
		h, s := scan(t, []string{p}, Options{Schema: noColumnsParquet(), AsOf: asOf, Workers: 2})
		if got := h.Classes["S"].Ages; got != want || s.Dated != 4 {
			t.Errorf("%s: ages %v, want %v (%+v)", name, got, want, s)
		}
	}
	p := filepath.Join(dir, "micros.parquet")
	writeParquet(t, p, []micros{{1, "S", (thirty + 1) * 1000}, {1, "S", thirty*1000 + 1}, {1, "S", thirty * 1000}}, 10)
	h, _ := scan(t, []string{p}, Options{Schema: noColumnsParquet(), AsOf: asOf})
	if got := h.Classes["S"].Ages; got[1] != 2 || got[2] != 1 {
		t.Errorf("microseconds: ages %v, want 2 in band 1 (rounded up past 30 days ago), 1 in band 2", got)
	}
	// A null date names its row, and is skipped with --skip-bad-rows.
	p = filepath.Join(dir, "null.parquet")
	writeParquet(t, p, []optionalMs{{1, "S", ms(genAsOf)}, {1, "S", ms(genAsOf)}, {1, "S", nil}, {1, "S", ms(genAsOf)}}, 2)
	_, _, err := Scan(context.Background(), []string{p}, Options{AsOf: asOf})
	if err == nil || err.Error() != p+": row 3: last_modified_date is null" {
		t.Errorf("null date: %v", err)
	}
	h, s, err := Scan(context.Background(), []string{p}, Options{AsOf: asOf, SkipBadRows: true})
	if err != nil || s.BadRows != 1 || h.Classes["S"].Dated() != 3 {
		t.Errorf("null date skipped: %v %+v", err, s)
	}
	// Without an inventory date the column is not read, and its nulls are
	// no error.
	if _, s, err := Scan(context.Background(), []string{p}, Options{}); err != nil || s.Dated != 0 || !s.ModifiedColumn {
		t.Errorf("no inventory date: %v %+v", err, s)
	}
	// An INT64 without a timestamp unit is not taken for milliseconds.
	p = filepath.Join(dir, "plain.parquet")
	writeParquet(t, p, []plainInt{{1, "S", genAsOf}}, 10)
	if _, _, err := Scan(context.Background(), []string{p}, Options{AsOf: asOf}); err == nil ||
		!strings.Contains(err.Error(), "Parquet schema: column last_modified_date is INT(64,true), not an INT64 timestamp") {
		t.Errorf("plain INT64: %v", err)
	}
}

// A Parquet file whose metadata is over maxParquetFooter (4,000 one-row
// groups) is refused before parquet-go decodes it, which took about twenty
// times the footer's size (issue 15, item 5): one line naming the file, and
// little memory; a file just under the limit is read.
func TestParquetManyRowGroups(t *testing.T) {
	dir := t.TempDir()
	rows := func(n int) []pqRow {
		out := make([]pqRow, n)
		class := "STANDARD"
		for i := range out {
			size := int64(i)
			out[i] = pqRow{Bucket: "b", Key: "k", Size: &size, StorageClass: &class}
		}
		return out
	}
	many := filepath.Join(dir, "many.parquet")
	writeParquet(t, many, rows(4000), 1)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := Scan(context.Background(), []string{many}, Options{Schema: defaultSchema(t)})
	runtime.ReadMemStats(&after)
	var bad *InputError
	if !errors.As(err, &bad) || bad.File != many || !strings.Contains(bad.Msg, "Parquet metadata of") || !strings.Contains(bad.Msg, "more than 2 MiB") {
		t.Errorf("4,000 row groups: %v, want the metadata refused", err)
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 8<<20 {
		t.Errorf("allocated %d bytes to refuse the file; want under 8 MiB", allocated)
	}
	fewer := filepath.Join(dir, "fewer.parquet")
	// 1,000 one-row groups (a footer of about 0.35 MiB: 32,000 took 11.6 MB) are read. (2,500
	// are too, but writing them takes seconds under the race detector.)
	writeParquet(t, fewer, rows(1000), 1)
	_, s, err := Scan(context.Background(), []string{fewer}, Options{Schema: defaultSchema(t)})
	if err != nil || s.Objects != 1000 {
		t.Errorf("1,000 row groups: %v, %d objects", err, s.Objects)
	}
}
