// Package atomicfile writes files that are either complete or untouched:
// the content goes to a temporary file in the target's folder, is synced,
// and is renamed over the target, so a reader (a CI step, an editor) never
// sees half a report, sheet, workload or image, and a failed write leaves
// the old file and no temporary one behind (nor does SIGINT or SIGTERM, see
// RemovePending). It is the one writer of the
// files s3cost and its sheet generator write.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/s3cost/s3cost/internal/exit"
)

// Write writes what fn writes to path. A new file gets the mode a plain
// create gives (0666 less the user's umask); a file replaced keeps its
// mode; a symbolic link is followed, so the file it names is replaced, not
// the link; something that is not a regular file (/dev/stdout, a pipe) is
// written to directly, as there is nothing to replace. An error names path,
// never the temporary file, and is exit.ErrIO, but for fn's own error,
// which is returned as it is.
func Write(path string, fn func(io.Writer) error) (err error) {
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		path = resolved
	}
	mode := fs.FileMode(0)
	if info, err := os.Stat(path); err == nil {
		if !info.Mode().IsRegular() {
			return writeInPlace(path, fn)
		}
		mode = info.Mode().Perm()
	}
	tmp, err := createTemp(path)
	if err != nil {
		return writeError(path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			forget(tmp.Name())
		}
	}()
	if err := fn(tmp); err != nil {
		return err // the renderer's own error, about the content
	}
	if err := tmp.Sync(); err != nil {
		return writeError(path, err)
	}
	if mode != 0 {
		if err := tmp.Chmod(mode); err != nil {
			return writeError(path, err)
		}
	}
	if err := tmp.Close(); err != nil {
		return writeError(path, err)
	}
	// Renamed under the lock, so that RemovePending sees the file either
	// still pending or in place.
	pending.Lock()
	err = os.Rename(tmp.Name(), path)
	if err == nil {
		delete(pending.names, tmp.Name())
	}
	pending.Unlock()
	if err != nil {
		return writeError(path, err)
	}
	return nil
}

// pending holds the temporary files of the writes in progress, for
// RemovePending.
var pending struct {
	sync.Mutex
	names  map[string]bool
	closed bool // RemovePending ran: no new temporary file
}

// errInterrupted refuses a write begun after RemovePending.
var errInterrupted = errors.New("interrupted")

// RemovePending removes the temporary file of every write in progress, and
// makes the writes after it fail: a signal handler calls it before s3cost
// exits, as a killed `check --out` left its hidden temporary file behind
// (issue 15 item 10). A write it interrupts fails (its file is gone) and
// leaves the target as it was.
func RemovePending() {
	pending.Lock()
	defer pending.Unlock()
	pending.closed = true
	for name := range pending.names {
		os.Remove(name)
		delete(pending.names, name)
	}
}

func forget(name string) {
	pending.Lock()
	delete(pending.names, name)
	pending.Unlock()
}

// writeInPlace writes to a path that is not a regular file.
func writeInPlace(path string, fn func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return writeError(path, err)
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return writeError(path, err)
	}
	return nil
}

// WriteFile writes data to path atomically (see Write).
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// createTemp opens a new file next to path. os.CreateTemp would make it
// 0600; opening it with 0666 lets the umask decide, as for a plain create.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	for range 100 {
		var suffix [6]byte
		if _, err := rand.Read(suffix[:]); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, "."+base+"."+hex.EncodeToString(suffix[:])+".tmp")
		// Created and registered under the lock: RemovePending then
		// finds every temporary file there is.
		pending.Lock()
		if pending.closed {
			pending.Unlock()
			return nil, errInterrupted
		}
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			if pending.names == nil {
				pending.names = map[string]bool{}
			}
			pending.names[name] = true
		}
		pending.Unlock()
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, errors.New("no free temporary file name")
}

// writeError is a failure to write path: an I/O error (exit.ErrIO), named
// after path.
func writeError(path string, err error) error {
	return exit.IO(fmt.Errorf("writing %s: %w", path, unwrapPath(err)))
}

// unwrapPath drops the temporary file's name from an error: the user asked
// for path and knows nothing of the temporary file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
