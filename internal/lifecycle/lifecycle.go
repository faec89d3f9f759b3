// Package lifecycle reads and writes Amazon S3 lifecycle configurations as
// AWS's own tools do, so that s3cost can price a bucket's current rules and
// hand back a rule to apply (docs/lifecycle-aws.md):
//
//   - in: the JSON that `aws s3api get-bucket-lifecycle-configuration`
//     prints, or the document `put-bucket-lifecycle-configuration
//     --lifecycle-configuration file://x.json` takes (Parse, Read, ReadFile);
//   - out: that document (Rule.PutJSON, with the command that applies it,
//     Rule.PutCommand) or a Terraform aws_s3_bucket_lifecycle_configuration
//     resource (Rule.Terraform).
//
// Field names, value sets and limits follow the S3 API Reference
// ("PutBucketLifecycleConfiguration", "LifecycleRule", "LifecycleRuleFilter",
// "LifecycleRuleAndOperator", "Transition", "LifecycleExpiration") and the
// AWS CLI Command Reference ("put-bucket-lifecycle-configuration").
//
// s3cost prices one dataset by the age of its objects, so the package keeps
// what a rule does to current objects by age and object size (transitions,
// expiration, size filters, the bucket's TransitionDefaultMinimumObjectSize)
// and says, in notes, what it leaves aside: key-prefix and tag filters,
// actions on noncurrent versions and incomplete multipart uploads, disabled
// rules. What it cannot price faithfully (dates, delete markers) it refuses.
package lifecycle

import (
	"time"

	"github.com/s3cost/s3cost/model"
)

// Rule is one enabled lifecycle rule as s3cost prices it.
type Rule struct {
	// ID is the rule's ID ("" when the file gives none). Emitting a Rule
	// without ID uses Lifecycle.Name, else an ID made from its steps.
	ID string
	// Index is the rule's position in the file's Rules list, counted from
	// 0 as in the path Rules[i] that messages use (and that
	// `aws ... --query 'Rules[i]'` shows).
	Index int
	// Lifecycle: Start is STANDARD (objects are written to STANDARD unless
	// the uploads ask for another class: a lifecycle configuration does not
	// say; the caller may override), Transitions in order of age, the size
	// filter, and MinimumObjectSize from the file's
	// TransitionDefaultMinimumObjectSize (model.AllStorageClasses128K when
	// absent, as put-bucket-lifecycle-configuration applies it then).
	Lifecycle model.Lifecycle
	// Expiration is the age at which the rule deletes objects (whole days;
	// 0: the rule does not expire objects).
	Expiration time.Duration
	// Notes say what of the rule s3cost left aside, one sentence each.
	Notes []string
}

// Config is a parsed lifecycle configuration.
type Config struct {
	// MinimumObjectSize is TransitionDefaultMinimumObjectSize as the file
	// gives it ("" when absent; the rules then carry the default).
	MinimumObjectSize string
	// Rules are the enabled rules that transition or expire current
	// objects, in the file's order; there is at least one.
	Rules []Rule
	// Notes are about the file: rules skipped (disabled, or acting on no
	// current object), a TransitionDefaultMinimumObjectSize taken as the
	// default.
	Notes []string
}

// MaxInputBytes bounds the input Parse and Read accept (1 MiB), so that a
// wrong file (an inventory report, a log) fails fast instead of being held
// in memory. A real configuration is far smaller: AWS caps it at 1,000 rules
// (S3 API Reference, "PutBucketLifecycleConfiguration"), a few hundred bytes
// each.
const MaxInputBytes = 1 << 20

// maxRules is AWS's cap on the rules of one configuration.
const maxRules = 1000

// maxDays bounds Days: 200 years, the longest duration s3cost reads
// anywhere (model.ParseDuration); AWS's own bound, a 32-bit integer, would
// overflow time.Duration.
const maxDays = 200 * 365

// transitionClasses are the StorageClass values a Transition takes, spelt
// as AWS spells them (S3 API Reference, "Transition": GLACIER | STANDARD_IA
// | ONEZONE_IA | INTELLIGENT_TIERING | DEEP_ARCHIVE | GLACIER_IR), listed in
// waterfall order for messages. A function, not a variable, so that no
// package state can be changed.
func transitionClasses() []model.ClassID {
	return []model.ClassID{
		model.StandardIA, model.IntelligentTiering, model.OneZoneIA,
		model.GlacierIR, model.Glacier, model.DeepArchive,
	}
}
