package priceimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/pricing"
)

func euOptions() Options {
	return Options{Region: euRegion, Now: func() time.Time { return time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC) }}
}

func mustImport(t *testing.T, opts Options, files ...io.Reader) Result {
	t.Helper()
	res, err := Import(opts, files...)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return res
}

// assertFound compares the imported prices with the expected ones, key by
// key, price, tier boundary and source row.
func assertFound(t *testing.T, got []Item, wants []want) {
	t.Helper()
	byKey := map[string]Item{}
	for _, it := range got {
		byKey[it.Key] = it
	}
	for _, w := range wants {
		it, ok := byKey[w.key]
		if !ok {
			t.Errorf("%s: not imported, want %s", w.key, w.price)
			continue
		}
		if it.Price != w.price || it.UpToGB != w.uptoGB || it.From != w.from {
			t.Errorf("%s = %s (upto %q, from %s), want %s (upto %q, from %s)", w.key, it.Price, it.UpToGB, it.From, w.price, w.uptoGB, w.from)
		}
		delete(byKey, w.key)
	}
	for k, it := range byKey {
		t.Errorf("%s = %s (from %s) imported, not expected", k, it.Price, it.From)
	}
	// Sheet order.
	if len(got) == len(wants) {
		for i := range got {
			if got[i].Key != wants[i].key {
				t.Errorf("Found[%d] = %s, want %s (sheet order)", i, got[i].Key, wants[i].key)
				break
			}
		}
	}
}

func countTraps(rows []row) int {
	n := 0
	for _, r := range rows {
		if r.trap != "" {
			n++
		}
	}
	return n
}

func countUnused(rows []row) int {
	n := 0
	for _, r := range rows {
		if r.unused != "" {
			n++
		}
	}
	return n
}

const freeTierWarning = "transfer.internet: dropped the free first 100 GB (EU-DataTransfer-Out-Bytes): the monthly free tier is account-wide and s3cost does not apply it"

func TestImportEveryShape(t *testing.T) {
	rows := euRows()
	s3, gda, dt := rowsOf(rows, offerS3), rowsOf(rows, offerGDA), rowsOf(rows, offerDT)
	cases := map[string][]io.Reader{
		"bulk offer files":               openShape(t, "offer"),
		"get-products PriceList strings": openShape(t, "get-products"),
		"bare array of parsed items":     openShape(t, "items"),
		"mixed shapes":                   readers(getProductsFile(s3), offerFile(offerGDA, gda, false), parsedItemsFile(dt)),
		"terms before products":          readers(offerFile(offerS3, s3, true), offerFile(offerGDA, gda, true), offerFile(offerDT, dt, true)),
		"PriceList of parsed objects":    readers(wrapItems("PriceList", s3), wrapItems("PriceList", gda), wrapItems("PriceList", dt)),
		"products array of parsed items": readers(wrapItems("products", s3), wrapItems("products", gda), wrapItems("products", dt)),
		"bare array of JSON strings":     readers(bareStrings(s3), bareStrings(gda), bareStrings(dt)),
		"one file, several JSON values":  readers(bytes.Join([][]byte{getProductsFile(s3), offerFile(offerGDA, gda, false), parsedItemsFile(dt)}, nil)),
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			res := mustImport(t, euOptions(), files...)
			assertFound(t, res.Found, euWant())
			if !reflect.DeepEqual(res.Missing, missingFromOffers) {
				t.Errorf("Missing = %q, want only the keys no offer prices %q", res.Missing, missingFromOffers)
			}
			if want := countTraps(rows) + countUnused(rows); res.Ignored != want {
				t.Errorf("Ignored = %d, want %d (every trap row and the archive PUT rows other than PutObject)", res.Ignored, want)
			}
			if want := []string{freeTierWarning}; !reflect.DeepEqual(res.Warnings, want) {
				t.Errorf("Warnings = %q, want %q", res.Warnings, want)
			}
			// The latest publication date of the three offers (S3: 2026-09-18).
			if res.AsOf != "2026-09-18" || res.Region != euRegion {
				t.Errorf("AsOf, Region = %q, %q", res.AsOf, res.Region)
			}
			if want := "AWS Price List (AWSDataTransfer, AmazonS3, AmazonS3GlacierDeepArchive)"; res.Source != want {
				t.Errorf("Source = %q, want %q", res.Source, want)
			}
		})
	}
}

