package io.flashorder.platform.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A Redis answer arriving on another event loop is emitted on the loop that asked for it. */
class CallerContextTest {

    private static final Vertx VERTX = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

    @AfterAll
    static void close() {
        VERTX.close();
    }

    @Test
    void anAnswerArrivingOnAnotherLoopIsEmittedOnTheCallersContext() throws Exception {
        Context caller = ((VertxInternal) VERTX).createEventLoopContext();
        Context connection = ((VertxInternal) VERTX).createEventLoopContext();
        assertThat(threadOf(caller)).isNotSameAs(threadOf(connection)); // two loops, taken in turn
        Uni<String> answerOnTheConnection = Uni.createFrom().emitter(emitter ->
                connection.runOnContext(ignored -> emitter.complete("reserved")));

        CompletableFuture<Context> emittedOn = new CompletableFuture<>();
        caller.runOnContext(ignored -> CallerContext.emitOnCaller(answerOnTheConnection).subscribe()
                .with(answer -> emittedOn.complete(Vertx.currentContext()), emittedOn::completeExceptionally));

        assertThat(emittedOn.get(5, TimeUnit.SECONDS)).isSameAs(caller);
    }

    @Test
    void offAnEventLoopTheAnswerIsEmittedWhereItArrives() {
        Uni<String> answer = Uni.createFrom().item("reserved");
        assertThat(CallerContext.emitOnCaller(answer).await().indefinitely()).isEqualTo("reserved");
    }

    private static Thread threadOf(Context context) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        context.runOnContext(ignored -> thread.complete(Thread.currentThread()));
        return thread.get(5, TimeUnit.SECONDS);
    }
}
