/**
 * HAProxy sample expressions, ACLs and {@code if}/{@code unless} conditions, evaluated in pure
 * Java against {@link io.spoe4j.acl.RequestAttributes}. Entry point: {@link io.spoe4j.acl.AclCompiler};
 * {@link io.spoe4j.acl.LogFormat} evaluates {@code unique-id-format} strings.
 *
 * <h2>Behaviour kept from HAProxy (doc/configuration.txt section 7, src/http_fetch.c, src/sample.c,
 * src/acl.c, src/pattern.c)</h2>
 * <ul>
 *   <li>{@code req.hdr(name)} / {@code hdr(name)} without an occurrence returns the <b>last</b>
 *       occurrence as a sample (e.g. in {@code args}), but an ACL tests <b>every</b> occurrence
 *       ("no explicit occurrence and single fetch =&gt; last header by default" in smp_fetch_hdr).
 *       Values are split at commas outside double quotes and trimmed; {@code req.fhdr} keeps whole
 *       lines. Occurrences count from 1, negative ones from the end. The same holds for
 *       {@code req.cook(name)} and {@code res.hdr(name)}.</li>
 *   <li>{@code req.hdrs}: {@code name: value\r\n} per header, names lower-cased, arrival order,
 *       then {@code \r\n}; {@code req.hdrs_bin}: varint-prefixed name and value per header, then
 *       {@code 00 00} (checked byte for byte against a capture from HAProxy 2.6.12).</li>
 *   <li>{@code req.ver}/{@code res.ver} give {@code "1.1"}, {@code "2.0"} (no {@code HTTP/});
 *       {@code path} stops before {@code ?} and skips {@code scheme://authority} of an absolute
 *       target, missing for {@code *} and authority-form; {@code query} is missing without
 *       {@code ?} and empty after a trailing one; {@code url} is the raw target; {@code base} is
 *       the first Host value followed by the path.</li>
 *   <li>{@code req.len}/{@code req_len} and {@code res.len} count what HAProxy 2.6 counts in HTTP
 *       mode, the payload of the message's HTX blocks ({@code htx->data} in smp_fetch_len), not
 *       wire bytes: start line 20 + method/version + target/status + version/reason bytes; per
 *       header name + value bytes (no ": ", no CRLF); 1 for the end of headers; the body as
 *       buffered, de-chunked; for a chunked body that has ended, name + value per trailer and 1.
 *       E.g. {@code GET / HTTP/1.1} with {@code Host: a} and {@code Connection: close} (dropped by
 *       HAProxy's parser) is 38; adding {@code Content-Length: 10} and 10 body bytes gives 66 for
 *       {@code POST /p}; {@code Transfer-Encoding: chunked} with chunks "hello" and "abc" gives 73.
 *       Both read the buffered body, so they make adapters buffer it like {@code req.body}/
 *       {@code res.body}; without a body they count the head only. HAProxy caps what it holds at
 *       {@code tune.bufsize} minus {@code tune.maxrewrite}, 48 bytes of HTX header and 8 per block
 *       (15312 by default); adapters cap at their own {@code maxBodyBytes}. Checked against 2.6.12
 *       at every HTTP event, with and without {@code option http-buffer-request}.</li>
 *   <li>Response fetches ({@code status}, {@code res.*}) are missing while there is no response;
 *       {@code ssl_fc_sni} is missing without TLS or SNI; unset {@code var()} is missing.</li>
 *   <li>ACLs without {@code -m} match by the criterion's output type (after converters):
 *       bool, int, ip, str; binary and any-typed criteria need {@code -m}. Samples are cast as
 *       HAProxy casts them ({@code -m int} on "42abc" reads 42, on "abc" reads 0, on "" fails).
 *       A missing sample never matches, so {@code !} of it holds.</li>
 *   <li>IP patterns match both families: an IPv4 sample is also looked up as
 *       {@code ::ffff:a.b.c.d} among IPv6 networks, an IPv6 sample carrying an IPv4 address
 *       (mapped or 6to4) among IPv4 networks. Host names in patterns are rejected, not resolved.</li>
 *   <li>Pattern files: '#' in column 0 starts a comment, leading blanks are dropped, trailing
 *       ones belong to the pattern, blank lines are skipped. Each file is read once per
 *       compiler.</li>
 * </ul>
 */
package io.spoe4j.acl;
