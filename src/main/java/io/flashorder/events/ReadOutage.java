package io.flashorder.events;

import io.quarkus.logging.Log;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Says once per outage, for all the loops of one group, that its new entries cannot be read, and once that they can
 * again: when Redis goes away, each of the group's streams fails on its own (seventeen for webhook delivery), and a
 * line per stream and attempt would bury everything else in the log.
 */
final class ReadOutage {

    private final String group;
    private final AtomicInteger failing = new AtomicInteger();

    ReadOutage(String group) {
        this.group = group;
    }

    /** The first failure of a loop that was reading. */
    void failed(String stream, Throwable failure) {
        if (failing.getAndIncrement() == 0) {
            Log.warnf("Reading new entries of group %s failed (%s on %s); retrying from %d ms on, doubling",
                    group, failure.toString(), stream, NewEntriesLoop.FIRST_PAUSE.toMillis());
        } else {
            Log.debugf("Reading %s for group %s failed: %s", stream, group, failure.toString());
        }
    }

    /** A loop that had failed read again. */
    void recovered(String stream) {
        if (failing.decrementAndGet() == 0) {
            Log.infof("Reading new entries of group %s again", group);
        } else {
            Log.debugf("Reading %s for group %s again", stream, group);
        }
    }
}
