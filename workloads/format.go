package workloads

import (
	"regexp"

	"github.com/s3cost/s3cost/model"
)

// The workload format (README.md, "The workload format") is described once, here, as a
// tree of fields. The decoder takes its known keys, node kinds and scalar
// types from this table and Schema renders the JSON Schema from it, so the
// two cannot drift apart (schema_test.go checks that they agree).

// valueType says how a field's YAML node is read.
type valueType int

const (
	typeMapping     valueType = iota // a mapping of the fields listed in field.fields
	typeList                         // a list of field.item
	typeInt                          // a whole number in [field.min, field.max]
	typeWhole                        // a non-negative whole number (objects)
	typeCount                        // a non-negative number; fractions allowed (a rate)
	typeMoney                        // a non-negative amount of USD, no unit
	typeSize                         // a byte size with a binary unit
	typeSizeOrFull                   // "full" or a byte size
	typeDuration                     // a duration with a unit
	typeFraction                     // 0..1 or 0%..100%
	typeClass                        // a storage class ID or alias
	typeRestore                      // a restore tier
	typeName                         // a one-line, non-empty string
	typeRegion                       // an AWS region code
	typeBool                         // true or false
	typeClassOrSame                  // "same" or a storage class
	typeEnum                         // one of field.enum, exactly as written
	typeAge                          // "forever" or a duration (the end of an age band)
)

// ruleNamePattern is what lifecycle.name accepts: lower-case letters,
// digits, '.', '_' and '-', at most 255 characters (AWS's limit on a rule
// ID), so that the name reads the same in a table, a CSV cell and a JSON key.
const (
	ruleNamePattern = `^[a-z0-9._-]{1,255}$`
	ruleNameWant    = "lower-case letters, digits, '.', '_' and '-', at most 255 characters"
)

// Compiled patterns are read-only after initialisation.
var ruleNameRE = regexp.MustCompile(ruleNamePattern)

// field is one key of the format. For list items name is empty.
type field struct {
	name string
	typ  valueType
	// doc becomes the schema's description; keep it to what a user needs
	// when their editor shows it next to the key.
	doc string
	// example is a valid value, shown by the schema and used by the
	// schema/decoder agreement test.
	example any
	// required keys must be present in their mapping.
	required bool
	// positive values must be above zero (a zero size or lifetime means
	// nothing, and a zero first_byte would exclude every class).
	positive bool
	// min and max bound typeInt; max 0 means no upper bound beyond the
	// model's limit on counts.
	min, max int64
	// fields lists a mapping's keys in the order documentation shows them.
	fields []field
	// oneOf: a mapping must have exactly one of these keys.
	oneOf []string
	// item describes a list's entries; unique lists reject repeats.
	item   *field
	unique bool
	// enum lists the values a typeEnum accepts.
	enum []string
	// pattern, when set, restricts a typeName further (and is published in
	// the schema); patternWant says what it admits, for error messages.
	pattern     *regexp.Regexp
	patternWant string
	// word, when set, lets a typeList be this single word instead of a list
	// (objects.ages: steady).
	word string
	// unit: a typeSize that must carry a unit when it is not 0 (transfer:
	// "internet: 100" would be 100 bytes, almost never what was meant).
	unit bool
	// maxBytes bounds a typeSize (an object: S3's 5 TiB); 0 for none.
	maxBytes int64
	// countFromTotal: objects may give total and size instead of count
	// (the count is then total / size).
	countFromTotal bool
}

// maxObjectBytes is S3's largest object, 5 TiB (S3 User Guide, "Uploading
// objects").
const maxObjectBytes = 5 * model.TiB

