// Package workloads reads workload files (README.md "The workload format", version
// 1): strict YAML decoding in which every error names the file, line, column
// and key at fault; defaults; validation; the format's JSON Schema; and the
// example workloads shipped with s3cost.
package workloads

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// Options carries what a workload file may leave to the environment.
type Options struct {
	// DefaultRegion applies when the file has no region key (the CLI fills it
	// from config or S3COST_REGION); empty means us-east-1.
	DefaultRegion string
	// KnownRegions, when non-empty, lists the regions s3cost has prices for;
	// any other region is an error at the region key.
	KnownRegions []string
	// Set holds overrides, "PATH=VALUE" (the --set flag), applied before
	// the file is checked; see set.go.
	Set []string
}

// Defaults of format version 1 (README.md, "The workload format").
const (
	defaultRegion = "us-east-1"
	defaultMonths = 12
	defaultName   = "workload"
)

// meanDivPlaces is the precision of total / count. Sixteen decimal places
// keep a mean size exact to far below a byte for any count up to the 1e18
// limit; decimal.Div would use the package-global DivisionPrecision, which
// any importer may change.
const meanDivPlaces = 16

// regionPattern is the shape of an AWS region code (us-east-1,
// us-gov-west-1, ap-southeast-2). It is checked when Options.KnownRegions is
// empty and published in the schema.
const regionPattern = `^[a-z]{2}(-[a-z]+)+-[0-9]+$`

// Compiled patterns are read-only after initialisation.
var regionRE = regexp.MustCompile(regionPattern)

// Decode reads a workload file: data is its content and filename is used in
// error positions and for the default name. It returns the workload with
// every default applied, or an *Error pointing at the first problem in the
// file. Unknown keys, duplicate keys, YAML aliases and multiple documents are
// errors. Decode never panics, whatever data holds.
func Decode(filename string, data []byte, opts Options) (model.Workload, error) {
	d := &decoder{file: filename, name: defaultNameFor(filename), opts: opts}
	if d.file == "" {
		d.file = "<input>"
	}
	root, err := d.parse(data)
	if err != nil {
		return model.Workload{}, err
	}
	if err := d.applyOverrides(root, opts.Set); err != nil {
		return model.Workload{}, err
	}
	format := formatV1()
	tree, err := d.walk(&format, "", nil, root)
	if err != nil {
		return model.Workload{}, err
	}
	f, err := d.buildFile(tree, filename)
	if err != nil {
		return model.Workload{}, err
	}
	if len(f.Datasets) != 1 {
		v := tree.get("datasets")
		return model.Workload{}, d.errAt(v.pos(), v.path, fmt.Sprintf("this file has %d datasets; a single workload was expected here", len(f.Datasets)))
	}
	w := f.Datasets[0]
	w.Budget = f.Budget
	return w, nil
}

// DecodeFile reads a workload file that may hold several datasets: each
// comes back as a complete model.Workload (region and months from the
// file), and the file's own budget apart. A single-dataset file has one
// dataset, named after the file (or its name key), with no budget of its
// own: the file's budget is its budget.
func DecodeFile(filename string, data []byte, opts Options) (model.File, error) {
	d := &decoder{file: filename, name: defaultNameFor(filename), opts: opts}
	if d.file == "" {
		d.file = "<input>"
	}
	root, err := d.parse(data)
	if err != nil {
		return model.File{}, err
	}
	if err := d.applyOverrides(root, opts.Set); err != nil {
		return model.File{}, err
	}
	format := formatV1()
	tree, err := d.walk(&format, "", nil, root)
	if err != nil {
		return model.File{}, err
	}
	f, err := d.buildFile(tree, filename)
	f.Path = filename
	return f, err
}

// decoder holds the state of one Decode call.
type decoder struct {
	file string
	// name is the default name of the file's dataset (its base name).
	name string
	opts Options
	// setNodes are the nodes --set put in the tree, with the flag's text.
	setNodes map[*yaml.Node]string
	// notes are what the decoder did to the dataset being built that its
	// estimate should say (model.Workload.Notes).
	notes []string
}

// scaleShares: shares written as rounded percentages (33% three times)
// add up to 99% to 101%, not exactly 1. They are scaled to add up to
// exactly 1 (the largest takes the rounding remainder) and a note says so;
// a sum further off is an error, as a slip it would hide. ok is false when
// the sum is not within 99-101%.
func (d *decoder) scaleShares(path string, shares []decimal.Decimal, sum decimal.Decimal) (out []decimal.Decimal, ok bool) {
	if sum.LessThan(decimal.New(99, -2)) || sum.GreaterThan(decimal.New(101, -2)) {
		return nil, false
	}
	out = make([]decimal.Decimal, len(shares))
	largest := 0
	for i, x := range shares {
		if x.GreaterThan(shares[largest]) {
			largest = i
		}
	}
	rest := decimal.NewFromInt(1)
	for i, x := range shares {
		if i != largest {
			out[i] = x.DivRound(sum, 30)
			rest = rest.Sub(out[i])
		}
	}
	out[largest] = rest
	d.notes = append(d.notes, fmt.Sprintf("%s: the shares add up to %s%%; scaled to add up to 100%%", path, sum.Shift(2).String()))
	return out, true
}

func (d *decoder) errAt(n *yaml.Node, fieldPath, msg string) *Error {
	if expr, ok := d.setNodes[n]; ok && n != nil {
		return &Error{Set: expr, Field: fieldPath, Msg: oneLine(msg)}
	}
	line, col := 1, 1
	if n != nil && n.Line > 0 {
		line, col = n.Line, max(n.Column, 1)
	}
	return &Error{File: d.file, Line: line, Column: col, Field: fieldPath, Msg: oneLine(msg)}
}

// yamlLine finds the line number in the YAML library's messages, which read
// "yaml: line 3: mapping values are not allowed in this context".
var yamlLine = regexp.MustCompile(`^yaml: line ([0-9]+): `)

// syntaxErr turns an error of the YAML parser into an *Error. The parser
// reports a line but no column, so the column is 1.
func (d *decoder) syntaxErr(err error) *Error {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil && n > 0 {
			line = n
		}
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if strings.Contains(msg, "found character that cannot start any token") || strings.Contains(msg, "found a tab character") {
		// The usual cause: a tab where YAML wants spaces.
		msg += " (a tab? YAML indents with spaces only)"
	}
	return &Error{File: d.file, Line: line, Column: 1, Msg: oneLine("invalid YAML: " + msg)}
}

