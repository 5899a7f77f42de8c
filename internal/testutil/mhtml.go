package testutil

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"time"
)

// ChromiumArgs are the flags of a headless chromium run in a test, with
// profile as its own user-data folder, then more.
func ChromiumArgs(profile string, more ...string) []string {
	return append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile}, more...)
}

// ChromiumMHTML saves the page at url as one file (MHTML), as a browser's
// "网页，单个文件" does, with chromium driven over its DevTools pipe
// (--remote-debugging-pipe: commands on fd 3, answers on fd 4, each a JSON
// message ended by a NUL byte). profile is a folder of its own for this run.
func ChromiumMHTML(chromium, profile, url, out string) (err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	toChrome, ours, err := os.Pipe()
	if err != nil {
		return err
	}
	fromChrome, theirs, err := os.Pipe()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, chromium, ChromiumArgs(profile, "--remote-debugging-pipe", "about:blank")...)
	cmd.ExtraFiles = []*os.File{toChrome, theirs} // fds 3 and 4 in the child
	if err := cmd.Start(); err != nil {
		return err
	}
	toChrome.Close()
	theirs.Close()
	defer func() {
		ours.Close()
		fromChrome.Close()
		if cmd.Process != nil {
			_ = cmd.Process.Kill()
		}
		_ = cmd.Wait()
	}()

	type message struct {
		ID        int             `json:"id,omitempty"`
		Method    string          `json:"method,omitempty"`
		Params    any             `json:"params,omitempty"`
		SessionID string          `json:"sessionId,omitempty"`
		Result    json.RawMessage `json:"result,omitempty"`
		Error     json.RawMessage `json:"error,omitempty"`
	}
	r := bufio.NewReader(fromChrome)
	id := 0
	send := func(session, method string, params any) (int, error) {
		id++
		b, err := json.Marshal(message{ID: id, Method: method, Params: params, SessionID: session})
		if err != nil {
			return 0, err
		}
		_, err = ours.Write(append(b, 0))
		return id, err
	}
	// until reads messages until one satisfies ok.
	until := func(ok func(message) bool) (message, error) {
		for {
			b, err := r.ReadBytes(0)
			if err != nil {
				return message{}, fmt.Errorf("chromium DevTools 管道：%w", err)
			}
			var m message
			if err := json.Unmarshal(b[:len(b)-1], &m); err != nil {
				return message{}, err
			}
			if len(m.Error) > 0 {
				return message{}, fmt.Errorf("chromium: %s", m.Error)
			}
			if ok(m) {
				return m, nil
			}
		}
	}
	call := func(session, method string, params any, result any) error {
		n, err := send(session, method, params)
		if err != nil {
			return err
		}
		m, err := until(func(m message) bool { return m.ID == n })
		if err != nil || result == nil {
			return err
		}
		return json.Unmarshal(m.Result, result)
	}

	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return err
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		return err
	}
	s := attached.SessionID
	if err := call(s, "Page.enable", nil, nil); err != nil {
		return err
	}
	if err := call(s, "Page.navigate", map[string]any{"url": url}, nil); err != nil {
		return err
	}
	if _, err := until(func(m message) bool { return m.Method == "Page.loadEventFired" }); err != nil {
		return err
	}
	var snap struct {
		Data string `json:"data"`
	}
	if err := call(s, "Page.captureSnapshot", map[string]any{"format": "mhtml"}, &snap); err != nil {
		return err
	}
	if snap.Data == "" {
		return fmt.Errorf("chromium 未返回 MHTML")
	}
	return os.WriteFile(out, []byte(snap.Data), 0o644)
}
