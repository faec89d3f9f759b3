// Package exit classifies errors by what the person running s3cost can do
// about them, and maps the class to the process's exit code
// (docs/json.md, docs/ci.md):
//
//	0  no error
//	1  ErrCheckFailed: a check failed (over budget, over --fail-above)
//	2  ErrInput: bad input (a flag, a workload, a price sheet, an inventory
//	   report, a price feed): fix what was given
//	3  ErrIO, or any error not classified: I/O (a missing or unreadable
//	   file, an output that cannot be written) or a bug
//	4  ErrNothingPriced: the report is written but holds no figure to act on
//
// Why: the package that finds a problem knows what kind it is (the
// workload decoder knows a bad key is the user's, the sheet loader knows a
// failed read is I/O); the command line calling it does not, and used to
// guess, wrapping errors by hand at some seventy call sites, so that a new
// call site or a new error could get the wrong exit code unnoticed.
// Instead each package wraps one of these sentinels where the error arises,
// the wrapping keeps the error's message unchanged, the class survives any
// further wrapping with fmt.Errorf("...: %w", err), and cmd/s3cost's Run
// asks Code for the exit code.
//
// The package sits under internal/: it is the contract between this
// module's packages and its command, not an API for other programs.
package exit

import (
	"errors"
	"fmt"
)

// The error classes. Test for them with errors.Is; wrap an error in one
// with Input, IO, CheckFailedf or NothingPricedf, which keep its message.
var (
	// ErrInput is bad input: a flag, a workload file, a price sheet, an
	// inventory report or price feed that is malformed or names something
	// unknown (a region, a class, a key). Exit code 2.
	ErrInput = errors.New("bad input")
	// ErrIO is a failure to read or write a file or stream. Exit code 3,
	// as for an error that is not classified at all; the class exists so
	// that a caller (or a test) can tell an I/O failure from bad input
	// when both can come from one call, e.g. loading a price sheet file.
	ErrIO = errors.New("I/O error")
	// ErrCheckFailed is a check that did not hold; the report saying which
	// is already written. Exit code 1.
	ErrCheckFailed = errors.New("check failed")
	// ErrNothingPriced is a report with no figure to act on: no class (or
	// not the class asked for) could be priced. The report saying what is
	// missing is already written. Exit code 4: not 1 (nothing was held
	// against a limit) and not 2 (the input is valid: a sheet lacks
	// prices, or the region does not sell the class), so that a script
	// can tell it apart and never take a zero for a price.
	ErrNothingPriced = errors.New("nothing priced")
)

// Exit codes.
const (
	CodeOK            = 0
	CodeCheckFailed   = 1
	CodeInput         = 2
	CodeFailure       = 3
	CodeNothingPriced = 4
)

// Code is the exit code for err: 0 for nil; the class's code when err is
// (or wraps) one of the sentinels; 3 otherwise. An error carrying two
// classes (fmt.Errorf with two %w) gets the first of: check failed,
// nothing priced, bad input, I/O.
func Code(err error) int {
	switch {
	case err == nil:
		return CodeOK
	case errors.Is(err, ErrCheckFailed):
		return CodeCheckFailed
	case errors.Is(err, ErrNothingPriced):
		return CodeNothingPriced
	case errors.Is(err, ErrInput):
		return CodeInput
	case errors.Is(err, ErrIO):
		return CodeFailure
	}
	return CodeFailure // not classified: most likely I/O from the os package
}

// classified is an error with a class added: its message is the error's
// own, and both the error and the class are in its chain, so errors.Is
// finds the class and errors.As still finds the error's own type.
type classified struct {
	err   error
	class error
}

func (e *classified) Error() string   { return e.err.Error() }
func (e *classified) Unwrap() []error { return []error{e.err, e.class} }

func wrap(class, err error) error {
	if err == nil {
		return nil
	}
	return &classified{err: err, class: class}
}

// Input marks err as bad input (exit code 2); nil stays nil.
func Input(err error) error { return wrap(ErrInput, err) }

// Inputf is fmt.Errorf marked as bad input.
func Inputf(format string, args ...any) error { return Input(fmt.Errorf(format, args...)) }

// IO marks err as an I/O failure (exit code 3); nil stays nil.
func IO(err error) error { return wrap(ErrIO, err) }

// CheckFailedf is a failed check (exit code 1) with the message of
// fmt.Errorf(format, args...).
func CheckFailedf(format string, args ...any) error {
	return wrap(ErrCheckFailed, fmt.Errorf(format, args...))
}

// NothingPricedf is a report with nothing priced (exit code 4) with the
// message of fmt.Errorf(format, args...).
func NothingPricedf(format string, args ...any) error {
	return wrap(ErrNothingPriced, fmt.Errorf(format, args...))
}
