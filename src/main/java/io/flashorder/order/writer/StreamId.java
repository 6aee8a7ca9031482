package io.flashorder.order.writer;

/** A Redis stream entry id ({@code <ms>-<seq>}), ordered as Redis orders them. */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

    public static final StreamId ZERO = new StreamId(0, 0);

    public static StreamId parse(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? new StreamId(Long.parseUnsignedLong(id), 0)
                : new StreamId(Long.parseUnsignedLong(id.substring(0, dash)), Long.parseUnsignedLong(id.substring(dash + 1)));
    }

    @Override
    public int compareTo(StreamId other) {
        int byMs = Long.compareUnsigned(ms, other.ms);
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, other.seq);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }
}
