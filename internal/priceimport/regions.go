package priceimport

import (
	"sort"
	"strings"
)

// Region is an AWS region as AWS's price data names it.
type Region struct {
	// Code is the region name, e.g. "eu-west-1".
	Code string
	// Location is the name the Price List (attribute location) and the S3
	// pricing-page feed (its regions keys) give the region, e.g.
	// "EU (Ireland)".
	Location string
	// UsageTypePrefix starts the region's Price List usage types ("EU-" in
	// EU-TimedStorage-ByteHrs); "" for us-east-1, whose usage types have
	// none. Only meaningful when PrefixKnown.
	UsageTypePrefix string
	// PrefixKnown is set for the regions whose prefix the regional price
	// table records (docs/pricing.md). For the others the importer infers the prefix from rows that
	// carry the regionCode (see inferPrefix).
	PrefixKnown bool
}

// regionTable lists every region of the S3 pricing-page feed of 2025-10-22
// (pricing/sources/aws-s3-pricing-feed-2025-10-22.json; its "Any" entry and
// an entry with an empty name are not regions). The location names are the
// feed's own keys; the codes were checked against published region lists
// (openshift/installer's RegionLookupMap for 35 of them, AWS's launch notes
// for ap-southeast-6). The ten usage-type prefixes are the regional price table's (docs/pricing.md);
// the others are left unknown rather than guessed.
var regionTable = []Region{
	{"us-east-1", "US East (N. Virginia)", "", true},
	{"us-east-2", "US East (Ohio)", "USE2-", true},
	{"us-west-1", "US West (N. California)", "", false},
	{"us-west-2", "US West (Oregon)", "USW2-", true},
	{"af-south-1", "Africa (Cape Town)", "", false},
	{"ap-east-1", "Asia Pacific (Hong Kong)", "", false},
	{"ap-east-2", "Asia Pacific (Taipei)", "", false},
	{"ap-south-1", "Asia Pacific (Mumbai)", "", false},
	{"ap-south-2", "Asia Pacific (Hyderabad)", "", false},
	{"ap-northeast-1", "Asia Pacific (Tokyo)", "APN1-", true},
	{"ap-northeast-2", "Asia Pacific (Seoul)", "", false},
	{"ap-northeast-3", "Asia Pacific (Osaka)", "", false},
	{"ap-southeast-1", "Asia Pacific (Singapore)", "APS1-", true},
	{"ap-southeast-2", "Asia Pacific (Sydney)", "APS2-", true},
	{"ap-southeast-3", "Asia Pacific (Jakarta)", "", false},
	{"ap-southeast-4", "Asia Pacific (Melbourne)", "", false},
	{"ap-southeast-5", "Asia Pacific (Malaysia)", "", false},
	{"ap-southeast-6", "Asia Pacific (New Zealand)", "", false},
	{"ap-southeast-7", "Asia Pacific (Thailand)", "", false},
	{"ca-central-1", "Canada (Central)", "", false},
	{"ca-west-1", "Canada West (Calgary)", "", false},
	{"eu-central-1", "EU (Frankfurt)", "EUC1-", true},
	{"eu-central-2", "EU (Zurich)", "", false},
	{"eu-west-1", "EU (Ireland)", "EU-", true},
	{"eu-west-2", "EU (London)", "EUW2-", true},
	{"eu-west-3", "EU (Paris)", "", false},
	{"eu-south-1", "EU (Milan)", "", false},
	{"eu-south-2", "EU (Spain)", "", false},
	{"eu-north-1", "EU (Stockholm)", "", false},
	{"il-central-1", "Israel (Tel Aviv)", "", false},
	{"me-south-1", "Middle East (Bahrain)", "", false},
	{"me-central-1", "Middle East (UAE)", "", false},
	{"mx-central-1", "Mexico (Central)", "", false},
	{"sa-east-1", "South America (Sao Paulo)", "SAE1-", true},
	{"us-gov-east-1", "AWS GovCloud (US-East)", "", false},
	{"us-gov-west-1", "AWS GovCloud (US)", "", false},
}

// regionByCode and regionByLocation index regionTable; read-only.
var (
	regionByCode     = indexRegions(func(r Region) string { return r.Code })
	regionByLocation = indexRegions(func(r Region) string { return r.Location })
)

func indexRegions(key func(Region) string) map[string]Region {
	m := make(map[string]Region, len(regionTable))
	for _, r := range regionTable {
		m[key(r)] = r
	}
	return m
}

// Regions returns every region the importer knows, sorted by code: the
// regions of the S3 pricing-page feed, with their location names and, for
// ten of them, their usage-type prefixes.
func Regions() []Region {
	out := append([]Region(nil), regionTable...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// RegionByLocation returns the region a Price List location or feed region
// name ("EU (Ireland)") stands for.
func RegionByLocation(location string) (Region, bool) {
	r, ok := regionByLocation[location]
	return r, ok
}

// knownPrefixRegions lists the regions whose usage-type prefix is known.
func knownPrefixRegions() []Region {
	var out []Region
	for _, r := range Regions() {
		if r.PrefixKnown {
			out = append(out, r)
		}
	}
	return out
}

// inferPrefix splits a usage type into the region prefix and a suffix the
// importer knows ("EUN1-TimedStorage-ByteHrs" -> "EUN1-",
// "TimedStorage-ByteHrs"; us-east-1's "Requests-Tier1" -> "",
// "Requests-Tier1"). AWS writes every regional usage type as the region's
// prefix (letters and digits, then '-') followed by the same suffix in every
// region, so a suffix the importer prices identifies the prefix. It only
// runs on rows that carry a regionCode, so the prefix is tied to a region.
func inferPrefix(usage, op string) (prefix, suffix string, ok bool) {
	if len(classify(usage, op)) > 0 {
		return "", usage, true
	}
	i := strings.IndexByte(usage, '-')
	if i < 1 || i > 8 {
		return "", "", false
	}
	for _, c := range usage[:i] {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return "", "", false
		}
	}
	if len(classify(usage[i+1:], op)) == 0 {
		return "", "", false
	}
	return usage[:i+1], usage[i+1:], true
}
