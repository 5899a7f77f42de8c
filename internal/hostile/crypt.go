package hostile

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
)

// encrypter encrypts the streams of a document with the empty user
// password, written from the PDF specification independently of the
// reader in internal/lpdf (so that the two cannot agree by construction;
// poppler reads what this writes).
type encrypter struct {
	id      []byte
	key     []byte
	aes256  bool
	dict    string
	counter byte
}

var pad = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

// rc440 is RC4 with a 40-bit key, revision 2 (PDF 1.1), opened by the
// user password user ("" for the empty password).
func rc440(user string) *encrypter {
	id := []byte("nianbao-hostile!")
	const p = -44
	// O (Algorithm 3): owner password "owner"
	opw := append([]byte("owner"), pad[:32-5]...)
	ok := md5.Sum(opw)
	c, _ := rc4.NewCipher(ok[:5])
	O := make([]byte, 32)
	c.XORKeyStream(O, pad)
	// file key (Algorithm 2)
	h := md5.New()
	h.Write(append([]byte(user), pad...)[:32])
	h.Write(O)
	h.Write([]byte{byte(p & 0xff), byte(p >> 8 & 0xff), byte(p >> 16 & 0xff), byte(p >> 24 & 0xff)})
	h.Write(id)
	key := h.Sum(nil)[:5]
	// U (Algorithm 4)
	c, _ = rc4.NewCipher(key)
	U := make([]byte, 32)
	c.XORKeyStream(U, pad)
	return &encrypter{id: id, key: key,
		dict: fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /Length 40 /O <%x> /U <%x> /P %d >>", O, U, p)}
}

// aes256 is AES-256, revision 6 (PDF 2.0), with owner password "owner".
func aes256() *encrypter {
	id := []byte("nianbao-hostile!")
	key := sha256.Sum256([]byte("file key of the hostile corpus"))
	vs, ks := []byte("uvalsalt"), []byte("ukeysalt")
	U := append(append(hash6(nil, vs, nil), vs...), ks...)
	UE := aesNoPad(hash6(nil, ks, nil), key[:])
	ovs, oks := []byte("ovalsalt"), []byte("okeysalt")
	opw := []byte("owner")
	O := append(append(hash6(opw, ovs, U), ovs...), oks...)
	OE := aesNoPad(hash6(opw, oks, U), key[:])
	const p = -4
	perms := []byte{byte(p & 0xff), byte(p >> 8 & 0xff), byte(p >> 16 & 0xff), byte(p >> 24 & 0xff), 0xff, 0xff, 0xff, 0xff, 'T', 'a', 'd', 'b', 0, 0, 0, 0}
	b, _ := aes.NewCipher(key[:])
	b.Encrypt(perms, perms)
	return &encrypter{id: id, key: key[:], aes256: true,
		dict: fmt.Sprintf("<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O <%x> /U <%x> /OE <%x> /UE <%x> /P %d /Perms <%x> >>", O, U, OE, UE, p, perms)}
}

func aesNoPad(key, data []byte) []byte {
	b, _ := aes.NewCipher(key)
	out := make([]byte, len(data))
	cipher.NewCBCEncrypter(b, make([]byte, 16)).CryptBlocks(out, data)
	return out
}

// hash6 is the revision 6 password hash (ISO 32000-2 Algorithm 2.B).
func hash6(pw, salt, udata []byte) []byte {
	s := sha256.New()
	s.Write(pw)
	s.Write(salt)
	s.Write(udata)
	k := s.Sum(nil)
	for round := 0; ; round++ {
		k1 := bytes.Repeat(append(append(append([]byte{}, pw...), k...), udata...), 64)
		b, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(b, k[16:32]).CryptBlocks(e, k1)
		var m int
		for _, c := range e[:16] {
			m = (m*256 + int(c)) % 3
		}
		var h hash.Hash
		switch m {
		case 0:
			h = sha256.New()
		case 1:
			h = sha512.New384()
		default:
			h = sha512.New()
		}
		h.Write(e)
		k = h.Sum(nil)
		if round >= 63 && int(e[len(e)-1]) <= round+1-32 {
			break
		}
	}
	return k[:32]
}

func (e *encrypter) encrypt(obj int, data []byte) []byte {
	if e.aes256 {
		b, _ := aes.NewCipher(e.key)
		n := 16 - len(data)%16
		p := append(bytes.Clone(data), bytes.Repeat([]byte{byte(n)}, n)...)
		e.counter++
		iv := bytes.Repeat([]byte{e.counter}, 16)
		out := make([]byte, len(p))
		cipher.NewCBCEncrypter(b, iv).CryptBlocks(out, p)
		return append(iv, out...)
	}
	h := md5.New()
	h.Write(e.key)
	h.Write([]byte{byte(obj), byte(obj >> 8), byte(obj >> 16), 0, 0})
	k := h.Sum(nil)[:len(e.key)+5]
	c, _ := rc4.NewCipher(k)
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// PDFEncrypted is a two-page PDF encrypted with an empty user password:
// "rc4-40" (V 1 R 2) or "aes-256" (V 5 R 6); "rc4-40-password" needs the
// user password "secret".
func PDFEncrypted(kind string) []byte {
	d := newDoc()
	switch kind {
	case "rc4-40":
		d.enc = rc440("")
	case "rc4-40-password":
		d.enc = rc440("secret") // not opened by the empty password

	case "aes-256":
		d.enc = aes256()
	default:
		panic("hostile: unknown encryption " + kind)
	}
	d.page("/Filter /FlateDecode", Zlib(Content(PageText(1)...)))
	d.page("", Content(PageText(2)...))
	return d.bytes(0, false)
}
