package pricing

import (
	"fmt"
	"strings"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// S3 Replication (S3 User Guide, "Replicating objects"; S3 pricing page,
// "Replication"): every object written to the source is copied to a bucket
// in region To. The source pays, per class priced:
//   - the destination copy's storage, with the destination class's
//     minimums, overhead and early deletion, at the destination sheet's
//     prices (replication.storage*, replication.early_delete);
//   - a PUT per replicated object at the destination class's PUT price
//     (replication.requests.put);
//   - for cross-region replication, inter-region transfer of the bytes at
//     the source region's rate (replication.transfer);
//   - with Replication Time Control, 0.015 per GB (replication.rtc);
//   - with SSE-KMS, a Decrypt at the source and a GenerateDataKey at the
//     destination per object, each reduced by a Bucket Key as writes are
//     (replication.kms_requests; the replication role is one requester).
// Only objects written during the horizon are replicated: a stock already
// stored (objects.from) needs S3 Batch Replication, which is not priced.

// replicaWorkload is what the destination bucket holds: the same objects
// written, kept as long, never read there.
func replicaWorkload(w model.Workload) model.Workload {
	d := w
	d.Replication = nil
	d.Region = w.Replication.To
	if w.Objects.From != "" {
		d.Objects.Count = decimal.Zero
	}
	d.Objects.From = ""
	d.Reads = model.Reads{Full: true, PerMonth: decimal.Zero, Restore: w.Reads.Restore, RestoreDays: w.Reads.RestoreDays}
	d.ListsPerMonth = decimal.Zero
	d.Transfer = model.Transfer{InternetBytes: decimal.Zero, InterRegionBytes: decimal.Zero}
	d.Encryption = model.DefaultEncryption() // replication KMS is priced at the source
	d.Require = model.Requirements{}
	d.Classes, d.Class = nil, ""
	return d
}

// replicaClass is the destination class for source class c.
func replicaClass(w model.Workload, c model.Class) model.Class {
	if w.Replication.Class == "" {
		return c
	}
	dc, _ := model.LookupClass(w.Replication.Class)
	return dc
}

// replicationViolations: S3 Replication does not support directory buckets
// (S3 Express One Zone).
func replicationViolations(w model.Workload, c model.Class) []string {
	if w.Replication == nil {
		return nil
	}
	if c.DirectoryBucket || replicaClass(w, c).DirectoryBucket {
		return []string{"S3 Replication does not support directory buckets (EXPRESS_ONEZONE)"}
	}
	return nil
}

// replicate adds the replication lines of class c to the ledger.
func replicate(l *ledger, w model.Workload, s *Sheet, c model.Class, t *timeline, mix mixFacts) (notes, derived []string) {
	if w.Replication == nil || c.DirectoryBucket {
		return nil, nil
	}
	to := w.Replication.To
	dest, ok := s.Peer(to)
	if !ok {
		l.use("a sheet for "+to, false)
		return nil, nil
	}
	d := replicaWorkload(w)
	dc := replicaClass(w, c)
	de := estimate(d, dest, dc, newTimeline(d), newMixFacts(d))
	// What the destination's sheet lacks is named as the destination's.
	if de.NotOffered {
		l.use("replication to "+to+": "+string(dc.ID)+" is not offered there", false)
	}
	for _, m := range de.Unpriced {
		l.use("replication to "+to+": "+m, false)
	}
	l.merge("replication.", de)
	// The replica's derived prices are the estimate's too.
	for _, key := range de.Derived {
		derived = append(derived, "replication to "+w.Replication.To+": "+key)
	}
	for _, n := range de.Notes {
		if strings.HasPrefix(n, "uses a derived price") {
			notes = append(notes, "replica "+n)
		}
	}

	// What is written, and so replicated, each month.
	meanGB := mix.meanBytes.gb()
	for m := 0; m < t.months; m++ {
		objects := t.upload
		if m == 0 && w.Objects.From == "" {
			objects = objects.Add(t.stock)
		}
		gb := meanGB.times(objects)
		if to != s.Region {
			// The neighbouring region may have its own rate (us-east-1 to
			// us-east-2); else the rate to any other region.
			rateKey := "transfer.inter_region"
			if _, own := s.Transfer.InterRegionTo[to]; own {
				rateKey = "transfer.inter_region_to." + to
			}
			l.charge(m, "replication.transfer", unitGB, gb, rateKey, s.Transfer.InterRegionRate(to))
		}
		if w.Replication.RTC {
			l.charge(m, "replication.rtc", unitGB, gb, "transfer.replication_time_control_per_gb", s.Transfer.ReplicationTimeControlPerGB)
		}
		if e := w.Encryption; e.UsesKMS() {
			// A Decrypt at the source and a GenerateDataKey at the
			// destination per object; with a Bucket Key, at most a key
			// per reuse period for the replication role.
			each := objects
			if e.BucketKey {
				fetches := decimal.NewFromInt(int64(model.Month)).DivRound(decimal.NewFromInt(int64(e.BucketKeyReuse)), divPlaces)
				each = decimal.Min(each, fetches)
			}
			l.add(m, "replication.kms_requests", "10K requests", each.Add(each).Shift(-4), s.KMS.RequestsPer10K)
		}
	}
	kind := "cross-region"
	if w.Replication.To == s.Region {
		kind = "same-region"
	}
	note := fmt.Sprintf("%s replication to %s in %s: objects written during the horizon (a stock already stored needs S3 Batch Replication, not priced)", kind, dc.ID, w.Replication.To)
	return append([]string{note}, notes...), derived
}

// merge adds another estimate's lines and months under a prefix.
func (l *ledger) merge(prefix string, e model.Estimate) {
	for _, line := range e.Lines {
		item := prefix + line.Item
		l.index[lineKey{item, line.Unit}] = append(l.index[lineKey{item, line.Unit}], len(l.lines))
		l.lines = append(l.lines, model.Line{Item: item, Quantity: line.Quantity, Unit: line.Unit, Price: line.Price})
	}
	for m, v := range e.Monthly {
		if m < len(l.monthly) {
			l.monthly[m] = l.monthly[m].Add(v)
		}
	}
}
