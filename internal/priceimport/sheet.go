package priceimport

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SheetYAML renders the result as a price sheet in the embedded format
// (pricing/sheets/aws/us-east-1.yaml): header fields and not_offered, then
// only the prices found, in the same order as us-east-1.yaml, each followed
// by the usage type or feed label it came from. Missing prices are listed in a comment, never filled
// in. A restore tier needs both of its prices, so a tier with only one is
// left as a comment.
func (r Result) SheetYAML() []byte {
	var b bytes.Buffer
	found := make(map[string]Item, len(r.Found))
	for _, it := range r.Found {
		found[it.Key] = it
	}

	fmt.Fprintf(&b, "# Amazon S3 prices for %s, in USD, imported from AWS's price data.\n", commentSafe(r.Region))
	b.WriteString(`#
# Every price below was read from the input, with the usage type and
# operation (or the feed label) it came from in the comment after it; none is
# guessed.
# Units:
#   storage prices: $ per GB-month, 1 GB = 2^30 bytes, 730-hour month;
#   request prices: $ per 1,000 requests (AWS quotes per request:
#     "0.0000050000" = 0.005 per 1,000);
#   retrieval and transfer: $ per GB.
# Tiers list upto_gb boundaries in GB on the month's total; the last tier has
# no boundary.
`)
	var missing, never []string
	for _, k := range r.Missing {
		if NotImported(k) {
			never = append(never, k)
		} else {
			missing = append(missing, k)
		}
	}
	commentList(&b, "Missing: no input priced these, so the sheet leaves them out:", missing)
	commentList(&b, "Not read from AWS's price data by the importer (add them by hand):", never)
	commentList(&b, "Warnings:", r.Warnings)

	fmt.Fprintf(&b, "sheet: %s\n", scalar("aws/"+r.Region))
	fmt.Fprintf(&b, "region: %s\n", scalar(r.Region))
	b.WriteString("currency: USD\n")
	fmt.Fprintf(&b, "as_of: %s\n", quote(r.AsOf))
	fmt.Fprintf(&b, "source: %s\n", quote(r.Source))
	if len(r.NotOffered) > 0 {
		// Express One Zone is sold in a few regions only: an input that
		// prices the region's STANDARD storage but has no item of the class
		// shows the region does not sell it.
		b.WriteString("# The input prices this region's STANDARD storage but has no item at all of\n# these classes: the region does not sell them.\n")
		fmt.Fprintf(&b, "not_offered: [%s]\n", strings.Join(quoteAll(r.NotOffered), ", "))
	}

	// Group the sheet keys by section (a class, or transfer).
	type section struct {
		name   string
		fields []string
	}
	var sections []section
	for _, k := range sheetKeys() {
		name, field := splitKey(k.path)
		if len(sections) == 0 || sections[len(sections)-1].name != name {
			sections = append(sections, section{name: name})
		}
		sections[len(sections)-1].fields = append(sections[len(sections)-1].fields, field)
	}

	classesOpen := false
	for _, s := range sections {
		class, isClass := strings.CutPrefix(s.name, "classes.")
		indent := "  "
		if isClass {
			indent = "    "
		}
		lines := sectionLines(s.name, s.fields, indent, found)
		if len(lines) == 0 {
			continue
		}
		if isClass {
			if !classesOpen {
				b.WriteString("\nclasses:\n")
				classesOpen = true
			}
			fmt.Fprintf(&b, "  %s:\n", class)
		} else {
			fmt.Fprintf(&b, "\n%s:\n", s.name)
		}
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// splitKey splits "classes.GLACIER.put_per_1k" into its section
// "classes.GLACIER" and field "put_per_1k"; "transfer.internet" into
// "transfer" and "internet".
func splitKey(path string) (section, field string) {
	parts := strings.SplitN(path, ".", 3)
	if parts[0] == "classes" && len(parts) == 3 {
		return parts[0] + "." + parts[1], parts[2]
	}
	return parts[0], strings.Join(parts[1:], ".")
}

// sectionLines renders the found prices of one section.
func sectionLines(name string, fields []string, indent string, found map[string]Item) []string {
	var lines, notes []string
	tiersOpen, restoreOpen := false, false
	for _, f := range fields {
		key := name + "." + f
		switch {
		case f == "storage" || f == "internet":
			var tiers []string
			for i := 0; ; i++ {
				it, ok := found[fmt.Sprintf("%s[%d]", key, i)]
				if !ok {
					break
				}
				bound := ""
				if it.UpToGB != "" {
					bound = "upto_gb: " + it.UpToGB + ", "
				}
				tiers = append(tiers, fmt.Sprintf("%s  - { %sprice: %s }   # %s", indent, bound, quote(it.Price), commentSafe(it.From)))
			}
			if len(tiers) > 0 {
				lines = append(lines, indent+f+":")
				lines = append(lines, tiers...)
			}
		case strings.HasPrefix(f, "tiers."):
			it, ok := found[key]
			if !ok {
				continue
			}
			if !tiersOpen {
				lines = append(lines, indent+"tiers:")
				tiersOpen = true
			}
			lines = append(lines, fmt.Sprintf("%s  %s: %s   # %s", indent, strings.TrimPrefix(f, "tiers."), quote(it.Price), commentSafe(it.From)))
		case strings.HasPrefix(f, "restore."):
			tier, part, _ := strings.Cut(strings.TrimPrefix(f, "restore."), ".")
			if part != "request_per_1k" {
				continue // rendered with its request price
			}
			base := name + ".restore." + tier
			req, okReq := found[base+".request_per_1k"]
			gb, okGB := found[base+".per_gb"]
			switch {
			case okReq && okGB:
				if !restoreOpen {
					lines = append(lines, indent+"restore:")
					restoreOpen = true
				}
				lines = append(lines, fmt.Sprintf("%s  %s: { request_per_1k: %s, per_gb: %s }   # %s; %s",
					indent, tier, quote(req.Price), quote(gb.Price), commentSafe(req.From), commentSafe(gb.From)))
			case okReq:
				notes = append(notes, fmt.Sprintf("%s# restore.%s: request_per_1k %s (%s) found, per_gb not: tier left out",
					indent, tier, quote(req.Price), commentSafe(req.From)))
			case okGB:
				notes = append(notes, fmt.Sprintf("%s# restore.%s: per_gb %s (%s) found, request_per_1k not: tier left out",
					indent, tier, quote(gb.Price), commentSafe(gb.From)))
			}
		default:
			if it, ok := found[key]; ok {
				lines = append(lines, fmt.Sprintf("%s%s: %s   # %s", indent, f, quote(it.Price), commentSafe(it.From)))
			}
		}
	}
	if len(lines) == 0 && len(notes) == 0 {
		return nil
	}
	return append(lines, notes...)
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = quote(s)
	}
	return out
}

func commentList(b *bytes.Buffer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(b, "#\n# %s\n", title)
	for _, it := range items {
		fmt.Fprintf(b, "#   %s\n", commentSafe(it))
	}
}

// commentSafe keeps text read from the input on one comment line: anything
// YAML could take for a line break or that is not printable becomes '?'.
func commentSafe(s string) string {
	s = strings.ToValidUTF8(s, "?")
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return '?'
		}
		return r
	}, s)
}

// scalar writes a region-like value bare when it is a plain region name,
// else quoted.
func scalar(s string) string {
	if validRegion(strings.TrimPrefix(s, "aws/")) {
		return s
	}
	return quote(s)
}

// WriteFile writes data to path atomically: to a temporary file in the same
// directory, synced, then renamed over path, so a reader never sees half a
// sheet and a failed write leaves the old file in place.
func WriteFile(path string, data []byte) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		done = true
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		done = true
		return fmt.Errorf("writing %s: %w", path, err)
	}
	done = true
	return nil
}
