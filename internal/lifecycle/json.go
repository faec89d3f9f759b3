package lifecycle

// The JSON walking Parse is built on: encoding/json matches field names
// without regard to case and says nothing of unknown ones, while the AWS
// CLI refuses both; these helpers check each field by its exact name and
// say where in the document a value is wrong.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// shape is what a JSON value may hold: an object's fields, an array's
// elements, or (neither) a scalar. It lists every field AWS defines, priced
// or not, so that an unknown one is a typo.
type shape struct {
	fields map[string]*shape
	elem   *shape
}

func scalar() *shape                       { return &shape{} }
func object(f map[string]*shape) *shape    { return &shape{fields: f} }
func array(elem *shape) *shape             { return &shape{elem: elem} }
func (s *shape) isObject() bool            { return s.fields != nil }
func (s *shape) isArray() bool             { return s.elem != nil }
func (s *shape) knows(field string) *shape { return s.fields[field] }
func (s *shape) names() []string           { return keys(s.fields) }

// keys returns m's keys in order, so that messages do not vary.
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// kind names the JSON value raw (valid JSON) holds.
func kind(raw json.RawMessage) string {
	t := bytes.TrimLeft(raw, " \t\r\n")
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// at joins a path and a field: at("Filter", "And") is "Filter.And".
func at(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// fieldError is an error at a JSON path within the thing being parsed.
func fieldError(path, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if path == "" {
		return errors.New(msg)
	}
	return errors.New(path + ": " + msg)
}

// check walks raw against s: every object a JSON object with fields s
// knows, every array an array, every scalar neither nor null.
func check(raw json.RawMessage, s *shape, path string) error {
	k := kind(raw)
	switch {
	case s.isObject():
		if k != "an object" {
			return fieldError(path, "expected a JSON object, found %s", k)
		}
		m := members(raw)
		for _, f := range keys(m) {
			sub := s.knows(f)
			if sub == nil {
				return unknownField(path, f, s)
			}
			if err := check(m[f], sub, at(path, f)); err != nil {
				return err
			}
		}
	case s.isArray():
		if k != "an array" {
			return fieldError(path, "expected a JSON array, found %s", k)
		}
		for i, e := range elements(raw) {
			if err := check(e, s.elem, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	default:
		if k == "an object" || k == "an array" || k == "null" {
			return fieldError(path, "expected a string, number or boolean, found %s", k)
		}
	}
	return nil
}

func unknownField(path, f string, s *shape) error {
	for _, n := range s.names() {
		if strings.EqualFold(n, f) {
			return fieldError(path, "unknown field %q (AWS spells it %q)", short(f), n)
		}
	}
	hint := ""
	switch f {
	case "Transition", "NoncurrentVersionTransition":
		// The deprecated PutBucketLifecycle API's Rule has one Transition.
		hint = "; that is the shape of the deprecated get-bucket-lifecycle: use get-bucket-lifecycle-configuration"
	}
	return fieldError(path, "unknown field %q (known: %s)%s", short(f), strings.Join(s.names(), ", "), hint)
}

// members and elements decode an object or array check has vetted.
func members(raw json.RawMessage) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	_ = json.Unmarshal(raw, &m)
	return m
}

func elements(raw json.RawMessage) []json.RawMessage {
	var a []json.RawMessage
	_ = json.Unmarshal(raw, &a)
	return a
}

func str(raw json.RawMessage, path string) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fieldError(path, "expected a string, found %s", kind(raw))
	}
	return s, nil
}

// whole reads a whole number in [lo, hi]. AWS's types are Integer and
// Long: 30.0 or 3e1 are not whole numbers to the AWS CLI either.
func whole(raw json.RawMessage, path string, lo, hi int64) (int64, error) {
	if kind(raw) != "a number" {
		return 0, fieldError(path, "expected a whole number, found %s", kind(raw))
	}
	text := string(bytes.TrimSpace(raw))
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fieldError(path, "expected a whole number, found %s", short(text))
	}
	if err != nil || n < lo || n > hi {
		return 0, fieldError(path, "%s is out of range (%d to %d)", short(text), lo, hi)
	}
	return n, nil
}

// short bounds a string from the input quoted in a message, so that one
// line stays one short line whatever the file holds.
func short(s string) string {
	const limit = 64
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)
	return string(r[:limit]) + "…"
}
