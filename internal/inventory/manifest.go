package inventory

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
	"github.com/s3cost/s3cost/internal/readfile"
)

// Manifest is the part of an S3 Inventory manifest.json that s3cost reads.
type Manifest struct {
	SourceBucket      string         `json:"sourceBucket"`
	CreationTimestamp string         `json:"creationTimestamp"`
	FileFormat        string         `json:"fileFormat"`
	FileSchema        string         `json:"fileSchema"`
	Files             []ManifestFile `json:"files"`
}

// ManifestFile is one data file of a manifest. Key is its S3 key; s3cost
// looks for it next to the manifest by its base name.
type ManifestFile struct {
	Key  string `json:"key"`
	Size int64  `json:"size"`
}

// ParseManifest reads a manifest.json and checks what s3cost needs: a CSV
// report with a usable fileSchema, or a Parquet report, and at least one
// file. Errors are bad input (exit.ErrInput).
func ParseManifest(data []byte) (Manifest, Schema, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return m, Schema{}, exit.Inputf("not a manifest: %v", err)
	}
	var s Schema
	switch {
	case strings.EqualFold(m.FileFormat, "CSV"):
		var err error
		if s, err = ParseSchema(m.FileSchema); err != nil {
			return m, Schema{}, exit.Inputf("fileSchema: %v", err)
		}
	case strings.EqualFold(m.FileFormat, "Parquet"):
		// fileSchema is a Parquet message type; each file's own schema
		// is checked when it is read.
		s = noColumns()
		s.Parquet = true
	default:
		return m, Schema{}, exit.Inputf("fileFormat %q is not supported (only CSV and Parquet)", m.FileFormat)
	}
	if len(m.Files) == 0 {
		return m, Schema{}, exit.Inputf("lists no files")
	}
	if m.CreationTimestamp != "" {
		if _, err := ParseCreationTimestamp(m.CreationTimestamp); err != nil {
			return m, Schema{}, exit.Inputf("%v", err)
		}
	}
	for i, f := range m.Files {
		if _, err := localName(f.Key); err != nil {
			return m, Schema{}, exit.Inputf("files[%d]: %v", i, err)
		}
	}
	return m, s, nil
}

// localName is the file name under the manifest's folder for an S3 key:
// its base name (S3 keeps data files under data/ beside the manifest, and
// users download them flat), or, when the key is relative, the key itself.
// Anything that would leave the folder is refused.
func localName(key string) (string, error) {
	if key == "" {
		return "", fmt.Errorf("empty key")
	}
	if strings.ContainsAny(key, "\x00\\") {
		return "", fmt.Errorf("key %q is not a plain path", key)
	}
	for _, part := range strings.Split(key, "/") {
		if part == ".." {
			return "", fmt.Errorf("key %q leads outside the manifest's folder", key)
		}
	}
	base := path.Base(key)
	if base == "." || base == "/" || base == "" {
		return "", fmt.Errorf("key %q names no file", key)
	}
	return base, nil
}

// ReadManifest reads the manifest at path and returns it with the data
// files resolved next to it; every one must exist. A bad manifest, or one
// naming a missing file, is an *InputError; failing to read the manifest
// itself is the I/O error (exit.ErrIO).
func ReadManifest(manifestPath string) (Manifest, Schema, []string, error) {
	data, err := readfile.Read(manifestPath, readfile.MaxBytes)
	if err != nil {
		return Manifest{}, Schema{}, nil, err
	}
	m, s, err := ParseManifest(data)
	if err != nil {
		return m, s, nil, &InputError{File: manifestPath, Msg: err.Error()}
	}
	dir := filepath.Dir(manifestPath)
	var files []string
	seen := map[string]int{}
	for i, f := range m.Files {
		name, _ := localName(f.Key) // checked by ParseManifest
		if j, dup := seen[name]; dup {
			return m, s, nil, &InputError{File: manifestPath, Msg: fmt.Sprintf("files[%d] and files[%d] have the same file name %s", j, i, name)}
		}
		seen[name] = i
		p := filepath.Join(dir, name)
		if !filepath.IsLocal(name) {
			return m, s, nil, &InputError{File: manifestPath, Msg: fmt.Sprintf("files[%d]: key %q leads outside the manifest's folder", i, f.Key)}
		}
		if _, err := os.Stat(p); err != nil {
			return m, s, nil, &InputError{File: manifestPath, Msg: fmt.Sprintf("files[%d]: data file %s: %v", i, p, errNotFound(err))}
		}
		// Nothing outside the manifest's folder is read (docs/inventory.md,
		// issue 15 item 11): not through a symbolic link either.
		if real, inside, err := inFolder(dir, p); err != nil {
			return m, s, nil, exit.IO(err)
		} else if !inside {
			return m, s, nil, &InputError{File: manifestPath, Msg: fmt.Sprintf("files[%d]: data file %s is a link to %s, outside the manifest's folder", i, p, real)}
		}
		files = append(files, p)
	}
	return m, s, files, nil
}

// inFolder resolves the symbolic links of dir and of p, a file in it, and
// says whether p still is in dir; real is p resolved.
func inFolder(dir, p string) (real string, inside bool, err error) {
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", false, err
	}
	real, err = filepath.EvalSymlinks(p)
	if err != nil {
		return "", false, err
	}
	rel, err := filepath.Rel(realDir, real)
	return real, err == nil && filepath.IsLocal(rel), nil
}

func errNotFound(err error) error {
	if os.IsNotExist(err) {
		return fmt.Errorf("not found")
	}
	return err
}
