package io.spoe4j.config.internal;

import io.spoe4j.config.BindConfig;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The haproxy.cfg keywords that limit clients and servers: {@code timeout NAME VALUE},
 * {@code maxconn N} (proxy sections and {@code global}), {@code retries N} and
 * {@code bind ADDRESS [ssl] [crt FILE] [alpn LIST]}, with HAProxy 2.6's checks and messages.
 */
final class LimitParser {
    private final ParseContext ctx;
    private final Path baseDirectory;

    LimitParser(ParseContext ctx, Path baseDirectory) {
        this.ctx = ctx;
        this.baseDirectory = baseDirectory;
    }

    void timeout(ProxyState proxy, int n, List<Word> w) throws LineFailed {
        if (w.size() < 2) {
            throw ctx.fail(n, w.get(0), "'timeout' expects a timeout name and a value.");
        }
        String which = w.get(1).text();
        boolean known = switch (which) {
            case "connect", "server", "tarpit", "client", "http-request", "http-keep-alive" -> true;
            default -> false;
        };
        if (!known) {
            ctx.warn(n, w.get(1), "'timeout " + which + "' is not used by spoe4j; ignored.");
            return;
        }
        if (w.size() < 3) {
            throw ctx.fail(n, w.get(1), "'timeout " + which + "' expects an integer value (in milliseconds).");
        }
        ctx.maxArgs(n, w, 3);
        Duration d = ctx.time(n, w.get(2), "'timeout " + which + "'");
        switch (which) {
            case "connect" -> proxy.connect = d;
            case "server" -> proxy.server = d;
            case "client" -> proxy.client = d;
            case "http-request" -> proxy.httpRequest = d;
            case "http-keep-alive" -> proxy.httpKeepAlive = d;
            default -> proxy.tarpit = d;
        }
    }

    /** {@code maxconn N} of a proxy section: HAProxy ignores it in a backend (no frontend capability). */
    void maxconn(ProxyState proxy, int n, List<Word> w) throws LineFailed {
        int value = positive(n, w, "maxconn");
        if (proxy.kind.equals("backend")) {
            ctx.warn(n, w.get(0), "'maxconn' ignored because backend '" + proxy.name + "' has no frontend capability.");
            return;
        }
        proxy.maxconn = value;
    }

    /** {@code maxconn N} of the global section. */
    int globalMaxconn(int n, List<Word> w) throws LineFailed {
        return positive(n, w, "maxconn");
    }

    void retries(ProxyState proxy, int n, List<Word> w) throws LineFailed {
        if (w.size() != 2 || !w.get(1).text().matches("[0-9]{1,9}")) {
            throw ctx.fail(n, w.get(0), "'retries' expects an integer argument.");
        }
        if (proxy.kind.equals("frontend")) {
            ctx.warn(n, w.get(0), "'retries' ignored because frontend '" + proxy.name + "' has no backend capability.");
            return;
        }
        proxy.retries = Integer.parseInt(w.get(1).text());
    }

    private int positive(int n, List<Word> w, String kw) throws LineFailed {
        if (w.size() != 2 || !w.get(1).text().matches("[0-9]{1,9}") || Integer.parseInt(w.get(1).text()) == 0) {
            throw ctx.fail(n, w.size() > 1 ? w.get(1) : w.get(0), "'" + kw + "' expects a positive integer argument.");
        }
        return Integer.parseInt(w.get(1).text());
    }

    /**
     * {@code bind ADDRESS[,ADDRESS...] [ssl] [crt FILE] [alpn LIST] [option...]} of a frontend or
     * listen section: the first TCP address is kept; options other than ssl, crt and alpn are warned.
     */
    void bind(ProxyState proxy, int n, List<Word> w) throws LineFailed {
        if (proxy.kind.equals("backend") || proxy.kind.equals("defaults")) {
            throw ctx.fail(n, w.get(0), "'bind' not allowed in " + proxy.kind + " section.");
        }
        if (w.size() < 2 || w.get(1).text().isEmpty()) {
            throw ctx.fail(n, w.get(0), "'bind' : missing address.");
        }
        Word addrWord = w.get(1);
        String[] addresses = addrWord.text().split(",");
        if (addresses.length > 1) {
            ctx.warn(n, addrWord, "'bind': only the first address '" + addresses[0] + "' is used by spoe4j.");
        }
        String addr = addresses[0];
        if (addr.startsWith("ipv4@") || addr.startsWith("ipv6@")) {
            addr = addr.substring(5);
        }
        if (addr.startsWith("/") || addr.indexOf('@') >= 0 || addr.startsWith("unix:")) {
            ctx.warn(n, addrWord, "'bind " + addrWord.text() + "' is not a TCP address; not applied by spoe4j.");
            return;
        }
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            throw ctx.fail(n, addrWord, "'bind' : missing port number: '" + addrWord.text() + "'");
        }
        String host = addr.substring(0, colon);
        String port = addr.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("*")) {
            host = "";
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw ctx.fail(n, addrWord, "'bind' : invalid port '" + port + "' in '" + addrWord.text() + "'"
                    + (port.contains("-") ? " (port ranges are not applied by spoe4j)" : ""));
        }
        boolean ssl = false;
        String crt = null;
        List<String> alpn = List.of();
        for (int i = 2; i < w.size(); i++) {
            String k = w.get(i).text();
            switch (k) {
                case "ssl" -> ssl = true;
                case "crt", "alpn" -> {
                    if (i + 1 >= w.size() || w.get(i + 1).text().isEmpty()) {
                        throw ctx.fail(n, w.get(i), "'bind " + addrWord.text() + "' : '" + k + "' : missing "
                                + (k.equals("crt") ? "certificate location" : "the comma-delimited ALPN protocol suite")
                                + ".");
                    }
                    Word v = w.get(++i);
                    if (k.equals("crt")) {
                        crt = certificate(n, addrWord, v);
                    } else {
                        alpn = List.of(v.text().split(","));
                    }
                }
                default -> ctx.warn(n, w.get(i), "bind option '" + k + "' is not applied by spoe4j; ignored.");
            }
        }
        if (ssl && crt == null) {
            throw ctx.fail(n, addrWord, "Proxy '" + proxy.name + "': no SSL certificate specified for bind '"
                    + addrWord.text() + "' (use 'crt').");
        }
        if (!ssl && crt != null) {
            ctx.warn(n, addrWord, "'bind " + addrWord.text() + "': 'crt' without 'ssl'; the listener speaks plain HTTP.");
        }
        proxy.binds.add(new BindConfig(host, Integer.parseInt(port), ssl, Optional.ofNullable(ssl ? crt : null),
                ssl ? alpn : new ArrayList<>(), ctx.origin(n, addrWord)));
    }

    private String certificate(int n, Word addr, Word file) throws LineFailed {
        Path p;
        try {
            p = baseDirectory == null ? Path.of(file.text()) : baseDirectory.resolve(file.text());
        } catch (InvalidPathException e) {
            throw ctx.fail(n, file, "'bind " + addr.text() + "' : invalid certificate file name '" + file.text() + "'.");
        }
        if (!Files.isRegularFile(p)) {
            throw ctx.fail(n, file, "'bind " + addr.text() + "' : unable to stat SSL certificate from file '"
                    + file.text() + "' : No such file or directory.");
        }
        return p.toString();
    }
}
