package pricing

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// pricing list: 36 regions, each sheet missing many prices, still fit in
// 120 columns; the names stay in JSON.
func TestSheetListWidth(t *testing.T) {
	var sheets []Summary
	missing := []string{"classes.INTELLIGENT_TIERING.storage", "classes.ONEZONE_IA.put_per_1k", "classes.DEEP_ARCHIVE.restore.bulk.request_per_1k", "transfer.internet"}
	for i := range 36 {
		region := fmt.Sprintf("ap-southeast-%d", i)
		sheets = append(sheets, Summary{Region: region, Sheet: "aws/" + region, AsOf: "2025-10-22", Missing: missing[:i%5]})
		switch i % 3 {
		case 1:
			sheets[i].NotOffered = []string{"EXPRESS_ONEZONE"}
		case 2:
			// More than fit: counted.
			sheets[i].NotOffered = []string{"GLACIER_IR", "DEEP_ARCHIVE", "EXPRESS_ONEZONE"}
		}
	}
	var table, js strings.Builder
	if err := ListFormats.Render(&table, "table", sheets); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(table.String(), "\n") {
		if n := utf8.RuneCountInString(l); n >= 120 {
			t.Errorf("%d columns: %s", n, l)
		}
	}
	for _, want := range []string{"| ap-southeast-0 ", "| yes ", "| no, 4 missing |", "| EXPRESS_ONEZONE |", "| 3 classes ",
		"| ap-southeast-0  | aws/ap-southeast-0  | 2025-10-22 | yes           | -               |",
		"NOT OFFERED: the classes the region does not sell (in 24 of 36 regions), shown as not offered there."} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, table.String())
		}
	}
	if strings.Contains(table.String(), "put_per_1k") {
		t.Error("the table names missing prices")
	}
	if strings.Contains(table.String(), "complete sheet") {
		t.Errorf("the footer says import builds a more complete sheet:\n%s", table.String())
	}
	if err := ListFormats.Render(&js, "json", sheets); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"classes.DEEP_ARCHIVE.restore.bulk.request_per_1k"`) {
		t.Error("JSON lost the names of the missing prices")
	}
	if !strings.Contains(js.String(), `"not_offered": [
      "GLACIER_IR",
      "DEEP_ARCHIVE",
      "EXPRESS_ONEZONE"
    ]`) || !strings.Contains(js.String(), `"not_offered": []`) {
		t.Errorf("JSON lacks not_offered:\n%s", js.String())
	}
}

// pricing show names the classes the region does not sell, under the
// table, and instead of an empty table when --class leaves no price.
func TestSheetShowNotOffered(t *testing.T) {
	s := Summary{Region: "eu-west-2", Sheet: "aws/eu-west-2", AsOf: "2025-10-22", Source: "feed", NotOffered: []string{"EXPRESS_ONEZONE"}}
	items := []Item{{Key: "classes.STANDARD.put_per_1k", Price: "0.0053", Unit: "USD per 1,000 requests", Source: "feed", AsOf: "2025-10-22"}}
	var full, none, js strings.Builder
	if err := ShowFormats.Render(&full, "table", Detail{Summary: s, Items: items}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(full.String(), "| classes.STANDARD.put_per_1k |") || !strings.HasSuffix(full.String(), "+\nnot offered in eu-west-2: EXPRESS_ONEZONE\n") {
		t.Errorf("show:\n%s", full.String())
	}
	if err := ShowFormats.Render(&none, "table", Detail{Summary: s, Items: nil}); err != nil {
		t.Fatal(err)
	}
	if want := "aws/eu-west-2 (eu-west-2), as of 2025-10-22\nsource: feed\n\nnot offered in eu-west-2: EXPRESS_ONEZONE\n"; none.String() != want {
		t.Errorf("show --class EXPRESS_ONEZONE:\n%s\nwant\n%s", none.String(), want)
	}
	if err := ShowFormats.Render(&js, "json", Detail{Summary: s, Items: nil}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"prices": [],`) || !strings.Contains(js.String(), `"not_offered": [
    "EXPRESS_ONEZONE"
  ]`) {
		t.Errorf("show JSON:\n%s", js.String())
	}
}

// check and diff show "not priced" / "not offered", never an amount, for a
// dataset without amounts.
