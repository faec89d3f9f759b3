package pricing

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// NewSheet starts a sheet with no prices, for a program that builds one
// (the sheet generator): set prices with SetPrice, write it with Format.
func NewSheet(id, region, currency, asOf, source string) *Sheet {
	s := &Sheet{ID: id, Region: region, Currency: currency, AsOf: asOf, Source: source,
		Classes: map[model.ClassID]ClassPrices{}, NotOffered: map[model.ClassID]bool{},
		provenance: map[string]Provenance{}, sources: map[string]Provenance{}}
	for _, c := range model.Catalog() {
		s.Classes[c.ID] = ClassPrices{ITTiers: map[string]decimal.Decimal{}, Restore: map[model.RestoreTier]RestorePrice{}}
	}
	s.Transfer.InterRegionTo = map[string]decimal.Decimal{}
	return s
}

// AddSource declares a named source (`sources:`) that prices may come from.
func (s *Sheet) AddSource(name, source, asOf string) {
	s.sources[name] = Provenance{From: name, Source: source, AsOf: asOf}
}

// SetPrice sets one item's price: key is an item key (a tiered item takes
// all its tiers at once; a ByRegion item is set one region at a time as
// "transfer.inter_region_to.<region>"). from names a declared source ("" for
// the sheet's own) and rule is the derivation of a derived price ("" for a
// price read from its source).
func (s *Sheet) SetPrice(key string, t Tiers, from, rule string) error {
	if len(t) == 0 {
		return fmt.Errorf("%s: no price", key)
	}
	// The checks the parser makes, so that what is set can be written and
	// read back.
	prev := decimal.Zero
	for i, tier := range t {
		switch {
		case tier.Price.IsNegative():
			return fmt.Errorf("%s: negative price %s", key, tier.Price)
		case tier.Unbounded && i != len(t)-1:
			return fmt.Errorf("%s: only the last tier may be unbounded", key)
		case !tier.Unbounded && !tier.UpTo.GreaterThan(prev):
			return fmt.Errorf("%s: tiers out of order", key)
		}
		prev = tier.UpTo
	}
	prov, err := s.provenanceFrom(key, from, rule)
	if err != nil {
		return err
	}
	if base, region, ok := strings.Cut(key, ".inter_region_to."); ok && base == "transfer" {
		def, _ := LookupItem("transfer.inter_region_to")
		def.region(s)[region] = t[0].Price
	} else {
		def, ok := LookupItem(key)
		if !ok || def.ByRegion {
			return fmt.Errorf("%s: not an item of the sheet format", key)
		}
		if !def.Tiered && len(t) != 1 {
			return fmt.Errorf("%s: a single price, not %d tiers", key, len(t))
		}
		if def.Class != "" && s.NotOffered[def.Class] {
			return fmt.Errorf("%s: %s is not offered in %s", key, def.Class, s.Region)
		}
		def.set(s, t)
	}
	if prov.From != "" || prov.Rule != "" {
		s.provenance[key] = prov
	} else {
		delete(s.provenance, key)
	}
	return nil
}

// SetProvenance records where one tier of a tiered price comes from when
// it differs from its item's ("transfer.internet[3]" from another source).
func (s *Sheet) SetProvenance(key, from, rule string) error {
	prov, err := s.provenanceFrom(key, from, rule)
	if err != nil {
		return err
	}
	s.provenance[key] = prov
	return nil
}

// provenanceFrom is the provenance of a price from a declared source (""
// for the sheet's own) with an optional derivation rule.
func (s *Sheet) provenanceFrom(key, from, rule string) (Provenance, error) {
	prov := Provenance{Source: s.Source, AsOf: s.AsOf, Rule: rule}
	if from != "" {
		src, ok := s.sources[from]
		if !ok {
			return Provenance{}, fmt.Errorf("%s: source %q not declared", key, from)
		}
		prov.From, prov.Source, prov.AsOf = from, src.Source, src.AsOf
	}
	return prov, nil
}

