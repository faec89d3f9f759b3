package pricing

// The embedded sheets are generated from the files in sources/ (AWS's S3
// pricing-page feed, the data-transfer table, and a supplement of prices the
// feed lacks): `go generate ./pricing` or `make sheets`, then review the
// diff. docs/pricing.md describes the sources and the derivation rules.
//go:generate go run ../internal/sheetgen/gensheets -sources sources -out sheets/aws
