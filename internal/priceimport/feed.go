package priceimport

import (
	"encoding/json"
	"fmt"

	"github.com/shopspring/decimal"
)

// FeedURL is where AWS publishes the S3 pricing page's price feed: every
// region's S3 prices, no credentials needed.
const FeedURL = "https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/s3/USD/current/s3.json"

// feedService marks, in a region's offers, that the feed priced something.
const feedService = "feed"

// The S3 pricing-page feed is
//
//	{"manifest": {"hawkFilePublicationDate": "2025-10-22T21:14:55Z", "currencyCode": "USD", ...},
//	 "sets": {},
//	 "regions": {"EU (Ireland)": {"<label>": {"rateCode": "...", "price": "0.0000050000", ...}, ...}, ...}}
//
// Items have no unit: the label implies it. Every price is per single unit,
// as in the Price List: requests per request (the sheet wants per 1,000),
// the Intelligent-Tiering monitoring fee per object (sheet: per 1,000
// objects), storage per GB-month, retrieval and upload per GB. Items keyed
// by a hashed code instead of a readable label are duplicates of labelled
// ones and are skipped like every label the table below does not name.

// feedTarget is the sheet key a feed label prices, in which unit, and for a
// tier of a tiered price its [begin, end) range in GB (end "" = unbounded).
type feedTarget struct {
	key        string
	unit       unit
	begin, end string
}

