package io.flashorder.platform;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Background runs started from one thread take turns over the event loops. */
class ReactiveContextsTest {

    private static final Vertx VERTX = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

    @AfterAll
    static void close() {
        VERTX.close();
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
}
