package sheetgen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The embedded sheets are exactly what the sources give: a sheet edited by
// hand, or sources changed without `make sheets`, fails here.
func TestEmbeddedSheetsAreGenerated(t *testing.T) {
	in, err := ReadInputs("../../pricing/sources")
	if err != nil {
		t.Fatal(err)
	}
	sheets, err := Generate(in)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../../pricing/sheets/aws/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(sheets) {
		t.Errorf("%d embedded sheets, the sources give %d (run make sheets)", len(files), len(sheets))
	}
	for _, s := range sheets {
		got, err := os.ReadFile(filepath.Join("../../pricing/sheets/aws", s.Region+".yaml"))
		if err != nil {
			t.Errorf("%s: %v (run make sheets)", s.Region, err)
			continue
		}
		if !bytes.Equal(got, s.YAML) {
			t.Errorf("pricing/sheets/aws/%s.yaml differs from what the sources give (run make sheets and review the diff)", s.Region)
		}
	}
}

// A derivation rule that its evidence contradicts stops the generator
// rather than writing a price on a broken rule.
func TestBrokenRuleStopsTheGenerator(t *testing.T) {
	in, err := ReadInputs("../../pricing/sources")
	if err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string][2]string{
		"Deep Archive storage": {`eu-central-1:
    classes.DEEP_ARCHIVE.storage: { price: "0.0018"`, `eu-central-1:
    classes.DEEP_ARCHIVE.storage: { price: "0.0019"`},
		"Deep Archive PUT": {`eu-west-1: { price: "0.055"`, `eu-west-1: { price: "0.05"`},
	} {
		src := string(in.Supplement)
		if !strings.Contains(src, edit[0]) {
			t.Fatalf("%s: %q not in the supplement", name, edit[0])
		}
		broken := in
		broken.Supplement = []byte(strings.Replace(src, edit[0], edit[1], 1))
		if _, err := Generate(broken); err == nil || !strings.Contains(err.Error(), "does not hold") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Evidence for a region the feed does not price would check nothing: an
// error, not a silent pass.
func TestEvidenceForAnUnknownRegion(t *testing.T) {
	in, err := ReadInputs("../../pricing/sources")
	if err != nil {
		t.Fatal(err)
	}
	const from = `  eu-west-1: { price: "0.055"`
	src := string(in.Supplement)
	if !strings.Contains(src, from) {
		t.Fatalf("%q not in the supplement", from)
	}
	in.Supplement = []byte(strings.Replace(src, from, `  eu-west-9: { price: "0.999"`, 1))
	if _, err := Generate(in); err == nil || !strings.Contains(err.Error(), "deep_archive_put_evidence eu-west-9") {
		t.Errorf("err = %v", err)
	}
}
