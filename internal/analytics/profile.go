package analytics

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/s3cost/s3cost/internal/exit"
)

// Profile computes the reads of the selected rows: one configuration
// (and filter) and one storage class. Several configurations and no
// Options.ConfigID is refused, naming them: each is another set of
// objects, and their reads are never summed. It also refuses a day of the
// selection without its ALL row, and a day whose age groups count more
// GETs than ALL (which counts them all).
func (r *Reader) Profile(sel Options) (*Profile, error) {
	class := sel.Class
	if class == "" {
		class = DefaultClass
	}
	if len(r.series) == 0 {
		return nil, exit.Inputf("no rows read")
	}
	files := strings.Join(r.files, ", ")

	// The configurations: by ConfigId and Filter, in the order read.
	type config struct{ id, filter string }
	var configs []config
	for _, s := range r.series {
		c := config{s.key.configID, s.key.filter}
		if !slices.Contains(configs, c) {
			configs = append(configs, c)
		}
	}
	var chosen []config
	for _, c := range configs {
		if sel.ConfigID == "" || c.id == sel.ConfigID {
			chosen = append(chosen, c)
		}
	}
	describe := func(cs []config) string {
		var names []string
		for i, c := range cs {
			if i == 10 {
				names = append(names, fmt.Sprintf("and %d more", len(cs)-10))
				break
			}
			names = append(names, configText(c.id, c.filter))
		}
		return strings.Join(names, ", ")
	}
	switch {
	case len(chosen) == 0:
		return nil, exit.Inputf("--filter %s: no such ConfigId in %s (it has %s)", quoteText(sel.ConfigID), files, describe(configs))
	case len(chosen) > 1 && sel.ConfigID == "":
		return nil, exit.Inputf("%s: %d analysis configurations: %s; choose one with --filter CONFIG_ID (each counts other objects: their reads are not summed)", files, len(chosen), describe(chosen))
	case len(chosen) > 1:
		return nil, exit.Inputf("--filter %s: the ConfigId has %d filters in %s: %s; give the files of one bucket at a time", quoteText(sel.ConfigID), len(chosen), files, describe(chosen))
	}
	c := chosen[0]

	var s *series
	var others []string
	for _, x := range r.series {
		if x.key.configID != c.id || x.key.filter != c.filter {
			continue
		}
		if x.key.class == class {
			s = x
		} else {
			others = append(others, x.key.class)
		}
	}
	if s == nil {
		return nil, exit.Inputf("%s: no rows of storage class %s for %s (it has %s): choose one with --class", files, class, configText(c.id, c.filter), strings.Join(others, ", "))
	}
	if err := r.checkDays(s); err != nil {
		return nil, err
	}
	p := &Profile{Files: slices.Clone(r.files), ConfigID: c.id, Filter: c.filter, Class: class,
		Days: len(s.days), Duplicates: r.duplicates, Lifetime: sel.Lifetime, OtherClasses: others, Recommendation: s.rec}
	for _, o := range configs {
		if o != c {
			p.OtherConfigs = append(p.OtherConfigs, configText(o.id, o.filter))
		}
	}
	first, last := int32(1<<31-1), int32(-1<<31)
	for d := range s.days {
		first, last = min(first, d), max(last, d)
	}
	p.First, p.Last = dateOf(first), dateOf(last)
	if s.objectDays == len(s.days) {
		p.Objects = s.objects.value().DivRound(decimal.NewFromInt(int64(len(s.days))), PerMonthPlaces)
		p.ObjectsKnown = true
	}
	days := decimal.NewFromInt(int64(len(s.days)))
	var sums [allIndex + 1]struct{ gets, retrieved, storedMB decimal.Decimal }
	for i := range s.groups {
		g := &s.groups[i]
		sums[i].gets, sums[i].retrieved, sums[i].storedMB = g.gets.value(), g.retrieved.value(), g.storedMB.value()
	}
	all := &sums[allIndex]
	p.All = totals(all.gets, all.retrieved, all.storedMB, days)
	aged, agedRetrieved, agedStored := decimal.Zero, decimal.Zero, decimal.Zero
	for i, g := range AgeGroups {
		sum := &sums[i]
		p.Groups = append(p.Groups, GroupProfile{AgeGroup: g, Days: s.groups[i].days, Totals: totals(sum.gets, sum.retrieved, sum.storedMB, days), Share: decimal.Zero})
		aged = aged.Add(sum.gets)
		agedRetrieved = agedRetrieved.Add(sum.retrieved)
		agedStored = agedStored.Add(sum.storedMB)
	}
	// Small objects: ALL less the age groups. checkDays made sure the
	// GETs are not negative; bytes are rounded to 6 decimals of MB in the
	// export, so their difference is kept at 0 or more.
	p.Small = totals(all.gets.Sub(aged), nonNegative(all.retrieved.Sub(agedRetrieved)), nonNegative(all.storedMB.Sub(agedStored)), days)
	p.SmallShare = decimal.Zero
	if all.gets.IsPositive() {
		p.SmallShare = all.gets.Sub(aged).DivRound(all.gets, SharePlaces)
	}

	// reads: per_month, size, by_age.
	p.GetsPerDay = all.gets.DivRound(days, PerMonthPlaces)
	p.Reads.PerMonth = all.gets.Mul(decimal.NewFromInt(365)).DivRound(days.Mul(decimal.NewFromInt(12)), PerMonthPlaces)
	if all.gets.IsPositive() {
		size := all.retrieved.Mul(decimal.NewFromInt(mib)).DivRound(all.gets, 0)
		if !size.IsPositive() {
			size, p.Reads.ZeroBytes = decimal.NewFromInt(1), true
		}
		// A GET returns at most one object, and S3's largest is 5 TiB
		// (S3 User Guide, "Uploading objects").
		if size.GreaterThan(decimal.NewFromInt(maxObjectBytes)) {
			return nil, exit.Inputf("%s: %s %s: %s MB retrieved by %s GETs is %s bytes a GET, more than S3's largest object (5 TiB): DataRetrieved_MB and GetRequestCount of the ALL rows do not fit together",
				files, configText(c.id, c.filter), class, all.retrieved.String(), all.gets.String(), size.String())
		}
		p.Reads.SizeBytes = size
	} else {
		p.Reads.SizeBytes = decimal.Zero
	}
	p.Reads.BeyondLifetime = decimal.Zero
	if aged.IsPositive() {
		gets := make([]decimal.Decimal, len(AgeGroups))
		for i := range p.Groups {
			gets[i] = sums[i].gets
			p.Groups[i].Share = gets[i].DivRound(aged, SharePlaces)
		}
		p.Reads.ByAge, p.Reads.BeyondLifetime = bands(gets, aged, sel.Lifetime)
	}
	return p, nil
}

