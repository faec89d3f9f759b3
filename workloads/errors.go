package workloads

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/s3cost/s3cost/internal/exit"
)

// Error is a problem in a workload file, at a position a user (or an editor
// parsing the message) can jump to. Line and Column are 1-based. Field is the
// dotted path of the offending key ("reads.per_month", "objects.sizes[1].share",
// "classes[0]"; list indices are 0-based) and is empty for YAML syntax errors.
type Error struct {
	File   string
	Line   int
	Column int
	Field  string
	Msg    string
	// Set is the --set PATH=VALUE the error is about, when the value came
	// from the command line rather than the file.
	Set string
}

// Error renders the error on one line as FILE:LINE:COL: FIELD: MSG, or
// FILE:LINE:COL: MSG when there is no field, the form compilers use, so that
// editors and CI annotations can link to the spot.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Set != "" {
		// The override as typed, on one line even if the argument is not.
		b.WriteString("--set ")
		b.WriteString(oneLine(e.Set))
	} else {
		b.WriteString(e.File)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Column))
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(oneLine(e.Field))
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Is makes every *Error bad input (exit.ErrInput, exit code 2): it is
// always about what the file or a --set says.
func (e *Error) Is(target error) bool { return target == exit.ErrInput }

// oneLine keeps messages on one line: docs/json.md promises one-line
// errors, and a newline from the YAML parser or a quoted value must not
// break that.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(strings.NewReplacer("\r", " ", "\n", " ").Replace(s)), " ")
}

// maxQuoted bounds how much of a bad value an error repeats: enough to
// recognise it, not a megabyte of fuzz.
const maxQuoted = 40

// quote renders a user's value for an error message: Go-quoted (so control
// characters and invalid UTF-8 stay visible and on one line) and shortened.
func quote(s string) string {
	if utf8.RuneCountInString(s) > maxQuoted {
		r := []rune(s)
		return strconv.Quote(string(r[:maxQuoted])) + "..."
	}
	return strconv.Quote(s)
}

// suggest returns the known name closest to name when it is close enough to
// be a likely typo, else "".
func suggest(name string, known []string) string {
	lower := strings.ToLower(name)
	best, bestDist := "", -1
	for _, k := range known {
		d := editDistance(lower, strings.ToLower(k))
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	// Two edits in a long key is a typo; in a three-letter key it is
	// another word.
	limit := 1
	if utf8.RuneCountInString(name) >= 5 {
		limit = 2
	}
	if bestDist >= 0 && bestDist <= limit {
		return best
	}
	// A key cut short ("peak" for peak_month): the one known key it
	// begins.
	var prefixed []string
	for _, k := range known {
		if utf8.RuneCountInString(name) >= 3 && strings.HasPrefix(strings.ToLower(k), lower) {
			prefixed = append(prefixed, k)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Keys are short; a very long unknown key cannot be a typo of one, and
	// bounding the work keeps fuzzed input from making this quadratic.
	if len(ra) > 64 || len(rb) > 64 {
		return max(len(ra), len(rb))
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// unknownMsg is the message for a key or value that is not one of known.
func unknownMsg(what, name string, known []string) string {
	msg := fmt.Sprintf("unknown %s (known: %s)", what, strings.Join(known, ", "))
	if s := suggest(name, known); s != "" {
		msg = fmt.Sprintf("unknown %s, did you mean %q? (known: %s)", what, s, strings.Join(known, ", "))
	}
	return msg
}
