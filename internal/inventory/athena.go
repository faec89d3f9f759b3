package inventory

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
)

// tablePart is one part of --table: a database or table name.
var tablePart = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_-]*$`)

// QuoteTable quotes a table name, "table" or "database.table", for Athena:
// each part in double quotes. Names with other characters are refused (bad
// input, exit.ErrInput).
func QuoteTable(table string) (string, error) {
	parts := strings.Split(table, ".")
	if len(parts) > 2 {
		return "", exit.Inputf("table %q: want TABLE or DATABASE.TABLE", table)
	}
	for i, p := range parts {
		if !tablePart.MatchString(p) {
			return "", exit.Inputf("table %q: names are letters, digits, _ and -", table)
		}
		parts[i] = `"` + p + `"`
	}
	return strings.Join(parts, "."), nil
}

// AthenaSQL is the Athena (Trino) query that computes the histogram of
// Scan over the S3 Inventory table that the AWS documentation creates
// (columns bucket, key, version_id, is_latest, is_delete_marker, size,
// last_modified_date, e_tag, storage_class, ..., partitioned by dt): the
// latest inventory date only; delete markers skipped, and non-current
// versions unless allVersions. Bucket k is bits.Len64(size), the same as
// bucketOf: 0 for empty objects, else floor(log2(size)) + 1, with
// floor(log2) corrected by exact integer comparisons against powers of two
// so that a size just under 2^k, where log2 in floating point can round up
// to k, still falls in bucket k. Counts are BIGINT and byte sums
// DECIMAL(38,0): no floating point in the figures.
//
// With ages, each row is also one age band (AgeUntil), computed as Scan
// does: age = inventory date - last_modified_date in whole milliseconds,
// BIGINT. The inventory date is the partition's dt (YYYY-MM-DD-HH-MM, UTC:
// the report's start as its folder name gives it, the AWS documentation's
// "Locating your inventory list"). last_modified_date is read whatever type
// the table gives it (AWS's table statements use string for CSV reports,
// timestamp or bigint milliseconds for ORC and Parquet ones): as text,
// either a date (YYYY-MM-DD?HH:MM:SS[.fff]) read digit by digit, or a
// number of milliseconds. Only CAST, substr, date_diff over DATEs and
// integer arithmetic are used, which Athena and DuckDB (the test) read
// alike.
func AthenaSQL(table string, allVersions, ages bool) (string, error) {
	t, err := QuoteTable(table)
	if err != nil {
		return "", err
	}
	versions := "\n    AND coalesce(is_latest, true) = true"
	which := "current versions"
	if allVersions {
		versions = ""
		which = "every version"
	}
	if !ages {
		return fmt.Sprintf(`-- s3cost inventory --sql athena --ages=false: the exact size histogram of
-- %[1]s (%[2]s), one row per storage class and power-of-two size bucket,
-- for s3cost inventory --histogram. Bucket 0 holds empty objects, bucket k
-- the sizes in [2^(k-1), 2^k). Uses the latest inventory date (dt); to use
-- another one, replace the subquery by a literal, e.g. dt = '2026-11-29-01-00'.
WITH objects AS (
  SELECT storage_class,
         CAST(size AS BIGINT) AS size,
         CAST(floor(log2(greatest(CAST(size AS BIGINT), 1))) AS BIGINT) AS f
  FROM %[1]s
  WHERE dt = (SELECT max(dt) FROM %[1]s)
    AND coalesce(is_delete_marker, false) = false%[3]s
),
bucketed AS (
  SELECT storage_class,
         size,
%[4]s
  FROM objects
)
SELECT storage_class,
       bucket,
       count(*) AS objects,
       CAST(sum(CAST(size AS DECIMAL(38, 0))) AS DECIMAL(38, 0)) AS bytes
FROM bucketed
GROUP BY storage_class, bucket
ORDER BY storage_class, bucket;
`, t, which, versions, bucketSQL), nil
	}
	var bands strings.Builder
	for k := range NumAgeBands {
		fmt.Fprintf(&bands, "           WHEN age_ms < %d THEN '%s'\n", ageEdgesMs[k], AgeUntil(k))
	}
	return fmt.Sprintf(`-- s3cost inventory --sql athena: the exact size histogram of %[1]s (%[2]s),
