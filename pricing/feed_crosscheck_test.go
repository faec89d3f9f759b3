package pricing

// A second, independent reading of AWS's S3 price feed, checked against the
// embedded sheets. It shares nothing with the importer (internal/priceimport)
// or the generator (internal/sheetgen): the feed is decoded here with
// encoding/json, the location names and the feed labels are mapped by the
// tables below (written from the feed's own labels, the sheet format in
// docs/pricing.md and the AWS pricing page), and every price is compared as
// an exact decimal. A mistake in the importer's label table, its units or
// its region table shows up here as a disagreement.

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// crossFeedFile is the copy of the feed the sheets were built from.
const crossFeedFile = "sources/aws-s3-pricing-feed-2025-10-22.json"

// crossFeed is the part of the feed this check reads: its publication date
// and, by location name, each label's price (a decimal string such as
// "0.0000050000"; rateCode and the rest are not needed).
type crossFeed struct {
	Manifest struct {
		Published string `json:"hawkFilePublicationDate"`
	} `json:"manifest"`
	Regions map[string]map[string]struct {
		Price string `json:"price"`
	} `json:"regions"`
}

var (
	crossFeedOnce sync.Once
	crossFeedData *crossFeed
	crossFeedErr  error
)

// loadCrossFeed decodes the 2.4 MB feed once for all the tests of the file.
func loadCrossFeed(t testing.TB) *crossFeed {
	t.Helper()
	crossFeedOnce.Do(func() {
		data, err := os.ReadFile(crossFeedFile)
		if err != nil {
			crossFeedErr = err
			return
		}
		var f crossFeed
		if err := json.Unmarshal(data, &f); err != nil {
			crossFeedErr = fmt.Errorf("%s: %w", crossFeedFile, err)
			return
		}
		crossFeedData = &f
	})
	if crossFeedErr != nil {
		t.Fatal(crossFeedErr)
	}
	return crossFeedData
}

// crossFeedNotRegions are the feed's keys under "regions" that are not a
// region: "Any" holds two region-less hashed items and "" the intra-region
// replication item, neither of which a sheet prices.
var crossFeedNotRegions = map[string]bool{"Any": true, "": true}

// crossLocations maps the feed's location names to region codes: AWS's own
// names of its regions (the console's and the Price List's "location"), the
// 36 regions the feed prices, GovCloud included.
var crossLocations = map[string]string{
	"US East (N. Virginia)":      "us-east-1",
	"US East (Ohio)":             "us-east-2",
	"US West (N. California)":    "us-west-1",
	"US West (Oregon)":           "us-west-2",
	"AWS GovCloud (US-East)":     "us-gov-east-1",
	"AWS GovCloud (US)":          "us-gov-west-1", // the first GovCloud region keeps the unsuffixed name
	"Canada (Central)":           "ca-central-1",
	"Canada West (Calgary)":      "ca-west-1",
	"Mexico (Central)":           "mx-central-1",
	"South America (Sao Paulo)":  "sa-east-1",
	"EU (Ireland)":               "eu-west-1",
	"EU (London)":                "eu-west-2",
	"EU (Paris)":                 "eu-west-3",
	"EU (Frankfurt)":             "eu-central-1",
	"EU (Zurich)":                "eu-central-2",
	"EU (Stockholm)":             "eu-north-1",
	"EU (Milan)":                 "eu-south-1",
	"EU (Spain)":                 "eu-south-2",
	"Israel (Tel Aviv)":          "il-central-1",
	"Middle East (Bahrain)":      "me-south-1",
	"Middle East (UAE)":          "me-central-1",
	"Africa (Cape Town)":         "af-south-1",
	"Asia Pacific (Hong Kong)":   "ap-east-1",
	"Asia Pacific (Taipei)":      "ap-east-2",
	"Asia Pacific (Tokyo)":       "ap-northeast-1",
	"Asia Pacific (Seoul)":       "ap-northeast-2",
	"Asia Pacific (Osaka)":       "ap-northeast-3",
	"Asia Pacific (Mumbai)":      "ap-south-1",
	"Asia Pacific (Hyderabad)":   "ap-south-2",
	"Asia Pacific (Singapore)":   "ap-southeast-1",
	"Asia Pacific (Sydney)":      "ap-southeast-2",
	"Asia Pacific (Jakarta)":     "ap-southeast-3",
	"Asia Pacific (Melbourne)":   "ap-southeast-4",
	"Asia Pacific (Malaysia)":    "ap-southeast-5",
	"Asia Pacific (New Zealand)": "ap-southeast-6",
	"Asia Pacific (Thailand)":    "ap-southeast-7",
}

