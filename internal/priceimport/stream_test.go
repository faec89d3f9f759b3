package priceimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/exit"
)

// filler reads n bytes of 'x' without holding them, so that the test's
// input costs no memory of its own.
type filler struct{ n int64 }

func (f *filler) Read(b []byte) (int, error) {
	if f.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(b)), f.n)
	for i := range k {
		b[i] = 'x'
	}
	f.n -= k
	return int(k), nil
}

// withHuge returns doc (a JSON object) with a member "key": "xxx...",
// size bytes long, first.
func withHuge(doc []byte, key string, size int64) io.Reader {
	return io.MultiReader(strings.NewReader(`{"`+key+`": "`), &filler{size}, strings.NewReader(`",`), bytes.NewReader(doc[1:]))
}

// A 32 MB string under a key the importer does not know is read past a
// buffer at a time (issue 15, item 4): the import allocates a few MB in
// all, where encoding/json's Decoder allocated more than twice the string,
// and the prices are those of the same input without it.
func TestHugeUnknownStringConstantMemory(t *testing.T) {
	const huge = 32 << 20
	rows := euRows()
	feed := readTestdata(t, "feed-handwritten.json")
	cases := []struct {
		name string
		doc  []byte
		key  string
	}{
		{"get-products", wrapItems("PriceList", rowsOf(rows, offerS3)), "NextToken"},
		{"feed", feed, "sets"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := mustImport(t, euOptions(), bytes.NewReader(c.doc))
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			got, err := Import(euOptions(), withHuge(c.doc, c.key, huge))
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Found, want.Found) {
				t.Errorf("prices differ with the huge string: %v, want %v", got.Found, want.Found)
			}
			allocated := after.TotalAlloc - before.TotalAlloc
			t.Logf("allocated %.1f MB skipping a %d MB string", mb(allocated), huge>>20)
			if allocated > 4<<20 {
				t.Errorf("allocated %.1f MB skipping a %d MB string; want under 4 MB", mb(allocated), huge>>20)
			}
		})
	}
}

// What the importer keeps is bounded too: a key past maxTokenBytes and a
// value decoded past maxValueBytes are bad input, refused as they are read.
func TestStreamLimits(t *testing.T) {
	cases := []struct {
		name string
		in   io.Reader
		want string
	}{
		{"a huge key", io.MultiReader(strings.NewReader(`{"`), &filler{maxTokenBytes + 1}, strings.NewReader(`": 1, "PriceList": []}`)),
			"a key or a single value longer than 65536 bytes"},
		{"a huge product", io.MultiReader(strings.NewReader(`{"products": {"S": {"attributes": {"x": "`), &filler{maxValueBytes}, strings.NewReader(`"}}}}`)),
			`product "S": a value longer than 4194304 bytes`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Import(euOptions(), c.in)
			if !errors.Is(err, exit.ErrInput) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want bad input saying %q", err, c.want)
			}
		})
	}
}

// tokens lists the tokens of data read with Token until the end or an
// error; ok says whether the end was reached.
func tokens(next func() (json.Token, error)) (toks []json.Token, ok bool) {
	for {
		tok, err := next()
		if err == io.EOF {
			return toks, true
		}
		if err != nil {
			return toks, false
		}
		toks = append(toks, tok)
	}
}

// FuzzStreamTokens checks stream against encoding/json's Decoder: the same
// tokens, and an error on the same inputs.
func FuzzStreamTokens(f *testing.F) {
	for _, s := range []string{
		`{"a": [1, -2.5e3, true, false, null, "s\u00e9\n"], "b": {}} [] "x" 0`,
		`{"a" 1}`, `[1,]`, `{"a":1,}`, `[01]`, `[1.]`, `[1e]`, `[-]`, `"\x"`, "\"\x01\"", `[tru]`,
		`{"a":[}`, `]`, `{1:2}`, `"\ud800"`, "\"\xff\"", `1e999`, `[1 2]`, `{"a":1 "b":2}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, wantOK := tokens(json.NewDecoder(bytes.NewReader(data)).Token)
		got, gotOK := tokens(newStream(bytes.NewReader(data)).Token)
		if gotOK != wantOK || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: stream read %v (end reached: %v), json.Decoder %v (%v)", data, got, gotOK, want, wantOK)
		}
	})
}

// Decode and skipValue read exactly one value, as json.Decoder's Decode.
func TestStreamDecodeAndSkip(t *testing.T) {
	s := newStream(strings.NewReader(`{"a": {"b": [1, "x"]}, "c": {"d": "e"}, "f": 2}`))
	if tok, err := s.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("%v %v", tok, err)
	}
	if k, err := s.Token(); err != nil || k != "a" {
		t.Fatalf("%v %v", k, err)
	}
	if err := s.skipValue(); err != nil {
		t.Fatal(err)
	}
	if !s.More() {
		t.Fatal("More = false before c")
	}
	if k, err := s.Token(); err != nil || k != "c" {
		t.Fatalf("%v %v", k, err)
	}
	var v map[string]string
	if err := s.Decode(&v); err != nil || v["d"] != "e" {
		t.Fatalf("%v %v", v, err)
	}
	if k, err := s.Token(); err != nil || k != "f" {
		t.Fatalf("%v %v", k, err)
	}
	var n int
	if err := s.Decode(&n); err != nil || n != 2 {
		t.Fatalf("%v %v", n, err)
	}
	if s.More() {
		t.Error("More = true at the end")
	}
	if tok, err := s.Token(); err != nil || tok != json.Delim('}') {
		t.Fatalf("%v %v", tok, err)
	}
	if _, err := s.Token(); err != io.EOF {
		t.Errorf("after the value: %v, want io.EOF", err)
	}
}
