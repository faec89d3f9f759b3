package pricing

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Every embedded sheet loads and validates, and prices every class.
func TestLoadEmbeddedSheets(t *testing.T) {
	sheets, err := LoadAll(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets.Regions()) == 0 {
		t.Fatal("no sheets")
	}
	for _, r := range sheets.Regions() {
		s, err := sheets.Region(r)
		if err != nil {
			t.Fatal(err)
		}
		if s.AsOf == "" || s.Source == "" {
			t.Errorf("%s: undated or unsourced", r)
		}
		for _, c := range model.Catalog() {
			if _, ok := s.Classes[c.ID]; !ok {
				t.Errorf("%s: %s not priced", r, c.ID)
			}
		}
	}
	if _, err := sheets.Region("mars-north-1"); err == nil || !strings.Contains(err.Error(), "us-east-1") {
		t.Errorf("unknown region: %v", err)
	}
	if _, err := sheets.Region("cn-north-1"); err == nil || !strings.Contains(err.Error(), "China regions are priced in CNY") {
		t.Errorf("China: %v", err)
	}
}

// Spot-check us-east-1 prices against AWS's S3 pricing page
// (https://aws.amazon.com/s3/pricing/) so a typo in the sheet cannot pass.
func TestUSEast1Prices(t *testing.T) {
	s := usEast1(t)
	checks := []struct {
		what string
		got  string
		want string
	}{
		{"STANDARD first tier", s.Classes[model.Standard].Storage[0].Price.String(), "0.023"},
		{"STANDARD 50 TB boundary", s.Classes[model.Standard].Storage[0].UpTo.String(), "51200"},
		{"STANDARD 500 TB boundary", s.Classes[model.Standard].Storage[1].UpTo.String(), "512000"},
		{"STANDARD over 500 TB", s.Classes[model.Standard].Storage[2].Price.String(), "0.021"},
		{"IT infrequent", s.Classes[model.IntelligentTiering].ITTiers["INFREQUENT"].String(), "0.0125"},
		{"IT monitoring", s.Classes[model.IntelligentTiering].MonitoringPer1KObjects.Decimal.String(), "0.0025"},
		{"ONEZONE_IA", s.Classes[model.OneZoneIA].Storage[0].Price.String(), "0.01"},
		{"EXPRESS storage", s.Classes[model.ExpressOneZone].Storage[0].Price.String(), "0.11"},
		{"EXPRESS PUT", s.Classes[model.ExpressOneZone].PutPer1K.Decimal.String(), "0.00113"},
		{"GLACIER_IR GET", s.Classes[model.GlacierIR].GetPer1K.Decimal.String(), "0.01"},
		{"GLACIER expedited request", s.Classes[model.Glacier].Restore[model.RestoreExpedited].RequestPer1K.Decimal.String(), "10"},
		{"GLACIER bulk per GB", s.Classes[model.Glacier].Restore[model.RestoreBulk].PerGB.Decimal.String(), "0"},
		{"DEEP_ARCHIVE bulk per GB", s.Classes[model.DeepArchive].Restore[model.RestoreBulk].PerGB.Decimal.String(), "0.0025"},
		{"DEEP_ARCHIVE transition", s.Classes[model.DeepArchive].TransitionPer1K.Decimal.String(), "0.05"},
		{"internet last tier", s.Transfer.Internet[3].Price.String(), "0.05"},
		{"internet 150 TB boundary", s.Transfer.Internet[2].UpTo.String(), "153600"},
		{"KMS requests", s.KMS.RequestsPer10K.String(), "0.03"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.what, c.got, c.want)
		}
	}
	if _, ok := s.Classes[model.DeepArchive].Restore[model.RestoreExpedited]; ok {
		t.Error("DEEP_ARCHIVE must not offer expedited restores")
	}
}

func TestParseSheetRejectsBadSheets(t *testing.T) {
	good, err := Embedded().(interface {
		ReadFile(string) ([]byte, error)
	}).ReadFile("sheets/aws/us-east-1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, from, to, want string
	}{
		{"negative price", `put_per_1k: "0.01"`, `put_per_1k: "-0.01"`, "negative price"},
		{"not a number", `get_per_1k: "0.0004"`, `get_per_1k: "cheap"`, "not a decimal price"},
		{"tiers out of order", `upto_gb: 512000`, `upto_gb: 5120`, "tiers out of order"},
		{"unbounded middle tier", `{ upto_gb: 51200, price: "0.023" }`, `{ price: "0.023" }`, "only the last tier may be unbounded"},
		{"undated", "as_of: \"2025-10-22\"\nsource:", "as_of: \"\"\nsource:", "as_of: missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := string(good)
			if !strings.Contains(src, tc.from) {
				t.Fatalf("fixture text %q not in the sheet", tc.from)
			}
			bad := strings.Replace(src, tc.from, tc.to, 1)
			_, err := ParseSheet([]byte(bad))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
			if !errors.Is(err, exit.ErrInput) {
				t.Errorf("got %v, want bad input (exit.ErrInput)", err)
			}
		})
	}
	// A region whose file name disagrees with its content.
	fsys := fstest.MapFS{"sheets/aws/eu-west-1.yaml": {Data: good}}
	if _, err := LoadAll(fsys); err == nil || !strings.Contains(err.Error(), "does not match") || !errors.Is(err, exit.ErrInput) {
		t.Errorf("mismatched region: %v", err)
	}
}

