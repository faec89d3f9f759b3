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
)

// FuzzParseRow: the row parser never panics, splits a row as the byte by
// byte splitter did, and a row it accepts has the schema's columns and a
// size that is a decimal number of bytes.
func FuzzParseRow(f *testing.F) {
	f.Add([]byte(`"b","k1","v","true","false","100","2026-01-01","e","STANDARD"`))
	f.Add([]byte(`"b","a%2C+%22q%22","v","false","true","","2026-01-01","","`))
	f.Add([]byte(`b,k,v,true,false,18446744073709551615,d,e,GLACIER`))
	f.Add([]byte(`"b","k""x","v","true","false","1","d","e","S"`))
	f.Add([]byte(`"b,"k"`))
	f.Add([]byte(`"a""b","","""","x"`))
	f.Add([]byte(`"a""b`))
	s, _ := ParseSchema(DefaultSchema)
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
	})
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
