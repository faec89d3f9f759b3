package pricing

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Measure is what a price is quoted per. The sheet's measures are the
// Price List's, scaled to readable numbers: requests per 1,000 (the Price
// List quotes them one by one), Intelligent-Tiering monitoring per 1,000
// objects a month.
type Measure int

// The measures of sheet items.
const (
	PerGBMonth        Measure = iota // storage: 1 GB = 2^30 bytes, 730-hour month
	PerGB                            // retrieval, upload, transfer
	Per1KRequests                    // S3 requests
	Per1KObjectMonths                // Intelligent-Tiering monitoring
	PerUnitMonth                     // Glacier provisioned capacity
	Per10KRequests                   // KMS requests
	PerKeyMonth                      // a KMS customer managed key, or its rotations
	Count                            // a whole number, not money (free KMS requests)
)

// Unit is the measure as `pricing show` prints it.
func (m Measure) Unit() string {
	switch m {
	case PerGBMonth:
		return "USD per GB-month"
	case PerGB:
		return "USD per GB"
	case Per1KRequests:
		return "USD per 1,000 requests"
	case Per1KObjectMonths:
		return "USD per 1,000 objects a month"
	case PerUnitMonth:
		return "USD per unit a month"
	case Per10KRequests:
		return "USD per 10,000 requests"
	case PerKeyMonth:
		return "USD per key a month"
	}
	return "requests a month"
}

// ItemDef is one item of the sheet format. The table of them (ItemDefs) is
// the single definition of a price: the sheet parser, Items (`pricing
// show`), Missing (`pricing list`), the contract discount and the importer's
// list of keys all derive from it, so a price added here is parsed, shown,
// checked, discounted and imported, and a price not added here cannot be
// half-supported.
type ItemDef struct {
	// Key is the item's path in a sheet, e.g.
	// "classes.GLACIER.restore.standard.per_gb".
	Key     string
	Measure Measure
	// Class is the storage class the item prices; "" for transfer and KMS.
	Class model.ClassID
	// Tiered: a list of volume tiers ({upto_gb, price}); a sheet writes
	// even a single price this way (storage: [{ price: "0.0125" }]).
	Tiered bool
	// ByRegion: a price per destination region
	// (transfer.inter_region_to.<region>).
	ByRegion bool
	// Expected: a complete sheet has the item (for a region that offers
	// Class); Missing lists it when absent. The others are optional: priced
	// when known, not yet used by the engine (provisioned capacity,
	// Intelligent-Tiering's archive restores) or with a safe default (free
	// KMS requests: none).
	Expected bool

	get    func(*Sheet) Tiers
	set    func(*Sheet, Tiers)
	region func(*Sheet) map[string]decimal.Decimal // ByRegion items only
}

var (
	itemDefsOnce sync.Once
	itemDefList  []ItemDef
	itemDefByKey map[string]*ItemDef
	itemPrefixes map[string]bool
)

// ItemDefs returns the sheet's items in sheet order (classes in catalogue
// order, then transfer, then KMS). The slice is shared: do not modify it.
func ItemDefs() []ItemDef {
	itemDefsOnce.Do(func() {
		itemDefList = buildItemDefs()
		itemDefByKey = map[string]*ItemDef{}
		itemPrefixes = map[string]bool{}
		for i := range itemDefList {
			d := &itemDefList[i]
			itemDefByKey[d.Key] = d
			parts := strings.Split(d.Key, ".")
			for j := 1; j < len(parts); j++ {
				itemPrefixes[strings.Join(parts[:j], ".")] = true
			}
		}
	})
	return itemDefList
}

// LookupItem finds an item by its key.
func LookupItem(key string) (ItemDef, bool) {
	ItemDefs()
	d, ok := itemDefByKey[key]
	if !ok {
		return ItemDef{}, false
	}
	return *d, true
}

