package io.spoe4j.client.internal.connection;

import io.spoe4j.client.SpoeClientException;

/** A connection owner for tests that do not look at what a connection tells its pool. */
public final class IgnoringOwner implements ConnectionOwner {
    public static final ConnectionOwner INSTANCE = new IgnoringOwner();

    private IgnoringOwner() {
    }

    @Override
    public void ready(AgentConnection c) {
    }

    @Override
    public void slotFreed(AgentConnection c) {
    }

    @Override
    public void closed(AgentConnection c, SpoeClientException cause, boolean wasReady) {
    }

    @Override
    public void redispatch(PendingRequest r) {
    }
}
