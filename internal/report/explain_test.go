package report

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/report/reporttest"
	"github.com/s3cost/s3cost/model"
)

func renderExplain(t *testing.T, c model.Comparison, class model.ClassID) (text, js string) {
	t.Helper()
	var tb, jb bytes.Buffer
	if err := Explain(&tb, c, class); err != nil {
		t.Fatalf("Explain(%s): %v", class, err)
	}
	if err := ExplainJSON(&jb, c, class); err != nil {
		t.Fatalf("ExplainJSON(%s): %v", class, err)
	}
	return tb.String(), jb.String()
}

// STANDARD shows tiered storage, LIST at the PUT rate, KMS requests, keys
// and rotations; STANDARD_IA the minimum size, early deletion and the KMS
// requests. No class has all of them: STANDARD has no minimum size or
// duration, and STANDARD_IA's storage price is not tiered.
func TestGoldenExplain(t *testing.T) {
	for _, class := range []model.ClassID{model.Standard, model.StandardIA} {
		t.Run(string(class), func(t *testing.T) {
			text, js := renderExplain(t, explainComparison(), class)
			name := "explain_" + strings.ToLower(string(class))
			assertGolden(t, name+".txt", []byte(text))
			assertGolden(t, name+".json", []byte(js))
		})
	}
}

func TestExplainText(t *testing.T) {
	ia, _ := renderExplain(t, explainComparison(), model.StandardIA)
	for _, want := range []string{
		"STANDARD_IA for app-logs in us-east-1, 3 months (prices: aws/us-east-1 as of 2025-10-28)\n",
		"eligible: yes, rank 1 of 2 classes compared\n",
		// 2400.123456789 rounded to 6 decimals; 2400.123456789 x 0.0125 = 30.0015432098625.
		"| storage.min_size        | 2400.123457 | GB-Mo        |     0.0125 |    $30.00 |   30.0015432098625 |",
		"| total                   |             |              |            | $2,023.00 | 2023.0015432098625 |",
		"- storage.min_size: minimum billable size: objects under 128 KiB billed as 128 KiB (S3 pricing page)\n",
		// Wrapped under 120 columns.
		"- early_delete: minimum storage duration: objects removed early are charged the remaining days at the class rate, in\n  the month they leave (S3 pricing page)\n",
		"- encryption.kms_requests: SSE-KMS requests:",
		"Assumptions:\n- reads.active_share derived as 0.15 (reads / objects stored)\n- objects deleted after 20d are billed up to the 30d minimum duration\n",
		"| MONTH |",
	} {
		if !strings.Contains(ia, want) {
			t.Errorf("STANDARD_IA explain lacks %q:\n%s", want, ia)
		}
	}
	if strings.Contains(ia, "tiered storage") {
		t.Error("STANDARD_IA: tiered storage listed for a single storage price")
	}

	std, _ := renderExplain(t, explainComparison(), model.Standard)
	for _, want := range []string{
		"eligible: yes, rank 2 of 2 classes compared\n",
		"- storage: tiered storage: the month's GB-months split at 51,200 and 512,000 GB, one line per price (S3 pricing page)\n",
		"- requests.list: LIST requests at the STANDARD PUT rate, whatever the class (S3 pricing page)\n",
		"- encryption.kms_keys: customer managed KMS keys",
		"- encryption.kms_key_rotations: KMS key rotations",
		"- transfer.internet: transfer tiers:",
		"Assumptions:\n- reads.active_share derived as 0.15 (reads / objects stored)\n\n",
	} {
		if !strings.Contains(std, want) {
			t.Errorf("STANDARD explain lacks %q:\n%s", want, std)
		}
	}
	for _, absent := range []string{"minimum billable size", "minimum storage duration"} {
		if strings.Contains(std, absent) {
			t.Errorf("STANDARD explain lists %q without its line", absent)
		}
	}
}

// `s3cost explain` prices the one class asked for: no rank to give.
func TestExplainOnlyClass(t *testing.T) {
	c := explainComparison()
	c.Results = c.Results[1:]
	text, _ := renderExplain(t, c, model.Standard)
	if !strings.Contains(text, "\neligible: yes\n") {
		t.Errorf("want a bare eligible: yes:\n%s", text)
	}
}