func buildItemDefs() []ItemDef {
	var defs []ItemDef
	for _, c := range model.Catalog() {
		defs = append(defs, classItemDefs(c)...)
	}
	defs = append(defs,
		ItemDef{Key: "transfer.internet", Measure: PerGB, Tiered: true, Expected: true,
			get: func(s *Sheet) Tiers { return s.Transfer.Internet },
			set: func(s *Sheet, t Tiers) { s.Transfer.Internet = t }},
		nullItem("transfer.inter_region", PerGB, "", true, func(s *Sheet) *decimal.NullDecimal { return &s.Transfer.InterRegion }),
		ItemDef{Key: "transfer.inter_region_to", Measure: PerGB, ByRegion: true,
			region: func(s *Sheet) map[string]decimal.Decimal {
				if s.Transfer.InterRegionTo == nil {
					s.Transfer.InterRegionTo = map[string]decimal.Decimal{}
				}
				return s.Transfer.InterRegionTo
			}},
		nullItem("transfer.replication_time_control_per_gb", PerGB, "", true, func(s *Sheet) *decimal.NullDecimal {
			return &s.Transfer.ReplicationTimeControlPerGB
		}),
		kmsItem("kms.requests_per_10k", Per10KRequests, kmsRequests, func(k *KMSPrices) *decimal.Decimal { return &k.RequestsPer10K }),
		ItemDef{Key: "kms.free_requests_per_month", Measure: Count,
			get: func(s *Sheet) Tiers {
				if s.KMS.given&kmsFreeRequests == 0 {
					return nil
				}
				return Flat(decimal.NewFromInt(s.KMS.FreeRequestsPerMonth))
			},
			set: func(s *Sheet, t Tiers) {
				s.KMS.FreeRequestsPerMonth = t[0].Price.IntPart()
				s.KMS.given |= kmsFreeRequests
			}},
		kmsItem("kms.customer_key_per_month", PerKeyMonth, kmsCustomerKey, func(k *KMSPrices) *decimal.Decimal { return &k.CustomerKeyPerMonth }),
		kmsItem("kms.rotation_per_month", PerKeyMonth, kmsRotation, func(k *KMSPrices) *decimal.Decimal { return &k.RotationPerMonth }),
		kmsItem("kms.dsse_per_gb", PerGB, kmsDSSE, func(k *KMSPrices) *decimal.Decimal { return &k.DSSEPerGB }),
	)
	return defs
}

// classItemDefs lists the items of one class, from its billing rules in the
// catalogue: every class has storage and requests; a lifecycle target a
// transition price; a class with a retrieval fee or an upload fee that fee;
// an archive class a request and a per-GB price for each restore tier it
// offers; Intelligent-Tiering its other tiers and the monitoring fee.
func classItemDefs(c model.Class) []ItemDef {
	id := c.ID
	k := "classes." + string(id) + "."
	field := func(name string, m Measure, expected bool, f func(*ClassPrices) *decimal.NullDecimal) ItemDef {
		return ItemDef{Key: k + name, Measure: m, Class: id, Expected: expected,
			get: func(s *Sheet) Tiers {
				cp := s.Classes[id]
				if p := f(&cp); p.Valid {
					return Flat(p.Decimal)
				}
				return nil
			},
			set: func(s *Sheet, t Tiers) {
				cp := s.Classes[id]
				*f(&cp) = decimal.NewNullDecimal(t[0].Price)
				s.Classes[id] = cp
			}}
	}
	restore := func(tier model.RestoreTier, expected bool) []ItemDef {
		part := func(name string, m Measure, f func(*RestorePrice) *decimal.NullDecimal) ItemDef {
			return ItemDef{Key: k + "restore." + string(tier) + "." + name, Measure: m, Class: id, Expected: expected,
				get: func(s *Sheet) Tiers {
					r := s.Classes[id].Restore[tier]
					if p := f(&r); p.Valid {
						return Flat(p.Decimal)
					}
					return nil
				},
				set: func(s *Sheet, t Tiers) {
					cp := s.Classes[id]
					if cp.Restore == nil {
						cp.Restore = map[model.RestoreTier]RestorePrice{}
					}
					r := cp.Restore[tier]
					*f(&r) = decimal.NewNullDecimal(t[0].Price)
					cp.Restore[tier] = r
					s.Classes[id] = cp
				}}
		}
		return []ItemDef{
			part("request_per_1k", Per1KRequests, func(r *RestorePrice) *decimal.NullDecimal { return &r.RequestPer1K }),
			part("per_gb", PerGB, func(r *RestorePrice) *decimal.NullDecimal { return &r.PerGB }),
		}
	}

	defs := []ItemDef{{Key: k + "storage", Measure: PerGBMonth, Class: id, Tiered: true, Expected: true,
		get: func(s *Sheet) Tiers { return s.Classes[id].Storage },
		set: func(s *Sheet, t Tiers) {
			cp := s.Classes[id]
			cp.Storage = t
			s.Classes[id] = cp
		}}}
	if c.Monitoring != nil {
		for _, tier := range c.Monitoring.Tiers {
			if tier.ID == "FREQUENT" {
				continue // the storage price above
			}
			tierID := tier.ID
			defs = append(defs, ItemDef{Key: k + "tiers." + tierID, Measure: PerGBMonth, Class: id, Expected: true,
				get: func(s *Sheet) Tiers {
					if p, ok := s.Classes[id].ITTiers[tierID]; ok {
						return Flat(p)
					}
					return nil
				},
				set: func(s *Sheet, t Tiers) {
					cp := s.Classes[id]
					if cp.ITTiers == nil {
						cp.ITTiers = map[string]decimal.Decimal{}
					}
					cp.ITTiers[tierID] = t[0].Price
					s.Classes[id] = cp
				}})
		}
		defs = append(defs, field("monitoring_per_1k_objects", Per1KObjectMonths, true, func(cp *ClassPrices) *decimal.NullDecimal { return &cp.MonitoringPer1KObjects }))
	}
	defs = append(defs,
		field("put_per_1k", Per1KRequests, true, func(cp *ClassPrices) *decimal.NullDecimal { return &cp.PutPer1K }),
		field("get_per_1k", Per1KRequests, true, func(cp *ClassPrices) *decimal.NullDecimal { return &cp.GetPer1K }))
	if c.LifecycleRank > 1 {
		// A lifecycle rule can move objects into the class.
		defs = append(defs, field("transition_per_1k", Per1KRequests, true, func(cp *ClassPrices) *decimal.NullDecimal { return &cp.TransitionPer1K }))
	}
	if c.UploadFee {
		defs = append(defs, field("upload_per_gb", PerGB, true, func(cp *ClassPrices) *decimal.NullDecimal { return &cp.UploadPerGB }))
	}
	if c.RetrievalFee || c.Monitoring != nil {
		// Intelligent-Tiering has no retrieval fee; a sheet may say so (0).
		defs = append(defs, field("retrieval_per_gb", PerGB, c.RetrievalFee, func(cp *ClassPrices) *decimal.NullDecimal { return &cp.RetrievalPerGB }))
	}
	switch {
	case c.NeedsRestore:
		for _, o := range c.Retrieval {
			defs = append(defs, restore(o.Tier, true)...)
		}
	case c.Monitoring != nil:
		// Restores out of Intelligent-Tiering's opt-in archive tiers: priced
		// by AWS, not modelled yet (the opt-in tiers are not simulated).
		for _, tier := range []model.RestoreTier{model.RestoreExpedited, model.RestoreStandard, model.RestoreBulk} {
			defs = append(defs, restore(tier, false)...)
		}
	}
	if c.ID == model.Glacier {
		// Provisioned capacity units: priced, not modelled.
		defs = append(defs, field("provisioned_capacity_per_month", PerUnitMonth, false, func(cp *ClassPrices) *decimal.NullDecimal { return &cp.ProvisionedCapacity }))
	}
	return defs
}

