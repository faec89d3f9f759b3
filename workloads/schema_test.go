package workloads

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/model"
	"go.yaml.in/yaml/v3"
)

func decodeSchema(t *testing.T) map[string]any {
	t.Helper()
	var s map[string]any
	if err := json.Unmarshal(Schema(), &s); err != nil {
		t.Fatalf("schema is not valid JSON: %v", err)
	}
	return s
}

func TestSchemaIsStableJSON(t *testing.T) {
	s := decodeSchema(t)
	if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", s["$schema"])
	}
	if !bytes.Equal(Schema(), Schema()) {
		t.Error("Schema() output differs between calls")
	}
}

// schemaLeaves maps each property path of the schema ("reads.per_month",
// "objects.sizes[].share") to its schema, and lists the paths of its objects
// ("" for the root).
func schemaLeaves(t *testing.T, s map[string]any, prefix string, props map[string]map[string]any, objects *[]string) {
	t.Helper()
	if s["type"] == "object" || slices.Contains(anySlice(s["type"]), any("object")) {
		*objects = append(*objects, prefix)
		if s["additionalProperties"] != false {
			t.Errorf("%q: additionalProperties is not false", prefix)
		}
	}
	if p, ok := s["properties"].(map[string]any); ok {
		for name, sub := range p {
			path := joinPath(prefix, name)
			subSchema := sub.(map[string]any)
			props[path] = subSchema
			if d, _ := subSchema["description"].(string); d == "" {
				t.Errorf("%s has no description", path)
			}
			schemaLeaves(t, subSchema, path, props, objects)
		}
	}
	if items, ok := s["items"].(map[string]any); ok {
		schemaLeaves(t, items, prefix+"[]", props, objects)
	}
}

func anySlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// tablePaths lists the key paths of the format table, the decoder's view.
func tablePaths(f *field, prefix string, out *[]string) {
	for i := range f.fields {
		c := &f.fields[i]
		path := joinPath(prefix, c.name)
		*out = append(*out, path)
		tablePaths(c, path, out)
		if c.item != nil {
			tablePaths(c.item, path+"[]", out)
		}
	}
}