// formatV1 returns the root of workload format version 1. It is a function,
// not a package variable, so that nothing can modify the shared table.
//
// A file describes one dataset (its keys at the top level) or several
// (under datasets:, each with the same keys and a name); region, months and
// a file-wide budget are shared.
func formatV1() field {
	root := []field{
		{name: "version", typ: typeInt, min: 1, max: 1, example: 1,
			doc: "Version of the workload format; must be 1. Default 1."},
		{name: "name", typ: typeName, example: "product-images",
			doc: "Name of the workload in reports. Default: the file name without its extension."},
		{name: "region", typ: typeRegion, example: "us-east-1",
			doc: "AWS region whose prices apply. Default: the configured region (S3COST_REGION), else us-east-1."},
		{name: "months", typ: typeInt, min: 1, max: 1200, example: 12,
			doc: "Horizon of the estimate in months, 1 to 1200. Default 12."},
	}
	root = append(root, datasetFields(false)...)
	item := field{typ: typeMapping, doc: "One dataset: the keys of a single-dataset file, and a name.",
		fields: append([]field{{name: "name", typ: typeName, required: true, example: "logs",
			doc: "Name of the dataset, unique in the file; reports and diffs match datasets by it."}}, datasetFields(true)...)}
	root = append(root, field{name: "datasets", typ: typeList, item: &item,
		doc: "Several datasets in one file, each priced on its own; region, months and the file's budget are shared. Give either datasets or objects."})
	return field{typ: typeMapping, oneOf: []string{"objects", "datasets"},
		doc: "An s3cost workload (format version 1): one or more datasets, how they grow and how they are read.", fields: root}
}

// datasetKeys are the keys that describe one dataset; with datasets: they
// belong in each dataset, not at the top of the file.
func datasetKeys() []string {
	var names []string
	for _, f := range datasetFields(false) {
		if f.name != "budget" {
			names = append(names, f.name)
		}
	}
	return names
}

