// Package priceimport builds an s3cost price sheet from AWS's own price
// data: the Price List Bulk API offer files (AmazonS3,
// AmazonS3GlacierDeepArchive, AWSDataTransfer region index.json) and the
// output of `aws pricing get-products`. Files are read as a JSON token
// stream, so memory stays bounded whatever their size. Rows are picked by
// usage type AND operation (the Price List traps in docs/pricing.md), and the sheet
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

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/shopspring/decimal"
)

// Options select the region to import and what the sheet records.
type Options struct {
	// Region is the AWS region to import, e.g. eu-west-1. It selects the
	// rows by regionCode (or location) and usage-type prefix. Empty: the
	// region the inputs price, when they price exactly one.
	Region string
	// UsageTypePrefix overrides the region's usage-type prefix (e.g. "EU-"
	// for eu-west-1; us-east-1 has none). Needs Region. Without it the
	// prefix comes from the built-in table (Regions) or, for other regions,
	// is inferred from the rows that carry the region's regionCode.
	UsageTypePrefix string
	// AsOf is the sheet's as_of date. Default: the latest publication date
	// of the inputs, else today's date from Now.
	AsOf string
	// Source is the sheet's source. Default: "AWS Price List" and the offers
	// that priced something, and/or AWS's S3 pricing-page feed.
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
	// "EU-Requests-Tier3/RestoreObject", or the feed label, e.g.
	// `feed: "Restore Object per Requests"`.
	From string
}

// Result is what an import found.
type Result struct {
	// Region is the region imported: Options.Region, or the one region the
	// inputs priced.
	Region string
	AsOf   string
	Source string
	// Found lists the prices read, in sheet order.
	Found []Item
	// Missing lists the sheet keys no input priced, in sheet order,
	// including those this importer never reads (see NotImported), and
	// leaving out the keys of the NotOffered classes.
	Missing []string
	// NotOffered lists the classes the inputs show the region does not sell
	// (sheet key not_offered): only EXPRESS_ONEZONE, when an input priced
	// the region's STANDARD storage but no input had any item of Express
	// One Zone for the region (see notOfferedClasses).
	NotOffered []string
	// NotWritten lists prices read that the sheet cannot hold: the feed's
	// DSSE-KMS price (kms.dsse_per_gb), since a sheet's kms block needs
	// every KMS price and the inputs have only that one.
	NotWritten []Item
	// Ignored counts the products and feed items skipped: other regions and
	// services, staging storage, early deletion, the trap rows, everything
	// the sheet does not price.
	Ignored int
	// Warnings explain rows that matched a sheet key but were not used
	// (conflicting prices, an unexpected unit or range) and adjustments made.
	Warnings []string
}

// NotImported reports whether a sheet key is one the importer never reads
// from AWS's price data (KMS, inter-region transfer, replication time
// control, Intelligent-Tiering's retrieval, Glacier provisioned capacity):
// such keys are always missing from an imported sheet.
func NotImported(key string) bool {
	for _, k := range sheetKeys() {
		if k.path == key {
			return !k.imported
		}
	}
	return false
}

