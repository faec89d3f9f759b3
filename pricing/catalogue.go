package pricing

import (
	"fmt"
	"os"
	"sort"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Items lists every price of the sheet with its key and unit, in a stable
// order (classes in catalogue order), for `s3cost pricing show`.
func (s *Sheet) Items() []model.PriceItem {
	var out []model.PriceItem
	add := func(key, unit string, d decimal.Decimal) {
		out = append(out, model.PriceItem{Key: key, Price: d.String(), Unit: unit})
	}
	opt := func(key, unit string, d decimal.NullDecimal) {
		if d.Valid {
			add(key, unit, d.Decimal)
		}
	}
	tiers := func(key, unit string, t Tiers) {
		for i, tier := range t {
			k := fmt.Sprintf("%s[%d]", key, i)
			if tier.Unbounded {
				add(k, unit, tier.Price)
			} else {
				add(k, fmt.Sprintf("%s, up to %s GB a month", unit, tier.UpTo), tier.Price)
			}
		}
	}
	for _, c := range model.Catalog() {
		cp := s.Classes[c.ID]
		k := "classes." + string(c.ID) + "."
		tiers(k+"storage", "USD per GB-month", cp.Storage)
		ids := make([]string, 0, len(cp.ITTiers))
		for id := range cp.ITTiers {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			add(k+"tiers."+id, "USD per GB-month", cp.ITTiers[id])
		}
		opt(k+"monitoring_per_1k_objects", "USD per 1,000 objects a month", cp.MonitoringPer1KObjects)
		opt(k+"put_per_1k", "USD per 1,000 requests", cp.PutPer1K)
		opt(k+"get_per_1k", "USD per 1,000 requests", cp.GetPer1K)
		opt(k+"transition_per_1k", "USD per 1,000 requests", cp.TransitionPer1K)
		opt(k+"retrieval_per_gb", "USD per GB", cp.RetrievalPerGB)
		opt(k+"upload_per_gb", "USD per GB", cp.UploadPerGB)
		for _, tier := range []model.RestoreTier{model.RestoreExpedited, model.RestoreStandard, model.RestoreBulk} {
			if r, ok := cp.Restore[tier]; ok {
				opt(k+"restore."+string(tier)+".request_per_1k", "USD per 1,000 requests", r.RequestPer1K)
				opt(k+"restore."+string(tier)+".per_gb", "USD per GB", r.PerGB)
			}
		}
		opt(k+"provisioned_capacity_per_month", "USD per unit a month", cp.ProvisionedCapacity)
	}
	tiers("transfer.internet", "USD per GB", s.Transfer.Internet)
	opt("transfer.inter_region", "USD per GB", s.Transfer.InterRegion)
	regions := make([]string, 0, len(s.Transfer.InterRegionTo))
	for r := range s.Transfer.InterRegionTo {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	for _, r := range regions {
		add("transfer.inter_region_to."+r, "USD per GB", s.Transfer.InterRegionTo[r])
	}
	opt("transfer.replication_time_control_per_gb", "USD per GB", s.Transfer.ReplicationTimeControlPerGB)
	if s.KMS.Known {
		add("kms.requests_per_10k", "USD per 10,000 requests", s.KMS.RequestsPer10K)
		add("kms.customer_key_per_month", "USD per key a month", s.KMS.CustomerKeyPerMonth)
		add("kms.rotation_per_month", "USD per key a month, first two rotations", s.KMS.RotationPerMonth)
		add("kms.dsse_per_gb", "USD per GB", s.KMS.DSSEPerGB)
	}
	return out
}

// Missing lists the prices s3cost can use that the sheet leaves out: for
// every class what its billing rules need (storage, requests, transitions
// for lifecycle targets, retrieval, restores of every offered tier,
// monitoring, upload), internet transfer beyond the known tiers,
// inter-region transfer and KMS.
func (s *Sheet) Missing() []string {
	var out []string
	need := func(ok bool, key string) {
		if !ok {
			out = append(out, key)
		}
	}
	for _, c := range model.Catalog() {
		if s.NotOffered[c.ID] {
			continue // not sold in the region: nothing to price
		}
		cp := s.Classes[c.ID]
		k := "classes." + string(c.ID) + "."
		need(len(cp.Storage) > 0 && cp.Storage[len(cp.Storage)-1].Unbounded, k+"storage")
		need(cp.PutPer1K.Valid, k+"put_per_1k")
		need(cp.GetPer1K.Valid, k+"get_per_1k")
		if c.LifecycleRank > 1 {
			need(cp.TransitionPer1K.Valid, k+"transition_per_1k")
		}
		if c.RetrievalFee {
			need(cp.RetrievalPerGB.Valid, k+"retrieval_per_gb")
		}
		if c.UploadFee {
			need(cp.UploadPerGB.Valid, k+"upload_per_gb")
		}
		if c.NeedsRestore {
			for _, o := range c.Retrieval {
				r := cp.Restore[o.Tier]
				need(r.RequestPer1K.Valid, k+"restore."+string(o.Tier)+".request_per_1k")
				need(r.PerGB.Valid, k+"restore."+string(o.Tier)+".per_gb")
			}
		}
		if c.Monitoring != nil {
			need(cp.MonitoringPer1KObjects.Valid, k+"monitoring_per_1k_objects")
			for _, t := range c.Monitoring.Tiers {
				if t.ID != "FREQUENT" {
					_, ok := cp.ITTiers[t.ID]
					need(ok, k+"tiers."+t.ID)
				}
			}
		}
	}
	in := s.Transfer.Internet
	need(len(in) > 0 && in[len(in)-1].Unbounded, "transfer.internet")
	need(s.Transfer.InterRegion.Valid, "transfer.inter_region")
	need(s.Transfer.ReplicationTimeControlPerGB.Valid, "transfer.replication_time_control_per_gb")
	need(s.KMS.Known, "kms")
	return out
}

// Summary describes the sheet for `s3cost pricing list`.
func (s *Sheet) Summary() model.SheetSummary {
	return model.SheetSummary{Region: s.Region, Sheet: s.ID, AsOf: s.AsOf, Source: s.Source, Discount: s.discount, Missing: s.Missing()}
}

// LoadFile reads a custom price sheet (--pricing FILE): the same format as
// the embedded ones, validated the same way.
func LoadFile(path string) (*Sheet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sh, err := ParseSheet(data)
	if err != nil {
		return nil, fmt.Errorf("price sheet %s: %w", path, err)
	}
	return sh, nil
}

// With returns the set with the sheet added, replacing the one of its
// region: a custom sheet wins over the embedded one.
func (s *Sheets) With(sh *Sheet) *Sheets {
	all, _ := s.All() // a sheet that does not parse stays out; using it says why
	sheets := map[string]*Sheet{}
	for _, v := range all {
		c := *v
		sheets[c.Region] = &c
	}
	c := *sh
	sheets[sh.Region] = &c
	return fromSheets(sheets)
}

// Discounted returns the set with every price of every sheet lowered by
// pct percent (a contract discount: 7 means each price x 0.93).
func (s *Sheets) Discounted(pct decimal.Decimal) *Sheets {
	all, _ := s.All()
	sheets := map[string]*Sheet{}
	for _, v := range all {
		sheets[v.Region] = v.discounted(pct)
	}
	return fromSheets(sheets)
}

func (s *Sheet) discounted(pct decimal.Decimal) *Sheet {
	factor := one.Sub(pct.Shift(-2))
	scale := func(d decimal.Decimal) decimal.Decimal { return d.Mul(factor) }
	scaleNull := func(d decimal.NullDecimal) decimal.NullDecimal {
		if d.Valid {
			d.Decimal = scale(d.Decimal)
		}
		return d
	}
	scaleTiers := func(t Tiers) Tiers {
		out := make(Tiers, len(t))
		for i, tier := range t {
			tier.Price = scale(tier.Price)
			out[i] = tier
		}
		return out
	}
	out := *s
	out.discount = pct.String() + "%"
	out.Classes = map[model.ClassID]ClassPrices{}
	for id, cp := range s.Classes {
		n := cp
		n.Storage = scaleTiers(cp.Storage)
		n.ITTiers = map[string]decimal.Decimal{}
		for k, v := range cp.ITTiers {
			n.ITTiers[k] = scale(v)
		}
		n.MonitoringPer1KObjects = scaleNull(cp.MonitoringPer1KObjects)
		n.PutPer1K, n.GetPer1K = scaleNull(cp.PutPer1K), scaleNull(cp.GetPer1K)
		n.TransitionPer1K, n.RetrievalPerGB = scaleNull(cp.TransitionPer1K), scaleNull(cp.RetrievalPerGB)
		n.UploadPerGB, n.ProvisionedCapacity = scaleNull(cp.UploadPerGB), scaleNull(cp.ProvisionedCapacity)
		n.Restore = map[model.RestoreTier]RestorePrice{}
		for k, v := range cp.Restore {
			n.Restore[k] = RestorePrice{RequestPer1K: scaleNull(v.RequestPer1K), PerGB: scaleNull(v.PerGB)}
		}
		out.Classes[id] = n
	}
	out.Transfer = TransferPrices{
		Internet:                    scaleTiers(s.Transfer.Internet),
		InterRegion:                 scaleNull(s.Transfer.InterRegion),
		InterRegionTo:               map[string]decimal.Decimal{},
		ReplicationTimeControlPerGB: scaleNull(s.Transfer.ReplicationTimeControlPerGB),
	}
	for r, p := range s.Transfer.InterRegionTo {
		out.Transfer.InterRegionTo[r] = scale(p)
	}
	if s.KMS.Known {
		k := s.KMS
		k.RequestsPer10K, k.CustomerKeyPerMonth = scale(k.RequestsPer10K), scale(k.CustomerKeyPerMonth)
		k.RotationPerMonth, k.DSSEPerGB = scale(k.RotationPerMonth), scale(k.DSSEPerGB)
		out.KMS = k
	}
	return &out
}
