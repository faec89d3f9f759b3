package inventory

import (
	"math/big"
	"math/bits"
	"sort"
)

// Buckets: bucket 0 holds empty objects, bucket k (1..64) the sizes in
// [2^(k-1), 2^k). 128 KiB = 2^17, where the minimum billable size, the
// Intelligent-Tiering monitoring threshold and lifecycle's default minimum
// transition size all act, is the lower bound of bucket 18: no bucket
// straddles a size where a price rule changes.
const numBuckets = 65

func bucketOf(size uint64) int { return bits.Len64(size) }

// BucketRange is the sizes of bucket k: [lo, hi], both inclusive.
func BucketRange(k int) (lo, hi uint64) {
	if k == 0 {
		return 0, 0
	}
	lo = uint64(1) << (k - 1)
	return lo, lo<<1 - 1
}

// Bucket is one size range of a class: its exact object count and byte sum
// (128-bit: SumHi*2^64 + SumLo).
type Bucket struct {
	Count        uint64
	SumHi, SumLo uint64
}

func (b *Bucket) add(size uint64) {
	b.Count++
	var carry uint64
	b.SumLo, carry = bits.Add64(b.SumLo, size, 0)
	b.SumHi += carry
}

func (b *Bucket) merge(o Bucket) {
	b.Count += o.Count
	var carry uint64
	b.SumLo, carry = bits.Add64(b.SumLo, o.SumLo, 0)
	b.SumHi += o.SumHi + carry
}

// Sum is the bucket's byte sum.
func (b Bucket) Sum() *big.Int {
	s := new(big.Int).SetUint64(b.SumHi)
	s.Lsh(s, 64)
	return s.Or(s, new(big.Int).SetUint64(b.SumLo))
}

// Class is what the histogram knows of one storage class: its exact size
// histogram, its objects by age band, and by Intelligent-Tiering access
// tier.
type Class struct {
	Buckets [numBuckets]Bucket
	// Ages counts the objects by age band (AgeEdges) as of the inventory
	// date. They add up to the class's object count when every object had a
	// LastModifiedDate, and to 0 when the inventory has none.
	Ages [NumAgeBands]uint64
	// Tiers are the objects and bytes by IntelligentTieringAccessTier, as
	// the inventory spells it; nil when no row of the class had one.
	Tiers map[string]*Bucket
}

// Count is the class's object count.
func (c *Class) Count() uint64 {
	var n uint64
	for k := range c.Buckets {
		n += c.Buckets[k].Count
	}
	return n
}

// Dated is how many of the class's objects have an age.
func (c *Class) Dated() uint64 {
	var n uint64
	for _, a := range c.Ages {
		n += a
	}
	return n
}

func (c *Class) addTier(tier []byte, size uint64) {
	if c.Tiers == nil {
		c.Tiers = map[string]*Bucket{}
	}
	b, ok := c.Tiers[string(tier)] // no allocation for the lookup
	if !ok {
		b = new(Bucket)
		c.Tiers[string(tier)] = b
	}
	b.add(size)
}

func (c *Class) merge(o *Class) {
	for k := range o.Buckets {
		c.Buckets[k].merge(o.Buckets[k])
	}
	for k, a := range o.Ages {
		c.Ages[k] += a
	}
	for tier, ob := range o.Tiers {
		if c.Tiers == nil {
			c.Tiers = map[string]*Bucket{}
		}
		b, ok := c.Tiers[tier]
		if !ok {
			b = new(Bucket)
			c.Tiers[tier] = b
		}
		b.merge(*ob)
	}
}

// Histogram is the exact size histogram of every storage class, with the
// objects' ages and Intelligent-Tiering access tiers.
type Histogram struct {
	Classes map[string]*Class
}

// NewHistogram returns an empty histogram.
func NewHistogram() *Histogram {
	return &Histogram{Classes: map[string]*Class{}}
}

// class returns the entry of a class, adding it.
func (h *Histogram) class(name []byte) *Class {
	c, ok := h.Classes[string(name)] // no allocation for the lookup
	if !ok {
		c = new(Class)
		h.Classes[string(name)] = c
	}
	return c
}

// Add counts one object without an age.
func (h *Histogram) Add(class []byte, size uint64) {
	h.class(class).Buckets[bucketOf(size)].add(size)
}

// AddAged counts one object in age band band (0 to NumAgeBands-1).
func (h *Histogram) AddAged(class []byte, size uint64, band int) {
	c := h.class(class)
	c.Buckets[bucketOf(size)].add(size)
	c.Ages[band]++
}

// Merge adds o into h.
func (h *Histogram) Merge(o *Histogram) {
	for class, oc := range o.Classes {
		h.class([]byte(class)).merge(oc)
	}
}

// ClassNames are the classes seen, sorted.
func (h *Histogram) ClassNames() []string {
	names := make([]string, 0, len(h.Classes))
	for c := range h.Classes {
		names = append(names, c)
	}
	sort.Strings(names)
	return names
}
