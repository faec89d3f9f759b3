package analytics

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/readfile"
)

// InputError is bad input in an export: one line, "FILE:ROW: column:
// message" (ROW is the line the row starts on, 1 for the header; no ROW
// for the file as a whole, no column for a whole row). Every *InputError
// is exit.ErrInput (exit code 2).
type InputError struct {
	File   string
	Row    int
	Column string
	Msg    string
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Row > 0 {
		b.WriteString(":" + strconv.Itoa(e.Row))
	}
	if e.Column != "" {
		b.WriteString(": " + e.Column)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// Is makes every *InputError bad input (exit.ErrInput).
func (e *InputError) Is(target error) bool { return target == exit.ErrInput }

// Reader reads exports and keeps, for each configuration, filter and
// storage class, the sums of every age group over the days read. Call
// ReadFile (or Read) for each export, then Profile.
type Reader struct {
	files  []string
	series []*series
	index  map[seriesKey]int
	seed   maphash.Seed

	// The last row's series and date: rows come in runs of both.
	lastKey    seriesKey
	lastSeries *series
	lastDate   string
	lastDay    int32
	duplicates int
}

type seriesKey struct{ configID, filter, class string }

// series is one configuration, filter and storage class.
type series struct {
	key    seriesKey
	groups [allIndex + 1]groupSums
	days   map[int32]*dayRows
	// objects sums the ALL rows' ObjectCount; objectDays counts the days
	// that gave one.
	objects    exactSum
	objectDays int
	rec        *Recommendation
	recDay     int32
}

// groupSums add up one age group's (or ALL's) rows.
type groupSums struct {
	days                      int
	gets, retrieved, storedMB exactSum
}

// dayRows is what one date of a series has: where each group's row was
// read (to count a repeated row once, and refuse one that differs), and
// the GETs of the age groups and of ALL (which must not be fewer).
type dayRows struct {
	rows     [allIndex + 1]rowRef
	agedGets uint64
	allGets  uint64
}

// rowRef is a row read: its file (index + 1; 0 = none yet), line and
// the hash of its figures.
type rowRef struct {
	file int32
	line int32
	hash uint64
}

// NewReader returns an empty Reader.
func NewReader() *Reader {
	return &Reader{index: map[seriesKey]int{}, seed: maphash.MakeSeed()}
}

// ReadFile reads one export. It refuses, unread, something that is not a
// regular file (an I/O error, as readfile.Open says) and a file over
// MaxFileBytes (bad input); a file that cannot be opened or read is an I/O
// error (exit.ErrIO).
func (r *Reader) ReadFile(path string) error {
	// Refused before opening, as every file s3cost reads: opening a pipe
	// blocks (exit 3, as for a file that cannot be read).
	f, err := readfile.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return exit.IO(err)
	}
	if info.Size() > MaxFileBytes {
		return &InputError{File: path, Msg: fmt.Sprintf("%d bytes, more than the %d (1 GiB) read: not one Storage Class Analysis export", info.Size(), MaxFileBytes)}
	}
	return r.Read(path, f)
}

// ioError marks an error of the underlying reader, so that Read can tell
// it from malformed CSV.
type ioError struct{ err error }

func (e *ioError) Error() string { return e.err.Error() }

// limitedReader reads at most MaxFileBytes and fails past it; errors of
// the source are wrapped in ioError.
type limitedReader struct {
	r    io.Reader
	left int64
}

var errTooLarge = errors.New("too large")

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n > 0 {
			return 0, errTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if err != nil && err != io.EOF {
		err = &ioError{err}
	}
	return n, err
}

// Read reads one export from in, streaming: a row at a time, the header
// checked first. name names it in messages.
func (r *Reader) Read(name string, in io.Reader) error {
	r.files = append(r.files, name)
	fileNo := int32(len(r.files))
	br := bufio.NewReaderSize(&limitedReader{r: in, left: MaxFileBytes}, 64<<10)
	// A spreadsheet that saved the file again may have put a UTF-8
	// byte-order mark before the header; it says nothing.
	if bom, err := br.Peek(3); err == nil && string(bom) == "\xEF\xBB\xBF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // counted here, to say which row and how many
	header, err := cr.Read()
	if err == io.EOF {
		return &InputError{File: name, Msg: "empty: no header row (not a Storage Class Analysis export)"}
	}
	if err != nil {
		return r.csvError(name, err)
	}
	if err := checkHeader(header); err != nil {
		return &InputError{File: name, Row: 1, Column: "header", Msg: err.Error()}
	}
	var h maphash.Hash
	h.SetSeed(r.seed)
	rows := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return r.csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != numColumns {
			return &InputError{File: name, Row: line, Msg: fmt.Sprintf("%d columns, want %d", len(rec), numColumns)}
		}
		if err := r.row(rec, fileNo, line, &h); err != nil {
			err.File, err.Row = name, line
			return err
		}
		rows++
	}
	if rows == 0 {
		return &InputError{File: name, Msg: "no rows after the header"}
	}
	return nil
}

