package inventory

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// FuzzParseRow: the row parser never panics, and a row it accepts has the
// schema's columns and a size that is a decimal number of bytes.
func FuzzParseRow(f *testing.F) {
	f.Add([]byte(`"b","k1","v","true","false","100","2026-01-01","e","STANDARD"`))
	f.Add([]byte(`"b","a%2C+%22q%22","v","false","true","","2026-01-01","","`))
	f.Add([]byte(`b,k,v,true,false,18446744073709551615,d,e,GLACIER`))
	f.Add([]byte(`"b","k""x","v","true","false","1","d","e","S"`))
	f.Add([]byte(`"b,"k"`))
	s, _ := ParseSchema(DefaultSchema)
	f.Fuzz(func(t *testing.T, line []byte) {
		orig := bytes.Clone(line)
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
