// Package priceimport builds an s3cost price sheet from AWS's own price
// data: the Price List Bulk API offer files (AmazonS3,
// AmazonS3GlacierDeepArchive, AWSDataTransfer region index.json) and the
// output of `aws pricing get-products`. Files are read as a JSON token
// stream, so memory stays bounded whatever their size. Rows are picked by
// usage type AND operation (the traps in PRICING-REGIONS.md), and the sheet
// carries only prices read from the input, never a guessed one.
package priceimport

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Options select the region to import and what the sheet records.
type Options struct {
	// Region is the AWS region to import, e.g. eu-west-1 (required). It
	// selects the rows by regionCode (or location) and usage-type prefix.
	Region string
	// UsageTypePrefix overrides the region's usage-type prefix (e.g. "EU-"
	// for eu-west-1; us-east-1 has none). Required for a region outside the
	// built-in table of PRICING-REGIONS.md's ten regions.
	UsageTypePrefix string
	// AsOf is the sheet's as_of date. Default: the latest publicationDate
	// of the inputs, else today's date from Now.
	AsOf string
	// Source is the sheet's source. Default: "AWS Price List" and the offers
	// that priced something.
	Source string
	// Now gives today's date when no input is dated (default time.Now).
	Now func() time.Time
}

// Item is one price imported into the sheet.
type Item struct {
	// Key is the sheet path, e.g. "classes.GLACIER.restore.standard.per_gb";
	// a tier of a tiered price is "classes.STANDARD.storage[0]".
	Key string
	// Price is the decimal price as read, converted to the sheet's unit
	// (per 1,000 for requests and objects), without trailing zeros.
	Price string
	// UpToGB is a tier's upper boundary in GB; "" for the last tier of a
	// tiered price and for a flat price.
	UpToGB string
	// From is the usage type and operation the price came from, e.g.
	// "EU-Requests-Tier3/RestoreObject".
	From string
}

// Result is what an import found.
type Result struct {
	Region string
	AsOf   string
	Source string
	// Found lists the prices read, in sheet order.
	Found []Item
	// Missing lists the sheet keys no input priced, in sheet order,
	// including those this importer never reads (see NotImported).
	Missing []string
	// Ignored counts the products skipped: other regions and services,
	// staging storage, early deletion, the trap rows, everything the sheet
	// does not price.
	Ignored int
	// Warnings explain rows that matched a sheet key but were not used
	// (conflicting prices, an unexpected unit or range) and adjustments made.
	Warnings []string
}

// NotImported reports whether a sheet key is one the importer never reads
// from Price List data (KMS, inter-region transfer, replication time
// control, Intelligent-Tiering's archive restores, Glacier provisioned
// capacity): such keys are always missing from an imported sheet.
func NotImported(key string) bool {
	for _, k := range sheetKeys() {
		if k.path == key {
			return !k.imported
		}
	}
	return false
}

// MissingFromInput is Missing without the keys the importer never reads:
// the prices another offer file could still supply.
func (r Result) MissingFromInput() []string {
	var out []string
	for _, k := range r.Missing {
		if !NotImported(k) {
			out = append(out, k)
		}
	}
	return out
}

// regionInfo is the usage-type prefix and Price List location name of a
// region (PRICING-REGIONS.md for the prefixes).
type regionInfo struct{ prefix, location string }

var knownRegions = map[string]regionInfo{
	"us-east-1":      {"", "US East (N. Virginia)"},
	"us-east-2":      {"USE2-", "US East (Ohio)"},
	"us-west-2":      {"USW2-", "US West (Oregon)"},
	"eu-west-1":      {"EU-", "EU (Ireland)"},
	"eu-central-1":   {"EUC1-", "EU (Frankfurt)"},
	"eu-west-2":      {"EUW2-", "EU (London)"},
	"ap-southeast-1": {"APS1-", "Asia Pacific (Singapore)"},
	"ap-southeast-2": {"APS2-", "Asia Pacific (Sydney)"},
	"ap-northeast-1": {"APN1-", "Asia Pacific (Tokyo)"},
	"sa-east-1":      {"SAE1-", "South America (Sao Paulo)"},
}

// validRegion accepts AWS region names (us-east-1, us-gov-west-1), which
// keeps the region safe to write into the sheet.
func validRegion(r string) bool {
	parts := strings.Split(r, "-")
	if len(parts) < 3 || len(r) > 40 {
		return false
	}
	for i, p := range parts {
		if p == "" {
			return false
		}
		for _, c := range p {
			last := i == len(parts)-1
			if last && (c < '0' || c > '9') || !last && (c < 'a' || c > 'z') {
				return false
			}
		}
	}
	return true
}