func wrapItems(key string, rows []row) []byte {
	items := make([]any, 0, len(rows))
	for _, r := range rows {
		items = append(items, priceListItem(r))
	}
	out, _ := json.Marshal(map[string]any{key: items, "FormatVersion": "aws_v1"})
	return out
}

func bareStrings(rows []row) []byte {
	var list []string
	for _, r := range rows {
		s, _ := json.Marshal(priceListItem(r))
		list = append(list, string(s))
	}
	out, _ := json.Marshal(list)
	return out
}

// TestTraps checks each Price List trap of docs/pricing.md on the bulk offer
// fixture: the price and the row it came from.
func TestTraps(t *testing.T) {
	res := mustImport(t, euOptions(), openShape(t, "offer")...)
	found := map[string]Item{}
	for _, it := range res.Found {
		found[it.Key] = it
	}
	cases := []struct {
		name, key, price, from string
	}{
		// Requests-Tier3 carries restores AND transitions: split by operation.
		{"Tier3 RestoreObject is GLACIER's standard restore request", "classes.GLACIER.restore.standard.request_per_1k", "0.055", "EU-Requests-Tier3/RestoreObject"},
		{"Tier3 S3-GlacierTransition is the transition into GLACIER", "classes.GLACIER.transition_per_1k", "0.033", "EU-Requests-Tier3/S3-GlacierTransition"},
		{"Tier3 S3-GDATransition is the transition into DEEP_ARCHIVE", "classes.DEEP_ARCHIVE.transition_per_1k", "0.055", "EU-Requests-Tier3/S3-GDATransition"},
		// Tier4 by operation; the row naming no class priced nothing.
		{"Tier4 S3-GIRTransition is GLACIER_IR's (not SIA's 0.01)", "classes.GLACIER_IR.transition_per_1k", "0.02", "EU-Requests-Tier4/S3-GIRTransition"},
		{"Tier4 S3-SIATransition", "classes.STANDARD_IA.transition_per_1k", "0.01", "EU-Requests-Tier4/S3-SIATransition"},
		// Tier6 is per request: 0.011 x 1,000 = 11 per 1,000.
		{"Tier6 expedited request converted per request to per 1,000", "classes.GLACIER.restore.expedited.request_per_1k", "11", "EU-Requests-Tier6/RestoreObject"},
		// Multipart rows at 0.000005 are not the archive PUT price.
		{"GLACIER PUT from PutObject, not the 0.005 multipart rows", "classes.GLACIER.put_per_1k", "0.033", "EU-Requests-GLACIER-Tier1/PutObject"},
		{"DEEP_ARCHIVE PUT from PutObject, not the 0.005 multipart rows", "classes.DEEP_ARCHIVE.put_per_1k", "0.05", "EU-Requests-GDA-Tier1/PutObject"},
		// Retrieval-Bytes also carries Intelligent-Tiering's free restores.
		{"GLACIER standard per GB from RestoreObject, not IntAA/IntDAA (0)", "classes.GLACIER.restore.standard.per_gb", "0.01", "EU-Standard-Retrieval-Bytes/RestoreObject"},
		{"GLACIER bulk per GB from RestoreObject, not IntAA", "classes.GLACIER.restore.bulk.per_gb", "0", "EU-Bulk-Retrieval-Bytes/RestoreObject"},
		{"GLACIER expedited per GB from RestoreObject, not IntAA", "classes.GLACIER.restore.expedited.per_gb", "0.03", "EU-Expedited-Retrieval-Bytes/RestoreObject"},
		{"DEEP_ARCHIVE standard per GB via DeepArchiveRestoreObject", "classes.DEEP_ARCHIVE.restore.standard.per_gb", "0.02", "EU-Standard-Retrieval-Bytes/DeepArchiveRestoreObject"},
		{"DEEP_ARCHIVE bulk per GB via DeepArchiveRestoreObject", "classes.DEEP_ARCHIVE.restore.bulk.per_gb", "0.003", "EU-Bulk-Retrieval-Bytes/DeepArchiveRestoreObject"},
		// Staging storage (0.021) is not the class's storage price.
		{"GLACIER storage is GlacierByteHrs, not GlacierStaging 0.021", "classes.GLACIER.storage[0]", "0.0036", "EU-TimedStorage-GlacierByteHrs"},
		{"DEEP_ARCHIVE storage is GDA-ByteHrs, not GDA-Staging 0.021", "classes.DEEP_ARCHIVE.storage[0]", "0.00099", "EU-TimedStorage-GDA-ByteHrs"},
		// Other regions: EUC1- rows, us-east-1 rows, a mislabelled EU- row
		// in eu-central-1, a Frankfurt location; AmazonGlacier's
		// TimedStorage-ByteHrs (flat 0.0036) would break STANDARD's tiers.
		{"STANDARD storage first tier is eu-west-1's only", "classes.STANDARD.storage[0]", "0.023", "EU-TimedStorage-ByteHrs"},
		{"STANDARD GET is eu-west-1's, not the eu-central-1 EU- row", "classes.STANDARD.get_per_1k", "0.0004", "EU-Requests-Tier2/GetObject"},
		{"STANDARD_IA GET is not the Frankfurt-located row", "classes.STANDARD_IA.get_per_1k", "0.001", "EU-Requests-SIA-Tier2/GetObject"},
		// Monitoring is per object: 0.0000025 x 1,000.
		{"monitoring per object to per 1,000 objects", "classes.INTELLIGENT_TIERING.monitoring_per_1k_objects", "0.0025", "EU-Monitoring-Automation-INT"},
		// Data transfer: the free first 100 GB dropped, first paid tier from 0.
		{"internet transfer first tier is 0.09 up to 10 TB", "transfer.internet[0]", "0.09", "EU-DataTransfer-Out-Bytes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it, ok := found[c.key]
			if !ok {
				t.Fatalf("%s not imported", c.key)
			}
			if it.Price != c.price || it.From != c.from {
				t.Errorf("%s = %s from %s, want %s from %s", c.key, it.Price, it.From, c.price, c.from)
			}
		})
	}
}

