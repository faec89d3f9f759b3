package workloads

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/s3cost/s3cost/model"
)

// Patterns for the string forms of numbers, as JSON Schema (ECMA-262)
// regular expressions that Go's regexp reads the same way. They describe
// what the model's parsers accept; range limits are left to the decoder.
const (
	numberPattern   = `\+?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][+-]?[0-9]{1,3})?`
	countPattern    = `^` + numberPattern + `$`
	sizePattern     = `^` + numberPattern + ` *([bB]|[kKmMgGtTpP]([iI]?[bB])?)?$`
	durationPattern = `^` + numberPattern + ` *([mM][sS]|[sS]([eE][cC])?|[mM][iI][nN]|[hH]|[dD]|[wW]|[mM][oO]|[yY])$`
	percentPattern  = `^` + numberPattern + `%?$`
	// classAliasPattern admits the case-insensitive aliases ParseClassID
	// accepts; the enum beside it lists the canonical IDs.
	classAliasPattern = `^[A-Za-z0-9][A-Za-z0-9 _-]*$`
)

// Schema returns the JSON Schema (draft 2020-12) of workload format version
// 1, generated from the same table the decoder uses, so editors validate and
// complete exactly the keys Decode accepts. The output is deterministic.
func Schema() []byte {
	format := formatV1()
	root := schemaFor(&format)
	// Header keywords first, for readers of the file.
	doc := append(object{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"title", "s3cost workload (format version 1)"},
	}, root...)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	// Encoding can only fail for unsupported Go types, and object holds
	// strings, numbers, bools, slices and objects only; schema_test.go
	// encodes it on every run.
	if err := enc.Encode(doc); err != nil {
		return nil
	}
	return buf.Bytes()
}

// member is one key of a JSON object.
type member struct {
	key   string
	value any
}

// object is a JSON object that keeps its keys in the order written, so the
// schema reads in the order of README.md's workload format rather than alphabetically.
type object []member

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// schemaFor renders one field of the format table.
func schemaFor(f *field) object {
	s := object{}
	if f.doc != "" {
		s = append(s, member{"description", f.doc})
	}
	switch f.typ {
	case typeMapping:
		props := object{}
		var required []string
		for i := range f.fields {
			c := &f.fields[i]
			props = append(props, member{c.name, schemaFor(c)})
			if c.required {
				required = append(required, c.name)
			}
		}
		// A YAML key with no value ("reads:") is an empty section, but
		// null has no keys, so a section with a required key cannot be null.
		var typ any = []string{"object", "null"}
		if len(required) > 0 {
			typ = "object"
		}
		s = append(s, member{"type", typ}, member{"properties", props}, member{"additionalProperties", false})
		var oneOf any
		if len(f.oneOf) > 0 {
			alts := make([]any, len(f.oneOf))
			for i, name := range f.oneOf {
				alts[i] = object{{"required", []string{name}}}
			}
			oneOf = alts
		}
		switch {
		case f.countFromTotal:
			// count and one of size, total, sizes; or total and size
			// without count (and without sizes).
			withCount := object{{"required", required}}
			if oneOf != nil {
				withCount = append(withCount, member{"oneOf", oneOf})
			}
			fromTotal := object{{"required", []string{"total", "size"}}, {"not", object{{"anyOf", []any{object{{"required", []string{"count"}}}, object{{"required", []string{"sizes"}}}}}}}}
			s = append(s, member{"anyOf", []any{withCount, fromTotal}})
		default:
			if len(required) > 0 {
				s = append(s, member{"required", required})
			}
			if oneOf != nil {
				s = append(s, member{"oneOf", oneOf})
			}
		}
	case typeList:
		// A list that may instead be a word (objects.ages: steady) keeps
		// items and minItems at this level, where they apply to arrays only.
		if f.word != "" {
			s = append(s, member{"anyOf", []any{object{{"const", f.word}}, object{{"type", "array"}}}})
		} else {
			s = append(s, member{"type", "array"})
		}
		s = append(s, member{"items", schemaFor(f.item)}, member{"minItems", 1})
		if f.unique {
			s = append(s, member{"uniqueItems", true})
		}
	case typeInt:
		s = append(s, member{"type", []string{"integer", "string"}}, member{"pattern", countPattern}, member{"minimum", f.min})
		if f.max > 0 {
			s = append(s, member{"maximum", f.max})
		}
	case typeWhole:
		s = append(s, member{"type", []string{"integer", "string"}}, member{"pattern", countPattern}, member{"minimum", 0})
	case typeCount, typeMoney:
		s = append(s, member{"type", []string{"number", "string"}}, member{"pattern", countPattern}, member{"minimum", 0})
	case typeSize:
		s = append(s, sizeSchema(f.positive)...)
	case typeSizeOrFull:
		s = append(s, member{"anyOf", []any{object{{"const", "full"}}, object(sizeSchema(f.positive))}})
	case typeDuration:
		s = append(s, member{"type", "string"}, member{"pattern", durationPattern})
	case typeAge:
		s = append(s, member{"type", "string"}, member{"anyOf", []any{
			object{{"const", "forever"}},
			object{{"pattern", durationPattern}},
		}})
	case typeFraction:
		s = append(s, member{"type", []string{"number", "string"}}, member{"pattern", percentPattern}, member{"maximum", 1})
		if f.positive {
			s = append(s, member{"exclusiveMinimum", 0})
		} else {
			s = append(s, member{"minimum", 0})
		}
	case typeClass:
		s = append(s, member{"type", "string"}, member{"anyOf", []any{
			object{{"enum", model.ClassNames()}},
			object{{"pattern", classAliasPattern}, {"description", "A case-insensitive alias of one of " + strings.Join(model.ClassNames(), ", ")}},
		}})
	case typeClassOrSame:
		s = append(s, member{"type", "string"}, member{"anyOf", []any{
			object{{"const", "same"}},
			object{{"enum", model.ClassNames()}},
			object{{"pattern", classAliasPattern}},
		}})
	case typeRestore:
		s = append(s, member{"type", "string"}, member{"enum", restoreTiers()})
	case typeName:
		s = append(s, member{"type", "string"}, member{"minLength", 1})
		if f.pattern != nil {
			s = append(s, member{"pattern", f.pattern.String()})
		}
	case typeRegion:
		s = append(s, member{"type", "string"}, member{"pattern", regionPattern})
	case typeBool:
		s = append(s, member{"type", "boolean"})
	case typeEnum:
		s = append(s, member{"type", "string"}, member{"enum", f.enum})
	}
	if f.example != nil {
		s = append(s, member{"examples", []any{f.example}})
	}
	return s
}

// sizeSchema: a bare number of bytes or a string with a binary unit.
func sizeSchema(positive bool) object {
	s := object{{"type", []string{"number", "string"}}, {"pattern", sizePattern}}
	if positive {
		return append(s, member{"exclusiveMinimum", 0})
	}
	return append(s, member{"minimum", 0})
}
