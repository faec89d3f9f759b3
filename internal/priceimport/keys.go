package priceimport

import (
	"strings"

	"github.com/s3cost/s3cost/pricing"
)

// sheetKey is one price of the sheet format. ladder marks a tiered price (a
// list of upto_gb tiers); imported marks a price this importer can read from
// the AmazonS3, AmazonS3GlacierDeepArchive and AWSDataTransfer offers or the
// S3 pricing-page feed. The others are in the sheet format but not in what
// the importer reads, so they are always reported missing and must come
// from elsewhere (the sheet generator's supplement, or by hand).
type sheetKey struct {
	path     string
	ladder   bool
	imported bool
}

// notImported are the sheet items AWS's S3 price data does not carry: KMS
// (its own service; the feed's DSSE price alone cannot make a KMS block),
// inter-region transfer and Replication Time Control (not per region in
// these files), Intelligent-Tiering's retrieval (there is none) and Glacier
// provisioned capacity.
var notImported = map[string]bool{
	"classes.INTELLIGENT_TIERING.retrieval_per_gb":   true,
	"classes.GLACIER.provisioned_capacity_per_month": true,
	"transfer.inter_region":                          true,
	"transfer.replication_time_control_per_gb":       true,
	"kms.requests_per_10k":                           true,
	"kms.free_requests_per_month":                    true,
	"kms.customer_key_per_month":                     true,
	"kms.rotation_per_month":                         true,
	"kms.dsse_per_gb":                                true,
}

// sheetKeys lists every price of the sheet format in sheet order: the items
// of the table in package pricing (pricing.ItemDefs), the one definition of
// a price, so the importer cannot know of an item the sheets do not, nor
// miss one they have. The per-destination inter-region rates are left out:
// no price file gives them per region pair.
func sheetKeys() []sheetKey {
	var keys []sheetKey
	for _, d := range pricing.ItemDefs() {
		if d.ByRegion {
			continue
		}
		keys = append(keys, sheetKey{path: d.Key, ladder: d.Tiered, imported: !notImported[d.Key]})
	}
	return keys
}

// unit is what a Price List row must be priced in for a sheet key.
type unit int

const (
	perGBMonth unit = iota // storage
	perGB                  // retrieval, upload, transfer
	perRequest             // requests: the sheet wants $ per 1,000
	perObject              // Intelligent-Tiering monitoring: the sheet wants $ per 1,000 objects
)

// target is a sheet key a product prices. prio breaks ties between rows of
// the same usage type: a row whose operation names the exact API (PutObject,
// GetObject) beats a generic one; rows of equal priority must agree.
type target struct {
	key  string
	unit unit
	prio int
}

// Priorities of candidate rows for one key.
const (
	prioAny   = 1
	prioExact = 2
)

