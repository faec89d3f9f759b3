// Package sheetgen builds the embedded price sheets (pricing/sheets/aws) from
// the files in pricing/sources: AWS's S3 pricing-page feed (read with the
// same importer as `s3cost pricing import`), the data-transfer table, and a
// supplement of prices the feed lacks, each with its source. Two prices the
// feed lacks are derived by documented rules, each checked against the
// evidence before it is used (docs/pricing.md, "How the embedded sheets are
// built"). `make sheets` runs it; the test in this package fails when the
// embedded sheets differ from what the sources give.
package sheetgen

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/s3cost/s3cost/internal/priceimport"
	"github.com/s3cost/s3cost/pricing"
	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// Inputs are the source files' contents.
type Inputs struct {
	Feed, Transfer, Supplement []byte
	// FeedName and TransferName are the files' names, for the sheets'
	// comments.
	FeedName, TransferName string
}

// Sheet is one generated sheet.
type Sheet struct {
	Region string
	YAML   []byte
}

// supplement is pricing/sources/supplement.yaml.
type supplement struct {
	Sources                map[string]sourceDecl           `yaml:"sources"`
	EveryRegion            map[string]suppPrice            `yaml:"every_region"`
	CommercialRegions      map[string]suppPrice            `yaml:"commercial_regions"`
	Regions                map[string]map[string]suppPrice `yaml:"regions"`
	DeepArchivePutEvidence map[string]suppPrice            `yaml:"deep_archive_put_evidence"`
}

type sourceDecl struct {
	AsOf   string `yaml:"as_of"`
	Source string `yaml:"source"`
}

type suppPrice struct {
	Price string `yaml:"price"`
	From  string `yaml:"from"`
}

// Names of the sources the generator declares itself.
const (
	transferSource = "transfer"
	// feedSource is the sheets' own source: the feed behind
	// https://aws.amazon.com/s3/pricing/ (the copy read is named in each
	// sheet's header).
	feedSource = priceimport.FeedURL
)

// The two derivation rules (docs/pricing.md). Each is checked against every
// region where the derived price is also known from a source.
const (
	// Deep Archive storage is billed like Intelligent-Tiering's Deep Archive
	// Access tier: the same storage, equal in all ten regions the Deep
	// Archive feed of 2025-08-28 prices.
	ruleDeepArchiveStorage = "equal to INTELLIGENT_TIERING tiers.DEEP_ARCHIVE (the same storage; equal wherever both are published)"
	// A direct PUT into Deep Archive is billed at the lifecycle-transition
	// rate: us-east-1 and us-east-2 in the 2026-09 Price List, eu-west-1
	// and eu-central-1 in the 2026-03-09 Deep Archive feed.
	ruleDeepArchivePut = "equal to DEEP_ARCHIVE transition_per_1k (AWS bills a direct PUT at the transition rate)"
)

// Generate builds one sheet for every commercial and GovCloud region the
// feed prices, sorted by region.
func Generate(in Inputs) ([]Sheet, error) {
	var sup supplement
	dec := yaml.NewDecoder(bytes.NewReader(in.Supplement))
	dec.KnownFields(true)
	if err := dec.Decode(&sup); err != nil {
		return nil, fmt.Errorf("supplement: %w", err)
	}
	transfer, err := readTransfer(in.Transfer)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.TransferName, err)
	}
	feed, err := priceimport.ImportAll(priceimport.Options{Source: feedSource}, bytes.NewReader(in.Feed))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.FeedName, err)
	}
	var out []Sheet
	for _, r := range priceimport.Regions() {
		res, ok := feed[r.Code]
		if !ok {
			return nil, fmt.Errorf("%s: the feed prices no %s", in.FeedName, r.Code)
		}
		s, err := generateRegion(r, res, in, &sup, transfer)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.Code, err)
		}
		out = append(out, s)
	}
	inFeed := func(region string) bool {
		return slices.ContainsFunc(out, func(s Sheet) bool { return s.Region == region })
	}
	for region := range sup.Regions {
		if !inFeed(region) {
			return nil, fmt.Errorf("supplement: region %s is not in the feed", region)
		}
	}
	for region, ev := range sup.DeepArchivePutEvidence {
		// Evidence for a region no sheet is built for would check nothing.
		if _, declared := sup.Sources[ev.From]; !inFeed(region) || !declared {
			return nil, fmt.Errorf("supplement: deep_archive_put_evidence %s: not a region of the feed, or source %q not declared", region, ev.From)
		}
	}
	return out, nil
}