// The factor from the feed's unit to the sheet's. The feed has no unit
// field: its label implies it. Storage is per GB-month and retrieval and
// upload per GB in both; requests are per single request in the feed and
// per 1,000 in the sheet, the Intelligent-Tiering monitoring fee per object
// in the feed and per 1,000 objects in the sheet.
const (
	crossSame   = 1
	crossPer1K  = 1000
	crossTier1  = "51200"  // "First 50 TB": 50 x 1,024 GB
	crossTier2  = "512000" // "Next 450 TB": up to 500 x 1,024 GB
	crossNoTier = ""       // "Over 500 TB", or a price with one tier: unbounded
)

// crossMapping says which sheet price a feed label gives.
type crossMapping struct {
	label string
	// key is the price's key as Sheet.Items writes it: "X.storage[i]"
	// for a storage tier, the item key otherwise.
	key    string
	factor int64
	// upTo is a storage tier's upper bound in GB, crossNoTier for the
	// last (unbounded) tier; unused for a price that is not tiered.
	upTo string
}

// crossMappings is the label table of this check. A label with no entry
// here (Reduced Redundancy, S3 Select, Access Grants, Batch Operations,
// Storage Lens, Inventory, Analytics, tags, Glacier staging storage and
// replication requests, the hashed region-less codes) prices nothing the
// sheet format has.
var crossMappings = []crossMapping{
	// S3 Standard. Storage is tiered on the month's total, as the labels'
	// "First 50 TB", "Next 450 TB", "Over 500 TB" say; "PUT COPY/POST or
	// LIST" and "GET and all other" without a class name are Standard's
	// two request prices (every other class names itself: "... to
	// Glacier Instant Retrieval").
	{"Standard Storage First 50 TB per GB Mo", "classes.STANDARD.storage[0]", crossSame, crossTier1},
	{"Standard Storage Next 450 TB per GB Mo", "classes.STANDARD.storage[1]", crossSame, crossTier2},
	{"Standard Storage Over 500 TB per GB Mo", "classes.STANDARD.storage[2]", crossSame, crossNoTier},
	{"PUT COPY/POST or LIST requests per Requests", "classes.STANDARD.put_per_1k", crossPer1K, ""},
	{"GET and all other requests per Requests", "classes.STANDARD.get_per_1k", crossPer1K, ""},

	// Intelligent-Tiering. Its Frequent Access tier is the class's storage
	// price (the sheet's `storage:`, tiered like Standard's); the other
	// access tiers are the sheet's `tiers:`. "IntelligentTieringArchive
	// Access" and "...DeepArchiveAccess" (no spaces, no unit) are the two
	// opt-in archive tiers, per GB-month like the others.
	{"Intelligent Tiering Frequent Access First 50 TB per GB Mo", "classes.INTELLIGENT_TIERING.storage[0]", crossSame, crossTier1},
	{"Intelligent Tiering Frequent Access Next 450 TB per GB Mo", "classes.INTELLIGENT_TIERING.storage[1]", crossSame, crossTier2},
	{"Intelligent Tiering Frequent Access Over 500 TB per GB Mo", "classes.INTELLIGENT_TIERING.storage[2]", crossSame, crossNoTier},
	{"Intelligent Tiering Infrequent Access From 0 to Inf per GB-Mo", "classes.INTELLIGENT_TIERING.tiers.INFREQUENT", crossSame, ""},
	// The feed prices the Infrequent Access tier twice, under two labels:
	// both must be the sheet's price.
	{"Intelligent Tiering Infrequent Access per GB Mo", "classes.INTELLIGENT_TIERING.tiers.INFREQUENT", crossSame, ""},
	{"Intelligent Tiering Archive Instant Access", "classes.INTELLIGENT_TIERING.tiers.ARCHIVE_INSTANT", crossSame, ""},
	{"IntelligentTieringArchiveAccess", "classes.INTELLIGENT_TIERING.tiers.ARCHIVE", crossSame, ""},
	{"IntelligentTieringDeepArchiveAccess", "classes.INTELLIGENT_TIERING.tiers.DEEP_ARCHIVE", crossSame, ""},
	// Per object a month in the feed; per 1,000 objects in the sheet.
	{"Per object per month monitoring and automation fee for objects in Intelligent Tiering", "classes.INTELLIGENT_TIERING.monitoring_per_1k_objects", crossPer1K, ""},
	{"PUT COPY/POST or LIST requests to Intelligent Tiering per Requests", "classes.INTELLIGENT_TIERING.put_per_1k", crossPer1K, ""},
	{"GET and all other requests to Intelligent Tiering per Requests", "classes.INTELLIGENT_TIERING.get_per_1k", crossPer1K, ""},
	{"Lifecycle Transition Requests into Intelligent Tiering per Requests", "classes.INTELLIGENT_TIERING.transition_per_1k", crossPer1K, ""},
	// Restores out of the opt-in archive tiers: "INT" is Intelligent-
	// Tiering, "AA" its Archive Access tier; the request half is per
	// request, the "INT Retrieval per GB" half per GB. The feed has no
	// bulk request price for these tiers.
	{"Expedited INT Restore Requests per Requests", "classes.INTELLIGENT_TIERING.restore.expedited.request_per_1k", crossPer1K, ""},
	{"Standard INT Restore Requests per Requests", "classes.INTELLIGENT_TIERING.restore.standard.request_per_1k", crossPer1K, ""},
	{"INT AA-RestoreObject Expedited INT Retrieval per GB", "classes.INTELLIGENT_TIERING.restore.expedited.per_gb", crossSame, ""},
	{"INT AA-RestoreObject Standard INT Retrieval per GB", "classes.INTELLIGENT_TIERING.restore.standard.per_gb", crossSame, ""},
	{"INT AA-RestoreObject Bulk INT Retrieval per GB", "classes.INTELLIGENT_TIERING.restore.bulk.per_gb", crossSame, ""},

	// Standard-IA and One Zone-IA: one storage price each ("per GB-Mo",
	// One Zone's "Inf" meaning no tier bound), the class's requests and
	// transition, and the per-GB retrieval fee ("Object Retrieval in ...").
	{"Standard Infrequent Access Storage per GB-Mo", "classes.STANDARD_IA.storage[0]", crossSame, crossNoTier},
	{"PUT COPY/POST or LIST requests to Standard Infrequent Access per Requests", "classes.STANDARD_IA.put_per_1k", crossPer1K, ""},
	{"GET and all other requests to Standard Infrequent Access per Requests", "classes.STANDARD_IA.get_per_1k", crossPer1K, ""},
	{"Lifecycle Transition Requests into Standard Infrequent Access per Requests", "classes.STANDARD_IA.transition_per_1k", crossPer1K, ""},
	{"Object Retrieval in Standard Infrequent Access per GB", "classes.STANDARD_IA.retrieval_per_gb", crossSame, ""},
	{"One Zone Infrequent Access Storage Inf per GB-Mo", "classes.ONEZONE_IA.storage[0]", crossSame, crossNoTier},
	{"PUT COPY/POST or LIST requests to One Zone Infrequent Access per Requests", "classes.ONEZONE_IA.put_per_1k", crossPer1K, ""},
	{"GET and all other requests to One Zone Infrequent Access per Requests", "classes.ONEZONE_IA.get_per_1k", crossPer1K, ""},
	{"Lifecycle Transition Requests into One Zone Infrequent Access per Requests", "classes.ONEZONE_IA.transition_per_1k", crossPer1K, ""},
	{"Object Retrieval in One Zone Infrequent Access per GB", "classes.ONEZONE_IA.retrieval_per_gb", crossSame, ""},

	// Glacier Instant Retrieval: the same shape. Its storage label has no
	// unit; it is the class's GB-month price.
	{"Glacier Instant Retrieval Storage", "classes.GLACIER_IR.storage[0]", crossSame, crossNoTier},
	{"PUT COPY/POST or LIST requests to Glacier Instant Retrieval per Requests", "classes.GLACIER_IR.put_per_1k", crossPer1K, ""},
	{"GET and all other requests to Glacier Instant Retrieval per Requests", "classes.GLACIER_IR.get_per_1k", crossPer1K, ""},
	{"Lifecycle Transition Requests into Glacier Instant Retrieval per Requests", "classes.GLACIER_IR.transition_per_1k", crossPer1K, ""},
	{"Object Retrieval in Glacier Instant Retrieval per GB", "classes.GLACIER_IR.retrieval_per_gb", crossSame, ""},

	// Glacier Flexible Retrieval ("Glacier" in the feed, GLACIER in the
	// sheet).
	{"Glacier Storage per GB Mo", "classes.GLACIER.storage[0]", crossSame, crossNoTier},
	// The feed splits the sheet's one PUT price (PUT, COPY, POST) into
	// three labels: all three must be it.
	{"PUT requests to Glacier per Requests", "classes.GLACIER.put_per_1k", crossPer1K, ""},
	{"COPY requests to Glacier per Requests", "classes.GLACIER.put_per_1k", crossPer1K, ""},
	{"POST requests to Glacier per Requests", "classes.GLACIER.put_per_1k", crossPer1K, ""},
	{"GET and all other requests to GLACIER per Requests", "classes.GLACIER.get_per_1k", crossPer1K, ""},
	{"Lifecycle Transition Requests into Glacier per Requests", "classes.GLACIER.transition_per_1k", crossPer1K, ""},
	// Restores, one request price and one per-GB fee per tier. The
	// expedited and bulk request labels lack "per Requests" but are per
	// request (expedited 0.01 in us-east-1 is the page's $10 per 1,000);
	// "Glacier S3 Expedited Retrieval" has no unit but is the per-GB fee
	// (0.03, the page's $0.03 per GB). The standard request is "Restore
	// Object per Requests"; the per-GB fees of standard and bulk are "Fee
	// for ... Retrieval of data stored" (without "from Glacier Deep
	// Archive", which are DEEP_ARCHIVE's).
	{"Glacier Expedited Glacier Restore Requests", "classes.GLACIER.restore.expedited.request_per_1k", crossPer1K, ""},
	{"Glacier S3 Expedited Retrieval", "classes.GLACIER.restore.expedited.per_gb", crossSame, ""},
	{"Restore Object per Requests", "classes.GLACIER.restore.standard.request_per_1k", crossPer1K, ""},
	{"Fee for Standard Retrieval of data stored", "classes.GLACIER.restore.standard.per_gb", crossSame, ""},
	{"Bulk Glacier Restore Requests", "classes.GLACIER.restore.bulk.request_per_1k", crossPer1K, ""},
	{"Fee for Bulk Retrieval of data stored", "classes.GLACIER.restore.bulk.per_gb", crossSame, ""},

	// Glacier Deep Archive ("GDA"). The feed has no Deep Archive storage,
	// PUT or restore request price: the sheet's come from other sources or
	// are derived (checked in crossCheckDerived).
	{"GET and all other requests to GDA per Requests", "classes.DEEP_ARCHIVE.get_per_1k", crossPer1K, ""},
	{"Lifecycle Transition Requests into Glacier Deep Archive per Requests", "classes.DEEP_ARCHIVE.transition_per_1k", crossPer1K, ""},
	{"Fee for Standard Retrieval of data stored from Glacier Deep Archive", "classes.DEEP_ARCHIVE.restore.standard.per_gb", crossSame, ""},
	{"Fee for Bulk Retrieval of data stored from Glacier Deep Archive", "classes.DEEP_ARCHIVE.restore.bulk.per_gb", crossSame, ""},

	// Express One Zone, in the regions that sell it: one storage price
	// ("Inf": no tier bound), requests, and its two per-GB fees, upload
	// and retrieval.
	{"Express One Zone Storage Inf per GB Mo", "classes.EXPRESS_ONEZONE.storage[0]", crossSame, crossNoTier},
	{"PUT COPY/POST or LIST requests to Express One Zone per Requests", "classes.EXPRESS_ONEZONE.put_per_1k", crossPer1K, ""},
	{"GET and all other requests to Express One Zone per Requests", "classes.EXPRESS_ONEZONE.get_per_1k", crossPer1K, ""},
	{"Object Upload in Express One Zone per GB", "classes.EXPRESS_ONEZONE.upload_per_gb", crossSame, ""},
	{"Object Retrieval in Express One Zone per GB", "classes.EXPRESS_ONEZONE.retrieval_per_gb", crossSame, ""},

	// DSSE-KMS: the per-GB charge for the second encryption layer on the
	// bytes written. The feed's decryption label ("Bytes Decrypted ...",
	// the same figure in every region of this feed) is a charge on reads
	// that the sheet format has no item for, so it is left unmapped.
	{"Bytes Encrypted using Dual Layer Server-Side Encryption per GB", "kms.dsse_per_gb", crossSame, ""},
}

