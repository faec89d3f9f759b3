package pricing

import "testing"

// BenchmarkLoad: what a command that prices one region pays for the
// sheets: finding them and parsing that region's.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		s, err := Load(Embedded())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Region("us-east-1"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadAll: every embedded sheet (pricing list, --region all).
func BenchmarkLoadAll(b *testing.B) {
	for b.Loop() {
		if _, err := LoadAll(Embedded()); err != nil {
			b.Fatal(err)
		}
	}
}
