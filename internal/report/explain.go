package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/s3cost/s3cost/model"
)

// ErrClassNotCompared is returned (wrapped) by Explain and ExplainJSON for
// a class that is not among the comparison's results, so that callers can
// report it as a usage error.
var ErrClassNotCompared = errors.New("class not compared")

// The AWS pages the rules come from, as docs/cost-rules.md names them.
const (
	srcReplication = "S3 pricing page, Replication; S3 User Guide, replicating objects"
	srcPricing     = "S3 pricing page"
	srcLifecycle   = "S3 User Guide, lifecycle"
	srcTiering     = "S3 User Guide, How S3 Intelligent-Tiering works"
	srcRestore     = "S3 User Guide, restoring an archived object"
	srcKMS         = "KMS pricing page"
	srcTransfer    = "S3 pricing page, data transfer"
	srcExpressFAQs = "S3 pricing page, S3 Express One Zone"
)

// costRule is one rule of the cost semantics (docs/cost-rules.md),
// recognised by the line items it produces.
type costRule struct {
	// Items are the item IDs the rule produces; an ID ending in ".*"
	// stands for every item under that prefix.
	Items []string
	// Tiered rules apply only when one of their items has lines at more
	// than one price: the month's quantity was split over volume tiers.
	Tiered bool
	Rule   string
	Source string
}

// costRules is the item -> rule table Explain draws on, in the order the
// rules are listed. An item no rule names is listed as "no rule text for
// <item>": adding an item to the engine never breaks explain.
func costRules() []costRule {
	return []costRule{
		{Items: []string{"storage"},
			Rule:   "object data: the GB-months stored at the class's storage rate (1 GB = 2^30 bytes, a month = 730 hours)",
			Source: srcPricing},
		{Items: []string{"storage", "storage.min_size", "storage.overhead.*", "storage.tier.FREQUENT", "early_delete", "retrieval.restored_copy", "transitions.copy_restored_copy"},
			Tiered: true,
			Rule:   "tiered storage: the month's GB-months split at 51,200 and 512,000 GB, one line per price",
			Source: srcPricing},
		{Items: []string{"storage.min_size"},
			Rule:   "minimum billable size: objects under 128 KiB billed as 128 KiB",
			Source: srcPricing},
		{Items: []string{"storage.overhead.*"},
			Rule:   "archive overhead: 32 KiB per object at the class rate plus 8 KiB at the STANDARD rate",
			Source: srcPricing},
		{Items: []string{"early_delete"},
			Rule:   "minimum storage duration: objects removed early are charged the remaining days at the class rate, in the month they leave",
			Source: srcPricing},
		{Items: []string{"storage.tier.*"},
			Rule:   "Intelligent-Tiering tiers: an object not read for 30 days moves to Infrequent Access, for 90 days to Archive Instant Access (and, when configured, to Archive Access and Deep Archive Access after their days); a read brings it back to Frequent; objects under 128 KiB stay Frequent",
			Source: srcTiering},
		{Items: []string{"monitoring"},
			Rule:   "Intelligent-Tiering monitoring and automation: a monthly fee per 1,000 objects of 128 KiB or more",
			Source: srcPricing},
		{Items: []string{"requests.put", "requests.get"},
			Rule:   "requests: a PUT per object written, a GET per read, at the class's request prices",
			Source: srcPricing},
		{Items: []string{"requests.list"},
			Rule:   "LIST requests at the STANDARD PUT rate, whatever the class",
			Source: srcPricing},
		{Items: []string{"requests.upload_bytes", "transitions.copy_upload_bytes"},
			Rule:   "S3 Express One Zone upload charge: per GB on every byte written",
			Source: srcExpressFAQs},
		{Items: []string{"transitions"},
			Rule:   "lifecycle transitions: one transition request per object lifecycle moves, at the target class's price",
			Source: srcLifecycle},
		{Items: []string{"transitions.lifecycle"},
			Rule:   "lifecycle rule: objects move to each transition's class at its age (a request each, at the target's price), and each stage is priced in its own class; objects under 128 KiB stay put by default (docs/cost-rules.md, Lifecycle rules)",
			Source: srcLifecycle},
		{Items: []string{"transitions.copy_*"},
			Rule:   "copies instead of transitions: where lifecycle cannot move an object it is read at the source (GET and retrieval fee; from GLACIER or DEEP_ARCHIVE a restore and a one-day copy first) and PUT in the target class",
			Source: srcLifecycle},
		{Items: []string{"retrieval.bytes"},
			Rule:   "retrieval: a fee per GB read (STANDARD_IA, ONEZONE_IA, GLACIER_IR, EXPRESS_ONEZONE) or restored (GLACIER, DEEP_ARCHIVE)",
			Source: srcPricing},
		{Items: []string{"retrieval.requests", "retrieval.restored_copy"},
			Rule:   "restores: every read from GLACIER or DEEP_ARCHIVE restores the whole object: a restore request at the tier's price, and the temporary copy at the STANDARD rate for the restore days",
			Source: srcRestore},
		{Items: []string{"encryption.kms_requests"},
			Rule:   "SSE-KMS requests: one KMS request per object written and per GET (fewer with an S3 Bucket Key), priced per 10,000",
			Source: srcKMS},
		{Items: []string{"encryption.kms_keys"},
			Rule:   "customer managed KMS keys: a monthly fee per key",
			Source: srcKMS},
		{Items: []string{"encryption.kms_key_rotations"},
			Rule:   "KMS key rotations: the first and second rotations of a key each add a monthly key fee, pro-rated",
			Source: srcKMS},
		{Items: []string{"encryption.dsse"},
			Rule:   "DSSE-KMS: a fee per GB written, on top of the KMS requests",
			Source: srcKMS},
		{Items: []string{"transfer.internet"},
			Rule:   "transfer tiers: transfer out to the internet per GB, tiered on the month: first 10 TB, next 40 TB, next 100 TB, over 150 TB",
			Source: srcTransfer},
		{Items: []string{"transfer.inter_region"},
			Rule:   "inter-region transfer: per GB sent to another AWS region",
			Source: srcTransfer},
		{Items: []string{"replication.storage", "replication.storage.*", "replication.early_delete"},
			Rule:   "replication: the destination copy, priced by the same storage rules (minimums, overhead, early deletion) in the destination class at the destination region's prices",
			Source: srcReplication},
		{Items: []string{"replication.requests.put"},
			Rule:   "replication PUTs: one per replicated object at the destination class's PUT price",
			Source: srcReplication},
		{Items: []string{"replication.transfer"},
			Rule:   "replication transfer: the replicated bytes at the source region's inter-region rate (cross-region only)",
			Source: srcReplication},
		{Items: []string{"replication.rtc"},
			Rule:   "Replication Time Control: a fee per GB replicated",
			Source: srcReplication},
		{Items: []string{"replication.kms_requests"},
			Rule:   "replication with SSE-KMS: a Decrypt at the source and a GenerateDataKey at the destination per replicated object, fewer with a Bucket Key",
			Source: srcKMS},
	}
}

