package io.flashorder.logistics.carrier;

/** What a carrier reports about a parcel. */
public enum TrackingStatus {
    PICKED_UP,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    /** Received by the buyer (with the signer's name). */
    DELIVERED,
    /** The buyer refused the parcel (拒收): it goes back to the sender. */
    REFUSED,
    /** Lost, damaged or delayed ({@link ExceptionReason}). */
    EXCEPTION;

    public enum ExceptionReason { LOST, DAMAGED, DELAYED }
}
