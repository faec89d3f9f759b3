package analytics

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
)

// Formats are the formats of `s3cost analytics`: the reads block to paste
// into a workload (yaml, the default), and the per-group profile (json).
var Formats = report.Formats[*Profile]{
	{Name: "yaml", Write: writeYAML},
	{Name: "json", Write: writeJSON},
}

// writeYAML writes the workload's reads block, with comments saying what
// it was made of: files, dates, configuration, class, the small objects'
// GETs and AWS's own recommendation.
func writeYAML(w io.Writer, p *Profile) error {
	bw := bufio.NewWriter(w)
	c := func(format string, args ...any) { fmt.Fprintf(bw, "# "+format+"\n", args...) }
	c("Reads from S3 Storage Class Analysis (s3cost analytics): paste this block")
	c("into the workload file; docs/access-data.md goes from here to the rule.")
	if p.Lifetime == 0 {
		// The bands run to "forever": a workload with a lifetime refuses
		// a band past it (a user review pasted it into one).
		c("For a workload with a lifetime, run again with --lifetime (its value):")
		c("the bands then end at it.")
	}
	names := make([]string, len(p.Files))
	for i, f := range p.Files {
		names[i] = report.OneLine(f)
	}
	c("Files: %s", strings.Join(names, ", "))
	c("Dates: %s", datesText(p))
	c("Configuration: %s, storage class %s", configText(p.ConfigID, p.Filter), p.Class)
	if len(p.OtherClasses) > 0 {
		c("Not used: the configuration's rows of %s (--class picks another class)", strings.Join(p.OtherClasses, ", "))
	}
	if len(p.OtherConfigs) > 0 {
		c("Not used: %d other %s in the files (%s)", len(p.OtherConfigs), plural(len(p.OtherConfigs), "configuration", "configurations"), listText(p.OtherConfigs))
	}
	if p.Duplicates > 0 {
		c("Counted once: %d %s found in more than one file", p.Duplicates, plural(p.Duplicates, "row", "rows"))
	}
	if p.All.GetsPerMonth.IsPositive() {
		c("Objects under 128 KB: %s of the GETs (ALL less the age groups, which", percent(p.SmallShare))
		c("leave them out). per_month counts them; by_age shares out the GETs of")
		c("objects of 128 KB and more, so theirs are taken to fall by age alike.")
	}
	if r := p.Recommendation; r != nil && r.Recommended != nil {
		observed := ""
		if r.Observed != nil {
			observed = fmt.Sprintf("; ObjectAgeForSIATransition: %d days", *r.Observed)
		}
		c("AWS's RecommendedObjectAgeForSIATransition: %d days (%s%s):", *r.Recommended, r.Date.Format("2006-01-02"), observed)
		c("its analysis would move these objects from STANDARD to STANDARD_IA at %d days.", *r.Recommended)
	} else {
		c("AWS: no RecommendedObjectAgeForSIATransition in these rows (AWS gives")
		c("one on the ALL rows of STANDARD once it has watched the objects long enough).")
	}
	if p.Lifetime > 0 && p.Reads.ByAge != nil {
		c("Lifetime %s (--lifetime): the age group reaching it and the older ones make", model.FormatDuration(p.Lifetime))
		c("one last band, which ends at the lifetime (no object is older).")
		if p.Reads.BeyondLifetime.IsPositive() {
			c("%s of these GETs are on objects older than the lifetime: is it right?", percent(p.Reads.BeyondLifetime))
		}
	}
	c("s3cost plan WORKLOAD.yaml, with this block in the workload, prices every")
	c("lifecycle rule (STANDARD_IA, GLACIER_IR, ... at 30d to 730d) with these")
	c("reads and finds the cheapest: compare its ages with AWS's.")

	fmt.Fprintln(bw, "reads:")
	fmt.Fprintf(bw, "  per_month: %s # %s GETs a day x 365/12\n", p.Reads.PerMonth.String(), p.GetsPerDay.String())
	switch {
	case p.Reads.ZeroBytes:
		fmt.Fprintf(bw, "  size: 1 # the GETs returned no byte (DataRetrieved_MB 0); 1 byte is the least a size can be\n")
	case p.Reads.SizeBytes.IsPositive():
		fmt.Fprintf(bw, "  size: %s # mean bytes per GET (%s): ALL's DataRetrieved_MB x 2^20 / GetRequestCount\n", p.Reads.SizeBytes.String(), model.FormatBytes(p.Reads.SizeBytes))
	default:
		fmt.Fprintln(bw, "  # no GET in these days: no size, no by_age")
	}
	switch {
	case p.Reads.ByAge != nil:
		fmt.Fprintln(bw, "  by_age: # shares of the GETs on objects of 128 KB and more, by age group")
		for _, b := range p.Reads.ByAge {
			note := strings.Join(b.Groups, ", ")
			if b.Until == 0 && b.Share.IsZero() {
				note += ": no GET"
			}
			fmt.Fprintf(bw, "    - { until: %s, share: %s } # %s\n", untilText(b), b.Share.String(), note)
		}
	case p.Reads.SizeBytes.IsPositive():
		fmt.Fprintln(bw, "  # no by_age: no GET on objects of 128 KB and more, whose age AWS gives")
	}
	return bw.Flush()
}

// untilText writes a band's end in days, as AWS names its age groups
// (365d, not 1y): forever for 0.
func untilText(b Band) string { return daysText(b.Until) }

func daysText(d time.Duration) string {
	if d == 0 {
		return "forever"
	}
	return strconv.FormatInt(int64(d/day), 10) + "d"
}

