package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/s3cost/s3cost/internal/exit"
)

func TestWriteReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new content")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new content" {
		t.Errorf("content %q", got)
	}
	assertOnlyFile(t, dir, "out.txt")
}

// A failing renderer leaves the old file and no temporary one; its error
// comes back as it is.
func TestWriteFailureLeavesOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.md")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("render failed")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) || errors.Is(err, exit.ErrIO) {
		t.Errorf("err = %v, want the renderer's own, not an I/O error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("old file changed: %q", got)
	}
	assertOnlyFile(t, dir, "report.md")
}

// The mode is what a plain create gives under the user's umask, not
// CreateTemp's 0600.
func TestWriteKeepsUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "sheet.yaml")
	if err := WriteFile(path, []byte("x")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o640 { // 0666 &^ 0027
		t.Errorf("mode %o, want 640", got)
	}
}

// An error names the file asked for, never the temporary one, and is an
// I/O error (exit code 3).
func TestErrorNamesTarget(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing-dir", "out.json")
	err := WriteFile(path, []byte("x"))
	if err == nil || !strings.HasPrefix(err.Error(), "writing "+path+": ") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("err = %v", err)
	}
	if !errors.Is(err, exit.ErrIO) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want exit.ErrIO wrapping fs.ErrNotExist", err)
	}
}

func assertOnlyFile(t *testing.T, dir, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != name {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only %s", names, name)
	}
}

// A replaced file keeps its mode; a symbolic link stays a link and the file
// it names is replaced; a path that is not a regular file is written to,
// not replaced.
func TestWriteKeepsWhatIsThere(t *testing.T) {
	dir := t.TempDir()
	private := filepath.Join(dir, "private.md")
	if err := os.WriteFile(private, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(private, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(private); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %o, want 600 kept", info.Mode().Perm())
	}

	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("private.md", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("through the link")); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(private); string(got) != "through the link" {
		t.Errorf("target holds %q", got)
	}

	if err := WriteFile(os.DevNull, []byte("x")); err != nil {
		t.Errorf("writing %s: %v", os.DevNull, err)
	}
	if info, err := os.Lstat(os.DevNull); err != nil || info.Mode().IsRegular() {
		t.Errorf("%s became a regular file", os.DevNull)
	}
}