// datasetFields are the keys of one dataset. objectsRequired: in a
// datasets: entry objects is required; at the top level the file gives
// either objects or datasets.
func datasetFields(objectsRequired bool) []field {
	return []field{
		{name: "objects", typ: typeMapping, required: objectsRequired, oneOf: []string{"size", "total", "sizes"}, countFromTotal: true,
			doc: "The objects stored at month 0. Give count and exactly one of size, total and sizes; or total and size, and the count is total / size.",
			fields: []field{
				{name: "count", typ: typeWhole, required: true, example: "2_000_000",
					doc: "Number of objects stored at month 0, a whole number (2_000_000, 2e6). May be 0 only when uploads.per_month is above 0."},
				{name: "size", typ: typeSize, positive: true, example: "1.5MiB", maxBytes: maxObjectBytes,
					doc: "Size of every object. Binary units as AWS bills: 1 KB = 1 KiB = 1024 B, 1 GB = 1 GiB = 2^30 B; a bare number is bytes."},
				{name: "total", typ: typeSize, positive: true, example: "3TiB",
					doc: "Total bytes of all objects; each object is total / count bytes (count must be above 0)."},
				{name: "sizes", typ: typeList,
					doc: "A size mix: each entry is a size and the share of objects that size; shares add up to exactly 1.",
					item: &field{typ: typeMapping, doc: "One size of the mix.", fields: []field{
						{name: "size", typ: typeSize, required: true, positive: true, example: "16KiB", maxBytes: maxObjectBytes,
							doc: "Size of the objects of this entry (binary units, 1 KB = 1024 B)."},
						{name: "share", typ: typeFraction, required: true, positive: true, example: 0.4,
							doc: "Share of the objects that have this size: above 0, at most 1 (0.4 or 40%)."},
					}}},
				{name: "from", typ: typeClass, example: "STANDARD",
					doc: "Storage class the objects sit in today; they are moved by a lifecycle transition (or copied where lifecycle cannot). Omit: the objects are uploaded (PUT) at month 0."},
				{name: "ages", typ: typeList, word: "steady", example: "steady",
					doc:  "How old the objects are at month 0 (needs from: they exist already). steady: spread evenly from new to lifetime (needs lifetime). Or a list of bands, youngest first: each gives the share of objects younger than its until and at least as old as the band before; shares add up to exactly 1, ages are spread evenly within a band. Omit: every object is new at month 0.",
					item: ageBand(false)},
			}},
		{name: "uploads", typ: typeMapping, doc: "New objects written during the horizon.", fields: []field{
			{name: "per_month", typ: typeCount, example: "50_000",
				doc: "New objects at the start of every month, with the same size mix as objects. Default 0."},
		}},
		{name: "lifetime", typ: typeDuration, positive: true, example: "400d",
			doc: "Each object is deleted this long after it arrives (12h, 30d, 6mo, 1y; 1 mo = 365/12 days). Omit: objects are kept."},
		{name: "reads", typ: typeMapping, doc: "How the data is read.", fields: []field{
			{name: "per_month", typ: typeCount, example: "300_000",
				doc: "GET requests a month (may be fractional: 0.1667 is one read every six months). Default 0."},
			{name: "size", typ: typeSizeOrFull, positive: true, example: "full",
				doc: "Bytes each GET returns: full (the whole object) or a size such as 256KiB. Default full."},
			{name: "active_share", typ: typeFraction, example: 0.1,
				doc: "Share of the stored objects read in a month (0.1 or 10%); drives Intelligent-Tiering's tiers. Default: per_month / objects stored, at most 1."},
			{name: "restore", typ: typeRestore, example: "standard",
				doc: "Restore tier for reads from GLACIER and DEEP_ARCHIVE: expedited, standard or bulk. Default standard."},
			{name: "restore_days", typ: typeInt, min: 1, example: 2,
				doc: "Days a restored copy is kept (archive classes), a whole number of at least 1. Default 1."},
			{name: "by_age", typ: typeList,
				doc:  "How the reads fall by object age: a list of bands, youngest first, each the share of the month's reads that fall on objects younger than its until and at least as old as the band before. Shares add up to exactly 1; a band may have 0. Omit: reads spread evenly over the objects stored.",
				item: ageBand(true)},
		}},
		{name: "lists_per_month", typ: typeCount, example: 1000,
			doc: "LIST requests a month. Default 0."},
		{name: "transfer", typ: typeMapping, doc: "Data transfer out, in bytes a month; the same for every class.", fields: []field{
			{name: "internet", typ: typeSize, example: "200GiB", unit: true,
				doc: "Bytes a month sent to the internet, with a unit (200GiB; 0 for none). Default 0."},
			{name: "inter_region", typ: typeSize, example: 0, unit: true,
				doc: "Bytes a month sent to other AWS regions, with a unit (50GiB; 0 for none). Default 0."},
		}},
		{name: "require", typ: typeMapping, doc: "Requirements: a class that misses one is listed, but not ranked. A key not given has a default: zones 3 and, when the workload reads, first_byte 1s.", fields: []field{
			{name: "first_byte", typ: typeDuration, positive: true, example: "1s",
				doc: "Longest acceptable wait for the first byte of a read (100ms, 1s, 5min, 12h). Give this or first_byte_by_age, not both."},
			{name: "first_byte_by_age", typ: typeList,
				doc: "Longest acceptable wait for the first byte by object age: a list of bands, youngest first, each for the reads of objects younger than its until and at least as old as the band before. Give this or first_byte, not both.",
				item: &field{typ: typeMapping, doc: "One band: reads of objects up to until old must get their first byte within first_byte.", fields: []field{
					untilField(),
					{name: "first_byte", typ: typeDuration, required: true, positive: true, example: "100ms",
						doc: "Longest acceptable wait for the first byte of a read of these objects (100ms, 1s, 5min, 12h)."},
				}}},
			{name: "availability", typ: typeFraction, example: "99.9%",
				doc: "Lowest acceptable designed availability (0.999 or 99.9%)."},
			{name: "zones", typ: typeInt, min: 1, max: 3, example: 3,
				doc: "Fewest availability zones that must hold the data, 1 to 3."},
		}},
		{name: "classes", typ: typeList, unique: true, example: []any{"STANDARD", "STANDARD_IA", "GLACIER_IR"},
			doc:  "Candidate storage classes, each at most once. Default: every class.",
			item: &field{typ: typeClass, doc: "A storage class ID or case-insensitive alias (standard-ia, glacier-flexible, deep-archive)."}},
		{name: "lifecycle", typ: typeMapping,
			doc: "A lifecycle rule, priced as a candidate beside the classes: objects are written to start, move through transitions as they age and expire at lifetime (omit lifetime: no expiration). It must meet AWS's lifecycle constraints.",
			fields: []field{
				{name: "name", typ: typeName, pattern: ruleNameRE, patternWant: ruleNameWant, example: "tier-down",
					doc: "Name of the rule in reports: lower-case letters, digits, '.', '_' and '-', at most 255 characters. Default: made from the transitions."},
				{name: "start", typ: typeClass, example: "STANDARD",
					doc: "The class objects are written to. Default STANDARD."},
				{name: "transitions", typ: typeList,
					doc: "The rule's transitions in order of age; ages increase, classes go down the waterfall (STANDARD_IA and ONEZONE_IA at 30d or later, GLACIER and DEEP_ARCHIVE 30 days or more after one of them). Omit: objects stay in start until they expire.",
					item: &field{typ: typeMapping, doc: "One transition.", fields: []field{
						{name: "after", typ: typeDuration, required: true, positive: true, example: "30d",
							doc: "Age at which objects move, in whole days since they were created (30d, 2w, 1y)."},
						{name: "class", typ: typeClass, required: true, example: "STANDARD_IA",
							doc: "The class objects move to."},
					}}},
				{name: "transition_default_minimum_object_size", typ: typeEnum, enum: []string{model.AllStorageClasses128K, model.VariesByStorageClass}, example: model.VariesByStorageClass,
					doc: "The bucket's TransitionDefaultMinimumObjectSize: all_storage_classes_128K (the default: no transition moves an object under 128 KiB) or varies_by_storage_class (only transitions to STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING and GLACIER_IR skip them)."},
				{name: "size_greater_than", typ: typeSize, example: "64KiB",
					doc: "The rule's size filter (ObjectSizeGreaterThan): only objects larger than this are transitioned; the others stay in start. Default: no lower bound."},
				{name: "size_less_than", typ: typeSize, positive: true, example: "5GiB",
					doc: "The rule's size filter (ObjectSizeLessThan): only objects smaller than this are transitioned; the others stay in start. Default: no upper bound."},
			}},
		{name: "intelligent_tiering", typ: typeMapping,
			doc: "Intelligent-Tiering's opt-in archive tiers, wherever INTELLIGENT_TIERING is priced (a class or a lifecycle stage). Omit: neither is configured.",
			fields: []field{
				{name: "archive_access", typ: typeDuration, positive: true, example: "90d",
					doc: "Objects not accessed for this many days move to the Archive Access tier: whole days, 90d to 730d."},
				{name: "deep_archive_access", typ: typeDuration, positive: true, example: "180d",
					doc: "Objects not accessed for this many days move to the Deep Archive Access tier: whole days, 180d to 730d, later than archive_access when both are given."},
			}},
		{name: "replication", typ: typeMapping, doc: "S3 Replication of every object written to another bucket: cross-region (to another region) or same-region (to this one).", fields: []field{
			{name: "to", typ: typeRegion, required: true, example: "eu-west-1",
				doc: "The destination bucket's region; the source's own region for same-region replication."},
			{name: "class", typ: typeClassOrSame, example: "same",
				doc: "The destination copy's storage class: same (the class being priced, the default) or a class ID."},
			{name: "rtc", typ: typeBool, example: false,
				doc: "Replication Time Control (0.015 per GB replicated). Default false."},
		}},
		{name: "encryption", typ: typeMapping, doc: "Server-side encryption, and what AWS KMS charges for it. Default: SSE-S3, which costs nothing.", fields: []field{
			{name: "type", typ: typeEnum, enum: model.EncryptionTypes(), example: "sse-kms",
				doc: "sse-s3 (default; no charge), sse-c (no charge), sse-kms (a KMS request per object written and per GET, and keys), dsse-kms (as sse-kms, plus 0.003 per GB written)."},
			{name: "key", typ: typeEnum, enum: model.KMSKeyKinds(), example: "customer-managed",
				doc: "KMS types only: aws-managed (aws/s3, default; no monthly charge) or customer-managed (1.00 a month per key, pro-rated)."},
			{name: "keys", typ: typeInt, min: 1, example: 1,
				doc: "customer-managed only: how many keys. Default 1."},
			{name: "rotation", typ: typeBool, example: true,
				doc: "customer-managed only: automatic key rotation on (true) or off (false, default). The first and second rotations each add 1.00 a month per key; later ones nothing."},
			{name: "key_age", typ: typeDuration, example: "18mo",
				doc: "With rotation: how old the keys are at month 0 (0d for a new key, the default); decides when rotations fall."},
			{name: "rotation_period", typ: typeDuration, positive: true, example: "365d",
				doc: "With rotation: days between rotations, 90d to 2560d. Default 365d."},
			{name: "bucket_key", typ: typeBool, example: true,
				doc: "sse-kms only: an S3 Bucket Key, which cuts KMS requests (AWS: by up to 99%). Not supported with dsse-kms. Default false."},
			{name: "requesters", typ: typeInt, min: 1, example: 4,
				doc: "With bucket_key: how many distinct IAM principals (roles, users, sessions) read and write; each gets its own bucket-level key. Default 1."},
			{name: "bucket_key_reuse", typ: typeDuration, positive: true, example: "5min",
				doc: "With bucket_key: how long S3 is assumed to reuse a bucket-level key before asking KMS again (AWS does not publish it). Default 5min."},
			{name: "kms_free_tier", typ: typeBool, example: false,
				doc: "Subtract KMS's 20,000 free requests a month (shared by the whole account across services, so off by default)."},
		}},
		{name: "class", typ: typeClass, example: "STANDARD_IA",
			doc: "The class the data is kept in (or will be): `s3cost check` prices this class and can compare it with the cheapest. Omit: the cheapest eligible class."},
		{name: "budget", typ: typeMapping, doc: "Budget limits in USD; `s3cost check` fails above them. At the top of a file with datasets, the limits apply to the sum of its datasets.", fields: []field{
			{name: "monthly", typ: typeMoney, example: 250,
				doc: "Highest acceptable cost of the average month (the horizon's total / its months, the MONTHLY figure), in USD, without a unit."},
			{name: "peak_month", typ: typeMoney, example: 300,
				doc: "Highest acceptable cost of the dearest single month of the horizon (PEAK MONTH), in USD, without a unit."},
			{name: "total", typ: typeMoney, example: 3000,
				doc: "Highest acceptable cost over the whole horizon, in USD, without a unit."},
		}},
	}
}

