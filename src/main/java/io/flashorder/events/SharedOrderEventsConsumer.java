package io.flashorder.events;

import io.flashorder.platform.Ids;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.List;

/**
 * Reads {@value EventStreams#ORDERS} once for every in-pod consumer ({@link SharedGroupMember}s: the analytics
 * rollups, the buyer notices, and the webhooks' forwarder), as a consumer of the group
 * {@value EventStreams#ANALYTICS_NOTIFICATIONS_GROUP}
 * ({@link StreamGroupConsumer}: at least once, retries with back-off, give-up after the last attempt): one group read
 * and one acknowledgement per entry instead of one per member, which is what an entry costs Redis most. Each read's
 * entries go to every member at once ({@link AllMembersHandler}); an entry is acknowledged when all finished with
 * it. Merchants' webhooks are not called from here: a merchant endpoint that is down is retried for minutes and must
 * neither repeat the buyers' side nor wait for it, so their member only copies the events of merchants with a webhook
 * to a stream that delivery reads with a group of its own (an event for a merchant without one costs no more Redis).
 * The groups the members read alone before are handed over once ({@link RetiredGroups}).
 */
@ApplicationScoped
public class SharedOrderEventsConsumer {

    /** The scheduler identity of the retry pass (a test pauses it to show new entries need none). */
    public static final String RETRY_PASS = "shared-order-events";
    private static final int PARALLEL = 8;

    private final List<SharedGroupMember> members;
    private final StreamGroupReaders readers;
    private final StreamGroupConsumer reader;
    private final RetiredGroups retired;

    public SharedOrderEventsConsumer(ReactiveRedisDataSource redis, StreamGroupReaders readers, EventsConfig config,
                                     Instance<SharedGroupMember> members, EventPayloads payloads) {
        this.members = members.stream().sorted(Comparator.comparing(SharedGroupMember::name)).toList();
        this.readers = readers;
        String pod = Ids.newId().toString();
        this.reader = readers.consumer(EventStreams.ANALYTICS_NOTIFICATIONS_GROUP, "shared-" + pod,
                List.of(EventStreams.ORDERS), PARALLEL, new AllMembersHandler(this.members, payloads));
        this.retired = new RetiredGroups(redis, config, EventStreams.ORDERS, EventStreams.ANALYTICS_NOTIFICATIONS_GROUP,
                this.members, config.retiredGroupLiveWithin(), pod);
        List<String> off = this.members.stream().filter(member -> !member.enabled()).map(SharedGroupMember::name)
                .toList();
        if (!off.isEmpty() && off.size() < this.members.size()) {
            // Operators turning one side off would not expect the other to stop too: say it where they look.
            Log.warnf("%s off on this pod: this pod reads no order events for %s either (the group %s is read only"
                    + " where every member runs)", off, this.members.stream().filter(SharedGroupMember::enabled)
                    .map(SharedGroupMember::name).toList(), EventStreams.ANALYTICS_NOTIFICATIONS_GROUP);
        }
    }

    /**
     * Runs only on pods that run every member: an entry is acknowledged for all of them at once. Once the retired
     * groups are handed over, new entries are read as they are appended ({@link StreamGroupReaders}); this pass then
     * only retries the entries due for it.
     */
    @Scheduled(identity = RETRY_PASS, every = "${flashorder.events.shared-every}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        if (members.isEmpty() || !members.stream().allMatch(SharedGroupMember::enabled)) {
            return Uni.createFrom().voidItem();
        }
        return retired.handOver()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Hand-over from the retired groups on %s failed (next run retries): %s",
                            EventStreams.ORDERS, failure.toString());
                    return false;
                })
                .chain(readable -> {
                    if (!readable) {
                        return Uni.createFrom().voidItem();
                    }
                    readers.readAsAppended(reader);
                    return reader.retryDue();
                });
    }
}