// itemMatches reports whether item is the rule item pattern, or falls
// under it when pattern ends in ".*".
func itemMatches(pattern, item string) bool {
	// A lifecycle rule's items end in the stage's class: storage@GLACIER.
	item, _, _ = strings.Cut(item, "@")
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(item, prefix)
	}
	return item == pattern
}

// appliedRule is a rule with the items of the estimate that called for it.
type appliedRule struct {
	Items  []string `json:"items"`
	Rule   string   `json:"rule"`
	Source string   `json:"source"`
}

// rulesFor infers from the line items which rules applied, in costRules
// order, then one "no rule text for <item>" entry per item no rule covers.
func rulesFor(lines []model.Line) []appliedRule {
	var items []string // distinct, in line order
	prices := map[string]int{}
	for _, l := range lines {
		if prices[l.Item] == 0 {
			items = append(items, l.Item)
		}
		prices[l.Item]++
	}
	covered := map[string]bool{}
	var out []appliedRule
	for _, r := range costRules() {
		var matched []string
		for _, item := range items {
			for _, p := range r.Items {
				if itemMatches(p, item) && (!r.Tiered || prices[item] > 1) {
					matched = append(matched, item)
					break
				}
			}
		}
		if len(matched) == 0 {
			continue
		}
		for _, item := range matched {
			covered[item] = true
		}
		out = append(out, appliedRule{Items: matched, Rule: r.Rule, Source: r.Source})
	}
	for _, item := range items {
		if !covered[item] {
			out = append(out, appliedRule{Items: []string{item}, Rule: "no rule text for " + item})
		}
	}
	return out
}

// explained finds class among c's results, with its position (the rank of
// an eligible class).
func explained(c model.Comparison, class model.ClassID) (model.Estimate, int, error) {
	ids := make([]string, 0, len(c.Results))
	for i, e := range c.Results {
		if e.Class == class {
			return e, i + 1, nil
		}
		ids = append(ids, string(e.Class))
	}
	return model.Estimate{}, 0, fmt.Errorf("report: explain: %w: %s (compared: %s)",
		ErrClassNotCompared, class, strings.Join(ids, ", "))
}

