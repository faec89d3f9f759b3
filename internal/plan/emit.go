package plan

import (
	"fmt"
	"io"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/lifecycle"
	"github.com/s3cost/s3cost/internal/report"
	"github.com/s3cost/s3cost/model"
)

// EmitFormats are what `s3cost plan --emit` writes the best rule as
// (docs/lifecycle-aws.md): the put-bucket-lifecycle-configuration
// document, or a Terraform aws_s3_bucket_lifecycle_configuration resource.
var EmitFormats = report.Formats[lifecycle.Rule]{
	{Name: "lifecycle-json", Write: func(w io.Writer, r lifecycle.Rule) error { return write(w, r.PutJSON) }},
	{Name: "terraform", Write: func(w io.Writer, r lifecycle.Rule) error {
		return write(w, func() ([]byte, error) { return r.Terraform("") })
	}},
}

// write writes what emit returns, nothing when it fails.
func write(w io.Writer, emit func() ([]byte, error)) error {
	b, err := emit()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// ToEmit is the rule to apply for the search's best candidate, with a note
// saying what it is:
//   - a rule: the rule, expiring objects at the lifetime;
//   - STANDARD alone, with a lifetime: a rule that only expires objects
//     (that is what the figure assumes: objects written to STANDARD,
//     deleted at the lifetime);
//   - another class alone, or STANDARD alone without a lifetime: no rule
//     can say it (a lifecycle rule does not choose the class of new
//     objects), so there is nothing to emit: an exit.ErrNothingPriced
//     error naming the class and the best rule;
//   - nothing eligible, or nothing priced: exit.ErrNothingPriced too.
func (r Result) ToEmit() (lifecycle.Rule, string, error) {
	best, ok := r.Best()
	if !ok {
		if r.NothingPriced() {
			return lifecycle.Rule{}, "", exit.NothingPricedf("no rule or class could be priced with the %s prices: nothing to emit", r.Pricing.Sheet)
		}
		return lifecycle.Rule{}, "", exit.NothingPricedf("no rule or class meets the requirements: nothing to emit")
	}
	if best.Rule != nil {
		rule := lifecycle.Rule{Lifecycle: *best.Rule, Expiration: r.Lifetime}
		note := fmt.Sprintf("emitting %s at %s/month", best.Name, report.Money(best.MonthlyAverage()))
		if r.BestClass != nil {
			note += ", " + lessThan(best, *r.BestClass, "the best single class, "+r.BestClass.Name)
		}
		if best.Rule.Start != model.Standard {
			note += fmt.Sprintf("; upload objects to %s (a lifecycle rule does not choose the class of new objects)", best.Rule.Start)
		}
		if best.Rule.MinimumObjectSize == model.VariesByStorageClass {
			note += "; apply it with --transition-default-minimum-object-size " + model.VariesByStorageClass
		}
		return rule, note + ". " + caution(rule), nil
	}
	if best.Name == string(model.Standard) && r.Lifetime > 0 {
		rule := lifecycle.Rule{Lifecycle: model.Lifecycle{Start: model.Standard}, Expiration: r.Lifetime}
		return rule, fmt.Sprintf("no lifecycle transition beats STANDARD alone (%s/month): emitting a rule that only expires objects at %s. %s",
			report.Money(best.MonthlyAverage()), model.FormatDuration(r.Lifetime), caution(rule)), nil
	}
	why := fmt.Sprintf("no lifecycle rule beats %s alone (%s/month)", best.Name, report.Money(best.MonthlyAverage()))
	if rule, ok := bestRule(r); ok {
		why += fmt.Sprintf("; the best rule, %s, costs %s more", rule.Name, amountMore(rule, best))
	}
	if best.Name == string(model.Standard) {
		return lifecycle.Rule{}, "", exit.NothingPricedf("%s, and objects are kept (no lifetime): nothing to emit", why)
	}
	return lifecycle.Rule{}, "", exit.NothingPricedf("%s: upload objects to %s (a lifecycle rule does not choose the class of new objects); nothing to emit", why, best.Name)
}

// caution says what applying the rule does beyond the figures: a rule
// without a prefix applies to the whole bucket, an expiration deletes
// objects, and put-bucket-lifecycle-configuration (or the Terraform
// resource) replaces every rule the bucket has (docs/lifecycle-aws.md).
func caution(rule lifecycle.Rule) string {
	scope := "every object of the bucket (no prefix filter: add one to narrow it)"
	if rule.Lifecycle.SizeGreaterThan.IsPositive() || rule.Lifecycle.SizeLessThan.IsPositive() {
		scope = "every object of the bucket in its size range (no prefix filter: add one to narrow it)"
	}
	s := "Before applying it: it applies to " + scope
	if rule.Expiration > 0 {
		s += fmt.Sprintf(", and DELETES each object at %s (the workload's lifetime)", model.FormatDuration(rule.Expiration))
	}
	return s + "; applying it replaces every lifecycle rule the bucket has, so add it to the bucket's current rules (aws s3api get-bucket-lifecycle-configuration) to keep them."
}
