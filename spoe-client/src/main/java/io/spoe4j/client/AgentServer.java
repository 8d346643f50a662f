package io.spoe4j.client;

import io.spoe4j.AgentAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Objects;

/**
 * One agent server of an engine: a name used in logs, events and replies, and a TCP
 * ({@link InetSocketAddress}) or Unix domain socket ({@link UnixDomainSocketAddress}) address.
 */
public record AgentServer(String name, SocketAddress address) {
    public AgentServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (!(address instanceof InetSocketAddress) && !(address instanceof UnixDomainSocketAddress)) {
            throw new IllegalArgumentException("server address must be TCP or a Unix socket: " + address);
        }
    }

    /** A server named after its address, from {@code HOST:PORT}, {@code [v6]:PORT} or {@code unix:PATH}. */
    public static AgentServer of(String address) {
        SocketAddress parsed = AgentAddress.parse(address);
        return new AgentServer(AgentAddress.format(parsed), parsed);
    }

    public static AgentServer of(String name, String address) {
        return new AgentServer(name, AgentAddress.parse(address));
    }
}
