package model

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Limits that keep parsed figures in a range where decimal arithmetic stays
// fast and nothing overflows: far beyond any real bucket, far below what
// could exhaust memory. Values outside are input errors.
// They are functions because decimal values cannot be constants.
func maxCount() decimal.Decimal { return decimal.New(1, 18) } // objects, requests a month
func maxBytes() decimal.Decimal { return decimal.New(1, 21) } // about 867 EiB: sizes, transfer

const maxYears = 200 // durations

// parseNumber reads a plain decimal number as users write them in workload
// files and flags: "1_000_000", "1e6", "2.5". NaN, Inf, hex and empty strings
// are rejected.
func parseNumber(s string) (decimal.Decimal, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	if t == "" {
		return decimal.Zero, fmt.Errorf("empty number")
	}
	for _, r := range t {
		if !strings.ContainsRune("0123456789.eE+-", r) {
			return decimal.Zero, fmt.Errorf("%q is not a number", s)
		}
	}
	// Refuse absurd exponents before decimal builds a huge integer.
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		exp := strings.TrimLeft(t[i+1:], "+-")
		if len(exp) > 3 {
			return decimal.Zero, fmt.Errorf("%q is out of range", s)
		}
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Zero, fmt.Errorf("%q is not a number", s)
	}
	return d, nil
}

// ParseCount reads a count or rate: "1_000_000", "1e6", "0.5". It may be
// fractional (a rate of reads a month) but not negative.
func ParseCount(s string) (decimal.Decimal, error) {
	d, err := parseNumber(s)
	if err != nil {
		return d, err
	}
	if d.IsNegative() {
		return d, fmt.Errorf("must not be negative, got %s", s)
	}
	if d.GreaterThan(maxCount()) {
		return d, fmt.Errorf("%s is too large (at most 1e18)", s)
	}
	return d, nil
}

// sizeUnits are binary, as AWS bills: 1 KB = 1 KiB = 1024 bytes (S3 pricing
// page: "1 GB is 2^30 bytes").
func sizeUnit(u string) (int64, bool) {
	switch strings.ToLower(u) {
	case "", "b":
		return 1, true
	case "k", "kb", "kib":
		return KiB, true
	case "m", "mb", "mib":
		return MiB, true
	case "g", "gb", "gib":
		return GiB, true
	case "t", "tb", "tib":
		return TiB, true
	case "p", "pb", "pib":
		return 1024 * TiB, true
	}
	return 0, false
}

// splitUnit splits "1.5MiB" into "1.5" and "MiB".
func splitUnit(s string) (num, unit string) {
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 {
		c := t[i-1]
		if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') {
			i--
			continue
		}
		break
	}
	// "1e6" ends in a digit, so an exponent is never taken for a unit; but
	// "2e" would leave "e" as the unit: let the unit lookup reject it.
	return strings.TrimSpace(t[:i]), t[i:]
}

// ParseSize reads a byte size with a binary unit: "1.5MiB", "16KB", "3 TiB",
// or a bare number of bytes. Fractions of a byte are rounded to the nearest
// byte. The result is at most about 867 EiB.
func ParseSize(s string) (decimal.Decimal, error) {
	num, unit := splitUnit(s)
	mult, ok := sizeUnit(unit)
	if !ok {
		return decimal.Zero, fmt.Errorf("%q has unknown size unit %q (use B, KiB, MiB, GiB, TiB, PiB; KB=KiB)", s, unit)
	}
	d, err := parseNumber(num)
	if err != nil {
		return d, fmt.Errorf("%q is not a size", s)
	}
	if d.IsNegative() {
		return d, fmt.Errorf("must not be negative, got %s", s)
	}
	b := d.Mul(decimal.NewFromInt(mult)).Round(0)
	if b.GreaterThan(maxBytes()) {
		return b, fmt.Errorf("%s is too large", s)
	}
	return b, nil
}

// ParseDuration reads "100ms", "1s", "5min", "12h", "30d", "2w", "6mo", "1y".
// A month is 365/12 days (730 hours), a year 365 days, as AWS prices by.
func ParseDuration(s string) (time.Duration, error) {
	num, unit := splitUnit(s)
	var mult time.Duration
	switch strings.ToLower(unit) {
	case "ms":
		mult = time.Millisecond
	case "s", "sec":
		mult = time.Second
	case "min":
		mult = time.Minute
	case "h":
		mult = time.Hour
	case "d":
		mult = Day
	case "w":
		mult = 7 * Day
	case "mo":
		mult = Month
	case "y":
		mult = Year
	case "":
		return 0, fmt.Errorf("%q needs a unit (ms, s, min, h, d, w, mo, y)", s)
	default:
		return 0, fmt.Errorf("%q has unknown duration unit %q (use ms, s, min, h, d, w, mo, y)", s, unit)
	}
	d, err := parseNumber(num)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration", s)
	}
	if d.IsNegative() {
		return 0, fmt.Errorf("must not be negative, got %s", s)
	}
	ns := d.Mul(decimal.NewFromInt(int64(mult))).Round(0)
	if ns.GreaterThan(decimal.NewFromInt(maxYears * int64(Year))) {
		return 0, fmt.Errorf("%s is too long (at most 200 years)", s)
	}
	return time.Duration(ns.IntPart()), nil
}

