package workloads

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
	"go.yaml.in/yaml/v3"
)

// Overrides (--set PATH=VALUE) change a workload file before it is checked,
// so a value given on the command line meets exactly the rules and messages
// of the same value in the file. PATH is a dotted key path as in error
// messages ("reads.per_month", "objects.sizes[1].share"); in a file with
// datasets, "datasets.NAME.reads.per_month" (or "datasets[0]...") picks a
// dataset. VALUE is YAML in the file's units: 5e6, 1.5MiB, 30d,
// [STANDARD, GLACIER_IR].

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
// the file says. Setting one of a choice (objects.size, total, sizes)
// removes the others.
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
	fail := func(field, msg string) error { return &Error{Set: o.expr, Field: field, Msg: oneLine(msg)} }
	var value yaml.Node
	if err := yaml.Unmarshal([]byte(o.value), &value); err != nil {
		return fail(o.path, "the value is not valid YAML: "+strings.TrimPrefix(err.Error(), "yaml: "))
	}
	val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
	if value.Kind == yaml.DocumentNode && len(value.Content) == 1 {
		val = value.Content[0]
	}

	format := formatV1()
	f := &format
	node := root
	parts := strings.Split(o.path, ".")
	done := ""
	for i := 0; i < len(parts); i++ {
		m := segmentRE.FindStringSubmatch(parts[i])
		if m == nil {
			return fail(o.path, fmt.Sprintf("%q is not a key", parts[i]))
		}
		key := m[1]
		child, ok := f.lookup(key)
		if !ok {
			return fail(joinPath(done, key), unknownPath(o.path, format))
		}
		done = joinPath(done, key)
		last := i == len(parts)-1 && m[2] == ""
		if node.Kind != yaml.MappingNode {
			// An empty section ("reads:") or a missing one becomes a mapping.
			*node = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: node.Line, Column: node.Column}
		}
		k, v := mappingEntry(node, key)
		if last {
			d.markSet(k, o.expr)
			d.markSet(val, o.expr)
			if v == nil {
				node.Content = append(node.Content, k, val)
			} else {
				*v = *val
				d.markSet(v, o.expr)
			}
			removeSiblings(node, f, key)
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
				return fail(done, fmt.Sprintf("has no entry [%d]", n))
			}
			item = node.Content[n]
			done = fmt.Sprintf("%s[%d]", done, n)
		case key == "datasets" && i+1 < len(parts):
			i++
			item = datasetByName(node, parts[i])
			if item == nil {
				return fail(done, fmt.Sprintf("the file has no dataset named %q", parts[i]))
			}
			done = joinPath(done, parts[i])
		default:
			return fail(done, "is a list: give an index (["+"0]) or set the whole list")
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