// TestTrapRowsAlonePriceNothing imports only the trap rows: none of them may
// price anything, in any shape.
func TestTrapRowsAlonePriceNothing(t *testing.T) {
	traps := without(euRows(), func(r row) bool { return r.trap == "" })
	for shape, render := range shapes {
		t.Run(shape, func(t *testing.T) {
			var files []io.Reader
			for _, offer := range offers {
				files = append(files, bytes.NewReader(render(offer, rowsOf(traps, offer))))
			}
			res := mustImport(t, euOptions(), files...)
			for _, it := range res.Found {
				t.Errorf("trap row taken: %s = %s from %s", it.Key, it.Price, it.From)
			}
			if res.Ignored != len(traps) {
				t.Errorf("Ignored = %d, want %d", res.Ignored, len(traps))
			}
			if len(res.Warnings) != 0 {
				t.Errorf("Warnings = %q", res.Warnings)
			}
		})
	}
}

func s3Row(usage, op, unit, price string) row {
	return eu(offerS3, usage, op, unit, flat(price))
}

func importRows(t *testing.T, rows ...row) Result {
	t.Helper()
	return mustImport(t, euOptions(), bytes.NewReader(offerFile(offerS3, rows, false)))
}

func foundMap(res Result) map[string]string {
	m := map[string]string{}
	for _, it := range res.Found {
		m[it.Key] = it.Price
	}
	return m
}

