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
	"sync"
	"testing"
	"time"
)

var bigMB = flag.Int("priceimport.bigmb", 24, "size in MB of the generated whole-offer fixture (TestWholeOfferBoundedMemory)")

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
	start = time.Now()
	res, err := Import(euOptions(), append([]io.Reader{f}, others...)...)
	elapsed := time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	growth := peak - min(peak, base.HeapInuse)
	t.Logf("imported in %v; heap in use: %.1f MB before, peak %.1f MB (growth %.1f MB) for a %.1f MB file",
		elapsed.Round(time.Millisecond), mb(base.HeapInuse), mb(peak), mb(growth), float64(size)/(1<<20))

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
