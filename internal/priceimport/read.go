package priceimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// maxPendingDims bounds what is held when an offer file lists its terms
// before its products (AWS writes products first; this keeps memory bounded
// for a file that does not).
const maxPendingDims = 200_000

// fileState joins one offer file's products and terms by SKU.
type fileState struct {
	offerCode    string
	products     map[string]product // only the products of interest
	productsSeen bool
	pending      map[string][]dim // terms read before the products
	pendingDims  int
}

// readFile reads one input: one or more JSON values, each an offer file,
// get-products output, an array of items, or the S3 pricing-page feed.
func (im *importer) readFile(r io.Reader) error {
	dec := newStream(r)
	values := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if values == 0 {
				return errors.New("empty input: expected a Price List offer file, get-products output or the S3 pricing-page feed")
			}
			return nil
		}
		if err != nil {
			return atOffset(dec, err)
		}
		switch tok {
		case json.Delim('{'):
			err = im.readObject(dec)
		case json.Delim('['):
			err = im.readItems(dec)
		default:
			err = fmt.Errorf("expected a JSON object or array, found %v", tok)
		}
		if err != nil {
			return atOffset(dec, err)
		}
		values++
	}
}

func atOffset(dec *stream, err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("at byte %d: %w", dec.InputOffset(), err)
}

// token reads the next token; end of input inside a value is an error.
func token(dec *stream) (json.Token, error) {
	tok, err := dec.Token()
	if err == io.EOF {
		return nil, io.ErrUnexpectedEOF
	}
	return tok, err
}

func expectDelim(dec *stream, want json.Delim, what string) error {
	tok, err := token(dec)
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("%s: expected %v, found %v", what, want, tok)
	}
	return nil
}

func readKey(dec *stream) (string, error) {
	tok, err := token(dec)
	if err != nil {
		return "", err
	}
	key, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("expected an object key, found %v", tok)
	}
	return key, nil
}

// maxSkipDepth bounds the nesting of a value skipped or decoded: AWS's
// price data nests a few levels; a reader keeps a state per level, so 200
// million nested arrays under an unknown key took 5 GB (issue 15).
const maxSkipDepth = 1000

// skipValue reads past one value, holding none of it (stream.skipValue).
func skipValue(dec *stream) error { return dec.skipValue() }

// readObject reads a top-level object (its '{' already read): an offer
// file {"offerCode", "publicationDate", "products": {sku: ...}, "terms": ...},
// get-products output {"PriceList": [...]} ("products" may also hold an
// array of items), or the S3 pricing-page feed {"manifest", "regions"}.
func (im *importer) readObject(dec *stream) error {
	f := &fileState{products: map[string]product{}, pending: map[string][]dim{}}
	shaped := false
	for dec.More() {
		key, err := readKey(dec)
		if err != nil {
			return err
		}
		switch key {
		case "offerCode":
			if err := dec.Decode(&f.offerCode); err != nil {
				return fmt.Errorf("offerCode: %w", err)
			}
		case "publicationDate":
			var s string
			if err := dec.Decode(&s); err != nil {
				return fmt.Errorf("publicationDate: %w", err)
			}
			im.notePublication(s)
		case "products":
			shaped = true
			tok, err := token(dec)
			if err != nil {
				return err
			}
			switch tok {
			case json.Delim('{'):
				err = im.readProducts(dec, f)
			case json.Delim('['):
				err = im.readItems(dec)
			default:
				err = fmt.Errorf("products: expected an object or array, found %v", tok)
			}
			if err != nil {
				return err
			}
		case "terms":
			shaped = true
			if err := im.readTerms(dec, f); err != nil {
				return err
			}
		case "manifest": // the S3 pricing-page feed
			if err := im.readFeedManifest(dec); err != nil {
				return err
			}
		case "regions":
			shaped = true
			if err := im.readFeedRegions(dec); err != nil {
				return err
			}
		case "PriceList", "priceList":
			shaped = true
			if err := expectDelim(dec, json.Delim('['), key); err != nil {
				return err
			}
			if err := im.readItems(dec); err != nil {
				return err
			}
		default:
			if err := skipValue(dec); err != nil {
				return err
			}
		}
	}
	if err := expectDelim(dec, json.Delim('}'), "object"); err != nil {
		return err
	}
	if !shaped {
		return errors.New("neither a Price List offer file (products, terms), get-products output (PriceList) nor the S3 pricing-page feed (regions)")
	}
	// Terms that came before their products.
	skus := make([]string, 0, len(f.pending))
	for sku := range f.pending {
		skus = append(skus, sku)
	}
	sort.Strings(skus)
	for _, sku := range skus {
		if p, ok := f.products[sku]; ok {
			im.apply(p, f.pending[sku])
		}
	}
	return nil
}

