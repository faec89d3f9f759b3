package exit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"
)

// TestCode is the table of exit codes per class, bare and wrapped the ways
// the packages and the command line wrap them.
func TestCode(t *testing.T) {
	plain := errors.New("plain")
	_, pathErr := os.Open("/nonexistent/s3cost/file")
	cases := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, 0},
		{"unclassified", plain, 3},
		{"unclassified os error", pathErr, 3},
		{"input", Input(plain), 2},
		{"inputf", Inputf("--months must be between 1 and 1200, got %d", 0), 2},
		{"input wrapped with %w", fmt.Errorf("--region: %w", Input(plain)), 2},
		{"input wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", Input(plain))), 2},
		{"input wrapped with %v loses the class", fmt.Errorf("a: %v", Input(plain)), 3},
		{"input in errors.Join", errors.Join(plain, Input(plain)), 2},
		{"sentinel itself", ErrInput, 2},
		{"io", IO(pathErr), 3},
		{"io wrapped", fmt.Errorf("--pricing: %w", IO(pathErr)), 3},
		{"check failed", CheckFailedf("%d of %d checks fail", 2, 5), 1},
		{"check failed wrapped", fmt.Errorf("x: %w", CheckFailedf("over")), 1},
		{"nothing priced", NothingPricedf("no class could be priced for %s", "w"), 4},
		{"nothing priced wrapped", fmt.Errorf("x: %w", NothingPricedf("none")), 4},
		// Two classes in one chain: the order Code documents.
		{"input and io", Input(IO(plain)), 2},
		{"io and input", IO(Input(plain)), 2},
		{"check failed and input", fmt.Errorf("%w; %w", Input(plain), CheckFailedf("over")), 1},
		{"nothing priced and input", fmt.Errorf("%w; %w", Input(plain), NothingPricedf("none")), 4},
	}
	for _, c := range cases {
		if got := Code(c.err); got != c.want {
			t.Errorf("%s: Code(%v) = %d, want %d", c.name, c.err, got, c.want)
		}
	}
}

// TestWrapKeepsMessageAndType: a class changes neither the message nor
// what errors.As finds.
func TestWrapKeepsMessageAndType(t *testing.T) {
	_, err := os.Open("/nonexistent/s3cost/file")
	for _, wrapped := range []error{Input(err), IO(err), fmt.Errorf("x: %w", IO(err))} {
		if !errors.Is(wrapped, fs.ErrNotExist) {
			t.Errorf("%v: errors.Is(fs.ErrNotExist) is false", wrapped)
		}
		var pe *fs.PathError
		if !errors.As(wrapped, &pe) {
			t.Errorf("%v: errors.As(*fs.PathError) is false", wrapped)
		}
	}
	if got, want := IO(err).Error(), err.Error(); got != want {
		t.Errorf("IO(err) = %q, want %q", got, want)
	}
	if got, want := Inputf("--class: %v", "x").Error(), "--class: x"; got != want {
		t.Errorf("Inputf = %q, want %q", got, want)
	}
	if got, want := CheckFailedf("%d of %d checks %s", 1, 3, "fails").Error(), "1 of 3 checks fails"; got != want {
		t.Errorf("CheckFailedf = %q, want %q", got, want)
	}
	if Input(nil) != nil || IO(nil) != nil {
		t.Error("a nil error must stay nil")
	}
	// Inputf's %w keeps the wrapped error in the chain.
	inner := errors.New("inner")
	if e := Inputf("outer: %w", inner); !errors.Is(e, inner) || !errors.Is(e, ErrInput) {
		t.Errorf("Inputf with %%w: %v loses a link", e)
	}
}
