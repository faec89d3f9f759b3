package workloads

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/model"
)

func TestOverrides(t *testing.T) {
	base := "objects:\n  count: 10\n  sizes:\n    - {size: 1KiB, share: 1}\nreads:\n  per_month: 5\n"
	w, err := Decode("w.yaml", []byte(base), Options{Set: []string{
		"reads.per_month=5e6",         // replaces a value
		"lifetime=30d",                // adds a key
		"transfer.internet=200GiB",    // adds a section
		"objects.size=1.5MiB",         // replaces the choice: sizes goes
		"classes=[standard, GLACIER]", // a list
		"encryption.type=sse-kms",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if w.Reads.PerMonth.String() != "5000000" || w.Lifetime != 30*model.Day || w.Transfer.InternetBytes.String() != "214748364800" {
		t.Errorf("overrides not applied: %+v", w)
	}
	if len(w.Objects.Mix) != 1 || w.Objects.Mix[0].Bytes.String() != "1572864" {
		t.Errorf("objects.size did not replace sizes: %+v", w.Objects.Mix)
	}
	if len(w.Classes) != 2 || w.Classes[1] != model.Glacier || w.Encryption.Type != model.SSEKMS {
		t.Errorf("classes %v, encryption %s", w.Classes, w.Encryption.Type)
	}

	// Datasets by name and by index.
	ds := "datasets:\n  - name: a\n    objects: {count: 1, size: 1}\n  - name: b\n    objects: {count: 2, size: 1}\n"
	f, err := DecodeFile("w.yaml", []byte(ds), Options{Set: []string{"datasets.b.reads.per_month=7", "datasets[0].class=GLACIER"}})
	if err != nil {
		t.Fatal(err)
	}
	if f.Datasets[1].Reads.PerMonth.String() != "7" || f.Datasets[0].Class != model.Glacier || !f.Datasets[0].Reads.PerMonth.IsZero() {
		t.Errorf("dataset overrides: %+v", f.Datasets)
	}
}

func TestOverrideErrors(t *testing.T) {
	base := "objects:\n  count: 10\n  size: 1KiB\n"
	ds := "datasets:\n  - name: a\n    objects: {count: 1, size: 1}\n"
	for _, tc := range []struct {
		src, set, want string
	}{
		// The value meets the file's rules, and the error names the flag.
		{base, "reads.per_month=lots", `--set reads.per_month=lots: reads.per_month: must be a non-negative number, got "lots"`},
		{base, "objects.count=-1", `--set objects.count=-1: objects.count: must not be negative`},
		// An unknown path lists the closest known ones.
		{base, "reads.per_mnth=5", `--set reads.per_mnth=5: reads.per_mnth: unknown key path "reads.per_mnth" (closest: reads.per_month`},
		{base, "colour=blue", `--set colour=blue: colour: unknown key path`},
		{base, "reads.per_month", "--set reads.per_month: want PATH=VALUE"},
		{ds, "datasets.zz.class=GLACIER", `datasets: the file has no dataset named "zz"`},
		{ds, "datasets[3].class=GLACIER", "datasets: has no entry [3]"},
		{base, "encryption.type=aes", `--set encryption.type=aes: encryption.type: unknown value "aes"`},
	} {
		_, err := DecodeFile("w.yaml", []byte(tc.src), Options{Set: []string{tc.set}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("--set %s: got %v, want %q", tc.set, err, tc.want)
		}
		if !errors.Is(err, exit.ErrInput) {
			t.Errorf("--set %s: %v is not bad input", tc.set, err)
		}
	}
	// An error in the file itself still points into the file.
	_, err := DecodeFile("w.yaml", []byte(base+"lifetime: forever\n"), Options{Set: []string{"reads.per_month=5"}})
	if err == nil || !strings.HasPrefix(err.Error(), "w.yaml:4:1: lifetime:") {
		t.Errorf("file error with --set: %v", err)
	}
}

func TestValueKind(t *testing.T) {
	for path, want := range map[string]string{
		"objects.size": "size", "reads.size": "size", "transfer.internet": "size",
		"reads.per_month": "number", "objects.count": "number", "months": "number",
		"lifetime": "duration", "reads.active_share": "fraction",
		"datasets.logs.objects.size": "size", "objects.sizes[0].share": "fraction",
	} {
		if got, err := ValueKind(path); got != want || err != nil {
			t.Errorf("ValueKind(%s) = %q, %v; want %q", path, got, err, want)
		}
	}
	for _, path := range []string{"objects.from", "classes", "reads", "colour", "encryption.type"} {
		if _, err := ValueKind(path); !errors.Is(err, exit.ErrInput) {
			t.Errorf("ValueKind(%s) = %v, want bad input", path, err)
		}
	}
	if !IsWhole("objects.count") || !IsWhole("datasets.a.objects.count") || IsWhole("reads.per_month") || IsWhole("objects.size") {
		t.Error("IsWhole")
	}
}

func TestOverridesApplyInOrder(t *testing.T) {
	base := "objects:\n  count: 10\n  size: 1KiB\n"
	w, err := Decode("w.yaml", []byte(base), Options{Set: []string{"months=2", "months=3"}})
	if err != nil || w.Months != 3 {
		t.Errorf("months=2 then months=3: %d, %v; the later wins", w.Months, err)
	}
}

// A dataset key without "datasets." sets it in every dataset of a file
// with datasets; datasets.NAME sets one, in either kind of file.
func TestOverrideEveryDataset(t *testing.T) {
	ds := "months: 1\ndatasets:\n" +
		"  - name: a\n    objects: {count: 1, size: 1}\n    classes: [GLACIER]\n" +
		"  - name: b\n    objects: {count: 2, size: 1}\n    encryption: {type: sse-kms, bucket_key: true}\n"
	f, err := DecodeFile("w.yaml", []byte(ds), Options{Set: []string{
		"classes=[STANDARD, standard-ia]", "encryption.type=dsse-kms", "reads.per_month=7", "months=4", "datasets.b.lifetime=30d",
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range f.Datasets {
		if len(w.Classes) != 2 || w.Classes[1] != model.StandardIA || w.Encryption.Type != model.DSSEKMS || w.Encryption.BucketKey ||
			w.Reads.PerMonth.String() != "7" || w.Months != 4 {
			t.Errorf("dataset %s: classes %v, encryption %+v, reads %s, months %d", w.Name, w.Classes, w.Encryption, w.Reads.PerMonth, w.Months)
		}
	}
	if f.Datasets[0].Lifetime != 0 || f.Datasets[1].Lifetime != 30*model.Day {
		t.Errorf("datasets.b.lifetime: a %v, b %v", f.Datasets[0].Lifetime, f.Datasets[1].Lifetime)
	}
	// An error in one dataset names it.
	_, err = DecodeFile("w.yaml", []byte(ds), Options{Set: []string{"encryption.requesters=3"}})
	if err == nil || err.Error() != "--set encryption.requesters=3: datasets[0].encryption.requesters: applies only with bucket_key: true (the --bucket-key flag)" {
		t.Errorf("requesters in every dataset: %v", err)
	}

	// datasets.NAME in a file without datasets: is its one dataset.
	single := "name: logs\nobjects: {count: 1, size: 1}\n"
	w, err := Decode("w.yaml", []byte(single), Options{Set: []string{"datasets.logs.lifetime=30d"}})
	if err != nil || w.Lifetime != 30*model.Day {
		t.Errorf("datasets.logs.lifetime in a single-dataset file: %v, %v", w.Lifetime, err)
	}
	w, err = Decode("dir/backups.yaml", []byte("objects: {count: 1, size: 1}\n"), Options{Set: []string{"datasets.backups.lifetime=30d"}})
	if err != nil || w.Lifetime != 30*model.Day {
		t.Errorf("datasets.backups.lifetime, named after the file: %v, %v", w.Lifetime, err)
	}
	_, err = Decode("w.yaml", []byte(single), Options{Set: []string{"datasets.logs={objects: {count: 1, size: 1}}"}})
	if err == nil || !strings.Contains(err.Error(), "set its keys (datasets.NAME.KEY), not the whole dataset") {
		t.Errorf("datasets.logs={...} in a single-dataset file: %v", err)
	}
	for src, want := range map[string]string{
		single: `--set datasets.zz.lifetime=1d: datasets: the file has no dataset named "zz" (it has one, logs)`,
		ds:     `--set datasets.zz.lifetime=1d: datasets: the file has no dataset named "zz" (it has: a, b)`,
	} {
		_, err := DecodeFile("w.yaml", []byte(src), Options{Set: []string{"datasets.zz.lifetime=1d"}})
		if err == nil || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
	}
}

func TestInDataset(t *testing.T) {
	for _, tc := range []struct{ name, path, want string }{
		{"a", "classes", "datasets.a.classes"},
		{"a", "encryption.type", "datasets.a.encryption.type"},
		{"a", "objects.sizes[0].share", "datasets.a.objects.sizes[0].share"},
		{"a", "months", "months"}, // a key of the whole file
		{"a", "region", "region"},
		{"a", "datasets.b.lifetime", "datasets.b.lifetime"}, // picks its own
		{"a", "datasets[1].lifetime", "datasets[1].lifetime"},
		{"", "classes", "classes"},
	} {
		if got := InDataset(tc.name, tc.path); got != tc.want {
			t.Errorf("InDataset(%q, %q) = %q, want %q", tc.name, tc.path, got, tc.want)
		}
	}
}

// Setting classes keeps the pinned class a candidate; in the file, a class
// outside classes is an error.
func TestOverrideClassesKeepPinnedClass(t *testing.T) {
	src := "objects: {count: 1, size: 1}\nclass: glacier-ir\n"
	for set, want := range map[string][]model.ClassID{
		"classes=[STANDARD]":                  {model.Standard, model.GlacierIR},
		"classes=[STANDARD, GLACIER_IR]":      {model.Standard, model.GlacierIR}, // already there, not twice
		"classes=[Glacier-Instant-Retrieval]": {model.GlacierIR},                 // an alias of it
	} {
		w, err := Decode("w.yaml", []byte(src), Options{Set: []string{set}})
		if err != nil || !slices.Equal(w.Classes, want) || w.Class != model.GlacierIR {
			t.Errorf("--set %s: classes %v, class %s, %v; want %v", set, w.Classes, w.Class, err, want)
		}
	}
	// Every dataset keeps its own.
	ds := "datasets:\n  - name: a\n    objects: {count: 1, size: 1}\n    class: GLACIER\n  - name: b\n    objects: {count: 1, size: 1}\n"
	f, err := DecodeFile("w.yaml", []byte(ds), Options{Set: []string{"classes=[STANDARD]"}})
	if err != nil || !slices.Equal(f.Datasets[0].Classes, []model.ClassID{model.Standard, model.Glacier}) ||
		!slices.Equal(f.Datasets[1].Classes, []model.ClassID{model.Standard}) {
		t.Errorf("classes in every dataset: %+v, %v", f.Datasets, err)
	}
	// A class pinned after classes is held to the file's rule.
	_, err = Decode("w.yaml", []byte(src), Options{Set: []string{"classes=[STANDARD]", "class=GLACIER"}})
	if err == nil || err.Error() != "--set class=GLACIER: class: GLACIER is not among the classes listed in classes" {
		t.Errorf("class after classes: %v", err)
	}
}

// An override of an encryption key drops the keys of a choice it unmakes,
// as the file's other keys were about the value replaced.
func TestOverrideEncryptionChoices(t *testing.T) {
	const kms = "encryption:\n  type: sse-kms\n  key: customer-managed\n  keys: 3\n  rotation: true\n  key_age: 1y\n" +
		"  rotation_period: 180d\n  bucket_key: true\n  requesters: 4\n  bucket_key_reuse: 10min\n  kms_free_tier: true\n"
	def := model.DefaultEncryption()
	for _, tc := range []struct {
		sets []string
		want func(e *model.Encryption)
	}{
		// sse-s3 has none of them.
		{[]string{"encryption.type=sse-s3"}, func(e *model.Encryption) { *e = def }},
		{[]string{"encryption.type=sse-c"}, func(e *model.Encryption) { *e = def; e.Type = model.SSEC }},
		// dsse-kms keeps the key, not the Bucket Key.
		{[]string{"encryption.type=dsse-kms"}, func(e *model.Encryption) {
			e.Type, e.BucketKey, e.Requesters, e.BucketKeyReuse = model.DSSEKMS, false, 1, def.BucketKeyReuse
		}},
		// An AWS managed key has no count and no rotation.
		{[]string{"encryption.key=aws-managed"}, func(e *model.Encryption) {
			e.Key, e.Keys, e.Rotation, e.KeyAge, e.RotationPeriod = model.AWSManagedKey, 1, false, 0, def.RotationPeriod
		}},
		{[]string{"encryption.rotation=false"}, func(e *model.Encryption) { e.Rotation, e.KeyAge, e.RotationPeriod = false, 0, def.RotationPeriod }},
		{[]string{"encryption.bucket_key=false"}, func(e *model.Encryption) { e.BucketKey, e.Requesters, e.BucketKeyReuse = false, 1, def.BucketKeyReuse }},
		// A key that changes no choice drops nothing.
		{[]string{"encryption.keys=5"}, func(e *model.Encryption) { e.Keys = 5 }},
		{[]string{"encryption.type=sse-kms"}, func(*model.Encryption) {}},
		// The later override wins: requesters set, then the Bucket Key off.
		{[]string{"encryption.requesters=9", "encryption.bucket_key=false"}, func(e *model.Encryption) {
			e.BucketKey, e.Requesters, e.BucketKeyReuse = false, 1, def.BucketKeyReuse
		}},
	} {
		w, err := Decode("w.yaml", []byte(encObjs+kms), Options{Set: tc.sets})
		if err != nil {
			t.Errorf("%v: %v", tc.sets, err)
			continue
		}
		want := model.Encryption{Type: model.SSEKMS, Key: model.CustomerManagedKey, Keys: 3, Rotation: true, KeyAge: 365 * model.Day,
			RotationPeriod: 180 * model.Day, BucketKey: true, Requesters: 4, BucketKeyReuse: 10 * time.Minute, KMSFreeTier: true}
		tc.want(&want)
		if w.Encryption != want {
			t.Errorf("%v:\n got %+v\nwant %+v", tc.sets, w.Encryption, want)
		}
	}

	// A switch to a KMS type from a file without one has the default key.
	w, err := Decode("w.yaml", []byte(encObjs), Options{Set: []string{"encryption.type=dsse-kms"}})
	if err != nil || w.Encryption.Key != model.AWSManagedKey || w.Encryption.Keys != 1 {
		t.Errorf("dsse-kms over the defaults: %+v, %v", w.Encryption, err)
	}

	for _, tc := range []struct {
		src  string
		sets []string
		want string
	}{
		// A key set against the choice is refused, naming the override.
		{kms, []string{"encryption.bucket_key=false", "encryption.requesters=9"},
			"--set encryption.requesters=9: encryption.requesters: applies only with bucket_key: true (the --bucket-key flag)"},
		{kms, []string{"encryption.type=sse-s3", "encryption.key=customer-managed"},
			"--set encryption.key=customer-managed: encryption.key: applies only to sse-kms and dsse-kms, not sse-s3"},
		{kms, []string{"encryption.type=dsse-kms", "encryption.bucket_key=true"},
			"--set encryption.bucket_key=true: encryption.bucket_key: S3 Bucket Keys are not supported for dsse-kms"},
		// A contradiction the file holds before the override is the
		// file's, and stays an error there.
		{"encryption:\n  type: sse-kms\n  requesters: 3\n", []string{"encryption.type=sse-s3"},
			"w.yaml:6:3: encryption.requesters: applies only with bucket_key: true (the --bucket-key flag)"},
	} {
		_, err := Decode("w.yaml", []byte(encObjs+tc.src), Options{Set: tc.sets})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%v:\n got %v\nwant %s", tc.sets, err, tc.want)
		}
	}
}
