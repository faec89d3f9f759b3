package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/model"
)

// ClassesFormats are the output formats of `s3cost classes`.
var ClassesFormats = Formats[[]model.Class]{
	{Name: "table", Write: Classes},
	{Name: "json", Write: ClassesJSON},
}

// Classes writes the storage-class model for `s3cost classes`: one row per
// class with its durability, designed availability and SLA (as percentages),
// availability zones, first-byte latency of each retrieval option (restore
// tiers named), minimum storage duration, minimum billable size and
// per-object archive overhead; durability caveats follow as notes.
func Classes(w io.Writer, classes []model.Class) error {
	// Every class has the same durability today: said once under the
	// table, which then fits 120 columns; a column if they ever differ.
	sameDurability := true
	for _, c := range classes {
		sameDurability = sameDurability && c.Durability == classes[0].Durability
	}
	g := Grid{
		Headers: []string{"CLASS", "AVAIL.", "SLA", "AZS", "FIRST BYTE", "MIN DURATION", "MIN SIZE", "OVERHEAD"},
		Numeric: []bool{false, true, true, true, false, true, true, false},
	}
	if !sameDurability {
		g.Headers = append(g.Headers[:1], append([]string{"DURABILITY"}, g.Headers[1:]...)...)
		g.Numeric = append(g.Numeric[:1], append([]bool{true}, g.Numeric[1:]...)...)
	}
	var notes, names []string
	for _, c := range classes {
		row := []string{
			string(c.ID),
			percent(c.Availability),
			percent(c.SLA),
			fmt.Sprint(c.Zones),
			// One retrieval option a line.
			strings.ReplaceAll(firstByte(c), "; ", "\n"),
			minDuration(c),
			minSize(c),
			strings.ReplaceAll(overhead(c), " + ", "\n+ "),
		}
		if !sameDurability {
			row = append(row[:1], append([]string{c.Durability}, row[1:]...)...)
		}
		g.Rows = append(g.Rows, row)
		names = append(names, fmt.Sprintf("%s is %s", c.ID, c.Name))
		if c.DurabilityNote != "" {
			notes = append(notes, fmt.Sprintf("%s durability: %s", c.ID, c.DurabilityNote))
		}
	}
	bw := bufio.NewWriter(w)
	if err := RenderGrid(bw, g); err != nil {
		return err
	}
	if sameDurability && len(classes) > 0 {
		WriteWrapped(bw, fmt.Sprintf("Every class is designed for %s durability. AVAIL. is the designed availability, SLA the availability AWS's SLA promises.", classes[0].Durability))
	}
	WriteWrapped(bw, strings.Join(names, "; ")+".")
	if len(notes) > 0 {
		fmt.Fprintln(bw)
		for _, n := range notes {
			fmt.Fprintln(bw, "note: "+n)
		}
	}
	return bw.Flush()
}

// percent renders a fraction as a percentage with at least one decimal, as
// AWS writes them: 0.9999 -> "99.99%", 0.99 -> "99.0%".
func percent(f decimal.Decimal) string {
	s := f.Shift(2).String()
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s + "%"
}

// firstByte lists each retrieval option's documented wait, naming the
// restore tier for classes that restore before a read: "expedited 1-5
// minutes; standard 3-5 hours; bulk 5-12 hours".
func firstByte(c model.Class) string {
	opts := make([]string, 0, len(c.Retrieval))
	for _, o := range c.Retrieval {
		if o.Tier != "" {
			opts = append(opts, string(o.Tier)+" "+o.Described)
		} else {
			opts = append(opts, o.Described)
		}
	}
	return strings.Join(opts, "; ")
}

// minDuration is the minimum storage duration in days, or "-".
func minDuration(c model.Class) string {
	if c.MinDuration <= 0 {
		return "-"
	}
	if c.MinDuration%model.Day != 0 {
		return model.FormatDuration(c.MinDuration)
	}
	return Plural(int(c.MinDuration/model.Day), "day")
}

// minSize is the minimum billable object size, or "-".
func minSize(c model.Class) string {
	if c.MinBillableBytes <= 0 {
		return "-"
	}
	return model.FormatBytes(decimal.NewFromInt(c.MinBillableBytes))
}

// overhead is the per-object archive overhead: bytes billed at the class
// rate, plus bytes billed at the STANDARD rate ("32 KiB + 8 KiB Standard").
func overhead(c model.Class) string {
	var parts []string
	if c.OverheadClassBytes > 0 {
		parts = append(parts, model.FormatBytes(decimal.NewFromInt(c.OverheadClassBytes)))
	}
	if c.OverheadStandardBytes > 0 {
		parts = append(parts, model.FormatBytes(decimal.NewFromInt(c.OverheadStandardBytes))+" Standard")
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " + ")
}

// The JSON form of the class model (not part of the docs/json.md
// contract, but as stable): fractions and durations as the workload file
// writes them, sizes in bytes, zero for "none".
type jsonClass struct {
	Class                 model.ClassID   `json:"class"`
	Name                  string          `json:"name"`
	Durability            string          `json:"durability"`
	DurabilityNote        string          `json:"durability_note,omitempty"`
	Availability          string          `json:"availability"`
	SLA                   string          `json:"sla"`
	Zones                 int             `json:"zones"`
	NeedsRestore          bool            `json:"needs_restore"`
	Retrieval             []jsonRetrieval `json:"retrieval"`
	MinDurationDays       int             `json:"min_duration_days"`
	MinBillableBytes      int64           `json:"min_billable_bytes"`
	OverheadClassBytes    int64           `json:"overhead_class_bytes"`
	OverheadStandardBytes int64           `json:"overhead_standard_bytes"`
}

type jsonRetrieval struct {
	Tier      model.RestoreTier `json:"tier,omitempty"`
	FirstByte string            `json:"first_byte"`
	Described string            `json:"described"`
}

// ClassesJSON writes the class model as a JSON array, one object per class:
// class, name, durability (and durability_note when AWS qualifies it),
// availability and sla as decimal fractions ("0.9999"), zones,
// needs_restore, retrieval [{tier, first_byte ("100ms", "5h"), described}],
// min_duration_days, min_billable_bytes, overhead_class_bytes and
// overhead_standard_bytes (0 when the class has none).
func ClassesJSON(w io.Writer, classes []model.Class) error {
	out := make([]jsonClass, 0, len(classes))
	for _, c := range classes {
		jc := jsonClass{
			Class:                 c.ID,
			Name:                  c.Name,
			Durability:            c.Durability,
			DurabilityNote:        c.DurabilityNote,
			Availability:          c.Availability.String(),
			SLA:                   c.SLA.String(),
			Zones:                 c.Zones,
			NeedsRestore:          c.NeedsRestore,
			Retrieval:             make([]jsonRetrieval, 0, len(c.Retrieval)),
			MinDurationDays:       int(c.MinDuration / model.Day),
			MinBillableBytes:      c.MinBillableBytes,
			OverheadClassBytes:    c.OverheadClassBytes,
			OverheadStandardBytes: c.OverheadStandardBytes,
		}
		for _, o := range c.Retrieval {
			jc.Retrieval = append(jc.Retrieval, jsonRetrieval{
				Tier:      o.Tier,
				FirstByte: model.FormatDuration(o.FirstByte),
				Described: o.Described,
			})
		}
		out = append(out, jc)
	}
	return EncodeJSON(w, out)
}
