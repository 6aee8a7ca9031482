package io.flashorder.platform;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void idsAreVersion7AndStrictlyIncreasingInPostgresOrder() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.newId());
        }
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        // PostgreSQL compares uuids bytewise; the canonical lowercase hex text sorts the same way.
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i).toString()).isGreaterThan(ids.get(i - 1).toString());
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void idsStayUniqueAcrossThreads() {
        var seen = ConcurrentHashMap.<UUID>newKeySet();
        IntStream.range(0, 200_000).parallel().forEach(i -> seen.add(Ids.newId()));
        assertThat(seen).hasSize(200_000);
    }

    @Test
    void idsCarryTheirCreationTime() {
        long before = System.currentTimeMillis();
        UUID id = Ids.newId();
        long after = System.currentTimeMillis();
        long millis = id.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after + 1000);
    }

    @Test
    void theFloorOfAnInstantSortsBeforeEveryIdIssuedFromThenAndAfterEveryEarlierOne() {
        Instant now = Instant.now();
        UUID floor = Ids.floorOf(now);
        UUID issued = Ids.newId();
        UUID earlier = Ids.floorOf(now.minusMillis(1));
        assertThat(floor.version()).isEqualTo(7);
        assertThat(floor.toString()).isLessThanOrEqualTo(issued.toString()).isGreaterThan(earlier.toString());
    }
}
