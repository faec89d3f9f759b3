package priceimport

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/s3cost/s3cost/internal/exit"
)

// stream reads JSON tokens for the importer with the methods of
// encoding/json's Decoder that it uses (Token, More, Decode, InputOffset),
// and skips a value without holding it.
//
// Why not json.Decoder: it reads every token, and every value it skips
// token by token, whole into its buffer first, so a 500 MB string under a
// key the importer does not know took 1.5 GB (issue 15, item 4: skip
// unknown values in constant memory). Here a skipped value is read past a
// buffer at a time; what the importer keeps is bounded too: a key or a
// token at most maxTokenBytes, a decoded value (a product, one SKU's
// terms, a get-products item, a feed item) at most maxValueBytes, and both
// far above what AWS writes (a product or an item is a few KB).
type stream struct {
	r     *bufio.Reader
	off   int64 // bytes consumed
	state tokState
	stack []tokState

	// What is read is appended to buf while capture is on (the bytes of
	// strings, numbers and literals), and the punctuation too while raw is
	// on (Decode collects a whole value); at most limit bytes.
	capture, raw bool
	buf          []byte
	limit        int
	what         string // names the limit in its error
}

const (
	maxTokenBytes = 64 << 10
	maxValueBytes = 4 << 20
)

// tokState is where the reader is in the JSON grammar, as in
// encoding/json's Decoder.
type tokState int

const (
	tokTopValue tokState = iota
	tokArrayStart
	tokArrayValue
	tokArrayComma
	tokObjectStart
	tokObjectKey
	tokObjectColon
	tokObjectValue
	tokObjectComma
)

func newStream(r io.Reader) *stream {
	return &stream{r: bufio.NewReaderSize(r, 64<<10)}
}

// InputOffset is the number of bytes read so far.
func (s *stream) InputOffset() int64 { return s.off }

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func (s *stream) syntax(c byte, context string) error {
	return fmt.Errorf("invalid character %s %s", quoteChar(c), context)
}

// quoteChar formats c as encoding/json does in its syntax errors.
func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := fmt.Sprintf("%q", rune(c))
	return "'" + s[1:len(s)-1] + "'"
}

func (s *stream) tooLong() error {
	return exit.Inputf("%s longer than %d bytes: not AWS's price data", s.what, s.limit)
}

// keep appends b to buf while capturing, within the limit.
func (s *stream) keep(b ...byte) error {
	if !s.capture {
		return nil
	}
	if len(s.buf)+len(b) > s.limit {
		return s.tooLong()
	}
	s.buf = append(s.buf, b...)
	return nil
}

// readByte consumes one byte of a string, number or literal.
func (s *stream) readByte() (byte, error) {
	c, err := s.r.ReadByte()
	if err != nil {
		return 0, err
	}
	s.off++
	return c, s.keep(c)
}

// punct consumes one byte of punctuation, kept only for Decode.
func (s *stream) punct() error {
	c, err := s.r.ReadByte()
	if err != nil {
		return err
	}
	s.off++
	if s.raw {
		return s.keep(c)
	}
	return nil
}