// yamlPaths lists the key paths of a YAML node, as schemaLeaves does.
func yamlPaths(n *yaml.Node, prefix string, out map[string]bool) {
	switch n.Kind {
	case yaml.DocumentNode:
		yamlPaths(n.Content[0], prefix, out)
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			path := joinPath(prefix, n.Content[i].Value)
			out[path] = true
			yamlPaths(n.Content[i+1], path, out)
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			yamlPaths(item, prefix+"[]", out)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestSchemaMatchesDecoder proves that the schema and the decoder accept the
// same keys: the schema's property paths are the table's; every schema
// property, given its example value, is accepted by Decode; an extra key in
// any schema object is rejected by Decode; and full.yaml, which uses every
// key, decodes and uses exactly the schema's keys.
func TestSchemaMatchesDecoder(t *testing.T) {
	props := map[string]map[string]any{}
	var objects []string
	schemaLeaves(t, decodeSchema(t), "", props, &objects)
	schemaPaths := sortedKeys(props)
	t.Logf("%d schema keys in %d objects", len(schemaPaths), len(objects))

	format := formatV1()
	var table []string
	tablePaths(&format, "", &table)
	slices.Sort(table)
	if !slices.Equal(schemaPaths, table) {
		t.Errorf("schema paths\n  %v\ndecoder paths\n  %v", schemaPaths, table)
	}

	for _, path := range schemaPaths {
		examples := anySlice(props[path]["examples"])
		if len(examples) == 0 {
			// Sections and lists of sections (sizes, datasets) show their
			// keys' examples instead.
			_, isSection := props[path]["properties"]
			_, isList := props[path]["items"]
			if !isSection && !isList {
				t.Errorf("%s has no example", path)
			}
			continue
		}
		src := docWith(t, path, examples[0])
		_, err := Decode("w.yaml", src, Options{})
		var e *Error
		if errors.As(err, &e) && structural(e.Msg) {
			t.Errorf("schema key %s with its example %v is refused by the decoder: %v\n%s", path, examples[0], err, src)
		}
	}

	for _, obj := range objects {
		unknown := joinPath(obj, "zzz_unknown")
		src := docWith(t, unknown, 1)
		_, err := Decode("w.yaml", src, Options{})
		var e *Error
		if !errors.As(err, &e) || !strings.HasPrefix(e.Msg, "unknown key") || e.Field != strings.ReplaceAll(unknown, "[]", "[0]") {
			t.Errorf("key %s, absent from the schema, was not refused as unknown: %v\n%s", unknown, err, src)
		}
	}

	full := readExample(t, "full.yaml")
	if _, err := Decode("full.yaml", full, Options{}); err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(full, &n); err != nil {
		t.Fatal(err)
	}
	// full.yaml gives sizes; size and total are its commented alternatives,
	// and so is require.first_byte_by_age to first_byte (decode_test.go
	// decodes it). It is a single-dataset file, so datasets is shown by
	// another example; a dataset's keys are those of the top level (checked
	// below).
	used := map[string]bool{"objects.size": true, "objects.total": true, "datasets": true,
		"require.first_byte_by_age": true, "require.first_byte_by_age[].until": true, "require.first_byte_by_age[].first_byte": true}
	yamlPaths(&n, "", used)
	var single []string
	for _, p := range schemaPaths {
		if rest, ok := strings.CutPrefix(p, "datasets[]."); ok {
			if _, top := props[rest]; !top {
				t.Errorf("dataset key %s has no top-level counterpart", p)
			}
			continue
		}
		single = append(single, p)
	}
	if got := sortedKeys(used); !slices.Equal(got, single) {
		t.Errorf("full.yaml keys\n  %v\nschema keys\n  %v", got, single)
	}
}

// structural reports whether a decoder message refuses a key or a node
// kind, as opposed to a value or a rule spanning keys.
func structural(msg string) bool {
	for _, s := range []string{"unknown key", "must be a mapping", "must be a list", "must be a single value"} {
		if strings.HasPrefix(msg, s) {
			return true
		}
	}
	return false
}

// docWith renders a small valid workload with value set at path
// ("a.b[].c" puts c in the first entry of list b).
func docWith(t *testing.T, path string, value any) []byte {
	t.Helper()
	objects := map[string]any{"count": 10, "size": "1KiB"}
	root := map[string]any{"objects": objects}
	if strings.HasPrefix(path, "objects.total") || strings.HasPrefix(path, "objects.sizes") {
		delete(objects, "size")
	}
	cur := root
	parts := strings.Split(path, ".")
	for _, part := range parts[:len(parts)-1] {
		if name, ok := strings.CutSuffix(part, "[]"); ok {
			item := map[string]any{}
			cur[name] = []any{item}
			cur = item
			continue
		}
		next, ok := cur[part].(map[string]any)
		if !ok {
			next = map[string]any{}
			cur[part] = next
		}
		cur = next
	}
	cur[parts[len(parts)-1]] = value
	out, err := yaml.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSchemaPatterns: the schema's patterns accept what the model's parsers
// accept, for typical and edge spellings.
func TestSchemaPatterns(t *testing.T) {
	type sample struct {
		s  string
		ok bool
	}
	tests := []struct {
		name    string
		pattern string
		parse   func(string) error
		samples []sample
	}{
		{"count", countPattern, func(s string) error { _, err := model.ParseCount(s); return err }, []sample{
			{"1_000_000", true}, {"1e6", true}, {"1E6", true}, {"2.5", true}, {".5", true}, {"+3", true}, {"0", true},
			{"lots", false}, {"-5", false}, {"0x10", false}, {"1e", false}, {"NaN", false}, {"", false},
		}},
		{"size", sizePattern, func(s string) error { _, err := model.ParseSize(s); return err }, []sample{
			{"1.5MiB", true}, {"16KiB", true}, {"3 TiB", true}, {"4096", true}, {"1_024KB", true}, {"2e3", true},
			{"1kb", true}, {"1K", true}, {"1b", true}, {"0.5GiB", true}, {"2PB", true},
			{"3XB", false}, {"lots", false}, {"-1KiB", false}, {"1.5 Mi", false}, {"KiB", false}, {"1EiB", false},
		}},
		{"duration", durationPattern, func(s string) error { _, err := model.ParseDuration(s); return err }, []sample{
			{"100ms", true}, {"1s", true}, {"10sec", true}, {"5min", true}, {"12h", true}, {"30d", true},
			{"2w", true}, {"6mo", true}, {"1y", true}, {"1.5h", true}, {"1 d", true}, {"1D", true},
			{"30", false}, {"1 fortnight", false}, {"h", false}, {"-1d", false}, {"1m", false},
		}},
		{"percent", percentPattern, func(s string) error { _, err := model.ParseFraction(s); return err }, []sample{
			{"0.999", true}, {"99.9%", true}, {"40%", true}, {"1", true},
			{"abc%", false}, {"%", false}, {"-1%", false},
		}},
		{"region", regionPattern, nil, []sample{
			{"us-east-1", true}, {"us-gov-west-1", true}, {"ap-southeast-2", true}, {"eu-central-2", true},
			{"US-EAST-1", false}, {"us-east", false}, {"mars", false},
		}},
	}
	for _, tt := range tests {
		re := regexp.MustCompile(tt.pattern)
		for _, s := range tt.samples {
			if got := re.MatchString(s.s); got != s.ok {
				t.Errorf("%s pattern on %q: match = %v, want %v", tt.name, s.s, got, s.ok)
			}
			if tt.parse != nil {
				if err := tt.parse(s.s); (err == nil) != s.ok {
					t.Errorf("%s parser on %q: error %v, want ok = %v", tt.name, s.s, err, s.ok)
				}
			}
		}
	}
	for _, id := range model.ClassNames() {
		if !regexp.MustCompile(classAliasPattern).MatchString(id) {
			t.Errorf("class alias pattern refuses %s", id)
		}
		if _, err := model.ParseClassID(id); err != nil {
			t.Errorf("schema enum lists %s but ParseClassID refuses it: %v", id, err)
		}
	}
}