// feedLabels maps the feed's labels (exact strings, checked against the
// feed of 2025-10-22) to sheet keys (the paths of sheetKeys()). The feed
// has no Deep Archive storage, no Deep Archive PUT, no restore request
// price for Deep Archive, no bulk restore request for Intelligent-Tiering,
// no transfer and no KMS item: those keys stay missing.
var feedLabels = map[string]feedTarget{
	// Storage. STANDARD and Intelligent-Tiering's frequent tier are tiered
	// on the month's total: first 50 TB (51,200 GB), next 450 TB (to
	// 512,000 GB), over 500 TB.
	"Standard Storage First 50 TB per GB Mo":                    {"classes.STANDARD.storage", perGBMonth, "0", "51200"},
	"Standard Storage Next 450 TB per GB Mo":                    {"classes.STANDARD.storage", perGBMonth, "51200", "512000"},
	"Standard Storage Over 500 TB per GB Mo":                    {"classes.STANDARD.storage", perGBMonth, "512000", ""},
	"Intelligent Tiering Frequent Access First 50 TB per GB Mo": {"classes.INTELLIGENT_TIERING.storage", perGBMonth, "0", "51200"},
	"Intelligent Tiering Frequent Access Next 450 TB per GB Mo": {"classes.INTELLIGENT_TIERING.storage", perGBMonth, "51200", "512000"},
	"Intelligent Tiering Frequent Access Over 500 TB per GB Mo": {"classes.INTELLIGENT_TIERING.storage", perGBMonth, "512000", ""},
	"Standard Infrequent Access Storage per GB-Mo":              {"classes.STANDARD_IA.storage", perGBMonth, "0", ""},
	"One Zone Infrequent Access Storage Inf per GB-Mo":          {"classes.ONEZONE_IA.storage", perGBMonth, "0", ""},
	"Glacier Instant Retrieval Storage":                         {"classes.GLACIER_IR.storage", perGBMonth, "0", ""},
	"Glacier Storage per GB Mo":                                 {"classes.GLACIER.storage", perGBMonth, "0", ""},
	"Express One Zone Storage Inf per GB Mo":                    {"classes.EXPRESS_ONEZONE.storage", perGBMonth, "0", ""},

	// Intelligent-Tiering's other tiers. The feed lists the infrequent tier
	// twice; both labels must agree, else the key is left out.
	"Intelligent Tiering Infrequent Access per GB Mo":                                       {"classes.INTELLIGENT_TIERING.tiers.INFREQUENT", perGBMonth, "", ""},
	"Intelligent Tiering Infrequent Access From 0 to Inf per GB-Mo":                         {"classes.INTELLIGENT_TIERING.tiers.INFREQUENT", perGBMonth, "", ""},
	"Intelligent Tiering Archive Instant Access":                                            {"classes.INTELLIGENT_TIERING.tiers.ARCHIVE_INSTANT", perGBMonth, "", ""},
	"IntelligentTieringArchiveAccess":                                                       {"classes.INTELLIGENT_TIERING.tiers.ARCHIVE", perGBMonth, "", ""},
	"IntelligentTieringDeepArchiveAccess":                                                   {"classes.INTELLIGENT_TIERING.tiers.DEEP_ARCHIVE", perGBMonth, "", ""},
	"Per object per month monitoring and automation fee for objects in Intelligent Tiering": {"classes.INTELLIGENT_TIERING.monitoring_per_1k_objects", perObject, "", ""},

	// Requests, per request in the feed.
	"PUT COPY/POST or LIST requests per Requests":                                {"classes.STANDARD.put_per_1k", perRequest, "", ""},
	"GET and all other requests per Requests":                                    {"classes.STANDARD.get_per_1k", perRequest, "", ""},
	"PUT COPY/POST or LIST requests to Standard Infrequent Access per Requests":  {"classes.STANDARD_IA.put_per_1k", perRequest, "", ""},
	"GET and all other requests to Standard Infrequent Access per Requests":      {"classes.STANDARD_IA.get_per_1k", perRequest, "", ""},
	"PUT COPY/POST or LIST requests to One Zone Infrequent Access per Requests":  {"classes.ONEZONE_IA.put_per_1k", perRequest, "", ""},
	"GET and all other requests to One Zone Infrequent Access per Requests":      {"classes.ONEZONE_IA.get_per_1k", perRequest, "", ""},
	"PUT COPY/POST or LIST requests to Glacier Instant Retrieval per Requests":   {"classes.GLACIER_IR.put_per_1k", perRequest, "", ""},
	"GET and all other requests to Glacier Instant Retrieval per Requests":       {"classes.GLACIER_IR.get_per_1k", perRequest, "", ""},
	"PUT COPY/POST or LIST requests to Intelligent Tiering per Requests":         {"classes.INTELLIGENT_TIERING.put_per_1k", perRequest, "", ""},
	"GET and all other requests to Intelligent Tiering per Requests":             {"classes.INTELLIGENT_TIERING.get_per_1k", perRequest, "", ""},
	"PUT COPY/POST or LIST requests to Express One Zone per Requests":            {"classes.EXPRESS_ONEZONE.put_per_1k", perRequest, "", ""},
	"GET and all other requests to Express One Zone per Requests":                {"classes.EXPRESS_ONEZONE.get_per_1k", perRequest, "", ""},
	"PUT requests to Glacier per Requests":                                       {"classes.GLACIER.put_per_1k", perRequest, "", ""},
	"GET and all other requests to GLACIER per Requests":                         {"classes.GLACIER.get_per_1k", perRequest, "", ""},
	"GET and all other requests to GDA per Requests":                             {"classes.DEEP_ARCHIVE.get_per_1k", perRequest, "", ""},
	"Lifecycle Transition Requests into Standard Infrequent Access per Requests": {"classes.STANDARD_IA.transition_per_1k", perRequest, "", ""},
	"Lifecycle Transition Requests into One Zone Infrequent Access per Requests": {"classes.ONEZONE_IA.transition_per_1k", perRequest, "", ""},
	"Lifecycle Transition Requests into Intelligent Tiering per Requests":        {"classes.INTELLIGENT_TIERING.transition_per_1k", perRequest, "", ""},
	"Lifecycle Transition Requests into Glacier Instant Retrieval per Requests":  {"classes.GLACIER_IR.transition_per_1k", perRequest, "", ""},
	"Lifecycle Transition Requests into Glacier per Requests":                    {"classes.GLACIER.transition_per_1k", perRequest, "", ""},
	"Lifecycle Transition Requests into Glacier Deep Archive per Requests":       {"classes.DEEP_ARCHIVE.transition_per_1k", perRequest, "", ""},
	"Object Retrieval in Standard Infrequent Access per GB":                      {"classes.STANDARD_IA.retrieval_per_gb", perGB, "", ""},
	"Object Retrieval in One Zone Infrequent Access per GB":                      {"classes.ONEZONE_IA.retrieval_per_gb", perGB, "", ""},
	"Object Retrieval in Glacier Instant Retrieval per GB":                       {"classes.GLACIER_IR.retrieval_per_gb", perGB, "", ""},
	"Object Retrieval in Express One Zone per GB":                                {"classes.EXPRESS_ONEZONE.retrieval_per_gb", perGB, "", ""},
	"Object Upload in Express One Zone per GB":                                   {"classes.EXPRESS_ONEZONE.upload_per_gb", perGB, "", ""},

	// GLACIER (Flexible Retrieval) restores: a price per restore request
	// (per request in the feed: expedited 0.011 is 11 per 1,000) and per GB.
	"Restore Object per Requests":                {"classes.GLACIER.restore.standard.request_per_1k", perRequest, "", ""},
	"Glacier Expedited Glacier Restore Requests": {"classes.GLACIER.restore.expedited.request_per_1k", perRequest, "", ""},
	"Bulk Glacier Restore Requests":              {"classes.GLACIER.restore.bulk.request_per_1k", perRequest, "", ""},
	"Glacier S3 Expedited Retrieval":             {"classes.GLACIER.restore.expedited.per_gb", perGB, "", ""},
	"Fee for Standard Retrieval of data stored":  {"classes.GLACIER.restore.standard.per_gb", perGB, "", ""},
	"Fee for Bulk Retrieval of data stored":      {"classes.GLACIER.restore.bulk.per_gb", perGB, "", ""},

	// DEEP_ARCHIVE restores: per GB only (no expedited tier; the feed has
	// no Deep Archive restore request price).
	"Fee for Standard Retrieval of data stored from Glacier Deep Archive": {"classes.DEEP_ARCHIVE.restore.standard.per_gb", perGB, "", ""},
	"Fee for Bulk Retrieval of data stored from Glacier Deep Archive":     {"classes.DEEP_ARCHIVE.restore.bulk.per_gb", perGB, "", ""},

	// Intelligent-Tiering restores out of its opt-in archive tiers.
	"Expedited INT Restore Requests per Requests":         {"classes.INTELLIGENT_TIERING.restore.expedited.request_per_1k", perRequest, "", ""},
	"Standard INT Restore Requests per Requests":          {"classes.INTELLIGENT_TIERING.restore.standard.request_per_1k", perRequest, "", ""},
	"INT AA-RestoreObject Expedited INT Retrieval per GB": {"classes.INTELLIGENT_TIERING.restore.expedited.per_gb", perGB, "", ""},
	"INT AA-RestoreObject Standard INT Retrieval per GB":  {"classes.INTELLIGENT_TIERING.restore.standard.per_gb", perGB, "", ""},
	"INT AA-RestoreObject Bulk INT Retrieval per GB":      {"classes.INTELLIGENT_TIERING.restore.bulk.per_gb", perGB, "", ""},

	// DSSE-KMS, per GB encrypted. Read, but not written: the sheet's kms
	// block is all or nothing and the feed has no other KMS price.
	"Bytes Encrypted using Dual Layer Server-Side Encryption per GB": {"kms.dsse_per_gb", perGB, "", ""},
}