-- one row per storage class, power-of-two size bucket and age band, for
-- s3cost inventory --histogram. Bucket 0 holds empty objects, bucket k the
-- sizes in [2^(k-1), 2^k). age_until is the end of the objects' age band as
-- objects.ages writes it: younger than it, at least as old as the band
-- before ends. Ages are as of the inventory date, dt (UTC), in whole
-- milliseconds. Uses the latest inventory date (dt); to use another one,
-- replace the subquery by a literal, e.g. dt = '2026-11-29-01-00'.
WITH objects AS (
  SELECT storage_class,
         CAST(size AS BIGINT) AS size,
         CAST(floor(log2(greatest(CAST(size AS BIGINT), 1))) AS BIGINT) AS f,
         date_diff('day', DATE '1970-01-01', CAST(substr(dt, 1, 10) AS DATE)) * 86400000
           + CAST(substr(dt, 12, 2) AS BIGINT) * 3600000
           + CAST(substr(dt, 15, 2) AS BIGINT) * 60000 AS as_of_ms,
         CAST(last_modified_date AS VARCHAR) AS lm
  FROM %[1]s
  WHERE dt = (SELECT max(dt) FROM %[1]s)
    AND coalesce(is_delete_marker, false) = false%[3]s
),
dated AS (
  SELECT storage_class,
         size,
         f,
         as_of_ms - CASE
           WHEN lm LIKE '____-__-__%%' THEN
             date_diff('day', DATE '1970-01-01', CAST(substr(lm, 1, 10) AS DATE)) * 86400000
             + CAST(substr(lm, 12, 2) AS BIGINT) * 3600000
             + CAST(substr(lm, 15, 2) AS BIGINT) * 60000
             + CAST(substr(lm, 18, 2) AS BIGINT) * 1000
             + CASE WHEN substr(lm, 20, 1) = '.' THEN CAST(substr(lm, 21, 3) AS BIGINT) ELSE 0 END
           ELSE CAST(lm AS BIGINT)
         END AS age_ms
  FROM objects
),
bucketed AS (
  SELECT storage_class,
         size,
%[4]s,
         CASE
%[5]s         END AS age_until
  FROM dated
)
SELECT storage_class,
       bucket,
       age_until,
       count(*) AS objects,
       CAST(sum(CAST(size AS DECIMAL(38, 0))) AS DECIMAL(38, 0)) AS bytes