// parse reads the single YAML document of a workload file.
func (d *decoder) parse(data []byte) (root *yaml.Node, err error) {
	// The YAML parser reports malformed input by panicking internally and
	// recovering; a few inputs reach panics it does not recover ("internal
	// error: ..."). A bad file must be an input error, never a crash.
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, &Error{File: d.file, Line: 1, Column: 1, Msg: oneLine(fmt.Sprintf("invalid YAML: the parser failed: %v", r))}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{File: d.file, Line: 1, Column: 1, Msg: "empty workload"}
		}
		return nil, d.syntaxErr(err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, d.errAt(&next, "", "a workload file holds one YAML document, found another here")
	case !errors.Is(err, io.EOF):
		return nil, d.syntaxErr(err)
	}
	root = &doc
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) != 1 {
			return nil, d.errAt(nil, "", "empty workload")
		}
		root = doc.Content[0]
	}
	// An empty document ("---" alone) is an implicit null whose position
	// the parser puts after the end of the file; point at the start.
	if isNull(root) {
		return nil, d.errAt(nil, "", "empty workload")
	}
	return root, nil
}

// value is a node of the workload after the structural pass: its field in
// the format table, where it is, and what it holds.
type value struct {
	f    *field
	path string
	key  *yaml.Node // nil for the root and list items
	node *yaml.Node

	fields map[string]*value // typeMapping
	items  []*value          // typeList
	num    decimal.Decimal   // numbers and sizes
	dur    time.Duration     // typeDuration
	str    string            // names, regions, class IDs, restore tiers
	full   bool              // typeSizeOrFull: "full"
	flag   bool              // typeBool
	// forever: typeAge given as "forever" (dur is 0); word: a typeList
	// given as its field's word instead of a list.
	forever, word bool
}

// pos is the node an error about v points at: the key for a mapping entry
// (as in "w.yaml:7:3: reads.per_month: ..."), the entry itself in a list.
func (v *value) pos() *yaml.Node {
	if v.key != nil {
		return v.key
	}
	return v.node
}

// get returns the entry name of mapping v, or nil when v or it is absent.
func (v *value) get(name string) *value {
	if v == nil {
		return nil
	}
	return v.fields[name]
}

func joinPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// kindName describes a node for "must be X, got Y" messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "the value " + quote(n.Value)
	case yaml.DocumentNode:
		return "a document"
	case yaml.AliasNode:
		return "an alias"
	}
	return "an unknown node"
}

// walk checks node against field f: its kind, its keys, its scalar syntax.
// It returns the checked tree; cross-field rules are left to build.
func (d *decoder) walk(f *field, fieldPath string, key, node *yaml.Node) (*value, error) {
	v := &value{f: f, path: fieldPath, key: key, node: node}
	if node.Kind == yaml.AliasNode {
		// Expanding aliases invites exponential blowup (billion laughs) and
		// a workload is short enough to write out.
		return nil, d.errAt(node, fieldPath, fmt.Sprintf("YAML aliases (*%s) are not supported; write the value out", node.Value))
	}
	switch f.typ {
	case typeMapping:
		return v, d.walkMapping(v)
	case typeList:
		return v, d.walkList(v)
	}
	if node.Kind != yaml.ScalarNode {
		return nil, d.errAt(v.pos(), fieldPath, fmt.Sprintf("must be a single value, got %s", kindName(node)))
	}
	if isNull(node) {
		msg := "has no value; give one or remove the key"
		if key == nil {
			msg = "is an empty list entry; give a value"
		}
		return nil, d.errAt(v.pos(), fieldPath, msg)
	}
	if msg := d.parseScalar(v); msg != "" {
		return nil, d.errAt(v.pos(), fieldPath, msg)
	}
	return v, nil
}

func (d *decoder) walkMapping(v *value) error {
	f, node := v.f, v.node
	v.fields = map[string]*value{}
	// An empty section ("reads:" with every key commented out) is an empty
	// mapping, not an error.
	if isNull(node) {
		return d.checkPresence(v)
	}
	if node.Kind != yaml.MappingNode {
		return d.errAt(v.pos(), v.path, fmt.Sprintf("must be a mapping of keys (%s), got %s", strings.Join(f.keyNames(), ", "), kindName(node)))
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, val := node.Content[i], node.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			return d.errAt(k, v.path, "keys must be plain names, got "+kindName(k))
		}
		name := k.Value
		childPath := joinPath(v.path, name)
		if k.ShortTag() == "!!merge" {
			return d.errAt(k, childPath, "YAML merge keys (<<) are not supported; write the keys out")
		}
		child, ok := f.lookup(name)
		if !ok {
			return d.errAt(k, childPath, unknownMsg("key", name, f.keyNames()))
		}
		if prev, dup := v.fields[name]; dup {
			return d.errAt(k, childPath, fmt.Sprintf("duplicate key (first at line %d)", prev.key.Line))
		}
		cv, err := d.walk(child, childPath, k, val)
		if err != nil {
			return err
		}
		v.fields[name] = cv
	}
	return d.checkPresence(v)
}

// checkPresence applies a mapping's required keys and its exactly-one-of
// rule.
func (d *decoder) checkPresence(v *value) error {
	if v.f.countFromTotal && v.fields["count"] == nil && v.fields["total"] != nil && v.fields["size"] != nil && v.fields["sizes"] == nil {
		return nil // the count is total / size (buildObjects)
	}
	for _, c := range v.f.fields {
		if c.required && v.fields[c.name] == nil {
			if v.f.countFromTotal && c.name == "count" && v.fields["total"] != nil {
				return d.errAt(v.pos(), joinPath(v.path, c.name), "missing: objects.total needs objects.count (each object is then total / count), or objects.size (the count is then total / size)")
			}
			return d.errAt(v.pos(), joinPath(v.path, c.name), fmt.Sprintf("missing; it is required (e.g. %s: %v)", c.name, exampleText(c.example)))
		}
	}
	if len(v.f.oneOf) == 0 {
		return nil
	}
	var given []*value
	for _, name := range v.f.oneOf {
		if c := v.fields[name]; c != nil {
			given = append(given, c)
		}
	}
	alternatives := strings.Join(v.f.oneOf, ", ")
	switch len(given) {
	case 0:
		return d.errAt(v.pos(), v.path, "give one of "+alternatives)
	case 1:
		return nil
	}
	// Point at whichever comes second in the file.
	slices.SortFunc(given, func(a, b *value) int {
		return cmp.Or(cmp.Compare(a.key.Line, b.key.Line), cmp.Compare(a.key.Column, b.key.Column))
	})
	first, second := given[0], given[1]
	return d.errAt(second.pos(), second.path, fmt.Sprintf("give only one of %s (%s is given at line %d)", alternatives, first.key.Value, first.key.Line))
}