// Fixed usage types (after the region prefix) whose price does not depend on
// the operation.
var fixedUsage = map[string]target{
	"TimedStorage-ByteHrs":         {"classes.STANDARD.storage", perGBMonth, prioAny},
	"TimedStorage-SIA-ByteHrs":     {"classes.STANDARD_IA.storage", perGBMonth, prioAny},
	"TimedStorage-ZIA-ByteHrs":     {"classes.ONEZONE_IA.storage", perGBMonth, prioAny},
	"TimedStorage-GIR-ByteHrs":     {"classes.GLACIER_IR.storage", perGBMonth, prioAny},
	"TimedStorage-GlacierByteHrs":  {"classes.GLACIER.storage", perGBMonth, prioAny},
	"TimedStorage-GDA-ByteHrs":     {"classes.DEEP_ARCHIVE.storage", perGBMonth, prioAny},
	"TimedStorage-INT-FA-ByteHrs":  {"classes.INTELLIGENT_TIERING.storage", perGBMonth, prioAny},
	"TimedStorage-INT-IA-ByteHrs":  {"classes.INTELLIGENT_TIERING.tiers.INFREQUENT", perGBMonth, prioAny},
	"TimedStorage-INT-AIA-ByteHrs": {"classes.INTELLIGENT_TIERING.tiers.ARCHIVE_INSTANT", perGBMonth, prioAny},
	"TimedStorage-INT-AA-ByteHrs":  {"classes.INTELLIGENT_TIERING.tiers.ARCHIVE", perGBMonth, prioAny},
	"TimedStorage-INT-DAA-ByteHrs": {"classes.INTELLIGENT_TIERING.tiers.DEEP_ARCHIVE", perGBMonth, prioAny},
	"TimedStorage-XZ-ByteHrs":      {"classes.EXPRESS_ONEZONE.storage", perGBMonth, prioAny},
	"Retrieval-SIA":                {"classes.STANDARD_IA.retrieval_per_gb", perGB, prioAny},
	"Retrieval-ZIA":                {"classes.ONEZONE_IA.retrieval_per_gb", perGB, prioAny},
	"Retrieval-GIR":                {"classes.GLACIER_IR.retrieval_per_gb", perGB, prioAny},
	"Monitoring-Automation-INT":    {"classes.INTELLIGENT_TIERING.monitoring_per_1k_objects", perObject, prioAny},
	"Upload-XZ":                    {"classes.EXPRESS_ONEZONE.upload_per_gb", perGB, prioAny},
	"Retrieval-XZ":                 {"classes.EXPRESS_ONEZONE.retrieval_per_gb", perGB, prioAny},
	"DataTransfer-Out-Bytes":       {"transfer.internet", perGB, prioAny},
}

// requestClasses maps the class code of `Requests-<code>-Tier1|2` to the
// sheet class; "" is `Requests-Tier1|2`, which is STANDARD.
var requestClasses = map[string]string{
	"":        "STANDARD",
	"SIA":     "STANDARD_IA",
	"ZIA":     "ONEZONE_IA",
	"GIR":     "GLACIER_IR",
	"INT":     "INTELLIGENT_TIERING",
	"XZ":      "EXPRESS_ONEZONE",
	"GLACIER": "GLACIER",
	"GDA":     "DEEP_ARCHIVE",
}

// transitionTargets maps the class code named by a Requests-Tier4
// operation (S3-SIATransition) to the class it transitions into.
var transitionTargets = map[string]string{
	"SIA": "STANDARD_IA",
	"ZIA": "ONEZONE_IA",
	"INT": "INTELLIGENT_TIERING",
	"GIR": "GLACIER_IR",
}

// isMultipartPart reports the multipart operations that AWS prices at
// 0.005 per 1,000 even in the archive classes, not at the class PUT price
// (docs/pricing.md, "Price List traps").
func isMultipartPart(op string) bool {
	switch op {
	case "InitiateMultipartUpload", "UploadPart", "CopyPart", "UploadPartCopy":
		return true
	}
	return false
}

// isIntelligentTieringRestore reports the free restores out of the
// Intelligent-Tiering archive tiers, which share the Glacier usage types.
func isIntelligentTieringRestore(op string) bool {
	return strings.HasPrefix(op, "Int") // IntAARestoreObject, IntDAARestoreObject
}

