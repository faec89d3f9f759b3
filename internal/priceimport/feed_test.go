package priceimport

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/pricing"
)

// realFeed is the copy of AWS's S3 pricing-page feed kept in the repository.
var realFeed = filepath.Join("..", "..", "pricing", "sources", "aws-s3-pricing-feed-2025-10-22.json")

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readRealFeed(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(realFeed)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fw is an expected price from the feed: key, price in the sheet's unit,
// tier boundary, and the label it comes from.
func fw(key, price, upto, label string) want {
	return want{key, price, upto, `feed: "` + label + `"`}
}

// handwrittenFeedWant is what testdata/feed-handwritten.json must give for
// eu-west-1. The fixture's prices are distinct where they can be, so a
// label mapped to the wrong key shows. Requests and objects are quoted per
// unit in the feed and per 1,000 in the sheet.
func handwrittenFeedWant() []want {
	return []want{
		fw("classes.STANDARD.storage[0]", "0.023", "51200", "Standard Storage First 50 TB per GB Mo"),
		fw("classes.STANDARD.storage[1]", "0.022", "512000", "Standard Storage Next 450 TB per GB Mo"),
		fw("classes.STANDARD.storage[2]", "0.021", "", "Standard Storage Over 500 TB per GB Mo"),
		fw("classes.STANDARD.put_per_1k", "0.005", "", "PUT COPY/POST or LIST requests per Requests"), // 0.000005 x 1,000
		fw("classes.STANDARD.get_per_1k", "0.0004", "", "GET and all other requests per Requests"),    // 0.0000004 x 1,000
		fw("classes.INTELLIGENT_TIERING.storage[0]", "0.0231", "51200", "Intelligent Tiering Frequent Access First 50 TB per GB Mo"),
		fw("classes.INTELLIGENT_TIERING.storage[1]", "0.0221", "512000", "Intelligent Tiering Frequent Access Next 450 TB per GB Mo"),
		fw("classes.INTELLIGENT_TIERING.storage[2]", "0.0211", "", "Intelligent Tiering Frequent Access Over 500 TB per GB Mo"),
		// Both infrequent-tier labels say 0.0125; the first in sort order is named.
		fw("classes.INTELLIGENT_TIERING.tiers.INFREQUENT", "0.0125", "", "Intelligent Tiering Infrequent Access From 0 to Inf per GB-Mo"),
		fw("classes.INTELLIGENT_TIERING.tiers.ARCHIVE_INSTANT", "0.0041", "", "Intelligent Tiering Archive Instant Access"),
		fw("classes.INTELLIGENT_TIERING.tiers.ARCHIVE", "0.0037", "", "IntelligentTieringArchiveAccess"),
		fw("classes.INTELLIGENT_TIERING.tiers.DEEP_ARCHIVE", "0.00099", "", "IntelligentTieringDeepArchiveAccess"),
		// 0.0000025 per object x 1,000 = 0.0025 per 1,000 objects.
		fw("classes.INTELLIGENT_TIERING.monitoring_per_1k_objects", "0.0025", "", "Per object per month monitoring and automation fee for objects in Intelligent Tiering"),
		fw("classes.INTELLIGENT_TIERING.put_per_1k", "0.0051", "", "PUT COPY/POST or LIST requests to Intelligent Tiering per Requests"), // 0.0000051 x 1,000
		fw("classes.INTELLIGENT_TIERING.get_per_1k", "0.00041", "", "GET and all other requests to Intelligent Tiering per Requests"),    // 0.00000041 x 1,000
		fw("classes.INTELLIGENT_TIERING.transition_per_1k", "0.01003", "", "Lifecycle Transition Requests into Intelligent Tiering per Requests"),
		fw("classes.INTELLIGENT_TIERING.restore.expedited.request_per_1k", "12", "", "Expedited INT Restore Requests per Requests"), // 0.012 x 1,000
		fw("classes.INTELLIGENT_TIERING.restore.expedited.per_gb", "0.031", "", "INT AA-RestoreObject Expedited INT Retrieval per GB"),
		fw("classes.INTELLIGENT_TIERING.restore.standard.request_per_1k", "0.0001", "", "Standard INT Restore Requests per Requests"), // 0.0000001 x 1,000
		fw("classes.INTELLIGENT_TIERING.restore.standard.per_gb", "0.0011", "", "INT AA-RestoreObject Standard INT Retrieval per GB"),
		fw("classes.INTELLIGENT_TIERING.restore.bulk.per_gb", "0.0012", "", "INT AA-RestoreObject Bulk INT Retrieval per GB"),
		fw("classes.STANDARD_IA.storage[0]", "0.0125", "", "Standard Infrequent Access Storage per GB-Mo"),
		fw("classes.STANDARD_IA.put_per_1k", "0.01", "", "PUT COPY/POST or LIST requests to Standard Infrequent Access per Requests"),
		fw("classes.STANDARD_IA.get_per_1k", "0.001", "", "GET and all other requests to Standard Infrequent Access per Requests"),
		fw("classes.STANDARD_IA.transition_per_1k", "0.01001", "", "Lifecycle Transition Requests into Standard Infrequent Access per Requests"), // 0.0000100100 x 1,000
		fw("classes.STANDARD_IA.retrieval_per_gb", "0.01", "", "Object Retrieval in Standard Infrequent Access per GB"),
		fw("classes.ONEZONE_IA.storage[0]", "0.01", "", "One Zone Infrequent Access Storage Inf per GB-Mo"),
		fw("classes.ONEZONE_IA.put_per_1k", "0.011", "", "PUT COPY/POST or LIST requests to One Zone Infrequent Access per Requests"), // 0.000011 x 1,000
		fw("classes.ONEZONE_IA.get_per_1k", "0.0011", "", "GET and all other requests to One Zone Infrequent Access per Requests"),
		fw("classes.ONEZONE_IA.transition_per_1k", "0.01002", "", "Lifecycle Transition Requests into One Zone Infrequent Access per Requests"),
		fw("classes.ONEZONE_IA.retrieval_per_gb", "0.011", "", "Object Retrieval in One Zone Infrequent Access per GB"), // per GB: no conversion
		fw("classes.GLACIER_IR.storage[0]", "0.004", "", "Glacier Instant Retrieval Storage"),
		fw("classes.GLACIER_IR.put_per_1k", "0.02", "", "PUT COPY/POST or LIST requests to Glacier Instant Retrieval per Requests"),
		fw("classes.GLACIER_IR.get_per_1k", "0.01", "", "GET and all other requests to Glacier Instant Retrieval per Requests"),
		fw("classes.GLACIER_IR.transition_per_1k", "0.02", "", "Lifecycle Transition Requests into Glacier Instant Retrieval per Requests"),
		fw("classes.GLACIER_IR.retrieval_per_gb", "0.03", "", "Object Retrieval in Glacier Instant Retrieval per GB"),
		fw("classes.GLACIER.storage[0]", "0.0036", "", "Glacier Storage per GB Mo"),
		fw("classes.GLACIER.put_per_1k", "0.033", "", "PUT requests to Glacier per Requests"), // 0.000033 x 1,000
		fw("classes.GLACIER.get_per_1k", "0.00042", "", "GET and all other requests to GLACIER per Requests"),
		fw("classes.GLACIER.transition_per_1k", "0.036", "", "Lifecycle Transition Requests into Glacier per Requests"),
		fw("classes.GLACIER.restore.expedited.request_per_1k", "11", "", "Glacier Expedited Glacier Restore Requests"), // 0.011 x 1,000
		fw("classes.GLACIER.restore.expedited.per_gb", "0.03", "", "Glacier S3 Expedited Retrieval"),
		fw("classes.GLACIER.restore.standard.request_per_1k", "0.055", "", "Restore Object per Requests"), // 0.000055 x 1,000
		fw("classes.GLACIER.restore.standard.per_gb", "0.0101", "", "Fee for Standard Retrieval of data stored"),
		fw("classes.GLACIER.restore.bulk.request_per_1k", "0.025", "", "Bulk Glacier Restore Requests"), // 0.000025 x 1,000
		fw("classes.GLACIER.restore.bulk.per_gb", "0.0002", "", "Fee for Bulk Retrieval of data stored"),
		fw("classes.DEEP_ARCHIVE.get_per_1k", "0.00043", "", "GET and all other requests to GDA per Requests"),
		fw("classes.DEEP_ARCHIVE.transition_per_1k", "0.055", "", "Lifecycle Transition Requests into Glacier Deep Archive per Requests"),
		fw("classes.DEEP_ARCHIVE.restore.standard.per_gb", "0.02", "", "Fee for Standard Retrieval of data stored from Glacier Deep Archive"),
		fw("classes.DEEP_ARCHIVE.restore.bulk.per_gb", "0.003", "", "Fee for Bulk Retrieval of data stored from Glacier Deep Archive"),
		fw("classes.EXPRESS_ONEZONE.storage[0]", "0.11", "", "Express One Zone Storage Inf per GB Mo"),
		fw("classes.EXPRESS_ONEZONE.put_per_1k", "0.00113", "", "PUT COPY/POST or LIST requests to Express One Zone per Requests"), // 0.00000113 x 1,000
		fw("classes.EXPRESS_ONEZONE.get_per_1k", "0.00003", "", "GET and all other requests to Express One Zone per Requests"),     // 0.00000003 x 1,000
		fw("classes.EXPRESS_ONEZONE.upload_per_gb", "0.0032", "", "Object Upload in Express One Zone per GB"),
		fw("classes.EXPRESS_ONEZONE.retrieval_per_gb", "0.0006", "", "Object Retrieval in Express One Zone per GB"),
	}
}

// feedLacks are the importable keys the feed has no label for.
var feedLacks = []string{
	"classes.INTELLIGENT_TIERING.restore.bulk.request_per_1k",
	"classes.DEEP_ARCHIVE.storage",
	"classes.DEEP_ARCHIVE.put_per_1k",
	"classes.DEEP_ARCHIVE.restore.standard.request_per_1k",
	"classes.DEEP_ARCHIVE.restore.bulk.request_per_1k",
	"transfer.internet",
}

func TestFeedHandwritten(t *testing.T) {
	data := readTestdata(t, "feed-handwritten.json")
	res := mustImport(t, euOptions(), bytes.NewReader(data))
	assertFound(t, res.Found, handwrittenFeedWant())
	if got := res.MissingFromInput(); !reflect.DeepEqual(got, feedLacks) {
		t.Errorf("MissingFromInput = %q\nwant %q", got, feedLacks)
	}
	if got, want := sortedCopy(res.Missing), sortedCopy(append(append([]string(nil), feedLacks...), neverImported...)); !reflect.DeepEqual(got, want) {
		t.Errorf("Missing = %q\nwant %q", got, want)
	}
	wantNotWritten := []Item{{Key: "kms.dsse_per_gb", Price: "0.003", From: `feed: "Bytes Encrypted using Dual Layer Server-Side Encryption per GB"`}}
	if !reflect.DeepEqual(res.NotWritten, wantNotWritten) {
		t.Errorf("NotWritten = %+v, want %+v", res.NotWritten, wantNotWritten)
	}
	if len(res.NotOffered) != 0 {
		t.Errorf("NotOffered = %q, want none (eu-west-1 sells Express One Zone)", res.NotOffered)
	}
	if res.Region != euRegion || res.AsOf != "2025-10-22" || res.Source != "AWS's S3 pricing-page feed ("+FeedURL+")" {
		t.Errorf("Region, AsOf, Source = %q, %q, %q", res.Region, res.AsOf, res.Source)
	}
	// 62 eu-west-1 items (57 mapped) and 7 items in the other entries.
	if res.Ignored != 69-57 {
		t.Errorf("Ignored = %d, want %d", res.Ignored, 69-57)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "kms.dsse_per_gb: 0.003 per GB read") {
		t.Errorf("Warnings = %q, want only the DSSE note", res.Warnings)
	}
	sheet := res.SheetYAML()
	if _, err := pricing.ParseSheet(sheet); err != nil {
		t.Fatalf("the sheet does not load: %v\n%s", err, sheet)
	}
	doc := decodeYAML(t, sheet)
	assertSheetMatches(t, doc, res)
	if _, ok := doc["kms"]; ok {
		t.Error("the sheet has a kms block")
	}
}

// TestFeedLabels: every label of the table names a sheet key, is in the
// hand-written fixture, and is in the real feed for eu-west-1 and
// ap-south-1 exactly as written (Express One Zone's are there too).
func TestFeedLabels(t *testing.T) {
	keys := map[string]bool{}
	for _, k := range sheetKeys() {
		keys[k.path] = true
	}
	var fixture, real struct {
		Regions map[string]map[string]json.RawMessage `json:"regions"`
	}
	if err := json.Unmarshal(readTestdata(t, "feed-handwritten.json"), &fixture); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(readRealFeed(t), &real); err != nil {
		t.Fatal(err)
	}
	for label, target := range feedLabels {
		if !keys[target.key] {
			t.Errorf("%q -> %s: not a sheet key", label, target.key)
		}
		if (target.begin != "") != isLadder(target.key) {
			t.Errorf("%q -> %s: a tier range only for a tiered key", label, target.key)
		}
		if _, ok := fixture.Regions["EU (Ireland)"][label]; !ok {
			t.Errorf("%q: not in the hand-written fixture", label)
		}
		for _, loc := range []string{"EU (Ireland)", "Asia Pacific (Mumbai)"} {
			if _, ok := real.Regions[loc][label]; !ok {
				t.Errorf("%q: not in the real feed for %s", label, loc)
			}
		}
	}
	// Every feed region (bar "Any" and "") is in the region table.
	var locations []string
	for loc := range real.Regions {
		if loc == "Any" || loc == "" {
			continue
		}
		r, ok := RegionByLocation(loc)
		if !ok {
			t.Errorf("feed region %q: no code", loc)
		}
		locations = append(locations, r.Code)
	}
	if len(locations) != 36 || len(Regions()) != 36 {
		t.Errorf("%d feed regions, %d in the table; want 36", len(locations), len(Regions()))
	}
}

func TestRegionsTable(t *testing.T) {
	regions := Regions()
	codes, locations, prefixes := map[string]bool{}, map[string]bool{}, 0
	for i, r := range regions {
		if i > 0 && regions[i-1].Code >= r.Code {
			t.Errorf("not sorted by code at %s", r.Code)
		}
		if !validRegion(r.Code) || codes[r.Code] || locations[r.Location] {
			t.Errorf("%+v: invalid or duplicate", r)
		}
		codes[r.Code], locations[r.Location] = true, true
		if r.PrefixKnown {
			prefixes++
		} else if r.UsageTypePrefix != "" {
			t.Errorf("%s: a prefix not marked known", r.Code)
		}
	}
	if prefixes != 10 {
		t.Errorf("%d known prefixes, want the 10 of the regional price table", prefixes)
	}
	// Spot checks, from published region lists.
	for code, loc := range map[string]string{
		"ap-southeast-6": "Asia Pacific (New Zealand)", "ap-east-2": "Asia Pacific (Taipei)",
		"us-gov-west-1": "AWS GovCloud (US)", "us-gov-east-1": "AWS GovCloud (US-East)",
		"mx-central-1": "Mexico (Central)", "ca-west-1": "Canada West (Calgary)",
	} {
		if r, ok := RegionByLocation(loc); !ok || r.Code != code {
			t.Errorf("%s -> %+v, want %s", loc, r, code)
		}
	}
	// Regions returns a copy.
	regions[0].Code = "changed"
	if Regions()[0].Code == "changed" {
		t.Error("Regions shares its table")
	}
}

// TestFeedRealCopy checks prices of the real feed against figures read from
// pricing/sources/aws-s3-pricing-feed-2025-10-22.json with python3
// (json.load(...)["regions"][location][label]["price"]).
func TestFeedRealCopy(t *testing.T) {
	data := readRealFeed(t)
	cases := []struct {
		region string
		want   map[string]string
	}{
		{"eu-west-1", map[string]string{
			"classes.STANDARD.storage[0]":                                  "0.023",   // First 50 TB: 0.0230000000 per GB-month
			"classes.STANDARD.storage[2]":                                  "0.021",   // Over 500 TB: 0.0210000000
			"classes.STANDARD.put_per_1k":                                  "0.005",   // 0.0000050000 per request x 1,000
			"classes.ONEZONE_IA.put_per_1k":                                "0.01",    // 0.0000100000 per request x 1,000
			"classes.GLACIER.restore.expedited.request_per_1k":             "11",      // 0.0110000000 per request x 1,000
			"classes.GLACIER.restore.standard.request_per_1k":              "0.055",   // 0.0000550000 per request x 1,000
			"classes.GLACIER.put_per_1k":                                   "0.033",   // 0.0000330000 per request x 1,000
			"classes.GLACIER.storage[0]":                                   "0.0036",  // 0.0036000000
			"classes.DEEP_ARCHIVE.restore.bulk.per_gb":                     "0.003",   // 0.0030000000 per GB
			"classes.DEEP_ARCHIVE.restore.standard.per_gb":                 "0.02",    // 0.0200000000 per GB
			"classes.DEEP_ARCHIVE.transition_per_1k":                       "0.055",   // 0.0000550000 per request x 1,000
			"classes.INTELLIGENT_TIERING.monitoring_per_1k_objects":        "0.0025",  // 0.0000025000 per object x 1,000
			"classes.INTELLIGENT_TIERING.tiers.INFREQUENT":                 "0.0125",  // both labels 0.0125000000
			"classes.INTELLIGENT_TIERING.restore.expedited.request_per_1k": "11",      // 0.0110000000 x 1,000
			"classes.GLACIER_IR.retrieval_per_gb":                          "0.03",    // 0.0300000000 per GB
			"classes.EXPRESS_ONEZONE.storage[0]":                           "0.11",    // 0.1100000000
			"classes.EXPRESS_ONEZONE.get_per_1k":                           "0.00003", // 0.0000000300 x 1,000
		}},
		{"ap-south-1", map[string]string{
			"classes.STANDARD.storage[0]":                                  "0.025",   // 0.0250000000
			"classes.STANDARD.storage[2]":                                  "0.023",   // 0.0230000000
			"classes.STANDARD.put_per_1k":                                  "0.005",   // 0.0000050000 x 1,000
			"classes.ONEZONE_IA.put_per_1k":                                "0.01",    // 0.0000100000 x 1,000
			"classes.GLACIER.restore.expedited.request_per_1k":             "12",      // 0.0120000000 x 1,000
			"classes.GLACIER.restore.standard.request_per_1k":              "0.06",    // 0.0000600000 x 1,000
			"classes.GLACIER.put_per_1k":                                   "0.036",   // 0.0000360000 x 1,000
			"classes.GLACIER.storage[0]":                                   "0.0045",  // 0.0045000000
			"classes.DEEP_ARCHIVE.restore.bulk.per_gb":                     "0.005",   // 0.0050000000
			"classes.DEEP_ARCHIVE.restore.standard.per_gb":                 "0.024",   // 0.0240000000
			"classes.DEEP_ARCHIVE.transition_per_1k":                       "0.07",    // 0.0000700000 x 1,000
			"classes.INTELLIGENT_TIERING.monitoring_per_1k_objects":        "0.0025",  // 0.0000025000 x 1,000
			"classes.INTELLIGENT_TIERING.tiers.INFREQUENT":                 "0.0138",  // both labels 0.0138000000
			"classes.INTELLIGENT_TIERING.restore.expedited.request_per_1k": "12",      // 0.0120000000 x 1,000
			"classes.GLACIER_IR.retrieval_per_gb":                          "0.03",    // 0.0300000000
			"classes.EXPRESS_ONEZONE.storage[0]":                           "0.124",   // 0.1240000000
			"classes.EXPRESS_ONEZONE.get_per_1k":                           "0.00003", // 0.0000000300 x 1,000
		}},
	}
	for _, c := range cases {
		t.Run(c.region, func(t *testing.T) {
			res := mustImport(t, Options{Region: c.region}, bytes.NewReader(data))
			got := foundMap(res)
			for k, w := range c.want {
				if got[k] != w {
					t.Errorf("%s = %q, want %s", k, got[k], w)
				}
			}
			// 55 prices: 57 labels less DSSE (not written) and the second
			// infrequent-tier label (same key).
			if len(res.Found) != 55 {
				t.Errorf("%d prices found, want 55", len(res.Found))
			}
			if !reflect.DeepEqual(res.MissingFromInput(), feedLacks) || len(res.NotOffered) != 0 {
				t.Errorf("MissingFromInput = %q, NotOffered = %q", res.MissingFromInput(), res.NotOffered)
			}
			if _, err := pricing.ParseSheet(res.SheetYAML()); err != nil {
				t.Errorf("the sheet does not load: %v", err)
			}
		})
	}
}

// TestNotOffered: a region the feed prices without any Express One Zone
// item does not sell the class; an input with no STANDARD storage says
// nothing about it.
func TestNotOffered(t *testing.T) {
	xzKeys := func(list []string) []string {
		var out []string
		for _, k := range list {
			if strings.Contains(k, "EXPRESS_ONEZONE") {
				out = append(out, k)
			}
		}
		return out
	}
	cases := []struct {
		name       string
		region     string
		input      []byte
		notOffered []string
		xzMissing  int
	}{
		{"handwritten feed, eu-central-1", "eu-central-1", readTestdata(t, "feed-handwritten.json"), []string{"EXPRESS_ONEZONE"}, 0},
		{"real feed, eu-central-1", "eu-central-1", readRealFeed(t), []string{"EXPRESS_ONEZONE"}, 0},
		{"real feed, us-gov-west-1", "us-gov-west-1", readRealFeed(t), []string{"EXPRESS_ONEZONE"}, 0},
		{"real feed, eu-west-1", "eu-west-1", readRealFeed(t), nil, 0},
		{"no STANDARD storage", "eu-west-1", []byte(`{"regions": {"EU (Ireland)": {"Glacier Storage per GB Mo": {"price": "0.0036"}}}}`), nil, 5},
		{"an Express item, unpriced", "eu-west-1", []byte(`{"regions": {"EU (Ireland)": {
			"Standard Storage First 50 TB per GB Mo": {"price": "0.023"},
			"Express One Zone Storage Inf per GB Mo": {"price": "n/a"}}}}`), nil, 5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustImport(t, Options{Region: c.region}, bytes.NewReader(c.input))
			if !reflect.DeepEqual(res.NotOffered, c.notOffered) {
				t.Errorf("NotOffered = %q, want %q", res.NotOffered, c.notOffered)
			}
			if got := xzKeys(res.Missing); len(got) != c.xzMissing {
				t.Errorf("Express keys missing: %q, want %d", got, c.xzMissing)
			}
			sheet := res.SheetYAML()
			if _, err := pricing.ParseSheet(sheet); err != nil {
				t.Fatalf("the sheet does not load: %v\n%s", err, sheet)
			}
			doc := decodeYAML(t, sheet)
			if c.notOffered != nil {
				if got := doc["not_offered"]; !reflect.DeepEqual(got, []any{"EXPRESS_ONEZONE"}) {
					t.Errorf("not_offered = %v", got)
				}
				if !strings.Contains(string(sheet), "has no item\n# at all of these classes") {
					t.Error("no comment explains not_offered")
				}
			} else if _, ok := doc["not_offered"]; ok {
				t.Errorf("not_offered written: %v", doc["not_offered"])
			}
		})
	}
}

