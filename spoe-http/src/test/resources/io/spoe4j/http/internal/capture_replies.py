#!/usr/bin/env python3
"""Captures what HAProxy 2.6.12 writes for deny/return/redirect/tarpit/errorfile replies and prints
them as a Java class of constants (HaproxyCaptures) for RepliesTest. Run: python3 capture_replies.py > HaproxyCaptures.java"""
import os, socket, subprocess, sys, tempfile, time

def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p

HEAD = """defaults
  mode http
  timeout connect 1s
  timeout client 5s
  timeout server 5s
  timeout tarpit 100ms
frontend fe
  bind 127.0.0.1:%d
  http-request return status 200 if { path /ok }
"""

def run_haproxy(rules, fn):
    port = free_port()
    fd, path = tempfile.mkstemp(suffix='.cfg'); os.write(fd, ((HEAD % port) + ''.join('  %s\n' % r for r in rules)).encode()); os.close(fd)
    p = subprocess.Popen(['haproxy', '-db', '-f', path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                socket.create_connection(('127.0.0.1', port)).close(); break
            except OSError:
                if p.poll() is not None: raise SystemExit(p.stdout.read().decode())
                time.sleep(0.02)
        return fn(port)
    finally:
        p.terminate(); p.wait(); os.unlink(path)

def check_config(rules):
    fd, path = tempfile.mkstemp(suffix='.cfg'); os.write(fd, ((HEAD % 1) + ''.join('  %s\n' % r for r in rules)).encode()); os.close(fd)
    r = subprocess.run(['haproxy', '-c', '-f', path], capture_output=True, text=True); os.unlink(path)
    alerts = [l for l in (r.stdout + r.stderr).splitlines() if 'ALERT' in l]
    return r.returncode == 0, (alerts[0] if alerts else '')

def exchange(port, req, second=b'GET /ok HTTP/1.1\r\nHost: x\r\n\r\n'):
    """sends req, reads the answer; then sends a second request: returns (bytes, closed)"""
    s = socket.create_connection(('127.0.0.1', port)); s.sendall(req)
    data = b''; closed = False; s.settimeout(2)
    try:
        while True:
            d = s.recv(65536)
            if not d: closed = True; break
            data += d; s.settimeout(0.25)
    except socket.timeout: pass
    except ConnectionResetError: closed = True
    if not closed:
        try:
            s.sendall(second); s.settimeout(1); d = s.recv(65536)
            closed = not d.startswith(b'HTTP/1.1 200')
        except OSError: closed = True
    s.close()
    return data, closed

def jstr(b):
    """a Java string expression for bytes read as ISO-8859-1; runs of 64+ equal chars become .repeat()"""
    text = b.decode('latin1')
    parts, lit, i = [], '', 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]: j += 1
        if j - i >= 64:
            if lit: parts.append('"' + lit + '"'); lit = ''
            parts.append('"%s".repeat(%d)' % (esc(text[i]), j - i)); i = j; continue
        lit += esc(text[i]); i += 1
    if lit or not parts: parts.append('"' + lit + '"')
    return ' + '.join(parts)

def esc(ch):
    if ch == '\r': return '\\r'
    if ch == '\n': return '\\n'
    if ch == '\t': return '\\t'
    if ch == '"': return '\\"'
    if ch == '\\': return '\\\\'
    if ord(ch) < 32 or ord(ch) > 126: return '\\u%04x' % ord(ch)
    return ch

GET11 = b'GET /a HTTP/1.1\r\nHost: x\r\n\r\n'
REQS = {
    'GET11': GET11,
    'GET11_CLOSE': b'GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    'GET10': b'GET /a HTTP/1.0\r\nHost: x\r\n\r\n',
    'GET10_KA': b'GET /a HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n',
    'HEAD11': b'HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n',
    'POST11_BODY': b'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello',
    'POST11_NO_BODY_YET': b'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n',
    'POST11_CL0': b'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
    'POST11_CHUNKED': b'POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
}

# name -> (rule, request key)
CASES = [(f'PAGE_{s}', f'http-request deny deny_status {s}', 'GET11') for s in
         [200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 421, 422, 425, 429, 500, 501, 502, 503, 504]]
CASES += [
    ('DENY_GET11', 'http-request deny', 'GET11'),
    ('DENY_GET11_CLOSE', 'http-request deny', 'GET11_CLOSE'),
    ('DENY_GET10', 'http-request deny', 'GET10'),
    ('DENY_GET10_KA', 'http-request deny', 'GET10_KA'),
    ('DENY_HEAD11', 'http-request deny', 'HEAD11'),
    ('DENY_POST11_BODY', 'http-request deny', 'POST11_BODY'),
    ('DENY_POST11_NO_BODY_YET', 'http-request deny', 'POST11_NO_BODY_YET'),
    ('DENY_POST11_CHUNKED', 'http-request deny', 'POST11_CHUNKED'),
    ('PAGE_400_GET10_KA', 'http-request deny deny_status 400', 'GET10_KA'),
    ('RETURN_OK_HDRS', 'http-request return status 200 content-type text/plain string "ok" hdr x-a "1" hdr x-b "2"', 'GET11'),
    ('RETURN_OK_HDRS_GET10', 'http-request return status 200 content-type text/plain string "ok" hdr x-a "1" hdr x-b "2"', 'GET10'),
    ('RETURN_OK_HDRS_HEAD11', 'http-request return status 200 content-type text/plain string "ok" hdr x-a "1" hdr x-b "2"', 'HEAD11'),
    ('RETURN_204', 'http-request return status 204', 'GET11'),
    ('RETURN_204_HDR', 'http-request return status 204 hdr x-a 1', 'GET11'),
    ('RETURN_304', 'http-request return status 304', 'GET11'),
    ('RETURN_DEFAULT', 'http-request return', 'GET11'),
    ('RETURN_404', 'http-request return status 404', 'GET11'),
    ('RETURN_418', 'http-request return status 418', 'GET11'),
    ('RETURN_299_STRING', 'http-request return status 299 content-type text/plain string "x"', 'GET11'),
    ('RETURN_599', 'http-request return status 599', 'GET11'),
    ('RETURN_HDR_ONLY', 'http-request return status 200 hdr x-a "1"', 'GET11'),
    ('RETURN_CT_ONLY', 'http-request return status 200 content-type text/plain', 'GET11'),
    ('RETURN_CT_CHARSET', 'http-request return content-type "text/plain; charset=utf-8" string "abc"', 'GET11'),
    ('RETURN_IGNORED_HDRS', 'http-request return status 200 content-type text/plain string "ok" hdr content-length 5 hdr content-type x/y hdr transfer-encoding chunked', 'GET11'),
    ('RETURN_DUP_HDRS', 'http-request return status 200 content-type text/plain string "ok" hdr x-a 1 hdr X-A 2 hdr Set-Cookie a=b', 'GET11'),
    ('RETURN_LF_HDRS', 'http-request return status 200 content-type text/plain lf-string "p=%[path]" hdr x-p "%[path]" hdr x-e "%[req.hdr(nonexist)]" hdr x-s " a  b "', 'GET11'),
    ('RETURN_LF_EMPTY_BODY', 'http-request return status 200 content-type text/plain lf-string "%[req.hdr(nonexist)]"', 'GET11'),
    ('RETURN_HDR_CONNECTION_CLOSE', 'http-request return status 200 hdr connection close hdr x-a 1', 'GET11'),
    ('RETURN_HDR_CONNECTION_KA_UPGRADE', 'http-request return status 200 hdr Connection "keep-alive, Upgrade"', 'GET11'),
    ('RETURN_POST11_NO_BODY_YET', 'http-request return status 200 content-type text/plain string "ok"', 'POST11_NO_BODY_YET'),
    ('DENY_HDR', 'http-request deny deny_status 403 hdr waf-block request', 'GET11'),
    ('DENY_HDRS', 'http-request deny hdr x-a 1 hdr x-b 2', 'GET11'),
    ('DENY_STRING', 'http-request deny deny_status 403 content-type text/plain string blocked', 'GET11'),
    ('DENY_418_HDR', 'http-request deny deny_status 418 hdr x y', 'GET11'),
    ('DENY_418_STRING', 'http-request deny deny_status 418 content-type text/plain string x', 'GET11'),
    ('DENY_STATUS_429', 'http-request deny status 429', 'GET11'),
    ('DENY_CT_ONLY', 'http-request deny content-type text/plain', 'GET11'),
    ('DENY_400_HDR', 'http-request deny deny_status 400 hdr x-a 1', 'GET11'),
    ('DENY_DEFAULT_ERRORFILES_HDR', 'http-request deny default-errorfiles hdr x y', 'GET11'),
    ('RETURN_404_DEFAULT_ERRORFILES', 'http-request return status 404 default-errorfiles', 'GET11'),
    ('TARPIT_DEFAULT', 'http-request tarpit', 'GET11'),
    ('TARPIT_DEFAULT_GET10', 'http-request tarpit', 'GET10'),
    ('TARPIT_403', 'http-request tarpit deny_status 403', 'GET11'),
    ('TARPIT_HDR', 'http-request tarpit hdr x-a 1', 'GET11'),
    ('TARPIT_STRING', 'http-request tarpit deny_status 403 content-type text/plain string slow', 'GET11'),
]
for code in [301, 302, 303, 307, 308]:
    CASES.append((f'REDIRECT_{code}', f'http-request redirect location /x code {code}', 'GET11'))
CASES += [
    ('REDIRECT_SET_COOKIE', 'http-request redirect location /x set-cookie SESS=abc', 'GET11'),
    ('REDIRECT_SET_COOKIE_NO_VALUE', 'http-request redirect location /x set-cookie SESS', 'GET11'),
    ('REDIRECT_CLEAR_COOKIE', 'http-request redirect location /x clear-cookie SESS', 'GET11'),
    ('REDIRECT_CLEAR_COOKIE_EQ', 'http-request redirect location /x clear-cookie SESS=', 'GET11'),
    ('REDIRECT_301_SET_COOKIE', 'http-request redirect location /x code 301 set-cookie A=1', 'GET11'),
    ('REDIRECT_308_CLEAR_COOKIE', 'http-request redirect location /x code 308 clear-cookie A', 'GET11'),
    ('REDIRECT_SET_THEN_CLEAR', 'http-request redirect location /x set-cookie SESS=abc clear-cookie OTHER', 'GET11'),
    ('REDIRECT_GET10', 'http-request redirect location /x', 'GET10'),
    ('REDIRECT_GET10_KA', 'http-request redirect location /x', 'GET10_KA'),
    ('REDIRECT_GET11_CLOSE', 'http-request redirect location /x', 'GET11_CLOSE'),
    ('REDIRECT_POST11_BODY', 'http-request redirect location /x', 'POST11_BODY'),
    ('REDIRECT_POST11_CL0', 'http-request redirect location /x', 'POST11_CL0'),
    ('REDIRECT_POST11_CHUNKED', 'http-request redirect location /x', 'POST11_CHUNKED'),
    ('REDIRECT_HEAD11', 'http-request redirect location /x', 'HEAD11'),
]

# redirect locations: (rule args, uri, host header or None, java type, target, fromFormat, dropQuery, appendSlash)
LOCATIONS = []
for rule, typ, target in [('location /x', 'LOCATION', '/x'), ('location /x?y=1 drop-query append-slash', 'LOCATION', '/x?y=1'),
                          ('location http://example.com/p?q\\#f', 'LOCATION', 'http://example.com/p?q#f'), ('location "/a b"', 'LOCATION', '/a b'),
                          ('prefix /p', 'PREFIX', '/p'), ('prefix /', 'PREFIX', '/'), ('prefix https://h.example', 'PREFIX', 'https://h.example'),
                          ('prefix https://h.example/', 'PREFIX', 'https://h.example/'), ('scheme https', 'SCHEME', 'https')]:
    for flags in ['', ' drop-query', ' append-slash', ' drop-query append-slash']:
        if typ == 'LOCATION' and flags: continue
        for uri in ['/a/b?q=1&r=2', '/', '/a/', '/a?', '/a/?q', 'http://abs.host/a/b?q', 'http://abs.host', '*', '//double/slash', '/a%20b?x=%41']:
            host = 'abs.host' if 'abs.host' in uri else 'h.test:8080'
            LOCATIONS.append((rule + flags, uri, host, typ, target, False, 'drop-query' in flags, 'append-slash' in flags))
LOCATIONS += [
    ('prefix "%[str(/)]"', '/a/x', 'x', 'PREFIX', '/', True, False, False),
    ('prefix "%[req.hdr(x-none)]"', '/a/x?q', 'x', 'PREFIX', '', True, False, False),
    ('location "%[req.hdr(x-none)]"', '/a/x', 'x', 'LOCATION', '', True, False, False),
    ('scheme "%[req.hdr(x-none)]"', '/a/x?q', 'h', 'SCHEME', '', True, False, False),
    ('scheme https', '/s/a', None, 'SCHEME', 'https', False, False, False),
]


# errorfile x client request matrix: the connection header HAProxy writes and whether it closes
MATRIX_FILES = {
 'V11': b'HTTP/1.1 403 F\r\nContent-Length: 1\r\n\r\nx',
 'V11_CLOSE': b'HTTP/1.1 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx',
 'V11_KA': b'HTTP/1.1 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx',
 'V11_FOO': b'HTTP/1.1 403 F\r\nConnection: foo\r\nContent-Length: 1\r\n\r\nx',
 'V11_FOO_CLOSE': b'HTTP/1.1 403 F\r\nConnection: foo, close\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx',
 'V11_CLOSE_UPPER': b'HTTP/1.1 403 F\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx',
 'V11_TWO_CONN': b'HTTP/1.1 403 F\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx',
 'V10': b'HTTP/1.0 403 F\r\nContent-Length: 1\r\n\r\nx',
 'V10_CLOSE': b'HTTP/1.0 403 F\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx',
 'V10_KA': b'HTTP/1.0 403 F\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx',
 'V11_NO_CL': b'HTTP/1.1 403 F\r\n\r\nx',
 'V10_NO_CL': b'HTTP/1.0 403 F\r\n\r\nx',
 'V11_204': b'HTTP/1.1 204 F\r\n\r\n',
 'V10_204': b'HTTP/1.0 204 F\r\n\r\n',
 'V11_101': b'HTTP/1.1 101 F\r\n\r\n',
}
MATRIX_CLIENTS = {
 'GET11': b'GET /a HTTP/1.1\r\nHost: x\r\n\r\n',
 'GET11_CLOSE': b'GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
 'GET11_KA_CLOSE': b'GET /a HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n',
 'GET10': b'GET /a HTTP/1.0\r\nHost: x\r\n\r\n',
 'GET10_KA': b'GET /a HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n',
 'GET10_KA_UPPER': b'GET /a HTTP/1.0\r\nHost: x\r\nConnection: KEEP-ALIVE\r\n\r\n',
 'GET10_FOO_KA': b'GET /a HTTP/1.0\r\nHost: x\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n',
}

def location_of(resp):
    for line in resp.split(b'\r\n'):
        if line.startswith(b'location:'): return line[len(b'location: '):]
    raise SystemExit('no location in %r' % resp)

ERRORFILES = {
 'PROPER': b'HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nCache-Control: no-cache\r\nContent-Length: 5\r\n\r\nhello',
 'NO_CL': b'HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\n\r\nhello',
 'NO_CL_NO_BODY': b'HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\n\r\n',
 'LF_ONLY': b'HTTP/1.1 403 Forbidden\nContent-Type: text/html\nContent-Length: 5\n\nhello',
 'CL_SHORT': b'HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n\r\nhello',
 'CL_LONG': b'HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nhello',
 'CHUNKED': b'HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
 'HTTP10': b'HTTP/1.0 403 Forbidden\r\nContent-Length: 5\r\n\r\nhello',
 'OTHER_STATUS': b'HTTP/1.1 200 Fine\r\nContent-Length: 5\r\n\r\nhello',
 'UPPER_HDRS': b'HTTP/1.1 403 Forbidden\r\nX-UPPER-Case: Value WITH Case\r\nContent-Length: 5\r\n\r\nhello',
 'CONN_CLOSE': b'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello',
 'CONN_KA': b'HTTP/1.1 403 Forbidden\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nhello',
 'CONN_MULTI': b'HTTP/1.1 403 F\r\nConnection: a, close, b\r\nConnection: keep-alive,c\r\nContent-Length: 1\r\n\r\nx',
 'CONN_OTHER': b'HTTP/1.1 403 F\r\nConnection: foo , bar\r\nContent-Length: 1\r\n\r\nx',
 'CONN_EMPTY': b'HTTP/1.1 403 F\r\nConnection:\r\nX-A: 1\r\nContent-Length: 1\r\n\r\nx',
 'REQUEST': b'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
 'STATUS_101': b'HTTP/1.1 101 Switching\r\nContent-Length: 0\r\n\r\n',
 'STATUS_100': b'HTTP/1.1 100 Continue\r\n\r\n',
 'STATUS_103': b'HTTP/1.1 103 Early\r\n\r\n',
 'STATUS_204_BODY': b'HTTP/1.1 204 No Content\r\n\r\nhello',
 'STATUS_204_CL': b'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n',
 'STATUS_204_TE': b'HTTP/1.1 204 F\r\nTransfer-Encoding: chunked\r\n\r\n',
 'STATUS_304': b'HTTP/1.1 304 Not Modified\r\n\r\n',
 'STATUS_304_CL': b'HTTP/1.1 304 F\r\nContent-Length: 5\r\n\r\n',
 'STATUS_304_TE': b'HTTP/1.1 304 F\r\nTransfer-Encoding: chunked\r\n\r\n',
 'STATUS_304_BODY': b'HTTP/1.1 304 F\r\nContent-Length: 3\r\n\r\nabc',
 'NO_BLANK_LINE': b'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n',
 'NO_REASON': b'HTTP/1.1 403\r\nContent-Length: 0\r\n\r\n',
 'NO_REASON_SP': b'HTTP/1.1 403 \r\nContent-Length: 0\r\n\r\n',
 'REASON_SPACES': b'HTTP/1.1 403 Go  Away now\r\nContent-Length: 0\r\n\r\n',
 'REASON_TAB': b'HTTP/1.1 403 A\tB\r\nContent-Length: 0\r\n\r\n',
 'REASON_UTF8': 'HTTP/1.1 403 Interdit é\r\nContent-Length: 0\r\n\r\n'.encode(),
 'WS_VALUES': b'HTTP/1.1 403 Forbidden\r\nX-A:   padded   \r\nX-B:\r\nX-C:tight\r\nContent-Length: 0\r\n\r\n',
 'TAB_VALUE': b'HTTP/1.1 403 F\r\nX-A:\ta\tb\t\r\nContent-Length: 0\r\n\r\n',
 'CTL_VALUE': b'HTTP/1.1 403 F\r\nX-A: a\x01b\r\nX-B: a\x00b\r\nContent-Length: 0\r\n\r\n',
 'OBS_FOLD': b'HTTP/1.1 403 Forbidden\r\nX-A: one\r\n two\r\nContent-Length: 0\r\n\r\n',
 'OBS_FOLD_LF': b'HTTP/1.1 403 F\nX-A: one\n\ttwo\nContent-Length: 0\n\n',
 'OBS_FOLD_EMPTY': b'HTTP/1.1 403 F\r\nX-A:\r\n two\r\nContent-Length: 0\r\n\r\n',
 'DUP_CL': b'HTTP/1.1 403 Forbidden\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello',
 'CL_LIST': b'HTTP/1.1 403 Forbidden\r\nContent-Length: 5, 5\r\n\r\nhello',
 'CL_LIST_SPACES': b'HTTP/1.1 403 F\r\nContent-Length: 1, 1 ,1\r\nX-B: 2\r\nContent-Length: 1\r\n\r\nx',
 'CL_DIFFERENT': b'HTTP/1.1 403 Forbidden\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
 'CL_PLUS': b'HTTP/1.1 403 Forbidden\r\nContent-Length: +5\r\n\r\nhello',
 'CL_SPACES': b'HTTP/1.1 403 Forbidden\r\nContent-Length:  5 \r\n\r\nhello',
 'CL_LEADING_ZEROS': b'HTTP/1.1 403 F\r\nContent-Length: 001\r\n\r\nx',
 'CL_EMPTY': b'HTTP/1.1 403 F\r\nContent-Length:\r\n\r\n',
 'CL_TRAILING_COMMA': b'HTTP/1.1 403 F\r\nContent-Length: 1,\r\n\r\nx',
 'CL_TWO_WORDS': b'HTTP/1.1 403 F\r\nContent-Length: 1 2\r\n\r\nx',
 'CL_HUGE': b'HTTP/1.1 403 F\r\nContent-Length: 99999999999999999999999\r\n\r\n',
 'CL0_BODY': b'HTTP/1.1 403 F\r\nContent-Length: 0\r\n\r\nabc',
 'TE_IDENTITY': b'HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: identity\r\n\r\nhello',
 'TE_AND_CL': b'HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello',
 'TE_GZIP_AND_CL': b'HTTP/1.1 403 F\r\nTransfer-Encoding: gzip\r\nContent-Length: 1\r\n\r\nx',
 'TE_CHUNKED_GZIP': b'HTTP/1.1 403 F\r\nTransfer-Encoding: chunked, gzip\r\n\r\nx',
 'LEADING_CRLF': b'\r\nHTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n',
 'LEADING_LF': b'\nHTTP/1.1 200 F\r\nContent-Length: 0\r\n\r\n',
 'LEADING_SPACE': b' HTTP/1.1 403 F\r\nContent-Length: 0\r\n\r\n',
 'NUL_BODY': b'HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n\r\na\x00b',
 'HTTP2': b'HTTP/2.0 403 Forbidden\r\nContent-Length: 0\r\n\r\n',
 'HTTP12': b'HTTP/1.2 403 F\r\nContent-Length: 0\r\n\r\n',
 'HTTP09': b'HTTP/0.9 403 Forbidden\r\nContent-Length: 0\r\n\r\n',
 'HTTP10_NO_CL': b'HTTP/1.0 200 F\r\n\r\nbody',
 'VERSION_XTTP10': b'XTTP/1.0 200 F\r\nContent-Length: 0\r\n\r\n',
 'VERSION_ABCD': b'ABCD/1.1 403 F\r\nContent-Length: 0\r\n\r\n',
 'VERSION_LOWER': b'http/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n',
 'VERSION_SHORT': b'HTTP/1 403 F\r\nContent-Length: 0\r\n\r\n',
 'VERSION_DASH': b'HTTP-1.1 403 F\r\nContent-Length: 0\r\n\r\n',
 'VERSION_SLASH_FIRST': b'/TTP/1.1 403 F\r\nContent-Length: 0\r\n\r\n',
 'VERSION_TAB': b'HTTP/1.1\t403 F\r\nContent-Length: 0\r\n\r\n',
 'TWO_SPACES': b'HTTP/1.1  403 F\r\nContent-Length: 0\r\n\r\n',
 'STATUS_LETTER': b'HTTP/1.1 4a3 F\r\nContent-Length: 0\r\n\r\n',
 'STATUS_GLUED': b'HTTP/1.1 403F\r\nContent-Length: 0\r\n\r\n',
 'NO_STATUS': b'HTTP/1.1  F\r\n\r\n',
 'STATUS_999': b'HTTP/1.1 999 Whatever\r\nContent-Length: 0\r\n\r\n',
 'BAD_HDR_NAME': b'HTTP/1.1 403 Forbidden\r\nX A: b\r\nContent-Length: 0\r\n\r\n',
 'HDR_NO_COLON': b'HTTP/1.1 403 Forbidden\r\nXA\r\nContent-Length: 0\r\n\r\n',
 'HDR_EMPTY_NAME': b'HTTP/1.1 403 F\r\n: x\r\nContent-Length: 0\r\n\r\n',
 'HDR_SPACE_BEFORE_COLON': b'HTTP/1.1 403 F\r\nX-A : a\r\nContent-Length: 0\r\n\r\n',
 'HDR_UNDERSCORE': b'HTTP/1.1 403 F\r\nX_A: 1\r\nContent-Length: 0\r\n\r\n',
 'HDR_BRACE': b'HTTP/1.1 403 F\r\nX{A: 1\r\nContent-Length: 0\r\n\r\n',
 'BARE_CR': b'HTTP/1.1 403 F\r\nX-A: 1\rY\r\nContent-Length: 0\r\n\r\n',
 'CR_ONLY': b'HTTP/1.1 403 F\rContent-Length: 0\r\r',
 'HDRS_100': b'HTTP/1.1 403 F\r\n' + b''.join(b'X-%d: v\r\n' % i for i in range(99)) + b'Content-Length: 0\r\n\r\n',
 'HDRS_100_DUP_CL': b'HTTP/1.1 403 F\r\n' + b''.join(b'X-%d: v\r\n' % i for i in range(99)) + b'Content-Length: 0\r\nContent-Length: 0\r\n\r\n',
 'HDRS_101': b'HTTP/1.1 403 F\r\n' + b''.join(b'X-%d: v\r\n' % i for i in range(100)) + b'Content-Length: 0\r\n\r\n',
 'HDRS_102': b'HTTP/1.1 403 Forbidden\r\n' + b''.join(b'X-%d: v\r\n' % i for i in range(101)) + b'Content-Length: 0\r\n\r\n',
 'HTX_MAX': b'HTTP/1.1 403 F\r\nContent-Length: 16252\r\n\r\n' + b'a' * 16252,
 'HTX_OVER': b'HTTP/1.1 403 F\r\nContent-Length: 16253\r\n\r\n' + b'a' * 16253,
 'HTX_MAX_10_HDRS': b'HTTP/1.1 403 F\r\n' + b''.join(b'X-%d: v\r\n' % i for i in range(9)) + b'Content-Length: 16144\r\n\r\n' + b'a' * 16144,
 'HTX_OVER_10_HDRS': b'HTTP/1.1 403 F\r\n' + b''.join(b'X-%d: v\r\n' % i for i in range(9)) + b'Content-Length: 16145\r\n\r\n' + b'a' * 16145,
 'TRUNCATED': b'HTTP/1.1 403 F\r\nContent-Length: 17000\r\n\r\n' + b'a' * 17000,
 'EMPTY': b'',
}

def main():
    out = []
    w = out.append
    w('package io.spoe4j.http.internal;')
    w('')
    w('/** Raw bytes HAProxy 2.6.12 wrote, captured by capture_replies.py (generated, do not edit). */')
    w('final class HaproxyCaptures {')
    w('')
    w('    /** What HAProxy answered to one request, and whether it closed the connection after it. */')
    w('    record Capture(String request, String rule, String response, boolean closed) {')
    w('    }')
    w('')
    w('    /** An errorfile: HAProxy\'s answer with it, or the configuration error it reported. */')
    w('    record ErrorfileCapture(String file, String response, boolean closed, String error) {')
    w('    }')
    w('')
    w('    /** A redirect rule and the location HAProxy wrote for a request. */')
    w('    record LocationCapture(String rule, String type, String target, boolean fromFormat, String uri, String host,')
    w('            boolean dropQuery, boolean appendSlash, String location) {')
    w('    }')
    w('')
    w('    private HaproxyCaptures() {')
    w('    }')
    w('')
    # cases: one haproxy per request kind with rules keyed by header
    rules = []
    for i, (name, rule, req) in enumerate(CASES):
        rules.append('%s if { hdr(x-case) -m str %s }' % (rule, name))
    def all_cases(port):
        res = {}
        for name, rule, req in CASES:
            r = REQS[req].replace(b'Host: x\r\n', b'Host: x\r\nX-Case: %s\r\n' % name.encode())
            res[name] = exchange(port, r)
        return res
    res = run_haproxy(rules, all_cases)
    for name, rule, req in CASES:
        data, closed = res[name]
        w('    /** {@code %s}, request %s. */' % (rule.replace('*', '&#42;'), req))
        w('    static final Capture %s = new Capture(%s, %s,' % (name, jstr(REQS[req]), jstr(rule.encode())))
        w('            %s, %s);' % (jstr(data), 'true' if closed else 'false'))
    # locations
    lrules = ['http-request redirect %s if { hdr(x-case) -m str L%d }' % (r[0], i) for i, r in enumerate(LOCATIONS)]
    def all_locs(port):
        out = []
        for i, (rule, uri, host, *_rest) in enumerate(LOCATIONS):
            req = b'GET %s HTTP/1.1\r\n%sX-Case: L%d\r\n\r\n' % (uri.encode(), (b'Host: %s\r\n' % host.encode()) if host is not None else b'', i)
            out.append(location_of(exchange(port, req)[0]))
        return out
    locs = run_haproxy(lrules, all_locs)
    w('')
    w('    static final LocationCapture[] LOCATIONS = {')
    for (rule, uri, host, typ, target, fromfmt, dq, aps), loc in zip(LOCATIONS, locs):
        w('        new LocationCapture(%s, "%s", %s, %s, %s, %s, %s, %s, %s),' % (jstr(rule.encode()), typ, jstr(target.encode()), str(fromfmt).lower(),
          jstr(uri.encode()), jstr(host.encode()) if host is not None else 'null', str(dq).lower(), str(aps).lower(), jstr(loc)))
    w('    };')
    # errorfiles
    w('')
    tmpdir = tempfile.mkdtemp()
    for name, raw in ERRORFILES.items():
        path = os.path.join(tmpdir, name); open(path, 'wb').write(raw)
        rules = ['errorfile 403 %s' % path, 'http-request deny']
        ok, alert = check_config(rules)
        if ok:
            data, closed = run_haproxy(rules, lambda port: exchange(port, GET11))
            w('    static final ErrorfileCapture EF_%s = new ErrorfileCapture(%s,' % (name, jstr(raw)))
            w('            %s, %s, null);' % (jstr(data), 'true' if closed else 'false'))
        else:
            msg = alert.split("': ", 1)[1] if "': " in alert else alert
            w('    static final ErrorfileCapture EF_%s = new ErrorfileCapture(%s,' % (name, jstr(raw)))
            w('            null, false, %s);' % jstr(msg.encode()))
    # matrix
    w('')
    w('    /** An errorfile answered (with {@code return errorfile}) to one client request. */')
    w('    record MatrixCapture(String file, String request, String response, boolean closed) {')
    w('    }')
    w('')
    mdir = tempfile.mkdtemp()
    mrules = []
    for fname, raw in MATRIX_FILES.items():
        path = os.path.join(mdir, fname); open(path, 'wb').write(raw)
        mrules.append('http-request return errorfile %s if { hdr(x-case) -m str %s }' % (path, fname))
    def all_matrix(port):
        res = []
        for fname in MATRIX_FILES:
            for cname, req in MATRIX_CLIENTS.items():
                r = req.replace(b'Host: x\r\n', b'Host: x\r\nX-Case: %s\r\n' % fname.encode())
                second = b'GET /ok HTTP/1.0\r\nConnection: keep-alive\r\n\r\n' if b'HTTP/1.0' in req else b'GET /ok HTTP/1.1\r\nHost: x\r\n\r\n'
                res.append((fname, cname, r, exchange(port, r, second)))
        return res
    w('    static final MatrixCapture[] MATRIX = {')
    for fname, cname, req, (data, closed) in run_haproxy(mrules, all_matrix):
        w('        new MatrixCapture(%s, %s,' % (jstr(MATRIX_FILES[fname]), jstr(req)))
        w('                %s, %s),' % (jstr(data), 'true' if closed else 'false'))
    w('    };')
    w('}')
    print('\n'.join(out))

main()