// feedManifest is the part of the feed's manifest the importer uses.
type feedManifest struct {
	PublicationDate string `json:"hawkFilePublicationDate"`
	Currency        string `json:"currencyCode"`
}

// readFeedManifest reads the manifest: its date and currency.
func (im *importer) readFeedManifest(dec *stream) error {
	var m feedManifest
	if err := dec.Decode(&m); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if m.Currency != "" && m.Currency != "USD" {
		return fmt.Errorf("the feed's prices are in %q; s3cost sheets are in USD (use the USD feed)", m.Currency)
	}
	im.notePublication(m.PublicationDate)
	return nil
}

// readFeedRegions reads the feed's regions object, one region at a time:
// the regions not wanted are skipped token by token, holding nothing.
func (im *importer) readFeedRegions(dec *stream) error {
	if err := expectDelim(dec, json.Delim('{'), "regions"); err != nil {
		return err
	}
	for dec.More() {
		location, err := readKey(dec)
		if err != nil {
			return err
		}
		r, known := regionByLocation[location]
		var st *regionState
		switch {
		case !known:
			// "Any" and "" hold a couple of global items; a new region's
			// name is reported when no region was asked for.
			if location != "" && location != "Any" {
				im.noteUnknownLocation(location)
			}
		case im.want == "" || r.Code == im.want:
			st = im.state(r.Code)
		default:
			im.skippedRegions[r.Code] = true // named if the wanted one is absent
		}
		if st == nil {
			n, err := skipMembers(dec, location)
			if err != nil {
				return err
			}
			im.seen += n
			continue
		}
		if err := im.readFeedItems(dec, st, location); err != nil {
			return err
		}
	}
	return expectDelim(dec, json.Delim('}'), "regions")
}

