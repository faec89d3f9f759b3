package inventory

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// genOptions describe a generated inventory.
type genOptions struct {
	Seed uint64
	// Objects is the number of keys; each may have older versions and a
	// delete marker.
	Objects int
	Classes []string
	// NoncurrentShare of keys have 1-3 older versions; DeleteShare have a
	// delete marker as their latest version.
	NoncurrentShare, DeleteShare float64
	// EmptyShare of objects are empty (folder markers).
	EmptyShare float64
	// AsOf is the inventory date (milliseconds since the epoch) the
	// objects' ages are drawn back from.
	AsOf int64
	// Tiers adds an IntelligentTieringAccessTier column (tierSchema).
	Tiers bool
}

// genAsOf is the generated inventories' date, 2026-11-29T12:00:00Z: the
// creationTimestamp 1795953600000 of the test manifests.
const genAsOf = 1795953600000

// tierSchema is DefaultSchema with IntelligentTieringAccessTier last.
const tierSchema = DefaultSchema + ", IntelligentTieringAccessTier"

// genTiers are the access tiers written for INTELLIGENT_TIERING objects.
var genTiers = []string{"FREQUENT", "INFREQUENT", "ARCHIVE_INSTANT_ACCESS"}

func defaultGen(seed uint64, objects int) genOptions {
	return genOptions{
		Seed: seed, Objects: objects,
		Classes:         []string{"STANDARD", "STANDARD", "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR", "REDUCED_REDUNDANCY"},
		NoncurrentShare: 0.2, DeleteShare: 0.05, EmptyShare: 0.01,
		AsOf: genAsOf,
	}
}

// genAge draws an object's age in milliseconds: mostly under a few years,
// some exactly at a band's edge or a millisecond under it, a few modified
// after the inventory date (written while it ran).
func genAge(r *rand.Rand) int64 {
	switch x := r.Float64(); {
	case x < 0.05:
		edge := AgeEdges[r.IntN(NumAgeBands-1)] * dayMs
		return edge - r.Int64N(2)
	case x < 0.06:
		return -r.Int64N(3600_000) - 1
	case x < 0.5:
		return r.Int64N(90 * dayMs)
	case x < 0.9:
		return r.Int64N(800 * dayMs)
	}
	return r.Int64N(4000 * dayMs)
}

// genTruth is what a generated inventory holds: the current objects' sizes
// and ages (milliseconds) by class, and every version's.
type genTruth struct {
	Current     map[string][]uint64
	All         map[string][]uint64
	CurrentAges map[string][]int64
	AllAges     map[string][]int64
	// Tiers are the current objects' access tiers by class.
	Tiers         map[string][]string
	Rows          int64
	DeleteMarkers int64
	Noncurrent    int64
}

// logNormalSize: median about 64 KiB, so sizes straddle 128 KiB; a long
// tail into the gigabytes, as in real buckets.
func logNormalSize(r *rand.Rand, emptyShare float64) uint64 {
	if r.Float64() < emptyShare {
		return 0
	}
	s := math.Exp(11.1 + 2.6*r.NormFloat64())
	if s < 1 {
		s = 1
	}
	if s > 5<<40 {
		s = 5 << 40
	}
	return uint64(s)
}

// genKey is a realistic key with the characters that make CSV hard
// (commas, quotes, spaces, non-ASCII), URL-encoded as S3 Inventory does.
func genKey(r *rand.Rand, i int) string {
	parts := []string{"logs/2026/11/", "images/thumbs/", `reports/Q3, "final"/`, "données/été/", "a+b/c d/"}
	return url.QueryEscape(fmt.Sprintf("%sobject-%d,%d.bin", parts[r.IntN(len(parts))], i, r.IntN(1000)))
}

// genInventory writes an inventory in the DefaultSchema order to w.
func genInventory(w io.Writer, o genOptions) genTruth {
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed))
	// Ages and tiers come from a second generator, so that the rest of the
	// inventory is the same as before they were generated.
	ra := rand.New(rand.NewPCG(o.Seed, o.Seed^0xa9e5))
	t := genTruth{Current: map[string][]uint64{}, All: map[string][]uint64{},
		CurrentAges: map[string][]int64{}, AllAges: map[string][]int64{}, Tiers: map[string][]string{}}
	var age int64
	var tier string
	row := func(key, version string, latest, marker bool, size uint64, class string) {
		t.Rows++
		sz := fmt.Sprint(size)
		if marker {
			sz, class = "", ""
		}
		age = genAge(ra)
		modified := time.UnixMilli(o.AsOf - age).UTC().Format("2006-01-02T15:04:05.000Z")
		_ = r.IntN(28) // the day of the month it drew before ages were generated
		fmt.Fprintf(w, "\"inventory-bucket\",\"%s\",\"%s\",\"%t\",\"%t\",\"%s\",\"%s\",\"%x\",\"%s\"",
			key, version, latest, marker, sz, modified, r.Uint64(), class)
		if o.Tiers {
			tier = ""
			if class == "INTELLIGENT_TIERING" && ra.IntN(10) > 0 { // a tenth without a tier
				tier = genTiers[ra.IntN(len(genTiers))]
			}
			fmt.Fprintf(w, ",\"%s\"", tier)
		}
		fmt.Fprintln(w)
	}
	for i := range o.Objects {
		key := genKey(r, i)
		class := o.Classes[r.IntN(len(o.Classes))]
		if r.Float64() < o.NoncurrentShare {
			for v := range 1 + r.IntN(3) {
				size := logNormalSize(r, o.EmptyShare)
				row(key, fmt.Sprintf("old%d", v), false, false, size, class)
				t.Noncurrent++
				t.All[class] = append(t.All[class], size)
				t.AllAges[class] = append(t.AllAges[class], age)
			}
		}
		if r.Float64() < o.DeleteShare {
			row(key, "dm", true, true, 0, "")
			t.DeleteMarkers++
			continue
		}
		size := logNormalSize(r, o.EmptyShare)
		row(key, "cur", true, false, size, class)
		t.Current[class] = append(t.Current[class], size)
		t.All[class] = append(t.All[class], size)
		t.CurrentAges[class] = append(t.CurrentAges[class], age)
		t.AllAges[class] = append(t.AllAges[class], age)
		t.Tiers[class] = append(t.Tiers[class], tier)
	}
	return t
}

// writeGenerated writes a generated inventory to dir/name, gzipped when
// name ends in .gz.
func writeGenerated(t testing.TB, dir, name string, o genOptions) (string, genTruth) {
	t.Helper()
	var buf bytes.Buffer
	truth := genInventory(&buf, o)
	data := buf.Bytes()
	if filepath.Ext(name) == ".gz" {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, truth
}

func defaultSchema(t testing.TB) Schema {
	t.Helper()
	s, err := ParseSchema(DefaultSchema)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
