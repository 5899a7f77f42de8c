package crawl

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"syscall"
)

// netProblem says in Chinese why a connection failed, for the errors a
// portal's visitor meets (refused, no such host, reset, unreachable, a
// certificate that does not verify, a connection closed mid-answer);
// others keep Go's text.
func netProblem(err error) string {
	var dns *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	switch {
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "找不到主机 " + dns.Name + "，域名不存在"
		}
		return "无法解析主机 " + dns.Name + "，域名解析失败"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "连接被拒绝，服务器没有在该端口提供服务"
	case errors.Is(err, syscall.ECONNRESET):
		return "连接被服务器重置"
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return "网络不可达"
	case errors.As(err, &unknownCA):
		return "网站证书不是受信任的机构签发的"
	case errors.As(err, &hostname):
		return "网站证书与域名不符"
	case errors.As(err, &invalid):
		return "网站证书无效或已过期"
	case errors.As(err, &verify):
		return "网站证书无法验证"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "服务器提前关闭了连接"
	}
	return err.Error()
}