// crossStats counts what the check compared.
type crossStats struct {
	labels   map[string]bool // distinct feed labels compared
	compared int             // (region, label) pairs compared with a sheet price
	reverse  int             // sheet prices of the feed's source traced back to a label
	derived  int             // derived prices checked against their rule
}

// crossSplitKey splits "X.storage[1]" into "X.storage" and 1; a key
// without a tier index gives -1.
func crossSplitKey(key string) (string, int) {
	i := strings.IndexByte(key, '[')
	if i < 0 || !strings.HasSuffix(key, "]") {
		return key, -1
	}
	n, err := strconv.Atoi(key[i+1 : len(key)-1])
	if err != nil {
		return key, -1
	}
	return key[:i], n
}

// crossFeedPrice returns a label's price of one region times factor.
func crossFeedPrice(items map[string]struct {
	Price string `json:"price"`
}, label string, factor int64) (decimal.Decimal, string, error) {
	it, ok := items[label]
	if !ok {
		return decimal.Decimal{}, "", fmt.Errorf("feed has no %q", label)
	}
	p, err := decimal.NewFromString(it.Price)
	if err != nil {
		return decimal.Decimal{}, it.Price, fmt.Errorf("feed %q: %q is not a decimal", label, it.Price)
	}
	return p.Mul(decimal.NewFromInt(factor)), it.Price, nil
}

