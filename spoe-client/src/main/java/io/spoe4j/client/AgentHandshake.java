package io.spoe4j.client;

/**
 * What a connection negotiated with its agent: the version the agent chose, the max-frame-size
 * both sides now respect, the agent's raw capabilities string and the capabilities in effect
 * (announced by both sides). Immutable.
 */
public record AgentHandshake(String version, int maxFrameSize, String capabilities, boolean pipelining,
        boolean async, boolean fragmentation) {
}
