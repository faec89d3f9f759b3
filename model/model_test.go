package model

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestParseSize(t *testing.T) {
	cases := []struct {
		in   string
		want string // bytes
	}{
		{"1048576", "1048576"},
		{"1.5MiB", "1572864"}, // 1.5 x 1,048,576
		{"1.5 MB", "1572864"}, // KB, MB are binary, as AWS bills
		{"16KB", "16384"},
		{"128kib", "131072"},
		{"3TiB", "3298534883328"}, // 3 x 2^40
		{"1_000B", "1000"},
		{"0.5B", "1"}, // rounded to a whole byte (half away from zero)
		{"1e3KiB", "1024000"},
	}
	for _, c := range cases {
		got, err := ParseSize(c.in)
		if err != nil || got.String() != c.want {
			t.Errorf("ParseSize(%q) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "lots", "-1KiB", "1XB", "NaN", "Inf", "1e999999KiB", "1e30PiB", "0x10"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"12h", 12 * time.Hour},
		{"30d", 720 * time.Hour},
		{"6mo", 6 * 730 * time.Hour}, // a month is 730 hours
		{"1y", 8760 * time.Hour},
		{"1s", time.Second},
		{"100ms", 100 * time.Millisecond},
		{"5min", 5 * time.Minute},
		{"1.5d", 36 * time.Hour},
		{"2w", 14 * 24 * time.Hour},
	}
	for _, c := range cases {
		got, err := ParseDuration(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "30", "5m", "-1d", "1000y", "d", "1e5000d"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) accepted", bad)
		}
	}
}

func TestParseCountAndFraction(t *testing.T) {
	for in, want := range map[string]string{"1_000_000": "1000000", "1e6": "1000000", "0.5": "0.5", "0": "0"} {
		got, err := ParseCount(in)
		if err != nil || got.String() != want {
			t.Errorf("ParseCount(%q) = %s, %v", in, got, err)
		}
	}
	for _, bad := range []string{"-1", "NaN", "inf", "1e19", "ten"} {
		if _, err := ParseCount(bad); err == nil {
			t.Errorf("ParseCount(%q) accepted", bad)
		}
	}
	for in, want := range map[string]string{"99.9%": "0.999", "0.999": "0.999", "100%": "1", "0": "0"} {
		got, err := ParseFraction(in)
		if err != nil || !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("ParseFraction(%q) = %s, %v", in, got, err)
		}
	}
	for _, bad := range []string{"101%", "1.5", "-0.1", "%"} {
		if _, err := ParseFraction(bad); err == nil {
			t.Errorf("ParseFraction(%q) accepted", bad)
		}
	}
}

func TestParseClassID(t *testing.T) {
	for in, want := range map[string]ClassID{
		"STANDARD": Standard, "standard-ia": StandardIA, "glacier-flexible": Glacier,
		"Glacier_IR": GlacierIR, "deep archive": DeepArchive, "intelligent-tiering": IntelligentTiering,
		"express-onezone": ExpressOneZone, "one-zone-ia": OneZoneIA,
	} {
		if got, err := ParseClassID(in); err != nil || got != want {
			t.Errorf("ParseClassID(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	if _, err := ParseClassID("REDUCED_REDUNDANCY"); err == nil {
		t.Error("unknown class accepted")
	}
}

// The lifecycle waterfall of the S3 User Guide.
func TestCanTransitionTo(t *testing.T) {
	c := func(id ClassID) Class { x, _ := LookupClass(id); return x }
	yes := [][2]ClassID{
		{Standard, StandardIA}, {Standard, IntelligentTiering}, {Standard, DeepArchive},
		{StandardIA, IntelligentTiering}, {StandardIA, GlacierIR}, {IntelligentTiering, OneZoneIA},
		{OneZoneIA, Glacier}, {GlacierIR, Glacier}, {Glacier, DeepArchive},
	}
	no := [][2]ClassID{
		{StandardIA, Standard}, {IntelligentTiering, StandardIA}, {OneZoneIA, GlacierIR},
		{Glacier, GlacierIR}, {DeepArchive, Glacier}, {Standard, ExpressOneZone}, {ExpressOneZone, Standard},
		{Standard, Standard},
	}
	for _, p := range yes {
		if !c(p[0]).CanTransitionTo(c(p[1])) {
			t.Errorf("%s -> %s should be a lifecycle transition", p[0], p[1])
		}
	}
	for _, p := range no {
		if c(p[0]).CanTransitionTo(c(p[1])) {
			t.Errorf("%s -> %s should not be a lifecycle transition", p[0], p[1])
		}
	}
}

func TestCatalogIsComplete(t *testing.T) {
	cat := Catalog()
	if len(cat) != 8 {
		t.Fatalf("%d classes, want 8", len(cat))
	}
	for _, c := range cat {
		if c.Name == "" || c.Durability == "" || c.Zones == 0 || len(c.Retrieval) == 0 || !c.Availability.IsPositive() {
			t.Errorf("%s: incomplete entry %+v", c.ID, c)
		}
	}
}

func TestFormatCount(t *testing.T) {
	for in, want := range map[string]string{"0": "0", "999": "999", "1000": "1,000", "1200000": "1,200,000", "1234.6": "1,235", "-5000": "-5,000"} {
		if got := FormatCount(decimal.RequireFromString(in)); got != want {
			t.Errorf("FormatCount(%s) = %s, want %s", in, got, want)
		}
	}
}

// Values of a swept or bisected key read in human units, and an interval's
// ends are told apart (issue: "lifetime = 670865s (between 670864.954703
// and ...)", "7110h", "between 0 and 0").
func TestHumanValues(t *testing.T) {
	for _, c := range []struct {
		kind, x, want string
	}{
		{"duration", "2592000", "30d"},      // 30 x 86,400
		{"duration", "31536000", "1y"},      // 365 days
		{"duration", "25596000", "296.25d"}, // 7,110 hours = 296.25 days
		{"duration", "670865", "7.76d"},     // 670,865 / 86,400 = 7.7646...
		{"duration", "5400", "1.5h"},
		{"duration", "90", "1.5min"},
		{"number", "5000000", "5,000,000"},
	} {
		if got := FormatValue(c.kind, decimal.RequireFromString(c.x)); got != c.want {
			t.Errorf("FormatValue(%s, %s) = %q, want %q", c.kind, c.x, got, c.want)
		}
	}
	for _, c := range []struct {
		kind, lo, hi, want string
	}{
		{"number", "0", "0.000000001", "0 and 0.000000001"},
		{"number", "12.5", "12.75", "12.5 and 12.75"},
		// 670,864.954703 s and 670,865.5 s are 7.7646406... and 7.7646470...
		// days: five decimals tell them apart.
		{"duration", "670864.954703", "670865.5", "7.76464d and 7.76465d"},
		{"size", "167772", "167773", "167,772 and 167,773 bytes"},
	} {
		if got := FormatRange(c.kind, decimal.RequireFromString(c.lo), decimal.RequireFromString(c.hi)); got != c.want {
			t.Errorf("FormatRange(%s, %s, %s) = %q, want %q", c.kind, c.lo, c.hi, got, c.want)
		}
	}
}