// ageBand is an entry of objects.ages, or of reads.by_age when reads.
// Object shares must be positive, as the size mix's are (a band holding no
// objects is a band to leave out); a read share may be 0 (old objects
// nobody reads).
func ageBand(reads bool) *field {
	share := field{name: "share", typ: typeFraction, required: true, positive: true, example: 0.8,
		doc: "Share of the objects in this band: above 0, at most 1 (0.8 or 80%)."}
	if reads {
		share.positive = false
		share.doc = "Share of the reads falling on objects of this band: 0 to 1 (0.8 or 80%)."
	}
	return &field{typ: typeMapping, doc: "One age band.", fields: []field{untilField(), share}}
}

// untilField ends an age band.
func untilField() field {
	return field{name: "until", typ: typeAge, required: true, positive: true, example: "90d",
		doc: "The band ends at this age (30d, 6mo, 1y), later than the band before; or forever (the last band only: every older object; with a lifetime, up to the lifetime). With a lifetime, no band may end after it."}
}

// lookup returns the field called name among f's fields.
func (f *field) lookup(name string) (*field, bool) {
	for i := range f.fields {
		if f.fields[i].name == name {
			return &f.fields[i], true
		}
	}
	return nil, false
}

// keyNames lists f's keys in table order.
func (f *field) keyNames() []string {
	names := make([]string, len(f.fields))
	for i, c := range f.fields {
		names[i] = c.name
	}
	return names
}
