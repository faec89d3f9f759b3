package model

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func rule(start ClassID, steps ...any) Lifecycle {
	l := Lifecycle{Start: start}
	for i := 0; i < len(steps); i += 2 {
		l.Transitions = append(l.Transitions, Transition{After: days(steps[i].(int)), Class: steps[i+1].(ClassID)})
	}
	return l
}

// days is n days.
func days(n int) time.Duration { return time.Duration(n) * Day }

// AWS's lifecycle constraints (S3 User Guide, "Transitioning objects using
// Amazon S3 Lifecycle"), each with the message that names the step.
func TestLifecycleValidate(t *testing.T) {
	for _, c := range []struct {
		rule     Lifecycle
		lifetime int // days, 0: none
		want     string
	}{
		{rule(Standard, 30, StandardIA, 90, Glacier), 365, ""},
		{rule(Standard, 30, IntelligentTiering), 0, ""},
		{rule(Standard, 0, Glacier), 0, ""}, // no transition: checked below
		{rule(Standard, 29, StandardIA), 0, "transition 1 (STANDARD_IA@29d): objects must be at least 30 days old before a transition to STANDARD_IA"},
		{rule(Standard, 30, OneZoneIA, 59, Glacier), 0, "transition 2 (GLACIER@59d): a transition to GLACIER must come at least 30 days after the one to ONEZONE_IA"},
		{rule(Standard, 30, Glacier, 60, StandardIA), 0, "transition 2 (STANDARD_IA@60d): lifecycle cannot move objects from GLACIER to STANDARD_IA (transitions go down the waterfall only)"},
		{rule(Standard, 30, StandardIA, 60, Standard), 0, "transition 2 (STANDARD@60d): lifecycle cannot transition objects to STANDARD"},
		{rule(Standard, 30, ExpressOneZone), 0, "transition 1 (EXPRESS_ONEZONE@30d): lifecycle cannot transition objects into or out of EXPRESS_ONEZONE"},
		{rule(ExpressOneZone, 30, Glacier), 0, "EXPRESS_ONEZONE → GLACIER@30d: lifecycle cannot transition objects out of EXPRESS_ONEZONE (directory buckets only expire objects)"},
		{rule(Standard, 90, Glacier, 60, DeepArchive), 0, "transition 2 (DEEP_ARCHIVE@60d): ages must increase from one transition to the next"},
		{rule(Standard, 100, Glacier), 90, "STANDARD → GLACIER@100d → expire@90d: objects expire before the last transition"},
		{rule(Standard, 30, OneZoneIA, 90, GlacierIR), 0, "transition 2 (GLACIER_IR@90d): lifecycle cannot move objects from ONEZONE_IA to GLACIER_IR (transitions go down the waterfall only)"},
	} {
		if len(c.rule.Transitions) == 1 && c.rule.Transitions[0].After == 0 {
			c.rule.Transitions[0].After = 12 * 3600 * 1e9 // half a day
			c.want = "transition 1 (GLACIER@12h): lifecycle counts whole days"
		}
		err := c.rule.Validate(days(c.lifetime))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.rule.Describe(0), got, c.want)
		}
	}
}

func TestLifecycleMoves(t *testing.T) {
	small, large := decimal.NewFromInt(64*KiB), decimal.NewFromInt(MiB)
	def := rule(Standard, 30, StandardIA, 90, Glacier)
	if def.Moves(small, Glacier) || !def.Moves(large, StandardIA) {
		t.Error("all_storage_classes_128K: small objects stay, large ones move")
	}
	varies := def
	varies.MinimumObjectSize = VariesByStorageClass
	if varies.Moves(small, StandardIA) || !varies.Moves(small, Glacier) {
		t.Error("varies_by_storage_class: small objects skip STANDARD_IA only")
	}
	filtered := def
	filtered.SizeGreaterThan = decimal.NewFromInt(10 * MiB)
	if filtered.Moves(large, Glacier) {
		t.Error("a size filter over 10 MiB moved a 1 MiB object")
	}
	if got := def.Describe(365 * Day); !strings.Contains(got, "STANDARD → STANDARD_IA@30d → GLACIER@90d → expire@1y") {
		t.Errorf("Describe: %q", got)
	}
}

// Found by review: a rule's size filter takes precedence over the 128 KiB
// default (S3 API Reference, TransitionDefaultMinimumObjectSize), and the
// 30-day gap names the IA class it follows.
func TestLifecycleFilterAndGap(t *testing.T) {
	r := rule(Standard, 30, Glacier)
	r.SizeGreaterThan = decimal.NewFromInt(16 * KiB)
	if !r.Moves(decimal.NewFromInt(64*KiB), Glacier) {
		t.Error("a 64 KiB object under a size_greater_than 16 KiB filter stayed put")
	}
	err := rule(Standard, 30, StandardIA, 40, IntelligentTiering, 50, Glacier).Validate(0)
	if err == nil || !strings.Contains(err.Error(), "at least 30 days after the one to STANDARD_IA") {
		t.Errorf("err = %v", err)
	}
}