// SetNotOffered records that the region does not sell a class.
func (s *Sheet) SetNotOffered(id model.ClassID) { s.NotOffered[id] = true }

// Price returns an item's price (all tiers of a tiered item); nil when the
// sheet does not have it.
func (s *Sheet) Price(key string) Tiers {
	if base, region, ok := strings.Cut(key, ".inter_region_to."); ok && base == "transfer" {
		if p, ok := s.Transfer.InterRegionTo[region]; ok {
			return Flat(p)
		}
		return nil
	}
	def, ok := LookupItem(key)
	if !ok || def.ByRegion {
		return nil
	}
	return def.get(s)
}

// FormatOptions add comments to a written sheet.
type FormatOptions struct {
	// Header is written first, one comment line each.
	Header []string
	// Comments are written after an item's price ("# from ..."), by item key
	// (for a tiered item, by tier: "classes.STANDARD.storage[1]").
	Comments map[string]string
	// Missing, when set, explains each missing item in the header, by key.
	Missing map[string]string
}

// Format writes the sheet in the format ParseSheet reads, items in sheet
// order (ItemDefs), each price with its provenance when it is not the
// sheet's own source: Format then ParseSheet gives the same sheet.
func Format(s *Sheet, opts FormatOptions) []byte {
	var b bytes.Buffer
	for _, h := range opts.Header {
		b.WriteString(strings.TrimRight("# "+commentText(h), " ") + "\n")
	}
	if missing := s.Missing(); len(missing) > 0 {
		b.WriteString("#\n# Left out (no figure from any source; never guessed):\n")
		for _, k := range missing {
			line := "#   " + k
			if why := opts.Missing[k]; why != "" {
				line += ": " + commentText(why)
			}
			b.WriteString(line + "\n")
		}
	}
	fmt.Fprintf(&b, "sheet: %s\nregion: %s\ncurrency: %s\nas_of: %s\nsource: %s\n",
		yamlString(s.ID), yamlString(s.Region), yamlString(s.Currency), strconv.Quote(s.AsOf), yamlString(s.Source))
	// Only the sources some price comes from.
	used := map[string]bool{}
	for _, p := range s.provenance {
		used[p.From] = true
	}
	names := make([]string, 0, len(s.sources))
	for n := range s.sources {
		if used[n] {
			names = append(names, n)
		}
	}
	if len(names) > 0 {
		b.WriteString("sources:\n")
		sort.Strings(names)
		for _, n := range names {
			src := s.sources[n]
			fmt.Fprintf(&b, "  %s: { as_of: %s, source: %s }\n", n, strconv.Quote(src.AsOf), yamlString(src.Source))
		}
	}
	var notOffered []string
	for _, c := range model.Catalog() {
		if s.NotOffered[c.ID] {
			notOffered = append(notOffered, string(c.ID))
		}
	}
	if len(notOffered) > 0 {
		fmt.Fprintf(&b, "not_offered: [%s]\n", strings.Join(notOffered, ", "))
	}

	w := &yamlTree{b: &b}
	for _, def := range ItemDefs() {
		if def.ByRegion {
			regions := make([]string, 0, len(s.Transfer.InterRegionTo))
			for r := range s.Transfer.InterRegionTo {
				regions = append(regions, r)
			}
			sort.Strings(regions)
			for _, r := range regions {
				key := def.Key + "." + r
				w.scalar(strings.Split(key, "."), s.priceText(key, Flat(s.Transfer.InterRegionTo[r])[0]), opts.Comments[key])
			}
			continue
		}
		t := def.get(s)
		if t == nil {
			continue
		}
		path := strings.Split(def.Key, ".")
		switch {
		case def.Measure == Count:
			text := t[0].Price.String()
			if f := s.provenanceFields(def.Key); len(f) > 0 {
				text = "{ " + strings.Join(append([]string{"price: " + text}, f...), ", ") + " }"
			}
			w.scalar(path, text, opts.Comments[def.Key])
		case def.Tiered:
			var lines []string
			for i, tier := range t {
				key := fmt.Sprintf("%s[%d]", def.Key, i)
				fields := []string{}
				if !tier.Unbounded {
					fields = append(fields, "upto_gb: "+tier.UpTo.String())
				}
				fields = append(fields, "price: "+strconv.Quote(tier.Price.String()))
				fields = append(fields, s.provenanceFields(key)...)
				line := "- { " + strings.Join(fields, ", ") + " }"
				if c := opts.Comments[key]; c != "" {
					line += "   # " + commentText(c)
				}
				lines = append(lines, line)
			}
			w.list(path, lines, opts.Comments[def.Key])
		default:
			w.scalar(path, s.priceText(def.Key, t[0]), opts.Comments[def.Key])
		}
	}
	return b.Bytes()
}

