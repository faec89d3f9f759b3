package report

import (
	"fmt"
	"strings"

	"github.com/s3cost/s3cost/model"
)

// Why a candidate has no amounts. The strings are the JSON `reason` and the
// CSV `status` values.
const (
	reasonNotPriced  = "not_priced"  // the sheet lacks a price the workload needs
	reasonNotOffered = "not_offered" // the region does not sell the class
	statusPriced     = "priced"
)

// leftOutClass is a candidate the answer could not include: no amounts,
// so it can be neither the cheapest nor compared with it.
type leftOutClass struct {
	Class  model.ClassID
	Region string
	// NotOffered: the region does not sell the class; else the sheet lacks
	// the Missing prices.
	NotOffered bool
	Missing    []string
}

// reason is the machine form of why the class was left out.
func (l leftOutClass) reason() string {
	if l.NotOffered {
		return reasonNotOffered
	}
	return reasonNotPriced
}

// priceStatus is an estimate's CSV status: priced, not_priced or not_offered.
func priceStatus(e model.Estimate) string {
	switch {
	case e.NotOffered:
		return reasonNotOffered
	case !e.Priced():
		return reasonNotPriced
	}
	return statusPriced
}

// regionOf is the region an estimate was priced in: its own when the
// comparison spans several, else the comparison's.
func regionOf(c model.Comparison, e model.Estimate) string {
	if e.Region != "" {
		return e.Region
	}
	return c.Region
}

// leftOut lists the candidates of c that have no amounts, in rank order
// (not priced before not offered, as the engine ranks them). A class that
// misses a requirement is no candidate whatever it would cost, so it is
// not "left out" of the answer (its row still says both).
func leftOut(c model.Comparison) []leftOutClass {
	var out []leftOutClass
	for _, e := range c.Results {
		if e.Priced() || len(e.Requirements) > 0 {
			continue
		}
		l := leftOutClass{Class: e.Class, Region: regionOf(c, e), NotOffered: e.NotOffered}
		if !e.NotOffered {
			l.Missing = e.Unpriced
		}
		out = append(out, l)
	}
	return out
}

// oneRegion: every class left out is of the same region.
func oneRegion(left []leftOutClass) bool {
	for _, l := range left {
		if l.Region != left[0].Region {
			return false
		}
	}
	return true
}

// nothingPriced: c compared classes and could price none of them.
func nothingPriced(c model.Comparison) bool {
	for _, e := range c.Results {
		if e.Priced() {
			return false
		}
	}
	return len(c.Results) > 0
}

// leftOutText names what was left out, grouped so that it stays short even
// across many regions: "not priced in eu-west-1: DEEP_ARCHIVE, ONEZONE_IA;
// not offered in eu-west-1, eu-west-2: EXPRESS_ONEZONE". Regions that
// leave out the same classes for the same reason share one group. With
// noRegion, "not priced: DEEP_ARCHIVE, ...", for a sentence that named the
// one region already. "" when nothing was left out.
func leftOutText(left []leftOutClass, noRegion bool) string {
	var parts []string
	for _, notOffered := range []bool{false, true} {
		// The classes each region leaves out for this reason, regions in
		// order of first appearance.
		var regions []string
		classes := map[string][]string{}
		for _, l := range left {
			if l.NotOffered != notOffered {
				continue
			}
			if _, seen := classes[l.Region]; !seen {
				regions = append(regions, l.Region)
			}
			classes[l.Region] = append(classes[l.Region], string(l.Class))
		}
		// Regions with the same list of classes, in order of first appearance.
		lists, regionsOf := groupRegions(regions, classes)
		word := "not priced"
		if notOffered {
			word = "not offered"
		}
		for _, list := range lists {
			if noRegion {
				parts = append(parts, fmt.Sprintf("%s: %s", word, list))
				continue
			}
			parts = append(parts, fmt.Sprintf("%s in %s: %s", word, strings.Join(regionsOf[list], ", "), list))
		}
	}
	return strings.Join(parts, "; ")
}

// leftOutLine is the sentence under the verdict that names what the
// verdict could not consider, "" when it considered every candidate.
func leftOutLine(c model.Comparison) string {
	left := leftOut(c)
	if len(left) == 0 || nothingPriced(c) {
		// With nothing priced the verdict itself names them.
		return ""
	}
	return "Left out: " + leftOutText(left, false) + "."
}

// maxLineWidth keeps the human formats' prose under 120 columns.
const maxLineWidth = 119

// WrapLine breaks s at spaces into lines of at most maxLineWidth columns
// (a word longer than that stays whole), continuation lines indented by
// two spaces so that they read as one sentence.
func WrapLine(s string) []string { return wrapWords(s, maxLineWidth, "  ") }

// wrapWords breaks s at spaces into lines of at most room (counted as
// TextWidth counts), continuation lines starting with indent; a word
// longer than the room stays whole on a line of its own.
func wrapWords(s string, room int, indent string) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case TextWidth(line)+1+TextWidth(word) <= room:
			line += " " + word
		default:
			lines = append(lines, line)
			line = indent + word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// groupRegions gathers the regions whose lists are the same: each list once
// (its items joined with ", "), in order of first appearance, with the
// regions that have it, so that output stays short across many regions.
func groupRegions(regions []string, items map[string][]string) (lists []string, regionsOf map[string][]string) {
	regionsOf = map[string][]string{}
	for _, r := range regions {
		list := strings.Join(items[r], ", ")
		if _, seen := regionsOf[list]; !seen {
			lists = append(lists, list)
		}
		regionsOf[list] = append(regionsOf[list], r)
	}
	return lists, regionsOf
}
