package io.spoe4j.spring;

import io.spoe4j.client.SpoeEngine;
import java.util.List;
import java.util.Map;

/**
 * The engines of {@code spoe4j.engines.*}, by name: the bean the filters take theirs from. It owns
 * the SPOE engines (their agent connections run on Reactor Netty's event loops) and closes them
 * when the application stops, after the web server. Thread-safe.
 */
public interface SpoeProcessors {

    /** The processor named {@code name}; {@link IllegalArgumentException} naming the known ones when there is none. */
    SpoeProcessor get(String name);

    /** Every processor, in property order. */
    Map<String, SpoeProcessor> all();

    /** Every SPOE engine of every processor. */
    List<SpoeEngine> engines();
}
