package inventory

import (
	"bytes"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// SharePlaces is how many decimal places a share that does not come out
// exactly is written with (count / total, rounded half up); the last share
// of a class is 1 minus the others, so they add up to exactly 1. With 30
// places each entry's object count, count x share, is off by at most
// total x 5e-31 objects, the last one's by total x 129 x 5e-31 (at most 130
// entries): under 1e-16 objects for a class of a trillion objects.
const SharePlaces = 30

// Source says where an inventory came from, for the workload's comments.
type Source struct {
	// Names are the manifests or data files given.
	Names []string
	// Bucket is the manifest's sourceBucket, if any.
	Bucket string
	// CreationTimestamp is the manifest's, if any (milliseconds since
	// the epoch, as S3 writes it).
	CreationTimestamp string
}

// Entry is one line of a class's size mix: Count objects of SizeBytes.
type Entry struct {
	SizeBytes uint64
	Count     uint64
	// LoBucket and HiBucket are the histogram buckets it comes from.
	LoBucket, HiBucket int
}

// Mix is the size mix of one class, and how many bytes were overstated to
// keep every size at least 1 byte (the workload format's minimum).
type Mix struct {
	Entries    []Entry
	Count      uint64
	Bytes      *big.Int
	Overstated uint64
}

// belowMinBucket is the first bucket at or above 128 KiB (2^17): buckets
// under it are merged upward when they hold fewer bytes than objects.
const belowMinBucket = 18

// ClassMix turns one class's buckets into whole-byte sizes with exactly the
// same object count and byte sum in every bucket: a bucket of n objects
// and S bytes becomes n - r objects of q bytes and r of q + 1, where
// S = q x n + r. Both sizes lie in the bucket's range, so on the same side
// of 128 KiB as every object they stand for; every per-object rule of the
// engine is linear in size on each side, so the cost is the same as object
// by object. A bucket under 128 KiB with fewer bytes than objects (mostly
// empty objects) is merged with the next one up, as sizes are at least 1
// byte; if that still leaves fewer bytes than objects, the empty ones are
// written as 1 byte and counted in Overstated.
func ClassMix(b *[numBuckets]Bucket) Mix {
	m := Mix{Bytes: new(big.Int)}
	var cur Bucket
	lo := -1
	for k := 0; k < numBuckets; k++ {
		if b[k].Count == 0 {
			continue
		}
		if lo < 0 {
			lo = k
		}
		cur.merge(b[k])
		if k < belowMinBucket-1 && cur.Sum().Cmp(new(big.Int).SetUint64(cur.Count)) < 0 && hasBelow(b, k+1) {
			continue // merge into the next bucket under 128 KiB
		}
		m.addBucket(cur, lo, k)
		cur, lo = Bucket{}, -1
	}
	return m
}

// hasBelow: a bucket from k up to the last one under 128 KiB has objects.
func hasBelow(b *[numBuckets]Bucket, k int) bool {
	for ; k < belowMinBucket; k++ {
		if b[k].Count > 0 {
			return true
		}
	}
	return false
}

func (m *Mix) addBucket(b Bucket, lo, hi int) {
	sum := b.Sum()
	m.Count += b.Count
	m.Bytes.Add(m.Bytes, sum)
	q, r := new(big.Int).QuoRem(sum, new(big.Int).SetUint64(b.Count), new(big.Int))
	size, extra := q.Uint64(), r.Uint64() // q < 2^64: it is at most the largest size
	if size == 0 {
		// Fewer bytes than objects: the n - r empty ones become 1 byte.
		m.Overstated += b.Count - extra
		m.Entries = append(m.Entries, Entry{SizeBytes: 1, Count: b.Count, LoBucket: lo, HiBucket: hi})
		return
	}
	if extra < b.Count {
		m.Entries = append(m.Entries, Entry{SizeBytes: size, Count: b.Count - extra, LoBucket: lo, HiBucket: hi})
	}
	if extra > 0 {
		m.Entries = append(m.Entries, Entry{SizeBytes: size + 1, Count: extra, LoBucket: lo, HiBucket: hi})
	}
}

// Shares are the entries' shares of the class, as written: count / total
// exactly when that has at most SharePlaces decimals, else rounded to
// SharePlaces; the last is 1 minus the others.
func (m Mix) Shares() []decimal.Decimal {
	total := decimal.NewFromBigInt(new(big.Int).SetUint64(m.Count), 0)
	shares := make([]decimal.Decimal, len(m.Entries))
	sum := decimal.Zero
	for i, e := range m.Entries {
		if i == len(m.Entries)-1 {
			shares[i] = decimal.NewFromInt(1).Sub(sum)
			break
		}
		shares[i] = decimal.NewFromBigInt(new(big.Int).SetUint64(e.Count), 0).DivRound(total, SharePlaces)
		sum = sum.Add(shares[i])
	}
	return shares
}

// WriteWorkload renders the workload file: one dataset per storage class.
func WriteWorkload(h *Histogram, stats Stats, src Source) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Built by `s3cost inventory` from an Amazon S3 Inventory report: the objects\n")
	p("# and their exact size mix. Add uploads, lifetime and reads to each dataset,\n")
	p("# then run `s3cost compare`.\n")
	p("#\n")
	p("# Source: %s\n", strings.Join(src.Names, ", "))
	if src.Bucket != "" {
		p("# Bucket: %s\n", src.Bucket)
	}
	if d := inventoryDate(src.CreationTimestamp); d != "" {
		p("# Inventory date: %s (the manifest's creationTimestamp)\n", d)
	}
	p("# Read %s data files, %s rows; counted %s objects.\n", group(uint64(stats.Files)), group(uint64(stats.Rows)), group(uint64(stats.Objects)))
	p("# Skipped: %s delete markers, %s non-current versions, %s bad rows.\n",
		group(uint64(stats.DeleteMarkers)), group(uint64(stats.Noncurrent)), group(uint64(stats.BadRows)))
	p("# Each size is one power-of-two size range of the inventory (none straddles\n")
	p("# 128 KiB) as at most two whole-byte sizes with the range's exact object count\n")
	p("# and byte sum; see docs/inventory.md.\n")
	p("version: 1\n")
	name := src.Bucket
	if name == "" {
		name = "inventory"
	}
	p("name: %s\n", strconv.Quote(name))
	p("datasets:\n")
	for _, class := range h.ClassNames() {
		m := ClassMix(h.Classes[class])
		p("  - name: %s\n", strconv.Quote(strings.ToLower(class)))
		p("    # %s: %s objects, %s bytes (%s).\n", class, group(m.Count), m.Bytes.String(), model.FormatBytes(decimal.NewFromBigInt(m.Bytes, 0)))
		if m.Overstated > 0 {
			p("    # Sizes are at least 1 byte: the empty objects are written as 1 byte, %s bytes more than the inventory holds.\n", group(m.Overstated))
		}
		p("    objects:\n")
		p("      count: %d\n", m.Count)
		if id, err := model.ParseClassID(class); err == nil {
			p("      from: %s\n", id)
		} else {
			p("      # from: not set: s3cost does not price %s\n", class)
		}
		p("      sizes:\n")
		shares := m.Shares()
		for i, e := range m.Entries {
			p("        - { size: %d, share: %s }  # %s\n", e.SizeBytes, shares[i].String(), entryText(e))
		}
	}
	return b.Bytes()
}

// entryText says how many objects an entry stands for and their sizes.
func entryText(e Entry) string {
	objects := "objects"
	if e.Count == 1 {
		objects = "object"
	}
	lo, _ := BucketRange(e.LoBucket)
	_, hi := BucketRange(e.HiBucket)
	switch {
	case hi == 0:
		return fmt.Sprintf("%s empty %s", group(e.Count), objects)
	case e.HiBucket == numBuckets-1:
		return fmt.Sprintf("%s %s of %s or more", group(e.Count), objects, bytesText(lo))
	}
	return fmt.Sprintf("%s %s of %s to under %s", group(e.Count), objects, bytesText(lo), bytesText(hi+1))
}

func bytesText(n uint64) string {
	return model.FormatBytes(decimal.NewFromBigInt(new(big.Int).SetUint64(n), 0))
}

// inventoryDate renders a creationTimestamp (epoch milliseconds) as UTC.
func inventoryDate(ts string) string {
	if ts == "" {
		return ""
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ts
	}
	return time.UnixMilli(ms).UTC().Format(time.RFC3339)
}

// group writes n with thousands separators: 1,234,567.
func group(n uint64) string {
	s := strconv.FormatUint(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
