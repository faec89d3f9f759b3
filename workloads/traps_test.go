package workloads

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// No silent traps (issue 14, item 3): each case decoded differently, or
// silently, before.
func TestNoSilentTraps(t *testing.T) {
	const objs = "objects:\n  count: 10\n  size: 1KiB\n  from: STANDARD\n" // lines 1-4
	for _, c := range []struct{ name, src, want string }{
		// "internet: 100" was 100 bytes.
		{"transfer without a unit", objs + "transfer:\n  internet: 100\n",
			`w.yaml:6:3: transfer.internet: needs a unit: "100" would be 100 bytes; write 100GiB (or 100B if bytes are meant)`},
		{"inter-region without a unit", objs + "transfer:\n  inter_region: 2e9\n",
			`w.yaml:6:3: transfer.inter_region: needs a unit`},
		// S3 stores objects up to 5 TiB.
		{"object over 5 TiB", "objects:\n  count: 10\n  size: 6TiB\n",
			"w.yaml:3:3: objects.size: is 6 TiB, above 5 TiB, the largest object S3 stores"},
		{"mean over 5 TiB", "objects:\n  count: 2\n  total: 12TiB\n",
			"w.yaml:3:3: objects.total: total / count is 6 TiB an object, above 5 TiB"},
		// 97% is a slip, not rounding.
		{"shares far from 1", "objects:\n  count: 10\n  sizes:\n    - {size: 1KiB, share: 50%}\n    - {size: 2KiB, share: 47%}\n",
			"w.yaml:3:3: objects.sizes: shares add up to 0.97, not 1"},
	} {
		_, err := Decode("w.yaml", []byte(c.src), Options{})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
	for _, ok := range []string{"transfer:\n  internet: 0\n", "transfer:\n  internet: 100B\n", "transfer:\n  internet: 1.5TiB\n"} {
		if _, err := Decode("w.yaml", []byte(objs+ok), Options{}); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

// Shares written as rounded percentages (33% three times, 99%) are scaled
// to add up to exactly 1, each 33/99 = 1/3 to 30 places and the largest
// taking the remainder, and the estimate says so.
func TestRoundedSharesScaled(t *testing.T) {
	src := "objects:\n  count: 10\n  from: STANDARD\n  sizes:\n    - {size: 1KiB, share: 33%}\n    - {size: 2KiB, share: 33%}\n    - {size: 3KiB, share: 33%}\n"
	w, err := Decode("w.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	third := decimal.RequireFromString("0.333333333333333333333333333333")
	sum := decimal.Zero
	for _, s := range w.Objects.Mix {
		sum = sum.Add(s.Share)
		if s.Share.Sub(third).Abs().GreaterThan(decimal.New(1, -29)) {
			t.Errorf("share %s, want about 1/3", s.Share)
		}
	}
	if !sum.Equal(decimal.NewFromInt(1)) {
		t.Errorf("shares add up to %s", sum)
	}
	if len(w.Notes) != 1 || w.Notes[0] != "objects.sizes: the shares add up to 99%; scaled to add up to 100%" {
		t.Errorf("notes %q", w.Notes)
	}
}

// Leaving objects.from out is a choice with a price (a PUT per object): the
// estimate says it once.
func TestStockUploadedSaid(t *testing.T) {
	w, err := Decode("w.yaml", []byte("objects:\n  count: 2_000\n  size: 1KiB\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Notes) != 1 || !strings.HasPrefix(w.Notes[0], "objects.from is not given: the 2,000 objects of month 0 are uploaded (PUT) then") {
		t.Errorf("notes %q", w.Notes)
	}
	w, err = Decode("w.yaml", []byte("objects:\n  count: 2_000\n  size: 1KiB\n  from: STANDARD\n"), Options{})
	if err != nil || len(w.Notes) != 0 {
		t.Errorf("with from: notes %q, err %v", w.Notes, err)
	}
}

// objects: {total, size} derives the count (issue 14, item 3): 3 TiB of
// 1.5 MiB objects are 3 x 2^40 / (1.5 x 2^20) = 2,097,152 objects.
func TestCountFromTotalAndSize(t *testing.T) {
	w, err := Decode("w.yaml", []byte("objects:\n  total: 3TiB\n  size: 1.5MiB\n  from: STANDARD\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !w.Objects.Count.Equal(decimal.NewFromInt(2097152)) || !w.Objects.Mix[0].Bytes.Equal(decimal.NewFromInt(1572864)) {
		t.Errorf("count %s of %s bytes", w.Objects.Count, w.Objects.Mix[0].Bytes)
	}
	if len(w.Notes) != 1 || !strings.HasPrefix(w.Notes[0], "objects: the count is total / size: 2,097,152 objects of 1.5 MiB") {
		t.Errorf("notes %q", w.Notes)
	}
	// 1 GiB of 300 KiB objects is 3,495.25 objects: not a whole number.
	_, err = Decode("w.yaml", []byte("objects:\n  total: 1GiB\n  size: 300KiB\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), "objects.total: total / size is 3495.253333 objects, not a whole number") {
		t.Errorf("err = %v", err)
	}
	// With count too, total and size are one too many, as before.
	_, err = Decode("w.yaml", []byte("objects:\n  count: 5\n  total: 1GiB\n  size: 1MiB\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), "give only one of size, total, sizes") {
		t.Errorf("err = %v", err)
	}
}

// A bare size under a KiB is bytes, as every bare size is, but said in a
// note: "size: 4" meant as 4 MiB would otherwise price 4-byte objects at
// $0.00 without a word (a user review).
func TestTinyBareSizeSaid(t *testing.T) {
	for _, c := range []struct {
		src  string
		note bool
	}{
		{"objects: {count: 1000, size: 4}\n", true},
		{"objects: {count: 10, total: 100}\n", true},
		{"objects: {count: 1000, size: 4KiB}\n", false}, // a unit
		{"objects: {count: 1000, size: 2048}\n", false}, // 2 KiB in bytes: plausible
		{"objects: {count: 1000, size: 4B}\n", false},   // bytes said
		// A ranged GET's size too.
		{"objects: {count: 1000, size: 4KiB}\nreads: {per_month: 10, size: 256}\n", true},
		{"objects: {count: 1000, size: 4KiB}\nreads: {per_month: 10, size: 857926}\n", false}, // analytics' bytes per GET
	} {
		expectNote(t, c.src, "has no unit: read as", c.note)
	}
}

// A stock stored already with a lifetime and no ages is all new at month
// 0, so it all expires in one month: said in a note (a user review), not
// when ages are given or nothing expires.
func TestStockWithoutAgesSaid(t *testing.T) {
	for _, c := range []struct {
		src  string
		note bool
	}{
		{"objects: {count: 10, size: 1MiB, from: STANDARD}\nlifetime: 90d\n", true},
		{"objects: {count: 10, size: 1MiB, from: STANDARD, ages: steady}\nlifetime: 90d\n", false},
		{"objects: {count: 10, size: 1MiB, from: STANDARD}\n", false}, // kept: nothing expires
		{"objects: {count: 10, size: 1MiB}\nlifetime: 90d\n", false},  // uploaded at month 0: new indeed
	} {
		expectNote(t, c.src, "objects.ages is not given: the 10 objects stored already are taken as new at month 0, so all of them expire together at 90d", c.note)
	}
}

// expectNote decodes src and fails unless a note holds text exactly when
// want says one should.
func expectNote(t *testing.T, src, text string, want bool) {
	t.Helper()
	w, err := Decode("w.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	said := false
	for _, n := range w.Notes {
		said = said || strings.Contains(n, text)
	}
	if said != want {
		t.Errorf("%q: note %v, want %v (notes %q)", src, said, want, w.Notes)
	}
}
