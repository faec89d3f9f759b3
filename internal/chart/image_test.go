package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/exit"
)

// writeImage writes c to name in a fresh directory and returns its path.
func writeImage(t *testing.T, name string, c Chart) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := Image(path, c); err != nil {
		t.Fatalf("Image(%s): %v", name, err)
	}
	return path
}

// assertOnlyFile checks that path is the only file in its directory: no
// temporary file of the atomic write is left behind.
func assertOnlyFile(t *testing.T, path string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != filepath.Base(path) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only %s", names, filepath.Base(path))
	}
}

// validXML reports the first XML syntax error in data, if any.
func validXML(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.Token(); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func TestImageSVG(t *testing.T) {
	c := cumulativeCost()
	c.Series[0].Name = "STANDARD <hot> & co" // go-chart leaves text unescaped
	c.Marks = []Mark{{X: 6, Label: "GLACIER_IR < STANDARD"}}
	for name, c := range map[string]Chart{"linear.svg": c, "log.SVG": costByReads()} {
		t.Run(name, func(t *testing.T) {
			path := writeImage(t, name, c)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := validXML(data); err != nil {
				t.Fatalf("SVG does not parse as XML: %v", err)
			}
			var doc struct{ XMLName xml.Name }
			if err := xml.Unmarshal(data, &doc); err != nil || doc.XMLName.Local != "svg" {
				t.Errorf("root element %q (%v), want svg", doc.XMLName.Local, err)
			}
			text := xmlText(t, data)
			for _, s := range c.Series {
				if !strings.Contains(text, s.Name) {
					t.Errorf("SVG text lacks series %q", s.Name)
				}
			}
			for _, m := range c.Marks {
				if !strings.Contains(text, m.Label) {
					t.Errorf("SVG text lacks mark %q", m.Label)
				}
			}
			assertOnlyFile(t, path)
		})
	}
}

// xmlText is the character data of an XML document, unescaped.
func xmlText(t *testing.T, data []byte) string {
	t.Helper()
	var b strings.Builder
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
			b.WriteByte('\n')
		}
	}
}

func TestImagePNG(t *testing.T) {
	path := writeImage(t, "cost.png", costByReads())
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	if size := img.Bounds().Size(); size.X != imageWidth || size.Y != imageHeight {
		t.Errorf("PNG is %v, want %dx%d", size, imageWidth, imageHeight)
	}
	assertOnlyFile(t, path)
}

func TestImageBadExtension(t *testing.T) {
	for _, name := range []string{"cost.jpg", "cost", "cost.svg.txt"} {
		dir := t.TempDir()
		err := Image(filepath.Join(dir, name), cumulativeCost())
		if err == nil || !strings.Contains(err.Error(), ".svg") || !strings.Contains(err.Error(), ".png") {
			t.Errorf("Image(%s) = %v, want an error naming .svg and .png", name, err)
		}
		if !errors.Is(err, exit.ErrInput) {
			t.Errorf("Image(%s) = %v, want bad input (exit.ErrInput)", name, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("Image(%s) left %d files behind", name, len(entries))
		}
	}
}

// An image that cannot be written is an I/O error, not bad input.
func TestImageUnwritable(t *testing.T) {
	err := Image(filepath.Join(t.TempDir(), "missing-dir", "cost.svg"), cumulativeCost())
	if !errors.Is(err, exit.ErrIO) || errors.Is(err, exit.ErrInput) {
		t.Errorf("err = %v, want exit.ErrIO only", err)
	}
}

// TestImageReplacesAtomically overwrites an existing image and checks the
// rename left exactly the new file.
func TestImageReplacesAtomically(t *testing.T) {
	path := writeImage(t, "cost.svg", cumulativeCost())
	if err := Image(path, costByReads()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "GB read per month") {
		t.Error("the second image did not replace the first")
	}
	assertOnlyFile(t, path)
}

func TestImageEdgeCases(t *testing.T) {
	series := func(pts ...Point) []Series { return []Series{{Name: "s", Points: pts}} }
	tests := []struct {
		name    string
		c       Chart
		wantErr bool
	}{
		{"no series", Chart{}, true},
		{"no drawable point", Chart{LogX: true, Series: series(Point{0, 1})}, true},
		{"single point", Chart{Series: series(Point{3, 7})}, false},
		{"single point log", Chart{LogX: true, Series: series(Point{100, 7}), Marks: []Mark{{X: 100, Label: "here"}}}, false},
		{"equal Y", Chart{Series: series(Point{0, 5}, Point{1, 5})}, false},
		{"empty series beside data", Chart{Series: []Series{{Name: "empty"}, {Name: "s", Points: []Point{{0, 1}, {1, 2}}}}}, false},
		{"mark off a log axis", Chart{LogX: true, Series: series(Point{1, 1}, Point{10, 2}), Marks: []Mark{{X: -1, Label: "skipped"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, ext := range []string{".svg", ".png"} {
				dir := t.TempDir()
				err := Image(filepath.Join(dir, "chart"+ext), tt.c)
				if (err != nil) != tt.wantErr {
					t.Errorf("%s: err = %v, want error %v", ext, err, tt.wantErr)
				}
				entries, _ := os.ReadDir(dir)
				if want := map[bool]int{true: 0, false: 1}[tt.wantErr]; len(entries) != want {
					t.Errorf("%s: directory holds %d files, want %d", ext, len(entries), want)
				}
			}
		})
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{0, 11, []float64{0, 2, 4, 6, 8, 10, 12}},                    // 11/8 = 1.4: step 2
		{230, 2760, []float64{0, 500, 1000, 1500, 2000, 2500, 3000}}, // 316: step 500
		{5, 5, []float64{4, 4.5, 5, 5.5, 6}},                         // equal: widened to 4..6, step 0.5 (0.25 rounds up)
		{-3, 3, []float64{-3, -2, -1, 0, 1, 2, 3}},                   // 0.75: step 1
	}
	for _, tt := range tests {
		got := niceTicks(tt.lo, tt.hi)
		if len(got) != len(tt.want) {
			t.Errorf("niceTicks(%v, %v) = %v, want %v", tt.lo, tt.hi, got, tt.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-tt.want[i]) > 1e-9 {
				t.Errorf("niceTicks(%v, %v) = %v, want %v", tt.lo, tt.hi, got, tt.want)
				break
			}
		}
	}
}
