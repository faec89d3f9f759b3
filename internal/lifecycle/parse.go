package lifecycle

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/readfile"
	"github.com/s3cost/s3cost/model"
)

// ReadFile reads and parses the lifecycle configuration in the file at
// path. A file that cannot be opened or read is an I/O error (exit.IO);
// everything else Parse refuses is bad input (exit.Input).
func ReadFile(path string) (Config, error) {
	f, err := readfile.Open(path) // a pipe would block: refused unopened
	if err != nil {
		return Config{}, err
	}
	defer f.Close()
	return Read(path, f)
}

// Read reads at most MaxInputBytes+1 bytes from r and parses them; name
// names the input in messages.
func Read(name string, r io.Reader) (Config, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return Config{}, exit.IO(fmt.Errorf("%s: %w", name, err))
	}
	return Parse(name, data)
}

// Parse reads a lifecycle configuration: the JSON that
// `aws s3api get-bucket-lifecycle-configuration` prints
// ({"Rules": [...], "TransitionDefaultMinimumObjectSize": "..."}), or the
// document put-bucket-lifecycle-configuration takes ({"Rules": [...]}).
// name names the input in messages.
//
// It returns the enabled rules that transition or expire current objects,
// each with notes on what it left aside. It refuses, with one line naming
// name, the rule and the JSON field (exit.Input): input that is not JSON
// (with line and column), a field AWS does not define (a typo must not be
// silently ignored), a storage class AWS does not name, a Date (s3cost
// prices ages, not dates), ExpiredObjectDeleteMarker, a rule AWS's
// lifecycle constraints forbid (model.Lifecycle.Validate, with the rule's
// own expiration), and a file with no rule to price.
func Parse(name string, data []byte) (Config, error) {
	if len(data) > MaxInputBytes {
		return Config{}, exit.Inputf("%s: larger than 1 MiB: not a lifecycle configuration (AWS allows at most 1,000 rules)", name)
	}
	// PowerShell's Out-File -Encoding utf8 writes a byte-order mark; it
	// says nothing.
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF")) {
		return Config{}, exit.Inputf("%s: UTF-16 text (Windows PowerShell's > writes it): save the JSON as UTF-8, e.g. with | Out-File -Encoding utf8", name)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Config{}, exit.Inputf("%s: empty: expected the JSON that aws s3api get-bucket-lifecycle-configuration prints", name)
	}
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return Config{}, exit.Inputf("%s", syntaxError(name, data, err))
	}
	cfg, err := parseConfig(raw)
	if err != nil {
		return Config{}, exit.Inputf("%s: %v", name, err)
	}
	return cfg, nil
}

// syntaxError turns encoding/json's byte offset into name:line:column.
func syntaxError(name string, data []byte, err error) string {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return fmt.Sprintf("%s: invalid JSON: %v", name, err)
	}
	// The offset counts the bytes read, the offending one included; at the
	// end of the input, point just past its last character.
	i := int(se.Offset) - 1
	if se.Offset >= int64(len(data)) && strings.Contains(se.Error(), "end of JSON input") {
		i = len(bytes.TrimRight(data, " \t\r\n"))
	}
	i = max(0, min(i, len(data)))
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	line := bytes.Count(data[:i], []byte("\n")) + 1
	col := utf8.RuneCount(data[start:i]) + 1
	return fmt.Sprintf("%s:%d:%d: invalid JSON: %v", name, line, col, se)
}

// ruleShape is LifecycleRule (S3 API Reference, "LifecycleRule",
// "LifecycleRuleFilter", "LifecycleRuleAndOperator", "Tag", "Transition",
// "LifecycleExpiration", "NoncurrentVersionTransition",
// "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload").
func ruleShape() *shape {
	tag := object(map[string]*shape{"Key": scalar(), "Value": scalar()})
	return object(map[string]*shape{
		"ID":     scalar(),
		"Status": scalar(),
		"Prefix": scalar(), // deprecated by Filter, still printed for old rules
		"Filter": object(map[string]*shape{
			"Prefix":                scalar(),
			"Tag":                   tag,
			"ObjectSizeGreaterThan": scalar(),
			"ObjectSizeLessThan":    scalar(),
			"And": object(map[string]*shape{
				"Prefix":                scalar(),
				"Tags":                  array(tag),
				"ObjectSizeGreaterThan": scalar(),
				"ObjectSizeLessThan":    scalar(),
			}),
		}),
		"Transitions": array(object(map[string]*shape{
			"Date": scalar(), "Days": scalar(), "StorageClass": scalar(),
		})),
		"Expiration": object(map[string]*shape{
			"Date": scalar(), "Days": scalar(), "ExpiredObjectDeleteMarker": scalar(),
		}),
		"NoncurrentVersionTransitions": array(object(map[string]*shape{
			"NoncurrentDays": scalar(), "StorageClass": scalar(), "NewerNoncurrentVersions": scalar(),
		})),
		"NoncurrentVersionExpiration": object(map[string]*shape{
			"NoncurrentDays": scalar(), "NewerNoncurrentVersions": scalar(),
		}),
		"AbortIncompleteMultipartUpload": object(map[string]*shape{
			"DaysAfterInitiation": scalar(),
		}),
	})
}

