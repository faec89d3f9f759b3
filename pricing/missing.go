package pricing

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Covers reports whether the tiers price a month's quantity in full: the
// last tier is unbounded, or the quantity stays within it.
func (t Tiers) Covers(qty decimal.Decimal) bool {
	if len(t) == 0 {
		return !qty.IsPositive()
	}
	last := t[len(t)-1]
	return last.Unbounded || qty.LessThanOrEqual(last.UpTo)
}

// derivedKeys lists the keys an estimate used that rest on a derived price.
func derivedKeys(s *Sheet, needed []string) []string {
	var out []string
	for _, key := range needed {
		if len(s.derivedRules(key)) > 0 {
			out = append(out, key)
		}
	}
	return out
}

// derivedNotes says which derived prices (docs/pricing.md) an estimate
// uses, with their rules: a derived price is a stated inference, and the
// reader should know when a figure rests on one.
func derivedNotes(s *Sheet, needed []string) []string {
	var notes []string
	for _, key := range needed {
		for _, rule := range s.derivedRules(key) {
			notes = append(notes, fmt.Sprintf("uses a derived price in %s: %s, %s", s.Region, key, rule))
		}
	}
	return notes
}

func dedupe(keys []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// unpriced is the estimate of a class the sheet cannot price for this
// workload: not ranked, no amounts, and the missing prices named.
func unpriced(s *Sheet, c model.Class, months int, missing []string) model.Estimate {
	e := model.Estimate{Class: c.ID, Unpriced: missing, Total: decimal.Zero, Monthly: make([]decimal.Decimal, months)}
	for i := range e.Monthly {
		e.Monthly[i] = decimal.Zero
	}
	e.Violations = []string{unpricedReason(s, missing)}
	return e
}

// notOffered is the estimate of a class the region does not sell: not
// ranked, no amounts.
func notOffered(s *Sheet, c model.Class, months int) model.Estimate {
	e := model.Estimate{Class: c.ID, NotOffered: true, Total: decimal.Zero, Monthly: make([]decimal.Decimal, months)}
	for i := range e.Monthly {
		e.Monthly[i] = decimal.Zero
	}
	e.Violations = []string{fmt.Sprintf("not offered in %s", s.Region)}
	return e
}

// unpricedReason names the sheet each missing price belongs to: the
// region's own, or a replication destination's ("replication to R: key"
// from replicate), so the user knows which sheet to complete.
func unpricedReason(s *Sheet, missing []string) string {
	var own, workload []string
	var dests []string
	byDest := map[string][]string{}
	for _, m := range missing {
		if strings.HasPrefix(m, "objects.from: ") {
			workload = append(workload, m) // the workload's fault, said as is
			continue
		}
		rest, ok := strings.CutPrefix(m, "replication to ")
		if !ok {
			own = append(own, m)
			continue
		}
		region, key, _ := strings.Cut(rest, ": ")
		if _, seen := byDest[region]; !seen {
			dests = append(dests, region)
		}
		byDest[region] = append(byDest[region], key)
	}
	parts := workload
	if len(own) > 0 {
		text := fmt.Sprintf("the %s sheet has no %s", s.ID, strings.Join(own, ", "))
		if len(own) == 1 && own[0] == "kms" {
			// Only the KMS block is absent (GovCloud): say how to price
			// the rest.
			text += " prices; with SSE-S3 (--encryption sse-s3) the rest can be priced"
		}
		parts = append(parts, text)
	}
	for _, r := range dests {
		id := "aws/" + r
		if dest, ok := s.Peer(r); ok {
			id = dest.ID
		}
		parts = append(parts, fmt.Sprintf("for replication to %s, the %s sheet has no %s", r, id, strings.Join(byDest[r], ", ")))
	}
	return fmt.Sprintf("not priced in %s (%s)", s.Region, strings.Join(parts, "; "))
}

// sourceNotes says which prices the priced estimates use that come from
// another source than the sheet's own, with that source's date: the
// comparison's heading names only the sheet's date, and a figure resting
// on an older table or a third-party transcription should say so. used
// holds the keys each estimate charged at.
func sourceNotes(s *Sheet, used [][]string) []string {
	type source struct{ name, asOf string }
	keys := map[source][]string{}
	var order []source
	for _, needed := range used {
		for _, key := range needed {
			for _, k := range s.provenanceKeys(key) {
				p := s.provenance[k]
				if p.From == "" {
					continue
				}
				src := source{p.From, p.AsOf}
				if _, seen := keys[src]; !seen {
					order = append(order, src)
				}
				if !slices.Contains(keys[src], k) {
					keys[src] = append(keys[src], k) // a tier with its own source is named as such
				}
			}
		}
	}
	if len(order) == 0 {
		return nil
	}
	var parts []string
	for _, src := range order {
		parts = append(parts, fmt.Sprintf("%s from %s (as of %s)", strings.Join(compactTiers(keys[src]), ", "), src.name, src.asOf))
	}
	return []string{fmt.Sprintf("prices not from the %s sheet's own source (as of %s): %s; see s3cost pricing show %s",
		s.ID, s.AsOf, strings.Join(parts, "; "), s.Region)}
}

// provenanceKeys are the keys with their own provenance behind an item key
// as the engine names it: the key, its tiers ("transfer.internet[3]"), or
// for "kms" the KMS prices.
func (s *Sheet) provenanceKeys(key string) []string {
	var out []string
	for k := range s.provenance {
		if k == key || strings.HasPrefix(k, key+"[") || key == "kms" && strings.HasPrefix(k, "kms.") {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// compactTiers writes consecutive tiers of one item as a range:
// "transfer.internet[0]", "[1]", "[2]" become "transfer.internet[0-2]".
func compactTiers(keys []string) []string {
	var out []string
	for i := 0; i < len(keys); {
		base, idx, ok := tierOf(keys[i])
		j := i + 1
		for ok && j < len(keys) {
			b, n, ok2 := tierOf(keys[j])
			if !ok2 || b != base || n != idx+(j-i) {
				break
			}
			j++
		}
		if j-i > 1 {
			out = append(out, fmt.Sprintf("%s[%d-%d]", base, idx, idx+j-i-1))
		} else {
			out = append(out, keys[i])
		}
		i = j
	}
	return out
}

// tierOf splits "transfer.internet[3]" into its item key and tier index.
func tierOf(key string) (string, int, bool) {
	base, rest, ok := strings.Cut(key, "[")
	if !ok {
		return key, 0, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	return base, n, err == nil
}
