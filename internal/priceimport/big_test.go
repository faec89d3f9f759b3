package priceimport

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

var bigMB = flag.Int("priceimport.bigmb", 16, "size in MB of the generated whole-offer fixture (TestWholeOfferBoundedMemory)")

// noiseUsages are real S3 usage-type suffixes (and others the offer holds),
// written for other regions, or for eu-west-1 under other services and
// operations, so the noise looks like the real offer.
var noiseUsages = []string{
	"TimedStorage-ByteHrs", "TimedStorage-SIA-ByteHrs", "TimedStorage-GlacierByteHrs", "TimedStorage-GDA-ByteHrs",
	"TimedStorage-INT-FA-ByteHrs", "TimedStorage-GlacierStaging", "Requests-Tier1", "Requests-Tier2",
	"Requests-Tier3", "Requests-GLACIER-Tier1", "Standard-Retrieval-Bytes", "EarlyDelete-SIA",
	"DataTransfer-Out-Bytes", "Select-Scanned-Bytes", "StorageAnalytics-ObjCount", "Inventory-ObjectsListed",
	"BatchOperations-Jobs", "TagStorage-TagHrs", "Outposts-TimedStorage-ByteHrs", "S3RTC-Out-Bytes",
}

// writeWholeOffer writes an AmazonS3 offer file of about sizeMB: noise
// products across 30 other regions (real usage types with their prefixes)
// and eu-west-1 products of no interest, with the fixture's eu-west-1 S3
// rows scattered among them; products first, then terms, as AWS writes it.
// It streams to disk and returns the file size.
func writeWholeOffer(t *testing.T, path string, sizeMB int, real []row) int64 {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	const perProduct = 1300 // bytes of product and terms, measured
	n := sizeMB << 20 / perProduct
	rng := rand.New(rand.NewPCG(1, 2))
	// Place the real rows at random positions.
	at := map[int]row{}
	for _, r := range real {
		for {
			i := rng.IntN(n)
			if _, taken := at[i]; !taken {
				at[i] = r
				break
			}
		}
	}
	rowAt := func(i int) row {
		if r, ok := at[i]; ok {
			return r
		}
		usage := noiseUsages[i%len(noiseUsages)]
		region := i % 31 // 30 other regions and eu-west-1
		if region == 30 {
			// eu-west-1 products of no interest: another operation or service.
			return row{offer: offerS3, service: "AmazonS3", usage: "EU-" + usage, op: fmt.Sprintf("Noise%d", i),
				region: euRegion, location: euLoc, unit: "Requests", tiers: flat("0.0000010000")}
		}
		return row{offer: offerS3, usage: fmt.Sprintf("R%02d-%s", region, usage), op: fmt.Sprintf("Op%d", i%7),
			region: fmt.Sprintf("xx-noise-%d", region), location: fmt.Sprintf("Noise (%d)", region), unit: "GB-Mo",
			tiers: []tier{{"0", "51200", "0.0230000000"}, {"51200", "512000", "0.0220000000"}, {"512000", "Inf", "0.0210000000"}}}
	}
	sku := func(i int) string {
		if r, ok := at[i]; ok {
			return r.sku()
		}
		return fmt.Sprintf("NOISE%011d", i)
	}
	fmt.Fprintf(w, "{\n  \"formatVersion\" : \"v1.0\",\n  \"disclaimer\" : \"test\",\n  \"offerCode\" : \"AmazonS3\",\n  \"version\" : \"20260918202541\",\n  \"publicationDate\" : %q,\n  \"products\" : {\n", offerDates[offerS3])
	for i := range n {
		r := rowAt(i)
		p := r.product()
		p.Sku = sku(i)
		data := mustJSON(t, p)
		sep := ","
		if i == n-1 {
			sep = ""
		}
		fmt.Fprintf(w, "    %q : %s%s\n", p.Sku, data, sep)
	}
	w.WriteString("  },\n  \"terms\" : {\n    \"OnDemand\" : {\n")
	for i := range n {
		r := rowAt(i)
		s := sku(i)
		term := r.term()
		if _, ok := at[i]; !ok {
			term.Sku = s
		}
		sep := ","
		if i == n-1 {
			sep = ""
		}
		fmt.Fprintf(w, "      %q : { %q : %s }%s\n", s, s+"."+termCode, mustJSON(t, term), sep)
	}
	w.WriteString("    }\n  },\n  \"attributesList\" : { }\n}\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestWholeOfferBoundedMemory imports a whole-offer-sized AmazonS3 file
// (24 MB by default; -priceimport.bigmb=200 for a bigger one) while sampling
// the heap, and checks the prices and that the heap stays small and does
// not grow with the file.
func TestWholeOfferBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a large file")
	}
	rows := euRows()
	path := filepath.Join(t.TempDir(), "index.json")
	start := time.Now()
	size := writeWholeOffer(t, path, *bigMB, rowsOf(rows, offerS3))
	t.Logf("generated %.1f MB in %v", float64(size)/(1<<20), time.Since(start).Round(time.Millisecond))

	others := openShape(t, "offer")[1:] // Deep Archive and data transfer
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	var res Result
	start = time.Now()
	growth := measureHeap(func() { res, err = Import(euOptions(), append([]io.Reader{f}, others...)...) })
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("imported in %v; heap growth %.1f MB for a %.1f MB file", elapsed.Round(time.Millisecond), mb(growth), float64(size)/(1<<20))

	assertFound(t, res.Found, euWant())
	noise := int(size/1300) - len(rowsOf(rows, offerS3)) // approximately; checked loosely
	if res.Ignored < noise/2 {
		t.Errorf("Ignored = %d, want about %d noise products", res.Ignored, noise)
	}
	// Bounded: far below the file's size and under a fixed ceiling. A
	// reader that held the file (or decoded it whole) would need several
	// times its size.
	const ceiling = 64 << 20
	if growth > ceiling || int64(growth) > size/2 {
		t.Errorf("heap grew by %.1f MB importing a %.1f MB file; want under %.0f MB and under half the file", mb(growth), float64(size)/(1<<20), mb(ceiling))
	}
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// measureHeap runs f while sampling the heap; it returns the peak growth of
// the heap in use over what it was before.
func measureHeap(f func()) (growth uint64) {
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	peak := base.HeapInuse
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	return peak - min(peak, base.HeapInuse)
}

// writeBigFeed writes an S3 pricing-page feed of about sizeMB: every
// location of the region table and a few unknown ones, each with thousands
// of items (hashed codes, labels the importer does not map, and the mapped
// labels at other prices), with eu-west-1's items from the hand-written
// fixture spread through its region. It streams to disk and returns the
// file size.
func writeBigFeed(t *testing.T, path string, sizeMB int) int64 {
	t.Helper()
	var fixture struct {
		Regions map[string]map[string]json.RawMessage `json:"regions"`
	}
	if err := json.Unmarshal(readTestdata(t, "feed-handwritten.json"), &fixture); err != nil {
		t.Fatal(err)
	}
	euItems := fixture.Regions[euLoc]
	euLabels := sortedKeysOf(euItems)
	var mapped []string
	for l := range feedLabels {
		mapped = append(mapped, l)
	}
	sort.Strings(mapped)

	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	locations := []string{}
	for _, r := range Regions() {
		locations = append(locations, r.Location)
	}
	locations = append(locations, "Any", "", "Nowhere (1)", "Nowhere (2)")
	const perItem = 190 // bytes, measured
	perRegion := sizeMB << 20 / perItem / len(locations)
	rng := rand.New(rand.NewPCG(3, 4))
	fmt.Fprintf(w, "{\"manifest\":{\"hawkFilePublicationDate\":\"2025-10-22T21:14:55Z\",\"currencyCode\":\"USD\"},\"sets\":{},\"regions\":{\n")
	for li, loc := range locations {
		fmt.Fprintf(w, "%q:{\n", loc)
		// eu-west-1's real items at random positions among the noise.
		at := map[int]string{}
		if loc == euLoc {
			for _, l := range euLabels {
				for {
					i := rng.IntN(perRegion)
					if _, taken := at[i]; !taken {
						at[i] = l
						break
					}
				}
			}
		}
		for i := range perRegion {
			sep := ","
			if i == perRegion-1 {
				sep = ""
			}
			if l, ok := at[i]; ok {
				fmt.Fprintf(w, "%q:%s%s\n", l, euItems[l], sep)
				continue
			}
			var label string
			switch {
			case loc != euLoc && i < len(mapped):
				label = mapped[i] // other regions carry the mapped labels too
			case i%3 == 0:
				label = fmt.Sprintf("Noise label %d of region %d per Requests", i, li)
			default:
				label = fmt.Sprintf("%043x", uint64(i)*0x9E3779B97F4A7C15+uint64(li))[:43]
			}
			fmt.Fprintf(w, "%q:{\"rateCode\":\"NOISE%011d.JRTCKXETXF.6YS6EN2CT7\",\"price\":\"0.00%08d\",\"RegionlessRateCode\":\"%x\"}%s\n",
				label, i, rng.IntN(1e8), rng.Uint64(), sep)
		}
		end := ","
		if li == len(locations)-1 {
			end = ""
		}
		fmt.Fprintf(w, "}%s\n", end)
	}
	w.WriteString("}}\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func sortedKeysOf(m map[string]json.RawMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestWholeFeedBoundedMemory imports a large generated feed for eu-west-1,
// then without a region (every region's state is kept, then the import
// refuses to choose), and checks the prices and that the heap stays small.
func TestWholeFeedBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a large file")
	}
	path := filepath.Join(t.TempDir(), "s3.json")
	size := writeBigFeed(t, path, *bigMB)
	const ceiling = 64 << 20
	for _, region := range []string{euRegion, ""} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var res Result
		start := time.Now()
		growth := measureHeap(func() {
			res, err = Import(Options{Region: region}, bufio.NewReaderSize(f, 1<<20))
		})
		f.Close()
		t.Logf("region %q: imported in %v; heap growth %.1f MB for a %.1f MB feed", region, time.Since(start).Round(time.Millisecond), mb(growth), float64(size)/(1<<20))
		if region == "" {
			if err == nil || !strings.Contains(err.Error(), "the inputs price 36 regions") || !strings.Contains(err.Error(), "Nowhere (1), Nowhere (2)") {
				t.Errorf("err = %v, want the 36 regions listed", err)
			}
		} else {
			if err != nil {
				t.Fatal(err)
			}
			assertFound(t, res.Found, handwrittenFeedWant())
		}
		if growth > ceiling || int64(growth) > size/2 {
			t.Errorf("heap grew by %.1f MB reading a %.1f MB feed; want under %.0f MB and under half the file", mb(growth), float64(size)/(1<<20), mb(ceiling))
		}
	}
}