// ParseFraction reads a share or percentage: "0.999", "99.9%". The result
// lies in [0, 1].
func ParseFraction(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	percent := strings.HasSuffix(t, "%")
	d, err := parseNumber(strings.TrimSuffix(t, "%"))
	if err != nil {
		return d, fmt.Errorf("%q is not a fraction or percentage", s)
	}
	if percent {
		d = d.Shift(-2)
	}
	if d.IsNegative() || d.GreaterThan(decimal.NewFromInt(1)) {
		return d, fmt.Errorf("must lie between 0 and 1 (or 0%% and 100%%), got %s", s)
	}
	return d, nil
}

// FormatBytes renders a byte count with the largest binary unit that keeps
// the number at least 1: "1.5 MiB", "128 KiB", "900 B".
func FormatBytes(b decimal.Decimal) string {
	units := []struct {
		name string
		size int64
	}{{"PiB", 1024 * TiB}, {"TiB", TiB}, {"GiB", GiB}, {"MiB", MiB}, {"KiB", KiB}}
	for _, u := range units {
		n := decimal.NewFromInt(u.size)
		if b.Abs().GreaterThanOrEqual(n) {
			return b.DivRound(n, 2).String() + " " + u.name
		}
	}
	return b.Round(2).String() + " B"
}

// FormatDuration renders a duration in the largest whole unit that fits it
// exactly (y, mo, d, h, min, s), else in hours with decimals.
func FormatDuration(d time.Duration) string {
	units := []struct {
		name string
		size time.Duration
	}{{"y", Year}, {"mo", Month}, {"d", Day}, {"h", time.Hour}, {"min", time.Minute}, {"s", time.Second}, {"ms", time.Millisecond}}
	for _, u := range units {
		if d >= u.size && d%u.size == 0 {
			return fmt.Sprintf("%d%s", d/u.size, u.name)
		}
	}
	return d.String()
}

// FormatCount renders a count rounded to a whole number with thousands
// separators: "1,200,000".
func FormatCount(n decimal.Decimal) string {
	s := n.Round(0).String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// FormatValue renders a value of a workload key in base units (bytes,
// seconds, a number, a fraction) for people: 1.5 MiB, 30d, 5,000,000, 25%.
func FormatValue(kind string, x decimal.Decimal) string {
	switch kind {
	case "size":
		return FormatBytes(x)
	case "duration":
		return FormatSeconds(x, 2)
	case "fraction":
		return x.Shift(2).Round(4).String() + "%"
	}
	if x.IsInteger() || x.Abs().GreaterThanOrEqual(decimal.NewFromInt(1000)) {
		return FormatCount(x)
	}
	return x.Round(6).String()
}

// FormatSeconds renders a duration given in seconds for people: a whole
// number of years, months or days as FormatDuration writes it ("1y",
// "30d"), else in the largest of days, hours, minutes and seconds that
// keeps it at least 1, with up to places decimals ("296.25d", "7.5h").
func FormatSeconds(secs decimal.Decimal, places int32) string {
	if secs.IsInteger() {
		d := time.Duration(secs.IntPart()) * time.Second
		for _, u := range []time.Duration{Year, Month, Day} {
			if d >= u && d%u == 0 {
				return FormatDuration(d)
			}
		}
	}
	units := []struct {
		name string
		size int64
	}{{"d", int64(Day / time.Second)}, {"h", 3600}, {"min", 60}}
	for _, u := range units {
		n := decimal.NewFromInt(u.size)
		if secs.Abs().GreaterThanOrEqual(n) {
			return secs.DivRound(n, places).String() + u.name
		}
	}
	return secs.Round(places).String() + "s"
}

// FormatRange renders an interval of a key's values, "A and B", with just
// enough decimals to tell its ends apart (up to 12), so a narrow bracket
// never reads "between 0 and 0": whole bytes for sizes ("167,772 and
// 167,773 bytes"), durations as FormatSeconds writes them.
func FormatRange(kind string, lo, hi decimal.Decimal) string {
	if kind == "size" {
		return FormatCount(lo) + " and " + FormatCount(hi) + " bytes"
	}
	for places := int32(2); ; places++ {
		var a, b string
		if kind == "duration" {
			a, b = FormatSeconds(lo, places), FormatSeconds(hi, places)
		} else {
			a, b = lo.Round(places).String(), hi.Round(places).String()
		}
		if a != b || places >= 12 || lo.Equal(hi) {
			return a + " and " + b
		}
	}
}
