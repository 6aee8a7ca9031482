package io.flashorder.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Carries the global registration of {@link FreshRedis}: every application the tests start gets it. */
@QuarkusTestResource(value = FreshRedis.class, restrictToAnnotatedClass = false)
public final class FreshRedisResource {

    private FreshRedisResource() {
    }
}
