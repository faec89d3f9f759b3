package inventory

import (
	"bytes"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/s3cost/s3cost/internal/report"
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

// Source says where an inventory came from, for the workload's comments,
// and what other inputs add to its datasets.
type Source struct {
	// Names are the manifests or data files given.
	Names []string
	// Bucket is the manifest's sourceBucket, if any.
	Bucket string
	// CreationTimestamp is the manifest's, if any (milliseconds since
	// the epoch, as S3 writes it).
	CreationTimestamp string
	// AsOf is the inventory date the ages are counted from (milliseconds
	// since the epoch; 0: not known here), AsOfFrom where it comes from
	// ("the manifest's creationTimestamp", "--as-of").
	AsOf     int64
	AsOfFrom string
	// NoAges, when there are none, says why in the workload's comments
	// ("No ages (--ages=false).").
	NoAges string
	// Extra, keyed by storage class as the inventory spells it, is YAML
	// that other inputs add to that class's dataset after objects:, with
	// the dataset's keys at column 0 (WriteWorkload indents it): the reads
	// that `s3cost inventory --analytics` takes from an S3 Storage Class
	// Analysis export belong here.
	Extra map[string]string
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
	counts := make([]uint64, len(m.Entries))
	for i, e := range m.Entries {
		counts[i] = e.Count
	}
	return shares(counts, m.Count)
}

// shares are counts' shares of total (their sum), as objects.sizes and
// objects.ages write them: count / total exactly when that has at most
// SharePlaces decimals, else rounded half up to SharePlaces; the last is 1
// minus the others, so that they add up to exactly 1 as the decoder
// requires. Each is positive: a positive count's share is at least
// 1 / 2^64 > 5e-20, far above the rounding.
func shares(counts []uint64, total uint64) []decimal.Decimal {
	t := decimal.NewFromBigInt(new(big.Int).SetUint64(total), 0)
	out := make([]decimal.Decimal, len(counts))
	sum := decimal.Zero
	for i, n := range counts {
		if i == len(counts)-1 {
			out[i] = decimal.NewFromInt(1).Sub(sum)
			break
		}
		out[i] = decimal.NewFromBigInt(new(big.Int).SetUint64(n), 0).DivRound(t, SharePlaces)
		sum = sum.Add(out[i])
	}
	return out
}

// AgeEntry is one band of a class's objects.ages: Count objects, all in
// age band Band; the band as written starts at FromDays, which is below
// the band's own start when the bands before it hold no object.
type AgeEntry struct {
	Band     int
	FromDays int64
	Count    uint64
}

// AgeProfile is a class's objects.ages: one entry per age band that holds
// objects. objects.ages refuses a band of share 0 (an empty band is one to
// leave out), so an empty band is merged into the next band that holds
// objects, which then starts where the last band with objects ends; empty
// bands after the oldest object are left out, so the last entry ends at its
// own band's end: no object is older. The counts are exact.
func AgeProfile(c *Class) []AgeEntry {
	var out []AgeEntry
	var from int64
	for k, n := range c.Ages {
		if n == 0 {
			continue
		}
		out = append(out, AgeEntry{Band: k, FromDays: from, Count: n})
		from = AgeEdges[k]
	}
	return out
}

// WriteWorkload renders the workload file: one dataset per storage class,
// with the objects' exact size mix and, when every object of the class has
// an age, their exact age profile.
func WriteWorkload(h *Histogram, stats Stats, src Source) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Built by `s3cost inventory` from an Amazon S3 Inventory report: the objects,\n")
	p("# their exact size mix and their ages. Add uploads, lifetime and reads to each\n")
	p("# dataset, then run `s3cost compare`.\n")
	p("#\n")
	names := make([]string, len(src.Names))
	for i, n := range src.Names {
		names[i] = report.OneLine(n)
	}
	p("# Source: %s\n", strings.Join(names, ", "))
	if src.Bucket != "" {
		p("# Bucket: %s\n", report.OneLine(src.Bucket))
	}
	if d := inventoryDate(src.CreationTimestamp); d != "" {
		p("# Inventory date: %s (the manifest's creationTimestamp)\n", d)
	}
	p("# Read %s, %s; counted %s.\n", count(uint64(stats.Files), "data file"), count(uint64(stats.Rows), "row"), count(uint64(stats.Objects), "object"))
	p("# Skipped: %s, %s, %s.\n",
		count(uint64(stats.DeleteMarkers), "delete marker"), count(uint64(stats.Noncurrent), "non-current version"), count(uint64(stats.BadRows), "bad row"))
	p("# Each size is one power-of-two size range of the inventory (none straddles\n")
	p("# 128 KiB) as at most two whole-byte sizes with the range's exact object count\n")
	p("# and byte sum; see docs/inventory.md.\n")
	switch {
	case stats.Dated > 0:
		asOf := src.AsOfFrom
		if src.AsOf != 0 {
			asOf = FormatMs(src.AsOf) + " (" + src.AsOfFrom + ")"
		}
		p("# Ages as of %s:\n", asOf)
		p("# objects.ages gives the exact share of the objects in each age band,\n")
		p("# age = that date - LastModifiedDate; see docs/inventory.md.\n")
		if stats.Future > 0 {
			p("# %s modified after that date (written while the inventory\n", count(uint64(stats.Future), "object"))
			p("# ran): counted as new, in the first band.\n")
		}
	case src.NoAges != "":
		p("# %s\n# Without objects.ages every object counts as new at month 0.\n", src.NoAges)
	case !stats.ModifiedColumn:
		p("# No ages: the inventory has no LastModifiedDate column (add \"Last modified\n")
		p("# date\" to the inventory configuration's fields). Without objects.ages every\n")
		p("# object counts as new at month 0.\n")
	default:
		p("# No ages: no inventory date to count them from.\n")
	}
	if _, ok := h.Classes[string(model.IntelligentTiering)]; ok && !stats.TierColumn {
		p("# Intelligent-Tiering access tiers: the inventory has no\n")
		p("# IntelligentTieringAccessTier column.\n")
	}
	p("version: 1\n")
	// The bucket names the file; a name is one line of printable text (the
	// decoder's rule), so anything else is replaced: a manifest's
	// sourceBucket is the input's to choose.
	name := strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) {
			return '_'
		}
		return r
	}, src.Bucket)
	if name == "" {
		name = "inventory"
	}
	p("name: %s\n", strconv.Quote(name))
	p("datasets:\n")
	for _, class := range h.ClassNames() {
		c := h.Classes[class]
		m := ClassMix(&c.Buckets)
		p("  - name: %s\n", strconv.Quote(strings.ToLower(class)))
		p("    # %s: %s objects, %s bytes (%s).\n", class, group(m.Count), m.Bytes.String(), model.FormatBytes(decimal.NewFromBigInt(m.Bytes, 0)))
		if m.Overstated > 0 {
			p("    # Sizes are at least 1 byte: the empty objects are written as 1 byte, %s bytes more than the inventory holds.\n", group(m.Overstated))
		}
		writeTiers(&b, class, c, m, stats.TierColumn)
		p("    objects:\n")
		p("      count: %d\n", m.Count)
		id, err := model.ParseClassID(class)
		if err == nil {
			p("      from: %s\n", id)
		} else {
			p("      # from: not set: s3cost does not price %s\n", class)
		}
		p("      sizes:\n")
		shares := m.Shares()
		for i, e := range m.Entries {
			p("        - { size: %d, share: %s }  # %s\n", e.SizeBytes, shares[i].String(), entryText(e))
		}
		writeAges(&b, c, m.Count, err == nil, stats.Dated > 0)
		if extra := src.Extra[class]; extra != "" {
			for _, l := range strings.SplitAfter(strings.TrimSuffix(extra, "\n")+"\n", "\n") {
				if l != "" {
					p("    %s", l)
				}
			}
		}
	}
	return b.Bytes()
}