// datesText says which days were averaged, and how many between the first
// and the last are missing.
func datesText(p *Profile) string {
	span := int(p.Last.Sub(p.First).Hours()/24) + 1
	s := fmt.Sprintf("%s to %s, %d %s (daily means over them)", p.First.Format("2006-01-02"), p.Last.Format("2006-01-02"), p.Days, plural(p.Days, "day", "days"))
	if missing := span - p.Days; missing > 0 {
		s += fmt.Sprintf("; %d %s in between missing", missing, plural(missing, "day", "days"))
	}
	return s
}

// percent writes a share as a percentage with up to 4 decimals.
func percent(share decimal.Decimal) string {
	return share.Shift(2).Round(4).String() + "%"
}

// listText lists up to 5 names.
func listText(names []string) string {
	if len(names) <= 5 {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:5], ", ") + fmt.Sprintf(" and %d more", len(names)-5)
}

type jsonTotals struct {
	StorageBytes      string `json:"storage_bytes"`
	GetsPerMonth      string `json:"gets_per_month"`
	BytesReadPerMonth string `json:"bytes_read_per_month"`
}

type jsonGroup struct {
	Age   string `json:"age"`
	Until string `json:"until"`
	Days  int    `json:"days"`
	jsonTotals
	Share string `json:"share"`
}

type jsonBand struct {
	Until  string   `json:"until"`
	Share  string   `json:"share"`
	Groups []string `json:"groups"`
}

type jsonReads struct {
	PerMonth string     `json:"per_month"`
	Size     *string    `json:"size"`
	ByAge    []jsonBand `json:"by_age"`
	// BeyondLifetime: the share of the aged GETs on objects older than
	// the lifetime (null without one).
	BeyondLifetime *string `json:"beyond_lifetime_share"`
}

type jsonRecommendation struct {
	Date                                 string `json:"date"`
	RecommendedObjectAgeForSIATransition *int64 `json:"recommended_object_age_for_sia_transition"`
	ObjectAgeForSIATransition            *int64 `json:"object_age_for_sia_transition"`
}

type jsonProfile struct {
	Files          []string            `json:"files"`
	ConfigID       string              `json:"config_id"`
	Filter         string              `json:"filter"`
	StorageClass   string              `json:"storage_class"`
	FirstDate      string              `json:"first_date"`
	LastDate       string              `json:"last_date"`
	Days           int                 `json:"days"`
	DuplicateRows  int                 `json:"duplicate_rows"`
	OtherClasses   []string            `json:"other_classes"`
	OtherConfigs   []string            `json:"other_configurations"`
	Groups         []jsonGroup         `json:"groups"`
	Small          jsonTotals          `json:"small_objects"`
	SmallShare     string              `json:"small_objects_share_of_gets"`
	All            jsonTotals          `json:"all"`
	Objects        *string             `json:"objects"`
	GetsPerDay     string              `json:"gets_per_day"`
	Recommendation *jsonRecommendation `json:"aws_recommendation"`
	Lifetime       *string             `json:"lifetime"`
	Reads          jsonReads           `json:"reads"`
}

func totalsJSON(t Totals) jsonTotals {
	return jsonTotals{StorageBytes: t.StorageBytes.String(), GetsPerMonth: t.GetsPerMonth.String(), BytesReadPerMonth: t.BytesReadPerMonth.String()}
}

// writeJSON writes the per-group profile: for each age group the days it
// has a row, the mean bytes stored, GETs and bytes read a month and its
// by_age share; the same for the small objects and ALL; and the reads
// block. Figures are decimal strings (docs/json.md).
func writeJSON(w io.Writer, p *Profile) error {
	doc := jsonProfile{Files: p.Files, ConfigID: p.ConfigID, Filter: p.Filter, StorageClass: p.Class,
		FirstDate: p.First.Format("2006-01-02"), LastDate: p.Last.Format("2006-01-02"), Days: p.Days, DuplicateRows: p.Duplicates,
		OtherClasses: nonNil(p.OtherClasses), OtherConfigs: nonNil(p.OtherConfigs),
		Small: totalsJSON(p.Small), SmallShare: p.SmallShare.String(), All: totalsJSON(p.All), GetsPerDay: p.GetsPerDay.String(),
		Reads: jsonReads{PerMonth: p.Reads.PerMonth.String(), ByAge: []jsonBand{}}}
	for _, g := range p.Groups {
		doc.Groups = append(doc.Groups, jsonGroup{Age: g.Name, Until: daysText(g.Until), Days: g.Days, jsonTotals: totalsJSON(g.Totals), Share: g.Share.String()})
	}
	if p.ObjectsKnown {
		s := p.Objects.String()
		doc.Objects = &s
	}
	if r := p.Recommendation; r != nil {
		doc.Recommendation = &jsonRecommendation{Date: r.Date.Format("2006-01-02"), RecommendedObjectAgeForSIATransition: r.Recommended, ObjectAgeForSIATransition: r.Observed}
	}
	if p.Reads.SizeBytes.IsPositive() {
		s := p.Reads.SizeBytes.String()
		doc.Reads.Size = &s
	}
	if p.Lifetime > 0 {
		l, b := model.FormatDuration(p.Lifetime), p.Reads.BeyondLifetime.String()
		doc.Lifetime, doc.Reads.BeyondLifetime = &l, &b
	}
	for _, b := range p.Reads.ByAge {
		doc.Reads.ByAge = append(doc.Reads.ByAge, jsonBand{Until: untilText(b), Share: b.Share.String(), Groups: b.Groups})
	}
	return report.EncodeJSON(w, doc)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
