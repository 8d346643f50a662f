package io.spoe4j.netty.internal;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.Executor;

/**
 * The executor a channel's HTTP transaction continues on: a task given on the channel's event loop
 * runs at once, one given on another thread is queued to the loop. The engine completes an exchange
 * on the agent connection's loop, which is the channel's own when the pool's loop affinity holds:
 * the next step then runs inside that ACK's read instead of a task later in the same loop pass.
 */
final class LoopExecutor implements Executor {
    private final EventExecutor loop;

    LoopExecutor(EventExecutor loop) {
        this.loop = loop;
    }

    @Override
    public void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
