package io.flashorder.pricing.engine;

import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.quote.PricingError;
import io.flashorder.pricing.quote.PricingException;
import io.flashorder.pricing.quote.ShippingQuote;

/**
 * Step 6: one shipping fee per merchant order, from its template for the destination region. Free when the
 * merchant's goods payable after every discount reaches the template's threshold: the buyer sees the same
 * amount the threshold is measured on.
 */
public final class ShippingStep {

    private ShippingStep() {
    }

    static void apply(MerchantCart merchant, String regionCode) {
        long weight = 0;
        try {
            for (PricedLine line : merchant.lines) {
                weight = Math.addExact(weight, Math.multiplyExact((long) line.sku.weightGrams(), line.quantity));
            }
            merchant.shipping = quote(merchant.shippingTemplate, regionCode, weight, merchant.remaining());
        } catch (ArithmeticException overflow) {
            throw new PricingException(PricingError.AMOUNT_OUT_OF_RANGE, merchant.merchantId,
                    "the shipping fee is out of range");
        }
    }

    /**
     * The fee of {@code weightGrams} to {@code regionCode} by {@code template}, free from its threshold of goods
     * payable. Also used to re-price a paid order whose address changed.
     *
     * @throws ArithmeticException when the fee is out of range
     */
    public static ShippingQuote quote(ShippingTemplate template, String regionCode, long weightGrams,
                                      long goodsPayable) {
        long standardFee = feeByWeight(template, weightGrams);
        Long threshold = template.freeShippingThreshold() == null
                ? null : template.freeShippingThreshold().amountMinor();
        boolean free = threshold != null && goodsPayable >= threshold;
        return new ShippingQuote(template.templateId(), regionCode, weightGrams, standardFee, threshold, free,
                free ? 0 : standardFee);
    }

    /** First weight covers up to {@code firstWeightGrams}; every started step beyond it costs one step price. */
    static long feeByWeight(ShippingTemplate template, long weightGrams) {
        long fee = template.firstWeightPrice().amountMinor();
        long beyondFirst = weightGrams - template.firstWeightGrams();
        if (beyondFirst > 0) {
            long steps = Math.ceilDiv(beyondFirst, (long) template.stepGrams());
            fee = Math.addExact(fee, Math.multiplyExact(steps, template.stepPrice().amountMinor()));
        }
        return fee;
    }
}
