package io.flashorder.platform.redis;

import java.util.List;

/**
 * The hash tags that place keys in Redis Cluster slots. {@code {p}} is the partition every script used to share; the
 * others are the slots of hot-SKU stock buckets (see {@code inventory.OrderSlot}), picked so that any three in a row
 * fall into different thirds of the slot space, i.e. on the three primaries {@code redis-cli --cluster create} makes.
 * Data a script of every slot must read (the blacklists) is kept in each of them.
 */
public final class SlotTags {

    public static final List<String> ALL = List.of("{p}", "{p3}", "{p6}", "{p8}", "{p11}", "{p13}", "{p16}",
            "{p19}", "{p21}", "{p22}", "{p24}", "{p25}", "{p26}", "{p28}", "{p29}", "{p30}");

    private SlotTags() {
    }
}
