package report

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Money formats a USD amount for people: rounded half away from zero to
// cents, with thousands separators and a "$" sign, e.g. "$1,215.00" and
// "-$0.01". Amounts that round to zero print as "$0.00", never "-$0.00".
// Machine formats (JSON, CSV) keep the unrounded decimal instead.
func Money(d decimal.Decimal) string {
	// decimal.Round rounds half away from zero: 0.005 -> 0.01, -0.005 -> -0.01.
	cents := d.Round(2)
	sign := ""
	if cents.IsNegative() {
		sign = "-"
		cents = cents.Neg()
	}
	fixed := cents.StringFixed(2) // "1215.00"
	whole, frac, _ := strings.Cut(fixed, ".")
	return sign + "$" + groupThousands(whole) + "." + frac
}

// groupThousands inserts a comma every three digits from the right of a
// string of digits: "1234567" -> "1,234,567".
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