func nullItem(key string, m Measure, class model.ClassID, expected bool, f func(*Sheet) *decimal.NullDecimal) ItemDef {
	return ItemDef{Key: key, Measure: m, Class: class, Expected: expected,
		get: func(s *Sheet) Tiers {
			if p := f(s); p.Valid {
				return Flat(p.Decimal)
			}
			return nil
		},
		set: func(s *Sheet, t Tiers) { *f(s) = decimal.NewNullDecimal(t[0].Price) }}
}

// kmsItem is a KMS price. KMS prices come as a block (the engine needs all
// of them to price SSE-KMS): the parser refuses a sheet with some of them,
// and one not set reads as absent, never as 0.
func kmsItem(key string, m Measure, bit uint8, f func(*KMSPrices) *decimal.Decimal) ItemDef {
	return ItemDef{Key: key, Measure: m, Expected: true,
		get: func(s *Sheet) Tiers {
			if s.KMS.given&bit == 0 {
				return nil
			}
			return Flat(*f(&s.KMS))
		},
		set: func(s *Sheet, t Tiers) {
			*f(&s.KMS) = t[0].Price
			s.KMS.given |= bit
			s.KMS.Known = s.KMS.given&kmsAll == kmsAll
		}}
}

// Provenance is where one price of a sheet comes from: its source and that
// source's date, and for a derived price the rule that derives it.
type Provenance struct {
	// From names the sheet's `sources:` entry the price comes from; "" for
	// the sheet's own source.
	From   string
	Source string
	AsOf   string
	// Rule is set for a derived price: how it follows from another price
	// and the evidence for that (docs/pricing.md).
	Rule string
}

// Derived reports whether the price was derived by a rule rather than read.
func (p Provenance) Derived() bool { return p.Rule != "" }