// assumptions are the comparison's notes, then the class's own.
func assumptions(c model.Comparison, e model.Estimate) []string {
	out := make([]string, 0, len(c.Notes)+len(e.Notes))
	out = append(out, c.Notes...)
	return append(out, e.Notes...)
}

// Explain writes the work behind one class of c, for `s3cost explain FILE
// --class C`, so that a reviewer can check every figure by hand: what was
// priced and whether the class is eligible; every line of its estimate with
// quantity, unit, exact unit price and cost (rounded and exact) and the
// total; the rules the line items show applied, each with its AWS source;
// the assumptions (the notes); and the cost of each month. A class without
// amounts (not priced, not offered in the region) gets why instead, and no
// amounts at all. A class that is not among c.Results is an error wrapping
// ErrClassNotCompared.
func Explain(w io.Writer, c model.Comparison, class model.ClassID) error {
	return explainTable(w, Explanation{c, class})
}

// Explanation is what `s3cost explain` shows: one class of a comparison.
type Explanation struct {
	Comparison model.Comparison
	Class      model.ClassID
}

// ExplainFormats are the output formats of `s3cost explain`.
var ExplainFormats = Formats[Explanation]{
	{Name: "table", Write: explainTable},
	{Name: "json", Write: explainJSON},
}

func explainTable(w io.Writer, x Explanation) error {
	c, class := x.Comparison, x.Class
	e, rank, err := explained(c, class)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	// A lifecycle rule's name made this 138 columns: wrapped.
	WriteWrapped(bw, fmt.Sprintf("%s for %s", e.Class, heading(c)))
	if !e.Priced() {
		explainLeftOut(bw, c, e)
		return bw.Flush()
	}
	switch {
	case e.Eligible && len(c.Results) > 1:
		fmt.Fprintf(bw, "eligible: yes, rank %d of %d classes compared\n", rank, len(c.Results))
	case e.Eligible:
		fmt.Fprintln(bw, "eligible: yes")
	default:
		WriteWrapped(bw, "eligible: no (listed, not ranked): "+strings.Join(e.Violations, "; "))
	}
	WriteWrapped(bw, "encryption: "+c.Encryption.Describe())
	fmt.Fprintln(bw)

	lines, exact := withoutWideExact(linesGrid(e))
	if err := RenderGrid(bw, lines); err != nil {
		return err
	}
	if exact {
		WriteWrapped(bw, "QUANTITY is rounded to 6 decimals for display; EXACT = quantity x unit price, unrounded; COST is EXACT rounded to cents.")
	} else {
		WriteWrapped(bw, "QUANTITY is rounded to 6 decimals for display; COST is quantity x unit price rounded to cents (the unrounded amounts, too long for 120 columns here, are in --format json).")
	}
	fmt.Fprintf(bw, "total: %s over %s, %s a month on average\n", Money(e.Total), Plural(len(e.Monthly), "month"), Money(e.MonthlyAverage()))

	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "Rules that applied:")
	for _, r := range rulesFor(e.Lines) {
		WriteWrapped(bw, "- "+ruleLine(r))
	}

	fmt.Fprintln(bw)
	notes := assumptions(c, e)
	if len(notes) == 0 {
		fmt.Fprintln(bw, "Assumptions: none recorded.")
	} else {
		fmt.Fprintln(bw, "Assumptions:")
		for _, n := range notes {
			WriteWrapped(bw, "- "+n)
		}
	}

	if len(e.Monthly) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "Month by month (month 0 is the first):")
		months, _ := withoutWideExact(monthsGrid(e))
		if err := RenderGrid(bw, months); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// explainLeftOut is Explain for a class without amounts: why (the prices
// the sheet lacks, or that the region does not sell the class) and the
// assumptions, but no lines, totals or months: zeros would read as free.
func explainLeftOut(w io.Writer, c model.Comparison, e model.Estimate) {
	region := regionOf(c, e)
	if e.NotOffered {
		fmt.Fprintf(w, "not offered in %s: the region does not sell %s, so there is nothing to price.\n", region, e.Class)
		fmt.Fprintln(w, "encryption: "+c.Encryption.Describe())
		return
	}
	fmt.Fprintf(w, "not priced in %s: the %s sheet lacks %s this workload needs in %s:\n",
		region, c.Pricing.Sheet, Plural(len(e.Unpriced), "price"), e.Class)
	for _, key := range e.Unpriced {
		fmt.Fprintln(w, "- "+key)
	}
	fmt.Fprintln(w, "No amounts are shown: a missing price is never guessed. A sheet of your own (--pricing FILE) can supply them.")
	fmt.Fprintln(w, "encryption: "+c.Encryption.Describe())
	if notes := assumptions(c, e); len(notes) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Assumptions:")
		for _, n := range notes {
			fmt.Fprintln(w, "- "+n)
		}
	}
}

