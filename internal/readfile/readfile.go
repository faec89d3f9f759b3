// Package readfile reads the files s3cost reads (workloads, price sheets,
// histograms whole; price data streamed) within bounds: a named pipe or a
// device would block or never end (refused as an I/O failure, exit 3), and
// a huge file would take the machine's memory (refused as bad input, exit
// 2), both with one line before anything is read.
package readfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/s3cost/s3cost/internal/exit"
)

// MaxBytes is the most s3cost reads of a workload or a price sheet: the
// largest shipped one is a few KiB; 16 MiB is room for any real one.
const MaxBytes = 16 << 20

// ErrTooLarge is wrapped by the errors of inputs over the limit.
var ErrTooLarge = errors.New("too large")

// Open opens path for a streamed read, refusing anything but a regular
// file before opening it (opening a named pipe blocks, and a device such
// as /dev/zero never ends).
func Open(path string) (*os.File, error) {
	if err := regular(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, exit.IO(err)
	}
	return f, nil
}

// regular stats path and refuses what is not a regular file.
func regular(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Op = "open" // what the user asked for, not how it was looked at
		}
		return exit.IO(err)
	}
	if !info.Mode().IsRegular() {
		// Cannot be read as a file: I/O, as a directory's failing read
		// always was (exit 3).
		return exit.IO(fmt.Errorf("%s: not a regular file (%s): s3cost reads files, not pipes, devices or directories", path, kind(info.Mode())))
	}
	return nil
}

// Read reads path whole, refusing anything but a regular file (checked
// before it is opened: opening a named pipe blocks) and a file over limit
// bytes.
func Read(path string, limit int64) ([]byte, error) {
	if err := regular(path); err != nil {
		return nil, err
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, exit.IO(err)
	}
	if info.Size() > limit {
		return nil, exit.Input(fmt.Errorf("%s: %w: %d bytes, over the %d MiB s3cost reads", path, ErrTooLarge, info.Size(), limit>>20))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, exit.IO(err)
	}
	defer f.Close()
	return ReadFrom(path, f, limit)
}

// ReadFrom reads r whole (standard input), at most limit bytes.
func ReadFrom(name string, r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, exit.IO(fmt.Errorf("%s: %w", name, err))
	}
	if int64(len(data)) > limit {
		return nil, exit.Input(fmt.Errorf("%s: %w: over the %d MiB s3cost reads", name, ErrTooLarge, limit>>20))
	}
	return data, nil
}

func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "not regular"
}