// peekRaw returns the next byte, white space or not, without consuming it.
func (s *stream) peekRaw() (byte, error) {
	b, err := s.r.Peek(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

// peek consumes white space and returns the byte after it, not consuming it.
func (s *stream) peek() (byte, error) {
	for {
		c, err := s.peekRaw()
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			s.r.Discard(1)
			s.off++
			continue
		}
		return c, nil
	}
}

func (s *stream) valueAllowed() bool {
	switch s.state {
	case tokTopValue, tokArrayStart, tokArrayValue, tokObjectValue:
		return true
	}
	return false
}

func (s *stream) valueEnd() {
	switch s.state {
	case tokArrayStart, tokArrayValue:
		s.state = tokArrayComma
	case tokObjectValue:
		s.state = tokObjectComma
	}
}

// prepare consumes the comma or colon before a value, as json.Decoder
// does before Decode and More.
func (s *stream) prepare() error {
	switch s.state {
	case tokArrayComma:
		c, err := s.peek()
		if err != nil {
			return unexpectedEOF(err)
		}
		if c != ',' {
			return s.syntax(c, "after array element")
		}
		s.r.Discard(1) // not part of the value Decode collects
		s.off++
		s.state = tokArrayValue
	case tokObjectColon:
		c, err := s.peek()
		if err != nil {
			return unexpectedEOF(err)
		}
		if c != ':' {
			return s.syntax(c, "after object key")
		}
		s.r.Discard(1) // not part of the value Decode collects
		s.off++
		s.state = tokObjectValue
	}
	return nil
}

// next reads one token and returns its first byte: a delimiter, '"' (a
// key or a string), or the first byte of a number or literal. Commas and
// colons are checked and read past.
func (s *stream) next() (byte, error) {
	for {
		c, err := s.peek()
		if err != nil {
			return 0, err
		}
		switch c {
		case '[', '{':
			if !s.valueAllowed() {
				return 0, s.syntax(c, "looking for beginning of object key string")
			}
			if err := s.punct(); err != nil {
				return 0, err
			}
			s.stack = append(s.stack, s.state)
			s.state = tokArrayStart
			if c == '{' {
				s.state = tokObjectStart
			}
			return c, nil
		case ']', '}':
			if c == ']' && s.state != tokArrayStart && s.state != tokArrayComma ||
				c == '}' && s.state != tokObjectStart && s.state != tokObjectComma {
				return 0, s.syntax(c, "looking for beginning of value")
			}
			if err := s.punct(); err != nil {
				return 0, err
			}
			s.state = s.stack[len(s.stack)-1]
			s.stack = s.stack[:len(s.stack)-1]
			s.valueEnd()
			return c, nil
		case ':':
			if s.state != tokObjectColon {
				return 0, s.syntax(c, "looking for beginning of value")
			}
			if err := s.punct(); err != nil {
				return 0, err
			}
			s.state = tokObjectValue
			continue
		case ',':
			switch s.state {
			case tokArrayComma:
				s.state = tokArrayValue
			case tokObjectComma:
				s.state = tokObjectKey
			default:
				return 0, s.syntax(c, "looking for beginning of value")
			}
			if err := s.punct(); err != nil {
				return 0, err
			}
			continue
		}
		if s.state == tokObjectStart || s.state == tokObjectKey {
			if c != '"' {
				return 0, s.syntax(c, "looking for beginning of object key string")
			}
			if err := s.scanString(); err != nil {
				return 0, err
			}
			s.state = tokObjectColon
			return c, nil
		}
		if !s.valueAllowed() {
			return 0, s.syntax(c, "after value")
		}
		switch {
		case c == '"':
			err = s.scanString()
		case c == '-' || '0' <= c && c <= '9':
			err = s.scanNumber()
		case c == 't':
			err = s.scanLiteral("true")
		case c == 'f':
			err = s.scanLiteral("false")
		case c == 'n':
			err = s.scanLiteral("null")
		default:
			return 0, s.syntax(c, "looking for beginning of value")
		}
		if err != nil {
			return 0, unexpectedEOF(err)
		}
		s.valueEnd()
		return c, nil
	}
}

// scanString reads a string, its opening quote next, a buffer at a time.
func (s *stream) scanString() error {
	if _, err := s.readByte(); err != nil {
		return err
	}
	for {
		if s.r.Buffered() == 0 {
			if _, err := s.r.Peek(1); err != nil {
				return unexpectedEOF(err)
			}
		}
		chunk, _ := s.r.Peek(s.r.Buffered())
		i := 0
		for i < len(chunk) && chunk[i] != '"' && chunk[i] != '\\' && chunk[i] >= 0x20 {
			i++
		}
		if err := s.keep(chunk[:i]...); err != nil {
			return err
		}
		s.r.Discard(i)
		s.off += int64(i)
		if i == len(chunk) {
			continue
		}
		c, err := s.readByte()
		if err != nil {
			return err
		}
		switch {
		case c == '"':
			return nil
		case c < 0x20:
			return s.syntax(c, "in string literal")
		}
		// A backslash: one escape.
		c, err = s.readByte()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch c {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		case 'u':
			for range 4 {
				h, err := s.readByte()
				if err != nil {
					return unexpectedEOF(err)
				}
				if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
					return s.syntax(h, "in \\u hexadecimal character escape")
				}
			}
		default:
			return s.syntax(c, "in string escape code")
		}
	}
}

