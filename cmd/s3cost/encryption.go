package main

import (
	"strconv"
	"strings"

	"github.com/s3cost/s3cost/model"
	"github.com/spf13/cobra"
)

// encryptionFlags override the workload's encryption section, so that
// "SSE-KMS with or without a Bucket Key?" needs no edit of the file. They
// are overrides of encryption.* keys (overrides.go): the workload decides
// which keys apply and checks them.
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
	fl.StringVar(&f.typ, "encryption", "", "encryption to price: "+strings.Join(model.EncryptionTypes(), ", ")+" (as --set encryption.type=T after every --set; the other flags set encryption.KEY likewise)")
	fl.StringVar(&f.key, "kms-key", "", "KMS key: "+strings.Join(model.KMSKeyKinds(), " or "))
	fl.IntVar(&f.keys, "kms-keys", 1, "how many customer managed keys")
	fl.BoolVar(&f.bucketKey, "bucket-key", false, "use an S3 Bucket Key with sse-kms (--bucket-key=false turns it off)")
	fl.IntVar(&f.requesters, "requesters", 1, "distinct IAM principals reading and writing (each gets its own bucket key)")
	fl.BoolVar(&f.freeTier, "kms-free-tier", false, "subtract KMS's 20,000 free requests a month (account-wide)")
	_ = cmd.RegisterFlagCompletionFunc("encryption", fixedCompletion(model.EncryptionTypes()))
	_ = cmd.RegisterFlagCompletionFunc("kms-key", fixedCompletion(model.KMSKeyKinds()))
}

// overrides returns the overrides of the encryption flags given. The type
// comes first: a switch of type drops the file's settings for the type it
// replaces (a Bucket Key, a customer managed key; workloads/set.go) before
// the other flags set theirs, so that --encryption sse-kms --bucket-key
// asks for both.
func (f *encryptionFlags) overrides() []flagOverride {
	changed := f.cmd.Flags().Changed
	var out []flagOverride
	if changed("encryption") {
		out = append(out, newFlagOverride("--encryption", "encryption.type", yamlString(strings.ToLower(f.typ))))
	}
	if changed("kms-key") {
		out = append(out, newFlagOverride("--kms-key", "encryption.key", yamlString(strings.ToLower(f.key))))
	}
	if changed("kms-keys") {
		out = append(out, newFlagOverride("--kms-keys", "encryption.keys", strconv.Itoa(f.keys)))
	}
	if changed("bucket-key") {
		out = append(out, newFlagOverride("--bucket-key", "encryption.bucket_key", strconv.FormatBool(f.bucketKey)))
	}
	if changed("requesters") {
		out = append(out, newFlagOverride("--requesters", "encryption.requesters", strconv.Itoa(f.requesters)))
	}
	if changed("kms-free-tier") {
		out = append(out, newFlagOverride("--kms-free-tier", "encryption.kms_free_tier", strconv.FormatBool(f.freeTier)))
	}
	return out
}