func generateRegion(r priceimport.Region, res priceimport.Result, in Inputs, sup *supplement, transfer map[string]transferRow) (Sheet, error) {
	// Any warning is a surprise in the feed to look at, except the one
	// for a price read but not written (the DSSE price, written below
	// with the KMS block).
	for _, w := range res.Warnings {
		expected := false
		for _, it := range res.NotWritten {
			expected = expected || strings.HasPrefix(w, it.Key+":")
		}
		if !expected {
			return Sheet{}, fmt.Errorf("the feed import warns: %s", w)
		}
	}
	// 1. The feed, as `s3cost pricing import` reads it.
	s, comments := res.Sheet()
	for _, it := range res.NotWritten {
		comments[it.Key] = it.From
	}
	for name, src := range sup.Sources {
		s.AddSource(name, src.Source, src.AsOf)
	}
	s.AddSource(transferSource, fmt.Sprintf("data transfer out per GB (%s): cost / quantity from a public cost tool's test output generated from AWS's AWSDataTransfer price list", in.TransferName), "2024-09-25")

	// 2. The supplement's prices for the region, and those of every region.
	set := func(key string, p suppPrice) error {
		price, err := decimal.NewFromString(p.Price)
		if err != nil {
			return fmt.Errorf("supplement %s: %w", key, err)
		}
		if s.Price(key) != nil {
			return fmt.Errorf("supplement %s: the feed prices it already", key)
		}
		return s.SetPrice(key, pricing.Flat(price), p.From, "")
	}
	for _, key := range slices.Sorted(maps.Keys(sup.EveryRegion)) {
		if err := set(key, sup.EveryRegion[key]); err != nil {
			return Sheet{}, err
		}
	}
	govCloud := strings.HasPrefix(r.Code, "us-gov-")
	if !govCloud {
		for _, key := range slices.Sorted(maps.Keys(sup.CommercialRegions)) {
			if err := set(key, sup.CommercialRegions[key]); err != nil {
				return Sheet{}, err
			}
		}
		for _, it := range res.NotWritten {
			if it.Key == "kms.dsse_per_gb" {
				if err := s.SetPrice(it.Key, pricing.Flat(decimal.RequireFromString(it.Price)), "", ""); err != nil {
					return Sheet{}, err
				}
			}
		}
	}
	regional := sup.Regions[r.Code]
	var internetOver150 *suppPrice
	for _, key := range slices.Sorted(maps.Keys(regional)) {
		if key == "transfer.internet[3]" {
			p := regional[key]
			internetOver150 = &p
			continue
		}
		if err := set(key, regional[key]); err != nil {
			return Sheet{}, err
		}
	}

	// 3. Transfer out, from the transfer table.
	missingWhy := map[string]string{}
	if row, ok := transfer[r.Code]; ok {
		t, err := row.internet(internetOver150)
		if err != nil {
			return Sheet{}, err
		}
		if err := s.SetPrice("transfer.internet", t, transferSource, ""); err != nil {
			return Sheet{}, err
		}
		if internetOver150 != nil {
			if err := s.SetProvenance("transfer.internet[3]", internetOver150.From, ""); err != nil {
				return Sheet{}, err
			}
		}
		if row.interRegion.Valid {
			if err := s.SetPrice("transfer.inter_region", pricing.Flat(row.interRegion.Decimal), transferSource, ""); err != nil {
				return Sheet{}, err
			}
		}
		if row.toUSEast.Valid {
			// us-east-1 and us-east-2 are each other's "US East" neighbour.
			other := map[string]string{"us-east-1": "us-east-2", "us-east-2": "us-east-1"}[r.Code]
			if other == "" {
				return Sheet{}, fmt.Errorf("a to_us_east price for a region outside US East")
			}
			if err := s.SetPrice("transfer.inter_region_to."+other, pricing.Flat(row.toUSEast.Decimal), transferSource, ""); err != nil {
				return Sheet{}, err
			}
		}
	} else {
		why := "the transfer table (" + in.TransferName + ") has no row for " + r.Code
		missingWhy["transfer.internet"], missingWhy["transfer.inter_region"] = why, why
		if internetOver150 != nil {
			return Sheet{}, errors.New("supplement transfer.internet[3] for a region without transfer rows")
		}
	}

	// 4. The derived prices, each checked against its evidence first.
	if err := deriveDeepArchive(s, sup, r.Code); err != nil {
		return Sheet{}, err
	}
	for _, k := range s.Missing() {
		if strings.HasPrefix(k, "classes.DEEP_ARCHIVE.restore.") && strings.HasSuffix(k, ".request_per_1k") {
			missingWhy[k] = "no source has a Deep Archive restore request price for " + r.Code
		}
		if strings.HasPrefix(k, "kms.") && govCloud {
			missingWhy[k] = "the KMS pricing page does not cover GovCloud (a sheet's KMS prices come as a block, so the feed's DSSE price is left out too)"
		}
	}

	header := []string{
		fmt.Sprintf("Amazon S3 prices for %s (%s), in USD.", r.Location, r.Code),
		"",
		"Source: AWS's S3 pricing-page feed (the `source` URL; the copy read is",
		"pricing/sources/" + in.FeedName + "), with the other sources under `sources:`.",
		"",
		"GENERATED by `make sheets` (internal/sheetgen) from pricing/sources: do not edit",
		"by hand; change the sources and regenerate. docs/pricing.md describes each source",
		"and derivation rule. A price without `from:` comes from the feed named in `source`;",
		"the comment after it names the feed item. `derived:` gives the rule of a derived",
		"price.",
		"Units: storage $ per GB-month (1 GB = 2^30 bytes, 730-hour month); requests $ per",
		"1,000 (the feed quotes them one by one); retrieval and transfer $ per GB. Tiers",
		"list upto_gb boundaries in GB on the month's total.",
	}
	if len(res.NotOffered) > 0 {
		header = append(header, "", fmt.Sprintf("not_offered: the feed has no item of %s for %s.", strings.Join(res.NotOffered, ", "), r.Code))
	}
	return Sheet{Region: r.Code, YAML: pricing.Format(s, pricing.FormatOptions{Header: header, Comments: comments, Missing: missingWhy})}, nil
}

