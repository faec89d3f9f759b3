package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/s3cost/s3cost/model"
)

// derivedMark follows the class of a priced row that rests on a derived
// price (docs/pricing.md): the same ASCII mark `pricing show` puts on the
// derived price itself, so that the table survives any terminal.
const derivedMark = " *"

// derivedOf is the derived prices an estimate's amounts rest on: none for
// a class without amounts.
func derivedOf(e model.Estimate) []string {
	if !e.Priced() {
		return nil
	}
	return e.Derived
}

// classCell is a row's CLASS cell: the class, marked when its amounts use
// a derived price.
func classCell(e model.Estimate) string {
	if len(derivedOf(e)) > 0 {
		return string(e.Class) + derivedMark
	}
	return string(e.Class)
}

// derivedFootnotes explain derivedMark under the table, each key once:
// "* priced with a derived price (rule in `s3cost pricing show eu-west-1`):
// classes.DEEP_ARCHIVE.put_per_1k". Across several regions, one line per
// group of regions that use the same keys, in order of first appearance.
// Nil when no row is marked. Lines are not wrapped.
func derivedFootnotes(c model.Comparison) []string {
	var regions []string
	keys := map[string][]string{}
	for _, e := range c.Results {
		d := derivedOf(e)
		if len(d) == 0 {
			continue
		}
		r := regionOf(c, e)
		if _, seen := keys[r]; !seen {
			regions = append(regions, r)
		}
		for _, k := range d {
			if !slices.Contains(keys[r], k) {
				keys[r] = append(keys[r], k)
			}
		}
	}
	if len(regions) == 0 {
		return nil
	}
	if !hasRegions(c) {
		r := regions[0]
		return []string{fmt.Sprintf("* priced with a derived price (rule in `s3cost pricing show %s`): %s", r, strings.Join(keys[r], ", "))}
	}
	lists, regionsOf := groupRegions(regions, keys)
	var out []string
	for _, list := range lists {
		rs := regionsOf[list]
		where := "`s3cost pricing show " + rs[0] + "`"
		if len(rs) > 1 {
			where = "`s3cost pricing show REGION`"
		}
		out = append(out, fmt.Sprintf("* priced with a derived price in %s (rule in %s): %s", strings.Join(rs, ", "), where, list))
	}
	return out
}
