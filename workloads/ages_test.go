package workloads

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
)

// The keys of issue 12: objects.ages, reads.by_age, lifecycle,
// intelligent_tiering and require.first_byte_by_age (README.md, "The
// workload format"; docs/cost-rules.md, "Ages").

// bandsText renders an age profile as "90d:0.2 1y:0.5 forever:0.3".
func bandsText(bands []model.AgeBand) string {
	parts := make([]string, len(bands))
	for i, b := range bands {
		until := "forever"
		if b.Until != 0 {
			until = model.FormatDuration(b.Until)
		}
		parts[i] = until + ":" + b.Share.String()
	}
	return strings.Join(parts, " ")
}

// limitsText renders first-byte limits as "30d:100ms forever:12h".
func limitsText(limits []model.AgeLimit) string {
	parts := make([]string, len(limits))
	for i, l := range limits {
		until := "forever"
		if l.Until != 0 {
			until = model.FormatDuration(l.Until)
		}
		parts[i] = until + ":" + model.FormatDuration(l.FirstByte)
	}
	return strings.Join(parts, " ")
}

// ruleText renders a lifecycle rule with every field.
func ruleText(r model.Lifecycle) string {
	var steps []string
	for _, t := range r.Transitions {
		steps = append(steps, fmt.Sprintf("%s@%s", t.Class, model.FormatDuration(t.After)))
	}
	return fmt.Sprintf("name=%q start=%s transitions=[%s] min=%s gt=%s lt=%s",
		r.Name, r.Start, strings.Join(steps, " "), r.MinimumObjectSize, r.SizeGreaterThan, r.SizeLessThan)
}

// stock is a stock that sits in STANDARD today, lines 1-4.
const stock = "objects:\n  count: 10\n  size: 1KiB\n  from: STANDARD\n"

