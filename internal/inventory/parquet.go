package inventory

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/s3cost/s3cost/internal/exit"
)

// parquetBatch is how many values of each column a row group reader
// decodes at a time.
const parquetBatch = 4096

// isParquetName says whether a data file is read as Parquet by its name;
// a file starting with the Parquet magic number "PAR1" is too.
func isParquetName(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".parquet")
}

// parquetColumns are the leaf columns s3cost reads of a Parquet
// inventory, by column index; -1 when the file does not have it.
type parquetColumns struct {
	size, class, latest, marker, modified, tier int
	sizeKind                                    parquet.Kind
	// modifiedUnit is the unit of last_modified_date's values,
	// modifiedMaxDef its maximum definition level (0: required).
	modifiedUnit   time.Duration
	modifiedMaxDef int
}

// findParquetColumns looks the columns up by name: lower snake case as S3
// writes them (size, storage_class, is_latest, is_delete_marker), matched
// like a CSV fileSchema, without case or underscores. size and
// storage_class are required. last_modified_date is an INT64 timestamp
// (S3 writes "optional int64 last_modified_date (TIMESTAMP_MILLIS)", the
// AWS documentation's "Inventory manifest" example), of any unit;
// intelligent_tiering_access_tier a string.
func findParquetColumns(s *parquet.Schema) (parquetColumns, error) {
	c := parquetColumns{size: -1, class: -1, latest: -1, marker: -1, modified: -1, tier: -1}
	for _, path := range s.Columns() {
		if len(path) != 1 {
			continue // nested: not an inventory column s3cost reads
		}
		leaf, ok := s.Lookup(path...)
		if !ok {
			continue
		}
		name := path[0]
		kind := leaf.Node.Type().Kind()
		want := func(ok bool, what string) error {
			if ok && leaf.MaxRepetitionLevel == 0 {
				return nil
			}
			return fmt.Errorf("column %s is %s, not %s", name, leaf.Node.Type(), what)
		}
		var err error
		switch strings.ReplaceAll(strings.ToLower(name), "_", "") {
		case "size":
			c.size, c.sizeKind = leaf.ColumnIndex, kind
			err = want(kind == parquet.Int64 || kind == parquet.Int32, "an integer")
		case "storageclass":
			c.class = leaf.ColumnIndex
			err = want(kind == parquet.ByteArray, "a string")
		case "islatest":
			c.latest = leaf.ColumnIndex
			err = want(kind == parquet.Boolean, "a boolean")
		case "isdeletemarker":
			c.marker = leaf.ColumnIndex
			err = want(kind == parquet.Boolean, "a boolean")
		case "lastmodifieddate":
			c.modified = leaf.ColumnIndex
			c.modifiedUnit = timestampUnit(leaf.Node.Type())
			c.modifiedMaxDef = leaf.MaxDefinitionLevel
			err = want(kind == parquet.Int64 && c.modifiedUnit > 0, "an INT64 timestamp")
		case "intelligenttieringaccesstier":
			c.tier = leaf.ColumnIndex
			err = want(kind == parquet.ByteArray, "a string")
		}
		if err != nil {
			return c, err
		}
	}
	switch {
	case c.size < 0:
		return c, errors.New("no size column")
	case c.class < 0:
		return c, errors.New("no storage_class column")
	}
	return c, nil
}

// timestampUnit is the unit of a TIMESTAMP column's values (also of the
// older TIMESTAMP_MILLIS and TIMESTAMP_MICROS annotations, which
// parquet-go reads as TIMESTAMP), or 0 when it is not a timestamp: an
// integer without a unit is not guessed to be milliseconds. Values are
// taken as UTC whether or not the column says isAdjustedToUTC, as S3 writes
// every date in UTC.
func timestampUnit(t parquet.Type) time.Duration {
	lt := t.LogicalType()
	if lt == nil {
		return 0
	}
	ts, ok := lt.Value.(*format.TimestampType)
	if !ok {
		return 0
	}
	switch ts.Unit.Value.(type) {
	case *format.MilliSeconds:
		return time.Millisecond
	case *format.MicroSeconds:
		return time.Microsecond
	case *format.NanoSeconds:
		return time.Nanosecond
	}
	return 0
}

