package io.spoe4j.conformance;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A whole haproxy.cfg (and the files it names) run by {@link ActionHarness}: through HAProxy, through
 * the spoe4j gateway built from the same file, and optionally through the Undertow handler. The
 * text holds placeholders each side fills in: {@code @PORT@} (HAProxy's listening port; 0 for
 * spoe4j, which binds its own), {@code @AGENT@} (the side's recording agent), {@code @UP1@} and
 * {@code @UP2@} (the two upstream servers, shared by the sides) and {@code @DIR@} (the directory
 * holding the files, in files too). The agent answers each message with {@link #answer}.
 */
final class ActionSetup {
    final String name;
    final String proxy;
    final String cfg;
    final Map<String, String> files = new LinkedHashMap<>();
    final Map<String, Function<Message, List<Action>>> answers = new LinkedHashMap<>();
    /** NOTIFY args compared by type only (client ports, unique ids). */
    final Set<String> varyingArgs = new LinkedHashSet<>();
    /** Request headers the upstream sees whose values differ by nature (unique ids): compared as {@code <varies>}. */
    final Set<String> varyingHeaders = new LinkedHashSet<>();
    /** What was changed from the documented files (addresses and paths aside), for the README. */
    final List<String> adaptations = new ArrayList<>();
    boolean undertow;

    ActionSetup(String name, String proxy, String cfg) {
        this.name = name;
        this.proxy = proxy;
        this.cfg = cfg;
    }

    /** A file written to {@code @DIR@} (spoe.conf, errorfiles, pages, Lua scripts). */
    ActionSetup file(String fileName, String content) {
        files.put(fileName, content);
        return this;
    }

    ActionSetup answer(String message, Function<Message, List<Action>> actions) {
        answers.put(message, actions);
        return this;
    }

    ActionSetup varyingArgs(String... args) {
        varyingArgs.addAll(List.of(args));
        return this;
    }

    ActionSetup varyingHeaders(String... names) {
        varyingHeaders.addAll(List.of(names));
        return this;
    }

    ActionSetup adapted(String what) {
        adaptations.add(what);
        return this;
    }

    /** Also run the request through the Undertow handler (request-side scenarios that do not route). */
    ActionSetup undertow() {
        this.undertow = true;
        return this;
    }

    /** The actions for one NOTIFY: those of each of its messages, in order. */
    List<Action> actionsFor(List<Message> messages) {
        List<Action> out = new ArrayList<>();
        for (Message m : messages) {
            Function<Message, List<Action>> f = answers.get(m.name());
            if (f != null) {
                out.addAll(f.apply(m));
            }
        }
        return out;
    }

    static String fill(String text, int port, String agent, int up1, int up2, String dir) {
        return text.replace("@PORT@", Integer.toString(port)).replace("@AGENT@", agent)
                .replace("@UP1@", Integer.toString(up1)).replace("@UP2@", Integer.toString(up2)).replace("@DIR@", dir);
    }
}
