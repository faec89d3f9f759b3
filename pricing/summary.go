package pricing

// Item is one price of a price sheet, for `s3cost pricing show`.
type Item struct {
	Key   string `json:"key"`   // the sheet key, e.g. classes.GLACIER.restore.bulk.per_gb
	Price string `json:"price"` // exact decimal
	Unit  string `json:"unit"`  // e.g. "USD per GB-month"
	// Source and AsOf say where the price comes from and that source's
	// date; Derived is the rule of a price derived from another one ("" for
	// a price read from its source).
	Source  string `json:"source"`
	AsOf    string `json:"as_of"`
	Derived string `json:"derived,omitempty"`
}

// Summary describes a price sheet, for `s3cost pricing list`.
type Summary struct {
	Region, Sheet, AsOf, Source string
	// Discount is the contract discount applied, e.g. "7%" ("" for none).
	Discount string
	// Missing lists the sheet keys s3cost can use that the sheet leaves out
	// (none of a class not offered).
	Missing []string
	// NotOffered lists the classes the region does not sell, in catalogue
	// order: not missing prices, so a sheet without them can be complete.
	NotOffered []string
}

// Detail is one sheet's summary and its prices, for `s3cost pricing show`.
type Detail struct {
	Summary Summary
	Items   []Item
}
