package inventory

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/parquet-go/parquet-go"
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
	size, class, latest, marker int
	sizeKind                    parquet.Kind
}

// findParquetColumns looks the columns up by name: lower snake case as S3
// writes them (size, storage_class, is_latest, is_delete_marker), matched
// like a CSV fileSchema, without case or underscores. size and
// storage_class are required.
func findParquetColumns(s *parquet.Schema) (parquetColumns, error) {
	c := parquetColumns{size: -1, class: -1, latest: -1, marker: -1}
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

// oneLine keeps an error message to one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// readParquet reads one Parquet data file: only the columns s3cost needs,
// page by page, its row groups on every core. Memory is bounded by a few
// pages per column and row group in flight, whatever the file size. It
// returns I/O errors; bad input is recorded with fail.
func (st *scanState) readParquet(ctx context.Context, fileIdx int, f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return exit.IO(err)
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
			for {
				g := int(next.Add(1) - 1)
				if g >= len(groups) || st.stop.Load() || ctx.Err() != nil {
					break
				}
				if !st.scanRowGroup(fileIdx, groups[g], first[g], cols, h, &s) {
					break
				}
				if p := st.opts.Progress; p != nil && pf.NumRows() > 0 {
					p.ReadBytes.Add(fi.Size() * groups[g].NumRows() / pf.NumRows())
				}
			}
			st.mu.Lock()
			st.pq.Merge(h)
			st.pqStats.Rows += s.Rows
			st.pqStats.Objects += s.Objects
			st.pqStats.DeleteMarkers += s.DeleteMarkers
			st.pqStats.Noncurrent += s.Noncurrent
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

// scanRowGroup counts the rows of one row group into h; row0 is the
// file's row number before it. It returns false after bad input.
func (st *scanState) scanRowGroup(fileIdx int, g parquet.RowGroup, row0 int64, cols parquetColumns, h *Histogram, s *Stats) bool {
	chunks := g.ColumnChunks()
	idx := []int{cols.size, cols.class, cols.latest, cols.marker}
	names := []string{"size", "storage_class", "is_latest", "is_delete_marker"}
	readers := make([]*columnReader, len(idx))
	bufs := make([][]parquet.Value, len(idx))
	for i, ci := range idx {
		if ci < 0 {
			continue
		}
		readers[i] = &columnReader{pages: chunks[ci].Pages()}
		defer readers[i].close()
		bufs[i] = make([]parquet.Value, parquetBatch)
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
			var class []byte
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
				if size < 0 {
					msg = fmt.Sprintf("size %d is not a number of bytes", size)
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
				h.Add(class, uint64(size))
			}
		}
		for _, r := range readers {
			if r != nil {
				r.release()
			}
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
