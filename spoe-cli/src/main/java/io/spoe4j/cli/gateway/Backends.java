package io.spoe4j.cli.gateway;

import io.spoe4j.config.HttpProxyConfig;
import io.spoe4j.config.SpoeSetup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP backends of a haproxy.cfg the gateway routes to when {@code use_backend} or
 * {@code default_backend} names them: each backend's {@code server} lines, taken in turn
 * (roundrobin). {@code own} is the proxy's own servers (a {@code listen} section), used when no
 * backend was chosen. Thread-safe.
 */
public final class Backends {
    /** No backend known: every request goes to the gateway's single upstream. */
    public static final Backends NONE = new Backends(Map.of(), null, Map.of(), null);

    private record Servers(List<Upstream> upstreams, AtomicInteger next) {
        Upstream pick() {
            return upstreams.get(Math.floorMod(next.getAndIncrement(), upstreams.size()));
        }
    }

    private final Map<String, Servers> byName;
    private final String own;
    private final Map<String, HttpProxyConfig.ForwardFor> forwardFor;
    private final HttpProxyConfig.ForwardFor frontendForwardFor;

    private Backends(Map<String, Servers> byName, String own, Map<String, HttpProxyConfig.ForwardFor> forwardFor,
            HttpProxyConfig.ForwardFor frontendForwardFor) {
        this.byName = byName;
        this.own = own;
        this.forwardFor = forwardFor;
        this.frontendForwardFor = frontendForwardFor;
    }

    /** The backends of {@code setup} with at least one server; {@code proxy}'s own servers when it is a listen section. */
    public static Backends of(SpoeSetup setup, String proxy) {
        Map<String, Servers> map = new LinkedHashMap<>();
        Map<String, HttpProxyConfig.ForwardFor> fwd = new LinkedHashMap<>();
        for (HttpProxyConfig p : setup.httpProxies()) {
            if (p.isBackend()) {
                p.forwardFor().ifPresent(f -> fwd.put(p.name(), f));
            }
            if (!p.isBackend() || p.servers().isEmpty()) {
                continue;
            }
            List<Upstream> ups = p.servers().stream().map(s -> new Upstream(s.host(), s.port(), "")).toList();
            map.put(p.name(), new Servers(ups, new AtomicInteger()));
        }
        HttpProxyConfig.ForwardFor fe = setup.httpProxy(proxy).flatMap(HttpProxyConfig::forwardFor).orElse(null);
        return new Backends(Map.copyOf(map), map.containsKey(proxy) ? proxy : null, Map.copyOf(fwd), fe);
    }

    /**
     * The {@code x-forwarded-for} header HAProxy adds for a request routed to {@code backend}
     * ({@code null}: the proxy's own servers) from {@code client}, as {@code [name, value]}, or null:
     * added when the frontend or the backend has {@code option forwardfor}, named as the backend
     * says (else the frontend), unless the client is in either's {@code except} network or the
     * request already has the header and both asked for {@code if-none}.
     */
    public String[] forwardedFor(String backend, java.net.InetSocketAddress client,
            java.util.function.Predicate<String> hasHeader) {
        HttpProxyConfig.ForwardFor be = forwardFor.get(backend != null ? backend : own == null ? "" : own);
        HttpProxyConfig.ForwardFor fe = frontendForwardFor;
        if ((be == null && fe == null) || client == null) {
            return null;
        }
        String name = be != null ? be.header().orElse(HttpProxyConfig.ForwardFor.DEFAULT_HEADER)
                : fe.header().orElse(HttpProxyConfig.ForwardFor.DEFAULT_HEADER);
        boolean always = be != null && !be.ifNone() || fe != null && !fe.ifNone();
        if (!always && hasHeader.test(name)) {
            return null;
        }
        io.spoe4j.acl.RequestAttributes src = io.spoe4j.acl.SimpleRequestAttributes.builder()
                .client(client.getAddress(), client.getPort()).build();
        for (HttpProxyConfig.ForwardFor f : new HttpProxyConfig.ForwardFor[] {fe, be}) {
            if (f != null && f.except().isPresent() && f.except().get().test(src)) {
                return null;
            }
        }
        return new String[] {name, client.getAddress().getHostAddress()};
    }

    /** The next server of {@code backend} ({@code null}: the proxy's own), or null when there is none. */
    public Upstream pick(String backend) {
        Servers s = byName.get(backend != null ? backend : own == null ? "" : own);
        return s == null ? null : s.pick();
    }

    /** The backend names and their servers, for the start-up summary. */
    public Map<String, List<Upstream>> servers() {
        Map<String, List<Upstream>> out = new LinkedHashMap<>();
        byName.forEach((k, v) -> out.put(k, v.upstreams()));
        return out;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