// The errors of sheets and regions carry their class: what a flag, a
// workload or a sheet says wrong is bad input (exit code 2), a sheet file
// that cannot be read I/O (exit code 3). The command passes them on as
// they are.
func TestErrorClasses(t *testing.T) {
	for _, data := range []string{"", "a: [", "region: us-east-1\n---\nregion: x\n", "sheet: x\nbogus: 1\n"} {
		if _, err := ParseSheet([]byte(data)); !errors.Is(err, exit.ErrInput) {
			t.Errorf("ParseSheet(%q) = %v, want bad input", data, err)
		}
	}
	sheets, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, region := range []string{"mars-north-1", "cn-north-1", ""} {
		_, err := sheets.Region(region)
		if !errors.Is(err, exit.ErrInput) {
			t.Errorf("Region(%q) = %v, want bad input", region, err)
		}
		if wrapped := fmt.Errorf("--region: %w", err); exit.Code(wrapped) != exit.CodeInput {
			t.Errorf("Region(%q) wrapped: exit code %d, want 2", region, exit.Code(wrapped))
		}
	}
	dir := t.TempDir()
	if _, err := LoadFile(filepath.Join(dir, "missing.yaml")); !errors.Is(err, exit.ErrIO) || errors.Is(err, exit.ErrInput) {
		t.Errorf("LoadFile of a missing file: %v, want exit.ErrIO", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("not: [a sheet"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(bad); !errors.Is(err, exit.ErrInput) || !strings.HasPrefix(err.Error(), "price sheet "+bad+": ") {
		t.Errorf("LoadFile of a bad sheet: %v, want bad input naming the file", err)
	}
}

// A sheet may leave out prices it has no verified figure for; a class that
// needs one for the workload is then not priced, not guessed.
func TestPartialSheet(t *testing.T) {
	// Drop ONEZONE_IA's requests, STANDARD_IA's whole entry, GLACIER's bulk
	// restores, internet transfer beyond the first 10 TB, and KMS.
	sheet := usEast1(t).clone()
	zia := sheet.Classes[model.OneZoneIA]
	zia.PutPer1K, zia.GetPer1K = decimal.NullDecimal{}, decimal.NullDecimal{}
	sheet.Classes[model.OneZoneIA] = zia
	sheet.Classes[model.StandardIA] = ClassPrices{}
	delete(sheet.Classes[model.Glacier].Restore, model.RestoreBulk)
	sheet.Transfer.Internet = sheet.Transfer.Internet[:1]
	sheet.KMS = KMSPrices{}

	w := baseWorkload()
	w.Reads.PerMonth = d("10")
	w.Reads.Restore = model.RestoreBulk
	byClass := map[model.ClassID]model.Estimate{}
	for _, e := range Compare(w, sheet).Results {
		byClass[e.Class] = e
	}
	for id, want := range map[model.ClassID]string{
		model.StandardIA: "classes.STANDARD_IA.storage",
		model.OneZoneIA:  "classes.ONEZONE_IA.put_per_1k, classes.ONEZONE_IA.get_per_1k",
		model.Glacier:    "classes.GLACIER.restore.bulk.request_per_1k",
	} {
		e := byClass[id]
		if e.Eligible || !strings.Contains(strings.Join(e.Violations, ""), "not priced in us-east-1") ||
			!strings.Contains(strings.Join(e.Unpriced, ", "), want) || !e.Total.IsZero() || len(e.Lines) != 0 {
			t.Errorf("%s: eligible=%v unpriced=%v violations=%v", id, e.Eligible, e.Unpriced, e.Violations)
		}
	}
	if e := byClass[model.Standard]; !e.Eligible || len(e.Unpriced) != 0 {
		t.Errorf("STANDARD should be priced: %+v", e.Violations)
	}
	// Unpriced classes rank last.
	results := Compare(w, sheet).Results
	if last := results[len(results)-1]; len(last.Unpriced) == 0 {
		t.Errorf("last result %s is priced", last.Class)
	}

	// Internet transfer within the known first tier is priced; beyond, no
	// class is.
	w.Transfer.InternetBytes = decimal.NewFromInt(5 * model.TiB)
	if e := byClassOf(Compare(w, sheet), model.Standard); len(e.Unpriced) != 0 {
		t.Errorf("5 TiB within the first tier: %v", e.Unpriced)
	}
	w.Transfer.InternetBytes = decimal.NewFromInt(20 * model.TiB)
	if e := byClassOf(Compare(w, sheet), model.Standard); len(e.Unpriced) == 0 {
		t.Error("20 TiB beyond the known tier was priced")
	}
	// KMS prices absent: SSE-KMS cannot be priced.
	w.Transfer.InternetBytes = decimal.Zero
	w.Encryption = model.DefaultEncryption()
	w.Encryption.Type = model.SSEKMS
	if e := byClassOf(Compare(w, sheet), model.Standard); strings.Join(e.Unpriced, "") != "kms" ||
		!strings.Contains(e.Violations[0], "has no kms prices; with SSE-S3 (--encryption sse-s3) the rest can be priced") {
		t.Errorf("SSE-KMS without KMS prices: %v, %v", e.Unpriced, e.Violations)
	}
}

func byClassOf(c model.Comparison, id model.ClassID) model.Estimate {
	for _, e := range c.Results {
		if e.Class == id {
			return e
		}
	}
	return model.Estimate{}
}

// A sheet that knows only the first 50 TB of a tiered price (a custom sheet
// may) prices up to that much, and reports beyond it as not priced instead
// of dropping it.
func TestBoundedStorageTiers(t *testing.T) {
	sheets, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	full, err := sheets.Region("eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	eu := full.clone()
	for _, id := range []model.ClassID{model.Standard, model.IntelligentTiering} {
		cp := eu.Classes[id]
		cp.Storage = cp.Storage[:1] // up to 51,200 GB only
		eu.Classes[id] = cp
	}
	w := baseWorkload()
	w.Region = "eu-west-1"
	w.Objects.From = model.Standard
	w.Classes = []model.ClassID{model.Standard}
	w.Objects.Count = d("51200") // 50 TB of 1 GiB objects: within the known tier
	if e := Compare(w, eu).Results[0]; len(e.Unpriced) != 0 {
		t.Errorf("50 TB: %v", e.Unpriced)
	}
	w.Objects.Count = d("51201")
	e := Compare(w, eu).Results[0]
	if len(e.Unpriced) != 1 || e.Unpriced[0] != "classes.STANDARD.storage (beyond 51200 GB a month)" {
		t.Errorf("beyond 50 TB: %v", e.Unpriced)
	}

	// Intelligent-Tiering's tiers hold only its frequent tier: an old stock
	// never read sits in the other tiers (flat prices), so 60 TB of it is
	// priced; the same uploaded new is all frequent in month 0, and is not.
	w.Classes = []model.ClassID{model.IntelligentTiering}
	w.Objects.From = model.IntelligentTiering
	w.Objects.Count = d("61440")
	if e := Compare(w, eu).Results[0]; len(e.Unpriced) != 0 {
		t.Errorf("old stock, never read: %v", e.Unpriced)
	}
	w.Objects.From = ""
	if e := Compare(w, eu).Results[0]; len(e.Unpriced) != 1 || e.Unpriced[0] != "classes.INTELLIGENT_TIERING.storage (beyond 51200 GB a month)" {
		t.Errorf("new uploads: %v", e.Unpriced)
	}
}

// A custom sheet and a discount do not parse every embedded sheet (each
// --pricing or --discount run parsed all 36: 0.14 s a run under the race
// detector): the others are parsed, and discounted, when used, and come
// out as an eager discount would have made them. eu-west-1's STANDARD
// first tier, 0.023 a GB-month, is 0.023 x 0.93 = 0.02139 with 7% off.
func TestWithAndDiscountedStayLazy(t *testing.T) {
	sheets, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	us, err := sheets.Region("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	custom := us.clone()
	custom.ID = "acme/us-east-1"
	set := sheets.With(custom).Discounted(d("7"))
	if n := len(set.files); n != len(sheets.Regions())-1 {
		t.Errorf("%d sheets left to parse, want every one but the custom sheet's (%d)", n, len(sheets.Regions())-1)
	}
	eu, err := set.Region("eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	exact(t, "eu-west-1 STANDARD first tier, 7% off", eu.Classes["STANDARD"].Storage[0].Price, d("0.02139"))
	if eu.peers != set {
		t.Error("a sheet parsed later does not know its set")
	}
	got, _ := set.Region("us-east-1")
	if got.ID != "acme/us-east-1" || !got.Classes["STANDARD"].Storage[0].Price.Equal(d("0.02139")) {
		t.Errorf("us-east-1: %s at %s, want the custom sheet with 7%% off", got.ID, got.Classes["STANDARD"].Storage[0].Price)
	}
}
