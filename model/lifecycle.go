package model

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// AgeBand is one band of an age profile (objects.ages, reads.by_age): Share
// of the objects, or of the reads, fall on objects at least as old as the
// previous band's Until and younger than this one's. Until 0 is "forever"
// and only the last band may have it. Within a band, ages are taken to be
// spread evenly (docs/cost-rules.md, "Ages").
type AgeBand struct {
	Until time.Duration
	Share decimal.Decimal
}

// Transition is one step of a lifecycle rule: objects move to Class when
// they are After old (days since creation, as AWS counts them).
type Transition struct {
	After time.Duration
	Class ClassID
}

// The bucket setting TransitionDefaultMinimumObjectSize (S3 User Guide,
// "Transitioning objects using Amazon S3 Lifecycle").
const (
	// AllStorageClasses128K: no transition moves an object under 128 KiB
	// (the default since September 2024).
	AllStorageClasses128K = "all_storage_classes_128K"
	// VariesByStorageClass: only transitions to STANDARD_IA, ONEZONE_IA,
	// INTELLIGENT_TIERING and GLACIER_IR skip objects under 128 KiB.
	VariesByStorageClass = "varies_by_storage_class"
)

// Lifecycle is a lifecycle rule priced as a candidate beside the classes:
// objects are written to Start, move through Transitions as they age, and
// expire at the workload's lifetime.
type Lifecycle struct {
	// Name is the rule's ID ("" gets one from the transitions).
	Name  string
	Start ClassID
	// Transitions in order of age.
	Transitions []Transition
	// MinimumObjectSize is the bucket's TransitionDefaultMinimumObjectSize:
	// AllStorageClasses128K or VariesByStorageClass.
	MinimumObjectSize string
	// SizeGreaterThan and SizeLessThan are the rule's filter
	// (ObjectSizeGreaterThan, ObjectSizeLessThan; zero: none): objects
	// outside it are not transitioned and stay in Start.
	SizeGreaterThan, SizeLessThan decimal.Decimal
	// Expiration is the age objects are deleted at: the workload's
	// lifetime (0: kept), set on the rule an estimate carries.
	Expiration time.Duration
}

// Stages are the classes an object passes through, Start first.
func (l Lifecycle) Stages() []ClassID {
	out := []ClassID{l.Start}
	for _, t := range l.Transitions {
		out = append(out, t.Class)
	}
	return out
}

// Describe names the rule as the table shows it:
// "STANDARD → STANDARD_IA@30d → GLACIER@90d → expire@365d" (lifetime 0: no
// expiration).
func (l Lifecycle) Describe(lifetime time.Duration) string {
	parts := []string{string(l.Start)}
	for _, t := range l.Transitions {
		parts = append(parts, fmt.Sprintf("%s@%s", t.Class, FormatDuration(t.After)))
	}
	if lifetime > 0 {
		parts = append(parts, "expire@"+FormatDuration(lifetime))
	}
	return strings.Join(parts, " → ")
}

// Moves reports whether a transition to target moves an object of size
// bytes under this rule: the rule's size filter, then the bucket's 128 KiB
// default.
func (l Lifecycle) Moves(size decimal.Decimal, target ClassID) bool {
	if l.SizeGreaterThan.IsPositive() && !size.GreaterThan(l.SizeGreaterThan) {
		return false
	}
	if l.SizeLessThan.IsPositive() && !size.LessThan(l.SizeLessThan) {
		return false
	}
	if l.SizeGreaterThan.IsPositive() || l.SizeLessThan.IsPositive() {
		// "Custom filters always take precedence over the default
		// transition behavior" (S3 API Reference,
		// TransitionDefaultMinimumObjectSize).
		return true
	}
	if size.GreaterThanOrEqual(decimal.NewFromInt(LifecycleMinObjectBytes)) {
		return true
	}
	if l.MinimumObjectSize != VariesByStorageClass {
		return false
	}
	switch target {
	case StandardIA, OneZoneIA, IntelligentTiering, GlacierIR:
		return false
	}
	return true
}