// TestFeedConflictsAndBadItems: the two infrequent-tier labels must agree;
// a price that is not a plain decimal is skipped with a warning.
func TestFeedConflictsAndBadItems(t *testing.T) {
	data := readTestdata(t, "feed-handwritten.json")
	const second = `"Intelligent Tiering Infrequent Access From 0 to Inf per GB-Mo": {"rateCode": "EU00000000000020.JRTCKXETXF.6YS6EN2CT7", "price": "0.0125000000"`
	if !bytes.Contains(data, []byte(second)) {
		t.Fatal("fixture changed")
	}
	conflicting := bytes.Replace(data, []byte(second), []byte(strings.Replace(second, "0.0125000000", "0.0130000000", 1)), 1)
	res := mustImport(t, euOptions(), bytes.NewReader(conflicting))
	if _, ok := foundMap(res)["classes.INTELLIGENT_TIERING.tiers.INFREQUENT"]; ok {
		t.Error("conflicting infrequent-tier prices: the key was imported")
	}
	if !slices.Contains(res.Missing, "classes.INTELLIGENT_TIERING.tiers.INFREQUENT") {
		t.Error("the conflicting key is not reported missing")
	}
	wantWarn := `classes.INTELLIGENT_TIERING.tiers.INFREQUENT: conflicting prices, left out: 0.0125 (feed: "Intelligent Tiering Infrequent Access per GB Mo"), 0.013 (feed: "Intelligent Tiering Infrequent Access From 0 to Inf per GB-Mo")`
	if !slices.Contains(res.Warnings, wantWarn) {
		t.Errorf("Warnings = %q\nwant %q", res.Warnings, wantWarn)
	}

	bad := []byte(`{"regions": {"EU (Ireland)": {"Glacier Storage per GB Mo": {"price": "1e-3"}, "Glacier Instant Retrieval Storage": {"price": "-0.004"}}}}`)
	res = mustImport(t, euOptions(), bytes.NewReader(bad))
	if len(res.Found) != 0 || len(res.Warnings) != 2 || !strings.Contains(res.Warnings[0], "is not a plain decimal; item skipped") {
		t.Errorf("Found %v, Warnings %q", res.Found, res.Warnings)
	}
}