func exampleText(ex any) string {
	if ex == nil {
		return "..."
	}
	if list, ok := ex.([]any); ok {
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = fmt.Sprint(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(ex)
}

func (d *decoder) walkList(v *value) error {
	node := v.node
	if isNull(node) {
		return d.errAt(v.pos(), v.path, "has no value; give a list or remove the key")
	}
	if w := v.f.word; w != "" && node.Kind == yaml.ScalarNode && node.Value == w {
		v.word = true
		return nil
	}
	if node.Kind != yaml.SequenceNode {
		if v.f.word != "" {
			return d.errAt(v.pos(), v.path, fmt.Sprintf("must be %s or a list, got %s", v.f.word, kindName(node)))
		}
		return d.errAt(v.pos(), v.path, fmt.Sprintf("must be a list (e.g. %s), got %s", exampleText(v.f.example), kindName(node)))
	}
	if len(node.Content) == 0 {
		return d.errAt(v.pos(), v.path, "must not be an empty list; remove the key instead")
	}
	seen := map[string]*value{}
	for i, n := range node.Content {
		item, err := d.walk(v.f.item, fmt.Sprintf("%s[%d]", v.path, i), nil, n)
		if err != nil {
			return err
		}
		if v.f.unique {
			if prev, dup := seen[item.str]; dup {
				return d.errAt(n, item.path, fmt.Sprintf("%s is listed twice (first at line %d)", item.str, prev.node.Line))
			}
			seen[item.str] = item
		}
		v.items = append(v.items, item)
	}
	return nil
}

// nonFinite recognises the spellings of NaN and infinity in YAML and Go, to
// say why they are refused.
func nonFinite(raw string) bool {
	t := strings.ToLower(strings.TrimSpace(raw))
	t = strings.TrimLeft(t, "+-")
	t = strings.TrimPrefix(t, ".")
	return t == "nan" || t == "inf" || t == "infinity"
}

// numberMsg explains a number the model's parsers refused: want says what
// was expected. The parsers' own messages are used where they add something
// (a range limit, an unknown unit), else the short "want, got value" form.
func numberMsg(want, raw string, err error) string {
	switch {
	case nonFinite(raw):
		return "must be a finite number, got " + quote(raw)
	case strings.HasPrefix(strings.TrimSpace(raw), "-"):
		return "must not be negative, got " + quote(raw)
	}
	detail := err.Error()
	informative := strings.Contains(detail, "too large") || strings.Contains(detail, "too long") ||
		strings.Contains(detail, "out of range") || strings.Contains(detail, "unit")
	hasDigit := strings.ContainsAny(raw, "0123456789")
	if informative && hasDigit && len(raw) <= maxQuoted {
		return detail
	}
	return want + ", got " + quote(raw)
}

// Messages for each kind of number, in the "want" form of numberMsg.
const (
	wantCount    = "must be a non-negative number"
	wantWhole    = "must be a non-negative whole number"
	wantMoney    = "must be a non-negative amount in USD, without a unit"
	wantSize     = "must be a size such as 1.5MiB, 16KiB or 4096 (bytes)"
	wantDuration = "must be a duration such as 100ms, 1s, 12h, 30d, 6mo or 1y"
	wantFraction = "must be a fraction from 0 to 1 or a percentage (0.999, 99.9%)"
	wantAge      = "must be forever or a duration such as 30d, 6mo or 1y"
)

// restoreTiers lists the tiers reads.restore accepts, in order of speed.
func restoreTiers() []string {
	return []string{string(model.RestoreExpedited), string(model.RestoreStandard), string(model.RestoreBulk)}
}

// parseScalar reads v's scalar by its field type, using the model's parsers
// on the raw text so that 1_000_000, 1e6, 1.5MiB and 99.9% all work, quoted
// or not. It returns an error message, or "".
func (d *decoder) parseScalar(v *value) string {
	raw := v.node.Value
	f := v.f
	var err error
	switch f.typ {
	case typeInt:
		v.num, err = model.ParseCount(raw)
		inRange := err == nil && v.num.IsInteger() && v.num.GreaterThanOrEqual(decimal.NewFromInt(f.min)) &&
			(f.max == 0 || v.num.LessThanOrEqual(decimal.NewFromInt(f.max)))
		if inRange {
			return ""
		}
		switch {
		case nonFinite(raw):
			return "must be a finite number, got " + quote(raw)
		case f.min == f.max:
			return fmt.Sprintf("must be %d, got %s", f.min, quote(raw))
		case f.max == 0:
			return fmt.Sprintf("must be a whole number of at least %d, got %s", f.min, quote(raw))
		}
		return fmt.Sprintf("must be a whole number from %d to %d, got %s", f.min, f.max, quote(raw))
	case typeWhole:
		if v.num, err = model.ParseCount(raw); err != nil {
			return numberMsg(wantWhole, raw, err)
		}
		if !v.num.IsInteger() {
			return "must be a whole number, got " + quote(raw)
		}
	case typeCount:
		if v.num, err = model.ParseCount(raw); err != nil {
			return numberMsg(wantCount, raw, err)
		}
	case typeMoney:
		if v.num, err = model.ParseCount(raw); err != nil {
			return numberMsg(wantMoney, raw, err)
		}
	case typeSizeOrFull:
		if raw == "full" {
			v.full = true
			return ""
		}
		if v.num, err = model.ParseSize(raw); err != nil {
			return numberMsg(`must be "full" or a size such as 256KiB`, raw, err)
		}
	case typeSize:
		if v.num, err = model.ParseSize(raw); err != nil {
			return numberMsg(wantSize, raw, err)
		}
		if f.unit && !v.num.IsZero() && bareNumber(raw) {
			return fmt.Sprintf("needs a unit: %s would be %s bytes; write %sGiB (or %sB if bytes are meant)", quote(raw), raw, raw, raw)
		}
		if f.maxBytes > 0 && v.num.GreaterThan(decimal.NewFromInt(f.maxBytes)) {
			return fmt.Sprintf("is %s, above 5 TiB, the largest object S3 stores", model.FormatBytes(v.num))
		}
	case typeDuration:
		if v.dur, err = model.ParseDuration(raw); err != nil {
			return numberMsg(wantDuration, raw, err)
		}
		if f.positive && v.dur <= 0 {
			return "must be longer than 0, got " + quote(raw)
		}
		return ""
	case typeAge:
		if raw == "forever" {
			v.forever = true
			return ""
		}
		if v.dur, err = model.ParseDuration(raw); err != nil {
			return numberMsg(wantAge, raw, err)
		}
		if v.dur <= 0 {
			return "must be longer than 0, got " + quote(raw)
		}
		return ""
	case typeFraction:
		if v.num, err = model.ParseFraction(raw); err != nil {
			return numberMsg(wantFraction, raw, err)
		}
	case typeClass:
		id, err := model.ParseClassID(raw)
		if err != nil {
			return unknownMsg("storage class "+quote(raw), normaliseClass(raw), model.ClassNames())
		}
		v.str = string(id)
		return ""
	case typeClassOrSame:
		if raw == "same" {
			v.str = ""
			return ""
		}
		id, err := model.ParseClassID(raw)
		if err != nil {
			return unknownMsg("storage class "+quote(raw)+" (or same)", normaliseClass(raw), model.ClassNames())
		}
		v.str = string(id)
		return ""
	case typeRestore:
		if !slices.Contains(restoreTiers(), raw) {
			return unknownMsg("restore tier "+quote(raw), raw, restoreTiers())
		}
		v.str = raw
		return ""
	case typeName:
		if strings.TrimSpace(raw) == "" {
			return "must not be empty"
		}
		if strings.ContainsFunc(raw, unicode.IsControl) {
			return "must be one line of text without control characters, got " + quote(raw)
		}
		if f.pattern != nil && !f.pattern.MatchString(raw) {
			return "must be " + f.patternWant + ", got " + quote(raw)
		}
		v.str = raw
		return ""
	case typeRegion:
		return d.checkRegion(v, raw)
	case typeBool:
		// YAML 1.2 booleans only; "yes", "on" and friends are strings
		// there, and refused here rather than guessed at.
		switch raw {
		case "true":
			v.flag = true
		case "false":
		default:
			return "must be true or false, got " + quote(raw)
		}
		return ""
	case typeEnum:
		if !slices.Contains(f.enum, raw) {
			return unknownMsg("value "+quote(raw), raw, f.enum)
		}
		v.str = raw
		return ""
	default:
		return fmt.Sprintf("internal error: no parser for field type %d", f.typ)
	}
	if f.positive && !v.num.IsPositive() {
		return "must be greater than 0, got " + quote(raw)
	}
	return ""
}

// normaliseClass spells a class name the way the canonical IDs are spelled,
// so "glacier-ir" can be matched against GLACIER_IR for a suggestion.
func normaliseClass(s string) string {
	return strings.NewReplacer("-", "_", " ", "_").Replace(strings.TrimSpace(s))
}

func (d *decoder) checkRegion(v *value, raw string) string {
	if len(d.opts.KnownRegions) > 0 {
		if !slices.Contains(d.opts.KnownRegions, raw) {
			if strings.HasPrefix(raw, "cn-") {
				// Not a typo: AWS prices its China regions in CNY, outside
				// the feed the embedded sheets are built from.
				return "region " + quote(raw) + ": China regions are priced in CNY and not embedded (a sheet of your own can be used with --pricing)"
			}
			return unknownMsg("region "+quote(raw), raw, d.opts.KnownRegions)
		}
	} else if !regionRE.MatchString(raw) {
		return "must be an AWS region code such as us-east-1, got " + quote(raw)
	}
	v.str = raw
	return ""
}

// build turns the checked tree into a model.Workload, applying defaults and
// the rules that span several keys.
func (d *decoder) buildFile(root *value, filename string) (model.File, error) {
	f := model.File{Name: defaultNameFor(filename)}
	base := model.Workload{
		Region: d.opts.DefaultRegion,
		Months: defaultMonths,
		Reads: model.Reads{
			Full:        true,
			Restore:     model.RestoreStandard,
			RestoreDays: decimal.NewFromInt(1),
		},
		Encryption: model.DefaultEncryption(),
	}
	if v := root.get("name"); v != nil {
		f.Name = v.str
	}
	if base.Region == "" {
		base.Region = defaultRegion
	}
	if v := root.get("region"); v != nil {
		base.Region = v.str
	} else if len(d.opts.KnownRegions) > 0 && !slices.Contains(d.opts.KnownRegions, base.Region) {
		return f, d.errAt(root.node, "region", fmt.Sprintf("the default region %s is not one s3cost has prices for; set region (known: %s)", quote(base.Region), strings.Join(d.opts.KnownRegions, ", ")))
	}
	if v := root.get("months"); v != nil {
		base.Months = int(v.num.IntPart())
	}
	f.Budget = d.buildBudget(root.get("budget"))

	datasets := root.get("datasets")
	if datasets == nil {
		// One dataset, described at the top of the file.
		w := base
		w.Name = f.Name
		if err := d.buildDataset(root, &w); err != nil {
			return f, err
		}
		f.Datasets = []model.Workload{w}
		return f, nil
	}
	// Several: the dataset keys belong in each dataset.
	for _, k := range datasetKeys() {
		if v := root.get(k); v != nil {
			return f, d.errAt(v.pos(), v.path, "with datasets, give "+k+" in each dataset (the top of the file holds only version, name, region, months and budget)")
		}
	}
	seen := map[string]*value{}
	for _, item := range datasets.items {
		w := base
		name := item.get("name")
		if prev, dup := seen[name.str]; dup {
			return f, d.errAt(name.pos(), name.path, fmt.Sprintf("dataset %s is named twice (first at line %d)", quote(name.str), prev.node.Line))
		}
		seen[name.str] = name
		w.Name = name.str
		if err := d.buildDataset(item, &w); err != nil {
			return f, err
		}
		w.Budget = d.buildBudget(item.get("budget"))
		f.Datasets = append(f.Datasets, w)
	}
	return f, nil
}

// buildBudget reads a budget section (absent: no limits).
func (d *decoder) buildBudget(sec *value) model.Budget {
	var b model.Budget
	if v := sec.get("monthly"); v != nil {
		monthly := v.num
		b.Monthly = &monthly
	}
	if v := sec.get("peak_month"); v != nil {
		peak := v.num
		b.PeakMonth = &peak
	}
	if v := sec.get("total"); v != nil {
		total := v.num
		b.Total = &total
	}
	return b
}

// buildDataset reads one dataset's keys (at the top of a single-dataset
// file, or an entry of datasets) onto w, which holds the file's settings.
func (d *decoder) buildDataset(root *value, w *model.Workload) error {
	d.notes = nil
	defer func() { w.Notes = append(w.Notes, d.notes...) }()
	if v := root.get("uploads").get("per_month"); v != nil {
		w.UploadsPerMonth = v.num
	}
	if v := root.get("lifetime"); v != nil {
		w.Lifetime = v.dur
	}

	objects, err := d.buildObjects(root.get("objects"), w.UploadsPerMonth, w.Lifetime)
	if err != nil {
		return err
	}
	w.Objects = objects
	if objects.From == "" && objects.Count.IsPositive() {
		// The default is a choice with a price (a PUT per object): say it.
		d.notes = append(d.notes, fmt.Sprintf("objects.from is not given: the %s objects of month 0 are uploaded (PUT) then; give objects.from to price objects stored already",
			model.FormatCount(objects.Count)))
	}
	if objects.From != "" && objects.Count.IsPositive() && w.Lifetime > 0 && objects.Ages == nil &&
		w.Lifetime < time.Duration(w.Months)*model.Month {
		// A stock stored already is new at month 0 without ages: all of
		// it expires together at the lifetime, a month no real bucket has
		// (said when that is within the horizon).
		d.notes = append(d.notes, fmt.Sprintf("objects.ages is not given: the %s objects stored already are taken as new at month 0, so all of them expire together at %s; give objects.ages (steady, or bands) for a stock of all ages",
			model.FormatCount(objects.Count), model.FormatDuration(w.Lifetime)))
	}

	reads := root.get("reads")
	if v := reads.get("per_month"); v != nil {
		w.Reads.PerMonth = v.num
	}
	if v := reads.get("size"); v != nil && !v.full {
		w.Reads.Full, w.Reads.Bytes = false, v.num
		d.noteBareSize(v)
	}
	if v := reads.get("active_share"); v != nil {
		share := v.num
		w.Reads.ActiveShare = &share
	}
	if v := reads.get("restore"); v != nil {
		w.Reads.Restore = model.RestoreTier(v.str)
	}
	if v := reads.get("restore_days"); v != nil {
		w.Reads.RestoreDays = v.num
	}
	if v := reads.get("by_age"); v != nil {
		if w.Reads.ByAge, err = d.buildBands(v, w.Lifetime); err != nil {
			return err
		}
	}
	if v := root.get("lists_per_month"); v != nil {
		w.ListsPerMonth = v.num
	}
	if v := root.get("transfer").get("internet"); v != nil {
		w.Transfer.InternetBytes = v.num
	}
	if v := root.get("transfer").get("inter_region"); v != nil {
		w.Transfer.InterRegionBytes = v.num
	}
	req := root.get("require")
	if v := req.get("first_byte"); v != nil {
		w.Require.FirstByte = v.dur
	}
	if v := req.get("availability"); v != nil {
		w.Require.Availability = v.num
	}
	if v := req.get("zones"); v != nil {
		w.Require.Zones = int(v.num.IntPart())
	}
	if v := req.get("first_byte_by_age"); v != nil {
		if w.Require.FirstByteByAge, err = d.buildAgeLimits(req, w.Lifetime); err != nil {
			return err
		}
	}
	// What the workload does not require, a careful engineer assumes
	// (docs/cost-rules.md, "Requirements"): data kept in three zones, and
	// reads that start within a second when the workload reads at all. A
	// class that misses a default is listed with the key that accepts it.
	w.Require.ApplyDefaults(w.Reads.PerMonth.IsPositive())
	if v := root.get("classes"); v != nil {
		for _, item := range v.items {
			w.Classes = append(w.Classes, model.ClassID(item.str))
		}
	}
	if v := root.get("class"); v != nil {
		w.Class = model.ClassID(v.str)
		if len(w.Classes) > 0 && !slices.Contains(w.Classes, w.Class) {
			return d.errAt(v.pos(), v.path, fmt.Sprintf("%s is not among the classes listed in classes", w.Class))
		}
	}
	if rep := root.get("replication"); rep != nil {
		w.Replication = &model.Replication{To: rep.get("to").str}
		if v := rep.get("class"); v != nil {
			w.Replication.Class = model.ClassID(v.str)
		}
		if v := rep.get("rtc"); v != nil {
			w.Replication.RTC = v.flag
		}
	}
	if lc := root.get("lifecycle"); lc != nil {
		rule, err := d.buildLifecycle(lc, w.Lifetime)
		if err != nil {
			return err
		}
		w.Lifecycles = []model.Lifecycle{rule}
	}
	if w.ITArchive, err = d.buildITArchive(root.get("intelligent_tiering")); err != nil {
		return err
	}
	enc, err := d.buildEncryption(root.get("encryption"))
	if err != nil {
		return err
	}
	w.Encryption = enc
	return nil
}

func (d *decoder) buildObjects(objects *value, uploadsPerMonth decimal.Decimal, lifetime time.Duration) (model.Objects, error) {
	// walk has made sure objects, count and exactly one of size, total and
	// sizes are present, or total and size without count.
	for _, key := range []string{"size", "total"} {
		if v := objects.get(key); v != nil {
			d.noteBareSize(v)
		}
	}
	count := objects.get("count")
	if count == nil {
		total, size := objects.get("total"), objects.get("size")
		n := total.num.DivRound(size.num, 30)
		if !n.IsInteger() {
			return model.Objects{}, d.errAt(total.pos(), total.path, fmt.Sprintf("total / size is %s objects, not a whole number: give count (each object is then total / count) or a total that is a whole number of sizes", n.Round(6).String()))
		}
		o := model.Objects{Count: n, Mix: []model.SizeShare{{Bytes: size.num, Share: decimal.NewFromInt(1)}}}
		if from := objects.get("from"); from != nil {
			o.From = model.ClassID(from.str)
		}
		if o.Count.IsZero() && !uploadsPerMonth.IsPositive() {
			return o, d.errAt(total.pos(), total.path, "nothing stored: total / size is 0 objects and uploads.per_month is not above 0")
		}
		d.notes = append(d.notes, fmt.Sprintf("objects: the count is total / size: %s objects of %s", model.FormatCount(n), model.FormatBytes(size.num)))
		return d.buildAges(objects, o, lifetime)
	}
	o := model.Objects{Count: count.num}
	if from := objects.get("from"); from != nil {
		o.From = model.ClassID(from.str)
	}
	if o.Count.IsZero() && !uploadsPerMonth.IsPositive() {
		return o, d.errAt(count.pos(), count.path, "nothing stored: objects.count is 0 and uploads.per_month is not above 0")
	}
	one := decimal.NewFromInt(1)
	switch {
	case objects.get("size") != nil:
		o.Mix = []model.SizeShare{{Bytes: objects.get("size").num, Share: one}}
	case objects.get("total") != nil:
		total := objects.get("total")
		if o.Count.IsZero() {
			return o, d.errAt(total.pos(), total.path, "needs objects.count above 0 (each object is total / count); give size instead")
		}
		mean := total.num.DivRound(o.Count, meanDivPlaces)
		// Objects are whole bytes; a mean below one byte means the total
		// and count do not describe the same data.
		if mean.LessThan(one) {
			return o, d.errAt(total.pos(), total.path, fmt.Sprintf("total / count is %s bytes, below 1 byte an object", mean.String()))
		}
		if mean.GreaterThan(decimal.NewFromInt(maxObjectBytes)) {
			return o, d.errAt(total.pos(), total.path, fmt.Sprintf("total / count is %s an object, above 5 TiB, the largest object S3 stores", model.FormatBytes(mean)))
		}
		o.Mix = []model.SizeShare{{Bytes: mean, Share: one}}
		o.TotalBytes, o.TotalCount = total.num, o.Count
	default:
		sizes := objects.get("sizes")
		sum := decimal.Zero
		for _, item := range sizes.items {
			entry := model.SizeShare{Bytes: item.get("size").num, Share: item.get("share").num}
			sum = sum.Add(entry.Share)
			o.Mix = append(o.Mix, entry)
		}
		if !sum.Equal(one) {
			shares := make([]decimal.Decimal, len(o.Mix))
			for i := range o.Mix {
				shares[i] = o.Mix[i].Share
			}
			scaled, ok := d.scaleShares(sizes.path, shares, sum)
			if !ok {
				return o, d.errAt(sizes.pos(), sizes.path, fmt.Sprintf("shares add up to %s, not 1 (shares adding up to 99%% to 101%% are scaled to 1; others must be corrected)", sum.String()))
			}
			for i := range o.Mix {
				o.Mix[i].Share = scaled[i]
			}
		}
	}
	return d.buildAges(objects, o, lifetime)
}

// buildAges reads objects.ages into o.
func (d *decoder) buildAges(objects *value, o model.Objects, lifetime time.Duration) (model.Objects, error) {
	one := decimal.NewFromInt(1)
	ages := objects.get("ages")
	if ages == nil {
		return o, nil
	}
	// Ages describe objects that exist already; a stock without from is
	// uploaded at month 0, so every object is new then (docs/cost-rules.md,
	// "Ages").
	if o.From == "" {
		return o, d.errAt(ages.pos(), ages.path, "gives the ages of objects that exist already, but without objects.from the stock is uploaded at month 0 and every object is new; say which class the objects sit in today (e.g. from: STANDARD) or remove ages")
	}
	if ages.word {
		if lifetime == 0 {
			return o, d.errAt(ages.pos(), ages.path, "steady needs a lifetime: the ages are spread evenly from new to the lifetime; give lifetime, or list the bands (e.g. [{until: 1y, share: 1}])")
		}
		o.Ages, o.AgesSteady = []model.AgeBand{{Until: lifetime, Share: one}}, true
		return o, nil
	}
	var err error
	o.Ages, err = d.buildBands(ages, lifetime)
	return o, err
}

// checkUntils applies the rules every age list shares (objects.ages,
// reads.by_age, require.first_byte_by_age; docs/cost-rules.md, "Ages"):
// bands go from young to old, only the last may be forever, and with a
// lifetime none may end after it, since objects are deleted at the lifetime
// and none is older (forever then means the lifetime). It returns each
// band's end, 0 for forever, as model.AgeBand has it.
func (d *decoder) checkUntils(list *value, lifetime time.Duration) ([]time.Duration, error) {
	ends := make([]time.Duration, len(list.items))
	var prev *value
	for i, item := range list.items {
		until := item.get("until")
		if until.forever {
			if i < len(list.items)-1 {
				return nil, d.errAt(until.pos(), until.path, "only the last band may be forever")
			}
			if lifetime > 0 && prev != nil && prev.dur >= lifetime {
				return nil, d.errAt(until.pos(), until.path, fmt.Sprintf("forever ends at the lifetime (%s), which the band before reaches already: no object is older; remove this band", model.FormatDuration(lifetime)))
			}
			continue
		}
		if lifetime > 0 && until.dur > lifetime {
			return nil, d.errAt(until.pos(), until.path, fmt.Sprintf("%s is beyond the lifetime (%s): objects are deleted at the lifetime, so none is that old; end the band at %s or write forever",
				model.FormatDuration(until.dur), model.FormatDuration(lifetime), model.FormatDuration(lifetime)))
		}
		if prev != nil && until.dur <= prev.dur {
			return nil, d.errAt(until.pos(), until.path, fmt.Sprintf("must be later than the band before (until %s at line %d): bands go from the youngest objects to the oldest",
				model.FormatDuration(prev.dur), prev.node.Line))
		}
		ends[i], prev = until.dur, until
	}
	return ends, nil
}

// buildBands reads an age profile (objects.ages, reads.by_age): the
// shares add up to exactly 1, as a size mix's do.
func (d *decoder) buildBands(list *value, lifetime time.Duration) ([]model.AgeBand, error) {
	ends, err := d.checkUntils(list, lifetime)
	if err != nil {
		return nil, err
	}
	bands := make([]model.AgeBand, len(list.items))
	sum := decimal.Zero
	for i, item := range list.items {
		bands[i] = model.AgeBand{Until: ends[i], Share: item.get("share").num}
		sum = sum.Add(bands[i].Share)
	}
	if !sum.Equal(decimal.NewFromInt(1)) {
		shares := make([]decimal.Decimal, len(bands))
		for i := range bands {
			shares[i] = bands[i].Share
		}
		scaled, ok := d.scaleShares(list.path, shares, sum)
		if !ok {
			return nil, d.errAt(list.pos(), list.path, fmt.Sprintf("shares add up to %s, not 1 (shares adding up to 99%% to 101%% are scaled to 1; others must be corrected)", sum.String()))
		}
		for i := range bands {
			bands[i].Share = scaled[i]
		}
	}
	return bands, nil
}

// buildAgeLimits reads require.first_byte_by_age. It replaces first_byte,
// so giving both is an error rather than a precedence to remember.
func (d *decoder) buildAgeLimits(req *value, lifetime time.Duration) ([]model.AgeLimit, error) {
	list := req.get("first_byte_by_age")
	if single := req.get("first_byte"); single != nil {
		second := d.later(single, list)
		first := single
		if second == single {
			first = list
		}
		return nil, d.errAt(second.pos(), second.path, fmt.Sprintf("give only one of first_byte, first_byte_by_age (%s is given %s)", first.key.Value, d.where(first.key)))
	}
	ends, err := d.checkUntils(list, lifetime)
	if err != nil {
		return nil, err
	}
	limits := make([]model.AgeLimit, len(list.items))
	for i, item := range list.items {
		limits[i] = model.AgeLimit{Until: ends[i], FirstByte: item.get("first_byte").dur}
	}
	return limits, nil
}

// buildLifecycle reads the lifecycle section: one rule, whose expiration is
// the workload's lifetime, checked against AWS's constraints
// (model.Lifecycle.Validate).
func (d *decoder) buildLifecycle(sec *value, lifetime time.Duration) (model.Lifecycle, error) {
	rule := model.Lifecycle{Start: model.Standard, MinimumObjectSize: model.AllStorageClasses128K}
	if v := sec.get("name"); v != nil {
		rule.Name = v.str
	}
	if v := sec.get("start"); v != nil {
		rule.Start = model.ClassID(v.str)
	}
	if v := sec.get("transition_default_minimum_object_size"); v != nil {
		rule.MinimumObjectSize = v.str
	}
	transitions := sec.get("transitions")
	if transitions != nil {
		for _, item := range transitions.items {
			rule.Transitions = append(rule.Transitions, model.Transition{After: item.get("after").dur, Class: model.ClassID(item.get("class").str)})
		}
	}
	// Validate one step at a time, so that the error points at what breaks
	// a constraint: the checks of a transition look only at the start and
	// the transitions before it; the expiration and the size filter come
	// last. The steps are few: each goes strictly down the waterfall, so a
	// longer list fails within the first eight.
	bare := rule
	bare.Transitions = nil
	if err := bare.Validate(0); err != nil {
		at := sec
		if v := sec.get("start"); v != nil {
			at = v
		}
		return rule, d.errAt(at.pos(), at.path, err.Error())
	}
	for i := range rule.Transitions {
		step := bare
		step.Transitions = rule.Transitions[:i+1]
		if err := step.Validate(0); err != nil {
			item := transitions.items[i]
			return rule, d.errAt(item.pos(), item.path, err.Error())
		}
	}
	if n := len(rule.Transitions); n > 0 {
		step := bare
		step.Transitions = rule.Transitions
		if err := step.Validate(lifetime); err != nil {
			last := transitions.items[n-1]
			return rule, d.errAt(last.pos(), last.path, fmt.Sprintf("%s (lifetime is the rule's expiration)", err.Error()))
		}
	}
	if v := sec.get("size_greater_than"); v != nil {
		rule.SizeGreaterThan = v.num
	}
	if v := sec.get("size_less_than"); v != nil {
		rule.SizeLessThan = v.num
	}
	if err := rule.Validate(lifetime); err != nil {
		// What is left is the size filter: point at its second bound.
		at := sec
		if v := d.later(sec.get("size_greater_than"), sec.get("size_less_than")); v != nil {
			at = v
		}
		return rule, d.errAt(at.pos(), at.path, err.Error())
	}
	return rule, nil
}

// later returns whichever of two mapping entries comes later (nil when both
// are absent), the one to blame for a conflict: an entry from --set is
// applied after the file, so it counts as the later; of two from --set, b.
func (d *decoder) later(a, b *value) *value {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	_, aSet := d.setNodes[a.key]
	_, bSet := d.setNodes[b.key]
	switch {
	case aSet && bSet:
		return b
	case aSet || bSet:
		if aSet {
			return a
		}
		return b
	}
	if cmp.Or(cmp.Compare(a.key.Line, b.key.Line), cmp.Compare(a.key.Column, b.key.Column)) > 0 {
		return a
	}
	return b
}

// where says where a key is given: "at line 7", or "by --set PATH=VALUE".
func (d *decoder) where(key *yaml.Node) string {
	if expr, ok := d.setNodes[key]; ok {
		return "by --set " + expr
	}
	return fmt.Sprintf("at line %d", key.Line)
}

// Intelligent-Tiering's archive tiers take objects after this many days
// without access (Intelligent-Tiering: "How S3 Intelligent-Tiering works").
const (
	minArchiveDays, maxArchiveDays         = 90, 730
	minDeepArchiveDays, maxDeepArchiveDays = 180, 730
)

// buildITArchive reads intelligent_tiering (absent or empty: no archive
// tier configured).
func (d *decoder) buildITArchive(sec *value) (model.ITArchive, error) {
	var a model.ITArchive
	check := func(v *value, lo, hi int64, tier string) error {
		if v.dur%model.Day != 0 {
			return d.errAt(v.pos(), v.path, fmt.Sprintf("must be whole days (Intelligent-Tiering counts days without access), got %s", quote(v.node.Value)))
		}
		if days := int64(v.dur / model.Day); days < lo || days > hi {
			return d.errAt(v.pos(), v.path, fmt.Sprintf("must be from %dd to %dd (AWS's range for the %s tier), got %s", lo, hi, tier, quote(v.node.Value)))
		}
		return nil
	}
	archive, deep := sec.get("archive_access"), sec.get("deep_archive_access")
	if archive != nil {
		if err := check(archive, minArchiveDays, maxArchiveDays, "Archive Access"); err != nil {
			return a, err
		}
		a.ArchiveAfter = archive.dur
	}
	if deep != nil {
		if err := check(deep, minDeepArchiveDays, maxDeepArchiveDays, "Deep Archive Access"); err != nil {
			return a, err
		}
		a.DeepArchiveAfter = deep.dur
	}
	if archive != nil && deep != nil && deep.dur <= archive.dur {
		return a, d.errAt(deep.pos(), deep.path, fmt.Sprintf("must be later than archive_access (%s): objects reach Deep Archive Access after Archive Access", model.FormatDuration(archive.dur)))
	}
	return a, nil
}

// defaultNameFor is the file's base name without its extension.
func defaultNameFor(filename string) string {
	base := filepath.Base(filename)
	name := strings.TrimSuffix(base, filepath.Ext(base))
	if name == "" || name == "." || name == "-" || name == string(filepath.Separator) {
		return defaultName
	}
	return name
}

// buildEncryption reads the encryption section onto the defaults and
// applies the rules that join its keys: settings that only make sense for
// other choices are errors, not silently ignored.
func (d *decoder) buildEncryption(sec *value) (model.Encryption, error) {
	e := model.DefaultEncryption()
	if sec == nil {
		return e, nil
	}
	if v := sec.get("type"); v != nil {
		e.Type = model.EncryptionType(v.str)
	}
	if v := sec.get("key"); v != nil {
		e.Key = model.KMSKeyKind(v.str)
	}
	ints := map[string]*int{"keys": &e.Keys, "requesters": &e.Requesters}
	for name, target := range ints {
		if v := sec.get(name); v != nil {
			*target = int(v.num.IntPart())
		}
	}
	durations := map[string]*time.Duration{"key_age": &e.KeyAge, "rotation_period": &e.RotationPeriod, "bucket_key_reuse": &e.BucketKeyReuse}
	for name, target := range durations {
		if v := sec.get(name); v != nil {
			*target = v.dur
		}
	}
	bools := map[string]*bool{"rotation": &e.Rotation, "bucket_key": &e.BucketKey, "kms_free_tier": &e.KMSFreeTier}
	for name, target := range bools {
		if v := sec.get(name); v != nil {
			*target = v.flag
		}
	}
	// Keys that belong to a choice not made.
	for _, r := range encryptionChoices() {
		if r.why == nil || r.applies(e) {
			continue
		}
		for _, k := range r.keys {
			if v := sec.get(k); v != nil {
				return e, d.errAt(v.pos(), v.path, r.why(e))
			}
		}
	}
	if field, msg := e.Check(); field != "" {
		at := sec.get(field)
		if at == nil {
			return e, d.errAt(sec.pos(), sec.path, msg)
		}
		return e, d.errAt(at.pos(), at.path, msg)
	}
	return e, nil
}

// encryptionChoice names keys of the encryption section that belong to a
// choice: they apply only when applies holds of the section's settings.
type encryptionChoice struct {
	keys    []string
	applies func(model.Encryption) bool
	// why is the decoder's message for such a key given when the choice is
	// not made; nil when the decoder leaves the key to Encryption.Check.
	why func(model.Encryption) string
}

// encryptionChoices is the one table of which encryption keys belong to
// which choice. The decoder refuses a key whose choice is not made (a file
// that says both is contradictory); an override that unmakes a choice
// drops the keys that belonged to it (set.go), as setting objects.size
// drops sizes.
func encryptionChoices() []encryptionChoice {
	const awsManaged = "applies only to key: customer-managed (AWS managed keys have no monthly charge and rotate for free)"
	return []encryptionChoice{
		{[]string{"key", "kms_free_tier"}, model.Encryption.UsesKMS,
			func(e model.Encryption) string { return "applies only to sse-kms and dsse-kms, not " + string(e.Type) }},
		{[]string{"keys", "rotation", "key_age", "rotation_period"}, func(e model.Encryption) bool { return e.Key == model.CustomerManagedKey },
			func(model.Encryption) string { return awsManaged }},
		{[]string{"key_age", "rotation_period"}, func(e model.Encryption) bool { return e.Rotation },
			func(model.Encryption) string { return "applies only with rotation: true" }},
		{[]string{"requesters", "bucket_key_reuse"}, func(e model.Encryption) bool { return e.BucketKey },
			func(model.Encryption) string { return "applies only with bucket_key: true (the --bucket-key flag)" }},
		// A Bucket Key is an sse-kms feature. Encryption.Check refuses
		// bucket_key: true with any other type, in its own words, and a
		// file may say bucket_key: false anywhere; but a switch of type
		// away from sse-kms drops the key.
		{[]string{"bucket_key"}, func(e model.Encryption) bool { return e.Type == model.SSEKMS }, nil},
	}
}

// bareNumber: raw has no unit (digits, a dot, an exponent, underscores).
func bareNumber(raw string) bool {
	for _, r := range raw {
		if !strings.ContainsRune("0123456789._eE+-", r) {
			return false
		}
	}
	return true
}

// noteBareSize: "size: 4" meant as 4 MiB prices 4-byte objects (or reads)
// at $0.00 without a word. A bare number is bytes (as in an inventory's
// exact sizes, or analytics' bytes per GET), but one under a KiB is worth
// a note.
func (d *decoder) noteBareSize(v *value) {
	if v.node == nil || !bareNumber(v.node.Value) || !v.num.LessThan(decimal.NewFromInt(model.KiB)) {
		return
	}
	raw := v.node.Value
	d.notes = append(d.notes, fmt.Sprintf("%s %s has no unit: read as %s bytes (write %sMiB, %sGiB, ... if bytes are not meant)", v.path, raw, raw, raw, raw))
}
