package io.spoe4j.config.internal;

import io.spoe4j.config.ServerConfig;
import java.time.Duration;

/** Server settings collected from {@code default-server} and {@code server} lines before building. */
final class ServerOptions {
    Boolean check;
    Duration inter;
    Integer rise;
    Integer fall;
    Integer weight;
    Integer maxconn;
    Boolean ssl;
    Boolean disabled;

    void copyFrom(ServerOptions o) {
        check = o.check;
        inter = o.inter;
        rise = o.rise;
        fall = o.fall;
        weight = o.weight;
        maxconn = o.maxconn;
        ssl = o.ssl;
        disabled = o.disabled;
    }

    void applyTo(ServerConfig.Builder b) {
        if (check != null) {
            b.check(check);
        }
        if (inter != null) {
            b.inter(inter);
        }
        if (rise != null) {
            b.rise(rise);
        }
        if (fall != null) {
            b.fall(fall);
        }
        if (weight != null) {
            b.weight(weight);
        }
        if (maxconn != null) {
            b.maxconn(maxconn);
        }
        if (ssl != null) {
            b.ssl(ssl);
        }
        if (disabled != null) {
            b.disabled(disabled);
        }
    }
}
