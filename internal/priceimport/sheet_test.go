package priceimport

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/s3cost/s3cost/pricing"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

func decodeYAML(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the sheet is not YAML: %v\n%s", err, data)
	}
	return doc
}

// lookup follows a sheet key ("classes.GLACIER.storage[0]") into a decoded
// sheet.
func lookup(doc map[string]any, key string) (any, bool) {
	var cur any = doc
	for _, part := range strings.Split(key, ".") {
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 {
			name = part[:i]
			idx, _ = strconv.Atoi(strings.TrimSuffix(part[i+1:], "]"))
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[name]; !ok {
			return nil, false
		}
		if idx >= 0 {
			list, ok := cur.([]any)
			if !ok || idx >= len(list) {
				return nil, false
			}
			cur = list[idx]
		}
	}
	return cur, true
}

// assertSheetMatches checks that the decoded sheet holds exactly the found
// prices: each at its key (a tier with its boundary), and no missing key.
func assertSheetMatches(t *testing.T, doc map[string]any, res Result) {
	t.Helper()
	for _, it := range res.Found {
		v, ok := lookup(doc, it.Key)
		if strings.HasSuffix(it.Key, "]") {
			tierMap, isMap := v.(map[string]any)
			if !ok || !isMap || tierMap["price"] != it.Price {
				t.Errorf("sheet %s = %v, want price %s", it.Key, v, it.Price)
				continue
			}
			if up, has := tierMap["upto_gb"]; it.UpToGB == "" && has || it.UpToGB != "" && !has || has && strconv.Itoa(up.(int)) != it.UpToGB {
				t.Errorf("sheet %s upto_gb = %v, want %q", it.Key, up, it.UpToGB)
			}
			continue
		}
		if !ok || v != it.Price {
			t.Errorf("sheet %s = %v (present %v), want %q", it.Key, v, ok, it.Price)
		}
	}
	for _, k := range res.Missing {
		if v, ok := lookup(doc, k); ok {
			t.Errorf("missing key %s has a value in the sheet: %v", k, v)
		}
	}
	for k, want := range map[string]string{"sheet": "aws/" + res.Region, "region": res.Region, "currency": "USD", "as_of": res.AsOf, "source": res.Source} {
		if doc[k] != want {
			t.Errorf("sheet %s = %v, want %q", k, doc[k], want)
		}
	}
}

func TestSheetYAML(t *testing.T) {
	res := mustImport(t, euOptions(), openShape(t, "offer")...)
	sheet := res.SheetYAML()
	assertGolden(t, filepath.Join("testdata", "eu-west-1.golden.yaml"), sheet)
	doc := decodeYAML(t, sheet)
	assertSheetMatches(t, doc, res)

	t.Run("keys in us-east-1.yaml's order", func(t *testing.T) {
		ref, err := os.ReadFile(filepath.Join("..", "..", "pricing", "sheets", "aws", "us-east-1.yaml"))
		if err != nil {
			t.Fatalf("us-east-1.yaml not readable: %v", err)
		}
		var got, want yaml.Node
		if err := yaml.Unmarshal(sheet, &got); err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(ref, &want); err != nil {
			t.Fatal(err)
		}
		assertKeyOrder(t, "", got.Content[0], want.Content[0])
	})

	t.Run("pricing.ParseSheet accepts the imported sheet", func(t *testing.T) {
		// Partial sheets are valid: what a workload needs and the sheet
		// lacks is reported by the engine as "not priced".
		if _, err := pricing.ParseSheet(sheet); err != nil {
			t.Errorf("pricing.ParseSheet rejects the imported sheet: %v", err)
		}
	})

	t.Run("pricing.ParseSheet accepts it with the non-Price-List prices added", func(t *testing.T) {
		// The importer never reads KMS or inter-region prices; add the
		// us-east-1 sheet's so the strict loader checks every imported part.
		var tree map[string]any
		if err := yaml.Unmarshal(sheet, &tree); err != nil {
			t.Fatal(err)
		}
		tree["kms"] = map[string]any{"requests_per_10k": "0.03", "free_requests_per_month": 20000,
			"customer_key_per_month": "1.00", "rotation_per_month": "1.00", "dsse_per_gb": "0.003"}
		tree["transfer"].(map[string]any)["inter_region"] = "0.02"
		full, err := yaml.Marshal(tree)
		if err != nil {
			t.Fatal(err)
		}
		sh, err := pricing.ParseSheet(full)
		if err != nil {
			t.Fatalf("ParseSheet: %v\n%s", err, full)
		}
		checks := map[string][2]string{
			"STANDARD storage tier 2 up to":     {decString(sh.Classes["STANDARD"].Storage[1].UpTo), "512000"},
			"STANDARD storage tier 3":           {decString(sh.Classes["STANDARD"].Storage[2].Price), "0.021"},
			"GLACIER PUT":                       {decString(sh.Classes["GLACIER"].PutPer1K), "0.033"},
			"GLACIER expedited request":         {decString(sh.Classes["GLACIER"].Restore["expedited"].RequestPer1K), "11"},
			"GLACIER standard per GB":           {decString(sh.Classes["GLACIER"].Restore["standard"].PerGB), "0.01"},
			"DEEP_ARCHIVE bulk per GB":          {decString(sh.Classes["DEEP_ARCHIVE"].Restore["bulk"].PerGB), "0.003"},
			"INTELLIGENT_TIERING ARCHIVE":       {decString(sh.Classes["INTELLIGENT_TIERING"].ITTiers["ARCHIVE"]), "0.0036"},
			"EXPRESS_ONEZONE upload":            {decString(sh.Classes["EXPRESS_ONEZONE"].UploadPerGB), "0.0032"},
			"internet transfer last tier":       {decString(sh.Transfer.Internet[3].Price), "0.05"},
			"internet transfer first boundary":  {decString(sh.Transfer.Internet[0].UpTo), "10240"},
			"GLACIER_IR transition (not SIA's)": {decString(sh.Classes["GLACIER_IR"].TransitionPer1K), "0.02"},
			"sheet as_of from the S3 offer":     {sh.AsOf, "2026-09-18"},
			"sheet ID":                          {sh.ID, "aws/eu-west-1"},
		}
		for name, c := range checks {
			if c[0] != c[1] {
				t.Errorf("%s = %s, want %s", name, c[0], c[1])
			}
		}
	})
}

// A restore tier with one of its two prices is written with that one: the
// sheet format takes half a tier, and the engine reports the other half as
// missing for a workload that needs it.
func TestSheetYAMLPartialRestoreTier(t *testing.T) {
	res := importRows(t, s3Row("EU-Standard-Retrieval-Bytes", "RestoreObject", "GB", "0.0100000000"))
	sheet := res.SheetYAML()
	doc := decodeYAML(t, sheet)
	if v, ok := lookup(doc, "classes.GLACIER.restore.standard.per_gb"); !ok || v != "0.01" {
		t.Errorf("the tier's per-GB price: %v (present %v), want 0.01", v, ok)
	}
	if v, ok := lookup(doc, "classes.GLACIER.restore.standard.request_per_1k"); ok {
		t.Errorf("a request price no input gave was written: %v", v)
	}
	parsed, err := pricing.ParseSheet(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(parsed.Missing(), "classes.GLACIER.restore.standard.request_per_1k") {
		t.Errorf("the missing half is not reported: %v", parsed.Missing())
	}
}

func TestSheetYAMLHostileStrings(t *testing.T) {
	res := Result{
		Region: "eu-west-1", AsOf: "2026\n-01-01: x", Source: "a\"b\\c\u2028d\x00",
		Found:    []Item{{Key: "classes.STANDARD.put_per_1k", Price: "0.005", From: "EU-Requests-Tier1/Put\nObject: \u2029x"}},
		Warnings: []string{"line\nbreak\u0085"},
	}
	doc := decodeYAML(t, res.SheetYAML())
	if doc["as_of"] != res.AsOf || doc["source"] != res.Source {
		t.Errorf("as_of %q source %q did not round-trip", doc["as_of"], doc["source"])
	}
	assertSheetMatches(t, doc, res)
}

// assertKeyOrder checks that every mapping of got lists its keys in the
// order ref lists them, and only keys ref has.
func assertKeyOrder(t *testing.T, path string, got, ref *yaml.Node) {
	t.Helper()
	if got.Kind != yaml.MappingNode || ref.Kind != yaml.MappingNode {
		return
	}
	last := -1
	for i := 0; i < len(got.Content); i += 2 {
		key := got.Content[i].Value
		at := -1
		for j := 0; j < len(ref.Content); j += 2 {
			if ref.Content[j].Value == key {
				at = j
				break
			}
		}
		if at < 0 {
			t.Errorf("%s%s: not a key of us-east-1.yaml", path, key)
			continue
		}
		if at < last {
			t.Errorf("%s%s: out of us-east-1.yaml's order", path, key)
		}
		last = at
		assertKeyOrder(t, path+key+".", got.Content[i+1], ref.Content[at+1])
	}
}

// decString prints a sheet price whether the loader holds it as a
// decimal.Decimal or, for an optional price, a decimal.NullDecimal.
func decString(v any) string {
	switch d := v.(type) {
	case decimal.Decimal:
		return formatPrice(d)
	case decimal.NullDecimal:
		if !d.Valid {
			return "<absent>"
		}
		return formatPrice(d.Decimal)
	}
	return fmt.Sprintf("<%T>", v)
}