func TestSelectionRules(t *testing.T) {
	cases := []struct {
		name     string
		rows     []row
		found    map[string]string
		warnings []string
	}{
		{
			name: "Tier4 operation naming two targets prices both, and only them",
			rows: []row{s3Row("EU-Requests-Tier4", "S3-SIA/ZIATransition", "Requests", "0.0000100000")},
			found: map[string]string{
				"classes.STANDARD_IA.transition_per_1k": "0.01",
				"classes.ONEZONE_IA.transition_per_1k":  "0.01",
			},
		},
		{
			name:  "Tier4 operation naming no target copies nothing",
			rows:  []row{s3Row("EU-Requests-Tier4", "LifecycleTransition", "Requests", "0.0000100000")},
			found: map[string]string{},
		},
		{
			name: "PutObject beats a generic Tier1 row at another price",
			rows: []row{
				s3Row("EU-Requests-SIA-Tier1", "", "Requests", "0.0000200000"),
				s3Row("EU-Requests-SIA-Tier1", "PutObject", "Requests", "0.0000100000"),
			},
			found: map[string]string{"classes.STANDARD_IA.put_per_1k": "0.01"},
		},
		{
			name: "two equally good rows that disagree: left out, with a warning",
			rows: []row{
				s3Row("EU-Requests-SIA-Tier1", "CopyObject", "Requests", "0.0000100000"),
				s3Row("EU-Requests-SIA-Tier1", "PostObject", "Requests", "0.0000200000"),
			},
			found:    map[string]string{},
			warnings: []string{"classes.STANDARD_IA.put_per_1k: conflicting prices, left out: 0.01 (EU-Requests-SIA-Tier1/CopyObject), 0.02 (EU-Requests-SIA-Tier1/PostObject)"},
		},
		{
			name:     "a unit that is not per request: skipped, with a warning",
			rows:     []row{s3Row("EU-Requests-Tier6", "RestoreObject", "Hrs", "0.0110000000")},
			found:    map[string]string{},
			warnings: []string{`EU-Requests-Tier6/RestoreObject: unit "Hrs" is not what classes.GLACIER.restore.expedited.request_per_1k is priced in; row skipped`},
		},
		{
			name:  "a price already per 1,000 requests is not multiplied",
			rows:  []row{s3Row("EU-Requests-Tier6", "RestoreObject", "1K Requests", "11.0000000000")},
			found: map[string]string{"classes.GLACIER.restore.expedited.request_per_1k": "11"},
		},
		{
			name: "GLACIER Tier1 without a PutObject row: no PUT price",
			rows: []row{
				s3Row("EU-Requests-GLACIER-Tier1", "CopyObject", "Requests", "0.0000330000"),
				s3Row("EU-Requests-GLACIER-Tier1", "UploadPart", "Requests", "0.0000050000"),
			},
			found: map[string]string{},
		},
		{
			name:     "storage tiers with a gap: left out",
			rows:     []row{eu(offerS3, "EU-TimedStorage-ByteHrs", "", "GB-Mo", []tier{{"0", "51200", "0.023"}, {"512000", "Inf", "0.021"}})},
			found:    map[string]string{},
			warnings: []string{"classes.STANDARD.storage: tiers do not join at 51200 GB (EU-TimedStorage-ByteHrs), left out"},
		},
		{
			name:     "an exponent or sign in a price is not a Price List price",
			rows:     []row{s3Row("EU-Retrieval-SIA", "", "GB", "1e-2")},
			found:    map[string]string{},
			warnings: []string{`EU-Retrieval-SIA: price "1e-2" is not a plain decimal; row skipped`},
		},
		{
			name: "a duplicate row (same price twice) is fine",
			rows: []row{
				s3Row("EU-Retrieval-SIA", "", "GB", "0.0100000000"),
				{offer: offerS3, usage: "EU-Retrieval-SIA", region: euRegion, unit: "GB", tiers: flat("0.01")},
			},
			found: map[string]string{"classes.STANDARD_IA.retrieval_per_gb": "0.01"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := importRows(t, c.rows...)
			if got := foundMap(res); !reflect.DeepEqual(got, c.found) {
				t.Errorf("found %v, want %v", got, c.found)
			}
			if !reflect.DeepEqual(res.Warnings, c.warnings) {
				t.Errorf("warnings %q, want %q", res.Warnings, c.warnings)
			}
			for k := range c.found {
				for _, m := range res.Missing {
					if m == k {
						t.Errorf("%s both found and missing", k)
					}
				}
			}
		})
	}
}