// csvError turns an error of the CSV reader into one line naming the file
// and line: malformed CSV is bad input, a failed read I/O.
func (r *Reader) csvError(name string, err error) error {
	var ioe *ioError
	if errors.As(err, &ioe) {
		return exit.IO(fmt.Errorf("%s: %w", name, ioe.err))
	}
	if errors.Is(err, errTooLarge) {
		return &InputError{File: name, Msg: fmt.Sprintf("more than %d bytes (1 GiB): not one Storage Class Analysis export", MaxFileBytes)}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrBareQuote) || errors.Is(pe.Err, csv.ErrQuote) {
			msg += " (malformed CSV)"
		}
		return &InputError{File: name, Row: pe.Line, Msg: msg}
	}
	return exit.IO(fmt.Errorf("%s: %w", name, err))
}

// checkHeader wants exactly AWS's columns in AWS's order: an unknown
// column (another unit: Storage_GB) or a missing one is never guessed at.
func checkHeader(got []string) error {
	var unknown, missing, twice []string
	seen := map[string]bool{}
	for _, c := range got {
		switch {
		case !slices.Contains(Header, c):
			unknown = append(unknown, strconv.Quote(c))
		case seen[c]:
			twice = append(twice, c)
		}
		seen[c] = true
	}
	for _, c := range Header {
		if !seen[c] {
			missing = append(missing, c)
		}
	}
	var parts []string
	if len(unknown) > 0 {
		parts = append(parts, "unknown "+plural(len(unknown), "column", "columns")+" "+strings.Join(unknown, ", "))
	}
	if len(missing) > 0 {
		parts = append(parts, "missing "+plural(len(missing), "column", "columns")+" "+strings.Join(missing, ", "))
	}
	if len(twice) > 0 {
		parts = append(parts, plural(len(twice), "column", "columns")+" given twice: "+strings.Join(twice, ", "))
	}
	if len(parts) > 0 {
		return errors.New(strings.Join(parts, "; ") + " (a Storage Class Analysis export has " + strings.Join(Header, ",") + ")")
	}
	if !slices.Equal(got, Header) {
		return errors.New("the columns are in another order than AWS writes them: " + strings.Join(Header, ","))
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// row checks one row and adds it to its series. The error's File and Row
// are set by the caller.
func (r *Reader) row(rec []string, fileNo int32, line int, h *maphash.Hash) *InputError {
	date, ierr := r.date(rec[colDate])
	if ierr != nil {
		return ierr
	}
	if rec[colConfigID] == "" {
		return &InputError{Column: "ConfigId", Msg: "empty: every row names its analysis configuration"}
	}
	class := rec[colClass]
	if !slices.Contains(StorageClasses, class) {
		return &InputError{Column: "StorageClass", Msg: fmt.Sprintf("unknown storage class %q (AWS's are %s)", class, strings.Join(StorageClasses, ", "))}
	}
	age := ageIndex(rec[colAge])
	if age < 0 {
		return &InputError{Column: "ObjectAge", Msg: fmt.Sprintf("unknown age group %q (AWS's are %s and ALL)", rec[colAge], ageNames())}
	}
	// Every figure is checked, used or not: a malformed one says the row
	// is not what it seems.
	objects, known, ierr := optionalWhole(rec, colObjectCount)
	if ierr != nil {
		return ierr
	}
	if ierr := checkOptional(rec, colUploaded, "MB"); ierr != nil {
		return ierr
	}
	stored, ierr := number(rec, colStorage, "MB")
	if ierr != nil {
		return ierr
	}
	retrieved, ierr := number(rec, colRetrieved, "MB")
	if ierr != nil {
		return ierr
	}
	gets, ierr := whole(rec, colGets, maxGets, "10^16 (GETs a day)")
	if ierr != nil {
		return ierr
	}
	if ierr := checkOptional(rec, colRatio, "ratio"); ierr != nil {
		return ierr
	}
	var days [2]*int64
	for i, col := range []int{colObserved, colRecommended} {
		if rec[col] == "" {
			continue
		}
		if age != allIndex || class != DefaultClass {
			return &InputError{Column: Header[col], Msg: fmt.Sprintf("given on a %s %s row: AWS gives it on ALL rows of STANDARD only", class, rec[colAge])}
		}
		v, _, ierr := optionalWhole(rec, col)
		if ierr != nil {
			return ierr
		}
		if v > 1e6 {
			return &InputError{Column: Header[col], Msg: fmt.Sprintf("%q is not a number of days", rec[col])}
		}
		n := int64(v)
		days[i] = &n
	}

	s := r.seriesOf(rec)
	d := s.days[date]
	if d == nil {
		d = &dayRows{}
		s.days[date] = d
	}
	h.Reset()
	for _, f := range rec[colObjectCount:] {
		h.WriteString(f)
		h.WriteByte(0)
	}
	sum := h.Sum64()
	if prev := d.rows[age]; prev.file != 0 {
		if prev.hash == sum {
			r.duplicates++
			return nil
		}
		return &InputError{Msg: fmt.Sprintf("%s %s %s %s: a second row for this day and age group, with other figures than %s:%d",
			rec[colDate], quoteText(rec[colConfigID]), class, rec[colAge], r.files[prev.file-1], prev.line)}
	}
	d.rows[age] = rowRef{file: fileNo, line: int32(min(line, 1<<31-1)), hash: sum}
	if age == allIndex {
		d.allGets = gets
	} else {
		d.agedGets += gets
	}

	g := &s.groups[age]
	g.days++
	g.add(gets, retrieved, stored)
	if age == allIndex {
		if known {
			s.objects.add(figure{mant: int64(objects)})
			s.objectDays++
		}
		if (days[0] != nil || days[1] != nil) && (s.rec == nil || date >= s.recDay) {
			s.rec = &Recommendation{Date: dateOf(date), Observed: days[0], Recommended: days[1]}
			s.recDay = date
		}
	}
	return nil
}

// add adds a row's figures.
func (g *groupSums) add(gets uint64, retrieved, stored figure) {
	g.gets.add(figure{mant: int64(gets)}) // at most 10^18
	g.retrieved.add(retrieved)
	g.storedMB.add(stored)
}

// figure is a number of the export: mant x 10^-places when it has at most
// 18 digits (most do; no allocation), else dec.
type figure struct {
	mant   int64
	places int32
	dec    *decimal.Decimal
}

func (f figure) decimal() decimal.Decimal {
	if f.dec != nil {
		return *f.dec
	}
	return decimal.New(f.mant, -f.places)
}

// exactSum adds figures exactly: in an int64 of 10^-places units while
// they fit, into a decimal when they would not. A decimal addition per
// figure was most of the reading time.
type exactSum struct {
	big    decimal.Decimal
	small  int64
	places int32
}

var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

func (s *exactSum) add(f figure) {
	if f.dec != nil {
		s.big = s.big.Add(*f.dec)
		return
	}
	if f.places > s.places {
		k := f.places - s.places
		if s.small > math.MaxInt64/pow10[k] {
			s.flush()
		} else {
			s.small *= pow10[k]
		}
		s.places = f.places
	}
	k := s.places - f.places
	if f.mant > math.MaxInt64/pow10[k] {
		s.big = s.big.Add(f.decimal())
		return
	}
	v := f.mant * pow10[k]
	if s.small > math.MaxInt64-v {
		s.flush()
	}
	s.small += v
}

func (s *exactSum) flush() {
	if s.small != 0 {
		s.big = s.big.Add(decimal.New(s.small, -s.places))
		s.small = 0
	}
}

// value is the sum.
func (s *exactSum) value() decimal.Decimal {
	s.flush()
	return s.big
}

// seriesOf finds (or starts) the series of a row.
func (r *Reader) seriesOf(rec []string) *series {
	if r.lastSeries != nil && rec[colConfigID] == r.lastKey.configID && rec[colFilter] == r.lastKey.filter && rec[colClass] == r.lastKey.class {
		return r.lastSeries
	}
	key := seriesKey{rec[colConfigID], rec[colFilter], rec[colClass]}
	i, ok := r.index[key]
	if !ok {
		key = seriesKey{strings.Clone(key.configID), strings.Clone(key.filter), strings.Clone(key.class)}
		i = len(r.series)
		r.series = append(r.series, &series{key: key, days: map[int32]*dayRows{}})
		r.index[key] = i
	}
	r.lastKey, r.lastSeries = r.series[i].key, r.series[i]
	return r.series[i]
}

// date reads MM-DD-YYYY (S3 User Guide, "Exported file layout": Date) as
// days since 1970-01-01.
func (r *Reader) date(s string) (int32, *InputError) {
	if s == r.lastDate && s != "" {
		return r.lastDay, nil
	}
	bad := func() *InputError {
		return &InputError{Column: "Date", Msg: fmt.Sprintf("%q is not a date MM-DD-YYYY", s)}
	}
	if len(s) != 10 || s[2] != '-' || s[5] != '-' {
		return 0, bad()
	}
	month, ok1 := digits(s[0:2])
	dom, ok2 := digits(s[3:5])
	year, ok3 := digits(s[6:10])
	if !ok1 || !ok2 || !ok3 || year < 1970 {
		return 0, bad()
	}
	t := time.Date(year, time.Month(month), dom, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(month) || t.Day() != dom || t.Year() != year {
		return 0, bad()
	}
	n := int32(t.Unix() / 86400)
	r.lastDate, r.lastDay = strings.Clone(s), n
	return n, nil
}

func dateOf(d int32) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func ageIndex(s string) int {
	if s == AllGroup {
		return allIndex
	}
	for i, g := range AgeGroups {
		if g.Name == s {
			return i
		}
	}
	return -1
}

func ageNames() string {
	names := make([]string, len(AgeGroups))
	for i, g := range AgeGroups {
		names[i] = g.Name
	}
	return strings.Join(names, ", ")
}

// maxDigits bounds a figure's digits: 30 is far beyond any bucket (10^24
// MB would be a million yottabytes), and far below what could slow decimal
// arithmetic.
const maxDigits = 30

// number reads a figure that must be given: a plain non-negative decimal,
// as AWS writes them ("12", "0.5", "1234.123456"); no sign, exponent or
// thousands separator.
func number(rec []string, col int, unit string) (figure, *InputError) {
	s := rec[col]
	if s == "" {
		return figure{}, &InputError{Column: Header[col], Msg: "empty: AWS gives it on every row"}
	}
	return parseNumber(s, col, unit)
}

// checkOptional checks a figure that may be empty and is not used.
func checkOptional(rec []string, col int, unit string) *InputError {
	if rec[col] == "" {
		return nil
	}
	_, ierr := parseNumber(rec[col], col, unit)
	return ierr
}

func parseNumber(s string, col int, unit string) (figure, *InputError) {
	dot := -1
	var mant int64
	nd := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			nd++
			if nd <= 18 {
				mant = mant*10 + int64(c-'0')
			}
		case c == '.' && dot < 0:
			dot = i
		default:
			return figure{}, &InputError{Column: Header[col], Msg: fmt.Sprintf("%q is not a number (%s)", s, unit)}
		}
	}
	if nd == 0 || dot == 0 || dot == len(s)-1 {
		return figure{}, &InputError{Column: Header[col], Msg: fmt.Sprintf("%q is not a number (%s)", s, unit)}
	}
	if nd > maxDigits {
		return figure{}, &InputError{Column: Header[col], Msg: fmt.Sprintf("%q has more than %d digits", s, maxDigits)}
	}
	places := 0
	if dot >= 0 {
		places = len(s) - dot - 1
	}
	if nd <= 18 {
		return figure{mant: mant, places: int32(places)}, nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil { // not reached: the characters were checked
		return figure{}, &InputError{Column: Header[col], Msg: fmt.Sprintf("%q is not a number (%s)", s, unit)}
	}
	return figure{dec: &d}, nil
}

// maxCount is the largest count taken (objects, days): 10^18, as the
// workload format's counts. maxGets is the largest GetRequestCount of a
// day, 10^16, so that GETs a month (x 365/12) stay within 10^18; S3 serves
// a few thousand GETs a second per prefix, some 10^8 a day.
const (
	maxCount = 1_000_000_000_000_000_000
	maxGets  = 10_000_000_000_000_000
)

// whole reads a count that must be given: digits only, at most max.
func whole(rec []string, col int, max uint64, maxText string) (uint64, *InputError) {
	s := rec[col]
	if s == "" {
		return 0, &InputError{Column: Header[col], Msg: "empty: AWS gives it on every row"}
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, &InputError{Column: Header[col], Msg: fmt.Sprintf("%q is not a whole number", s)}
		}
		if i >= 19 || n*10+uint64(c-'0') > max {
			return 0, &InputError{Column: Header[col], Msg: fmt.Sprintf("%q is more than %s", s, maxText)}
		}
		n = n*10 + uint64(c-'0')
	}
	return n, nil
}

func optionalWhole(rec []string, col int) (uint64, bool, *InputError) {
	if rec[col] == "" {
		return 0, false, nil
	}
	n, ierr := whole(rec, col, maxCount, "10^18")
	return n, ierr == nil, ierr
}

// quoteText quotes a configuration's id or filter for a message or a
// comment: one line whatever it holds.
func quoteText(s string) string { return strconv.Quote(s) }