// classify maps a usage type (its region prefix removed) and operation to
// the sheet keys the row prices. No target: the row is not a price of the
// sheet (staging storage, early deletion, other features, traps).
func classify(usage, op string) []target {
	if t, ok := fixedUsage[usage]; ok {
		return []target{t}
	}
	one := func(key string, u unit, prio int) []target { return []target{{key, u, prio}} }
	switch usage {
	case "Requests-Tier3":
		// Lifecycle into GLACIER/DEEP_ARCHIVE and GLACIER standard restores
		// share the usage type: only the operation tells them apart.
		switch op {
		case "RestoreObject":
			return one("classes.GLACIER.restore.standard.request_per_1k", perRequest, prioExact)
		case "S3-GlacierTransition":
			return one("classes.GLACIER.transition_per_1k", perRequest, prioExact)
		case "S3-GDATransition":
			return one("classes.DEEP_ARCHIVE.transition_per_1k", perRequest, prioExact)
		}
		return nil
	case "Requests-Tier4":
		return transitionsNamedBy(op)
	case "Requests-Tier5":
		if isIntelligentTieringRestore(op) {
			return nil
		}
		return one("classes.GLACIER.restore.bulk.request_per_1k", perRequest, prioAny)
	case "Requests-Tier6":
		if isIntelligentTieringRestore(op) {
			return nil
		}
		return one("classes.GLACIER.restore.expedited.request_per_1k", perRequest, prioAny)
	case "Requests-GDA-Tier3":
		if isIntelligentTieringRestore(op) {
			return nil
		}
		return one("classes.DEEP_ARCHIVE.restore.standard.request_per_1k", perRequest, prioAny)
	case "Requests-GDA-Tier5":
		if isIntelligentTieringRestore(op) {
			return nil
		}
		return one("classes.DEEP_ARCHIVE.restore.bulk.request_per_1k", perRequest, prioAny)
	case "Standard-Retrieval-Bytes", "Bulk-Retrieval-Bytes", "Expedited-Retrieval-Bytes":
		tier := strings.ToLower(strings.TrimSuffix(usage, "-Retrieval-Bytes"))
		switch op {
		case "RestoreObject", "":
			return one("classes.GLACIER.restore."+tier+".per_gb", perGB, prioAny)
		case "DeepArchiveRestoreObject":
			if tier == "expedited" { // Deep Archive has no expedited tier
				return nil
			}
			return one("classes.DEEP_ARCHIVE.restore."+tier+".per_gb", perGB, prioAny)
		}
		// IntAARestoreObject, IntDAARestoreObject: Intelligent-Tiering's
		// own restores, not GLACIER's.
		return nil
	}
	if rest, ok := strings.CutPrefix(usage, "Requests-"); ok {
		code, tier := "", rest
		if i := strings.LastIndexByte(rest, '-'); i >= 0 {
			code, tier = rest[:i], rest[i+1:]
		}
		class, ok := requestClasses[code]
		if !ok {
			return nil
		}
		switch tier {
		case "Tier1":
			if isMultipartPart(op) {
				return nil
			}
			if op == "PutObject" {
				return one("classes."+class+".put_per_1k", perRequest, prioExact)
			}
			if class == "GLACIER" || class == "DEEP_ARCHIVE" {
				// The archive classes split their PUTs by operation; only
				// PutObject is the class PUT price for certain.
				return nil
			}
			return one("classes."+class+".put_per_1k", perRequest, prioAny)
		case "Tier2":
			if op == "GetObject" {
				return one("classes."+class+".get_per_1k", perRequest, prioExact)
			}
			return one("classes."+class+".get_per_1k", perRequest, prioAny)
		}
	}
	return nil
}

// transitionsNamedBy reads the target classes a Requests-Tier4 operation
// names: S3-SIATransition, and tolerantly S3-SIA/ZIATransition. A target the
// operation does not name gets nothing: one class's price is never copied to
// another.
func transitionsNamedBy(op string) []target {
	inner, ok := strings.CutPrefix(op, "S3-")
	if !ok {
		return nil
	}
	inner, ok = strings.CutSuffix(inner, "Transition")
	if !ok {
		return nil
	}
	var out []target
	seen := map[string]bool{}
	for _, code := range strings.FieldsFunc(inner, func(r rune) bool { return r == '-' || r == '/' || r == ',' || r == '+' }) {
		class, ok := transitionTargets[code]
		if !ok || seen[class] {
			continue
		}
		seen[class] = true
		out = append(out, target{"classes." + class + ".transition_per_1k", perRequest, prioExact})
	}
	return out
}
