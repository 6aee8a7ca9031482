package io.flashorder.logistics.documents;

/** The documents a merchant prints for its parcels. */
public enum DocumentKind {
    /** Units per SKU to take from the shelves, in bin order, over the parcels. */
    PICK_LIST,
    /** One page per parcel: what is in it, for the buyer. */
    PACKING_SLIP,
    /** One label per parcel, laid out by a waybill template. */
    WAYBILL
}