// label names rule i: `rule "ID" (Rules[i])`, or Rules[i] without ID.
func label(id string, i int) string {
	if id == "" {
		return fmt.Sprintf("Rules[%d]", i)
	}
	return fmt.Sprintf("rule %q (Rules[%d])", short(id), i)
}

// Label names the rule in messages: `rule "ID" (Rules[i])`.
func (r Rule) Label() string { return label(r.ID, r.Index) }

func parseConfig(raw json.RawMessage) (Config, error) {
	top := object(map[string]*shape{"Rules": scalar(), "TransitionDefaultMinimumObjectSize": scalar()})
	if k := kind(raw); k != "an object" {
		return Config{}, fmt.Errorf("expected a JSON object with Rules (as aws s3api get-bucket-lifecycle-configuration prints), found %s", k)
	}
	m := members(raw)
	for _, f := range keys(m) {
		if top.knows(f) == nil {
			return Config{}, unknownField("", f, top)
		}
	}
	var cfg Config
	minSize := model.AllStorageClasses128K
	if v, ok := m["TransitionDefaultMinimumObjectSize"]; ok {
		s, err := str(v, "TransitionDefaultMinimumObjectSize")
		if err != nil {
			return Config{}, err
		}
		if s != model.AllStorageClasses128K && s != model.VariesByStorageClass {
			return Config{}, fieldError("TransitionDefaultMinimumObjectSize", "%q is not a value AWS knows (%s or %s)", short(s), model.AllStorageClasses128K, model.VariesByStorageClass)
		}
		cfg.MinimumObjectSize, minSize = s, s
	} else {
		cfg.Notes = append(cfg.Notes, fmt.Sprintf("TransitionDefaultMinimumObjectSize absent: taken as %s, the default put-bucket-lifecycle-configuration applies without --transition-default-minimum-object-size", model.AllStorageClasses128K))
	}
	rulesRaw, ok := m["Rules"]
	if !ok {
		return Config{}, errors.New("no Rules: expected the JSON that aws s3api get-bucket-lifecycle-configuration prints")
	}
	if k := kind(rulesRaw); k != "an array" {
		return Config{}, fieldError("Rules", "expected a JSON array, found %s", k)
	}
	rules := elements(rulesRaw)
	if len(rules) > maxRules {
		return Config{}, fieldError("Rules", "%d rules: AWS allows at most 1,000", len(rules))
	}
	disabled, idle := 0, 0
	for i, rr := range rules {
		r, skip, err := parseRule(i, rr, minSize)
		if err != nil {
			return Config{}, err
		}
		switch skip {
		case "":
			cfg.Rules = append(cfg.Rules, r)
		case skipDisabled:
			disabled++
			cfg.Notes = append(cfg.Notes, r.Label()+": skipped: Status is Disabled")
		default:
			idle++
			cfg.Notes = append(cfg.Notes, r.Label()+": skipped: "+skip)
		}
	}
	if len(cfg.Rules) == 0 {
		if len(rules) == 0 {
			return Config{}, errors.New("Rules is empty: no lifecycle rule to price")
		}
		return Config{}, fmt.Errorf("no rule to price: of %d rules, %d are Disabled and %d neither transition nor expire current objects", len(rules), disabled, idle)
	}
	return cfg, nil
}

const skipDisabled = "disabled"