func TestExplainIneligible(t *testing.T) {
	c := mainComparison()
	text, js := renderExplain(t, c, model.OneZoneIA)
	if want := "eligible: no (listed, not ranked): " + availabilityShort + "; " + zonesViolation + "\n"; !strings.Contains(text, want) {
		t.Errorf("lacks %q:\n%s", want, text)
	}
	var doc jsonExplainDoc
	reporttest.DecodeStrict(t, js, &doc)
	if doc.Eligible || !slices.Equal(doc.Violations, []string{availabilityShort, zonesViolation}) {
		t.Errorf("eligible %v violations %q", doc.Eligible, doc.Violations)
	}
}

func TestRulesFor(t *testing.T) {
	tests := []struct {
		name  string
		lines []model.Line
		want  []string // "items: rule" prefixes, in order
	}{
		{"min size only with its line",
			[]model.Line{line("storage", "1", "GB-Mo", "1")},
			[]string{"storage: object data:"}},
		{"min size",
			[]model.Line{line("storage", "1", "GB-Mo", "1"), line("storage.min_size", "1", "GB-Mo", "1")},
			[]string{"storage: object data:", "storage.min_size: minimum billable size"}},
		{"tiered: two prices of one item",
			[]model.Line{line("storage", "1", "GB-Mo", "2"), line("storage", "1", "GB-Mo", "1")},
			[]string{"storage: object data:", "storage: tiered storage"}},
		{"overheads grouped",
			[]model.Line{line("storage.overhead.archive", "1", "GB-Mo", "1"), line("storage.overhead.standard", "1", "GB-Mo", "1")},
			[]string{"storage.overhead.archive, storage.overhead.standard: archive overhead"}},
		{"Intelligent-Tiering",
			[]model.Line{line("storage.tier.FREQUENT", "1", "GB-Mo", "1"), line("storage.tier.INFREQUENT", "1", "GB-Mo", "1"), line("monitoring", "1", "1K objects", "1")},
			[]string{"storage.tier.FREQUENT, storage.tier.INFREQUENT: Intelligent-Tiering tiers", "monitoring: Intelligent-Tiering monitoring"}},
		{"transitions and copies",
			[]model.Line{line("transitions", "1", "x", "1"), line("transitions.copy_get", "1", "x", "1"), line("transitions.copy_put", "1", "x", "1")},
			[]string{"transitions: lifecycle transitions", "transitions.copy_get, transitions.copy_put: copies instead of transitions"}},
		{"restores",
			[]model.Line{line("retrieval.requests", "1", "x", "1"), line("retrieval.bytes", "1", "GB", "1"), line("retrieval.restored_copy", "1", "GB-Mo", "1")},
			[]string{"retrieval.bytes: retrieval:", "retrieval.requests, retrieval.restored_copy: restores"}},
		{"DSSE",
			[]model.Line{line("encryption.dsse", "1", "GB", "1")},
			[]string{"encryption.dsse: DSSE-KMS"}},
		{"unknown items fall back, last",
			[]model.Line{line("storage.novel", "1", "x", "1"), line("requests.put", "1", "x", "1")},
			[]string{"requests.put: requests:", "storage.novel: no rule text for storage.novel"}},
		{"no lines", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rulesFor(tt.lines)
			if len(got) != len(tt.want) {
				t.Fatalf("%d rules, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				if l := ruleLine(got[i]); !strings.HasPrefix(l, w) {
					t.Errorf("rule %d = %q, want it to start %q", i, l, w)
				}
			}
		})
	}
}

