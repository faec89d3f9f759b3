// Package pricing holds the embedded price sheets and the decimal cost
// engine: Compare(workload, sheet) ranks every storage class for a workload.
// It imports model only.
package pricing

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/s3cost/s3cost/internal/exit"
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
	// Known: every KMS price is given (the engine prices KMS with all of
	// them or not at all).
	Known                bool
	RequestsPer10K       decimal.Decimal
	FreeRequestsPerMonth int64
	CustomerKeyPerMonth  decimal.Decimal
	RotationPerMonth     decimal.Decimal
	DSSEPerGB            decimal.Decimal
	// given records which prices were set (kmsBit), so that one not set
	// reads as absent, never as a free 0.
	given uint8
}

// The KMS prices, as bits of KMSPrices.given; kmsAll are those a complete
// block has (the free requests are optional: none by default).
const (
	kmsRequests uint8 = 1 << iota
	kmsFreeRequests
	kmsCustomerKey
	kmsRotation
	kmsDSSE
	kmsAll = kmsRequests | kmsCustomerKey | kmsRotation | kmsDSSE
)

// Partial reports a block with some, not all, of its prices.
func (k KMSPrices) Partial() bool { return k.given&kmsAll != 0 && k.given&kmsAll != kmsAll }

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
	// provenance records the prices whose source differs from the sheet's
	// own, and the derived ones (see ProvenanceOf).
	provenance map[string]Provenance
	// sources are the named sources of `sources:`, by name.
	sources map[string]Provenance
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
	// discounts are applied, in order, to each sheet parsed from files
	// (Discounted), so that a discount does not parse all 36 sheets.
	discounts []decimal.Decimal
}

// Region returns the sheet for a region, parsing it on first use. A region
// without a sheet, or a sheet that does not parse, is bad input
// (exit.ErrInput): the region came from a flag or a workload, the sheet
// from --pricing or the embedded set.
func (s *Sheets) Region(region string) (*Sheet, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sh, ok := s.byRegion[region]; ok {
		return sh, nil
	}
	f, ok := s.files[region]
	if !ok {
		if strings.HasPrefix(region, "cn-") {
			// AWS prices its China regions in CNY, outside the feed.
			return nil, exit.Inputf("no price sheet for region %q: China regions are priced in CNY and not embedded (a sheet of your own can be used with --pricing)", region)
		}
		return nil, exit.Inputf("no price sheet for region %q (known: %s)", region, strings.Join(s.regions(), ", "))
	}
	data, err := fs.ReadFile(s.fsys, f)
	if err != nil {
		return nil, exit.IO(err)
	}
	sh, err := ParseSheet(data)
	if err != nil {
		return nil, fmt.Errorf("price sheet %s: %w", f, err)
	}
	if sh.Region != region {
		return nil, exit.Inputf("price sheet %s: region %q does not match the file name", f, sh.Region)
	}
	for _, pct := range s.discounts {
		sh = sh.discounted(pct)
	}
	sh.peers = s
	s.byRegion[region] = sh
	delete(s.files, region)
	return sh, nil
}