// toMs turns a timestamp in unit into milliseconds, rounded up: an object
// is younger than an age when it was modified after the inventory date
// minus that age, and with whole milliseconds on both sides of that
// comparison rounding up keeps it exact.
func toMs(v int64, unit time.Duration) int64 {
	if unit == time.Millisecond { // as S3 writes it: no division per row
		return v
	}
	per := int64(time.Millisecond / unit)
	q := v / per
	if v%per > 0 {
		q++
	}
	return q
}

// oneLine keeps an error message to one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// maxParquetFooter bounds a Parquet file's metadata (its footer), which
// parquet-go decodes whole when it opens the file, at about twenty times
// its size in memory: 32,000 one-row groups made a 22 MB footer and 495 MB
// of memory, though a row group's pages are released before the next
// (issue 15, item 5). A 2 MiB footer holds about 3,000 row groups of S3's
// inventory columns (S3 writes a handful), and takes some 40 MB.
const maxParquetFooter = 2 << 20

// parquetFooterSize reads the footer's length from a Parquet file's last 8
// bytes (a 4-byte little-endian length, then "PAR1"); ok is false when
// they are not there, left to parquet.OpenFile to refuse.
func parquetFooterSize(f *os.File, size int64) (n int64, ok bool, err error) {
	var tail [8]byte
	if size < int64(len(tail)) {
		return 0, false, nil
	}
	if _, err := f.ReadAt(tail[:], size-8); err != nil {
		return 0, false, err
	}
	if string(tail[4:]) != "PAR1" {
		return 0, false, nil
	}
	return int64(binary.LittleEndian.Uint32(tail[:4])), true, nil
}