// crossCheckSheet compares one sheet with its region's feed items and
// returns every disagreement, one line each.
func crossCheckSheet(s *Sheet, location string, items map[string]struct {
	Price string `json:"price"`
}, st *crossStats) []string {
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s (%s): ", s.Region, location)+fmt.Sprintf(format, args...))
	}
	sheetItems := map[string]Item{}
	for _, it := range s.Items() {
		sheetItems[it.Key] = it
	}
	// GovCloud: the KMS pricing page does not cover it, and a sheet takes
	// the KMS prices as a block, so the feed's DSSE price is not written
	// there (docs/pricing.md, "What stays out").
	noKMS := strings.HasPrefix(s.Region, "us-gov-")

	// Feed -> sheet: every mapped label the region has is a sheet price of
	// the feed's source, equal to the feed's price times the factor, in the
	// right tier.
	explained := map[string]bool{}
	for _, m := range crossMappings {
		if _, ok := items[m.label]; !ok {
			continue // Express One Zone outside its regions: checked below
		}
		if noKMS && strings.HasPrefix(m.key, "kms.") {
			continue
		}
		want, raw, err := crossFeedPrice(items, m.label, m.factor)
		if err != nil {
			bad("%v", err)
			continue
		}
		st.compared++
		st.labels[m.label] = true
		explained[m.key] = true
		base, idx := crossSplitKey(m.key)
		tiers := s.Price(base)
		if tiers == nil {
			bad("sheet has no %s; feed %q = %s", m.key, m.label, raw)
			continue
		}
		tier := tiers[0]
		if idx >= 0 {
			if idx >= len(tiers) {
				bad("sheet has no %s (%d tiers); feed %q = %s", m.key, len(tiers), m.label, raw)
				continue
			}
			tier = tiers[idx]
			if m.upTo == crossNoTier {
				if !tier.Unbounded || idx != len(tiers)-1 {
					bad("%s should be the last, unbounded tier (feed %q)", m.key, m.label)
				}
			} else if tier.Unbounded || !tier.UpTo.Equal(decimal.RequireFromString(m.upTo)) {
				bad("%s should end at %s GB, ends at %s (unbounded: %v) (feed %q)", m.key, m.upTo, tier.UpTo, tier.Unbounded, m.label)
			}
		} else if len(tiers) != 1 {
			bad("%s has %d tiers, want one price (feed %q)", m.key, len(tiers), m.label)
		}
		if !tier.Price.Equal(want) {
			bad("%s = %s, feed %q = %s (x%d = %s)", m.key, tier.Price, m.label, raw, m.factor, want)
		}
		if it, ok := sheetItems[m.key]; !ok {
			bad("Items() lists no %s", m.key)
		} else if it.Source != s.Source || it.Derived != "" {
			bad("%s = %s is the feed's price (%q) but the sheet gives its source as %q (derived: %q)", m.key, it.Price, m.label, it.Source, it.Derived)
		}
	}

	// Sheet -> feed: every price that claims the sheet's own source (the
	// feed) and is not derived is one a feed label of the region gives.
	for _, it := range s.Items() {
		if it.Derived != "" {
			crossCheckDerived(it, items, st, bad)
			continue
		}
		if it.Source != s.Source {
			continue // from another `sources:` entry
		}
		st.reverse++
		if !explained[it.Key] {
			bad("%s = %s claims the feed as its source, but no feed label of %s gives it", it.Key, it.Price, location)
		}
	}

	// Express One Zone: sold where the feed has items of it, and only
	// there; every other class is sold everywhere.
	express := false
	for label := range items {
		if strings.Contains(label, "Express One Zone") {
			express = true
		}
	}
	for id := range s.NotOffered {
		if id != model.ExpressOneZone {
			bad("sheet says %s is not offered; the feed prices it", id)
		}
	}
	switch {
	case express && s.NotOffered[model.ExpressOneZone]:
		bad("sheet says EXPRESS_ONEZONE is not offered; the feed prices it")
	case !express && !s.NotOffered[model.ExpressOneZone]:
		bad("feed has no Express One Zone item; the sheet does not list EXPRESS_ONEZONE as not offered")
	}
	if !express {
		for _, it := range s.Items() {
			if strings.HasPrefix(it.Key, "classes.EXPRESS_ONEZONE.") {
				bad("feed has no Express One Zone item, sheet has %s = %s", it.Key, it.Price)
			}
		}
	}
	return problems
}

