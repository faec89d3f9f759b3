package lifecycle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
)

// maxIDLen: "The value cannot be longer than 255 characters" (S3 API
// Reference, "LifecycleRule": ID).
const maxIDLen = 255

// emitID is the ID a rule is emitted with: ID, else Lifecycle.Name, else
// one made from the steps ("s3cost-STANDARD_IA-30d-GLACIER-90d-expire-365d").
func (r Rule) emitID() string {
	if r.ID != "" {
		return r.ID
	}
	if r.Lifecycle.Name != "" {
		return r.Lifecycle.Name
	}
	parts := []string{"s3cost"}
	for _, t := range r.Lifecycle.Transitions {
		parts = append(parts, string(t.Class), fmt.Sprintf("%dd", t.After/model.Day))
	}
	if r.Expiration > 0 {
		parts = append(parts, "expire", fmt.Sprintf("%dd", r.Expiration/model.Day))
	}
	return strings.Join(parts, "-")
}

// emitted is what both emitters write, checked.
type emitted struct {
	id          string
	transitions []model.Transition
	expireDays  int64
	gt, lt      int64 // size filter, bytes; 0: none
	minSize     string
}

// prepare checks that the rule is one AWS accepts and that the documents
// can say: whole days, whole bytes, an ID AWS takes, something to do.
func (r Rule) prepare() (emitted, error) {
	l := r.Lifecycle
	id := r.emitID()
	fail := func(format string, args ...any) (emitted, error) {
		return emitted{}, exit.Inputf("lifecycle rule %q: %s", short(id), fmt.Sprintf(format, args...))
	}
	if utf8.RuneCountInString(id) > maxIDLen {
		return fail("the ID is longer than AWS's 255 characters")
	}
	if err := l.Validate(r.Expiration); err != nil {
		return fail("%v", err)
	}
	if r.Expiration < 0 || r.Expiration%model.Day != 0 {
		return fail("expiration after %s: lifecycle expires objects after whole days", model.FormatDuration(r.Expiration))
	}
	for _, d := range append([]time.Duration{r.Expiration}, stepAges(l)...) {
		if d > maxDays*model.Day {
			return fail("%s is longer than the 200 years s3cost reads back", model.FormatDuration(d))
		}
	}
	if len(l.Transitions) == 0 && r.Expiration == 0 {
		return fail("it neither transitions nor expires objects: nothing to apply")
	}
	e := emitted{id: id, transitions: l.Transitions, expireDays: int64(r.Expiration / model.Day), minSize: l.MinimumObjectSize}
	var err error
	if e.gt, err = bytesOf(l.SizeGreaterThan); err != nil {
		return fail("ObjectSizeGreaterThan: %v", err)
	}
	if e.lt, err = bytesOf(l.SizeLessThan); err != nil {
		return fail("ObjectSizeLessThan: %v", err)
	}
	return e, nil
}

func stepAges(l model.Lifecycle) []time.Duration {
	var out []time.Duration
	for _, t := range l.Transitions {
		out = append(out, t.After)
	}
	return out
}

// bytesOf is a size filter as the Long AWS takes; 0 for none.
func bytesOf(d decimal.Decimal) (int64, error) {
	if !d.IsPositive() {
		return 0, nil
	}
	if !d.IsInteger() || d.GreaterThan(decimal.NewFromInt(math.MaxInt64)) {
		return 0, fmt.Errorf("%s is not a whole number of bytes AWS takes", d)
	}
	return d.IntPart(), nil
}

func days(d time.Duration) int64 { return int64(d / model.Day) }