// derive is a new set with the same sheets still to parse and each parsed
// sheet passed through fn; the sheets' peers are the new set.
func (s *Sheets) derive(fn func(*Sheet) *Sheet, discount *decimal.Decimal) *Sheets {
	s.mu.Lock()
	defer s.mu.Unlock()
	set := &Sheets{fsys: s.fsys, files: maps.Clone(s.files), byRegion: map[string]*Sheet{}, discounts: slices.Clone(s.discounts)}
	if discount != nil {
		set.discounts = append(set.discounts, *discount)
	}
	for r, v := range s.byRegion {
		set.byRegion[r] = fn(v)
		set.byRegion[r].peers = set
	}
	return set
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

// sheetParser walks a sheet's YAML tree and keeps the first error, with
// its line and column, so the conversion reads as a list of fields.
type sheetParser struct {
	err   error
	sheet *Sheet
	// from: the source name each price with `from:` gave, resolved against
	// `sources:` once the whole sheet is read.
	from    map[string]sourceRef
	sources map[string]Provenance
}

type sourceRef struct {
	name string
	node *yaml.Node
}

func (p *sheetParser) fail(n *yaml.Node, format string, args ...any) {
	if p.err == nil {
		msg := fmt.Sprintf(format, args...)
		if n != nil {
			msg = fmt.Sprintf("line %d, column %d: %s", n.Line, n.Column, msg)
		}
		p.err = errors.New(msg)
	}
}

// price parses a required, non-negative price.
func (p *sheetParser) price(n *yaml.Node, field string) decimal.Decimal {
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		p.fail(n, "%s: price missing", field)
		return decimal.Zero
	}
	d, err := decimal.NewFromString(n.Value)
	if err != nil {
		p.fail(n, "%s: %q is not a decimal price", field, n.Value)
		return decimal.Zero
	}
	if d.IsNegative() {
		p.fail(n, "%s: negative price %s", field, n.Value)
	}
	return d
}

// fields reads a mapping's keys and values, refusing keys not in allowed.
func (p *sheetParser) fields(n *yaml.Node, field string, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		p.fail(n, "%s: expected a mapping", field)
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(allowed, k.Value) {
			p.fail(k, "%s: unknown key %q (known: %s)", field, k.Value, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			p.fail(k, "%s.%s: given twice", field, k.Value)
		}
		out[k.Value] = v
	}
	return out
}

// provenance records where a price comes from: `from:` names an entry of
// `sources:`, `derived:` is the rule of a derived price.
func (p *sheetParser) provenance(key string, from, derived *yaml.Node) {
	rule := ""
	if derived != nil {
		if derived.Kind != yaml.ScalarNode || strings.TrimSpace(derived.Value) == "" {
			p.fail(derived, "%s.derived: the rule is missing", key)
		}
		rule = derived.Value
	}
	if from != nil {
		p.from[key] = sourceRef{name: from.Value, node: from}
	}
	if rule != "" || from != nil {
		p.sheet.provenance[key] = Provenance{Rule: rule}
	}
}

// flat parses one price: a plain string ("0.005"), or a mapping with its
// provenance ({ price: "0.06", from: feed, derived: "..." }).
func (p *sheetParser) flat(n *yaml.Node, key string) decimal.Decimal {
	if n.Kind != yaml.MappingNode {
		return p.price(n, key)
	}
	f := p.fields(n, key, "price", "from", "derived")
	if f["price"] == nil {
		p.fail(n, "%s: price missing", key)
		return decimal.Zero
	}
	p.provenance(key, f["from"], f["derived"])
	return p.price(f["price"], key)
}

// tiers parses a tier list: boundaries strictly increasing, only the last
// tier unbounded. A list whose last tier is bounded prices quantities up to
// that bound only.
func (p *sheetParser) tiers(n *yaml.Node, key string) Tiers {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		p.fail(n, "%s: expected a list of tiers ({ upto_gb, price })", key)
		return nil
	}
	out := make(Tiers, len(n.Content))
	prev := decimal.Zero
	for i, tn := range n.Content {
		name := fmt.Sprintf("%s[%d]", key, i)
		f := p.fields(tn, name, "upto_gb", "price", "from", "derived")
		if f["price"] == nil {
			p.fail(tn, "%s: price missing", name)
			continue
		}
		out[i].Price = p.price(f["price"], name)
		p.provenance(name, f["from"], f["derived"])
		last := i == len(n.Content)-1
		switch up := f["upto_gb"]; {
		case up == nil && !last:
			p.fail(tn, "%s: only the last tier may be unbounded", name)
		case up == nil:
			out[i].Unbounded = true
		default:
			// A bounded last tier: the price beyond it is not known.
			bound := p.price(up, name+".upto_gb")
			if !bound.GreaterThan(prev) {
				p.fail(up, "%s: tiers out of order (upto_gb %s after %s)", name, bound, prev)
			}
			out[i].UpTo, prev = bound, bound
		}
	}
	return out
}