// readParquet reads one Parquet data file: only the columns s3cost needs,
// page by page, its row groups on every core. Memory is bounded by a few
// pages per column and row group in flight, plus the decoded footer
// (maxParquetFooter), whatever the file size. It
// returns I/O errors; bad input is recorded with fail.
func (st *scanState) readParquet(ctx context.Context, fileIdx int, f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return exit.IO(err)
	}
	if n, ok, err := parquetFooterSize(f, fi.Size()); err != nil {
		return exit.IO(err)
	} else if ok && n > maxParquetFooter {
		st.fail(pos{fileIdx, 0, 0}, fmt.Sprintf("Parquet metadata of %d bytes, more than %d MiB (too many row groups or columns): rewrite the file with fewer, larger row groups", n, maxParquetFooter>>20))
		return nil
	}
	pf, err := parquet.OpenFile(f, fi.Size(),
		parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true), parquet.ReadBufferSize(256<<10))
	if err != nil {
		st.fail(pos{fileIdx, 0, 0}, "not a valid Parquet file: "+oneLine(err))
		return nil
	}
	cols, err := findParquetColumns(pf.Schema())
	if err != nil {
		st.fail(pos{fileIdx, 0, 0}, "Parquet schema: "+err.Error())
		return nil
	}
	st.mu.Lock()
	st.pqStats.ModifiedColumn = st.pqStats.ModifiedColumn || cols.modified >= 0
	st.pqStats.TierColumn = st.pqStats.TierColumn || cols.tier >= 0
	st.mu.Unlock()
	groups := pf.RowGroups()
	first := make([]int64, len(groups)) // the file's row number before each group
	for i := 1; i < len(groups); i++ {
		first[i] = first[i-1] + groups[i-1].NumRows()
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(st.workers, len(groups)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := NewHistogram()
			var s Stats
			var scratch rowScratch
			for {
				g := int(next.Add(1) - 1)
				if g >= len(groups) || st.stop.Load() || ctx.Err() != nil {
					break
				}
				if !st.scanRowGroup(fileIdx, groups[g], first[g], cols, h, &s, &scratch) {
					break
				}
				if p := st.opts.Progress; p != nil && pf.NumRows() > 0 {
					p.ReadBytes.Add(fi.Size() * groups[g].NumRows() / pf.NumRows())
				}
			}
			st.mu.Lock()
			st.pq.Merge(h)
			st.pqStats.add(s)
			st.mu.Unlock()
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// columnReader reads the values of one column chunk page by page. The
// pages it has finished stay alive until release, as byte array values
// point into them.
type columnReader struct {
	pages parquet.Pages
	page  parquet.Page
	vals  parquet.ValueReader
	done  []parquet.Page
}

// read fills buf unless the column chunk ends or fails first.
func (c *columnReader) read(buf []parquet.Value) (int, error) {
	n := 0
	for n < len(buf) {
		if c.vals == nil {
			p, err := c.pages.ReadPage()
			if err != nil {
				return n, err
			}
			c.page, c.vals = p, p.Values()
		}
		m, err := c.vals.ReadValues(buf[n:])
		n += m
		if err == io.EOF {
			c.done = append(c.done, c.page)
			c.page, c.vals = nil, nil
			continue
		}
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func (c *columnReader) release() {
	for _, p := range c.done {
		parquet.Release(p)
	}
	c.done = c.done[:0]
}

func (c *columnReader) close() {
	c.release()
	if c.page != nil {
		parquet.Release(c.page)
	}
	c.pages.Close()
}

// int64Column reads an INT64 column chunk page by page from the pages' own
// data, an int64 and a null flag per row, rather than a parquet.Value per
// row through a ValueReader: last_modified_date is read for every object,
// and this way costs a third as much. A dictionary-encoded page is read
// through its dictionary.
type int64Column struct {
	pages  parquet.Pages
	maxDef byte
	// The current page: its non-null values, definition levels (nil when
	// the column is required), rows, and the next row and value.
	page       parquet.Page
	vals       []int64
	defs       []byte
	rows       int
	row, value int
	done       []parquet.Page
}

// read fills vals and null unless the column chunk ends or fails first.
func (c *int64Column) read(vals []int64, null []bool) (int, error) {
	n := 0
	for n < len(vals) {
		if c.page == nil {
			p, err := c.pages.ReadPage()
			if err != nil {
				return n, err
			}
			c.page, c.row, c.value = p, 0, 0
			c.rows = int(p.NumRows())
			c.defs = p.DefinitionLevels()
			if c.maxDef == 0 {
				c.defs = nil
			}
			if d := p.Dictionary(); d != nil {
				dv, iv := d.Page().Data(), p.Data()
				dict, idx := dv.Int64(), iv.Int32()
				c.vals = make([]int64, len(idx))
				for i, k := range idx {
					if int(k) >= len(dict) || k < 0 {
						return n, fmt.Errorf("dictionary index %d out of %d values", k, len(dict))
					}
					c.vals[i] = dict[k]
				}
			} else {
				v := p.Data()
				c.vals = v.Int64()
			}
			if c.defs != nil && len(c.defs) != c.rows {
				return n, fmt.Errorf("%d definition levels for %d rows", len(c.defs), c.rows)
			}
		}
		m := min(len(vals)-n, c.rows-c.row)
		for i := range m {
			if c.defs != nil && c.defs[c.row+i] != c.maxDef {
				null[n+i] = true
				continue
			}
			if c.value >= len(c.vals) {
				return n + i, fmt.Errorf("page of %d values for more rows", len(c.vals))
			}
			vals[n+i], null[n+i] = c.vals[c.value], false
			c.value++
		}
		n += m
		c.row += m
		if c.row == c.rows {
			c.done = append(c.done, c.page)
			c.page = nil
		}
	}
	return n, nil
}

func (c *int64Column) release() {
	for _, p := range c.done {
		parquet.Release(p)
	}
	c.done = c.done[:0]
}

func (c *int64Column) close() {
	c.release()
	if c.page != nil {
		parquet.Release(c.page)
	}
	c.pages.Close()
}

// rowScratch is a worker's buffers for scanRowGroup, reused from row group
// to row group: less garbage, so a lower peak of memory.
type rowScratch struct {
	values   [6][]parquet.Value
	modified []int64
	null     []bool
}

// scanRowGroup counts the rows of one row group into h; row0 is the
// file's row number before it. It returns false after bad input.
func (st *scanState) scanRowGroup(fileIdx int, g parquet.RowGroup, row0 int64, cols parquetColumns, h *Histogram, s *Stats, scratch *rowScratch) bool {
	chunks := g.ColumnChunks()
	asOf := st.asOf[fileIdx]
	idx := []int{cols.size, cols.class, cols.latest, cols.marker, -1, cols.tier}
	names := []string{"size", "storage_class", "is_latest", "is_delete_marker", "", "intelligent_tiering_access_tier"}
	readers := make([]*columnReader, len(idx))
	var bufs [6][]parquet.Value
	for i, ci := range idx {
		if ci < 0 {
			continue
		}
		readers[i] = &columnReader{pages: chunks[ci].Pages()}
		defer readers[i].close()
		if scratch.values[i] == nil {
			scratch.values[i] = make([]parquet.Value, parquetBatch)
		}
		bufs[i] = scratch.values[i]
	}
	// last_modified_date, read only with an inventory date.
	var modified *int64Column
	var mvals []int64
	var mnull []bool
	if cols.modified >= 0 && st.aged[fileIdx] {
		modified = &int64Column{pages: chunks[cols.modified].Pages(), maxDef: byte(cols.modifiedMaxDef)}
		defer modified.close()
		if scratch.modified == nil {
			scratch.modified, scratch.null = make([]int64, parquetBatch), make([]bool, parquetBatch)
		}
		mvals, mnull = scratch.modified, scratch.null
	}
	var nbad int64
	var bad []badRow
	defer func() {
		if nbad == 0 {
			return
		}
		st.mu.Lock()
		st.nbad += nbad
		st.addBad(bad)
		st.mu.Unlock()
	}()
	total := g.NumRows()
	for done := int64(0); done < total; {
		n := int(min(parquetBatch, total-done))
		for i, r := range readers {
			if r == nil {
				continue
			}
			if m, err := r.read(bufs[i][:n]); m != n {
				if err == nil || err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				st.fail(pos{fileIdx, 0, int(row0 + done + int64(m) + 1)}, fmt.Sprintf("column %s: %s", names[i], oneLine(err)))
				return false
			}
		}
		if modified != nil {
			if m, err := modified.read(mvals[:n], mnull[:n]); m != n {
				if err == nil || err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				st.fail(pos{fileIdx, 0, int(row0 + done + int64(m) + 1)}, "column last_modified_date: "+oneLine(err))
				return false
			}
		}
		for j := range n {
			row := row0 + done + int64(j) + 1
			latest, marker := true, false
			if bufs[2] != nil && !bufs[2][j].IsNull() {
				latest = bufs[2][j].Boolean()
			}
			if bufs[3] != nil && !bufs[3][j].IsNull() {
				marker = bufs[3][j].Boolean()
			}
			msg := ""
			var size int64
			var class, tier []byte
			band := -1
			switch sv, cv := bufs[0][j], bufs[1][j]; {
			case marker:
			case sv.IsNull():
				msg = "size is null"
			case cv.IsNull() || len(cv.ByteArray()) == 0:
				msg = "empty storage_class"
			default:
				if cols.sizeKind == parquet.Int32 {
					size = int64(sv.Int32())
				} else {
					size = sv.Int64()
				}
				class = cv.ByteArray()
				if err := checkClass(class); err != nil {
					msg = err.Error()
					break
				}
				if size < 0 {
					msg = fmt.Sprintf("size %d is not a number of bytes", size)
					break
				}
				if bufs[5] != nil && !bufs[5][j].IsNull() {
					tier = bufs[5][j].ByteArray()
					if err := checkTier(tier); err != nil {
						msg = err.Error()
						break
					}
				}
				if modified != nil && (latest || st.opts.AllVersions) {
					if mnull[j] {
						msg = "last_modified_date is null"
					} else if b, err := ageBandAt(asOf, toMs(mvals[j], cols.modifiedUnit), s); err != nil {
						msg = err.Error()
					} else {
						band = b
					}
				}
			}
			if msg != "" {
				if !st.opts.SkipBadRows {
					s.Rows += int64(j)
					st.fail(pos{fileIdx, 0, int(row)}, msg)
					return false
				}
				if len(bad) < maxBadSamples {
					bad = append(bad, badRow{pos{fileIdx, 0, int(row)}, msg})
				}
				nbad++
				continue
			}
			switch {
			case marker:
				s.DeleteMarkers++
			case !latest && !st.opts.AllVersions:
				s.Noncurrent++
			default:
				s.Objects++
				c := h.class(class)
				c.Buckets[bucketOf(uint64(size))].add(uint64(size))
				if band >= 0 {
					c.Ages[band]++
					s.Dated++
				}
				if len(tier) > 0 {
					c.addTier(tier, uint64(size))
				}
			}
		}
		for _, r := range readers {
			if r != nil {
				r.release()
			}
		}
		if modified != nil {
			modified.release()
		}
		done += int64(n)
		s.Rows += int64(n)
		if p := st.opts.Progress; p != nil {
			p.Rows.Add(int64(n))
		}
	}
	return true
}

// addBad keeps the first skipped rows; st.mu is held.
func (st *scanState) addBad(bad []badRow) {
	st.bad = append(st.bad, bad...)
	sort.Slice(st.bad, func(i, j int) bool { return st.bad[i].at.less(st.bad[j].at) })
	if len(st.bad) > maxBadSamples {
		st.bad = st.bad[:maxBadSamples]
	}
}
