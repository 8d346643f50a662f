package io.spoe4j.testkit;

/** The SPOP capability words an agent may announce in its AGENT-HELLO. */
public enum Capability {
    PIPELINING("pipelining"),
    ASYNC("async"),
    FRAGMENTATION("fragmentation");

    private final String word;

    Capability(String word) {
        this.word = word;
    }

    /** The word as written in the {@code capabilities} string. */
    public String word() {
        return word;
    }
}
