// Package pricing holds the embedded price sheets and the decimal cost
// engine: Compare(workload, sheet) ranks every storage class for a workload.
// It imports model only.
package pricing

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

//go:embed sheets
var embedded embed.FS

// Embedded returns the price sheets shipped inside the binary, rooted so that
// Load(Embedded()) finds them under sheets/.
func Embedded() fs.FS { return embedded }

// Tier is one step of a volume-tiered price: Price applies to the part of a
// month's quantity below UpTo (in the price's unit, e.g. GB). The last tier
// is unbounded.
type Tier struct {
	UpTo      decimal.Decimal
	Unbounded bool
	Price     decimal.Decimal
}

// Tiers is a tiered price, ordered by UpTo, the last tier unbounded. A flat
// price is a single unbounded tier.
type Tiers []Tier

// Flat returns the tiers of a single price.
func Flat(price decimal.Decimal) Tiers { return Tiers{{Unbounded: true, Price: price}} }

// Split divides a month's total quantity among the tiers: AWS prices the
// first 50 TB of a month at the first rate, the next 450 TB at the second,
// and so on (S3 pricing page). It returns one quantity per tier.
func (t Tiers) Split(qty decimal.Decimal) []decimal.Decimal {
	parts := make([]decimal.Decimal, len(t))
	lower := decimal.Zero
	rest := qty
	for i, tier := range t {
		if !rest.IsPositive() {
			parts[i] = decimal.Zero
			continue
		}
		if tier.Unbounded {
			parts[i] = rest
			rest = decimal.Zero
			continue
		}
		width := tier.UpTo.Sub(lower)
		parts[i] = decimal.Min(rest, width)
		rest = rest.Sub(parts[i])
		lower = tier.UpTo
	}
	return parts
}

// Cost prices a month's total quantity across the tiers.
func (t Tiers) Cost(qty decimal.Decimal) decimal.Decimal {
	sum := decimal.Zero
	for i, q := range t.Split(qty) {
		sum = sum.Add(q.Mul(t[i].Price))
	}
	return sum
}

// RestorePrice is the price of one restore tier of an archive class; either
// part may be unknown for a region.
type RestorePrice struct {
	RequestPer1K decimal.NullDecimal
	PerGB        decimal.NullDecimal
}

// ClassPrices are one class's prices in one region. A sheet may leave out
// any price it has no verified figure for (decimal.NullDecimal with Valid
// false, an empty Storage, a missing restore tier): the engine then reports
// the classes that need it as not priced, and never guesses.
type ClassPrices struct {
	// Storage is $ per GB-month (for INTELLIGENT_TIERING: its frequent tier).
	Storage Tiers
	// ITTiers prices Intelligent-Tiering's other tiers, $ per GB-month, by
	// tier ID (INFREQUENT, ARCHIVE_INSTANT, ARCHIVE, DEEP_ARCHIVE).
	ITTiers                map[string]decimal.Decimal
	MonitoringPer1KObjects decimal.NullDecimal
	PutPer1K               decimal.NullDecimal
	GetPer1K               decimal.NullDecimal
	TransitionPer1K        decimal.NullDecimal
	RetrievalPerGB         decimal.NullDecimal
	UploadPerGB            decimal.NullDecimal
	Restore                map[model.RestoreTier]RestorePrice
	ProvisionedCapacity    decimal.NullDecimal
}

// TransferPrices are data-transfer-out prices, $ per GB.
type TransferPrices struct {
	Internet    Tiers
	InterRegion decimal.NullDecimal
	// InterRegionTo are rates to particular regions that differ from
	// InterRegion (us-east-1 to us-east-2: 0.01).
	InterRegionTo               map[string]decimal.Decimal
	ReplicationTimeControlPerGB decimal.NullDecimal
}

// KMSPrices are AWS KMS prices; Known is false when the sheet has none.
type KMSPrices struct {
	Known                bool
	RequestsPer10K       decimal.Decimal
	FreeRequestsPerMonth int64
	CustomerKeyPerMonth  decimal.Decimal
	RotationPerMonth     decimal.Decimal
	DSSEPerGB            decimal.Decimal
}

