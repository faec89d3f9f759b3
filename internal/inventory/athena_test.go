package inventory

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/s3cost/s3cost/internal/exit"
)

// duckDB runs DuckDB SQL: the duckdb CLI if it is on PATH, else node with
// @duckdb/node-api from $S3COST_DUCKDB_NODE_MODULES or /tmp/duck/node_modules.
// It returns a function running setup, then writing query's result to a
// CSV file, or skips the test naming what is missing.
func duckDB(t *testing.T) func(setup, query, out string) {
	t.Helper()
	run := func(cmd *exec.Cmd) {
		t.Helper()
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
		}
	}
	copyTo := func(query, out string) string {
		q := strings.TrimSuffix(strings.TrimSpace(query), ";")
		return fmt.Sprintf("COPY (\n%s\n) TO '%s' (FORMAT csv, HEADER true, FORCE_QUOTE *);", q, out)
	}
	if cli, err := exec.LookPath("duckdb"); err == nil {
		t.Logf("DuckDB: %s", cli)
		return func(setup, query, out string) {
			cmd := exec.Command(cli, ":memory:")
			cmd.Stdin = strings.NewReader(setup + ";\n" + copyTo(query, out) + "\n")
			run(cmd)
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("DuckDB not available: neither the duckdb CLI nor node is on PATH")
	}
	modules := os.Getenv("S3COST_DUCKDB_NODE_MODULES")
	if modules == "" {
		modules = "/tmp/duck/node_modules"
	}
	if _, err := os.Stat(filepath.Join(modules, "@duckdb", "node-api", "package.json")); err != nil {
		t.Skipf("DuckDB not available: no duckdb CLI on PATH, and no @duckdb/node-api in %s "+
			"(npm install --prefix %s @duckdb/node-api, or set S3COST_DUCKDB_NODE_MODULES)", modules, filepath.Dir(modules))
	}
	t.Logf("DuckDB: %s with %s/@duckdb/node-api", node, modules)
	script := filepath.Join(t.TempDir(), "duck.mjs")
	const js = `import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const require = createRequire(process.argv[2] + '/');
const { DuckDBInstance } = require('@duckdb/node-api');
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
for (const f of process.argv.slice(3)) await c.run(readFileSync(f, 'utf8'));
`
	if err := os.WriteFile(script, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	return func(setup, query, out string) {
		dir := t.TempDir()
		s, q := filepath.Join(dir, "setup.sql"), filepath.Join(dir, "query.sql")
		os.WriteFile(s, []byte(setup), 0o644)
		os.WriteFile(q, []byte(copyTo(query, out)), 0o644)
		run(exec.Command(node, script, modules, s, q))
	}
}

// edgeRows are sizes on both sides of every power of two, the largest
// BIGINT among them, in the DefaultSchema order.
func edgeRows() string {
	var b strings.Builder
	row := func(size uint64, class string) {
		fmt.Fprintf(&b, "\"b\",\"edge%d\",\"v\",\"true\",\"false\",\"%d\",\"2026-11-01T00:00:00.000Z\",\"e\",\"%s\"\n", size, size, class)
	}
	for _, s := range []uint64{0, 1, 2, 3, 131071, 131072, 131073, 1<<63 - 1} {
		row(s, "EDGE")
	}
	for k := 2; k < 63; k++ {
		row(1<<k-1, "EDGE")
		row(1<<k, "EDGE")
		row(1<<k+1, "EDGE")
	}
	return b.String()
}

func sameHistogram(t *testing.T, got, want *Histogram) {
	t.Helper()
	if g, w := strings.Join(got.ClassNames(), ","), strings.Join(want.ClassNames(), ","); g != w {
		t.Fatalf("classes %s, want %s", g, w)
	}
	for _, c := range want.ClassNames() {
		for k := range numBuckets {
			if g, w := got.Classes[c].Buckets[k], want.Classes[c].Buckets[k]; g != w {
				t.Errorf("%s bucket %d: %d objects %s bytes, want %d objects %s bytes", c, k, g.Count, g.Sum(), w.Count, w.Sum())
			}
		}
		if g, w := got.Classes[c].Ages, want.Classes[c].Ages; g != w {
			t.Errorf("%s ages %v, want %v", c, g, w)
		}
	}
}

// TestAthenaSQLWithDuckDB runs the printed SQL, unchanged but for the
// table, with DuckDB over a generated inventory (two inventory dates, edge
// sizes at every power of two, ages on both sides of every band's edge)
// and requires the very histogram and ages Scan finds, and the same
// workload datasets. last_modified_date is given each type AWS's table
// statements give it: string (CSV reports), timestamp and bigint
// milliseconds (ORC and Parquet reports).
func TestAthenaSQLWithDuckDB(t *testing.T) {
	duck := duckDB(t)
	dir := t.TempDir()
	var buf bytes.Buffer
	genInventory(&buf, defaultGen(7, 20000))
	buf.WriteString(edgeRows())
	inv := filepath.Join(dir, "inv.csv")
	if err := os.WriteFile(inv, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	read := fmt.Sprintf(`read_csv('%s', header = false, quote = '"', escape = '"', columns = {
  'bucket': 'VARCHAR', 'key': 'VARCHAR', 'version_id': 'VARCHAR', 'is_latest': 'BOOLEAN',
  'is_delete_marker': 'BOOLEAN', 'size': 'BIGINT', 'last_modified_date': 'VARCHAR',
  'e_tag': 'VARCHAR', 'storage_class': 'VARCHAR'})`, inv)
	const parsed = `strptime(last_modified_date, '%Y-%m-%dT%H:%M:%S.%gZ')`
	for _, lm := range []struct{ name, expr string }{
		{"string", "last_modified_date"},
		{"timestamp", parsed},
		{"bigint", "epoch_ms(" + parsed + ")"},
	} {
		// The inventory table as AWS documents it, partitioned by dt
		// (2026-11-29-12-00 is genAsOf): the same rows at an older date
		// must not be counted.
		setup := fmt.Sprintf(`CREATE SCHEMA inventory_db;
CREATE VIEW "inventory_db"."photos_inventory" AS
SELECT * REPLACE (%[2]s AS last_modified_date), '2026-11-29-12-00' AS dt FROM %[1]s
UNION ALL SELECT * REPLACE (%[2]s AS last_modified_date), '2026-11-28-12-00' AS dt FROM %[1]s;
`, read, lm.expr)
		for _, all := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/allVersions=%t", lm.name, all), func(t *testing.T) {
				opts := Options{Schema: defaultSchema(t), AllVersions: all, AsOf: time.UnixMilli(genAsOf)}
				want, stats, err := Scan(context.Background(), []string{inv}, opts)
				if err != nil {
					t.Fatal(err)
				}
				if stats.Dated != stats.Objects || stats.Future == 0 {
					t.Fatalf("the inventory lacks ages: %+v", stats)
				}
				query, err := AthenaSQL("inventory_db.photos_inventory", all, true)
				if err != nil {
					t.Fatal(err)
				}
				out := filepath.Join(t.TempDir(), "result.csv")
				duck(setup, query, out)
				f, err := os.Open(out)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				got, rows, err := ReadHistogram(f, out)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("DuckDB: %d histogram rows", rows)
				sameHistogram(t, got, want)
				gotW := WriteHistogramWorkload(got, rows, Source{Names: []string{"x"}})
				wantW := WriteWorkload(want, stats, Source{Names: []string{"x"}, AsOf: genAsOf, AsOfFrom: "--as-of"})
				if g, w := datasets(gotW), datasets(wantW); g != w {
					t.Errorf("workload datasets differ:\n%s\nwant\n%s", g, w)
				}
				if !strings.Contains(g(gotW), "ages:") {
					t.Errorf("no ages written:\n%s", gotW)
				}
			})
		}
	}
	// Without ages (--ages=false): the histogram without age_until.
	setup := fmt.Sprintf("CREATE SCHEMA inventory_db;\nCREATE VIEW \"inventory_db\".\"photos_inventory\" AS SELECT * EXCLUDE (last_modified_date), '2026-11-29-12-00' AS dt FROM %s;\n", read)
	want, stats, err := Scan(context.Background(), []string{inv}, Options{Schema: defaultSchema(t)})
	if err != nil {
		t.Fatal(err)
	}
	query, err := AthenaSQL("inventory_db.photos_inventory", false, false)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "result.csv")
	duck(setup, query, out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, rows, err := ReadHistogram(bytes.NewReader(data), out)
	if err != nil {
		t.Fatal(err)
	}
	sameHistogram(t, got, want)
	if g, w := datasets(WriteHistogramWorkload(got, rows, Source{})), datasets(WriteWorkload(want, stats, Source{})); g != w || strings.Contains(g, "ages:") {
		t.Errorf("workload datasets differ, or have ages:\n%s\nwant\n%s", g, w)
	}
}

