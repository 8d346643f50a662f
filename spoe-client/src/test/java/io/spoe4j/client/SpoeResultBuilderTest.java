package io.spoe4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spoe4j.codec.Action;
import io.spoe4j.codec.Scope;
import io.spoe4j.codec.TypedValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpoeResult.Builder}: defaults, the same record as the canonical constructor, checks. */
class SpoeResultBuilderTest {

    @Test
    void defaultsDescribeNothingHappened() {
        SpoeResult r = SpoeResult.builder().engine("e").event("on-frontend-http-request")
                .skipped(SpoeResult.SkipReason.NO_MESSAGE).build();
        assertEquals(new SpoeResult("e", SpoeResult.Kind.EVENT, "on-frontend-http-request", SpoeResult.Status.SKIPPED,
                SpoeResult.SkipReason.NO_MESSAGE, 0, null, List.of(), SpoeResult.Payload.NONE, 0, List.of(), List.of(),
                List.of(), null, -1, -1, -1, 0, FailurePolicy.FAIL_OPEN), r);
    }

    @Test
    void everyFieldReachesTheRecordAndToBuilderCopies() {
        Action a = Action.setVar(Scope.TXN, "score", TypedValue.int64(7));
        SpoeResult r = SpoeResult.builder().engine("e").group("g").processed().messages(List.of("m1", "m2"))
                .payload(SpoeResult.Payload.FRAGMENTED, 20_000).actions(List.of(a))
                .applied(List.of(new SpoeResult.Variable("txn.x.score", null)))
                .dropped(List.of(new SpoeResult.DroppedVariable("proc.x.y", SpoeResult.DropReason.NOT_REGISTERED)))
                .server("127.0.0.1:12345").ids(3, 1).times(12, 40).policy(FailurePolicy.FAIL_CLOSED).build();
        assertEquals(new SpoeResult("e", SpoeResult.Kind.GROUP, "g", SpoeResult.Status.PROCESSED, null, 0, null,
                List.of("m1", "m2"), SpoeResult.Payload.FRAGMENTED, 20_000, List.of(a),
                List.of(new SpoeResult.Variable("txn.x.score", null)),
                List.of(new SpoeResult.DroppedVariable("proc.x.y", SpoeResult.DropReason.NOT_REGISTERED)),
                "127.0.0.1:12345", 3, 1, 12, 40, FailurePolicy.FAIL_CLOSED), r);
        assertEquals(r, r.toBuilder().build());
        assertEquals("other", r.toBuilder().engine("other").build().engine());
    }

    @Test
    void failedTakesTheErrorsCodeAndServer() {
        SpoeTimeoutException error = new SpoeTimeoutException("processing timeout of 50 ms", "srv",
                SpoeTimeoutException.Phase.ACK);
        SpoeResult r = SpoeResult.builder().engine("e").event("ev").failed(error).policy(FailurePolicy.FAIL_CLOSED)
                .build();
        assertSame(error, r.error());
        assertEquals(1, r.errorCode());
        assertEquals("srv", r.server());
        assertTrue(r.shouldBlock());
        assertNull(r.skipReason());
    }

    @Test
    void requiredFieldsAndStatusAgreementAreChecked() {
        assertThrows(IllegalStateException.class, () -> SpoeResult.builder().event("ev").processed().build());
        assertThrows(IllegalStateException.class, () -> SpoeResult.builder().engine("e").processed().build());
        assertThrows(IllegalStateException.class, () -> SpoeResult.builder().engine("e").event("ev").build());
        assertThrows(IllegalStateException.class,
                () -> SpoeResult.builder().engine("e").event("ev").status(SpoeResult.Status.SKIPPED).build());
        assertThrows(IllegalStateException.class, () -> SpoeResult.builder().engine("e").event("ev").processed()
                .skipReason(SpoeResult.SkipReason.DISABLED).build());
        assertThrows(IllegalStateException.class,
                () -> SpoeResult.builder().engine("e").event("ev").processed().errorCode(2).build());
        assertThrows(IllegalStateException.class, () -> SpoeResult.builder().engine("e").event("ev")
                .skipped(SpoeResult.SkipReason.RATE_LIMIT)
                .actions(List.of(Action.unsetVar(Scope.TXN, "x"))).build());
    }

    @Test
    void valuesAreCheckedWhenSet() {
        SpoeResult.Builder b = SpoeResult.builder();
        assertThrows(IllegalArgumentException.class, () -> b.errorCode(-1));
        assertThrows(IllegalArgumentException.class, () -> b.payload(SpoeResult.Payload.FITS, -1));
        assertThrows(IllegalArgumentException.class, () -> b.payload(SpoeResult.Payload.NONE, 10));
        assertThrows(IllegalArgumentException.class, () -> b.ids(-2, 1));
        assertThrows(IllegalArgumentException.class, () -> b.times(-2, 0));
        assertThrows(IllegalArgumentException.class, () -> b.times(0, -1));
        assertThrows(NullPointerException.class, () -> b.engine(null));
        assertThrows(NullPointerException.class, () -> b.policy(null));
    }
}
