package report

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
)

// ErrUnknownFormat is returned (wrapped, and classed as bad input:
// exit.ErrInput) by Formats.Render for a format the result type does not
// offer.
var ErrUnknownFormat = errors.New("unknown output format")

// Format is one way of writing a result of type T: its name, as --format
// takes it, and the function that writes it.
type Format[T any] struct {
	Name  string
	Write func(io.Writer, T) error
}

// Formats are the output formats of one result type, the default first.
// Each domain package declares the formats of its result (check.Formats,
// whatif.SweepFormats, ...) and every command uses them the same way:
// Names for the --format flag's help and completion, Render to write.
// The list is the only place a format is named, so the help, the
// completion, the configured default and the renderer cannot disagree.
type Formats[T any] []Format[T]

// Names lists the formats' names, the default first.
func (fs Formats[T]) Names() []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return names
}

// Render writes v to w in the named format; a name outside the list is an
// error wrapping ErrUnknownFormat that lists the valid ones.
func (fs Formats[T]) Render(w io.Writer, name string, v T) error {
	for _, f := range fs {
		if f.Name == name {
			return f.Write(w, v)
		}
	}
	return exit.Input(fmt.Errorf("%w %q (valid: %s)", ErrUnknownFormat, name, strings.Join(fs.Names(), ", ")))
}
