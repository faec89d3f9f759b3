package workloads

import (
	"strings"
	"testing"

	"github.com/s3cost/s3cost/model"
)

func TestDatasetsExample(t *testing.T) {
	f, err := DecodeFile("team-buckets.yaml", readExample(t, "team-buckets.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "platform-storage" || f.Budget.Monthly == nil || f.Budget.Monthly.String() != "300" ||
		f.Budget.PeakMonth == nil || f.Budget.PeakMonth.String() != "400" || f.Budget.Total.String() != "4500" {
		t.Errorf("file: %+v", f)
	}
	if len(f.Datasets) != 3 {
		t.Fatalf("%d datasets", len(f.Datasets))
	}
	want := []struct {
		name   string
		class  model.ClassID
		budget string
	}{{"build-artifacts", model.Standard, "350"}, {"app-logs", model.StandardIA, ""}, {"db-snapshots", model.DeepArchive, ""}}
	for i, ds := range f.Datasets {
		if ds.Name != want[i].name || ds.Class != want[i].class {
			t.Errorf("dataset %d: %s in %s", i, ds.Name, ds.Class)
		}
		got := ""
		if ds.Budget.PeakMonth != nil {
			got = ds.Budget.PeakMonth.String()
		}
		if got != want[i].budget || ds.Budget.Monthly != nil {
			t.Errorf("%s: peak_month budget %q, want %q (and no monthly)", ds.Name, got, want[i].budget)
		}
		// Shared settings come from the top of the file.
		if ds.Region != "us-east-1" || ds.Months != 12 {
			t.Errorf("%s: region %s, months %d", ds.Name, ds.Region, ds.Months)
		}
	}
	// Decode, which wants a single workload, says why it cannot give one.
	if _, err := Decode("team-buckets.yaml", readExample(t, "team-buckets.yaml"), Options{}); err == nil ||
		!strings.Contains(err.Error(), "this file has 3 datasets") {
		t.Errorf("Decode of a datasets file: %v", err)
	}
}

// A single-dataset file is a file of one dataset whose budget is the file's.
func TestSingleDatasetFile(t *testing.T) {
	f, err := DecodeFile("dir/backups.yaml", []byte("objects: {count: 1, size: 1}\nclass: GLACIER\nbudget: {monthly: 5}\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Datasets) != 1 || f.Datasets[0].Name != "backups" || f.Name != "backups" || f.Path != "dir/backups.yaml" {
		t.Fatalf("%+v", f)
	}
	if f.Datasets[0].Class != model.Glacier || f.Datasets[0].Budget.Monthly != nil || f.Budget.Monthly.String() != "5" {
		t.Errorf("class %s, dataset budget %+v, file budget %+v", f.Datasets[0].Class, f.Datasets[0].Budget, f.Budget)
	}
}

func TestDatasetErrors(t *testing.T) {
	const ds = "datasets:\n  - name: a\n    objects: {count: 1, size: 1}\n" // lines 1-3
	tests := []struct{ name, src, want, msg string }{
		{"duplicate name", ds + "  - name: a\n    objects: {count: 2, size: 1}\n",
			"w.yaml:4:5: datasets[1].name:", `dataset "a" is named twice (first at line 2)`},
		{"missing name", "datasets:\n  - objects: {count: 1, size: 1}\n",
			"w.yaml:2:5: datasets[0].name:", "missing; it is required"},
		{"dataset key at the top", ds + "reads: {per_month: 5}\n",
			"w.yaml:4:1: reads:", "with datasets, give reads in each dataset"},
		{"both objects and datasets", ds + "objects: {count: 1, size: 1}\n",
			"w.yaml:", "give only one of objects, datasets"},
		{"pinned class not a candidate", "objects: {count: 1, size: 1}\nclasses: [STANDARD]\nclass: GLACIER\n",
			"w.yaml:3:1: class:", "GLACIER is not among the classes listed in classes"},
		{"unknown pinned class", ds + "    class: PAPER\n",
			"w.yaml:4:5: datasets[0].class:", "unknown storage class"},
		{"unknown key in a dataset", ds + "    colour: blue\n",
			"w.yaml:4:5: datasets[0].colour:", "unknown key"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeFile("w.yaml", []byte(tc.src), Options{})
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got  %v\nwant %s ... %s", err, tc.want, tc.msg)
			}
		})
	}
}