// deriveDeepArchive fills Deep Archive storage and direct PUT where no
// source gives them, by the two rules, after checking each rule against
// every region where both sides are known (here: this region's supplement
// figures and the PUT evidence).
func deriveDeepArchive(s *pricing.Sheet, sup *supplement, region string) error {
	itDeep := s.Price("classes.INTELLIGENT_TIERING.tiers.DEEP_ARCHIVE")
	transition := s.Price("classes.DEEP_ARCHIVE.transition_per_1k")
	if itDeep == nil || transition == nil {
		return errors.New("the feed lacks the prices the Deep Archive rules derive from")
	}
	check := func(rule, key string, known, from pricing.Tiers) error {
		if known != nil && !known[0].Price.Equal(from[0].Price) {
			return fmt.Errorf("the rule for %s does not hold: %s from a source, %s by the rule (%s)", key, known[0].Price, from[0].Price, rule)
		}
		return nil
	}
	if err := check(ruleDeepArchiveStorage, "classes.DEEP_ARCHIVE.storage", s.Price("classes.DEEP_ARCHIVE.storage"), itDeep); err != nil {
		return err
	}
	if err := check(ruleDeepArchivePut, "classes.DEEP_ARCHIVE.put_per_1k", s.Price("classes.DEEP_ARCHIVE.put_per_1k"), transition); err != nil {
		return err
	}
	if ev, ok := sup.DeepArchivePutEvidence[region]; ok {
		if err := check(ruleDeepArchivePut, "classes.DEEP_ARCHIVE.put_per_1k", pricing.Flat(decimal.RequireFromString(ev.Price)), transition); err != nil {
			return err
		}
	}
	if s.Price("classes.DEEP_ARCHIVE.storage") == nil {
		if err := s.SetPrice("classes.DEEP_ARCHIVE.storage", itDeep, "", ruleDeepArchiveStorage); err != nil {
			return err
		}
	}
	if s.Price("classes.DEEP_ARCHIVE.put_per_1k") == nil {
		if err := s.SetPrice("classes.DEEP_ARCHIVE.put_per_1k", transition, "", ruleDeepArchivePut); err != nil {
			return err
		}
	}
	return nil
}

