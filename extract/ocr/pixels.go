package ocr

import (
	"image"
	"image/color"
	"image/draw"
	"math"
)

// readPixels is the most pixels a picture is read at: a larger one (a
// 600 dpi A4 scan has 35 million) is shrunk by a whole factor first
// (readScale), so that reading it holds a quarter or less of the memory
// and the engine gets the resolution it reads best at (300–400 dpi); a
// 400 dpi A4 scan (15.5 million) is read as it is.
const readPixels = 16 << 20

// readScale is the whole factor a w×h picture is shrunk by before it is
// read: 1, or the least that brings it to readPixels.
func readScale(w, h int) int {
	k := 1
	for int64(w/k)*int64(h/k) > readPixels {
		k++
	}
	return k
}

// toGray converts a picture to 8-bit grey (white 255) with its origin at
// 0,0, shrunk k times (each pixel the mean of a k×k square; the last
// partial row and column of squares dropped). Colour JPEGs give their luma
// plane directly.
func toGray(img image.Image, k int) *image.Gray {
	if k > 1 {
		return shrinkGray(img, k)
	}
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	switch src := img.(type) {
	case *image.Gray:
		for y := 0; y < b.Dy(); y++ {
			copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], src.Pix[(y+b.Min.Y-src.Rect.Min.Y)*src.Stride+b.Min.X-src.Rect.Min.X:])
		}
		return out
	case *image.YCbCr:
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				out.Pix[y*out.Stride+x] = src.Y[src.YOffset(x+b.Min.X, y+b.Min.Y)]
			}
		}
		return out
	}
	// transparent pixels are paper: draw over white
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Over)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			i := y*rgba.Stride + 4*x
			r, g, bl := int(rgba.Pix[i]), int(rgba.Pix[i+1]), int(rgba.Pix[i+2])
			out.Pix[y*out.Stride+x] = uint8((299*r + 587*g + 114*bl) / 1000)
		}
	}
	return out
}

// shrinkGray is toGray for k > 1: the mean of each k×k square, read from
// the picture's own pixels without a full-size copy (the common decoded
// types directly, others through their colour model). Transparent pixels
// are paper, as in toGray.
func shrinkGray(img image.Image, k int) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx()/k, b.Dy()/k
	out := image.NewGray(image.Rect(0, 0, w, h))
	lum := greyAt(img)
	sums := make([]int, w)
	for y := range h {
		clear(sums)
		for dy := range k {
			sy := b.Min.Y + y*k + dy
			for x := range w {
				sx := b.Min.X + x*k
				for dx := range k {
					sums[x] += int(lum(sx+dx, sy))
				}
			}
		}
		row := out.Pix[y*out.Stride : y*out.Stride+w]
		for x := range row {
			row[x] = uint8(sums[x] / (k * k))
		}
	}
	return out
}

// greyAt returns a function giving the grey level (white 255, over white
// paper) of the picture's pixel at x, y.
func greyAt(img image.Image) func(x, y int) uint8 {
	switch src := img.(type) {
	case *image.Gray:
		return func(x, y int) uint8 { return src.Pix[src.PixOffset(x, y)] }
	case *image.YCbCr:
		return func(x, y int) uint8 { return src.Y[src.YOffset(x, y)] }
	case *image.NRGBA:
		return func(x, y int) uint8 {
			p := src.Pix[src.PixOffset(x, y):]
			l, a := (299*int(p[0])+587*int(p[1])+114*int(p[2]))/1000, int(p[3])
			return uint8((l*a + 255*(255-a)) / 255)
		}
	case *image.RGBA: // premultiplied: over white adds the paper left uncovered
		return func(x, y int) uint8 {
			p := src.Pix[src.PixOffset(x, y):]
			return uint8((299*int(p[0])+587*int(p[1])+114*int(p[2]))/1000 + 255 - int(p[3]))
		}
	}
	return func(x, y int) uint8 {
		r, g, bl, a := img.At(x, y).RGBA() // premultiplied, 16 bits
		l := (299*int(r) + 587*int(g) + 114*int(bl)) / 1000
		return uint8((l + 0xffff - int(a)) >> 8)
	}
}

// otsu returns the threshold that best separates ink from paper: a pixel
// is ink when its value is below it.
func otsu(g *image.Gray, r image.Rectangle) uint8 {
	var hist [256]int
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := g.Pix[(y-g.Rect.Min.Y)*g.Stride:]
		for x := r.Min.X; x < r.Max.X; x++ {
			hist[row[x-g.Rect.Min.X]]++
			n++
		}
	}
	if n == 0 {
		return 128
	}
	var sum float64
	for i, h := range hist {
		sum += float64(i * h)
	}
	var sumB, wB float64
	best, bestT := -1.0, 128
	for t := 0; t < 256; t++ {
		wB += float64(hist[t])
		if wB == 0 {
			continue
		}
		wF := float64(n) - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * hist[t])
		mB, mF := sumB/wB, (sum-sumB)/wF
		v := wB * wF * (mB - mF) * (mB - mF)
		if v > best {
			best, bestT = v, t
		}
	}
	// pixels at the threshold value belong to the dark class
	return uint8(min(bestT+1, 255))
}