// writeAges writes a class's objects.ages, or a comment saying why there
// is none: the class has no from: (objects.ages needs it), or not every
// object had a LastModifiedDate (a Parquet file without the column).
func writeAges(b *bytes.Buffer, c *Class, count uint64, from, anyAges bool) {
	dated := c.Dated()
	switch {
	case !anyAges:
		return // said at the top
	case dated != count:
		fmt.Fprintf(b, "      # ages: not written: only %s of the %s objects have a LastModifiedDate.\n", group(dated), group(count))
		return
	case !from:
		fmt.Fprintf(b, "      # ages: not written: objects.ages needs from:, not set above.\n")
		return
	}
	entries := AgeProfile(c)
	counts := make([]uint64, len(entries))
	for i, e := range entries {
		counts[i] = e.Count
	}
	shares := shares(counts, count)
	fmt.Fprintf(b, "      ages:\n")
	for i, e := range entries {
		fmt.Fprintf(b, "        - { until: %s, share: %s }  # %s\n", AgeUntil(e.Band), shares[i].String(), ageText(e))
	}
}

// ageText says how many objects an age entry stands for and how old they
// are, and where it starts below its band because the bands before it
// were empty.
func ageText(e AgeEntry) string {
	objects := "objects"
	if e.Count == 1 {
		objects = "object"
	}
	var lo int64
	if e.Band > 0 {
		lo = AgeEdges[e.Band-1]
	}
	s := fmt.Sprintf("%s %s %d to under %d days old", group(e.Count), objects, lo, AgeEdges[e.Band])
	if lo == 0 {
		s = fmt.Sprintf("%s %s under %d days old", group(e.Count), objects, AgeEdges[e.Band])
	}
	switch {
	case e.FromDays < lo && e.FromDays == 0:
		s += fmt.Sprintf("; none under %d", lo)
	case e.FromDays < lo:
		s += fmt.Sprintf("; none %d to %d", e.FromDays, lo)
	}
	return s
}