func TestFullExampleNewKeys(t *testing.T) {
	w, err := Decode("full.yaml", readExample(t, "full.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		// 20% = 0.2; 1y = 365d; forever is Until 0.
		{"objects.ages", bandsText(w.Objects.Ages), "90d:0.2 1y:0.5 forever:0.3"},
		{"objects.ages steady", w.Objects.AgesSteady, false},
		{"reads.by_age", bandsText(w.Reads.ByAge), "30d:0.7 1y:0.3 forever:0"},
		{"lifecycle", len(w.Lifecycles), 1},
		// 64KiB = 65536; 5TiB = 5 x 2^40 = 5497558138880; glacier-ir is
		// GLACIER_IR.
		{"lifecycle rule", ruleText(w.Lifecycles[0]),
			`name="media-tier-down" start=STANDARD transitions=[STANDARD_IA@30d GLACIER_IR@90d DEEP_ARCHIVE@180d] min=varies_by_storage_class gt=65536 lt=5497558138880`},
		{"intelligent_tiering.archive_access", w.ITArchive.ArchiveAfter, 120 * model.Day},
		{"intelligent_tiering.deep_archive_access", w.ITArchive.DeepArchiveAfter, 365 * model.Day},
		// first_byte_by_age is first_byte's commented alternative.
		{"require.first_byte_by_age", w.Require.FirstByteByAge == nil, true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestNewKeysAbsent: without the new keys nothing changes: no ages (every
// object of the stock is new at month 0), no profile, no rule, no archive
// tiers, no first-byte bands.
func TestNewKeysAbsent(t *testing.T) {
	w, err := Decode("w.yaml", []byte(stock+"lifetime: 1y\nreads: {per_month: 5}\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w.Objects.Ages != nil || w.Objects.AgesSteady || w.Reads.ByAge != nil || w.Lifecycles != nil ||
		w.ITArchive != (model.ITArchive{}) || w.Require.FirstByteByAge != nil {
		t.Errorf("new fields set without their keys: %+v", w)
	}
}

func TestAgeKeys(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// ages, steady, byAge, limits: the decoded values.
		ages   string
		steady bool
		byAge  string
		limits string
	}{
		{"steady", stock + "  ages: steady\nlifetime: 400d\n", "400d:1", true, "", ""},
		{"steady via a 6mo lifetime", stock + "  ages: steady\nlifetime: 6mo\n", "6mo:1", true, "", ""},
		{"bands ending at the lifetime", stock + "  ages:\n    - {until: 30d, share: 25%}\n    - {until: 1y, share: 0.75}\nlifetime: 1y\n",
			"30d:0.25 1y:0.75", false, "", ""},
		{"last band short of forever", stock + "  ages: [{until: 30d, share: 1}]\n", "30d:1", false, "", ""},
		{"forever without a lifetime", stock + "  ages: [{until: 6mo, share: 0.5}, {until: forever, share: 0.5}]\n",
			"6mo:0.5 forever:0.5", false, "", ""},
		{"forever up to the lifetime", stock + "  ages: [{until: 6mo, share: 0.5}, {until: forever, share: 0.5}]\nlifetime: 1y\n",
			"6mo:0.5 forever:0.5", false, "", ""},
		{"a stock of none", "objects: {count: 0, size: 1, from: GLACIER, ages: steady}\nuploads: {per_month: 3}\nlifetime: 30d\n",
			"30d:1", true, "", ""},
		{"reads by age, a zero band", stock + "reads:\n  by_age:\n    - {until: 7d, share: 90%}\n    - {until: 90d, share: 0.1}\n    - {until: forever, share: 0}\n",
			"", false, "7d:0.9 90d:0.1 forever:0", ""},
		{"reads by age without reads", "objects: {count: 1, size: 1}\nreads: {by_age: [{until: forever, share: 1}]}\n",
			"", false, "forever:1", ""},
		{"reads by age of a new stock", "objects: {count: 1, size: 1}\nlifetime: 90d\nreads: {per_month: 2, by_age: [{until: 30d, share: 1}]}\n",
			"", false, "30d:1", ""},
		{"first byte by age", stock + "require:\n  first_byte_by_age:\n    - {until: 30d, first_byte: 100ms}\n    - {until: forever, first_byte: 12h}\n",
			"", false, "", "30d:100ms forever:12h"},
		{"first byte by age, open end", stock + "require:\n  zones: 3\n  first_byte_by_age: [{until: 90d, first_byte: 1s}]\n",
			"", false, "", "90d:1s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Decode("w.yaml", []byte(tt.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := bandsText(w.Objects.Ages); got != tt.ages || w.Objects.AgesSteady != tt.steady {
				t.Errorf("objects.ages = %q (steady %v), want %q (steady %v)", got, w.Objects.AgesSteady, tt.ages, tt.steady)
			}
			if got := bandsText(w.Reads.ByAge); got != tt.byAge {
				t.Errorf("reads.by_age = %q, want %q", got, tt.byAge)
			}
			if got := limitsText(w.Require.FirstByteByAge); got != tt.limits {
				t.Errorf("require.first_byte_by_age = %q, want %q", got, tt.limits)
			}
			// Only the default (a workload that reads), never one of these keys.
			if w.Require.FirstByte != 0 && !w.Require.DefaultFirstByte {
				t.Errorf("require.first_byte = %v, want none", w.Require.FirstByte)
			}
			if err := checkInvariants(w); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestLifecycleKey(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"defaults: expiration only", stock + "lifecycle:\n",
			`name="" start=STANDARD transitions=[] min=all_storage_classes_128K gt=0 lt=0`},
		{"empty mapping", stock + "lifecycle: {}\n",
			`name="" start=STANDARD transitions=[] min=all_storage_classes_128K gt=0 lt=0`},
		{"a waterfall", stock + "lifetime: 3y\nlifecycle:\n  name: logs_v2.archive\n  transitions:\n    - {after: 30d, class: standard-ia}\n    - {after: 60d, class: GLACIER}\n    - {after: 1y, class: deep-archive}\n",
			`name="logs_v2.archive" start=STANDARD transitions=[STANDARD_IA@30d GLACIER@60d DEEP_ARCHIVE@1y] min=all_storage_classes_128K gt=0 lt=0`},
		{"start and filter", stock + "lifecycle:\n  start: INTELLIGENT_TIERING\n  transitions: [{after: 2w, class: GLACIER_IR}]\n  transition_default_minimum_object_size: varies_by_storage_class\n  size_greater_than: 0\n  size_less_than: 1GiB\n",
			`name="" start=INTELLIGENT_TIERING transitions=[GLACIER_IR@14d] min=varies_by_storage_class gt=0 lt=1073741824`},
		{"explicit default minimum size", stock + "lifecycle: {transition_default_minimum_object_size: all_storage_classes_128K, size_greater_than: 128KiB}\n",
			`name="" start=STANDARD transitions=[] min=all_storage_classes_128K gt=131072 lt=0`},
		{"last transition a day before expiry", stock + "lifetime: 91d\nlifecycle: {transitions: [{after: 90d, class: GLACIER}]}\n",
			`name="" start=STANDARD transitions=[GLACIER@90d] min=all_storage_classes_128K gt=0 lt=0`},
		{"express, expiring only", stock + "lifetime: 7d\nlifecycle: {start: EXPRESS_ONEZONE}\n",
			`name="" start=EXPRESS_ONEZONE transitions=[] min=all_storage_classes_128K gt=0 lt=0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Decode("w.yaml", []byte(tt.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(w.Lifecycles) != 1 {
				t.Fatalf("%d rules, want 1", len(w.Lifecycles))
			}
			if got := ruleText(w.Lifecycles[0]); got != tt.want {
				t.Errorf("rule\n  %s\nwant\n  %s", got, tt.want)
			}
			if err := checkInvariants(w); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestIntelligentTieringKey(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want model.ITArchive
	}{
		{"intelligent_tiering:\n", model.ITArchive{}},
		{"intelligent_tiering: {archive_access: 90d}\n", model.ITArchive{ArchiveAfter: 90 * model.Day}},
		{"intelligent_tiering: {deep_archive_access: 730d}\n", model.ITArchive{DeepArchiveAfter: 730 * model.Day}},
		{"intelligent_tiering: {archive_access: 13w, deep_archive_access: 26w}\n", model.ITArchive{ArchiveAfter: 91 * model.Day, DeepArchiveAfter: 182 * model.Day}},
		{"intelligent_tiering: {archive_access: 1y, deep_archive_access: 2y}\n", model.ITArchive{ArchiveAfter: 365 * model.Day, DeepArchiveAfter: 730 * model.Day}},
	} {
		w, err := Decode("w.yaml", []byte(stock+tt.src), Options{})
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if w.ITArchive != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.src, w.ITArchive, tt.want)
		}
	}
}

// TestNewKeyErrors: each rule of the new keys, with the whole message.
func TestNewKeyErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		// objects.ages
		{"ages without from", "objects:\n  count: 10\n  size: 1KiB\n  ages: steady\nlifetime: 1y\n",
			"w.yaml:4:3: objects.ages: gives the ages of objects that exist already, but without objects.from the stock is uploaded at month 0 and every object is new; say which class the objects sit in today (e.g. from: STANDARD) or remove ages"},
		{"steady without lifetime", stock + "  ages: steady\n",
			"w.yaml:5:3: objects.ages: steady needs a lifetime: the ages are spread evenly from new to the lifetime; give lifetime, or list the bands (e.g. [{until: 1y, share: 1}])"},
		{"another word", stock + "  ages: stedy\n",
			`w.yaml:5:3: objects.ages: must be steady or a list, got the value "stedy"`},
		{"a mapping", stock + "  ages: {until: 30d, share: 1}\n",
			"w.yaml:5:3: objects.ages: must be steady or a list, got a mapping"},
		{"empty list", stock + "  ages: []\n",
			"w.yaml:5:3: objects.ages: must not be an empty list; remove the key instead"},
		{"age shares short of 1", stock + "  ages: [{until: 30d, share: 0.5}, {until: forever, share: 0.4}]\n",
			"w.yaml:5:3: objects.ages: shares add up to 0.9, not 1 (shares adding up to 99% to 101% are scaled to 1; others must be corrected)"},
		{"age shares above 1", stock + "  ages:\n    - {until: 30d, share: 60%}\n    - {until: 60d, share: 60%}\n",
			"w.yaml:5:3: objects.ages: shares add up to 1.2, not 1 (shares adding up to 99% to 101% are scaled to 1; others must be corrected)"},
		{"zero age share", stock + "  ages:\n    - {until: 30d, share: 0}\n    - {until: 60d, share: 1}\n",
			`w.yaml:6:20: objects.ages[0].share: must be greater than 0, got "0"`},
		{"forever not last", stock + "  ages: [{until: forever, share: 0.5}, {until: 30d, share: 0.5}]\n",
			"w.yaml:5:11: objects.ages[0].until: only the last band may be forever"},
		{"bands out of order", stock + "  ages:\n    - {until: 90d, share: 0.5}\n    - {until: 30d, share: 0.5}\n",
			"w.yaml:7:8: objects.ages[1].until: must be later than the band before (until 90d at line 6): bands go from the youngest objects to the oldest"},
		{"bands repeated", stock + "  ages:\n    - {until: 3mo, share: 0.5}\n    - {until: 3mo, share: 0.5}\n",
			"w.yaml:7:8: objects.ages[1].until: must be later than the band before (until 3mo at line 6): bands go from the youngest objects to the oldest"},
		{"band beyond the lifetime", stock + "  ages:\n    - {until: 90d, share: 0.5}\n    - {until: 2y, share: 0.5}\nlifetime: 1y\n",
			"w.yaml:7:8: objects.ages[1].until: 2y is beyond the lifetime (1y): objects are deleted at the lifetime, so none is that old; end the band at 1y or write forever"},
		{"forever after the lifetime", stock + "  ages:\n    - {until: 1y, share: 0.5}\n    - {until: forever, share: 0.5}\nlifetime: 1y\n",
			"w.yaml:7:8: objects.ages[1].until: forever ends at the lifetime (1y), which the band before reaches already: no object is older; remove this band"},
		{"zero until", stock + "  ages:\n    - {until: 0d, share: 1}\n",
			`w.yaml:6:8: objects.ages[0].until: must be longer than 0, got "0d"`},
		{"bad until", stock + "  ages:\n    - {until: always, share: 1}\n",
			`w.yaml:6:8: objects.ages[0].until: must be forever or a duration such as 30d, 6mo or 1y, got "always"`},
		{"until without unit", stock + "  ages:\n    - {until: 30, share: 1}\n",
			`w.yaml:6:8: objects.ages[0].until: "30" needs a unit (ms, s, min, h, d, w, mo, y)`},
		{"share missing", stock + "  ages:\n    - until: 30d\n",
			"w.yaml:6:7: objects.ages[0].share: missing; it is required (e.g. share: 0.8)"},
		{"until missing", stock + "  ages:\n    - share: 1\n",
			"w.yaml:6:7: objects.ages[0].until: missing; it is required (e.g. until: 90d)"},
		// reads.by_age
		{"read shares all zero", stock + "reads:\n  by_age:\n    - {until: 30d, share: 0}\n    - {until: forever, share: 0}\n",
			"w.yaml:6:3: reads.by_age: shares add up to 0, not 1 (shares adding up to 99% to 101% are scaled to 1; others must be corrected)"},
		{"read bands out of order", stock + "reads:\n  by_age:\n    - {until: 1y, share: 0.5}\n    - {until: 6mo, share: 0.5}\n",
			"w.yaml:8:8: reads.by_age[1].until: must be later than the band before (until 1y at line 7): bands go from the youngest objects to the oldest"},
		{"read band beyond the lifetime", stock + "lifetime: 30d\nreads:\n  by_age: [{until: 60d, share: 1}]\n",
			"w.yaml:7:13: reads.by_age[0].until: 60d is beyond the lifetime (30d): objects are deleted at the lifetime, so none is that old; end the band at 30d or write forever"},
		{"read share above 1", stock + "reads:\n  by_age: [{until: forever, share: 2}]\n",
			`w.yaml:6:29: reads.by_age[0].share: must be a fraction from 0 to 1 or a percentage (0.999, 99.9%), got "2"`},
		{"unknown band key", stock + "reads:\n  by_age: [{until: forever, shares: 1}]\n",
			`w.yaml:6:29: reads.by_age[0].shares: unknown key, did you mean "share"? (known: until, share)`},
		// require.first_byte_by_age
		{"first byte twice", stock + "require:\n  first_byte: 1s\n  first_byte_by_age:\n    - {until: forever, first_byte: 1s}\n",
			"w.yaml:7:3: require.first_byte_by_age: give only one of first_byte, first_byte_by_age (first_byte is given at line 6)"},
		{"first byte twice, list first", stock + "require:\n  first_byte_by_age:\n    - {until: forever, first_byte: 1s}\n  first_byte: 1s\n",
			"w.yaml:8:3: require.first_byte: give only one of first_byte, first_byte_by_age (first_byte_by_age is given at line 6)"},
		{"first byte bands: forever first", stock + "require:\n  first_byte_by_age:\n    - {until: forever, first_byte: 1s}\n    - {until: 30d, first_byte: 12h}\n",
			"w.yaml:7:8: require.first_byte_by_age[0].until: only the last band may be forever"},
		{"first byte bands beyond the lifetime", stock + "lifetime: 90d\nrequire:\n  first_byte_by_age:\n    - {until: 30d, first_byte: 1s}\n    - {until: 1y, first_byte: 12h}\n",
			"w.yaml:9:8: require.first_byte_by_age[1].until: 1y is beyond the lifetime (90d): objects are deleted at the lifetime, so none is that old; end the band at 90d or write forever"},
		{"zero first byte", stock + "require:\n  first_byte_by_age:\n    - {until: forever, first_byte: 0s}\n",
			`w.yaml:7:24: require.first_byte_by_age[0].first_byte: must be longer than 0, got "0s"`},
		{"first byte missing", stock + "require:\n  first_byte_by_age:\n    - {until: forever}\n",
			"w.yaml:7:7: require.first_byte_by_age[0].first_byte: missing; it is required (e.g. first_byte: 100ms)"},
		// lifecycle: AWS's constraints, at the transition that breaks one.
		{"IA too early", stock + "lifecycle:\n  transitions:\n    - {after: 10d, class: STANDARD_IA}\n",
			"w.yaml:7:7: lifecycle.transitions[0]: transition 1 (STANDARD_IA@10d): objects must be at least 30 days old before a transition to STANDARD_IA"},
		{"archive too soon after IA", stock + "lifecycle:\n  transitions:\n    - {after: 30d, class: STANDARD_IA}\n    - {after: 40d, class: GLACIER}\n",
			"w.yaml:8:7: lifecycle.transitions[1]: transition 2 (GLACIER@40d): a transition to GLACIER must come at least 30 days after the one to STANDARD_IA"},
		{"up the waterfall", stock + "lifecycle:\n  transitions:\n    - {after: 30d, class: GLACIER}\n    - {after: 60d, class: STANDARD_IA}\n",
			`w.yaml:8:7: lifecycle.transitions[1]: transition 2 (STANDARD_IA@60d): lifecycle cannot move objects from GLACIER to STANDARD_IA (transitions go down the waterfall only)`},
		{"ages not increasing", stock + "lifecycle:\n  transitions:\n    - {after: 60d, class: GLACIER_IR}\n    - {after: 60d, class: GLACIER}\n",
			"w.yaml:8:7: lifecycle.transitions[1]: transition 2 (GLACIER@60d): ages must increase from one transition to the next"},
		{"to STANDARD", stock + "lifecycle:\n  transitions:\n    - {after: 30d, class: STANDARD}\n",
			"w.yaml:7:7: lifecycle.transitions[0]: transition 1 (STANDARD@30d): lifecycle cannot transition objects to STANDARD"},
		{"part days", stock + "lifecycle:\n  transitions:\n    - {after: 1.5d, class: GLACIER}\n",
			"w.yaml:7:7: lifecycle.transitions[0]: transition 1 (GLACIER@36h): lifecycle counts whole days"},
		{"out of Express", stock + "lifecycle:\n  start: EXPRESS_ONEZONE\n  transitions:\n    - {after: 30d, class: GLACIER}\n",
			"w.yaml:8:7: lifecycle.transitions[0]: EXPRESS_ONEZONE → GLACIER@30d: lifecycle cannot transition objects out of EXPRESS_ONEZONE (directory buckets only expire objects)"},
		{"expires before the last transition", stock + "lifecycle:\n  transitions:\n    - {after: 30d, class: GLACIER_IR}\n    - {after: 400d, class: GLACIER}\nlifetime: 1y\n",
			"w.yaml:8:7: lifecycle.transitions[1]: STANDARD → GLACIER_IR@30d → GLACIER@400d → expire@1y: objects expire before the last transition (lifetime is the rule's expiration)"},
		{"expires at the last transition", stock + "lifetime: 90d\nlifecycle: {transitions: [{after: 90d, class: GLACIER}]}\n",
			"w.yaml:6:27: lifecycle.transitions[0]: STANDARD → GLACIER@90d → expire@90d: objects expire before the last transition (lifetime is the rule's expiration)"},
		{"size filter selects nothing", stock + "lifecycle:\n  size_greater_than: 1MiB\n  size_less_than: 1KiB\n",
			"w.yaml:7:3: lifecycle.size_less_than: STANDARD: the size filter selects no object (greater than 1 MiB and less than 1 KiB)"},
		{"size filter selects nothing, reversed", stock + "lifecycle:\n  size_less_than: 1KiB\n  size_greater_than: 1KiB\n",
			"w.yaml:7:3: lifecycle.size_greater_than: STANDARD: the size filter selects no object (greater than 1 KiB and less than 1 KiB)"},
		{"zero size_less_than", stock + "lifecycle:\n  size_less_than: 0\n",
			`w.yaml:6:3: lifecycle.size_less_than: must be greater than 0, got "0"`},
		{"rule name", stock + "lifecycle:\n  name: Tier Down\n",
			`w.yaml:6:3: lifecycle.name: must be lower-case letters, digits, '.', '_' and '-', at most 255 characters, got "Tier Down"`},
		{"rule name too long", stock + "lifecycle:\n  name: " + strings.Repeat("a", 256) + "\n",
			`w.yaml:6:3: lifecycle.name: must be lower-case letters, digits, '.', '_' and '-', at most 255 characters, got "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"...`},
		{"minimum size spelling", stock + "lifecycle:\n  transition_default_minimum_object_size: all_storage_classes_128k\n",
			`w.yaml:6:3: lifecycle.transition_default_minimum_object_size: unknown value "all_storage_classes_128k", did you mean "all_storage_classes_128K"? (known: all_storage_classes_128K, varies_by_storage_class)`},
		{"no transitions as an empty list", stock + "lifecycle:\n  transitions: []\n",
			"w.yaml:6:3: lifecycle.transitions: must not be an empty list; remove the key instead"},
		{"transition class missing", stock + "lifecycle:\n  transitions:\n    - after: 30d\n",
			"w.yaml:7:7: lifecycle.transitions[0].class: missing; it is required (e.g. class: STANDARD_IA)"},
		{"transition class unknown", stock + "lifecycle:\n  transitions:\n    - {after: 30d, class: GLACER}\n",
			`w.yaml:7:20: lifecycle.transitions[0].class: unknown storage class "GLACER", did you mean "GLACIER"? (known: ` + strings.Join(model.ClassNames(), ", ") + ")"},
		{"lifecycle a list", stock + "lifecycle:\n  - {after: 30d, class: GLACIER}\n",
			"w.yaml:5:1: lifecycle: must be a mapping of keys (name, start, transitions, transition_default_minimum_object_size, size_greater_than, size_less_than), got a list"},
		// intelligent_tiering
		{"archive too early", stock + "intelligent_tiering:\n  archive_access: 60d\n",
			`w.yaml:6:3: intelligent_tiering.archive_access: must be from 90d to 730d (AWS's range for the Archive Access tier), got "60d"`},
		{"archive in months", stock + "intelligent_tiering:\n  archive_access: 3mo\n",
			`w.yaml:6:3: intelligent_tiering.archive_access: must be whole days (Intelligent-Tiering counts days without access), got "3mo"`},
		{"deep archive too late", stock + "intelligent_tiering:\n  deep_archive_access: 3y\n",
			`w.yaml:6:3: intelligent_tiering.deep_archive_access: must be from 180d to 730d (AWS's range for the Deep Archive Access tier), got "3y"`},
		{"deep archive too early", stock + "intelligent_tiering:\n  deep_archive_access: 90d\n",
			`w.yaml:6:3: intelligent_tiering.deep_archive_access: must be from 180d to 730d (AWS's range for the Deep Archive Access tier), got "90d"`},
		{"deep archive before archive", stock + "intelligent_tiering:\n  archive_access: 200d\n  deep_archive_access: 180d\n",
			"w.yaml:7:3: intelligent_tiering.deep_archive_access: must be later than archive_access (200d): objects reach Deep Archive Access after Archive Access"},
		{"deep archive with archive", stock + "intelligent_tiering:\n  archive_access: 2y\n  deep_archive_access: 730d\n",
			"w.yaml:7:3: intelligent_tiering.deep_archive_access: must be later than archive_access (2y): objects reach Deep Archive Access after Archive Access"},
		{"archive zero", stock + "intelligent_tiering: {archive_access: 0d}\n",
			`w.yaml:5:23: intelligent_tiering.archive_access: must be longer than 0, got "0d"`},
		// In datasets: the keys belong to each dataset.
		{"lifecycle at the top of a datasets file", "datasets:\n  - name: a\n    objects: {count: 1, size: 1}\nlifecycle: {}\n",
			"w.yaml:4:1: lifecycle: with datasets, give lifecycle in each dataset (the top of the file holds only version, name, region, months and budget)"},
		{"intelligent_tiering at the top of a datasets file", "datasets:\n  - name: a\n    objects: {count: 1, size: 1}\nintelligent_tiering: {archive_access: 90d}\n",
			"w.yaml:4:1: intelligent_tiering: with datasets, give intelligent_tiering in each dataset (the top of the file holds only version, name, region, months and budget)"},
		{"ages in a dataset", "datasets:\n  - name: a\n    objects: {count: 1, size: 1, from: GLACIER, ages: steady}\n",
			"w.yaml:3:49: datasets[0].objects.ages: steady needs a lifetime: the ages are spread evenly from new to the lifetime; give lifetime, or list the bands (e.g. [{until: 1y, share: 1}])"},
		{"rule in a dataset", "datasets:\n  - name: a\n    objects: {count: 1, size: 1}\n    lifetime: 30d\n    lifecycle: {transitions: [{after: 30d, class: GLACIER}]}\n",
			"w.yaml:5:31: datasets[0].lifecycle.transitions[0]: STANDARD → GLACIER@30d → expire@30d: objects expire before the last transition (lifetime is the rule's expiration)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeFile("w.yaml", []byte(tt.src), Options{})
			if err == nil {
				t.Fatalf("no error, want\n  %s", tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, exit.ErrInput) {
				t.Errorf("error %T %v is not bad input", err, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error\n  %s\nwant\n  %s", got, tt.want)
			}
		})
	}
}

// TestNewKeysInDatasets: every dataset has its own ages, profile, rule and
// archive tiers, each checked against its own lifetime.
func TestNewKeysInDatasets(t *testing.T) {
	src := `datasets:
  - name: logs
    objects: {count: 5, size: 1MiB, from: STANDARD, ages: steady}
    lifetime: 90d
    lifecycle:
      name: logs-ia
      transitions: [{after: 30d, class: STANDARD_IA}]
    reads: {per_month: 10, by_age: [{until: 7d, share: 1}]}
  - name: backups
    objects: {count: 5, size: 1GiB, from: GLACIER_IR, ages: [{until: 1y, share: 1}]}
    intelligent_tiering: {archive_access: 90d, deep_archive_access: 180d}
    require:
      first_byte_by_age: [{until: 30d, first_byte: 1s}, {until: forever, first_byte: 48h}]
`
	f, err := DecodeFile("w.yaml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	logs, backups := f.Datasets[0], f.Datasets[1]
	checks := []struct {
		name      string
		got, want any
	}{
		{"logs ages", bandsText(logs.Objects.Ages), "90d:1"},
		{"logs steady", logs.Objects.AgesSteady, true},
		{"logs rule", ruleText(logs.Lifecycles[0]), `name="logs-ia" start=STANDARD transitions=[STANDARD_IA@30d] min=all_storage_classes_128K gt=0 lt=0`},
		{"logs reads", bandsText(logs.Reads.ByAge), "7d:1"},
		{"logs tiers", logs.ITArchive, model.ITArchive{}},
		{"backups ages", bandsText(backups.Objects.Ages), "1y:1"},
		{"backups steady", backups.Objects.AgesSteady, false},
		{"backups rules", len(backups.Lifecycles), 0},
		{"backups tiers", backups.ITArchive, model.ITArchive{ArchiveAfter: 90 * model.Day, DeepArchiveAfter: 180 * model.Day}},
		{"backups first byte", limitsText(backups.Require.FirstByteByAge), "30d:1s forever:2d"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestNewKeyOverrides: --set reaches the new keys through the format table
// (set.go needs no change for them).
func TestNewKeyOverrides(t *testing.T) {
	w, err := Decode("w.yaml", []byte(stock+"lifetime: 1y\n"), Options{Set: []string{
		"objects.ages=steady",
		"intelligent_tiering.archive_access=120d",
		"intelligent_tiering.deep_archive_access=1y",
		"lifecycle.name=cold",
		"lifecycle.transitions=[{after: 30d, class: GLACIER_IR}]",
		"reads.by_age=[{until: 30d, share: 1}]",
		"require.first_byte_by_age=[{until: forever, first_byte: 1s}]",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if bandsText(w.Objects.Ages) != "1y:1" || !w.Objects.AgesSteady {
		t.Errorf("objects.ages = %s (steady %v)", bandsText(w.Objects.Ages), w.Objects.AgesSteady)
	}
	if w.ITArchive != (model.ITArchive{ArchiveAfter: 120 * model.Day, DeepArchiveAfter: 365 * model.Day}) {
		t.Errorf("intelligent_tiering = %+v", w.ITArchive)
	}
	if len(w.Lifecycles) != 1 || ruleText(w.Lifecycles[0]) != `name="cold" start=STANDARD transitions=[GLACIER_IR@30d] min=all_storage_classes_128K gt=0 lt=0` {
		t.Errorf("lifecycle = %+v", w.Lifecycles)
	}
	if bandsText(w.Reads.ByAge) != "30d:1" || limitsText(w.Require.FirstByteByAge) != "forever:1s" {
		t.Errorf("reads.by_age = %s, first_byte_by_age = %s", bandsText(w.Reads.ByAge), limitsText(w.Require.FirstByteByAge))
	}

	// A band's end in an existing list, by index.
	w, err = Decode("w.yaml", []byte(stock+"  ages: [{until: 30d, share: 1}]\n"), Options{Set: []string{"objects.ages[0].until=forever"}})
	if err != nil || bandsText(w.Objects.Ages) != "forever:1" {
		t.Errorf("objects.ages[0].until=forever: %v, %s", err, bandsText(w.Objects.Ages))
	}

	for _, tc := range []struct {
		src  string
		set  []string
		want string
	}{
		// The rules and messages of the file, naming the flag.
		{stock, []string{"objects.ages=steady"},
			"--set objects.ages=steady: objects.ages: steady needs a lifetime: the ages are spread evenly from new to the lifetime; give lifetime, or list the bands (e.g. [{until: 1y, share: 1}])"},
		{stock, []string{"intelligent_tiering.archive_access=60d"},
			`--set intelligent_tiering.archive_access=60d: intelligent_tiering.archive_access: must be from 90d to 730d (AWS's range for the Archive Access tier), got "60d"`},
		{stock + "require: {first_byte_by_age: [{until: forever, first_byte: 1s}]}\n", []string{"require.first_byte=1s"},
			"--set require.first_byte=1s: require.first_byte: give only one of first_byte, first_byte_by_age (first_byte_by_age is given at line 5)"},
		{stock + "require: {first_byte: 1s}\n", []string{"require.first_byte_by_age=[{until: forever, first_byte: 1s}]"},
			"--set require.first_byte_by_age=[{until: forever, first_byte: 1s}]: require.first_byte_by_age: give only one of first_byte, first_byte_by_age (first_byte is given at line 5)"},
		{stock + "require: {first_byte_by_age: [{until: forever, first_byte: 1s}]}\n", []string{"require.first_byte=1s", "objects.count=20"},
			"--set require.first_byte=1s: require.first_byte: give only one of first_byte, first_byte_by_age (first_byte_by_age is given at line 5)"},
		{stock, []string{"lifecycle.start=EXPRESS_ONEZONE", "lifecycle.transitions=[{after: 30d, class: GLACIER}]"},
			"--set lifecycle.transitions=[{after: 30d, class: GLACIER}]: lifecycle.transitions[0]: EXPRESS_ONEZONE → GLACIER@30d: lifecycle cannot transition objects out of EXPRESS_ONEZONE (directory buckets only expire objects)"},
	} {
		_, err := Decode("w.yaml", []byte(tc.src), Options{Set: tc.set})
		if err == nil || err.Error() != tc.want {
			t.Errorf("--set %v:\n  got  %v\n  want %s", tc.set, err, tc.want)
		}
	}
}

// TestFirstByteBothBySet: when both first-byte keys come from --set, the
// message says so rather than naming a line.
func TestFirstByteBothBySet(t *testing.T) {
	_, err := Decode("w.yaml", []byte(stock), Options{Set: []string{"require.first_byte=1s", "require.first_byte_by_age=[{until: forever, first_byte: 1s}]"}})
	want := "--set require.first_byte_by_age=[{until: forever, first_byte: 1s}]: require.first_byte_by_age: give only one of first_byte, first_byte_by_age (first_byte is given by --set require.first_byte=1s)"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestNewKeysSchema: the schema shows the alternatives the decoder takes.
func TestNewKeysSchema(t *testing.T) {
	props := map[string]map[string]any{}
	var objects []string
	schemaLeaves(t, decodeSchema(t), "", props, &objects)
	text := func(path string) string {
		t.Helper()
		p, ok := props[path]
		if !ok {
			t.Fatalf("schema has no %s", path)
		}
		delete(p, "description")
		delete(p, "items")
		return fmt.Sprint(p)
	}
	for path, want := range map[string]string{
		"objects.ages":         "map[anyOf:[map[const:steady] map[type:array]] examples:[steady] minItems:1]",
		"objects.ages[].until": "map[anyOf:[map[const:forever] map[pattern:" + durationPattern + "]] examples:[90d] type:string]",
		"objects.ages[].share": "map[examples:[0.8] exclusiveMinimum:0 maximum:1 pattern:" + percentPattern + " type:[number string]]",
		"reads.by_age[].share": "map[examples:[0.8] maximum:1 minimum:0 pattern:" + percentPattern + " type:[number string]]",
		"lifecycle.name":       "map[examples:[tier-down] minLength:1 pattern:" + ruleNamePattern + " type:string]",
		"lifecycle.transition_default_minimum_object_size": "map[enum:[all_storage_classes_128K varies_by_storage_class] examples:[varies_by_storage_class] type:string]",
		"intelligent_tiering.archive_access":               "map[examples:[90d] pattern:" + durationPattern + " type:string]",
	} {
		if got := text(path); got != want {
			t.Errorf("%s:\n  got  %s\n  want %s", path, got, want)
		}
	}
	// The lifecycle name pattern is the decoder's.
	for name, ok := range map[string]bool{"tier-down": true, "a.b_c-9": true, "Tier": false, "a b": false, "": false} {
		if ruleNameRE.MatchString(name) != ok {
			t.Errorf("rule name %q: match = %v", name, !ok)
		}
	}
}

// TestReadmeFormatBlocks: the workload format's listing in README.md and
// its Ages example are valid workloads.
func TestReadmeFormatBlocks(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, after := range []string{"## The workload format (version 1)", "**Ages.**"} {
		_, rest, ok := strings.Cut(string(readme), after)
		if !ok {
			t.Fatalf("README.md has no %q", after)
		}
		_, rest, ok = strings.Cut(rest, "```yaml\n")
		block, _, closed := strings.Cut(rest, "```")
		if !ok || !closed {
			t.Fatalf("README.md: no yaml block after %q", after)
		}
		w, err := Decode("README.md", []byte(block), Options{})
		if err != nil {
			t.Errorf("the block after %q: %v", after, err)
			continue
		}
		if err := checkInvariants(w); err != nil {
			t.Errorf("the block after %q: %v", after, err)
		}
	}
}