// Sheet is one region's prices, dated and sourced.
type Sheet struct {
	ID       string // e.g. "aws/us-east-1"
	Region   string
	Currency string
	AsOf     string
	Source   string
	Classes  map[model.ClassID]ClassPrices
	Transfer TransferPrices
	KMS      KMSPrices
	// NotOffered lists the classes the region does not sell (the price
	// feed has no item of theirs there): such a class is "not offered in
	// REGION", which is not the same as a price the sheet lacks.
	NotOffered map[model.ClassID]bool
	// discount is the contract discount applied ("7%"), or "".
	discount string
	// peers are the other sheets of the set, for replication to another
	// region.
	peers *Sheets
}

// Peer returns the sheet of another region of the same set.
func (s *Sheet) Peer(region string) (*Sheet, bool) {
	if s.Region == region {
		return s, true
	}
	if s.peers == nil {
		return nil, false
	}
	p, err := s.peers.Region(region)
	return p, err == nil
}

// Info identifies the sheet in reports.
func (s *Sheet) Info() model.PricingInfo {
	return model.PricingInfo{Sheet: s.ID, AsOf: s.AsOf, Source: s.Source, Discount: s.discount}
}

// Sheets is a set of price sheets, one per region. Sheets are parsed and
// validated when first used, so a command pays only for the regions it
// prices; All parses every one. Safe for concurrent use (sweeps price on
// every core).
type Sheets struct {
	mu       sync.Mutex
	fsys     fs.FS
	files    map[string]string // region -> file, not parsed yet
	byRegion map[string]*Sheet
}

// Region returns the sheet for a region, parsing it on first use.
func (s *Sheets) Region(region string) (*Sheet, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sh, ok := s.byRegion[region]; ok {
		return sh, nil
	}
	f, ok := s.files[region]
	if !ok {
		return nil, fmt.Errorf("no price sheet for region %q (known: %s)", region, strings.Join(s.regions(), ", "))
	}
	data, err := fs.ReadFile(s.fsys, f)
	if err != nil {
		return nil, err
	}
	sh, err := ParseSheet(data)
	if err != nil {
		return nil, fmt.Errorf("price sheet %s: %w", f, err)
	}
	if sh.Region != region {
		return nil, fmt.Errorf("price sheet %s: region %q does not match the file name", f, sh.Region)
	}
	sh.peers = s
	s.byRegion[region] = sh
	delete(s.files, region)
	return sh, nil
}

// All parses and validates every sheet of the set.
func (s *Sheets) All() ([]*Sheet, error) {
	var out []*Sheet
	for _, r := range s.Regions() {
		sh, err := s.Region(r)
		if err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	return out, nil
}

// Regions lists the regions that have a sheet, sorted.
func (s *Sheets) Regions() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.regions()
}