// writeTiers writes a class's objects and bytes by Intelligent-Tiering
// access tier, as comments: the workload format has no key for the tiers
// the objects sit in today (Intelligent-Tiering's own model moves them from
// their months without access), so they are reported, not priced. The
// INTELLIGENT_TIERING class reports them whenever the inventory has the
// column, another class only when its rows name a tier.
func writeTiers(b *bytes.Buffer, class string, c *Class, m Mix, column bool) {
	if !column || (len(c.Tiers) == 0 && class != string(model.IntelligentTiering)) {
		return
	}
	names := make([]string, 0, len(c.Tiers))
	var tiered Bucket
	for t, tb := range c.Tiers {
		names = append(names, t)
		tiered.merge(*tb)
	}
	sort.Strings(names)
	fmt.Fprintf(b, "    # Access tiers today (IntelligentTieringAccessTier as the inventory writes it;\n")
	fmt.Fprintf(b, "    # no workload key holds them: reported, not priced):\n")
	line := func(name string, n uint64, sum *big.Int) {
		fmt.Fprintf(b, "    #   %s: %s (%s), %s bytes (%s)\n", name, plural(n, "object"), percent(new(big.Int).SetUint64(n), new(big.Int).SetUint64(m.Count)),
			sum.String(), percent(sum, m.Bytes))
	}
	for _, t := range names {
		line(t, c.Tiers[t].Count, c.Tiers[t].Sum())
	}
	if rest := m.Count - tiered.Count; rest > 0 {
		line("(none given)", rest, new(big.Int).Sub(m.Bytes, tiered.Sum()))
	}
}

// percent is 100 x a / b rounded half up to 2 decimals, "0%" when b is 0.
func percent(a, b *big.Int) string {
	if b.Sign() == 0 {
		return "0%"
	}
	return decimal.NewFromBigInt(a, 2).DivRound(decimal.NewFromBigInt(b, 0), 2).StringFixed(2) + "%"
}

func plural(n uint64, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return group(n) + " " + what + "s"
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

// count is n with its noun, singular for one: "1 object", "2 objects".
func count(n uint64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return group(n) + " " + noun + "s"
}
