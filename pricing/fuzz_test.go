package pricing

import (
	"io/fs"
	"testing"
)

// FuzzParseSheet: any input is refused with an error or accepted; an
// accepted sheet is written by Format and read back with the same prices.
func FuzzParseSheet(f *testing.F) {
	usEast, err := fs.ReadFile(Embedded(), "sheets/aws/us-east-1.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(usEast)
	f.Add([]byte(provenanceSheet))
	f.Add([]byte("sheet: a/b\nregion: r\ncurrency: USD\nas_of: x\nsource: y\nclasses: []\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSheet(data)
		if err != nil {
			return
		}
		back, err := ParseSheet(Format(s, FormatOptions{}))
		if err != nil {
			t.Fatalf("an accepted sheet does not read back: %v", err)
		}
		a, b := s.Items(), back.Items()
		if len(a) != len(b) {
			t.Fatalf("%d items, %d read back", len(a), len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%+v read back as %+v", a[i], b[i])
			}
		}
	})
}
