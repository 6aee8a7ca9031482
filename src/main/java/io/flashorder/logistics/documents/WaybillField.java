package io.flashorder.logistics.documents;

/** What a waybill template may put on a label, in the order it lists them. */
public enum WaybillField {
    CARRIER,
    TRACKING_NUMBER,
    RECIPIENT,
    PHONE,
    ADDRESS,
    REGION,
    WEIGHT,
    DECLARED_VALUE,
    COD,
    ORDER_ID,
    PARCEL_ID,
    WAREHOUSE,
    ITEMS
}