// TestRegionInference: without a region, the one region the inputs price
// is imported; several are an error listing them.
func TestRegionInference(t *testing.T) {
	rows := euRows()
	var euOnly []row // the regional offer files: eu-west-1's rows only
	for _, r := range rows {
		if r.region == euRegion || r.region == "" && r.location == "" {
			euOnly = append(euOnly, r)
		}
	}
	oneFeedRegion := []byte(`{"manifest": {"hawkFilePublicationDate": "2025-10-22T21:14:55Z"}, "regions": {
		"Any": {"h": {"price": "0.02"}},
		"Asia Pacific (Mumbai)": {"Glacier Storage per GB Mo": {"price": "0.0045000000"}}}}`)
	cases := []struct {
		name    string
		inputs  [][]byte
		region  string // the region inferred
		errWant string // or the error
	}{
		{"regional offers", [][]byte{offerFile(offerS3, rowsOf(euOnly, offerS3), false), offerFile(offerGDA, rowsOf(euOnly, offerGDA), false), offerFile(offerDT, rowsOf(euOnly, offerDT), false)}, euRegion, ""},
		{"get-products for one region", [][]byte{wrapItems("PriceList", rowsOf(euOnly, offerS3))}, euRegion, ""},
		{"a feed of one region", [][]byte{oneFeedRegion}, "ap-south-1", ""},
		{"feed and offers of the same region", [][]byte{offerFile(offerS3, rowsOf(euOnly, offerS3), false), []byte(`{"regions": {"EU (Ireland)": {"Glacier Storage per GB Mo": {"price": "0.0036"}}}}`)}, euRegion, ""},
		{"the fixture's other-region rows", [][]byte{offerFile(offerS3, rowsOf(rows, offerS3), false)}, "",
			"the inputs price 3 regions: eu-central-1, eu-west-1, us-east-1; choose one (--region)"},
		{"two feeds' regions", [][]byte{oneFeedRegion, readTestdata(t, "feed-handwritten.json")}, "",
			"the inputs price 3 regions: ap-south-1, eu-central-1, eu-west-1 (and locations with no known region code: Nowhere (Atlantis)); choose one (--region)"},
		{"nothing priced", [][]byte{[]byte(`{"regions": {"Any": {}}}`)}, "", "the inputs price no S3 storage class of any known region"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Import(Options{}, readers(c.inputs...)...)
			if c.errWant != "" {
				if err == nil || !strings.Contains(err.Error(), c.errWant) {
					t.Errorf("err = %v, want %q", err, c.errWant)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Region != c.region {
				t.Errorf("Region = %q, want %q", res.Region, c.region)
			}
		})
	}

	// The real feed: all 36 regions listed.
	_, err := Import(Options{}, bytes.NewReader(readRealFeed(t)))
	if err == nil || !strings.Contains(err.Error(), "the inputs price 36 regions: af-south-1, ap-east-1, ap-east-2, ") ||
		!strings.Contains(err.Error(), "us-gov-east-1, us-gov-west-1, us-west-1, us-west-2; choose one") {
		t.Errorf("err = %v", err)
	}

	// Inferred from offers, the import is the same as with the region given.
	inputs := [][]byte{offerFile(offerS3, rowsOf(euOnly, offerS3), false), offerFile(offerGDA, rowsOf(euOnly, offerGDA), false), offerFile(offerDT, rowsOf(euOnly, offerDT), false)}
	inferred := mustImport(t, Options{}, readers(inputs...)...)
	given := mustImport(t, Options{Region: euRegion}, readers(inputs...)...)
	if !reflect.DeepEqual(inferred, given) {
		t.Errorf("inferred %+v\ngiven %+v", inferred, given)
	}
	assertFound(t, inferred.Found, euWant())
}

func BenchmarkImportFeedOneRegion(b *testing.B) {
	data := readRealFeed(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Import(Options{Region: "ap-south-1"}, bytes.NewReader(data))
		if err != nil || len(res.Found) != 55 {
			b.Fatalf("%v, %d found", err, len(res.Found))
		}
	}
}

// ImportAll reads every region in one pass and gives each region what
// Import gives it alone.
func TestImportAllEqualsImport(t *testing.T) {
	data, err := os.ReadFile(realFeed)
	if err != nil {
		t.Fatal(err)
	}
	all, err := ImportAll(Options{}, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 36 {
		t.Errorf("%d regions, want 36", len(all))
	}
	for _, region := range []string{"eu-west-1", "us-gov-west-1", "ap-south-1"} {
		one, err := Import(Options{Region: region}, bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(all[region], one) {
			t.Errorf("%s: ImportAll and Import differ:\n%+v\n%+v", region, all[region], one)
		}
	}
	if _, err := ImportAll(Options{Region: "eu-west-1"}, bytes.NewReader(data)); err == nil {
		t.Error("ImportAll took a region")
	}
}

// A region the feed does not price is an error naming the regions it does,
// never an empty sheet (a typo such as eu-wst-1, or China).
func TestFeedWrongRegion(t *testing.T) {
	data, err := os.ReadFile(realFeed)
	if err != nil {
		t.Fatal(err)
	}
	for _, region := range []string{"eu-wst-1", "cn-north-1"} {
		_, err := Import(Options{Region: region}, bytes.NewReader(data))
		if err == nil || !strings.Contains(err.Error(), "the inputs price no S3 prices of "+region+"; they price af-south-1, ") ||
			!strings.Contains(err.Error(), "eu-west-1") {
			t.Errorf("%s: %v", region, err)
		}
	}
}