// item parses the value of one sheet item into the sheet.
func (p *sheetParser) item(def *ItemDef, n *yaml.Node) {
	switch {
	case def.ByRegion:
		m := def.region(p.sheet)
		if n.Kind != yaml.MappingNode {
			p.fail(n, "%s: expected a mapping of region to price", def.Key)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			region := n.Content[i]
			k := def.Key + "." + region.Value
			if !plainName(region.Value) {
				p.fail(region, "%s: %q is not a region name", def.Key, region.Value)
			}
			if _, dup := m[region.Value]; dup {
				p.fail(region, "%s: given twice", k)
			}
			m[region.Value] = p.flat(n.Content[i+1], k)
		}
	case def.Measure == Count:
		// A count, written bare or with its provenance like a price.
		v := p.flat(n, def.Key)
		if !v.IsInteger() || v.GreaterThan(decimal.NewFromInt(1<<53)) {
			p.fail(n, "%s: %s is not a whole number of 0 or more", def.Key, v)
			return
		}
		def.set(p.sheet, Flat(v))
	case def.Tiered:
		if t := p.tiers(n, def.Key); p.err == nil {
			def.set(p.sheet, t)
		}
	default:
		def.set(p.sheet, Flat(p.flat(n, def.Key)))
	}
}

// walk reads a subtree of prices (a class, transfer, kms): each key is an
// item of the table (ItemDefs) or leads to one; anything else is an error.
func (p *sheetParser) walk(n *yaml.Node, path string) {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "%s: expected a mapping", path)
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := path + "." + k.Value
		if seen[key] {
			p.fail(k, "%s: given twice", key)
		}
		seen[key] = true
		if def, ok := itemDefByKey[key]; ok {
			p.item(def, v)
			continue
		}
		if itemPrefixes[key] {
			p.walk(v, key)
			continue
		}
		p.fail(k, "%s: not an item of the sheet format (see docs/pricing.md)", key)
	}
}