// The put-bucket-lifecycle-configuration document (AWS CLI Command
// Reference, "put-bucket-lifecycle-configuration": --lifecycle-configuration,
// JSON Syntax), its fields in the order people read a rule.
type (
	putDoc struct {
		Rules []putRule `json:"Rules"`
	}
	putRule struct {
		ID          string          `json:"ID"`
		Status      string          `json:"Status"`
		Filter      putFilter       `json:"Filter"`
		Transitions []putTransition `json:"Transitions,omitempty"`
		Expiration  *putExpiration  `json:"Expiration,omitempty"`
	}
	putExpiration struct {
		Days int64 `json:"Days"`
	}
	putFilter struct {
		ObjectSizeGreaterThan int64   `json:"ObjectSizeGreaterThan,omitempty"`
		ObjectSizeLessThan    int64   `json:"ObjectSizeLessThan,omitempty"`
		And                   *putAnd `json:"And,omitempty"`
	}
	putAnd struct {
		ObjectSizeGreaterThan int64 `json:"ObjectSizeGreaterThan"`
		ObjectSizeLessThan    int64 `json:"ObjectSizeLessThan"`
	}
	putTransition struct {
		Days         int64  `json:"Days"`
		StorageClass string `json:"StorageClass"`
	}
)

// PutJSON returns the rule as the lifecycle configuration document that
// `aws s3api put-bucket-lifecycle-configuration --bucket B
// --lifecycle-configuration file://rule.json` takes: one rule, Status
// Enabled, a Filter ({} for every object; ObjectSizeGreaterThan,
// ObjectSizeLessThan, or both in And), Transitions by Days, Expiration by
// Days when the rule expires objects. Parse reads it back to the same rule.
//
// Two things the document cannot say (JSON has no comments; the command
// line and docs/lifecycle-aws.md say them):
//   - TransitionDefaultMinimumObjectSize is not part of the document: the
//     AWS CLI refuses it there. It is the command's
//     --transition-default-minimum-object-size parameter, which PutCommand
//     adds for varies_by_storage_class; without it AWS applies
//     all_storage_classes_128K (AWS CLI Command Reference,
//     "put-bucket-lifecycle-configuration").
//   - Lifecycle.Start: a lifecycle rule does not choose the class of new
//     objects; uploads do (--storage-class). Parse takes STANDARD.
//
// put-bucket-lifecycle-configuration replaces every rule the bucket has:
// to keep others, add this rule to the bucket's current Rules first.
func (r Rule) PutJSON() ([]byte, error) {
	e, err := r.prepare()
	if err != nil {
		return nil, err
	}
	pr := putRule{ID: e.id, Status: "Enabled"}
	switch {
	case e.gt > 0 && e.lt > 0:
		// LifecycleRuleFilter takes exactly one predicate; two go in And.
		pr.Filter.And = &putAnd{ObjectSizeGreaterThan: e.gt, ObjectSizeLessThan: e.lt}
	default:
		pr.Filter.ObjectSizeGreaterThan, pr.Filter.ObjectSizeLessThan = e.gt, e.lt
	}
	for _, t := range e.transitions {
		pr.Transitions = append(pr.Transitions, putTransition{Days: days(t.After), StorageClass: string(t.Class)})
	}
	if e.expireDays > 0 {
		pr.Expiration = &putExpiration{Days: e.expireDays}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)  // an ID with < or & stays readable
	enc.SetIndent("", "    ") // as the AWS CLI prints JSON
	if err := enc.Encode(putDoc{Rules: []putRule{pr}}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// PutCommand returns the command that applies the document PutJSON wrote
// to file on bucket, with --transition-default-minimum-object-size when the
// rule needs varies_by_storage_class (the default needs nothing, and older
// AWS CLIs do not know the parameter).
func (r Rule) PutCommand(bucket, file string) string {
	cmd := "aws s3api put-bucket-lifecycle-configuration --bucket " + shellQuote(bucket) +
		" --lifecycle-configuration " + shellQuote("file://"+file)
	if r.Lifecycle.MinimumObjectSize == model.VariesByStorageClass {
		cmd += " --transition-default-minimum-object-size " + model.VariesByStorageClass
	}
	return cmd
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@+,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// terraformName: a Terraform identifier (letters, digits, underscores,
// hyphens; not starting with a digit or hyphen).
var terraformName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// Terraform returns the rule as a Terraform aws_s3_bucket_lifecycle_configuration
// resource named resource ("" names it s3cost), formatted as terraform fmt
// formats it. Its bucket is var.bucket: declare the variable, or put your
// aws_s3_bucket's id there. The arguments are the Terraform AWS provider's
// (aws_s3_bucket_lifecycle_configuration: rule { id, status, filter { and {
// object_size_greater_than, object_size_less_than } }, transition { days,
// storage_class }, expiration { days } }, and the resource's
// transition_default_minimum_object_size, written only when it is not the
// default all_storage_classes_128K). Like put-bucket-lifecycle-configuration,
// the resource replaces every rule the bucket has.
func (r Rule) Terraform(resource string) ([]byte, error) {
	if resource == "" {
		resource = "s3cost"
	}
	if !terraformName.MatchString(resource) {
		return nil, exit.Inputf("%q is not a Terraform resource name (letters, digits, _ and -, starting with a letter or _)", short(resource))
	}
	e, err := r.prepare()
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# s3cost: %s\n", r.Lifecycle.Describe(r.Expiration))
	b.WriteString("# It replaces every lifecycle rule of the bucket: add the bucket's other rules as more rule blocks.\n")
	if r.Lifecycle.Start != model.Standard && r.Lifecycle.Start != "" {
		fmt.Fprintf(&b, "# Upload objects to %s (x-amz-storage-class): a lifecycle rule does not choose the class of new objects.\n", r.Lifecycle.Start)
	}
	fmt.Fprintf(&b, "resource \"aws_s3_bucket_lifecycle_configuration\" %s {\n", hclString(resource))
	top := [][2]string{{"bucket", "var.bucket"}}
	if e.minSize == model.VariesByStorageClass {
		top = append(top, [2]string{"transition_default_minimum_object_size", hclString(e.minSize)})
	}
	attributes(&b, "  ", top...)
	b.WriteString("\n  rule {\n")
	attributes(&b, "    ", [2]string{"id", hclString(e.id)}, [2]string{"status", `"Enabled"`})
	b.WriteString("\n")
	switch {
	case e.gt > 0 && e.lt > 0:
		b.WriteString("    filter {\n      and {\n")
		attributes(&b, "        ",
			[2]string{"object_size_greater_than", fmt.Sprint(e.gt)},
			[2]string{"object_size_less_than", fmt.Sprint(e.lt)})
		b.WriteString("      }\n    }\n")
	case e.gt > 0:
		b.WriteString("    filter {\n")
		attributes(&b, "      ", [2]string{"object_size_greater_than", fmt.Sprint(e.gt)})
		b.WriteString("    }\n")
	case e.lt > 0:
		b.WriteString("    filter {\n")
		attributes(&b, "      ", [2]string{"object_size_less_than", fmt.Sprint(e.lt)})
		b.WriteString("    }\n")
	default:
		b.WriteString("    filter {}\n")
	}
	for _, t := range e.transitions {
		b.WriteString("\n    transition {\n")
		attributes(&b, "      ",
			[2]string{"days", fmt.Sprint(days(t.After))},
			[2]string{"storage_class", hclString(string(t.Class))})
		b.WriteString("    }\n")
	}
	if e.expireDays > 0 {
		b.WriteString("\n    expiration {\n")
		attributes(&b, "      ", [2]string{"days", fmt.Sprint(e.expireDays)})
		b.WriteString("    }\n")
	}
	b.WriteString("  }\n}\n")
	return []byte(b.String()), nil
}

// attributes writes consecutive name = value lines with the equals signs
// aligned, as terraform fmt aligns them.
func attributes(b *strings.Builder, indent string, kv ...[2]string) {
	width := 0
	for _, p := range kv {
		width = max(width, len(p[0]))
	}
	for _, p := range kv {
		fmt.Fprintf(b, "%s%-*s = %s\n", indent, width, p[0], p[1])
	}
}

// hclString quotes s as an HCL string literal: the JSON escapes, and the
// template sequences ${ and %{ doubled so that they stay literal text.
func hclString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		case (r == '$' || r == '%') && strings.HasPrefix(s[i+1:], "{"):
			b.WriteRune(r)
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