func TestUSEast1HasNoPrefix(t *testing.T) {
	rows := []row{
		{offer: offerS3, usage: "TimedStorage-GlacierByteHrs", region: "us-east-1", unit: "GB-Mo", tiers: flat("0.0036000000")},
		{offer: offerS3, usage: "EU-TimedStorage-SIA-ByteHrs", region: euRegion, unit: "GB-Mo", tiers: flat("0.0125000000")},
		// No regionCode: the location decides.
		{offer: offerS3, usage: "Requests-Tier2", op: "GetObject", location: "US East (N. Virginia)", unit: "Requests", tiers: flat("0.0000004000")},
		{offer: offerS3, usage: "Requests-Tier1", op: "PutObject", location: "US East (Ohio)", unit: "Requests", tiers: flat("0.0000050000")},
	}
	res := mustImport(t, Options{Region: "us-east-1"}, bytes.NewReader(offerFile(offerS3, rows, false)))
	want := map[string]string{"classes.GLACIER.storage[0]": "0.0036", "classes.STANDARD.get_per_1k": "0.0004"}
	if got := foundMap(res); !reflect.DeepEqual(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	if res.Ignored != 2 {
		t.Errorf("Ignored = %d, want 2", res.Ignored)
	}
}

// TestRegionOutsideTheTable: a region whose usage-type prefix is not in
// the table is imported all the same, its prefix inferred from the rows
// that carry its regionCode; --usage-type-prefix still overrides it.
func TestRegionOutsideTheTable(t *testing.T) {
	rows := []row{
		{offer: offerS3, usage: "EUN1-TimedStorage-SIA-ByteHrs", region: "eu-north-1", unit: "GB-Mo", tiers: flat("0.0131000000")},
		{offer: offerS3, usage: "EUN1-Requests-Tier2", op: "GetObject", region: "eu-north-1", unit: "Requests", tiers: flat("0.0000004300")},
		// Another prefix under the same regionCode: not the region's rows.
		{offer: offerS3, usage: "XX1-Requests-Tier1", op: "PutObject", region: "eu-north-1", unit: "Requests", tiers: flat("0.0000990000")},
		// No regionCode and an unknown location: only a known prefix could
		// place it, and EUN1- is inferred, not known.
		{offer: offerS3, usage: "EUN1-Requests-Tier1", op: "PutObject", location: "Nowhere (1)", unit: "Requests", tiers: flat("0.0000990000")},
	}
	cases := []struct {
		name string
		opts Options
		want map[string]string
	}{
		{"inferred", Options{Region: "eu-north-1"}, map[string]string{
			"classes.STANDARD_IA.storage[0]": "0.0131",
			"classes.STANDARD.get_per_1k":    "0.00043", // 0.00000043 x 1,000
		}},
		{"inferred, no region asked", Options{}, map[string]string{
			"classes.STANDARD_IA.storage[0]": "0.0131",
			"classes.STANDARD.get_per_1k":    "0.00043",
		}},
		{"override", Options{Region: "eu-north-1", UsageTypePrefix: "XX1-"}, map[string]string{
			"classes.STANDARD.put_per_1k": "0.099", // 0.000099 x 1,000
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustImport(t, c.opts, bytes.NewReader(offerFile(offerS3, rows, false)))
			if got := foundMap(res); !reflect.DeepEqual(got, c.want) || res.Region != "eu-north-1" {
				t.Errorf("%s: found %v, want %v", res.Region, got, c.want)
			}
		})
	}
}

func TestAsOfAndSource(t *testing.T) {
	noDate := []byte(`{"PriceList": []}`)
	res := mustImport(t, euOptions(), bytes.NewReader(noDate))
	if res.AsOf != "2030-01-02" || res.Source != "AWS Price List" {
		t.Errorf("undated input: AsOf %q Source %q, want today from Now and the generic source", res.AsOf, res.Source)
	}
	opts := euOptions()
	opts.AsOf, opts.Source = "2026-10-01", "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonS3/current/eu-west-1/index.json"
	res = mustImport(t, opts, openShape(t, "offer")...)
	if res.AsOf != opts.AsOf || res.Source != opts.Source {
		t.Errorf("AsOf %q Source %q, want the options'", res.AsOf, res.Source)
	}
}

func TestImportErrors(t *testing.T) {
	ok := []byte(`{"PriceList": []}`)
	cases := []struct {
		name  string
		opts  Options
		files [][]byte
		want  string
	}{
		{"no region, none priced", Options{}, [][]byte{ok}, "the inputs price no S3 storage class of any known region"},
		{"a prefix without a region", Options{UsageTypePrefix: "EU-"}, [][]byte{ok}, "usage-type prefix needs the region"},
		{"feed in euros", euOptions(), [][]byte{[]byte(`{"manifest": {"currencyCode": "EUR"}, "regions": {}}`)}, `prices are in "EUR"`},
		{"feed region not an object", euOptions(), [][]byte{[]byte(`{"regions": {"EU (Ireland)": [1]}}`)}, `regions["EU (Ireland)"]: expected {`},
		{"feed item not an object", euOptions(), [][]byte{[]byte(`{"regions": {"EU (Ireland)": {"Glacier Instant Retrieval Storage": 5}}}`)}, `regions["EU (Ireland)"]["Glacier Instant Retrieval Storage"]`},
		{"feed skipped region truncated", euOptions(), [][]byte{[]byte(`{"regions": {"EU (Paris)": {"x": {"price": "1"`)}, "unexpected EOF"},
		{"not a region", Options{Region: "eu-west-1\nx: y"}, [][]byte{ok}, "not an AWS region name"},
		{"no files", euOptions(), nil, "no input files"},
		{"empty file", euOptions(), [][]byte{nil}, "input 1: empty input"},
		{"not JSON", euOptions(), [][]byte{ok, []byte("<html>")}, "input 2: at byte"},
		{"a scalar", euOptions(), [][]byte{[]byte(`"x"`)}, "expected a JSON object or array"},
		{"another JSON object", euOptions(), [][]byte{[]byte(`{"a": [1, {"b": 2}]}`)}, "neither a Price List offer file"},
		{"truncated offer", euOptions(), [][]byte{offerFile(offerS3, euRows()[:3], false)[:900]}, "unexpected EOF"},
		{"PriceList string that is not JSON", euOptions(), [][]byte{[]byte(`{"PriceList": ["{nope"]}`)}, "price list item 0"},
		{"product attribute of the wrong type", euOptions(), [][]byte{[]byte(`{"products": {"S": {"attributes": {"usagetype": 5}}}}`)}, `product "S"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Import(c.opts, readers(c.files...)...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to contain %q", err, c.want)
			}
			if !errors.Is(err, exit.ErrInput) || errors.Is(err, exit.ErrIO) {
				t.Errorf("err = %v, want bad input (exit code 2)", err)
			}
		})
	}
}

// A reader that fails is an I/O error (exit code 3), not a malformed
// input, though the JSON decoder returns both alike; the message is the
// reader's.
func TestImportReadFailure(t *testing.T) {
	disk := errors.New("input/output error")
	ok := bytes.NewReader([]byte(`{"PriceList": []}`))
	failing := io.MultiReader(strings.NewReader(`{"PriceList": [`), iotest.ErrReader(disk))
	_, err := Import(euOptions(), ok, failing)
	if !errors.Is(err, exit.ErrIO) || errors.Is(err, exit.ErrInput) || !errors.Is(err, disk) {
		t.Errorf("err = %v, want exit.ErrIO wrapping the reader's error", err)
	}
	if want := "input 2: at byte 15: input/output error"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// TestMissingReport imports an S3 offer without Express One Zone rows and
// no Deep Archive offer: the Deep Archive keys are reported missing and
// absent from the sheet; Express One Zone, with no item at all in an offer
// that prices STANDARD storage, is not offered (not missing).
func TestMissingReport(t *testing.T) {
	rows := without(euRows(), func(r row) bool { return strings.Contains(r.usage, "XZ") })
	res := mustImport(t, euOptions(),
		bytes.NewReader(offerFile(offerS3, rowsOf(rows, offerS3), false)),
		bytes.NewReader(offerFile(offerDT, rowsOf(rows, offerDT), false)))
	wantMissing := []string{
		"classes.DEEP_ARCHIVE.storage",
		"classes.DEEP_ARCHIVE.put_per_1k",
		"classes.DEEP_ARCHIVE.get_per_1k",
		"classes.DEEP_ARCHIVE.restore.standard.request_per_1k",
		"classes.DEEP_ARCHIVE.restore.standard.per_gb",
		"classes.DEEP_ARCHIVE.restore.bulk.request_per_1k",
		"classes.DEEP_ARCHIVE.restore.bulk.per_gb",
	}
	wantMissing = append(intRestoreKeys(), wantMissing...)
	if got := res.MissingFromInput(); !reflect.DeepEqual(got, wantMissing) {
		t.Errorf("MissingFromInput = %q\nwant %q", got, wantMissing)
	}
	if got, want := sortedCopy(res.Missing), sortedCopy(append(append([]string(nil), wantMissing...), neverImported...)); !reflect.DeepEqual(got, want) {
		t.Errorf("Missing = %q\nwant %q", got, want)
	}
	// The rest is imported as in the complete fixture; DEEP_ARCHIVE's
	// transition comes from the S3 offer's Tier3.
	var rest []want
	for _, w := range euWant() {
		if !strings.Contains(w.key, "EXPRESS_ONEZONE") && (!strings.Contains(w.key, "DEEP_ARCHIVE.") || strings.HasSuffix(w.key, "DEEP_ARCHIVE.transition_per_1k") || strings.Contains(w.key, "tiers.DEEP_ARCHIVE")) {
			rest = append(rest, w)
		}
	}
	assertFound(t, res.Found, rest)

	sheet := res.SheetYAML()
	doc := decodeYAML(t, sheet)
	classes := doc["classes"].(map[string]any)
	if _, ok := classes["EXPRESS_ONEZONE"]; ok {
		t.Errorf("EXPRESS_ONEZONE priced in the sheet:\n%s", sheet)
	}
	if !reflect.DeepEqual(res.NotOffered, []string{"EXPRESS_ONEZONE"}) {
		t.Errorf("NotOffered = %q, want EXPRESS_ONEZONE", res.NotOffered)
	}
	if got := doc["not_offered"]; !reflect.DeepEqual(got, []any{"EXPRESS_ONEZONE"}) {
		t.Errorf("not_offered = %v, want [EXPRESS_ONEZONE]", got)
	}
	if got := classes["DEEP_ARCHIVE"]; !reflect.DeepEqual(got, map[string]any{"transition_per_1k": "0.055"}) {
		t.Errorf("DEEP_ARCHIVE = %v, want only its transition price", got)
	}
	assertSheetMatches(t, doc, res)
	if _, err := pricing.ParseSheet(sheet); err != nil {
		t.Errorf("pricing.ParseSheet rejects the sheet: %v", err)
	}
	text := string(sheet)
	for _, k := range wantMissing {
		if def, _ := pricing.LookupItem(k); !def.Expected {
			continue // an optional item is not listed as missing
		}
		if !strings.Contains(text, "\n#   "+k+": ") {
			t.Errorf("the sheet's missing comment does not list %s", k)
		}
	}
}

// intRestoreKeys are Intelligent-Tiering's archive restore keys, which the
// offers do not price, in sheet order.
func intRestoreKeys() []string {
	var out []string
	for _, k := range missingFromOffers {
		if strings.HasPrefix(k, "classes.INTELLIGENT_TIERING.restore.") {
			out = append(out, k)
		}
	}
	return out
}

// TestHandwrittenGetProducts reads a small get-products output typed by
// hand in the CLI's format (items as JSON strings).
func TestHandwrittenGetProducts(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "get-products-handwritten.json"))
	if err != nil {
		t.Fatal(err)
	}
	res := mustImport(t, euOptions(), bytes.NewReader(data))
	assertFound(t, res.Found, []want{
		// 0.0110000000 per request = 11 per 1,000.
		{"classes.GLACIER.restore.expedited.request_per_1k", "11", "", "EU-Requests-Tier6/RestoreObject"},
		{"classes.GLACIER.restore.standard.request_per_1k", "0.055", "", "EU-Requests-Tier3/RestoreObject"},
		// 0.0000600000 per request: the transition, not the restore's 0.055.
		{"classes.DEEP_ARCHIVE.transition_per_1k", "0.06", "", "EU-Requests-Tier3/S3-GDATransition"},
	})
	// IntAARestoreObject and GlacierStaging are not taken.
	if res.Ignored != 2 {
		t.Errorf("Ignored = %d, want 2", res.Ignored)
	}
	if res.AsOf != "2026-09-18" {
		t.Errorf("AsOf = %q", res.AsOf)
	}
}
