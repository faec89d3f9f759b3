package priceimport

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// FuzzImport feeds arbitrary bytes to the importer: it must never panic;
// when it succeeds, every price is a non-negative decimal and the sheet it
// writes is YAML holding exactly those prices.
func FuzzImport(f *testing.F) {
	rows := euRows()
	seeds := [][]byte{
		[]byte(`{"PriceList": []}`),
		[]byte(`[]`),
		[]byte(`{"products": {}, "terms": {"OnDemand": {}}}`),
		[]byte(`{"terms": {"OnDemand": {"S": {"S.T": {"priceDimensions": {"R": {"unit": "Requests", "pricePerUnit": {"USD": "0.0000050000"}}}}}}}, "products": {"S": {"attributes": {"usagetype": "EU-Requests-Tier1", "regionCode": "eu-west-1"}}}}`),
		bareStrings(rows[:4]),
		wrapItems("products", rows[10:14]),
		offerFile(offerDT, rowsOf(rows, offerDT), true),
		// The S3 pricing-page feed.
		[]byte(`{"manifest": {"hawkFilePublicationDate": "2025-10-22T21:14:55Z", "currencyCode": "USD"}, "sets": {}, "regions": {"EU (Ireland)": {"Restore Object per Requests": {"rateCode": "A.B.C", "price": "0.0000550000"}, "Standard Storage First 50 TB per GB Mo": {"price": "0.023"}}}}`),
	}
	for _, shape := range []string{"offer", "get-products"} {
		data, err := os.ReadFile(filepath.Join("testdata", euRegion, shape, offerGDA+".json"))
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	for _, name := range []string{"get-products-handwritten.json", "feed-handwritten.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Import(euOptions(), bytes.NewReader(data))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		for _, it := range res.Found {
			d, err := decimal.NewFromString(it.Price)
			if err != nil || d.IsNegative() || strings.ContainsAny(it.Price, "eE") {
				t.Fatalf("%s: price %q is not a plain non-negative decimal", it.Key, it.Price)
			}
		}
		sheet := res.SheetYAML()
		var doc map[string]any
		if err := yaml.Unmarshal(sheet, &doc); err != nil {
			t.Fatalf("the sheet is not YAML: %v\n%s", err, sheet)
		}
		assertSheetMatches(t, doc, res)
	})
}
