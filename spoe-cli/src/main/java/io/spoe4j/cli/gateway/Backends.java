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
    public static final Backends NONE = new Backends(Map.of(), null);

    private record Servers(List<Upstream> upstreams, AtomicInteger next) {
        Upstream pick() {
            return upstreams.get(Math.floorMod(next.getAndIncrement(), upstreams.size()));
        }
    }

    private final Map<String, Servers> byName;
    private final String own;

    private Backends(Map<String, Servers> byName, String own) {
        this.byName = byName;
        this.own = own;
    }

    /** The backends of {@code setup} with at least one server; {@code proxy}'s own servers when it is a listen section. */
    public static Backends of(SpoeSetup setup, String proxy) {
        Map<String, Servers> map = new LinkedHashMap<>();
        for (HttpProxyConfig p : setup.httpProxies()) {
            if (!p.isBackend() || p.servers().isEmpty()) {
                continue;
            }
            List<Upstream> ups = p.servers().stream().map(s -> new Upstream(s.host(), s.port(), "")).toList();
            map.put(p.name(), new Servers(ups, new AtomicInteger()));
        }
        return new Backends(Map.copyOf(map), map.containsKey(proxy) ? proxy : null);
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
