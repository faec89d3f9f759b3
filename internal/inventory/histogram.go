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

// Histogram is the exact size histogram of every storage class.
type Histogram struct {
	Classes map[string]*[numBuckets]Bucket
}

// NewHistogram returns an empty histogram.
func NewHistogram() *Histogram {
	return &Histogram{Classes: map[string]*[numBuckets]Bucket{}}
}

// Add counts one object.
func (h *Histogram) Add(class []byte, size uint64) {
	b, ok := h.Classes[string(class)] // no allocation for the lookup
	if !ok {
		b = new([numBuckets]Bucket)
		h.Classes[string(class)] = b
	}
	b[bucketOf(size)].add(size)
}

// Merge adds o into h.
func (h *Histogram) Merge(o *Histogram) {
	for class, ob := range o.Classes {
		b, ok := h.Classes[class]
		if !ok {
			b = new([numBuckets]Bucket)
			h.Classes[class] = b
		}
		for k := range ob {
			b[k].merge(ob[k])
		}
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