// bitmap is a binarised picture: true is ink.
type bitmap struct {
	w, h int
	ink  []bool
}

func binarise(g *image.Gray, t uint8) *bitmap {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	b := &bitmap{w: w, h: h, ink: make([]bool, w*h)}
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x, v := range row {
			b.ink[y*w+x] = v < t
		}
	}
	return b
}

func (b *bitmap) at(x, y int) bool {
	return x >= 0 && y >= 0 && x < b.w && y < b.h && b.ink[y*b.w+x]
}

// skewAngle estimates the rotation of a page in degrees (within ±3°)
// from its projection profile: ruling lines and text rows make the
// profile peak when rows are sheared by the right angle. A positive angle
// means the content is rotated clockwise on the page.
func skewAngle(b *bitmap) float64 {
	// sample ink on a coarse grid to keep the search cheap
	step := max(1, b.w/700)
	type pt struct{ x, y int }
	var pts []pt
	for y := 0; y < b.h; y += step {
		for x := 0; x < b.w; x += step {
			if b.ink[y*b.w+x] {
				pts = append(pts, pt{x, y})
			}
		}
	}
	if len(pts) < 100 {
		return 0
	}
	fs := float64(step)
	off := int(float64(b.w)*0.06/fs) + 2
	nb := b.h/step + 2*off + 2
	bins := make([]float64, nb)
	score := func(deg float64) float64 {
		clear(bins)
		t := math.Tan(deg * math.Pi / 180)
		for _, p := range pts {
			i := int(math.Floor((float64(p.y)-float64(p.x)*t)/fs)) + off
			if i >= 0 && i < nb {
				bins[i]++
			}
		}
		s := 0.0
		for _, v := range bins {
			s += v * v
		}
		return s
	}
	best, bestS := 0.0, score(0)
	for d := -3.0; d <= 3.0001; d += 0.2 {
		if s := score(d); s > bestS {
			best, bestS = d, s
		}
	}
	c := best
	for d := c - 0.2; d <= c+0.2001; d += 0.02 {
		if s := score(d); s > bestS {
			best, bestS = d, s
		}
	}
	if math.Abs(best) < 0.05 {
		return 0
	}
	return best
}

// rotate turns g by deg degrees about its centre (the opposite of
// skewAngle's rotation when called with -angle), with bilinear sampling and
// white where nothing maps.
func rotate(g *image.Gray, deg float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	a := deg * math.Pi / 180
	sin, cos := math.Sin(a), math.Cos(a)
	cx, cy := float64(w)/2, float64(h)/2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx := cos*dx + sin*dy + cx
			sy := -sin*dx + cos*dy + cy
			out.Pix[y*out.Stride+x] = sample(g, sx, sy)
		}
	}
	return out
}

func sample(g *image.Gray, x, y float64) uint8 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	if x0 < 0 || y0 < 0 || x0+1 >= w || y0+1 >= h {
		return 255
	}
	fx, fy := x-float64(x0), y-float64(y0)
	p := func(x, y int) float64 { return float64(g.Pix[y*g.Stride+x]) }
	v := p(x0, y0)*(1-fx)*(1-fy) + p(x0+1, y0)*fx*(1-fy) + p(x0, y0+1)*(1-fx)*fy + p(x0+1, y0+1)*fx*fy
	return uint8(v + 0.5)
}

// scale resizes a crop of g by factor f with bilinear sampling and adds a
// white margin (the engine reads text touching the edge badly).
func scale(g *image.Gray, r image.Rectangle, f float64, margin int) *image.Gray {
	w, h := int(float64(r.Dx())*f), int(float64(r.Dy())*f)
	out := image.NewGray(image.Rect(0, 0, w+2*margin, h+2*margin))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sx := float64(r.Min.X) + (float64(x)+0.5)/f - 0.5
			sy := float64(r.Min.Y) + (float64(y)+0.5)/f - 0.5
			out.Pix[(y+margin)*out.Stride+x+margin] = sample(g, sx, sy)
		}
	}
	return out
}

// threshold returns a black-and-white copy of g (ink below t).
func threshold(g *image.Gray, t uint8) *image.Gray {
	out := image.NewGray(g.Rect)
	for i, v := range g.Pix {
		if v < t {
			out.Pix[i] = 0
		} else {
			out.Pix[i] = 255
		}
	}
	return out
}
