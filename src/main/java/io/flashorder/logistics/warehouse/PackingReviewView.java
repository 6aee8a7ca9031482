package io.flashorder.logistics.warehouse;

/** A passed packing review: the parcel is READY; {@code weightFlagged} when its weight is off the catalog's. */
public record PackingReviewView(ParcelView parcel, long weightGrams, long expectedWeightGrams, boolean weightFlagged) {
}