func (s *Sheets) regions() []string {
	out := make([]string, 0, len(s.byRegion)+len(s.files))
	for r := range s.byRegion {
		out = append(out, r)
	}
	for r := range s.files {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// Load finds every sheets/aws/<region>.yaml in fsys (usually Embedded()).
// Each sheet is parsed and validated when first used; LoadAll validates
// them all at once.
func Load(fsys fs.FS) (*Sheets, error) {
	files, err := fs.Glob(fsys, "sheets/aws/*.yaml")
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no price sheets found under sheets/aws")
	}
	set := &Sheets{fsys: fsys, files: map[string]string{}, byRegion: map[string]*Sheet{}}
	for _, f := range files {
		set.files[strings.TrimSuffix(path.Base(f), ".yaml")] = f
	}
	return set, nil
}

// LoadAll is Load followed by All: every sheet parsed and validated, an
// invalid one an error naming the file.
func LoadAll(fsys fs.FS) (*Sheets, error) {
	set, err := Load(fsys)
	if err != nil {
		return nil, err
	}
	if _, err := set.All(); err != nil {
		return nil, err
	}
	return set, nil
}

// fromSheets builds a set of parsed sheets.
func fromSheets(sheets map[string]*Sheet) *Sheets {
	set := &Sheets{files: map[string]string{}, byRegion: sheets}
	for _, sh := range sheets {
		sh.peers = set
	}
	return set
}

// The YAML shape of a sheet. Prices are strings, parsed exactly with decimal.
type rawTier struct {
	UpToGB string `yaml:"upto_gb"`
	Price  string `yaml:"price"`
}

type rawRestore struct {
	RequestPer1K string `yaml:"request_per_1k"`
	PerGB        string `yaml:"per_gb"`
}

type rawClass struct {
	Storage                []rawTier             `yaml:"storage"`
	Tiers                  map[string]string     `yaml:"tiers"`
	MonitoringPer1KObjects string                `yaml:"monitoring_per_1k_objects"`
	PutPer1K               string                `yaml:"put_per_1k"`
	GetPer1K               string                `yaml:"get_per_1k"`
	TransitionPer1K        string                `yaml:"transition_per_1k"`
	RetrievalPerGB         string                `yaml:"retrieval_per_gb"`
	UploadPerGB            string                `yaml:"upload_per_gb"`
	Restore                map[string]rawRestore `yaml:"restore"`
	ProvisionedCapacity    string                `yaml:"provisioned_capacity_per_month"`
}

type rawSheet struct {
	Sheet    string              `yaml:"sheet"`
	Region   string              `yaml:"region"`
	Currency string              `yaml:"currency"`
	AsOf     string              `yaml:"as_of"`
	Source   string              `yaml:"source"`
	Classes  map[string]rawClass `yaml:"classes"`
	Transfer struct {
		Internet      []rawTier         `yaml:"internet"`
		InterRegion   string            `yaml:"inter_region"`
		InterRegionTo map[string]string `yaml:"inter_region_to"`
		RTC           string            `yaml:"replication_time_control_per_gb"`
	} `yaml:"transfer"`
	KMS        rawKMS   `yaml:"kms"`
	NotOffered []string `yaml:"not_offered"`
}

type rawKMS struct {
	RequestsPer10K string `yaml:"requests_per_10k"`
	FreeRequests   int64  `yaml:"free_requests_per_month"`
	CustomerKey    string `yaml:"customer_key_per_month"`
	Rotation       string `yaml:"rotation_per_month"`
	DSSEPerGB      string `yaml:"dsse_per_gb"`
}

// sheetParser collects the first error while converting, so the conversion
// reads as a list of fields.
type sheetParser struct{ err error }

func (p *sheetParser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf(format, args...)
	}
}

// price parses a required, non-negative price.
func (p *sheetParser) price(field, s string) decimal.Decimal {
	if s == "" {
		p.fail("%s: price missing", field)
		return decimal.Zero
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		p.fail("%s: %q is not a decimal price", field, s)
		return decimal.Zero
	}
	if d.IsNegative() {
		p.fail("%s: negative price %s", field, s)
	}
	return d
}

