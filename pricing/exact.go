package pricing

import (
	"math/big"

	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Exact per-object bytes when the mean object size is not a finite decimal.
//
// objects.total with objects.count gives a mean size total / count, which
// often does not end: 680 TiB over 44,000,000 objects is 16,992,452.43...
// bytes. Rounded, it leaves residue in every quantity (696,319.99999... GB
// instead of 696,320). So the engine holds every per-object byte figure
// multiplied by one denominator per workload, den (count / gcd(total,
// count)), where the mean is the whole number total / gcd, and divides a
// quantity (objects x bytes per object) by den last. A quantity that is a
// finite decimal then comes out exact; one that is not is rounded to
// divPlaces places (docs/json.md, "Precision"). With any other size
// description den is 1 and nothing changes.

// byteScale turns a workload's byte figures into figures times den.
type byteScale struct {
	den  decimal.Decimal // 1 unless the mean does not end
	mean decimal.Decimal // the mean size times den, exact
}

// newByteScale reads the mean from TotalBytes / TotalCount, not from
// Count, which the engine changes for a part of the stock (a rule's first
// stage) or a replica.
func newByteScale(o model.Objects) byteScale {
	one := byteScale{den: decimal.NewFromInt(1)}
	if !o.TotalBytes.IsPositive() || len(o.Mix) != 1 || !o.TotalBytes.IsInteger() || !o.TotalCount.IsInteger() || !o.TotalCount.IsPositive() {
		return one
	}
	if o.Mix[0].Bytes.Mul(o.TotalCount).Equal(o.TotalBytes) {
		return one // Mix holds the mean exactly
	}
	// Rounded: a mean that does not end, or one with more places than
	// the decoder keeps (1,000,000,000,001 / 2^20).
	total, count := o.TotalBytes.BigInt(), o.TotalCount.BigInt()
	g := new(big.Int).GCD(nil, nil, total, count)
	den := new(big.Int).Quo(count, g)
	return byteScale{den: decimal.NewFromBigInt(den, 0), mean: decimal.NewFromBigInt(new(big.Int).Quo(total, g), 0)}
}

// size is an entry's bytes times den.
func (b byteScale) size(sz model.SizeShare) decimal.Decimal {
	if b.mean.IsPositive() {
		return b.mean // the only entry
	}
	return sz.Bytes
}

// fixed is a byte figure that does not depend on the mix (the 128 KiB
// minimum, a ranged GET's bytes) times den.
func (b byteScale) fixed(x decimal.Decimal) decimal.Decimal { return x.Mul(b.den) }

// each is a per-object figure held times den.
func (b byteScale) each(scaled decimal.Decimal) bytesEach {
	return bytesEach{scaled: scaled, den: b.den}
}

// bytesEach is a per-object figure (bytes or GB) times den.
type bytesEach struct{ scaled, den decimal.Decimal }

// times is n objects' worth: n x the figure, divided by den last.
func (e bytesEach) times(n decimal.Decimal) decimal.Decimal {
	q := n.Mul(e.scaled)
	if e.den.IsZero() || e.den.Equal(one) {
		return q
	}
	return q.DivRound(e.den, divPlaces)
}

// gb is the figure in binary GB.
func (e bytesEach) gb() bytesEach { return bytesEach{scaled: bytesToGB(e.scaled), den: e.den} }
