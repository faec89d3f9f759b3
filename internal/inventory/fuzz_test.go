package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzParseRow: the row parser never panics, and a row it accepts has the
// schema's columns, a size that is a decimal number of bytes, its
// LastModifiedDate field as written (whose parser does not panic either)
// and an access tier of upper-case letters, digits and _.
func FuzzParseRow(f *testing.F) {
	f.Add([]byte(`"b","k1","v","true","false","100","2026-01-01","e","STANDARD"`))
	f.Add([]byte(`"b","k1","v","true","false","100","2026-11-29T12:00:00.000Z","e","INTELLIGENT_TIERING","FREQUENT"`))
	f.Add([]byte(`b,k,v,true,false,1,2024-02-29T23:59:59Z,e,GLACIER,`))
	f.Add([]byte(`"b","a%2C+%22q%22","v","false","true","","2026-01-01","","`))
	f.Add([]byte(`b,k,v,true,false,18446744073709551615,d,e,GLACIER`))
	f.Add([]byte(`"b","k""x","v","true","false","1","d","e","S"`))
	f.Add([]byte(`"b,"k"`))
	f.Add([]byte(`"a""b","","""","x"`))
	f.Add([]byte(`"a""b`))
	s, _ := ParseSchema(DefaultSchema + ", IntelligentTieringAccessTier")
	f.Fuzz(func(t *testing.T, line []byte) {
		orig := bytes.Clone(line)
		for want := 1; want <= 11; want += 5 {
			a, b := make([][]byte, want), make([][]byte, want)
			na, erra := rowFields(bytes.Clone(line), a, want)
			nb, errb := rowFieldsRef(bytes.Clone(line), b, want)
			if na != nb || fmt.Sprint(erra) != fmt.Sprint(errb) || (erra == nil && !reflect.DeepEqual(a, b)) {
				t.Fatalf("%q (%d columns): %d %q %v, before %d %q %v", orig, want, na, a, erra, nb, b, errb)
			}
		}
		fields := make([][]byte, s.Columns)
		r, err := ParseRow(line, s, fields)
		if err != nil || r.DeleteMarker {
			return
		}
		if len(r.Class) == 0 {
			t.Fatalf("%q: accepted with no class", orig)
		}
		if got, err := strconv.ParseUint(string(fields[s.Size]), 10, 64); err != nil || got != r.Size {
			t.Fatalf("%q: size %d from %q", orig, r.Size, fields[s.Size])
		}
		if !bytes.Equal(r.Modified, fields[s.LastModified]) {
			t.Fatalf("%q: LastModifiedDate %q, field %q", orig, r.Modified, fields[s.LastModified])
		}
		checkModified(t, r.Modified)
		for _, c := range r.Tier {
			if (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '_' {
				t.Fatalf("%q: accepted tier %q", orig, r.Tier)
			}
		}
	})
}

// FuzzParseModified: the LastModifiedDate parser never panics, and what it
// accepts time.Parse reads as the same instant, in one of the two forms S3
// writes.
func FuzzParseModified(f *testing.F) {
	for _, s := range []string{"2026-11-29T12:00:00.000Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00.000Z",
		"9999-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "2026-11-29"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkModified(t, b) })
}

func checkModified(t *testing.T, b []byte) {
	ms, err := ParseModified(b)
	if err != nil {
		return
	}
	layout := "2006-01-02T15:04:05Z"
	if len(b) == 24 {
		layout = "2006-01-02T15:04:05.000Z"
	}
	want, perr := time.Parse(layout, string(b))
	if perr != nil || want.UnixMilli() != ms {
		t.Fatalf("%q: %d ms, time.Parse: %v %v", b, ms, want.UnixMilli(), perr)
	}
}

// FuzzParseManifest: the manifest parser never panics, and every file it
// accepts resolves inside the manifest's folder.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(`{"fileFormat":"CSV","fileSchema":"Bucket, Key, Size, StorageClass","files":[{"key":"a/data/x.csv.gz"}]}`))
	f.Add([]byte(`{"fileFormat":"CSV","fileSchema":"Size, StorageClass","files":[{"key":"../x"}]}`))
	f.Add([]byte(`{"fileFormat":"Parquet","files":[]}`))
	f.Add([]byte(`{"fileFormat":"CSV","fileSchema":"Size,Size","files":[{"key":"/"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, s, err := ParseManifest(data)
		if err != nil {
			return
		}
		if s.Size < 0 || s.StorageClass < 0 || s.Columns <= s.Size || s.Columns <= s.StorageClass {
			t.Fatalf("bad schema %+v", s)
		}
		for _, file := range m.Files {
			name, err := localName(file.Key)
			if err != nil {
				t.Fatalf("accepted key %q: %v", file.Key, err)
			}
			p := filepath.Join("/m", name)
			if filepath.Dir(p) != "/m" || strings.Contains(name, "/") || !filepath.IsLocal(name) {
				t.Fatalf("key %q resolves to %s", file.Key, p)
			}
		}
	})
}

// rowFieldsRef is rowFields as it was before it looked for quotes with
// bytes.IndexByte, byte by byte: FuzzParseRow requires the same fields and
// errors of both. It splits one CSV line (without its line end) into fields, into
// dst, which must have room for want fields. S3 Inventory quotes every
// field ("a","b"); a quote inside a quoted field is doubled. Keys are
// URL-encoded, so a field never holds a line end. The fields alias line,
// except a quoted field holding "" which is unescaped in place. It returns
// the number of fields, or an error when it is not want.
func rowFieldsRef(line []byte, dst [][]byte, want int) (int, error) {
	n := 0
	i := 0
	for {
		if n == want {
			return n, fmt.Errorf("more than %d columns", want)
		}
		if i < len(line) && line[i] == '"' {
			// Quoted field: up to the closing quote; "" is a quote.
			i++
			start, w := i, i
			escaped := false
			for {
				if i >= len(line) {
					return n, errors.New("unterminated quoted field")
				}
				c := line[i]
				if c == '"' {
					if i+1 < len(line) && line[i+1] == '"' {
						escaped = true
						line[w] = '"'
						w++
						i += 2
						continue
					}
					break
				}
				if escaped {
					line[w] = c
				}
				w++
				i++
			}
			dst[n] = line[start:w]
			n++
			i++ // closing quote
			if i == len(line) {
				break
			}
			if line[i] != ',' {
				return n, errors.New("text after a closing quote")
			}
			i++
			continue
		}
		start := i
		for i < len(line) && line[i] != ',' {
			if line[i] == '"' {
				return n, errors.New("quote inside an unquoted field")
			}
			i++
		}
		dst[n] = line[start:i]
		n++
		if i == len(line) {
			break
		}
		i++ // comma
	}
	if n != want {
		return n, fmt.Errorf("%d columns, want %d", n, want)
	}
	return n, nil
}