// optional parses a price that may be absent.
func (p *sheetParser) optional(field, s string) decimal.NullDecimal {
	if s == "" {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(p.price(field, s))
}

// tiers parses a tier list: boundaries strictly increasing, only the last
// tier unbounded. An absent list is nil (not priced); a list whose last tier
// is bounded prices quantities up to that bound only.
func (p *sheetParser) tiers(field string, raw []rawTier) Tiers {
	if len(raw) == 0 {
		return nil
	}
	out := make(Tiers, len(raw))
	prev := decimal.Zero
	for i, r := range raw {
		name := fmt.Sprintf("%s[%d]", field, i)
		out[i].Price = p.price(name, r.Price)
		last := i == len(raw)-1
		switch {
		case r.UpToGB == "" && !last:
			p.fail("%s: only the last tier may be unbounded", name)
		case r.UpToGB == "":
			out[i].Unbounded = true
		default:
			// A bounded last tier: the price beyond it is not known.
			up := p.price(name+".upto_gb", r.UpToGB)
			if !up.GreaterThan(prev) {
				p.fail("%s: tiers out of order (upto_gb %s after %s)", name, up, prev)
			}
			out[i].UpTo, prev = up, up
		}
	}
	return out
}

// ParseSheet decodes one sheet strictly (unknown keys are errors) and
// validates it: every class of the model priced, no negative price, tiers
// ordered, the prices each class's rules need present.
func ParseSheet(data []byte) (*Sheet, error) {
	var raw rawSheet
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	p := &sheetParser{}
	sh := &Sheet{
		ID: raw.Sheet, Region: raw.Region, Currency: raw.Currency, AsOf: raw.AsOf, Source: raw.Source,
		Classes: map[model.ClassID]ClassPrices{},
	}
	for field, v := range map[string]string{"sheet": raw.Sheet, "region": raw.Region, "currency": raw.Currency, "as_of": raw.AsOf, "source": raw.Source} {
		if v == "" {
			p.fail("%s: missing", field)
		}
	}
	known := map[model.ClassID]bool{}
	for _, c := range model.Catalog() {
		known[c.ID] = true
		// A class the sheet leaves out has no prices: it is reported as
		// not priced wherever it is compared.
		sh.Classes[c.ID] = p.class(c, raw.Classes[string(c.ID)])
	}
	for id := range raw.Classes {
		if !known[model.ClassID(id)] {
			p.fail("classes.%s: unknown class", id)
		}
	}
	sh.NotOffered = map[model.ClassID]bool{}
	for _, id := range raw.NotOffered {
		if !known[model.ClassID(id)] {
			p.fail("not_offered: unknown class %s", id)
		}
		if _, priced := raw.Classes[id]; priced {
			p.fail("not_offered: %s has prices under classes", id)
		}
		sh.NotOffered[model.ClassID(id)] = true
	}
	sh.Transfer = TransferPrices{
		Internet:                    p.tiers("transfer.internet", raw.Transfer.Internet),
		InterRegion:                 p.optional("transfer.inter_region", raw.Transfer.InterRegion),
		ReplicationTimeControlPerGB: p.optional("transfer.replication_time_control_per_gb", raw.Transfer.RTC),
		InterRegionTo:               map[string]decimal.Decimal{},
	}
	for region, price := range raw.Transfer.InterRegionTo {
		sh.Transfer.InterRegionTo[region] = p.price("transfer.inter_region_to."+region, price)
	}
	// KMS prices come as a block: all of them, or none.
	if raw.KMS != (rawKMS{}) {
		sh.KMS = KMSPrices{
			Known:                true,
			RequestsPer10K:       p.price("kms.requests_per_10k", raw.KMS.RequestsPer10K),
			FreeRequestsPerMonth: raw.KMS.FreeRequests,
			CustomerKeyPerMonth:  p.price("kms.customer_key_per_month", raw.KMS.CustomerKey),
			RotationPerMonth:     p.price("kms.rotation_per_month", raw.KMS.Rotation),
			DSSEPerGB:            p.price("kms.dsse_per_gb", raw.KMS.DSSEPerGB),
		}
	}
	if raw.KMS.FreeRequests < 0 {
		p.fail("kms.free_requests_per_month: negative")
	}
	if p.err != nil {
		return nil, p.err
	}
	return sh, nil
}

// class converts one class's prices. Completeness is not required here:
// what a workload needs is checked by the engine (Sheet.Missing).
func (p *sheetParser) class(c model.Class, rc rawClass) ClassPrices {
	f := "classes." + string(c.ID)
	cp := ClassPrices{
		Storage:                p.tiers(f+".storage", rc.Storage),
		ITTiers:                map[string]decimal.Decimal{},
		MonitoringPer1KObjects: p.optional(f+".monitoring_per_1k_objects", rc.MonitoringPer1KObjects),
		PutPer1K:               p.optional(f+".put_per_1k", rc.PutPer1K),
		GetPer1K:               p.optional(f+".get_per_1k", rc.GetPer1K),
		TransitionPer1K:        p.optional(f+".transition_per_1k", rc.TransitionPer1K),
		RetrievalPerGB:         p.optional(f+".retrieval_per_gb", rc.RetrievalPerGB),
		UploadPerGB:            p.optional(f+".upload_per_gb", rc.UploadPerGB),
		Restore:                map[model.RestoreTier]RestorePrice{},
		ProvisionedCapacity:    p.optional(f+".provisioned_capacity_per_month", rc.ProvisionedCapacity),
	}
	for name, r := range rc.Restore {
		tier := model.RestoreTier(name)
		switch tier {
		case model.RestoreExpedited, model.RestoreStandard, model.RestoreBulk:
		default:
			p.fail("%s.restore.%s: unknown restore tier", f, name)
		}
		cp.Restore[tier] = RestorePrice{
			RequestPer1K: p.optional(f+".restore."+name+".request_per_1k", r.RequestPer1K),
			PerGB:        p.optional(f+".restore."+name+".per_gb", r.PerGB),
		}
	}
	for id, s := range rc.Tiers {
		cp.ITTiers[id] = p.price(f+".tiers."+id, s)
	}
	return cp
}

// InterRegionRate is the price per GB of transfer to another region.
func (t TransferPrices) InterRegionRate(to string) decimal.NullDecimal {
	if p, ok := t.InterRegionTo[to]; ok {
		return decimal.NewNullDecimal(p)
	}
	return t.InterRegion
}