// parseRule reads rule i. A rule is skipped (skip says why) when it is
// disabled or acts on no current object; a disabled rule is only checked
// for its fields' names and shapes, since AWS never applies it.
func parseRule(i int, raw json.RawMessage, minSize string) (r Rule, skip string, err error) {
	r.Index = i
	if kind(raw) == "an object" {
		if v, ok := members(raw)["ID"]; ok && kind(v) == "a string" {
			r.ID, _ = str(v, "ID")
		}
	}
	fail := func(err error) (Rule, string, error) {
		return Rule{}, "", fmt.Errorf("%s: %w", r.Label(), err)
	}
	if err := check(raw, ruleShape(), ""); err != nil {
		return fail(err)
	}
	m := members(raw)
	if v, ok := m["ID"]; ok {
		if _, err := str(v, "ID"); err != nil {
			return fail(err)
		}
	}
	st, ok := m["Status"]
	if !ok {
		return fail(errors.New("Status missing (Enabled or Disabled)"))
	}
	status, err := str(st, "Status")
	if err != nil {
		return fail(err)
	}
	switch status {
	case "Enabled":
	case "Disabled":
		return r, skipDisabled, nil
	default:
		return fail(fieldError("Status", "%q: AWS knows Enabled and Disabled", short(status)))
	}

	l := model.Lifecycle{Name: r.ID, Start: model.Standard, MinimumObjectSize: minSize}
	if err := r.filter(m, &l); err != nil {
		return fail(err)
	}
	if err := r.transitions(m, &l); err != nil {
		return fail(err)
	}
	if err := r.expiration(m); err != nil {
		return fail(err)
	}
	var ignored []string
	for _, f := range []string{"NoncurrentVersionTransitions", "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload"} {
		if _, ok := m[f]; ok {
			ignored = append(ignored, f)
		}
	}
	if len(l.Transitions) == 0 && r.Expiration == 0 {
		why := "it neither transitions nor expires current objects"
		if len(ignored) > 0 {
			why += " (" + strings.Join(ignored, ", ") + ": not priced)"
		}
		return r, why, nil
	}
	for _, f := range ignored {
		if f == "AbortIncompleteMultipartUpload" {
			r.Notes = append(r.Notes, f+": incomplete multipart uploads are not priced; left aside")
		} else {
			r.Notes = append(r.Notes, f+": acts on noncurrent versions, which s3cost does not price; left aside")
		}
	}
	// AWS's constraints (S3 User Guide, "Transitioning objects using
	// Amazon S3 Lifecycle"), with the rule's own expiration. An error that
	// the transitions alone do not cause is the expiration's.
	if err := l.Validate(r.Expiration); err != nil {
		field := "Transitions"
		if l.Validate(0) == nil {
			field = "Expiration.Days"
		}
		return fail(fieldError(field, "%v", err))
	}
	r.Lifecycle = l
	return r, "", nil
}

// wholeDataset ends every note on a filter s3cost does not price.
const wholeDataset = "; s3cost prices the rule as if it applied to the whole dataset"

// filter reads Filter, or the legacy Prefix, into l's size filter; key and
// tag filters become notes.
func (r *Rule) filter(m map[string]json.RawMessage, l *model.Lifecycle) error {
	legacy, hasLegacy := m["Prefix"]
	f, hasFilter := m["Filter"]
	if hasLegacy && hasFilter {
		// LifecycleRule: Filter "is required if the LifecycleRule does not
		// contain a Prefix element"; AWS refuses both.
		return fieldError("Prefix", "give Filter or the legacy Prefix, not both")
	}
	if hasLegacy {
		return r.prefix(legacy, "Prefix")
	}
	if !hasFilter {
		return nil
	}
	fm := members(f)
	if len(fm) > 1 {
		// LifecycleRuleFilter: "exactly one of Prefix, Tag,
		// ObjectSizeGreaterThan, ObjectSizeLessThan, or And".
		return fieldError("Filter", "has %s: give one of Prefix, Tag, ObjectSizeGreaterThan, ObjectSizeLessThan, And (combine them in And)", strings.Join(keys(fm), " and "))
	}
	path := "Filter"
	if and, ok := fm["And"]; ok {
		fm, path = members(and), "Filter.And"
	}
	if v, ok := fm["Prefix"]; ok {
		if err := r.prefix(v, at(path, "Prefix")); err != nil {
			return err
		}
	}
	var tags []string
	if v, ok := fm["Tag"]; ok {
		t, err := tag(v, at(path, "Tag"))
		if err != nil {
			return err
		}
		tags = append(tags, t)
	}
	if v, ok := fm["Tags"]; ok {
		for i, e := range elements(v) {
			t, err := tag(e, fmt.Sprintf("%s[%d]", at(path, "Tags"), i))
			if err != nil {
				return err
			}
			tags = append(tags, t)
		}
	}
	if len(tags) > 0 {
		field := at(path, "Tag")
		if path == "Filter.And" {
			field = at(path, "Tags")
		}
		r.Notes = append(r.Notes, fmt.Sprintf("%s: the rule applies only to objects tagged %s%s", field, strings.Join(tags, " and "), wholeDataset))
	}
	// Sizes are bytes, exclusive bounds (LifecycleRuleFilter). Less than 0
	// would select nothing; greater than 0 is every object, as no filter.
	var gt, lt int64
	var err error
	if v, ok := fm["ObjectSizeGreaterThan"]; ok {
		if gt, err = whole(v, at(path, "ObjectSizeGreaterThan"), 0, math.MaxInt64); err != nil {
			return err
		}
	}
	if v, ok := fm["ObjectSizeLessThan"]; ok {
		if lt, err = whole(v, at(path, "ObjectSizeLessThan"), 1, math.MaxInt64); err != nil {
			return err
		}
	}
	if gt > 0 && lt > 0 && gt >= lt {
		// "The object_size_greater_than must be less than the
		// object_size_less_than" (Terraform AWS provider,
		// aws_s3_bucket_lifecycle_configuration); model.Lifecycle.Validate
		// says the same.
		return fieldError(path, "ObjectSizeGreaterThan %d must be less than ObjectSizeLessThan %d", gt, lt)
	}
	l.SizeGreaterThan, l.SizeLessThan = decimal.NewFromInt(gt), decimal.NewFromInt(lt)
	return nil
}

