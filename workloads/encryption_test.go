package workloads

import (
	"strings"
	"testing"
	"time"

	"github.com/s3cost/s3cost/model"
)

const encObjs = "objects:\n  count: 10\n  size: 1KiB\n" // lines 1-3

func TestEncryptionDefaults(t *testing.T) {
	w, err := Decode("w.yaml", []byte(encObjs), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w.Encryption != model.DefaultEncryption() {
		t.Errorf("no encryption key: %+v, want SSE-S3 defaults", w.Encryption)
	}
	w, err = Decode("w.yaml", []byte(encObjs+"encryption:\n  type: sse-kms\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := w.Encryption
	if e.Type != model.SSEKMS || e.Key != model.AWSManagedKey || e.BucketKey || e.KMSFreeTier || e.Keys != 1 {
		t.Errorf("sse-kms defaults: %+v", e)
	}
}

func TestEncryptionFull(t *testing.T) {
	w, err := Decode("full.yaml", readExample(t, "full.yaml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := model.Encryption{
		Type: model.SSEKMS, Key: model.CustomerManagedKey, Keys: 2, Rotation: true,
		KeyAge: 18 * model.Month, RotationPeriod: 365 * model.Day, BucketKey: true, Requesters: 4,
		BucketKeyReuse: 10 * time.Minute, KMSFreeTier: true,
	}
	if w.Encryption != want {
		t.Errorf("full.yaml encryption\n got %+v\nwant %+v", w.Encryption, want)
	}
}

func TestEncryptionErrors(t *testing.T) {
	tests := []struct {
		name, src, want, msg string
	}{
		{"unknown type", "encryption:\n  type: aes256\n",
			"w.yaml:5:3: encryption.type:", `unknown value "aes256" (known: sse-s3, sse-c, sse-kms, dsse-kms)`},
		{"customer-managed key count 0", "encryption:\n  type: sse-kms\n  key: customer-managed\n  keys: 0\n",
			"w.yaml:7:3: encryption.keys:", "must be a whole number of at least 1"},
		{"bucket_key with sse-s3", "encryption:\n  bucket_key: true\n",
			"w.yaml:5:3: encryption.bucket_key:", "only applies to sse-kms, not sse-s3"},
		{"bucket_key with dsse-kms", "encryption:\n  type: dsse-kms\n  bucket_key: true\n",
			"w.yaml:6:3: encryption.bucket_key:", "not supported for dsse-kms"},
		{"key with sse-s3", "encryption:\n  type: sse-s3\n  key: customer-managed\n",
			"w.yaml:6:3: encryption.key:", "applies only to sse-kms and dsse-kms"},
		{"keys with an AWS managed key", "encryption:\n  type: sse-kms\n  keys: 3\n",
			"w.yaml:6:3: encryption.keys:", "applies only to key: customer-managed"},
		{"rotation with an AWS managed key", "encryption:\n  type: sse-kms\n  rotation: true\n",
			"w.yaml:6:3: encryption.rotation:", "applies only to key: customer-managed"},
		{"key_age without rotation", "encryption:\n  type: sse-kms\n  key: customer-managed\n  key_age: 1y\n",
			"w.yaml:7:3: encryption.key_age:", "applies only with rotation: true"},
		{"requesters without a bucket key", "encryption:\n  type: sse-kms\n  requesters: 3\n",
			"w.yaml:6:3: encryption.requesters:", "applies only with bucket_key: true"},
		{"rotation period too short", "encryption:\n  type: sse-kms\n  key: customer-managed\n  rotation: true\n  rotation_period: 30d\n",
			"w.yaml:8:3: encryption.rotation_period:", "must be from 90d to 2560d"},
		{"yes is not a boolean", "encryption:\n  type: sse-kms\n  bucket_key: yes\n",
			"w.yaml:6:3: encryption.bucket_key:", `must be true or false, got "yes"`},
		{"unknown key", "encryption:\n  type: sse-kms\n  bucketkey: true\n",
			"w.yaml:6:3: encryption.bucketkey:", `did you mean "bucket_key"?`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode("w.yaml", []byte(encObjs+tc.src), Options{})
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.HasPrefix(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got  %v\nwant %s ... %s", err, tc.want, tc.msg)
			}
		})
	}
}