// ruleLine is "items: rule (source)".
func ruleLine(r appliedRule) string {
	s := strings.Join(r.Items, ", ") + ": " + r.Rule
	if r.Source != "" {
		s += " (" + r.Source + ")"
	}
	return s
}

// linesGrid lays out every line of e and the total.
func linesGrid(e model.Estimate) Grid {
	g := Grid{
		Headers: []string{"ITEM", "QUANTITY", "UNIT", "UNIT PRICE", "COST", "EXACT"},
		Numeric: []bool{false, true, false, true, true, true},
	}
	for _, l := range e.Lines {
		g.Rows = append(g.Rows, []string{
			l.Item, l.Quantity.Round(6).String(), l.Unit, l.Price.String(), Money(l.Cost), l.Cost.String(),
		})
	}
	g.Rows = append(g.Rows, []string{"total", "", "", "", Money(e.Total), e.Total.String()})
	return g
}

// monthsGrid lays out the cost of each month and their sum (the total).
func monthsGrid(e model.Estimate) Grid {
	g := Grid{
		Headers: []string{"MONTH", "COST", "EXACT"},
		Numeric: []bool{true, true, true},
	}
	for i, m := range e.Monthly {
		g.Rows = append(g.Rows, []string{fmt.Sprint(i), Money(m), m.String()})
	}
	g.Rows = append(g.Rows, []string{"total", Money(e.Total), e.Total.String()})
	return g
}

// The JSON form of Explain. Amounts are unrounded decimal strings; lists
// are never null; a rule no text covers has an empty source.
type jsonExplain struct {
	Workload   string        `json:"workload"`
	Region     string        `json:"region"`
	Months     int           `json:"months"`
	Class      model.ClassID `json:"class"`
	Eligible   bool          `json:"eligible"`
	Violations []string      `json:"violations"`
	// Unpriced and NotOffered say why a class has no amounts; Total is
	// then null, Lines, Monthly and Rules empty.
	Unpriced    []string      `json:"unpriced"`
	NotOffered  bool          `json:"not_offered"`
	Lines       []jsonLine    `json:"lines"`
	Total       *string       `json:"total"`
	Monthly     []string      `json:"monthly"`
	Rules       []appliedRule `json:"rules"`
	Assumptions []string      `json:"assumptions"`
}

// ExplainJSON writes what Explain shows as JSON: workload, region, months,
// class, eligible, violations, unpriced, not_offered, lines [{item,
// quantity, unit, price, cost}] as in the comparison JSON, total, monthly,
// rules [{items, rule, source}] and assumptions. A class without amounts
// (not priced, not offered) has a null total and no lines, months or rules.
func ExplainJSON(w io.Writer, c model.Comparison, class model.ClassID) error {
	return explainJSON(w, Explanation{c, class})
}

func explainJSON(w io.Writer, x Explanation) error {
	c, class := x.Comparison, x.Class
	e, _, err := explained(c, class)
	if err != nil {
		return err
	}
	doc := jsonExplain{
		Workload:    c.Workload,
		Region:      c.Region,
		Months:      c.Months,
		Class:       e.Class,
		Eligible:    e.Eligible,
		Violations:  NonNil(e.Violations),
		Unpriced:    NonNil(e.Unpriced),
		NotOffered:  e.NotOffered,
		Lines:       []jsonLine{},
		Monthly:     []string{},
		Assumptions: assumptions(c, e),
	}
	if e.Priced() {
		total := e.Total.String()
		doc.Lines, doc.Total, doc.Monthly, doc.Rules = linesJSON(e.Lines), &total, DecimalStrings(e.Monthly), rulesFor(e.Lines)
	}
	if doc.Rules == nil {
		doc.Rules = []appliedRule{}
	}
	return EncodeJSON(w, doc)
}

// withoutWideExact drops the EXACT column (the last) when the table would
// not fit 120 columns with it: unrounded amounts can run to 80 digits. It
// says whether the column stayed.
func withoutWideExact(g Grid) (Grid, bool) {
	if gridWidth(g) <= 120 {
		return g, true
	}
	n := len(g.Headers) - 1
	out := Grid{Headers: g.Headers[:n], Numeric: g.Numeric[:n]}
	for _, r := range g.Rows {
		out.Rows = append(out.Rows, r[:n])
	}
	return out, false
}