// ParseSheet decodes one sheet strictly (unknown keys are errors, with
// their line and column) and validates it: no negative price, tiers
// ordered, KMS prices complete, every `from:` a declared source, no prices
// for a class the region does not offer. Completeness is not required: what
// a workload needs is checked by the engine as it charges, what a
// complete sheet has by Missing. Every error is bad input (exit.ErrInput).
func ParseSheet(data []byte) (*Sheet, error) {
	ItemDefs()
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, exit.Inputf("empty price sheet")
		}
		return nil, exit.Input(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, exit.Inputf("empty price sheet")
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, exit.Inputf("a price sheet is one YAML document; this file holds more")
	}
	sh := &Sheet{Classes: map[model.ClassID]ClassPrices{}, NotOffered: map[model.ClassID]bool{}, provenance: map[string]Provenance{}}
	for _, c := range model.Catalog() {
		// A class the sheet leaves out has no prices: it is reported as
		// not priced wherever it is compared.
		sh.Classes[c.ID] = ClassPrices{ITTiers: map[string]decimal.Decimal{}, Restore: map[model.RestoreTier]RestorePrice{}}
	}
	sh.Transfer.InterRegionTo = map[string]decimal.Decimal{}
	p := &sheetParser{sheet: sh, from: map[string]sourceRef{}, sources: map[string]Provenance{}}
	top := p.fields(doc.Content[0], "sheet", "sheet", "region", "currency", "as_of", "source", "sources", "not_offered", "classes", "transfer", "kms")
	text := func(name string, dst *string) {
		n := top[name]
		if n == nil || n.Kind != yaml.ScalarNode || n.Value == "" || n.Tag == "!!null" {
			p.fail(n, "%s: missing", name)
			return
		}
		*dst = n.Value
	}
	text("sheet", &sh.ID)
	text("region", &sh.Region)
	text("currency", &sh.Currency)
	text("as_of", &sh.AsOf)
	text("source", &sh.Source)
	if n := top["sources"]; n != nil {
		if n.Kind != yaml.MappingNode {
			p.fail(n, "sources: expected a mapping of name to { as_of, source }")
		} else {
			for i := 0; i+1 < len(n.Content); i += 2 {
				name := n.Content[i].Value
				if !plainName(name) {
					p.fail(n.Content[i], "sources: %q is not a source name (lower-case letters, digits and '-')", name)
				}
				if _, dup := p.sources[name]; dup {
					p.fail(n.Content[i], "sources.%s: given twice", name)
				}
				f := p.fields(n.Content[i+1], "sources."+name, "as_of", "source")
				if f["as_of"] == nil || f["source"] == nil || f["as_of"].Value == "" || f["source"].Value == "" {
					p.fail(n.Content[i+1], "sources.%s: needs as_of and source", name)
					continue
				}
				p.sources[name] = Provenance{From: name, Source: f["source"].Value, AsOf: f["as_of"].Value}
			}
		}
	}
	known := map[string]bool{}
	for _, c := range model.Catalog() {
		known[string(c.ID)] = true
	}
	if n := top["classes"]; n != nil {
		if n.Kind != yaml.MappingNode {
			p.fail(n, "classes: expected a mapping")
		}
		seen := map[string]bool{}
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if !known[k.Value] {
				p.fail(k, "classes.%s: unknown class", k.Value)
				continue
			}
			if seen[k.Value] {
				p.fail(k, "classes.%s: given twice", k.Value)
			}
			seen[k.Value] = true
			p.walk(n.Content[i+1], "classes."+k.Value)
		}
	}
	if n := top["not_offered"]; n != nil {
		if n.Kind != yaml.SequenceNode {
			p.fail(n, "not_offered: expected a list of classes")
		}
		for _, c := range n.Content {
			id := model.ClassID(c.Value)
			switch {
			case !known[c.Value]:
				p.fail(c, "not_offered: unknown class %s", c.Value)
			case classGiven(top["classes"], c.Value):
				p.fail(c, "not_offered: %s has prices under classes", c.Value)
			}
			sh.NotOffered[id] = true
		}
	}
	for _, name := range []string{"transfer", "kms"} {
		if n := top[name]; n != nil {
			p.walk(n, name)
		}
	}
	// KMS prices come as a block: all of them, or none.
	if sh.KMS.given != 0 && !sh.KMS.Known {
		for _, def := range ItemDefs() {
			if strings.HasPrefix(def.Key, "kms.") && def.Expected && def.get(sh) == nil {
				p.fail(top["kms"], "%s: price missing (KMS prices come as a block)", def.Key)
			}
		}
	}
	// Resolve `from:` against the declared sources.
	for key, ref := range p.from {
		src, ok := p.sources[ref.name]
		if !ok {
			p.fail(ref.node, "%s.from: %q is not declared under sources", key, ref.name)
			continue
		}
		prov := sh.provenance[key]
		prov.From, prov.Source, prov.AsOf = ref.name, src.Source, src.AsOf
		sh.provenance[key] = prov
	}
	for key, prov := range sh.provenance {
		if prov.Source == "" { // derived, from the sheet's own source
			prov.Source, prov.AsOf = sh.Source, sh.AsOf
			sh.provenance[key] = prov
		}
	}
	sh.sources = p.sources
	if p.err != nil {
		return nil, exit.Input(p.err)
	}
	return sh, nil
}

func classGiven(classes *yaml.Node, id string) bool {
	return hasKey(classes, id)
}

func hasKey(n *yaml.Node, key string) bool {
	if n == nil || n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// InterRegionRate is the price per GB of transfer to another region.
func (t TransferPrices) InterRegionRate(to string) decimal.NullDecimal {
	if p, ok := t.InterRegionTo[to]; ok {
		return decimal.NewNullDecimal(p)
	}
	return t.InterRegion
}

// plainName accepts the names a sheet gives sources and regions: lower-case
// letters, digits and '-', so that they are written back bare and read
// back the same.
func plainName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