// bands turns the age groups' GETs into by_age, one band per group, but
// for the oldest groups, folded into one last band `forever`: with a
// lifetime, the group that reaches it and every older one (the workload
// format takes no band ending after the lifetime); then the groups without
// a GET at the end of the list, whose band has share 0. Shares are the
// bands' GETs over the aged GETs, rounded down to SharePlaces; the last
// band with GETs takes the rest, so that they add up to exactly 1 and none
// is negative. beyond is the share of the aged GETs on groups that start
// at or after the lifetime (rounded half up).
func bands(groupGets []decimal.Decimal, aged decimal.Decimal, lifetime time.Duration) (out []Band, beyond decimal.Decimal) {
	gets := []decimal.Decimal{}
	beyondGets := decimal.Zero
	start := time.Duration(0)
	for i, g := range AgeGroups {
		n := groupGets[i]
		if lifetime > 0 && start >= lifetime {
			beyondGets = beyondGets.Add(n)
		}
		last := len(out) - 1
		if last >= 0 && out[last].Until == 0 {
			// folded into the forever band
			gets[last] = gets[last].Add(n)
			out[last].Groups = append(out[last].Groups, g.Name)
		} else {
			until := g.Until
			if lifetime > 0 && until >= lifetime {
				until = 0
			}
			out = append(out, Band{Until: until, Groups: []string{g.Name}})
			gets = append(gets, n)
		}
		start = g.Until
	}
	// The bands without a GET at the end become one, forever, share 0.
	cut := len(out)
	for cut > 0 && gets[cut-1].IsZero() {
		cut--
	}
	if cut < len(out) {
		var folded []string
		for _, b := range out[cut:] {
			folded = append(folded, b.Groups...)
		}
		out = append(out[:cut], Band{Until: 0, Groups: folded})
		gets = append(gets[:cut], decimal.Zero)
	}
	rest := decimal.NewFromInt(1)
	lastRead := cut - 1 // cut > 0: aged is positive
	for i := range out {
		share := decimal.Zero
		switch {
		case i < lastRead:
			share, _ = gets[i].QuoRem(aged, SharePlaces) // rounded down, exactly
		case i == lastRead:
			share = rest
		}
		rest = rest.Sub(share)
		out[i].Share = share
	}
	return out, beyondGets.DivRound(aged, SharePlaces)
}

// checkDays wants every date of the series to have its ALL row, with at
// least as many GETs as its age groups together.
func (r *Reader) checkDays(s *series) error {
	keys := make([]int32, 0, len(s.days))
	for d := range s.days {
		keys = append(keys, d)
	}
	slices.Sort(keys)
	for _, d := range keys {
		rows := s.days[d]
		all := rows.rows[allIndex]
		if all.file == 0 {
			first := rowRef{}
			for _, ref := range rows.rows {
				if ref.file != 0 {
					first = ref
					break
				}
			}
			return &InputError{File: r.files[first.file-1], Row: int(first.line),
				Msg: fmt.Sprintf("%s %s %s: no ALL row for this day (it counts every GET)", dateOf(d).Format("01-02-2006"), quoteText(s.key.configID), s.key.class)}
		}
		if rows.agedGets > rows.allGets {
			return &InputError{File: r.files[all.file-1], Row: int(all.line), Column: "GetRequestCount",
				Msg: fmt.Sprintf("%s %s %s: ALL counts %d GETs, fewer than its age groups' %d", dateOf(d).Format("01-02-2006"), quoteText(s.key.configID), s.key.class, rows.allGets, rows.agedGets)}
		}
	}
	return nil
}

// maxObjectBytes is S3's largest object: 5 TiB.
const maxObjectBytes = 5 << 40

// totals are the daily means of sums over days: bytes stored, and GETs and
// bytes read a month (x 365/12). Bytes are rounded to whole bytes, GETs
// to PerMonthPlaces.
func totals(gets, retrievedMB, storedMB, days decimal.Decimal) Totals {
	month := days.Mul(decimal.NewFromInt(12))
	return Totals{
		StorageBytes:      storedMB.Mul(decimal.NewFromInt(mib)).DivRound(days, 0),
		GetsPerMonth:      gets.Mul(decimal.NewFromInt(365)).DivRound(month, PerMonthPlaces),
		BytesReadPerMonth: retrievedMB.Mul(decimal.NewFromInt(mib*365)).DivRound(month, 0),
	}
}

func nonNegative(d decimal.Decimal) decimal.Decimal {
	if d.IsNegative() {
		return decimal.Zero
	}
	return d
}

// configText names a configuration: its ConfigId, and its filter when it
// has one.
func configText(id, filter string) string {
	if filter == "" {
		return quoteText(id)
	}
	return quoteText(id) + " (filter " + strconv.Quote(filter) + ")"
}
