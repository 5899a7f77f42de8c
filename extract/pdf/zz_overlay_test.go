package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"strconv"
	"testing"
)

func TestZZOverlay(t *testing.T) {
	p := os.Getenv("OVERLAY")
	if p == "" {
		t.Skip()
	}
	pg, _ := strconv.Atoi(os.Getenv("PAGE"))
	data, _ := os.ReadFile(p)
	pages, _, _, _ := Pages(bytes.NewReader(data), int64(len(data)), Options{})
	g := pages[pg-1]
	exec.Command("pdftoppm", "-r", "72", "-f", strconv.Itoa(pg), "-l", strconv.Itoa(pg), "-png", "-singlefile", p, "/tmp/ov").Run()
	f, _ := os.Open("/tmp/ov.png")
	src, _ := png.Decode(f)
	img := image.NewRGBA(src.Bounds())
	draw.Draw(img, img.Bounds(), src, image.Point{}, draw.Src)
	red := color.RGBA{255, 0, 0, 255}
	blue := color.RGBA{0, 0, 255, 255}
	line := func(x0, y0, x1, y1 float64, c color.RGBA) {
		n := int(max(abs(x1-x0), abs(y1-y0))) + 1
		for i := 0; i <= n; i++ {
			x := x0 + (x1-x0)*float64(i)/float64(n)
			y := y0 + (y1-y0)*float64(i)/float64(n)
			img.Set(int(x), int(y), c)
		}
	}
	for _, s := range g.Segments {
		line(s.X0, s.Y0, s.X1, s.Y1, red)
	}
	for _, gl := range g.Glyphs {
		line(gl.X0, gl.Y0, gl.X1, gl.Y0, blue)
		line(gl.X0, gl.Y1, gl.X1, gl.Y1, blue)
	}
	o, _ := os.Create("/tmp/overlay.png")
	png.Encode(o, img)
	o.Close()
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
