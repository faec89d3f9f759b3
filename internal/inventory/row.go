package inventory

import (
	"bytes"
	"errors"
	"fmt"
)

// rowFields splits one CSV line (without its line end) into fields, into
// dst, which must have room for want fields. S3 Inventory quotes every
// field ("a","b"); a quote inside a quoted field is doubled. Keys are
// URL-encoded, so a field never holds a line end. The fields alias line,
// except a quoted field holding "" which is unescaped in place. It returns
// the number of fields, or an error when it is not want.
func rowFields(line []byte, dst [][]byte, want int) (int, error) {
	n := 0
	i := 0
	for {
		if n == want {
			return n, fmt.Errorf("more than %d columns", want)
		}
		if i < len(line) && line[i] == '"' {
			// Quoted field: up to the closing quote; "" is a quote. The
			// next quote is found with bytes.IndexByte (vectorised): most
			// fields hold none, and this is most of the time spent on a
			// row, so it is worth the speed.
			i++
			start := i
			j := bytes.IndexByte(line[i:], '"')
			if j < 0 {
				return n, errors.New("unterminated quoted field")
			}
			i += j
			w := i
			if i+1 < len(line) && line[i+1] == '"' {
				// A quote inside the field: unescape in place.
				for {
					if i >= len(line) {
						return n, errors.New("unterminated quoted field")
					}
					c := line[i]
					if c == '"' {
						if i+1 < len(line) && line[i+1] == '"' {
							line[w] = '"'
							w++
							i += 2
							continue
						}
						break
					}
					line[w] = c
					w++
					i++
				}
			}
			dst[n] = line[start:w]
			n++
			i++ // closing quote
			if i == len(line) {
				break
			}
			if line[i] != ',' {
				return n, errors.New("text after a closing quote")
			}
			i++
			continue
		}
		start := i
		for i < len(line) && line[i] != ',' {
			if line[i] == '"' {
				return n, errors.New("quote inside an unquoted field")
			}
			i++
		}
		dst[n] = line[start:i]
		n++
		if i == len(line) {
			break
		}
		i++ // comma
	}
	if n != want {
		return n, fmt.Errorf("%d columns, want %d", n, want)
	}
	return n, nil
}

// parseSize reads a non-negative decimal integer of bytes.
func parseSize(b []byte) (uint64, error) {
	if len(b) == 0 {
		return 0, errors.New("empty size")
	}
	if len(b) > 19 {
		return 0, fmt.Errorf("size %q is not a number of bytes", clip(b))
	}
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("size %q is not a number of bytes", clip(b))
		}
		v = v*10 + uint64(c-'0')
	}
	return v, nil
}

// parseBool reads the true/false of IsLatest and IsDeleteMarker.
func parseBool(b []byte, col string) (bool, error) {
	switch string(b) {
	case "true", "TRUE", "True":
		return true, nil
	case "false", "FALSE", "False", "":
		return false, nil
	}
	return false, fmt.Errorf("%s %q is not true or false", col, clip(b))
}

func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// Row is what s3cost reads of one inventory row.
type Row struct {
	Class        []byte
	Size         uint64
	IsLatest     bool
	DeleteMarker bool
	// Modified is the LastModifiedDate field as written (ParseModified
	// reads it), Tier the IntelligentTieringAccessTier field; nil when the
	// schema has no such column.
	Modified, Tier []byte
}

// ParseRow parses one CSV line of an inventory with schema s; fields is
// scratch space of at least s.Columns entries. line may be modified.
func ParseRow(line []byte, s Schema, fields [][]byte) (Row, error) {
	if _, err := rowFields(line, fields, s.Columns); err != nil {
		return Row{}, err
	}
	r := Row{IsLatest: true}
	var err error
	if s.IsDeleteMarker >= 0 {
		if r.DeleteMarker, err = parseBool(fields[s.IsDeleteMarker], "IsDeleteMarker"); err != nil {
			return r, err
		}
	}
	if s.IsLatest >= 0 {
		if r.IsLatest, err = parseBool(fields[s.IsLatest], "IsLatest"); err != nil {
			return r, err
		}
	}
	if r.DeleteMarker {
		return r, nil // no size, no class
	}
	if r.Size, err = parseSize(fields[s.Size]); err != nil {
		return r, err
	}
	r.Class = fields[s.StorageClass]
	if len(r.Class) == 0 {
		return r, errors.New("empty StorageClass")
	}
	if err := checkClass(r.Class); err != nil {
		return r, err
	}
	if s.LastModified >= 0 {
		r.Modified = fields[s.LastModified]
	}
	if s.ITTier >= 0 {
		r.Tier = fields[s.ITTier]
		if err := checkTier(r.Tier); err != nil {
			return r, err
		}
	}
	return r, nil
}

// checkTier accepts an IntelligentTieringAccessTier as S3 Inventory writes
// it: empty (an object not in Intelligent-Tiering), or an upper-case name
// such as FREQUENT or ARCHIVE_INSTANT_ACCESS. s3cost reports the tiers as
// written and does not interpret them, so any such name is kept; anything
// else is a malformed row (a shifted column, say), not a tier.
func checkTier(b []byte) error {
	if len(b) > 40 {
		return fmt.Errorf("IntelligentTieringAccessTier %q is not an access tier", clip(b))
	}
	for _, c := range b {
		if (c < 'A' || c > 'Z') && c != '_' && (c < '0' || c > '9') {
			return fmt.Errorf("IntelligentTieringAccessTier %q is not an access tier", clip(b))
		}
	}
	return nil
}

// checkClass refuses a storage class that is not an upper-case name, as
// AWS's all are (STANDARD, GLACIER_IR, REDUCED_REDUNDANCY): the name is
// written into the workload, and a newline in it would inject keys there.
func checkClass(b []byte) error {
	if len(b) > 40 {
		return fmt.Errorf("StorageClass %q is not a storage class", clip(b))
	}
	for _, c := range b {
		if (c < 'A' || c > 'Z') && c != '_' && (c < '0' || c > '9') {
			return fmt.Errorf("StorageClass %q is not a storage class", clip(b))
		}
	}
	return nil
}