// The ages AWS requires (S3 User Guide, "Transitioning objects using Amazon
// S3 Lifecycle": constraints).
const (
	// minIAAge: objects must be at least 30 days old before a transition
	// to STANDARD_IA or ONEZONE_IA.
	minIAAge = 30 * Day
	// iaToArchiveGap: a transition to GLACIER or DEEP_ARCHIVE comes at
	// least 30 days after one to STANDARD_IA or ONEZONE_IA in the same rule.
	iaToArchiveGap = 30 * Day
)

// Validate checks the rule against AWS's lifecycle constraints and returns
// the first it breaks, in words that name the step; lifetime is the
// expiration (0: none), which must come after the last transition.
func (l Lifecycle) Validate(lifetime time.Duration) error {
	start, ok := LookupClass(l.Start)
	if !ok {
		return fmt.Errorf("unknown start class %q", l.Start)
	}
	if start.DirectoryBucket && len(l.Transitions) > 0 {
		return fmt.Errorf("%s: lifecycle cannot transition objects out of %s (directory buckets only expire objects)", l.Describe(lifetime), l.Start)
	}
	prev, prevAge := start, time.Duration(0)
	var lastIA time.Duration = -1
	var lastIAClass ClassID
	for i, t := range l.Transitions {
		step := fmt.Sprintf("transition %d (%s@%s)", i+1, t.Class, FormatDuration(t.After))
		to, ok := LookupClass(t.Class)
		if !ok {
			return fmt.Errorf("%s: unknown class %q", step, t.Class)
		}
		switch {
		case t.After <= 0:
			return fmt.Errorf("%s: the age must be at least 1 day", step)
		case t.After%Day != 0:
			return fmt.Errorf("%s: lifecycle counts whole days", step)
		case t.After <= prevAge:
			return fmt.Errorf("%s: ages must increase from one transition to the next", step)
		case to.ID == Standard:
			return fmt.Errorf("%s: lifecycle cannot transition objects to STANDARD", step)
		case to.DirectoryBucket || prev.DirectoryBucket:
			return fmt.Errorf("%s: lifecycle cannot transition objects into or out of %s", step, ExpressOneZone)
		case !prev.CanTransitionTo(to):
			return fmt.Errorf("%s: lifecycle cannot move objects from %s to %s (transitions go down the waterfall only)", step, prev.ID, to.ID)
		case (to.ID == StandardIA || to.ID == OneZoneIA) && t.After < minIAAge:
			return fmt.Errorf("%s: objects must be at least 30 days old before a transition to %s", step, to.ID)
		case (to.ID == Glacier || to.ID == DeepArchive) && lastIA >= 0 && t.After-lastIA < iaToArchiveGap:
			return fmt.Errorf("%s: a transition to %s must come at least 30 days after the one to %s", step, to.ID, lastIAClass)
		}
		if to.ID == StandardIA || to.ID == OneZoneIA {
			lastIA, lastIAClass = t.After, to.ID
		}
		prev, prevAge = to, t.After
	}
	if lifetime > 0 && len(l.Transitions) > 0 && lifetime <= prevAge {
		return fmt.Errorf("%s: objects expire before the last transition", l.Describe(lifetime))
	}
	switch l.MinimumObjectSize {
	case "", AllStorageClasses128K, VariesByStorageClass:
	default:
		return fmt.Errorf("transition_default_minimum_object_size %q: use %s or %s", l.MinimumObjectSize, AllStorageClasses128K, VariesByStorageClass)
	}
	if l.SizeGreaterThan.IsPositive() && l.SizeLessThan.IsPositive() && !l.SizeGreaterThan.LessThan(l.SizeLessThan) {
		return fmt.Errorf("%s: the size filter selects no object (greater than %s and less than %s)", l.Describe(lifetime), FormatBytes(l.SizeGreaterThan), FormatBytes(l.SizeLessThan))
	}
	return nil
}

// ITArchive configures Intelligent-Tiering's opt-in archive tiers (zero:
// not configured). Archive Access takes objects after 90 to 730 days
// without access, Deep Archive Access after 180 to 730 (S3 User Guide,
// "How S3 Intelligent-Tiering works").
type ITArchive struct {
	ArchiveAfter, DeepArchiveAfter time.Duration
}

// AgeLimit is a first-byte requirement for objects younger than Until (0:
// every older object).
type AgeLimit struct {
	Until     time.Duration
	FirstByte time.Duration
}
