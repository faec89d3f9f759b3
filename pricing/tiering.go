package pricing

import (
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// itFacts holds the per-object figures Intelligent-Tiering's rules need.
// Objects under 128 KiB are not monitored: they always stay in the frequent
// tier and pay no monitoring fee (S3 pricing page).
type itFacts struct {
	smallBytes decimal.Decimal // per object: bytes of unmonitored objects
	largeBytes decimal.Decimal // per object: bytes of monitored objects
	largeShare decimal.Decimal // share of objects that are monitored
	// keys are the sheet keys of the prices charged, built once.
	keys struct{ storage, infrequent, archiveInstant, monitoring string }
}

func newITFacts(c model.Class, mix []model.SizeShare) itFacts {
	var f itFacts
	if c.Monitoring == nil {
		return f
	}
	k := "classes." + string(c.ID) + "."
	f.keys.storage, f.keys.monitoring = k+"storage", k+"monitoring_per_1k_objects"
	f.keys.infrequent, f.keys.archiveInstant = k+"tiers.INFREQUENT", k+"tiers.ARCHIVE_INSTANT"
	limit := decimal.NewFromInt(c.Monitoring.MinObjectBytes)
	for _, s := range mix {
		if s.Bytes.LessThan(limit) {
			f.smallBytes = f.smallBytes.Add(s.Bytes.Mul(s.Share))
		} else {
			f.largeBytes = f.largeBytes.Add(s.Bytes.Mul(s.Share))
			f.largeShare = f.largeShare.Add(s.Share)
		}
	}
	return f
}

// activeShare is the chance an object is read in month m: the workload's
// reads.active_share, else reads / objects stored, at most 1.
func activeShare(reads decimal.Decimal, objects decimal.Decimal, given *decimal.Decimal) decimal.Decimal {
	if given != nil {
		return *given
	}
	if !objects.IsPositive() {
		return decimal.Zero
	}
	return decimal.Min(one, reads.DivRound(objects, divPlaces))
}

// storage prices one month of Intelligent-Tiering storage and monitoring.
//
// Each monitored object is read in a month with probability a, independently
// of other months. An object moves to the infrequent tier after 30 days
// without access and to archive instant after 90 (S3 User Guide), so at
// whole-month resolution an object aged k months is:
//   - frequent if k = 0 (new) or read this month: 1 for k = 0, else a;
//   - archive instant if not read in its last 3 months and k >= 3: (1-a)^3;
//   - infrequent otherwise: 1-a for k = 1, 2; (1-a) - (1-a)^3 for k >= 3.
//
// The opt-in archive tiers are not modelled.
//
// A stock already in Intelligent-Tiering at month 0 (objects.from) is taken
// to be old, without an age profile: its objects are spread over the tiers
// as the oldest ones are (singleStage). With one, or in a lifecycle rule's
// stage, the ages are the months spent in the stage (planStages).
func (f itFacts) storage(l *ledger, m int, st stage, reads decimal.Decimal, given *decimal.Decimal) {
	objects := st.objects[m]
	a := activeShare(reads, objects.Mul(st.share), given)
	idle := one.Sub(a)
	// Rounded: a probability needs no more than 30 places, and unrounded
	// powers would triple the digits every later product carries.
	idle3 := idle.Mul(idle).Mul(idle).Round(divPlaces)
	age0, age1to2, age3plus := st.itAges(m)

	frequentObjects := age0.Add(a.Mul(age1to2.Add(age3plus)))
	infrequentObjects := idle.Mul(age1to2).Add(idle.Sub(idle3).Mul(age3plus))
	archiveObjects := idle3.Mul(age3plus)

	frequentBytes := objects.Mul(f.smallBytes).Add(frequentObjects.Mul(f.largeBytes))
	l.chargeTiered(m, "storage.tier.FREQUENT"+st.suffix, unitGBMonth, bytesToGB(frequentBytes), f.keys.storage, st.cp.Storage)
	infrequent, ok := st.cp.ITTiers["INFREQUENT"]
	l.charge(m, "storage.tier.INFREQUENT"+st.suffix, unitGBMonth, bytesToGB(infrequentObjects.Mul(f.largeBytes)), f.keys.infrequent, decimal.NullDecimal{Decimal: infrequent, Valid: ok})
	archive, ok := st.cp.ITTiers["ARCHIVE_INSTANT"]
	l.charge(m, "storage.tier.ARCHIVE_INSTANT"+st.suffix, unitGBMonth, bytesToGB(archiveObjects.Mul(f.largeBytes)), f.keys.archiveInstant, decimal.NullDecimal{Decimal: archive, Valid: ok})

	// Monitoring and automation, per 1,000 monitored objects a month.
	l.charge(m, "monitoring"+st.suffix, unitKObjectMonths, objects.Mul(f.largeShare).Shift(-3), f.keys.monitoring, st.cp.MonitoringPer1KObjects)
}
