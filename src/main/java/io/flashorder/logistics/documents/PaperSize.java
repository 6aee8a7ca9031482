package io.flashorder.logistics.documents;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Paper a template prints on. */
public enum PaperSize {
    A4(PDRectangle.A4),
    A5(PDRectangle.A5),
    A6(PDRectangle.A6),
    LETTER(PDRectangle.LETTER);

    private final PDRectangle rectangle;

    PaperSize(PDRectangle rectangle) {
        this.rectangle = rectangle;
    }

    PDRectangle rectangle() {
        return rectangle;
    }
}