// ProvenanceOf returns where a price of the sheet comes from: key is an
// item key, a tier of one ("classes.STANDARD.storage[1]") or a region of a
// ByRegion item ("transfer.inter_region_to.us-east-2"). A price the sheet
// records nothing special for comes from the sheet's own source and date.
func (s *Sheet) ProvenanceOf(key string) Provenance {
	if p, ok := s.provenance[key]; ok {
		return p
	}
	if i := strings.IndexByte(key, '['); i >= 0 {
		// A tier without its own record has its item's.
		if p, ok := s.provenance[key[:i]]; ok {
			return p
		}
	}
	return Provenance{Source: s.Source, AsOf: s.AsOf}
}

// derivedRules returns the rules of the derived prices behind a key the
// engine charges at (any of its tiers; for "kms", the KMS prices), sorted
// and without repeats.
func (s *Sheet) derivedRules(key string) []string {
	var rules []string
	for _, k := range s.provenanceKeys(key) {
		if p := s.provenance[k]; p.Rule != "" {
			rules = append(rules, p.Rule)
		}
	}
	sort.Strings(rules)
	return dedupe(rules)
}

// Items lists every price of the sheet with its key, unit and provenance,
// in sheet order, for `s3cost pricing show`.
func (s *Sheet) Items() []Item {
	var out []Item
	add := func(key, unit string, d decimal.Decimal) {
		p := s.ProvenanceOf(key)
		out = append(out, Item{Key: key, Price: d.String(), Unit: unit, Source: p.Source, AsOf: p.AsOf, Derived: p.Rule})
	}
	for _, def := range ItemDefs() {
		if def.ByRegion {
			m := def.region(s)
			regions := make([]string, 0, len(m))
			for r := range m {
				regions = append(regions, r)
			}
			sort.Strings(regions)
			for _, r := range regions {
				add(def.Key+"."+r, def.Measure.Unit(), m[r])
			}
			continue
		}
		t := def.get(s)
		if !def.Tiered {
			if t != nil {
				add(def.Key, def.Measure.Unit(), t[0].Price)
			}
			continue
		}
		for i, tier := range t {
			unit := def.Measure.Unit()
			if !tier.Unbounded {
				unit = fmt.Sprintf("%s, up to %s GB a month", unit, tier.UpTo)
			}
			add(fmt.Sprintf("%s[%d]", def.Key, i), unit, tier.Price)
		}
	}
	return out
}

// Missing lists the prices a complete sheet has that this one leaves out
// (the Expected items), for the classes the region offers; a tiered price
// whose last tier is bounded is missing beyond that bound.
func (s *Sheet) Missing() []string {
	var out []string
	for _, def := range ItemDefs() {
		if !def.Expected || (def.Class != "" && s.NotOffered[def.Class]) {
			continue
		}
		t := def.get(s)
		if len(t) == 0 || !t[len(t)-1].Unbounded {
			out = append(out, def.Key)
		}
	}
	return out
}

// discounted returns a copy of the sheet with every price lowered by pct
// percent (a contract discount: 7 means each price x 0.93). Counts are not
// money and stay.
func (s *Sheet) discounted(pct decimal.Decimal) *Sheet {
	factor := one.Sub(pct.Shift(-2))
	out := s.clone()
	out.discount = pct.String() + "%"
	for _, def := range ItemDefs() {
		if def.Measure == Count {
			continue
		}
		if def.ByRegion {
			m := def.region(out)
			for r, p := range m {
				m[r] = p.Mul(factor)
			}
			continue
		}
		t := def.get(out)
		if t == nil {
			continue
		}
		scaled := make(Tiers, len(t))
		for i, tier := range t {
			tier.Price = tier.Price.Mul(factor)
			scaled[i] = tier
		}
		def.set(out, scaled)
	}
	return out
}

// clone copies the sheet deeply enough that setting a price on the copy
// leaves the original alone (ClassPrices hold maps).
func (s *Sheet) clone() *Sheet {
	out := *s
	out.Classes = make(map[model.ClassID]ClassPrices, len(s.Classes))
	for id, cp := range s.Classes {
		n := cp
		n.ITTiers = make(map[string]decimal.Decimal, len(cp.ITTiers))
		for k, v := range cp.ITTiers {
			n.ITTiers[k] = v
		}
		n.Restore = make(map[model.RestoreTier]RestorePrice, len(cp.Restore))
		for k, v := range cp.Restore {
			n.Restore[k] = v
		}
		out.Classes[id] = n
	}
	out.Transfer.InterRegionTo = make(map[string]decimal.Decimal, len(s.Transfer.InterRegionTo))
	for k, v := range s.Transfer.InterRegionTo {
		out.Transfer.InterRegionTo[k] = v
	}
	return &out
}