// crossCheckDerived checks a derived price against its rule
// (docs/pricing.md, "Derived prices"), with the feed's figures.
func crossCheckDerived(it Item, items map[string]struct {
	Price string `json:"price"`
}, st *crossStats, bad func(string, ...any)) {
	var label string
	var factor int64
	switch it.Key {
	case "classes.DEEP_ARCHIVE.storage[0]":
		// Deep Archive storage = Intelligent-Tiering's Deep Archive Access
		// tier: the same storage, both per GB-month.
		label, factor = "IntelligentTieringDeepArchiveAccess", crossSame
	case "classes.DEEP_ARCHIVE.put_per_1k":
		// A direct PUT into Deep Archive = a lifecycle transition into
		// it: per request in the feed, per 1,000 in the sheet.
		label, factor = "Lifecycle Transition Requests into Glacier Deep Archive per Requests", crossPer1K
	default:
		bad("%s = %s is derived (%q); no derivation rule is known for it", it.Key, it.Price, it.Derived)
		return
	}
	st.derived++
	want, raw, err := crossFeedPrice(items, label, factor)
	if err != nil {
		bad("derived %s: %v", it.Key, err)
		return
	}
	got, err := decimal.NewFromString(it.Price)
	if err != nil || !got.Equal(want) {
		bad("derived %s = %s, feed %q = %s (x%d = %s)", it.Key, it.Price, label, raw, factor, want)
	}
}

