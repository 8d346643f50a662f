package io.spoe4j.client.internal;

import java.util.List;

/**
 * Marks this module's own immutable list views (an ACK's actions decoded on first use, the
 * variables a result applied), so that the public records holding them ({@code AgentReply},
 * {@code SpoeResult}) keep them instead of copying them: a copy would build every element the view
 * exists to defer. An implementation never changes after construction and holds no null element.
 */
public interface TrustedList {

    /** {@code list} itself when it is a trusted view, else {@link List#copyOf}. */
    static <T> List<T> copyOf(List<T> list) {
        return list instanceof TrustedList ? list : List.copyOf(list);
    }
}