// Import reads every file (offer files and get-products output, in any
// mix) and returns the prices of opts.Region. Each file is streamed: memory
// stays bounded whatever its size. A malformed file is an error naming it by
// position; a file that prices nothing is not (see Result.Missing).
func Import(opts Options, files ...io.Reader) (Result, error) {
	if opts.Region == "" {
		return Result{}, errors.New("a region is required")
	}
	if !validRegion(opts.Region) {
		return Result{}, fmt.Errorf("%q is not an AWS region name", opts.Region)
	}
	info, known := knownRegions[opts.Region]
	if opts.UsageTypePrefix != "" {
		info.prefix = opts.UsageTypePrefix
	} else if !known {
		return Result{}, fmt.Errorf("region %s: usage-type prefix unknown (known regions: %s); give it explicitly", opts.Region, strings.Join(sortedRegions(), ", "))
	}
	if len(files) == 0 {
		return Result{}, errors.New("no input files")
	}
	im := &importer{
		region: opts.Region, prefix: info.prefix, location: info.location,
		flat: map[string]*flatEntry{}, ladders: map[string]*ladderEntry{},
		offers: map[string]bool{}, warned: map[string]bool{},
	}
	for i, f := range files {
		if err := im.readFile(f); err != nil {
			return Result{}, fmt.Errorf("input %d: %w", i+1, err)
		}
	}
	return im.result(opts), nil
}

