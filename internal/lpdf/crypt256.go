// nianbao: AES-256 encryption (V 5, R 5 and R 6), PDF 32000-2:2020 §7.6.4.3
// (Algorithm 2.A) and §7.6.4.3.4 (Algorithm 2.B), with the user password.

package pdf

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
)

func (r *Reader) initEncryptV5(encrypt dict, password string) error {
	R, _ := encrypt["R"].(int64)
	if R != 5 && R != 6 {
		return fmt.Errorf("unsupported PDF: AES-256 encryption revision R=%d", R)
	}
	if cf, ok := encrypt["CF"].(dict); ok {
		if stmf, _ := encrypt["StmF"].(name); stmf != "" && stmf != "Identity" {
			if p, ok := cf[stmf].(dict); ok && p["CFM"] != nil && p["CFM"] != name("AESV3") {
				return fmt.Errorf("unsupported PDF: crypt filter %v", objfmt(p["CFM"]))
			}
		}
	}
	U, _ := encrypt["U"].(string)
	UE, _ := encrypt["UE"].(string)
	if len(U) < 48 || len(UE) < 32 {
		return fmt.Errorf("malformed PDF: missing U= or UE= encryption parameters")
	}
	pw := []byte(password)
	if len(pw) > 127 {
		pw = pw[:127]
	}
	if !bytes.Equal(hash2B(R, pw, []byte(U[32:40]), nil), []byte(U[:32])) {
		return &PasswordError{Algorithm: "AES-256"}
	}
	ik := hash2B(R, pw, []byte(U[40:48]), nil)
	block, err := aes.NewCipher(ik)
	if err != nil {
		return fmt.Errorf("malformed PDF: %v", err)
	}
	key := []byte(UE[:32])
	cipher.NewCBCDecrypter(block, make([]byte, aes.BlockSize)).CryptBlocks(key, key)
	r.key = key
	r.useAES = true
	r.aes256 = true
	r.keyLen = len(key)
	return nil
}

// hash2B is the password hash of revision 6 (Algorithm 2.B); revision 5
// uses plain SHA-256.
func hash2B(R int64, pw, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	if R == 5 {
		return k
	}
	var e []byte
	for i := 0; ; {
		seq := make([]byte, 0, len(pw)+len(k)+len(udata))
		seq = append(append(append(seq, pw...), k...), udata...)
		k1 := bytes.Repeat(seq, 64)
		block, _ := aes.NewCipher(k[:16])
		e = make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		var hh hash.Hash
		switch sum % 3 {
		case 0:
			hh = sha256.New()
		case 1:
			hh = sha512.New384()
		default:
			hh = sha512.New()
		}
		hh.Write(e)
		k = hh.Sum(nil)
		i++
		if i >= 64 && int(e[len(e)-1]) <= i-32 {
			break
		}
	}
	return k[:32]
}