// priceText is a flat price as written: a plain string, or a mapping with
// its provenance.
func (s *Sheet) priceText(key string, t Tier) string {
	fields := s.provenanceFields(key)
	if len(fields) == 0 {
		return strconv.Quote(t.Price.String())
	}
	return "{ " + strings.Join(append([]string{"price: " + strconv.Quote(t.Price.String())}, fields...), ", ") + " }"
}

func (s *Sheet) provenanceFields(key string) []string {
	p, ok := s.provenance[key]
	if !ok {
		if i := strings.IndexByte(key, '['); i >= 0 {
			p, ok = s.provenance[key[:i]]
		}
	}
	if !ok {
		return nil
	}
	var out []string
	if p.From != "" {
		out = append(out, "from: "+p.From)
	}
	if p.Rule != "" {
		out = append(out, "derived: "+strconv.Quote(p.Rule))
	}
	return out
}

// yamlTree writes nested mappings from key paths given in order, opening
// and closing levels as the paths change.
type yamlTree struct {
	b    *bytes.Buffer
	open []string
}

// descend writes the mapping keys that lead to path's parent and returns
// the indentation of its last segment.
func (w *yamlTree) descend(path []string) string {
	parent := path[:len(path)-1]
	common := 0
	for common < len(w.open) && common < len(parent) && w.open[common] == parent[common] {
		common++
	}
	if len(parent) > 0 && (common == 0 || parent[0] == "classes" && common < 2) {
		w.b.WriteString("\n") // a blank line before each class and section
	}
	w.open = append(w.open[:common], parent[common:]...)
	for i := common; i < len(parent); i++ {
		w.b.WriteString(strings.Repeat("  ", i) + parent[i] + ":\n")
	}
	return strings.Repeat("  ", len(parent))
}

func (w *yamlTree) scalar(path []string, value, comment string) {
	indent := w.descend(path)
	line := indent + path[len(path)-1] + ": " + value
	if comment != "" {
		line += "   # " + commentText(comment)
	}
	w.b.WriteString(line + "\n")
}

func (w *yamlTree) list(path []string, items []string, comment string) {
	indent := w.descend(path)
	line := indent + path[len(path)-1] + ":"
	if comment != "" {
		line += "   # " + commentText(comment)
	}
	w.b.WriteString(line + "\n")
	for _, it := range items {
		w.b.WriteString(indent + "  " + it + "\n")
	}
}

// yamlString writes a plain string bare when YAML reads it back as the
// same string, else double-quoted (Go's escapes are a subset of YAML's).
func yamlString(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '/' || r == '_' || r == '.') {
			plain = false
		}
	}
	if plain {
		if _, err := decimal.NewFromString(s); err != nil && s != "true" && s != "false" && s != "null" && s != "yes" && s != "no" {
			return s
		}
	}
	return strconv.Quote(s)
}

// commentText keeps text on one comment line.
func commentText(s string) string {
	return strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return ' '
		}
		return r
	}, s)
}