func sortedRegions() []string {
	out := make([]string, 0, len(knownRegions))
	for r := range knownRegions {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// importer accumulates candidate prices across files.
type importer struct {
	region, prefix, location string

	flat    map[string]*flatEntry
	ladders map[string]*ladderEntry
	ignored int
	latest  string          // latest publication date seen (YYYY-MM-DD)
	offers  map[string]bool // services that priced something
	warned  map[string]bool
	warns   []string
}

// maxWarnings keeps a hostile input from growing the warning list without
// bound.
const maxWarnings = 200

func (im *importer) warn(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if im.warned[msg] {
		return
	}
	if len(im.warns) == maxWarnings {
		im.warns = append(im.warns, "further warnings left out")
	}
	if len(im.warns) > maxWarnings {
		return
	}
	im.warned[msg] = true
	im.warns = append(im.warns, msg)
}

// flatEntry is the chosen price of a single-valued key.
type flatEntry struct {
	price     decimal.Decimal
	prio      int
	from      string
	conflicts []string
}

// tierRow is one price dimension of a tiered key: [begin, end) GB.
type tierRow struct {
	begin, end decimal.Decimal
	endless    bool
	price      decimal.Decimal
	from       string
}

type ladderEntry struct {
	rows      []tierRow
	conflicts []string
}

// dim is one Price List price dimension.
type dim struct {
	BeginRange   string            `json:"beginRange"`
	EndRange     string            `json:"endRange"`
	Unit         string            `json:"unit"`
	PricePerUnit map[string]string `json:"pricePerUnit"`
}

// attrs are the product attributes the importer looks at.
type attrs struct {
	ServiceCode    string `json:"servicecode"`
	UsageType      string `json:"usagetype"`
	Operation      string `json:"operation"`
	RegionCode     string `json:"regionCode"`
	Location       string `json:"location"`
	FromRegionCode string `json:"fromRegionCode"`
	FromLocation   string `json:"fromLocation"`
	ToLocation     string `json:"toLocation"`
	TransferType   string `json:"transferType"`
}

// product is a product of interest: the sheet keys it prices.
type product struct {
	targets []target
	from    string
	service string
}

// acceptedServices are the offers the sheet's prices come from. Others are
// skipped: notably AmazonGlacier (vaults), whose `TimedStorage-ByteHrs` would
// otherwise pass for STANDARD storage.
func acceptedService(s string) bool {
	switch s {
	case "", "AmazonS3", "AmazonS3GlacierDeepArchive", "AWSDataTransfer":
		return true
	}
	return false
}

// productOf decides whether a product is a price of the sheet for the
// region, and which keys it prices.
func (im *importer) productOf(service string, a attrs) (product, bool) {
	if a.ServiceCode != "" {
		service = a.ServiceCode
	}
	if !acceptedService(service) {
		return product{}, false
	}
	suffix, ok := strings.CutPrefix(a.UsageType, im.prefix)
	if !ok {
		return product{}, false
	}
	regionCode, location := a.RegionCode, a.Location
	if regionCode == "" && location == "" { // data transfer rows
		regionCode, location = a.FromRegionCode, a.FromLocation
	}
	switch {
	case regionCode != "":
		if regionCode != im.region {
			return product{}, false
		}
	case location != "" && im.location != "":
		if location != im.location {
			return product{}, false
		}
	}
	if suffix == "DataTransfer-Out-Bytes" {
		// Only out to the internet; inter-region rows have other usage types,
		// but check the attributes when they are given.
		if a.ToLocation != "" && a.ToLocation != "External" {
			return product{}, false
		}
		if a.TransferType != "" && !strings.EqualFold(a.TransferType, "AWS Outbound") {
			return product{}, false
		}
	}
	t := classify(suffix, a.Operation)
	if len(t) == 0 {
		return product{}, false
	}
	from := a.UsageType
	if a.Operation != "" {
		from += "/" + a.Operation
	}
	return product{targets: t, from: from, service: service}, true
}

// notePublication keeps the latest publication date (its YYYY-MM-DD part).
func (im *importer) notePublication(s string) {
	if len(s) < 10 {
		return
	}
	d := s[:10]
	if _, err := time.Parse("2006-01-02", d); err != nil {
		return
	}
	if d > im.latest {
		im.latest = d
	}
}

// plainDecimal accepts the Price List's number format ("0.0000050000",
// "51200"), and nothing with an exponent or sign, so a hostile input cannot
// make a decimal with a billion digits.
func plainDecimal(s string) (decimal.Decimal, bool) {
	if s == "" || len(s) > 40 {
		return decimal.Decimal{}, false
	}
	dot := false
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return decimal.Decimal{}, false
		}
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

var (
	thousand = decimal.NewFromInt(1000)
	one      = decimal.NewFromInt(1)
)

// unitFactor converts a Price List unit to the sheet's: the Price List
// quotes requests and objects one by one ("0.0000050000" per request is
// 0.005 per 1,000), the sheet per 1,000.
func unitFactor(want unit, got string) (decimal.Decimal, bool) {
	g := strings.ToLower(strings.TrimSpace(got))
	switch want {
	case perGBMonth:
		switch g {
		case "gb-mo", "gb-month", "gb-months":
			return one, true
		}
	case perGB:
		if g == "gb" {
			return one, true
		}
	case perRequest:
		switch g {
		case "requests", "request":
			return thousand, true
		case "1k requests", "1,000 requests", "1000 requests":
			return one, true
		}
	case perObject:
		switch g {
		case "objects", "object":
			return thousand, true
		case "1k objects", "1,000 objects", "1000 objects":
			return one, true
		}
	}
	return decimal.Decimal{}, false
}

// apply offers a product's price dimensions to its keys.
func (im *importer) apply(p product, dims []dim) {
	used := false
	for _, d := range dims {
		usd, ok := d.PricePerUnit["USD"]
		if !ok {
			im.warn("%s: no USD price; row skipped", p.from)
			continue
		}
		price, ok := plainDecimal(usd)
		if !ok {
			im.warn("%s: price %q is not a plain decimal; row skipped", p.from, usd)
			continue
		}
		begin := decimal.Zero
		if d.BeginRange != "" {
			if begin, ok = plainDecimal(d.BeginRange); !ok {
				im.warn("%s: beginRange %q unreadable; row skipped", p.from, d.BeginRange)
				continue
			}
		}
		var end decimal.Decimal
		endless := d.EndRange == "" || d.EndRange == "Inf"
		if !endless {
			if end, ok = plainDecimal(d.EndRange); !ok || !end.GreaterThan(begin) {
				im.warn("%s: endRange %q unreadable; row skipped", p.from, d.EndRange)
				continue
			}
		}
		for _, t := range p.targets {
			factor, ok := unitFactor(t.unit, d.Unit)
			if !ok {
				im.warn("%s: unit %q is not what %s is priced in; row skipped", p.from, d.Unit, t.key)
				continue
			}
			converted := price.Mul(factor)
			if isLadder(t.key) {
				im.addTier(t.key, tierRow{begin: begin, end: end, endless: endless, price: converted, from: p.from})
				used = true
				continue
			}
			if !begin.IsZero() || !endless {
				im.warn("%s: %s has a single price, but this row is a volume tier (%s to %s GB); row skipped", p.from, t.key, d.BeginRange, d.EndRange)
				continue
			}
			im.offer(t.key, converted, t.prio, p.from)
			used = true
		}
	}
	if used {
		im.offers[p.service] = true
	}
}

func isLadder(key string) bool {
	return strings.HasSuffix(key, ".storage") || key == "transfer.internet"
}

// offer records a candidate price for a single-valued key: a more exact
// operation wins; two equally good rows must agree, or the key is left out.
func (im *importer) offer(key string, price decimal.Decimal, prio int, from string) {
	e, ok := im.flat[key]
	switch {
	case !ok || prio > e.prio:
		im.flat[key] = &flatEntry{price: price, prio: prio, from: from}
	case prio == e.prio && !price.Equal(e.price):
		c := formatPrice(price) + " (" + from + ")"
		for _, x := range e.conflicts {
			if x == c {
				return
			}
		}
		e.conflicts = append(e.conflicts, c)
	}
}

// addTier records one tier of a tiered key; the same range at another
// price is a conflict.
func (im *importer) addTier(key string, row tierRow) {
	e, ok := im.ladders[key]
	if !ok {
		e = &ladderEntry{}
		im.ladders[key] = e
	}
	for _, r := range e.rows {
		if r.begin.Equal(row.begin) {
			if r.endless != row.endless || !r.end.Equal(row.end) || !r.price.Equal(row.price) {
				if len(e.conflicts) < 10 {
					e.conflicts = append(e.conflicts, fmt.Sprintf("%s from %s GB (%s) against %s (%s)",
						formatPrice(row.price), row.begin, row.from, formatPrice(r.price), r.from))
				}
			}
			return
		}
	}
	if len(e.rows) >= 64 { // no real price has this many tiers
		if len(e.conflicts) == 0 {
			e.conflicts = append(e.conflicts, "more than 64 tiers")
		}
		return
	}
	e.rows = append(e.rows, row)
}

// freeTierMaxGB: a free first tier up to this size is AWS's account-wide
// monthly free tier for data transfer out, which s3cost does not apply (see
// the us-east-1 sheet), so the importer drops it.
var freeTierMaxGB = decimal.NewFromInt(100)

// ladder turns a key's tier rows into sheet tiers: from 0 GB, contiguous,
// the last one unbounded. Anything else leaves the key out.
func (im *importer) ladder(key string, e *ladderEntry) []Item {
	if len(e.conflicts) > 0 {
		im.warn("%s: conflicting tier prices, left out: %s", key, strings.Join(e.conflicts, "; "))
		return nil
	}
	rows := append([]tierRow(nil), e.rows...)
	sort.Slice(rows, func(i, j int) bool { return rows[i].begin.LessThan(rows[j].begin) })
	if key == "transfer.internet" && len(rows) > 1 && rows[0].begin.IsZero() && rows[0].price.IsZero() &&
		!rows[0].endless && !rows[0].end.GreaterThan(freeTierMaxGB) {
		im.warn("%s: dropped the free first %s GB (%s): the monthly free tier is account-wide and s3cost does not apply it",
			key, rows[0].end, rows[0].from)
		rows = rows[1:]
		rows[0].begin = decimal.Zero
	}
	var items []Item
	next := decimal.Zero
	for i, r := range rows {
		if !r.begin.Equal(next) {
			im.warn("%s: tiers do not join at %s GB (%s), left out", key, next, r.from)
			return nil
		}
		last := i == len(rows)-1
		if r.endless != last {
			im.warn("%s: only the last tier may be unbounded (%s), left out", key, r.from)
			return nil
		}
		it := Item{Key: fmt.Sprintf("%s[%d]", key, i), Price: formatPrice(r.price), From: r.from}
		if !r.endless {
			it.UpToGB = r.end.String()
			next = r.end
		}
		items = append(items, it)
	}
	return items
}

// formatPrice prints a decimal exactly, without trailing zeros and without
// depending on the decimal package's global formatting switches.
func formatPrice(d decimal.Decimal) string {
	places := max(-d.Exponent(), 0)
	s := d.StringFixed(places)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// result lists the found and missing keys in sheet order.
func (im *importer) result(opts Options) Result {
	res := Result{Region: opts.Region, AsOf: opts.AsOf, Source: opts.Source, Ignored: im.ignored}
	for _, k := range sheetKeys() {
		if k.ladder {
			if e, ok := im.ladders[k.path]; ok {
				if items := im.ladder(k.path, e); items != nil {
					res.Found = append(res.Found, items...)
					continue
				}
			}
			res.Missing = append(res.Missing, k.path)
			continue
		}
		e, ok := im.flat[k.path]
		if ok && len(e.conflicts) > 0 {
			all := append([]string{formatPrice(e.price) + " (" + e.from + ")"}, e.conflicts...)
			sort.Strings(all)
			im.warn("%s: conflicting prices, left out: %s", k.path, strings.Join(all, ", "))
			ok = false
		}
		if !ok {
			res.Missing = append(res.Missing, k.path)
			continue
		}
		res.Found = append(res.Found, Item{Key: k.path, Price: formatPrice(e.price), From: e.from})
	}
	if res.AsOf == "" {
		res.AsOf = im.latest
	}
	if res.AsOf == "" {
		now := time.Now
		if opts.Now != nil {
			now = opts.Now
		}
		res.AsOf = now().Format("2006-01-02")
	}
	if res.Source == "" {
		var offers []string
		for o := range im.offers {
			if o != "" {
				offers = append(offers, o)
			}
		}
		sort.Strings(offers)
		res.Source = "AWS Price List"
		if len(offers) > 0 {
			res.Source += " (" + strings.Join(offers, ", ") + ")"
		}
	}
	res.Warnings = im.warns
	return res
}

// quote writes a string as a YAML double-quoted scalar: Go's escapes are a
// subset of YAML's.
func quote(s string) string { return strconv.Quote(s) }
