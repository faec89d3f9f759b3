package workloads

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
	"go.yaml.in/yaml/v3"
)

// Overrides (--set PATH=VALUE) change a workload file before it is checked,
// so a value given on the command line meets exactly the rules and messages
// of the same value in the file. PATH is a dotted key path as in error
// messages ("reads.per_month", "objects.sizes[1].share"); in a file with
// datasets, "datasets.NAME.reads.per_month" (or "datasets[0]...") picks a
// dataset, and a dataset key without that prefix ("classes",
// "encryption.type") is set in every dataset. VALUE is YAML in the file's
// units: 5e6, 1.5MiB, 30d, [STANDARD, GLACIER_IR].
//
// Overrides apply in order, each to the result of the ones before, so the
// later of two overrides of one key wins. The CLI's --months, --region,
// --class and encryption flags are overrides too, placed after every
// --set: this file is where dataset selection and the rules below live.
//
// An override replaces a value; where the file's other keys were about the
// value replaced, they go with it rather than contradict the new one:
//   - setting one of a choice (objects.size, total, sizes) removes the
//     others;
//   - setting an encryption key that unmakes a choice drops the keys that
//     belonged to it (encryptionChoices): type: sse-s3 drops key, keys,
//     rotation, bucket_key and the rest, bucket_key: false drops
//     requesters;
//   - setting classes keeps the dataset's pinned class (class:) among them.

// segment is one step of an override path: a key, or a list index, or a
// dataset picked by name.
type segment struct {
	key   string
	index int // -1: none
}

var segmentRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)(?:\[([0-9]+)\])?$`)

// override is one parsed --set.
type override struct {
	expr  string // as given, for messages
	path  string
	value string
}

func parseOverride(s string) (override, error) {
	path, value, ok := strings.Cut(s, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" {
		return override{}, fmt.Errorf("want PATH=VALUE, e.g. reads.per_month=5e6")
	}
	return override{expr: s, path: path, value: value}, nil
}

// applyOverrides edits the document tree: each path is checked against the
// format (an unknown key is an error naming the closest known paths), the
// mappings on the way are created when missing, and the value replaces what
// the file says, with the rules above.
func (d *decoder) applyOverrides(root *yaml.Node, sets []string) error {
	for _, s := range sets {
		o, err := parseOverride(s)
		if err != nil {
			return &Error{Set: s, Msg: err.Error()}
		}
		if err := d.applyOverride(root, o); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) applyOverride(root *yaml.Node, o override) error {
	var value yaml.Node
	if err := yaml.Unmarshal([]byte(o.value), &value); err != nil {
		return o.fail(o.path, "the value is not valid YAML: "+strings.TrimPrefix(err.Error(), "yaml: "))
	}
	val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
	if value.Kind == yaml.DocumentNode && len(value.Content) == 1 {
		val = value.Content[0]
	}
	format := formatV1()
	parts := strings.Split(o.path, ".")
	if items, ok := everyDataset(root, parts[0]); ok {
		// A dataset key without "datasets." in a file with datasets sets
		// it in every dataset: the top of such a file holds no dataset
		// keys, and "--set classes=[...]" (or --class) means every
		// dataset's candidates, as it does in a file with one.
		datasets, _ := format.lookup("datasets")
		for i, n := range items {
			if err := d.setPath(n, datasets.item, fmt.Sprintf("datasets[%d]", i), parts, cloneNode(val), o); err != nil {
				return err
			}
		}
		return nil
	}
	return d.setPath(root, &format, "", parts, val, o)
}

func (o override) fail(field, msg string) error {
	return &Error{Set: o.expr, Field: field, Msg: oneLine(msg)}
}

// everyDataset returns the entries of a file's datasets list when key (the
// first step of an override path) is one of a dataset's keys.
func everyDataset(root *yaml.Node, first string) ([]*yaml.Node, bool) {
	m := segmentRE.FindStringSubmatch(first)
	if m == nil || root.Kind != yaml.MappingNode || !slices.Contains(datasetKeys(), m[1]) {
		return nil, false
	}
	_, list := mappingEntry(root, "datasets")
	if list == nil || list.Kind != yaml.SequenceNode {
		return nil, false
	}
	// An entry that is not a mapping is the file's error; leave it for the
	// decoder to report where it is.
	var items []*yaml.Node
	for _, item := range list.Content {
		if item.Kind == yaml.MappingNode {
			items = append(items, item)
		}
	}
	return items, true
}

// setPath follows parts from node (described by format, at path done) and
// puts val at the end.
func (d *decoder) setPath(node *yaml.Node, format *field, done string, parts []string, val *yaml.Node, o override) error {
	f := format
	for i := 0; i < len(parts); i++ {
		m := segmentRE.FindStringSubmatch(parts[i])
		if m == nil {
			return o.fail(o.path, fmt.Sprintf("%q is not a key", parts[i]))
		}
		key := m[1]
		child, ok := f.lookup(key)
		if !ok {
			return o.fail(joinPath(done, key), unknownPath(o.path, formatV1()))
		}
		done = joinPath(done, key)
		last := i == len(parts)-1 && m[2] == ""
		if node.Kind != yaml.MappingNode {
			// An empty section ("reads:") or a missing one becomes a mapping.
			*node = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: node.Line, Column: node.Column}
		}
		if key == "datasets" && m[2] == "" && i+1 < len(parts) && done == "datasets" {
			// datasets.NAME picks a dataset; a file without datasets: has
			// one, described at its top, and that is where NAME's keys are.
			if _, list := mappingEntry(node, "datasets"); list == nil {
				if name := d.singleName(node); parts[i+1] != name {
					return o.fail(done, fmt.Sprintf("the file has no dataset named %q (it has one, %s)", parts[i+1], name))
				}
				if i+2 == len(parts) {
					return o.fail(done, "the file has one dataset, at its top: set its keys (datasets.NAME.KEY), not the whole dataset")
				}
				i++
				done = ""
				continue
			}
		}
		k, v := mappingEntry(node, key)
		if last {
			var before model.Encryption
			if f.name == "encryption" {
				before = encryptionSettings(node)
			}
			d.markSet(k, o.expr)
			d.markSet(val, o.expr)
			if v == nil {
				node.Content = append(node.Content, k, val)
			} else {
				*v = *val
				d.markSet(v, o.expr)
			}
			removeSiblings(node, f, key)
			if f.name == "encryption" {
				dropUnmadeChoices(node, key, before)
			}
			if key == "classes" {
				keepPinnedClass(node)
			}
			return nil
		}
		if v == nil {
			v = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			if child.typ == typeList {
				v = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			}
			d.markSet(k, o.expr)
			d.markSet(v, o.expr)
			node.Content = append(node.Content, k, v)
		}
		f, node = child, v
		if child.typ != typeList {
			continue
		}
		// A list: an index, or (datasets) a name as the next part.
		var item *yaml.Node
		switch {
		case m[2] != "":
			n, _ := strconv.Atoi(m[2])
			if node.Kind != yaml.SequenceNode || n >= len(node.Content) {
				return o.fail(done, fmt.Sprintf("has no entry [%d]", n))
			}
			item = node.Content[n]
			done = fmt.Sprintf("%s[%d]", done, n)
		case key == "datasets" && i+1 < len(parts):
			i++
			item = datasetByName(node, parts[i])
			if item == nil {
				return o.fail(done, fmt.Sprintf("the file has no dataset named %q (it has: %s)", parts[i], strings.Join(datasetNames(node), ", ")))
			}
			done = joinPath(done, parts[i])
		default:
			return o.fail(done, "is a list: give an index (["+"0]) or set the whole list")
		}
		if i == len(parts)-1 {
			*item = *val
			d.markSet(item, o.expr)
			return nil
		}
		f, node = f.item, item
	}
	return nil
}

// cloneNode copies a YAML tree, so that each dataset an override applies to
// gets nodes of its own.
func cloneNode(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, child := range n.Content {
		c.Content[i] = cloneNode(child)
	}
	return &c
}

// encryptionSettings reads the choices an encryption section makes (type,
// key, rotation, bucket_key) from its YAML, over the defaults, as the
// decoder will. A value that is not a plain scalar counts as absent: the
// decoder reports it.
func encryptionSettings(sec *yaml.Node) model.Encryption {
	e := model.DefaultEncryption()
	if sec.Kind != yaml.MappingNode {
		return e
	}
	scalar := func(key string) (string, bool) {
		_, v := mappingEntry(sec, key)
		return valueOf(v)
	}
	if v, ok := scalar("type"); ok {
		e.Type = model.EncryptionType(v)
	}
	if v, ok := scalar("key"); ok {
		e.Key = model.KMSKeyKind(v)
	}
	if v, ok := scalar("rotation"); ok {
		e.Rotation = v == "true"
	}
	if v, ok := scalar("bucket_key"); ok {
		e.BucketKey = v == "true"
	}
	return e
}

func valueOf(v *yaml.Node) (string, bool) {
	if v == nil || v.Kind != yaml.ScalarNode || isNull(v) {
		return "", false
	}
	return v.Value, true
}

// dropUnmadeChoices removes from an encryption section the keys of a
// choice the override of key has unmade: a switch to sse-s3 drops the KMS
// key settings and the Bucket Key, bucket_key: false drops requesters. It
// repeats until nothing more goes, since dropping key unmakes
// customer-managed and with it keys and rotation. A choice the section did
// not make before the override is left alone: that contradiction is the
// file's, and the decoder reports it.
func dropUnmadeChoices(sec *yaml.Node, key string, before model.Encryption) {
	for dropped := true; dropped; {
		dropped = false
		after := encryptionSettings(sec)
		for _, c := range encryptionChoices() {
			if !c.applies(before) || c.applies(after) {
				continue
			}
			for _, k := range c.keys {
				if k != key && removeKey(sec, k) {
					dropped = true
				}
			}
		}
	}
}

// removeKey deletes key from mapping m, reporting whether it was there.
func removeKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return true
		}
	}
	return false
}

// keepPinnedClass keeps a dataset's pinned class among its candidates after
// an override of classes: "only these classes" narrows what the data could
// move to, and the class it is kept in stays priced (check prices it, and
// compare ranks the others against it). In the file itself a class outside
// classes is an error.
func keepPinnedClass(dataset *yaml.Node) {
	_, pinned := mappingEntry(dataset, "class")
	_, list := mappingEntry(dataset, "classes")
	raw, ok := valueOf(pinned)
	if !ok || list == nil || list.Kind != yaml.SequenceNode {
		return
	}
	id, err := model.ParseClassID(raw)
	if err != nil {
		return // the decoder reports the class key
	}
	for _, item := range list.Content {
		if other, err := model.ParseClassID(item.Value); item.Kind == yaml.ScalarNode && err == nil && other == id {
			return
		}
	}
	// A copy of the file's node: an error about it points at the file.
	c := *pinned
	list.Content = append(list.Content, &c)
}

// mappingEntry finds key in a mapping node.
func mappingEntry(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, nil
}

// removeSiblings drops the other members of a choice the key belongs to.
func removeSiblings(m *yaml.Node, f *field, key string) {
	member := false
	for _, name := range f.oneOf {
		member = member || name == key
	}
	if !member {
		return
	}
	kept := m.Content[:0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		name := m.Content[i].Value
		drop := name != key
		if drop {
			drop = false
			for _, other := range f.oneOf {
				drop = drop || other == name
			}
		}
		if !drop {
			kept = append(kept, m.Content[i], m.Content[i+1])
		}
	}
	m.Content = kept
}

// datasetNames lists the names in a datasets list, for messages.
func datasetNames(list *yaml.Node) []string {
	var names []string
	for _, item := range list.Content {
		if v, ok := valueOf(entry(item, "name")); ok {
			names = append(names, v)
		}
	}
	return names
}

// entry is the value of key in mapping m, or nil.
func entry(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	_, v := mappingEntry(m, key)
	return v
}

// singleName is the name of the one dataset of a file without datasets:
// its name key, else the file's base name (as DecodeFile names it).
func (d *decoder) singleName(root *yaml.Node) string {
	if v, ok := valueOf(entry(root, "name")); ok {
		return v
	}
	return d.name
}

func datasetByName(list *yaml.Node, name string) *yaml.Node {
	if list.Kind != yaml.SequenceNode {
		return nil
	}
	for _, item := range list.Content {
		if _, v := mappingEntry(item, "name"); v != nil && v.Value == name {
			return item
		}
	}
	return nil
}

// markSet remembers that a node came from --set, so that an error about it
// names the flag, not a place in the file.
func (d *decoder) markSet(n *yaml.Node, expr string) {
	if d.setNodes == nil {
		d.setNodes = map[*yaml.Node]string{}
	}
	d.setNodes[n] = expr
	for _, c := range n.Content {
		d.markSet(c, expr)
	}
}

// unknownPath says a path is not in the format, with the closest paths.
func unknownPath(path string, format field) string {
	var all []string
	collectPaths(&format, "", &all)
	type scored struct {
		p string
		d int
	}
	var best []scored
	for _, p := range all {
		best = append(best, scored{p, editDistance(strings.ToLower(path), strings.ToLower(p))})
	}
	sort.SliceStable(best, func(i, j int) bool { return best[i].d < best[j].d })
	var close []string
	for i := 0; i < len(best) && i < 3; i++ {
		close = append(close, best[i].p)
	}
	return fmt.Sprintf("unknown key path %s (closest: %s)", quote(path), strings.Join(close, ", "))
}

// collectPaths lists every settable path of the format.
func collectPaths(f *field, prefix string, out *[]string) {
	for i := range f.fields {
		c := &f.fields[i]
		p := joinPath(prefix, c.name)
		*out = append(*out, p)
		if c.typ == typeMapping {
			collectPaths(c, p, out)
		}
		if c.typ == typeList && c.item != nil && c.item.typ == typeMapping {
			name := p + "[0]"
			if c.name == "datasets" {
				name = p + ".NAME"
			}
			collectPaths(c.item, name, out)
		}
	}
}

// InDataset returns the override path that sets path in the dataset named
// name only: "datasets.NAME.PATH" for a key a dataset has, path itself for
// a key of the whole file (region, months) and for a path that already
// picks a dataset. A command that works on one dataset (explain, sweep and
// breakeven with --dataset) uses it, so that its flags leave the other
// datasets alone.
func InDataset(name, path string) string {
	first, _, _ := strings.Cut(path, ".")
	m := segmentRE.FindStringSubmatch(first)
	format := formatV1()
	datasets, _ := format.lookup("datasets")
	if name == "" || m == nil || m[1] == "datasets" {
		return path
	}
	if _, ok := datasets.item.lookup(m[1]); !ok {
		return path
	}
	return "datasets." + name + "." + path
}

// resolve finds the field of a path: "reads.per_month",
// "datasets.NAME.objects.size", "objects.sizes[0].share".
func resolve(path string) (*field, error) {
	format := formatV1()
	f := &format
	parts := strings.Split(path, ".")
	for i := 0; i < len(parts); i++ {
		m := segmentRE.FindStringSubmatch(parts[i])
		if m == nil {
			return nil, fmt.Errorf("%q is not a key", parts[i])
		}
		child, ok := f.lookup(m[1])
		if !ok {
			return nil, fmt.Errorf("%s", unknownPath(path, format))
		}
		f = child
		if f.typ == typeList && f.item != nil && (m[2] != "" || m[1] == "datasets") {
			if m[2] == "" {
				i++ // datasets.NAME: skip the name
			}
			f = f.item
		}
	}
	return f, nil
}

// ValueKind says how a --set value of path is read: "size" (bytes with a
// binary unit), "number" (a count, rate, whole number or amount),
// "duration", "fraction"; bad input (exit.ErrInput) for paths that are not a single number
// (a class, a list, a section) or not in the format.
func ValueKind(path string) (string, error) {
	f, err := resolve(path)
	if err != nil {
		return "", exit.Input(err)
	}
	switch f.typ {
	case typeSize, typeSizeOrFull:
		return "size", nil
	case typeCount, typeWhole, typeInt, typeMoney:
		return "number", nil
	case typeDuration:
		return "duration", nil
	case typeFraction:
		return "fraction", nil
	}
	return "", exit.Inputf("%s is not a number that can be varied", path)
}

// IsWhole reports whether path takes whole numbers only (object counts,
// months, zones), so that points between them are rounded.
func IsWhole(path string) bool {
	f, err := resolve(path)
	return err == nil && (f.typ == typeWhole || f.typ == typeInt)
}
