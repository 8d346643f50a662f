package io.spoe4j.testkit;

import io.spoe4j.AgentAddress;
import io.spoe4j.codec.Action;
import io.spoe4j.codec.Arg;
import io.spoe4j.codec.Message;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The example agent: the IP-reputation agent of HAProxy's SPOE documentation plus an echo
 * message. Used by the gateway's embedded default, by benchmarks and by {@code spoe4j agent}.
 *
 * <ul>
 * <li>{@code check-client-ip}: takes the arg named {@code ip} (else the first IPV4/IPV6 arg) and
 * sets {@code sess.<prefix>.ip_score} to the UINT32 {@link #ipScore(byte[])} of the address.</li>
 * <li>{@code echo}: sets one txn variable per arg with the same name, type and value (unnamed args
 * become {@code arg0}, {@code arg1}, ... by position).</li>
 * </ul>
 * Other messages are ignored, as a real agent does. Stateless and thread-safe.
 */
public final class ExampleAgent {
    /** The IP-reputation message of HAProxy's documentation. */
    public static final String CHECK_CLIENT_IP = "check-client-ip";
    /** The echo message. */
    public static final String ECHO = "echo";
    /** The variable {@code check-client-ip} sets, in scope {@link Scope#SESS}. */
    public static final String IP_SCORE = "ip_score";
    /** Where {@link #main} listens without {@code --listen}. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:12345";

    private static final String USAGE = "usage: spoe4j agent [--listen HOST:PORT|unix:PATH]   (default "
            + DEFAULT_LISTEN + ")";
    private static final Dispatcher DISPATCHER = notify -> Response.actions(actionsFor(notify.messages()));

    private ExampleAgent() {
    }

    /** Runs the agent until the JVM is stopped (SIGTERM, Ctrl-C), printing its address first. */
    public static void main(String[] args) {
        SocketAddress listen;
        try {
            listen = parseListen(args);
        } catch (IllegalArgumentException e) {
            System.err.println("spoe4j agent: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (listen == null) {
            System.out.println(USAGE);
            return;
        }
        // A process serving until stopped must not keep every NOTIFY it receives.
        SpoaAgent agent = builder().listen(listen).recordNotifies(false).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "spoe4j-agent-shutdown"));
        System.out.println("spoe4j example agent listening on " + agent.endpoint());
        System.out.flush();
        boolean interrupted = false;
        while (stopped.getCount() > 0) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The address given by {@code --listen ADDRESS} or {@code --listen=ADDRESS}, the default without
     * it, or {@code null} for {@code --help}.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static SocketAddress parseListen(String... args) {
        String listen = DEFAULT_LISTEN;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return null;
            } else if (a.equals("--listen")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--listen needs an address (HOST:PORT or unix:PATH)");
                }
                listen = args[++i];
            } else if (a.startsWith("--listen=")) {
                listen = a.substring("--listen=".length());
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        try {
            return AgentAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--listen: " + e.getMessage(), e);
        }
    }

    /** A started example agent on {@code listen} ({@code HOST:PORT}, port 0 for any, or {@code unix:PATH}). */
    public static SpoaAgent start(String listen) {
        return start(AgentAddress.parse(listen));
    }

    /** A started example agent on {@code listen}. */
    public static SpoaAgent start(SocketAddress listen) {
        return builder().listen(listen).build().start();
    }

    /** A builder preset with the example dispatcher, for callers that need other options. */
    public static SpoaAgent.Builder builder() {
        return SpoaAgent.builder().dispatcher(DISPATCHER);
    }

    /** The example behaviour as a dispatcher. */
    public static Dispatcher dispatcher() {
        return DISPATCHER;
    }

    /** The actions the example agent answers to these messages. */
    public static List<Action> actionsFor(List<Message> messages) {
        List<Action> actions = new ArrayList<>(4);
        for (Message m : messages) {
            if (m.name().equals(CHECK_CLIENT_IP)) {
                byte[] ip = clientIp(m);
                if (ip != null) {
                    actions.add(Action.setVar(Scope.SESS, IP_SCORE, TypedValue.uint32(ipScore(ip))));
                }
            } else if (m.name().equals(ECHO)) {
                List<Arg> args = m.args();
                for (int i = 0; i < args.size(); i++) {
                    Arg a = args.get(i);
                    actions.add(Action.setVar(Scope.TXN, a.name().isEmpty() ? "arg" + i : a.name(), a.value()));
                }
            }
        }
        return actions;
    }

    private static byte[] clientIp(Message m) {
        byte[] named = ipBytes(m.arg("ip"));
        if (named != null) {
            return named;
        }
        for (Arg a : m.args()) {
            byte[] b = ipBytes(a.value());
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static byte[] ipBytes(TypedValue v) {
        if (v instanceof TypedValue.Ipv4 v4) {
            return v4.address();
        }
        if (v instanceof TypedValue.Ipv6 v6) {
            return v6.address();
        }
        return null;
    }

    /**
     * The deterministic reputation score of an address, in 0..100: the 32-bit FNV-1a hash of the
     * address bytes (4 for IPv4, 16 for IPv6, network order), as unsigned, modulo 101.
     */
    public static long ipScore(byte[] address) {
        int h = 0x811C9DC5;
        for (byte b : address) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        return Integer.toUnsignedLong(h) % 101;
    }
}
