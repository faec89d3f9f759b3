package pricing

import (
	"time"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// itFacts holds the per-object figures Intelligent-Tiering's rules need.
// Objects under 128 KiB are not monitored: they always stay in the frequent
// tier and pay no monitoring fee (S3 pricing page).
type itFacts struct {
	smallBytes bytesEach       // per object: bytes of unmonitored objects
	largeBytes bytesEach       // per object: bytes of monitored objects
	largeShare decimal.Decimal // share of objects that are monitored
	// keys are the sheet keys of the prices charged, built once.
	keys struct{ storage, infrequent, archiveInstant, monitoring string }
}

func newITFacts(c model.Class, mix []model.SizeShare, sc byteScale) itFacts {
	f := itFacts{smallBytes: sc.each(decimal.Zero), largeBytes: sc.each(decimal.Zero)}
	if c.Monitoring == nil {
		return f
	}
	k := "classes." + string(c.ID) + "."
	f.keys.storage, f.keys.monitoring = k+"storage", k+"monitoring_per_1k_objects"
	f.keys.infrequent, f.keys.archiveInstant = k+"tiers.INFREQUENT", k+"tiers.ARCHIVE_INSTANT"
	limit := decimal.NewFromInt(c.Monitoring.MinObjectBytes)
	for _, s := range mix {
		if s.Bytes.LessThan(limit) {
			f.smallBytes.scaled = f.smallBytes.scaled.Add(sc.size(s).Mul(s.Share))
		} else {
			f.largeBytes.scaled = f.largeBytes.scaled.Add(sc.size(s).Mul(s.Share))
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
// The opt-in Archive Access and Deep Archive Access tiers (itArchive) take
// their share of the archive-instant objects after their days without
// access.
//
// A stock already in Intelligent-Tiering at month 0 (objects.from) is taken
// to be old, without an age profile: its objects are spread over the tiers
// as the oldest ones are (singleStage). With one, or in a lifecycle rule's
// stage, the ages are the months spent in the stage (planStages).
func (f itFacts) storage(l *ledger, m int, st stage, reads decimal.Decimal, given *decimal.Decimal, archive itArchive) {
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
	// The opt-in archive tiers take, from the objects old enough, those
	// idle for their months: out of archive instant.
	var archived [2]decimal.Decimal
	if archive.on() {
		archiveObjects, archived = archive.split(st, m, idle, archiveObjects)
	}

	frequentBytes := f.smallBytes.times(objects).Add(f.largeBytes.times(frequentObjects))
	l.chargeTiered(m, "storage.tier.FREQUENT"+st.suffix, unitGBMonth, bytesToGB(frequentBytes), f.keys.storage, st.cp.Storage)
	infrequent, ok := st.cp.ITTiers["INFREQUENT"]
	l.charge(m, "storage.tier.INFREQUENT"+st.suffix, unitGBMonth, bytesToGB(f.largeBytes.times(infrequentObjects)), f.keys.infrequent, decimal.NullDecimal{Decimal: infrequent, Valid: ok})
	instant, ok := st.cp.ITTiers["ARCHIVE_INSTANT"]
	l.charge(m, "storage.tier.ARCHIVE_INSTANT"+st.suffix, unitGBMonth, bytesToGB(f.largeBytes.times(archiveObjects)), f.keys.archiveInstant, decimal.NullDecimal{Decimal: instant, Valid: ok})
	for i, tier := range []string{"ARCHIVE", "DEEP_ARCHIVE"} {
		if archived[i].IsZero() {
			continue
		}
		// Archived objects carry 32 KiB at the tier's rate and 8 KiB at
		// the STANDARD rate each, as the Glacier classes do (S3 pricing
		// page, archive overhead).
		price, ok := st.cp.ITTiers[tier]
		rate := decimal.NullDecimal{Decimal: price, Valid: ok}
		key := "classes." + string(st.c.ID) + ".tiers." + tier
		l.charge(m, "storage.tier."+tier+st.suffix, unitGBMonth, bytesToGB(f.largeBytes.times(archived[i])), key, rate)
		perObject := archived[i].Mul(f.largeShare)
		l.charge(m, "storage.overhead.archive"+st.suffix, unitGBMonth, bytesToGB(perObject.Mul(decimal.NewFromInt(32*model.KiB))), key, rate)
		l.chargeTiered(m, "storage.overhead.standard"+st.suffix, unitGBMonth, bytesToGB(perObject.Mul(decimal.NewFromInt(8*model.KiB))), stdStorage, archive.std.Storage)
	}

	// A read of an archived object restores it first (free at the
	// standard and bulk tiers, S3 pricing page): the reads that fall on
	// archived objects, at the workload's restore tier.
	if archived := archived[0].Add(archived[1]); archived.IsPositive() && reads.IsPositive() && objects.IsPositive() {
		// archived counts every object as if monitored; only the
		// monitored share (objects of 128 KiB and more) can be archived.
		restores := reads.Mul(archived).Mul(f.largeShare).DivRound(objects.Mul(st.share), divPlaces)
		tier := archive.restore
		rp := st.cp.Restore[tier]
		k := "classes." + string(st.c.ID) + ".restore." + string(tier) + "."
		l.charge(m, "retrieval.requests"+st.suffix, unitKRequests, restores.Shift(-3), k+"request_per_1k", rp.RequestPer1K)
		l.charge(m, "retrieval.bytes"+st.suffix, unitGB, bytesToGB(st.scale.each(st.restoreBytes).times(restores)), k+"per_gb", rp.PerGB)
	}

	// Monitoring and automation, per 1,000 monitored objects a month.
	l.charge(m, "monitoring"+st.suffix, unitKObjectMonths, objects.Mul(f.largeShare).Shift(-3), f.keys.monitoring, st.cp.MonitoringPer1KObjects)
}

// itArchive is Intelligent-Tiering's opt-in archive configuration
// (intelligent_tiering: archive_access, deep_archive_access), in whole
// months at the model's resolution: days / 30, rounded up (90 days is 3
// months, as the automatic tiers count).
type itArchive struct {
	archiveMonths, deepMonths int64 // 0: the tier is off
	std                       ClassPrices
	// restore is the tier reads of archived objects restore at.
	restore model.RestoreTier
}

func newITArchive(w model.Workload, s *Sheet) itArchive {
	months := func(d time.Duration) int64 {
		if d <= 0 {
			return 0
		}
		thirty := 30 * model.Day
		return int64((d + thirty - 1) / thirty)
	}
	restore := w.Reads.Restore
	if restore == "" || (restore == model.RestoreExpedited && w.ITArchive.DeepArchiveAfter > 0) {
		// Deep Archive Access has no expedited restore.
		restore = model.RestoreStandard
	}
	a := itArchive{archiveMonths: months(w.ITArchive.ArchiveAfter), deepMonths: months(w.ITArchive.DeepArchiveAfter), restore: restore}
	if s != nil {
		a.std = s.Classes[model.Standard]
	}
	return a
}

func (a itArchive) on() bool { return a.archiveMonths > 0 || a.deepMonths > 0 }

// split moves, out of the archive instant objects, those idle long enough
// for the archive tiers: an object that has spent k >= K months in the
// stage was idle all of the last K with chance idle^K. It returns what
// stays in archive instant and the Archive Access and Deep Archive Access
// object-months.
func (a itArchive) split(st stage, m int, idle, instant decimal.Decimal) (decimal.Decimal, [2]decimal.Decimal) {
	var out [2]decimal.Decimal
	idleFor := func(k int64) decimal.Decimal {
		p := one
		for range k {
			p = p.Mul(idle).Round(divPlaces)
		}
		return p
	}
	deep := decimal.Zero
	if a.deepMonths > 0 {
		deep = idleFor(a.deepMonths).Mul(st.olderThan(a.deepMonths)[m])
		out[1] = deep
	}
	if a.archiveMonths > 0 {
		out[0] = idleFor(a.archiveMonths).Mul(st.olderThan(a.archiveMonths)[m]).Sub(deep)
	}
	return instant.Sub(out[0]).Sub(out[1]), out
}