func g(b []byte) string { return string(b) }

// datasets is a workload from its "version:" line on.
func datasets(w []byte) string {
	s := string(w)
	return s[strings.Index(s, "\nversion:"):]
}

func TestAthenaSQL(t *testing.T) {
	q, err := AthenaSQL("db.my-table", false, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`FROM "db"."my-table"`, "coalesce(is_latest, true) = true", "count(*) AS objects", "DECIMAL(38, 0)) AS bytes", "dt = (SELECT max(dt)"} {
		if !strings.Contains(q, s) {
			t.Errorf("SQL lacks %q:\n%s", s, q)
		}
	}
	if strings.Contains(strings.ToUpper(q), "DOUBLE") {
		t.Error("SQL uses DOUBLE")
	}
	q, _ = AthenaSQL("t", true, true)
	if strings.Contains(q, "is_latest") {
		t.Errorf("--versions all still filters is_latest:\n%s", q)
	}
	for _, bad := range []string{"", "a.b.c", "t; DROP TABLE x", `t"`, "a..b"} {
		if _, err := AthenaSQL(bad, false, true); !errors.Is(err, exit.ErrInput) {
			t.Errorf("table %q: %v, want bad input", bad, err)
		}
	}
}

func TestReadHistogram(t *testing.T) {
	const in = `"storage_class","bucket","objects","bytes"
"STANDARD","0","3","0"
"STANDARD","7","2","200"
"STANDARD","18","1","131072"
"GLACIER","9","4","1200"
"GLACIER","64","1","9223372036854775808"
`
	h, rows, err := ReadHistogram(strings.NewReader(in), "r.csv")
	if err != nil {
		t.Fatal(err)
	}
	if rows != 5 {
		t.Errorf("rows %d, want 5", rows)
	}
	want := NewHistogram()
	for _, o := range []struct {
		class string
		size  uint64
	}{{"STANDARD", 0}, {"STANDARD", 0}, {"STANDARD", 0}, {"STANDARD", 100}, {"STANDARD", 100}, {"STANDARD", 131072},
		{"GLACIER", 300}, {"GLACIER", 300}, {"GLACIER", 300}, {"GLACIER", 300}, {"GLACIER", 1 << 63}} {
		want.Add([]byte(o.class), o.size)
	}
	sameHistogram(t, h, want)
	w := string(WriteHistogramWorkload(h, rows, Source{Names: []string{"r.csv"}}))
	for _, s := range []string{"# Source: r.csv\n", "5 rows; 11 objects.", "count: 6", "from: STANDARD", "- { size: 131072, share: "} {
		if !strings.Contains(w, s) {
			t.Errorf("workload lacks %q:\n%s", s, w)
		}
	}
	if strings.Contains(w, "# Skipped:") {
		t.Errorf("workload says rows were skipped:\n%s", w)
	}
}

