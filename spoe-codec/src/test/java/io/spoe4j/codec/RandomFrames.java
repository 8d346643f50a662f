package io.spoe4j.codec;

import io.spoe4j.codec.Frame.Ack;
import io.spoe4j.codec.Frame.AgentDisconnect;
import io.spoe4j.codec.Frame.AgentHello;
import io.spoe4j.codec.Frame.HaproxyDisconnect;
import io.spoe4j.codec.Frame.HaproxyHello;
import io.spoe4j.codec.Frame.Notify;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generators of random values, messages, actions and frames for property and fuzz tests. */
final class RandomFrames {
    private final SplittableRandom random;

    RandomFrames(long seed) {
        this.random = new SplittableRandom(seed);
    }

    SplittableRandom random() {
        return random;
    }

    long anyLong() {
        switch (random.nextInt(4)) {
            case 0: return random.nextInt(240);
            case 1: return random.nextLong(1L << 32);
            case 2: return -random.nextLong(1000);
            default: return random.nextLong();
        }
    }

    String name(int maxLength) {
        int n = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(20);
            sb.append(kind == 0 ? (char) (0xE9) : kind == 1 ? '\u20ac' : (char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    byte[] bytes(int maxLength) {
        byte[] b = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    TypedValue value() {
        switch (random.nextInt(10)) {
            case 0: return TypedValue.NULL;
            case 1: return TypedValue.bool(random.nextBoolean());
            case 2: return new TypedValue.Int32(anyLong());
            case 3: return new TypedValue.Uint32(random.nextLong(1L << 32));
            case 4: return TypedValue.int64(anyLong());
            case 5: return TypedValue.uint64(anyLong());
            case 6: return new TypedValue.Ipv4(bytesOf(4));
            case 7: return new TypedValue.Ipv6(bytesOf(16));
            case 8: return new TypedValue.Str(bytes(300));
            default: return new TypedValue.Binary(bytes(300));
        }
    }

    private byte[] bytesOf(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    Message message() {
        int n = random.nextInt(6);
        List<Arg> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            args.add(new Arg(name(12), value()));
        }
        return new Message(name(20), args);
    }

    Action action() {
        Scope scope = Scope.of(random.nextInt(5));
        return random.nextInt(4) == 0 ? Action.unsetVar(scope, name(20)) : Action.setVar(scope, name(20), value());
    }

    Frame frame() {
        switch (random.nextInt(7)) {
            case 0:
                return new HaproxyHello("2.0", random.nextLong(256, 1 << 20), random.nextBoolean() ? "pipelining" : "",
                        random.nextBoolean() ? name(36) : null, random.nextBoolean());
            case 1:
                return new AgentHello(random.nextBoolean() ? "2.0" : null, random.nextBoolean() ? random.nextLong(1 << 20) : -1,
                        random.nextBoolean() ? "pipelining,async" : null);
            case 2:
                return new HaproxyDisconnect(random.nextInt(100), name(30));
            case 3:
                return new AgentDisconnect(random.nextBoolean() ? random.nextInt(200) : -1, random.nextBoolean() ? name(30) : null);
            case 4: {
                int n = random.nextInt(4);
                List<Message> messages = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    messages.add(message());
                }
                return new Notify(random.nextLong(1L << 31), random.nextLong(1L << 31), messages);
            }
            default: {
                int n = random.nextInt(6);
                List<Action> actions = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    actions.add(action());
                }
                return new Ack(random.nextLong(1L << 31), random.nextLong(1L << 31), actions, random.nextInt(10) == 0);
            }
        }
    }
}