// MissingFromInput is Missing without the keys the importer never reads:
// the prices another input (an offer file, the feed) could still supply.
func (r Result) MissingFromInput() []string {
	var out []string
	for _, k := range r.Missing {
		if !NotImported(k) {
			out = append(out, k)
		}
	}
	return out
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

// Import reads every file (offer files, get-products output and the S3
// pricing-page feed, in any mix) and returns the prices of opts.Region, or
// of the one region the files price when opts.Region is empty (several: an
// error listing them). Each file is streamed: memory stays bounded whatever
// its size. A malformed file is an error naming it by position; a file that
// prices nothing is not (see Result.Missing). Errors are bad input
// (exit.ErrInput), but for a reader's own failure (exit.ErrIO).
func Import(opts Options, files ...io.Reader) (Result, error) {
	if opts.Region != "" && !validRegion(opts.Region) {
		return Result{}, exit.Inputf("%q is not an AWS region name", opts.Region)
	}
	if opts.Region == "" && opts.UsageTypePrefix != "" {
		return Result{}, exit.Inputf("a usage-type prefix needs the region it belongs to")
	}
	im, err := readAll(opts, files)
	if err != nil {
		return Result{}, err
	}
	st, err := im.pick()
	if err != nil {
		return Result{}, err
	}
	return im.result(opts, st), nil
}

// ImportAll reads the inputs once and returns the prices of every region
// they price, by region code: the sheet generator reads the whole feed this
// way in one pass instead of once per region. opts.Region must be empty.
func ImportAll(opts Options, files ...io.Reader) (map[string]Result, error) {
	if opts.Region != "" || opts.UsageTypePrefix != "" {
		return nil, errors.New("ImportAll reads every region: no region or prefix")
	}
	im, err := readAll(opts, files)
	if err != nil {
		return nil, err
	}
	out := map[string]Result{}
	for code, st := range im.regions {
		if st.accepted > 0 {
			out[code] = im.result(opts, st)
		}
	}
	return out, nil
}

// readAll streams every input into a new importer.
func readAll(opts Options, files []io.Reader) (*importer, error) {
	if len(files) == 0 {
		return nil, exit.Inputf("no input files")
	}
	im := &importer{
		want: opts.Region, prefixes: map[string]prefixInfo{},
		regions: map[string]*regionState{}, unknownLocations: map[string]bool{}, skippedRegions: map[string]bool{},
	}
	for _, r := range regionTable {
		if r.PrefixKnown {
			im.prefixes[r.Code] = prefixInfo{prefix: r.UsageTypePrefix}
		}
	}
	if opts.UsageTypePrefix != "" {
		im.prefixes[opts.Region] = prefixInfo{prefix: opts.UsageTypePrefix}
	}
	for i, f := range files {
		if err := im.readFile(readFailures{f}); err != nil {
			err = fmt.Errorf("input %d: %w", i+1, err)
			if !errors.Is(err, exit.ErrIO) {
				// Whatever the decoder refuses is what the input says.
				err = exit.Input(err)
			}
			return nil, err
		}
	}
	return im, nil
}

// readFailures marks the errors of the reader itself (not its end) as
// exit.ErrIO, so that a file that cannot be read is told apart from one
// that does not parse: the JSON decoder returns both the same way.
type readFailures struct{ r io.Reader }

func (r readFailures) Read(b []byte) (int, error) {
	n, err := r.r.Read(b)
	if err != nil && err != io.EOF {
		err = exit.IO(err)
	}
	return n, err
}

// pick returns the state of the region to import: the one asked for, or
// the only region the inputs priced.
func (im *importer) pick() (*regionState, error) {
	if im.want != "" {
		st := im.state(im.want)
		if st.accepted == 0 {
			// Files that price other regions but not this one: a typo or
			// the wrong file, never an empty sheet.
			var priced []string
			for code, other := range im.regions {
				if other.accepted > 0 {
					priced = append(priced, code)
				}
			}
			for code := range im.skippedRegions {
				priced = append(priced, code)
			}
			if len(priced) > 0 {
				sort.Strings(priced)
				return nil, exit.Inputf("the inputs price no S3 prices of %s; they price %s", im.want, strings.Join(priced, ", "))
			}
			if _, known := im.prefixes[im.want]; !known {
				im.warns.add("region %s: its usage-type prefix is not in the table and no row carried regionCode %s to infer it from; give the prefix (--usage-type-prefix)", im.want, im.want)
			}
			if _, known := regionByCode[im.want]; !known && len(im.unknownLocations) > 0 {
				im.warns.add("region %s: its location name is not known, so the feed's regions %s were not matched", im.want, strings.Join(sortedKeys(im.unknownLocations), ", "))
			}
		}
		return st, nil
	}
	var priced []string
	for code, st := range im.regions {
		if st.accepted > 0 {
			priced = append(priced, code)
		}
	}
	sort.Strings(priced)
	unknown := ""
	if len(im.unknownLocations) > 0 {
		unknown = fmt.Sprintf(" (and locations with no known region code: %s)", strings.Join(sortedKeys(im.unknownLocations), ", "))
	}
	switch len(priced) {
	case 0:
		return nil, exit.Inputf("the inputs price no S3 storage class of any known region%s; name the region", unknown)
	case 1:
		return im.regions[priced[0]], nil
	}
	return nil, exit.Inputf("the inputs price %d regions: %s%s; choose one (--region)", len(priced), strings.Join(priced, ", "), unknown)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// importer accumulates candidate prices across files, per region: when no
// region is asked for, every region's prices are kept (a few hundred
// entries per region, bounded by maxRegions) and the one region priced is
// picked at the end.
type importer struct {
	want     string                // Options.Region; "" to infer
	prefixes map[string]prefixInfo // usage-type prefix per region code
	regions  map[string]*regionState
	// unknownLocations are feed regions with no code in the table.
	unknownLocations map[string]bool
	// skippedRegions are feed regions passed over because another region
	// was asked for.
	skippedRegions map[string]bool
	seen           int    // products and feed items read
	latest         string // latest publication date seen (YYYY-MM-DD)
	warns          warnList
}

// prefixInfo is a region's usage-type prefix; inferredFrom names the usage
// type it was inferred from ("" when it came from the table or Options).
type prefixInfo struct{ prefix, inferredFrom string }

// maxRegions bounds the per-region state a hostile input can create.
const maxRegions = 256

// maxUnknownLocations bounds the feed locations listed in an error.
const maxUnknownLocations = 50

// state returns the region's state, creating it; nil once maxRegions
// regions are held (the row is then ignored, with a warning).
func (im *importer) state(code string) *regionState {
	if st, ok := im.regions[code]; ok {
		return st
	}
	if len(im.regions) >= maxRegions {
		im.warns.add("more than %d regions in the inputs: the others were ignored", maxRegions)
		return nil
	}
	st := &regionState{code: code, flat: map[string]*flatEntry{}, ladders: map[string]*ladderEntry{},
		offers: map[string]bool{}, classes: map[string]bool{}}
	im.regions[code] = st
	return st
}

func (im *importer) noteUnknownLocation(location string) {
	if len(im.unknownLocations) < maxUnknownLocations {
		im.unknownLocations[location] = true
	}
}

// regionState holds one region's candidate prices.
type regionState struct {
	code     string
	flat     map[string]*flatEntry
	ladders  map[string]*ladderEntry
	offers   map[string]bool // services (or the feed) that priced something
	accepted int             // products and feed items that price a sheet key
	// classes are the classes with an item of theirs in the inputs, priced
	// or not; standardStorage is set once an input priced STANDARD storage.
	classes         map[string]bool
	standardStorage bool
	notWrittenItems []Item
	warns           warnList
}

// maxWarnings keeps a hostile input from growing the warning list without
// bound.
const maxWarnings = 200

// warnList is a list of distinct warnings, bounded.
type warnList struct {
	seen map[string]bool
	list []string
}

// maxWarningRunes is the most of a warning kept: a warning quotes the
// input (a price, a range, a unit), and a hostile file's 100,000-character
// "price" would otherwise be printed whole (issue 15 item 6).
const maxWarningRunes = 500

func (w *warnList) add(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if r := []rune(msg); len(r) > maxWarningRunes {
		msg = string(r[:maxWarningRunes]) + fmt.Sprintf("... (%d more characters)", len(r)-maxWarningRunes)
	}
	if w.seen[msg] {
		return
	}
	if len(w.list) == maxWarnings {
		w.list = append(w.list, "further warnings left out")
	}
	if len(w.list) > maxWarnings {
		return
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	w.seen[msg] = true
	w.list = append(w.list, msg)
}

func (st *regionState) warn(format string, args ...any) { st.warns.add(format, args...) }

// noteClass records that the inputs have an item of the key's class.
func (st *regionState) noteClass(key string) {
	if class, ok := strings.CutPrefix(key, "classes."); ok {
		class, _, _ = strings.Cut(class, ".")
		st.classes[class] = true
	}
}

// dsseKey is the DSSE-KMS price, which a sheet can only hold with the rest
// of the kms block.
const dsseKey = "kms.dsse_per_gb"

// notWritten keeps a price read that the sheet cannot hold.
func (st *regionState) notWritten(key string, price decimal.Decimal, from string) {
	for _, it := range st.notWrittenItems {
		if it.Key == key {
			if it.Price != formatPrice(price) {
				st.warn("%s: %s (%s) and %s (%s) disagree", key, it.Price, it.From, formatPrice(price), from)
			}
			return
		}
	}
	st.notWrittenItems = append(st.notWrittenItems, Item{Key: key, Price: formatPrice(price), From: from})
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

// product is a product of interest: the region it belongs to and the sheet
// keys it prices.
type product struct {
	state   *regionState
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

// productOf decides whether a product is a price of the sheet, for which
// region, and which keys it prices. The region is the row's regionCode (for
// data transfer, fromRegionCode), else its location (fromLocation) through
// the region table, else the usage-type prefix; the usage type must then
// start with that region's prefix.
func (im *importer) productOf(service string, a attrs) (product, bool) {
	if a.ServiceCode != "" {
		service = a.ServiceCode
	}
	if !acceptedService(service) {
		return product{}, false
	}
	regionCode, location := a.RegionCode, a.Location
	if regionCode == "" && location == "" { // data transfer rows
		regionCode, location = a.FromRegionCode, a.FromLocation
	}
	code := regionCode
	if code == "" && location != "" {
		// A location with no known code leaves the prefix to decide.
		code = regionByLocation[location].Code
	}
	var suffix string
	if code != "" {
		if !validRegion(code) || im.want != "" && code != im.want {
			return product{}, false
		}
		p, known := im.prefixes[code]
		if !known {
			// A region outside the table: its prefix is what is left of the
			// first usage type of the region the importer can classify.
			prefix, _, ok := inferPrefix(a.UsageType, a.Operation)
			if !ok {
				return product{}, false
			}
			p = prefixInfo{prefix: prefix, inferredFrom: a.UsageType}
			im.prefixes[code] = p
		}
		var ok bool
		if suffix, ok = strings.CutPrefix(a.UsageType, p.prefix); !ok {
			return product{}, false
		}
	} else {
		var ok bool
		if code, suffix, ok = im.regionByPrefix(a.UsageType); !ok {
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
	st := im.state(code)
	if st == nil {
		return product{}, false
	}
	st.accepted++
	from := a.UsageType
	if a.Operation != "" {
		from += "/" + a.Operation
	}
	return product{state: st, targets: t, from: from, service: service}, true
}

// regionByPrefix finds the region of a row with neither regionCode nor a
// known location: the region asked for when the usage type has its prefix;
// with no region asked for, the known region with the longest prefix the
// usage type starts with (us-east-1's "" matches any, so it comes last).
// Prefixes inferred from other rows are not used: they are only known once
// such a row has been read, which would make the result depend on the order
// of the rows.
func (im *importer) regionByPrefix(usage string) (code, suffix string, ok bool) {
	if im.want != "" {
		p, known := im.prefixes[im.want]
		if !known || p.inferredFrom != "" {
			return "", "", false
		}
		suffix, ok = strings.CutPrefix(usage, p.prefix)
		return im.want, suffix, ok
	}
	best := -1
	for c, p := range im.prefixes {
		if p.inferredFrom == "" && strings.HasPrefix(usage, p.prefix) && len(p.prefix) > best {
			code, best = c, len(p.prefix)
		}
	}
	if best < 0 {
		return "", "", false
	}
	return code, usage[best:], true
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
func (im *importer) apply(p product, dims []dim) { p.state.apply(p, dims) }

func (st *regionState) apply(p product, dims []dim) {
	for _, t := range p.targets {
		st.noteClass(t.key)
	}
	used := false
	for _, d := range dims {
		usd, ok := d.PricePerUnit["USD"]
		if !ok {
			st.warn("%s: no USD price; row skipped", p.from)
			continue
		}
		price, ok := plainDecimal(usd)
		if !ok {
			st.warn("%s: price %q is not a plain decimal; row skipped", p.from, usd)
			continue
		}
		begin := decimal.Zero
		if d.BeginRange != "" {
			if begin, ok = plainDecimal(d.BeginRange); !ok {
				st.warn("%s: beginRange %q unreadable; row skipped", p.from, d.BeginRange)
				continue
			}
		}
		var end decimal.Decimal
		endless := d.EndRange == "" || d.EndRange == "Inf"
		if !endless {
			if end, ok = plainDecimal(d.EndRange); !ok || !end.GreaterThan(begin) {
				st.warn("%s: endRange %q unreadable; row skipped", p.from, d.EndRange)
				continue
			}
		}
		for _, t := range p.targets {
			factor, ok := unitFactor(t.unit, d.Unit)
			if !ok {
				st.warn("%s: unit %q is not what %s is priced in; row skipped", p.from, d.Unit, t.key)
				continue
			}
			converted := price.Mul(factor)
			if isLadder(t.key) {
				st.addTier(t.key, tierRow{begin: begin, end: end, endless: endless, price: converted, from: p.from})
				used = true
				if t.key == "classes.STANDARD.storage" {
					st.standardStorage = true
				}
				continue
			}
			if !begin.IsZero() || !endless {
				st.warn("%s: %s has a single price, but this row is a volume tier (%s to %s GB); row skipped", p.from, t.key, d.BeginRange, d.EndRange)
				continue
			}
			st.offer(t.key, converted, t.prio, p.from)
			used = true
		}
	}
	if used {
		st.offers[p.service] = true
	}
}

func isLadder(key string) bool {
	return strings.HasSuffix(key, ".storage") || key == "transfer.internet"
}

// offer records a candidate price for a single-valued key: a more exact
// operation wins; two equally good rows must agree, or the key is left out.
// Of two that agree, the first name in sort order is the one recorded, so
// the sheet does not depend on the order of the rows.
func (st *regionState) offer(key string, price decimal.Decimal, prio int, from string) {
	e, ok := st.flat[key]
	switch {
	case !ok || prio > e.prio:
		st.flat[key] = &flatEntry{price: price, prio: prio, from: from}
	case prio == e.prio && price.Equal(e.price):
		e.from = min(e.from, from)
	case prio == e.prio:
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
func (st *regionState) addTier(key string, row tierRow) {
	e, ok := st.ladders[key]
	if !ok {
		e = &ladderEntry{}
		st.ladders[key] = e
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
func (st *regionState) ladder(key string, e *ladderEntry) []Item {
	if len(e.conflicts) > 0 {
		st.warn("%s: conflicting tier prices, left out: %s", key, strings.Join(e.conflicts, "; "))
		return nil
	}
	rows := append([]tierRow(nil), e.rows...)
	sort.Slice(rows, func(i, j int) bool { return rows[i].begin.LessThan(rows[j].begin) })
	if key == "transfer.internet" && len(rows) > 1 && rows[0].begin.IsZero() && rows[0].price.IsZero() &&
		!rows[0].endless && !rows[0].end.GreaterThan(freeTierMaxGB) {
		st.warn("%s: dropped the free first %s GB (%s): the monthly free tier is account-wide and s3cost does not apply it",
			key, rows[0].end, rows[0].from)
		rows = rows[1:]
		rows[0].begin = decimal.Zero
	}
	var items []Item
	next := decimal.Zero
	for i, r := range rows {
		if !r.begin.Equal(next) {
			st.warn("%s: tiers do not join at %s GB (%s), left out", key, next, r.from)
			return nil
		}
		last := i == len(rows)-1
		if r.endless != last {
			st.warn("%s: only the last tier may be unbounded (%s), left out", key, r.from)
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

// notOfferedClasses are the classes AWS sells in some regions only, so that
// an input covering a region but holding no item of theirs shows the region
// does not sell them. Only Express One Zone: AWS offers it in a few regions
// (7 of the feed's 36 on 2025-10-22), while every other class is sold in
// every region. For any other class an absent item means an incomplete
// input, so its keys stay missing instead.
var notOfferedClasses = []string{"EXPRESS_ONEZONE"}

// result lists the region's found and missing keys in sheet order.
func (im *importer) result(opts Options, st *regionState) Result {
	res := Result{Region: st.code, AsOf: opts.AsOf, Source: opts.Source, Ignored: im.seen - st.accepted}
	// A class is not offered when an input is a real price source for the
	// region (it priced STANDARD storage) yet no input has an item of it.
	notOffered := map[string]bool{}
	if st.standardStorage {
		for _, c := range notOfferedClasses {
			if !st.classes[c] {
				notOffered[c] = true
				res.NotOffered = append(res.NotOffered, c)
			}
		}
	}
	for _, k := range sheetKeys() {
		if class, ok := strings.CutPrefix(k.path, "classes."); ok {
			if class, _, _ = strings.Cut(class, "."); notOffered[class] {
				continue
			}
		}
		if k.ladder {
			if e, ok := st.ladders[k.path]; ok {
				if items := st.ladder(k.path, e); items != nil {
					res.Found = append(res.Found, items...)
					continue
				}
			}
			res.Missing = append(res.Missing, k.path)
			continue
		}
		e, ok := st.flat[k.path]
		if ok && len(e.conflicts) > 0 {
			all := append([]string{formatPrice(e.price) + " (" + e.from + ")"}, e.conflicts...)
			sort.Strings(all)
			st.warn("%s: conflicting prices, left out: %s", k.path, strings.Join(all, ", "))
			ok = false
		}
		if !ok {
			res.Missing = append(res.Missing, k.path)
			continue
		}
		res.Found = append(res.Found, Item{Key: k.path, Price: formatPrice(e.price), From: e.from})
	}
	res.NotWritten = st.notWrittenItems
	for _, it := range st.notWrittenItems {
		st.warn("%s: %s per GB read (%s) but not written: a sheet's kms block needs every KMS price, and the inputs have only this one", it.Key, it.Price, it.From)
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
		res.Source = defaultSource(st.offers)
	}
	res.Warnings = append(append([]string(nil), im.warns.list...), st.warns.list...)
	return res
}

// defaultSource names what priced the sheet: the Price List offers and/or
// AWS's S3 pricing-page feed.
func defaultSource(offers map[string]bool) string {
	var names []string
	for o := range offers {
		if o != "" && o != feedService {
			names = append(names, o)
		}
	}
	sort.Strings(names)
	priceList := "AWS Price List"
	if len(names) > 0 {
		priceList += " (" + strings.Join(names, ", ") + ")"
	}
	feed := "AWS's S3 pricing-page feed (" + FeedURL + ")"
	switch {
	case offers[feedService] && len(names) > 0:
		return priceList + " and " + feed
	case offers[feedService]:
		return feed
	}
	return priceList
}

// quote writes a string as a YAML double-quoted scalar: Go's escapes are a
// subset of YAML's.
func quote(s string) string { return strconv.Quote(s) }
