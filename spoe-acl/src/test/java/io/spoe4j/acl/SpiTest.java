package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User fetches and converters registered through the SPI behave like built-ins. */
class SpiTest {

    /** A fetch returning the request's header count, plus an optional minimum. */
    private static final SampleFetch HEADER_COUNT = new SampleFetch() {
        @Override
        public String name() {
            return "x.header_count";
        }

        @Override
        public Sample.Type type() {
            return Sample.Type.INT;
        }

        @Override
        public Function compile(List<String> args) {
            if (args.size() > 1) {
                throw new IllegalArgumentException("expects at most one argument");
            }
            long min = args.isEmpty() ? 0 : Long.parseLong(args.get(0));
            return a -> Sample.integer(Math.max(min, a.requestHeaders().size()));
        }
    };

    /** A converter reversing a string. */
    private static final Converter REVERSE = new Converter() {
        @Override
        public String name() {
            return "reverse";
        }

        @Override
        public Sample.Type inputType() {
            return Sample.Type.STR;
        }

        @Override
        public Sample.Type outputType() {
            return Sample.Type.STR;
        }

        @Override
        public Function compile(List<String> args) {
            return (s, a) -> Sample.str(new StringBuilder(((Sample.Str) s).value()).reverse().toString());
        }
    };

    private static final AclCompiler C = AclCompiler.builder().register(HEADER_COUNT).register(REVERSE).build();

    @Test
    void registeredFetchAndConverterWork() {
        RequestAttributes r = Requests.full().build();
        assertEquals(Sample.integer(8), C.sample("x.header_count").evaluate(r));
        assertEquals(Sample.integer(50), C.sample("x.header_count(50)").evaluate(r));
        assertEquals(Sample.str("moc.elpmaxE.1ppA"), C.sample("req.hdr(host),reverse").evaluate(r));
        // the input of a converter is cast first: an int becomes its decimal string
        assertEquals(Sample.str("321"), C.sample("int(123),reverse").evaluate(r));
        assertNull(C.sample("req.hdr(none),reverse").evaluate(r));
    }

    @Test
    void registeredKeywordsWorkInAclsWithTheirTypeDefault() {
        RequestAttributes r = Requests.full().build();
        assertTrue(C.acl("many", List.of("x.header_count", "gt", "5")).matches(r));
        assertTrue(C.condition(List.of("if", "{", "path,reverse", "-m", "beg", "smeti", "}"), Map.of()).test(r));
    }

    @Test
    void spiArgumentErrorsBecomeExpressionErrors() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> C.sample("x.header_count(1,2)"));
        assertEquals("in 'x.header_count': expects at most one argument", e.reason());
        assertEquals(15, e.offset());
        ExpressionException n = assertThrows(ExpressionException.class, () -> C.sample("x.header_count(abc)"));
        assertTrue(n.reason().startsWith("in 'x.header_count': For input string"), n.reason());
    }

    @Test
    void anExtensionThrowingSomethingElseStillGivesAPositionedError() {
        SampleFetch broken = new SampleFetch() {
            @Override
            public String name() {
                return "x.broken";
            }

            @Override
            public Sample.Type type() {
                return Sample.Type.STR;
            }

            @Override
            public Function compile(List<String> args) {
                throw new IllegalStateException("not configured");
            }
        };
        AclCompiler c = AclCompiler.builder().register(broken).build();
        ExpressionException e = assertThrows(ExpressionException.class, () -> c.sample("x.broken(a)"));
        assertEquals("in 'x.broken': invalid arguments (IllegalStateException: not configured)", e.reason());
        assertEquals(9, e.offset());
    }

    @Test
    void unregisteredCompilerDoesNotKnowThem() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> AclCompiler.standard().sample("reverse"));
        assertEquals("unknown fetch 'reverse'", e.reason());
    }

    @Test
    void invalidNamesAreRejectedWhenRegistering() {
        SampleFetch bad = new SampleFetch() {
            @Override
            public String name() {
                return "bad name";
            }

            @Override
            public Sample.Type type() {
                return Sample.Type.STR;
            }

            @Override
            public Function compile(List<String> args) {
                return a -> null;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AclCompiler.builder().register(bad));
        assertTrue(e.getMessage().contains("'bad name'"));
    }

    @Test
    void aRegisteredFetchReplacesABuiltIn() {
        SampleFetch fixedSrc = new SampleFetch() {
            @Override
            public String name() {
                return "unique-id";
            }

            @Override
            public Sample.Type type() {
                return Sample.Type.STR;
            }

            @Override
            public Function compile(List<String> args) {
                return a -> Sample.str("fixed");
            }
        };
        AclCompiler c = AclCompiler.builder().register(fixedSrc).build();
        assertEquals(Sample.str("fixed"), c.sample("unique-id").evaluate(Requests.bare()));
    }
}
