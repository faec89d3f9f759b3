package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/model"
)

// The JSON document of docs/json.md. Structs (not maps) fix the key
// order; amounts are unrounded decimal strings; lists are never null.
type jsonComparison struct {
	Workload   string         `json:"workload"`
	Region     string         `json:"region"`
	Currency   string         `json:"currency"`
	Months     int            `json:"months"`
	Pricing    JSONPricing    `json:"pricing"`
	Encryption jsonEncryption `json:"encryption"`
	// LeftOut lists the candidates without amounts, so that a script
	// reading the first result knows what it was not compared with.
	LeftOut []jsonLeftOut `json:"left_out"`
	Results []jsonResult  `json:"results"`
	Notes   []string      `json:"notes"`
}

// jsonLeftOut is a candidate without amounts: reason not_priced (missing
// names the sheet keys it lacks) or not_offered (missing is empty).
type jsonLeftOut struct {
	Class   model.ClassID `json:"class"`
	Region  string        `json:"region"`
	Reason  string        `json:"reason"`
	Missing []string      `json:"missing"`
}

// leftOutJSON is leftOut as the JSON lists it, never nil.
func leftOutJSON(c model.Comparison) []jsonLeftOut {
	out := []jsonLeftOut{}
	for _, l := range leftOut(c) {
		out = append(out, jsonLeftOut{Class: l.Class, Region: l.Region, Reason: l.reason(), Missing: NonNil(l.Missing)})
	}
	return out
}

type JSONPricing struct {
	Sheet  string `json:"sheet"`
	AsOf   string `json:"as_of"`
	Source string `json:"source"`
	// Discount is the contract discount applied to every price ("7%");
	// omitted when there is none.
	Discount string `json:"discount,omitempty"`
}

// jsonEncryption is the encryption that was priced.
type jsonEncryption struct {
	Type        string `json:"type"`
	Key         string `json:"key,omitempty"`
	Keys        int    `json:"keys,omitempty"`
	Rotation    bool   `json:"rotation"`
	BucketKey   bool   `json:"bucket_key"`
	Requesters  int    `json:"requesters,omitempty"`
	KMSFreeTier bool   `json:"kms_free_tier"`
	Description string `json:"description"`
}

func encryptionJSON(e model.Encryption) jsonEncryption {
	j := jsonEncryption{Type: string(e.Type), Description: e.Describe()}
	if j.Type == "" {
		j.Type = string(model.SSES3)
	}
	if e.UsesKMS() {
		j.Key, j.Rotation, j.BucketKey, j.KMSFreeTier = string(e.Key), e.Rotation, e.BucketKey, e.KMSFreeTier
		if e.Key == model.CustomerManagedKey {
			j.Keys = e.Keys
		}
		if e.BucketKey {
			j.Requesters = e.Requesters
		}
	}
	return j
}

type jsonResult struct {
	Rank       int           `json:"rank"`
	Region     string        `json:"region,omitempty"`
	Class      model.ClassID `json:"class"`
	Eligible   bool          `json:"eligible"`
	Violations []string      `json:"violations"`
	// Total, MonthlyAverage, the breakdown's values and the monthly
	// entries are null for a class without amounts (not priced, not
	// offered): a zero would read as free.
	Total          *string       `json:"total"`
	MonthlyAverage *string       `json:"monthly_average"`
	Breakdown      JSONBreakdown `json:"breakdown"`
	Lines          []jsonLine    `json:"lines"`
	Monthly        []*string     `json:"monthly"`
	Notes          []string      `json:"notes"`
	// Move is null unless the stock sits in another class today.
	Move *jsonMove `json:"move"`
	// Unpriced lists the prices the sheet lacks for this class (then the
	// amounts are null); empty when priced.
	Unpriced []string `json:"unpriced"`
	// NotOffered: the region does not sell the class (no amounts either).
	NotOffered bool `json:"not_offered"`
	// Derived lists the derived prices (docs/pricing.md) the amounts rest
	// on, as sheet keys; empty when none (or no amounts).
	Derived []string `json:"derived"`
	// Plan is the lifecycle rule of a rule candidate (whose class is the
	// rule's readable form); absent for a class.
	Plan *JSONPlan `json:"plan,omitempty"`
}

// JSONPlan is a lifecycle rule in JSON (docs/json.md): ages in whole
// days, sizes in bytes.
type JSONPlan struct {
	Name        string           `json:"name,omitempty"`
	Start       model.ClassID    `json:"start"`
	Transitions []JSONTransition `json:"transitions"`
	// ExpireDays is the workload's lifetime in days (fractional when it
	// is not whole days: 6mo is 182.5); null when kept.
	ExpireDays        *json.Number `json:"expire_days"`
	MinimumObjectSize string       `json:"transition_default_minimum_object_size"`
	SizeGreaterThan   string       `json:"size_greater_than,omitempty"`
	SizeLessThan      string       `json:"size_less_than,omitempty"`
}

// JSONTransition is one step of a rule.
type JSONTransition struct {
	AfterDays int64         `json:"after_days"`
	Class     model.ClassID `json:"class"`
}

// PlanJSON is the JSON of a rule.
func PlanJSON(l model.Lifecycle) *JSONPlan {
	p := &JSONPlan{Name: l.Name, Start: l.Start, Transitions: []JSONTransition{}, MinimumObjectSize: l.MinimumObjectSize}
	if p.MinimumObjectSize == "" {
		p.MinimumObjectSize = model.AllStorageClasses128K
	}
	for _, t := range l.Transitions {
		p.Transitions = append(p.Transitions, JSONTransition{AfterDays: int64(t.After / model.Day), Class: t.Class})
	}
	if l.Expiration > 0 {
		days := json.Number(decimal.NewFromInt(int64(l.Expiration)).DivRound(decimal.NewFromInt(int64(model.Day)), 6).String())
		p.ExpireDays = &days
	}
	if l.SizeGreaterThan.IsPositive() {
		p.SizeGreaterThan = l.SizeGreaterThan.String()
	}
	if l.SizeLessThan.IsPositive() {
		p.SizeLessThan = l.SizeLessThan.String()
	}
	return p
}

