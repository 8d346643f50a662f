package io.spoe4j.config.internal;

import io.spoe4j.acl.Acl;
import io.spoe4j.config.Origin;
import io.spoe4j.config.UseBackendRule;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of a haproxy.cfg proxy section while it is read; a {@code defaults} section is copied
 * into the proxies that follow it ({@link #inherit}).
 */
final class ProxyState {
    /** A warning about a word of a line, given only if the section turns out to be in {@code mode http}. */
    record HttpNote(int line, Word word, String message) {
    }

    /** A {@code server} line, parsed when the section ends (its mode decides how), with the default-server settings of its time. */
    record ServerLine(int line, List<Word> words, ServerOptions defaults) {
    }

    final String kind;
    final String name;
    final Origin origin;
    /** A {@code defaults} section without a name (HAProxy refuses rules there). */
    final boolean anonymous;
    String mode = "tcp";
    Word balance;
    int balanceLine;
    boolean spopCheck;
    Duration connect;
    Duration server;
    Duration tarpit;
    /** {@code option forwardfor}, or null. */
    io.spoe4j.config.HttpProxyConfig.ForwardFor forwardFor;
    Duration client;
    Duration httpRequest;
    Duration httpKeepAlive;
    Integer maxconn;
    Integer retries;
    /** The section's {@code bind} lines (not inherited). */
    final List<io.spoe4j.config.BindConfig> binds = new ArrayList<>();
    final ServerOptions defaultServer = new ServerOptions();
    final List<ServerLine> servers = new ArrayList<>();
    final Map<String, Acl> acls = new LinkedHashMap<>();
    /** {@code errorfile} contents by status, those of {@code defaults} first. */
    final Map<Integer, byte[]> errorfiles = new LinkedHashMap<>();
    String uniqueIdFormat;
    Origin uniqueIdOrigin;
    String uniqueIdHeader;
    /** The {@code default_backend} of the section (or inherited from {@code defaults}). */
    UseBackendRule defaultBackend;
    /** The first {@code http-*} rule line and its keyword, to warn when the section is not in {@code mode http}. */
    int firstHttpRuleLine;
    Word firstHttpRule;
    /** Whether an {@code http-request} rule was read (a later {@code tcp-request} rule still runs first). */
    boolean sawHttpRequest;
    /** The HTTP rule sets whose last rule so far is final and unconditional: later rules never run. */
    final Set<String> endedRuleSets = new HashSet<>();
    /** Settings spoe4j does not apply to HTTP traffic, warned about when the section is in {@code mode http}. */
    final List<HttpNote> httpNotes = new ArrayList<>();

    ProxyState(String kind, String name, Origin origin, boolean anonymous) {
        this.kind = kind;
        this.name = name;
        this.origin = origin;
        this.anonymous = anonymous;
    }

    void inherit(ProxyState d) {
        mode = d.mode;
        balance = d.balance;
        balanceLine = d.balanceLine;
        spopCheck = d.spopCheck;
        connect = d.connect;
        server = d.server;
        tarpit = d.tarpit;
        forwardFor = d.forwardFor;
        client = d.client;
        httpRequest = d.httpRequest;
        httpKeepAlive = d.httpKeepAlive;
        maxconn = d.maxconn;
        retries = d.retries;
        defaultServer.copyFrom(d.defaultServer);
        errorfiles.putAll(d.errorfiles);
        uniqueIdFormat = d.uniqueIdFormat;
        uniqueIdOrigin = d.uniqueIdOrigin;
        uniqueIdHeader = d.uniqueIdHeader;
        defaultBackend = d.defaultBackend;
    }

    boolean isHttp() {
        return mode.equals("http");
    }

    /** A {@code backend} or {@code listen} section. */
    boolean backendCapable() {
        return kind.equals("backend") || kind.equals("listen");
    }
}