// rawProduct is a product of an offer file or a get-products item.
type rawProduct struct {
	Attributes attrs `json:"attributes"`
}

// readProducts reads an offer file's products map (its '{' already read),
// one product at a time, keeping only the products of interest.
func (im *importer) readProducts(dec *stream, f *fileState) error {
	f.productsSeen = true
	for dec.More() {
		sku, err := readKey(dec)
		if err != nil {
			return err
		}
		var p rawProduct
		if err := dec.Decode(&p); err != nil {
			return fmt.Errorf("product %q: %w", sku, err)
		}
		im.seen++
		prod, ok := im.productOf(f.offerCode, p.Attributes)
		if !ok {
			continue
		}
		f.products[sku] = prod
	}
	return expectDelim(dec, json.Delim('}'), "products")
}

// term is one offer term; only its price dimensions matter.
type term struct {
	PriceDimensions map[string]dim `json:"priceDimensions"`
}

// dimsOf flattens terms into their price dimensions, in a stable order.
func dimsOf(terms map[string]term) []dim {
	keys := make([]string, 0, len(terms))
	for k := range terms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []dim
	for _, k := range keys {
		rates := make([]string, 0, len(terms[k].PriceDimensions))
		for r := range terms[k].PriceDimensions {
			rates = append(rates, r)
		}
		sort.Strings(rates)
		for _, r := range rates {
			out = append(out, terms[k].PriceDimensions[r])
		}
	}
	return out
}

// readTerms reads an offer file's terms {"OnDemand": {sku: {termCode:
// term}}}, decoding only the terms of the products of interest.
func (im *importer) readTerms(dec *stream, f *fileState) error {
	if err := expectDelim(dec, json.Delim('{'), "terms"); err != nil {
		return err
	}
	for dec.More() {
		kind, err := readKey(dec)
		if err != nil {
			return err
		}
		if kind != "OnDemand" { // S3 has no reserved terms
			if err := skipValue(dec); err != nil {
				return err
			}
			continue
		}
		if err := expectDelim(dec, json.Delim('{'), "terms.OnDemand"); err != nil {
			return err
		}
		for dec.More() {
			sku, err := readKey(dec)
			if err != nil {
				return err
			}
			p, known := f.products[sku]
			if f.productsSeen && !known {
				if err := skipValue(dec); err != nil {
					return err
				}
				continue
			}
			var terms map[string]term
			if err := dec.Decode(&terms); err != nil {
				return fmt.Errorf("terms of %q: %w", sku, err)
			}
			dims := dimsOf(terms)
			if known {
				im.apply(p, dims)
				continue
			}
			f.pendingDims += len(dims)
			if f.pendingDims > maxPendingDims {
				return fmt.Errorf("the terms come before the products and there are more than %d price dimensions to hold; put products first", maxPendingDims)
			}
			f.pending[sku] = append(f.pending[sku], dims...)
		}
		if err := expectDelim(dec, json.Delim('}'), "terms.OnDemand"); err != nil {
			return err
		}
	}
	return expectDelim(dec, json.Delim('}'), "terms")
}

// item is one get-products PriceList entry.
type item struct {
	Product         rawProduct `json:"product"`
	ServiceCode     string     `json:"serviceCode"`
	PublicationDate string     `json:"publicationDate"`
	Terms           struct {
		OnDemand map[string]term `json:"OnDemand"`
	} `json:"terms"`
}

// readItems reads an array of get-products items (its '[' already read),
// each a JSON string (as the CLI prints them) or an already-parsed object.
func (im *importer) readItems(dec *stream) error {
	for n := 0; dec.More(); n++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("price list item %d: %w", n, err)
		}
		raw = bytes.TrimLeft(raw, " \t\r\n")
		if len(raw) > 0 && raw[0] == '"' {
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return fmt.Errorf("price list item %d: %w", n, err)
			}
			raw = []byte(s)
		}
		var it item
		if err := json.Unmarshal(raw, &it); err != nil {
			return fmt.Errorf("price list item %d: %w", n, err)
		}
		im.notePublication(it.PublicationDate)
		im.seen++
		p, ok := im.productOf(it.ServiceCode, it.Product.Attributes)
		if !ok {
			continue
		}
		im.apply(p, dimsOf(it.Terms.OnDemand))
	}
	return expectDelim(dec, json.Delim(']'), "array")
}
