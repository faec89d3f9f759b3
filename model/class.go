// Package model holds s3cost's shared vocabulary: storage-class IDs and the
// declarative model of what each class guarantees and how it bills, byte sizes
// and durations, the Workload the engine prices and the Estimate it returns.
// It imports nothing from the project, so every other package can use it.
package model

import (
	"fmt"
	"strings"
)

// ClassID is a storage class named as the S3 API names it (the
// x-amz-storage-class header), used for input and output alike.
type ClassID string

// The eight storage classes s3cost prices.
const (
	Standard           ClassID = "STANDARD"
	IntelligentTiering ClassID = "INTELLIGENT_TIERING"
	StandardIA         ClassID = "STANDARD_IA"
	OneZoneIA          ClassID = "ONEZONE_IA"
	GlacierIR          ClassID = "GLACIER_IR"
	Glacier            ClassID = "GLACIER"
	DeepArchive        ClassID = "DEEP_ARCHIVE"
	ExpressOneZone     ClassID = "EXPRESS_ONEZONE"
)

// classAliases maps normalised spellings (lower case, '-', '_' and ' ' removed)
// to class IDs, so users may write "standard-ia" or "glacier-flexible". It is a
// function, not a package variable, so that no package state can be mutated.
func classAliases() map[string]ClassID {
	return map[string]ClassID{
		"standard":                 Standard,
		"s3standard":               Standard,
		"intelligenttiering":       IntelligentTiering,
		"it":                       IntelligentTiering,
		"int":                      IntelligentTiering,
		"standardia":               StandardIA,
		"sia":                      StandardIA,
		"onezoneia":                OneZoneIA,
		"zia":                      OneZoneIA,
		"glacierir":                GlacierIR,
		"glacierinstantretrieval":  GlacierIR,
		"glacierinstant":           GlacierIR,
		"gir":                      GlacierIR,
		"glacier":                  Glacier,
		"glacierflexible":          Glacier,
		"glacierflexibleretrieval": Glacier,
		"gfr":                      Glacier,
		"deeparchive":              DeepArchive,
		"glacierdeeparchive":       DeepArchive,
		"gda":                      DeepArchive,
		"expressonezone":           ExpressOneZone,
		"express":                  ExpressOneZone,
	}
}

// ParseClassID turns a class name or alias, in any case, into its ClassID.
func ParseClassID(s string) (ClassID, error) {
	norm := strings.ToLower(strings.TrimSpace(s))
	norm = strings.NewReplacer("-", "", "_", "", " ", "").Replace(norm)
	if id, ok := classAliases()[norm]; ok {
		return id, nil
	}
	return "", fmt.Errorf("unknown storage class %q (known: %s)", s, strings.Join(ClassNames(), ", "))
}

// ClassNames lists the IDs of every class in catalogue order.
func ClassNames() []string {
	cat := Catalog()
	names := make([]string, len(cat))
	for i, c := range cat {
		names[i] = string(c.ID)
	}
	return names
}
