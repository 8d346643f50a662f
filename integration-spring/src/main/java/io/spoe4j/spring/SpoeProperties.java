package io.spoe4j.spring;

import io.spoe4j.client.FailurePolicy;
import io.spoe4j.client.VariableHeaders;
import io.spoe4j.http.HttpRules;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The {@code spoe4j.*} properties: named engines (each a {@code spoe.conf} scope with its agent
 * servers, or the SPOE filters and rules of one proxy of a haproxy.cfg), the backends
 * {@code use_backend} may route to, and which engine the global gateway filter and the WebFlux
 * {@code WebFilter} run. Values are checked when the engines are built, naming the property.
 *
 * <pre>
 * spoe4j.engines.coraza.spoe-conf=file:/etc/haproxy/coraza.cfg
 * spoe4j.engines.coraza.servers=127.0.0.1:9000
 * spoe4j.engines.coraza.failure-policy=fail-closed
 * spoe4j.engines.coraza.rules[0]=http-request deny deny_status 403 if { var(txn.coraza.action) -m str deny }
 * </pre>
 */
@ConfigurationProperties(prefix = "spoe4j")
public class SpoeProperties {
    /** Default {@link Engine#getMaxBodyBytes()}: 1 MiB. */
    public static final DataSize DEFAULT_MAX_BODY = DataSize.ofMegabytes(1);

    /** Turns the whole integration off. */
    private boolean enabled = true;
    /** The engines, by the name filters refer to ({@code Spoe=NAME}). */
    private Map<String, Engine> engines = new LinkedHashMap<>();
    /**
     * Where a backend chosen by {@code use_backend}/{@code default_backend} sends the request in
     * Spring Cloud Gateway: {@code spoe4j.backends.alt=http://10.0.0.7:8080} (or {@code lb://service}).
     * The route's URI is kept for backends not listed.
     */
    private Map<String, URI> backends = new LinkedHashMap<>();
    private final Gateway gateway = new Gateway();
    private final WebFilter webFilter = new WebFilter();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, Engine> getEngines() {
        return engines;
    }

    public void setEngines(Map<String, Engine> engines) {
        this.engines = engines;
    }

    public Map<String, URI> getBackends() {
        return backends;
    }

    public void setBackends(Map<String, URI> backends) {
        this.backends = backends;
    }

    public Gateway getGateway() {
        return gateway;
    }

    public WebFilter getWebFilter() {
        return webFilter;
    }

    /** One named engine: where its configuration comes from and how the adapter applies it. */
    public static class Engine {
        /** A spoe.conf ({@code file:...} or {@code classpath:...}). */
        private Resource spoeConf;
        /** The {@code [scope]} of the spoe.conf to read; the part outside scopes when unset. */
        private String scope;
        /** Agent servers ({@code HOST:PORT}, {@code [v6]:PORT}, {@code unix:PATH}); replace the haproxy.cfg backend's. */
        private List<String> servers = new ArrayList<>();
        /** A haproxy.cfg (a file): its SPOE filters, agent backends and the proxy's rules. */
        private Resource haproxyCfg;
        /** The proxy of the haproxy.cfg whose filters and rules run; the first with a {@code filter spoe} line when unset. */
        private String proxy;
        /** Only this {@code filter spoe engine NAME} of the proxy; all of them when unset. */
        private String engine;
        /** What happens when the agent cannot be reached or answers too late. */
        private FailurePolicy failurePolicy = FailurePolicy.FAIL_OPEN;
        /** Status answered (HAProxy's page) when a fail-closed engine's processing failed. */
        private int failClosedStatus = HttpRules.DEFAULT_FAIL_CLOSED_STATUS;
        /** More haproxy.cfg rule lines, after the haproxy.cfg's ({@code http-request deny ... if { ... }}). */
        private List<String> rules = new ArrayList<>();
        /** Prefix of the variable headers ({@code x-spoe-txn-coraza-action}). */
        private String variableHeaderPrefix = VariableHeaders.DEFAULT_PREFIX;
        /** Send the variables upstream as request headers (incoming headers with the prefix are removed first). */
        private boolean requestVariableHeaders = true;
        /** Add the variables the response side set as response headers. */
        private boolean responseVariableHeaders;
        /** The most request body buffered for {@code req.body} (413 beyond), and of the response for {@code res.body}. */
        private DataSize maxBodyBytes = DEFAULT_MAX_BODY;
        /** HAProxy's {@code unique-id-format}; the haproxy.cfg proxy's when unset. */
        private String uniqueIdFormat;
        /** HAProxy's {@code unique-id-header}; the haproxy.cfg proxy's when unset. */
        private String uniqueIdHeader;
        /** Fail start-up when a configuration line would not be applied (the warnings are logged otherwise). */
        private boolean strict;
        /** HAProxy's {@code timeout tarpit}: how long {@code tarpit} holds a request; the haproxy.cfg proxy's when unset. */
        private Duration tarpitTimeout;

