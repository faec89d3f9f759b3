// Package inventory turns Amazon S3 Inventory reports (CSV and CSV.gz data
// files, or the manifest.json that lists them) into an exact per-class size
// histogram and a workload file for s3cost.
package inventory

import (
	"strings"

	"github.com/s3cost/s3cost/internal/exit"
)

// DefaultSchema is the common column order of an S3 Inventory CSV report
// with versions, used when there is no manifest and no --schema.
const DefaultSchema = "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, StorageClass"

// Schema says where the columns s3cost reads sit in a row. A column that
// is not in the report is -1.
type Schema struct {
	Columns        int
	Size           int
	StorageClass   int
	IsLatest       int
	IsDeleteMarker int
	// LastModified is LastModifiedDate, which gives the objects' ages;
	// ITTier is IntelligentTieringAccessTier. Both are optional.
	LastModified int
	ITTier       int
	// Parquet: the data files are Parquet (a manifest's fileFormat), whose
	// columns are found by name; the indexes above are unused.
	Parquet bool
}

// ParseSchema reads a comma-separated list of column names, as in a
// manifest's fileSchema. Size and StorageClass are required; without
// IsLatest every row is a current version, without IsDeleteMarker no row is
// a delete marker (an inventory of an unversioned bucket); without
// LastModifiedDate the objects have no ages, without
// IntelligentTieringAccessTier no access tiers. Errors are bad input
// (exit.ErrInput).
func ParseSchema(cols string) (Schema, error) {
	s := noColumns()
	seen := map[string]bool{}
	for i, raw := range strings.Split(cols, ",") {
		name := strings.TrimSpace(raw)
		if name == "" {
			return Schema{}, exit.Inputf("schema %q: column %d has no name", cols, i+1)
		}
		key := strings.ToLower(name)
		if seen[key] {
			return Schema{}, exit.Inputf("schema %q: column %s appears twice", cols, name)
		}
		seen[key] = true
		switch key {
		case "size":
			s.Size = i
		case "storageclass":
			s.StorageClass = i
		case "islatest":
			s.IsLatest = i
		case "isdeletemarker":
			s.IsDeleteMarker = i
		case "lastmodifieddate":
			s.LastModified = i
		case "intelligenttieringaccesstier":
			s.ITTier = i
		}
		s.Columns = i + 1
	}
	switch {
	case s.Size < 0:
		return Schema{}, exit.Inputf("schema %q has no Size column", cols)
	case s.StorageClass < 0:
		return Schema{}, exit.Inputf("schema %q has no StorageClass column", cols)
	}
	return s, nil
}

// noColumns is a schema with none of the columns s3cost reads.
func noColumns() Schema {
	return Schema{Size: -1, StorageClass: -1, IsLatest: -1, IsDeleteMarker: -1, LastModified: -1, ITTier: -1}
}