// Every item the engine writes has rule text: the fallback is for items
// added later, not for the known ones.
func TestEveryKnownItemHasARule(t *testing.T) {
	items := []string{
		"storage", "storage.min_size", "storage.overhead.archive", "storage.overhead.standard",
		"storage.tier.FREQUENT", "storage.tier.INFREQUENT", "storage.tier.ARCHIVE_INSTANT",
		"early_delete", "monitoring",
		"requests.put", "requests.get", "requests.list", "requests.upload_bytes",
		"retrieval.bytes", "retrieval.requests", "retrieval.restored_copy",
		"transitions", "transitions.copy_get", "transitions.copy_restore", "transitions.copy_retrieval",
		"transitions.copy_restored_copy", "transitions.copy_put", "transitions.copy_upload_bytes",
		"encryption.kms_requests", "encryption.kms_keys", "encryption.kms_key_rotations", "encryption.dsse",
		"transfer.internet", "transfer.inter_region",
	}
	for _, item := range items {
		for _, r := range rulesFor([]model.Line{line(item, "1", "x", "1")}) {
			if r.Source == "" || strings.HasPrefix(r.Rule, "no rule text") {
				t.Errorf("%s: %+v", item, r)
			}
		}
	}
}

func TestExplainUnknownClass(t *testing.T) {
	c := explainComparison()
	for _, f := range []func() error{
		func() error { return Explain(&bytes.Buffer{}, c, model.Glacier) },
		func() error { return ExplainJSON(&bytes.Buffer{}, c, model.Glacier) },
	} {
		err := f()
		if !errors.Is(err, ErrClassNotCompared) {
			t.Fatalf("err = %v, want ErrClassNotCompared", err)
		}
		if want := "report: explain: class not compared: GLACIER (compared: STANDARD_IA, STANDARD)"; err.Error() != want {
			t.Errorf("err = %q, want %q", err, want)
		}
	}
}

type jsonExplainDoc struct {
	Workload   string   `json:"workload"`
	Region     string   `json:"region"`
	Months     int      `json:"months"`
	Class      string   `json:"class"`
	Eligible   bool     `json:"eligible"`
	Violations []string `json:"violations"`
	Unpriced   []string `json:"unpriced"`
	NotOffered bool     `json:"not_offered"`
	Lines      []struct {
		Item     string `json:"item"`
		Quantity string `json:"quantity"`
		Unit     string `json:"unit"`
		Price    string `json:"price"`
		Cost     string `json:"cost"`
	} `json:"lines"`
	Total   *string  `json:"total"`
	Monthly []string `json:"monthly"`
	Rules   []struct {
		Items  []string `json:"items"`
		Rule   string   `json:"rule"`
		Source string   `json:"source"`
	} `json:"rules"`
	Assumptions []string `json:"assumptions"`
}

func TestExplainJSON(t *testing.T) {
	_, js := renderExplain(t, explainComparison(), model.StandardIA)
	var doc jsonExplainDoc
	reporttest.DecodeStrict(t, js, &doc)
	if doc.Workload != "app-logs" || doc.Months != 3 || doc.Class != "STANDARD_IA" || !doc.Eligible ||
		doc.Violations == nil || doc.Total == nil || *doc.Total != "2023.0015432098625" || len(doc.Monthly) != 3 || len(doc.Lines) != 7 {
		t.Errorf("doc = %+v", doc)
	}
	// Quantities unrounded in JSON.
	if l := doc.Lines[1]; l.Item != "storage.min_size" || l.Quantity != "2400.123456789" || l.Cost != "30.0015432098625" {
		t.Errorf("min size line = %+v", l)
	}
	if len(doc.Assumptions) != 2 || len(doc.Rules) == 0 || doc.Rules[0].Items == nil {
		t.Errorf("assumptions %q rules %+v", doc.Assumptions, doc.Rules)
	}
	assertKeyOrder(t, js, []string{"workload", "region", "months", "class", "eligible", "violations", "unpriced", "not_offered", "lines", "total", "monthly", "rules", "assumptions"})

	// No lines, no notes: arrays, not null.
	c := model.Comparison{Months: 1, Results: []model.Estimate{est(model.Standard, 1, nil, nil)}}
	_, js = renderExplain(t, c, model.Standard)
	var empty jsonExplainDoc
	reporttest.DecodeStrict(t, js, &empty)
	if empty.Lines == nil || empty.Rules == nil || empty.Assumptions == nil || empty.Violations == nil || empty.Monthly == nil || empty.Unpriced == nil {
		t.Errorf("null arrays in:\n%s", js)
	}
}
