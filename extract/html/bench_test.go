package html

import (
	"context"
	"os"
	"testing"

	"github.com/nianbao/nianbao/internal/testutil"
)

func BenchmarkExtractPingtan2023(b *testing.B) {
	path := testutil.Corpus(b, "2023_fujian_pingtan_zone_page.html")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Extract(context.Background(), path, data, ""); err != nil {
			b.Fatal(err)
		}
	}
}
