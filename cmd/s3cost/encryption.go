package main

import (
	"strings"

	"github.com/s3cost/s3cost/model"
	"github.com/spf13/cobra"
)

// encryptionFlags override the workload's encryption section, so that
// "SSE-KMS with or without a Bucket Key?" needs no edit of the file.
type encryptionFlags struct {
	cmd        *cobra.Command
	typ        string
	key        string
	keys       int
	bucketKey  bool
	requesters int
	freeTier   bool
}

func (f *encryptionFlags) register(cmd *cobra.Command) {
	f.cmd = cmd
	fl := cmd.Flags()
	fl.StringVar(&f.typ, "encryption", "", "encryption to price: "+strings.Join(model.EncryptionTypes(), ", ")+" (overrides the workload)")
	fl.StringVar(&f.key, "kms-key", "", "KMS key: "+strings.Join(model.KMSKeyKinds(), " or "))
	fl.IntVar(&f.keys, "kms-keys", 1, "how many customer managed keys")
	fl.BoolVar(&f.bucketKey, "bucket-key", false, "use an S3 Bucket Key with sse-kms (--bucket-key=false turns it off)")
	fl.IntVar(&f.requesters, "requesters", 1, "distinct IAM principals reading and writing (each gets its own bucket key)")
	fl.BoolVar(&f.freeTier, "kms-free-tier", false, "subtract KMS's 20,000 free requests a month (account-wide)")
	_ = cmd.RegisterFlagCompletionFunc("encryption", fixedCompletion(model.EncryptionTypes()))
	_ = cmd.RegisterFlagCompletionFunc("kms-key", fixedCompletion(model.KMSKeyKinds()))
}

// flagFor names the flag behind a field of model.Encryption.Check.
func flagFor(field string) string {
	switch field {
	case "type":
		return "--encryption"
	case "key":
		return "--kms-key"
	case "keys":
		return "--kms-keys"
	case "bucket_key":
		return "--bucket-key"
	case "requesters":
		return "--requesters"
	}
	return "encryption." + field
}

// apply puts the flags the user set onto e and checks the result.
func (f *encryptionFlags) apply(e *model.Encryption) error {
	changed := f.cmd.Flags().Changed
	if changed("encryption") {
		e.Type = model.EncryptionType(strings.ToLower(f.typ))
		// A Bucket Key from the file does not follow a switch to a type
		// that has none; --bucket-key can still ask for it (and be refused).
		if e.Type != model.SSEKMS {
			e.BucketKey = false
		}
		if e.UsesKMS() && e.Key == "" {
			e.Key = model.AWSManagedKey
		}
	}
	if changed("kms-key") {
		e.Key = model.KMSKeyKind(strings.ToLower(f.key))
	}
	if changed("kms-keys") {
		e.Keys = f.keys
	}
	if changed("bucket-key") {
		e.BucketKey = f.bucketKey
	}
	if changed("requesters") {
		e.Requesters = f.requesters
	}
	if changed("kms-free-tier") {
		e.KMSFreeTier = f.freeTier
	}
	// Flags that belong to a choice not made are errors, as the same keys
	// are in a workload file.
	switch {
	case (changed("kms-key") || changed("kms-free-tier")) && !e.UsesKMS():
		return usageErrorf("--kms-key and --kms-free-tier apply only to sse-kms and dsse-kms, not %s", e.Type)
	case changed("kms-keys") && e.Key != model.CustomerManagedKey:
		return usageErrorf("--kms-keys applies only to customer managed keys (--kms-key customer-managed)")
	case changed("requesters") && !e.BucketKey:
		return usageErrorf("--requesters applies only with an S3 Bucket Key (--bucket-key)")
	}
	if field, msg := e.Check(); field != "" {
		return usageErrorf("%s: %s", flagFor(field), msg)
	}
	return nil
}
