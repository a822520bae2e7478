package anon

// bloom is a Bloom filter with one hash: a set that may say yes to a
// word not in it, but never no to one that is.
type bloom []uint64

// newBloom sizes a filter for n words at 64 bits a word or more, which
// keeps false hits under 1 in 64, in a power of two of uint64s so that a
// mask picks the bit.
func newBloom(n int) bloom {
	size := 16
	for size < n {
		size *= 2
	}
	return make(bloom, size)
}

func (f bloom) add(h uint32) {
	b := h & uint32(len(f)*64-1)
	f[b/64] |= 1 << (b % 64)
}

func (f bloom) has(h uint32) bool {
	b := h & uint32(len(f)*64-1)
	return f[b/64]&(1<<(b%64)) != 0
}

// FNV-1a, 32-bit: quick over a short word, and spreads well enough for a
// filter and a map key.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func fnv(h uint32, b byte) uint32 { return (h ^ uint32(b)) * fnvPrime }

func hashString(s string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = fnv(h, s[i])
	}
	return h
}
