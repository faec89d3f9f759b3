package inventory

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// AgeEdges are the ends of the age bands, in days, youngest first: band k
// holds the objects at least AgeEdges[k-1] days old (0 for k = 0) and
// younger than AgeEdges[k] days, as objects.ages reads its bands
// (docs/cost-rules.md, "Ages"). An object exactly 30 days old is in the
// band that starts at 30 days.
//
// The edges are the ages at which the engine's figures can change: every
// age the lifecycle planner tries a transition at (30, 45, 60, 90, 120,
// 150, 180, 270, 365, 545, 730 days), Intelligent-Tiering's 30 and 90 days
// without access, and 15 days to tell the newest objects apart. Past 730
// days the planner tries no transition and Intelligent-Tiering has no
// threshold, so the bands widen to 3, 5, 10 and 20 years, and the last ends
// at 100 years: S3 is younger than that, so an older object is a malformed
// date, not an old object.
var AgeEdges = [...]int64{15, 30, 45, 60, 90, 120, 150, 180, 270, 365, 545, 730, 1095, 1825, 3650, 7300, 36500}

// NumAgeBands is the number of age bands.
const NumAgeBands = len(AgeEdges)

const dayMs = 24 * 60 * 60 * 1000

// ageEdgesMs are AgeEdges in milliseconds.
var ageEdgesMs = func() (e [NumAgeBands]int64) {
	for i, d := range AgeEdges {
		e[i] = d * dayMs
	}
	return e
}()

// ageBand is the band of an object age in milliseconds, or -1 when it is
// 100 years or more. A negative age (an object modified after the inventory
// date: written while the inventory ran) is band 0. The edges are whole
// days, so the band is that of the age's whole days, looked up in a table
// (a division by a constant and a load, cheaper than searching the edges
// once per object).
func ageBand(ageMs int64) int {
	if ageMs < 0 {
		return 0
	}
	if ageMs >= ageEdgesMs[NumAgeBands-1] {
		return -1
	}
	return int(bandOfDay[ageMs/dayMs])
}

// bandOfDay is the band of each whole number of days of age.
var bandOfDay = func() []uint8 {
	t := make([]uint8, AgeEdges[NumAgeBands-1])
	k := 0
	for d := range t {
		for int64(d) >= AgeEdges[k] {
			k++
		}
		t[d] = uint8(k)
	}
	return t
}()

// AgeUntil is band k's end as objects.ages writes it: "30d".
func AgeUntil(k int) string { return strconv.FormatInt(AgeEdges[k], 10) + "d" }

// ageBandOf is the band whose AgeUntil is s, or -1.
func ageBandOf(s string) int {
	for k := range NumAgeBands {
		if AgeUntil(k) == s {
			return k
		}
	}
	return -1
}

// ParseModified reads a LastModifiedDate as S3 Inventory writes it in CSV
// reports, ISO 8601 in UTC with milliseconds, 2025-10-01T12:34:56.000Z
// (the AWS documentation's "Amazon S3 Inventory list"), or without the
// fraction, 2025-10-01T12:34:56Z, and returns milliseconds since the epoch.
// Any other form is an error rather than a guess (a date without a time,
// another time zone). It reads the digits where they stand, without
// time.Parse or closures: this runs once per object, and costs about as
// much as splitting the row (BenchmarkParseModified).
func ParseModified(b []byte) (int64, error) {
	if len(b) != 20 && len(b) != 24 {
		if len(b) == 0 {
			return 0, errors.New("empty LastModifiedDate")
		}
		return badModified(b)
	}
	_ = b[19]
	if b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' || b[len(b)-1] != 'Z' {
		return badModified(b)
	}
	y0, y1, y2, y3 := b[0]-'0', b[1]-'0', b[2]-'0', b[3]-'0'
	mo0, mo1, d0, d1 := b[5]-'0', b[6]-'0', b[8]-'0', b[9]-'0'
	h0, h1, mi0, mi1, s0, s1 := b[11]-'0', b[12]-'0', b[14]-'0', b[15]-'0', b[17]-'0', b[18]-'0'
	// A byte below '0' wraps around to above 9.
	if y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || mo0 > 9 || mo1 > 9 || d0 > 9 || d1 > 9 ||
		h0 > 9 || h1 > 9 || mi0 > 9 || mi1 > 9 || s0 > 9 || s1 > 9 {
		return badModified(b)
	}
	var ms int64
	if len(b) == 24 {
		f0, f1, f2 := b[20]-'0', b[21]-'0', b[22]-'0'
		if b[19] != '.' || f0 > 9 || f1 > 9 || f2 > 9 {
			return badModified(b)
		}
		ms = int64(f0)*100 + int64(f1)*10 + int64(f2)
	}
	year := int64(y0)*1000 + int64(y1)*100 + int64(y2)*10 + int64(y3)
	month, day := int64(mo0)*10+int64(mo1), int64(d0)*10+int64(d1)
	hour, minute, sec := int64(h0)*10+int64(h1), int64(mi0)*10+int64(mi1), int64(s0)*10+int64(s1)
	if year < 1 || month < 1 || month > 12 || day < 1 || (day > 28 && day > daysIn(year, month)) ||
		hour > 23 || minute > 59 || sec > 59 {
		return badModified(b)
	}
	return (daysFromCivil(year, month, day)*24+hour)*3600_000 + minute*60_000 + sec*1000 + ms, nil
}

func badModified(b []byte) (int64, error) {
	return 0, fmt.Errorf("LastModifiedDate %q is not a date as S3 Inventory writes it (2025-10-01T12:34:56.000Z)", clip(b))
}

func daysIn(year, month int64) int64 {
	switch month {
	case 2:
		if isLeap(uint64(year)) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func isLeap(y uint64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysBefore is the number of days of a common year before each month.
var daysBefore = [13]int64{0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}

// daysFromCivil is the number of days from 1970-01-01 to a valid date of
// the proleptic Gregorian calendar, years 1 to 9999. Unsigned divisions by
// constants compile to multiplications: this runs once per object.
func daysFromCivil(y, m, d int64) int64 {
	p := uint64(y - 1) // whole years since 0001-01-01
	days := int64(365*p+p/4-p/100+p/400) - 719162 + daysBefore[m] + d - 1
	if m > 2 && isLeap(uint64(y)) {
		days++
	}
	return days
}

// ParseAsOf reads --as-of: a date, 2026-11-29 (midnight UTC), or an RFC
// 3339 time, 2026-11-29T01:00:00Z. It returns milliseconds since the epoch.
func ParseAsOf(s string) (int64, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.UnixMilli(), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UnixMilli(), nil
	}
	return 0, fmt.Errorf("%q is not a date (2026-11-29) or an RFC 3339 time (2026-11-29T01:00:00Z)", s)
}

// ParseCreationTimestamp reads a manifest's creationTimestamp: milliseconds
// since the epoch as a string of digits ("1514944800000" in the AWS
// documentation's "Inventory manifest" examples).
func ParseCreationTimestamp(s string) (int64, error) {
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil || ms < 0 || s[0] == '+' {
		return 0, fmt.Errorf("creationTimestamp %q is not milliseconds since the epoch", s)
	}
	return ms, nil
}

// FormatMs renders milliseconds since the epoch as an RFC 3339 UTC time.
func FormatMs(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.999Z07:00")
}