func TestSheetsAgreeWithTheFeed(t *testing.T) {
	feed := loadCrossFeed(t)
	sheets, err := LoadAll(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	all, err := sheets.All()
	if err != nil {
		t.Fatal(err)
	}

	// The tables themselves: each label mapped once and known to the feed
	// (a misspelt label would otherwise never be compared), each region
	// code once.
	seen := map[string]bool{}
	for _, m := range crossMappings {
		if seen[m.label] {
			t.Errorf("label %q mapped twice", m.label)
		}
		seen[m.label] = true
		if _, ok := LookupItem(strings.SplitN(m.key, "[", 2)[0]); !ok {
			t.Errorf("label %q: %s is not a sheet item", m.label, m.key)
		}
	}
	codes := map[string]string{}
	for loc, code := range crossLocations {
		if other, ok := codes[code]; ok {
			t.Errorf("%s is the code of both %q and %q", code, loc, other)
		}
		codes[code] = loc
	}

	// The feed's locations are the table's, and each has a sheet; there is
	// no sheet for a region the feed does not price.
	for loc := range feed.Regions {
		if !crossFeedNotRegions[loc] && crossLocations[loc] == "" {
			t.Errorf("feed location %q is not in the location table", loc)
		}
	}
	bySheet := map[string]*Sheet{}
	for _, s := range all {
		bySheet[s.Region] = s
		if codes[s.Region] == "" {
			t.Errorf("sheet %s: no feed location of that region", s.Region)
		}
	}
	if len(all) != len(crossLocations) {
		t.Errorf("%d sheets, %d feed regions", len(all), len(crossLocations))
	}

	date, _, _ := strings.Cut(feed.Manifest.Published, "T")
	st := &crossStats{labels: map[string]bool{}}
	locs := make([]string, 0, len(crossLocations))
	for loc := range crossLocations {
		locs = append(locs, loc)
	}
	sort.Strings(locs)
	for _, loc := range locs {
		code := crossLocations[loc]
		items, ok := feed.Regions[loc]
		if !ok {
			t.Errorf("feed has no location %q (%s)", loc, code)
			continue
		}
		s := bySheet[code]
		if s == nil {
			t.Errorf("no sheet for %s (%s)", code, loc)
			continue
		}
		if s.AsOf != date {
			t.Errorf("%s: as_of %q, the feed was published on %q", code, s.AsOf, date)
		}
		for _, p := range crossCheckSheet(s, loc, items, st) {
			t.Error(p)
		}
	}
	for _, m := range crossMappings {
		if !st.labels[m.label] {
			t.Errorf("label %q: in no region of the feed", m.label)
		}
	}
	if st.derived == 0 || st.reverse == 0 {
		t.Errorf("nothing checked: %d derived, %d sheet prices traced", st.derived, st.reverse)
	}
	t.Logf("%d regions, %d feed labels, %d feed prices compared, %d sheet prices traced to the feed, %d derived prices checked",
		len(locs), len(st.labels), st.compared, st.reverse, st.derived)
}

// TestFeedCrossCheckCatchesAChange makes sure the check can fail: a copy of
// a sheet with one figure changed must give exactly one disagreement.
func TestFeedCrossCheckCatchesAChange(t *testing.T) {
	feed := loadCrossFeed(t)
	orig, err := fs.ReadFile(Embedded(), "sheets/aws/eu-west-1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ from, to, key string }{
		// a storage tier's price
		{`price: "0.022" }   # feed: "Standard Storage Next`, `price: "0.0221" }   # feed: "Standard Storage Next`, "classes.STANDARD.storage[1]"},
		// a tier's bound
		{`{ upto_gb: 51200, price: "0.023" }   # feed: "Standard Storage First`, `{ upto_gb: 51201, price: "0.023" }   # feed: "Standard Storage First`, "classes.STANDARD.storage[0]"},
		// a request price read without the x1,000 (per request)
		{`get_per_1k: "0.0004"   # feed: "GET and all other requests to GDA`, `get_per_1k: "0.0000004"   # feed: "GET and all other requests to GDA`, "classes.DEEP_ARCHIVE.get_per_1k"},
		// a derived price off its rule
		{`{ price: "0.055", derived:`, `{ price: "0.05", derived:`, "classes.DEEP_ARCHIVE.put_per_1k"},
	} {
		if n := strings.Count(string(orig), c.from); n != 1 {
			t.Fatalf("%q occurs %d times in eu-west-1.yaml", c.from, n)
		}
		s, err := ParseSheet([]byte(strings.Replace(string(orig), c.from, c.to, 1)))
		if err != nil {
			t.Fatal(err)
		}
		st := &crossStats{labels: map[string]bool{}}
		problems := crossCheckSheet(s, "EU (Ireland)", feed.Regions["EU (Ireland)"], st)
		if len(problems) != 1 || !strings.Contains(problems[0], c.key) {
			t.Errorf("%s changed: want one disagreement about it, got %q", c.key, problems)
		}
	}
}