func TestReadHistogramErrors(t *testing.T) {
	const hdr = "\"storage_class\",\"bucket\",\"objects\",\"bytes\"\n"
	const agedHdr = "\"storage_class\",\"bucket\",\"age_until\",\"objects\",\"bytes\"\n"
	for _, c := range []struct{ in, want string }{
		{"", "r.csv: empty: want the header row storage_class,bucket,age_until,objects,bytes"},
		{"\"class\",\"bucket\",\"count\",\"sum\"\n", "r.csv: row 1: header class,bucket,count,sum, want storage_class,bucket,age_until,objects,bytes, or storage_class,bucket,objects,bytes without ages (the result of s3cost inventory --sql athena)"},
		{"\"storage_class\",\"bucket\",\"age\",\"objects\",\"bytes\"\n", "r.csv: row 1: header storage_class,bucket,age,objects,bytes, want"},
		{agedHdr + "\"S\",\"7\",\"31d\",\"1\",\"100\"\n", `r.csv: row 2: age_until "31d" is not an age band of s3cost inventory (15d to 36500d)`},
		{agedHdr + "\"S\",\"7\",\"forever\",\"1\",\"100\"\n", `r.csv: row 2: age_until "forever" is not an age band`},
		{agedHdr + "\"S\",\"7\",\"1mo\",\"1\",\"100\"\n", `r.csv: row 2: age_until "1mo" is not an age band`},
		{agedHdr + "\"S\",\"7\",,\"1\",\"100\"\n", "r.csv: row 2: empty age_until: objects with no last_modified_date, or one 36500d or more before the inventory date"},
		{agedHdr + "\"S\",\"7\",\"30d\",\"1\",\"100\"\n\"S\",\"7\",\"30d\",\"1\",\"100\"\n", "r.csv: row 3: storage class S, bucket 7, age_until 30d: given twice"},
		{agedHdr + "\"S\",\"7\",\"30d\",\"1\"\n", "r.csv: row 2: 4 columns, want 5"},
		{agedHdr + "\"S\",\"7\",\"30d\",\"1\",\"300\"\n", "r.csv: row 2: 1 objects of 300 bytes do not fit bucket 7 (64 to 127 bytes each)"},
		{"\"STANDARD\",\"7\",\"2\",\"200\"\n", "r.csv: row 1: header STANDARD,7,2,200, want"},
		{hdr + "\"STANDARD\",\"7\",\"2.0\",\"200\"\n", `r.csv: row 2: objects "2.0" is not a positive whole number`},
		{hdr + "\"STANDARD\",\"7\",\"2\",\"200\"\n\"STANDARD\",\"7\",\"2\",\"2e2\"\n", `r.csv: row 3: bytes "2e2" is not a whole number of bytes`},
		{hdr + "\"STANDARD\",\"65\",\"2\",\"200\"\n", `r.csv: row 2: bucket "65" is not a bucket number 0 to 64`},
		{hdr + "\"STANDARD\",\"7\",\"2\",\"300\"\n", "r.csv: row 2: 2 objects of 300 bytes do not fit bucket 7 (64 to 127 bytes each)"},
		{hdr + "\"STANDARD\",\"7\",\"2\"\n", "r.csv: row 2: 3 columns, want 4"},
		{hdr + "\"\",\"7\",\"2\",\"200\"\n", "r.csv: row 2: empty storage_class"},
		{hdr + "\"S\",\"7\",\"1\",\"100\"\n\"S\",\"7\",\"1\",\"100\"\n", "r.csv: row 3: storage class S, bucket 7: given twice"},
		{hdr + "\"S\",\"7\",\"1\",\"1\"00\"\n", "r.csv: row 2: "},
	} {
		_, _, err := ReadHistogram(strings.NewReader(c.in), "r.csv")
		var ie *InputError
		if !errors.As(err, &ie) || !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
		if !errors.Is(err, exit.ErrInput) {
			t.Errorf("%q: error %v is not bad input", c.in, err)
		}
	}
}