func (r *Rule) prefix(raw json.RawMessage, path string) error {
	p, err := str(raw, path)
	if err != nil {
		return err
	}
	if p != "" {
		r.Notes = append(r.Notes, fmt.Sprintf("%s %q: the rule applies only to keys that begin with it%s", path, short(p), wholeDataset))
	}
	return nil
}

func tag(raw json.RawMessage, path string) (string, error) {
	m := members(raw)
	var kv [2]string
	for i, f := range []string{"Key", "Value"} {
		v, ok := m[f]
		if !ok {
			if f == "Value" {
				// "If you specify only a Key element and no Value
				// element, the rule will apply only to objects that match
				// the tag key and that do not have a value" (S3 User
				// Guide, "Adding filters to Lifecycle rules").
				continue
			}
			return "", fieldError(path, "Key missing")
		}
		s, err := str(v, at(path, f))
		if err != nil {
			return "", err
		}
		kv[i] = s
	}
	return plain(kv[0]) + "=" + plain(kv[1]), nil
}

// plain is s for a note: shortened, and quoted when it holds spaces or
// characters that do not print, so that the note stays one readable line.
func plain(s string) string {
	s = short(s)
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) || unicode.IsSpace(r) || r == '"' || r == '=' }) >= 0 {
		return strconv.Quote(s)
	}
	return s
}

// transitions reads Transitions into l, in order of age (AWS takes them
// in any order).
func (r *Rule) transitions(m map[string]json.RawMessage, l *model.Lifecycle) error {
	v, ok := m["Transitions"]
	if !ok {
		return nil
	}
	for i, t := range elements(v) {
		path := fmt.Sprintf("Transitions[%d]", i)
		tm := members(t)
		if _, ok := tm["Date"]; ok {
			return fieldError(at(path, "Date"), "s3cost prices objects by age, not by date: use Days")
		}
		sc, ok := tm["StorageClass"]
		if !ok {
			return fieldError(path, "StorageClass missing")
		}
		name, err := str(sc, at(path, "StorageClass"))
		if err != nil {
			return err
		}
		class := model.ClassID(name)
		if !slices.Contains(transitionClasses(), class) {
			var known []string
			for _, c := range transitionClasses() {
				known = append(known, string(c))
			}
			return fieldError(at(path, "StorageClass"), "%q is not a class lifecycle transitions to (AWS names: %s)", short(name), strings.Join(known, ", "))
		}
		dv, ok := tm["Days"]
		if !ok {
			return fieldError(path, "Days missing")
		}
		// Transition: Days is "0 or positive integers" for
		// INTELLIGENT_TIERING, GLACIER_IR, GLACIER and DEEP_ARCHIVE.
		days, err := whole(dv, at(path, "Days"), 0, maxDays)
		if err != nil {
			return err
		}
		if days == 0 {
			// S3 moves objects at the midnight UTC after the age the rule
			// gives; with Days 0 that is within a day of creation.
			days = 1
			r.Notes = append(r.Notes, fmt.Sprintf("%s.Days 0: AWS moves objects at the first midnight UTC after their creation; s3cost prices the move at 1 day", path))
		}
		l.Transitions = append(l.Transitions, model.Transition{After: time.Duration(days) * model.Day, Class: class})
	}
	slices.SortStableFunc(l.Transitions, func(a, b model.Transition) int {
		return cmp.Compare(a.After, b.After)
	})
	return nil
}

// expiration reads Expiration.Days into r.Expiration.
func (r *Rule) expiration(m map[string]json.RawMessage) error {
	v, ok := m["Expiration"]
	if !ok {
		return nil
	}
	em := members(v)
	if _, ok := em["Date"]; ok {
		return fieldError("Expiration.Date", "s3cost prices objects by age, not by date: use Days")
	}
	if _, ok := em["ExpiredObjectDeleteMarker"]; ok {
		return fieldError("Expiration.ExpiredObjectDeleteMarker", "s3cost prices current objects, not delete markers: remove the field (or the rule) to price the rest")
	}
	dv, ok := em["Days"]
	if !ok {
		return fieldError("Expiration", "Days missing")
	}
	// LifecycleExpiration: Days is "a non-zero positive integer".
	days, err := whole(dv, "Expiration.Days", 1, maxDays)
	if err != nil {
		return err
	}
	r.Expiration = time.Duration(days) * model.Day
	return nil
}
