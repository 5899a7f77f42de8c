// Package image reads a standalone picture (a scanned page or a photographed
// table saved as .png or .jpg) as a one-page document whose only content is
// that picture; the OCR stage (extract/ocr, run by extract/load) reads it.
package image

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	stdimage "image"
	_ "image/jpeg" // decoders for DecodeConfig
	_ "image/png"

	"github.com/nianbao/nianbao/extract"
)

// Backend registers pictures with extract/load.
var Backend = extract.Backend{
	Format:     extract.FormatImage,
	Name:       "图片（PNG/JPEG）",
	Extensions: []string{".png", ".jpg", ".jpeg"},
	Sniff: func(ext string, head []byte) extract.Verdict {
		if bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")) || bytes.HasPrefix(head, []byte("\xff\xd8\xff")) {
			return extract.ByMagic
		}
		return extract.No
	},
	Extract: Extract,
}

// Extract checks that data is a picture it can decode and returns a
// document holding it as its one page.
func Extract(ctx context.Context, path string, data []byte) (*extract.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cfg, kind, err := stdimage.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("图片无法解码：%w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("图片尺寸无效（%d×%d）", cfg.Width, cfg.Height)
	}
	if err := extract.CheckJPEG(data); err != nil {
		return nil, fmt.Errorf("图片无法解码：%w", err)
	}
	sum := sha256.Sum256(data)
	return &extract.Document{
		Path:   path,
		Format: extract.FormatImage,
		SHA256: hex.EncodeToString(sum[:]),
		Pages:  1,
		Images: []extract.Image{{Page: 1, At: 0, Data: data, Name: kind, WholePage: true}},
	}, nil
}