        public Resource getSpoeConf() {
            return spoeConf;
        }

        public void setSpoeConf(Resource spoeConf) {
            this.spoeConf = spoeConf;
        }

        public String getScope() {
            return scope;
        }

        public void setScope(String scope) {
            this.scope = scope;
        }

        public List<String> getServers() {
            return servers;
        }

        public void setServers(List<String> servers) {
            this.servers = servers;
        }

        public Resource getHaproxyCfg() {
            return haproxyCfg;
        }

        public void setHaproxyCfg(Resource haproxyCfg) {
            this.haproxyCfg = haproxyCfg;
        }

        public String getProxy() {
            return proxy;
        }

        public void setProxy(String proxy) {
            this.proxy = proxy;
        }

        public String getEngine() {
            return engine;
        }

        public void setEngine(String engine) {
            this.engine = engine;
        }

        public FailurePolicy getFailurePolicy() {
            return failurePolicy;
        }

        public void setFailurePolicy(FailurePolicy failurePolicy) {
            this.failurePolicy = failurePolicy;
        }

        public int getFailClosedStatus() {
            return failClosedStatus;
        }

        public void setFailClosedStatus(int failClosedStatus) {
            this.failClosedStatus = failClosedStatus;
        }

        public List<String> getRules() {
            return rules;
        }

        public void setRules(List<String> rules) {
            this.rules = rules;
        }

        public String getVariableHeaderPrefix() {
            return variableHeaderPrefix;
        }

        public void setVariableHeaderPrefix(String variableHeaderPrefix) {
            this.variableHeaderPrefix = variableHeaderPrefix;
        }

        public boolean isRequestVariableHeaders() {
            return requestVariableHeaders;
        }

        public void setRequestVariableHeaders(boolean requestVariableHeaders) {
            this.requestVariableHeaders = requestVariableHeaders;
        }

        public boolean isResponseVariableHeaders() {
            return responseVariableHeaders;
        }

        public void setResponseVariableHeaders(boolean responseVariableHeaders) {
            this.responseVariableHeaders = responseVariableHeaders;
        }

        public DataSize getMaxBodyBytes() {
            return maxBodyBytes;
        }

        public void setMaxBodyBytes(DataSize maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }

        public String getUniqueIdFormat() {
            return uniqueIdFormat;
        }

        public void setUniqueIdFormat(String uniqueIdFormat) {
            this.uniqueIdFormat = uniqueIdFormat;
        }

        public String getUniqueIdHeader() {
            return uniqueIdHeader;
        }

        public void setUniqueIdHeader(String uniqueIdHeader) {
            this.uniqueIdHeader = uniqueIdHeader;
        }

        public Duration getTarpitTimeout() {
            return tarpitTimeout;
        }

        public void setTarpitTimeout(Duration tarpitTimeout) {
            this.tarpitTimeout = tarpitTimeout;
        }

        public boolean isStrict() {
            return strict;
        }

        public void setStrict(boolean strict) {
            this.strict = strict;
        }
    }

    /** Spring Cloud Gateway: the engine every route runs ({@code spoe4j.gateway.global-filter=coraza}). */
    public static class Gateway {
        /** The engine the {@code GlobalFilter} runs on every route; none when unset. */
        private String globalFilter;

        public String getGlobalFilter() {
            return globalFilter;
        }

        public void setGlobalFilter(String globalFilter) {
            this.globalFilter = globalFilter;
        }
    }

    /** Plain WebFlux applications: the engine the {@code WebFilter} runs ({@code spoe4j.web-filter.engine=coraza}). */
    public static class WebFilter {
        /** The engine the WebFilter runs on every request; no WebFilter when unset. */
        private String engine;
        /** The WebFilter's order: early by default, so the handlers see the rules' rewrites. */
        private int order = SpoeWebFilter.DEFAULT_ORDER;

        public String getEngine() {
            return engine;
        }

        public void setEngine(String engine) {
            this.engine = engine;
        }

        public int getOrder() {
            return order;
        }

        public void setOrder(int order) {
            this.order = order;
        }
    }
}