// digits reads a run of decimal digits, at least one if required.
func (s *stream) digits(required bool) error {
	n := 0
	for {
		c, err := s.peekRaw()
		if err == io.EOF {
			if required && n == 0 {
				return io.ErrUnexpectedEOF
			}
			return nil
		}
		if err != nil {
			return err
		}
		if c < '0' || c > '9' {
			if required && n == 0 {
				return s.syntax(c, "in numeric literal")
			}
			return nil
		}
		if _, err := s.readByte(); err != nil {
			return err
		}
		n++
	}
}

// scanNumber reads a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *stream) scanNumber() error {
	c, err := s.readByte()
	if err != nil {
		return err
	}
	if c == '-' {
		if c, err = s.readByte(); err != nil {
			return unexpectedEOF(err)
		}
	}
	switch {
	case c == '0':
	case '1' <= c && c <= '9':
		if err := s.digits(false); err != nil {
			return err
		}
	default:
		return s.syntax(c, "in numeric literal")
	}
	c, err = s.peekRaw()
	if err == io.EOF {
		return nil
	} else if err != nil {
		return err
	}
	if c == '.' {
		if _, err := s.readByte(); err != nil {
			return err
		}
		if err := s.digits(true); err != nil {
			return err
		}
		if c, err = s.peekRaw(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
	if c == 'e' || c == 'E' {
		if _, err := s.readByte(); err != nil {
			return err
		}
		c, err = s.peekRaw()
		if err != nil {
			return unexpectedEOF(err)
		}
		if c == '+' || c == '-' {
			if _, err := s.readByte(); err != nil {
				return err
			}
		}
		return s.digits(true)
	}
	return nil
}

func (s *stream) scanLiteral(lit string) error {
	for i := range len(lit) {
		c, err := s.readByte()
		if err != nil {
			return unexpectedEOF(err)
		}
		if c != lit[i] {
			return s.syntax(c, fmt.Sprintf("in literal %s (expecting %s)", lit, quoteChar(lit[i])))
		}
	}
	return nil
}

// Token returns the next token as json.Decoder's Token does: a json.Delim,
// a string (a key or a value), a float64, a bool or nil.
func (s *stream) Token() (json.Token, error) {
	s.capture, s.buf, s.limit, s.what = true, s.buf[:0], maxTokenBytes, "a key or a single value"
	c, err := s.next()
	s.capture = false
	if err != nil {
		return nil, err
	}
	switch c {
	case '[', ']', '{', '}':
		return json.Delim(c), nil
	case '"':
		if body := s.buf[1 : len(s.buf)-1]; bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
			return string(body), nil
		}
	}
	var v any
	if err := json.Unmarshal(s.buf, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// More reports whether the array or object being read has another element.
func (s *stream) More() bool {
	s.prepare() // an error is Token's or Decode's to report
	c, err := s.peek()
	return err == nil && c != ']' && c != '}'
}

// Decode reads the next value, at most maxValueBytes, into v.
func (s *stream) Decode(v any) error {
	s.capture, s.raw, s.buf, s.limit, s.what = true, true, s.buf[:0], maxValueBytes, "a value"
	err := s.walkValue()
	s.capture, s.raw = false, false
	if err != nil {
		return err
	}
	err = json.Unmarshal(s.buf, v)
	if cap(s.buf) > maxTokenBytes {
		s.buf = nil // keep no large buffer between values
	}
	return err
}

// skipValue reads past one value, holding none of it.
func (s *stream) skipValue() error {
	return s.walkValue()
}

// walkValue reads one whole value; a value nested more than maxSkipDepth
// levels is refused (the reader keeps a state per level).
func (s *stream) walkValue() error {
	if err := s.prepare(); err != nil {
		return err
	}
	if !s.valueAllowed() {
		return errors.New("not at the beginning of a value")
	}
	depth := 0
	for {
		c, err := s.next()
		if err != nil {
			if depth > 0 {
				err = unexpectedEOF(err)
			}
			return err
		}
		switch c {
		case '[', '{':
			depth++
			if depth > maxSkipDepth {
				return exit.Inputf("a value nested more than %d levels deep: not AWS's price data", maxSkipDepth)
			}
		case ']', '}':
			depth--
			if depth < 0 { // an empty array's or object's end
				return s.syntax(c, "looking for beginning of value")
			}
		}
		if depth == 0 {
			return nil
		}
	}
}
