package pricing

import (
	"strings"
	"testing"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// 1,000 objects of 1 GiB uploaded in one month into STANDARD in us-east-1,
// replicated.
func replicated(to string, class model.ClassID, rtc bool) model.Workload {
	w := baseWorkload()
	w.Objects.Count = d("0")
	w.UploadsPerMonth = d("1000")
	w.Replication = &model.Replication{To: to, Class: class, RTC: rtc}
	return w
}

func TestReplication(t *testing.T) {
	cases := []struct {
		name  string
		w     model.Workload
		class model.ClassID
		item  string
		want  string
	}{
		// The copy in us-east-2 STANDARD: 1,000 GB x 0.023 = 23.
		{"destination storage", replicated("us-east-2", "", false), model.Standard, "replication.storage", "23"},
		// Replication PUTs at the destination's PUT price: 1,000 x 0.005/1,000.
		{"replication PUTs", replicated("us-east-2", "", false), model.Standard, "replication.requests.put", "0.005"},
		// us-east-1 to us-east-2 is 0.01 per GB: 1,000 x 0.01 = 10.
		{"transfer to us-east-2", replicated("us-east-2", "", false), model.Standard, "replication.transfer", "10"},
		// To eu-west-1, the source's 0.02: 20.
		{"transfer to eu-west-1", replicated("eu-west-1", "", false), model.Standard, "replication.transfer", "20"},
		// Same-region replication transfers nothing.
		{"same region", replicated("us-east-1", "", false), model.Standard, "replication.transfer", "0"},
		// RTC: 1,000 GB x 0.015 = 15.
		{"replication time control", replicated("us-east-2", "", true), model.Standard, "replication.rtc", "15"},
		// Into GLACIER at the destination: PUTs at 0.03/1,000 = 0.03, data
		// 1,000 x 0.0036 = 3.6.
		{"destination class PUT", replicated("us-east-2", model.Glacier, false), model.Standard, "replication.requests.put", "0.03"},
		{"destination class storage", replicated("us-east-2", model.Glacier, false), model.Standard, "replication.storage", "3.6"},
		// ... and its overhead: 1,000 x 32 KiB = 0.030517578125 GB x 0.0036.
		{"destination overhead", replicated("us-east-2", model.Glacier, false), model.Standard, "replication.storage.overhead.archive", "0.00010986328125"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := estimateFor(t, tc.w, tc.class)
			near(t, tc.item, cost(e, tc.item), d(tc.want))
			if !e.Breakdown()["replication"].Equal(sumPrefix(e, "replication")) {
				t.Error("replication breakdown does not sum its lines")
			}
		})
	}
}

func sumPrefix(e model.Estimate, prefix string) (sum decimal.Decimal) {
	for _, l := range e.Lines {
		if strings.HasPrefix(l.Item, prefix) {
			sum = sum.Add(l.Cost)
		}
	}
	return sum
}

// With SSE-KMS, a Decrypt at the source and a GenerateDataKey at the
// destination per replicated object: 2,000 requests = 0.2 x 0.03 = 0.006.
func TestReplicationKMS(t *testing.T) {
	w := replicated("us-east-2", "", false)
	w.Encryption = model.DefaultEncryption()
	w.Encryption.Type = model.SSEKMS
	e := estimateFor(t, w, model.Standard)
	near(t, "replication KMS", cost(e, "replication.kms_requests"), d("0.006"))
}

func TestReplicationLimits(t *testing.T) {
	// Directory buckets cannot replicate.
	if e := estimateFor(t, replicated("us-east-2", "", false), model.ExpressOneZone); e.Eligible {
		t.Error("EXPRESS_ONEZONE replicates")
	}
	if e := estimateFor(t, replicated("us-east-2", model.ExpressOneZone, false), model.Standard); e.Eligible {
		t.Error("replication into EXPRESS_ONEZONE accepted")
	}
	// A destination sheet without the ONEZONE_IA PUT price: not priced,
	// and the reason names the destination's sheet.
	us := usEast1(t)
	sheets, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	euSheet, err := sheets.Region("eu-central-1")
	if err != nil {
		t.Fatal(err)
	}
	eu := euSheet.clone()
	cp := eu.Classes[model.OneZoneIA]
	cp.PutPer1K = decimal.NullDecimal{}
	eu.Classes[model.OneZoneIA] = cp
	fromSheets(map[string]*Sheet{"us-east-1": us.clone(), "eu-central-1": eu})
	src, _ := eu.Peer("us-east-1")
	e, err := Estimate(replicated("eu-central-1", model.OneZoneIA, false), src, model.Standard)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(e.Unpriced, ","), "replication to eu-central-1: classes.ONEZONE_IA.put_per_1k") ||
		!strings.Contains(strings.Join(e.Violations, ""), "for replication to eu-central-1, the aws/eu-central-1 sheet has no classes.ONEZONE_IA.put_per_1k") {
		t.Errorf("unpriced %v, violations %v", e.Unpriced, e.Violations)
	}
	// A replica class the destination does not offer.
	eu.NotOffered = map[model.ClassID]bool{model.OneZoneIA: true}
	e, _ = Estimate(replicated("eu-central-1", model.OneZoneIA, false), src, model.Standard)
	if !strings.Contains(strings.Join(e.Unpriced, ","), "ONEZONE_IA is not offered there") {
		t.Errorf("replica class not offered: %v", e.Unpriced)
	}
	// A stock already stored is not replicated (Batch Replication).
	w := replicated("us-east-2", "", false)
	w.UploadsPerMonth = d("0")
	w.Objects.Count = d("1000")
	w.Objects.From = model.Standard
	if c := cost(estimateFor(t, w, model.Standard), "replication.storage"); !c.IsZero() {
		t.Errorf("stored stock replicated: %s", c)
	}
}

// fromSheets builds a set of parsed sheets (a test's own set).
func fromSheets(sheets map[string]*Sheet) *Sheets {
	set := &Sheets{files: map[string]string{}, byRegion: sheets}
	for _, sh := range sheets {
		sh.peers = set
	}
	return set
}