// jsonAmount is an amount of e, or nil (null) when e has no amounts.
func jsonAmount(e model.Estimate, d decimal.Decimal) *string {
	if !e.Priced() {
		return nil
	}
	s := d.String()
	return &s
}

// jsonMove: the one-time cost of moving the stock, and the months until it
// has paid for itself (null: never within the horizon).
type jsonMove struct {
	Cost          string `json:"cost"`
	PaybackMonths *int   `json:"payback_months"`
}

type jsonLine struct {
	Item     string `json:"item"`
	Quantity string `json:"quantity"`
	Unit     string `json:"unit"`
	Price    string `json:"price"`
	Cost     string `json:"cost"`
}

// JSONBreakdown is an estimate's cost by category, encoded as an object
// whose keys are all of model.BreakdownKeys, in that order.
type JSONBreakdown struct {
	Estimate model.Estimate
}

// MarshalJSON writes {"storage": "...", ...} in BreakdownKeys order (a Go
// map would be sorted alphabetically).
func (b JSONBreakdown) MarshalJSON() ([]byte, error) {
	sums := b.Estimate.Breakdown()
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range model.BreakdownKeys() {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		val, err := json.Marshal(jsonAmount(b.Estimate, sums[k]))
		if err != nil {
			return nil, err
		}
		buf.Write(key)
		buf.WriteByte(':')
		buf.Write(val)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// JSON writes c as the JSON document of docs/json.md, the contract
// scripts and CI rely on: amounts are unrounded decimal strings (null for
// a class without amounts), every result has all nine breakdown keys, and
// violations, lines, monthly, notes and derived are arrays, never null. Indented by two spaces, newline-terminated.
func JSON(w io.Writer, c model.Comparison) error {
	doc, err := comparisonJSON(c)
	if err != nil {
		return err
	}
	return EncodeJSON(w, doc)
}

// comparisonsJSON writes one comparison as JSON does and several as an
// array of those documents.
func comparisonsJSON(w io.Writer, cs []model.Comparison) error {
	if len(cs) == 1 {
		return JSON(w, cs[0])
	}
	docs := make([]jsonComparison, 0, len(cs))
	for _, c := range cs {
		doc, err := comparisonJSON(c)
		if err != nil {
			return err
		}
		docs = append(docs, doc)
	}
	return EncodeJSON(w, docs)
}

// comparisonJSON is the document JSON writes.
func comparisonJSON(c model.Comparison) (jsonComparison, error) {
	if err := checkCategories(c); err != nil {
		return jsonComparison{}, err
	}
	doc := jsonComparison{
		Workload:   c.Workload,
		Region:     c.Region,
		Currency:   c.Currency,
		Months:     c.Months,
		Pricing:    JSONPricing{Sheet: c.Pricing.Sheet, AsOf: c.Pricing.AsOf, Source: c.Pricing.Source, Discount: c.Pricing.Discount},
		Encryption: encryptionJSON(c.Encryption),
		LeftOut:    leftOutJSON(c),
		Results:    make([]jsonResult, 0, len(c.Results)),
		Notes:      NonNil(c.Notes),
	}
	for i, e := range c.Results {
		r := jsonResult{
			Rank:           i + 1,
			Region:         e.Region,
			Class:          e.Class,
			Eligible:       e.Eligible,
			Violations:     NonNil(e.Violations),
			Total:          jsonAmount(e, e.Total),
			MonthlyAverage: jsonAmount(e, e.MonthlyAverage()),
			Breakdown:      JSONBreakdown{e},
			Lines:          linesJSON(e.Lines),
			Monthly:        make([]*string, 0, len(e.Monthly)),
			Notes:          NonNil(e.Notes),
			Unpriced:       NonNil(e.Unpriced),
			NotOffered:     e.NotOffered,
			Derived:        NonNil(derivedOf(e)),
		}
		if e.Plan != nil {
			r.Plan = PlanJSON(*e.Plan)
		}
		for _, m := range e.Monthly {
			r.Monthly = append(r.Monthly, jsonAmount(e, m))
		}
		if !e.Priced() {
			r.Lines = []jsonLine{} // none: no amounts
		}
		if e.Move != nil {
			r.Move = &jsonMove{Cost: e.Move.Cost.String()}
			if e.Move.PaybackMonths > 0 {
				months := e.Move.PaybackMonths
				r.Move.PaybackMonths = &months
			}
		}
		doc.Results = append(doc.Results, r)
	}
	return doc, nil
}

// linesJSON is the lines of an estimate with unrounded amounts, never nil.
func linesJSON(lines []model.Line) []jsonLine {
	out := make([]jsonLine, 0, len(lines))
	for _, l := range lines {
		out = append(out, jsonLine{
			Item:     l.Item,
			Quantity: l.Quantity.String(),
			Unit:     l.Unit,
			Price:    l.Price.String(),
			Cost:     l.Cost.String(),
		})
	}
	return out
}

// EncodeJSON writes v indented by two spaces with a trailing newline. HTML
// characters are left alone: the output is read by people and programs, not
// embedded in web pages.
func EncodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("report: json: %w", err)
	}
	return nil
}