FROM bucketed
GROUP BY storage_class, bucket, age_until
ORDER BY storage_class, bucket, age_until;
`, t, which, versions, bucketSQL, bands.String()), nil
}

// bucketSQL is the size bucket of a row of objects (size, f).
const bucketSQL = `         CASE
           WHEN size = 0 THEN 0
           WHEN CAST(size AS DECIMAL(20, 0)) < CAST(power(2, f) AS DECIMAL(20, 0)) THEN f
           WHEN CAST(size AS DECIMAL(20, 0)) >= CAST(power(2, f + 1) AS DECIMAL(20, 0)) THEN f + 2
           ELSE f + 1
         END AS bucket`

// histogramHeader is the header row of the query's result; agedHeader
// the one with age bands.
var (
	histogramHeader = []string{"storage_class", "bucket", "objects", "bytes"}
	agedHeader      = []string{"storage_class", "bucket", "age_until", "objects", "bytes"}
)

// maxSum is 2^128: a bucket's byte sum is below it.
var maxSum = new(big.Int).Lsh(big.NewInt(1), 128)

// ReadHistogram reads the result of AthenaSQL as Athena writes it (CSV, a
// header row, every value quoted) into a histogram: with an age_until
// column (the query with ages) or without (--ages=false, or a result of an
// s3cost before ages). name is the file's name for errors; bad input is an
// *InputError naming the row (the header is row 1), a failing reader
// exit.ErrIO. It also returns the number of data rows.
func ReadHistogram(r io.Reader, name string) (*Histogram, int64, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	h := NewHistogram()
	var rows int64
	bad := func(row int64, format string, args ...any) error {
		return &InputError{File: name, Row: row, Msg: fmt.Sprintf(format, args...)}
	}
	type key struct {
		class       string
		bucket, age int
	}
	seen := map[key]bool{}
	aged := false
	header := histogramHeader
	for line := int64(1); ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			if line == 1 {
				return nil, 0, &InputError{File: name, Msg: "empty: want the header row " + strings.Join(agedHeader, ",")}
			}
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, 0, bad(int64(pe.Line), "%v", pe.Err)
			}
			return nil, 0, exit.IO(err) // the reader's own error
		}
		if line == 1 {
			switch {
			case equalFold(rec, agedHeader):
				aged, header = true, agedHeader
			case equalFold(rec, histogramHeader):
			default:
				return nil, 0, bad(1, "header %s, want %s, or %s without ages (the result of s3cost inventory --sql athena)",
					strings.Join(rec, ","), strings.Join(agedHeader, ","), strings.Join(histogramHeader, ","))
			}
			continue
		}
		if len(rec) != len(header) {
			return nil, 0, bad(line, "%d columns, want %d", len(rec), len(header))
		}
		class := rec[0]
		if class == "" {
			return nil, 0, bad(line, "empty storage_class")
		}
		if err := checkClass([]byte(class)); err != nil {
			return nil, 0, bad(line, "%v", err)
		}
		k, err := strconv.Atoi(rec[1])
		if err != nil || k < 0 || k >= numBuckets {
			return nil, 0, bad(line, "bucket %q is not a bucket number 0 to %d", clip([]byte(rec[1])), numBuckets-1)
		}
		age := -1
		if aged {
			if rec[2] == "" {
				return nil, 0, bad(line, "empty age_until: objects with no last_modified_date, or one %dd or more before the inventory date", AgeEdges[NumAgeBands-1])
			}
			if age = ageBandOf(rec[2]); age < 0 {
				return nil, 0, bad(line, "age_until %q is not an age band of s3cost inventory (%s to %s)", clip([]byte(rec[2])), AgeUntil(0), AgeUntil(NumAgeBands-1))
			}
			rec = append(rec[:2], rec[3:]...)
		}
		n, err := strconv.ParseUint(rec[2], 10, 64)
		if err != nil || n == 0 {
			return nil, 0, bad(line, "objects %q is not a positive whole number", clip([]byte(rec[2])))
		}
		sum, ok := new(big.Int).SetString(rec[3], 10)
		if !ok || sum.Sign() < 0 || sum.Cmp(maxSum) >= 0 {
			return nil, 0, bad(line, "bytes %q is not a whole number of bytes", clip([]byte(rec[3])))
		}
		lo, hi := BucketRange(k)
		cnt := new(big.Int).SetUint64(n)
		if sum.Cmp(new(big.Int).Mul(cnt, new(big.Int).SetUint64(lo))) < 0 ||
			sum.Cmp(new(big.Int).Mul(cnt, new(big.Int).SetUint64(hi))) > 0 {
			return nil, 0, bad(line, "%s objects of %s bytes do not fit bucket %d (%d to %d bytes each)", rec[2], rec[3], k, lo, hi)
		}
		if seen[key{class, k, age}] {
			if aged {
				return nil, 0, bad(line, "storage class %s, bucket %d, age_until %s: given twice", class, k, AgeUntil(age))
			}
			return nil, 0, bad(line, "storage class %s, bucket %d: given twice", class, k)
		}
		seen[key{class, k, age}] = true
		c := h.class([]byte(class))
		mask := new(big.Int).SetUint64(^uint64(0))
		c.Buckets[k].merge(Bucket{
			Count: n,
			SumLo: new(big.Int).And(sum, mask).Uint64(),
			SumHi: new(big.Int).Rsh(sum, 64).Uint64(),
		})
		if c.Buckets[k].Count < n { // the class's bucket holds more than 2^64 objects
			return nil, 0, bad(line, "storage class %s, bucket %d: more objects than s3cost counts (2^64)", class, k)
		}
		if aged {
			c.Ages[age] += n
		}
		rows++
	}
	return h, rows, nil
}

func equalFold(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(a[i], "\ufeff")), b[i]) {
			return false
		}
	}
	return true
}

// WriteHistogramWorkload is WriteWorkload for a histogram read by
// ReadHistogram: the same datasets, with comments that say the figures come
// from the Athena query.
func WriteHistogramWorkload(h *Histogram, rows int64, src Source) []byte {
	var objects, dated uint64
	for _, c := range h.Classes {
		objects += c.Count()
		dated += c.Dated()
	}
	if dated > 0 && src.AsOfFrom == "" {
		src.AsOfFrom = "the query's inventory date (dt)"
	}
	if dated == 0 && src.NoAges == "" {
		src.NoAges = "No ages: the query's result has no age_until column (its SQL was printed with --ages=false)."
	}
	// The query reads no access tiers: TierColumn stays false.
	data := WriteWorkload(h, Stats{Files: 1, Rows: rows, Objects: int64(objects), Dated: int64(dated), ModifiedColumn: dated > 0}, src)
	lines := bytes.SplitAfter(data, []byte("\n"))
	var out bytes.Buffer
	for _, l := range lines {
		switch {
		case bytes.HasPrefix(l, []byte("# Read ")):
			fmt.Fprintf(&out, "# Read the histogram of `s3cost inventory --sql athena`: %s rows; %s objects.\n", group(uint64(rows)), group(objects))
		case bytes.HasPrefix(l, []byte("# Skipped: ")):
			out.WriteString("# Delete markers and, unless the SQL was printed with --versions all,\n")
			out.WriteString("# non-current versions were left out by the query.\n")
		case bytes.HasPrefix(l, []byte("# Intelligent-Tiering access tiers: the inventory has no")):
			out.WriteString("# Intelligent-Tiering access tiers: the query does not read\n")
		case bytes.HasPrefix(l, []byte("# IntelligentTieringAccessTier column.")):
			out.WriteString("# intelligent_tiering_access_tier; see docs/inventory.md.\n")
		default:
			out.Write(l)
		}
	}
	return out.Bytes()
}
