package io.flashorder.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Where reactive work runs: answers back on the caller's event loop, background runs spread over the loops. */
class ReactiveContextsTest {

    private static final Vertx VERTX = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

    @AfterAll
    static void close() {
        VERTX.close();
    }

    @Test
    void anAnswerArrivingOnAnotherLoopIsEmittedOnTheCallersContext() throws Exception {
        Context caller = ((VertxInternal) VERTX).createEventLoopContext();
        Context connection = ((VertxInternal) VERTX).createEventLoopContext();
        Thread connectionThread = threadOf(connection);
        assertThat(threadOf(caller)).isNotSameAs(connectionThread); // two loops, taken in turn
        Uni<String> answerOnTheConnection = Uni.createFrom().emitter(emitter ->
                connection.runOnContext(ignored -> emitter.complete("reserved")));

        CompletableFuture<Context> emittedOn = new CompletableFuture<>();
        caller.runOnContext(ignored -> ReactiveContexts.onCallerContext(answerOnTheConnection).subscribe()
                .with(answer -> emittedOn.complete(Vertx.currentContext()), emittedOn::completeExceptionally));

        assertThat(emittedOn.get(5, TimeUnit.SECONDS)).isSameAs(caller);
    }

    @Test
    void offAnEventLoopTheAnswerIsEmittedWhereItArrives() {
        Uni<String> answer = Uni.createFrom().item("reserved");
        assertThat(ReactiveContexts.onCallerContext(answer).await().indefinitely()).isEqualTo("reserved");
    }

    @Test
    void backgroundRunsStartedFromOneThreadTakeTurnsOverTheEventLoops() throws Exception {
        ReactiveContexts contexts = new ReactiveContexts(VERTX);
        Set<Thread> loops = ConcurrentHashMap.newKeySet();
        CountDownLatch ran = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            int run = i;
            contexts.run("run " + run, () -> Uni.createFrom().item(() -> {
                loops.add(Thread.currentThread());
                ran.countDown();
                return run;
            }));
        }
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(loops).hasSize(2);
    }

    private static Thread threadOf(Context context) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        context.runOnContext(ignored -> thread.complete(Thread.currentThread()));
        return thread.get(5, TimeUnit.SECONDS);
    }
}
