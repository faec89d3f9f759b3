package pricing

import (
	"fmt"

	"github.com/s3cost/s3cost/internal/readfile"
	"github.com/s3cost/s3cost/model"
	"github.com/shopspring/decimal"
)

// Summary describes the sheet for `s3cost pricing list` and `show`: the
// classes it does not offer in catalogue order.
func (s *Sheet) Summary() Summary {
	var notOffered []string
	for _, c := range model.Catalog() {
		if s.NotOffered[c.ID] {
			notOffered = append(notOffered, string(c.ID))
		}
	}
	return Summary{Region: s.Region, Sheet: s.ID, AsOf: s.AsOf, Source: s.Source, Discount: s.discount, Missing: s.Missing(), NotOffered: notOffered}
}

// LoadFile reads a custom price sheet (--pricing FILE): the same format as
// the embedded ones, validated the same way. A file that cannot be read is
// exit.ErrIO; one that does not parse, exit.ErrInput (ParseSheet's).
func LoadFile(path string) (*Sheet, error) {
	data, err := readfile.Read(path, readfile.MaxBytes)
	if err != nil {
		return nil, err
	}
	sh, err := ParseSheet(data)
	if err != nil {
		return nil, fmt.Errorf("price sheet %s: %w", path, err)
	}
	return sh, nil
}

// With returns the set with the sheet added, replacing the one of its
// region: a custom sheet wins over the embedded one.
// The other sheets are parsed when used, as in the set it came from.
func (s *Sheets) With(sh *Sheet) *Sheets {
	set := s.derive(func(v *Sheet) *Sheet { c := *v; return &c }, nil)
	set.mu.Lock()
	defer set.mu.Unlock()
	delete(set.files, sh.Region)
	c := *sh
	c.peers = set
	set.byRegion[sh.Region] = &c
	return set
}

// Discounted returns the set with every price of every sheet lowered by
// pct percent (a contract discount: 7 means each price x 0.93).
// Sheets not parsed yet get the discount when they are.
func (s *Sheets) Discounted(pct decimal.Decimal) *Sheets {
	return s.derive(func(v *Sheet) *Sheet { return v.discounted(pct) }, &pct)
}