// transferRow is one region's row of the transfer table.
type transferRow struct {
	internetTiers [4]decimal.NullDecimal // first 10 TB, next 40 TB, next 100 TB, over 150 TB
	interRegion   decimal.NullDecimal
	toUSEast      decimal.NullDecimal
}

// Internet transfer tier boundaries in GB a month: 10 TB, 50 TB, 150 TB.
var internetBounds = []int64{10240, 51200, 153600}

// internet returns the tiers the row gives; an over-150 TB price missing
// from the table may come from the supplement, else the tiers end bounded
// at 150 TB (beyond it is not priced).
func (row transferRow) internet(over150 *suppPrice) (pricing.Tiers, error) {
	var t pricing.Tiers
	for i, p := range row.internetTiers {
		if i == 3 && !p.Valid && over150 != nil {
			p = decimal.NewNullDecimal(decimal.RequireFromString(over150.Price))
		} else if i == 3 && p.Valid && over150 != nil {
			return nil, errors.New("supplement transfer.internet[3] where the table has a price")
		}
		if !p.Valid {
			// Tiers are known up to the first gap; a price after a gap
			// cannot be placed, so it is an error, not dropped.
			for _, later := range row.internetTiers[i+1:] {
				if later.Valid {
					return nil, fmt.Errorf("internet tier %d is empty but a later one is not", i)
				}
			}
			break
		}
		tier := pricing.Tier{Price: p.Decimal, Unbounded: i == 3}
		if i < 3 {
			tier.UpTo = decimal.NewFromInt(internetBounds[i])
		}
		t = append(t, tier)
	}
	if len(t) == 0 {
		return nil, errors.New("no internet transfer price")
	}
	return t, nil
}

// readTransfer reads the transfer table: region, internet_first_10tb,
// internet_next_40tb, internet_next_100tb, internet_over_150tb, inter_region,
// to_us_east, intra_region (empty: no figure).
func readTransfer(data []byte) (map[string]transferRow, error) {
	r := csv.NewReader(bytes.NewReader(data))
	header, err := r.Read()
	if err != nil {
		return nil, err
	}
	want := []string{"region", "internet_first_10tb", "internet_next_40tb", "internet_next_100tb", "internet_over_150tb", "inter_region", "to_us_east", "intra_region"}
	if strings.Join(header, ",") != strings.Join(want, ",") {
		return nil, fmt.Errorf("header %q, want %q", strings.Join(header, ","), strings.Join(want, ","))
	}
	out := map[string]transferRow{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		var row transferRow
		cell := func(i int) (decimal.NullDecimal, error) {
			if rec[i] == "" {
				return decimal.NullDecimal{}, nil
			}
			d, err := decimal.NewFromString(rec[i])
			if err != nil || d.IsNegative() {
				return decimal.NullDecimal{}, fmt.Errorf("line %d, %s: %q is not a price", line, want[i], rec[i])
			}
			return decimal.NewNullDecimal(d), nil
		}
		for i := 0; i < 4; i++ {
			if row.internetTiers[i], err = cell(1 + i); err != nil {
				return nil, err
			}
		}
		if row.interRegion, err = cell(5); err != nil {
			return nil, err
		}
		if row.toUSEast, err = cell(6); err != nil {
			return nil, err
		}
		if _, dup := out[rec[0]]; dup {
			return nil, fmt.Errorf("line %d: region %s twice", line, rec[0])
		}
		out[rec[0]] = row
	}
}

// The source files, in pricing/sources.
const (
	FeedFile       = "aws-s3-pricing-feed-2025-10-22.json"
	TransferFile   = "aws-data-transfer-2024-09-25.csv"
	SupplementFile = "supplement.yaml"
)

// ReadInputs reads the source files from a folder.
func ReadInputs(dir string) (Inputs, error) {
	in := Inputs{FeedName: FeedFile, TransferName: TransferFile}
	for name, dst := range map[string]*[]byte{FeedFile: &in.Feed, TransferFile: &in.Transfer, SupplementFile: &in.Supplement} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return Inputs{}, err
		}
		*dst = data
	}
	return in, nil
}
