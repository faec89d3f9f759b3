package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/s3cost/s3cost/internal/atomicfile"
)

// blockedWrite is the subprocess of TestSignalRemovesTemporaryFile: with
// the signal handling of Main, it begins writing $S3COST_TEST_OUT, says
// "ready" once the temporary file holds half a report, and waits for its
// standard input, which never ends, as a slow write would.
func blockedWrite() {
	cleanUpOnSignal()
	err := atomicfile.Write(os.Getenv("S3COST_TEST_OUT"), func(w io.Writer) error {
		if _, err := io.WriteString(w, "half a report"); err != nil {
			return err
		}
		fmt.Println("ready")
		_, err := io.ReadAll(os.Stdin)
		return err
	})
	fmt.Fprintln(os.Stderr, "the write ended:", err)
	os.Exit(1)
}

// A write interrupted by SIGINT, SIGTERM or SIGHUP leaves no temporary file (nor
// the target), and s3cost exits 130, 143 or 129 (issue 15 item 10). The signal
// is sent once the temporary file is there: no timing involved.
func TestSignalRemovesTemporaryFile(t *testing.T) {
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), "S3COST_TEST_HELPER=blocked-write", "S3COST_TEST_OUT="+filepath.Join(dir, "report.txt"))
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(stdout).ReadString('\n')
			if err != nil || line != "ready\n" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("the helper said %q, %v", line, err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Fatalf("before the signal: %d files, want the temporary one", len(entries))
			}
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != c.code {
				t.Errorf("exit: %v, want code %d", err, c.code)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				t.Errorf("%s left behind", e.Name())
			}
		})
	}
}