// skipMembers skips one region's object, counting its items.
func skipMembers(dec *stream, location string) (int, error) {
	if err := expectDelim(dec, json.Delim('{'), fmt.Sprintf("regions[%q]", location)); err != nil {
		return 0, err
	}
	n := 0
	for dec.More() {
		if _, err := readKey(dec); err != nil {
			return n, err
		}
		if err := skipValue(dec); err != nil {
			return n, err
		}
		n++
	}
	return n, expectDelim(dec, json.Delim('}'), fmt.Sprintf("regions[%q]", location))
}

// feedItem is one priced item of a region.
type feedItem struct {
	Price string `json:"price"`
}

// readFeedItems reads one region's items, keeping those of feedLabels.
func (im *importer) readFeedItems(dec *stream, st *regionState, location string) error {
	if err := expectDelim(dec, json.Delim('{'), fmt.Sprintf("regions[%q]", location)); err != nil {
		return err
	}
	for dec.More() {
		label, err := readKey(dec)
		if err != nil {
			return err
		}
		im.seen++
		t, ok := feedLabels[label]
		if !ok {
			if err := skipValue(dec); err != nil {
				return err
			}
			continue
		}
		var it feedItem
		if err := dec.Decode(&it); err != nil {
			return fmt.Errorf("regions[%q][%q]: %w", location, label, err)
		}
		st.accepted++
		st.applyFeed(label, t, it.Price)
	}
	return expectDelim(dec, json.Delim('}'), fmt.Sprintf("regions[%q]", location))
}

// feedFrom names a feed item in the sheet's comments.
func feedFrom(label string) string { return fmt.Sprintf("feed: %q", label) }

// applyFeed records one feed item's price under its sheet key.
func (st *regionState) applyFeed(label string, t feedTarget, raw string) {
	from := feedFrom(label)
	st.noteClass(t.key)
	price, ok := plainDecimal(raw)
	if !ok {
		st.warn("%s: price %q is not a plain decimal; item skipped", from, raw)
		return
	}
	// The feed quotes requests and objects one by one; the sheet per 1,000.
	factor := one
	if t.unit == perRequest || t.unit == perObject {
		factor = thousand
	}
	converted := price.Mul(factor)
	st.offers[feedService] = true
	switch {
	case t.key == dsseKey:
		st.notWritten(t.key, converted, from)
	case isLadder(t.key):
		begin, _ := decimal.NewFromString(t.begin)
		row := tierRow{begin: begin, endless: t.end == "", price: converted, from: from}
		if !row.endless {
			row.end, _ = decimal.NewFromString(t.end)
		}
		st.addTier(t.key, row)
	default:
		st.offer(t.key, converted, prioAny, from)
	}
	if t.key == "classes.STANDARD.storage" {
		st.standardStorage = true
	}
}
