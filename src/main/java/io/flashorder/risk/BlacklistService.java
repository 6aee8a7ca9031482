package io.flashorder.risk;

import io.flashorder.platform.error.ApiException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Manages the blacklist the reservation script checks. Users are stored as ids; phones and addresses only as
 * fingerprints, so the list holds no personal data in clear.
 */
@ApplicationScoped
public class BlacklistService {

    private final ReactiveSetCommands<String, String> sets;

    public BlacklistService(ReactiveRedisDataSource redis) {
        this.sets = redis.set(String.class);
    }

    /** Emits true when the entry is new. */
    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public Uni<Boolean> add(BlacklistEntryRequest entry) {
        String member = member(entry);
        return everyCopy(key -> sets.sadd(key, member)).map(added -> added == 1);
    }

    /** Emits true when the entry existed. */
    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public Uni<Boolean> remove(BlacklistEntryRequest entry) {
        String member = member(entry);
        return everyCopy(key -> sets.srem(key, member)).map(removed -> removed == 1);
    }

    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000)
    public Uni<Boolean> contains(BlacklistEntryRequest entry) {
        return sets.sismember(RiskKeys.blacklist(), member(entry));
    }

    /**
     * Applies a change to the copy of every slot (a reservation script reads only its own slot's), all at once; emits
     * what it did to the {@code {p}} copy. A failure part-way leaves some copies behind: the caller sees the failure
     * and repeats the change, which is idempotent.
     */
    private Uni<Integer> everyCopy(Function<String, Uni<Integer>> change) {
        List<Uni<Integer>> changes = RiskKeys.blacklistCopies().stream().map(change).toList();
        return Uni.join().all(changes).andFailFast().map(List::getFirst);
    }

    private static String member(BlacklistEntryRequest entry) {
        String value = entry.value().strip();
        return RiskKeys.blacklistMember(entry.kind(), switch (entry.kind()) {
            case USER -> value;
            case PHONE -> Fingerprints.phone(value);
            case ADDRESS -> {
                if (entry.regionCode() == null || entry.regionCode().isBlank()) {
                    throw ApiException.invalidField("regionCode", "is required for an ADDRESS entry");
                }
                yield Fingerprints.address(entry.regionCode(), value);
            }
        });
    }
}
