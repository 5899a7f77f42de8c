package crawl

import (
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
)

// The connection failures a visitor of a portal meets are said in Chinese;
// others keep Go's text.
func TestNetProblem(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	for _, c := range []struct {
		err  error
		want string
	}{
		{&net.DNSError{Name: "www.example.gov.cn", Err: "no such host", IsNotFound: true}, "找不到主机 www.example.gov.cn，域名不存在"},
		{&net.DNSError{Name: "www.example.gov.cn", Err: "server misbehaving"}, "无法解析主机 www.example.gov.cn，域名解析失败"},
		{refused, "连接被拒绝，服务器没有在该端口提供服务"},
		{&net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, "连接被服务器重置"},
		{&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.EHOSTUNREACH)}, "网络不可达"},
		{x509.UnknownAuthorityError{}, "网站证书不是受信任的机构签发的"},
		{x509.HostnameError{Certificate: &x509.Certificate{}, Host: "a.gov.cn"}, "网站证书与域名不符"},
		{x509.CertificateInvalidError{Reason: x509.Expired}, "网站证书无效或已过期"},
		{io.ErrUnexpectedEOF, "服务器提前关闭了连接"},
		{errors.New("something new"), "something new"},
	} {
		if got := netProblem(c.err); got != c.want {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
	}
}
