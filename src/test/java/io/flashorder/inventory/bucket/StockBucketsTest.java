package io.flashorder.inventory.bucket;

import io.flashorder.inventory.InventoryKeys;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StockBucketsTest {

    @Property
    void aLoadIsSplitEvenlyAndExactly(@ForAll @LongRange(max = 10_000_000_000L) long units,
                                      @ForAll @IntRange(min = 1, max = StockBuckets.MAX) int buckets) {
        List<Long> shares = StockBuckets.split(units, buckets);
        assertThat(shares).hasSize(buckets);
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(units);
        long smallest = shares.stream().mapToLong(Long::longValue).min().orElseThrow();
        long largest = shares.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(largest - smallest).isLessThanOrEqualTo(1);
    }

    @Property
    void aBuyersHomeIsStableAndInRange(@ForAll @IntRange(min = 1, max = StockBuckets.MAX) int buckets) {
        String buyer = UUID.randomUUID().toString();
        int home = StockBuckets.homeOf(buyer, buckets);
        assertThat(home).isBetween(0, buckets - 1).isEqualTo(StockBuckets.homeOf(new String(buyer), buckets));
        assertThat(StockBuckets.fallbacksOf(home, buckets)).hasSize(buckets - 1).doesNotContain(home)
                .doesNotHaveDuplicates();
    }

    @Test
    void buyersSpreadOverTheBuckets() {
        int[] perBucket = new int[3];
        IntStream.range(0, 3000).forEach(i -> perBucket[StockBuckets.homeOf("buyer-" + i, 3)]++);
        assertThat(IntStream.of(perBucket).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(900, 1100));
        // Pinned, so a change of the hash (which would move every buyer's limit and idempotency records) is seen.
        assertThat(StockBuckets.homeOf("buyer-1", 16)).isEqualTo((int) (crc32("buyer-1") % 16));
    }

    @Test
    void oneBucketKeepsTodaysKeys() {
        assertThat(StockBuckets.tag(0)).isEqualTo(InventoryKeys.PARTITION);
        assertThat(StockBuckets.homeOf(UUID.randomUUID().toString(), 1)).isZero();
        assertThat(StockBuckets.split(7, 1)).containsExactly(7L);
    }

    @Test
    void everyThreeBucketsInARowLieOnThreeDifferentPrimariesOfADefaultThreeNodeCluster() {
        Set<Integer> slots = new HashSet<>();
        for (int bucket = 0; bucket < StockBuckets.MAX; bucket++) {
            String tag = StockBuckets.tag(bucket);
            assertThat(tag).startsWith("{").endsWith("}");
            slots.add(slotOf(tag.substring(1, tag.length() - 1)));
        }
        assertThat(slots).hasSize(StockBuckets.MAX);
        for (int first = 0; first + 2 < StockBuckets.MAX; first++) {
            Set<Integer> thirds = new HashSet<>();
            for (int bucket = first; bucket < first + 3; bucket++) {
                String tag = StockBuckets.tag(bucket);
                thirds.add(thirdOf(slotOf(tag.substring(1, tag.length() - 1))));
            }
            assertThat(thirds).as("buckets %d..%d", first, first + 2).hasSize(3);
        }
    }

    @Test
    void countsOutsideOneToSixteenAreRefused() {
        assertThatThrownBy(() -> StockBuckets.split(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StockBuckets.homeOf("b", 17)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StockBuckets.split(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Redis Cluster's key slot: CRC16 (XMODEM) of the hash tag, modulo 16384. */
    private static int slotOf(String tag) {
        int crc = 0;
        for (byte b : tag.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xffff;
            }
        }
        return crc % 16384;
    }

    /** redis-cli --cluster create gives three primaries the slots 0-5460, 5461-10922 and 10923-16383. */
    private static int thirdOf(int slot) {
        return slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2;
    }

    private static long crc32(String text) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
